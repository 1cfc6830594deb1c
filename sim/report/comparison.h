#pragma once
// The dataflow comparison (ISCA 2016 style): for every layer and in total, each
// dataflow's energy per MAC by level, DRAM accesses per MAC, cycles and active PEs,
// with the lowest-energy dataflow marked.

#include <string>

#include "sim/report/run_report.h"

namespace accelsim {

// True when the run holds more than one dataflow.
bool compares_dataflows(const SimulationResult& result);

std::string comparison_table(const RunContext& run);

}  // namespace accelsim
