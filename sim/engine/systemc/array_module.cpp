#include "sim/engine/systemc/array_module.h"

#include "sim/engine/exact/pass_values.h"
#include "sim/engine/systemc/clock_period.h"

namespace accelsim {

ArrayModule::ArrayModule(sc_core::sc_module_name name, const ArchSpec& arch, GlbModule& glb,
                         EngineMode mode)
    : sc_core::sc_module(name), passes(1), arch_(arch), glb_(glb),
      period_(clock_period(arch.clock_mhz)), mode_(mode) {
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

}  // namespace accelsim
