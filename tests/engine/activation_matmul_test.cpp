// A matmul of two activations (issue 11: attention's Q x K^T and softmax(scores) x V)
// in the chained data model: the functional pass computes it, the engine runs on the
// same operands on every dataflow, and the layer after it reads the real product.

#include <gtest/gtest.h>

#include "dataflows/dataflow.h"
#include "sim/api/network_values.h"
#include "sim/api/simulate.h"
#include "sim/values/layer_ops.h"
#include "tests/engine/simulate_child.h"

namespace accelsim::testing {
namespace {

const char* kAttention = "tests/configs/workloads/attention.yaml";

// What a `*_seen` slice (every channel of its producer) got from the functional pass.
std::map<std::string, Tensor> seen_values(const Network& network) {
  std::vector<const Layer*> selected;
  for (const char* name : {"query_seen", "key_seen", "value_seen", "scores_seen", "context_seen", "output"}) {
    selected.push_back(network.find(name));
  }
  const NetworkValues values = compute_network_values(network, selected, ValueOptions{1, 0, "", ""});
  std::map<std::string, Tensor> seen;
  for (const auto& [name, layer] : values.layers) {
    if (!layer.operands.empty()) seen[name] = *layer.operands[0];
  }
  seen["output input"] = *values.layers.at("output").input;
  return seen;
}

// The chip's arithmetic written out: each product's bits s..s+15, the sum wrapping at
// 16 bits, s the smallest shift that keeps the layer's largest exact sum in range
// (range_product_shift, as every layer's). a is rows x (heads x K); b is per head K x N,
// or N x K when transposed.
Tensor product(const Tensor& a, const Tensor& b, int heads, bool transpose_b) {
  const int rows = a.height, K = a.channels / heads;
  const int N = transpose_b ? b.height : b.channels / heads;
  const auto product_of = [&](int h, int n, int row, int k) {
    const int bk = transpose_b ? b.at(0, h * K + k, n, 0) : b.at(0, h * N + n, k, 0);
    return (long long)a.at(0, h * K + k, row, 0) * bk;
  };
  long long largest = 0;
  for (int h = 0; h < heads; ++h) {
    for (int n = 0; n < N; ++n) {
      for (int row = 0; row < rows; ++row) {
        long long exact = 0;
        for (int k = 0; k < K; ++k) exact += product_of(h, n, row, k);
        largest = std::max(largest, exact < 0 ? -exact : exact);
      }
    }
  }
  const int shift = range_product_shift(largest);
  Tensor out(1, heads * N, rows, 1);
  for (int h = 0; h < heads; ++h) {
    for (int n = 0; n < N; ++n) {
      for (int row = 0; row < rows; ++row) {
        long long sum = 0;
        for (int k = 0; k < K; ++k) sum += product_of(h, n, row, k) >> shift;
        out.at(0, h * N + n, row, 0) = int16_t(uint16_t(sum & 0xFFFF));
      }
    }
  }
  return out;
}

// Softmax over each head's channels of each token (layer_ops' softmax per head).
void softmax_each_head(Tensor& scores, int heads) {
  const int per_head = scores.channels / heads;
  for (int h = 0; h < heads; ++h) {
    Tensor head(1, per_head, scores.height, 1);
    for (int c = 0; c < per_head; ++c) {
      for (int row = 0; row < scores.height; ++row) head.at(0, c, row, 0) = scores.at(0, h * per_head + c, row, 0);
    }
    apply_activation(Activation::softmax, head);
    for (int c = 0; c < per_head; ++c) {
      for (int row = 0; row < scores.height; ++row) scores.at(0, h * per_head + c, row, 0) = head.at(0, c, row, 0);
    }
  }
}

TEST(ActivationMatmul, TheFunctionalPassComputesQKTransposedAndScoresTimesValues) {
  const Network network = load_network(kAttention);
  const auto seen = seen_values(network);
  Tensor scores = product(seen.at("query_seen"), seen.at("key_seen"), 2, true);
  softmax_each_head(scores, 2);
  EXPECT_EQ(scores.values, seen.at("scores_seen").values);
  // Softmax leaves probabilities in [0, 1] (0 to 256 in Q8.8), some of them nonzero.
  EXPECT_GT(*std::max_element(scores.values.begin(), scores.values.end()), 0);
  const Tensor context = product(scores, seen.at("value_seen"), 2, false);
  EXPECT_EQ(context.values, seen.at("context_seen").values);
  // The projection after the attention reads the real context.
  EXPECT_EQ(context.values, seen.at("output input").values);
}

TEST(ActivationMatmul, TheEngineRunsTheRealOperandsOnEveryDataflowThatMapsIt) {
  SimulationOptions options;
  options.dataflows = {"all"};
  options.layers = {"scores", "context", "output"};
  const auto run = simulate_in_child("arch/eyeriss.yaml", {}, kAttention, options);
  ASSERT_FALSE(run.contains("error")) << run.dump();
  ASSERT_EQ(run.at("layers").size(), 3 * dataflow_names().size());
  int mapped = 0;
  for (const auto& layer : run.at("layers")) {
    EXPECT_TRUE(layer.at("input_chained")) << layer.at("layer");
    if (!layer.at("mapped")) continue;
    ++mapped;
    // The engine's output equals reference_convolution on the real operands, which the
    // test above checks against the product written out.
    EXPECT_TRUE(layer.at("output_verified")) << layer.at("layer") << " " << layer.at("dataflow");
    EXPECT_GT(layer.at("cycles").get<long long>(), 0);
  }
  EXPECT_EQ(mapped, int(run.at("layers").size()));
}

TEST(ActivationMatmul, PerCycleEqualsExactOnTheAttentionProducts) {
  SimulationOptions options;
  options.dataflows = {"all"};
  options.layers = {"scores", "context"};
  const auto exact = simulate_in_child("arch/tiny.yaml", {}, kAttention, options);
  options.mode = EngineMode::per_cycle;
  const auto per_cycle = simulate_in_child("arch/tiny.yaml", {}, kAttention, options);
  ASSERT_FALSE(exact.contains("error")) << exact.dump();
  ASSERT_FALSE(per_cycle.contains("error")) << per_cycle.dump();
  for (size_t i = 0; i < exact.at("layers").size(); ++i) {
    const auto& layer = exact.at("layers")[i];
    if (!layer.at("mapped")) continue;
    EXPECT_TRUE(layer.at("output_verified")) << layer.at("layer") << " " << layer.at("dataflow");
    for (const char* key : {"cycles", "processing_cycles", "counts", "ofmap_raw_words", "output_verified"}) {
      EXPECT_EQ(layer.at(key), per_cycle.at("layers")[i].at(key)) << key << " of " << layer.at("layer");
    }
  }
}

}  // namespace
}  // namespace accelsim::testing
