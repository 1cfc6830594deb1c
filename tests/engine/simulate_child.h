#pragma once
// Runs accelsim::simulate in a child process and returns run.json as parsed JSON.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arch/arch_parser.h"
#include "sim/api/simulate.h"
#include "sim/report/run_report.h"
#include "tests/engine/child_process.h"
#include "workloads/network.h"

namespace accelsim::testing {

inline nlohmann::json simulate_in_child(const std::string& arch_path,
                                        const std::vector<Override>& overrides,
                                        const std::string& net, const SimulationOptions& options) {
  const std::string text = run_in_child([&] {
    const ArchSpec arch = load_arch(arch_path, overrides);
    const Network network = load_network(net);
    const SimulationResult result = simulate(arch, network, options);
    return run_json(RunContext{arch, network, options, result}).dump();
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
