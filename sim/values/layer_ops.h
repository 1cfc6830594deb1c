#pragma once
// The layers between convolutions, computed from their definitions
// (workloads/README.md) in the chip's 16-bit arithmetic: what the next layer reads.
// Each applies the layer's activation (sim/engine/data/activation.h) to its result.

#include <vector>

#include "sim/values/tensor.h"
#include "workloads/layer.h"

namespace accelsim {

// Max (padding never wins) or average over each window. The average is the chip's:
// a depthwise convolution on the PE array whose one weight is
// avg_pool_weight(area) = round(2^s / area) with the product shift
// s = avg_pool_shift(area), area = the window's kh x kw, padding (zeros) included,
// i.e. the wrapping sum of the window's fixed_product(x, weight, s). Each product is
// about x / area, so the sum stays within the range of x; each rounds toward minus
// infinity, so the result lies up to `area` LSBs below sum / area (exact for area 1).
Tensor pool(const Layer& layer, const Tensor& in);
// The largest shift (most precise weight) whose weight fits a 16-bit word.
int avg_pool_shift(int area);
int16_t avg_pool_weight(int area);

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
