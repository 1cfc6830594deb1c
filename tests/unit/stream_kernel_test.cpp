// Stream-mode MACs vectorized across lanes: lane_sums against a scalar loop of the
// same MACs (odd lane counts and strides, zero counts), loop splits and offsets.

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "sim/engine/fixed_point.h"
#include "sim/engine/stream_kernel.h"

namespace accelsim {
namespace {

TEST(StreamKernel, LaneSumsMatchScalarMacs) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> word(-32768, 32767);
  std::bernoulli_distribution zero(0.4);
  for (int lanes : {1, 3, 17, 33, 70}) {
    for (int stride : {1, 2, 3, 4}) {
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
            sum = wrap_add(sum, int16_t((int32_t(v) * int32_t(w[j])) >> 8));
            expected_zeros += v == 0;
          }
        }
      }
      const long long zeros = lane_sums(x.data(), rows, macs, w.data(), lanes, stride, true,
                                        sums.data());
      EXPECT_EQ(sums, expected) << lanes << " lanes, stride " << stride;
      EXPECT_EQ(zeros, expected_zeros) << lanes << " lanes, stride " << stride;
      EXPECT_EQ(lane_sums(x.data(), rows, macs, w.data(), lanes, stride, false, sums.data()), 0);
    }
  }
}

TEST(StreamKernel, PinnedLaneSums) {
  // Two lanes, stride 2: lane 0 reads x[0], x[1]; lane 1 reads x[2], x[3].
  const std::vector<int16_t> x = {256, 512, 0, -256};  // 1.0, 2.0, 0, -1.0
  const std::vector<int16_t> w = {384, 128};           // 1.5, 0.5
  std::vector<int16_t> sums = {10, 20};
  EXPECT_EQ(lane_sums(x.data(), {0}, {0, 1}, w.data(), 2, 2, true, sums.data()), 1);
  EXPECT_EQ(sums, (std::vector<int16_t>{int16_t(10 + 384 + 256), int16_t(20 + 0 - 128)}));
}

TEST(StreamKernel, LoopOffsetsWalkOutermostFirst) {
  AffineStream stream;
  stream.base = 99;  // ignored
  stream.loops = {{2, 100}, {3, 7}};
  std::vector<long long> offsets;
  loop_offsets(stream, offsets);
  EXPECT_EQ(offsets, (std::vector<long long>{0, 7, 14, 100, 107, 114}));
}

TEST(StreamKernel, SplitLoopsAtTheTaskBoundary) {
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

}  // namespace
}  // namespace accelsim
