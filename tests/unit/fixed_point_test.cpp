// The chip's arithmetic: a product is truncated by an arithmetic shift of the
// layer's product shift (toward minus infinity) and kept to 16 bits; psums wrap
// modulo 2^16. Most cases use Q8.8 (shift 8); the 32-bit definition is checked for
// every shift.

#include <gtest/gtest.h>

#include <vector>

#include "sim/engine/data/fixed_point.h"

namespace accelsim {
namespace {

TEST(FixedProduct, OneTimesOneIsOne) {
  EXPECT_EQ(fixed_product(256, 256, kFractionBits), 256);  // 1.0 x 1.0
  EXPECT_EQ(fixed_product(-256, 384, kFractionBits), -384);  // -1.0 x 1.5
}

TEST(FixedProduct, TruncatesTowardMinusInfinity) {
  EXPECT_EQ(fixed_product(1, 1, kFractionBits), 0);        // 1/65536 -> 0
  EXPECT_EQ(fixed_product(-1, 1, kFractionBits), -1);      // -1/65536 -> -1/256, not 0
  EXPECT_EQ(fixed_product(255, 1, kFractionBits), 0);      // 255/256 of an LSB
  EXPECT_EQ(fixed_product(-255, 1, kFractionBits), -1);
  EXPECT_EQ(fixed_product(-256, 1, kFractionBits), -1);    // exact
  EXPECT_EQ(fixed_product(-257, 1, kFractionBits), -2);
  EXPECT_EQ(fixed_product(100, 500, kFractionBits), 195);  // 50000 / 256 = 195.31
  EXPECT_EQ(fixed_product(-100, 500, kFractionBits), -196);
}

TEST(FixedProduct, KeepsTheLow16BitsOfAnOverflowingProduct) {
  // 32767 * 32767 = 1073676289; >> 8 = 4194048 = 0x3FFF00; low 16 bits 0xFF00.
  EXPECT_EQ(fixed_product(32767, 32767, kFractionBits), -256);
  // -32768 * -32768 = 2^30; >> 8 = 2^22; low 16 bits 0.
  EXPECT_EQ(fixed_product(-32768, -32768, kFractionBits), 0);
}

// fixed_product_lanes is written in 16-bit halves for speed; at Q8.8's shift it
// must equal the plain definition (the 32-bit product shifted right by 8, kept to
// 16 bits) for every pair of inputs.
TEST(FixedProduct, EqualsThe32BitDefinitionForEveryPairOfInputs) {
  long long mismatches = 0;
  for (int x = -32768; x <= 32767; ++x) {
    for (int w = -32768; w <= 32767; ++w) {
      const auto by_definition = int16_t((x * w) >> 8);
      mismatches += fixed_product_lanes<kFractionBits>(int16_t(x), int16_t(w)) != by_definition;
    }
  }
  EXPECT_EQ(mismatches, 0);
}

// Every shift the chip can select: bits shift..shift+15 of the 32-bit product, for
// every x against a spread of weights (every 251st, and the extremes), by both
// forms (the lanes' 16-bit assembly has edge cases: shift 0 has no high half,
// shift 16 no low half), and through the kernels' run-time dispatch.
template <int kShift>
long long lanes_mismatches(const std::vector<int>& weights) {
  long long mismatches = 0;
  for (int x = -32768; x <= 32767; ++x) {
    for (int w : weights) {
      const auto by_definition = int16_t((x * w) >> kShift);
      mismatches += fixed_product(int16_t(x), int16_t(w), kShift) != by_definition;
      mismatches += fixed_product_lanes<kShift>(int16_t(x), int16_t(w)) != by_definition;
    }
  }
  return mismatches;
}

TEST(FixedProduct, EqualsThe32BitDefinitionForEveryShift) {
  std::vector<int> weights = {-32768, -32767, -2, -1, 0, 1, 2, 32767};
  for (int w = -32768; w <= 32767; w += 251) weights.push_back(w);
  for (int shift = 0; shift <= kMaxProductShift; ++shift) {
    int dispatched = -1;
    long long mismatches = -1;
    with_product_shift(shift, [&](auto constant) {
      dispatched = decltype(constant)::value;
      mismatches = lanes_mismatches<decltype(constant)::value>(weights);
    });
    EXPECT_EQ(dispatched, shift);
    EXPECT_EQ(mismatches, 0) << "shift " << shift;
  }
}

TEST(FixedProduct, PinnedValuesAtTheExtremeShifts) {
  EXPECT_EQ(fixed_product(300, 200, 0), -5536);    // 60000 wraps to 60000 - 65536
  EXPECT_EQ(fixed_product(300, 200, 16), 0);       // 60000 / 65536 = 0.92 -> 0
  EXPECT_EQ(fixed_product(-300, 200, 16), -1);     // toward minus infinity
  EXPECT_EQ(fixed_product(-32768, -32768, 16), 16384);  // 2^30 >> 16
  EXPECT_EQ(fixed_product(1000, 1000, 12), 244);   // 1000000 / 4096 = 244.1
}

// The kernels' shift reaches every lane: the same row at shift 3 and 13.
TEST(AccumulateRow, AppliesTheGivenShift) {
  const std::vector<int16_t> x = {1000, -1000, 20000, 7};
  for (int shift : {3, 13}) {
    std::vector<int16_t> out(4, 0);
    accumulate_row(out.data(), x.data(), 1, 4, 3000, shift);
    for (size_t f = 0; f < 4; ++f) EXPECT_EQ(out[f], int16_t((x[f] * 3000) >> shift)) << f;
  }
  const std::vector<int16_t> w = {3000, 3000, 3000, 3000};
  // 3000000 >> 13 = 366, -3000000 >> 13 = -367, 60000000 >> 13 = 7324, 21000 >> 13 = 2.
  EXPECT_EQ(dot_product(x.data(), w.data(), 4, 13), 366 - 367 + 7324 + 2);
}

TEST(WrapAdd, WrapsModulo65536) {
  EXPECT_EQ(wrap_add(100, -30), 70);
  EXPECT_EQ(wrap_add(32767, 1), -32768);
  EXPECT_EQ(wrap_add(-32768, -1), 32767);
  EXPECT_EQ(wrap_add(32000, 32000), -1536);  // 64000 - 65536
}

TEST(WrapAdd, IsAssociativeAcrossOverflow) {
  const int16_t a = 30000, b = 20000, c = -25000;
  EXPECT_EQ(wrap_add(wrap_add(a, b), c), wrap_add(a, wrap_add(b, c)));
  EXPECT_EQ(wrap_add(wrap_add(a, b), c), 25000);
}

// The bulk kernels run accumulate_row over "wide rows" (many rows back to back)
// of any width and stride: every lane must get exactly its own MAC, including the
// lanes past the last full vector.
TEST(AccumulateRow, EqualsOneMacPerLaneForOddWidthsAndStrides) {
  std::vector<int16_t> x(4 * 200 + 8);
  for (size_t i = 0; i < x.size(); ++i) x[i] = int16_t(i * 40503 + 12345);  // full range
  for (int stride = 1; stride <= 4; ++stride) {
    for (int width : {1, 7, 31, 32, 33, 63, 65, 100, 200}) {
      std::vector<int16_t> out(size_t(width) + 1), expected(size_t(width) + 1);
      for (int f = 0; f <= width; ++f) out[size_t(f)] = expected[size_t(f)] = int16_t(f * 977);
      const int16_t w = int16_t(-30000 + 131 * width + stride);
      accumulate_row(out.data(), x.data() + 3, stride, width, w, kFractionBits);
      for (int f = 0; f < width; ++f) {
        const int product = (int(x[size_t(3 + f * stride)]) * w) >> 8;
        expected[size_t(f)] = int16_t(uint16_t(expected[size_t(f)] + product));
      }
      EXPECT_EQ(out, expected) << "stride " << stride << " width " << width;  // last lane untouched
    }
  }
}

TEST(DotProduct, PinnedWrappingSum) {
  const std::vector<int16_t> x = {32767, -32768, 256, -1, 100, 255, 7};
  const std::vector<int16_t> w = {32767, -32768, 256, 1, -100, 255, 9};
  // -256 + 0 + 256 + -1 + -40 (-10000/256 = -39.06 -> -40) + 254 + 0 = 213.
  EXPECT_EQ(dot_product(x.data(), w.data(), 7, kFractionBits), 213);
}

}  // namespace
}  // namespace accelsim
