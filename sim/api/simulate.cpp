#include "sim/api/simulate.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <thread>

#include "sim/api/job_pipeline.h"
#include "sim/api/layer_selection.h"
#include "sim/api/network_values.h"
#include "sim/common/input_error.h"
#include "sim/common/text.h"
#include "sim/engine/data/layer_data.h"

namespace accelsim {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

namespace {
double ratio(long long words, long long raw_words) {
  return raw_words ? double(words) / double(raw_words) : 0;
}
}  // namespace

double LayerResult::ifmap_link_ratio() const {
  return ratio(run.counts.at(Level::dram, DataType::ifmap, Action::read), run.ifmap_raw_words);
}

double LayerResult::ofmap_link_ratio() const {
  return ratio(run.counts.at(Level::dram, DataType::ofmap, Action::write), run.ofmap_raw_words);
}

std::shared_ptr<const NetworkValues> chained_values(const Network& network,
                                                    const SimulationOptions& options) {
  if (options.independent_layers) return nullptr;
  if (options.values) return options.values;
  ValueOptions value_options;
  value_options.batch = options.batch;
  value_options.seed = options.seed;
  value_options.image_path = options.image;
  value_options.data_folder = options.data_folder;
  return std::make_shared<const NetworkValues>(compute_network_values(
      network, select_layers(network, options.layers), value_options));
}

double LayerResult::utilization() const {
  if (run.processing_cycles == 0 || array_pes == 0) return 0;
  return double(macs) / (double(run.processing_cycles) * array_pes);
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
  if (layer.weights_from_activation()) {
    // A matmul of two activations is a 1x1 convolution whose filters are its second
    // input: each image has its own, so the images are groups of one batch, never
    // sharing filters.
    shape.groups = layer.groups * batch;
    shape.batch = 1;
  }
  return shape;
}

namespace {

// The mapping of `layer` for one requested dataflow: given, searched, or for a
// family (os) the best of its members by the objective.
struct Choice {
  const Dataflow* dataflow = nullptr;
  MapperResult mapper;
  bool given = false;
};

Choice choose_mapping(const RequestedDataflow& requested, const std::string& layer,
                      const LayerShape& shape, const ArchSpec& arch,
                      const SimulationOptions& options) {
  Choice choice;
  const auto given = options.mappings.find(layer);
  if (given != options.mappings.end() && !requested.family &&
      given->second.dataflow == requested.name) {
    choice.dataflow = requested.members.front();
    choice.mapper = evaluate_mapping(*choice.dataflow, given->second, shape, arch);
    if (!choice.mapper.mapping) {
      throw InputError({"--mapping"}, layer,
                       "found " + given->second.describe() + ", expected a legal " +
                           choice.dataflow->long_name() + " mapping: " + choice.mapper.reason);
    }
    choice.given = true;
    return choice;
  }
  for (const Dataflow* dataflow : requested.members) {
    MapperResult result = search_mapping(*dataflow, shape, arch, options.objective);
    const bool better = result.mapping && (!choice.mapper.mapping ||
                                           objective_score(result.model, options.objective) <
                                               objective_score(choice.mapper.model,
                                                               options.objective));
    if (!choice.dataflow || better) {
      if (choice.dataflow && !result.mapping) continue;
      result.candidates += choice.mapper.candidates;
      choice.dataflow = dataflow;
      choice.mapper = std::move(result);
    }
  }
  return choice;
}

// The mapper's searches for a run: one per distinct (requested dataflow, shape), as
// layers of one shape (ResNets repeat many) get the same mapping. They are
// independent, so they run on every core before the engine starts.
class SearchedMappings {
 public:
  SearchedMappings(const ArchSpec& arch, const std::vector<const Layer*>& layers,
                   const std::vector<RequestedDataflow>& dataflows,
                   const SimulationOptions& options)
      : arch_(arch), options_(options) {
    for (const Layer* layer : layers) {
      if (options.mappings.count(layer->name)) continue;  // given: checked where used
      const LayerShape shape = layer_shape(*layer, options.batch);
      for (const auto& requested : dataflows) {
        if (!find(requested, shape)) searches_.push_back({requested, shape, layer->name});
      }
    }
    std::atomic<size_t> next{0};
    std::vector<std::exception_ptr> failures(searches_.size());
    const auto work = [&] {
      for (size_t i = next++; i < searches_.size(); i = next++) {
        Search& search = searches_[i];
        const auto start = std::chrono::steady_clock::now();
        try {
          search.choice = choose_mapping(search.dataflow, search.layer, search.shape, arch, options);
        } catch (...) {
          failures[i] = std::current_exception();
        }
        search.seconds = seconds_since(start);
      }
    };
    const size_t threads =
        std::min<size_t>(searches_.size(), std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> pool;
    for (size_t i = 1; i < threads; ++i) pool.emplace_back(work);
    work();
    for (auto& thread : pool) thread.join();
    for (const auto& failure : failures) {
      if (failure) std::rethrow_exception(failure);
    }
  }

  // The mapping of `layer` for `dataflow` and the seconds spent on it: a searched
  // one's seconds go to its first user (the others reuse it); a given one is
  // checked now.
  Choice choose(const Layer& layer, const RequestedDataflow& dataflow, const LayerShape& shape,
                double& seconds) {
    Search* search = options_.mappings.count(layer.name) ? nullptr : find(dataflow, shape);
    if (!search) {
      const auto start = std::chrono::steady_clock::now();
      Choice choice = choose_mapping(dataflow, layer.name, shape, arch_, options_);
      seconds = seconds_since(start);
      return choice;
    }
    seconds = search->reported ? 0 : search->seconds;
    search->reported = true;
    return search->choice;
  }

 private:
  struct Search {
    RequestedDataflow dataflow;
    LayerShape shape;
    std::string layer;  // the first layer of that shape
    Choice choice;
    double seconds = 0;
    bool reported = false;
  };
  Search* find(const RequestedDataflow& dataflow, const LayerShape& shape) {
    for (auto& search : searches_) {
      if (search.dataflow.name == dataflow.name && search.shape == shape) return &search;
    }
    return nullptr;
  }
  const ArchSpec& arch_;
  const SimulationOptions& options_;
  std::vector<Search> searches_;
};

// A layer's data: its chained values, or (independent model) generated with its
// zero fraction, replaced by what --data holds. Files are read now: a bad one stops
// the run before it starts.
PlannedLayer plan_layer(const Layer& layer, const LayerShape& shape,
                        const SimulationOptions& options, const NetworkValues* values) {
  PlannedLayer data{shape, salt_of(layer.name), nullptr};
  data.layer = &layer;
  const auto profiled = options.zero_profile.find(layer.name);
  data.zero_fraction =
      profiled == options.zero_profile.end() ? options.zero_fraction : profiled->second;
  if (values) {
    const auto chained = values->layers.find(layer.name);
    if (chained != values->layers.end()) {
      data.chained = &chained->second;
      return data;
    }
  }
  if (!options.data_folder.empty()) {
    data.given = std::make_shared<LayerData>(generate_layer_data(
        shape, DataOptions{options.seed, data.zero_fraction}, data.salt));
    load_layer_data(options.data_folder, layer.name, *data.given);
    data.given->activation = layer.activation;
  }
  return data;
}

}  // namespace

std::vector<LayerResult> map_layers(const ArchSpec& arch, const Network& network,
                                    const SimulationOptions& options) {
  std::vector<LayerResult> mapped;
  const auto layers = select_layers(network, options.layers);
  const auto dataflows = request_dataflows(options.dataflows);
  SearchedMappings searched(arch, layers, dataflows, options);
  for (const Layer* layer : layers) {
    const LayerShape shape = layer_shape(*layer, options.batch);
    for (const auto& requested : dataflows) {
      double seconds = 0;
      const Choice choice = searched.choose(*layer, requested, shape, seconds);
      LayerResult entry;
      entry.layer = layer->name;
      entry.dataflow = choice.dataflow->name();
      entry.arch = arch.name;
      entry.macs = shape.macs();
      entry.mapped = bool(choice.mapper.mapping);
      entry.reason = choice.mapper.reason;
      if (entry.mapped) entry.mapping = *choice.mapper.mapping;
      mapped.push_back(entry);
    }
  }
  return mapped;
}

SimulationResult simulate(const ArchSpec& arch, const Network& network,
                          const SimulationOptions& options) {
  const auto dataflows = request_dataflows(options.dataflows);
  const auto layers = select_layers(network, options.layers);
  SimulationResult result;
  const auto values = chained_values(network, options);
  result.values = values;
  SearchedMappings searched(arch, layers, dataflows, options);
  std::vector<PlannedLayer> planned_layers;
  std::vector<PlannedJob> planned_jobs;
  std::vector<size_t> simulated;  // per job: its index in result.layers
  for (const Layer* layer : layers) {
    const LayerShape shape = layer_shape(*layer, options.batch);
    bool planned = false;  // the layer's data, the same for every dataflow
    for (const auto& requested : dataflows) {
      LayerResult entry;
      entry.layer = layer->name;
      entry.batch = options.batch;
      entry.macs = shape.macs();
      entry.arch = arch.name;
      entry.array_pes = arch.pe_array.count();
      entry.clock_mhz = arch.clock_mhz;
      const Choice choice = searched.choose(*layer, requested, shape, entry.mapper_seconds);
      entry.dataflow = choice.dataflow->name();
      entry.mapper_candidates = choice.mapper.candidates;
      entry.mapping_given = choice.given;
      if (!choice.mapper.mapping) {
        entry.reason = choice.mapper.reason;
        result.layers.push_back(entry);
        continue;
      }
      entry.mapped = true;
      entry.mapping = *choice.mapper.mapping;
      entry.model = choice.mapper.model;
      if (!planned) {
        planned = true;
        planned_layers.push_back(plan_layer(*layer, shape, options, values.get()));
      }
      entry.input_chained = planned_layers.back().chained != nullptr;
      planned_jobs.push_back({choice.dataflow, entry.mapping, planned_layers.size() - 1});
      simulated.push_back(result.layers.size());
      result.layers.push_back(entry);
    }
  }
  JobPipeline pipeline(arch, std::move(planned_layers), std::move(planned_jobs),
                       DataOptions{options.seed, options.zero_fraction});
  const auto start = std::chrono::steady_clock::now();
  std::vector<LayerRun> runs = run_engine(arch, pipeline, options.mode);
  result.engine_seconds = seconds_since(start);
  for (size_t i = 0; i < runs.size(); ++i) {
    LayerResult& entry = result.layers[simulated[i]];
    entry.output_verified = pipeline.verified(i);
    entry.active_pes = pipeline.active_pes(i);
    entry.input_zero_fraction = pipeline.input_zero_fraction(i);
    entry.run = std::move(runs[i]);
    entry.energy = price(entry.run.counts, arch.energy);
  }
  return result;
}

}  // namespace accelsim
