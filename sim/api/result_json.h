#pragma once
// Simulation results as JSON and back: the form in which a child process hands its
// results to its parent (one process per architecture: SystemC elaborates once).
// Parts of it are run.json's too (sim/report/run_report.cpp).

#include <nlohmann/json.hpp>

#include "sim/api/simulate.h"

namespace accelsim {

// level -> data type -> action -> words (zero entries left out), and "mac".
nlohmann::json counts_json(const AccessCounts& counts);
AccessCounts counts_from_json(const nlohmann::json& json);

// {"filter_load", "ifmap", "psum", "output", "idle"}: run.json's stall_pe_cycles.
nlohmann::json stalls_json(const PeStalls& stalls);
PeStalls stalls_from_json(const nlohmann::json& json);

// level -> energy, every level (run.json's per-layer "energy").
nlohmann::json energy_json(const EnergyBreakdown& energy);
EnergyBreakdown energy_from_json(const nlohmann::json& json);

// Every field by name (run.json's names where it has the field); a mapping's
// parameters as [name, value] pairs, in the dataflow's order.
nlohmann::json result_json(const SimulationResult& result);
SimulationResult result_from_json(const nlohmann::json& json);

}  // namespace accelsim
