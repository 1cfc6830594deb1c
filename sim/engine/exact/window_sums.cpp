#include "sim/engine/exact/window_sums.h"

#include <algorithm>
#include <stdexcept>

#include "sim/engine/data/fixed_point.h"

namespace accelsim {
namespace {

// Copies a row stream's first `channels` channels into dst, word (segment, c, col)
// at dst[c * channel_pitch + segment * segment_pitch + col].
void gather_row(const PassPlan& plan, const RowStream& stream, int channels, GlbCore& glb,
                int16_t* dst, size_t channel_pitch, size_t segment_pitch) {
  const size_t columns = plan.columns.size();
  const bool contiguous = plan.columns.back() - plan.columns.front() + 1 == int(columns);
  for (size_t segment = 0; segment < stream.segments.size(); ++segment) {
    const RowSegment& where = stream.segments[segment];
    for (int c = 0; c < channels; ++c) {
      int16_t* out = dst + size_t(c) * channel_pitch + segment * segment_pitch;
      const int16_t* row = &glb.ifmap(where.image, stream.channel0 + c, where.row, 0);
      if (contiguous) {
        std::copy_n(row + plan.columns.front() + stream.col_offset, columns, out);
      } else {
        for (size_t col = 0; col < columns; ++col) out[col] = row[plan.columns[col] + stream.col_offset];
      }
    }
  }
}

// Zero words of a row stream weighted by how many output windows read them: the
// MACs a PE holding one filter of this row gates.
long long zeros_in_windows(const PassPlan& plan, const RowStream& stream, GlbCore& glb,
                           const std::vector<int>& uses) {
  const size_t columns = plan.columns.size();
  const bool contiguous = plan.columns.back() - plan.columns.front() + 1 == int(columns);
  long long zeros = 0;
  for (const auto& where : stream.segments) {
    for (int c = 0; c < stream.channels; ++c) {
      const int16_t* row = &glb.ifmap(where.image, stream.channel0 + c, where.row, 0);
      int row_zeros = 0;  // at most columns x windows: fits; summed in 32-bit lanes
      if (contiguous) {
        const int16_t* x = row + plan.columns.front() + stream.col_offset;
        for (size_t col = 0; col < columns; ++col) row_zeros += x[col] == 0 ? uses[col] : 0;
      } else {
        for (size_t col = 0; col < columns; ++col) {
          row_zeros += row[plan.columns[col] + stream.col_offset] == 0 ? uses[col] : 0;
        }
      }
      zeros += row_zeros;
    }
  }
  return zeros;
}

// Zero words of every row stream weighted by their window uses.
void row_stream_zeros(const PassPlan& plan, GlbCore& glb, WindowBuffers& scratch) {
  std::vector<long long>& zeros = scratch.row_zeros;
  zeros.assign(plan.row_streams.size(), 0);
  if (plan.row_streams.empty()) return;
  scratch.uses.assign(plan.columns.size(), 0);
  for (const auto& taps : plan.window) {
    for (int column : taps) ++scratch.uses[size_t(column)];
  }
  for (size_t i = 0; i < plan.row_streams.size(); ++i) {
    zeros[i] = zeros_in_windows(plan, plan.row_streams[i], glb, scratch.uses);
  }
}

// The windows as base + stride x f per tap (AffineWindow).
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
  if (window.stride <= 0) return {{}, 0};
  return window;
}

// ---- Wide rows ---------------------------------------------------------------------

WideRows wide_rows(const PassPlan& plan, const AffineWindow& window) {
  WideRows wide;
  wide.stride = window.stride;
  const size_t columns = plan.columns.size();
  wide.pitch = (columns + size_t(wide.stride) - 1) / size_t(wide.stride) * size_t(wide.stride);
  wide.lanes = wide.pitch / size_t(wide.stride);
  wide.tail = size_t(*std::max_element(window.base.begin(), window.base.end())) + 1;
  return wide;
}

// Sums one filter-stream group's MACs into partials [k][block][lane], block =
// (PE within the group, segment).
void group_sums(const PassPlan& plan, const AffineWindow& window, const WideRows& wide,
                const std::vector<int>& group, GlbCore& glb, const int16_t* weights,
                int product_shift, WindowBuffers& scratch, int16_t* partials) {
  const PePlan& first = plan.pes[size_t(group[0])];
  const int K = first.filters, Q = first.channels, S = plan.taps;
  const size_t blocks = group.size() * size_t(plan.segments);
  const size_t channel_pitch = blocks * wide.pitch;
  scratch.rows.resize(size_t(Q) * channel_pitch + wide.tail);
  std::fill(scratch.rows.end() - ptrdiff_t(wide.tail), scratch.rows.end(), int16_t(0));
  for (size_t i = 0; i < group.size(); ++i) {
    const PePlan& pe = plan.pes[size_t(group[i])];
    gather_row(plan, plan.row_streams[size_t(pe.row_stream)], Q, glb,
               &scratch.rows[i * size_t(plan.segments) * wide.pitch], channel_pitch, wide.pitch);
  }
  const size_t width = blocks * wide.lanes;
  std::fill_n(partials, size_t(K) * width, int16_t(0));
  with_product_shift(product_shift, [&](auto constant) {  // once for all the rows
    constexpr int kShift = decltype(constant)::value;
    for (int k = 0; k < K; ++k) {
      for (int c = 0; c < Q; ++c) {
        const int16_t* row = &scratch.rows[size_t(c) * channel_pitch];
        for (int s = 0; s < S; ++s) {
          const int16_t w = weights[(size_t(k) * size_t(Q) + size_t(c)) * size_t(S) + size_t(s)];
          accumulate_row_at<kShift>(partials + size_t(k) * width, row + window.base[size_t(s)],
                                    wide.stride, int(width), w);
        }
      }
    }
  });
}

// Window mode with wide rows: every group's partial sums, and where each PE's
// (k 0, segment 0) lane and its k pitch lie among them.
void window_partials(const PassPlan& plan, const AffineWindow& window, const WideRows& wide,
                     GlbCore& glb, const int16_t* filter_words,
                     const std::vector<size_t>& filter_offset, int product_shift,
                     WindowBuffers& scratch) {
  std::vector<std::vector<int>> groups(plan.filter_streams.size());
  for (size_t i = 0; i < plan.pes.size(); ++i) {
    if (plan.pes[i].mode == PeMode::window) groups[size_t(plan.pes[i].filter_stream)].push_back(int(i));
  }
  const size_t block_words = size_t(plan.segments) * wide.lanes;  // one PE's lanes of one k
  size_t total = 0;
  for (const auto& group : groups) {
    if (!group.empty()) total += group.size() * size_t(plan.pes[size_t(group[0])].filters);
  }
  scratch.partials.resize(total * block_words);
  scratch.pe_partial.assign(plan.pes.size(), 0);
  scratch.pe_k_pitch.assign(plan.pes.size(), 0);
  size_t offset = 0;
  for (size_t stream = 0; stream < groups.size(); ++stream) {
    const auto& group = groups[stream];
    if (group.empty()) continue;
    const PePlan& first = plan.pes[size_t(group[0])];
    for (size_t i = 0; i < group.size(); ++i) {
      const PePlan& pe = plan.pes[size_t(group[i])];
      if (pe.filters != first.filters || pe.channels != first.channels) {
        throw std::logic_error("PEs of one filter stream hold different weights");
      }
      scratch.pe_partial[size_t(group[i])] = offset + i * block_words;
      scratch.pe_k_pitch[size_t(group[i])] = group.size() * block_words;
    }
    group_sums(plan, window, wide, group, glb, filter_words + filter_offset[stream],
               product_shift, scratch, &scratch.partials[offset]);
    offset += group.size() * size_t(first.filters) * block_words;
  }
}

// Adds a PE's valid lanes (f < F) from the group partials to its chain's sums
// [k][segment][f].
void add_pe_partials(const PassPlan& plan, const WideRows& wide, int pe_index,
                     const WindowBuffers& scratch, int16_t* chain) {
  const PePlan& pe = plan.pes[size_t(pe_index)];
  const int F = plan.out_cols;
  for (int k = 0; k < pe.filters; ++k) {
    for (int segment = 0; segment < plan.segments; ++segment) {
      const int16_t* lanes = &scratch.partials[scratch.pe_partial[size_t(pe_index)] +
                                               size_t(k) * scratch.pe_k_pitch[size_t(pe_index)] +
                                               size_t(segment) * wide.lanes];
      int16_t* out = chain + (size_t(k) * size_t(plan.segments) + size_t(segment)) * size_t(F);
      for (int f = 0; f < F; ++f) out[f] = wrap_add(out[f], lanes[f]);
    }
  }
}

// ---- Other shapes: one PE at a time -----------------------------------------------
// Adds a PE's MACs to its chain's sums [k][segment][f] from its row gathered as
// [segment][channel][column]: per (k, c) a dot product along the taps when there
// is one output column (FC layers), else per tap along the window.
void single_pe_sums(const PassPlan& plan, const AffineWindow& window, const PePlan& pe,
                    GlbCore& glb, const int16_t* weights, int product_shift,
                    WindowBuffers& scratch, int16_t* chain) {
  const int F = plan.out_cols, S = plan.taps, Q = pe.channels, K = pe.filters;
  const size_t columns = plan.columns.size();
  scratch.rows.resize(size_t(plan.segments) * size_t(Q) * columns);
  gather_row(plan, plan.row_streams[size_t(pe.row_stream)], Q, glb, scratch.rows.data(), columns,
             size_t(Q) * columns);
  bool taps_contiguous = window.stride > 0;
  for (int s = 0; taps_contiguous && s < S; ++s) {
    taps_contiguous = window.base[size_t(s)] == window.base[0] + s;
  }
  // One output column and taps covering whole rows: a (k) dot product over c and s.
  const bool whole_rows = taps_contiguous && window.base[0] == 0 && size_t(S) == columns;
  for (int segment = 0; segment < plan.segments; ++segment) {
    const int16_t* x = &scratch.rows[size_t(segment) * size_t(Q) * columns];
    for (int k = 0; k < K; ++k) {
      int16_t* out = chain + (size_t(k) * size_t(plan.segments) + size_t(segment)) * size_t(F);
      const int16_t* w = weights + size_t(k) * size_t(Q) * size_t(S);
      if (F == 1 && whole_rows) {
        out[0] = wrap_add(out[0], dot_product(x, w, Q * S, product_shift));
        continue;
      }
      for (int c = 0; c < Q; ++c) {
        const int16_t* xc = x + size_t(c) * columns;
        for (int s = 0; s < S; ++s) {
          const int16_t tap = w[size_t(c) * size_t(S) + size_t(s)];
          for (int f = 0; f < F; ++f) {
            const int16_t x_word = xc[plan.window[size_t(f)][size_t(s)]];
            out[f] = wrap_add(out[f], fixed_product(x_word, tap, product_shift));
          }
        }
      }
    }
  }
}

}  // namespace

void WindowSums::start_pass(const PassPlan& plan, GlbCore& glb,
                            const std::vector<int16_t>& filter_words, bool count_zeros,
                            int product_shift) {
  plan_ = &plan;
  product_shift_ = product_shift;
  filter_words_ = &filter_words;
  window_ = affine_window(plan);
  std::vector<size_t>& offset = buffers_.filter_offset;
  offset.assign(plan.filter_streams.size() + 1, 0);
  for (size_t i = 0; i < plan.filter_streams.size(); ++i) {
    offset[i + 1] = offset[i] + size_t(plan.filter_streams[i].words());
  }
  if (count_zeros) {
    row_stream_zeros(plan, glb, buffers_);
  } else {
    buffers_.row_zeros.assign(plan.row_streams.size(), 0);
  }
  wide_ = window_.stride > 0 && plan.out_cols > 1 && !window_.base.empty() &&
          !plan.row_streams.empty();
  if (wide_) {
    wide_rows_ = wide_rows(plan, window_);
    window_partials(plan, window_, wide_rows_, glb, filter_words.data(), offset, product_shift,
                    buffers_);
  }
}

const std::vector<int16_t>& WindowSums::chain_sums(const Chain& chain, GlbCore& glb,
                                                   long long& zeros) {
  const PassPlan& plan = *plan_;
  const int K = plan.pes[size_t(chain.pes.back())].filters;
  std::vector<int16_t>& sums = buffers_.chain;
  sums.assign(size_t(K) * size_t(plan.segments) * size_t(plan.out_cols), 0);
  for (int pe_index : chain.pes) {
    const PePlan& pe = plan.pes[size_t(pe_index)];
    if (pe.mode != PeMode::window || pe.filters != K) {
      throw std::logic_error("a chain mixes PEs of different shapes");
    }
    if (wide_) {
      add_pe_partials(plan, wide_rows_, pe_index, buffers_, sums.data());
    } else {
      single_pe_sums(plan, window_, pe, glb,
                     &(*filter_words_)[buffers_.filter_offset[size_t(pe.filter_stream)]],
                     product_shift_, buffers_, sums.data());
    }
    zeros += buffers_.row_zeros[size_t(pe.row_stream)] * pe.filters;
  }
  return sums;
}

}  // namespace accelsim
