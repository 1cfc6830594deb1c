#include "sim/api/spec_folder.h"

#include <filesystem>

#include "arch/arch_parser.h"
#include "arch/spec_location.h"
#include "sim/api/parallel.h"
#include "sim/api/result_json.h"
#include "sim/common/input_error.h"

namespace accelsim {
namespace fs = std::filesystem;

bool is_spec_folder(const std::string& path) { return locate_spec(path).folder; }

SpecFolderRun load_spec_folder(const std::string& folder, const std::vector<Override>& overrides,
                               const std::vector<RequestedDataflow>& requested) {
  SpecFolderRun run;
  for (const auto& entry : requested) {
    for (const Dataflow* dataflow : entry.members) {
      const std::string name = dataflow->name();
      const fs::path spec = fs::path(locate_spec(folder).path) / (name + ".yaml");
      // Only a missing file is "no spec" here; parse_arch_file names anything else
      // (a symlink loop, a directory) instead of fs::exists throwing an internal error.
      std::error_code error;
      if (fs::symlink_status(spec, error).type() == fs::file_type::not_found) {
        throw InputError({"--arch"}, "",
                         "found no " + spec.string() + ", expected one spec per dataflow (" +
                             name + ".yaml) in the folder " + folder);
      }
      run.archs.push_back(parse_arch_file(spec.string(), overrides));
      run.dataflows.push_back(name);
    }
  }
  return run;
}

namespace {

// The options of the run's spec `i`: its dataflow alone.
SimulationOptions options_of_spec(const SpecFolderRun& run, size_t i,
                                  const SimulationOptions& options) {
  SimulationOptions one = options;
  one.dataflows = {run.dataflows[i]};
  return one;
}

}  // namespace

std::vector<LayerResult> map_spec_folder(const SpecFolderRun& run, const Network& network,
                                         const SimulationOptions& options) {
  std::vector<LayerResult> mapped;
  for (size_t i = 0; i < run.archs.size(); ++i) {
    for (auto& layer : map_layers(run.archs[i], network, options_of_spec(run, i, options))) {
      mapped.push_back(std::move(layer));
    }
  }
  return mapped;
}

SimulationResult simulate_spec_folder(const SpecFolderRun& run, const Network& network,
                                      const SimulationOptions& options, int jobs) {
  std::vector<std::function<std::string()>> bodies;
  for (size_t i = 0; i < run.archs.size(); ++i) {
    bodies.push_back([&run, &network, &options, i] {
      return result_json(simulate(run.archs[i], network, options_of_spec(run, i, options)))
          .dump();
    });
  }
  std::vector<SimulationResult> parts;
  for (const auto& text : run_children(bodies, jobs)) {
    parts.push_back(result_from_json(nlohmann::json::parse(text)));
  }
  // Layer by layer, the dataflows in the order asked.
  SimulationResult merged;
  const size_t layers = parts.empty() ? 0 : parts.front().layers.size();
  for (size_t layer = 0; layer < layers; ++layer) {
    for (const auto& part : parts) merged.layers.push_back(part.layers[layer]);
  }
  for (auto& part : parts) {
    merged.engine_seconds += part.engine_seconds;
    for (auto& trace : part.traces) merged.traces.push_back(std::move(trace));
  }
  return merged;
}

}  // namespace accelsim
