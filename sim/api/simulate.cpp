#include "sim/api/simulate.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <thread>

#include "sim/api/job_pipeline.h"
#include "sim/api/layer_inputs.h"
#include "sim/api/layer_selection.h"
#include "sim/api/move_layers.h"
#include "sim/api/network_values.h"
#include "sim/api/progress.h"
#include "sim/common/input_error.h"
#include "sim/common/text.h"
#include "sim/engine/data/layer_data.h"
#include "sim/engine/exact/candidate_timing.h"
#include "sim/engine/trace/trace_recorder.h"

namespace accelsim {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double ratio(long long words, long long raw_words) {
  return raw_words ? double(words) / double(raw_words) : 0;
}

JobTrace job_trace_of(const LayerResult& entry, size_t job, const TraceWindow& window) {
  JobTrace trace;
  trace.job = job;
  trace.layer = entry.layer;
  trace.dataflow = entry.dataflow;
  trace.arch = entry.arch;
  trace.clock_mhz = entry.clock_mhz;
  trace.window = window;
  return trace;
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
  return double(ops) / (double(run.processing_cycles) * array_pes);
}

std::string LayerResult::dataflow_label() const {
  return variant.empty() || variant == dataflow ? dataflow : dataflow + " (" + variant + ")";
}

double LayerResult::mapper_score(Objective objective) const {
  return objective_score(mapper_energy, mapper_cycles, objective);
}

namespace {

// The mapping of `layer` for one requested dataflow: given, searched, or for a
// family (os) the best of its members by the objective.
struct Choice {
  const Dataflow* dataflow = nullptr;
  MapperResult mapper;
  bool given = false;
};

// What the mapper's ranking needs of the engine for one layer: a shortlisted
// mapping's figures as the engine would measure them on the layer's values
// (CandidateTimer::run: its processing cycles, every distinct pass shape timed once
// per spec by the timer's memo, its DRAM waits and gated, compressed counts), and
// a bound below them that costs no timing: the compute bound (MACs over the PEs a
// full pass uses) and the energy of the model's counts with every MAC on a zero
// gated and no feature map over the DRAM link. The layer's values are made when a
// candidate is first measured.
CandidateMeasures engine_measures(const Dataflow& dataflow, const LayerShape& shape,
                                  const ArchSpec& arch, CandidateTimer& timer,
                                  const std::function<const CandidateInput&()>& input) {
  CandidateMeasures measures;
  measures.bound = [&dataflow, &shape, &arch, input](const Candidate& candidate) {
    const Schedule schedule = dataflow.lower(candidate.mapping, shape, arch);
    const long long pes = std::max(1, schedule.active_pes);
    return CandidateFigures{energy_floor(candidate.model.counts, input().zero_macs, arch),
                            (shape.macs() + pes - 1) / pes};
  };
  measures.engine = [&dataflow, &shape, &arch, &timer, input](const Candidate& candidate) {
    const Schedule schedule = dataflow.lower(candidate.mapping, shape, arch);
    const CandidateRun run = timer.run(schedule, input());
    return CandidateFigures{price(run.counts, arch.energy).total(), run.cycles};
  };
  return measures;
}

// What every search of a run shares.
struct MapperContext {
  const ArchSpec& arch;
  const SimulationOptions& options;
  CandidateTimer& timer;  // pass shapes recur across candidates
  LayerInputs& inputs;    // the layers' values, for the engine's figures
};

Choice choose_mapping(const RequestedDataflow& requested, const Layer& layer,
                      const LayerShape& shape, const MapperContext& context) {
  const ArchSpec& arch = context.arch;
  const SimulationOptions& options = context.options;
  Choice choice;
  const auto given = options.mappings.find(layer.name);
  if (given != options.mappings.end() && !requested.family &&
      given->second.dataflow == requested.name) {
    choice.dataflow = requested.members.front();
    choice.mapper = evaluate_mapping(*choice.dataflow, given->second, shape, arch);
    if (!choice.mapper.mapping) {
      throw InputError({"--mapping"}, layer.name,
                       "found " + given->second.describe() + ", expected a legal " +
                           choice.dataflow->long_name() + " mapping: " + choice.mapper.reason);
    }
    choice.given = true;
    return choice;
  }
  const auto score = [&](const MapperResult& result) {
    return objective_score(result.energy, result.cycles, options.objective);
  };
  const auto input = [&]() -> const CandidateInput& { return context.inputs.of(layer, shape); };
  // cycles and edp search by the model's figures corrected for the layer's values.
  FigureEstimate estimate;
  if (options.objective != Objective::energy) {
    estimate = [&](const ModelResult& model) { return estimate_figures(model, input(), arch); };
  }
  for (const Dataflow* dataflow : requested.members) {
    MapperResult result =
        search_mapping(*dataflow, shape, arch, options.objective, kShortlist, estimate);
    rank_shortlist(result, options.objective,
                   engine_measures(*dataflow, shape, arch, context.timer, input));
    const bool better =
        result.mapping && (!choice.mapper.mapping || score(result) < score(choice.mapper));
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
                   const SimulationOptions& options,
                   std::shared_ptr<const NetworkValues> values)
      : options_(options), timer_(arch), inputs_(arch, options, std::move(values)),
        context_{arch, options, timer_, inputs_} {
    for (const Layer* layer : layers) {
      if (options.mappings.count(layer->name)) continue;  // given: checked where used
      const LayerShape shape = layer_shape(*layer, options.batch);
      if (!runs_on_array(*layer) || !array_problem(*layer, shape).empty()) continue;
      for (const auto& requested : dataflows) {
        if (!find(requested, shape)) searches_.push_back({requested, shape, layer});
      }
    }
    std::atomic<size_t> next{0};
    std::vector<std::exception_ptr> failures(searches_.size());
    const auto work = [&] {
      for (size_t i = next++; i < searches_.size(); i = next++) {
        Search& search = searches_[i];
        const auto start = std::chrono::steady_clock::now();
        try {
          search.choice = choose_mapping(search.dataflow, *search.layer, search.shape, context_);
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
      Choice choice = choose_mapping(dataflow, layer, shape, context_);
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
    const Layer* layer = nullptr;  // the first layer of that shape (its values rank)
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
  const SimulationOptions& options_;
  CandidateTimer timer_;
  LayerInputs inputs_;
  MapperContext context_;
  std::vector<Search> searches_;
};

// What a row says of its layer before it runs.
LayerResult layer_entry(const ArchSpec& arch, const Layer& layer, const LayerShape& shape,
                        int batch) {
  LayerResult entry;
  entry.layer = layer.name;
  entry.batch = batch;
  entry.macs = layer.has_macs() ? shape.macs() : 0;
  // An add (a mul): one addition (product) per output word and further operand; a
  // standalone activation one per output word; concatenations, shuffles and slices
  // only move data.
  const bool copies = layer.type == LayerType::concat || layer.type == LayerType::shuffle ||
                      layer.type == LayerType::slice;
  const bool combines = layer.type == LayerType::add || layer.type == LayerType::mul;
  entry.ops = copies ? 0 : combines ? shape.macs() * long(layer.inputs.size() - 1) : shape.macs();
  if (!layer.has_macs()) entry.layer_type = layer_type_name(layer.type);
  entry.arch = arch.name;
  entry.array_pes = arch.pe_array.count();
  entry.clock_mhz = arch.clock_mhz;
  return entry;
}

}  // namespace

std::vector<LayerResult> map_layers(const ArchSpec& arch, const Network& network,
                                    const SimulationOptions& options) {
  std::vector<LayerResult> mapped;
  const auto layers = select_layers(network, options.layers);
  const auto dataflows = request_dataflows(options.dataflows);
  // The engine's figures, by which cycles and edp rank, depend on the layers' values.
  const bool ranked = options.objective != Objective::energy;
  SearchedMappings searched(arch, layers, dataflows, options,
                            ranked ? chained_values(network, options) : nullptr);
  for (const Layer* layer : layers) {
    const LayerShape shape = layer_shape(*layer, options.batch);
    for (const auto& requested : dataflows) {
      LayerResult entry = layer_entry(arch, *layer, shape, options.batch);
      entry.dataflow = entry.variant = requested.name;
      entry.mapped = moves_feature_maps(*layer);  // nothing to map
      entry.reason = array_problem(*layer, shape);
      if (entry.mapped || !entry.reason.empty()) {
        mapped.push_back(entry);
        continue;
      }
      double seconds = 0;
      const Choice choice = searched.choose(*layer, requested, shape, seconds);
      entry.variant = choice.dataflow->name();
      entry.mapped = bool(choice.mapper.mapping);
      entry.reason = choice.mapper.reason;
      entry.model = choice.mapper.model;
      entry.mapper_energy = choice.mapper.energy;
      entry.mapper_cycles = choice.mapper.cycles;
      entry.mapper_engine_ranked = choice.mapper.engine_ranked;
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
  SearchedMappings searched(arch, layers, dataflows, options, values);
  std::vector<PlannedLayer> planned_layers;
  std::vector<PlannedJob> planned_jobs;
  std::vector<size_t> simulated;  // per job: its index in result.layers
  std::vector<JobTrace> traces;
  for (const Layer* layer : layers) {
    const LayerShape shape = layer_shape(*layer, options.batch);
    bool planned = false;  // the layer's data, the same for every dataflow
    // The layer runs on `dataflow` (null: it only moves feature maps).
    const auto schedule_job = [&](const Dataflow* dataflow, LayerResult& entry) {
      entry.mapped = true;
      if (!planned) {
        planned = true;
        planned_layers.push_back(plan_layer(*layer, shape, options, values.get()));
        if (moves_feature_maps(*layer)) {
          planned_layers.back().operand_channels = operand_channels(network, *layer);
        }
      }
      if (std::count(options.trace_layers.begin(), options.trace_layers.end(), layer->name)) {
        traces.push_back(job_trace_of(entry, planned_jobs.size(), options.trace_window));
      }
      entry.input_chained = planned_layers.back().chained != nullptr;
      planned_jobs.push_back({dataflow, entry.mapping, planned_layers.size() - 1});
      simulated.push_back(result.layers.size());
      result.layers.push_back(entry);
    };
    for (const auto& requested : dataflows) {
      LayerResult entry = layer_entry(arch, *layer, shape, options.batch);
      entry.dataflow = entry.variant = requested.name;
      if (moves_feature_maps(*layer)) {
        schedule_job(nullptr, entry);
        continue;
      }
      entry.reason = array_problem(*layer, shape);
      if (!entry.reason.empty()) {
        count_layer_run_done(shape.macs());  // nothing to run: the progress counts it done
        result.layers.push_back(entry);
        continue;
      }
      const Choice choice = searched.choose(*layer, requested, shape, entry.mapper_seconds);
      entry.variant = choice.dataflow->name();
      entry.mapper_candidates = choice.mapper.candidates;
      entry.mapper_energy = choice.mapper.energy;
      entry.mapper_cycles = choice.mapper.cycles;
      entry.mapper_engine_ranked = choice.mapper.engine_ranked;
      entry.mapping_given = choice.given;
      if (!choice.mapper.mapping) {
        entry.reason = choice.mapper.reason;
        count_layer_run_done(shape.macs());
        result.layers.push_back(entry);
        continue;
      }
      entry.mapping = *choice.mapper.mapping;
      entry.model = choice.mapper.model;
      schedule_job(choice.dataflow, entry);
    }
  }
  JobPipeline pipeline(arch, std::move(planned_layers), std::move(planned_jobs),
                       DataOptions{options.seed, options.zero_fraction});
  const auto start = std::chrono::steady_clock::now();
  TraceRecorder recorder(arch, std::move(traces));
  std::vector<LayerRun> runs =
      run_engine(arch, pipeline, options.mode, recorder.traces().empty() ? nullptr : &recorder);
  result.traces = std::move(recorder.traces());
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
