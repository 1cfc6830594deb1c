#include "sim/api/request.h"

#include <sstream>

#include "arch/arch_parser.h"
#include "sim/api/layer_selection.h"
#include "sim/api/parallel.h"
#include "sim/common/files.h"
#include "sim/common/input_error.h"
#include "sim/common/text.h"
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

// --map gives a mapping of the first dataflow named, which must be one dataflow.
std::string layer_mapping_dataflow(const RequestedDataflow& first, const std::string& text) {
  if (!first.family) return first.name;
  std::vector<std::string> members;
  for (const Dataflow* member : first.members) members.push_back(member->name());
  throw InputError({"--map " + text}, "",
                   "found --dataflow " + first.name + " first, expected a dataflow, not a " +
                       "family: one of " + join(members, ", "));
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
                                     const std::vector<RequestedDataflow>& requested) {
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
  for (const auto& text : request.layer_mappings) {
    auto [layer, mapping] =
        parse_layer_mapping(text, layer_mapping_dataflow(requested.front(), text));
    sim.mappings.insert_or_assign(layer, mapping);
  }
  return sim;
}

}  // namespace

void check_values(const SimulationRequest& request) {
  request_dataflows(request.dataflows);  // the registry's check of the words
  require_choice("--objective", request.objective, {"energy", "cycles", "edp"});
  require_choice("--mode", request.mode, {"exact", "per-cycle"});
  if (request.batch < 1) {
    throw InputError({"--batch"}, "", found_expected(std::to_string(request.batch), "N >= 1"));
  }
  if (!(request.zero_fraction >= 0 && request.zero_fraction <= 1)) {
    throw InputError({"--zero-fraction"}, "",
                     found_expected(std::to_string(request.zero_fraction),
                                    "a number from 0 to 1"));
  }
  if (request.jobs < 1) {
    throw InputError({"--jobs"}, "", found_expected(std::to_string(request.jobs), "N >= 1"));
  }
}

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
  inputs.layer_count = select_layers(inputs.network, request.layers).size();
  inputs.options = simulation_options(request, requested);
  return inputs;
}

std::vector<LayerResult> map_layers(const SimulationInputs& inputs) {
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
