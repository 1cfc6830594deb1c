#pragma once
// The chip's arithmetic: 16-bit fixed point with 8 fractional bits (Q8.8).
// A MAC multiplies two 16-bit words exactly, truncates the product to 16 bits by
// an arithmetic right shift of 8 (rounding toward minus infinity), and adds it to
// a 16-bit psum that wraps modulo 2^16. Because wrapping addition is associative,
// the engine and the reference convolution agree bit for bit whatever the order
// in which the products are summed.

#include <cstdint>

namespace accelsim {

constexpr int kFractionBits = 8;

// Bits 8..23 of the exact 32-bit product, i.e. int16((int32(x) * int32(w)) >> 8),
// assembled from the product's low and high 16-bit halves: written this way the
// compiler keeps 16-bit lanes (vpmullw / vpmulhw, 32 lanes per AVX-512 register)
// instead of widening to 32 bits. Checked against the 32-bit formula for every
// pair of inputs in tests/unit/fixed_point_test.cpp.
inline int16_t fixed_product(int16_t x, int16_t w) {
  const uint16_t low = uint16_t(x * w);
  const uint16_t high = uint16_t((int32_t(x) * int32_t(w)) >> 16);
  return int16_t(uint16_t((low >> kFractionBits) | (high << (16 - kFractionBits))));
}

inline int16_t wrap_add(int16_t a, int16_t b) {
  return static_cast<int16_t>(static_cast<uint16_t>(a) + static_cast<uint16_t>(b));
}

// out[f] += x[f * stride] * w for f < width: the inner loop of the bulk kernels,
// written so the compiler can vectorize it (contiguous when the stride is 1).
inline void accumulate_row(int16_t* out, const int16_t* x, int stride, int width, int16_t w) {
  if (stride == 1) {
    for (int f = 0; f < width; ++f) out[f] = wrap_add(out[f], fixed_product(x[f], w));
  } else {
    for (int f = 0; f < width; ++f) out[f] = wrap_add(out[f], fixed_product(x[f * stride], w));
  }
}

// The wrapping sum of x[i] * w[i] for i < count (vectorizable: wrapping addition
// is associative).
inline int16_t dot_product(const int16_t* x, const int16_t* w, int count) {
  uint16_t sum = 0;
  for (int i = 0; i < count; ++i) sum = uint16_t(sum + uint16_t(fixed_product(x[i], w[i])));
  return int16_t(sum);
}

}  // namespace accelsim
