#include "sim/engine/modules.h"

namespace accelsim {

using sc_core::sc_time;
using sc_core::SC_PS;

namespace {

sc_time period_of(double clock_mhz) { return sc_time(1e6 / clock_mhz, SC_PS); }

}  // namespace

// ---- DRAM ---------------------------------------------------------------------

DramModule::DramModule(sc_core::sc_module_name name, const ArchSpec& arch, EngineMode mode)
    : sc_core::sc_module(name), requests(1 << 16), link_period_(period_of(arch.dram.clock_mhz)),
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

// ---- PE array -------------------------------------------------------------------

ArrayModule::ArrayModule(sc_core::sc_module_name name, const ArchSpec& arch, GlbModule& glb,
                         EngineMode mode)
    : sc_core::sc_module(name), passes(1), arch_(arch), glb_(glb),
      period_(period_of(arch.clock_mhz)), mode_(mode) {
  SC_THREAD(run);
}

void ArrayModule::run() {
  while (true) {
    PassRequest* request = passes.read();
    if (mode_ == EngineMode::per_cycle) {
      run_per_cycle(*request);
    } else {
      run_exact(*request);
    }
    request->done.notify();
  }
}

// Every cycle stepped, one clock wait per cycle.
void ArrayModule::run_per_cycle(PassRequest& request) {
  PassSimulator pass(arch_, *request.plan, glb_.core, *request.filters);
  bool announced = false;
  do {
    pass.step();
    wait(period_);
    if (!announced && pass.filters_released()) {
      announced = true;
      request.filters_loaded.notify();
    }
  } while (!pass.finished());
  request.result = pass.result();
}

// The first pass of each shape is stepped in plain C++ for its timing (jumping
// over its steady state); later ones of the same shape reuse its timing and counts.
// The values are computed in bulk either way (and the gating they cause counted).
// The module waits once for the ramp-up and once for the rest.
void ArrayModule::run_exact(PassRequest& request) {
  std::string& key = key_buffer_;
  pass_shape_key(*request.plan, glb_.core, key);
  PassResult timing;
  if (const PassResult* known = memo_.find(key)) {
    timing = *known;
  } else {
    PassOptions timing_only;
    timing_only.move_values = false;
    timing_only.skip_steady_state = true;
    PassSimulator pass(arch_, *request.plan, glb_.core, *request.filters, timing_only);
    while (pass.step()) {
    }
    timing = pass.result();
    memo_.store(key, timing);
  }
  const PassValues values = compute_pass_values(arch_, *request.plan, glb_.core, *request.filters);
  request.result = with_gating(timing, values.gating);
  const long long release = request.result.filter_release_cycles;
  wait(period_ * double(release));
  request.filters_loaded.notify();
  wait(period_ * double(request.result.cycles - release));
}

// ---- Controller -----------------------------------------------------------------

ControllerModule::ControllerModule(sc_core::sc_module_name name, const ArchSpec& arch,
                                   JobSource& source, DramModule& dram,
                                   GlbModule& glb, ArrayModule& array,
                                   std::vector<LayerRun>& runs)
    : sc_core::sc_module(name), arch_(arch), source_(source), dram_(dram), glb_(glb), array_(array),
      runs_(runs), period_(period_of(arch.clock_mhz)) {
  SC_THREAD(run);
}

void ControllerModule::run() {
  for (size_t i = 0; i < runs_.size(); ++i) {
    run_layer(source_.start(i), runs_[i]);
    source_.finish(i, runs_[i]);
  }
}

void ControllerModule::align_to_clock() {
  const auto now = sc_core::sc_time_stamp().value();
  const auto period = period_.value();
  if (now % period != 0) wait(sc_time::from_value(period - now % period));
}

DramTransfer ControllerModule::dram(const std::function<DramTransfer()>& move) {
  DramRequest request;
  DramTransfer transfer;
  request.move = [&] { return transfer = move(); };
  dram_.requests.write(&request);
  if (!request.finished) wait(request.done);
  return transfer;
}

}  // namespace accelsim
