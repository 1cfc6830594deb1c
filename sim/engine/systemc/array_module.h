#pragma once
// The PE array module: a SystemC shell over PassSimulator (array/pass_simulator.h)
// in per-cycle mode, and over the exact-mode shortcuts (exact/) in exact mode,
// which must give the same results and times: tests/engine/modules_test.cpp (the
// waits) and tests/engine/equivalence_test.cpp (the results).

#include <systemc>

#include <memory>
#include <string>
#include <vector>

#include "arch/arch_spec.h"
#include "sim/engine/array/pass_simulator.h"
#include "sim/engine/engine.h"
#include "sim/engine/exact/pass_inputs_index.h"
#include "sim/engine/exact/pass_memo.h"
#include "sim/engine/systemc/glb_module.h"

namespace accelsim {

// One pass handed to the array: `filters_loaded` fires when the array no longer
// needs the staged weights, `done` when the pass has finished and `result` is set.
struct PassRequest {
  const PassPlan* plan = nullptr;
  const std::vector<int16_t>* filters = nullptr;
  int product_shift = kFractionBits;  // the layer's product bits kept (fixed_point.h)
  // What the plan was made from; exact mode looks its timing up by these first
  // (exact/pass_inputs_index.h). Without a planner, by the plan alone.
  std::shared_ptr<const PassPlanner> planner;
  const Tile* tile = nullptr;
  const ChannelBlock* block = nullptr;
  const PassSlice* slice = nullptr;
  sc_core::sc_event filters_loaded, done;
  PassResult result;
};

// The PE array with its networks, stepped as plain C++ inside one process.
// Per-cycle mode waits one clock per cycle; exact mode waits once per phase.
SC_MODULE(ArrayModule) {
  sc_core::sc_fifo<PassRequest*> passes;
  ArrayModule(sc_core::sc_module_name name, const ArchSpec& arch, GlbModule& glb,
              EngineMode mode);
  SC_HAS_PROCESS(ArrayModule);

 private:
  void run();
  void run_per_cycle(PassRequest& request);
  void run_exact(PassRequest& request);
  PassResult pass_timing(const PassRequest& request);
  const PassMemo::Entry& step_timing(const PassRequest& request, PassResult& timing);
  const ArchSpec& arch_;
  GlbModule& glb_;
  sc_core::sc_time period_;
  EngineMode mode_;
  PassMemo memo_;
  PassInputsIndex inputs_;  // the running layer's passes by their planner's inputs
  std::string key_buffer_;
};

}  // namespace accelsim
