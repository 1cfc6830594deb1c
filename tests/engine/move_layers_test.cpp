// The layers between convolutions (issue 11): max pooling on the PE array (no
// filters, the maximum in place of the MAC) and the adds and concatenations that
// move feature maps through DRAM and the GLB. Each has its own row, with cycles,
// accesses and no MACs; exact mode equals per-cycle mode on them.

#include <gtest/gtest.h>

#include "dataflows/dataflow.h"
#include "sim/api/network_values.h"
#include "sim/api/simulate.h"
#include "sim/values/layer_ops.h"
#include "tests/engine/run_counts.h"
#include "tests/engine/simulate_child.h"

namespace accelsim::testing {
namespace {

const char* kMoves = "tests/configs/workloads/moves.yaml";

// Every filter access at every level: none for a layer without filters.
long long filter_accesses(const nlohmann::json& counts) {
  long long total = 0;
  for (const auto& [level, types] : counts.items()) {
    if (!types.is_object() || !types.contains("filter")) continue;
    for (const auto& [action, count] : types.at("filter").items()) total += count.get<long long>();
  }
  return total;
}

TEST(MoveLayers, MaxPoolingRunsOnEveryDataflowWithoutFiltersAndMatchesTheFunctionalPass) {
  SimulationOptions options;
  options.batch = 2;
  options.dataflows = {"all"};
  options.layers = {"pooled"};
  const auto run = simulate_in_child("arch/eyeriss.yaml", {}, kMoves, options);
  ASSERT_FALSE(run.contains("error")) << run.dump();
  ASSERT_EQ(run.at("layers").size(), dataflow_names().size());
  for (const auto& layer : run.at("layers")) {
    ASSERT_TRUE(layer.at("mapped")) << layer.dump();
    // The engine's output equals sim/values/layer_ops.h's pool on the same input.
    EXPECT_TRUE(layer.at("output_verified")) << layer.at("dataflow");
    EXPECT_EQ(layer.at("macs"), 0);
    EXPECT_EQ(layer.at("type"), "pool");
    EXPECT_EQ(layer.at("ops"), 2 * 8 * 6 * 6 * 4);  // images x channels x outputs x window
    EXPECT_EQ(filter_accesses(layer.at("counts")), 0) << layer.at("dataflow");
    EXPECT_EQ(layer.at("counts").at("mac").at("issued"), 2 * 8 * 6 * 6 * 4);
    EXPECT_GT(layer.at("cycles").get<long long>(), 0);
  }
}

// Average pooling is a depthwise convolution with one constant filter (layer_ops.h):
// MACs at the pool's own product shift, its 3x3 filter loaded like any filter.
TEST(MoveLayers, AveragePoolingRunsOnEveryDataflowAsMacsAndMatchesLayerOps) {
  SimulationOptions options;
  options.batch = 2;
  options.dataflows = {"all"};
  options.layers = {"averaged"};
  const auto run = simulate_in_child("arch/eyeriss.yaml", {}, kMoves, options);
  ASSERT_FALSE(run.contains("error")) << run.dump();
  ASSERT_EQ(run.at("layers").size(), dataflow_names().size());
  const long long ops = 2 * 8 * 6 * 6 * 9;  // images x channels x outputs x window
  for (const auto& layer : run.at("layers")) {
    ASSERT_TRUE(layer.at("mapped")) << layer.dump();
    // The engine's output equals sim/values/layer_ops.h's pool on the same input.
    EXPECT_TRUE(layer.at("output_verified")) << layer.at("dataflow");
    EXPECT_EQ(layer.at("type"), "pool");
    EXPECT_EQ(layer.at("ops"), ops);
    const auto& mac = layer.at("counts").at("mac");
    EXPECT_EQ(mac.at("issued").get<long long>() + mac.value("gated", 0LL), ops)
        << layer.at("dataflow");
    // The constant filter is read from DRAM: 9 words, at least once.
    EXPECT_GE(count_of(layer.at("counts"), "dram", "filter", "read"), 9) << layer.at("dataflow");
  }
}

// The chip's average (layer_ops.h) pinned on one window: 2x2 over {100, 200, 300, 401},
// weight 2^16 / 4 = 16384 at shift 16: each product is x / 4 rounded down
// (25 + 50 + 75 + 100 = 250; 401 / 4 = 100.25 loses its quarter).
TEST(MoveLayers, AveragePoolingIsTheSumOfShiftedConstantProducts) {
  EXPECT_EQ(avg_pool_shift(4), 16);
  EXPECT_EQ(avg_pool_weight(4), 16384);
  EXPECT_EQ(avg_pool_shift(1), 14);  // 2^15 does not fit a word: x * 2^14 >> 14 = x
  EXPECT_EQ(avg_pool_shift(9), 16);
  EXPECT_EQ(avg_pool_weight(9), 7282);  // 65536 / 9 = 7281.8
  Layer layer;
  layer.type = LayerType::pool;
  layer.pool_op = PoolOp::avg;
  layer.R = layer.S = layer.stride_h = layer.stride_w = 2;
  layer.E = layer.F = 1;
  Tensor in(1, 1, 2, 2);
  in.values = {100, 200, 300, 401};
  EXPECT_EQ(pool(layer, in).values, std::vector<int16_t>{250});
  in.values = {-1, -1, -1, -1};  // each -1 x 16384 >> 16 = -1: the rounding shows
  EXPECT_EQ(pool(layer, in).values, std::vector<int16_t>{-4});
}

TEST(MoveLayers, AnAddReadsItsOperandsAndWritesItsSumCompressedOverTheLink) {
  SimulationOptions options;
  options.batch = 2;
  options.layers = {"sum"};
  const auto run = simulate_in_child("arch/eyeriss.yaml", {}, kMoves, options);
  ASSERT_FALSE(run.contains("error")) << run.dump();
  const auto sum = layer_of(run, "sum");
  ASSERT_TRUE(sum.at("mapped")) << sum.dump();
  EXPECT_TRUE(sum.at("output_verified"));
  EXPECT_EQ(sum.at("macs"), 0);
  // The operands and the sum, computed by the functional pass.
  const Network network = load_network(kMoves);
  const NetworkValues values =
      compute_network_values(network, {network.find("sum")}, ValueOptions{2, 0, "", ""});
  const auto& operands = values.layers.at("sum").operands;
  ASSERT_EQ(operands.size(), 2u);
  int shift = 0;
  const Tensor result = add(*network.find("sum"), {operands[0].get(), operands[1].get()}, shift);
  // 4 channels of 12 x 12 per image: one chunk per image in Eyeriss's GLB.
  EXPECT_EQ(count_of(sum.at("counts"), "dram", "ifmap", "read"),
            rle_words_per_image(operands[0]->values, 2) + rle_words_per_image(operands[1]->values, 2));
  EXPECT_EQ(count_of(sum.at("counts"), "dram", "ofmap", "write"),
            rle_words_per_image(result.values, 2));
  EXPECT_EQ(count_of(sum.at("counts"), "glb", "ifmap", "read"), 2 * 2 * 4 * 144);
  EXPECT_EQ(filter_accesses(sum.at("counts")), 0);
  EXPECT_GT(sum.at("dram_wait_cycles").get<long long>(), 0);
}

// The average pool runs at product shift 16, not Q8.8's 8.
TEST(MoveLayers, PerCycleEqualsExactOnPoolingAddAndConcat) {
  SimulationOptions options;
  options.batch = 2;
  options.dataflows = {"all"};
  options.layers = {"sum", "joined", "pooled", "averaged"};
  const auto exact = simulate_in_child("arch/tiny.yaml", {}, kMoves, options);
  options.mode = EngineMode::per_cycle;
  const auto per_cycle = simulate_in_child("arch/tiny.yaml", {}, kMoves, options);
  ASSERT_FALSE(exact.contains("error")) << exact.dump();
  ASSERT_FALSE(per_cycle.contains("error")) << per_cycle.dump();
  ASSERT_EQ(exact.at("layers").size(), 4u * dataflow_names().size());
  for (size_t i = 0; i < exact.at("layers").size(); ++i) {
    const auto& layer = exact.at("layers")[i];
    ASSERT_TRUE(layer.at("mapped")) << layer.dump();
    EXPECT_TRUE(layer.at("output_verified")) << layer.at("layer") << " " << layer.at("dataflow");
    EXPECT_GT(layer.at("cycles").get<long long>(), 0);
    for (const char* key : {"cycles", "processing_cycles", "dram_wait_cycles", "stall_pe_cycles",
                            "counts", "ofmap_raw_words", "output_verified"}) {
      EXPECT_EQ(layer.at(key), per_cycle.at("layers")[i].at(key)) << key << " of " << layer.at("layer");
    }
  }
}

// The chip's own AlexNet mapping (JSSC 2017) for the convolutions, searched mappings
// for the pools: every layer runs on values flowing from the photo, verified.
TEST(MoveLayers, AlexNetWithTheChipsMappingRunsEveryLayerPoolingIncluded) {
  SimulationOptions options;
  options.batch = 4;
  options.mappings = load_mapping_file("dataflows/row_stationary/eyeriss_alexnet.yaml");
  const auto run = simulate_in_child("arch/eyeriss.yaml", {}, "alexnet", options);
  ASSERT_FALSE(run.contains("error")) << run.dump();
  std::vector<std::string> names;
  for (const auto& layer : run.at("layers")) {
    names.push_back(layer.at("layer"));
    EXPECT_TRUE(layer.at("mapped")) << layer.dump();
    EXPECT_TRUE(layer.at("output_verified")) << layer.at("layer");
    EXPECT_TRUE(layer.at("input_chained")) << layer.at("layer");
  }
  EXPECT_EQ(names, (std::vector<std::string>{"conv1", "pool1", "conv2", "pool2", "conv3", "conv4",
                                             "conv5", "pool5", "fc6", "fc7", "fc8"}));
  EXPECT_EQ(layer_of(run, "pool1").at("ops"), 4LL * 96 * 27 * 27 * 9);
}

}  // namespace
}  // namespace accelsim::testing
