#pragma once
// What the engine would measure of a schedule, without running the engine: what
// the mapper needs to rank candidate mappings by the engine instead of the
// analytical model. Plain C++ (no SystemC).
//
// A layer's processing cycles are the sum of its passes' cycles (LayerRun::
// processing_cycles), and a pass's cycles and counts (but for zero gating) depend
// only on its shape (pass_memo.h). So each distinct pass shape is stepped once
// (timing only, steady states jumped) and every other pass of that shape, in this
// schedule or any other on the same spec, is a look-up: in time(), by the planner's
// inputs without a plan when a pass of the schedule had the same
// (pass_inputs_index.h), else by the plan's key.
//
// time(): the processing cycles alone. run(): everything LayerRun holds but the
// output values: the controller's steps (control/controller_core.h) replayed with
// the DRAM's real transfers of the layer's values (RLC-compressed sizes and link
// cycles, DramCore) and the passes' memoized timing, on SystemC's time arithmetic,
// so that its cycles and DRAM waits are the engine's; its counts are the engine's,
// zero gating included (from the layer's count of MACs on zero ifmap words).
// Must equal: the engine's exact-mode LayerRun (cycles, processing and DRAM-wait
// cycles, passes, every count); proved by tests/engine/mapper_ranking_test.cpp
// (CandidateRun).

#include <cstdint>
#include <mutex>
#include <vector>

#include "arch/arch_spec.h"
#include "dataflows/mapper.h"
#include "dataflows/schedule.h"
#include "sim/engine/data/layer_data.h"
#include "sim/engine/exact/pass_memo.h"
#include "sim/stats/access_counts.h"

namespace accelsim {

struct CandidateTiming {
  long long processing_cycles = 0;
  long long passes = 0;
  long long stepped_passes = 0;  // of them, stepped here (the others came from the memo)
};

// The layer's values as the engine would see them, made once per layer and
// shared by its candidates (candidate_input).
struct CandidateInput {
  const LayerData* data = nullptr;
  // reference_convolution(*data): what the engine's passes leave in the GLB and
  // its write-back stores, hence what the RLC encoder compresses.
  const std::vector<int16_t>* output = nullptr;
  long long zero_macs = 0;  // zero_ifmap_macs(*data)
  // DRAM words over raw words of the whole ifmap and output, each as one transfer
  // (1 when the spec or the layer does not compress).
  double ifmap_ratio = 1;
  double ofmap_ratio = 1;
};
CandidateInput candidate_input(const ArchSpec& arch, const LayerData& data,
                               const std::vector<int16_t>& output);

// The MACs whose ifmap word is zero (the padding's included): what zero gating
// skips, whatever the mapping, as every mapping computes every MAC once.
long long zero_ifmap_macs(const LayerData& data);

// The model's figures corrected for the layer's values, at no cost (the search
// ranks every legal mapping by them): the counts with every MAC on a zero ifmap
// word gated (all it saves: exact for window-mode PEs with scratchpads, rs and ws;
// stream-mode PEs keep their weight reads) and the feature maps' DRAM words at the
// layer's compression ratios; the DRAM waits with the transfers shortened by
// those ratios. An estimate: a tile's compression differs from the whole tensor's.
CandidateFigures estimate_figures(const ModelResult& model, const CandidateInput& input,
                                  const ArchSpec& arch);

// Below the energy of the engine's counts for a mapping whose model counts (no
// gating, no compression) are `model_counts`, at no cost: every MAC on a zero ifmap
// word gated with all it saves, no feature map over the DRAM link. The engine's
// ungated counts in the array and the GLB are the model's (tests/engine/
// crosscheck_test.cpp), so this is a floor.
double energy_floor(const AccessCounts& model_counts, long long zero_macs, const ArchSpec& arch);

struct CandidateRun {
  long long cycles = 0;            // LayerRun::cycles: processing + DRAM waits
  long long processing_cycles = 0;
  long long dram_wait_cycles = 0;
  long long passes = 0;
  long long stepped_passes = 0;
  AccessCounts counts;             // LayerRun::counts
};

// One per spec; safe to use from several threads at once (the memo is shared, a
// pass shape two threads meet at once may be stepped twice).
class CandidateTimer {
 public:
  explicit CandidateTimer(const ArchSpec& arch) : arch_(arch) {}
  CandidateTiming time(const Schedule& schedule);
  CandidateRun run(const Schedule& schedule, const CandidateInput& input);

 private:
  friend class CandidateReplay;
  struct Walk;
  long long pass_cycles(Walk& walk, const Tile& tile, const ChannelBlock& block,
                        const PassSlice& pass, CandidateTiming& timing);
  // The pass's timing-only result (ungated counts), stepped or from the memo.
  // `filters`: the staged weights (null: zeros; timing-only passes never read them).
  PassResult pass_result(const PassPlan& plan, const std::vector<int16_t>* filters,
                         GlbCore& glb, std::string& key, long long& stepped);
  PassResult step_timing_only(const PassPlan& plan, const std::vector<int16_t>* filters,
                              GlbCore& glb);

  const ArchSpec& arch_;
  std::mutex memo_mutex_;
  PassMemo memo_;
};

}  // namespace accelsim
