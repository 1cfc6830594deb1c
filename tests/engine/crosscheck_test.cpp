// Does the engine count exactly what the analytical model counts when nothing
// depends on the data (no zero gating, no compression)? And does a run that
// depends on the data keep the data-independent totals?

#include <gtest/gtest.h>

#include <cmath>

#include "dataflows/dataflow.h"
#include "tests/engine/simulate_child.h"

namespace accelsim::testing {
namespace {

const char* kShapes = "tests/configs/workloads/engine_shapes.yaml";

const std::vector<Override> kDataIndependent = {{"pe.zero_gating", "false", ""},
                                                {"dram.compression", "none", ""}};

struct Case {
  const char* arch;
  std::string dataflow;
};

void PrintTo(const Case& c, std::ostream* out) { *out << c.arch << " " << c.dataflow; }

class Crosscheck : public ::testing::TestWithParam<Case> {};

TEST_P(Crosscheck, EngineCountsEqualModelCountsOnEveryLayer) {
  SimulationOptions options;
  options.batch = 2;
  options.dataflows = {GetParam().dataflow};
  const auto run = simulate_in_child(GetParam().arch, kDataIndependent, kShapes, options);
  ASSERT_FALSE(run.contains("error")) << run.dump();
  int mapped = 0;
  for (const auto& layer : run.at("layers")) {
    if (!layer.at("mapped")) continue;
    ++mapped;
    EXPECT_EQ(layer.at("counts"), layer.at("model_counts"))
        << layer.at("layer") << " " << layer.at("mapping").dump();
    EXPECT_TRUE(layer.at("output_verified")) << layer.at("layer");
  }
  EXPECT_GE(mapped, 8);
}

// Reads of a count that may be absent (zero).
long long count_of(const nlohmann::json& counts, const char* level, const char* type,
                   const char* action) {
  const auto l = counts.find(level);
  if (l == counts.end() || !l->contains(type) || !l->at(type).contains(action)) return 0;
  return l->at(type).at(action).get<long long>();
}

TEST_P(Crosscheck, ZeroGatingMovesMacsFromIssuedToGatedOnly) {
  SimulationOptions options;
  options.independent_layers = true;
  options.zero_fraction = 0.6;
  options.dataflows = {GetParam().dataflow};
  const auto run = simulate_in_child(GetParam().arch, {}, kShapes, options);
  ASSERT_FALSE(run.contains("error")) << run.dump();
  const std::string dataflow = GetParam().dataflow;
  const bool window = dataflow == "rs" || dataflow.rfind("ws", 0) == 0;  // weights in the filter spad
  // Without psum storage (the paper's WS, NLR) a gated MAC has no psum access to save.
  const bool psum_storage = dataflow != "nlr" && dataflow != "ws";
  for (const auto& layer : run.at("layers")) {
    if (!layer.at("mapped")) continue;
    const auto& counts = layer.at("counts");
    const auto& model = layer.at("model_counts");
    if (layer.contains("type")) {  // max pooling: no MACs and nothing gated (a zero may win)
      EXPECT_EQ(counts.at("mac").at("gated"), 0) << layer.at("layer");
      EXPECT_EQ(counts.at("mac").at("issued"), layer.at("ops")) << layer.at("layer");
      continue;
    }
    const long long issued = counts.at("mac").at("issued"), gated = counts.at("mac").at("gated");
    EXPECT_EQ(issued + gated, layer.at("macs").get<long long>()) << layer.at("layer");
    // A gated MAC saves the weight read (from a scratchpad) and the psum update.
    EXPECT_EQ(count_of(counts, "rf_filter", "filter", "read"), window ? issued : 0);
    EXPECT_EQ(count_of(counts, "rf_ifmap", "ifmap", "read"), window ? issued + gated : 0);
    EXPECT_EQ(count_of(model, "rf_psum", "psum", "read") -
                  count_of(counts, "rf_psum", "psum", "read"),
              psum_storage ? gated : 0);
    // The first layer's input is an image without zeros; only its padding is zero:
    // 12x12 outputs x 3x3 taps have 34 x 34 of 36 x 36 (row, col) tap pairs inside
    // the image, so 140 per (channel, filter) pair, times 3 x 5.
    if (layer.at("layer") == "conv3x3") {
      EXPECT_EQ(gated, 2100);
    } else {
      EXPECT_GT(gated, 0) << layer.at("layer");
    }
  }
}

TEST(CrosscheckUnicast, WithoutMulticastEveryDeliveryIsItsOwnReadInBoth) {
  std::vector<Override> overrides = kDataIndependent;
  overrides.push_back({"noc.ifmap.multicast", "false", ""});
  overrides.push_back({"noc.filter.multicast", "false", ""});
  const auto run = simulate_in_child("arch/tiny.yaml", overrides, kShapes, SimulationOptions{});
  ASSERT_FALSE(run.contains("error")) << run.dump();
  for (const auto& layer : run.at("layers")) {
    if (!layer.at("mapped")) continue;
    const auto& counts = layer.at("counts");
    EXPECT_EQ(counts, layer.at("model_counts")) << layer.at("layer");
    EXPECT_EQ(counts.at("glb").at("ifmap").at("read"), counts.at("array").at("ifmap").at("write"));
    EXPECT_TRUE(layer.at("output_verified")) << layer.at("layer");
  }
}

// Can the mapper trust its cycle estimates? On a sample of real layers (LeNet-5's
// CONV and FC layers, batch 2) the analytical estimate is within 10% of the engine's
// processing cycles, and never below the compute bound (MACs / active PEs).
TEST(CrosscheckCycles, EstimatesWithinTenPercentOfTheEngineOnLenet) {
  SimulationOptions options;
  options.batch = 2;
  options.dataflows = {"all"};
  const auto run = simulate_in_child("arch/eyeriss.yaml", kDataIndependent, "lenet5", options);
  ASSERT_FALSE(run.contains("error")) << run.dump();
  int checked = 0;
  for (const auto& layer : run.at("layers")) {
    if (!layer.at("mapped")) continue;
    ++checked;
    const double model = layer.at("model_estimated_cycles").get<double>();
    const double engine = layer.at("processing_cycles").get<double>();
    const std::string what = layer.at("layer").get<std::string>() + " " +
                             layer.at("dataflow").get<std::string>();
    EXPECT_LE(std::abs(model / engine - 1), 0.10) << what << ": " << model << " vs " << engine;
    EXPECT_GE(model * layer.at("active_pes").get<double>(), layer.at("macs").get<double>())
        << what;
  }
  // 5 MAC layers and 2 average pools (MACs with a constant filter) x every dataflow.
  EXPECT_EQ(checked, 7 * int(dataflow_names().size()));
}

// Every registered dataflow: a new one is crosschecked with no change here.
std::vector<Case> every_spec_and_dataflow() {
  std::vector<Case> cases;
  for (const char* arch : {"arch/tiny.yaml", "arch/eyeriss.yaml"}) {
    for (const auto& dataflow : dataflow_names()) {
      cases.push_back({arch, dataflow});
    }
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Specs, Crosscheck, ::testing::ValuesIn(every_spec_and_dataflow()),
                         [](const auto& info) {
                           std::string name = std::string(info.param.arch).find("tiny") !=
                                                      std::string::npos
                                                  ? "tiny_"
                                                  : "eyeriss_";
                           for (char c : info.param.dataflow) {
                             name += c == '-' ? '_' : c;
                           }
                           return name;
                         });

}  // namespace
}  // namespace accelsim::testing
