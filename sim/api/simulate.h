#pragma once
// The one facade the CLI and the Python bindings call: map every selected layer,
// lower it, run all of them through the engine, verify the outputs and price the
// counts.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "arch/arch_spec.h"
#include "dataflows/dataflow.h"
#include "dataflows/mapper.h"
#include "sim/engine/engine.h"
#include "sim/api/layer_selection.h"
#include "sim/engine/trace/job_trace.h"
#include "workloads/network.h"

namespace accelsim {

struct NetworkValues;  // network_values.h

struct SimulationOptions {
  // The words the user asked for (dataflows, families such as "os", "all"), as
  // the registry reads them (request_dataflows, dataflows/dataflow.h).
  std::vector<std::string> dataflows = {"rs"};
  int batch = 1;
  std::vector<std::string> layers;  // empty: every simulated layer (layer_selection.h)
  Objective objective = Objective::energy;
  EngineMode mode = EngineMode::exact;
  unsigned long long seed = 0;
  // The data model (README "Data model"): chained by default, each layer fed its
  // producers' real output from `image` (empty: the photo shipped in
  // workloads/images); independent when `independent_layers`, each layer's input
  // drawn with `zero_fraction` zeros, or its own fraction from `zero_profile`.
  bool independent_layers = false;
  double zero_fraction = 0.5;
  std::map<std::string, double> zero_profile;
  std::string image;
  // The chained model's values, computed once by the parent before children fork
  // (network_values.h); simulate() computes them when null.
  std::shared_ptr<const NetworkValues> values;
  std::string data_folder;  // <layer>_ifmap.npy / <layer>_weights.npy replace generated data
  int jobs = 1;             // processes for independent layers or specs (parallel.h)
  // Explicit mappings by layer name; layers not listed are searched.
  std::map<std::string, Mapping> mappings;
  // --trace: the layers whose run (on each dataflow) is traced, and the passes.
  std::vector<std::string> trace_layers;
  TraceWindow trace_window;
};

struct LayerResult {
  std::string layer;
  std::string dataflow;             // the word asked for: a dataflow or a family ("os")
  std::string variant;              // the dataflow that ran: the family's winner ("os-b"),
                                    // else the same as `dataflow`
  std::string arch;                 // the spec it ran on
  int array_pes = 0;                // PEs of that spec's array
  double clock_mhz = 0;
  int batch = 1;
  long long macs = 0;               // 0 for the layers without MACs (pooling, adds, ...)
  long long ops = 0;                // the array's operations: MACs, or max pooling's compares
  std::string layer_type;           // a layer without MACs: "pool", "add", "concat"; else empty
  bool mapped = false;
  std::string reason;               // why it could not be mapped
  Mapping mapping;
  bool mapping_given = false;       // explicit, not searched
  long long mapper_candidates = 0;
  double mapper_seconds = 0;
  // The energy and cycles the mapper weighed for its choice: the engine's (measured
  // on the layer's values by sim/engine/exact/candidate_timing.h) when it ranked by
  // the engine (cycles, edp), else the model's energy and estimate of the cycles.
  double mapper_energy = 0;
  long long mapper_cycles = 0;
  bool mapper_engine_ranked = false;
  ModelResult model;                // analytical model of the mapping
  LayerRun run;                     // what the engine measured (output dropped)
  int active_pes = 0;
  bool output_verified = false;
  double input_zero_fraction = 0;   // measured in the ifmap the layer ran on
  bool input_chained = false;       // that ifmap was its producer's real output
  EnergyBreakdown energy;

  // DRAM words over the uncompressed words of the ifmaps read / ofmaps written
  // (below 1: the RLC encoding saved; 0 when nothing moved).
  double ifmap_link_ratio() const;
  double ofmap_link_ratio() const;

  double utilization() const;  // ops / (processing cycles x PEs of the array)
  // The dataflow as outputs name it: "rs", or a family with its winner "os (os-b)".
  std::string dataflow_label() const;
  // The value the mapper's objective minimized (a family keeps its best variant's).
  double mapper_score(Objective objective) const;
};

struct SimulationResult {
  std::vector<LayerResult> layers;
  double engine_seconds = 0;
  std::vector<JobTrace> traces = {};  // of SimulationOptions::trace_layers, in run order
  // Chained model: what the functional pass measured of every layer it computed.
  std::shared_ptr<const NetworkValues> values;
};

// The chained model's values for the options' selected layers (the options' own when
// set; null in the independent model): what the parent computes before forking.
std::shared_ptr<const NetworkValues> chained_values(const Network& network,
                                                    const SimulationOptions& options);

// Throws InputError for bad options (unknown dataflow, unknown layer, a mapping
// that is not legal). A layer that cannot be mapped is reported in its result.
SimulationResult simulate(const ArchSpec& arch, const Network& network,
                          const SimulationOptions& options);

// The mapping of every selected layer for every requested dataflow (or why none
// exists), without simulating: what `--check` reports.
std::vector<LayerResult> map_layers(const ArchSpec& arch, const Network& network,
                                    const SimulationOptions& options);

// Reads an explicit mapping file (format: dataflows/README.md).
std::map<std::string, Mapping> load_mapping_file(const std::string& path);

}  // namespace accelsim
