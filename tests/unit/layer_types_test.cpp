// The layer types pasted from frameworks (activations, batch-norm, flatten, dropout,
// shuffle, mul, slice) and the matmul layer, on tests/configs/workloads/{pasted,tokens}.yaml,
// and `--input` (workloads/network_input.h).

#include <gtest/gtest.h>

#include "sim/common/input_error.h"
#include "workloads/network.h"
#include "workloads/network_input.h"

namespace accelsim {
namespace {

const Layer& layer_of(const Network& net, const std::string& name) {
  const Layer* found = net.find(name);
  if (!found) throw std::runtime_error("no layer " + name);
  return *found;
}

std::vector<std::string> names_of(const Network& net) {
  std::vector<std::string> names;
  for (const auto& layer : net.layers) names.push_back(layer.name);
  return names;
}

class Pasted : public ::testing::Test {
 protected:
  const Network net = parse_network_file("tests/configs/workloads/pasted.yaml");
  const Layer& layer(const std::string& name) { return layer_of(net, name); }
};

TEST_F(Pasted, NoOpsAndFoldedActivationsLeaveNoRow) {
  EXPECT_EQ(names_of(net),
            (std::vector<std::string>{"conv1", "conv2", "conv3", "sum", "gap", "squeeze", "excite",
                                      "scaled", "mixed", "half", "cat", "raw", "cat_relu", "after",
                                      "fc"}));
}

TEST_F(Pasted, AnActivationFoldsIntoItsOnlyReaderProducer) {
  EXPECT_EQ(layer("conv1").activation, Activation::relu);  // through bn1
  EXPECT_EQ(layer("sum").activation, Activation::relu6);
  EXPECT_EQ(layer("excite").activation, Activation::sigmoid);
  EXPECT_EQ(layer("squeeze").activation, Activation::relu);  // the key itself
  EXPECT_EQ(layer("conv2").activation, Activation::none);
  EXPECT_EQ(layer("fc").activation, Activation::softmax);
}

TEST_F(Pasted, ALaterReaderOfAFoldedNameReadsTheProducer) {
  EXPECT_EQ(layer("conv2").inputs, std::vector<std::string>{"conv1"});  // via drop
  EXPECT_EQ(layer("conv3").inputs, std::vector<std::string>{"conv1"});  // via relu1
  EXPECT_EQ(layer("scaled").inputs, (std::vector<std::string>{"sum", "excite"}));
  EXPECT_EQ(layer("fc").inputs, std::vector<std::string>{"after"});  // via flat
}

TEST_F(Pasted, AnActivationWhoseProducerIsReadRawStaysALayer) {
  const Layer& relu = layer("cat_relu");
  EXPECT_EQ(relu.type, LayerType::activation);
  EXPECT_EQ(relu.activation, Activation::relu);
  EXPECT_EQ(relu.inputs, std::vector<std::string>{"cat"});  // through cat_bn
  EXPECT_EQ(layer("cat").activation, Activation::none);
  EXPECT_EQ(relu.M, 24);
  EXPECT_EQ(relu.E, 16);
  EXPECT_EQ(relu.macs(), 0);
  EXPECT_EQ(layer("after").inputs, std::vector<std::string>{"cat_relu"});
}

TEST_F(Pasted, MulBroadcastsAPerChannelFactor) {
  const Layer& mul = layer("scaled");
  EXPECT_EQ(mul.type, LayerType::mul);
  EXPECT_EQ(mul.M, 16);
  EXPECT_EQ(mul.E, 16);
  EXPECT_EQ(mul.F, 16);
  EXPECT_EQ(mul.macs(), 0);
  EXPECT_EQ(mul.weights(), 0);
}

TEST_F(Pasted, ShuffleKeepsTheShapeAndSliceTakesChannels) {
  EXPECT_EQ(layer("mixed").groups, 4);
  EXPECT_EQ(layer("mixed").M, 16);
  EXPECT_EQ(layer("mixed").macs(), 0);
  EXPECT_EQ(layer("half").C, 16);
  EXPECT_EQ(layer("half").M, 8);
  EXPECT_EQ(layer("half").E, 16);
  EXPECT_EQ(layer("cat").M, 24);
}

TEST_F(Pasted, TotalsCountOnlyConvAndFc) {
  // conv1 294912 + conv2 65536 + conv3 65536 + squeeze 64 + excite 64 + raw 49152 +
  // after 49152 + fc (10 x 8 x 16 x 16) 20480
  EXPECT_EQ(net.total_macs(), 544896);
  EXPECT_EQ(net.total_weights(), 1152 + 256 + 256 + 64 + 64 + 192 + 192 + 20480);
}

class Tokens : public ::testing::Test {
 protected:
  const Network net = parse_network_file("tests/configs/workloads/tokens.yaml");
  const Layer& layer(const std::string& name) { return layer_of(net, name); }
};

TEST_F(Tokens, AProjectionIsAOneByOneConvolutionOverTheRows) {
  const Layer& q = layer("q");
  EXPECT_EQ(q.type, LayerType::matmul);
  EXPECT_EQ(q.C, 8);
  EXPECT_EQ(q.H, 6);
  EXPECT_EQ(q.W, 1);
  EXPECT_EQ(q.M, 8);
  EXPECT_EQ(q.R, 1);
  EXPECT_EQ(q.E, 6);
  EXPECT_EQ(q.macs(), 6 * 8 * 8);  // M x K x N
  EXPECT_EQ(q.weights(), 64);
  EXPECT_FALSE(q.weights_from_activation());
}

TEST_F(Tokens, QTimesKTransposedHasOneMapPerHead) {
  const Layer& scores = layer("scores");
  EXPECT_TRUE(scores.weights_from_activation());
  EXPECT_TRUE(scores.transpose_b);
  EXPECT_EQ(scores.groups, 2);
  EXPECT_EQ(scores.channels_per_group(), 4);  // K per head
  EXPECT_EQ(scores.M, 12);                    // 2 heads x 6 keys
  EXPECT_EQ(scores.E, 6);
  EXPECT_EQ(scores.macs(), 2 * 6 * 4 * 6);    // heads x M x K x N
  EXPECT_EQ(scores.weights(), 0);
  EXPECT_EQ(scores.activation, Activation::softmax);
}

TEST_F(Tokens, AttentionTimesVGivesTheFeaturesBack) {
  const Layer& context = layer("context");
  EXPECT_EQ(context.C, 12);
  EXPECT_EQ(context.channels_per_group(), 6);  // K = the 6 keys
  EXPECT_EQ(context.M, 8);                     // 2 heads x 4 features
  EXPECT_EQ(context.macs(), 2 * 6 * 6 * 4);
}

TEST_F(Tokens, SharedWeightsCountOnce) {
  EXPECT_EQ(layer("out").weights_from, "q");
  EXPECT_EQ(layer("out").weights(), 64);
  EXPECT_EQ(net.total_weights(), 3 * 64 + 16 * 32);
  EXPECT_EQ(net.total_macs(), 4 * 384 + 2 * 288 + 512);
}

TEST_F(Tokens, SliceTakesRowsAndAnInputLayerHasItsOwnShape) {
  EXPECT_EQ(layer("step").E, 1);
  EXPECT_EQ(layer("step").M, 8);
  EXPECT_EQ(layer("state").type, LayerType::input);
  EXPECT_TRUE(layer("state").inputs.empty());
  EXPECT_EQ(layer("state").M, 8);
  EXPECT_EQ(layer("both").M, 16);
  EXPECT_EQ(layer("gates").macs(), 16 * 32);
}

TEST(InputSize, ParsesHeightWidthAndChannels) {
  const InputSize size = parse_input_size("32x48x1");
  EXPECT_EQ(size.height, 32);
  EXPECT_EQ(size.width, 48);
  EXPECT_EQ(size.channels, 1);
  EXPECT_EQ(parse_input_size("28x28").channels, 0);
  EXPECT_EQ(input_size_text(parse_input_size("28x28")), "28x28");
  try {
    parse_input_size("32");
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()),
              "--input: found '32', expected HxW or HxWxC with positive integers, e.g. 32x32 "
              "or 28x28x1");
  }
  EXPECT_THROW(parse_input_size("0x32"), InputError);
  EXPECT_THROW(parse_input_size("32x32x3x1"), InputError);
}

TEST(WithInputSize, RederivesEveryShapeAndTheFcWeights) {
  const Network net = load_network("alexnet");
  const Network small = with_input_size(net, {131, 131, 0});
  EXPECT_EQ(small.input_height, 131);
  EXPECT_EQ(small.input_channels, 3);
  EXPECT_EQ(layer_of(small, "conv1").E, 31);  // (131 - 11) / 4 + 1
  EXPECT_EQ(layer_of(small, "pool5").E, 3);   // 31 -> 15 -> 7 -> 3
  EXPECT_EQ(layer_of(small, "fc6").R, 3);
  EXPECT_EQ(layer_of(small, "fc6").weights(), 4096LL * 256 * 3 * 3);
  EXPECT_EQ(layer_of(small, "conv2").weights(), layer_of(net, "conv2").weights());
  EXPECT_EQ(with_input_size(net, {227, 227, 0}).total_macs(), net.total_macs());
}

TEST(WithInputSize, ChannelsAndGlobalPoolsFollow) {
  const Network net = parse_network_file("tests/configs/workloads/pasted.yaml");
  const Network gray = with_input_size(net, {8, 8, 1});
  EXPECT_EQ(layer_of(gray, "conv1").C, 1);
  EXPECT_EQ(layer_of(gray, "gap").R, 8);  // a global pool covers the new size
  EXPECT_EQ(layer_of(gray, "gap").E, 1);
  EXPECT_EQ(layer_of(gray, "fc").R, 8);
  EXPECT_EQ(layer_of(gray, "fc").macs(), 10 * 8 * 8 * 8);
}

TEST(WithInputSize, ALayerThatNoLongerFitsIsNamed) {
  try {
    with_input_size(load_network("alexnet"), {32, 32, 0});
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()),
              "--input 32x32: layers.pool2.kernel: found '3x3 kernel on a 2x2 padded input', "
              "expected a kernel no larger than its padded input (network alexnet, input "
              "3x32x32)");
  }
}

}  // namespace
}  // namespace accelsim
