// DRAM transfers: sizes (raw, or run-length compressed for feature maps past the
// network's first input), link cycles, and what a load writes into the GLB.

#include <gtest/gtest.h>

#include <vector>

#include "sim/engine/memory/dram_core.h"
#include "sim/engine/memory/rle.h"

namespace accelsim {
namespace {

// 16-bit words over a 64-bit link with a 10-cycle latency; 5-bit RLE runs.
ArchSpec dram_spec(DramCompression compression) {
  ArchSpec arch;
  arch.word_bits = 16;
  arch.glb.size_kb = 4;
  arch.glb.banks = 4;
  arch.glb.bank_width_bits = 64;
  arch.glb.bank_ports = 1;
  arch.dram.link_width_bits = 64;
  arch.dram.latency_cycles = 10;
  arch.dram.compression = compression;
  arch.dram.rle_run_bits = 5;
  return arch;
}

// One channel, a 3 x 3 input padded to 5 x 5, 3 x 3 filters: a 3 x 3 output.
LayerShape padded_shape(int M) {
  LayerShape shape;
  shape.C = 1;
  shape.M = M;
  shape.H = shape.W = 5;
  shape.pad_h = shape.pad_w = 1;
  shape.R = shape.S = 3;
  shape.E = shape.F = 3;
  return shape;
}

LayerData padded_data(bool compressible) {
  LayerShape shape = padded_shape(1);
  shape.input_compressible = compressible;
  LayerData data = generate_layer_data(shape, {1, 0.0}, 0);
  data.ifmap = {1, 2, 3, 0, 0, 0, 7, 8, 9};  // rows of the unpadded 3 x 3 input
  return data;
}

Tile whole_tile(const LayerShape& shape) {
  return Tile{0, 0, 1, 0, shape.E, 0, shape.M, {}};
}

TEST(DramLoadIfmap, WritesPaddedRowsIntoTheGlb) {
  const ArchSpec arch = dram_spec(DramCompression::none);
  const LayerData data = padded_data(true);
  GlbCore glb(arch);
  AccessCounts counts;
  DramCore(arch).load_ifmap_block(data, whole_tile(data.shape), ChannelBlock{0, 1, {}}, glb,
                                  counts);
  ASSERT_EQ(glb.ifmap_block_words(), 25);
  const std::vector<std::vector<int16_t>> expected = {
      {0, 0, 0, 0, 0}, {0, 1, 2, 3, 0}, {0, 0, 0, 0, 0}, {0, 7, 8, 9, 0}, {0, 0, 0, 0, 0}};
  for (int row = 0; row < 5; ++row) {
    for (int col = 0; col < 5; ++col) {
      EXPECT_EQ(glb.ifmap(0, 0, row, col), expected[size_t(row)][size_t(col)])
          << "row " << row << " col " << col;
    }
  }
  EXPECT_EQ(counts.at(Level::glb, DataType::ifmap, Action::write), 25);  // padded block
  EXPECT_EQ(counts.at(Level::dram, DataType::ifmap, Action::read), 9);   // real values
}

TEST(DramLoadIfmap, ALaterTileStartsAtItsFirstInputRow) {
  const ArchSpec arch = dram_spec(DramCompression::none);
  const LayerData data = padded_data(true);
  GlbCore glb(arch);
  AccessCounts counts;
  // Output rows 1-2 need padded input rows 1-4.
  const Tile tile{0, 0, 1, 1, 2, 0, 1, {}};
  DramCore(arch).load_ifmap_block(data, tile, ChannelBlock{0, 1, {}}, glb, counts);
  EXPECT_EQ(glb.ifmap_block_words(), 20);
  EXPECT_EQ(glb.ifmap(0, 0, 0, 1), 1);  // padded row 1
  EXPECT_EQ(glb.ifmap(0, 0, 2, 3), 9);  // padded row 3
  EXPECT_EQ(glb.ifmap(0, 0, 3, 2), 0);  // padded row 4: padding
  EXPECT_EQ(counts.at(Level::dram, DataType::ifmap, Action::read), 9);
}

TEST(DramTransferSize, UncompressedIsOneWordPerValueAndLatencyPlusBeats) {
  const ArchSpec arch = dram_spec(DramCompression::none);
  const LayerData data = padded_data(true);
  GlbCore glb(arch);
  AccessCounts counts;
  const DramTransfer t = DramCore(arch).load_ifmap_block(
      data, whole_tile(data.shape), ChannelBlock{0, 1, {}}, glb, counts);
  EXPECT_EQ(t.dram_words, 9);
  EXPECT_EQ(t.link_cycles, 10 + 3);  // 144 bits over a 64-bit link: 3 beats
}

TEST(DramTransferSize, CompressedFeatureMapsAreFourWordsPerThreePairs) {
  const ArchSpec arch = dram_spec(DramCompression::rle);
  const LayerData data = padded_data(true);
  GlbCore glb(arch);
  AccessCounts counts;
  const DramTransfer t = DramCore(arch).load_ifmap_block(
      data, whole_tile(data.shape), ChannelBlock{0, 1, {}}, glb, counts);
  // 1 2 3 0 0 0 7 8 9: (0,1) (0,2) (0,3) (3,7) (0,8) (0,9): 6 pairs, 2 x 64 bits.
  ASSERT_EQ(rle_pairs(data.ifmap, 5), 6);
  EXPECT_EQ(t.dram_words, 8);
  EXPECT_EQ(t.link_cycles, 10 + 2);
  EXPECT_EQ(counts.at(Level::dram, DataType::ifmap, Action::read), 8);
  EXPECT_EQ(counts.at(Level::glb, DataType::ifmap, Action::write), 25);
}

TEST(DramTransferSize, TheNetworksFirstInputIsNeverCompressed) {
  const ArchSpec arch = dram_spec(DramCompression::rle);
  const LayerData data = padded_data(false);
  GlbCore glb(arch);
  AccessCounts counts;
  const DramTransfer t = DramCore(arch).load_ifmap_block(
      data, whole_tile(data.shape), ChannelBlock{0, 1, {}}, glb, counts);
  EXPECT_EQ(t.dram_words, 9);
  EXPECT_EQ(t.link_cycles, 13);
}

TEST(DramTransferSize, CompressionCanCostMoreThanItSaves) {
  // Nine non-zero values: 9 pairs, 3 x 64 bits = 12 words for 9 values.
  const ArchSpec arch = dram_spec(DramCompression::rle);
  LayerData data = padded_data(true);
  data.ifmap = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  GlbCore glb(arch);
  AccessCounts counts;
  const DramTransfer t = DramCore(arch).load_ifmap_block(
      data, whole_tile(data.shape), ChannelBlock{0, 1, {}}, glb, counts);
  EXPECT_EQ(t.dram_words, 12);
}

// A plan with one filter stream: filters 1-2 (of 3), both channels, filter row 2.
PassPlan one_filter_stream() {
  PassPlan plan;
  plan.taps = 3;
  plan.filter_streams.push_back(FilterStream{1, 2, 0, 2, 2, 1, 0, 3, {}});
  return plan;
}

TEST(DramLoadFilters, StagesWeightsInFilterStreamOrder) {
  const ArchSpec arch = dram_spec(DramCompression::rle);
  LayerShape shape = padded_shape(3);
  shape.C = 2;
  const LayerData data = generate_layer_data(shape, {5, 0.5}, 1);
  std::vector<int16_t> staged;
  AccessCounts counts;
  DramCore(arch).load_filters(data, whole_tile(shape), one_filter_stream(), staged, counts);
  std::vector<int16_t> expected;
  for (int k = 1; k <= 2; ++k) {
    for (int c = 0; c < 2; ++c) {
      for (int s = 0; s < 3; ++s) expected.push_back(data.weight(0, k, c, 2, s));
    }
  }
  EXPECT_EQ(staged, expected);
  EXPECT_EQ(counts.at(Level::glb, DataType::filter, Action::write), 12);  // no filter buffer
}

TEST(DramLoadFilters, WeightsAreNeverCompressed) {
  ArchSpec arch = dram_spec(DramCompression::rle);
  arch.glb.filter_buffer_kb = 1;
  LayerShape shape = padded_shape(3);
  shape.C = 2;
  LayerData data = generate_layer_data(shape, {5, 0.5}, 1);
  std::fill(data.weights.begin(), data.weights.end(), int16_t(0));  // RLE would shrink them
  std::vector<int16_t> staged;
  AccessCounts counts;
  const DramTransfer t =
      DramCore(arch).load_filters(data, whole_tile(shape), one_filter_stream(), staged, counts);
  EXPECT_EQ(t.dram_words, 12);
  EXPECT_EQ(t.link_cycles, 10 + 3);  // 192 bits
  EXPECT_EQ(counts.at(Level::dram, DataType::filter, Action::read), 12);
  EXPECT_EQ(counts.at(Level::filter_buffer, DataType::filter, Action::write), 12);
  EXPECT_EQ(counts.at(Level::glb, DataType::filter, Action::write), 0);
}

// Two 1x1 filters over one channel of a 1 x 20 row: 40 output values.
LayerShape two_filters_over_a_row() {
  LayerShape shape;
  shape.C = 1;
  shape.M = 2;
  shape.H = 1;
  shape.W = 20;
  shape.R = shape.S = 1;
  shape.E = 1;
  shape.F = 20;
  return shape;
}

TEST(DramStoreOfmaps, CompressesTheTileAndPlacesItInTheOutput) {
  const ArchSpec arch = dram_spec(DramCompression::rle);
  const LayerShape shape = two_filters_over_a_row();
  GlbCore glb(arch);
  glb.resize_psum_tile(1, 1, 20, 2);
  // Filter 0: 19 zeros then 5; filter 1: 20 zeros. In DRAM order (filter, then
  // column): 19 zeros, 5, 20 zeros: (19, 5) (19, 0): 2 pairs, one 64-bit word.
  glb.psum(glb.psum_address(0, 0, 19, 0)) = 5;
  std::vector<int16_t> output(40, -1);
  AccessCounts counts;
  const DramTransfer t =
      DramCore(arch).store_ofmaps(shape, whole_tile(shape), glb, output, counts);
  EXPECT_EQ(t.dram_words, 4);
  EXPECT_EQ(t.link_cycles, 10 + 1);
  EXPECT_EQ(counts.at(Level::glb, DataType::ofmap, Action::read), 40);
  EXPECT_EQ(counts.at(Level::dram, DataType::ofmap, Action::write), 4);
  std::vector<int16_t> expected(40, 0);
  expected[19] = 5;
  EXPECT_EQ(output, expected);
}

// Two filters over a 1 x 20 row, every sum negative (-3 - column): raw, RLC costs a
// 21-bit pair per value (40 values: 14 words of 64 bits = 56 DRAM words); after the
// write-back stage's ReLU all 40 are zero, runs of at most 32: 2 pairs, 4 words.
TEST(DramStoreOfmaps, ReluBeforeTheEncoderWritesAlmostNothingForNegativeSums) {
  const ArchSpec arch = dram_spec(DramCompression::rle);
  const LayerShape shape = two_filters_over_a_row();
  GlbCore glb(arch);
  glb.resize_psum_tile(1, 1, 20, 2);
  for (int m = 0; m < 2; ++m) {
    for (int f = 0; f < 20; ++f) glb.psum(glb.psum_address(0, 0, f, m)) = int16_t(-3 - f);
  }
  LayerData write_back;
  write_back.shape = shape;
  std::vector<int16_t> output(40, -1);
  AccessCounts counts;
  const DramTransfer raw =
      DramCore(arch).store_ofmaps(shape, whole_tile(shape), glb, output, counts, &write_back);
  EXPECT_EQ(raw.dram_words, 56);
  EXPECT_EQ(raw.raw_words, 40);
  EXPECT_EQ(output[21], -4);
  write_back.activation = Activation::relu;
  const DramTransfer relu =
      DramCore(arch).store_ofmaps(shape, whole_tile(shape), glb, output, counts, &write_back);
  EXPECT_EQ(relu.dram_words, 4);
  EXPECT_EQ(relu.raw_words, 40);
  EXPECT_EQ(output, std::vector<int16_t>(40, 0));
  // The bias is added before the activation: +10 lifts the first 8 columns of each filter.
  write_back.bias = {10, 10};
  DramCore(arch).store_ofmaps(shape, whole_tile(shape), glb, output, counts, &write_back);
  EXPECT_EQ(output[0], 7);
  EXPECT_EQ(output[20 + 6], 1);
  EXPECT_EQ(output[20 + 7], 0);
}

}  // namespace
}  // namespace accelsim
