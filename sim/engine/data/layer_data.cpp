#include "sim/engine/data/layer_data.h"

#include "sim/engine/data/activation.h"
#include "sim/engine/data/fixed_point.h"

namespace accelsim {

int16_t LayerData::padded_ifmap(int n, int group, int c, int row, int col) const {
  const int h = row - shape.pad_h, w = col - shape.pad_w;
  if (h < 0 || w < 0 || h >= ifmap_height() || w >= ifmap_width()) return pad_value;
  const long long channel = 1LL * n * shape.groups * shape.C + group * shape.C + c;
  return ifmap[(channel * ifmap_height() + h) * ifmap_width() + w];
}

int16_t LayerData::written_value(long long channel, int16_t sum) const {
  const int16_t biased = bias.empty() ? sum : wrap_add(sum, bias[size_t(channel)]);
  return activate(activation, biased);
}

namespace {

// SplitMix64: small, fast and good enough to draw test data; one draw gives a
// value and its zero decision.
struct SplitMix64 {
  unsigned long long state;
  unsigned long long next() {
    unsigned long long z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
};

}  // namespace

LayerData generate_layer_data(const LayerShape& shape, const DataOptions& options,
                              unsigned long long layer_salt) {
  LayerData data;
  data.shape = shape;
  SplitMix64 random{options.seed * 0x9E3779B97F4A7C15ULL + layer_salt};
  const double zero_fraction = shape.input_compressible ? options.zero_fraction : 0.0;
  const auto zero_below = (unsigned long long)(zero_fraction * 4294967296.0);
  data.ifmap.resize(size_t(shape.batch) * shape.groups * shape.C * data.ifmap_height() *
                    data.ifmap_width());
  for (auto& value : data.ifmap) {
    const unsigned long long bits = random.next();
    value = (bits & 0xFFFFFFFFULL) < zero_below ? 0 : int16_t(1 + (bits >> 32) % 255);
  }
  data.weights.resize(size_t(shape.groups) * shape.M * shape.C * shape.R * shape.S);
  for (auto& value : data.weights) value = int16_t(int((random.next() >> 32) % 255) - 127);
  return data;
}

}  // namespace accelsim
