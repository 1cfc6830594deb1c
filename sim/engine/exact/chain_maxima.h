#pragma once
// Must equal: the psums the PeCores (array/pe_core.h) of a max pooling pass
// (PeOp::max) send up their chains in per-cycle mode. Proved by
// tests/engine/move_layers_test.cpp and functional_test.cpp (exact == per-cycle on
// every dataflow).
//
// Max pooling's bulk step for exact mode (pass_values.h): a chain's maxima read
// straight from the GLB's ifmap block, PE by PE. Pooling layers are a small share of
// a network's work, so nothing here is vectorized or shared with the MAC kernels
// (window_sums.h, stream_batches.h), which stay free of the operation's dispatch.

#include <cstdint>
#include <vector>

#include "dataflows/schedule.h"
#include "sim/engine/exact/stream_operands.h"
#include "sim/engine/memory/glb_core.h"

namespace accelsim {

class ChainMaxima {
 public:
  void start_pass(const PassPlan& plan) { operands_.start_pass(plan); }
  // The maxima of a chain's PEs: window mode [k][segment][f], stream mode [task]
  // (the layouts of the MAC sums in pass_values.cpp). Valid until the next call.
  const std::vector<int16_t>& chain(const PassPlan& plan, const Chain& chain, GlbCore& glb);

 private:
  void window_pe(const PassPlan& plan, const PePlan& pe, GlbCore& glb);
  void stream_pe(const PassPlan& plan, const PePlan& pe, GlbCore& glb);
  StreamOperands operands_;
  std::vector<int16_t> maxima_;
};

}  // namespace accelsim
