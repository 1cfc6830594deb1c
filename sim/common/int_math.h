#pragma once
// Integer helpers shared by the parsers, the mapper, the lowering and the engine.

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "sim/common/input_error.h"

namespace accelsim {

// ceil(a / b) for a >= 0, b > 0, in the wider of the two argument types.
template <typename A, typename B>
constexpr std::common_type_t<A, B> ceil_div(A a, B b) {
  static_assert(std::is_integral_v<A> && std::is_integral_v<B>, "ceil_div takes integers");
  using T = std::common_type_t<A, B>;
  return (T(a) + T(b) - 1) / T(b);
}

// Derived quantities (words, MACs, cycles) come from user input; a product that does not
// fit must be an input error, never a wrapped count. `what` names the quantity, e.g.
// "pe_array.rows x pe_array.cols"; it is only formatted when the check fails.
// Throws InputError "<what>: found '<found>', expected <expected>".
[[noreturn]] void throw_overflow(const char* what, const std::string& found,
                                 const std::string& expected);
// "a result within 64-bit integers, at most 9223372036854775807"
std::string within_int64();

inline int64_t checked_mul(int64_t a, int64_t b, const char* what) {
  int64_t product = 0;
  if (__builtin_mul_overflow(a, b, &product)) {
    throw_overflow(what, std::to_string(a) + " x " + std::to_string(b), within_int64());
  }
  return product;
}

inline int64_t checked_add(int64_t a, int64_t b, const char* what) {
  int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) {
    throw_overflow(what, std::to_string(a) + " + " + std::to_string(b), within_int64());
  }
  return sum;
}

// `value` as a narrower integer type, or an error naming `what` when it does not fit.
template <typename To>
To checked_narrow(int64_t value, const char* what) {
  static_assert(std::is_integral_v<To> && sizeof(To) <= sizeof(int64_t), "narrows integers");
  if (value < int64_t(std::numeric_limits<To>::min()) ||
      value > int64_t(std::numeric_limits<To>::max())) {
    throw_overflow(what, std::to_string(value),
                   "a value from " + std::to_string(std::numeric_limits<To>::min()) + " to " +
                       std::to_string(std::numeric_limits<To>::max()));
  }
  return To(value);
}

}  // namespace accelsim
