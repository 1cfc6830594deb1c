#pragma once
// One processing element, stepped one cycle at a time (plain C++, no SystemC).
//
// Each cycle the PE
//   1. retires the oldest finished psum from its MAC pipeline into its output FIFO,
//   2. (window mode) moves one ifmap word from its input FIFO into its ifmap
//      scratchpad,
//   3. issues one operation: a MAC, or the addition of the psum that arrived from
//      below, or stalls for a reason that is counted.
// A task (one psum) is a run of MACs plus, with a psum input, one addition; it
// leaves the pipeline `pipeline_stages` cycles after its last operation.
//
// Window mode (schedule.h): the task for (segment, output column f, filter k) is
// channels x taps MACs of stationary weights with the scratchpad's ifmap window;
// an output column's window stays until all its filters are done, then the
// columns the next output no longer needs are released.
// Stream mode: each MAC pops its ifmap word and its weight from the input FIFOs.
// Max pooling (PeOp::max): the same tasks without weights; each operation keeps the
// larger of the psum and the ifmap word (a psum starts at the smallest value), and
// the psum from below is combined the same way.
// With zero gating a zero ifmap skips the weight read and the multiply (the cycle
// is still spent).

#include <cstdint>
#include <vector>

#include "dataflows/mapping.h"
#include "sim/engine/array/ring.h"
#include "sim/engine/data/fixed_point.h"

namespace accelsim {

struct PeCounters {
  long long rf_ifmap_reads = 0, rf_ifmap_writes = 0;
  long long rf_filter_reads = 0, rf_filter_writes = 0;
  long long rf_psum_reads = 0, rf_psum_writes = 0;
  long long macs = 0, gated_macs = 0;
};

// PE-cycles a PE did not issue, by cause.
struct PeStalls {
  long long filter_load = 0;  // weights not all loaded yet (pass ramp-up) or not arrived
  long long ifmap = 0;        // ifmap window incomplete, or ifmap word not arrived
  long long psum = 0;         // psum from below (or the GLB) not there yet
  long long output = 0;       // pipeline full: the output FIFO does not drain
  long long idle = 0;         // work finished, waiting for the pass to end
  PeStalls& operator+=(const PeStalls& other);
  long long total() const { return filter_load + ifmap + psum + output + idle; }
};

struct PeConfig {
  bool streamed = false;     // stream mode (else window mode)
  // Window mode.
  int filters = 0, channels = 0, taps = 0;
  int segments = 0, out_cols = 0;
  int columns = 0;                                        // input columns per segment
  const std::vector<std::vector<int>>* window = nullptr;  // [f][s] -> column index
  int ifmap_spad_words = 0;
  // Stream mode.
  int tasks = 0, macs_per_task = 0;
  // Both.
  bool psum_input = false;
  bool register_file = true;  // false: psums accumulate in the adder's register
  int fifo_words = 0, output_fifo_words = 0;
  int pipeline_stages = 1;
  bool zero_gating = false;
  PeOp op = PeOp::mac;
  int product_shift = kFractionBits;  // the product bits kept: shift..shift+15 (fixed_point.h)
  // False: timing only (exact mode's stepped passes get zeros and move no value to
  // the GLB), so window-mode tasks count their MACs without computing their sums.
  bool compute_values = true;
};

class PeCore {
 public:
  void start(const PeConfig& config);

  // Network side.
  bool ifmap_room() const { return !ifmap_fifo_.full(); }
  void push_ifmap(int16_t value) { ifmap_fifo_.push(value); }
  void push_weight(int16_t value);  // window mode: into the filter scratchpad
  bool weight_room() const { return !weight_fifo_.full(); }
  void push_streamed_weight(int16_t value) { weight_fifo_.push(value); }
  bool psum_room() const { return !psum_fifo_.full(); }
  void push_psum(int16_t value) { psum_fifo_.push(value); }
  bool has_output() const { return !output_fifo_.empty(); }
  int16_t pop_output() { return output_fifo_.pop(); }

  // What a step did that the pass's networks care about (bits of the result).
  static constexpr unsigned kOutputReady = 1;  // a psum entered the output FIFO
  static constexpr unsigned kPsumTaken = 2;    // a psum left the psum input FIFO
  unsigned step(long long cycle);
  bool done() const { return issued_all_ && pipeline_.empty() && output_fifo_.empty(); }

  const PeCounters& counters() const { return counters_; }
  const PeStalls& stalls() const { return stalls_; }

  // Steady-state skipping (exact mode, stream mode; see exact/steady_state.h). The timing
  // state is what decides the PE's next cycles, with pipeline times relative to
  // `cycle`, and, unless `within_task`, the position within the task; the tallies
  // only grow (MACs and tasks done, counters, stalls).
  long long tasks_left() const { return config_.tasks - task_; }
  long long macs_left_in_task() const { return issued_all_ ? 0 : macs_per_task_ - mac_; }
  void append_timing_state(long long cycle, bool within_task, std::vector<long long>& state) const;
  void append_tallies(std::vector<long long>& tallies) const;
  // Sets the tallies from `tallies` (as append_tallies wrote them) and moves the
  // pipeline `cycles` on; returns the position after this PE's tallies.
  const long long* skip(const long long* tallies, long long cycles);

 private:
  struct InFlight {
    int16_t value;
    long long ready_cycle;
  };
  template <typename Visit>
  void visit_tallies(Visit visit);
  bool operands_ready();
  void compute_window_task();
  void count_window_task(long long zeros);
  void issue_mac(long long cycle);
  bool add_psum_input(long long cycle);
  void multiply(int16_t x, int16_t w);
  void take_max(int16_t x);
  int16_t window_max() const;
  int16_t first_psum() const;
  void start_output_column();
  void finish_task(long long cycle);
  void advance_window_task();

  PeConfig config_;
  int weights_needed_ = 0;
  std::vector<int16_t> weights_;            // filter spad: [k][c][s]
  std::vector<int16_t> spad_;               // ifmap spad, a ring over received words
  Ring<int16_t> ifmap_fifo_, weight_fifo_, psum_fifo_, output_fifo_;
  Ring<InFlight> pipeline_;
  long long received_ = 0, released_ = 0;   // ifmap words moved into / freed from the spad
  long long segment_base_ = 0;              // first word of the current segment
  long long window_end_ = 0;                // words the current output column needs
  std::vector<int> tap_slot_;               // [s]: spad slot of (tap s, channel 0)
  int write_slot_ = 0;                      // spad slot of the next received word
  int segment_ = 0, column_ = 0, filter_ = 0;
  long long mac_ = 0;
  long long task_ = 0;
  int macs_per_task_ = 0;
  int16_t psum_ = 0;
  bool issued_all_ = false;
  PeCounters counters_;
  PeStalls stalls_;
};

}  // namespace accelsim
