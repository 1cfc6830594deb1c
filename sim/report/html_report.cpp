#include "sim/report/html_report.h"

#include <filesystem>
#include <set>

#include "sim/report/html_charts.h"
#include "sim/report/level_energy.h"
#include "sim/report/text_table.h"

#ifndef ACCELSIM_VERSION
#define ACCELSIM_VERSION "unknown"
#endif

namespace accelsim {
namespace {

const char* kStyle = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px 32px;color:#222}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #ddd}
h3{font-size:15px;margin:20px 0 6px}.sub{color:#555;margin:0 0 16px}
table{border-collapse:collapse;margin:8px 0}th,td{padding:3px 8px;border-bottom:1px solid #e6e6e6}
th{background:#f4f4f4;text-align:left;position:sticky;top:0}td.num,th.num{text-align:right}
tbody tr:hover{background:#fafae6}td.bad{color:#b00;font-weight:bold}.best{font-weight:bold}
table.facts th{background:none;font-weight:600;position:static}.scroll{overflow-x:auto}
.legend span{margin-right:16px;white-space:nowrap}.legend i{display:inline-block;width:12px;
height:12px;margin-right:5px;vertical-align:-1px;border-radius:2px}
.note{color:#444;max-width:1100px}.warn{color:#b00}figure{margin:10px 24px 10px 0}
figcaption{font-weight:600;margin-bottom:4px}figure.waterfall{width:min-content}.row{display:flex;flex-wrap:wrap;align-items:flex-start}
.charts{overflow-x:auto}svg.chart{display:block}details{margin:6px 0}
summary{cursor:pointer;font-weight:600}table.how td:first-child{white-space:nowrap}
table.layers td,table.specs td:first-child{white-space:nowrap}figure.placement{max-width:470px}table.layers tr.first td{border-top:2px solid #c8c8c8}
)";

std::string cell(const std::string& text, bool number = false) {
  return std::string(number ? "<td class=\"num\">" : "<td>") + escape_html(text) + "</td>";
}

std::string header_row(const std::vector<std::pair<std::string, bool>>& columns) {
  std::string html = "<thead><tr>";
  for (const auto& [name, number] : columns) {
    html += std::string(number ? "<th class=\"num\">" : "<th>") + escape_html(name) + "</th>";
  }
  return html + "</tr></thead>";
}

std::string fact(const std::string& name, const std::string& value) {
  return "<tr><th>" + escape_html(name) + "</th><td>" + escape_html(value) + "</td></tr>";
}

// The data model in a line (README, Data model): chained values from the photo, or
// each layer on its own generated ifmap.
std::string data_model_text(const SimulationOptions& options) {
  const std::string seed = "seed " + std::to_string(options.seed) +
                           (options.data_folder.empty()
                                ? ""
                                : "; .npy values from " + options.data_folder + " where given");
  if (!options.independent_layers) {
    return "chained: values flow from " +
           (options.image.empty() ? std::string("the shipped photo") : options.image) +
           " through the network, weights generated from the " + seed;
  }
  return "independent layers: generated ifmaps with zero fraction " +
         fixed(options.zero_fraction, 2) +
         (options.zero_profile.empty() ? "" : " (or the layer's, from the profile)") +
         ", " + seed;
}

std::vector<ArchSpec> specs_of(const RunContext& run) {
  return run.archs && !run.archs->empty() ? *run.archs : std::vector<ArchSpec>{run.arch};
}

std::string spec_names(const RunContext& run) {
  std::string names;
  for (const auto& spec : specs_of(run)) names += (names.empty() ? "" : ", ") + spec.name;
  return names;
}

// The folder of a spec-folder run (every spec in one folder), else "".
std::string spec_folder_name(const std::vector<ArchSpec>& specs) {
  std::set<std::string> folders;
  for (const auto& spec : specs) {
    folders.insert(std::filesystem::path(spec.file).parent_path().filename().string());
  }
  return specs.size() > 1 && folders.size() == 1 ? *folders.begin() : "";
}

std::string title(const ReportView& view) {
  const auto specs = specs_of(view.run);
  const std::string folder = spec_folder_name(specs);
  const std::string on = specs.size() == 1
                             ? view.run.arch.name
                             : (folder.empty() ? "" : folder + ": ") +
                                   std::to_string(specs.size()) + " specs, one per dataflow";
  return view.run.network.name + " on " + on + ", batch " + std::to_string(view.run.options.batch);
}

std::string spec_table(const RunContext& run) {
  std::string html = "<table class=\"specs\">" + header_row({{"spec", false},
                                                             {"PE array", false},
                                                             {"clock (MHz)", true},
                                                             {"RF words ifmap/filter/psum", false},
                                                             {"GLB (kB, + filter buffer)", true},
                                                             {"description", false}});
  for (const auto& s : specs_of(run)) {
    html += "<tr>" + cell(s.name) +
            cell(std::to_string(s.pe_array.rows) + " × " + std::to_string(s.pe_array.cols)) +
            cell(fixed(s.clock_mhz, 0), true) +
            cell(std::to_string(s.pe.ifmap_spad_words) + " / " +
                 std::to_string(s.pe.filter_spad_words) + " / " +
                 std::to_string(s.pe.psum_spad_words)) +
            cell(std::to_string(s.glb.size_kb) +
                     (s.glb.filter_buffer_kb ? " + " + std::to_string(s.glb.filter_buffer_kb) : ""),
                 true) +
            cell(s.description) + "</tr>";
  }
  return html + "</table>";
}

std::string energy_cost_table(const EnergyTable& table) {
  std::string html =
      "<table>" + header_row({{"level", false}, {"cost per access (" + table.unit + ")", true}});
  for (int level = 0; level < kLevelCount; ++level) {
    html += "<tr>" + cell(level_names()[level]) + cell(fixed(table.per_access[level], 3), true) +
            "</tr>";
  }
  return html + "</table>";
}

std::string header(const ReportView& view) {
  const RunContext& run = view.run;
  std::string dataflows;
  for (const auto& d : view.dataflows) dataflows += (dataflows.empty() ? "" : ", ") + d;
  return "<header><h1>" + escape_html(title(view)) + "</h1><p class=\"sub\">accelsim " +
         ACCELSIM_VERSION + " · dataflow" + (view.several_dataflows() ? "s " : " ") +
         escape_html(dataflows) + " · " +
         (run.options.mode == EngineMode::exact ? "exact" : "per-cycle") + " mode</p>" +
         "<table class=\"facts\">" +
         fact("network", run.network.name + " (" + std::to_string(view.layers.size()) +
                             " layers with MACs ran; " + run.network.file + ")") +
         fact("spec" + std::string(specs_of(run).size() > 1 ? "s" : ""), spec_names(run)) +
         fact("dataflows", dataflows) + fact("batch", std::to_string(run.options.batch)) +
         fact("data", data_model_text(run.options)) +
         fact("energy table", run.arch.energy.name + " (" + run.arch.energy.unit + "; " +
                                  run.arch.energy.source + ")") +
         fact("engine time", fixed(run.result.engine_seconds, 2) + " s") + "</table>" +
         "<h3>Specs</h3>" + spec_table(run) + "<h3>Energy table</h3>" +
         energy_cost_table(run.arch.energy) + "</header>";
}

struct Total {
  long long macs = 0, cycles = 0, processing = 0, dram = 0;
  double energy = 0, pe_cycles = 0;
  int layers = 0, unmapped = 0;
  bool verified = true;
};

Total total_of(const ReportView& view, const std::string& dataflow) {
  Total t;
  for (const auto& name : view.layers) {
    const LayerResult* l = view.find(name, dataflow);
    if (!l) continue;
    ++t.layers;
    if (!l->mapped) {
      ++t.unmapped;
      continue;
    }
    t.macs += l->macs, t.cycles += l->run.cycles, t.processing += l->run.processing_cycles;
    t.dram += l->run.counts.level_total(Level::dram);
    t.energy += l->energy.total();
    t.pe_cycles += double(l->run.processing_cycles) * l->array_pes;
    t.verified = t.verified && l->output_verified;
  }
  return t;
}

std::string total_row(const std::string& dataflow, const Total& t, bool best) {
  return std::string(best ? "<tr class=\"best\">" : "<tr>") + cell(dataflow) +
         cell(std::to_string(t.layers - t.unmapped) + " of " + std::to_string(t.layers), true) +
         cell(human_count(double(t.macs)), true) + cell(human_count(double(t.cycles)), true) +
         cell(human_count(double(t.processing)), true) +
         cell(t.pe_cycles ? fixed(100.0 * t.macs / t.pe_cycles, 1) + "%" : "-", true) +
         cell(t.macs ? fixed(double(t.dram) / t.macs, 4) : "-", true) +
         cell(short_number(t.energy), true) +
         cell(t.macs ? fixed(t.energy / t.macs, 3) : "-", true) +
         (t.verified ? cell("yes") : "<td class=\"bad\">NO</td>") + "</tr>";
}

std::string totals_section(const ReportView& view) {
  std::vector<Total> totals;
  double lowest = -1;  // energy per MAC, among the dataflows that mapped every layer
  for (const auto& dataflow : view.dataflows) {
    const Total t = total_of(view, dataflow);
    if (t.unmapped == 0 && t.macs && (lowest < 0 || t.energy / t.macs < lowest)) {
      lowest = t.energy / t.macs;
    }
    totals.push_back(t);
  }
  const std::string unit = view.run.arch.energy.unit;
  std::string html = "<section id=\"totals\"><h2>Totals</h2><table>" +
                     header_row({{"dataflow", false},
                                 {"layers mapped", true},
                                 {"MACs", true},
                                 {"cycles", true},
                                 {"processing cycles", true},
                                 {"utilization", true},
                                 {"DRAM accesses / MAC", true},
                                 {"energy (" + unit + ")", true},
                                 {"energy / MAC (" + unit + ")", true},
                                 {"verified", false}});
  for (size_t i = 0; i < totals.size(); ++i) {
    const Total& t = totals[i];
    html +=
        total_row(view.dataflows[i], t, t.unmapped == 0 && t.macs && t.energy / t.macs == lowest);
  }
  return html +
         "</table><p class=\"note\">Over the mapped layers. Bold: the lowest energy per "
         "MAC among the dataflows that mapped every layer. Utilization = MACs / "
         "(processing cycles × PEs of the array).</p></section>";
}

// The lowest energy per MAC of the layer among its mapped dataflows.
double lowest_energy_per_mac(const ReportView& view, const std::string& layer) {
  double lowest = -1;
  for (const auto& dataflow : view.dataflows) {
    const LayerResult* l = view.find(layer, dataflow);
    if (l && l->mapped && l->macs) {
      const double per_mac = l->energy.total() / double(l->macs);
      lowest = lowest < 0 ? per_mac : std::min(lowest, per_mac);
    }
  }
  return lowest;
}

std::string layer_row(const ReportView& view, const LayerResult& l, bool first_of_layer) {
  const std::string type = !l.layer_type.empty() ? l.layer_type
                           : view.is_fc(l.layer)   ? "FC"
                                                   : "CONV";
  std::string row = std::string(first_of_layer ? "<tr class=\"first\">" : "<tr>") +
                    cell(first_of_layer || !view.several_dataflows() ? l.layer : "") +
                    cell(first_of_layer || !view.several_dataflows() ? type : "") +
                    cell(l.dataflow);
  if (!l.mapped) {
    return row + cell(human_count(double(l.macs)), true) +
           "<td colspan=\"12\" class=\"bad\">not mapped: " + escape_html(l.reason) + "</td></tr>";
  }
  const AccessCounts& c = l.run.counts;
  const long long rf = c.level_total(Level::rf_ifmap) + c.level_total(Level::rf_filter) +
                       c.level_total(Level::rf_psum);
  return row + cell(human_count(double(l.macs)), true) + cell(std::to_string(l.run.cycles), true) +
         cell(std::to_string(l.run.processing_cycles), true) +
         cell(fixed(l.run.cycles / (l.clock_mhz * 1e3), 3), true) +
         cell(std::to_string(l.active_pes) + " / " + std::to_string(l.array_pes), true) +
         cell(fixed(l.utilization() * 100, 1) + "%", true) +
         cell(human_count(double(c.level_total(Level::dram))), true) +
         cell(human_count(double(c.level_total(Level::glb) + c.level_total(Level::filter_buffer))),
              true) +
         cell(human_count(double(c.level_total(Level::array))), true) +
         cell(human_count(double(rf)), true) +
         (l.macs == 0 ? cell("-", true)  // a pool, an add, a concat: no per-MAC figure
          : view.several_dataflows() &&
                  l.energy.total() / double(l.macs) == lowest_energy_per_mac(view, l.layer)
              ? "<td class=\"num best\">" + fixed(l.energy.total() / double(l.macs), 3) + "</td>"
              : cell(fixed(l.energy.total() / double(l.macs), 3), true)) +
         (l.output_verified ? cell("yes") : "<td class=\"bad\">NO</td>") +
         cell(l.mapping.describe()) + "</tr>";
}

std::string layers_section(const ReportView& view) {
  const std::string unit = view.run.arch.energy.unit;
  std::string html =
      "<section id=\"layers\"><h2>Per layer</h2><div class=\"scroll\"><table "
      "class=\"layers\">" +
      header_row({{"layer", false},
                  {"type", false},
                  {"dataflow", false},
                  {"MACs", true},
                  {"cycles", true},
                  {"processing cycles", true},
                  {"time (ms)", true},
                  {"active PEs / array", true},
                  {"utilization", true},
                  {"DRAM (words)", true},
                  {"GLB (words)", true},
                  {"array (words)", true},
                  {"RF (words)", true},
                  {"energy / MAC (" + unit + ")", true},
                  {"verified", false},
                  {"mapping", false}}) +
      "<tbody>";
  std::string previous;
  for (const auto& l : view.run.result.layers) {
    html += layer_row(view, l, view.several_dataflows() && l.layer != previous);
    previous = l.layer;
  }
  return html +
         "</tbody></table></div><p class=\"note\">cycles include the DRAM transfers the "
         "array waits for; processing cycles do not. Accesses in words (GLB with the "
         "filter buffer, RF = the three scratchpads); time at the spec's clock. "
         "Bold: the layer's lowest energy per MAC. results/README.md describes every "
         "column of summary.csv.</p></section>";
}

}  // namespace

std::string html_report(const RunContext& run) {
  const ReportView view = report_view(run);
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>accelsim: " +
         escape_html(title(view)) + "</title><style>" + kStyle + "</style></head><body>" +
         header(view) + totals_section(view) + layers_section(view) + energy_section(view) +
         utilization_section(view) + cycles_section(view) + mapping_section(view) + "</body></html>\n";
}

}  // namespace accelsim
