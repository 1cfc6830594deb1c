// Shape rules of every layer type (workloads/README.md, "Format").

#include "workloads/layer_shapes.h"

#include "sim/common/input_error.h"
#include "workloads/workload_limits.h"

namespace accelsim {
namespace {

using Problem = std::optional<ShapeProblem>;

std::string dims(int height, int width) {
  return std::to_string(height) + "x" + std::to_string(width);
}

std::string quoted(const std::string& name) { return "'" + name + "'"; }

bool same(const MapShape& a, const MapShape& b) {
  return a.channels == b.channels && a.height == b.height && a.width == b.width;
}

void keep_shape(Layer& layer) {
  layer.M = layer.C;
  layer.E = layer.H;
  layer.F = layer.W;
}

Problem window_output(Layer& layer) {
  layer.E = window_output_size(layer.H, layer.pad_h, layer.dilated_kernel_height(),
                               layer.stride_h, layer.ceil_mode);
  layer.F = window_output_size(layer.W, layer.pad_w, layer.dilated_kernel_width(),
                               layer.stride_w, layer.ceil_mode);
  if (layer.E >= 1 && layer.F >= 1) return std::nullopt;
  std::string kernel = dims(layer.R, layer.S) + " kernel";
  if (layer.dilation_h != 1 || layer.dilation_w != 1) {
    kernel += " (dilated: " + dims(layer.dilated_kernel_height(), layer.dilated_kernel_width()) +
              ")";
  }
  return ShapeProblem{"kernel", found_expected(kernel + " on a " +
                                                   dims(layer.padded_height(),
                                                        layer.padded_width()) +
                                                   " padded input",
                                               "a kernel no larger than its padded input")};
}

Problem conv(Layer& layer) {
  if (layer.C % layer.groups != 0 || layer.M % layer.groups != 0) {
    return ShapeProblem{"groups", found_expected(std::to_string(layer.groups),
                                                 "a divisor of both the input channels (" +
                                                     std::to_string(layer.C) +
                                                     ") and the filters (" +
                                                     std::to_string(layer.M) + ")")};
  }
  return window_output(layer);
}

// An FC layer is a convolution whose filter covers its whole input, whatever its size.
Problem fc(Layer& layer) {
  layer.R = layer.H;
  layer.S = layer.W;
  layer.E = layer.F = 1;
  return std::nullopt;
}

Problem pool(Layer& layer) {
  layer.M = layer.C;
  layer.groups = layer.C;
  if (layer.global_pool) {
    layer.R = layer.stride_h = layer.H;
    layer.S = layer.stride_w = layer.W;
  }
  return window_output(layer);
}

Problem add(Layer& layer, const std::vector<MapShape>& inputs) {
  for (size_t i = 1; i < inputs.size(); ++i) {
    if (!same(inputs[i], inputs[0])) {
      return ShapeProblem{"inputs", "found " + quoted(layer.inputs[i]) + " of " +
                                        describe_shape(inputs[i]) + ", expected " +
                                        describe_shape(inputs[0]) + " like " +
                                        quoted(layer.inputs[0]) + " (add needs equal shapes)"};
    }
  }
  keep_shape(layer);
  return std::nullopt;
}

Problem concat(Layer& layer, const std::vector<MapShape>& inputs) {
  int64_t channels = 0;  // in 64 bits: 1,000 inputs of 2^20 channels pass 2^31
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].height != inputs[0].height || inputs[i].width != inputs[0].width) {
      return ShapeProblem{"inputs", "found " + quoted(layer.inputs[i]) + " of " +
                                        describe_shape(inputs[i]) + ", expected " +
                                        dims(inputs[0].height, inputs[0].width) + " like " +
                                        quoted(layer.inputs[0]) +
                                        " (concat needs equal height and width)"};
    }
    channels += inputs[i].channels;  // every input channel, not only the first input's
  }
  if (channels > kMaxWorkloadExtent) {
    return ShapeProblem{"inputs", found_expected(std::to_string(channels) + " channels in all",
                                                 "at most " + std::to_string(kMaxWorkloadExtent))};
  }
  layer.C = int(channels);
  keep_shape(layer);
  return std::nullopt;
}

// Element-wise product; the second operand may be C x 1 x 1, broadcast over H x W
// (squeeze-and-excitation).
Problem mul(Layer& layer, const std::vector<MapShape>& inputs) {
  const MapShape& a = inputs[0];
  const MapShape& b = inputs[1];
  const bool broadcast = b.channels == a.channels && b.height == 1 && b.width == 1;
  if (!same(a, b) && !broadcast) {
    return ShapeProblem{"inputs", "found " + quoted(layer.inputs[1]) + " of " +
                                      describe_shape(b) + ", expected " + describe_shape(a) +
                                      " or " + std::to_string(a.channels) + "x1x1 like " +
                                      quoted(layer.inputs[0]) +
                                      " (mul needs equal shapes or a per-channel factor)"};
  }
  keep_shape(layer);
  return std::nullopt;
}

Problem shuffle(Layer& layer) {
  keep_shape(layer);
  if (layer.C % layer.groups == 0) return std::nullopt;
  return ShapeProblem{"groups",
                      found_expected(std::to_string(layer.groups),
                                     "a divisor of the input channels (" +
                                         std::to_string(layer.C) + ")")};
}

// `count` 0 takes everything from `first` on; the layer keeps the 0 so that a resized
// network slices its new size.
Problem slice_range(const std::string& key, int first, int count, int size, int& taken) {
  taken = count == 0 ? size - first : count;
  if (first + taken <= size && taken >= 1) return std::nullopt;
  return ShapeProblem{key, found_expected("[" + std::to_string(first) + ", " +
                                              std::to_string(count) + "]",
                                          "[first, count] within the input's " +
                                              std::to_string(size) + " " + key)};
}

Problem slice(Layer& layer) {
  if (auto problem = slice_range("channels", layer.slice_channel, layer.slice_channels, layer.C,
                                 layer.M)) {
    return problem;
  }
  if (auto problem = slice_range("rows", layer.slice_row, layer.slice_rows, layer.H, layer.E)) {
    return problem;
  }
  layer.F = layer.W;
  return std::nullopt;
}

// One input: a learned projection (a 1x1 convolution with `outputs` filters). Two: a
// times b per head, b stored K x N (K rows, N channels per head) or, transposed, N x K.
Problem matmul(Layer& layer, const std::vector<MapShape>& inputs) {
  layer.R = layer.S = 1;
  layer.E = layer.H;
  layer.F = layer.W;
  const std::string heads = std::to_string(layer.groups);
  if (inputs.size() == 1) {
    if (layer.C % layer.groups == 0 && layer.M % layer.groups == 0) return std::nullopt;
    return ShapeProblem{"heads", found_expected(heads, "a divisor of both the input channels (" +
                                                           std::to_string(layer.C) +
                                                           ") and the outputs (" +
                                                           std::to_string(layer.M) + ")")};
  }
  const MapShape& b = inputs[1];
  if (layer.C % layer.groups != 0 || b.channels % layer.groups != 0) {
    return ShapeProblem{"heads", found_expected(heads, "a divisor of the channels of both inputs (" +
                                                           std::to_string(layer.C) + " and " +
                                                           std::to_string(b.channels) + ")")};
  }
  const int k = layer.C / layer.groups;
  const int b_rows = b.height * b.width;
  const int b_columns = b.channels / layer.groups;
  const int b_k = layer.transpose_b ? b_columns : b_rows;
  if (b_k != k) {
    const std::string found = "found " + quoted(layer.inputs[1]) + " of " + describe_shape(b) +
                              ": " + std::to_string(b_k);
    const std::string a_columns = std::to_string(k) + " = the channels per head of " +
                                  quoted(layer.inputs[0]);
    return ShapeProblem{
        "inputs", layer.transpose_b
                      ? found + " channels per head, expected " + a_columns +
                            " (a x b^T needs as many channels in b as in a)"
                      : found + " rows, expected " + a_columns +
                            " (a x b needs as many rows in b as columns in a; "
                            "`transpose_b: true` reads b as N x K)"};
  }
  const int64_t outputs = int64_t(layer.groups) * (layer.transpose_b ? b_rows : b_columns);
  if (outputs > kMaxWorkloadExtent) {
    return ShapeProblem{"inputs", found_expected(std::to_string(outputs) + " output channels",
                                                 "at most " + std::to_string(kMaxWorkloadExtent))};
  }
  layer.M = int(outputs);
  return std::nullopt;
}

// a x b x ..., or INT64_MAX when the product does not fit: it is then past any limit.
int64_t saturated_product(std::initializer_list<int64_t> factors) {
  int64_t product = 1;
  for (const int64_t factor : factors) {
    if (__builtin_mul_overflow(product, factor, &product)) return INT64_MAX;
  }
  return product;
}

// The derived sizes within workload_limits.h: the output map, the weights, the MACs.
Problem bounded(const Layer& layer) {
  if (auto problem = map_size_problem(output_shape(layer))) return ShapeProblem{"", *problem};
  const int64_t weights = saturated_product(
      {layer.M, layer.channels_per_group(), layer.R, layer.S});
  if (layer.has_macs() && weights > kMaxLayerWeights) {
    return ShapeProblem{"", found_expected(std::to_string(weights) + " weights (" +
                                               std::to_string(layer.M) + " filters of " +
                                               std::to_string(layer.channels_per_group()) + "x" +
                                               dims(layer.R, layer.S) + ")",
                                           "at most " + std::to_string(kMaxLayerWeights) +
                                               " per layer")};
  }
  const int64_t macs = saturated_product({weights, layer.E, layer.F});
  if (layer.has_macs() && macs > kMaxLayerMacs) {
    return ShapeProblem{"", found_expected(std::to_string(macs) + " MACs per image",
                                           "at most " + std::to_string(kMaxLayerMacs) +
                                               " per layer")};
  }
  return std::nullopt;
}

Problem derive_unbounded(Layer& layer, const std::vector<MapShape>& inputs) {
  if (layer.type == LayerType::input) {
    keep_shape(layer);
    return std::nullopt;
  }
  layer.C = inputs[0].channels;
  layer.H = inputs[0].height;
  layer.W = inputs[0].width;
  switch (layer.type) {
    case LayerType::conv: return conv(layer);
    case LayerType::fc: return fc(layer);
    case LayerType::pool: return pool(layer);
    case LayerType::add: return add(layer, inputs);
    case LayerType::concat: return concat(layer, inputs);
    case LayerType::mul: return mul(layer, inputs);
    case LayerType::shuffle: return shuffle(layer);
    case LayerType::matmul: return matmul(layer, inputs);
    case LayerType::slice: return slice(layer);
    case LayerType::activation: keep_shape(layer); return std::nullopt;
    case LayerType::input: break;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ShapeProblem> derive_shape(Layer& layer, const std::vector<MapShape>& inputs) {
  if (auto problem = derive_unbounded(layer, inputs)) return problem;
  return bounded(layer);
}

MapShape output_shape(const Layer& layer) { return {layer.M, layer.E, layer.F}; }

std::optional<std::string> map_size_problem(const MapShape& shape) {
  const int64_t values = saturated_product({shape.channels, shape.height, shape.width});
  if (shape.channels <= kMaxWorkloadExtent && shape.height <= kMaxWorkloadExtent &&
      shape.width <= kMaxWorkloadExtent && values <= kMaxMapValues) {
    return std::nullopt;
  }
  return found_expected(describe_shape(shape) + " (" + std::to_string(values) + " values)",
                        "a feature map of at most " + std::to_string(kMaxWorkloadExtent) +
                            " channels, rows and columns, " + std::to_string(kMaxMapValues) +
                            " values in all");
}

std::string describe_shape(const MapShape& shape) {
  return std::to_string(shape.channels) + "x" + dims(shape.height, shape.width);
}

}  // namespace accelsim
