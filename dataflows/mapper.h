#pragma once
// The mapper: searches a dataflow's legal mappings of a layer with the analytical
// model and keeps the best by the objective.

#include <optional>
#include <string>

#include "dataflows/dataflow.h"

namespace accelsim {

enum class Objective { energy, cycles, edp };
Objective parse_objective(const std::string& name);  // energy | cycles | edp

struct MapperResult {
  std::optional<Mapping> mapping;  // empty when nothing maps
  ModelResult model;               // of the chosen mapping
  std::string reason;              // why nothing maps
  long long candidates = 0;        // legal mappings evaluated
};

// The value the objective minimizes.
double objective_score(const ModelResult& model, Objective objective);

MapperResult search_mapping(const Dataflow& dataflow, const LayerShape& shape,
                            const ArchSpec& arch, Objective objective);

// Checks and evaluates a given mapping (an explicit one from the user).
MapperResult evaluate_mapping(const Dataflow& dataflow, const Mapping& mapping,
                              const LayerShape& shape, const ArchSpec& arch);

}  // namespace accelsim
