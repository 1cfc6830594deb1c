#pragma once
// Reading accelerator specs and energy tables from YAML.

#include <string>
#include <vector>

#include "arch/arch_spec.h"
#include "sim/common/yaml_reader.h"

namespace accelsim {

// Reads `path`, applies `overrides` (`--set`, `--pe-array`) to the document, then
// parses and validates the result. Throws InputError naming file:line (or the
// override), the key path, what was found and what was expected.
ArchSpec parse_arch_file(const std::string& path, const std::vector<Override>& overrides = {});

// A path to a spec file, or a built-in name: "eyeriss" is arch/eyeriss.yaml,
// "isca16/rs" is arch/isca16/rs.yaml.
ArchSpec load_arch(const std::string& name_or_path, const std::vector<Override>& overrides = {});

// Built-in spec names (relative to <data_dir>/arch, without .yaml), sorted.
std::vector<std::string> list_builtin_archs();

// Reads an energy table file (format: arch/README.md).
EnergyTable parse_energy_file(const std::string& path);

// Reads an energy table from a section of a document (a file's root, or inline in
// a spec's `energy:`).
EnergyTable parse_energy_table(YamlMap map);

// Built-in energy table names (arch/energy/*.yaml), sorted.
std::vector<std::string> list_builtin_energy_tables();

// "16x16" -> the two overrides pe_array.rows=16, pe_array.cols=16.
std::vector<Override> pe_array_overrides(const std::string& rows_by_cols);

}  // namespace accelsim
