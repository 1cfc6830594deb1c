#pragma once
// The real values a layer runs on: its input feature maps and weights (generated
// from a seed, or given). reference_convolution.h computes what the engine's
// output must equal.

#include <cstdint>
#include <string>
#include <vector>

#include "dataflows/mapping.h"
#include "sim/engine/data/fixed_point.h"
#include "workloads/layer.h"

namespace accelsim {

struct LayerData {
  LayerShape shape;
  // ifmap[n][g*C + c][h][w], unpadded (H - 2 pad_h rows, W - 2 pad_w columns).
  std::vector<int16_t> ifmap;
  // weights[g*M + m][c][r][s].
  std::vector<int16_t> weights;
  // The write-back stage (activation.h): bias[g*M + m] (empty: none) is added to
  // each finished sum, then the activation is applied, before the RLC encoder.
  std::vector<int16_t> bias;
  Activation activation = Activation::none;
  // The layer's product bit selection: every MAC keeps bits product_shift..+15 of
  // its 32-bit product (fixed_point.h). 8 (Q8.8) for generated independent layers;
  // the chained model chooses it from the layer's range (sim/api/network_values.h).
  int product_shift = kFractionBits;
  // What the padding holds in the GLB: zero, or for max pooling the smallest value
  // (padding never wins, as sim/values/layer_ops.h defines max pooling).
  int16_t pad_value = 0;

  // What the write-back stage makes of output channel `channel`'s (g*M + m) sum.
  int16_t written_value(long long channel, int16_t sum) const;
  int ifmap_height() const { return shape.H - 2 * shape.pad_h; }
  int ifmap_width() const { return shape.W - 2 * shape.pad_w; }
  // The ifmap value at padded coordinates; pad_value in the padding.
  int16_t padded_ifmap(int n, int group, int c, int row, int col) const;
  const int16_t& weight(int group, int m, int c, int r, int s) const {
    const long long filter = 1LL * group * shape.M + m;
    return weights[size_t(((filter * shape.C + c) * shape.R + r) * shape.S + s)];
  }
};

struct DataOptions {
  unsigned long long seed = 0;
  double zero_fraction = 0.5;  // of ifmap values (ReLU output); the first layer gets 0
};

// Activations are zero with probability `zero_fraction`, else uniform in
// [1, 255] (0.004 to 0.996 in Q8.8); weights are uniform in [-127, 127].
LayerData generate_layer_data(const LayerShape& shape, const DataOptions& options,
                              unsigned long long layer_salt);

// Replaces generated values with those of `<folder>/<layer>_ifmap.npy`
// ([N, G*C, H, W] unpadded) and `<folder>/<layer>_weights.npy` ([G*M, C, R, S]),
// when present: int16 little-endian, C order, values in Q8.8. Throws InputError for
// a file of the wrong dtype or shape.
void load_layer_data(const std::string& folder, const std::string& layer, LayerData& data);

}  // namespace accelsim
