#include "sim/stats/access_counts.h"

namespace accelsim {

const std::vector<std::string>& data_type_names() {
  static const std::vector<std::string> names = {"ifmap", "filter", "psum", "ofmap"};
  return names;
}

const std::vector<std::string>& action_names() {
  static const std::vector<std::string> names = {"read", "write"};
  return names;
}

int64_t AccessCounts::level_total(Level level) const {
  if (level == Level::mac) return macs_issued;
  int64_t total = 0;
  for (const auto& per_type : words[int(level)]) {
    for (int64_t count : per_type) total += count;
  }
  return total;
}

AccessCounts& AccessCounts::operator+=(const AccessCounts& other) {
  for (int l = 0; l < kLevelCount; ++l) {
    for (int t = 0; t < kDataTypeCount; ++t) {
      for (int a = 0; a < kActionCount; ++a) words[l][t][a] += other.words[l][t][a];
    }
  }
  macs_issued += other.macs_issued;
  macs_gated += other.macs_gated;
  return *this;
}

AccessCounts AccessCounts::scaled(int64_t factor) const {
  AccessCounts result;
  for (int l = 0; l < kLevelCount; ++l) {
    for (int t = 0; t < kDataTypeCount; ++t) {
      for (int a = 0; a < kActionCount; ++a) result.words[l][t][a] = words[l][t][a] * factor;
    }
  }
  result.macs_issued = macs_issued * factor;
  result.macs_gated = macs_gated * factor;
  return result;
}

bool AccessCounts::operator==(const AccessCounts& other) const {
  return words == other.words && macs_issued == other.macs_issued &&
         macs_gated == other.macs_gated;
}

std::string AccessCounts::diff(const AccessCounts& other) const {
  std::string text;
  for (int l = 0; l < kLevelCount; ++l) {
    for (int t = 0; t < kDataTypeCount; ++t) {
      for (int a = 0; a < kActionCount; ++a) {
        if (words[l][t][a] == other.words[l][t][a]) continue;
        text += level_names()[l] + "." + data_type_names()[t] + "." + action_names()[a] + ": " +
                std::to_string(words[l][t][a]) + " != " + std::to_string(other.words[l][t][a]) +
                "\n";
      }
    }
  }
  if (macs_issued != other.macs_issued) {
    text += "macs_issued: " + std::to_string(macs_issued) + " != " +
            std::to_string(other.macs_issued) + "\n";
  }
  if (macs_gated != other.macs_gated) {
    text += "macs_gated: " + std::to_string(macs_gated) + " != " +
            std::to_string(other.macs_gated) + "\n";
  }
  return text;
}

double EnergyBreakdown::total() const {
  double sum = 0;
  for (double value : per_level) sum += value;
  return sum;
}

double price_entry(Level level, int64_t count, const EnergyTable& table) {
  return double(count) * table.cost(level);
}

EnergyBreakdown price(const AccessCounts& counts, const EnergyTable& table) {
  EnergyBreakdown energy;
  for (int l = 0; l < kLevelCount - 1; ++l) {
    energy.per_level[l] = price_entry(Level(l), counts.level_total(Level(l)), table);
  }
  energy.per_level[int(Level::mac)] = double(counts.macs_issued) * table.cost(Level::mac) +
                                      double(counts.macs_gated) * table.mac_gated;
  return energy;
}

}  // namespace accelsim
