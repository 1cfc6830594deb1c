// Checked arithmetic for derived quantities: a result that does not fit is an InputError
// naming the quantity and the operands, never a wrapped count.

#include <gtest/gtest.h>

#include <cstdint>

#include "sim/common/int_math.h"
#include "tests/unit/error_of.h"

namespace accelsim {
namespace {

constexpr int64_t kMax = INT64_MAX;

TEST(CheckedMul, MultipliesWhatFits) {
  EXPECT_EQ(checked_mul(3037000499, 3037000499, "macs"), 9223372030926249001);
  EXPECT_EQ(checked_mul(-4, 5, "macs"), -20);
}

TEST(CheckedMul, RejectsAProductPast64Bits) {
  EXPECT_EQ(error_of([] { checked_mul(3037000500, 3037000500, "conv1 MACs"); }),
            "conv1 MACs: found '3037000500 x 3037000500', expected a result within 64-bit "
            "integers, at most 9223372036854775807");
}

TEST(CheckedAdd, AddsWhatFitsAndRejectsTheRest) {
  EXPECT_EQ(checked_add(kMax - 1, 1, "cycles"), kMax);
  EXPECT_EQ(error_of([] { checked_add(kMax, 1, "total cycles"); }),
            "total cycles: found '9223372036854775807 + 1', expected a result within 64-bit "
            "integers, at most 9223372036854775807");
}

TEST(CheckedNarrow, KeepsWhatFitsTheNarrowerType) {
  EXPECT_EQ(checked_narrow<int>(2147483647, "rows"), 2147483647);
  EXPECT_EQ(checked_narrow<int>(-2147483648LL, "rows"), -2147483647 - 1);
  EXPECT_EQ(error_of([] { checked_narrow<int>(2147483648LL, "output rows"); }),
            "output rows: found '2147483648', expected a value from -2147483648 to 2147483647");
  EXPECT_EQ(error_of([] { checked_narrow<int16_t>(-32769, "a word"); }),
            "a word: found '-32769', expected a value from -32768 to 32767");
}

}  // namespace
}  // namespace accelsim
