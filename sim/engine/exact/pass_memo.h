#pragma once
// Must equal: stepping the pass with PassSimulator (array/pass_simulator.h): its
// cycles, stalls and every count. Proved by tests/engine/equivalence_test.cpp and
// tests/engine/functional_test.cpp (PerCycleAndExactModesAgreeOnEverything).
//
// Exact mode's memory of pass timings. A pass's timing and every count except the
// zero-gated MACs depend only on its shape: the plan's structure (who does how
// much, which networks carry what to whom, how psums chain) and the GLB
// addresses of its psums (which decide bank conflicts) — not on the values. The
// first pass of each shape is stepped cycle by cycle; later ones reuse its result
// and compute their values and gated MACs in bulk (pass_values.h).

#include <string>
#include <unordered_map>

#include "dataflows/schedule.h"
#include "sim/engine/array/pass_simulator.h"
#include "sim/engine/memory/glb_core.h"

namespace accelsim {

// Everything about a pass that can change its timing or its counts apart from
// gating, as a string (the key of the memo), written into `key` (whose capacity is
// reused from pass to pass).
void pass_shape_key(const PassPlan& plan, const GlbCore& glb, std::string& key);

// A timing-only result (stepped without zero gating: every MAC issued) with the
// gating a pass's data cause.
PassResult with_gating(PassResult result, const Gating& gating);

class PassMemo {
 public:
  // A key and its result; stays where it is until the memo goes (PassInputsIndex
  // keeps pointers to entries).
  using Entry = std::pair<const std::string, PassResult>;
  const PassResult* find(const std::string& key) const;
  const Entry* find_entry(const std::string& key) const;
  const Entry& store(const std::string& key, const PassResult& result);

 private:
  std::unordered_map<std::string, PassResult> results_;
};

}  // namespace accelsim
