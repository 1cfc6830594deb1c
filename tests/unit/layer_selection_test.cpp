// The one rule of --layers (sim/api/layer_selection.h): which layers run, in which
// order, and which names are input errors.

#include <gtest/gtest.h>

#include <algorithm>

#include "sim/api/layer_selection.h"
#include "sim/common/input_error.h"

namespace accelsim {
namespace {

// LeNet-5: c1, s2 (pooling), c3, s4 (pooling), c5, f6, output.
const Network& lenet5() {
  static const Network network = load_network("lenet5");
  return network;
}

std::vector<std::string> selected(const std::vector<std::string>& names) {
  std::vector<std::string> layers;
  for (const Layer* layer : select_layers(lenet5(), names)) layers.push_back(layer->name);
  return layers;
}

std::string error_of(const std::vector<std::string>& names) {
  try {
    select_layers(lenet5(), names);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

TEST(LayerSelection, NoNamesIsEverySimulatedLayer) {
  EXPECT_EQ(selected({}),
            (std::vector<std::string>{"c1", "s2", "c3", "s4", "c5", "f6", "output"}));
}

// Every layer type has a row but a network's extra inputs (an LSTM's initial states).
TEST(LayerSelection, EveryLayerTypeIsSimulatedButExtraInputs) {
  const auto types_selected = [](const std::string& net) {
    const Network network = load_network(net);
    std::vector<std::string> types;
    for (const Layer* layer : select_layers(network, {})) {
      const std::string type = layer_type_name(layer->type);
      if (std::find(types.begin(), types.end(), type) == types.end()) types.push_back(type);
    }
    std::sort(types.begin(), types.end());
    return types;
  };
  EXPECT_EQ(types_selected("shufflenet-v2"),
            (std::vector<std::string>{"concat", "conv", "fc", "pool", "shuffle", "slice"}));
  EXPECT_EQ(types_selected("lstm-ptb"),
            (std::vector<std::string>{"activation", "add", "concat", "matmul", "mul", "slice"}));
  EXPECT_EQ(load_network("lstm-ptb").layers.size(), select_layers(load_network("lstm-ptb"), {}).size() + 4);
}

TEST(LayerSelection, NamedLayersComeInNetworkOrder) {
  EXPECT_EQ(selected({"output", "c3", "f6"}), (std::vector<std::string>{"c3", "f6", "output"}));
}

TEST(LayerSelection, AnUnknownNameSuggestsTheSimulatedLayers) {
  EXPECT_EQ(error_of({"c1", "c9"}),
            "--layers: unknown layer 'c9'; did you mean 'c1'? expected one of: c1, s2, c3, s4, "
            "c5, f6, output (network lenet5)");
}

TEST(LayerSelection, APoolingLayerCanBeNamed) {
  EXPECT_EQ(selected({"s4", "c1"}), (std::vector<std::string>{"c1", "s4"}));
}

TEST(LayerSelection, EmptyAndRepeatedNamesAreErrorsNamingTheValue) {
  EXPECT_EQ(error_of({""}), "--layers: found '', expected layer names separated by single commas");
  EXPECT_EQ(error_of({"c1", "", "c3"}),
            "--layers: found 'c1,,c3', expected layer names separated by single commas");
  EXPECT_EQ(error_of({"c1", "c3", "c1"}),
            "--layers: found 'c1,c3,c1', expected each layer once ('c1' is repeated)");
}

}  // namespace
}  // namespace accelsim
