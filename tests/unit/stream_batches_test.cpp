// Stream-mode MACs vectorized across lanes: lane_sums against a scalar loop of the
// same MACs (odd lane counts and strides, zero counts), loop splits and offsets.

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "sim/engine/data/fixed_point.h"
#include "sim/engine/exact/stream_batches.h"

namespace accelsim {
namespace {

TEST(StreamBatches, LaneSumsMatchScalarMacs) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> word(-32768, 32767);
  std::bernoulli_distribution zero(0.4);
  for (int lanes : {1, 3, 17, 33, 70}) {
    for (int stride : {1, 2, 3, 4}) {
      const int shift = (lanes + 5 * stride) % (kMaxProductShift + 1);  // a spread of shifts
      const std::vector<long long> rows = {0, 5, 401};
      const std::vector<long long> macs = {0, 1, 2, 37, 38, 39, 90};
      std::vector<int16_t> x(size_t(401 + 90 + lanes * stride + 1));
      for (auto& v : x) v = zero(rng) ? 0 : int16_t(word(rng));
      std::vector<int16_t> w(macs.size());
      for (auto& v : w) v = int16_t(word(rng));
      std::vector<int16_t> sums(rows.size() * size_t(lanes));
      for (auto& v : sums) v = int16_t(word(rng));
      std::vector<int16_t> expected = sums;
      long long expected_zeros = 0;
      for (size_t o = 0; o < rows.size(); ++o) {
        for (int i = 0; i < lanes; ++i) {
          for (size_t j = 0; j < macs.size(); ++j) {
            const int16_t v = x[size_t(rows[o] + macs[j] + i * stride)];
            int16_t& sum = expected[o * size_t(lanes) + size_t(i)];
            sum = wrap_add(sum, int16_t((int32_t(v) * int32_t(w[j])) >> shift));
            expected_zeros += v == 0;
          }
        }
      }
      const long long zeros = lane_sums(x.data(), rows, macs, w.data(), lanes, stride, shift,
                                        true, sums.data());
      EXPECT_EQ(sums, expected) << lanes << " lanes, stride " << stride;
      EXPECT_EQ(zeros, expected_zeros) << lanes << " lanes, stride " << stride;
      EXPECT_EQ(lane_sums(x.data(), rows, macs, w.data(), lanes, stride, shift, false,
                          sums.data()),
                0);
    }
  }
}

TEST(StreamBatches, PinnedLaneSums) {
  // Two lanes, stride 2: lane 0 reads x[0], x[1]; lane 1 reads x[2], x[3].
  const std::vector<int16_t> x = {256, 512, 0, -256};  // 1.0, 2.0, 0, -1.0
  const std::vector<int16_t> w = {384, 128};           // 1.5, 0.5
  std::vector<int16_t> sums = {10, 20};
  EXPECT_EQ(lane_sums(x.data(), {0}, {0, 1}, w.data(), 2, 2, kFractionBits, true, sums.data()),
            1);
  EXPECT_EQ(sums, (std::vector<int16_t>{int16_t(10 + 384 + 256), int16_t(20 + 0 - 128)}));
}

TEST(StreamBatches, LoopOffsetsWalkOutermostFirst) {
  AffineStream stream;
  stream.base = 99;  // ignored
  stream.loops = {{2, 100}, {3, 7}};
  std::vector<long long> offsets;
  loop_offsets(stream, offsets);
  EXPECT_EQ(offsets, (std::vector<long long>{0, 7, 14, 100, 107, 114}));
}

TEST(StreamBatches, SplitLoopsAtTheTaskBoundary) {
  AffineStream stream;
  stream.base = 5;
  // images (2) x channels (3) x R (3) x S (3); tasks = images, MACs = 27.
  stream.loops = {{2, 1000}, {1, 4}, {3, 100}, {3, 10}, {3, 1}};
  AffineStream outer, inner;
  ASSERT_TRUE(split_loops(stream, 2, 27, outer, inner));
  ASSERT_EQ(outer.loops.size(), 1u);
  EXPECT_EQ(outer.loops[0].count, 2);
  EXPECT_EQ(outer.loops[0].stride, 1000);
  EXPECT_EQ(inner.loops.size(), 3u);
  EXPECT_EQ(inner.base, 0);
  EXPECT_FALSE(split_loops(stream, 6, 9 + 1, outer, inner));  // no loop boundary there
  EXPECT_FALSE(split_loops(stream, 3, 27, outer, inner));     // products disagree
  // A split that folding the whole stream would hide: contiguous images.
  stream.loops = {{2, 27}, {3, 9}, {9, 1}};
  ASSERT_TRUE(split_loops(stream, 2, 27, outer, inner));
  ASSERT_EQ(inner.loops.size(), 1u);
  EXPECT_EQ(inner.loops[0].count, 27);
}

// A PE's task sums and zero-ifmap MACs walked word by word, as the PE would.
void scalar_pe(const PassPlan& plan, const PePlan& pe, const std::vector<int16_t>& block,
               const std::vector<int16_t>& filters, int shift, std::vector<int16_t>& tasks,
               long long& zeros) {
  tasks.assign(size_t(pe.tasks), 0);
  AffineCursor x(plan.ifmap_streams[size_t(pe.ifmap_stream)].addresses);
  AffineCursor w(plan.weight_streams[size_t(pe.weight_stream)].addresses);
  for (int task = 0; task < pe.tasks; ++task) {
    for (int j = 0; j < pe.macs_per_task; ++j, x.next(), w.next()) {
      const int16_t v = block[size_t(x.address())];
      zeros += v == 0;
      tasks[size_t(task)] = wrap_add(tasks[size_t(task)], fixed_product(v, filters[size_t(w.address())], shift));
    }
  }
}

// Three batch shapes in one plan: PEs 0-4 share weight stream 0 on ifmap bases 3 apart
// (pixel lanes), PEs 5-7 share ifmap stream 5 on weight bases 40 apart (filter
// lanes), PE 8 has 2 x 9 tasks along an ifmap row of stride 2 (task lanes).
TEST(StreamBatches, BatchesMatchScalarPes) {
  PassPlan plan;
  for (int i = 0; i < 6; ++i) {
    plan.ifmap_streams.push_back({{3LL * i + 1, {{2, 500}, {3, 100}, {1, 9}, {5, 1}}}, {}});
  }
  plan.ifmap_streams.push_back({{7, {{2, 200}, {9, 2}, {3, 50}, {2, 1}}}, {}});
  for (int k = 0; k < 4; ++k) plan.weight_streams.push_back({{40LL * k, {{2, 0}, {15, 1}}}, {}});
  plan.weight_streams.push_back({{3, {{18, 0}, {6, 1}}}, {}});
  const auto add_pe = [&](int x, int w, int tasks, int macs) {
    PePlan pe;
    pe.mode = PeMode::stream;
    pe.ifmap_stream = x, pe.weight_stream = w, pe.tasks = tasks, pe.macs_per_task = macs;
    plan.pes.push_back(pe);
  };
  for (int i = 0; i < 5; ++i) add_pe(i, 0, 2, 15);
  for (int k = 1; k < 4; ++k) add_pe(5, k, 2, 15);
  add_pe(6, 4, 18, 6);
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> word(-32768, 32767);
  std::vector<int16_t> block(1200), filters(200);
  for (auto& v : block) v = rng() % 3 == 0 ? 0 : int16_t(word(rng));
  for (auto& v : filters) v = int16_t(word(rng));
  StreamBatches batches;
  const int shift = 11;  // not Q8.8's 8: the batches must apply the pass's shift
  batches.compute(plan, block.data(), filters.data(), shift);
  long long zeros = 0, expected_zeros = 0;
  for (size_t p = 0; p < plan.pes.size(); ++p) {
    std::vector<int16_t> expected, tasks(size_t(plan.pes[p].tasks), 0);
    scalar_pe(plan, plan.pes[p], block, filters, shift, expected, expected_zeros);
    ASSERT_TRUE(batches.add(int(p), tasks.data(), zeros)) << "PE " << p;
    EXPECT_EQ(tasks, expected) << "PE " << p;
  }
  EXPECT_EQ(zeros, expected_zeros);
  EXPECT_GT(zeros, 0);
}

}  // namespace
}  // namespace accelsim
