#include "sim/engine/exact/steady_state.h"

#include <algorithm>
#include <limits>

namespace accelsim {
namespace {

// Snapshots kept while no recurrence shows up, and claims recorded meanwhile; past
// either, the search starts over (a pass without a steady state just steps).
constexpr size_t kMaxSnapshots = 512;
constexpr size_t kMaxClaims = size_t(1) << 20;

uint64_t hash_state(const std::vector<long long>& state) {
  uint64_t hash = 1469598103934665603ull;
  for (long long value : state) {
    hash ^= uint64_t(value);
    hash *= 1099511628211ull;
    hash ^= hash >> 29;
  }
  return hash;
}

}  // namespace

SteadySkip SteadyState::consider(TimingSnapshot now, GlbCore& glb) {
  now.claims = claims_.size();
  const uint64_t hash = hash_state(now.state);
  const auto found = seen_.find(hash);
  if (found != seen_.end() && found->second.state == now.state) {
    const TimingSnapshot& before = found->second;
    SteadySkip skip;
    skip.periods = periods_before_work_runs_out(before, now);
    if (skip.periods > 0) skip.periods = periods_with_same_claims(before, now, skip.periods, glb);
    if (skip.periods > 0) {
      skip.period_cycles = now.cycle - before.cycle;
      skip.tally_growth.resize(now.tallies.size());
      for (size_t i = 0; i < now.tallies.size(); ++i) {
        skip.tally_growth[i] = now.tallies[i] - before.tallies[i];
      }
    }
    forget();
    return skip;
  }
  if (seen_.size() >= kMaxSnapshots || claims_.size() >= kMaxClaims) {
    forget();
    now.claims = 0;
  }
  seen_[hash] = std::move(now);
  return {};
}

void SteadyState::forget() {
  seen_.clear();
  claims_.clear();
}

// Work left must stay positive wherever it moves: reaching zero ends a stream, a
// PE's tasks (or its task) or a chain's psums, and the networks then behave
// differently. Work left that grew means a boundary was crossed within the period.
// No progress at all (nothing moves) is not a steady state worth skipping.
long long SteadyState::periods_before_work_runs_out(const TimingSnapshot& before,
                                                    const TimingSnapshot& now) const {
  long long periods = std::numeric_limits<long long>::max();
  bool progress = false;
  for (size_t i = 0; i < now.remaining.size(); ++i) {
    const long long done_per_period = before.remaining[i] - now.remaining[i];
    if (done_per_period < 0) return 0;
    if (done_per_period == 0) continue;
    progress = true;
    periods = std::min(periods, (now.remaining[i] - 1) / done_per_period);
  }
  return progress ? periods : 0;
}

// Replays the period's psum port claims for each later period, with each chain's
// addresses moved on by the accesses a period grants it.
long long SteadyState::periods_with_same_claims(const TimingSnapshot& before,
                                                const TimingSnapshot& now, long long periods,
                                                GlbCore& glb) const {
  const auto first = claims_.begin() + long(before.claims);
  const auto last = claims_.begin() + long(now.claims);
  if (first == last) return periods;
  std::vector<long long> granted_per_period(plan_.chains.size() * 2, 0);
  for (auto claim = first; claim != last; ++claim) {
    granted_per_period[size_t(claim->chain) * 2 + claim->write] += claim->granted;
  }
  for (long long period = 1; period <= periods; ++period) {
    long long cycle = -1;
    for (auto claim = first; claim != last; ++claim) {
      if (claim->cycle != cycle) {
        glb.start_cycle();
        cycle = claim->cycle;
      }
      const long long index =
          claim->index + period * granted_per_period[size_t(claim->chain) * 2 + claim->write];
      const long long address = plan_.chains[size_t(claim->chain)].outputs.at(index);
      if (glb.claim_psum_port(address, claim->write) != claim->granted) return period - 1;
    }
  }
  return periods;
}

}  // namespace accelsim
