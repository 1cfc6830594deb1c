#include "sim/engine/memory/rle.h"

namespace accelsim {

long long rle_pairs(const std::vector<int16_t>& values, int run_bits) {
  const int max_run = (1 << run_bits) - 1;
  long long pairs = 0;
  int run = 0;
  for (int16_t value : values) {
    if (value != 0) {
      ++pairs;  // (run, value)
      run = 0;
    } else if (run == max_run) {
      ++pairs;  // (max_run, 0): the zero itself is the pair's value
      run = 0;
    } else {
      ++run;
    }
  }
  if (run > 0) ++pairs;  // trailing zeros: (run - 1, 0)
  return pairs;
}

long long rle_words64(long long pairs) { return (pairs + 2) / 3; }

}  // namespace accelsim
