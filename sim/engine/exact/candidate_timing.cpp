#include "sim/engine/exact/candidate_timing.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "dataflows/tiling.h"
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
    const PassResult result = step_timing_only(walk.plan, nullptr, walk.glb);
    std::lock_guard<std::mutex> lock(memo_mutex_);
    entry = &memo_.store(walk.key, result);
    ++timing.stepped_passes;
  }
  if (by_inputs) walk.inputs.link(*entry);
  return entry->second.cycles;
}

PassResult CandidateTimer::pass_result(const PassPlan& plan, const std::vector<int16_t>* filters,
                                       GlbCore& glb, std::string& key, long long& stepped) {
  pass_shape_key(plan, glb, key);
  {
    std::lock_guard<std::mutex> lock(memo_mutex_);
    if (const PassResult* known = memo_.find(key)) return *known;
  }
  const PassResult result = step_timing_only(plan, filters, glb);
  ++stepped;
  std::lock_guard<std::mutex> lock(memo_mutex_);
  memo_.store(key, result);
  return result;
}

PassResult CandidateTimer::step_timing_only(const PassPlan& plan,
                                            const std::vector<int16_t>* filters, GlbCore& glb) {
  PassOptions timing_only;
  timing_only.move_values = false;
  timing_only.skip_steady_state = true;
  // The weights' values are never read in timing-only mode; the stream needs its length.
  const std::vector<int16_t> zeros(filters ? 0 : size_t(plan.filter_words()), 0);
  PassSimulator pass(arch_, plan, glb, filters ? *filters : zeros, timing_only);
  while (pass.step()) {
  }
  return pass.result();
}

namespace {

// The counts with every MAC on a zero ifmap word gated, saving all a gated MAC can
// (its weight read and psum accesses, where the counts have them).
AccessCounts gated_at_most(AccessCounts counts, long long zero_macs, const ArchSpec& arch) {
  if (!arch.pe.zero_gating) return counts;
  const int64_t zeros = zero_macs;
  const int64_t weight_reads = counts.at(Level::rf_filter, DataType::filter, Action::read);
  const int64_t psum_reads = counts.at(Level::rf_psum, DataType::psum, Action::read);
  const int64_t psum_writes = counts.at(Level::rf_psum, DataType::psum, Action::write);
  const Gating most{std::min(zeros, counts.macs_issued), std::min(zeros, weight_reads),
                    std::min({zeros, psum_reads, psum_writes})};
  PassResult gated;
  gated.counts = counts;
  return with_gating(gated, most).counts;
}

long long scaled(long long words, double ratio) { return (long long)std::llround(words * ratio); }

}  // namespace

double energy_floor(const AccessCounts& model_counts, long long zero_macs, const ArchSpec& arch) {
  AccessCounts floor = model_counts;
  floor.at(Level::dram, DataType::ifmap, Action::read) = 0;
  floor.at(Level::dram, DataType::ofmap, Action::write) = 0;
  return price(gated_at_most(floor, zero_macs, arch), arch.energy).total();
}

CandidateFigures estimate_figures(const ModelResult& model, const CandidateInput& input,
                                  const ArchSpec& arch) {
  AccessCounts counts = gated_at_most(model.counts, input.zero_macs, arch);
  int64_t& ifmap_words = counts.at(Level::dram, DataType::ifmap, Action::read);
  int64_t& ofmap_words = counts.at(Level::dram, DataType::ofmap, Action::write);
  const long long saved_words = ifmap_words - scaled(ifmap_words, input.ifmap_ratio) +
                                ofmap_words - scaled(ofmap_words, input.ofmap_ratio);
  ifmap_words = scaled(ifmap_words, input.ifmap_ratio);
  ofmap_words = scaled(ofmap_words, input.ofmap_ratio);
  // The model's waits are its ifmap loads and ofmap stores (tiling.cpp): their
  // latencies stay, their beats shrink (or grow) with the words.
  const long long wait = std::max(0LL, model.estimated_dram_wait_cycles -
                                           (long long)std::llround(saved_words /
                                                                   dram_words_per_core_cycle(arch)));
  return {price(counts, arch.energy).total(), model.estimated_cycles + wait};
}

}  // namespace accelsim
