#include "sim/values/layer_ops.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "sim/engine/data/activation.h"
#include "sim/engine/data/fixed_point.h"

namespace accelsim {
namespace {

int16_t saturate(long long value) {
  return int16_t(std::clamp<long long>(value, -32768, 32767));
}

int16_t pool_window(const Layer& layer, const Tensor& in, int n, int c, int e, int f) {
  const int kh = layer.global_pool ? in.height : layer.R, kw = layer.global_pool ? in.width : layer.S;
  const int top = e * layer.stride_h - layer.pad_h, left = f * layer.stride_w - layer.pad_w;
  const int shift = avg_pool_shift(kh * kw);
  const int16_t weight = avg_pool_weight(kh * kw);
  int16_t sum = 0;  // padding adds zero products
  int best = std::numeric_limits<int>::min();
  for (int r = 0; r < kh; ++r) {
    for (int s = 0; s < kw; ++s) {
      const int h = top + r, w = left + s;
      if (h < 0 || w < 0 || h >= in.height || w >= in.width) continue;
      const int16_t value = in.at(n, c, h, w);
      best = std::max(best, int(value));
      sum = wrap_add(sum, fixed_product(value, weight, shift));
    }
  }
  if (layer.pool_op == PoolOp::max) return int16_t(best == std::numeric_limits<int>::min() ? 0 : best);
  return sum;
}

}  // namespace

int avg_pool_shift(int area) {
  int shift = kMaxProductShift;
  while (shift > 0 && std::lround(std::ldexp(1.0, shift) / area) > 32767) --shift;
  return shift;
}

int16_t avg_pool_weight(int area) {
  return int16_t(std::lround(std::ldexp(1.0, avg_pool_shift(area)) / area));
}

Tensor pool(const Layer& layer, const Tensor& in) {
  Tensor out(in.batch, in.channels, layer.E, layer.F);
  for (int n = 0; n < in.batch; ++n) {
    for (int c = 0; c < in.channels; ++c) {
      for (int e = 0; e < layer.E; ++e) {
        for (int f = 0; f < layer.F; ++f) out.at(n, c, e, f) = pool_window(layer, in, n, c, e, f);
      }
    }
  }
  apply_activation(layer.activation, out);
  return out;
}

Tensor add(const Layer& layer, const std::vector<const Tensor*>& in, int& shift_bits) {
  std::vector<long long> sums(in[0]->values.size(), 0);
  for (const Tensor* term : in) {
    for (size_t i = 0; i < sums.size(); ++i) sums[i] += term->values[i];
  }
  long long largest = 0;
  for (long long sum : sums) largest = std::max(largest, std::llabs(sum));
  shift_bits = 0;
  while ((largest >> shift_bits) >= (1LL << 14)) ++shift_bits;
  Tensor out = *in[0];
  for (size_t i = 0; i < sums.size(); ++i) out.values[i] = saturate(sums[i] >> shift_bits);
  apply_activation(layer.activation, out);
  return out;
}

Tensor concat(const Layer& layer, const std::vector<const Tensor*>& in) {
  int channels = 0;
  for (const Tensor* part : in) channels += part->channels;
  Tensor out(in[0]->batch, channels, in[0]->height, in[0]->width);
  for (int n = 0; n < out.batch; ++n) {
    int16_t* dst = &out.values[size_t(n) * channels * out.plane()];
    for (const Tensor* part : in) {
      const size_t words = size_t(part->channels) * part->plane();
      dst = std::copy_n(&part->values[n * words], words, dst);
    }
  }
  apply_activation(layer.activation, out);
  return out;
}

Tensor multiply(const Layer& layer, const Tensor& a, const Tensor& b) {
  Tensor out = a;
  const bool per_channel = b.plane() == 1 && a.plane() != 1;
  for (int n = 0; n < a.batch; ++n) {
    for (int c = 0; c < a.channels; ++c) {
      for (size_t i = 0; i < a.plane(); ++i) {
        const size_t at = (size_t(n) * a.channels + c) * a.plane() + i;
        const int16_t factor = per_channel ? b.values[size_t(n) * b.channels + c] : b.values[at];
        out.values[at] = fixed_product(a.values[at], factor, kFractionBits);
      }
    }
  }
  apply_activation(layer.activation, out);
  return out;
}

Tensor shuffle(const Layer& layer, const Tensor& in) {
  Tensor out = in;
  const int groups = layer.groups, per_group = in.channels / groups;
  for (int n = 0; n < in.batch; ++n) {
    for (int c = 0; c < in.channels; ++c) {
      const int from = (c % groups) * per_group + c / groups;
      std::copy_n(&in.values[(size_t(n) * in.channels + from) * in.plane()], in.plane(),
                  &out.values[(size_t(n) * in.channels + c) * in.plane()]);
    }
  }
  return out;
}

Tensor slice(const Layer& layer, const Tensor& in) {
  Tensor out(in.batch, layer.M, layer.E, layer.F);
  const int row0 = layer.slice_rows ? layer.slice_row : 0;
  for (int n = 0; n < in.batch; ++n) {
    for (int c = 0; c < out.channels; ++c) {
      for (int h = 0; h < out.height; ++h) {
        for (int w = 0; w < out.width; ++w) out.at(n, c, h, w) = in.at(n, layer.slice_channel + c, row0 + h, w);
      }
    }
  }
  return out;
}

void apply_activation(Activation activation, Tensor& values) {
  if (activation != Activation::softmax) {
    for (auto& value : values.values) value = activate(activation, value);
    return;
  }
  const double one = double(1 << kFractionBits);
  for (int n = 0; n < values.batch; ++n) {
    for (size_t i = 0; i < values.plane(); ++i) {
      double largest = -1e300, total = 0;
      const auto at = [&](int c) -> int16_t& {
        return values.values[(size_t(n) * values.channels + c) * values.plane() + i];
      };
      for (int c = 0; c < values.channels; ++c) largest = std::max(largest, at(c) / one);
      for (int c = 0; c < values.channels; ++c) total += std::exp(at(c) / one - largest);
      for (int c = 0; c < values.channels; ++c) {
        at(c) = int16_t(std::floor(std::exp(at(c) / one - largest) / total * one));
      }
    }
  }
}

}  // namespace accelsim
