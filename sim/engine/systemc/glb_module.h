#pragma once
// The GLB module: a SystemC shell over GlbCore (memory/glb_core.h).

#include <systemc>

#include "arch/arch_spec.h"
#include "sim/engine/memory/glb_core.h"

namespace accelsim {

// The global buffer: storage and bank ports, accessed by the other modules (a
// channel: no process of its own). The filter buffer's staged weights belong to
// the passes the controller stages (control/filter_prefetcher.h).
SC_MODULE(GlbModule) {
  GlbCore core;
  GlbModule(sc_core::sc_module_name name, const ArchSpec& arch)
      : sc_core::sc_module(name), core(arch) {}
};

}  // namespace accelsim
