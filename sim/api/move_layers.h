#pragma once
// The layers a run simulates without the PE array's dataflows: residual adds,
// element-wise products, concatenations, channel shuffles, slices and standalone
// activations, which move feature maps through DRAM and the GLB (an add's sums and
// a mul's products on the array's PEs; sim/engine/memory/feature_moves.h). Their engine data and the
// reference their output must equal (sim/values/layer_ops.h on the same operands).

#include <memory>
#include <vector>

#include "sim/engine/data/layer_data.h"
#include "sim/engine/data/move_data.h"
#include "sim/values/tensor.h"
#include "workloads/network.h"

namespace accelsim {

bool moves_feature_maps(const Layer& layer);  // add, mul, concat, shuffle, slice, activation

// Channels of each operand of a move layer (its producers' outputs).
std::vector<int> operand_channels(const Network& network, const Layer& layer);

// The operands: the functional pass's values when `chained` holds them, else drawn
// as an independent layer's ifmap is (generate_layer_data, one salt per operand;
// then a mul's second operand has the first's shape, never one factor per channel).
MoveData move_data(const Layer& layer, int batch, const std::vector<int>& channels,
                   const std::vector<std::shared_ptr<const Tensor>>* chained,
                   const DataOptions& options, unsigned long long salt);

// What layer_ops computes from the same operands; sets the add's shift in `data`
// (the hardware's per-layer choice, from the sum's dynamic range).
std::vector<int16_t> move_reference(const Layer& layer, MoveData& data);

}  // namespace accelsim
