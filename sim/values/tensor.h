#pragma once
// A batch of feature maps as the engine stores them: values[n][c][h][w], 16-bit
// fixed point (sim/engine/data/fixed_point.h).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace accelsim {

struct Tensor {
  int batch = 0, channels = 0, height = 0, width = 0;
  std::vector<int16_t> values;

  Tensor() = default;
  Tensor(int n, int c, int h, int w)
      : batch(n), channels(c), height(h), width(w), values(size_t(n) * c * h * w, 0) {}
  size_t plane() const { return size_t(height) * width; }
  int16_t& at(int n, int c, int h, int w) {
    return values[((size_t(n) * channels + c) * height + h) * width + w];
  }
  int16_t at(int n, int c, int h, int w) const {
    return values[((size_t(n) * channels + c) * height + h) * width + w];
  }
};

}  // namespace accelsim
