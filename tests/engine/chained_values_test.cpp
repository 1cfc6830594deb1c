// The chained data model: does a layer run on its producers' real output (activation
// applied, pooling computed), in either engine mode, on every dataflow?

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "dataflows/dataflow.h"
#include "sim/api/network_values.h"
#include "sim/api/simulate.h"
#include "sim/engine/data/reference_convolution.h"
#include "tests/engine/simulate_child.h"
#include "workloads/network_input.h"

namespace accelsim::testing {
namespace {

// pool1(relu(conv1)) computed here from the definitions, conv1 without its activation
// and the ReLU and 3x3 stride-2 max pool as plain loops.
std::vector<int16_t> pooled_relu_of_conv1(const Network& alexnet, const NetworkValues& values) {
  const Layer& conv1 = *alexnet.find("conv1");
  Layer raw = conv1;
  raw.activation = Activation::none;
  const LayerShape shape = layer_shape(raw, 1);
  const LayerData data =
      chained_layer_data(raw, shape, values.layers.at("conv1"), 0, salt_of("conv1"));
  std::vector<int16_t> sums = reference_convolution(data);
  for (auto& value : sums) value = std::max<int16_t>(value, 0);
  const int channels = conv1.M, size = conv1.E, pooled = alexnet.find("pool1")->E;
  std::vector<int16_t> out;
  for (int c = 0; c < channels; ++c) {
    for (int e = 0; e < pooled; ++e) {
      for (int f = 0; f < pooled; ++f) {
        int16_t best = -32768;
        for (int r = 0; r < 3; ++r) {
          for (int s = 0; s < 3; ++s) {
            best = std::max(best, sums[(size_t(c) * size + 2 * e + r) * size + 2 * f + s]);
          }
        }
        out.push_back(best);
      }
    }
  }
  return out;
}

TEST(ChainedValues, AlexNetConv2ReadsPool1OfReluOfConv1BitForBit) {
  const Network alexnet = load_network("alexnet");
  const NetworkValues values = compute_network_values(
      alexnet, {alexnet.find("conv1"), alexnet.find("conv2")}, ValueOptions{});
  const std::vector<int16_t> expected = pooled_relu_of_conv1(alexnet, values);
  ASSERT_EQ(expected.size(), 96u * 27 * 27);
  EXPECT_EQ(values.layers.at("conv2").input->values, expected);
  // ReLU then max pooling leaves zeros, but not everywhere.
  const auto zeros = std::count(expected.begin(), expected.end(), int16_t(0));
  EXPECT_GT(zeros, 0);
  EXPECT_LT(zeros, long(expected.size()));
}

TEST(ChainedValues, ALayerAloneIsFedItsPredecessorsRealOutput) {
  const Network alexnet = load_network("alexnet");
  const NetworkValues both = compute_network_values(
      alexnet, {alexnet.find("conv2"), alexnet.find("conv3")}, ValueOptions{});
  const NetworkValues alone =
      compute_network_values(alexnet, {alexnet.find("conv3")}, ValueOptions{});
  ASSERT_EQ(alone.layers.count("conv2"), 0u);
  EXPECT_EQ(alone.layers.at("conv3").input->values, both.layers.at("conv3").input->values);
}

// A sample of the built-in networks (small inputs keep the suite fast; the full
// sweep is tools/bench): every layer chained, every dataflow, outputs verified, and
// per-cycle equal to exact on everything.
TEST(ChainedValues, LeNetOnEveryDataflowIsVerifiedAndPerCycleEqualsExact) {
  SimulationOptions options;
  options.batch = 2;
  options.dataflows = {"all"};
  const auto exact = simulate_in_child("arch/tiny.yaml", {}, "lenet5", options);
  options.mode = EngineMode::per_cycle;
  const auto per_cycle = simulate_in_child("arch/tiny.yaml", {}, "lenet5", options);
  ASSERT_FALSE(exact.contains("error")) << exact.dump();
  ASSERT_FALSE(per_cycle.contains("error")) << per_cycle.dump();
  // c1, s2, c3, s4, c5, f6, output: the average pools (s2, s4) run on the array too.
  ASSERT_EQ(exact.at("layers").size(), 7u * dataflow_names().size());
  // The chosen product shifts are not all Q8.8's 8, so per-cycle == exact covers
  // the shift in the PEs and in every bulk kernel.
  std::set<int> shifts;
  for (const auto& values : exact.at("network_values")) shifts.insert(values.at("product_shift").get<int>());
  EXPECT_GE(shifts.size(), 3u);
  EXPECT_TRUE(shifts.count(16)) << "s2 and s4 (2x2 average pools) keep bits 16..31";
  int pools_mapped = 0;
  for (size_t i = 0; i < exact.at("layers").size(); ++i) {
    const auto& layer = exact.at("layers")[i];
    if (!layer.at("mapped")) continue;  // tiny's 3 PE rows: no 5x5 filter on RS
    pools_mapped += layer.at("layer") == "s2" || layer.at("layer") == "s4";
    EXPECT_TRUE(layer.at("output_verified")) << layer.at("layer") << " " << layer.at("dataflow");
    EXPECT_TRUE(layer.at("input_chained")) << layer.at("layer");
    for (const char* key : {"cycles", "counts", "stall_pe_cycles", "ofmap_raw_words",
                            "input_zero_fraction", "ofmap_link_ratio", "output_verified"}) {
      EXPECT_EQ(layer.at(key), per_cycle.at("layers")[i].at(key)) << key << " of " << layer.at("layer");
    }
  }
  EXPECT_EQ(pools_mapped, 2 * int(dataflow_names().size()));
}

// The chip's bit selection keeps a deep network's values in range: VGG-16 (13
// convolutions, 3 fc) on a 64x64 photo, functional pass. No layer's output
// vanishes (largest magnitude at least 2^12) or saturates (at most 2^15 - 1: the
// shift keeps the exact sums under 2^14), and ReLU leaves zeros but not only zeros.
TEST(ChainedValues, VGG16OutputsNeitherVanishNorSaturate) {
  const Network network = with_input_size(load_network("vgg16"), parse_input_size("64x64"));
  const NetworkValues values =
      compute_network_values(network, {network.find("fc8")}, ValueOptions{1, 0, "", ""});
  int computed = 0;
  for (const ValueStats& stats : values.stats) {
    if (stats.type != "conv" && stats.type != "fc") continue;
    ++computed;
    const int largest = std::max(stats.max_value, -stats.min_value);
    EXPECT_GE(largest, 1 << 12) << stats.layer;
    EXPECT_LT(largest, 32767) << stats.layer;
    EXPECT_GE(stats.product_shift, 0) << stats.layer;
    if (stats.layer != "fc8") EXPECT_LT(stats.zero_fraction, 0.9) << stats.layer;
  }
  EXPECT_EQ(computed, 16);
  const ValueStats& last = values.stats.back();
  ASSERT_EQ(last.layer, "fc8");
  EXPECT_LT(last.zero_fraction, 0.05);  // no ReLU on the classifier
  EXPECT_GT(last.rms, 256);
}

TEST(ChainedValues, ResNet18OnA32x32InputIsVerifiedOnEveryDataflow) {
  SimulationOptions options;
  options.dataflows = {"all"};
  options.layers = {"conv1", "layer1_0_conv1", "layer2_0_conv1", "layer2_0_downsample",
                    "layer4_1_conv2", "fc"};
  const std::string text = run_in_child([&] {
    const ArchSpec arch = load_arch("arch/eyeriss.yaml", {});
    const Network network = with_input_size(load_network("resnet18"), parse_input_size("32x32"));
    return run_json(RunContext{arch, network, options, simulate(arch, network, options)}).dump();
  });
  ASSERT_EQ(text.rfind("EXCEPTION", 0), std::string::npos) << text;
  const auto run = nlohmann::json::parse(text);
  for (const auto& layer : run.at("layers")) {
    if (!layer.at("mapped")) continue;
    EXPECT_TRUE(layer.at("output_verified")) << layer.at("layer") << " " << layer.at("dataflow");
    // Past the first layer, the inputs are ReLU outputs (or sums of them): zeros appear.
    if (layer.at("layer") != "conv1") EXPECT_GT(layer.at("input_zero_fraction"), 0.05);
  }
}

}  // namespace
}  // namespace accelsim::testing
