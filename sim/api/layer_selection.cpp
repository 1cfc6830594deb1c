#include "sim/api/layer_selection.h"

#include <algorithm>

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

// A name must be a layer, and one with MACs (pooling has none to simulate); the
// suggestions are the layers that can be named.
void check_layer(const Network& network, const std::string& name) {
  const Layer* layer = network.find(name);
  if (layer && layer->has_macs()) return;
  std::vector<std::string> candidates;
  for (const auto& each : network.layers) {
    if (each.has_macs()) candidates.push_back(each.name);
  }
  const std::string what = layer ? "layer with MACs" : "layer";
  throw InputError({"--layers"}, "", unknown_word_problem(what, name, candidates) +
                                         " (network " + network.name + ")");
}

}  // namespace

std::vector<const Layer*> select_layers(const Network& network,
                                        const std::vector<std::string>& names) {
  check_names(names);
  for (const auto& name : names) check_layer(network, name);
  std::vector<const Layer*> selected;
  for (const auto& layer : network.layers) {
    const bool named = std::find(names.begin(), names.end(), layer.name) != names.end();
    if (layer.has_macs() && (names.empty() || named)) selected.push_back(&layer);
  }
  return selected;
}

}  // namespace accelsim
