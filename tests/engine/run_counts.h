#pragma once
// Reading a run.json's counts, and the DRAM words the RLC encoder makes of values
// (rle.h's definition, not the engine's transfers): shared by the tests of the
// layers between convolutions.

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/engine/memory/rle.h"

namespace accelsim::testing {

inline long long count_of(const nlohmann::json& counts, const char* level, const char* type,
                          const char* action) {
  const auto l = counts.find(level);
  if (l == counts.end() || !l->contains(type) || !l->at(type).contains(action)) return 0;
  return l->at(type).at(action).get<long long>();
}

// The words RLC makes of each image's values (5-bit runs, as the specs' DRAM).
inline long long rle_words_per_image(const std::vector<int16_t>& values, int batch) {
  const size_t per_image = values.size() / size_t(batch);
  long long words = 0;
  for (int n = 0; n < batch; ++n) {
    const std::vector<int16_t> image(values.begin() + long(n * per_image),
                                     values.begin() + long((n + 1) * per_image));
    words += rle_words64(rle_pairs(image, 5)) * 4;  // a 64-bit word is four 16-bit words
  }
  return words;
}

}  // namespace accelsim::testing
