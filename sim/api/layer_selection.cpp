#include "sim/api/layer_selection.h"

#include <algorithm>

#include "sim/api/move_layers.h"
#include "sim/common/input_error.h"
#include "sim/common/text.h"

namespace accelsim {
namespace {

// Empty and repeated names: what is wrong with the list itself.
void check_names(const std::vector<std::string>& names) {
  const std::string value = join(names, ",");
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) {
      throw InputError({"--layers"}, "",
                       found_expected(value, "layer names separated by single commas"));
    }
    if (std::find(names.begin(), names.begin() + long(i), names[i]) != names.begin() + long(i)) {
      throw InputError({"--layers"}, "",
                       found_expected(value, "each layer once ('" + names[i] + "' is repeated)"));
    }
  }
}

// A name must be a layer, and a simulated one; the suggestions are the layers that
// can be named.
void check_layer(const Network& network, const std::string& name) {
  const Layer* layer = network.find(name);
  if (layer && simulated_layer(*layer)) return;
  std::vector<std::string> candidates;
  for (const auto& each : network.layers) {
    if (simulated_layer(each)) candidates.push_back(each.name);
  }
  const std::string what = layer ? "simulated layer" : "layer";
  throw InputError({"--layers"}, "", unknown_word_problem(what, name, candidates) +
                                         " (network " + network.name + ")");
}

}  // namespace

bool runs_on_array(const Layer& layer) {
  return layer.has_macs() || layer.type == LayerType::pool;
}

bool simulated_layer(const Layer& layer) {
  return runs_on_array(layer) || moves_feature_maps(layer);
}

LayerShape layer_shape(const Layer& layer, int batch) {
  LayerShape shape;
  shape.batch = batch;
  shape.groups = layer.groups;
  shape.C = layer.channels_per_group();
  shape.M = layer.filters_per_group();
  shape.H = layer.padded_height();
  shape.W = layer.padded_width();
  shape.R = layer.R;
  shape.S = layer.S;
  shape.E = layer.E;
  shape.F = layer.F;
  shape.stride_h = layer.stride_h;
  shape.stride_w = layer.stride_w;
  shape.dilation_h = layer.dilation_h;
  shape.dilation_w = layer.dilation_w;
  shape.pad_h = layer.pad_h;
  shape.pad_w = layer.pad_w;
  if (!layer.has_macs()) {
    // Pooling, adds, concatenations: one output channel per input channel (a
    // depthwise shape; macs() then counts the window's operations or the words).
    shape.groups = layer.M;
    shape.C = shape.M = 1;
  }
  if (layer.type == LayerType::pool) {
    // Each channel of each image pools alone, as images do: N x C one-channel images
    // (the same words in the same order), which the dataflows spread over the array
    // as they spread images, not one group after the other. Max pooling compares in
    // place of the MAC; average pooling is MACs with one kh x kw filter of the
    // constant 1/area (sim/values/layer_ops.h), shared by every channel.
    if (layer.pool_op == PoolOp::max) shape.op = PeOp::max;
    shape.batch = batch * shape.groups;
    shape.groups = 1;
  }
  // The network's own input is a raw image; Eyeriss stores it uncompressed.
  shape.input_compressible = !(layer.inputs.empty() || layer.inputs[0] == "input");
  if (layer.weights_from_activation()) {
    // A matmul of two activations is a 1x1 convolution whose filters are its second
    // input: each image has its own, so the images are groups of one batch, never
    // sharing filters.
    shape.groups = layer.groups * batch;
    shape.batch = 1;
  }
  return shape;
}

std::string array_problem(const Layer& layer, const LayerShape& shape) {
  if (layer.type != LayerType::pool) return "";
  if (shape.input_rows_for(shape.E) > shape.H ||
      (shape.F - 1) * shape.stride_w + shape.S > shape.W) {
    return "pooling windows overhang the input (ceil mode)";
  }
  return "";
}

std::vector<const Layer*> select_layers(const Network& network,
                                        const std::vector<std::string>& names) {
  check_names(names);
  for (const auto& name : names) check_layer(network, name);
  std::vector<const Layer*> selected;
  for (const auto& layer : network.layers) {
    const bool named = std::find(names.begin(), names.end(), layer.name) != names.end();
    if (simulated_layer(layer) && (names.empty() || named)) selected.push_back(&layer);
  }
  return selected;
}

}  // namespace accelsim
