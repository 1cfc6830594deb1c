#pragma once
// One processing pass on the array, one cycle at a time: the PEs, the global
// input networks (filter, ifmap, psum), the vertical psum links, the global output
// network and the GLB's psum bank ports. Plain C++; the SystemC PE-array module
// drives it. Within a cycle the PEs step first, then the links and networks move
// words into the FIFOs, so a word delivered in cycle t is used from cycle t + 1.
//
// Networks: each moves up to its bus width in words per cycle, every word with its
// own (row, col) tag; a multicast word is delivered only when every destination
// can take it (without multicast each destination takes its own bus slot and its
// own read). Row streams and staged filters go in stream order (a blocked word
// blocks those behind it); several word streams, the psum GIN and the GON are
// served round robin. A psum read or write needs its GLB bank's port that cycle.

#include <cstdint>
#include <memory>
#include <vector>

#include "arch/arch_spec.h"
#include "dataflows/schedule.h"
#include "sim/engine/array/bit_set.h"
#include "sim/engine/array/pe_core.h"
#include "sim/engine/exact/steady_state.h"
#include "sim/engine/memory/glb_core.h"
#include "sim/stats/access_counts.h"

namespace accelsim {

// What zero gating saved in a pass: the gated MACs, and of the scratchpad accesses
// they would have made, the weight reads (window mode) and the psum reads and
// writes (each, with a register file).
struct Gating {
  long long macs = 0;
  long long weight_reads = 0;
  long long psum_accesses = 0;
};

struct PassResult {
  long long cycles = 0;
  long long filter_load_cycles = 0;  // ramp-up: cycles until the last stationary weight arrived
  long long filter_release_cycles = 0;  // when the staged filters are no longer needed
  long long glb_port_conflicts = 0;  // words held back a cycle by a busy bank
  AccessCounts counts;
  Gating gating;
  PeStalls stalls;
  int active_pes = 0;
  bool stepped = false;              // simulated cycle by cycle (not from the memo)
  long long skipped_cycles = 0;      // of `cycles`, jumped over in a steady state
};

struct PassOptions {
  // False: timing only. The PEs get zeros and no psum reaches the GLB (exact mode
  // computes the values in bulk, exact/pass_values.h), and zero gating is not counted
  // (it changes counts, never timing; the bulk step counts it).
  bool move_values = true;
  bool skip_steady_state = false;  // exact/steady_state.h; needs move_values == false
  int product_shift = kFractionBits;  // the layer's product bits kept (fixed_point.h)
};

class PassSimulator {
 public:
  // `filter_words`: the pass's staged weights (PassPlan::filter_streams, in order).
  // The GLB holds the block's ifmaps and the tile's psums.
  PassSimulator(const ArchSpec& arch, const PassPlan& plan, GlbCore& glb,
                const std::vector<int16_t>& filter_words, PassOptions options = {});

  // Advances one cycle; false once the pass has finished.
  bool step();
  bool finished() const { return finished_; }
  bool filters_loaded() const { return stationary_left_ == 0; }
  bool filters_released() const { return filters_loaded() && weight_streams_left_ == 0; }
  long long cycle() const { return cycle_; }
  // The PEs, in plan order (trace/trace_recorder.cpp reads what each did per cycle).
  const std::vector<PeCore>& pes() const { return pes_; }
  PassResult result() const;

 private:
  void start_networks();
  void refresh_ready_sets();
  void note_events(size_t pe, unsigned events);
  void update_feedable(size_t chain);
  void move_local_psums();
  void drain_outputs();
  void feed_psums();
  void feed_row_streams(int& words);
  void feed_word_streams(const std::vector<WordStream>& streams,
                         const std::vector<long long>& total, std::vector<long long>& sent,
                         size_t& turn, int& words, int width, bool weights);
  void count_stream_word(bool weights, long long deliveries, long long sent, long long fanout);
  void feed_filters(int& words);
  // Chain `chain`'s `index`-th psum access of its kind asks its bank for a port.
  bool claim_psum_port(size_t chain, long long index, bool write);
  // Steady-state jumps (pass_simulator_jumps.cpp; the rules: exact/steady_state.h).
  void start_steady_state();
  void consider_skipping();
  void try_skip();
  TimingSnapshot snapshot(bool within_task);
  std::vector<long long> tallies();
  template <typename Visit>
  void visit_tallies(Visit visit);
  void count(Level level, DataType type, Action action, long long words = 1) {
    result_.counts.at(level, type, action) += words;
  }

  const ArchSpec& arch_;
  const PassPlan& plan_;
  GlbCore& glb_;
  const std::vector<int16_t>& filter_words_;
  PassOptions options_;
  std::vector<PeCore> pes_;
  // The chains' wiring: per PE, the PE above it (or null), the chain it tops and
  // the chain it is the GLB-fed bottom of (or -1); per chain, its top and bottom.
  std::vector<PeCore*> above_;
  std::vector<int> top_chain_, fed_chain_;
  std::vector<PeCore*> tops_, bottoms_;
  // Exactly the PEs and chains with something to move (kept by note_events and
  // the networks): PEs below a link with an output, chains whose top has an
  // output, chains with GLB psums left whose bottom has room.
  BitSet linked_outputs_, top_outputs_, feedable_;
  long long cycle_ = 0;
  long long skipped_cycles_ = 0;
  bool finished_ = false;
  PassResult result_;
  Level staging_;

  // Stream positions.
  size_t filter_word_ = 0;
  int filter_stream_ = 0, filter_destination_ = 0;
  long long filter_offset_ = 0, stationary_left_ = 0;
  int row_segment_ = 0, row_column_ = 0, row_stream_ = 0, row_channel_ = 0, row_destination_ = 0;
  bool rows_done_ = false;
  std::vector<long long> ifmap_words_sent_, weight_words_sent_;  // per word stream
  std::vector<long long> ifmap_words_total_, weight_words_total_;  // per stream: words x fanout
  size_t ifmap_turn_ = 0, weight_turn_ = 0;
  long long weight_streams_left_ = 0;  // words
  std::vector<long long> chain_outputs_;  // per chain: psums it produces
  std::vector<long long> psums_fed_, psums_out_;  // per chain
  std::vector<AffineCursor> drain_cursors_, feed_cursors_;  // per chain: next psum address
  std::vector<long long> drain_blocked_, feed_blocked_;  // per chain: cycle its bank was busy
  size_t feed_turn_ = 0, drain_turn_ = 0;
  long long outputs_left_ = 0;
  // The search for a steady state: across tasks (snapshots as the anchor PE
  // finishes tasks, the position within a task part of the state) or, when PEs
  // have few but long tasks, within tasks (snapshots every few cycles, the MACs
  // done counted as work).
  std::unique_ptr<SteadyState> steady_;
  bool within_task_ = false;
  const PeCore* anchor_ = nullptr;  // the PE with the most work
  long long anchor_tasks_left_ = 0, snapshot_every_tasks_ = 1;
};

}  // namespace accelsim
