#include "sim/engine/systemc/dram_module.h"

#include "sim/engine/systemc/clock_period.h"

namespace accelsim {

DramModule::DramModule(sc_core::sc_module_name name, const ArchSpec& arch, EngineMode mode)
    : sc_core::sc_module(name), requests(1 << 16), link_period_(clock_period(arch.dram.clock_mhz)),
      mode_(mode) {
  SC_THREAD(serve);
}

void DramModule::serve() {
  while (true) {
    DramRequest* request = requests.read();
    const DramTransfer transfer = request->move();
    if (mode_ == EngineMode::per_cycle) {
      for (long long beat = 0; beat < transfer.link_cycles; ++beat) wait(link_period_);
    } else {
      wait(link_period_ * double(transfer.link_cycles));
    }
    request->finished = true;
    request->done.notify();
  }
}

}  // namespace accelsim
