// Workload files: every shape, MAC and weight count is derived from the input and
// the layer parameters (workloads/README.md), never typed in.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "sim/common/input_error.h"
#include "workloads/network.h"

namespace accelsim {
namespace {

struct ExpectedLayer {
  const char* name;
  LayerType type;
  int C, H, M, R, E;  // square shapes: W = H, S = R, F = E
  int64_t macs, weights;
};

TEST(AlexNet, DerivesEveryLayerShape) {
  const Network net = parse_network_file("workloads/nets/alexnet.yaml");
  const ExpectedLayer expected[] = {
      {"conv1", LayerType::conv, 3, 227, 96, 11, 55, 105415200, 34848},
      {"pool1", LayerType::pool, 96, 55, 96, 3, 27, 0, 0},
      {"conv2", LayerType::conv, 96, 27, 256, 5, 27, 223948800, 307200},
      {"pool2", LayerType::pool, 256, 27, 256, 3, 13, 0, 0},
      {"conv3", LayerType::conv, 256, 13, 384, 3, 13, 149520384, 884736},
      {"conv4", LayerType::conv, 384, 13, 384, 3, 13, 112140288, 663552},
      {"conv5", LayerType::conv, 384, 13, 256, 3, 13, 74760192, 442368},
      {"pool5", LayerType::pool, 256, 13, 256, 3, 6, 0, 0},
      {"fc6", LayerType::fc, 256, 6, 4096, 6, 1, 37748736, 37748736},
      {"fc7", LayerType::fc, 4096, 1, 4096, 1, 1, 16777216, 16777216},
      {"fc8", LayerType::fc, 4096, 1, 1000, 1, 1, 4096000, 4096000},
  };
  ASSERT_EQ(net.layers.size(), std::size(expected));
  for (size_t i = 0; i < net.layers.size(); ++i) {
    const Layer& layer = net.layers[i];
    const ExpectedLayer& want = expected[i];
    SCOPED_TRACE(want.name);
    EXPECT_EQ(layer.name, want.name);
    EXPECT_EQ(layer.type, want.type);
    EXPECT_EQ(layer.C, want.C);
    EXPECT_EQ(layer.H, want.H);
    EXPECT_EQ(layer.W, want.H);
    EXPECT_EQ(layer.M, want.M);
    EXPECT_EQ(layer.R, want.R);
    EXPECT_EQ(layer.S, want.R);
    EXPECT_EQ(layer.E, want.E);
    EXPECT_EQ(layer.F, want.E);
    EXPECT_EQ(layer.macs(), want.macs);
    EXPECT_EQ(layer.weights(), want.weights);
  }
}

TEST(AlexNet, ConvMacsMatchTheEyerissPapers) {
  const Network net = parse_network_file("workloads/nets/alexnet.yaml");
  int64_t conv_macs = 0;
  for (const auto& layer : net.layers) {
    if (layer.type == LayerType::conv) conv_macs += layer.macs();
  }
  EXPECT_EQ(conv_macs, 665784864);
  EXPECT_EQ(net.total_macs(), 724406816);
  EXPECT_EQ(net.total_weights(), 60954656);
}

TEST(AlexNet, GroupedLayersHaveTwoTowers) {
  const Network net = parse_network_file("workloads/nets/alexnet.yaml");
  EXPECT_EQ(net.find("conv1")->groups, 1);
  EXPECT_EQ(net.find("conv2")->groups, 2);
  EXPECT_EQ(net.find("conv2")->channels_per_group(), 48);
  EXPECT_EQ(net.find("conv3")->groups, 1);
  EXPECT_EQ(net.find("conv4")->groups, 2);
  EXPECT_EQ(net.find("conv5")->groups, 2);
  EXPECT_EQ(net.find("conv5")->channels_per_group(), 192);
}

TEST(AlexNet, EachLayerReadsTheOneAbove) {
  const Network net = parse_network_file("workloads/nets/alexnet.yaml");
  EXPECT_TRUE(net.layers[0].inputs.empty());  // the network input
  EXPECT_EQ(net.find("conv2")->inputs, std::vector<std::string>{"pool1"});
  EXPECT_EQ(net.find("fc6")->inputs, std::vector<std::string>{"pool5"});
  EXPECT_EQ(net.find("nope"), nullptr);
}

TEST(FcLayer, IsAConvolutionCoveringItsWholeInput) {
  const Network net = parse_network_file("workloads/nets/alexnet.yaml");
  const Layer& fc6 = *net.find("fc6");
  EXPECT_EQ(fc6.R, 6);
  EXPECT_EQ(fc6.S, 6);
  EXPECT_EQ(fc6.C, 256);
  EXPECT_EQ(fc6.E, 1);
  EXPECT_EQ(fc6.F, 1);
  EXPECT_EQ(fc6.macs(), 37748736);  // 4096 x 256 x 6 x 6
  EXPECT_EQ(fc6.input_words(), 9216);
}

TEST(DepthwiseLayer, HasOneChannelPerFilter) {
  const Network net = parse_network_file("workloads/nets/mobilenet-v1.yaml");
  const Layer& dw = *net.find("conv_dw_1");
  EXPECT_EQ(dw.C, 32);
  EXPECT_EQ(dw.M, 32);
  EXPECT_EQ(dw.groups, 32);
  EXPECT_EQ(dw.channels_per_group(), 1);
  EXPECT_EQ(dw.E, 112);
  EXPECT_EQ(dw.macs(), 3612672);  // 32 x 1 x 3 x 3 x 112 x 112
  EXPECT_EQ(dw.weights(), 288);
  const Layer& pw = *net.find("conv_pw_1");
  EXPECT_EQ(pw.macs(), 25690112);  // 64 x 32 x 1 x 1 x 112 x 112
}

TEST(ConcatLayer, StacksTheChannelsOfItsInputs) {
  const Network net = parse_network_file("workloads/nets/googlenet.yaml");
  const Layer& out = *net.find("inception_3a_output");
  EXPECT_EQ(out.type, LayerType::concat);
  EXPECT_EQ(out.inputs.size(), 4u);
  EXPECT_EQ(out.C, 256);  // 64 + 128 + 32 + 32
  EXPECT_EQ(out.M, 256);
  EXPECT_EQ(out.E, 27);   // floor-rounded pooling: 27, not the paper's 28
  EXPECT_EQ(out.macs(), 0);
  EXPECT_EQ(net.find("inception_5b_output")->M, 1024);
}

TEST(AddLayer, KeepsTheShapeOfItsInputs) {
  const Network net = parse_network_file("workloads/nets/resnet50.yaml");
  const Layer& add = *net.find("layer1_0_add");
  EXPECT_EQ(add.type, LayerType::add);
  EXPECT_EQ(add.inputs, (std::vector<std::string>{"layer1_0_conv3", "layer1_0_downsample"}));
  EXPECT_EQ(add.C, 256);
  EXPECT_EQ(add.M, 256);
  EXPECT_EQ(add.E, 56);
  EXPECT_EQ(add.F, 56);
  EXPECT_EQ(add.weights(), 0);
  EXPECT_EQ(net.find("layer2_0_add")->M, 512);
  EXPECT_EQ(net.find("layer2_0_add")->E, 28);
}

TEST(GlobalPooling, GlobalTrueIsKernelGlobal) {
  const Network net = parse_network_file("tests/configs/workloads/global_pool.yaml");
  for (const char* name : {"by_kernel", "by_flag"}) {
    const Layer& pool = *net.find(name);
    EXPECT_EQ(pool.R, 7) << name;
    EXPECT_EQ(pool.S, 5) << name;
    EXPECT_EQ(pool.E, 1) << name;
    EXPECT_EQ(pool.F, 1) << name;
  }
  EXPECT_EQ(net.find("fc")->R, 1);
}

class Features : public ::testing::Test {
 protected:
  const Network net = parse_network_file("tests/configs/workloads/features.yaml");
  const Layer& layer(const std::string& name) {
    const Layer* found = net.find(name);
    if (!found) throw std::runtime_error("no layer " + name);
    return *found;
  }
};

TEST_F(Features, AsymmetricKernelAndPadding) {
  EXPECT_EQ(layer("asym").R, 1);
  EXPECT_EQ(layer("asym").S, 7);
  EXPECT_EQ(layer("asym").pad_h, 0);
  EXPECT_EQ(layer("asym").pad_w, 3);
  EXPECT_EQ(layer("asym").E, 15);
  EXPECT_EQ(layer("asym").F, 15);
  EXPECT_EQ(layer("asym").macs(), 50400);  // 4 x 8 x 1 x 7 x 15 x 15
}

TEST_F(Features, DilationWidensTheWindowNotTheWeights) {
  EXPECT_EQ(layer("dilated").dilated_kernel_height(), 5);
  EXPECT_EQ(layer("dilated").E, 15);
  EXPECT_EQ(layer("dilated").weights(), 288);  // 4 x 8 x 3 x 3
  EXPECT_EQ(layer("dilated").macs(), 64800);
}

TEST_F(Features, StrideMayDifferPerDimension) {
  EXPECT_EQ(layer("strided").inputs, std::vector<std::string>{"input"});
  EXPECT_EQ(layer("strided").E, 7);
  EXPECT_EQ(layer("strided").F, 13);
  EXPECT_EQ(layer("strided").macs(), 26208);
}

TEST_F(Features, PoolingRoundsDownUnlessCeilMode) {
  EXPECT_EQ(layer("floor_pool").E, 7);
  EXPECT_EQ(layer("ceil_pool").E, 8);
  EXPECT_EQ(layer("ceil_pool").M, 8);  // channels of the concat
  EXPECT_EQ(layer("ceil_pool").stride_h, 2);  // default stride = kernel
}

TEST_F(Features, GlobalPoolingCoversTheInput) {
  EXPECT_EQ(layer("gap").R, 7);
  EXPECT_EQ(layer("gap").S, 7);
  EXPECT_EQ(layer("gap").E, 1);
  EXPECT_EQ(layer("fc").C, 8);
  EXPECT_EQ(layer("fc").R, 1);
  EXPECT_EQ(net.total_macs(), 50400 + 64800 + 26208 + 80);
  EXPECT_EQ(net.total_weights(), 224 + 288 + 288 + 80);
}

TEST(LoadNetwork, UnknownNameGetsADidYouMean) {
  try {
    load_network("alexnt");
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()),
              "--net: unknown network 'alexnt'; did you mean 'alexnet'? expected one of: "
              "alexnet, bert-base, densenet121, googlenet, inception-v3, lenet5, lstm-ptb, "
              "mobilenet-v1, mobilenet-v2, nasnet-mobile, overfeat-fast, resnet152, resnet18, "
              "resnet34, resnet50, resnext50-32x4d, shufflenet-v1, shufflenet-v2, "
              "squeezenet-1.0, squeezenet-1.1, vgg16, vgg19, wide-resnet50-2, xception, or a "
              "path to a workload file");
  }
}

}  // namespace
}  // namespace accelsim

namespace accelsim {
namespace {

// Issue 15: a million-layer file ran for 40 s before failing. Past 10,000 layers the
// parser stops at the list, before reading a single layer.
TEST(LayerCount, PastTheLimitIsAnErrorBeforeAnyLayerIsRead) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("accelsim_layers_" + std::to_string(::getpid()) + ".yaml");
  {
    std::ofstream out(path);
    out << "name: many\nvariant: v\ninput: {channels: 1, height: 4, width: 4}\nlayers:\n";
    for (int i = 0; i <= 10000; ++i) out << "  - {name: r" << i << ", type: relu}\n";
  }
  std::string message;
  try {
    parse_network_file(path.string());
  } catch (const InputError& error) {
    message = error.what();
  }
  std::filesystem::remove(path);
  EXPECT_EQ(message, path.string() + ":5: layers: found 10001 layers, expected at most 10000");
}

}  // namespace
}  // namespace accelsim
