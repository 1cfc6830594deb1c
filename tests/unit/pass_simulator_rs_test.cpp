// The pass simulator on real row-stationary plans (RowStationary::lower and its
// planner) over generated data staged by DramCore: the GLB's ofmaps equal the
// reference convolution, and the structural counts of a pass are exact.

#include <gtest/gtest.h>

#include <vector>

#include "arch/arch_parser.h"
#include "dataflows/row_stationary/row_stationary.h"
#include "sim/engine/array/pass_simulator.h"
#include "sim/engine/data/reference_convolution.h"
#include "sim/engine/memory/dram_core.h"

namespace accelsim {
namespace {

Mapping rs_mapping(int m, int n, int e, int p, int q, int r, int t) {
  return {"rs", {{"m", m}, {"n", n}, {"e", e}, {"p", p}, {"q", q}, {"r", r}, {"t", t}}};
}

LayerShape conv_shape(int C, int M, int H, int R, int pad) {
  LayerShape shape;
  shape.C = C;
  shape.M = M;
  shape.H = shape.W = H;
  shape.R = shape.S = R;
  shape.pad_h = shape.pad_w = pad;
  shape.E = shape.F = H - R + 1;
  return shape;
}

struct LayerTotals {
  std::vector<int16_t> output;
  AccessCounts counts;
  PeStalls stalls;
  long long cycles = 0, passes = 0;
};

// Runs every tile, channel block and pass of the layer in order, the way the
// controller does, without the SystemC kernel.
LayerTotals run_layer(const ArchSpec& arch, const Mapping& mapping, const LayerData& data) {
  const LayerShape& shape = data.shape;
  const RowStationary rs;
  const Schedule schedule = rs.lower(mapping, shape, arch);
  const DramCore dram(arch);
  GlbCore glb(arch);
  glb.configure_banks(schedule.glb_ifmap_banks, schedule.glb_psum_banks);
  LayerTotals totals;
  totals.output.assign(size_t(shape.batch) * shape.groups * shape.M * shape.E * shape.F, 0);
  for (const Tile& tile : schedule.tiles) {
    glb.resize_psum_tile(tile.images, tile.out_rows, shape.F, tile.filters);
    for (const ChannelBlock& block : tile.blocks) {
      dram.load_ifmap_block(data, tile, block, glb, totals.counts);
      for (const PassSlice& slice : block.passes) {
        const PassPlan plan = schedule.planner->plan(tile, block, slice);
        std::vector<int16_t> filters;
        dram.load_filters(data, tile, plan, filters, totals.counts);
        PassSimulator pass(arch, plan, glb, filters);
        while (pass.step()) {
        }
        const PassResult result = pass.result();
        totals.counts += result.counts;
        totals.stalls += result.stalls;
        totals.cycles += result.cycles;
        ++totals.passes;
      }
    }
    dram.store_ofmaps(shape, tile, glb, totals.output, totals.counts);
  }
  return totals;
}

// arch/tiny.yaml: 3 x 4 PEs, 6-word ifmap spads, 24-word filter spads, one-word
// buses, a 1 KiB filter buffer.
// Layer: 2 channels, 2 filters, 5 x 5 input, 3 x 3 filters: a 3 x 3 output.
// Mapping: one set of 3 x 3 PEs (e = 3), each with both filters (p = 2) and both
// channels (q = 2): one tile, one channel block, one pass.
TEST(RowStationaryPass, OneBlockLayerMatchesTheReference) {
  const ArchSpec arch = parse_arch_file("arch/tiny.yaml");
  const LayerShape shape = conv_shape(2, 2, 5, 3, 0);
  const Mapping mapping = rs_mapping(2, 1, 3, 2, 2, 1, 1);
  ASSERT_EQ(RowStationary().check(mapping, shape, arch), "");
  const LayerData data = generate_layer_data(shape, {11, 0.5}, 0);
  const LayerTotals totals = run_layer(arch, mapping, data);
  EXPECT_EQ(totals.passes, 1);
  EXPECT_EQ(totals.output, reference_convolution(data));
}

TEST(RowStationaryPass, OnePassStructuralCounts) {
  const ArchSpec arch = parse_arch_file("arch/tiny.yaml");
  const LayerShape shape = conv_shape(2, 2, 5, 3, 0);
  const Mapping mapping = rs_mapping(2, 1, 3, 2, 2, 1, 1);
  const LayerData data = generate_layer_data(shape, {11, 0.5}, 0);
  const Schedule schedule = RowStationary().lower(mapping, shape, arch);
  ASSERT_EQ(schedule.tiles.size(), 1u);
  const Tile& tile = schedule.tiles[0];
  const ChannelBlock& block = tile.blocks.at(0);
  const PassPlan plan = schedule.planner->plan(tile, block, block.passes.at(0));
  ASSERT_EQ(plan.pes.size(), 9u);
  ASSERT_EQ(plan.filter_streams.size(), 3u);  // one per filter row
  ASSERT_EQ(plan.row_streams.size(), 5u);     // input rows 0-4
  ASSERT_EQ(plan.chains.size(), 3u);          // one per output row
  EXPECT_TRUE(plan.final_psums);

  GlbCore glb(arch);
  glb.configure_banks(schedule.glb_ifmap_banks, schedule.glb_psum_banks);
  glb.resize_psum_tile(tile.images, tile.out_rows, shape.F, tile.filters);
  const DramCore dram(arch);
  AccessCounts staging;
  dram.load_ifmap_block(data, tile, block, glb, staging);
  std::vector<int16_t> filters;
  dram.load_filters(data, tile, plan, filters, staging);
  ASSERT_EQ(filters.size(), 36u);  // 3 streams x 2 filters x 2 channels x 3 taps
  PassSimulator pass(arch, plan, glb, filters);
  while (pass.step()) {
  }
  const PassResult result = pass.result();
  const AccessCounts& c = result.counts;
  EXPECT_EQ(result.active_pes, 9);
  EXPECT_EQ(result.filter_load_cycles, 36);  // a one-word filter bus
  // Each of the 5 input rows (2 channels x 5 columns) is read once and multicast
  // to the PEs of its diagonal: 1, 2, 3, 2, 1 PEs.
  EXPECT_EQ(c.at(Level::glb, DataType::ifmap, Action::read), 50);
  EXPECT_EQ(c.at(Level::array, DataType::ifmap, Action::write), 9 * 10);
  EXPECT_EQ(c.at(Level::filter_buffer, DataType::filter, Action::read), 36);
  EXPECT_EQ(c.at(Level::array, DataType::filter, Action::write), 3 * 36);  // 3 PEs a row
  // 2 local links per chain, 2 filters x 3 columns each; 18 ofmaps over the GON.
  EXPECT_EQ(c.at(Level::array, DataType::psum, Action::write), 3 * 2 * 6);
  EXPECT_EQ(c.at(Level::array, DataType::ofmap, Action::write), 18);
  EXPECT_EQ(c.at(Level::glb, DataType::ofmap, Action::write), 18);
  EXPECT_EQ(c.macs_issued + c.macs_gated, shape.macs());  // 324
  EXPECT_EQ(c.at(Level::rf_ifmap, DataType::ifmap, Action::read), 324);
  EXPECT_EQ(c.at(Level::rf_filter, DataType::filter, Action::write), 9 * 12);
  // Every PE-cycle issued a MAC, issued an addition (6 upper PEs x 6 psums), or
  // stalled for a counted reason.
  EXPECT_EQ(result.cycles * 9, 324 + 36 + result.stalls.total());
  // The three filter streams arrive one after the other (12 words each): each
  // stream's 3 PEs stall until cycle 12, 24 or 36.
  EXPECT_EQ(result.stalls.filter_load, 3 * 12 + 3 * 24 + 3 * 36);
}

TEST(RowStationaryPass, StripMinedPaddedLayerMatchesTheReference) {
  // A 5 x 5 input padded to 7 x 7, 3 x 3 filters: a 5 x 5 output, in two tiles
  // (strips) of e = 3 and 2 output rows.
  const ArchSpec arch = parse_arch_file("arch/tiny.yaml");
  LayerShape shape = conv_shape(2, 2, 7, 3, 1);
  const Mapping mapping = rs_mapping(2, 1, 3, 2, 2, 1, 1);
  ASSERT_EQ(RowStationary().check(mapping, shape, arch), "");
  const LayerData data = generate_layer_data(shape, {12, 0.5}, 0);
  const LayerTotals totals = run_layer(arch, mapping, data);
  EXPECT_EQ(totals.passes, 2);
  EXPECT_EQ(totals.output, reference_convolution(data));
}

TEST(RowStationaryPass, TwoChannelBlocksAccumulatePsumsInTheGlb) {
  // C = 4 with q = 2, r = 1: two channel blocks; the second reads the first's
  // psums from the GLB and finishes the ofmaps.
  const ArchSpec arch = parse_arch_file("arch/tiny.yaml");
  const LayerShape shape = conv_shape(4, 2, 5, 3, 0);
  const Mapping mapping = rs_mapping(2, 1, 3, 2, 2, 1, 1);
  ASSERT_EQ(RowStationary().check(mapping, shape, arch), "");
  const LayerData data = generate_layer_data(shape, {13, 0.5}, 0);
  const LayerTotals totals = run_layer(arch, mapping, data);
  EXPECT_EQ(totals.passes, 2);
  EXPECT_EQ(totals.output, reference_convolution(data));
  // The second pass reads and the first writes the 18 intermediate psums.
  EXPECT_EQ(totals.counts.at(Level::glb, DataType::psum, Action::read), 18);
  EXPECT_EQ(totals.counts.at(Level::glb, DataType::psum, Action::write), 18);
  EXPECT_EQ(totals.counts.at(Level::glb, DataType::ofmap, Action::write), 18);
}

TEST(RowStationaryPass, StridedLayerOnEyerissMatchesTheReference) {
  const ArchSpec arch = parse_arch_file("arch/eyeriss.yaml");
  LayerShape shape = conv_shape(3, 4, 11, 3, 0);
  shape.stride_h = shape.stride_w = 2;
  shape.E = shape.F = 5;
  shape.input_compressible = false;
  const Mapping mapping = rs_mapping(4, 1, 5, 2, 3, 1, 2);
  ASSERT_EQ(RowStationary().check(mapping, shape, arch), "");
  const LayerData data = generate_layer_data(shape, {14, 0.5}, 0);
  const LayerTotals totals = run_layer(arch, mapping, data);
  EXPECT_EQ(totals.passes, 1);
  EXPECT_EQ(totals.output, reference_convolution(data));
}

}  // namespace
}  // namespace accelsim
