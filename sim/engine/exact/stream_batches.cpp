#include "sim/engine/exact/stream_batches.h"

#include <algorithm>
#include <climits>

#include "sim/engine/data/fixed_point.h"
#include "sim/engine/exact/stream_operands.h"

namespace accelsim {
namespace {

// Zero words among x[i * stride], i < width (at most width: fits an int).
int zeros_in_row(const int16_t* x, int stride, int width) {
  int zeros = 0;
  if (stride == 1) {
    for (int i = 0; i < width; ++i) zeros += x[i] == 0;
  } else {
    for (int i = 0; i < width; ++i) zeros += x[i * stride] == 0;
  }
  return zeros;
}

// Below this many lanes a task-vectorized PE is left to the per-PE dot products,
// which are faster on short rows.
constexpr long long kMinTaskLanes = 8;
// Filter lanes read the staged weights at the stride of a filter: from this many MACs
// per task on, the per-PE dot products over contiguous weights are faster.
constexpr int kMaxFilterLaneMacs = 16;

bool same_loops(const AffineStream& a, const AffineStream& b) {
  if (a.loops.size() != b.loops.size()) return false;
  for (size_t i = 0; i < a.loops.size(); ++i) {
    if (a.loops[i].count != b.loops[i].count || a.loops[i].stride != b.loops[i].stride) {
      return false;
    }
  }
  return true;
}

// The end of the run of PEs from `first` that lane_sums can do together: stream-mode
// PEs of the same shape that share one operand stream (the weight stream, or with
// `filters_vary` the ifmap stream) and whose other streams have the same loops and
// bases in arithmetic progression (positive, int-sized step).
size_t run_end(const PassPlan& plan, size_t first, bool filters_vary) {
  const auto shared = [&](const PePlan& pe) { return filters_vary ? pe.ifmap_stream : pe.weight_stream; };
  const auto varying = [&](const PePlan& pe) -> const AffineStream& {
    return filters_vary ? plan.weight_streams[size_t(pe.weight_stream)].addresses
                        : plan.ifmap_streams[size_t(pe.ifmap_stream)].addresses;
  };
  const PePlan& pe = plan.pes[first];
  const AffineStream& s0 = varying(pe);
  long long step = 0;
  size_t end = first + 1;
  for (; end < plan.pes.size(); ++end) {
    const PePlan& next = plan.pes[end];
    if (next.mode != PeMode::stream || shared(next) != shared(pe) || next.tasks != pe.tasks ||
        next.macs_per_task != pe.macs_per_task) {
      break;
    }
    const AffineStream& s = varying(next);
    if (!same_loops(s, s0)) break;
    const long long delta = s.base - s0.base;
    if (end == first + 1) step = delta;
    if (step <= 0 || step > INT_MAX / 2 || delta != step * (long long)(end - first)) break;
  }
  return end;
}

}  // namespace

long long lane_sums(const int16_t* x, const std::vector<long long>& rows,
                    const std::vector<long long>& macs, const int16_t* w, int lanes,
                    int lane_stride, int product_shift, bool count_zeros, int16_t* sums) {
  long long zeros = 0;
  with_product_shift(product_shift, [&](auto constant) {  // once: the rows are short
    constexpr int kShift = decltype(constant)::value;
    for (size_t o = 0; o < rows.size(); ++o) {
      int16_t* out = sums + o * size_t(lanes);
      const int16_t* row = x + rows[o];
      for (size_t j = 0; j < macs.size(); ++j) {
        accumulate_row_at<kShift>(out, row + macs[j], lane_stride, lanes, w[j]);
        if (count_zeros) zeros += zeros_in_row(row + macs[j], lane_stride, lanes);
      }
    }
  });
  return zeros;
}

void loop_offsets(const AffineStream& stream, std::vector<long long>& out) {
  out.assign(1, 0);
  for (const auto& loop : stream.loops) {  // outermost first: each loop nests the rest
    const size_t inner = out.size();
    out.resize(inner * size_t(loop.count));
    for (size_t i = inner; i-- > 0;) {     // backwards: out[i] is read before overwritten
      for (int k = loop.count; k-- > 0;) out[i * size_t(loop.count) + size_t(k)] = out[i] + k * loop.stride;
    }
  }
}

bool split_loops(const AffineStream& stream, long long outer, long long inner,
                 AffineStream& outer_part, AffineStream& inner_part) {
  AffineStream kept;
  for (const auto& loop : stream.loops) {
    if (loop.count != 1) kept.loops.push_back(loop);
  }
  size_t at = kept.loops.size();
  long long product = 1;
  while (product < inner && at > 0) product *= kept.loops[--at].count;
  if (product != inner) return false;
  AffineStream a, b;
  long long outer_product = 1;
  for (size_t i = 0; i < kept.loops.size(); ++i) {
    if (i < at) outer_product *= kept.loops[i].count;
    (i < at ? a : b).loops.push_back(kept.loops[i]);
  }
  if (outer_product != outer) return false;
  simplify(a, outer_part);
  simplify(b, inner_part);
  return true;
}

long long* StreamBatches::cached_zeros(int stream, long long count, long long lanes,
                                       bool cacheable) {
  if (!cacheable) return nullptr;
  ZeroCount& slot = zero_counts_[size_t(stream)];
  if (slot.count == count && slot.lanes == lanes) return &slot.zeros;
  return nullptr;
}

// A PE's weights for one task (the same for every task), or null when they differ
// from task to task.
const int16_t* StreamBatches::task_weights(const PassPlan& plan, const PePlan& pe,
                                           const int16_t* filters) {
  const AffineStream& stream = plan.weight_streams[size_t(pe.weight_stream)].addresses;
  AffineStream per_task;
  if (!split_loops(stream, pe.tasks, pe.macs_per_task, walk_, per_task)) return nullptr;
  for (const auto& loop : walk_.loops) {
    if (loop.stride != 0) return nullptr;
  }
  per_task.base = stream.base;
  weights_.resize(size_t(pe.macs_per_task));
  gather_stream(per_task, pe.macs_per_task, filters, weights_.data());
  return weights_.data();
}

// PEs [first, end) of one run (see run_end) as lanes: sums [task][lane].
bool StreamBatches::batch_run(const PassPlan& plan, size_t first, size_t end,
                              const int16_t* block, const int16_t* filters) {
  const PePlan& pe = plan.pes[first];
  const AffineStream& x0 = plan.ifmap_streams[size_t(pe.ifmap_stream)].addresses;
  if (!split_loops(x0, pe.tasks, pe.macs_per_task, outer_, inner_)) return false;
  const int16_t* w = task_weights(plan, pe, filters);
  if (w == nullptr) return false;
  const long long lanes = (long long)(end - first);
  const long long step =
      plan.ifmap_streams[size_t(plan.pes[first + 1].ifmap_stream)].addresses.base - x0.base;
  bool consecutive = true;  // ifmap streams first, first + 1, ...: their zeros can be cached
  for (size_t p = first; p < end; ++p) {
    consecutive = consecutive && plan.pes[p].ifmap_stream == pe.ifmap_stream + int(p - first);
  }
  const long long count = 1LL * pe.tasks * pe.macs_per_task;
  long long* cached = cached_zeros(pe.ifmap_stream, count, lanes, consecutive);
  loop_offsets(outer_, rows_);
  loop_offsets(inner_, macs_);
  const size_t offset = sums_.size();
  sums_.resize(offset + size_t(pe.tasks) * size_t(lanes), 0);
  const long long zeros = lane_sums(block + x0.base, rows_, macs_, w, int(lanes), int(step),
                                    product_shift_, cached == nullptr, &sums_[offset]);
  if (cached == nullptr && consecutive) {
    zero_counts_[size_t(pe.ifmap_stream)] = {count, lanes, zeros};
  }
  for (size_t p = first; p < end; ++p) {
    entries_[p] = {(long long)(offset + (p - first)), lanes, pe.tasks,
                   p == first ? (cached ? *cached : zeros) : 0};
  }
  return true;
}

// PEs [first, end) of one run (see run_end) sharing an ifmap stream, their weights
// as lanes (a product is the same either way round): sums [task][lane].
bool StreamBatches::batch_filter_run(const PassPlan& plan, size_t first, size_t end,
                                     const int16_t* block, const int16_t* filters) {
  const PePlan& pe = plan.pes[first];
  const AffineStream& w0 = plan.weight_streams[size_t(pe.weight_stream)].addresses;
  if (!split_loops(w0, pe.tasks, pe.macs_per_task, outer_, inner_)) return false;
  const long long lanes = (long long)(end - first);
  const long long step =
      plan.weight_streams[size_t(plan.pes[first + 1].weight_stream)].addresses.base - w0.base;
  const long long count = 1LL * pe.tasks * pe.macs_per_task;
  simplify(plan.ifmap_streams[size_t(pe.ifmap_stream)].addresses, walk_);
  words_.resize(size_t(count));
  gather_stream(walk_, count, block, words_.data());
  const long long zeros = std::count(words_.begin(), words_.end(), int16_t(0));
  loop_offsets(outer_, task_rows_);
  loop_offsets(inner_, macs_);
  const size_t offset = sums_.size();
  sums_.resize(offset + size_t(pe.tasks) * size_t(lanes), 0);
  rows_.assign(1, 0);
  for (int task = 0; task < pe.tasks; ++task) {
    rows_[0] = task_rows_[size_t(task)];
    lane_sums(filters + w0.base, rows_, macs_, &words_[size_t(task) * size_t(pe.macs_per_task)],
              int(lanes), int(step), product_shift_, false,
              &sums_[offset + size_t(task) * size_t(lanes)]);
  }
  for (size_t p = first; p < end; ++p) {
    entries_[p] = {(long long)(offset + (p - first)), lanes, pe.tasks,
                   p == first ? zeros * lanes : 0};
  }
  return true;
}

// One PE whose tasks are lanes: its innermost task loop (long enough) walks the ifmap
// words in steps of a constant stride; sums [task].
bool StreamBatches::batch_tasks(const PassPlan& plan, size_t index, const int16_t* block,
                                const int16_t* filters) {
  const PePlan& pe = plan.pes[index];
  const AffineStream& x = plan.ifmap_streams[size_t(pe.ifmap_stream)].addresses;
  if (!split_loops(x, pe.tasks, pe.macs_per_task, outer_, inner_)) return false;
  if (outer_.loops.empty()) return false;
  const AffineLoop lane = outer_.loops.back();
  if (lane.count < kMinTaskLanes || lane.stride <= 0 || lane.stride > INT_MAX / 2) return false;
  const int16_t* w = task_weights(plan, pe, filters);
  if (w == nullptr) return false;
  const long long count = 1LL * pe.tasks * pe.macs_per_task;
  long long* cached = cached_zeros(pe.ifmap_stream, count, 1, true);
  outer_.loops.pop_back();
  loop_offsets(outer_, rows_);
  loop_offsets(inner_, macs_);
  const size_t offset = sums_.size();
  sums_.resize(offset + size_t(pe.tasks), 0);
  const long long zeros = lane_sums(block + x.base, rows_, macs_, w, lane.count,
                                    int(lane.stride), product_shift_, cached == nullptr,
                                    &sums_[offset]);
  if (cached == nullptr) zero_counts_[size_t(pe.ifmap_stream)] = {count, 1, zeros};
  entries_[index] = {(long long)offset, 1, pe.tasks, cached ? *cached : zeros};
  return true;
}

void StreamBatches::compute(const PassPlan& plan, const int16_t* block, const int16_t* filters,
                            int product_shift) {
  product_shift_ = product_shift;
  entries_.assign(plan.pes.size(), Entry{});
  zero_counts_.assign(plan.ifmap_streams.size(), ZeroCount{});
  sums_.clear();
  for (size_t p = 0; p < plan.pes.size();) {
    const PePlan& pe = plan.pes[p];
    if (pe.mode != PeMode::stream || 1LL * pe.tasks * pe.macs_per_task <= 0) {
      ++p;
      continue;
    }
    size_t end = run_end(plan, p, false);
    if (end - p >= 2 && batch_run(plan, p, end, block, filters)) {
      p = end;
      continue;
    }
    if (pe.macs_per_task < kMaxFilterLaneMacs) {
      end = run_end(plan, p, true);
      if (end - p >= 2 && batch_filter_run(plan, p, end, block, filters)) {
        p = end;
        continue;
      }
    }
    if (pe.tasks >= kMinTaskLanes) batch_tasks(plan, p, block, filters);
    ++p;
  }
}

bool StreamBatches::add(int pe, int16_t* tasks, long long& zeros) const {
  const Entry& entry = entries_[size_t(pe)];
  if (entry.offset < 0) return false;
  const int16_t* sums = &sums_[size_t(entry.offset)];
  for (int task = 0; task < entry.tasks; ++task) {
    tasks[task] = wrap_add(tasks[task], sums[size_t(task) * size_t(entry.pitch)]);
  }
  zeros += entry.zeros;
  return true;
}

}  // namespace accelsim
