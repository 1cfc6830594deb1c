// PassSimulator's steady-state jumps, an exact-mode shortcut inside the reference
// model: what goes into a snapshot, and the jump; the rules for when a jump is
// exact are SteadyState's (exact/steady_state.h). They live here because a
// snapshot is the simulator's whole private state (FIFOs, turns, streams sent,
// cursors): it changes whenever the per-cycle model does. Must equal stepping the
// jumped cycles; tests/engine/equivalence_test.cpp (SteadyStateSkipping).

#include <algorithm>

#include "sim/engine/array/pass_simulator.h"

namespace accelsim {
namespace {

// Across tasks: snapshots follow the anchor PE's tasks, at least this many MACs
// apart, so that taking them costs little next to stepping.
constexpr long long kSnapshotSpacingMacs = 64;
constexpr int kMinTasksAcross = 4;
// Within tasks (when the anchor has fewer tasks than that): tasks at least this
// long, a snapshot every so many cycles.
constexpr int kMinMacsWithin = 32;
constexpr long long kSnapshotSpacingCycles = 16;

}  // namespace

// Only passes whose PEs all stream their operands are skipped: a window-mode PE
// moves on through segments and output columns and has no short period. The anchor
// is the PE with the most work.
void PassSimulator::start_steady_state() {
  if (!options_.skip_steady_state || options_.move_values || !plan_.row_streams.empty()) return;
  const auto work = [&](size_t pe) { return 1LL * plan_.pes[pe].tasks * plan_.pes[pe].macs_per_task; };
  size_t anchor = pes_.size();
  for (size_t i = 0; i < pes_.size(); ++i) {
    if (plan_.pes[i].mode != PeMode::stream) return;
    if (anchor == pes_.size() || work(i) > work(anchor)) anchor = i;
  }
  if (anchor == pes_.size()) return;
  const PePlan& pe = plan_.pes[anchor];
  within_task_ = pe.tasks < kMinTasksAcross;
  if (within_task_ && pe.macs_per_task < kMinMacsWithin) return;
  steady_ = std::make_unique<SteadyState>(plan_);
  anchor_ = &pes_[anchor];
  anchor_tasks_left_ = anchor_->tasks_left();
  snapshot_every_tasks_ = std::max(1LL, kSnapshotSpacingMacs / std::max(1, pe.macs_per_task));
}

void PassSimulator::consider_skipping() {
  if (stationary_left_ != 0) return;
  if (within_task_) {
    if (cycle_ % kSnapshotSpacingCycles == 0) try_skip();
    return;
  }
  const long long left = anchor_->tasks_left();
  if (left == anchor_tasks_left_) return;
  anchor_tasks_left_ = left;
  if (left % snapshot_every_tasks_ == 0) try_skip();
}

template <typename Visit>
void PassSimulator::visit_tallies(Visit visit) {
  for (auto& level : result_.counts.words) {
    for (auto& type : level) {
      for (auto& action : type) visit(action);
    }
  }
  visit(result_.glb_port_conflicts);
  for (auto* tallies : {&ifmap_words_sent_, &weight_words_sent_, &psums_fed_, &psums_out_}) {
    for (auto& tally : *tallies) visit(tally);
  }
  visit(outputs_left_);
  visit(weight_streams_left_);
}

std::vector<long long> PassSimulator::tallies() {
  std::vector<long long> tallies;
  visit_tallies([&](const auto& tally) { tallies.push_back(tally); });
  for (const auto& pe : pes_) pe.append_tallies(tallies);
  return tallies;
}

TimingSnapshot PassSimulator::snapshot(bool within_task) {
  TimingSnapshot now;
  now.cycle = cycle_;
  std::vector<long long>& state = now.state;
  for (const auto& pe : pes_) pe.append_timing_state(cycle_, within_task, state);
  state.insert(state.end(), {(long long)ifmap_turn_, (long long)weight_turn_,
                             (long long)feed_turn_, (long long)drain_turn_,
                             outputs_left_ == 0, weight_streams_left_ == 0});
  std::vector<long long>& remaining = now.remaining;
  const auto add_streams = [&](const std::vector<WordStream>& streams, bool multicast,
                               const std::vector<long long>& total,
                               const std::vector<long long>& sent) {
    for (size_t i = 0; i < streams.size(); ++i) {
      // Which destination a unicast stream serves next.
      state.push_back(multicast ? 0 : sent[i] % (long long)streams[i].destinations.size());
      state.push_back(sent[i] == total[i]);
      remaining.push_back(total[i] - sent[i]);
    }
  };
  add_streams(plan_.ifmap_streams, arch_.noc.ifmap.multicast, ifmap_words_total_,
              ifmap_words_sent_);
  add_streams(plan_.weight_streams, arch_.noc.filter.multicast, weight_words_total_,
              weight_words_sent_);
  for (size_t i = 0; i < plan_.chains.size(); ++i) {
    const long long unfed = plan_.chains[i].psums_from_glb ? chain_outputs_[i] - psums_fed_[i] : 0;
    state.insert(state.end(), {unfed == 0, psums_out_[i] == chain_outputs_[i]});
    remaining.insert(remaining.end(), {unfed, chain_outputs_[i] - psums_out_[i]});
  }
  for (const auto& pe : pes_) {
    remaining.push_back(pe.tasks_left());
    if (within_task) remaining.push_back(pe.macs_left_in_task());
  }
  remaining.insert(remaining.end(), {outputs_left_, weight_streams_left_});
  now.tallies = tallies();
  return now;
}

void PassSimulator::try_skip() {
  const SteadySkip skip = steady_->consider(snapshot(within_task_), glb_);
  if (skip.periods == 0) return;
  std::vector<long long> moved = tallies();
  for (size_t i = 0; i < moved.size(); ++i) moved[i] += skip.periods * skip.tally_growth[i];
  const long long cycles = skip.periods * skip.period_cycles;
  const long long* next = moved.data();
  visit_tallies([&](auto& tally) { tally = *next++; });
  for (auto& pe : pes_) next = pe.skip(next, cycles);
  for (size_t i = 0; i < plan_.chains.size(); ++i) {
    drain_cursors_[i].seek(psums_out_[i]);
    feed_cursors_[i].seek(psums_fed_[i]);
  }
  refresh_ready_sets();  // the FIFOs are as they were, but work left has moved on
  cycle_ += cycles;
  skipped_cycles_ += cycles;
  anchor_tasks_left_ = anchor_->tasks_left();
}

}  // namespace accelsim
