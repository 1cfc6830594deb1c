#include <algorithm>
#include <filesystem>

#include "arch/arch_limits.h"
#include "arch/arch_parser.h"
#include "sim/common/files.h"

namespace accelsim {
using arch_limits::kMaxEnergyCost;

EnergyTable parse_energy_table(YamlMap map) {
  EnergyTable table;
  map.expect_keys({"name", "source", "unit", "per_access", "mac_gated", "static_mw"});
  table.name = map.at("name").to_string();
  table.source = map.at("source").to_string();
  table.unit = map.at("unit").to_choice({"pJ", "x MAC"});
  YamlMap costs = map.at("per_access").to_map();
  costs.expect_keys(level_names());
  for (size_t i = 0; i < level_names().size(); ++i) {
    table.per_access[i] = costs.at(level_names()[i]).to_number(0, true, kMaxEnergyCost);
  }
  costs.finish();
  table.mac_gated = map.get_number("mac_gated", 0, 0, true, kMaxEnergyCost);
  table.static_mw = map.get_number("static_mw", 0, 0, true, kMaxEnergyCost);
  map.finish();
  return table;
}

const std::vector<std::string>& level_names() {
  static const std::vector<std::string> names = {
      "dram", "glb", "filter_buffer", "array", "rf_ifmap", "rf_filter", "rf_psum", "mac"};
  return names;
}

EnergyTable parse_energy_file(const std::string& path) {
  const YamlDocument document = load_yaml_file(path);
  return parse_energy_table(YamlMap(&document, document.root, ""));
}

std::vector<std::string> list_builtin_energy_tables() {
  std::vector<std::string> names;
  std::error_code error;
  const auto folder = std::filesystem::path(data_dir()) / "arch" / "energy";
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace accelsim
