#pragma once
// A matmul of two activations (a Transformer's Q x K^T and softmax(scores) x V,
// workloads/README.md "Token matrices and matmul") as the chip runs it: a 1x1
// convolution whose ifmap is the first operand and whose "filters" are the second,
// each image and head a group of its own (layer_selection.h, layer_shape). The
// functional pass computes it with the same reference_convolution as a conv layer,
// so it keeps the chip's arithmetic (sim/engine/data/fixed_point.h) and whatever
// product bit selection that arithmetic gets; the engine is given the same operands
// and its output is checked against it.

#include <cstdint>
#include <vector>

#include "sim/engine/data/layer_data.h"
#include "sim/values/tensor.h"
#include "workloads/layer.h"

namespace accelsim {

// The second operand `b` ([n][c][pixel]) as the engine's weights [g*M + m][k]
// (g = image x heads + head): with transpose_b, b holds N rows of K channels per head
// and weight (g, m, k) = b[n][head*K + k][m]; without it, b holds K rows of N
// channels per head and weight (g, m, k) = b[n][head*N + m][k].
std::vector<int16_t> matmul_filters(const Layer& layer, const LayerShape& shape, const Tensor& b);

// The layer's output written back (activation applied; softmax over each head's
// channels of each pixel), from the engine data holding a and b.
Tensor activation_product(const Layer& layer, const LayerData& data, int batch);

}  // namespace accelsim
