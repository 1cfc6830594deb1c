// Is the Eyeriss chip's published AlexNet mapping (JSSC 2017, Table II) legal on
// arch/eyeriss.yaml, and does forcing it use exactly the published active PEs?

#include <gtest/gtest.h>

#include "arch/arch_parser.h"
#include "dataflows/row_stationary/row_stationary.h"
#include "sim/api/simulate.h"

namespace accelsim {
namespace {

TEST(ChipMapping, PublishedAlexNetMappingIsLegalWithPublishedActivePes) {
  const ArchSpec arch = parse_arch_file("arch/eyeriss.yaml");
  const Network alexnet = load_network("alexnet");
  const auto mappings = load_mapping_file("dataflows/row_stationary/eyeriss_alexnet.yaml");
  const RowStationary rs;
  const std::vector<std::pair<std::string, int>> published = {
      {"conv1", 154}, {"conv2", 135}, {"conv3", 156}, {"conv4", 156}, {"conv5", 156}};
  for (const auto& [name, active_pes] : published) {
    const LayerShape shape = layer_shape(*alexnet.find(name), 4);
    const Mapping& mapping = mappings.at(name);
    EXPECT_EQ(rs.check(mapping, shape, arch), "") << name;
    const Schedule schedule = rs.lower(mapping, shape, arch);
    EXPECT_EQ(schedule.active_pes, active_pes) << name;
    const Tile& tile = schedule.tiles.front();
    const PassPlan plan =
        schedule.planner->plan(tile, tile.blocks.front(), tile.blocks.front().passes.front());
    EXPECT_EQ(int(plan.pes.size()), active_pes) << name;
  }
}

TEST(ChipMapping, Conv2SetIsSplitIntoSegmentsOf14And13Columns) {
  const ArchSpec arch = parse_arch_file("arch/eyeriss.yaml");
  const LayerShape shape = layer_shape(*load_network("alexnet").find("conv2"), 4);
  const Mapping mapping{"rs", {{"m", 64}, {"n", 1}, {"e", 27}, {"p", 16}, {"q", 2}, {"r", 1},
                               {"t", 1}}};
  const Schedule schedule = RowStationary().lower(mapping, shape, arch);
  const Tile& tile = schedule.tiles.front();
  const PassPlan plan =
      schedule.planner->plan(tile, tile.blocks.front(), tile.blocks.front().passes.front());
  int widest_col = 0, rows_used = 0;
  for (const auto& pe : plan.pes) {
    widest_col = std::max(widest_col, pe.col);
    rows_used = std::max(rows_used, pe.row + 1);
  }
  EXPECT_EQ(widest_col, 13);  // 14 columns
  EXPECT_EQ(rows_used, 10);   // two segments of 5 rows
  EXPECT_EQ(plan.chains.size(), 27u);
}

}  // namespace
}  // namespace accelsim
