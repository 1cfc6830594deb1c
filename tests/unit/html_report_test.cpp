// report.html: the waterfall of where the cycles went adds up to the measured cycles
// step by step, the SVG charts are sized to their content, and the page is one
// self-contained file (the browser test is tests/python/test_html_report.py).

#include "sim/report/html_report.h"

#include <gtest/gtest.h>

#include <regex>

#include "arch/arch_parser.h"
#include "sim/report/cycle_waterfall.h"
#include "sim/report/svg_chart.h"

namespace accelsim {
namespace {

// 1000 MACs on 10 of 16 PEs: 150 processing cycles (1500 PE-cycles = 1000 MACs +
// 240 stall PE-cycles + 100 psum additions + 160 PE-cycles of smaller passes), 200
// cycles in all.
long count_matches(const std::string& text, const std::string& pattern) {
  const std::regex expression(pattern);
  return long(std::distance(std::sregex_iterator(text.begin(), text.end(), expression),
                            std::sregex_iterator()));
}

LayerResult made_up_layer(const std::string& name, const std::string& dataflow) {
  LayerResult layer;
  layer.layer = name;
  layer.dataflow = dataflow;
  layer.arch = "tiny";
  layer.array_pes = 16;
  layer.clock_mhz = 200;
  layer.macs = 1000;
  layer.mapped = true;
  layer.active_pes = 10;
  layer.output_verified = true;
  layer.run.processing_cycles = 150;
  layer.run.cycles = 200;
  layer.run.dram_wait_cycles = 50;
  layer.run.ramp_up_cycles = 12;
  layer.run.passes = 3;
  layer.run.stalls = {100, 50, 30, 20, 40};  // filter load, ifmap, psum, output, idle
  layer.run.counts.at(Level::array, DataType::psum, Action::write) = 120;
  layer.run.counts.at(Level::glb, DataType::psum, Action::write) = 20;
  layer.run.counts.macs_issued = 1000;
  layer.energy.per_level[size_t(Level::dram)] = 2000;
  layer.energy.per_level[size_t(Level::mac)] = 1000;
  return layer;
}

TEST(CycleWaterfall, StepsFromTheIdealAddUpToTheMeasuredCycles) {
  const CycleWaterfall w = cycle_waterfall(made_up_layer("c1", "rs"));
  EXPECT_DOUBLE_EQ(w.ideal_cycles, 62.5);  // 1000 MACs / 16 PEs
  std::vector<std::pair<std::string, double>> steps;
  for (const auto& step : w.losses) steps.push_back({step.name, step.cycles});
  EXPECT_EQ(steps, (std::vector<std::pair<std::string, double>>{
                       {"unused PEs", 37.5},  // 1000 / 10 - 1000 / 16
                       {"smaller passes", 16},
                       {"filter load", 10},
                       {"ifmap wait", 5},
                       {"psum wait", 3},
                       {"output blocked", 2},
                       {"done, pass not", 4},
                       {"psum adds", 10},
                       {"DRAM waits", 50}}));
  EXPECT_EQ(w.smaller_pass_pe_cycles, 160);
  EXPECT_DOUBLE_EQ(w.cumulative(kProcessingStepsEnd - 1), 150.0);  // the processing cycles
  EXPECT_DOUBLE_EQ(w.sum(), 200.0);
  EXPECT_EQ(w.ramp_up_cycles, 12);
}

TEST(CycleWaterfall, InconsistentCountsShowAsANegativeRemainder) {
  LayerResult layer = made_up_layer("c1", "rs");
  layer.run.stalls.idle += 200;  // more PE-cycles than the passes had
  EXPECT_EQ(cycle_waterfall(layer).smaller_pass_pe_cycles, -40);
}

TEST(SvgChart, IsSizedToItsBars) {
  BarChart chart;
  chart.value_label = "x";
  for (int g = 0; g < 4; ++g) {
    BarGroup group{"g" + std::to_string(g), {}};
    for (int b = 0; b < 3; ++b) group.bars.push_back({"rs", {{0, 1.0 + b, "#000", "t"}}, "1"});
    chart.groups.push_back(group);
  }
  const std::string svg = vertical_bars_svg(chart);
  std::smatch width;
  ASSERT_TRUE(std::regex_search(svg, width, std::regex("width=\"([0-9.]+)\"")));
  // 64 px of axis, 12 bars of 18 + 4 px, 4 group gaps of 22, 8 px margin.
  EXPECT_DOUBLE_EQ(std::stod(width[1]), 64 + 12 * 22 + 4 * 22 + 8);
  EXPECT_EQ(count_matches(svg, "<rect"), 12);
  EXPECT_DOUBLE_EQ(value_axis_end(chart), 3.0);
}

TEST(SvgChart, EscapesTextAndShortensNumbers) {
  EXPECT_EQ(escape_html("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;");
  EXPECT_EQ(short_number(1234567), "1.23M");
  EXPECT_EQ(short_number(0.0512), "0.0512");
  EXPECT_EQ(short_number(999), "999");
}

TEST(HtmlReport, IsOneSelfContainedPageWithARowPerLayerAndTheCharts) {
  const ArchSpec arch = parse_arch_file("arch/tiny.yaml");
  const Network network = parse_network_file("workloads/nets/lenet5.yaml");
  SimulationOptions options;
  options.dataflows = {"rs", "ws"};
  SimulationResult result;
  for (const char* name : {"c1", "c3"}) {
    for (const char* dataflow : {"rs", "ws"})
      result.layers.push_back(made_up_layer(name, dataflow));
  }
  result.layers.back().mapped = false;
  result.layers.back().reason = "too <big>";
  const std::string html = html_report({arch, network, options, result});
  const auto count = [&](const std::string& pattern) { return count_matches(html, pattern); };
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(count("<script|<link|src=|@import"), 0);  // nothing to fetch, nothing to run
  EXPECT_EQ(count("<tr class=\"first\">"), 2);        // one group of rows per layer
  EXPECT_EQ(count("not mapped: too &lt;big&gt;"), 1);
  // CONV overview, per-layer energy, utilization, cycle shares, 3 waterfalls.
  EXPECT_EQ(count("<svg "), 1 + 1 + 1 + 1 + 3);
  EXPECT_EQ(count("200 ✓"), 3);  // each waterfall ends at the measured total
  EXPECT_NE(html.find("lenet5 on tiny, batch 1"), std::string::npos);
  EXPECT_NE(html.find("<th>data</th><td>chained: values flow from the shipped photo"),
            std::string::npos);
  options.independent_layers = true;
  options.zero_fraction = 0.3;
  EXPECT_NE(html_report({arch, network, options, result})
                .find("<th>data</th><td>independent layers: generated ifmaps with zero "
                      "fraction 0.30, seed 0"),
            std::string::npos);
}

}  // namespace
}  // namespace accelsim
