// Does every simulated layer produce the reference convolution's output, and are
// layers that cannot be mapped reported while the others run?

#include <gtest/gtest.h>

#include "dataflows/dataflow.h"
#include "sim/api/parallel.h"
#include "sim/api/result_json.h"
#include "tests/engine/simulate_child.h"

namespace accelsim::testing {
namespace {

const char* kShapes = "tests/configs/workloads/engine_shapes.yaml";

TEST(Functional, EveryEdgeCaseLayerOfEveryDataflowMatchesTheReferenceOnEyeriss) {
  SimulationOptions options;
  options.batch = 3;
  options.dataflows = {"all"};
  const auto run = simulate_in_child("arch/eyeriss.yaml", {}, kShapes, options);
  ASSERT_FALSE(run.contains("error")) << run.dump();
  ASSERT_EQ(run.at("layers").size(), 11u * dataflow_names().size());
  for (const auto& layer : run.at("layers")) {
    EXPECT_TRUE(layer.at("mapped")) << layer.dump();
    EXPECT_TRUE(layer.value("output_verified", false))
        << layer.at("layer") << " " << layer.at("dataflow");
  }
}

// Every MAC layer of the framework layer types and of attention (matmul of a projection,
// of two activations with heads, with shared weights) maps and verifies on every
// dataflow: the layer types of the network issue are not CONV-only.
TEST(Functional, MatmulAndPastedLayerTypesMatchTheReferenceOnEveryDataflow) {
  for (const char* workload : {"tests/configs/workloads/tokens.yaml",
                               "tests/configs/workloads/pasted.yaml"}) {
    SimulationOptions options;
    options.batch = 2;
    options.dataflows = {"all"};
    const auto run = simulate_in_child("arch/eyeriss.yaml", {}, workload, options);
    ASSERT_FALSE(run.contains("error")) << workload << ": " << run.dump();
    ASSERT_GE(run.at("layers").size(), 5u * dataflow_names().size()) << workload;
    for (const auto& layer : run.at("layers")) {
      // pasted.yaml's fc covers a 16x16 map: taller than Eyeriss's 12 rows for RS.
      if (layer.at("layer") == "fc" && layer.at("dataflow") == "rs") {
        EXPECT_FALSE(layer.at("mapped")) << layer.dump();
        continue;
      }
      // pasted.yaml's global average pool covers a 16x16 map: its one-filter
      // "convolution" is as tall as that fc's (README "The layers between convolutions").
      if (layer.at("layer") == "gap" && layer.at("dataflow") == "rs") {
        EXPECT_NE(layer.at("reason").get<std::string>().find("R=16 exceeds"), std::string::npos);
        continue;
      }
      EXPECT_TRUE(layer.at("mapped")) << workload << ": " << layer.dump();
      EXPECT_TRUE(layer.value("output_verified", false))
          << workload << ": " << layer.at("layer") << " " << layer.at("dataflow");
    }
  }
}

TEST(Functional, TinySpecReportsTheFilterTallerThanTheArrayAndRunsTheRest) {
  const auto run = simulate_in_child("arch/tiny.yaml", {}, kShapes, SimulationOptions{});
  ASSERT_FALSE(run.contains("error")) << run.dump();
  const auto tall = layer_of(run, "strided5x5");
  EXPECT_FALSE(tall.at("mapped"));
  EXPECT_EQ(tall.at("reason"),
            "filter height R=5 exceeds the 3 PE rows (a row-stationary PE set is R rows tall)");
  int verified = 0;
  for (const auto& layer : run.at("layers")) verified += layer.value("output_verified", false);
  EXPECT_EQ(verified, 10);  // 8 MAC layers and 2 max pools
}

TEST(Functional, AlexNetConv5MatchesTheReferenceOnEyeriss) {
  SimulationOptions options;
  options.layers = {"conv5"};
  const auto run = simulate_in_child("arch/eyeriss.yaml", {}, "alexnet", options);
  ASSERT_FALSE(run.contains("error")) << run.dump();
  const auto conv5 = layer_of(run, "conv5");
  EXPECT_TRUE(conv5.at("output_verified"));
  EXPECT_EQ(conv5.at("macs"), 74760192);
  EXPECT_EQ(conv5.at("counts").at("mac").at("issued").get<long long>() +
                conv5.at("counts").at("mac").at("gated").get<long long>(),
            74760192);
}

TEST(Functional, PerCycleAndExactModesAgreeOnEverything) {
  SimulationOptions options;
  options.batch = 2;
  options.dataflows = {"all"};
  const auto exact = simulate_in_child("arch/tiny.yaml", {}, kShapes, options);
  options.mode = EngineMode::per_cycle;
  const auto per_cycle = simulate_in_child("arch/tiny.yaml", {}, kShapes, options);
  ASSERT_FALSE(exact.contains("error")) << exact.dump();
  ASSERT_FALSE(per_cycle.contains("error")) << per_cycle.dump();
  for (const char* key : {"cycles", "processing_cycles", "dram_wait_cycles", "ramp_up_cycles",
                          "stall_pe_cycles", "glb_port_conflicts", "counts", "output_verified"}) {
    for (size_t i = 0; i < exact.at("layers").size(); ++i) {
      EXPECT_EQ(exact.at("layers")[i].value(key, nlohmann::json()),
                per_cycle.at("layers")[i].value(key, nlohmann::json()))
          << key << " of " << exact.at("layers")[i].at("layer");
    }
  }
}

}  // namespace
}  // namespace accelsim::testing

namespace accelsim::testing {
namespace {

// Without what depends on wall time (the mapper's and the engine's seconds).
nlohmann::json without_timings(nlohmann::json result) {
  result.erase("engine_seconds");
  for (auto& layer : result.at("layers")) layer.erase("mapper_seconds");
  return result;
}

TEST(Functional, TwoProcessesGiveTheSameResultsAsOne) {
  const ArchSpec arch = parse_arch_file("arch/tiny.yaml");
  const Network network = load_network(kShapes);
  SimulationOptions options;
  options.dataflows = {"rs", "os-b"};
  const auto one = run_in_child([&] { return result_json(simulate(arch, network, options)).dump(); });
  ASSERT_EQ(one.rfind("EXCEPTION", 0), std::string::npos) << one;
  const SimulationResult two = simulate_in_parallel(arch, network, options, 2);
  EXPECT_EQ(without_timings(nlohmann::json::parse(one)), without_timings(result_json(two)));
}

}  // namespace
}  // namespace accelsim::testing

namespace accelsim::testing {
namespace {

// os-c on a depthwise layer: 401,408 passes, nearly all reusing the weights the
// first of their filter group fetched (a regression: a chain of owners once
// overflowed the controller's stack).
TEST(Functional, LongRunsOfPassesReusingStagedFiltersRun) {
  SimulationOptions options;
  options.dataflows = {"os-c"};
  options.layers = {"conv_dw_1"};
  const auto run = simulate_in_child("arch/eyeriss.yaml", {}, "mobilenet-v1", options);
  ASSERT_FALSE(run.contains("error")) << run.dump();
  const auto layer = layer_of(run, "conv_dw_1");
  EXPECT_EQ(layer.at("passes"), 401408);
  EXPECT_TRUE(layer.at("output_verified"));
  // Each of the 32 groups fetches its 9 weights once.
  EXPECT_EQ(layer.at("counts").at("dram").at("filter").at("read"), 32 * 9);
}

}  // namespace
}  // namespace accelsim::testing
