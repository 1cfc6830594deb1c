// Parses workload files (format: workloads/README.md) and derives every shape.

#include <algorithm>
#include <filesystem>
#include <map>

#include "sim/common/files.h"
#include "sim/common/text.h"
#include "sim/common/yaml_reader.h"
#include "workloads/network.h"

namespace accelsim {
namespace {

struct Shape {
  int channels = 0, height = 0, width = 0;
};

// `kernel: 3`, `kernel: [1, 7]`: one value for both dimensions, or [height, width].
std::pair<int, int> read_pair(YamlMap& map, const std::string& key, int fallback, int min) {
  const auto value = map.find(key);
  if (!value) return {fallback, fallback};
  if (value->is_list()) {
    const auto items = value->to_list();
    if (items.size() != 2) value->fail("found a list of " + std::to_string(items.size()) +
                                       ", expected one integer or [height, width]");
    return {int(items[0].to_int(min)), int(items[1].to_int(min))};
  }
  const int both = int(value->to_int(min));
  return {both, both};
}

// Every key a layer of this type may have (workloads/README.md).
std::vector<std::string> layer_keys(LayerType type) {
  switch (type) {
    case LayerType::conv:
      return {"name", "type", "input", "filters", "kernel", "stride", "padding", "dilation",
              "groups"};
    case LayerType::fc: return {"name", "type", "input", "outputs"};
    case LayerType::pool:
      return {"name", "type", "input", "kernel", "global", "stride", "padding", "op",
              "ceil_mode"};
    case LayerType::add:
    case LayerType::concat: return {"name", "type", "inputs"};
  }
  return {};
}

// The keys of all layer types, for a layer whose type is not known yet.
std::vector<std::string> all_layer_keys() {
  std::vector<std::string> keys;
  for (size_t i = 0; i < layer_type_names().size(); ++i) {
    for (const auto& key : layer_keys(LayerType(i))) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  }
  return keys;
}

std::string shape_text(int height, int width) {
  return std::to_string(height) + "x" + std::to_string(width);
}

class NetworkParser {
 public:
  explicit NetworkParser(const std::string& path) : document_(load_yaml_file(path)) {}

  Network parse() {
    YamlMap root(&document_, document_.root, "");
    root.expect_keys({"name", "variant", "source", "notes", "input", "layers"});
    network_.file = document_.file;
    network_.name = root.at("name").to_string();
    network_.variant = root.at("variant").to_string();
    network_.source = root.get_string("source", "");
    root.get_string("notes", "");
    YamlMap input = root.at("input").to_map();
    input.expect_keys({"channels", "height", "width"});
    network_.input_channels = int(input.at("channels").to_int(1));
    network_.input_height = int(input.at("height").to_int(1));
    network_.input_width = int(input.at("width").to_int(1));
    input.finish();
    const auto layers = root.at("layers");
    for (const auto& item : layers.to_list()) parse_layer(item);
    if (network_.layers.empty()) layers.fail("found an empty list, expected at least one layer");
    root.finish();
    return network_;
  }

 private:
  void parse_layer(const YamlValue& item) {
    Layer layer;
    YamlMap unnamed = item.to_map();
    if (!unnamed.find("name")) unnamed.expect_keys(all_layer_keys());  // a mistyped `name`
    layer.name = unnamed.at("name").to_string();
    // Errors inside a layer name it: "layers.conv2.groups" reads better than an index.
    YamlMap entry = item.with_key_path("layers." + layer.name).to_map();
    if (!entry.find("type")) entry.expect_keys(all_layer_keys());  // a mistyped `type`
    entry.at("name");
    if (shapes_.count(layer.name)) {
      entry.at("name").fail("found '" + layer.name + "' again, expected a unique layer name");
    }
    layer.type = LayerType(std::find(layer_type_names().begin(), layer_type_names().end(),
                                     entry.at("type").to_choice(layer_type_names())) -
                           layer_type_names().begin());
    entry.expect_keys(layer_keys(layer.type));
    const std::vector<Shape> inputs = read_inputs(entry, layer);
    switch (layer.type) {
      case LayerType::conv: parse_conv(entry, inputs[0], layer); break;
      case LayerType::fc: parse_fc(entry, inputs[0], layer); break;
      case LayerType::pool: parse_pool(entry, inputs[0], layer); break;
      case LayerType::add: merge_add(entry, inputs, layer); break;
      case LayerType::concat: merge_concat(entry, inputs, layer); break;
    }
    entry.finish();
    shapes_[layer.name] = {layer.M, layer.E, layer.F};
    network_.layers.push_back(layer);
  }

  // `input: name` for one producer, `inputs: [a, b]` for add/concat; by default the
  // previous layer (or the network input for the first).
  std::vector<Shape> read_inputs(YamlMap& entry, Layer& layer) {
    const bool merges = layer.type == LayerType::add || layer.type == LayerType::concat;
    std::vector<YamlValue> named;
    if (merges) {
      const auto list = entry.at("inputs");
      named = list.to_list();
      if (named.size() < 2) list.fail("found " + std::to_string(named.size()) +
                                      " input(s), expected at least 2");
    } else if (auto single = entry.find("input")) {
      named.push_back(*single);
    }
    std::vector<Shape> shapes;
    for (const auto& value : named) {
      const std::string producer = value.to_string();
      if (producer == "input") {
        shapes.push_back(network_input());
      } else if (!shapes_.count(producer)) {
        std::vector<std::string> known;
        for (const auto& earlier : network_.layers) known.push_back(earlier.name);
        known.push_back("input");
        value.fail(unknown_word_problem("layer", producer, known) +
                   " (a layer may only use layers above it)");
      } else {
        shapes.push_back(shapes_.at(producer));
      }
      layer.inputs.push_back(producer);
    }
    if (named.empty()) {
      if (network_.layers.empty()) {
        shapes.push_back(network_input());
      } else {
        layer.inputs.push_back(network_.layers.back().name);
        shapes.push_back(shapes_.at(network_.layers.back().name));
      }
    }
    const Shape& first = shapes[0];
    layer.C = first.channels;
    layer.H = first.height;
    layer.W = first.width;
    return shapes;
  }

  Shape network_input() const {
    return {network_.input_channels, network_.input_height, network_.input_width};
  }

  void parse_conv(YamlMap& entry, const Shape&, Layer& layer) {
    layer.M = int(entry.at("filters").to_int(1));
    std::tie(layer.R, layer.S) = read_pair(entry, "kernel", 0, 1);
    if (layer.R == 0) entry.at("kernel");  // reports the missing key
    std::tie(layer.stride_h, layer.stride_w) = read_pair(entry, "stride", 1, 1);
    std::tie(layer.pad_h, layer.pad_w) = read_pair(entry, "padding", 0, 0);
    std::tie(layer.dilation_h, layer.dilation_w) = read_pair(entry, "dilation", 1, 1);
    layer.groups = int(entry.get_int("groups", 1, 1));
    if (layer.C % layer.groups != 0 || layer.M % layer.groups != 0) {
      entry.at("groups").fail(found_expected(
          std::to_string(layer.groups), "a divisor of both the input channels (" +
                                            std::to_string(layer.C) + ") and the filters (" +
                                            std::to_string(layer.M) + ")"));
    }
    derive_window_output(entry, layer);
  }

  // An FC layer is a convolution whose filter covers its whole input.
  void parse_fc(YamlMap& entry, const Shape&, Layer& layer) {
    layer.M = int(entry.at("outputs").to_int(1));
    layer.R = layer.H;
    layer.S = layer.W;
    layer.E = layer.F = 1;
  }

  void parse_pool(YamlMap& entry, const Shape&, Layer& layer) {
    layer.M = layer.C;
    layer.groups = layer.C;
    // Global pooling: `kernel: global`, or `global: true` without a kernel.
    const bool global = entry.get_bool("global", false);
    const auto kernel = global ? entry.find("kernel") : entry.at("kernel");
    if (global && kernel) {
      kernel->fail("found a kernel and global: true, expected one of them (global pooling's "
                   "kernel is its whole input)");
    }
    if (global || (kernel->is_scalar() && kernel->to_string() == "global")) {
      layer.R = layer.H;
      layer.S = layer.W;
    } else {
      std::tie(layer.R, layer.S) = read_pair(entry, "kernel", 1, 1);
    }
    std::tie(layer.stride_h, layer.stride_w) = read_pair(entry, "stride", layer.R, 1);
    std::tie(layer.pad_h, layer.pad_w) = read_pair(entry, "padding", 0, 0);
    entry.get_choice("op", "max", {"max", "avg"});
    layer.ceil_mode = entry.get_bool("ceil_mode", false);
    derive_window_output(entry, layer);
  }

  void derive_window_output(YamlMap& entry, Layer& layer) {
    layer.E = window_output_size(layer.H, layer.pad_h, layer.dilated_kernel_height(),
                                 layer.stride_h, layer.ceil_mode);
    layer.F = window_output_size(layer.W, layer.pad_w, layer.dilated_kernel_width(),
                                 layer.stride_w, layer.ceil_mode);
    if (layer.E < 1 || layer.F < 1) {
      std::string kernel = shape_text(layer.R, layer.S) + " kernel";
      if (layer.dilation_h != 1 || layer.dilation_w != 1) {
        kernel += " (dilated: " +
                  shape_text(layer.dilated_kernel_height(), layer.dilated_kernel_width()) + ")";
      }
      entry.at("kernel").fail(found_expected(
          kernel + " on a " + shape_text(layer.padded_height(), layer.padded_width()) +
              " padded input",
          "a kernel no larger than its padded input"));
    }
  }

  void merge_add(YamlMap& entry, const std::vector<Shape>& inputs, Layer& layer) {
    for (size_t i = 1; i < inputs.size(); ++i) {
      if (inputs[i].channels != inputs[0].channels || inputs[i].height != inputs[0].height ||
          inputs[i].width != inputs[0].width) {
        entry.at("inputs").fail(
            "found '" + layer.inputs[i] + "' of " + describe(inputs[i]) + ", expected " +
            describe(inputs[0]) + " like '" + layer.inputs[0] + "' (add needs equal shapes)");
      }
    }
    layer.M = layer.C;
    layer.E = layer.H;
    layer.F = layer.W;
  }

  void merge_concat(YamlMap& entry, const std::vector<Shape>& inputs, Layer& layer) {
    layer.M = 0;
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (inputs[i].height != inputs[0].height || inputs[i].width != inputs[0].width) {
        entry.at("inputs").fail("found '" + layer.inputs[i] + "' of " + describe(inputs[i]) +
                                ", expected " + shape_text(inputs[0].height, inputs[0].width) +
                                " like '" + layer.inputs[0] +
                                "' (concat needs equal height and width)");
      }
      layer.M += inputs[i].channels;
    }
    layer.C = layer.M;  // every input channel, not only the first input's
    layer.E = layer.H;
    layer.F = layer.W;
  }

  static std::string describe(const Shape& shape) {
    return std::to_string(shape.channels) + "x" + shape_text(shape.height, shape.width);
  }

  YamlDocument document_;
  Network network_;
  std::map<std::string, Shape> shapes_;  // output shape of every layer parsed so far
};

}  // namespace

const Layer* Network::find(const std::string& layer_name) const {
  for (const auto& layer : layers) {
    if (layer.name == layer_name) return &layer;
  }
  return nullptr;
}

int64_t Network::total_macs() const {
  int64_t total = 0;
  for (const auto& layer : layers) total += layer.macs();
  return total;
}

int64_t Network::total_weights() const {
  int64_t total = 0;
  for (const auto& layer : layers) total += layer.weights();
  return total;
}

int Network::count(bool (*predicate)(const Layer&)) const {
  return int(std::count_if(layers.begin(), layers.end(), predicate));
}

Network parse_network_file(const std::string& path) { return NetworkParser(path).parse(); }

std::vector<std::string> list_builtin_networks() {
  std::vector<std::string> names;
  const std::filesystem::path folder = std::filesystem::path(data_dir()) / "workloads" / "nets";
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

Network load_network(const std::string& name_or_path) {
  const bool yaml_suffix = name_or_path.size() > 5 &&
                           name_or_path.compare(name_or_path.size() - 5, 5, ".yaml") == 0;
  const bool is_path = yaml_suffix || name_or_path.find('/') != std::string::npos;
  if (is_path) return parse_network_file(name_or_path);
  const auto names = list_builtin_networks();
  if (std::find(names.begin(), names.end(), name_or_path) == names.end()) {
    throw InputError({"--net"}, "", unknown_word_problem("network", name_or_path, names) +
                                         ", or a path to a workload file");
  }
  return parse_network_file(
      (std::filesystem::path(data_dir()) / "workloads" / "nets" / (name_or_path + ".yaml"))
          .string());
}

}  // namespace accelsim
