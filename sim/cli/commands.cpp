#include "sim/cli/commands.h"

#include <filesystem>

#include "arch/arch_parser.h"
#include "sim/common/files.h"
#include "sim/common/text.h"
#include "sim/api/parallel.h"
#include "sim/api/simulate.h"
#include "sim/report/network_report.h"
#include "sim/report/comparison.h"
#include "sim/report/run_report.h"
#include "sim/report/text_table.h"
#include "workloads/network.h"
#include "workloads/network_input.h"

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

// --map conv1:m=96,n=1,... -> the layer's explicit mapping.
std::pair<std::string, Mapping> parse_layer_mapping(const std::string& text,
                                                    const std::string& dataflow) {
  const auto colon = text.find(':');
  const std::string origin = "--map " + text;
  if (colon == std::string::npos || colon == 0) {
    throw InputError({origin}, "", found_expected(text, "LAYER:k=v,k=v,..."));
  }
  Mapping mapping{dataflow, {}};
  for (const auto& assignment : split(text.substr(colon + 1), ',')) {
    const auto equals = assignment.find('=');
    int value = 0;
    try {
      size_t used = 0;
      value = std::stoi(assignment.substr(equals + 1), &used);
      if (used != assignment.size() - equals - 1) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      throw InputError({origin}, "", found_expected(assignment, "name=integer"));
    }
    if (equals == std::string::npos) {
      throw InputError({origin}, "", found_expected(assignment, "name=integer"));
    }
    mapping.params.emplace_back(assignment.substr(0, equals), value);
  }
  return {text.substr(0, colon), mapping};
}

SimulationOptions simulation_options(const CliOptions& options) {
  SimulationOptions sim;
  sim.dataflow = join(options.dataflows, ",");
  const auto dataflows = expand_dataflows(sim.dataflow);  // unknown names are input errors
  sim.batch = options.batch;
  sim.layers = options.layers;
  sim.objective = parse_objective(options.objective);
  sim.mode = options.mode == "per-cycle" ? EngineMode::per_cycle : EngineMode::exact;
  sim.seed = options.seed;
  sim.zero_fraction = options.zero_fraction;
  sim.data_folder = options.data_folder;
  sim.jobs = options.jobs;
  if (!options.mapping.empty()) sim.mappings = load_mapping_file(options.mapping);
  for (const auto& text : options.layer_mappings) {
    // --map gives a mapping of the first dataflow named.
    auto [layer, mapping] = parse_layer_mapping(text, dataflows.front());
    sim.mappings.insert_or_assign(layer, mapping);
  }
  return sim;
}

int simulate(const CliOptions& options, std::ostream& out) {
  SimulationInputs inputs = prepare_simulation(options);
  const ArchSpec& arch = inputs.arch;
  const Network& network = inputs.network;
  const SimulationOptions& sim = inputs.options;
  if (options.check) {
    // The mapper runs too, so a layer that cannot be mapped shows up here.
    std::string unmappable;
    const std::vector<ArchSpec> specs =
        inputs.folder ? inputs.folder->archs : std::vector<ArchSpec>{arch};
    for (size_t i = 0; i < specs.size(); ++i) {
      SimulationOptions one = sim;
      if (inputs.folder) one.dataflow = inputs.folder->dataflows[i];
      for (const auto& layer : map_layers(specs[i], network, one)) {
        if (!layer.mapped) {
          unmappable += "  " + layer.layer + " (" + layer.dataflow + "): " + layer.reason + "\n";
        }
      }
    }
    if (!options.quiet) {
      out << "ok: " << arch.file << " and " << network.file << " (" << inputs.layer_count
          << " layers) are valid\n";
      if (!unmappable.empty()) out << "layers that cannot be mapped:\n" << unmappable;
    }
    return 0;
  }
  std::string out_dir = options.out.empty() ? default_out_dir(arch, network) : options.out;
  if (options.out.empty() && inputs.folder) {  // results/<folder>_<net>, e.g. isca16_alexnet
    std::filesystem::path folder(options.arch);
    if (folder.filename().empty()) folder = folder.parent_path();
    out_dir = (std::filesystem::path("results") / (folder.filename().string() + "_" +
                                                   network.name)).string();
  }
  const SimulationResult result = run_simulation(inputs);
  const RunContext context{arch, network, sim, result,
                           inputs.folder ? &inputs.folder->archs : nullptr};
  write_run_files(context, out_dir);
  if (!options.quiet) {
    if (options.format == "table") {
      out << (compares_dataflows(result) ? comparison_table(context) : run_table(context))
          << "wrote " << out_dir
          << "/{summary.csv,accesses.csv,run.json,mappings.txt}\n";
    } else {
      print_in_format(out, options.format, "", summary_csv(context), run_json(context));
    }
  }
  for (const auto& layer : result.layers) {
    if (layer.mapped && !layer.output_verified) {
      throw std::runtime_error("layer " + layer.layer +
                               ": the engine's output differs from the reference convolution");
    }
  }
  return 0;
}

// --net, resized by --input when given.
Network load_cli_network(const CliOptions& options) {
  Network network = load_network(options.net);
  if (options.input.empty()) return network;
  return with_input_size(network, parse_input_size(options.input));
}

}  // namespace

SimulationInputs prepare_simulation(const CliOptions& options) {
  require(options.arch, "--arch");
  require(options.net, "--net");
  SimulationInputs inputs;
  if (is_spec_folder(options.arch)) {
    inputs.folder = load_spec_folder(options.arch, options.overrides,
                                     join(options.dataflows, ","));
    inputs.arch = inputs.folder->archs.front();
  } else {
    inputs.arch = load_arch(options.arch, options.overrides);
  }
  inputs.network = load_cli_network(options);
  inputs.layer_count = selected_layers(inputs.network, options).size();
  inputs.options = simulation_options(options);
  return inputs;
}

SimulationResult run_simulation(SimulationInputs& inputs) {
  if (!inputs.folder) {
    return simulate_in_parallel(inputs.arch, inputs.network, inputs.options, inputs.options.jobs);
  }
  simulate_spec_folder(*inputs.folder, inputs.network, inputs.options, inputs.options.jobs);
  return inputs.folder->result;
}

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
    const Network network = load_cli_network(options);
    print_in_format(out, options.format, network_summary_table(network),
                    network_summary_csv(network), network_summary_json(network));
    return 0;
  }
  return simulate(options, out);
}

}  // namespace accelsim
