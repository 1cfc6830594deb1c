#include "sim/api/activation_matmul.h"

#include <algorithm>

#include "sim/engine/data/reference_convolution.h"
#include "sim/values/layer_ops.h"

namespace accelsim {

std::vector<int16_t> matmul_filters(const Layer& layer, const LayerShape& shape, const Tensor& b) {
  const int heads = layer.groups, K = shape.C, N = shape.M;
  std::vector<int16_t> weights(size_t(shape.groups) * N * K);
  const size_t plane = b.plane();
  for (int g = 0; g < shape.groups; ++g) {
    const int image = g / heads, head = g % heads;
    const int16_t* values = &b.values[size_t(image) * b.channels * plane];
    int16_t* filters = &weights[size_t(g) * N * K];
    for (int m = 0; m < N; ++m) {
      for (int k = 0; k < K; ++k) {
        filters[size_t(m) * K + k] = layer.transpose_b
                                         ? values[size_t(head * K + k) * plane + size_t(m)]
                                         : values[size_t(head * N + m) * plane + size_t(k)];
      }
    }
  }
  return weights;
}

namespace {

// Softmax normalizes each head's scores on its own (a head's N channels of a pixel):
// apply_activation's softmax on one head's channels at a time.
void softmax_per_head(Tensor& out, int heads) {
  const int per_head = out.channels / heads;
  const size_t words = size_t(per_head) * out.plane();
  Tensor head(1, per_head, out.height, out.width);
  for (int n = 0; n < out.batch; ++n) {
    for (int h = 0; h < heads; ++h) {
      int16_t* at = &out.values[(size_t(n) * heads + size_t(h)) * words];
      std::copy_n(at, words, head.values.begin());
      apply_activation(Activation::softmax, head);
      std::copy_n(head.values.begin(), words, at);
    }
  }
}

}  // namespace

Tensor activation_product(const Layer& layer, const LayerData& data, int batch) {
  Tensor out(batch, layer.M, layer.E, layer.F);
  out.values = reference_convolution(data);
  if (layer.activation == Activation::softmax) softmax_per_head(out, layer.groups);
  return out;
}

}  // namespace accelsim
