#include "sim/engine/engine.h"

#include <stdexcept>

#include "sim/engine/systemc/array_module.h"
#include "sim/engine/systemc/controller_module.h"
#include "sim/engine/systemc/dram_module.h"
#include "sim/engine/systemc/glb_module.h"

// libsystemc refers to sc_main; accelsim drives the kernel from its own main().
int sc_main(int, char*[]) { return 0; }

namespace accelsim {

std::vector<LayerRun> run_engine(const ArchSpec& arch, JobSource& source, EngineMode mode,
                                 TraceRecorder* trace) {
  static bool elaborated = false;
  if (elaborated) {
    throw std::logic_error("the SystemC engine can run once per process (one elaboration)");
  }
  elaborated = true;
  sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
  std::vector<LayerRun> runs(source.jobs());
  GlbModule glb("glb", arch);
  DramModule dram("dram", arch, mode);
  ArrayModule array("array", arch, glb, mode);
  ControllerModule controller("controller", arch, source, dram, glb, array, runs, trace);
  sc_core::sc_start();
  return runs;
}

}  // namespace accelsim
