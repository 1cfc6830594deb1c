// Parses workload files (format: workloads/README.md): reads every key of every layer,
// resolves the no-op layers (batch-norm, flatten, dropout) to their inputs, derives the
// shapes (layer_shapes.h) and folds standalone activations into their producers.

#include <algorithm>
#include <map>

#include "sim/common/text.h"
#include "sim/common/yaml_reader.h"
#include "workloads/layer_shapes.h"
#include "workloads/network.h"
#include "workloads/workload_limits.h"

namespace accelsim {
namespace {

// Layer words that are no layer at inference: batch-norm is folded into the adjacent
// convolution, flatten and dropout do nothing. Their names become aliases of their input.
const std::vector<std::string> kNoOpTypes = {"batchnorm", "bn", "batch_norm", "flatten",
                                             "dropout"};

// Every word `type:` accepts: the layer types, the no-ops, and each activation's name
// (a standalone activation layer).
std::vector<std::string> type_words() {
  std::vector<std::string> words = layer_type_names();
  words.insert(words.end(), kNoOpTypes.begin(), kNoOpTypes.end());
  words.insert(words.end(), activation_names().begin() + 1, activation_names().end());
  return words;
}

template <typename Enum>
Enum enum_of(const std::vector<std::string>& names, const std::string& word) {
  return Enum(std::find(names.begin(), names.end(), word) - names.begin());
}

// `kernel: 3`, `kernel: [1, 7]`: one value for both dimensions, or [height, width].
std::pair<int, int> read_pair(YamlMap& map, const std::string& key, int fallback, int min,
                              int64_t max = kMaxWorkloadExtent,
                              const std::string& pair_text = "[height, width]") {
  const auto value = map.find(key);
  if (!value) return {fallback, fallback};
  if (value->is_list()) {
    const auto items = value->to_list();
    if (items.size() != 2) value->fail("found a list of " + std::to_string(items.size()) +
                                       ", expected one integer or " + pair_text);
    return {int(items[0].to_int(min, max)), int(items[1].to_int(min, max))};
  }
  const int both = int(value->to_int(min, max));
  return {both, both};
}

// `channels: [first, count]` of a slice.
void read_range(YamlMap& map, const std::string& key, int& first, int& count) {
  const auto value = map.find(key);
  if (!value) return;
  const auto items = value->to_list();
  if (items.size() != 2) value->fail("found a list of " + std::to_string(items.size()) +
                                     ", expected [first, count]");
  first = int(items[0].to_int(0, kMaxWorkloadExtent));
  count = int(items[1].to_int(1, kMaxWorkloadExtent));
}

// Every key a layer of this type may have (workloads/README.md).
std::vector<std::string> layer_keys(LayerType type) {
  switch (type) {
    case LayerType::conv:
      return {"name", "type", "input", "filters", "kernel", "stride", "padding", "dilation",
              "groups", "activation", "weights_from"};
    case LayerType::fc: return {"name", "type", "input", "outputs", "activation", "weights_from"};
    case LayerType::pool:
      return {"name", "type", "input", "kernel", "global", "stride", "padding", "op",
              "ceil_mode", "activation"};
    case LayerType::add:
    case LayerType::concat:
    case LayerType::mul: return {"name", "type", "inputs", "activation"};
    case LayerType::shuffle: return {"name", "type", "input", "groups"};
    case LayerType::matmul:
      return {"name", "type", "input", "inputs", "outputs", "heads", "transpose_b",
              "activation", "weights_from"};
    case LayerType::slice: return {"name", "type", "input", "channels", "rows"};
    case LayerType::activation: return {"name", "type", "input", "activation"};
    case LayerType::input: return {"name", "type", "channels", "height", "width"};
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

// "650x1300x1x1 (groups 1)": the shape of a layer's weights.
std::string weight_shape(const Layer& layer) {
  return std::to_string(layer.M) + "x" + std::to_string(layer.channels_per_group()) + "x" +
         std::to_string(layer.R) + "x" + std::to_string(layer.S) + " (groups " +
         std::to_string(layer.groups) + ")";
}

class NetworkParser {
 public:
  explicit NetworkParser(const std::string& path) : document_(load_yaml_file(path)) {}

  Network parse() {
    YamlMap root(&document_, document_.root, "");
    root.expect_keys({"name", "variant", "source", "notes", "input", "layers"});
    network_.file = document_.file;
    network_.name = root.at("name").to_string();
    if (auto problem = path_name_problem(network_.name); !problem.empty()) {
      root.at("name").fail(problem);
    }
    network_.variant = root.at("variant").to_string();
    network_.source = root.get_string("source", "");
    root.get_string("notes", "");
    YamlMap input = root.at("input").to_map();
    input.expect_keys({"channels", "height", "width"});
    network_.input_channels = int(input.at("channels").to_int(1, kMaxWorkloadExtent));
    network_.input_height = int(input.at("height").to_int(1, kMaxWorkloadExtent));
    network_.input_width = int(input.at("width").to_int(1, kMaxWorkloadExtent));
    if (auto problem = map_size_problem(network_input())) input.fail(*problem);
    input.finish();
    const auto layers = root.at("layers");
    const auto items = layers.to_list();
    if (int64_t(items.size()) > kMaxLayers) {
      layers.fail("found " + std::to_string(items.size()) + " layers, expected at most " +
                  std::to_string(kMaxLayers));
    }
    for (const auto& item : items) parse_entry(item);
    if (network_.layers.empty()) layers.fail("found an empty list, expected at least one layer");
    root.finish();
    fold_activations(network_);
    return network_;
  }

 private:
  void parse_entry(const YamlValue& item) {
    YamlMap unnamed = item.to_map();
    if (!unnamed.find("name")) unnamed.expect_keys(all_layer_keys());  // a mistyped `name`
    const std::string name = unnamed.at("name").to_string();
    if (name.empty() || name == "input" ||
        std::any_of(name.begin(), name.end(), [](char c) { return (unsigned char)c < ' '; })) {
      unnamed.at("name").fail(found_expected(name, "a layer name, not empty, without control "
                                                   "characters, other than 'input' (the "
                                                   "network input)"));
    }
    // Errors inside a layer name it: "layers.conv2.groups" reads better than an index.
    YamlMap entry = item.with_key_path("layers." + name).to_map();
    if (!entry.find("type")) entry.expect_keys(all_layer_keys());  // a mistyped `type`
    if (shapes_.count(name) || aliases_.count(name)) {
      entry.at("name").fail("found '" + name + "' again, expected a unique layer name");
    }
    const std::string word = entry.at("type").to_choice(type_words());
    if (std::find(kNoOpTypes.begin(), kNoOpTypes.end(), word) != kNoOpTypes.end()) {
      entry.expect_keys({"name", "type", "input"});
      aliases_[name] = previous_ = producer_of(entry);
      entry.finish();
      return;
    }
    parse_layer(entry, name, word);
  }

  void parse_layer(YamlMap& entry, const std::string& name, const std::string& word) {
    Layer layer;
    layer.name = name;
    const auto& types = layer_type_names();
    if (std::find(types.begin(), types.end(), word) == types.end()) {
      layer.type = LayerType::activation;  // `type: relu`
      layer.activation = enum_of<Activation>(activation_names(), word);
    } else {
      layer.type = enum_of<LayerType>(types, word);
    }
    entry.expect_keys(layer_keys(layer.type));
    const std::vector<MapShape> inputs = read_inputs(entry, layer);
    read_parameters(entry, layer);
    if (auto problem = derive_shape(layer, inputs)) {
      if (auto value = entry.find(problem->key)) value->fail(problem->problem);
      entry.fail(problem->problem);
    }
    if (auto shared = entry.find("weights_from")) check_shared_weights(*shared, layer);
    entry.finish();
    shapes_[layer.name] = output_shape(layer);
    previous_ = layer.name;
    network_.layers.push_back(layer);
  }

  void read_parameters(YamlMap& entry, Layer& layer) {
    switch (layer.type) {
      case LayerType::conv: read_conv(entry, layer); break;
      case LayerType::fc: layer.M = int(entry.at("outputs").to_int(1, kMaxWorkloadExtent)); break;
      case LayerType::pool: read_pool(entry, layer); break;
      case LayerType::shuffle:
        layer.groups = int(entry.at("groups").to_int(1, kMaxWorkloadExtent));
        break;
      case LayerType::matmul: read_matmul(entry, layer); break;
      case LayerType::slice: read_slice(entry, layer); break;
      case LayerType::input:
        layer.C = int(entry.at("channels").to_int(1, kMaxWorkloadExtent));
        layer.H = int(entry.at("height").to_int(1, kMaxWorkloadExtent));
        layer.W = int(entry.at("width").to_int(1, kMaxWorkloadExtent));
        break;
      default: break;
    }
    if (layer.type == LayerType::activation) {
      std::vector<std::string> functions(activation_names().begin() + 1, activation_names().end());
      // `type: activation` names its function; `type: relu` may repeat it.
      const auto value = entry.find("activation");
      if (!value && layer.activation == Activation::none) entry.at("activation");
      if (value) {
        layer.activation = enum_of<Activation>(activation_names(), value->to_choice(functions));
      }
    } else if (takes_activation(layer.type)) {
      layer.activation = enum_of<Activation>(
          activation_names(), entry.get_choice("activation", "none", activation_names()));
    }
  }

  // The producer named by `input` (through aliases), or by default the layer above
  // (the network input for the first layer).
  std::string producer_of(YamlMap& entry) {
    if (auto value = entry.find("input")) return resolve(*value);
    return previous_;
  }

  std::string resolve(const YamlValue& value) {
    const std::string producer = value.to_string();
    if (producer == "input" || shapes_.count(producer)) return producer;
    if (aliases_.count(producer)) return aliases_.at(producer);
    std::vector<std::string> known;
    for (const auto& earlier : network_.layers) known.push_back(earlier.name);
    for (const auto& alias : aliases_) known.push_back(alias.first);
    known.push_back("input");
    value.fail(unknown_word_problem("layer", producer, known) +
               " (a layer may only use layers above it)");
  }

  // `input: name` for one producer, `inputs: [a, b]` for add, concat, mul and a matmul
  // of two activations; by default the layer above.
  std::vector<MapShape> read_inputs(YamlMap& entry, Layer& layer) {
    if (layer.type == LayerType::input) return {};
    const bool merges = layer.type == LayerType::add || layer.type == LayerType::concat ||
                        layer.type == LayerType::mul;
    auto list = merges ? std::optional<YamlValue>(entry.at("inputs")) : std::nullopt;
    if (layer.type == LayerType::matmul) list = entry.find("inputs");
    if (list) {
      const auto named = list->to_list();
      const size_t least = merges ? 2 : 1;
      const size_t most = layer.type == LayerType::add || layer.type == LayerType::concat ? 1000 : 2;
      if (named.size() < least || named.size() > most) {
        list->fail("found " + std::to_string(named.size()) + " input(s), expected " +
                   (most == 1000 ? "at least 2" : least == most ? "2" : "1 or 2"));
      }
      if (layer.type == LayerType::matmul && entry.find("input")) {
        entry.at("input").fail("found both `input` and `inputs`, expected one of them");
      }
      for (const auto& value : named) layer.inputs.push_back(resolve(value));
    } else {
      layer.inputs.push_back(producer_of(entry));
    }
    std::vector<MapShape> shapes;
    for (const auto& producer : layer.inputs) {
      shapes.push_back(producer == "input" ? network_input() : shapes_.at(producer));
    }
    // A layer reading only the network input lists no producer (as before).
    if (layer.inputs.size() == 1 && layer.inputs[0] == "input" && !entry.find("input")) {
      layer.inputs.clear();
    }
    return shapes;
  }

  MapShape network_input() const {
    return {network_.input_channels, network_.input_height, network_.input_width};
  }

  void read_conv(YamlMap& entry, Layer& layer) {
    layer.M = int(entry.at("filters").to_int(1, kMaxWorkloadExtent));
    std::tie(layer.R, layer.S) = read_pair(entry, "kernel", 0, 1);
    if (layer.R == 0) entry.at("kernel");  // reports the missing key
    std::tie(layer.stride_h, layer.stride_w) = read_pair(entry, "stride", 1, 1);
    std::tie(layer.pad_h, layer.pad_w) = read_pair(entry, "padding", 0, 0);
    std::tie(layer.dilation_h, layer.dilation_w) =
        read_pair(entry, "dilation", 1, 1, kMaxDilation);
    layer.groups = int(entry.get_int("groups", 1, 1, kMaxWorkloadExtent));
  }

  void read_pool(YamlMap& entry, Layer& layer) {
    // Global pooling: `kernel: global`, or `global: true` without a kernel.
    const bool global = entry.get_bool("global", false);
    const auto kernel = global ? entry.find("kernel") : entry.at("kernel");
    if (global && kernel) {
      kernel->fail("found a kernel and global: true, expected one of them (global pooling's "
                   "kernel is its whole input)");
    }
    layer.global_pool = global || (kernel->is_scalar() && kernel->to_string() == "global");
    if (!layer.global_pool) {
      std::tie(layer.R, layer.S) = read_pair(entry, "kernel", 1, 1);
      std::tie(layer.stride_h, layer.stride_w) = read_pair(entry, "stride", layer.R, 1);
      if (!entry.find("stride")) layer.stride_w = layer.S;
    }
    std::tie(layer.pad_h, layer.pad_w) = read_pair(entry, "padding", 0, 0);
    layer.pool_op = entry.get_choice("op", "max", {"max", "avg"}) == "max" ? PoolOp::max
                                                                           : PoolOp::avg;
    layer.ceil_mode = entry.get_bool("ceil_mode", false);
  }

  void read_matmul(YamlMap& entry, Layer& layer) {
    layer.groups = int(entry.get_int("heads", 1, 1, kMaxHeads));
    layer.transpose_b = entry.get_bool("transpose_b", false);
    if (!layer.weights_from_activation()) {
      layer.M = int(entry.at("outputs").to_int(1, kMaxWorkloadExtent));
      if (layer.transpose_b) {
        entry.at("transpose_b").fail("found 'true' on a matmul of one input, expected it only "
                                     "with `inputs: [a, b]`");
      }
    } else if (auto outputs = entry.find("outputs")) {
      outputs->fail(found_expected(outputs->to_string(),
                                   "no `outputs` with `inputs: [a, b]` (b decides them)"));
    }
  }

  void read_slice(YamlMap& entry, Layer& layer) {
    read_range(entry, "channels", layer.slice_channel, layer.slice_channels);
    read_range(entry, "rows", layer.slice_row, layer.slice_rows);
    if (!entry.find("channels") && !entry.find("rows")) {
      entry.fail("found neither `channels` nor `rows`, expected at least one [first, count]");
    }
  }

  void check_shared_weights(const YamlValue& value, Layer& layer) {
    const std::string owner = value.to_string();
    const Layer* shared = network_.find(owner);
    if (!shared || shared->weights() == 0) {
      std::vector<std::string> known;
      for (const auto& earlier : network_.layers) {
        if (earlier.weights() > 0) known.push_back(earlier.name);
      }
      value.fail(unknown_word_problem("layer with weights", owner, known) +
                 " (a layer may only use layers above it)");
    }
    if (shared->type != layer.type || weight_shape(*shared) != weight_shape(layer)) {
      value.fail("found '" + owner + "' with " + layer_type_name(shared->type) + " weights " +
                 weight_shape(*shared) + ", expected " + layer_type_name(layer.type) +
                 " weights " + weight_shape(layer) + " like this layer's");
    }
    if (layer.weights() == 0) value.fail("found a layer without weights, expected one with");
    layer.weights_from = shared->weights_from.empty() ? owner : shared->weights_from;
  }

  YamlDocument document_;
  Network network_;
  std::map<std::string, MapShape> shapes_;        // output shape of every layer so far
  std::map<std::string, std::string> aliases_;    // no-op layer -> the producer it stands for
  std::string previous_ = "input";                // the producer of the layer above
};

}  // namespace

Network parse_network_file(const std::string& path) { return NetworkParser(path).parse(); }

}  // namespace accelsim
