// Do the SystemC modules turn their cores' cycle counts into the right times,
// against mock neighbours, in both modes? (Each test elaborates in a child.)

#include <gtest/gtest.h>

#include "arch/arch_parser.h"
#include "dataflows/row_stationary/row_stationary.h"
#include "sim/api/simulate.h"
#include "sim/engine/systemc/array_module.h"
#include "sim/engine/systemc/dram_module.h"
#include "sim/engine/systemc/glb_module.h"
#include "tests/engine/child_process.h"

namespace accelsim::testing {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;

// Submits two transfers at time 0 and records when each finishes.
SC_MODULE(MockRequester) {
  DramModule& dram;
  DramRequest first, second;
  double first_done_ns = 0, second_done_ns = 0;
  MockRequester(sc_core::sc_module_name name, DramModule& dram_module)
      : sc_core::sc_module(name), dram(dram_module) {
    SC_THREAD(run);
  }
  SC_HAS_PROCESS(MockRequester);
  void run() {
    first.move = [] { return DramTransfer{10, 14}; };
    second.move = [] { return DramTransfer{2, 6}; };
    dram.requests.write(&first);
    dram.requests.write(&second);
    wait(first.done);
    first_done_ns = sc_core::sc_time_stamp().to_seconds() * 1e9;
    if (!second.finished) wait(second.done);
    second_done_ns = sc_core::sc_time_stamp().to_seconds() * 1e9;
  }
};

std::string dram_times(EngineMode mode) {
  return run_in_child([mode] {
    const ArchSpec arch = parse_arch_file("arch/tiny.yaml");  // 50 MHz link: 20 ns
    DramModule dram("dram", arch, mode);
    MockRequester requester("requester", dram);
    sc_core::sc_start();
    return std::to_string(requester.first_done_ns) + " " +
           std::to_string(requester.second_done_ns);
  });
}

TEST(DramModule, QueuedTransferWaitsForTheLinkInBothModes) {
  // 14 link cycles, then 6 more behind it: 280 ns and 400 ns.
  EXPECT_EQ(dram_times(EngineMode::exact), "280.000000 400.000000");
  EXPECT_EQ(dram_times(EngineMode::per_cycle), "280.000000 400.000000");
}

// Hands one pass to the array and records when the filters are in and when it ends.
SC_MODULE(MockController) {
  ArrayModule& array;
  PassRequest request;
  double loaded_ns = 0, done_ns = 0;
  MockController(sc_core::sc_module_name name, ArrayModule& array_module)
      : sc_core::sc_module(name), array(array_module) {
    SC_THREAD(run);
  }
  SC_HAS_PROCESS(MockController);
  void run() {
    array.passes.write(&request);
    wait(request.filters_loaded);
    loaded_ns = sc_core::sc_time_stamp().to_seconds() * 1e9;
    wait(request.done);
    done_ns = sc_core::sc_time_stamp().to_seconds() * 1e9;
  }
};

std::string array_times(EngineMode mode) {
  return run_in_child([mode] {
    const ArchSpec arch = parse_arch_file("arch/tiny.yaml");  // 100 MHz: 10 ns
    const Network network = load_network("tests/configs/workloads/engine_shapes.yaml");
    const LayerShape shape = layer_shape(*network.find("conv3x3"), 1);
    const RowStationary rs;
    const Mapping mapping{"rs", {{"m", 4}, {"n", 1}, {"e", 4}, {"p", 2}, {"q", 2}, {"r", 1},
                                 {"t", 1}}};
    if (!rs.check(mapping, shape, arch).empty()) return rs.check(mapping, shape, arch);
    const Schedule schedule = rs.lower(mapping, shape, arch);
    const Tile& tile = schedule.tiles.front();
    const PassPlan plan =
        schedule.planner->plan(tile, tile.blocks.front(), tile.blocks.front().passes.front());
    const LayerData data = generate_layer_data(shape, {}, 7);
    GlbModule glb("glb", arch);
    glb.core.configure_banks(schedule.glb_ifmap_banks, schedule.glb_psum_banks);
    glb.core.resize_psum_tile(tile.images, tile.out_rows, shape.F, tile.filters);
    AccessCounts counts;
    std::vector<int16_t> filters;
    DramCore(arch).load_ifmap_block(data, tile, tile.blocks.front(), glb.core, counts);
    DramCore(arch).load_filters(data, tile, plan, filters, counts);
    ArrayModule array("array", arch, glb, mode);
    MockController controller("controller", array);
    controller.request.plan = &plan;
    controller.request.filters = &filters;
    sc_core::sc_start();
    const PassResult& result = controller.request.result;
    return std::to_string(result.filter_load_cycles) + " " + std::to_string(result.cycles) +
           " " + std::to_string(controller.loaded_ns) + " " +
           std::to_string(controller.done_ns);
  });
}

TEST(ArrayModule, PassPhasesTakeTheirCyclesAtTheCoreClockInBothModes) {
  const std::string exact = array_times(EngineMode::exact);
  const std::string per_cycle = array_times(EngineMode::per_cycle);
  EXPECT_EQ(exact, per_cycle);
  long long ramp = 0, cycles = 0;
  double loaded_ns = 0, done_ns = 0;
  ASSERT_EQ(std::sscanf(exact.c_str(), "%lld %lld %lf %lf", &ramp, &cycles, &loaded_ns,
                        &done_ns), 4) << exact;
  EXPECT_GT(ramp, 0);
  EXPECT_GT(cycles, ramp);
  EXPECT_DOUBLE_EQ(loaded_ns, ramp * 10.0);
  EXPECT_DOUBLE_EQ(done_ns, cycles * 10.0);
}

}  // namespace
}  // namespace accelsim::testing
