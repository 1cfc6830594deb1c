#include "dataflows/mapper.h"

#include <stdexcept>

namespace accelsim {
double objective_score(const ModelResult& model, Objective objective) {
  switch (objective) {
    case Objective::energy: return model.energy;
    case Objective::cycles: return double(model.estimated_cycles);
    case Objective::edp: return model.energy * double(model.estimated_cycles);
  }
  return model.energy;
}

Objective parse_objective(const std::string& name) {
  if (name == "energy") return Objective::energy;
  if (name == "cycles") return Objective::cycles;
  if (name == "edp") return Objective::edp;
  throw std::invalid_argument("unknown objective " + name);
}

MapperResult search_mapping(const Dataflow& dataflow, const LayerShape& shape,
                            const ArchSpec& arch, Objective objective) {
  MapperResult best;
  double best_score = 0;
  best.reason = dataflow.enumerate(shape, arch, [&](const Mapping& mapping) {
    ++best.candidates;
    const ModelResult model = dataflow.analyze(mapping, shape, arch);
    const double value = objective_score(model, objective);
    // Ties keep the first found; enumeration order is fixed, so the choice is too.
    if (!best.mapping || value < best_score) {
      best.mapping = mapping;
      best.model = model;
      best_score = value;
    }
  });
  if (best.reason.empty() && !best.mapping) best.reason = "no legal mapping";
  return best;
}

MapperResult evaluate_mapping(const Dataflow& dataflow, const Mapping& mapping,
                              const LayerShape& shape, const ArchSpec& arch) {
  MapperResult result;
  result.reason = dataflow.check(mapping, shape, arch);
  if (!result.reason.empty()) return result;
  result.mapping = mapping;
  result.model = dataflow.analyze(mapping, shape, arch);
  result.candidates = 1;
  return result;
}

}  // namespace accelsim
