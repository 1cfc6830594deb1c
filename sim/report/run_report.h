#pragma once
// Reports of a simulation: the table on stdout and the files of a run
// (summary.csv, accesses.csv, run.json, mappings.txt; columns in results/README.md).

#include <nlohmann/json.hpp>
#include <string>

#include "arch/arch_spec.h"
#include "sim/api/request.h"
#include "sim/api/result_json.h"
#include "sim/api/simulate.h"
#include "workloads/network.h"

namespace accelsim {

struct RunContext {
  const ArchSpec& arch;  // the spec (the first, when each dataflow has its own)
  const Network& network;
  const SimulationOptions& options;
  const SimulationResult& result;
  const std::vector<ArchSpec>* archs = nullptr;  // one spec per dataflow (a spec folder)
};

// The context of a facade run (sim/api/request.h); it refers to both arguments.
RunContext run_context(const SimulationInputs& inputs, const SimulationResult& result);

std::string run_table(const RunContext& run);
std::string summary_csv(const RunContext& run);
std::string accesses_csv(const RunContext& run);
std::string mappings_text(const RunContext& run);
// run.json: the results, byte-identical across reruns and -j. What the engine did to get
// them (wall-clock seconds, passes stepped, cycles jumped: they change with -j and time)
// is in diagnostics_json(), written apart as diagnostics.json.
nlohmann::json run_json(const RunContext& run);
nlohmann::json diagnostics_json(const RunContext& run);

// Writes the four files, report.html (html_report.h) and diagnostics.json under `folder`,
// together (sim/common: a temporary folder renamed into place).
void write_run_files(const RunContext& run, const std::string& folder);

}  // namespace accelsim
