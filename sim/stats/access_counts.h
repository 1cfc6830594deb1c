#pragma once
// What the hardware did, counted per (level, data type, action): the one vocabulary
// shared by the analytical model and the engine, so their counts can be compared.
// One access is one word at the spec's word size. A GLB read multicast to k PEs is
// one GLB read and k array deliveries.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "arch/energy_table.h"

namespace accelsim {

enum class DataType { ifmap, filter, psum, ofmap };
constexpr int kDataTypeCount = 4;
const std::vector<std::string>& data_type_names();

enum class Action { read, write };
constexpr int kActionCount = 2;
const std::vector<std::string>& action_names();

struct AccessCounts {
  std::array<std::array<std::array<int64_t, kActionCount>, kDataTypeCount>, kLevelCount> words{};
  int64_t macs_issued = 0;  // MACs that ran
  int64_t macs_gated = 0;   // MACs skipped by zero gating (a zero ifmap)

  int64_t& at(Level level, DataType type, Action action) {
    return words[int(level)][int(type)][int(action)];
  }
  int64_t at(Level level, DataType type, Action action) const {
    return words[int(level)][int(type)][int(action)];
  }
  int64_t level_total(Level level) const;
  AccessCounts& operator+=(const AccessCounts& other);
  AccessCounts scaled(int64_t factor) const;
  bool operator==(const AccessCounts& other) const;
  bool operator!=(const AccessCounts& other) const { return !(*this == other); }
  // "level.type.action: a != b" lines for every difference, for test messages.
  std::string diff(const AccessCounts& other) const;
};

// Energy per level, in the table's unit.
struct EnergyBreakdown {
  std::array<double, kLevelCount> per_level{};
  double total() const;
};

// count x cost over every (level, data type, action), plus gated MACs at the gated cost.
EnergyBreakdown price(const AccessCounts& counts, const EnergyTable& table);
// Energy of one (level, data type, action) entry.
double price_entry(Level level, int64_t count, const EnergyTable& table);

}  // namespace accelsim
