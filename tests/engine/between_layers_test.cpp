// The layers between convolutions that only move data besides adds and concats
// (issue 11): an element-wise product, a channel shuffle, slices and a standalone
// activation each have a row with cycles and accesses, no MACs, their output
// verified against the functional pass; their DRAM traffic is what the RLC encoder
// makes of what they read and wrote.

#include <gtest/gtest.h>

#include "dataflows/dataflow.h"
#include "sim/api/network_values.h"
#include "sim/api/simulate.h"
#include "sim/values/layer_ops.h"
#include "tests/engine/run_counts.h"
#include "tests/engine/simulate_child.h"

namespace accelsim::testing {
namespace {

const char* kBetween = "tests/configs/workloads/between.yaml";

struct Expected {
  long long read = 0, written = 0, ops = 0;
};

// What each layer must read and write, from the functional pass's operands and
// layer_ops on them: every layer's data of one image fit Eyeriss's GLB at once.
std::map<std::string, Expected> expected_traffic(const Network& network, int batch) {
  std::vector<const Layer*> selected;
  for (const char* name : {"gated", "scaled", "shuffled", "half", "rows", "b_tanh"}) selected.push_back(network.find(name));
  const NetworkValues values = compute_network_values(network, selected, ValueOptions{batch, 0, "", ""});
  const auto operand = [&](const char* name, size_t i) { return *values.layers.at(name).operands.at(i); };
  const auto rle = [&](const Tensor& t) { return rle_words_per_image(t.values, batch); };
  std::map<std::string, Expected> expected;
  const Tensor gated = multiply(*network.find("gated"), operand("gated", 0), operand("gated", 1));
  expected["gated"] = {rle(operand("gated", 0)) + rle(operand("gated", 1)), rle(gated), batch * 8LL * 256};
  const Tensor scaled = multiply(*network.find("scaled"), operand("scaled", 0), operand("scaled", 1));
  EXPECT_EQ(operand("scaled", 1).plane(), 1u);  // one factor per channel
  expected["scaled"] = {rle(operand("scaled", 0)) + rle(operand("scaled", 1)), rle(scaled), batch * 8LL * 256};
  // A shuffle reads its whole input (one run of source channels) and writes it shuffled.
  const Tensor shuffled = shuffle(*network.find("shuffled"), operand("shuffled", 0));
  expected["shuffled"] = {rle(operand("shuffled", 0)), rle(shuffled), 0};
  // A slice reads only the channels and rows it takes: what it writes.
  const Tensor half = slice(*network.find("half"), operand("half", 0));
  expected["half"] = {rle(half), rle(half), 0};
  const Tensor rows = slice(*network.find("rows"), operand("rows", 0));
  expected["rows"] = {rle(rows), rle(rows), 0};
  Tensor activated = operand("b_tanh", 0);
  apply_activation(Activation::tanh, activated);
  expected["b_tanh"] = {rle(operand("b_tanh", 0)), rle(activated), batch * 8LL * 256};
  return expected;
}

TEST(BetweenLayers, MulShuffleSliceAndActivationRowsReadAndWriteWhatTheEncoderMakesOfTheirData) {
  SimulationOptions options;
  options.batch = 2;
  options.layers = {"gated", "scaled", "shuffled", "half", "rows", "b_tanh"};
  const auto run = simulate_in_child("arch/eyeriss.yaml", {}, kBetween, options);
  ASSERT_FALSE(run.contains("error")) << run.dump();
  ASSERT_EQ(run.at("layers").size(), 6u);
  const Network network = load_network(kBetween);
  for (const auto& [name, expected] : expected_traffic(network, 2)) {
    const auto layer = layer_of(run, name);
    ASSERT_TRUE(layer.at("mapped")) << layer.dump();
    EXPECT_TRUE(layer.at("output_verified")) << name;
    EXPECT_TRUE(layer.at("input_chained")) << name;
    EXPECT_EQ(layer.at("macs"), 0) << name;
    EXPECT_EQ(layer.at("ops"), expected.ops) << name;
    EXPECT_EQ(layer.at("type"), layer_type_name(network.find(name)->type)) << name;
    EXPECT_EQ(count_of(layer.at("counts"), "dram", "ifmap", "read"), expected.read) << name;
    EXPECT_EQ(count_of(layer.at("counts"), "dram", "ofmap", "write"), expected.written) << name;
    EXPECT_GT(layer.at("cycles").get<long long>(), 0) << name;
  }
  // Only the products use the array: every operand word over the ifmap network.
  EXPECT_EQ(count_of(layer_of(run, "gated").at("counts"), "glb", "ifmap", "read"), 2 * 2 * 8 * 256);
  EXPECT_EQ(count_of(layer_of(run, "scaled").at("counts"), "glb", "ifmap", "read"), 2 * (8 * 256 + 8));
  EXPECT_EQ(count_of(layer_of(run, "shuffled").at("counts"), "glb", "ifmap", "read"), 0);
  EXPECT_EQ(layer_of(run, "shuffled").at("processing_cycles"), 0);
}

// With a GLB of 512 words the layers run in chunks of one or two channels (a
// shuffle's two output channels from two runs of source channels): still verified,
// and per-cycle equals exact.
TEST(BetweenLayers, PerCycleEqualsExactInChunksOnTheTinySpec) {
  SimulationOptions options;
  options.batch = 2;
  options.layers = {"gated", "scaled", "shuffled", "half", "rows", "b_tanh"};
  const std::vector<Override> small_glb = {{"glb.size_kb", "1", ""}};
  const auto exact = simulate_in_child("arch/tiny.yaml", small_glb, kBetween, options);
  options.mode = EngineMode::per_cycle;
  const auto per_cycle = simulate_in_child("arch/tiny.yaml", small_glb, kBetween, options);
  ASSERT_FALSE(exact.contains("error")) << exact.dump();
  ASSERT_FALSE(per_cycle.contains("error")) << per_cycle.dump();
  ASSERT_EQ(exact.at("layers").size(), 6u);
  for (size_t i = 0; i < exact.at("layers").size(); ++i) {
    const auto& layer = exact.at("layers")[i];
    EXPECT_TRUE(layer.at("output_verified")) << layer.at("layer");
    for (const char* key : {"cycles", "processing_cycles", "dram_wait_cycles", "counts",
                            "ifmap_raw_words", "ofmap_raw_words", "output_verified"}) {
      EXPECT_EQ(layer.at(key), per_cycle.at("layers")[i].at(key)) << key << " of " << layer.at("layer");
    }
  }
}

}  // namespace
}  // namespace accelsim::testing
