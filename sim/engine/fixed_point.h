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

inline int16_t fixed_product(int16_t x, int16_t w) {
  return static_cast<int16_t>((int32_t(x) * int32_t(w)) >> kFractionBits);
}

inline int16_t wrap_add(int16_t a, int16_t b) {
  return static_cast<int16_t>(static_cast<uint16_t>(a) + static_cast<uint16_t>(b));
}

}  // namespace accelsim
