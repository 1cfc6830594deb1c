// The built-in networks against the published per-image totals of
// /work/shared/REFERENCE.md section 1, and each file against the totals its own
// variant text states.

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "workloads/network.h"

namespace accelsim {
namespace {

bool is_conv(const Layer& layer) { return layer.type == LayerType::conv; }
bool is_fc(const Layer& layer) { return layer.type == LayerType::fc; }
bool is_matmul(const Layer& layer) { return layer.type == LayerType::matmul; }

int64_t macs_of(const Network& net, bool (*predicate)(const Layer&)) {
  int64_t total = 0;
  for (const auto& layer : net.layers) {
    if (predicate(layer)) total += layer.macs();
  }
  return total;
}

// The most convolutions on any path from the input to a layer ("21 deep").
int conv_depth(const Network& net) {
  std::map<std::string, int> depth;
  int deepest = 0;
  for (const auto& layer : net.layers) {
    int before = 0;
    for (const auto& input : layer.inputs) {
      if (depth.count(input)) before = std::max(before, depth[input]);
    }
    depth[layer.name] = before + (is_conv(layer) ? 1 : 0);
    deepest = std::max(deepest, depth[layer.name]);
  }
  return deepest;
}

// A figure as the table prints it ("58.6M", "3.9G", "61M") and the tolerance that
// printing allows: 1% of the value, or half a unit of its last digit if that is more.
struct Published {
  double value;
  double tolerance;
};

Published published(const std::string& text) {
  const std::map<char, double> scales = {{'k', 1e3}, {'M', 1e6}, {'G', 1e9}};
  const double scale = scales.at(text.back());
  const std::string digits = text.substr(0, text.size() - 1);
  const auto point = digits.find('.');
  const int decimals = point == std::string::npos ? 0 : int(digits.size() - point - 1);
  const double value = std::stod(digits) * scale;
  const double half_unit = 0.5 * std::pow(10.0, -decimals) * scale;
  return {value, std::max(0.01 * value, half_unit)};
}

#define EXPECT_PUBLISHED(actual, text)                                                    \
  do {                                                                                    \
    const Published p = published(text);                                                  \
    EXPECT_NEAR(double(actual), p.value, p.tolerance) << #actual << " vs published " << text; \
  } while (0)

TEST(Published, ToleranceFollowsThePrintedDigits) {
  EXPECT_DOUBLE_EQ(published("3.9G").tolerance, 0.05e9);    // half of 0.1G > 1%
  EXPECT_DOUBLE_EQ(published("3.86G").tolerance, 0.0386e9);  // 1% > half of 0.01G
  EXPECT_DOUBLE_EQ(published("61M").tolerance, 0.61e6);
  EXPECT_DOUBLE_EQ(published("1M").tolerance, 0.5e6);
  EXPECT_DOUBLE_EQ(published("58.6M").value, 58.6e6);
}

TEST(BuiltinNetworks, AllTwentyFourLoad) {
  const std::vector<std::string> names = list_builtin_networks();
  EXPECT_EQ(names, (std::vector<std::string>{
                       "alexnet", "bert-base", "densenet121", "googlenet", "inception-v3",
                       "lenet5", "lstm-ptb", "mobilenet-v1", "mobilenet-v2", "nasnet-mobile",
                       "overfeat-fast", "resnet152", "resnet18", "resnet34", "resnet50",
                       "resnext50-32x4d", "shufflenet-v1", "shufflenet-v2", "squeezenet-1.0",
                       "squeezenet-1.1", "vgg16", "vgg19", "wide-resnet50-2", "xception"}));
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    const Network net = load_network(name);
    EXPECT_EQ(net.name, name);
    EXPECT_FALSE(net.variant.empty());
    EXPECT_FALSE(net.source.empty());
    EXPECT_GT(net.total_macs(), 0);
  }
}

TEST(BuiltinNetworks, AlexNetMatchesThePublishedTotals) {
  const Network net = load_network("alexnet");
  EXPECT_EQ(net.count(is_conv), 5);
  EXPECT_EQ(net.count(is_fc), 3);
  EXPECT_PUBLISHED(macs_of(net, is_conv), "666M");
  EXPECT_PUBLISHED(macs_of(net, is_fc), "58.6M");
  EXPECT_PUBLISHED(net.total_macs(), "724M");
  EXPECT_PUBLISHED(net.total_weights(), "61M");
}

TEST(BuiltinNetworks, OverFeatFastMatchesThePublishedTotals) {
  const Network net = load_network("overfeat-fast");
  EXPECT_EQ(net.count(is_conv), 5);
  EXPECT_EQ(net.count(is_fc), 3);
  EXPECT_PUBLISHED(macs_of(net, is_conv), "2.67G");
  EXPECT_PUBLISHED(macs_of(net, is_fc), "130M");
  EXPECT_PUBLISHED(net.total_macs(), "2.8G");
  EXPECT_PUBLISHED(net.total_weights(), "146M");
}

TEST(BuiltinNetworks, Vgg16MatchesThePublishedTotals) {
  const Network net = load_network("vgg16");
  EXPECT_EQ(net.count(is_conv), 13);
  EXPECT_EQ(net.count(is_fc), 3);
  EXPECT_PUBLISHED(macs_of(net, is_conv), "15.3G");
  EXPECT_PUBLISHED(macs_of(net, is_fc), "124M");
  EXPECT_PUBLISHED(net.total_macs(), "15.5G");
  EXPECT_PUBLISHED(net.total_weights(), "138M");
}

TEST(BuiltinNetworks, GoogLeNetMatchesThePublishedTotals) {
  const Network net = load_network("googlenet");
  EXPECT_EQ(net.count(is_conv), 57);
  EXPECT_EQ(conv_depth(net), 21);
  EXPECT_EQ(net.count(is_fc), 1);
  EXPECT_PUBLISHED(macs_of(net, is_conv), "1.43G");
  EXPECT_PUBLISHED(macs_of(net, is_fc), "1M");
  EXPECT_PUBLISHED(net.total_macs(), "1.43G");
  EXPECT_PUBLISHED(net.total_weights(), "7M");
}

TEST(BuiltinNetworks, ResNet50MatchesThePublishedTotals) {
  const Network net = load_network("resnet50");
  EXPECT_EQ(net.count(is_conv), 53);  // 49 on the main path + 4 projection shortcuts
  EXPECT_EQ(conv_depth(net), 49);
  EXPECT_EQ(net.count(is_fc), 1);
  EXPECT_PUBLISHED(macs_of(net, is_conv), "3.86G");
  EXPECT_PUBLISHED(macs_of(net, is_fc), "2M");
  EXPECT_PUBLISHED(net.total_macs(), "3.9G");
  EXPECT_PUBLISHED(net.total_weights(), "25.5M");
}

TEST(BuiltinNetworks, MobileNetV1MatchesThePublishedTotals) {
  const Network net = load_network("mobilenet-v1");
  EXPECT_EQ(net.count(is_conv), 27);  // conv1 + 13 depthwise + 13 pointwise
  EXPECT_EQ(net.count(is_fc), 1);
  EXPECT_PUBLISHED(net.total_macs(), "569M");
  EXPECT_PUBLISHED(net.total_weights(), "4.2M");
}

// The published 341k / 60k count LeCun's connections and parameters (sparse C3,
// subsampling, biases), not MACs: the file states its own derived figures instead.
TEST(BuiltinNetworks, LeNet5HasTheMacsItsFileStates) {
  const Network net = load_network("lenet5");
  EXPECT_EQ(net.count(is_conv), 3);  // C1, C3 and C5 (C5's output is 1x1)
  EXPECT_EQ(net.count(is_fc), 2);    // F6 and the output layer
  EXPECT_EQ(macs_of(net, is_conv), 405600);
  EXPECT_EQ(macs_of(net, is_fc), 10920);
  EXPECT_EQ(net.total_macs(), 416520);
  EXPECT_EQ(net.total_weights(), 61470);
}

// Every file states its derived totals in its variant text; these pin them exactly,
// including the networks REFERENCE.md gives no published totals for.
TEST(BuiltinNetworks, TotalsAreTheOnesEachFileStates) {
  struct Stated {
    const char* name;
    int64_t conv_macs, fc_macs, total_macs, weights, matmul_macs = 0;
  };
  const Stated stated[] = {
      {"alexnet", 665784864, 58621952, 724406816, 60954656},
      {"googlenet", 1430532352, 1024000, 1431556352, 6990272},
      {"mobilenet-v1", 567716352, 1024000, 568740352, 4209088},
      {"overfeat-fast", 2671478784, 129925120, 2801403904, 145909792},
      {"resnet18", 1813561344, 512000, 1814073344, 11678912},
      {"resnet34", 3663249408, 512000, 3663761408, 21779648},
      {"resnet50", 3855925248, 2048000, 3857973248, 25502912},
      {"resnet152", 11280367616, 2048000, 11282415616, 60040384},
      {"vgg16", 15346630656, 123633664, 15470264320, 138344128},
      {"vgg19", 19508428800, 123633664, 19632062464, 143652544},
      {"squeezenet-1.0", 818924576, 0, 818924576, 1244448},
      {"squeezenet-1.1", 349151936, 0, 349151936, 1231552},
      {"inception-v3", 5711168096, 2048000, 5713216096, 23799136},
      {"xception", 8355355496, 2048000, 8357403496, 22800424},
      {"shufflenet-v1", 136500672, 960000, 137460672, 1840248},
      {"shufflenet-v2", 143883992, 1024000, 144907992, 2261424},
      {"mobilenet-v2", 299494272, 1280000, 300774272, 3469760},
      {"resnext50-32x4d", 4228431872, 2048000, 4230479872, 24959680},
      {"wide-resnet50-2", 11395973120, 2048000, 11398021120, 68814016},
      {"densenet121", 2833137664, 1024000, 2834161664, 7894208},
      {"nasnet-mobile", 562582816, 1056000, 563638816, 5252240},
      {"bert-base", 0, 0, 11173625856, 84934656, 11173625856},
      {"lstm-ptb", 0, 0, 464100000, 13260000, 464100000},
  };
  for (const auto& want : stated) {
    SCOPED_TRACE(want.name);
    const Network net = load_network(want.name);
    EXPECT_EQ(macs_of(net, is_conv), want.conv_macs);
    EXPECT_EQ(macs_of(net, is_fc), want.fc_macs);
    EXPECT_EQ(macs_of(net, is_matmul), want.matmul_macs);
    EXPECT_EQ(net.total_macs(), want.total_macs);
    EXPECT_EQ(net.total_weights(), want.weights);
  }
}

TEST(BuiltinNetworks, DeeperResNetsAndVgg19HaveTheirLayerCounts) {
  EXPECT_EQ(load_network("resnet18").count(is_conv), 20);   // 17 + 3 projections
  EXPECT_EQ(load_network("resnet34").count(is_conv), 36);   // 33 + 3 projections
  EXPECT_EQ(load_network("resnet152").count(is_conv), 155);  // 151 + 4 projections
  EXPECT_EQ(conv_depth(load_network("resnet152")), 151);
  EXPECT_EQ(load_network("vgg19").count(is_conv), 16);
  EXPECT_EQ(load_network("vgg19").count(is_fc), 3);
}

// The networks of issue 12 against REFERENCE.md section 1 (and the sources their files
// cite where that table's figure is not the model's own count).
TEST(BuiltinNetworks, SqueezeNetsMatchThePublishedTotals) {
  const Network v10 = load_network("squeezenet-1.0");
  EXPECT_EQ(v10.count(is_fc), 0);  // conv10 and global pooling instead
  EXPECT_PUBLISHED(v10.total_macs(), "0.82G");
  EXPECT_PUBLISHED(v10.total_weights(), "1.24M");
  const Network v11 = load_network("squeezenet-1.1");
  EXPECT_PUBLISHED(v11.total_macs(), "0.35G");
  EXPECT_PUBLISHED(v11.total_weights(), "1.23M");
}

TEST(BuiltinNetworks, InceptionAndXceptionMatchThePublishedTotals) {
  const Network inception = load_network("inception-v3");
  EXPECT_EQ(inception.input_height, 299);
  EXPECT_PUBLISHED(inception.total_macs(), "5.72G");
  EXPECT_PUBLISHED(inception.total_weights(), "23.8M");
  const Network xception = load_network("xception");
  EXPECT_EQ(xception.input_height, 299);
  EXPECT_PUBLISHED(xception.total_macs(), "8.38G");
  EXPECT_PUBLISHED(xception.total_weights(), "22.8M");
}

TEST(BuiltinNetworks, ShuffleNetsMatchThePublishedTotals) {
  const Network v1 = load_network("shufflenet-v1");
  EXPECT_EQ(v1.count([](const Layer& l) { return l.type == LayerType::shuffle; }), 16);
  // The paper's Table 2 prints 140M; the authors' release states 138M (and 1.9M
  // parameters with batch-norm and biases; REFERENCE.md: weights not tabulated).
  EXPECT_PUBLISHED(v1.total_macs(), "138M");
  const Network v2 = load_network("shufflenet-v2");
  EXPECT_PUBLISHED(v2.total_macs(), "146M");
  EXPECT_PUBLISHED(v2.total_weights(), "2.3M");
}

TEST(BuiltinNetworks, MobileNetV2ResNeXtAndWideResNetMatchThePublishedTotals) {
  EXPECT_PUBLISHED(load_network("mobilenet-v2").total_macs(), "300M");
  // Sandler et al. print 3.4M parameters; the model has 3.47M conv and FC weights
  // (torchvision: 3,504,872 parameters with batch-norm and biases): 3.4 is truncated.
  EXPECT_PUBLISHED(load_network("mobilenet-v2").total_weights(), "3.5M");
  const Network resnext = load_network("resnext50-32x4d");
  EXPECT_EQ(resnext.find("layer1_0_conv2")->groups, 32);
  EXPECT_PUBLISHED(resnext.total_macs(), "4.2G");
  EXPECT_PUBLISHED(resnext.total_weights(), "25.0M");
  const Network wide = load_network("wide-resnet50-2");
  EXPECT_PUBLISHED(wide.total_macs(), "11.4G");
  EXPECT_PUBLISHED(wide.total_weights(), "68.9M");
}

// REFERENCE.md's "about 2.9G / 8.0M" is 2.3% / 1.3% above the model: 8.0M counts the
// batch-norm parameters (torchvision: 7,978,856 parameters in all), and torchvision's
// own metadata gives 2.83 GFLOPS for this structure.
TEST(BuiltinNetworks, DenseNet121MatchesTorchvisionsFigures) {
  const Network net = load_network("densenet121");
  EXPECT_EQ(net.count(is_conv), 120);
  EXPECT_PUBLISHED(net.total_macs(), "2.83G");
  EXPECT_PUBLISHED(net.total_weights(), "7.9M");
  EXPECT_EQ(net.count([](const Layer& l) { return l.type == LayerType::concat; }), 58);
  // The first dense layer of each block: its input is also read raw.
  EXPECT_EQ(net.count([](const Layer& l) { return l.type == LayerType::activation; }), 4);
}

TEST(BuiltinNetworks, NasNetMobileMatchesThePublishedTotals) {
  const Network net = load_network("nasnet-mobile");
  EXPECT_PUBLISHED(net.total_macs(), "564M");
  EXPECT_PUBLISHED(net.total_weights(), "5.3M");
}

// BERT-base encoder: 12 x (4 x 128 x 768 x 768 + 2 x 12 x 128 x 128 x 64 +
// 2 x 128 x 768 x 3072) MACs, 12 x (4 x 768^2 + 2 x 768 x 3072) weights.
TEST(BuiltinNetworks, BertBaseHasTheArithmeticsMacs) {
  const Network net = load_network("bert-base");
  EXPECT_EQ(net.count(is_matmul), 12 * 8);
  EXPECT_EQ(net.total_macs(), 12LL * (4LL * 128 * 768 * 768 + 2LL * 12 * 128 * 128 * 64 +
                                      2LL * 128 * 768 * 3072));
  EXPECT_PUBLISHED(net.total_macs(), "11.2G");
  EXPECT_PUBLISHED(net.total_weights(), "85M");
  const Layer& scores = *net.find("layer0_scores");
  EXPECT_EQ(scores.groups, 12);
  EXPECT_EQ(scores.M, 12 * 128);
  EXPECT_EQ(scores.activation, Activation::softmax);
}

// Zaremba et al.'s medium LSTM: "20M" parameters = the weights here + the 10,000 x 650
// embedding; one MAC per weight per token, 35 tokens.
TEST(BuiltinNetworks, LstmHasOneMacPerWeightPerToken) {
  const Network net = load_network("lstm-ptb");
  EXPECT_PUBLISHED(net.total_weights() + 10000 * 650, "20M");
  EXPECT_EQ(net.total_macs(), 35 * net.total_weights());
  EXPECT_EQ(net.count(is_matmul), 35 * (2 * 4 + 1));
  EXPECT_EQ(net.find("t2_l1_input_gate")->weights_from, "t1_l1_input_gate");
}

}  // namespace
}  // namespace accelsim
