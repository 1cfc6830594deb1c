#pragma once
// The engine: elaborates the SystemC model of one accelerator (once per process,
// as SystemC 2.3 allows) and streams layers through it.
//
// Modules, one process each (systemc/): DRAM in its own clock domain, the
// controller, and the PE array with its networks; the GLB is a passive channel
// the others access. Each module is a thin shell over plain C++ cores (README.md
// has the map). This header is plain C++ so that callers (the API, tests) need
// not include SystemC.

#include <cstdint>
#include <vector>

#include "arch/arch_spec.h"
#include "dataflows/schedule.h"
#include "sim/engine/array/pe_core.h"
#include "sim/engine/data/layer_data.h"
#include "sim/engine/data/move_data.h"
#include "sim/stats/access_counts.h"

namespace accelsim {

enum class EngineMode { exact, per_cycle };

// A layer on the array (a schedule and its data), or a layer that only moves
// feature maps (`move`; no schedule).
struct LayerJob {
  const Schedule* schedule = nullptr;
  const LayerData* data = nullptr;
  const MoveData* move = nullptr;
};

struct LayerRun {
  long long cycles = 0;             // first DRAM request to last ofmap stored
  long long processing_cycles = 0;  // cycles the array spent in passes
  long long dram_wait_cycles = 0;   // cycles the array waited for DRAM
  long long ramp_up_cycles = 0;     // of the passes: loading filters into the spads
  long long glb_port_conflicts = 0;
  long long passes = 0;
  long long stepped_passes = 0;     // of them, simulated cycle by cycle
  long long skipped_cycles = 0;     // of the stepped passes' cycles, jumped in a steady state
  // Feature-map words over the DRAM link uncompressed (the RLC compression's
  // baseline: DRAM ifmap reads / ifmap_raw_words is the link compression ratio).
  long long ifmap_raw_words = 0;
  long long ofmap_raw_words = 0;
  AccessCounts counts;
  PeStalls stalls;                  // PE-cycles, summed over the passes' active PEs
  std::vector<int16_t> output;      // ofmaps [n][g*M + m][e][f]
};

// Where the engine's jobs (a layer on one dataflow each) come from, in order: a
// job's schedule and data are asked for just before it starts and must stay valid
// until its run is handed back, as soon as it has finished (the caller may take the
// output). So a caller can make schedules and data just in time and check outputs
// as they come, and never hold a whole network's schedules, weights and outputs.
class JobSource {
 public:
  virtual ~JobSource() = default;
  virtual size_t jobs() const = 0;
  virtual LayerJob start(size_t job) = 0;
  virtual void finish(size_t job, LayerRun& run) = 0;
};

// Runs the source's jobs in order on the accelerator. Throws std::logic_error when
// called a second time in one process (SystemC cannot elaborate twice).
// `trace` (trace/trace_recorder.h), when given, records the jobs it names.
class TraceRecorder;
std::vector<LayerRun> run_engine(const ArchSpec& arch, JobSource& source, EngineMode mode,
                                 TraceRecorder* trace = nullptr);

}  // namespace accelsim
