// Is each dataflow's hand-checked mapping of a small layer legal, and does its
// analytical model count exactly what the dataflow's definition implies?
// The layer: C = 2 channels, M = 2 filters, a 4x4 input, 3x3 kernel, 2x2 output,
// batch 1: 144 MACs, 36 weights, 32 ifmap words, 8 ofmap words; on arch/tiny.yaml.

#include <gtest/gtest.h>

#include "arch/arch_parser.h"
#include "dataflows/dataflow.h"
#include "dataflows/weight_stationary/weight_stationary.h"

namespace accelsim {
namespace {

LayerShape small_layer() {
  LayerShape s;
  s.C = 2;
  s.M = 2;
  s.H = s.W = 4;
  s.R = s.S = 3;
  s.E = s.F = 2;
  return s;
}

struct Expected {
  long long dram_filter_reads, staging_reads, array_filter, glb_ifmap_reads, array_ifmap;
  long long rf_ifmap_reads, rf_filter_reads, rf_psum_reads, array_psum, glb_psum_reads;
};

void expect_counts(const Dataflow& flow, const Mapping& mapping, const Expected& x) {
  const ArchSpec arch = parse_arch_file("arch/tiny.yaml");
  ASSERT_EQ(flow.check(mapping, small_layer(), arch), "") << flow.name();
  const AccessCounts c = flow.analyze(mapping, small_layer(), arch).counts;
  const auto at = [&](Level l, DataType t, Action a) { return c.at(l, t, a); };
  EXPECT_EQ(c.macs_issued, 144);
  // The same for every dataflow: one tile, one block: ifmaps and ofmaps move once.
  EXPECT_EQ(at(Level::dram, DataType::ifmap, Action::read), 32);
  EXPECT_EQ(at(Level::glb, DataType::ifmap, Action::write), 32);
  EXPECT_EQ(at(Level::glb, DataType::ofmap, Action::write), 8);
  EXPECT_EQ(at(Level::array, DataType::ofmap, Action::write), 8);
  EXPECT_EQ(at(Level::dram, DataType::ofmap, Action::write), 8);
  EXPECT_EQ(at(Level::dram, DataType::filter, Action::read), x.dram_filter_reads);
  EXPECT_EQ(at(Level::filter_buffer, DataType::filter, Action::write), x.dram_filter_reads);
  EXPECT_EQ(at(Level::filter_buffer, DataType::filter, Action::read), x.staging_reads);
  EXPECT_EQ(at(Level::array, DataType::filter, Action::write), x.array_filter);
  EXPECT_EQ(at(Level::glb, DataType::ifmap, Action::read), x.glb_ifmap_reads);
  EXPECT_EQ(at(Level::array, DataType::ifmap, Action::write), x.array_ifmap);
  EXPECT_EQ(at(Level::rf_ifmap, DataType::ifmap, Action::read), x.rf_ifmap_reads);
  EXPECT_EQ(at(Level::rf_filter, DataType::filter, Action::read), x.rf_filter_reads);
  EXPECT_EQ(at(Level::rf_psum, DataType::psum, Action::read), x.rf_psum_reads);
  EXPECT_EQ(at(Level::array, DataType::psum, Action::write), x.array_psum);
  EXPECT_EQ(at(Level::glb, DataType::psum, Action::read), x.glb_psum_reads);
}

void expect_counts(const std::string& dataflow, const Mapping& mapping, const Expected& x) {
  expect_counts(find_dataflow(dataflow), mapping, x);
}

// One 3x2 PE set, p = 2 filters and q = 2 channels per PE: the 36 weights load once
// and go to the set's 2 columns (72); the 4 input rows x 4 columns x 2 channels are
// read once (32) and delivered to the 3 diagonal PEs... 48 in all; 8 psums each hop
// twice up the 3-row columns (16), so the psum spad sees 144 MACs + 16 additions.
TEST(DataflowModels, RowStationary) {
  expect_counts("rs", {"rs", {{"m", 2}, {"n", 1}, {"e", 2}, {"p", 2}, {"q", 2}, {"r", 1},
                              {"t", 1}}},
                {36, 36, 72, 32, 48, 144, 144, 160, 16, 0});
}

// The paper's WS: 18 lanes (channel, r, s) of one weight each, 3 per pass, 6
// passes; each pass loads its 2 filters x 3 weights (36 in all, each to one PE);
// each lane streams its shifted row, 4 positions, to both filter columns (72 reads,
// 144 deliveries); no psum register file: 8 psums climb 2 hops per pass (96), 5 of
// the 6 passes start from the GLB (40 reads, 40 transfers) and 5 end in it (40 GON
// transfers).
TEST(DataflowModels, WeightStationary) {
  expect_counts("ws", {"ws", {{"m", 2}, {"n", 1}, {"e", 2}, {"c", 2}, {"l", 3}, {"t", 2}}},
                {36, 36, 36, 72, 144, 144, 144, 0, 176, 40});
}

// The variant with a psum buffer: 9 lanes (r, s) of both channels, 3 per pass: each
// PE holds its 2 x 2 weights (36 in all, each delivered once); each lane streams its
// shifted row, 4 positions x 2 channels, 72 in all; 8 psums climb 2 hops per pass
// (48), 2 of the 3 passes start from the GLB (16 reads, 16 transfers) and 2 end in
// it (16 GON transfers).
TEST(DataflowModels, WeightStationaryWithPsumBuffer) {
  expect_counts(WeightStationary(WsVariant::psum_buffer),
                {"ws-psum", {{"m", 2}, {"n", 1}, {"e", 2}, {"c", 2}, {"p", 2}, {"q", 2},
                             {"l", 3}, {"t", 1}}},
                {36, 36, 36, 72, 72, 144, 144, 208, 80, 16});
}

// 2 filters x 4 pixels, one pass: each filter's 18 weights stream once to its 4 PEs
// (36 reads, 144 deliveries), each pixel's 18 ifmap words once to its 2 PEs (72
// reads, 144 deliveries); only psums live in the register file.
TEST(DataflowModels, OutputStationaryB) {
  expect_counts("os-b", {"os-b", {{"m", 2}, {"n", 1}, {"e", 2}, {"c", 2}, {"t", 2}, {"x", 4}}},
                {36, 36, 144, 72, 144, 0, 0, 144, 0, 0});
}

// One filter x 4 pixels per pass, 2 passes: each pass's 18 weights go to all 4 PEs
// (18 reads, 72 deliveries), each pixel's 18 ifmap words to its one PE (72 reads).
TEST(DataflowModels, OutputStationaryA) {
  expect_counts("os-a", {"os-a", {{"m", 2}, {"n", 1}, {"e", 2}, {"c", 2}, {"t", 1}, {"x", 4}}},
                {36, 36, 144, 144, 144, 0, 0, 144, 0, 0});
}

// 2 filters x 1 pixel per pass, 4 passes that reuse the same staged 36 weights: each
// pass streams both filters' 18 weights (36 reads) and its pixel's 18 ifmap words
// once to both PEs (18 reads).
TEST(DataflowModels, OutputStationaryC) {
  expect_counts("os-c", {"os-c", {{"m", 2}, {"n", 1}, {"e", 2}, {"c", 2}, {"t", 2}, {"x", 1}}},
                {36, 144, 144, 72, 144, 0, 0, 144, 0, 0});
}

// 2 channel lanes x 2 filter columns: a weight per MAC (144 reads), each lane's 4
// pixels x 9 taps of ifmap once for both filters (72 reads, 144 deliveries), 8
// psums one hop each; no register file at all.
TEST(DataflowModels, NoLocalReuse) {
  expect_counts("nlr", {"nlr", {{"m", 2}, {"n", 1}, {"e", 2}, {"c", 2}, {"l", 2}, {"t", 2}}},
                {36, 144, 144, 72, 144, 0, 0, 0, 8, 0});
}

TEST(DataflowModels, IllegalMappingsSayWhichRuleTheyBreak) {
  const ArchSpec arch = parse_arch_file("arch/tiny.yaml");
  EXPECT_EQ(find_dataflow("rs").check({"rs", {{"m", 2}, {"n", 1}, {"e", 2}, {"p", 2}, {"q", 4},
                                              {"r", 1}, {"t", 1}}},
                                      small_layer(), arch),
            "q=4 exceeds C=2");
  EXPECT_EQ(find_dataflow("os-a").check({"os-a", {{"m", 2}, {"n", 1}, {"e", 2}, {"c", 2},
                                                  {"t", 2}, {"x", 4}}},
                                        small_layer(), arch),
            "os-a works on one filter at a time (t = 1)");
  EXPECT_EQ(find_dataflow("nlr").check({"nlr", {{"m", 2}, {"n", 1}, {"e", 2}, {"c", 2},
                                                {"l", 4}, {"t", 2}}},
                                       small_layer(), arch),
            "need l <= c <= C");
}

}  // namespace
}  // namespace accelsim
