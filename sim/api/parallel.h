#pragma once
// `-j N`: independent layers in N processes at once. A layer's results do not
// depend on the others (its data come from the seed and its name, and the
// controller starts it on an idle machine), so they equal those of one process.

#include <functional>
#include <string>
#include <vector>

#include "sim/api/simulate.h"

namespace accelsim {

// Runs `bodies` (each returning text) in forked children, at most `jobs` at once,
// and returns their texts in order. Throws InputError or std::runtime_error as the
// first failing child did.
std::vector<std::string> run_children(const std::vector<std::function<std::string()>>& bodies,
                                      int jobs);

// simulate() with the layers split over `jobs` child processes (largest first,
// balanced by MACs); jobs <= 1 runs in this process.
SimulationResult simulate_in_parallel(const ArchSpec& arch, const Network& network,
                                      const SimulationOptions& options, int jobs);

}  // namespace accelsim
