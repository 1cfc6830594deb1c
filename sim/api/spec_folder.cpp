#include "sim/api/spec_folder.h"

#include <algorithm>
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
      run.words.push_back(entry.name);
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

// One layer's results from every spec, in spec order, as the request's entries: a
// family's members become one entry, its best mapped member by the objective
// (ties: the first), named by the family with the member as its variant.
std::vector<LayerResult> merge_layer(const SpecFolderRun& run,
                                     std::vector<LayerResult> from_specs, Objective objective) {
  std::vector<LayerResult> merged;
  std::vector<std::string> words;
  for (size_t i = 0; i < from_specs.size(); ++i) {
    LayerResult& layer = from_specs[i];
    const auto seen = std::find(words.begin(), words.end(), run.words[i]);
    if (seen == words.end()) {
      words.push_back(run.words[i]);
      layer.dataflow = run.words[i];
      merged.push_back(std::move(layer));
      continue;
    }
    LayerResult& kept = merged[size_t(seen - words.begin())];
    const bool better = layer.mapped && (!kept.mapped || layer.mapper_score(objective) <
                                                             kept.mapper_score(objective));
    if (!better) continue;
    layer.dataflow = kept.dataflow;
    layer.mapper_candidates += kept.mapper_candidates;
    kept = std::move(layer);
  }
  return merged;
}

// Layer by layer, the entries in the order asked.
std::vector<LayerResult> merge_specs(const SpecFolderRun& run,
                                     const std::vector<std::vector<LayerResult>>& parts,
                                     Objective objective) {
  std::vector<LayerResult> merged;
  const size_t layers = parts.empty() ? 0 : parts.front().size();
  for (size_t layer = 0; layer < layers; ++layer) {
    std::vector<LayerResult> from_specs;
    for (const auto& part : parts) from_specs.push_back(part[layer]);
    for (auto& entry : merge_layer(run, std::move(from_specs), objective)) {
      merged.push_back(std::move(entry));
    }
  }
  return merged;
}

}  // namespace

std::vector<LayerResult> map_spec_folder(const SpecFolderRun& run, const Network& network,
                                         const SimulationOptions& options) {
  std::vector<std::vector<LayerResult>> parts;
  for (size_t i = 0; i < run.archs.size(); ++i) {
    parts.push_back(map_layers(run.archs[i], network, options_of_spec(run, i, options)));
  }
  // Spec after spec, each spec's layers in order (a family: its best member).
  const std::vector<LayerResult> by_layer = merge_specs(run, parts, options.objective);
  std::vector<LayerResult> mapped;
  const size_t entries = parts.empty() || parts.front().empty()
                             ? 0 : by_layer.size() / parts.front().size();
  for (size_t entry = 0; entry < entries; ++entry) {
    for (size_t i = entry; i < by_layer.size(); i += entries) mapped.push_back(by_layer[i]);
  }
  return mapped;
}

SimulationResult simulate_spec_folder(const SpecFolderRun& run, const Network& network,
                                      const SimulationOptions& options, int jobs) {
  // The chained values, once, before forking: they do not depend on the spec (the
  // lab's seven specs each computed AlexNet's batch of 16 again).
  SimulationOptions chained = options;
  chained.values = chained_values(network, options);
  std::vector<std::function<std::string()>> bodies;
  for (size_t i = 0; i < run.archs.size(); ++i) {
    bodies.push_back([&run, &network, &chained, i] {
      return result_json(simulate(run.archs[i], network, options_of_spec(run, i, chained)))
          .dump();
    });
  }
  std::vector<std::vector<LayerResult>> parts;
  SimulationResult merged;
  merged.values = chained.values;
  for (const auto& text : run_children(bodies, jobs)) {
    SimulationResult part = result_from_json(nlohmann::json::parse(text));
    merged.engine_seconds += part.engine_seconds;
    for (auto& trace : part.traces) merged.traces.push_back(std::move(trace));
    parts.push_back(std::move(part.layers));
  }
  merged.layers = merge_specs(run, parts, options.objective);
  return merged;
}

}  // namespace accelsim
