#pragma once
// The controller's filter prefetch, in plain C++: which passes' weights are staged
// in the filter buffer, in schedule order, and how much of the buffer they hold.
// The SystemC ControllerModule (systemc/controller_module.h) fetches them from DRAM
// while the array computes; ControllerCore (controller_core.h) says when.
//
// A pass is staged as soon as the filter buffer has room for its weights (the first
// staged pass always fits: with no filter buffer, capacity 0, the weights wait in
// the GLB and fetching passes are staged one at a time). A pass that reuses the
// weights of the pass before it fetches none and takes no room: it reads the words
// its source fetched, which stay staged until the last such pass has run.

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "dataflows/schedule.h"

namespace accelsim {

// Staged passes keep their whole plan while the kept plans hold at most
// kPlanPesKept PEs in all (a few MB); deeper ones keep only their filter streams
// (what a fetching pass's DRAM transfer needs), or nothing, and are planned again
// when they run. With tiny passes (a depthwise layer's 9 weights) the filter buffer
// holds thousands of them, and passes that reuse the staged weights take none of
// it, so a whole layer can be staged at once; but planning a pass twice costs as
// much as the rest of an exact-mode pass, so every pass that fits keeps its plan.
constexpr long long kPlanPesKept = 32768;

// A pass from the moment its weights are requested (or found staged) until it has run.
struct StagedPass {
  const Tile* tile = nullptr;
  const ChannelBlock* block = nullptr;
  const PassSlice* slice = nullptr;
  std::unique_ptr<PassPlan> plan;
  bool planned = true;           // false: `plan` is null or has only its filter streams
  long long kept_pes = 0;        // planned while staged: its plan's share of kPlanPesKept
  std::vector<int16_t> filters;  // a fetching pass's weights, filled by the DRAM transfer
  long long words = 0;           // of the filter buffer it holds
  // A reusing pass: the pass that fetched the weights it reads (never itself a
  // reusing pass, so a long run of them is no chain of owners).
  std::shared_ptr<StagedPass> source;

  const std::vector<int16_t>& staged_filters() const { return source ? source->filters : filters; }
};

class FilterPrefetcher {
 public:
  // `capacity_words`: the filter buffer's size in words (0: none).
  FilterPrefetcher(const Schedule& schedule, long long capacity_words);

  // Stages passes in schedule order while they fit; returns the first one staged
  // that must fetch its weights from DRAM, or null once the next pass does not fit
  // or every pass is staged. Reusing passes are staged on the way.
  StagedPass* stage_next_fetch();
  // Takes the oldest staged pass off the stage to run it, planned in full. Throws
  // std::logic_error when no pass is staged.
  std::shared_ptr<StagedPass> take();
  // `pass` (taken) no longer needs its staged weights. Its words go back to the
  // free room, unless the next staged pass reads the same weights: then they stay,
  // held by that pass. Returns the words freed.
  long long release(const StagedPass& pass);
  // `pass` (taken) has run: its plan goes back to the spares that later plans are
  // filled into (PassPlanner::plan_into), so that a layer's passes reuse a few
  // plans' heap blocks instead of allocating their own.
  void recycle(StagedPass& pass);

  long long free_words() const { return free_words_; }
  const std::deque<std::shared_ptr<StagedPass>>& staged() const { return staged_; }

 private:
  struct Step {
    const Tile* tile;
    const ChannelBlock* block;
    const PassSlice* slice;
  };
  std::shared_ptr<StagedPass> plan_next();
  std::unique_ptr<PassPlan> fresh_plan();  // a spare, or a new empty plan

  const PassPlanner& planner_;
  std::vector<Step> steps_;  // every pass of the layer, in order
  size_t planned_ = 0;       // of steps_, planned so far
  long long kept_pes_ = 0;   // PEs in the plans staged passes keep
  long long capacity_;
  long long free_words_;
  std::deque<std::shared_ptr<StagedPass>> staged_;  // oldest first
  std::shared_ptr<StagedPass> next_;                // planned, waiting for room
  std::shared_ptr<StagedPass> last_staged_;
  std::vector<std::unique_ptr<PassPlan>> spare_plans_;  // filled before, free to refill
};

}  // namespace accelsim
