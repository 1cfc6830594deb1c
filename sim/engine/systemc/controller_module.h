#pragma once
// The controller module: a SystemC shell over ControllerCore
// (control/controller_core.h), which decides each layer's steps; the module
// performs them with the DRAM, GLB and array modules, waiting where the core says
// the array waits.

#include <systemc>

#include <deque>
#include <functional>
#include <optional>
#include <vector>

#include "arch/arch_spec.h"
#include "sim/engine/control/controller_core.h"
#include "sim/engine/engine.h"
#include "sim/engine/memory/dram_core.h"
#include "sim/engine/systemc/array_module.h"
#include "sim/engine/systemc/dram_module.h"
#include "sim/engine/systemc/glb_module.h"
#include "sim/engine/trace/trace_recorder.h"

namespace accelsim {

SC_MODULE(ControllerModule) {
  ControllerModule(sc_core::sc_module_name name, const ArchSpec& arch,
                   JobSource& source, DramModule& dram, GlbModule& glb,
                   ArrayModule& array, std::vector<LayerRun>& runs,
                   TraceRecorder* trace = nullptr);
  SC_HAS_PROCESS(ControllerModule);

 private:
  // A fetching pass's DRAM transfer, alive until the pass starts.
  struct FilterFetch {
    const StagedPass* pass = nullptr;
    DramRequest request;
  };

  void run();
  void run_layer(const LayerJob& job, LayerRun& run);
  void run_moves(const MoveData& data, LayerRun& run);
  void perform(const ControllerStep& step, ControllerCore& core, const LayerJob& job,
               LayerRun& run);
  void fetch_filters(StagedPass& pass, const LayerJob& job, LayerRun& run);
  void start_pass(const StagedPass& pass, const Schedule& schedule, int product_shift);
  void align_to_clock();
  DramTransfer dram(const std::function<DramTransfer()>& move, TraceSpan::Kind kind);
  double job_cycle() const;  // core cycles since the job started (the trace's time)

  const ArchSpec& arch_;
  const DramCore dram_core_;
  JobSource& source_;
  DramModule& dram_;
  GlbModule& glb_;
  ArrayModule& array_;
  std::vector<LayerRun>& runs_;
  sc_core::sc_time period_;
  std::deque<FilterFetch> fetches_;         // oldest first
  std::optional<PassRequest> running_pass_;  // handed to the array last
  TraceRecorder* trace_;                     // null: nothing traced (--trace)
  sc_core::sc_time job_start_;
};

}  // namespace accelsim
