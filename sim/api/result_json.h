#pragma once
// Simulation results as JSON and back: the form in which a child process hands its
// results to its parent (one process per architecture: SystemC elaborates once).

#include <nlohmann/json.hpp>

#include "sim/api/simulate.h"

namespace accelsim {

// level -> data type -> action -> words (zero entries left out), and "mac".
nlohmann::json counts_json(const AccessCounts& counts);
AccessCounts counts_from_json(const nlohmann::json& json);

nlohmann::json result_json(const SimulationResult& result);
SimulationResult result_from_json(const nlohmann::json& json);

}  // namespace accelsim
