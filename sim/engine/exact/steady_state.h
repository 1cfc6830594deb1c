#pragma once
// Must equal: stepping the jumped cycles one by one with PassSimulator
// (array/pass_simulator.h), which does the jump (array/pass_simulator_jumps.cpp).
// Proved by tests/unit/steady_state_test.cpp (the rules) and
// tests/engine/equivalence_test.cpp (SteadyStateSkipping: with bank conflicts).
//
// Exact mode's skipping within a pass (DESIGN.md section 4: "a PE streaming at full
// rate ... advanced in one step").
//
// A stream-mode pass (output stationary, no local reuse) on narrow buses settles into
// a steady state: its timing state (FIFO fills, pipeline ages, each PE's position
// within its task, the round-robin turns, which destination a unicast stream serves
// next) recurs every P cycles, while every tally (access counts, stalls, words sent,
// tasks done, psums moved) grows by the same amount each period. From a recurrence
// on, the next periods repeat it exactly as long as
//   - no PE, stream or chain runs out of work (that changes what the networks do):
//     every "work left" figure that moves must stay above zero (and none may have
//     grown over the period: a task ended within it), and
//   - the GLB's psum banks answer the same accesses the same way: the psum addresses
//     move on from period to period, so the port claims of each skipped period are
//     replayed against the banks and must be granted or refused as they were.
// The pass then jumps k x P cycles with every tally moved by k periods' growth.
// Values are not moved while skipping: exact mode computes them in bulk.

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "dataflows/schedule.h"
#include "sim/engine/memory/glb_core.h"

namespace accelsim {

// A pass's state at the start of a cycle, split three ways.
struct TimingSnapshot {
  long long cycle = 0;
  std::vector<long long> state;      // decides the next cycles; compared exactly
  std::vector<long long> tallies;    // only grow (or shrink) with the work done
  std::vector<long long> remaining;  // work left per PE, stream and chain
  size_t claims = 0;                 // claims recorded before it (set by SteadyState)
};

// One psum bank-port claim: chain `chain`'s `index`-th psum access of its kind.
struct PsumClaim {
  long long cycle = 0;
  int chain = 0;
  bool write = false;
  long long index = 0;
  bool granted = false;
};

struct SteadySkip {
  long long periods = 0;  // 0: no skip
  long long period_cycles = 0;
  std::vector<long long> tally_growth;  // per period
};

class SteadyState {
 public:
  explicit SteadyState(const PassPlan& plan) : plan_(plan) {}

  void record_claim(const PsumClaim& claim) { claims_.push_back(claim); }

  // Remembers `now`, or, when its timing state was seen before, says how many
  // whole periods from `now` on repeat exactly. Replaying the claims uses (and
  // leaves dirty) the GLB's ports of the current cycle.
  SteadySkip consider(TimingSnapshot now, GlbCore& glb);

 private:
  void forget();
  long long periods_before_work_runs_out(const TimingSnapshot& before,
                                         const TimingSnapshot& now) const;
  long long periods_with_same_claims(const TimingSnapshot& before, const TimingSnapshot& now,
                                     long long periods, GlbCore& glb) const;

  const PassPlan& plan_;
  std::unordered_map<uint64_t, TimingSnapshot> seen_;  // by hash of the state
  std::vector<PsumClaim> claims_;
};

}  // namespace accelsim
