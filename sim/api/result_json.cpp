#include "sim/api/result_json.h"

#include "sim/api/trace_json.h"

namespace accelsim {

nlohmann::json counts_json(const AccessCounts& counts) {
  nlohmann::json json = nlohmann::json::object();
  for (int level = 0; level < kLevelCount - 1; ++level) {
    for (int type = 0; type < kDataTypeCount; ++type) {
      for (int action = 0; action < kActionCount; ++action) {
        const long long count = counts.words[size_t(level)][size_t(type)][size_t(action)];
        if (count) json[level_names()[size_t(level)]][data_type_names()[size_t(type)]][action_names()[size_t(action)]] = count;
      }
    }
  }
  json["mac"] = {{"issued", counts.macs_issued}, {"gated", counts.macs_gated}};
  return json;
}

AccessCounts counts_from_json(const nlohmann::json& json) {
  AccessCounts counts;
  for (int level = 0; level < kLevelCount - 1; ++level) {
    const auto l = json.find(level_names()[size_t(level)]);
    if (l == json.end()) continue;
    for (int type = 0; type < kDataTypeCount; ++type) {
      const auto t = l->find(data_type_names()[size_t(type)]);
      if (t == l->end()) continue;
      for (int action = 0; action < kActionCount; ++action) {
        counts.words[size_t(level)][size_t(type)][size_t(action)] =
            t->value(action_names()[size_t(action)], 0LL);
      }
    }
  }
  counts.macs_issued = json.at("mac").at("issued");
  counts.macs_gated = json.at("mac").at("gated");
  return counts;
}

nlohmann::json stalls_json(const PeStalls& s) {
  return {{"filter_load", s.filter_load}, {"ifmap", s.ifmap}, {"psum", s.psum},
          {"output", s.output}, {"idle", s.idle}};
}

PeStalls stalls_from_json(const nlohmann::json& json) {
  return {json.at("filter_load"), json.at("ifmap"), json.at("psum"), json.at("output"),
          json.at("idle")};
}

nlohmann::json energy_json(const EnergyBreakdown& energy) {
  nlohmann::json json = nlohmann::json::object();
  for (int level = 0; level < kLevelCount; ++level) {
    json[level_names()[size_t(level)]] = energy.per_level[size_t(level)];
  }
  return json;
}

EnergyBreakdown energy_from_json(const nlohmann::json& json) {
  EnergyBreakdown energy;
  for (int level = 0; level < kLevelCount; ++level) {
    energy.per_level[size_t(level)] = json.at(level_names()[size_t(level)]);
  }
  return energy;
}

namespace {

// LayerRun's counters by name: run.json's names (results/README.md). One table for
// both directions, so writing and reading cannot drift apart.
const std::pair<const char*, long long LayerRun::*> kRunCounters[] = {
    {"cycles", &LayerRun::cycles},
    {"processing_cycles", &LayerRun::processing_cycles},
    {"dram_wait_cycles", &LayerRun::dram_wait_cycles},
    {"ramp_up_cycles", &LayerRun::ramp_up_cycles},
    {"glb_port_conflicts", &LayerRun::glb_port_conflicts},
    {"passes", &LayerRun::passes},
    {"stepped_passes", &LayerRun::stepped_passes},
    {"skipped_cycles", &LayerRun::skipped_cycles},
    {"ifmap_raw_words", &LayerRun::ifmap_raw_words},
    {"ofmap_raw_words", &LayerRun::ofmap_raw_words},
};

nlohmann::json run_json_of(const LayerRun& run) {
  nlohmann::json json = {{"counts", counts_json(run.counts)},
                         {"stall_pe_cycles", stalls_json(run.stalls)}};
  for (const auto& [name, counter] : kRunCounters) json[name] = run.*counter;
  return json;
}

LayerRun run_from_json(const nlohmann::json& json) {
  LayerRun run;
  for (const auto& [name, counter] : kRunCounters) run.*counter = json.at(name);
  run.counts = counts_from_json(json.at("counts"));
  run.stalls = stalls_from_json(json.at("stall_pe_cycles"));
  return run;
}

// Parameters as [name, value] pairs: their order is the dataflow's (Mapping::describe).
nlohmann::json mapping_json(const Mapping& mapping) {
  nlohmann::json params = nlohmann::json::array();
  for (const auto& [key, value] : mapping.params) params.push_back({key, value});
  return {{"dataflow", mapping.dataflow}, {"params", params}};
}

Mapping mapping_from_json(const nlohmann::json& j) {
  Mapping mapping{j.at("dataflow"), {}};
  for (const auto& param : j.at("params")) mapping.params.emplace_back(param.at(0), param.at(1));
  return mapping;
}

nlohmann::json layer_json(const LayerResult& l) {
  return {{"layer", l.layer}, {"dataflow", l.dataflow}, {"variant", l.variant}, {"arch", l.arch},
          {"array_pes", l.array_pes}, {"clock_mhz", l.clock_mhz}, {"batch", l.batch},
          {"macs", l.macs}, {"ops", l.ops}, {"layer_type", l.layer_type},
          {"mapped", l.mapped}, {"reason", l.reason}, {"mapping", mapping_json(l.mapping)}, {"mapping_given", l.mapping_given},
          {"mapper_candidates", l.mapper_candidates}, {"mapper_seconds", l.mapper_seconds},
          {"mapper_energy", l.mapper_energy}, {"mapper_cycles", l.mapper_cycles}, {"mapper_engine_ranked", l.mapper_engine_ranked},
          {"model", {{"counts", counts_json(l.model.counts)},
                     {"estimated_cycles", l.model.estimated_cycles},
                     {"estimated_dram_wait_cycles", l.model.estimated_dram_wait_cycles},
                     {"energy", l.model.energy}}},
          {"run", run_json_of(l.run)},
          {"active_pes", l.active_pes}, {"output_verified", l.output_verified},
          {"input_zero_fraction", l.input_zero_fraction}, {"input_chained", l.input_chained},
          {"ifmap_link_ratio", l.ifmap_link_ratio()}, {"ofmap_link_ratio", l.ofmap_link_ratio()},
          {"energy", energy_json(l.energy)}};
}

LayerResult layer_from_json(const nlohmann::json& j) {
  LayerResult l;
  l.layer = j.at("layer");
  l.dataflow = j.at("dataflow");
  l.variant = j.at("variant");
  l.arch = j.at("arch");
  l.array_pes = j.at("array_pes");
  l.clock_mhz = j.at("clock_mhz");
  l.batch = j.at("batch");
  l.macs = j.at("macs");
  l.ops = j.at("ops");
  l.layer_type = j.at("layer_type");
  l.mapped = j.at("mapped");
  l.reason = j.at("reason");
  l.mapping = mapping_from_json(j.at("mapping"));
  l.mapping_given = j.at("mapping_given");
  l.mapper_candidates = j.at("mapper_candidates");
  l.mapper_seconds = j.at("mapper_seconds");
  l.mapper_energy = j.at("mapper_energy");
  l.mapper_cycles = j.at("mapper_cycles");
  l.mapper_engine_ranked = j.at("mapper_engine_ranked");
  const auto& model = j.at("model");
  l.model.counts = counts_from_json(model.at("counts"));
  l.model.estimated_cycles = model.at("estimated_cycles");
  l.model.estimated_dram_wait_cycles = model.at("estimated_dram_wait_cycles");
  l.model.energy = model.at("energy");
  l.run = run_from_json(j.at("run"));
  l.active_pes = j.at("active_pes");
  l.output_verified = j.at("output_verified");
  l.input_zero_fraction = j.at("input_zero_fraction");
  l.input_chained = j.at("input_chained");
  l.energy = energy_from_json(j.at("energy"));
  return l;
}

}  // namespace

nlohmann::json result_json(const SimulationResult& result) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& layer : result.layers) layers.push_back(layer_json(layer));
  return {{"layers", layers}, {"engine_seconds", result.engine_seconds},
          {"traces", traces_json(result.traces)}};
}

SimulationResult result_from_json(const nlohmann::json& json) {
  SimulationResult result;
  for (const auto& layer : json.at("layers")) result.layers.push_back(layer_from_json(layer));
  result.engine_seconds = json.at("engine_seconds");
  if (json.count("traces")) result.traces = traces_from_json(json.at("traces"));
  return result;
}

}  // namespace accelsim
