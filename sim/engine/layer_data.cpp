#include "sim/engine/layer_data.h"


#include "sim/engine/fixed_point.h"

namespace accelsim {

int16_t LayerData::padded_ifmap(int n, int group, int c, int row, int col) const {
  const int h = row - shape.pad_h, w = col - shape.pad_w;
  if (h < 0 || w < 0 || h >= ifmap_height() || w >= ifmap_width()) return 0;
  const long long channel = 1LL * n * shape.groups * shape.C + group * shape.C + c;
  return ifmap[(channel * ifmap_height() + h) * ifmap_width() + w];
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

std::vector<int16_t> reference_convolution(const LayerData& data) {
  const LayerShape& s = data.shape;
  const size_t plane = size_t(s.H) * s.W;  // one padded input channel
  std::vector<int16_t> padded(size_t(s.groups) * s.C * plane);
  std::vector<int16_t> out(size_t(s.batch) * s.groups * s.M * s.E * s.F, 0);
  for (int n = 0; n < s.batch; ++n) {
    for (int g = 0; g < s.groups; ++g) {
      for (int c = 0; c < s.C; ++c) {
        int16_t* channel = &padded[(size_t(g) * s.C + c) * plane];
        for (int row = 0; row < s.H; ++row) {
          for (int col = 0; col < s.W; ++col) {
            channel[size_t(row) * s.W + col] = data.padded_ifmap(n, g, c, row, col);
          }
        }
      }
    }
    for (int g = 0; g < s.groups; ++g) {
      for (int m = 0; m < s.M; ++m) {
        int16_t* out_plane =
            &out[((size_t(n) * s.groups + g) * s.M + m) * size_t(s.E) * s.F];
        const int16_t* filter = &data.weights[(size_t(g) * s.M + m) * s.C * s.R * s.S];
        for (int c = 0; c < s.C; ++c) {
          const int16_t* channel = &padded[(size_t(g) * s.C + c) * plane];
          for (int r = 0; r < s.R; ++r) {
            const int16_t* taps = filter + (size_t(c) * s.R + r) * s.S;
            if (s.E * s.F == 1 && s.dilation_w == 1) {  // FC-like: one output, a dot product
              out_plane[0] = wrap_add(
                  out_plane[0], dot_product(channel + size_t(r * s.dilation_h) * s.W, taps, s.S));
              continue;
            }
            for (int k = 0; k < s.S; ++k) {
              for (int e = 0; e < s.E; ++e) {
                const int16_t* x = channel + size_t(e * s.stride_h + r * s.dilation_h) * s.W +
                                   k * s.dilation_w;
                accumulate_row(out_plane + size_t(e) * s.F, x, s.stride_w, s.F, taps[k]);
              }
            }
          }
        }
      }
    }
  }
  return out;
}

}  // namespace accelsim
