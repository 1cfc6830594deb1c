// The mapper's ranking by the engine (dataflows/mapper.h, sim/engine/exact/
// candidate_timing.h): its cycles are the engine's, and the objectives keep their
// promises on measured figures.

#include <gtest/gtest.h>

#include <cmath>

#include "arch/arch_parser.h"
#include "sim/api/layer_inputs.h"
#include "sim/api/result_json.h"
#include "sim/api/spec_folder.h"
#include "sim/engine/exact/candidate_timing.h"
#include "tests/engine/simulate_child.h"

namespace accelsim {
namespace {

using testing::layer_of;
using testing::simulate_in_child;

SimulationOptions one_layer(const std::string& dataflow, const std::string& layer, int batch,
                            Objective objective) {
  SimulationOptions options;
  options.dataflows = {dataflow};
  options.layers = {layer};
  options.batch = batch;
  options.objective = objective;
  return options;
}

// The timer walks the passes as the controller does: its cycles are the engine's
// processing cycles, for window-mode (rs, ws) and stream-mode (os, nlr) plans.
TEST(CandidateTiming, EqualsTheEngineProcessingCycles) {
  const Network net = load_network("alexnet");
  for (const std::string dataflow : {"rs", "ws", "os-b", "nlr"}) {
    const std::string spec = "arch/isca16/" + dataflow + ".yaml";
    const ArchSpec arch = load_arch(spec);
    const LayerShape shape = layer_shape(*net.find("conv3"), 1);
    const Dataflow& flow = find_dataflow(dataflow);
    const MapperResult searched = search_mapping(flow, shape, arch, Objective::energy);
    ASSERT_TRUE(searched.mapping) << dataflow;
    CandidateTimer timer(arch);
    const CandidateTiming timing = timer.time(flow.lower(*searched.mapping, shape, arch));
    SimulationOptions options = one_layer(dataflow, "conv3", 1, Objective::energy);
    const auto run = simulate_in_child(spec, {}, "alexnet", options);
    ASSERT_FALSE(run.contains("error")) << run.dump();
    const auto layer = layer_of(run, "conv3");
    EXPECT_EQ(timing.processing_cycles, layer.at("processing_cycles").get<long long>()) << dataflow;
    EXPECT_EQ(timing.passes, layer.at("passes").get<long long>()) << dataflow;
    EXPECT_LT(timing.stepped_passes, timing.passes) << dataflow;  // the memo served the rest
    // A second schedule of the same shapes costs no stepping.
    EXPECT_EQ(timer.time(flow.lower(*searched.mapping, shape, arch)).stepped_passes, 0);
  }
}

// The replay of a candidate is the engine's run: on a layer whose input has zeros
// (chained AlexNet values: ReLU outputs), with zero gating and RLC compression on
// (Eyeriss), its cycles, DRAM waits, passes and every count equal what the engine
// measures, for window-mode (rs, ws) and stream-mode (os-b, nlr) plans.
TEST(CandidateRun, EqualsTheEngineOnValuesWithZeros) {
  const Network net = load_network("alexnet");
  const ArchSpec arch = load_arch("arch/eyeriss.yaml");
  ASSERT_TRUE(arch.pe.zero_gating);
  const Layer& conv4 = *net.find("conv4");
  for (const std::string dataflow : {"rs", "ws", "os-b", "nlr"}) {
    const SimulationOptions options = one_layer(dataflow, "conv4", 1, Objective::energy);
    const LayerShape shape = layer_shape(conv4, 1);
    const Dataflow& flow = find_dataflow(dataflow);
    const MapperResult searched = search_mapping(flow, shape, arch, Objective::energy);
    ASSERT_TRUE(searched.mapping) << dataflow;
    LayerInputs inputs(arch, options, chained_values(net, options));
    const CandidateInput& input = inputs.of(conv4, shape);
    EXPECT_GT(input.zero_macs, 0);
    CandidateTimer timer(arch);
    const CandidateRun replay = timer.run(flow.lower(*searched.mapping, shape, arch), input);
    const auto layer = layer_of(simulate_in_child("arch/eyeriss.yaml", {}, "alexnet", options),
                                "conv4");
    ASSERT_FALSE(layer.is_null()) << dataflow;
    EXPECT_EQ(replay.cycles, layer.at("cycles").get<long long>()) << dataflow;
    EXPECT_EQ(replay.processing_cycles, layer.at("processing_cycles").get<long long>()) << dataflow;
    EXPECT_EQ(replay.dram_wait_cycles, layer.at("dram_wait_cycles").get<long long>()) << dataflow;
    EXPECT_EQ(replay.passes, layer.at("passes").get<long long>()) << dataflow;
    const AccessCounts measured = counts_from_json(layer.at("counts"));
    EXPECT_EQ(replay.counts, measured) << dataflow << "\n" << replay.counts.diff(measured);
    EXPECT_GT(replay.counts.macs_gated, 0) << dataflow;
    // The ranking's floor is below what it measures.
    const double energy = price(replay.counts, arch.energy).total();
    EXPECT_LE(energy_floor(searched.model.counts, input.zero_macs, arch), energy) << dataflow;
    // The search's estimate (the model corrected for the values) is near it: energy
    // within 2% (the gating is exact for window mode, the compression is the whole
    // tensor's), cycles within the cycle model's 10% (dataflows/README.md).
    const CandidateFigures estimate = estimate_figures(searched.model, input, arch);
    EXPECT_NEAR(estimate.energy / energy, 1.0, 0.02) << dataflow;
    EXPECT_NEAR(double(estimate.cycles) / double(replay.cycles), 1.0, 0.10) << dataflow;
    // Closer than the model alone, which gates nothing and compresses nothing.
    EXPECT_LT(std::abs(estimate.energy / energy - 1), std::abs(searched.model.energy / energy - 1))
        << dataflow;
  }
}

// `cycles` ranks a shortlist that holds the energy choice, so it can never be
// slower than it; and it says it ranked by the engine.
TEST(Objectives, CyclesNeverSlowerThanEnergyOnASample) {
  const std::vector<std::pair<std::string, std::string>> sample = {
      {"rs", "conv2"}, {"nlr", "fc7"}};
  for (const auto& [dataflow, layer] : sample) {
    const std::string spec = "arch/isca16/" + dataflow + ".yaml";
    const auto energy =
        layer_of(simulate_in_child(spec, {}, "alexnet", one_layer(dataflow, layer, 1,
                                                                 Objective::energy)), layer);
    const auto cycles =
        layer_of(simulate_in_child(spec, {}, "alexnet", one_layer(dataflow, layer, 1,
                                                                 Objective::cycles)), layer);
    ASSERT_FALSE(energy.is_null() || cycles.is_null()) << dataflow << " " << layer;
    EXPECT_LE(cycles.at("cycles").get<long long>(), energy.at("cycles").get<long long>())
        << dataflow << " " << layer;
    EXPECT_TRUE(cycles.at("mapping").at("engine_ranked").get<bool>());
    EXPECT_FALSE(energy.at("mapping").at("engine_ranked").get<bool>());
    // The figures it weighed are what the engine measured of its choice.
    EXPECT_EQ(cycles.at("mapping").at("cycles_weighed").get<long long>(),
              cycles.at("cycles").get<long long>());
    EXPECT_DOUBLE_EQ(cycles.at("mapping").at("energy_weighed").get<double>(),
                     cycles.at("energy_total").get<double>());
  }
}

}  // namespace
}  // namespace accelsim

namespace accelsim {
namespace {

// On a spec folder `os` is one entry per layer, as on one spec: named os, its
// variant the member the objective prefers among the three (each on its own spec).
TEST(OsFamily, SpecFolderKeepsTheBestVariantPerLayer) {
  SimulationOptions options;
  options.dataflows = {"os"};
  options.layers = {"conv1", "fc6"};
  options.batch = 4;
  const Network net = load_network("alexnet");
  const SpecFolderRun run =
      load_spec_folder("arch/isca16/", {}, request_dataflows(options.dataflows));
  ASSERT_EQ(run.archs.size(), 3u);
  const auto mapped = map_spec_folder(run, net, options);
  ASSERT_EQ(mapped.size(), 2u);
  for (const LayerResult& layer : mapped) {
    EXPECT_EQ(layer.dataflow, "os");
    EXPECT_EQ(layer.dataflow_label(), "os (" + layer.variant + ")");
    for (size_t i = 0; i < run.archs.size(); ++i) {
      SimulationOptions member = options;
      member.dataflows = {run.dataflows[i]};
      member.layers = {layer.layer};
      const auto alone = map_layers(run.archs[i], net, member).front();
      EXPECT_LE(layer.mapper_score(options.objective), alone.mapper_score(options.objective))
          << layer.layer << " " << run.dataflows[i];
      if (alone.variant == layer.variant) EXPECT_EQ(alone.mapping, layer.mapping);
    }
  }
}

// On one spec the family is named by its word and its rows by the variant that ran.
TEST(OsFamily, OneSpecNamesTheVariant) {
  SimulationOptions options;
  options.dataflows = {"os", "rs"};
  options.layers = {"conv2"};
  const auto mapped = map_layers(load_arch("arch/eyeriss.yaml"), load_network("alexnet"), options);
  ASSERT_EQ(mapped.size(), 2u);
  EXPECT_EQ(mapped[0].dataflow, "os");
  EXPECT_EQ(mapped[0].variant.rfind("os-", 0), 0u) << mapped[0].variant;
  EXPECT_EQ(mapped[0].mapping.dataflow, mapped[0].variant);
  EXPECT_EQ(mapped[1].dataflow_label(), "rs");
}

}  // namespace
}  // namespace accelsim
