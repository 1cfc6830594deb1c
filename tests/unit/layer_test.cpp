// Sliding-window output sizes and the MAC and weight counts of one layer.

#include <gtest/gtest.h>

#include "workloads/layer.h"

namespace accelsim {
namespace {

TEST(WindowOutputSize, RoundsDownByDefault) {
  EXPECT_EQ(window_output_size(227, 0, 11, 4, false), 55);  // AlexNet conv1
  EXPECT_EQ(window_output_size(27, 2, 5, 1, false), 27);    // conv2, "same" padding
  EXPECT_EQ(window_output_size(55, 0, 3, 2, false), 27);    // pool1
  EXPECT_EQ(window_output_size(13, 0, 3, 2, false), 6);     // pool5
  EXPECT_EQ(window_output_size(112, 0, 3, 2, false), 55);   // GoogLeNet pool1, floor
  EXPECT_EQ(window_output_size(224, 3, 7, 2, false), 112);  // GoogLeNet conv1
}

TEST(WindowOutputSize, CeilModeAddsAPartialLastWindow) {
  EXPECT_EQ(window_output_size(112, 0, 3, 2, true), 56);  // Caffe's GoogLeNet pool1
  EXPECT_EQ(window_output_size(56, 0, 3, 2, true), 28);
  EXPECT_EQ(window_output_size(56, 0, 3, 2, false), 27);
}

TEST(WindowOutputSize, CeilModeChangesNothingWhenWindowsTileExactly) {
  EXPECT_EQ(window_output_size(13, 0, 3, 2, true), 6);
  EXPECT_EQ(window_output_size(32, 0, 2, 2, true), 16);
}

TEST(WindowOutputSize, CeilModeNeverStartsAWindowInThePadding) {
  // (5 + 2 - 2) / 2 rounds up to 3 windows after the first, but the fourth would
  // start at 6 >= 5 + 1, inside the right padding: Caffe and PyTorch drop it.
  EXPECT_EQ(window_output_size(5, 1, 2, 2, true), 3);
  EXPECT_EQ(window_output_size(5, 1, 2, 2, false), 3);
}

TEST(WindowOutputSize, TakesTheDilatedKernel) {
  // 3x3 kernel with dilation 2 spans 5 inputs.
  EXPECT_EQ(window_output_size(32, 2, 5, 1, false), 32);
  EXPECT_EQ(window_output_size(7, 0, 5, 1, false), 3);
  EXPECT_EQ(window_output_size(7, 0, 5, 2, false), 2);
}

TEST(WindowOutputSize, IsZeroWhenTheWindowDoesNotFit) {
  EXPECT_EQ(window_output_size(5, 0, 5, 1, false), 1);  // exactly fits
  EXPECT_EQ(window_output_size(5, 0, 7, 1, false), 0);
  EXPECT_EQ(window_output_size(5, 1, 8, 1, true), 0);
}

TEST(LayerCounts, ConvMacsAndWeightsUseChannelsPerGroup) {
  Layer layer;  // AlexNet conv2: two towers
  layer.C = 96;
  layer.M = 256;
  layer.groups = 2;
  layer.R = layer.S = 5;
  layer.E = layer.F = 27;
  EXPECT_EQ(layer.channels_per_group(), 48);
  EXPECT_EQ(layer.filters_per_group(), 128);
  EXPECT_EQ(layer.macs(), 223948800);
  EXPECT_EQ(layer.weights(), 307200);
}

TEST(LayerCounts, LayersWithoutMacsCountNothing) {
  Layer pool;
  pool.type = LayerType::pool;
  pool.C = pool.M = pool.groups = 96;
  pool.R = pool.S = 3;
  pool.E = pool.F = 27;
  EXPECT_FALSE(pool.has_macs());
  EXPECT_EQ(pool.macs(), 0);
  EXPECT_EQ(pool.weights(), 0);
  EXPECT_EQ(pool.output_words(), 96 * 27 * 27);
}

TEST(LayerTypes, HaveTheirYamlNames) {
  EXPECT_EQ(layer_type_names(),
            (std::vector<std::string>{"conv", "fc", "pool", "add", "concat", "mul", "shuffle",
                                      "matmul", "slice", "activation", "input"}));
  EXPECT_STREQ(layer_type_name(LayerType::concat), "concat");
  EXPECT_STREQ(layer_type_name(LayerType::input), "input");
  EXPECT_STREQ(activation_name(Activation::hardswish), "hardswish");
  EXPECT_EQ(activation_names().front(), "none");
  EXPECT_TRUE(takes_activation(LayerType::matmul));
  EXPECT_FALSE(takes_activation(LayerType::shuffle));
}

}  // namespace
}  // namespace accelsim
