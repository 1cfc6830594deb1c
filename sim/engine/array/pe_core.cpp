#include "sim/engine/array/pe_core.h"

#include <algorithm>
#include <limits>

#include "sim/engine/data/fixed_point.h"

namespace accelsim {

PeStalls& PeStalls::operator+=(const PeStalls& other) {
  filter_load += other.filter_load;
  ifmap += other.ifmap;
  psum += other.psum;
  output += other.output;
  idle += other.idle;
  return *this;
}

void PeCore::start(const PeConfig& config) {
  config_ = config;
  ifmap_fifo_.reset(config.fifo_words);
  weight_fifo_.reset(config.fifo_words);
  psum_fifo_.reset(config.fifo_words);
  output_fifo_.reset(config.output_fifo_words);
  pipeline_.reset(config.pipeline_stages);
  received_ = released_ = segment_base_ = 0;
  segment_ = column_ = filter_ = mac_ = task_ = 0;
  psum_ = first_psum();
  write_slot_ = 0;
  counters_ = PeCounters{};
  stalls_ = PeStalls{};
  if (config.streamed) {
    weights_needed_ = 0;
    macs_per_task_ = config.macs_per_task;
    issued_all_ = config.tasks == 0;
    return;
  }
  weights_needed_ = config.op == PeOp::mac ? config.filters * config.channels * config.taps : 0;
  weights_.clear();
  weights_.reserve(size_t(weights_needed_));
  spad_.assign(size_t(config.ifmap_spad_words), 0);
  macs_per_task_ = config.channels * config.taps;
  issued_all_ = config.segments == 0 || config.filters == 0;
  tap_slot_.assign(size_t(config.taps), 0);
  start_output_column();
}

void PeCore::push_weight(int16_t value) {
  weights_.push_back(value);
  ++counters_.rf_filter_writes;
}

void PeCore::start_output_column() {
  const auto& taps = (*config_.window)[size_t(column_)];
  for (int s = 0; s < config_.taps; ++s) {
    // Spad slot of (tap s, channel 0): the spad is a ring over received words.
    tap_slot_[size_t(s)] = int((segment_base_ + 1LL * taps[size_t(s)] * config_.channels) %
                               config_.ifmap_spad_words);
  }
  window_end_ = segment_base_ + 1LL * (taps[size_t(config_.taps - 1)] + 1) * config_.channels;
}

// Branch-free: activations are zero at random, so a branch would mispredict. A
// zero ifmap contributes a zero product either way; gating only changes what is
// counted (no weight read, no psum update, no multiply).
[[gnu::always_inline]] inline void PeCore::multiply(int16_t x, int16_t w) {
  psum_ = wrap_add(psum_, fixed_product(x, w, config_.product_shift));
  const int gated = int(x == 0) & int(config_.zero_gating);
  counters_.gated_macs += gated;
  counters_.macs += 1 - gated;
  if (config_.register_file) {
    counters_.rf_psum_reads += 1 - gated;
    counters_.rf_psum_writes += 1 - gated;
  }
  ++mac_;
}

// A psum's start: nothing added yet, or nothing compared yet.
int16_t PeCore::first_psum() const {
  return config_.op == PeOp::max ? std::numeric_limits<int16_t>::min() : 0;
}

// Max pooling's operation: a compare in place of the multiply, never gated (a zero
// may be the maximum); it reads and writes the psum as a MAC does.
void PeCore::take_max(int16_t x) {
  psum_ = std::max(psum_, x);
  ++counters_.macs;
  if (config_.register_file) {
    ++counters_.rf_psum_reads;
    ++counters_.rf_psum_writes;
  }
  ++mac_;
}

// True when the next MAC's operands are there; else counts the stall.
[[gnu::always_inline]] inline bool PeCore::operands_ready() {
  if (config_.streamed) {
    if (ifmap_fifo_.empty()) {
      ++stalls_.ifmap;
      return false;
    }
    if (config_.op == PeOp::mac && weight_fifo_.empty()) {
      ++stalls_.filter_load;
      return false;
    }
    return true;
  }
  if (int(weights_.size()) < weights_needed_) {
    ++stalls_.filter_load;
    return false;
  }
  if (received_ < window_end_) {
    ++stalls_.ifmap;
    return false;
  }
  return true;
}

// A window-mode task's operands are all in the scratchpads once its first MAC can
// issue, and stay there until it ends: weights only arrive, received_ only grows,
// the window is fixed for the task, and the slots written meanwhile lie beyond it
// (the spad's room is counted from released_). So the whole task is computed and
// counted at its first MAC; its later MACs only take their cycles.
void PeCore::compute_window_task() {
  if (!config_.compute_values || config_.op == PeOp::max) {
    if (config_.compute_values) psum_ = window_max();
    count_window_task(0);
    return;
  }
  const int spad_words = config_.ifmap_spad_words;
  const int16_t* weights = weights_.data() + size_t(filter_) * size_t(macs_per_task_);
  const int shift = config_.product_shift;
  uint16_t sum = 0;
  int zeros = 0;
  for (int s = 0; s < config_.taps; ++s) {  // weights: [k][c][s]
    int slot = tap_slot_[size_t(s)];
    for (int c = 0; c < config_.channels; ++c) {
      const int16_t x = spad_[size_t(slot)];
      if (++slot == spad_words) slot = 0;
      sum = uint16_t(sum + uint16_t(fixed_product(x, weights[c * config_.taps + s], shift)));
      zeros += int(x == 0);
    }
  }
  psum_ = int16_t(sum);
  count_window_task(zeros);
}

// The largest word of the current output column's window (max pooling).
int16_t PeCore::window_max() const {
  int16_t best = std::numeric_limits<int16_t>::min();
  for (int s = 0; s < config_.taps; ++s) {
    int slot = tap_slot_[size_t(s)];
    for (int c = 0; c < config_.channels; ++c) {
      best = std::max(best, spad_[size_t(slot)]);
      if (++slot == config_.ifmap_spad_words) slot = 0;
    }
  }
  return best;
}

// A window-mode task's scratchpad reads, MACs and psum updates, `zeros` of its MACs
// on zero ifmap words.
void PeCore::count_window_task(long long zeros) {
  const long long gated = config_.zero_gating ? zeros : 0;
  const long long issued = macs_per_task_ - gated;
  counters_.rf_ifmap_reads += macs_per_task_;
  if (config_.op == PeOp::mac) counters_.rf_filter_reads += issued;
  counters_.gated_macs += gated;
  counters_.macs += issued;
  if (config_.register_file) {
    counters_.rf_psum_reads += issued;
    counters_.rf_psum_writes += issued;
  }
}

unsigned PeCore::step(long long cycle) {
  unsigned events = 0;
  if (!pipeline_.empty() && pipeline_.front().ready_cycle <= cycle && !output_fifo_.full()) {
    output_fifo_.push(pipeline_.pop().value);
    events |= kOutputReady;
  }
  if (!config_.streamed && !ifmap_fifo_.empty() &&
      received_ - released_ < config_.ifmap_spad_words) {
    spad_[size_t(write_slot_)] = ifmap_fifo_.pop();
    if (++write_slot_ == config_.ifmap_spad_words) write_slot_ = 0;
    ++received_;
    ++counters_.rf_ifmap_writes;
  }
  if (issued_all_) {
    ++stalls_.idle;
    return events;
  }
  if (mac_ < macs_per_task_) {
    issue_mac(cycle);
    return events;
  }
  if (add_psum_input(cycle)) events |= kPsumTaken;
  return events;
}

void PeCore::issue_mac(long long cycle) {
  // Within a window-mode task the operands stay ready (compute_window_task).
  if ((config_.streamed || mac_ == 0) && !operands_ready()) return;
  const bool last = mac_ + 1 == macs_per_task_ && !config_.psum_input;
  if (last && pipeline_.full()) {
    ++stalls_.output;
    return;
  }
  if (config_.streamed && config_.op == PeOp::max) {
    take_max(ifmap_fifo_.pop());
  } else if (config_.streamed) {
    multiply(ifmap_fifo_.pop(), weight_fifo_.pop());
  } else {
    if (mac_ == 0) compute_window_task();
    ++mac_;
  }
  if (last) finish_task(cycle);
}

// The task's MACs are done; it ends with the addition of the psum from below.
// True when the psum was taken.
bool PeCore::add_psum_input(long long cycle) {
  if (psum_fifo_.empty()) {
    ++stalls_.psum;
    return false;
  }
  if (pipeline_.full()) {
    ++stalls_.output;
    return false;
  }
  const int16_t below = psum_fifo_.pop();
  psum_ = config_.op == PeOp::max ? std::max(psum_, below) : wrap_add(psum_, below);
  if (config_.register_file) {
    ++counters_.rf_psum_reads;
    ++counters_.rf_psum_writes;
  }
  finish_task(cycle);
  return true;
}

void PeCore::finish_task(long long cycle) {
  pipeline_.push({psum_, cycle + config_.pipeline_stages});
  psum_ = first_psum();
  mac_ = 0;
  if (config_.streamed) {
    issued_all_ = ++task_ == config_.tasks;
    return;
  }
  advance_window_task();
}

void PeCore::advance_window_task() {
  if (++filter_ < config_.filters) return;
  filter_ = 0;
  const long long segment_words = 1LL * config_.columns * config_.channels;
  if (++column_ < config_.out_cols) {
    released_ = segment_base_ + 1LL * (*config_.window)[size_t(column_)][0] * config_.channels;
  } else {
    column_ = 0;
    segment_base_ += segment_words;
    released_ = segment_base_;
    if (++segment_ == config_.segments) {
      issued_all_ = true;
      return;
    }
  }
  start_output_column();
}

// ---- Steady-state skipping -------------------------------------------------------

// Only stream mode is skipped: a window-mode PE's state runs through its segments.
void PeCore::append_timing_state(long long cycle, bool within_task,
                                 std::vector<long long>& state) const {
  state.insert(state.end(), {ifmap_fifo_.size(), weight_fifo_.size(), psum_fifo_.size(),
                             output_fifo_.size(), pipeline_.size(), within_task ? 0 : mac_,
                             issued_all_});
  for (int i = 0; i < pipeline_.size(); ++i) state.push_back(pipeline_.at(i).ready_cycle - cycle);
}

template <typename Visit>
void PeCore::visit_tallies(Visit visit) {
  for (long long* tally :
       {&task_, &mac_, &counters_.rf_ifmap_reads, &counters_.rf_ifmap_writes, &counters_.rf_filter_reads,
        &counters_.rf_filter_writes, &counters_.rf_psum_reads, &counters_.rf_psum_writes,
        &counters_.macs, &counters_.gated_macs, &stalls_.filter_load, &stalls_.ifmap,
        &stalls_.psum, &stalls_.output, &stalls_.idle}) {
    visit(*tally);
  }
}

void PeCore::append_tallies(std::vector<long long>& tallies) const {
  const_cast<PeCore*>(this)->visit_tallies([&](long long& tally) { tallies.push_back(tally); });
}

const long long* PeCore::skip(const long long* tallies, long long cycles) {
  visit_tallies([&](long long& tally) { tally = *tallies++; });
  for (int i = 0; i < pipeline_.size(); ++i) pipeline_.at(i).ready_cycle += cycles;
  return tallies;
}

}  // namespace accelsim
