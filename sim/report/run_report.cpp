#include "sim/report/run_report.h"

#include "sim/api/network_values.h"
#include "sim/common/files.h"
#include "sim/common/output_folder.h"
#include "sim/common/text.h"
#include "sim/report/html_report.h"
#include "sim/report/network_report.h"
#include "sim/report/text_table.h"

#ifndef ACCELSIM_VERSION
#define ACCELSIM_VERSION "unknown"
#endif

namespace accelsim {
namespace {

const std::vector<std::string> kSummaryColumns = {
    "layer", "dataflow", "variant", "batch", "macs", "cycles", "processing_cycles", "active_pes",
    "utilization", "energy", "energy_per_mac", "time_ms", "dram_wait_cycles", "ramp_up_cycles",
    "passes", "macs_gated", "input_zero_fraction", "ifmap_link_ratio", "ofmap_link_ratio",
    "stall_filter_load", "stall_ifmap", "stall_psum", "stall_output",
    "stall_idle", "glb_port_conflicts", "power_mw", "output_verified", "mapped", "mapping",
    "reason"};

double time_ms(long long cycles, const ArchSpec& arch) { return cycles / (arch.clock_mhz * 1e3); }

// Average power over the layer's cycles at the spec's clock: dynamic energy over
// time plus the table's static power. Only for absolute (pJ) tables.
std::string power_mw(const LayerResult& layer, const ArchSpec& arch) {
  if (!arch.energy.is_absolute() || layer.run.cycles == 0) return "";
  const double seconds = time_ms(layer.run.cycles, arch) * 1e-3;
  return fixed(layer.energy.total() * 1e-12 / seconds * 1e3 + arch.energy.static_mw, 3);
}

struct Totals {
  long long macs = 0, cycles = 0, processing = 0;
  AccessCounts counts;
  double energy = 0;
  bool all_verified = true;
};

Totals totals_of(const SimulationResult& result) {
  Totals totals;
  for (const auto& layer : result.layers) {
    if (!layer.mapped) continue;
    totals.macs += layer.macs;
    totals.cycles += layer.run.cycles;
    totals.processing += layer.run.processing_cycles;
    totals.counts += layer.run.counts;
    totals.energy += layer.energy.total();
    totals.all_verified = totals.all_verified && layer.output_verified;
  }
  return totals;
}

long long rf_total(const AccessCounts& counts) {
  return counts.level_total(Level::rf_ifmap) + counts.level_total(Level::rf_filter) +
         counts.level_total(Level::rf_psum);
}

// The chained model's functional pass, layer by layer (results/README.md).
nlohmann::json network_values_json(const SimulationResult& result) {
  nlohmann::json values = nlohmann::json::array();
  if (!result.values) return values;
  for (const auto& v : result.values->stats) {
    values.push_back({{"layer", v.layer}, {"type", v.type}, {"zero_fraction", v.zero_fraction},
                      {"min", v.min_value}, {"max", v.max_value}, {"rms", v.rms},
                      {"weight_amplitude", v.weight_amplitude},
                      {"add_shift_bits", v.add_shift_bits},
                      {"product_shift", v.product_shift}});
  }
  return values;
}

}  // namespace

RunContext run_context(const SimulationInputs& inputs, const SimulationResult& result) {
  return {inputs.arch, inputs.network, inputs.options, result,
          inputs.folder ? &inputs.folder->archs : nullptr};
}

std::string run_table(const RunContext& run) {
  const ArchSpec& arch = run.arch;
  TextTable table({"layer", "MACs", "cycles", "proc cycles", "ms", "PEs", "util", "in zeros",
                   "link in/out", "DRAM", "GLB", "array", "RF", "energy/MAC", "verified"});
  for (const auto& layer : run.result.layers) {
    // A family's rows name the variant that ran.
    const std::string name =
        layer.variant == layer.dataflow ? layer.layer : layer.layer + " (" + layer.variant + ")";
    if (!layer.mapped) {
      table.add_row({name, human_count(double(layer.macs)), "not mapped: " + layer.reason});
      continue;
    }
    const AccessCounts& c = layer.run.counts;
    table.add_row({name, human_count(double(layer.macs)), std::to_string(layer.run.cycles),
                   std::to_string(layer.run.processing_cycles),
                   fixed(time_ms(layer.run.cycles, arch), 3), std::to_string(layer.active_pes),
                   fixed(layer.utilization(), 3), fixed(layer.input_zero_fraction, 2),
                   fixed(layer.ifmap_link_ratio(), 2) + "/" + fixed(layer.ofmap_link_ratio(), 2),
                   human_count(double(c.level_total(Level::dram))),
                   human_count(double(c.level_total(Level::glb) +
                                      c.level_total(Level::filter_buffer))),
                   human_count(double(c.level_total(Level::array))),
                   human_count(double(rf_total(c))),
                   layer.macs ? fixed(layer.energy.total() / double(layer.macs), 3) : "-",
                   layer.output_verified ? "yes" : "NO"});
  }
  const Totals t = totals_of(run.result);
  table.add_separator();
  table.add_row({"total", human_count(double(t.macs)), std::to_string(t.cycles),
                 std::to_string(t.processing), fixed(time_ms(t.cycles, arch), 3), "",
                 t.processing ? fixed(double(t.macs) / (double(t.processing) *
                                                        arch.pe_array.count()), 3)
                              : "-",
                 "", "", human_count(double(t.counts.level_total(Level::dram))),
                 human_count(double(t.counts.level_total(Level::glb) +
                                    t.counts.level_total(Level::filter_buffer))),
                 human_count(double(t.counts.level_total(Level::array))),
                 human_count(double(rf_total(t.counts))),
                 t.macs ? fixed(t.energy / double(t.macs), 3) : "-",
                 t.all_verified ? "yes" : "NO"});
  return run.network.name + " on " + run.arch.name + " (" + std::to_string(arch.pe_array.rows) +
         "x" + std::to_string(arch.pe_array.cols) + " PEs, " + fixed(arch.clock_mhz, 0) +
         " MHz), dataflow " + join(run.options.dataflows, ",") + ", batch " +
         std::to_string(run.options.batch) + "\n" + table.render() +
         "accesses in words; energy per MAC in " + arch.energy.unit + " (" + arch.energy.name +
         "); cycles include DRAM transfers the array waits for, proc cycles do not\n";
}

std::string summary_csv(const RunContext& run) {
  std::string csv = csv_row(kSummaryColumns);
  for (const auto& l : run.result.layers) {
    const PeStalls& s = l.run.stalls;
    const double energy = l.energy.total();
    csv += csv_row({l.layer, l.dataflow, l.variant, std::to_string(l.batch), std::to_string(l.macs),
                    std::to_string(l.run.cycles), std::to_string(l.run.processing_cycles),
                    std::to_string(l.active_pes), fixed(l.utilization(), 6),
                    fixed(energy, 3), l.macs ? fixed(energy / double(l.macs), 6) : "",
                    fixed(time_ms(l.run.cycles, run.arch), 6),
                    std::to_string(l.run.dram_wait_cycles), std::to_string(l.run.ramp_up_cycles),
                    std::to_string(l.run.passes), std::to_string(l.run.counts.macs_gated),
                    fixed(l.input_zero_fraction, 6), fixed(l.ifmap_link_ratio(), 6),
                    fixed(l.ofmap_link_ratio(), 6),
                    std::to_string(s.filter_load), std::to_string(s.ifmap),
                    std::to_string(s.psum), std::to_string(s.output), std::to_string(s.idle),
                    std::to_string(l.run.glb_port_conflicts), power_mw(l, run.arch),
                    l.output_verified ? "true" : "false", l.mapped ? "true" : "false",
                    l.mapping.describe(), l.reason});
  }
  return csv;
}

std::string accesses_csv(const RunContext& run) {
  std::string csv =
      csv_row({"layer", "dataflow", "level", "data_type", "action", "count", "energy"});
  const EnergyTable& table = run.arch.energy;
  for (const auto& l : run.result.layers) {
    if (!l.mapped) continue;
    const AccessCounts& c = l.run.counts;
    for (int level = 0; level < kLevelCount - 1; ++level) {
      for (int type = 0; type < kDataTypeCount; ++type) {
        for (int action = 0; action < kActionCount; ++action) {
          const long long count = c.words[level][type][action];
          if (count == 0) continue;
          csv += csv_row({l.layer, l.dataflow, level_names()[level], data_type_names()[type],
                          action_names()[action], std::to_string(count),
                          fixed(price_entry(Level(level), count, table), 3)});
        }
      }
    }
    csv += csv_row({l.layer, l.dataflow, "mac", "psum", "issued", std::to_string(c.macs_issued),
                    fixed(double(c.macs_issued) * table.cost(Level::mac), 3)});
    csv += csv_row({l.layer, l.dataflow, "mac", "psum", "gated", std::to_string(c.macs_gated),
                    fixed(double(c.macs_gated) * table.mac_gated, 3)});
  }
  return csv;
}

std::string mappings_text(const RunContext& run) {
  std::string text;
  for (const auto& l : run.result.layers) {
    text += l.layer + " (" + l.dataflow + "): ";
    if (!l.mapped) {
      text += "not mapped: " + l.reason + "\n";
      continue;
    }
    if (l.mapping.dataflow.empty()) {  // a layer that moves feature maps (sim/api/move_layers.h)
      text += "moved through the GLB, no mapping\n  cycles " + std::to_string(l.run.cycles) + "\n";
      continue;
    }
    text += l.mapping.describe() + (l.mapping_given ? "  [given]" : "  [searched " +
                                    std::to_string(l.mapper_candidates) + " legal mappings]") +
            "\n  active PEs " + std::to_string(l.active_pes) + ", passes " +
            std::to_string(l.run.passes) + ", model estimate " +
            std::to_string(l.model.estimated_cycles) + " cycles, measured " +
            std::to_string(l.run.cycles) + "\n";
  }
  return text;
}

nlohmann::json run_json(const RunContext& run) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& l : run.result.layers) {
    nlohmann::json entry = {{"layer", l.layer}, {"dataflow", l.dataflow},
                            {"variant", l.variant}, {"batch", l.batch},
                            {"macs", l.macs}, {"mapped", l.mapped}};
    // Layers without MACs say what they are and what the array did instead.
    if (!l.layer_type.empty()) entry.update({{"type", l.layer_type}, {"ops", l.ops}});
    if (!l.mapped) {
      entry["reason"] = l.reason;
      layers.push_back(entry);
      continue;
    }
    nlohmann::json params;
    for (const auto& [key, value] : l.mapping.params) params[key] = value;
    entry.update({{"mapping", {{"dataflow", l.mapping.dataflow}, {"params", params},
                               {"given", l.mapping_given},
                               {"candidates_searched", l.mapper_candidates},
                               {"energy_weighed", l.mapper_energy},
                               {"cycles_weighed", l.mapper_cycles},
                               {"engine_ranked", l.mapper_engine_ranked}}},
                  {"cycles", l.run.cycles},
                  {"processing_cycles", l.run.processing_cycles},
                  {"dram_wait_cycles", l.run.dram_wait_cycles},
                  {"ramp_up_cycles", l.run.ramp_up_cycles},
                  {"passes", l.run.passes},
                  {"active_pes", l.active_pes},
                  {"utilization", l.utilization()},
                  {"stall_pe_cycles", stalls_json(l.run.stalls)},
                  {"glb_port_conflicts", l.run.glb_port_conflicts},
                  {"counts", counts_json(l.run.counts)},
                  {"model_counts", counts_json(l.model.counts)},
                  {"model_estimated_cycles", l.model.estimated_cycles},
                  {"model_estimated_dram_wait_cycles", l.model.estimated_dram_wait_cycles},
                  {"energy", energy_json(l.energy)},
                  {"energy_total", l.energy.total()},
                  {"power_mw", power_mw(l, run.arch)},
                  {"output_verified", l.output_verified},
                  {"input_zero_fraction", l.input_zero_fraction},
                  {"input_chained", l.input_chained},
                  {"ifmap_raw_words", l.run.ifmap_raw_words},
                  {"ofmap_raw_words", l.run.ofmap_raw_words},
                  {"ifmap_link_ratio", l.ifmap_link_ratio()},
                  {"ofmap_link_ratio", l.ofmap_link_ratio()}});
    layers.push_back(entry);
  }
  const Totals t = totals_of(run.result);
  nlohmann::json archs = nlohmann::json::array();
  if (run.archs) {
    for (const auto& spec : *run.archs) archs.push_back(arch_json(spec));
  }
  return {{"tool", "accelsim"},
          {"version", ACCELSIM_VERSION},
          {"arch", arch_json(run.arch)},
          {"archs", archs},
          {"network", network_summary_json(run.network)},
          {"options", {{"dataflow", join(run.options.dataflows, ",")},
                       {"batch", run.options.batch},
                       {"mode", run.options.mode == EngineMode::exact ? "exact" : "per-cycle"},
                       {"seed", run.options.seed},
                       {"data_model", run.options.independent_layers ? "independent" : "chained"},
                       {"zero_fraction", run.options.zero_fraction}}},
          {"energy_unit", run.arch.energy.unit},
          {"energy_table", run.arch.energy.name},
          {"layers", layers},
          {"network_values", network_values_json(run.result)},
          {"totals", {{"macs", t.macs}, {"cycles", t.cycles}, {"processing_cycles", t.processing},
                      {"energy", t.energy}, {"counts", counts_json(t.counts)},
                      {"all_outputs_verified", t.all_verified}}}};
}

nlohmann::json diagnostics_json(const RunContext& run) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& l : run.result.layers) {  // the layers of run.json, in its order
    nlohmann::json entry = {{"layer", l.layer}, {"dataflow", l.dataflow},
                            {"search_seconds", l.mapper_seconds}};
    if (l.mapped) {
      entry.update({{"stepped_passes", l.run.stepped_passes},
                    {"skipped_cycles", l.run.skipped_cycles}});
    }
    layers.push_back(entry);
  }
  return {{"tool", "accelsim"},
          {"version", ACCELSIM_VERSION},
          {"engine_seconds", run.result.engine_seconds},
          {"layers", layers}};
}

void write_run_files(const RunContext& run, const std::string& folder) {
  // Everything is rendered before the first file is written: a failure leaves nothing.
  const std::string summary = summary_csv(run), accesses = accesses_csv(run),
                    json = run_json(run).dump(2) + "\n", mappings = mappings_text(run),
                    html = html_report(run), diagnostics = diagnostics_json(run).dump(2) + "\n";
  write_files_together(folder, {{"summary.csv", summary},
                                {"accesses.csv", accesses},
                                {"mappings.txt", mappings},
                                {"run.json", json},
                                {"report.html", html},
                                {"diagnostics.json", diagnostics}});
}

}  // namespace accelsim
