// Stream-mode operands in bulk: simplified streams walk the same addresses, and
// gathering gives the words an AffineCursor would deliver one at a time.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "sim/engine/exact/stream_operands.h"

namespace accelsim {
namespace {

AffineStream stream_of(long long base, std::vector<AffineLoop> loops) {
  AffineStream stream;
  stream.base = base;
  for (const auto& loop : loops) stream.loops.push_back(loop);
  return stream;
}

std::vector<long long> addresses(const AffineStream& stream, long long count) {
  std::vector<long long> result;
  AffineCursor cursor(stream);
  for (long long i = 0; i < count; ++i, cursor.next()) result.push_back(cursor.address());
  return result;
}

// Up to four loops of 1..7 iterations, strides 0..40 (often the stride that
// continues the inner loop's walk, so that loops fold), base 0..30.
AffineStream random_stream(std::mt19937& random) {
  AffineStream stream;
  stream.base = random() % 31;
  const int loops = int(random() % 5);
  for (int i = 0; i < loops; ++i) {  // innermost first
    const int count = 1 + int(random() % 7);
    long long stride = random() % 41;
    if (i > 0 && random() % 2) stride = stream.loops.back().count * stream.loops.back().stride;
    stream.loops.push_back(AffineLoop{count, stride});
  }
  std::reverse(stream.loops.begin(), stream.loops.end());  // outermost first
  return stream;
}

TEST(SimplifyStream, FoldsLoopsThatContinueTheWalkAndDropsSingleIterations) {
  AffineStream walk;
  simplify(stream_of(5, {{1, 100}, {3, 12}, {4, 3}, {3, 1}}), walk);
  EXPECT_EQ(walk.base, 5);
  ASSERT_EQ(walk.loops.size(), 1u);
  EXPECT_EQ(walk.loops[0].count, 36);
  EXPECT_EQ(walk.loops[0].stride, 1);
  simplify(stream_of(0, {{169, 0}, {9, 1}}), walk);  // a task's 9 weights, repeated
  ASSERT_EQ(walk.loops.size(), 2u);
  EXPECT_EQ(walk.loops[0].count, 169);
  EXPECT_EQ(walk.loops[1].count, 9);
}

TEST(SimplifyStream, WalksTheSameAddressesOnRandomStreams) {
  std::mt19937 random(7);
  AffineStream walk;
  for (int trial = 0; trial < 500; ++trial) {
    const AffineStream stream = random_stream(random);
    simplify(stream, walk);
    const long long count = 2 * stream.size() + 3;  // past the end: both start over
    ASSERT_EQ(addresses(walk, count), addresses(stream, count)) << "trial " << trial;
  }
}

TEST(GatherStream, GivesTheCursorsWordsOnRandomStreamsAndLengths) {
  std::mt19937 random(11);
  AffineStream walk;
  for (int trial = 0; trial < 500; ++trial) {
    const AffineStream stream = random_stream(random);
    simplify(stream, walk);
    const long long count = 1 + random() % (2 * stream.size() + 5);
    const std::vector<long long> walked = addresses(stream, count);
    std::vector<int16_t> source(size_t(*std::max_element(walked.begin(), walked.end())) + 1);
    for (size_t i = 0; i < source.size(); ++i) source[i] = int16_t(i * 37 - 500);
    std::vector<int16_t> gathered(size_t(count), 0);
    gather_stream(walk, count, source.data(), gathered.data());
    std::vector<int16_t> expected;
    for (long long address : walked) expected.push_back(source[size_t(address)]);
    ASSERT_EQ(gathered, expected) << "trial " << trial;
  }
}

TEST(GatherStream, ContiguousStartOnlyForConsecutiveAddresses) {
  AffineStream walk;
  simplify(stream_of(40, {{1, 0}, {75, 1}}), walk);
  EXPECT_EQ(contiguous_start(walk, 75), 40);
  EXPECT_EQ(contiguous_start(walk, 76), -1);  // would start over
  simplify(stream_of(0, {{169, 0}, {9, 1}}), walk);
  EXPECT_EQ(contiguous_start(walk, 9), 0);
  EXPECT_EQ(contiguous_start(walk, 18), -1);  // the same 9 again
  simplify(stream_of(3, {{4, 2}}), walk);
  EXPECT_EQ(contiguous_start(walk, 1), 3);
  EXPECT_EQ(contiguous_start(walk, 2), -1);
}

TEST(StreamOperands, GathersAnIfmapStreamOnceAndCountsItsZeros) {
  PassPlan plan;
  plan.ifmap_streams.push_back({stream_of(1, {{3, 4}, {2, 1}}), {}});  // 1 2 5 6 9 10
  plan.weight_streams.push_back({stream_of(0, {{2, 0}, {3, 1}}), {}});  // 0 1 2 0 1 2
  const std::vector<int16_t> block = {7, 0, 8, 9, 9, 0, 4, 9, 9, 3, 0};
  const std::vector<int16_t> filters = {-1, -2, -3};
  StreamOperands operands;
  operands.start_pass(plan);
  long long zeros = -1;
  const int16_t* x = operands.ifmaps(plan, 0, 6, block.data(), zeros);
  EXPECT_EQ(std::vector<int16_t>(x, x + 6), (std::vector<int16_t>{0, 8, 0, 4, 3, 0}));
  EXPECT_EQ(zeros, 3);
  zeros = -1;
  EXPECT_EQ(operands.ifmaps(plan, 0, 6, block.data(), zeros), x);  // not gathered again
  EXPECT_EQ(zeros, 3);
  const int16_t* w = operands.weights(plan, 0, 6, filters.data());
  EXPECT_EQ(std::vector<int16_t>(w, w + 6), (std::vector<int16_t>{-1, -2, -3, -1, -2, -3}));
  EXPECT_EQ(operands.weights(plan, 0, 3, filters.data()), filters.data());  // in place
}

}  // namespace
}  // namespace accelsim
