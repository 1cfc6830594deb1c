#include "sim/engine/exact/candidate_timing.h"

#include <vector>

#include "sim/engine/array/pass_simulator.h"
#include "sim/engine/exact/pass_inputs_index.h"
#include "sim/engine/memory/glb_core.h"

namespace accelsim {

// What one schedule's walk reuses from pass to pass. Timing-only passes read
// neither the GLB's ifmaps nor its psums, so the GLB holds no data here: only its
// bank ports matter.
struct CandidateTimer::Walk {
  Walk(const ArchSpec& arch, const Schedule& schedule) : schedule(schedule), glb(arch) {
    glb.configure_banks(schedule.glb_ifmap_banks, schedule.glb_psum_banks);
    inputs.start(schedule.planner);
  }
  const Schedule& schedule;
  GlbCore glb;
  PassInputsIndex inputs;
  PassPlan plan;  // filled in place, pass after pass
  std::string key;
};

// The walk of the controller (control/controller_core.h) reduced to what the array
// sees: the bank split once per layer, then every pass in schedule order.
CandidateTiming CandidateTimer::time(const Schedule& schedule) {
  CandidateTiming timing;
  Walk walk(arch_, schedule);
  for (const Tile& tile : schedule.tiles) {
    for (const ChannelBlock& block : tile.blocks) {
      for (const PassSlice& pass : block.passes) {
        timing.processing_cycles += pass_cycles(walk, tile, block, pass, timing);
        ++timing.passes;
      }
    }
  }
  return timing;
}

// By the planner's inputs when they were seen before in this schedule (no plan
// needed), else by the plan's key, stepping the pass when that is new too.
long long CandidateTimer::pass_cycles(Walk& walk, const Tile& tile, const ChannelBlock& block,
                                      const PassSlice& pass, CandidateTiming& timing) {
  const bool by_inputs = walk.inputs.make_key(tile, block, pass, walk.glb);
  if (by_inputs) {
    if (const PassMemo::Entry* known = walk.inputs.find()) return known->second.cycles;
  }
  walk.schedule.planner->plan_into(tile, block, pass, walk.plan);
  pass_shape_key(walk.plan, walk.glb, walk.key);
  const PassMemo::Entry* entry = nullptr;
  {
    std::lock_guard<std::mutex> lock(memo_mutex_);
    entry = memo_.find_entry(walk.key);
  }
  if (!entry) {
    entry = &step(walk);
    ++timing.stepped_passes;
  }
  if (by_inputs) walk.inputs.link(*entry);
  return entry->second.cycles;
}

// Steps the walk's plan (timing only) and stores its result under the walk's key.
const PassMemo::Entry& CandidateTimer::step(Walk& walk) {
  PassOptions timing_only;
  timing_only.move_values = false;
  timing_only.skip_steady_state = true;
  // The weights' values are never read in timing-only mode; the stream needs its length.
  const std::vector<int16_t> filters(size_t(walk.plan.filter_words()), 0);
  PassSimulator pass(arch_, walk.plan, walk.glb, filters, timing_only);
  while (pass.step()) {
  }
  const PassResult result = pass.result();
  std::lock_guard<std::mutex> lock(memo_mutex_);
  return memo_.store(walk.key, result);
}

}  // namespace accelsim
