// Network totals, activation folding and the built-in network lookup.

#include "workloads/network.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "sim/common/files.h"
#include "sim/common/input_error.h"
#include "sim/common/text.h"

namespace accelsim {
namespace {

// How many layers read each layer's output (a layer reading one producer twice counts
// once per mention).
std::map<std::string, int> reader_counts(const Network& network) {
  std::map<std::string, int> readers;
  for (const auto& layer : network.layers) {
    for (const auto& input : layer.inputs) ++readers[input];
  }
  return readers;
}

bool foldable(const Layer& activation, const Layer* producer, int producer_readers) {
  return activation.type == LayerType::activation && activation.inputs.size() == 1 &&
         producer != nullptr && takes_activation(producer->type) &&
         producer->activation == Activation::none && producer_readers == 1;
}

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
  for (const auto& layer : layers) {
    if (layer.weights_from.empty()) total += layer.weights();
  }
  return total;
}

int Network::count(bool (*predicate)(const Layer&)) const {
  return int(std::count_if(layers.begin(), layers.end(), predicate));
}

void fold_activations(Network& network) {
  std::map<std::string, int> readers = reader_counts(network);
  std::map<std::string, std::string> folded_into;  // activation -> its producer
  std::vector<Layer> kept;
  for (auto& layer : network.layers) {
    for (auto& input : layer.inputs) {
      if (folded_into.count(input)) input = folded_into.at(input);
    }
    Layer* producer = nullptr;
    if (layer.type == LayerType::activation && layer.inputs.size() == 1) {
      for (auto& earlier : kept) {
        if (earlier.name == layer.inputs[0]) producer = &earlier;
      }
    }
    if (!foldable(layer, producer, producer ? readers[producer->name] : 0)) {
      kept.push_back(layer);
      continue;
    }
    producer->activation = layer.activation;
    folded_into[layer.name] = producer->name;
    readers[producer->name] = readers[layer.name];  // the activation's readers now read it
  }
  network.layers = std::move(kept);
}

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
