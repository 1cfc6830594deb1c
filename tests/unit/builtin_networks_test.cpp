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

TEST(BuiltinNetworks, AllElevenLoad) {
  const std::vector<std::string> names = list_builtin_networks();
  EXPECT_EQ(names, (std::vector<std::string>{"alexnet", "googlenet", "lenet5", "mobilenet-v1",
                                             "overfeat-fast", "resnet152", "resnet18", "resnet34",
                                             "resnet50", "vgg16", "vgg19"}));
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
    int64_t conv_macs, fc_macs, total_macs, weights;
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
  };
  for (const auto& want : stated) {
    SCOPED_TRACE(want.name);
    const Network net = load_network(want.name);
    EXPECT_EQ(macs_of(net, is_conv), want.conv_macs);
    EXPECT_EQ(macs_of(net, is_fc), want.fc_macs);
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

}  // namespace
}  // namespace accelsim
