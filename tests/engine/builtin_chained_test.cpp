// Every built-in network runs chained (issue 11): every layer it simulates reads its
// producers' real output, and every output the array or the data-moving path makes
// is verified. Each runs at the smallest of a few input sizes its layers accept (a
// token sequence of 8 for BERT; the LSTM's 35 tokens, which its slices need), batch
// 1, row stationary; BERT's first two encoder layers and the LSTM's first two time
// steps stand for their repeats (the same layer types and shapes; the layers before
// them are computed by the functional pass). The networks made only of convolutions,
// fc layers, pooling, adds and concatenations (whose simulation chained_values_test
// and move_layers_test verify) are checked by the functional pass alone: it gives
// every layer they simulate its real input. So the whole set stays short.

#include <gtest/gtest.h>

#include <cctype>
#include <map>

#include "dataflows/dataflow.h"
#include "sim/api/layer_selection.h"
#include "sim/api/network_values.h"
#include "sim/api/simulate.h"
#include "sim/common/input_error.h"
#include "workloads/network_input.h"
#include "tests/engine/simulate_child.h"

namespace accelsim::testing {
namespace {

// The smallest input size of the list that every layer of the network fits.
Network small_network(const std::string& name) {
  const Network network = load_network(name);
  if (network.input_width == 1) {  // tokens: fewer rows when the layers allow it
    try {
      return with_input_size(network, {8, 1, 0});
    } catch (const InputError&) {
      return network;
    }
  }
  for (int side : {32, 48, 64, 96, 128, 160}) {
    try {
      return with_input_size(network, {side, side, 0});
    } catch (const InputError&) {
    }
  }
  return network;
}

// The layers run: every simulated one, or the first two repeats of a long sequence.
std::vector<std::string> layers_run(const Network& network) {
  std::vector<std::string> names;
  if (network.name != "bert-base" && network.name != "lstm-ptb") return names;
  for (const auto& layer : network.layers) {
    const std::string& n = layer.name;
    const bool first = n.rfind("layer0_", 0) == 0 || n.rfind("layer1_", 0) == 0 ||
                       n.rfind("t1_", 0) == 0 || n.rfind("t2_", 0) == 0;
    if (first && layer.type != LayerType::input) names.push_back(n);
  }
  return names;
}

// A layer type this test must simulate: the matmul of two activations and the layers
// that move data besides adds and concatenations.
bool has_newer_layers(const Network& network) {
  for (const auto& layer : network.layers) {
    if (layer.weights_from_activation() || layer.type == LayerType::mul ||
        layer.type == LayerType::shuffle || layer.type == LayerType::slice ||
        layer.type == LayerType::activation) {
      return true;
    }
  }
  return false;
}

TEST(ChainedBuiltinNetworks, TheFunctionalPassFeedsEverySimulatedLayerOfEveryBuiltinNetwork) {
  for (const std::string& name : list_builtin_networks()) {
    const Network network = small_network(name);
    if (has_newer_layers(network)) continue;  // simulated below
    const auto selected = select_layers(network, {});
    const NetworkValues values = compute_network_values(network, selected, ValueOptions{1, 0, "", ""});
    for (const Layer* layer : selected) {
      EXPECT_TRUE(values.layers.count(layer->name)) << name << " " << layer->name;
    }
  }
}

TEST(ChainedBuiltinNetworks, EveryLayerOfTheNetworksWithProductsShufflesSlicesOrAttentionRunsChainedAndVerified) {
  int simulated = 0;
  for (const std::string& name : list_builtin_networks()) {
    if (!has_newer_layers(load_network(name))) continue;
    ++simulated;
    const std::string text = run_in_child([&] {
      const ArchSpec arch = load_arch("arch/eyeriss.yaml");
      const Network network = small_network(name);
      SimulationOptions options;
      options.layers = layers_run(network);
      const SimulationResult result = simulate(arch, network, options);
      nlohmann::json rows = nlohmann::json::array();
      for (const auto& layer : result.layers) {
        rows.push_back({{"layer", layer.layer}, {"mapped", layer.mapped}, {"reason", layer.reason},
                        {"chained", layer.input_chained}, {"verified", layer.output_verified}});
      }
      return rows.dump();
    });
    ASSERT_EQ(text.rfind("EXCEPTION", 0), std::string::npos) << name << ": " << text;
    const auto rows = nlohmann::json::parse(text);
    EXPECT_GT(rows.size(), 0u) << name;
    for (const auto& row : rows) {
      if (!row.at("mapped")) {
        // Only pooling the array cannot run (average, or windows past the input).
        EXPECT_NE(row.at("reason").get<std::string>().find("pool"), std::string::npos)
            << name << " " << row.dump();
        continue;
      }
      EXPECT_TRUE(row.at("chained")) << name << " " << row.at("layer");
      EXPECT_TRUE(row.at("verified")) << name << " " << row.at("layer");
    }
  }
  EXPECT_GE(simulated, 4);  // BERT, the LSTM, both ShuffleNets at least
}

// Every built-in network at its small size on every dataflow (issue 11's test list):
// every mapped row reads its real input and is verified; a row not mapped says why.
class EveryDataflow : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryDataflow, EveryMappedRowIsChainedAndVerified) {
  const std::string name = GetParam();
  const std::string text = run_in_child([&] {
    const ArchSpec arch = load_arch("arch/eyeriss.yaml");
    const Network network = small_network(name);
    SimulationOptions options;
    options.dataflows = {"all"};
    options.layers = layers_run(network);
    const SimulationResult result = simulate(arch, network, options);
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& layer : result.layers) {
      rows.push_back({{"layer", layer.layer}, {"dataflow", layer.dataflow},
                      {"mapped", layer.mapped}, {"reason", layer.reason},
                      {"chained", layer.input_chained}, {"verified", layer.output_verified}});
    }
    return rows.dump();
  });
  ASSERT_EQ(text.rfind("EXCEPTION", 0), std::string::npos) << name << ": " << text;
  std::map<std::string, int> mapped_per_dataflow;
  for (const auto& row : nlohmann::json::parse(text)) {
    const std::string where = name + " " + row.at("layer").get<std::string>() + " " +
                              row.at("dataflow").get<std::string>();
    if (!row.at("mapped")) {
      EXPECT_FALSE(row.at("reason").get<std::string>().empty()) << where;
      continue;
    }
    ++mapped_per_dataflow[row.at("dataflow").get<std::string>()];
    EXPECT_TRUE(row.at("chained")) << where;
    EXPECT_TRUE(row.at("verified")) << where;
  }
  EXPECT_EQ(mapped_per_dataflow.size(), dataflow_names().size()) << name;
}

INSTANTIATE_TEST_SUITE_P(ChainedBuiltinNetworks, EveryDataflow,
                         ::testing::ValuesIn(list_builtin_networks()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace accelsim::testing
