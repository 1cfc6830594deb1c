#pragma once
// Integer helpers shared by the mapper, the lowering and the engine.

#include <type_traits>

namespace accelsim {

// ceil(a / b) for a >= 0, b > 0, in the wider of the two argument types.
template <typename A, typename B>
constexpr std::common_type_t<A, B> ceil_div(A a, B b) {
  static_assert(std::is_integral_v<A> && std::is_integral_v<B>, "ceil_div takes integers");
  using T = std::common_type_t<A, B>;
  return (T(a) + T(b) - 1) / T(b);
}

}  // namespace accelsim
