#include "workloads/network_input.h"

#include <map>

#include "sim/common/input_error.h"
#include "sim/common/text.h"
#include "workloads/layer_shapes.h"

namespace accelsim {
namespace {

bool parse_positive(const std::string& text, int& value) {
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  value = std::stoi(text);
  return value > 0;
}

}  // namespace

InputSize parse_input_size(const std::string& text, const std::string& option) {
  const auto parts = split(text, 'x');
  InputSize size;
  const bool ok = (parts.size() == 2 || parts.size() == 3) &&
                  parse_positive(parts[0], size.height) && parse_positive(parts[1], size.width) &&
                  (parts.size() == 2 || parse_positive(parts[2], size.channels));
  if (!ok) {
    throw InputError({option}, "", found_expected(text, "HxW or HxWxC with positive integers, "
                                                        "e.g. 32x32 or 28x28x1"));
  }
  return size;
}

std::string input_size_text(const InputSize& size) {
  std::string text = std::to_string(size.height) + "x" + std::to_string(size.width);
  if (size.channels > 0) text += "x" + std::to_string(size.channels);
  return text;
}

Network with_input_size(const Network& network, const InputSize& size) {
  Network resized = network;
  resized.input_height = size.height;
  resized.input_width = size.width;
  if (size.channels > 0) resized.input_channels = size.channels;
  const MapShape input{resized.input_channels, resized.input_height, resized.input_width};
  if (auto problem = map_size_problem(input)) {
    throw InputError({"--input " + input_size_text(size)}, "", *problem);
  }
  std::map<std::string, MapShape> shapes;
  for (auto& layer : resized.layers) {
    std::vector<MapShape> inputs;
    for (const auto& producer : layer.inputs) {
      inputs.push_back(producer == "input" ? input : shapes.at(producer));
    }
    if (inputs.empty() && layer.type != LayerType::input) inputs.push_back(input);
    if (auto problem = derive_shape(layer, inputs)) {
      throw InputError({"--input " + input_size_text(size)},
                       "layers." + layer.name + "." + problem->key,
                       problem->problem + " (network " + network.name + ", input " +
                           describe_shape(input) + ")");
    }
    shapes[layer.name] = output_shape(layer);
  }
  return resized;
}

}  // namespace accelsim
