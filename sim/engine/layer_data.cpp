#include "sim/engine/layer_data.h"

#include <random>

#include "sim/engine/fixed_point.h"

namespace accelsim {

int16_t LayerData::padded_ifmap(int n, int group, int c, int row, int col) const {
  const int h = row - shape.pad_h, w = col - shape.pad_w;
  if (h < 0 || w < 0 || h >= ifmap_height() || w >= ifmap_width()) return 0;
  const long long channel = 1LL * n * shape.groups * shape.C + group * shape.C + c;
  return ifmap[(channel * ifmap_height() + h) * ifmap_width() + w];
}

int16_t LayerData::weight(int group, int m, int c, int r, int s) const {
  const long long filter = 1LL * group * shape.M + m;
  return weights[((filter * shape.C + c) * shape.R + r) * shape.S + s];
}

LayerData generate_layer_data(const LayerShape& shape, const DataOptions& options,
                              unsigned long long layer_salt) {
  LayerData data;
  data.shape = shape;
  std::mt19937_64 random(options.seed * 0x9E3779B97F4A7C15ULL + layer_salt);
  std::uniform_int_distribution<int> activation(1, 255), weight(-127, 127);
  std::bernoulli_distribution zero(shape.input_compressible ? options.zero_fraction : 0.0);
  data.ifmap.resize(size_t(shape.batch) * shape.groups * shape.C * data.ifmap_height() *
                    data.ifmap_width());
  for (auto& value : data.ifmap) value = int16_t(zero(random) ? 0 : activation(random));
  data.weights.resize(size_t(shape.groups) * shape.M * shape.C * shape.R * shape.S);
  for (auto& value : data.weights) value = int16_t(weight(random));
  return data;
}

std::vector<int16_t> reference_convolution(const LayerData& data) {
  const LayerShape& s = data.shape;
  std::vector<int16_t> out(size_t(s.batch) * s.groups * s.M * s.E * s.F);
  size_t index = 0;
  for (int n = 0; n < s.batch; ++n) {
    for (int g = 0; g < s.groups; ++g) {
      for (int m = 0; m < s.M; ++m) {
        for (int e = 0; e < s.E; ++e) {
          for (int f = 0; f < s.F; ++f) {
            int16_t sum = 0;
            for (int c = 0; c < s.C; ++c) {
              for (int r = 0; r < s.R; ++r) {
                for (int k = 0; k < s.S; ++k) {
                  const int16_t x = data.padded_ifmap(n, g, c, e * s.stride_h + r * s.dilation_h,
                                                      f * s.stride_w + k * s.dilation_w);
                  sum = wrap_add(sum, fixed_product(x, data.weight(g, m, c, r, k)));
                }
              }
            }
            out[index++] = sum;
          }
        }
      }
    }
  }
  return out;
}

}  // namespace accelsim
