// Run-length compression counted on real values (Eyeriss, JSSC 2017): pairs of a
// zero run (5 bits: at most 31) and a 16-bit value, three pairs per 64-bit word.

#include <gtest/gtest.h>

#include <vector>

#include "sim/engine/memory/rle.h"

namespace accelsim {
namespace {

std::vector<int16_t> zeros(int count) { return std::vector<int16_t>(size_t(count), 0); }

std::vector<int16_t> operator+(std::vector<int16_t> a, const std::vector<int16_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST(RlePairs, EmptyInputHasNoPairs) { EXPECT_EQ(rle_pairs({}, 5), 0); }

TEST(RlePairs, NonZeroValuesTakeOnePairEach) {
  EXPECT_EQ(rle_pairs({1, -2, 3, 4, 5}, 5), 5);
}

TEST(RlePairs, ZeroRunsUpToTheMaxRunPlusOneFitOnePair) {
  EXPECT_EQ(rle_pairs(zeros(1), 5), 1);   // (0, 0)
  EXPECT_EQ(rle_pairs(zeros(31), 5), 1);  // (30, 0)
  EXPECT_EQ(rle_pairs(zeros(32), 5), 1);  // (31, 0)
}

TEST(RlePairs, LongerZeroRunsAreCut) {
  EXPECT_EQ(rle_pairs(zeros(33), 5), 2);  // (31, 0) (0, 0)
  EXPECT_EQ(rle_pairs(zeros(64), 5), 2);  // (31, 0) (31, 0)
  EXPECT_EQ(rle_pairs(zeros(65), 5), 3);
}

TEST(RlePairs, AValueAfterARunSharesItsPairUpToTheMaxRun) {
  EXPECT_EQ(rle_pairs(zeros(31) + std::vector<int16_t>{7}, 5), 1);  // (31, 7)
  EXPECT_EQ(rle_pairs(zeros(32) + std::vector<int16_t>{7}, 5), 2);  // (31, 0) (0, 7)
  EXPECT_EQ(rle_pairs(zeros(33) + std::vector<int16_t>{7}, 5), 2);  // (31, 0) (1, 7)
}

TEST(RlePairs, TrailingZerosTakeOneMorePair) {
  EXPECT_EQ(rle_pairs({5, 0, 0}, 5), 2);         // (0, 5) (1, 0)
  EXPECT_EQ(rle_pairs({5, 0, 0, 6}, 5), 2);      // (0, 5) (2, 6)
}

TEST(RlePairs, MixedSequence) {
  // (2, 3) (1, 4) (0, 4) (0, 0)
  EXPECT_EQ(rle_pairs({0, 0, 3, 0, 4, 4, 0}, 5), 4);
}

TEST(RlePairs, TheRunFieldWidthSetsTheMaxRun) {
  EXPECT_EQ(rle_pairs(zeros(4), 2), 1);  // max run 3: (3, 0)
  EXPECT_EQ(rle_pairs(zeros(5), 2), 2);
  EXPECT_EQ(rle_pairs(zeros(3) + std::vector<int16_t>{9}, 2), 1);  // (3, 9)
}

TEST(RleWords64, ThreePairsPerWordRoundedUp) {
  EXPECT_EQ(rle_words64(0), 0);
  EXPECT_EQ(rle_words64(1), 1);
  EXPECT_EQ(rle_words64(3), 1);
  EXPECT_EQ(rle_words64(4), 2);
  EXPECT_EQ(rle_words64(6), 2);
  EXPECT_EQ(rle_words64(7), 3);
}

}  // namespace
}  // namespace accelsim
