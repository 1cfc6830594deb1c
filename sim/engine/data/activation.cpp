#include "sim/engine/data/activation.h"

#include <algorithm>
#include <cmath>

#include "sim/engine/data/fixed_point.h"

namespace accelsim {
namespace {

constexpr double kOne = double(1 << kFractionBits);

// A smooth activation on the value read as Q8.8, rounded toward minus infinity and
// saturated to 16 bits.
int16_t through_real(int16_t value, double (*f)(double)) {
  const double y = std::floor(f(value / kOne) * kOne);
  return int16_t(std::clamp(y, -32768.0, 32767.0));
}

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }
double hardsigmoid(double x) { return std::clamp(x / 6 + 0.5, 0.0, 1.0); }

}  // namespace

int16_t activate(Activation activation, int16_t value) {
  switch (activation) {
    case Activation::none:
    case Activation::softmax:
      return value;
    case Activation::relu:
      return value < 0 ? int16_t(0) : value;
    case Activation::relu6:
      return std::clamp<int16_t>(value, 0, int16_t(6 * kOne));
    case Activation::sigmoid:
      return through_real(value, sigmoid);
    case Activation::tanh:
      return through_real(value, [](double x) { return std::tanh(x); });
    case Activation::gelu:
      return through_real(value, [](double x) { return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0))); });
    case Activation::hardswish:
      return through_real(value, [](double x) { return x * hardsigmoid(x); });
    case Activation::hardsigmoid:
      return through_real(value, hardsigmoid);
    case Activation::silu:
      return through_real(value, [](double x) { return x * sigmoid(x); });
  }
  return value;
}

}  // namespace accelsim
