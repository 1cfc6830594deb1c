#pragma once
// The controller's sequence for one layer, in plain C++: what happens next. The
// SystemC ControllerModule (systemc/controller_module.h) performs each step with
// its waits and events; the unit tests read the steps without the kernel.
//
// The sequence (schedule.h has the loop nest): for each tile, for each channel
// block, load the block's ifmaps from DRAM (the array waits) and run its passes;
// then store the tile's ofmaps (the array waits). The filter buffer overlaps with
// the array (FilterPrefetcher): weights are fetched as soon as they fit, which is
// checked before the first tile, before each pass starts and after each pass's
// staged filters are released.

#include <memory>

#include "dataflows/schedule.h"
#include "sim/engine/control/filter_prefetcher.h"

namespace accelsim {

struct ControllerStep {
  enum class Kind {
    start_tile,     // the tile's psums start in the GLB
    load_ifmaps,    // load the block's ifmaps from DRAM; the array waits
    fetch_filters,  // ask DRAM for the pass's weights (fill pass->filters); nobody waits
    run_pass,       // once its weights are in, hand the pass to the array; then, when
                    // the array no longer needs them, call filters_released()
    finish_pass,    // wait for the pass to end, take its result
    store_ofmaps,   // store the tile's ofmaps to DRAM; the array waits
    done,           // the layer is finished
  };
  Kind kind = Kind::done;
  const Tile* tile = nullptr;           // all but done
  const ChannelBlock* block = nullptr;  // load_ifmaps and the pass steps
  StagedPass* pass = nullptr;           // fetch_filters, run_pass, finish_pass
};

class ControllerCore {
 public:
  // `filter_buffer_words`: ArchSpec::filter_buffer_words() (0: no filter buffer).
  ControllerCore(const Schedule& schedule, long long filter_buffer_words);

  // The next step; done from then on once the layer is finished. Throws
  // std::logic_error when a run_pass step still waits for filters_released().
  ControllerStep next();
  // The running pass's staged weights are no longer needed (the array has loaded
  // them); returns the filter buffer words freed (FilterPrefetcher::release).
  long long filters_released();

  const FilterPrefetcher& prefetcher() const { return prefetcher_; }

 private:
  enum class Phase { prefetch, start_tile, load_ifmaps, run_pass, running, finish_pass,
                     store_ofmaps, done };
  void after_pass();
  void after_block();

  const Schedule& schedule_;
  FilterPrefetcher prefetcher_;
  Phase phase_;
  Phase after_prefetch_;  // where a prefetch phase goes once nothing more fits
  size_t tile_ = 0, block_ = 0, pass_ = 0;
  std::shared_ptr<StagedPass> running_;  // the pass handed to the array last
};

}  // namespace accelsim
