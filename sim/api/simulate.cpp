#include "sim/api/simulate.h"

#include <chrono>

#include "sim/common/input_error.h"
#include "sim/common/text.h"
#include "sim/engine/layer_data.h"

namespace accelsim {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::vector<const Layer*> select_layers(const Network& network,
                                        const std::vector<std::string>& names) {
  std::vector<const Layer*> selected;
  if (names.empty()) {
    for (const auto& layer : network.layers) {
      if (layer.has_macs()) selected.push_back(&layer);
    }
    return selected;
  }
  std::vector<std::string> known;
  for (const auto& layer : network.layers) {
    if (layer.has_macs()) known.push_back(layer.name);
  }
  for (const auto& name : names) {
    const Layer* layer = network.find(name);
    if (!layer || !layer->has_macs()) {
      throw InputError({"--layers"}, "", unknown_word_problem("layer with MACs", name, known) +
                                             " (network " + network.name + ")");
    }
    selected.push_back(layer);
  }
  return selected;
}

// A stable per-layer salt so a layer's data do not depend on which others run.
unsigned long long salt_of(const std::string& name) {
  unsigned long long hash = 1469598103934665603ULL;
  for (unsigned char c : name) hash = (hash ^ c) * 1099511628211ULL;
  return hash;
}

}  // namespace

double LayerResult::utilization(const ArchSpec& arch) const {
  if (run.processing_cycles == 0) return 0;
  return double(macs) / (double(run.processing_cycles) * arch.pe_array.count());
}

LayerShape layer_shape(const Layer& layer, int batch) {
  LayerShape shape;
  shape.batch = batch;
  shape.groups = layer.groups;
  shape.C = layer.channels_per_group();
  shape.M = layer.filters_per_group();
  shape.H = layer.padded_height();
  shape.W = layer.padded_width();
  shape.R = layer.R;
  shape.S = layer.S;
  shape.E = layer.E;
  shape.F = layer.F;
  shape.stride_h = layer.stride_h;
  shape.stride_w = layer.stride_w;
  shape.dilation_h = layer.dilation_h;
  shape.dilation_w = layer.dilation_w;
  shape.pad_h = layer.pad_h;
  shape.pad_w = layer.pad_w;
  // The network's own input is a raw image; Eyeriss stores it uncompressed.
  shape.input_compressible = !(layer.inputs.empty() || layer.inputs[0] == "input");
  return shape;
}

SimulationResult simulate(const ArchSpec& arch, const Network& network,
                          const SimulationOptions& options) {
  const Dataflow& dataflow = find_dataflow(options.dataflow);
  const auto layers = select_layers(network, options.layers);
  SimulationResult result;
  std::vector<Schedule> schedules;
  std::vector<LayerData> data;
  std::vector<size_t> simulated;  // indices into result.layers
  schedules.reserve(layers.size());
  data.reserve(layers.size());
  for (const Layer* layer : layers) {
    LayerResult entry;
    entry.layer = layer->name;
    entry.dataflow = dataflow.name();
    entry.batch = options.batch;
    const LayerShape shape = layer_shape(*layer, options.batch);
    entry.macs = shape.macs();
    const auto start = std::chrono::steady_clock::now();
    const auto given = options.mappings.find(layer->name);
    MapperResult choice;
    if (given != options.mappings.end()) {
      choice = evaluate_mapping(dataflow, given->second, shape, arch);
      if (!choice.mapping) {
        throw InputError({"--mapping"}, layer->name,
                         "found " + given->second.describe() + ", expected a legal " +
                             dataflow.long_name() + " mapping: " + choice.reason);
      }
      entry.mapping_given = true;
    } else {
      choice = search_mapping(dataflow, shape, arch, options.objective);
    }
    entry.mapper_seconds = seconds_since(start);
    entry.mapper_candidates = choice.candidates;
    if (!choice.mapping) {
      entry.reason = choice.reason;
      result.layers.push_back(entry);
      continue;
    }
    entry.mapped = true;
    entry.mapping = *choice.mapping;
    entry.model = choice.model;
    schedules.push_back(dataflow.lower(entry.mapping, shape, arch));
    entry.active_pes = schedules.back().active_pes;
    DataOptions data_options{options.seed, options.zero_fraction};
    data.push_back(generate_layer_data(shape, data_options, salt_of(layer->name)));
    if (!options.data_folder.empty()) load_layer_data(options.data_folder, layer->name, data.back());
    simulated.push_back(result.layers.size());
    result.layers.push_back(entry);
  }
  std::vector<LayerJob> jobs;
  for (size_t i = 0; i < schedules.size(); ++i) jobs.push_back({&schedules[i], &data[i]});
  const auto start = std::chrono::steady_clock::now();
  std::vector<LayerRun> runs = run_engine(arch, jobs, options.mode);
  result.engine_seconds = seconds_since(start);
  for (size_t i = 0; i < runs.size(); ++i) {
    LayerResult& entry = result.layers[simulated[i]];
    entry.output_verified = runs[i].output == reference_convolution(data[i]);
    runs[i].output.clear();
    runs[i].output.shrink_to_fit();
    entry.run = std::move(runs[i]);
    entry.energy = price(entry.run.counts, arch.energy);
  }
  return result;
}

}  // namespace accelsim
