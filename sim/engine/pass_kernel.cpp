#include "sim/engine/pass_kernel.h"

#include "sim/engine/fixed_point.h"

namespace accelsim {
namespace {

// One row stream's words, [segment][channel][column] (channel-major, so that a
// channel's row is contiguous for the vectorized loops below).
struct RowWords {
  std::vector<int16_t> words;
  long long zeros_in_windows = 0;  // zero words over every (segment, f, tap, channel) use
};

RowWords gather_row(const PassPlan& plan, const RowStream& stream, GlbCore& glb) {
  RowWords row;
  const size_t columns = plan.columns.size();
  row.words.resize(stream.segments.size() * columns * size_t(stream.channels));
  size_t index = 0;
  for (const auto& segment : stream.segments) {
    for (int c = 0; c < stream.channels; ++c) {
      for (size_t col = 0; col < columns; ++col) {
        row.words[index++] = glb.ifmap(segment.image, stream.channel0 + c, segment.row,
                                       plan.columns[col] + stream.col_offset);
      }
    }
  }
  // How often each column is used by the output windows, to count gated MACs.
  std::vector<long long> uses(columns, 0);
  for (const auto& taps : plan.window) {
    for (int column : taps) ++uses[size_t(column)];
  }
  for (size_t word = 0; word < row.words.size(); ++word) {
    if (row.words[word] == 0) row.zeros_in_windows += uses[word % columns];
  }
  return row;
}

// The windows as base + stride x f per tap, when they are (always for the shipped
// dataflows); stride 0 when they are not.
struct AffineWindow {
  std::vector<int> base;
  int stride = 0;
};

AffineWindow affine_window(const PassPlan& plan) {
  AffineWindow window;
  const int F = plan.out_cols;
  window.stride = F > 1 ? plan.window[1][0] - plan.window[0][0] : 1;
  for (int s = 0; s < plan.taps; ++s) window.base.push_back(plan.window[0][size_t(s)]);
  for (int f = 0; f < F; ++f) {
    for (int s = 0; s < plan.taps; ++s) {
      if (plan.window[size_t(f)][size_t(s)] != window.base[size_t(s)] + f * window.stride) {
        return {{}, 0};
      }
    }
  }
  return window;
}

// Adds a window-mode PE's MACs to its chain's task sums ([segment][f][k]). With
// several output columns the MACs are summed per (k, c, s) along f, where the row
// is contiguous (vectorized); with one (FC layers) per (k, c) along the taps.
void window_pe_sums(const PassPlan& plan, const AffineWindow& window, const PePlan& pe,
                    const RowWords& row, const int16_t* weights, std::vector<int16_t>& sums) {
  const int F = plan.out_cols, S = plan.taps, Q = pe.channels, K = pe.filters;
  const int segments = plan.segments;
  const size_t columns = plan.columns.size();
  bool taps_contiguous = window.stride > 0;  // tap s at base + s: a dot product per (k, c)
  for (int s = 0; taps_contiguous && s < S; ++s) {
    taps_contiguous = window.base[size_t(s)] == window.base[0] + s;
  }
  if (F == 1 && taps_contiguous) {
    for (int segment = 0; segment < segments; ++segment) {
      int16_t* out = &sums[size_t(segment) * size_t(K)];
      for (int k = 0; k < K; ++k) {
        for (int c = 0; c < Q; ++c) {
          const int16_t* x = &row.words[(size_t(segment) * size_t(Q) + size_t(c)) * columns];
          out[k] = wrap_add(out[k], dot_product(x + window.base[0],
                                                weights + (size_t(k) * Q + c) * size_t(S), S));
        }
      }
    }
    return;
  }
  thread_local std::vector<int16_t> partial;  // [k][segment][f], reused between passes
  partial.assign(size_t(K) * size_t(segments) * size_t(F), 0);
  for (int k = 0; k < K; ++k) {
    for (int c = 0; c < Q; ++c) {
      for (int s = 0; s < S; ++s) {
        const int16_t w = weights[(size_t(k) * size_t(Q) + size_t(c)) * size_t(S) + size_t(s)];
        for (int segment = 0; segment < segments; ++segment) {
          const int16_t* x = &row.words[(size_t(segment) * size_t(Q) + size_t(c)) * columns];
          int16_t* out = &partial[(size_t(k) * size_t(segments) + size_t(segment)) * size_t(F)];
          if (window.stride > 0) {
            accumulate_row(out, x + window.base[size_t(s)], window.stride, F, w);
          } else {
            for (int f = 0; f < F; ++f) {
              out[f] = wrap_add(out[f],
                                fixed_product(x[plan.window[size_t(f)][size_t(s)]], w));
            }
          }
        }
      }
    }
  }
  for (int segment = 0; segment < segments; ++segment) {
    for (int f = 0; f < F; ++f) {
      int16_t* out = &sums[(size_t(segment) * size_t(F) + size_t(f)) * size_t(K)];
      for (int k = 0; k < K; ++k) {
        out[k] = wrap_add(
            out[k], partial[(size_t(k) * size_t(segments) + size_t(segment)) * size_t(F) + f]);
      }
    }
  }
}

// A stream without its innermost loop, to walk it a run of that loop at a time.
AffineStream outer_loops(const AffineStream& stream) {
  AffineStream outer = stream;
  outer.loops.pop_back();
  return outer;
}

// Adds a stream-mode PE's MACs to its chain's task sums ([task]); returns the
// MACs whose ifmap word is zero. When both streams end in loops of the same length
// dividing a task's MACs, a run of that length is summed in one go.
long long stream_pe_sums(const PassPlan& plan, const PePlan& pe, GlbCore& glb,
                         const std::vector<int16_t>& filter_words, std::vector<int16_t>& sums) {
  const AffineStream& ifmaps = plan.ifmap_streams[size_t(pe.ifmap_stream)].addresses;
  const AffineStream& weights = plan.weight_streams[size_t(pe.weight_stream)].addresses;
  const bool runs = !ifmaps.loops.empty() && !weights.loops.empty() &&
                    ifmaps.loops.back().count == weights.loops.back().count &&
                    pe.macs_per_task % ifmaps.loops.back().count == 0;
  const int run = runs ? ifmaps.loops.back().count : 1;
  const long long x_stride = runs ? ifmaps.loops.back().stride : 0;
  const long long w_stride = runs ? weights.loops.back().stride : 0;
  const AffineStream x_outer = runs ? outer_loops(ifmaps) : ifmaps;
  const AffineStream w_outer = runs ? outer_loops(weights) : weights;
  AffineCursor x(x_outer), w(w_outer);
  long long zeros = 0;
  for (int task = 0; task < pe.tasks; ++task) {
    int16_t sum = sums[size_t(task)];
    for (int j = 0; j < pe.macs_per_task; j += run, x.next(), w.next()) {
      for (int i = 0; i < run; ++i) {
        const int16_t value = glb.ifmap_at(x.address() + i * x_stride);
        zeros += value == 0;
        sum = wrap_add(sum, fixed_product(value, filter_words[size_t(w.address() + i * w_stride)]));
      }
    }
    sums[size_t(task)] = sum;
  }
  return zeros;
}

}  // namespace

PassValues compute_pass_values(const ArchSpec& arch, const PassPlan& plan, GlbCore& glb,
                               const std::vector<int16_t>& filter_words) {
  PassValues values;
  std::vector<RowWords> rows;
  rows.reserve(plan.row_streams.size());
  for (const auto& stream : plan.row_streams) rows.push_back(gather_row(plan, stream, glb));
  std::vector<size_t> filter_offset(plan.filter_streams.size() + 1, 0);
  for (size_t i = 0; i < plan.filter_streams.size(); ++i) {
    filter_offset[i + 1] = filter_offset[i] + size_t(plan.filter_streams[i].words());
  }
  const AffineWindow window = affine_window(plan);
  std::vector<int16_t> sums;  // one chain's task outputs, in task order
  for (const auto& chain : plan.chains) {
    sums.assign(size_t(chain.outputs.size()), 0);
    for (int pe_index : chain.pes) {
      const PePlan& pe = plan.pes[size_t(pe_index)];
      long long zeros = 0;
      if (pe.mode == PeMode::stream) {
        zeros = stream_pe_sums(plan, pe, glb, filter_words, sums);
      } else {
        const RowWords& row = rows[size_t(pe.row_stream)];
        window_pe_sums(plan, window, pe, row,
                       &filter_words[filter_offset[size_t(pe.filter_stream)]], sums);
        zeros = row.zeros_in_windows * pe.filters;
      }
      if (!arch.pe.zero_gating) continue;
      values.gating.macs += zeros;
      if (pe.mode == PeMode::window) values.gating.weight_reads += zeros;
      if (plan.register_file) values.gating.psum_accesses += zeros;
    }
    for (long long task = 0; task < chain.outputs.size(); ++task) {
      const long long address = chain.outputs.at(task);
      int16_t value = sums[size_t(task)];
      if (chain.psums_from_glb) value = wrap_add(value, glb.psum(address));
      glb.psum(address) = value;
    }
  }
  return values;
}

}  // namespace accelsim
