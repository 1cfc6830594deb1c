#pragma once
// The facade the CLI and the Python bindings both call (sim/api/README.md):
//   SimulationRequest (the user's choices, as typed)
//     -> prepare() -> SimulationInputs (read and validated; no SystemC)
//     -> run()     -> SimulationResult
//     -> the files: sim/report/run_report.h (run_context(), write_run_files()).
// Every check of a request lives behind prepare(), with the messages the CLI prints:
// they name the CLI option (--batch, --layers, ...), for Python too.

#include <optional>
#include <string>
#include <vector>

#include "arch/arch_spec.h"
#include "sim/api/simulate.h"
#include "sim/api/spec_folder.h"
#include "sim/common/yaml_reader.h"
#include "workloads/network.h"

namespace accelsim {

struct SimulationRequest {
  std::string arch;                 // a spec file, a built-in name, or a folder of one spec per dataflow
  std::vector<Override> overrides;  // --pe-array and --set, in order (a later one wins)
  std::string net;                  // a built-in name or a workload file
  std::string input;                // HxW or HxWxC: the network on another input size
  std::vector<std::string> dataflows = {"rs"};  // registry words: dataflows, families, "all"
  int batch = 1;
  std::vector<std::string> layers;  // empty: every layer with MACs (layer_selection.h)
  std::string objective = "energy";  // energy | cycles | edp
  std::string mode = "exact";        // exact | per-cycle
  unsigned long long seed = 0;
  // The data model (simulate.h, SimulationOptions): chained unless independent_layers.
  bool independent_layers = false;
  double zero_fraction = 0.5;
  std::string zero_profile;  // a file of "LAYER FRACTION" lines (independent model)
  std::string image;         // the chained model's input photo (PPM); empty: the shipped one
  std::string data_folder;                  // .npy data instead of generated data
  std::string mapping_file;                 // explicit mappings (dataflows/README.md)
  std::vector<std::string> layer_mappings;  // LAYER:k=v,k=v,... (--map), the last wins
  int jobs = 1;                             // processes for independent layers or specs
  // --trace (trace_request.h): trace the run of these layers (empty: the first
  // selected), their passes A:B ("A:B" or "N" for 1:N).
  bool trace = false;
  std::vector<std::string> trace_layers;
  std::string trace_passes = "1:2";
};

// Generous bounds of the request's counts: a batch of 65,536 images is past any
// accelerator study; a process per job beyond 256 only exhausts the machine.
constexpr int kMaxBatch = 65536;
constexpr int kMaxJobs = 256;

// Checks what needs no file: the dataflow words, objective, mode, batch, zero
// fraction and jobs. prepare() calls it first; the CLI also calls it while parsing,
// so that a bad value is an error whatever the command.
void check_values(const SimulationRequest& request);

// What a simulation runs on: the spec with its overrides (the first of a spec
// folder), the network, the options of simulate().
struct SimulationInputs {
  ArchSpec arch;
  Network network;
  SimulationOptions options;
  size_t layer_count = 0;               // the selected layers
  std::optional<SpecFolderRun> folder;  // arch names a folder: one spec per dataflow
};

// The network the request names, resized when it gives an input size.
Network load_requested_network(const SimulationRequest& request);

// Reads and validates everything the request names; throws InputError. Runs
// neither the mapper nor SystemC, so the Python bindings call it in their process.
SimulationInputs prepare(const SimulationRequest& request);

// The mapping of every selected layer for every requested dataflow on its spec, or
// why none exists, without simulating (--check). Reads the --data files too.
std::vector<LayerResult> map_layers(const SimulationInputs& inputs);

// Runs the simulation: independent layers (or the specs of a folder) in
// inputs.options.jobs child processes at once.
SimulationResult run(const SimulationInputs& inputs);

// The mapped layers whose output differed from the reference convolution.
std::vector<std::string> unverified_layers(const SimulationResult& result);

}  // namespace accelsim
