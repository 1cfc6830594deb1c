#include "workloads/layer.h"

namespace accelsim {

const std::vector<std::string>& layer_type_names() {
  static const std::vector<std::string> names = {
      "conv",  "fc",     "pool",  "add",        "concat", "mul",
      "shuffle", "matmul", "slice", "activation", "input"};
  return names;
}

const char* layer_type_name(LayerType type) {
  return layer_type_names()[static_cast<int>(type)].c_str();
}

const std::vector<std::string>& activation_names() {
  static const std::vector<std::string> names = {"none", "relu",      "relu6",       "sigmoid",
                                                 "tanh", "gelu",      "hardswish",   "hardsigmoid",
                                                 "silu", "softmax"};
  return names;
}

const char* activation_name(Activation activation) {
  return activation_names()[static_cast<int>(activation)].c_str();
}

bool takes_activation(LayerType type) {
  switch (type) {
    case LayerType::conv:
    case LayerType::fc:
    case LayerType::matmul:
    case LayerType::add:
    case LayerType::mul:
    case LayerType::pool:
    case LayerType::concat: return true;
    default: return false;
  }
}

int64_t Layer::macs() const {
  if (!has_macs()) return 0;
  return int64_t(M) * channels_per_group() * R * S * E * F;
}

int64_t Layer::weights() const {
  if (!has_macs() || weights_from_activation()) return 0;
  return int64_t(M) * channels_per_group() * R * S;
}

int window_output_size(int in, int pad, int dilated_kernel, int stride, bool ceil_mode) {
  const int span = in + 2 * pad - dilated_kernel;
  if (span < 0) return 0;
  int out = span / stride + 1;
  if (ceil_mode && span % stride != 0) {
    // As in Caffe/PyTorch: the last window must start inside the (left-padded) input.
    if ((out) * stride < in + pad) ++out;
  }
  return out;
}

}  // namespace accelsim
