#pragma once
// The per-layer summary of a network (`accelsim --net NAME --summary`) and the
// list of built-in networks, as a table, CSV or JSON.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arch/arch_spec.h"
#include "workloads/network.h"

namespace accelsim {

// Columns, in order: name, type, C, M, groups, H, W, R, S, stride, pad, E, F, macs,
// weights, activation. stride and pad are one integer when equal in both dimensions,
// else [h, w]; activation is `none` when the layer has none.
nlohmann::json network_summary_json(const Network& network);
std::string network_summary_csv(const Network& network);
std::string network_summary_table(const Network& network);

// Built-in networks with their layer counts, MACs and weights.
std::string network_list_table(const std::vector<Network>& networks);
nlohmann::json network_list_json(const std::vector<Network>& networks);
std::string network_list_csv(const std::vector<Network>& networks);

// The resolved spec, every field, for run.json.
nlohmann::json arch_json(const ArchSpec& spec);
// A few lines describing the spec, for the top of a report.
std::string arch_overview(const ArchSpec& spec);

}  // namespace accelsim
