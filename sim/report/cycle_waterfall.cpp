#include "sim/report/cycle_waterfall.h"

namespace accelsim {

double CycleWaterfall::cumulative(size_t step) const {
  double total = ideal_cycles;
  for (size_t i = 0; i <= step && i < losses.size(); ++i) total += losses[i].cycles;
  return total;
}

CycleWaterfall cycle_waterfall(const LayerResult& layer) {
  const LayerRun& run = layer.run;
  const PeStalls& s = run.stalls;
  const double macs = double(layer.macs);
  const double array_pes = double(layer.array_pes), active = double(layer.active_pes);
  CycleWaterfall w;
  w.processing_cycles = run.processing_cycles;
  w.total_cycles = run.cycles;
  w.ramp_up_cycles = run.ramp_up_cycles;
  // Every psum word delivered into a PE (over a link from below, or fed from the GLB)
  // is added in one PE-cycle; the array's other psum writes are the outputs drained
  // to the GLB, which count as GLB psum writes too.
  const long long psum_adds = run.counts.at(Level::array, DataType::psum, Action::write) -
                              run.counts.at(Level::glb, DataType::psum, Action::write);
  w.smaller_pass_pe_cycles =
      run.processing_cycles * layer.active_pes - layer.macs - s.total() - psum_adds;
  w.ideal_cycles = macs / array_pes;
  const auto per_pe = [&](long long pe_cycles) { return double(pe_cycles) / active; };
  w.losses = {
      {"unused PEs", macs / active - macs / array_pes,
       "MACs / active PEs − MACs / array PEs: the PEs of the array the mapping leaves unused"},
      {"smaller passes", per_pe(w.smaller_pass_pe_cycles),
       "(processing cycles × active PEs − MACs − stalls − psum adds) / active PEs: PEs of a "
       "full pass left out of the passes that use fewer (the layer's edges)"},
      {"filter load", per_pe(s.filter_load),
       "filter-load stall PE-cycles / active PEs: a PE's weights not all there yet — the "
       "pass ramp-up while the filters load into the scratchpads, or a streamed weight late"},
      {"ifmap wait", per_pe(s.ifmap),
       "ifmap stall PE-cycles / active PEs: the ifmap window incomplete or the next ifmap "
       "word not arrived"},
      {"psum wait", per_pe(s.psum),
       "psum stall PE-cycles / active PEs: the partial sum from the PE below (or the GLB) "
       "not there yet"},
      {"output blocked", per_pe(s.output),
       "output stall PE-cycles / active PEs: the MAC pipeline full because the output FIFO "
       "does not drain"},
      {"done, pass not", per_pe(s.idle),
       "idle PE-cycles / active PEs: a PE finished its work and waits for the pass to end"},
      {"psum adds", per_pe(psum_adds),
       "(psum words written into the array − psum words written to the GLB) / active PEs: "
       "the cycle a PE spends adding a partial sum that came from the PE below or the GLB"},
      {"DRAM waits", double(run.cycles - run.processing_cycles),
       "total cycles − processing cycles: the array idle between passes, waiting for DRAM "
       "transfers"},
  };
  return w;
}

}  // namespace accelsim
