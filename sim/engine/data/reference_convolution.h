#pragma once
// The reference every simulated layer's output must equal bit for bit, in both
// engine modes: the convolution computed straight from its definition, in the
// chip's arithmetic (fixed_point.h). Checked on every layer a run simulates
// (sim/api), and in tests/engine/functional_test.cpp; tests/unit/layer_data_test.cpp
// checks it against a naive loop nest.

#include <cstdint>
#include <vector>

#include "sim/engine/data/layer_data.h"

namespace accelsim {

// out[n][g*M + m][e][f], as written back: bias and activation applied
// (LayerData::written_value).
std::vector<int16_t> reference_convolution(const LayerData& data);

// The largest magnitude of the layer's exact sums: its 32-bit products summed
// without truncation or wrapping (in 64 bits), before bias and activation, over
// every output. What an offline experiment measures to choose the layer's product
// shift (the chip's bit selection: sim/api/network_values.h).
long long largest_exact_sum(const LayerData& data);

}  // namespace accelsim
