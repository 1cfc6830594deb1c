#pragma once
// Shape derivation: a layer's input and output sizes from its producers' shapes and its
// own parameters. The parser and `with_input_size` (network_input.h) share it, so a
// file and a resized network follow the same rules (workloads/README.md).

#include <optional>
#include <string>
#include <vector>

#include "workloads/layer.h"

namespace accelsim {

// A feature map: channels x height x width (a token matrix is `features` channels of an
// L x 1 map: one pixel per row).
struct MapShape {
  int channels = 0, height = 0, width = 0;
};

// Why a layer does not fit its input: the key it concerns and "found ..., expected ...".
struct ShapeProblem {
  std::string key;
  std::string problem;
};

// Sets `layer`'s C, H, W from `inputs` (one shape per producer, in order; empty for an
// `input` layer) and derives everything that follows from them (E, F, and M, R, S where
// the input decides them). Returns the problem when the layer does not fit.
std::optional<ShapeProblem> derive_shape(Layer& layer, const std::vector<MapShape>& inputs);

MapShape output_shape(const Layer& layer);

// Why a feature map is past the limits (workload_limits.h), or nothing: each side at
// most kMaxWorkloadExtent, kMaxMapValues in all.
std::optional<std::string> map_size_problem(const MapShape& shape);

// "256x13x13"
std::string describe_shape(const MapShape& shape);

}  // namespace accelsim
