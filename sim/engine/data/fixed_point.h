#pragma once
// The chip's arithmetic: 16-bit words. A MAC multiplies two 16-bit words exactly,
// keeps 16 bits of the 32-bit product, bits s..s+15 (an arithmetic right shift by
// the layer's product shift s, rounding toward minus infinity; bits above s+15 are
// dropped), and adds them to a 16-bit psum that wraps modulo 2^16. Eyeriss chooses
// s per layer "by the dynamic range of a layer from offline experiments" (JSSC
// 2017); sim/api/network_values.h says how this simulator chooses it. With Q8.8
// words on both sides, s = 8 gives a Q8.8 product (kFractionBits), the default of
// layers whose data are generated independently. Because wrapping addition is
// associative, the engine and the reference convolution agree bit for bit whatever
// the order in which the products are summed.

#include <cstdint>
#include <type_traits>

namespace accelsim {

constexpr int kFractionBits = 8;
constexpr int kMaxProductShift = 16;  // bits 16..31: the product's high half

// Bits shift..shift+15 of the exact 32-bit product, 0 <= shift <= 16 (the PEs'
// one-at-a-time MACs).
inline int16_t fixed_product(int16_t x, int16_t w, int shift) {
  return int16_t((int32_t(x) * int32_t(w)) >> shift);
}

// The same for a shift known at compile time, assembled from the product's low and
// high 16-bit halves: written this way the compiler keeps 16-bit lanes (vpmullw /
// vpmulhw and shifts by an immediate, 16 lanes per AVX2 register) instead of
// widening to 32 bits, which it does for a shift count only known at run time.
// Checked against fixed_product for every shift in tests/unit/fixed_point_test.cpp.
template <int kShift>
inline int16_t fixed_product_lanes(int16_t x, int16_t w) {
  static_assert(kShift >= 0 && kShift <= kMaxProductShift, "a shift of 0 to 16 bits");
  const uint16_t low = uint16_t(x * w);
  const uint16_t high = uint16_t((int32_t(x) * int32_t(w)) >> 16);
  if constexpr (kShift == 0) {
    return int16_t(low);
  } else if constexpr (kShift == kMaxProductShift) {
    return int16_t(high);
  } else {
    return int16_t(uint16_t((low >> kShift) | (high << (16 - kShift))));
  }
}

// Calls body(std::integral_constant<int, shift>{}) for a run-time shift in 0..16:
// the bulk kernels below take the layer's shift as a compile-time constant (one
// dispatch per row, not per MAC). A switch, so one indexed jump: rows are short in
// places (a stream PE's lanes, a window's dot product), and a chain of up to 17
// comparisons per row showed (+21% in WindowSums::chain_sums).
template <class Body>
inline void with_product_shift(int shift, Body&& body) {
  static_assert(kMaxProductShift == 16, "one case per shift");
#define ACCELSIM_SHIFT_CASE(k) \
  case k:                      \
    body(std::integral_constant<int, k>{}); \
    return;
  switch (shift) {
    ACCELSIM_SHIFT_CASE(0) ACCELSIM_SHIFT_CASE(1) ACCELSIM_SHIFT_CASE(2)
    ACCELSIM_SHIFT_CASE(3) ACCELSIM_SHIFT_CASE(4) ACCELSIM_SHIFT_CASE(5)
    ACCELSIM_SHIFT_CASE(6) ACCELSIM_SHIFT_CASE(7) ACCELSIM_SHIFT_CASE(8)
    ACCELSIM_SHIFT_CASE(9) ACCELSIM_SHIFT_CASE(10) ACCELSIM_SHIFT_CASE(11)
    ACCELSIM_SHIFT_CASE(12) ACCELSIM_SHIFT_CASE(13) ACCELSIM_SHIFT_CASE(14)
    ACCELSIM_SHIFT_CASE(15)
    default:  // 16: the largest, as the old chain's last step
      body(std::integral_constant<int, kMaxProductShift>{});
  }
#undef ACCELSIM_SHIFT_CASE
}

inline int16_t wrap_add(int16_t a, int16_t b) {
  return static_cast<int16_t>(static_cast<uint16_t>(a) + static_cast<uint16_t>(b));
}

// out[f] += x[f * stride] * w for f < width: the inner loop of the bulk kernels,
// written so the compiler can vectorize it (contiguous when the stride is 1). Loops
// over many short rows dispatch the shift once (with_product_shift) and call this.
template <int kShift>
inline void accumulate_row_at(int16_t* out, const int16_t* x, int stride, int width, int16_t w) {
  if (stride == 1) {
    for (int f = 0; f < width; ++f) out[f] = wrap_add(out[f], fixed_product_lanes<kShift>(x[f], w));
  } else {
    for (int f = 0; f < width; ++f) {
      out[f] = wrap_add(out[f], fixed_product_lanes<kShift>(x[f * stride], w));
    }
  }
}

inline void accumulate_row(int16_t* out, const int16_t* x, int stride, int width, int16_t w,
                           int shift) {
  with_product_shift(shift, [&](auto constant) {
    accumulate_row_at<decltype(constant)::value>(out, x, stride, width, w);
  });
}

// The wrapping sum of x[i] * w[i] for i < count (vectorizable: wrapping addition
// is associative).
inline int16_t dot_product(const int16_t* x, const int16_t* w, int count, int shift) {
  uint16_t sum = 0;
  with_product_shift(shift, [&](auto constant) {
    constexpr int kShift = decltype(constant)::value;
    for (int i = 0; i < count; ++i) sum = uint16_t(sum + uint16_t(fixed_product_lanes<kShift>(x[i], w[i])));
  });
  return int16_t(sum);
}

}  // namespace accelsim
