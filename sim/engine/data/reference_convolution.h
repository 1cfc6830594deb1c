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

}  // namespace accelsim
