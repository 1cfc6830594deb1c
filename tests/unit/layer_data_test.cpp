// Layer data: generated from a seed (with a fraction of zero activations) and the
// reference convolution every simulated layer is checked against.

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "sim/engine/data/layer_data.h"
#include "sim/engine/data/reference_convolution.h"

namespace accelsim {
namespace {

// 100 x 100 activations (10 000 values), 4 filters of 1 x 3 x 3.
LayerShape wide_layer() {
  LayerShape shape;
  shape.C = 1;
  shape.M = 4;
  shape.H = shape.W = 100;
  shape.R = shape.S = 3;
  shape.E = shape.F = 98;
  return shape;
}

long long zeros_in(const std::vector<int16_t>& values) {
  return std::count(values.begin(), values.end(), int16_t(0));
}

TEST(GenerateLayerData, HasOneValuePerUnpaddedInputAndWeight) {
  LayerShape shape = wide_layer();
  shape.batch = 2;
  shape.groups = 3;
  shape.pad_h = shape.pad_w = 1;  // 98 x 98 real values
  const LayerData data = generate_layer_data(shape, {}, 0);
  EXPECT_EQ(data.ifmap.size(), 2u * 3 * 1 * 98 * 98);
  EXPECT_EQ(data.weights.size(), 3u * 4 * 1 * 3 * 3);
}

TEST(GenerateLayerData, IsDeterministicForASeedAndSalt) {
  const LayerData a = generate_layer_data(wide_layer(), {7, 0.5}, 3);
  const LayerData b = generate_layer_data(wide_layer(), {7, 0.5}, 3);
  EXPECT_EQ(a.ifmap, b.ifmap);
  EXPECT_EQ(a.weights, b.weights);
  EXPECT_NE(generate_layer_data(wide_layer(), {8, 0.5}, 3).ifmap, a.ifmap);
  EXPECT_NE(generate_layer_data(wide_layer(), {7, 0.5}, 4).ifmap, a.ifmap);
}

TEST(GenerateLayerData, ZeroFractionIsRoughlyRespected) {
  const LayerData half = generate_layer_data(wide_layer(), {1, 0.5}, 0);
  EXPECT_NEAR(double(zeros_in(half.ifmap)) / 10000, 0.5, 0.05);
  const LayerData tenth = generate_layer_data(wide_layer(), {1, 0.1}, 0);
  EXPECT_NEAR(double(zeros_in(tenth.ifmap)) / 10000, 0.1, 0.02);
}

TEST(GenerateLayerData, TheNetworksRawInputHasNoZeros) {
  LayerShape shape = wide_layer();
  shape.input_compressible = false;
  const LayerData data = generate_layer_data(shape, {1, 0.5}, 0);
  EXPECT_EQ(zeros_in(data.ifmap), 0);
}

TEST(GenerateLayerData, ValuesAreInTheirDocumentedRanges) {
  const LayerData data = generate_layer_data(wide_layer(), {1, 0.5}, 0);
  const auto [ifmap_min, ifmap_max] = std::minmax_element(data.ifmap.begin(), data.ifmap.end());
  EXPECT_EQ(*ifmap_min, 0);
  EXPECT_LE(*ifmap_max, 255);
  for (int16_t value : data.ifmap) ASSERT_TRUE(value == 0 || (value >= 1 && value <= 255));
  for (int16_t value : data.weights) ASSERT_TRUE(value >= -127 && value <= 127);
}

// Two groups of one channel each, a 3 x 3 input padded to 5 x 5, a 3 x 3 filter
// per group, stride 2: a 2 x 2 output per group.
LayerData two_group_case() {
  LayerData data;
  LayerShape& s = data.shape;
  s.groups = 2;
  s.C = 1;
  s.M = 1;
  s.H = s.W = 5;
  s.pad_h = s.pad_w = 1;
  s.R = s.S = 3;
  s.E = s.F = 2;
  s.stride_h = s.stride_w = 2;
  // Group 0: 1.0 .. 9.0; group 1: raw values that make products round.
  data.ifmap = {256, 512, 768, 1024, 1280, 1536, 1792, 2048, 2304,
                11,  20,  31,  40,   -51,  60,   70,   80,   -91};
  data.weights.assign(18, 0);
  std::fill(data.weights.begin(), data.weights.begin() + 9, int16_t(256));  // group 0: all 1.0
  data.weights[9 + 0] = -256;       // group 1: (r 0, s 0) = -1.0
  data.weights[9 + 3 + 1] = 128;    //          (r 1, s 1) = 0.5
  return data;
}

TEST(LayerData, PaddedIfmapIsZeroInThePadding) {
  const LayerData data = two_group_case();
  EXPECT_EQ(data.padded_ifmap(0, 0, 0, 0, 0), 0);
  EXPECT_EQ(data.padded_ifmap(0, 0, 0, 4, 2), 0);
  EXPECT_EQ(data.padded_ifmap(0, 0, 0, 1, 1), 256);
  EXPECT_EQ(data.padded_ifmap(0, 1, 0, 3, 3), -91);
  EXPECT_EQ(data.weight(1, 0, 0, 1, 1), 128);
}

TEST(ReferenceConvolution, PaddedStridedGroupedCase) {
  // Group 0 sums the real values under each window (a window at padded (2e, 2f)
  // covers real rows 2e-1..2e+1): 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9.
  // Group 1: 0.5 x the window centre (real (2e, 2f)), truncated, minus the
  // top-left (real (2e-1, 2f-1)), which is padding except for e = f = 1:
  //   11/2 = 5.5 -> 5;  31/2 -> 15;  70/2 = 35;  -91/2 = -45.5 -> -46, + 51 = 5.
  const std::vector<int16_t> expected = {12 * 256, 16 * 256, 24 * 256, 28 * 256,
                                         5,        15,       35,       5};
  EXPECT_EQ(reference_convolution(two_group_case()), expected);
}

TEST(ReferenceConvolution, OutputIsImagesThenGroupsAndFiltersThenRowsColumns) {
  LayerData data = two_group_case();
  data.shape.batch = 2;
  const std::vector<int16_t> one_image = data.ifmap;
  data.ifmap.insert(data.ifmap.end(), one_image.begin(), one_image.end());
  data.ifmap[18 + 4] = 0;  // image 1, group 0, centre: e1f1 loses 5.0 etc.
  const std::vector<int16_t> out = reference_convolution(data);
  ASSERT_EQ(out.size(), 16u);
  EXPECT_EQ(std::vector<int16_t>(out.begin(), out.begin() + 8),
            reference_convolution(two_group_case()));
  EXPECT_EQ(std::vector<int16_t>(out.begin() + 8, out.end()),
            (std::vector<int16_t>{7 * 256, 11 * 256, 19 * 256, 23 * 256, 5, 15, 35, 5}));
}

// The definition, one MAC at a time, to check the reference's fast paths against.
std::vector<int16_t> convolution_by_definition(const LayerData& data) {
  const LayerShape& s = data.shape;
  std::vector<int16_t> out;
  for (int n = 0; n < s.batch; ++n) {
    for (int g = 0; g < s.groups; ++g) {
      for (int m = 0; m < s.M; ++m) {
        for (int e = 0; e < s.E; ++e) {
          for (int f = 0; f < s.F; ++f) {
            int16_t sum = 0;
            for (int c = 0; c < s.C; ++c) {
              for (int r = 0; r < s.R; ++r) {
                for (int k = 0; k < s.S; ++k) {
                  const int16_t x = data.padded_ifmap(n, g, c, e * s.stride_h + r * s.dilation_h,
                                                      f * s.stride_w + k * s.dilation_w);
                  sum = int16_t(uint16_t(sum + ((x * data.weight(g, m, c, r, k)) >> 8)));
                }
              }
            }
            out.push_back(sum);
          }
        }
      }
    }
  }
  return out;
}

// (C, M, groups, H, W, R, S, stride, dilation, pad, batch): unit stride (one
// accumulation over whole planes, wider than a cache chunk for the first), strided,
// dilated, grouped, FC-like (filter covering the input) and 1 x 1.
struct ConvCase {
  int C, M, groups, H, W, R, S, stride, dilation, pad, batch;
};

LayerData conv_case(const ConvCase& c) {
  LayerShape s;
  s.C = c.C, s.M = c.M, s.groups = c.groups, s.H = c.H, s.W = c.W, s.R = c.R, s.S = c.S;
  s.stride_h = s.stride_w = c.stride;
  s.dilation_h = s.dilation_w = c.dilation;
  s.pad_h = s.pad_w = c.pad;
  s.batch = c.batch;
  s.E = (c.H - c.dilation * (c.R - 1) - 1) / c.stride + 1;
  s.F = (c.W - c.dilation * (c.S - 1) - 1) / c.stride + 1;
  LayerData data = generate_layer_data(s, {5, 0.3}, 9);
  // Full-range values, so products overflow 16 bits and sums wrap.
  for (size_t i = 0; i < data.ifmap.size(); i += 7) data.ifmap[i] = int16_t(-32768 + 9973 * i);
  for (size_t i = 0; i < data.weights.size(); i += 5) data.weights[i] = int16_t(32767 - 7919 * i);
  return data;
}

TEST(ReferenceConvolution, EqualsTheDefinitionOnEveryPath) {
  const ConvCase cases[] = {
      {2, 3, 1, 75, 77, 3, 3, 1, 1, 1, 1},   // E x W above one 4096-word chunk
      {3, 2, 2, 17, 19, 5, 3, 1, 1, 2, 2},   // grouped, batch 2, odd sizes
      {2, 2, 1, 23, 21, 3, 3, 1, 2, 2, 1},   // dilated
      {3, 2, 1, 27, 27, 11, 11, 4, 1, 0, 1}, // stride 4
      {4, 3, 1, 13, 13, 1, 1, 2, 1, 0, 1},   // 1 x 1, stride 2
      {5, 4, 1, 7, 7, 7, 7, 1, 1, 0, 2},     // FC: the filter covers the input
      {6, 3, 1, 1, 1, 1, 1, 1, 1, 0, 1},     // FC on a 1 x 1 input
  };
  for (const ConvCase& c : cases) {
    const LayerData data = conv_case(c);
    EXPECT_EQ(reference_convolution(data), convolution_by_definition(data)) << "C=" << c.C
        << " H=" << c.H << " R=" << c.R << " stride=" << c.stride << " dilation=" << c.dilation;
  }
}

// Pins the first case's output so that a change to both the reference and the
// definition above cannot pass unnoticed.
TEST(ReferenceConvolution, PinnedChecksumOfAWideUnitStrideCase) {
  const std::vector<int16_t> out = reference_convolution(conv_case({2, 3, 1, 75, 77, 3, 3, 1, 1, 1, 1}));
  unsigned long long checksum = 0;
  for (int16_t value : out) checksum = checksum * 31 + uint16_t(value);
  EXPECT_EQ(checksum, 3496498387219723870ULL);  // as computed by the former row-by-row reference
}

}  // namespace
}  // namespace accelsim
