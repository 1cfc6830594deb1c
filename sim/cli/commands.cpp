#include "sim/cli/commands.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "arch/arch_parser.h"
#include "arch/spec_location.h"
#include "sim/common/output_folder.h"
#include "sim/common/files.h"
#include "sim/common/text.h"
#include "sim/api/layer_selection.h"
#include "sim/api/progress.h"
#include "sim/api/request.h"
#include "sim/report/network_report.h"
#include "sim/report/comparison.h"
#include "sim/report/run_report.h"
#include "sim/report/text_table.h"
#include "sim/report/trace_file.h"
#include "workloads/network.h"

#ifndef ACCELSIM_VERSION
#define ACCELSIM_VERSION "unknown"
#endif

namespace accelsim {
namespace {

void print_in_format(std::ostream& out, const std::string& format, const std::string& table,
                     const std::string& csv, const nlohmann::json& json) {
  if (format == "json") {
    out << json.dump(2) << "\n";
  } else if (format == "csv") {
    out << csv;
  } else {
    out << table;
  }
}

int list_networks(const CliOptions& options, std::ostream& out) {
  std::vector<Network> networks;
  for (const auto& name : list_builtin_networks()) networks.push_back(load_network(name));
  print_in_format(out, options.format, network_list_table(networks), network_list_csv(networks),
                  network_list_json(networks));
  return 0;
}

// Spec files, and spec folders (one spec per dataflow, run with --dataflow all).
int list_archs(const CliOptions& options, std::ostream& out) {
  TextTable table({"arch", "PEs", "description"});
  nlohmann::json json = nlohmann::json::array();
  std::string csv = csv_row({"name", "rows", "cols", "description"});
  std::vector<std::string> names = list_builtin_archs();
  for (const auto& folder : list_builtin_spec_folders()) names.push_back(folder);
  std::sort(names.begin(), names.end());
  for (const auto& name : names) {
    const SpecLocation location = locate_spec(name);
    const auto dataflows = location.folder ? spec_folder_dataflows(location.path)
                                           : std::vector<std::string>{};
    const ArchSpec spec = load_arch(location.folder ? name + "/" + dataflows.front() : name);
    const std::string description =
        location.folder ? "folder: one spec per dataflow (" + join(dataflows, ", ") + ")"
                        : spec.description;
    const std::string pes =
        std::to_string(spec.pe_array.rows) + "x" + std::to_string(spec.pe_array.cols);
    table.add_row({name, pes, description});
    csv += csv_row({name, std::to_string(spec.pe_array.rows), std::to_string(spec.pe_array.cols),
                    description});
    json.push_back({{"name", name}, {"pe_array", pes}, {"description", description},
                    {"folder", location.folder}});
  }
  print_in_format(out, options.format, table.render(), csv, {{"archs", json}});
  return 0;
}

// results/<arch>_<net>, or for a spec folder results/<folder>_<net> (isca16_alexnet).
std::string default_out_dir(const SimulationInputs& inputs, const std::string& arch) {
  std::string name = inputs.arch.name;
  if (inputs.folder) {
    std::filesystem::path folder(arch);
    if (folder.filename().empty()) folder = folder.parent_path();
    name = folder.filename().string();
  }
  // The parsers rejected names with '/' or a leading '.'; a folder's own name may be
  // "..", which "_<net>" makes an ordinary file name inside results/.
  return (std::filesystem::path("results") / (name + "_" + inputs.network.name)).string();
}

// "wrote trace.json: conv1 on rs, passes 1 to 4 of 96 (open in ui.perfetto.dev)".
std::string trace_note(const SimulationResult& result, const std::string& file) {
  std::string jobs;
  for (const auto& t : result.traces) {
    jobs += (jobs.empty() ? "" : "; ") + t.layer + " on " + t.dataflow + ", passes " +
            std::to_string(t.window.first_pass) + " to " +
            std::to_string(std::min(t.window.last_pass, t.passes)) + " of " +
            std::to_string(t.passes) +
            (t.pe_spans_dropped ? " (PE spans cut at " + std::to_string(kMaxPeSpans) +
                                      ": narrow --trace-passes)"
                                : "");
  }
  return "wrote " + file + ": " + (jobs.empty() ? "nothing mapped to trace" : jobs) +
         " (open in ui.perfetto.dev)\n";
}

// run(), with progress on stderr for a long run (progress.h).
SimulationResult run_with_progress(const SimulationInputs& inputs, bool quiet) {
  const long long entries = inputs.folder ? (long long)inputs.folder->archs.size()
                                          : (long long)request_dataflows(inputs.options.dataflows).size();
  long long macs = 0;
  for (const Layer* layer : select_layers(inputs.network, inputs.options.layers)) {
    macs += layer_shape(*layer, inputs.options.batch).macs() * entries;
  }
  ProgressReporter progress(entries * (long long)inputs.layer_count, macs, progress_wanted(quiet),
                            std::cerr);
  return run(inputs);
}

// --check: the inputs are valid; the mapper runs too, so a layer that cannot be
// mapped shows up here.
void check(const SimulationInputs& inputs, bool quiet, std::ostream& out) {
  std::string unmappable;
  for (const auto& layer : map_layers(inputs)) {
    if (!layer.mapped) {
      unmappable += "  " + layer.layer + " (" + layer.dataflow + "): " + layer.reason + "\n";
    }
  }
  if (quiet) return;
  out << "ok: " << inputs.arch.file << " and " << inputs.network.file << " ("
      << inputs.layer_count << " layers) are valid\n";
  if (!unmappable.empty()) out << "layers that cannot be mapped:\n" << unmappable;
}

int simulate(const CliOptions& options, std::ostream& out) {
  const SimulationInputs inputs = prepare(options.request);
  if (options.check) {
    check(inputs, options.quiet, out);
    return 0;
  }
  const std::string out_dir =
      options.out.empty() ? default_out_dir(inputs, options.request.arch) : options.out;
  check_output_folder(out_dir);  // a bad --out fails now, not after the simulation
  const SimulationResult result = run_with_progress(inputs, options.quiet);
  const RunContext context = run_context(inputs, result);
  write_run_files(context, out_dir);
  if (!options.trace_file.empty()) write_trace_file(result.traces, options.trace_file);
  if (!options.quiet) {
    if (options.format == "table") {
      out << (compares_dataflows(result) ? comparison_table(context) : run_table(context))
          << "wrote " << out_dir
          << "/{summary.csv,accesses.csv,run.json,mappings.txt,report.html,diagnostics.json}\n";
      if (!options.trace_file.empty()) out << trace_note(result, options.trace_file);
    } else {
      print_in_format(out, options.format, "", summary_csv(context), run_json(context));
    }
  }
  const auto unverified = unverified_layers(result);
  if (!unverified.empty()) {
    throw std::runtime_error("layer " + unverified.front() +
                             ": the engine's output differs from the reference convolution");
  }
  return 0;
}

}  // namespace

int run_command(const CliOptions& options, std::ostream& out) {
  if (options.help) {
    out << options.help_text;
    return 0;
  }
  if (options.version) {
    out << "accelsim " << ACCELSIM_VERSION << "\n";
    return 0;
  }
  if (options.list_nets) return list_networks(options, out);
  if (options.list_archs) return list_archs(options, out);
  if (options.summary) {
    require_given(options.request.net, "--net");
    const Network network = load_requested_network(options.request);
    print_in_format(out, options.format, network_summary_table(network),
                    network_summary_csv(network), network_summary_json(network));
    return 0;
  }
  return simulate(options, out);
}

}  // namespace accelsim
