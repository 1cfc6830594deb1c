// Does the engine count exactly what the analytical model counts when nothing
// depends on the data (no zero gating, no compression)? And does a run that
// depends on the data keep the data-independent totals?

#include <gtest/gtest.h>

#include "tests/engine/simulate_child.h"

namespace accelsim::testing {
namespace {

const char* kShapes = "tests/configs/workloads/engine_shapes.yaml";

const std::vector<Override> kDataIndependent = {{"pe.zero_gating", "false", ""},
                                                {"dram.compression", "none", ""}};

class Crosscheck : public ::testing::TestWithParam<const char*> {};

TEST_P(Crosscheck, EngineCountsEqualModelCountsOnEveryLayer) {
  SimulationOptions options;
  options.batch = 2;
  const auto run = simulate_in_child(GetParam(), kDataIndependent, kShapes, options);
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

TEST_P(Crosscheck, ZeroGatingMovesMacsFromIssuedToGatedOnly) {
  SimulationOptions options;
  options.zero_fraction = 0.6;
  const auto run = simulate_in_child(GetParam(), {}, kShapes, options);
  ASSERT_FALSE(run.contains("error")) << run.dump();
  for (const auto& layer : run.at("layers")) {
    if (!layer.at("mapped")) continue;
    const auto& counts = layer.at("counts");
    const long long issued = counts.at("mac").at("issued"), gated = counts.at("mac").at("gated");
    EXPECT_EQ(issued + gated, layer.at("macs").get<long long>()) << layer.at("layer");
    EXPECT_EQ(counts.at("rf_filter").at("filter").at("read").get<long long>(), issued);
    EXPECT_EQ(counts.at("rf_ifmap").at("ifmap").at("read").get<long long>(), issued + gated);
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

INSTANTIATE_TEST_SUITE_P(Specs, Crosscheck, ::testing::Values("arch/tiny.yaml", "arch/eyeriss.yaml"),
                         [](const auto& info) {
                           return std::string(info.param).find("tiny") != std::string::npos
                                      ? "tiny"
                                      : "eyeriss";
                         });

}  // namespace
}  // namespace accelsim::testing
