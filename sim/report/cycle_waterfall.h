#pragma once
// Where a layer's cycles went, as the Eyeriss authors explain lost performance: from
// the ideal (every PE of the array doing one MAC per cycle) through each loss the
// engine measures to the measured total cycles.
//
// Within a pass every PE of the pass is stepped every cycle, and each of its cycles
// is exactly one of: a MAC (issued or zero-gated), one of the five counted stalls
// (sim/engine/pe_core.h, PeStalls), or the addition of one partial sum that arrived
// from the PE below or the GLB (one per psum word delivered into a PE). So the PE-cycles
// of a full pass's PEs over the processing cycles split exactly into MACs, stalls,
// psum additions and the PEs left out of smaller passes (the remainder); divided by
// the active PEs each part is a number of cycles, and the parts add up to the
// processing cycles.

#include <string>
#include <vector>

#include "sim/api/simulate.h"

namespace accelsim {

struct CycleStep {
  std::string name;  // short, for the chart
  double cycles = 0;
  std::string how;  // how it is computed, for the report's notes
};

struct CycleWaterfall {
  double ideal_cycles = 0;        // MACs / PEs of the array
  std::vector<CycleStep> losses;  // in order, each >= 0 for a consistent run
  long long processing_cycles = 0;
  long long total_cycles = 0;    // measured: processing + DRAM waits
  long long ramp_up_cycles = 0;  // of the processing cycles (the filter-load phase)
  // The PE-cycles of a full pass's PEs left out of smaller passes: processing x active
  // PEs - MACs - stalls - psum additions. Negative means inconsistent counts.
  long long smaller_pass_pe_cycles = 0;

  // ideal + losses up to and including `step` (index into losses).
  double cumulative(size_t step) const;
  // ideal + every loss: equals total_cycles up to rounding of the divisions.
  double sum() const { return losses.empty() ? ideal_cycles : cumulative(losses.size() - 1); }
};

// The index in CycleWaterfall::losses after which the processing cycles are reached
// (the steps after it are outside the passes: DRAM waits).
constexpr size_t kProcessingStepsEnd = 8;

// The waterfall of a mapped layer (its LayerResult from simulate()).
CycleWaterfall cycle_waterfall(const LayerResult& layer);

}  // namespace accelsim
