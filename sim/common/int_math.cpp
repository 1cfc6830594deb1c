#include "sim/common/int_math.h"

namespace accelsim {

void throw_overflow(const char* what, const std::string& found, const std::string& expected) {
  throw InputError(std::string(what) + ": " + found_expected(found, expected));
}

std::string within_int64() {
  return "a result within 64-bit integers, at most " +
         std::to_string(std::numeric_limits<int64_t>::max());
}

}  // namespace accelsim
