#pragma once
// Eyeriss's run-length compression of feature maps in DRAM (JSSC 2017): each pair
// is a zero run (run_bits wide) and a 16-bit value; three pairs fill a 64-bit
// word, whose last bit flags the end. Counted on the real values.

#include <cstdint>
#include <vector>

namespace accelsim {

// Pairs needed to encode `values` in order. A run longer than the run field can
// count is cut: a pair (max run, 0) carries max run + 1 zeros.
long long rle_pairs(const std::vector<int16_t>& values, int run_bits);

// 64-bit words of the encoding (three pairs each).
long long rle_words64(long long pairs);

}  // namespace accelsim
