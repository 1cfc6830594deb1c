#include "sim/report/comparison.h"

#include <map>
#include <set>

#include "sim/report/level_energy.h"
#include "sim/report/text_table.h"

namespace accelsim {
namespace {

struct Row {
  std::string dataflow;
  long long macs = 0, dram_accesses = 0, cycles = 0;
  int active_pes = 0;
  LevelEnergy energy;
  bool verified = true;
  bool mapped = true;
  std::string reason;
};

std::vector<std::string> cells(const Row& row, bool best) {
  if (!row.mapped) return {row.dataflow, "not mapped: " + row.reason};
  const double macs = double(row.macs);
  // A layer without MACs (a pool, an add, a concat) has no per-MAC figures.
  const auto per_mac = [&](double value, int digits = 3) {
    return macs > 0 ? fixed(value / macs, digits) : std::string("-");
  };
  return {row.dataflow,
          per_mac(row.energy.dram),
          per_mac(row.energy.glb),
          per_mac(row.energy.array),
          per_mac(row.energy.rf),
          per_mac(row.energy.mac),
          per_mac(row.energy.total()) + (best ? " *" : ""),
          per_mac(double(row.dram_accesses), 4),
          std::to_string(row.cycles),
          std::to_string(row.active_pes),
          row.verified ? "yes" : "NO"};
}

// Adds one group of rows (a layer, or the totals) with the lowest energy marked.
void add_group(TextTable& table, const std::string& title, const std::vector<Row>& rows) {
  double lowest = -1;
  for (const auto& row : rows) {
    const double per_mac = row.macs ? row.energy.total() / double(row.macs) : 0;
    if (row.mapped && (lowest < 0 || per_mac < lowest)) lowest = per_mac;
  }
  bool first = true;
  for (const auto& row : rows) {
    const bool best = row.mapped && row.macs && row.energy.total() / double(row.macs) == lowest;
    std::vector<std::string> line = {first ? title : ""};
    for (auto& cell : cells(row, best)) line.push_back(cell);
    table.add_row(line);
    first = false;
  }
  table.add_separator();
}

}  // namespace

bool compares_dataflows(const SimulationResult& result) {
  std::set<std::string> dataflows;
  for (const auto& layer : result.layers) dataflows.insert(layer.dataflow);
  return dataflows.size() > 1;
}

std::string comparison_table(const RunContext& run) {
  TextTable table({"layer", "dataflow", "DRAM", "GLB", "array", "RF", "MAC", "energy/MAC",
                   "DRAM/MAC", "cycles", "PEs", "verified"});
  std::vector<std::string> order;                  // dataflows, as first seen
  std::map<std::string, Row> totals;
  std::string current;
  std::vector<Row> group;
  for (const auto& layer : run.result.layers) {
    if (layer.layer != current && !group.empty()) {
      add_group(table, current, group);
      group.clear();
    }
    current = layer.layer;
    Row row{layer.dataflow_label(), layer.macs, layer.run.counts.level_total(Level::dram),
            layer.run.cycles, layer.active_pes, level_energy(layer.energy),
            layer.output_verified, layer.mapped, layer.reason};
    group.push_back(row);
    if (!totals.count(layer.dataflow)) order.push_back(layer.dataflow);
    Row& total = totals.emplace(layer.dataflow, Row{layer.dataflow}).first->second;
    if (!layer.mapped) {
      total.reason = "some layers not mapped";
      continue;
    }
    total.macs += row.macs;
    total.dram_accesses += row.dram_accesses;
    total.cycles += row.cycles;
    total.active_pes = std::max(total.active_pes, row.active_pes);
    total.energy += row.energy;
    total.verified = total.verified && row.verified;
  }
  if (!group.empty()) add_group(table, current, group);
  std::vector<Row> total_rows;
  for (const auto& dataflow : order) total_rows.push_back(totals.at(dataflow));
  add_group(table, "total", total_rows);
  return run.network.name + ", batch " + std::to_string(run.options.batch) +
         ": energy per MAC by level (" + run.arch.energy.unit + ", " + run.arch.energy.name +
         "), DRAM accesses per MAC, cycles, active PEs; * marks the lowest energy\n" +
         table.render();
}

}  // namespace accelsim
