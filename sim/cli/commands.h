#pragma once
// What the CLI does once its options are parsed. Output goes to `out`; errors
// are thrown (InputError for bad input).

#include <ostream>

#include "arch/arch_spec.h"
#include "sim/api/simulate.h"
#include "sim/cli/options.h"
#include "workloads/network.h"

namespace accelsim {

int run_command(const CliOptions& options, std::ostream& out);

// What a simulation command runs on, read and validated as the CLI does (the spec
// with its overrides, the network, the selected layers, the dataflow, explicit
// mappings). Throws InputError with the CLI's message. Runs no simulation, so the
// Python bindings call it in their own process to check inputs.
struct SimulationInputs {
  ArchSpec arch;
  Network network;
  SimulationOptions options;
  size_t layer_count = 0;  // layers selected by --layers (all when empty)
};
SimulationInputs prepare_simulation(const CliOptions& options);

}  // namespace accelsim
