#pragma once
// SystemC shells over the plain C++ cores. The only SystemC code of accelsim.

#include <systemc>

#include <deque>
#include <functional>
#include <memory>
#include <vector>

#include "sim/engine/memory/dram_core.h"
#include "sim/engine/engine.h"
#include "sim/engine/memory/glb_core.h"
#include "sim/engine/exact/pass_values.h"
#include "sim/engine/exact/pass_memo.h"
#include "sim/engine/array/pass_simulator.h"

namespace accelsim {

// A DRAM transfer: `move` moves the data and counts the accesses when the link
// starts on it; `done` fires when its last beat has crossed the link.
struct DramRequest {
  std::function<DramTransfer()> move;
  sc_core::sc_event done;
  bool finished = false;
};

// DRAM and its link, in the link's clock domain: serves requests in order.
SC_MODULE(DramModule) {
  sc_core::sc_fifo<DramRequest*> requests;
  DramModule(sc_core::sc_module_name name, const ArchSpec& arch, EngineMode mode);
  SC_HAS_PROCESS(DramModule);

 private:
  void serve();
  sc_core::sc_time link_period_;
  EngineMode mode_;
};

// The global buffer and the filter buffer: storage and bank ports, accessed by
// the other modules (a channel: no process of its own).
SC_MODULE(GlbModule) {
  GlbCore core;
  std::vector<int16_t> staged_filters;  // the next pass's weights (filter buffer)
  GlbModule(sc_core::sc_module_name name, const ArchSpec& arch)
      : sc_core::sc_module(name), core(arch) {}
};

struct PassRequest {
  const PassPlan* plan = nullptr;
  const std::vector<int16_t>* filters = nullptr;
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
  const ArchSpec& arch_;
  GlbModule& glb_;
  sc_core::sc_time period_;
  EngineMode mode_;
  PassMemo memo_;
  std::string key_buffer_;
};

// Runs each layer's tiles, blocks and passes in order; prefetches the next pass's
// filters into the filter buffer while the array works.
SC_MODULE(ControllerModule) {
  ControllerModule(sc_core::sc_module_name name, const ArchSpec& arch,
                   JobSource& source, DramModule& dram, GlbModule& glb,
                   ArrayModule& array, std::vector<LayerRun>& runs);
  SC_HAS_PROCESS(ControllerModule);

 private:
  void run();
  void run_layer(const LayerJob& job, LayerRun& run);
  void align_to_clock();
  DramTransfer dram(const std::function<DramTransfer()>& move);

  const ArchSpec& arch_;
  JobSource& source_;
  DramModule& dram_;
  GlbModule& glb_;
  ArrayModule& array_;
  std::vector<LayerRun>& runs_;
  sc_core::sc_time period_;
};

}  // namespace accelsim
