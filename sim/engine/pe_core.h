#pragma once
// One processing element, stepped one cycle at a time (plain C++, no SystemC).
//
// The PE runs the 1-D convolution primitive of schedule.h. Each cycle it
//   1. retires the oldest finished psum from its MAC pipeline into its output FIFO,
//   2. moves one ifmap word from its input FIFO into the ifmap scratchpad,
//   3. issues one operation: a MAC (one ifmap word x one weight into the running
//      psum), or the addition of the psum that arrived from below,
// or stalls, for a reason that is counted. A task (one psum: filter k, output
// column f) is `channels x taps` MACs plus, with a psum input, one addition; it
// leaves the pipeline `mac_pipeline_stages` cycles after its last operation.
// A zero ifmap with zero gating skips the weight read and the multiply (the
// cycle is still spent). An output column's ifmap window stays in the scratchpad
// until all its filters are done; then the columns the next output no longer
// needs are released.

#include <cstdint>
#include <vector>

#include "sim/engine/ring.h"

namespace accelsim {

struct PeCounters {
  long long rf_ifmap_reads = 0, rf_ifmap_writes = 0;
  long long rf_filter_reads = 0, rf_filter_writes = 0;
  long long rf_psum_reads = 0, rf_psum_writes = 0;
  long long macs = 0, gated_macs = 0;
};

// PE-cycles a PE did not issue, by cause.
struct PeStalls {
  long long filter_load = 0;  // weights not all loaded yet (pass ramp-up)
  long long ifmap = 0;        // ifmap window incomplete
  long long psum = 0;         // psum from below (or the GLB) not there yet
  long long output = 0;       // pipeline full: the output FIFO does not drain
  long long idle = 0;         // work finished, waiting for the pass to end
  PeStalls& operator+=(const PeStalls& other);
  long long total() const { return filter_load + ifmap + psum + output + idle; }
};

struct PeConfig {
  int filters = 0, channels = 0, taps = 0;
  int images = 0, out_cols = 0;
  int columns = 0;                              // input columns per image row
  const std::vector<std::vector<int>>* window = nullptr;  // [f][s] -> column index
  bool psum_input = false;
  int ifmap_spad_words = 0, fifo_words = 0, output_fifo_words = 0;
  int pipeline_stages = 1;
  bool zero_gating = false;
};

class PeCore {
 public:
  void start(const PeConfig& config);

  // Network side.
  bool ifmap_room() const { return !ifmap_fifo_.full(); }
  void push_ifmap(int16_t value) { ifmap_fifo_.push(value); }
  void push_weight(int16_t value);
  bool psum_room() const { return !psum_fifo_.full(); }
  int psum_space() const { return psum_fifo_.room(); }
  void push_psum(int16_t value) { psum_fifo_.push(value); }
  bool has_output() const { return !output_fifo_.empty(); }
  int16_t pop_output() { return output_fifo_.pop(); }

  void step(long long cycle);
  bool done() const { return issued_all_ && pipeline_.empty() && output_fifo_.empty(); }

  const PeCounters& counters() const { return counters_; }
  const PeStalls& stalls() const { return stalls_; }

 private:
  struct InFlight {
    int16_t value;
    long long ready_cycle;
  };
  void start_output_column();
  void issue_mac();
  void finish_task(long long cycle);

  PeConfig config_;
  int weights_needed_ = 0;
  std::vector<int16_t> weights_;            // filter spad: [k][c][s]
  std::vector<int16_t> spad_;               // ifmap spad, a ring over received words
  Ring<int16_t> ifmap_fifo_, psum_fifo_, output_fifo_;
  Ring<InFlight> pipeline_;
  long long received_ = 0, released_ = 0;   // ifmap words moved into / freed from the spad
  long long image_base_ = 0;                // first word of the current image row
  long long window_end_ = 0;                // words the current output column needs
  std::vector<int> tap_slot_;               // [s]: spad slot of (tap s, channel 0)
  int write_slot_ = 0;                      // spad slot of the next received word
  int image_ = 0, column_ = 0, filter_ = 0, tap_ = 0, channel_ = 0, mac_ = 0;
  int macs_per_task_ = 0;
  int16_t psum_ = 0;
  bool issued_all_ = false;
  PeCounters counters_;
  PeStalls stalls_;
};

}  // namespace accelsim
