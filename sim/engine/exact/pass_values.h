#pragma once
// Must equal: the psums PassSimulator (array/pass_simulator.h) writes to the GLB
// in per-cycle mode, and the MACs its PEs gate. Proved by
// tests/engine/equivalence_test.cpp (exact == per-cycle on random shapes, every
// dataflow) and tests/engine/functional_test.cpp (== the reference convolution).
//
// The exact mode's bulk step for a pass whose timing is already known: computes
// the values every chain produces (the same MACs as the PEs do, in another order:
// the 16-bit wrapping sum is order-free) and the counts that depend on the data,
// without stepping cycles: window-mode chains through ColumnSums (column_sums.h:
// one output column and one tap) or WindowSums (window_sums.h), stream-mode
// chains through StreamBatches (stream_batches.h) or PE by PE through
// StreamOperands (stream_operands.h). Plain C++.

#include <cstdint>
#include <vector>

#include "arch/arch_spec.h"
#include "dataflows/schedule.h"
#include "sim/engine/array/pass_simulator.h"  // Gating
#include "sim/engine/memory/glb_core.h"

namespace accelsim {

struct PassValues {
  Gating gating;  // what zero activations gate (nothing without zero gating)
};

// Reads the block's ifmaps and the tile's incoming psums from the GLB and the
// pass's weights from `filter_words` (filter-stream order), and writes the chains'
// outputs into the GLB's psum tile, as the pass would. Products keep bits
// product_shift..+15 (fixed_point.h: the layer's setting).
PassValues compute_pass_values(const ArchSpec& arch, const PassPlan& plan, GlbCore& glb,
                               const std::vector<int16_t>& filter_words, int product_shift);

}  // namespace accelsim
