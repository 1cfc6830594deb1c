#include "sim/engine/systemc/array_module.h"

#include <stdexcept>

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
  PassOptions options;
  options.product_shift = request.product_shift;
  PassSimulator pass(arch_, *request.plan, glb_.core, *request.filters, options);
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
  const PassResult timing = pass_timing(request);
  const PassValues values = compute_pass_values(arch_, *request.plan, glb_.core, *request.filters,
                                                request.product_shift);
  request.result = with_gating(timing, values.gating);
  const long long release = request.result.filter_release_cycles;
  wait(period_ * double(release));
  request.filters_loaded.notify();
  wait(period_ * double(request.result.cycles - release));
}

// By the planner's inputs when they were seen before in this layer, else by the
// plan's key (stepping the pass when that is new too).
PassResult ArrayModule::pass_timing(const PassRequest& request) {
  bool by_inputs = false;
  if (request.planner) {
    inputs_.start(request.planner);
    by_inputs = inputs_.make_key(*request.tile, *request.block, *request.slice, glb_.core);
  }
  if (by_inputs) {
    if (const PassMemo::Entry* known = inputs_.find()) {
#ifndef NDEBUG
      pass_shape_key(*request.plan, glb_.core, key_buffer_);
      if (key_buffer_ != known->first) throw std::logic_error("equal pass inputs, other plan keys");
#endif
      return known->second;
    }
  }
  pass_shape_key(*request.plan, glb_.core, key_buffer_);
  PassResult timing;
  const PassMemo::Entry* entry = memo_.find_entry(key_buffer_);
  if (entry) {
    timing = entry->second;
  } else {
    entry = &step_timing(request, timing);
  }
  if (by_inputs) inputs_.link(*entry);
  return timing;
}

// Steps a pass of a new shape (timing only) into `timing` and stores it in the memo
// (under key_buffer_).
const PassMemo::Entry& ArrayModule::step_timing(const PassRequest& request, PassResult& timing) {
  PassOptions timing_only;
  timing_only.move_values = false;
  timing_only.skip_steady_state = true;
  PassSimulator pass(arch_, *request.plan, glb_.core, *request.filters, timing_only);
  while (pass.step()) {
  }
  timing = pass.result();
  return memo_.store(key_buffer_, timing);
}

}  // namespace accelsim
