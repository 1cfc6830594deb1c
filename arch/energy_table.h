#pragma once
// Cost of one access (one word) at each level, from a named, sourced table.

#include <array>
#include <string>
#include <vector>

namespace accelsim {

// The levels at which accesses are counted and priced. Order matters: it is the
// order of every report.
enum class Level { dram, glb, filter_buffer, array, rf_ifmap, rf_filter, rf_psum, mac };
constexpr int kLevelCount = 8;
const std::vector<std::string>& level_names();

struct EnergyTable {
  std::string name;
  std::string source;
  std::string unit;                      // "pJ" or "x MAC" (normalized)
  std::array<double, kLevelCount> per_access{};  // energy of one word access / one MAC
  double mac_gated = 0;                  // a zero-gated MAC (skipped, still clocked)
  double static_mw = 0;                  // leakage, only meaningful with unit pJ

  double cost(Level level) const { return per_access[static_cast<int>(level)]; }
  bool is_absolute() const { return unit == "pJ"; }
};

}  // namespace accelsim
