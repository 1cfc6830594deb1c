// Do the exact and the per-cycle modes agree on everything (cycles, stalls, every
// counter, every output) on random layer shapes, on specs tight enough to stall,
// for every dataflow?

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "tests/engine/simulate_child.h"

namespace accelsim::testing {
namespace {

namespace fs = std::filesystem;

// A workload of `count` random small layers (edge tiles, strides, 1x1, grouped,
// depthwise, FC), reproducible from `seed`.
std::string random_workload(unsigned seed, int count, const fs::path& path) {
  std::mt19937 random(seed);
  const auto pick = [&](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
  };
  std::ofstream out(path);
  out << "name: random-" << seed << "\nvariant: random shapes for tests\n"
      << "input: {channels: 4, height: 9, width: 9}\nlayers:\n";
  for (int i = 0; i < count; ++i) {
    const int kind = pick(0, 5);
    out << "  - {name: l" << i << ", input: input, ";
    if (kind == 5) {
      out << "type: fc, outputs: " << pick(1, 7) << "}\n";
      continue;
    }
    const int kernel = kind == 1 ? 1 : pick(1, 3);
    const int groups = kind == 2 ? 2 : kind == 3 ? 4 : 1;
    const int filters = kind == 3 ? 4 : groups * pick(1, 3);
    out << "type: conv, filters: " << filters << ", kernel: " << kernel
        << ", stride: " << pick(1, 2) << ", padding: " << pick(0, kernel / 2)
        << ", groups: " << groups << "}\n";
  }
  return path.string();
}

class Equivalence : public ::testing::TestWithParam<unsigned> {};

TEST_P(Equivalence, ExactEqualsPerCycleOnRandomShapesForEveryDataflow) {
  const fs::path folder = fs::temp_directory_path() / ("accelsim-eq-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  const std::string net = random_workload(GetParam(), 6, folder / "random.yaml");
  // A narrow, slow machine: one-word buses, one-word FIFOs, a 2-bank GLB.
  const std::vector<Override> tight = {{"pe.input_fifo_words", "1", ""},
                                       {"pe.output_fifo_words", "1", ""},
                                       {"glb.banks", "2", ""},
                                       {"noc.local_psum_link_words", "1", ""}};
  SimulationOptions options;
  options.dataflows = {"all"};
  options.batch = 2;
  options.seed = GetParam();
  const auto exact = simulate_in_child("arch/tiny.yaml", tight, net, options);
  options.mode = EngineMode::per_cycle;
  const auto per_cycle = simulate_in_child("arch/tiny.yaml", tight, net, options);
  fs::remove_all(folder);
  ASSERT_FALSE(exact.contains("error")) << exact.dump();
  ASSERT_FALSE(per_cycle.contains("error")) << per_cycle.dump();
  ASSERT_EQ(exact.at("layers").size(), per_cycle.at("layers").size());
  int compared = 0;
  long long bulk_passes = 0;  // passes the exact mode did not step: the bulk path ran
  for (size_t i = 0; i < exact.at("layers").size(); ++i) {
    const auto& a = exact.at("layers")[i];
    const auto& b = per_cycle.at("layers")[i];
    const std::string what = a.at("layer").get<std::string>() + " " + a.at("dataflow").get<std::string>();
    for (const char* key : {"mapped", "cycles", "processing_cycles", "dram_wait_cycles",
                            "ramp_up_cycles", "stall_pe_cycles", "glb_port_conflicts", "counts",
                            "output_verified"}) {
      EXPECT_EQ(a.value(key, nlohmann::json()), b.value(key, nlohmann::json())) << key << " " << what;
    }
    if (a.at("mapped")) {
      EXPECT_TRUE(a.at("output_verified")) << what;
      EXPECT_EQ(b.at("stepped_passes"), b.at("passes")) << what;
      bulk_passes += a.at("passes").get<long long>() - a.at("stepped_passes").get<long long>();
      ++compared;
    }
  }
  EXPECT_GT(compared, 20);
  EXPECT_GT(bulk_passes, 0);
}

INSTANTIATE_TEST_SUITE_P(Seeds, Equivalence, ::testing::Values(11u, 22u, 33u));

// The streamed dataflows' passes settle into steady states the exact mode jumps
// over (sim/engine/exact/steady_state.h). On a spec whose psum accesses contend for single-ported
// banks, the jumps must still give exactly the per-cycle results.
TEST(SteadyStateSkipping, JumpsGiveThePerCycleResultsWithBankConflicts) {
  const fs::path folder = fs::temp_directory_path() / ("accelsim-ss-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  std::ofstream(folder / "net.yaml")
      << "name: steady\nvariant: steady states for tests\n"
      << "input: {channels: 16, height: 12, width: 12}\nlayers:\n"
      << "  - {name: conv, input: input, type: conv, filters: 8, kernel: 3, padding: 1}\n"
      << "  - {name: strided, input: conv, type: conv, filters: 6, kernel: 3, stride: 2}\n"
      << "  - {name: fc, input: strided, type: fc, outputs: 10}\n";
  const std::vector<Override> contended = {{"pe.input_fifo_words", "1", ""},
                                           {"pe.output_fifo_words", "1", ""},
                                           {"glb.banks", "2", ""},
                                           {"noc.output_bus_width_words", "3", ""},
                                           {"noc.psum.bus_width_words", "3", ""}};
  SimulationOptions options;
  options.dataflows = {"os-a", "os-b", "os-c", "nlr"};
  options.batch = 2;
  const std::string net = (folder / "net.yaml").string();
  const auto exact = simulate_in_child("arch/tiny.yaml", contended, net, options);
  options.mode = EngineMode::per_cycle;
  const auto per_cycle = simulate_in_child("arch/tiny.yaml", contended, net, options);
  fs::remove_all(folder);
  ASSERT_FALSE(exact.contains("error")) << exact.dump();
  ASSERT_FALSE(per_cycle.contains("error")) << per_cycle.dump();
  std::map<std::string, long long> skipped;  // per dataflow
  long long contended_skips = 0;  // layers that jumped and had bank conflicts
  for (size_t i = 0; i < exact.at("layers").size(); ++i) {
    const auto& a = exact.at("layers")[i];
    const auto& b = per_cycle.at("layers")[i];
    const std::string what = a.at("layer").get<std::string>() + " " + a.at("dataflow").get<std::string>();
    ASSERT_TRUE(a.at("mapped")) << what;
    for (const char* key : {"cycles", "processing_cycles", "stall_pe_cycles", "glb_port_conflicts",
                            "counts", "output_verified"}) {
      EXPECT_EQ(a.at(key), b.at(key)) << key << " " << what;
    }
    EXPECT_EQ(b.at("skipped_cycles"), 0) << what;
    const long long jumped = a.at("skipped_cycles");
    skipped[a.at("dataflow")] += jumped;
    contended_skips += jumped > 0 && a.at("glb_port_conflicts").get<long long>() > 0;
  }
  for (const char* dataflow : {"os-a", "os-b", "os-c", "nlr"}) {
    EXPECT_GT(skipped[dataflow], 0) << dataflow;
  }
  EXPECT_GT(contended_skips, 0);
}

}  // namespace
}  // namespace accelsim::testing
