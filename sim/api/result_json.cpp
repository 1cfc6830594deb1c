#include "sim/api/result_json.h"

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

namespace {

nlohmann::json stalls_json(const PeStalls& s) {
  return {s.filter_load, s.ifmap, s.psum, s.output, s.idle};
}

PeStalls stalls_from_json(const nlohmann::json& json) {
  return {json[0], json[1], json[2], json[3], json[4]};
}

nlohmann::json layer_json(const LayerResult& l) {
  nlohmann::json params = nlohmann::json::array();
  for (const auto& [key, value] : l.mapping.params) params.push_back({key, value});
  const LayerRun& r = l.run;
  return {{"layer", l.layer}, {"dataflow", l.dataflow}, {"arch", l.arch},
          {"array_pes", l.array_pes}, {"clock_mhz", l.clock_mhz}, {"batch", l.batch},
          {"macs", l.macs}, {"mapped", l.mapped}, {"reason", l.reason},
          {"mapping", {l.mapping.dataflow, params}}, {"mapping_given", l.mapping_given},
          {"mapper_candidates", l.mapper_candidates}, {"mapper_seconds", l.mapper_seconds},
          {"model", {counts_json(l.model.counts), l.model.estimated_cycles, l.model.energy}},
          {"run",
           {r.cycles, r.processing_cycles, r.dram_wait_cycles, r.ramp_up_cycles,
            r.glb_port_conflicts, r.passes, r.stepped_passes, counts_json(r.counts),
            stalls_json(r.stalls), r.skipped_cycles}},
          {"active_pes", l.active_pes}, {"output_verified", l.output_verified},
          {"energy", l.energy.per_level}};
}

LayerResult layer_from_json(const nlohmann::json& j) {
  LayerResult l;
  l.layer = j.at("layer");
  l.dataflow = j.at("dataflow");
  l.arch = j.at("arch");
  l.array_pes = j.at("array_pes");
  l.clock_mhz = j.at("clock_mhz");
  l.batch = j.at("batch");
  l.macs = j.at("macs");
  l.mapped = j.at("mapped");
  l.reason = j.at("reason");
  l.mapping.dataflow = j.at("mapping")[0];
  for (const auto& param : j.at("mapping")[1]) l.mapping.params.emplace_back(param[0], param[1]);
  l.mapping_given = j.at("mapping_given");
  l.mapper_candidates = j.at("mapper_candidates");
  l.mapper_seconds = j.at("mapper_seconds");
  const auto& model = j.at("model");
  l.model = {counts_from_json(model[0]), model[1], model[2]};
  const auto& r = j.at("run");
  l.run.cycles = r[0];
  l.run.processing_cycles = r[1];
  l.run.dram_wait_cycles = r[2];
  l.run.ramp_up_cycles = r[3];
  l.run.glb_port_conflicts = r[4];
  l.run.passes = r[5];
  l.run.stepped_passes = r[6];
  l.run.counts = counts_from_json(r[7]);
  l.run.stalls = stalls_from_json(r[8]);
  l.run.skipped_cycles = r[9];
  l.active_pes = j.at("active_pes");
  l.output_verified = j.at("output_verified");
  l.energy.per_level = j.at("energy");
  return l;
}

}  // namespace

nlohmann::json result_json(const SimulationResult& result) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& layer : result.layers) layers.push_back(layer_json(layer));
  return {{"layers", layers}, {"engine_seconds", result.engine_seconds}};
}

SimulationResult result_from_json(const nlohmann::json& json) {
  SimulationResult result;
  for (const auto& layer : json.at("layers")) result.layers.push_back(layer_from_json(layer));
  result.engine_seconds = json.at("engine_seconds");
  return result;
}

}  // namespace accelsim
