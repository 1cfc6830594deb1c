#include "sim/engine/exact/candidate_timing.h"

#include <vector>

#include "sim/engine/array/pass_simulator.h"
#include "sim/engine/memory/glb_core.h"

namespace accelsim {

// The walk of the controller (control/controller_core.h) reduced to what the array
// sees: the bank split once per layer, then every pass's plan in schedule order.
// Timing-only passes read neither the GLB's ifmaps nor its psums, so the GLB holds
// no data here: only its bank ports matter.
CandidateTiming CandidateTimer::time(const Schedule& schedule) {
  CandidateTiming timing;
  GlbCore glb(arch_);
  glb.configure_banks(schedule.glb_ifmap_banks, schedule.glb_psum_banks);
  std::string key;
  for (const Tile& tile : schedule.tiles) {
    for (const ChannelBlock& block : tile.blocks) {
      for (const PassSlice& pass : block.passes) {
        const PassPlan plan = schedule.planner->plan(tile, block, pass);
        timing.processing_cycles += pass_cycles(plan, glb, key, timing);
        ++timing.passes;
      }
    }
  }
  return timing;
}

long long CandidateTimer::pass_cycles(const PassPlan& plan, GlbCore& glb, std::string& key,
                                      CandidateTiming& timing) {
  pass_shape_key(plan, glb, key);
  {
    std::lock_guard<std::mutex> lock(memo_mutex_);
    if (const PassResult* known = memo_.find(key)) return known->cycles;
  }
  PassOptions timing_only;
  timing_only.move_values = false;
  timing_only.skip_steady_state = true;
  // The weights' values are never read in timing-only mode; the stream needs its length.
  const std::vector<int16_t> filters(size_t(plan.filter_words()), 0);
  PassSimulator pass(arch_, plan, glb, filters, timing_only);
  while (pass.step()) {
  }
  const PassResult result = pass.result();
  ++timing.stepped_passes;
  std::lock_guard<std::mutex> lock(memo_mutex_);
  memo_.store(key, result);
  return result.cycles;
}

}  // namespace accelsim
