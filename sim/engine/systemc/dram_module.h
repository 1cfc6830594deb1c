#pragma once
// The DRAM module: a SystemC shell over DramCore (memory/dram_core.h) in the DRAM
// link's own clock domain.

#include <systemc>

#include <functional>

#include "arch/arch_spec.h"
#include "sim/engine/engine.h"
#include "sim/engine/memory/dram_core.h"

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

}  // namespace accelsim
