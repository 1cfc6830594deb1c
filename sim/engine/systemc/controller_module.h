#pragma once
// The controller module: runs each layer's tiles, blocks and passes in order;
// prefetches the next pass's filters into the filter buffer while the array works.

#include <systemc>

#include <functional>
#include <vector>

#include "arch/arch_spec.h"
#include "sim/engine/engine.h"
#include "sim/engine/systemc/array_module.h"
#include "sim/engine/systemc/dram_module.h"
#include "sim/engine/systemc/glb_module.h"

namespace accelsim {

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
