#include "sim/cli/commands.h"

#include <filesystem>

#include "arch/arch_parser.h"
#include "sim/common/files.h"
#include "sim/common/text.h"
#include "sim/report/network_report.h"
#include "sim/report/text_table.h"
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

int list_archs(const CliOptions& options, std::ostream& out) {
  TextTable table({"arch", "PEs", "description"});
  nlohmann::json json = nlohmann::json::array();
  std::string csv = csv_row({"name", "rows", "cols", "description"});
  for (const auto& name : list_builtin_archs()) {
    const ArchSpec spec = load_arch(name);
    const std::string pes =
        std::to_string(spec.pe_array.rows) + "x" + std::to_string(spec.pe_array.cols);
    table.add_row({name, pes, spec.description});
    csv += csv_row({name, std::to_string(spec.pe_array.rows), std::to_string(spec.pe_array.cols),
                    spec.description});
    json.push_back({{"name", name}, {"pe_array", pes}, {"description", spec.description}});
  }
  print_in_format(out, options.format, table.render(), csv, {{"archs", json}});
  return 0;
}

void require(const std::string& value, const std::string& option) {
  if (value.empty()) {
    throw InputError({"command line"}, "", "missing " + option + " (see --help)");
  }
}

// The layers named by --layers, each checked against the network.
std::vector<const Layer*> selected_layers(const Network& network, const CliOptions& options) {
  std::vector<const Layer*> layers;
  if (options.layers.empty()) {
    for (const auto& layer : network.layers) layers.push_back(&layer);
    return layers;
  }
  std::vector<std::string> names;
  for (const auto& layer : network.layers) names.push_back(layer.name);
  for (const auto& name : options.layers) {
    const Layer* layer = network.find(name);
    if (!layer) {
      throw InputError({"--layers"}, "",
                       unknown_word_problem("layer", name, names) + " (network " +
                           network.name + ")");
    }
    layers.push_back(layer);
  }
  return layers;
}

std::string default_out_dir(const ArchSpec& arch, const Network& network) {
  return (std::filesystem::path("results") / (arch.name + "_" + network.name)).string();
}

// Until the engine lands, a run validates its inputs, shows the network and
// records the resolved configuration.
int simulate(const CliOptions& options, std::ostream& out) {
  require(options.arch, "--arch");
  require(options.net, "--net");
  const ArchSpec arch = load_arch(options.arch, options.overrides);
  const Network network = load_network(options.net);
  const auto layers = selected_layers(network, options);
  if (options.check) {
    if (!options.quiet) {
      out << "ok: " << arch.file << " and " << network.file << " (" << layers.size()
          << " layers) are valid\n";
    }
    return 0;
  }
  const std::string out_dir = options.out.empty() ? default_out_dir(arch, network) : options.out;
  nlohmann::json run = {{"tool", "accelsim"},
                        {"version", ACCELSIM_VERSION},
                        {"arch", arch_json(arch)},
                        {"network", network_summary_json(network)},
                        {"batch", options.batch},
                        {"seed", options.seed},
                        {"simulation", "not yet available: the engine is not built yet"}};
  write_file_atomically(out_dir + "/network.csv", network_summary_csv(network));
  write_file_atomically(out_dir + "/run.json", run.dump(2) + "\n");
  if (options.quiet) return 0;
  if (options.format == "table") {
    out << arch_overview(arch) << "\n" << network_summary_table(network) << "\n"
        << "simulation: not yet available (the SystemC engine is not built yet); "
           "this run only validated the inputs.\nwrote " << out_dir << "/run.json, "
        << out_dir << "/network.csv\n";
  } else {
    print_in_format(out, options.format, "", network_summary_csv(network), run);
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
    require(options.net, "--net");
    const Network network = load_network(options.net);
    print_in_format(out, options.format, network_summary_table(network),
                    network_summary_csv(network), network_summary_json(network));
    return 0;
  }
  return simulate(options, out);
}

}  // namespace accelsim
