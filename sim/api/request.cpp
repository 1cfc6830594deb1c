#include "sim/api/request.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <sstream>

#include "arch/arch_parser.h"
#include "sim/api/layer_selection.h"
#include "sim/api/parallel.h"
#include "sim/api/trace_request.h"
#include "sim/common/files.h"
#include "sim/common/input_error.h"
#include "sim/common/text.h"
#include "sim/engine/data/layer_data.h"
#include "workloads/network_input.h"

namespace accelsim {
namespace {

// --map conv1:m=96,n=1,... -> the layer's explicit mapping.
std::pair<std::string, Mapping> parse_layer_mapping(const std::string& text,
                                                    const std::string& dataflow) {
  const auto colon = text.find(':');
  const std::string origin = "--map " + text;
  if (colon == std::string::npos || colon == 0) {
    throw InputError({origin}, "", found_expected(text, "LAYER:k=v,k=v,..."));
  }
  Mapping mapping{dataflow, {}};
  const std::vector<std::string> names = find_dataflow(dataflow).parameter_names();
  for (const auto& assignment : split(text.substr(colon + 1), ',')) {
    const auto equals = assignment.find('=');
    const std::string name = assignment.substr(0, equals);
    if (equals == std::string::npos || std::find(names.begin(), names.end(), name) == names.end()) {
      throw InputError({origin}, "", found_expected(assignment, "name=integer with a name of " +
                                                                    dataflow + ": " + join(names, ", ")));
    }
    int value = 0;
    const char* first = assignment.data() + equals + 1;
    const char* last = assignment.data() + assignment.size();
    const auto [end, error] = std::from_chars(first, last, value);
    if (error != std::errc() || end != last || value < 1) {
      throw InputError({origin}, "", found_expected(assignment, "name=integer, the integer >= 1"));
    }
    mapping.params.emplace_back(name, value);
  }
  return {text.substr(0, colon), mapping};
}

// --map gives a mapping of the first dataflow named, which must be one dataflow.
std::string layer_mapping_dataflow(const RequestedDataflow& first, const std::string& text) {
  if (!first.family) return first.name;
  std::vector<std::string> members;
  for (const Dataflow* member : first.members) members.push_back(member->name());
  throw InputError({"--map " + text}, "",
                   "found --dataflow " + first.name + " first, expected a dataflow, not a " +
                       "family: one of " + join(members, ", "));
}

// A given mapping must name a layer of the network the array runs and a dataflow the run
// requests: any other was silently never used.
void check_given_mapping(const std::string& origin, const std::string& layer,
                         const Mapping& mapping, const Network& network,
                         const std::vector<RequestedDataflow>& requested) {
  const Layer* found = network.find(layer);
  if (!found || !runs_on_array(*found)) {
    std::vector<std::string> names;
    for (const auto& candidate : network.layers) {
      if (runs_on_array(candidate)) names.push_back(candidate.name);
    }
    throw InputError({origin}, "", unknown_word_problem("layer on the array", layer, names) +
                                       " (network " + network.name + ")");
  }
  std::vector<std::string> dataflows;
  for (const auto& entry : requested) {
    if (!entry.family && entry.name == mapping.dataflow) return;
    dataflows.push_back(entry.name);
  }
  throw InputError({origin}, layer,
                   "found a mapping of dataflow " + mapping.dataflow +
                       ", expected one of the dataflows run by name (--dataflow " +
                       join(dataflows, ",") + ")");
}

// "LAYER FRACTION" per line; '#' starts a comment.
std::map<std::string, double> load_zero_profile(const std::string& path) {
  std::istringstream lines(read_input_file(path, 16 << 20));
  std::map<std::string, double> profile;
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::string layer, extra;
    double fraction = -1;
    if (!(words >> layer)) continue;
    words >> fraction;
    if (!words || (words >> extra) || !(fraction >= 0 && fraction <= 1)) {
      throw InputError({path, number}, layer,
                       found_expected(line, "'LAYER FRACTION' with a fraction from 0 to 1"));
    }
    profile[layer] = fraction;
  }
  return profile;
}

SimulationOptions simulation_options(const SimulationRequest& request,
                                     const std::vector<RequestedDataflow>& requested,
                                     const Network& network) {
  SimulationOptions sim;
  sim.dataflows = request.dataflows;
  sim.batch = request.batch;
  sim.layers = request.layers;
  sim.objective = parse_objective(request.objective);
  sim.mode = request.mode == "per-cycle" ? EngineMode::per_cycle : EngineMode::exact;
  sim.seed = request.seed;
  sim.independent_layers = request.independent_layers || !request.zero_profile.empty();
  sim.zero_fraction = request.zero_fraction;
  if (!request.zero_profile.empty()) sim.zero_profile = load_zero_profile(request.zero_profile);
  sim.image = request.image;
  sim.data_folder = request.data_folder;
  sim.jobs = request.jobs;
  if (!request.mapping_file.empty()) sim.mappings = load_mapping_file(request.mapping_file);
  for (const auto& [layer, mapping] : sim.mappings) {
    check_given_mapping("--mapping " + request.mapping_file, layer, mapping, network, requested);
  }
  for (const auto& text : request.layer_mappings) {
    auto [layer, mapping] =
        parse_layer_mapping(text, layer_mapping_dataflow(requested.front(), text));
    check_given_mapping("--map " + text, layer, mapping, network, requested);
    sim.mappings.insert_or_assign(layer, mapping);
  }
  return sim;
}

// --data names a folder (its files are read per layer, load_layer_data): a missing
// folder or a file must not silently mean "no data given".
void check_data_folder(const std::string& folder) {
  if (folder.empty()) return;
  std::error_code error;
  const auto status = std::filesystem::status(folder, error);
  if (status.type() == std::filesystem::file_type::not_found) {
    throw InputError({"--data"}, "", found_expected(folder, "a folder of .npy files (it does "
                                                            "not exist)"));
  }
  if (error) throw InputError({"--data"}, "", found_expected(folder, "a folder: " + error.message()));
  if (!std::filesystem::is_directory(status)) {
    throw InputError({"--data"}, "", found_expected(folder, "a folder of .npy files, not a file"));
  }
}

}  // namespace

Network load_requested_network(const SimulationRequest& request) {
  Network network = load_network(request.net);
  if (request.input.empty()) return network;
  return with_input_size(network, parse_input_size(request.input));
}

SimulationInputs prepare(const SimulationRequest& request) {
  check_values(request);
  require_given(request.arch, "--arch");
  require_given(request.net, "--net");
  const std::vector<RequestedDataflow> requested = request_dataflows(request.dataflows);
  SimulationInputs inputs;
  if (is_spec_folder(request.arch)) {
    inputs.folder = load_spec_folder(request.arch, request.overrides, requested);
    inputs.arch = inputs.folder->archs.front();
  } else {
    inputs.arch = load_arch(request.arch, request.overrides);
  }
  inputs.network = load_requested_network(request);
  const std::vector<const Layer*> selected = select_layers(inputs.network, request.layers);
  inputs.layer_count = selected.size();
  check_data_folder(request.data_folder);
  inputs.options = simulation_options(request, requested, inputs.network);
  apply_trace_request(request, selected, inputs.options);
  return inputs;
}

std::vector<LayerResult> map_layers(const SimulationInputs& inputs) {
  // --check reads --data as a run would: a bad .npy file is an error here too.
  if (!inputs.options.data_folder.empty()) {
    for (const Layer* layer : select_layers(inputs.network, inputs.options.layers)) {
      LayerData data;
      data.shape = layer_shape(*layer, inputs.options.batch);
      load_layer_data(inputs.options.data_folder, layer->name, data);
    }
  }
  if (inputs.folder) return map_spec_folder(*inputs.folder, inputs.network, inputs.options);
  return map_layers(inputs.arch, inputs.network, inputs.options);
}

SimulationResult run(const SimulationInputs& inputs) {
  const int jobs = inputs.options.jobs;
  if (inputs.folder) return simulate_spec_folder(*inputs.folder, inputs.network, inputs.options, jobs);
  return simulate_in_parallel(inputs.arch, inputs.network, inputs.options, jobs);
}

std::vector<std::string> unverified_layers(const SimulationResult& result) {
  std::vector<std::string> layers;
  for (const auto& layer : result.layers) {
    if (layer.mapped && !layer.output_verified) layers.push_back(layer.layer);
  }
  return layers;
}

}  // namespace accelsim
