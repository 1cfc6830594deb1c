#pragma once
// Runs accelsim::simulate in a child process and returns run.json as parsed JSON, each
// layer with its diagnostics (diagnostics.json) merged in.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arch/arch_parser.h"
#include "sim/api/simulate.h"
#include "sim/report/run_report.h"
#include "tests/engine/child_process.h"
#include "workloads/network.h"

namespace accelsim::testing {

// run.json with each layer's diagnostics (diagnostics.json: stepped passes, skipped
// cycles) merged in, for the tests that check how the exact mode got its results.
inline nlohmann::json with_diagnostics(nlohmann::json run, const nlohmann::json& diagnostics) {
  for (size_t i = 0; i < run.at("layers").size(); ++i) {
    run["layers"][i].update(diagnostics.at("layers").at(i));
  }
  return run;
}

inline nlohmann::json simulate_in_child(const std::string& arch_path,
                                        const std::vector<Override>& overrides,
                                        const std::string& net, const SimulationOptions& options) {
  const std::string text = run_in_child([&] {
    const ArchSpec arch = load_arch(arch_path, overrides);
    const Network network = load_network(net);
    const SimulationResult result = simulate(arch, network, options);
    const RunContext context{arch, network, options, result};
    return with_diagnostics(run_json(context), diagnostics_json(context)).dump();
  });
  if (text.rfind("EXCEPTION", 0) == 0) return {{"error", text}};
  return nlohmann::json::parse(text);
}

// The layer entries of a run.json, by name.
inline nlohmann::json layer_of(const nlohmann::json& run, const std::string& name) {
  for (const auto& layer : run.at("layers")) {
    if (layer.at("layer") == name) return layer;
  }
  return {};
}

}  // namespace accelsim::testing
