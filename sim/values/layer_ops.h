#pragma once
// The layers between convolutions, computed from their definitions
// (workloads/README.md) in the chip's 16-bit arithmetic: what the next layer reads.
// Each applies the layer's activation (sim/engine/data/activation.h) to its result.

#include <vector>

#include "sim/values/tensor.h"
#include "workloads/layer.h"

namespace accelsim {

// Max (padding never wins) or average (the window's whole area divides, padding
// included, rounding toward minus infinity) over each window.
Tensor pool(const Layer& layer, const Tensor& in);

// Element-wise sum of same-shaped inputs, exact in 32 bits, then shifted right by the
// fewest bits that bring its largest magnitude under 2^14 (the add's own bit
// selection, from its dynamic range: a ResNet's shortcut would otherwise grow block
// after block), saturated to 16 bits. `shift_bits` receives the shift.
Tensor add(const Layer& layer, const std::vector<const Tensor*>& in, int& shift_bits);

// Channel concatenation, in input order.
Tensor concat(const Layer& layer, const std::vector<const Tensor*>& in);

// a x b in Q8.8; b has a's shape or one value per channel.
Tensor multiply(const Layer& layer, const Tensor& a, const Tensor& b);

// ShuffleNet's channel shuffle (groups x C/groups, transposed).
Tensor shuffle(const Layer& layer, const Tensor& in);

// The channels and rows the layer takes.
Tensor slice(const Layer& layer, const Tensor& in);

// The layer's activation on every value; softmax over the channels of each pixel.
void apply_activation(Activation activation, Tensor& values);

}  // namespace accelsim
