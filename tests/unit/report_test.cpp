// Reports: the network summary as CSV and JSON (the columns scripts rely on), and
// the number and table formatting for people.

#include <gtest/gtest.h>

#include "arch/arch_parser.h"
#include "sim/common/text.h"
#include "sim/report/network_report.h"
#include "sim/report/text_table.h"

namespace accelsim {
namespace {

const char* kColumns = "name,type,C,M,groups,H,W,R,S,stride,pad,E,F,macs,weights,activation";

TEST(NetworkSummaryCsv, HasOneRowPerLayerAndATotal) {
  const Network net = parse_network_file("workloads/nets/alexnet.yaml");
  const auto rows = split(network_summary_csv(net), '\n');
  ASSERT_EQ(rows.size(), 13u);
  EXPECT_EQ(rows[0], kColumns);
  EXPECT_EQ(rows[1], "conv1,conv,3,96,1,227,227,11,11,4,0,55,55,105415200,34848,relu");
  EXPECT_EQ(rows[12], "total,,,,,,,,,,,,,724406816,60954656,");
}

TEST(NetworkSummaryCsv, WritesUnequalStrideAndPaddingAsHeightXWidth) {
  const Network net = parse_network_file("tests/configs/workloads/features.yaml");
  const auto rows = split(network_summary_csv(net), '\n');
  EXPECT_EQ(rows[1], "asym,conv,8,4,1,15,15,1,7,1,0x3,15,15,50400,224,none");
  EXPECT_EQ(rows[3], "strided,conv,8,4,1,15,15,3,3,2x1,0,7,13,26208,288,none");
}

TEST(NetworkSummaryJson, HasTheSameColumnsAndTotals) {
  const Network net = parse_network_file("tests/configs/workloads/features.yaml");
  const nlohmann::json json = network_summary_json(net);
  EXPECT_EQ(json["network"], "features");
  EXPECT_EQ(json["layers"].size(), 9u);
  EXPECT_EQ(json["layers"][0]["pad"], nlohmann::json::array({0, 3}));
  EXPECT_EQ(json["layers"][1]["pad"], 2);
  EXPECT_EQ(json["totals"]["macs"], 141488);
  EXPECT_EQ(json["totals"]["weights"], 880);
}

TEST(NetworkList, CountsConvAndFcLayers) {
  const std::vector<Network> nets = {parse_network_file("workloads/nets/alexnet.yaml")};
  EXPECT_EQ(network_list_csv(nets),
            "name,layers,conv_layers,fc_layers,macs,weights\nalexnet,11,5,3,724406816,60954656\n");
  EXPECT_EQ(network_list_json(nets)["networks"][0]["conv_layers"], 5);
}

TEST(ArchJson, RecordsTheResolvedSpec) {
  const nlohmann::json json =
      arch_json(parse_arch_file("arch/eyeriss.yaml", pe_array_overrides("16x16")));
  EXPECT_EQ(json["pe_array"]["rows"], 16);
  EXPECT_EQ(json["glb"]["split"], "per_layer");
  EXPECT_EQ(json["dram"]["compression"], "rle");
  EXPECT_EQ(json["energy"]["per_access"]["dram"], 200.0);
}

TEST(HumanCount, ScalesToAThousandsSuffix) {
  EXPECT_EQ(human_count(0), "0");
  EXPECT_EQ(human_count(999), "999");
  EXPECT_EQ(human_count(1234), "1.23k");
  EXPECT_EQ(human_count(416520), "416.5k");
  EXPECT_EQ(human_count(665784864), "665.8M");
  EXPECT_EQ(human_count(3857973248.0), "3.86G");
  EXPECT_EQ(human_count(15470264320.0), "15.5G");
}

TEST(CsvField, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("conv1"), "conv1");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_row({"a", "", "c"}), "a,,c\n");
}

TEST(TextTable, RightAlignsNumbersAndDrawsRules) {
  TextTable table({"layer", "MACs"});
  table.add_row({"conv1", "105415200"});
  table.add_separator();
  table.add_row({"total", "7"});
  EXPECT_EQ(table.render(),
            "layer  MACs\n"
            "----------------\n"
            "conv1  105415200\n"
            "----------------\n"
            "total          7\n");
}

TEST(TextTable, LeftAlignsTextThatStartsWithADigit) {
  TextTable table({"arch", "PEs", "description"});
  table.add_row({"eyeriss", "12x14", "Eyeriss v1"});
  table.add_row({"tiny", "3x4", "3x4 PEs, for tests"});
  EXPECT_EQ(table.render(),
            "arch     PEs    description\n"
            "----------------------------------\n"
            "eyeriss  12x14  Eyeriss v1\n"
            "tiny       3x4  3x4 PEs, for tests\n");
}

}  // namespace
}  // namespace accelsim
