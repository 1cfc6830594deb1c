#pragma once
// Energy by the levels of the ISCA 2016 comparison: the filter buffer counts with the
// GLB, the three scratchpads as one RF. Shared by the comparison table and the HTML
// report, in the order the Eyeriss papers stack them (DRAM at the bottom).

#include <array>
#include <string>

#include "sim/stats/access_counts.h"

namespace accelsim {

struct LevelEnergy {
  double dram = 0, glb = 0, array = 0, rf = 0, mac = 0;
  double total() const { return dram + glb + array + rf + mac; }
  std::array<double, 5> parts() const { return {dram, glb, array, rf, mac}; }
  LevelEnergy& operator+=(const LevelEnergy& other) {
    dram += other.dram, glb += other.glb, array += other.array, rf += other.rf, mac += other.mac;
    return *this;
  }
};

// The names of parts(), in order.
inline const std::array<std::string, 5>& level_energy_names() {
  static const std::array<std::string, 5> names = {"DRAM", "GLB", "array", "RF", "MAC"};
  return names;
}

inline LevelEnergy level_energy(const EnergyBreakdown& e) {
  const auto at = [&](Level level) { return e.per_level[size_t(level)]; };
  return {at(Level::dram), at(Level::glb) + at(Level::filter_buffer), at(Level::array),
          at(Level::rf_ifmap) + at(Level::rf_filter) + at(Level::rf_psum), at(Level::mac)};
}

}  // namespace accelsim
