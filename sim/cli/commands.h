#pragma once
// What the CLI does once its options are parsed. Output goes to `out`; errors
// are thrown (InputError for bad input).

#include <optional>
#include <ostream>

#include "arch/arch_spec.h"
#include "sim/api/simulate.h"
#include "sim/api/spec_folder.h"
#include "sim/cli/options.h"
#include "workloads/network.h"

namespace accelsim {

int run_command(const CliOptions& options, std::ostream& out);

// What a simulation command runs on, read and validated as the CLI does (the spec
// with its overrides, the network, the selected layers, the dataflow, explicit
// mappings). Throws InputError with the CLI's message. Runs no simulation, so the
// Python bindings call it in their own process to check inputs.
struct SimulationInputs {
  ArchSpec arch;           // the spec (the first of a spec folder)
  Network network;
  SimulationOptions options;
  size_t layer_count = 0;  // layers selected by --layers (all when empty)
  std::optional<SpecFolderRun> folder;  // --arch names a folder: one spec per dataflow
};
SimulationInputs prepare_simulation(const CliOptions& options);

// Runs the simulation the inputs describe (each spec of a folder in its own child
// process); for a folder, also fills inputs.folder->result.
SimulationResult run_simulation(SimulationInputs& inputs);

}  // namespace accelsim
