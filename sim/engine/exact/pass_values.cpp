#include "sim/engine/exact/pass_values.h"

#include <algorithm>
#include <stdexcept>

#include "sim/engine/data/fixed_point.h"
#include "sim/engine/exact/stream_operands.h"
#include "sim/engine/exact/stream_batches.h"

namespace accelsim {
namespace {

// Buffers reused from pass to pass: the engine computes thousands of passes per
// layer, many of them small, so nothing is allocated per pass once warm.
struct Scratch {
  std::vector<int16_t> rows;      // gathered ifmap words (layout depends on the path)
  std::vector<int16_t> partials;  // window mode: per filter-stream group, [k][block][lane]
  std::vector<int16_t> chain;     // window mode: one chain's sums, [k][segment][f]
  std::vector<int16_t> tasks;     // stream mode: one chain's sums, [task]
  std::vector<size_t> pe_partial; // window mode: a PE's (k 0, segment 0) lane in partials
  std::vector<size_t> pe_k_pitch; // window mode: from a PE's lanes of k to those of k + 1
  std::vector<int> uses;          // per column: output windows reading it
  StreamOperands operands;        // stream mode, PEs one by one
  StreamBatches batches;          // stream mode, PEs (or tasks) as vector lanes
};

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
  if (window.stride <= 0) return {{}, 0};
  return window;
}

// ---- Window mode, several output columns: wide rows ------------------------------
// Window-mode PEs fed by one filter stream hold the same weights. Their rows (for
// every segment) are laid back to back per channel, each padded to `pitch` words (a
// multiple of the stride), so that one accumulate_row call over the whole "wide
// row" does a (k, c, s) of all of them: lane block x lanes + f reads word
// block x pitch + base[s] + f x stride. Lanes f >= F of a block read the next
// block's words (or the zero tail) and are discarded.
struct WideRows {
  int stride = 1;
  size_t pitch = 0;   // words per (PE, segment) row: columns rounded up to the stride
  size_t lanes = 0;   // pitch / stride: output lanes per row (>= F)
  size_t tail = 0;    // words past the last row the last lanes may read
};

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
                Scratch& scratch, int16_t* partials) {
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
  for (int k = 0; k < K; ++k) {
    for (int c = 0; c < Q; ++c) {
      const int16_t* row = &scratch.rows[size_t(c) * channel_pitch];
      for (int s = 0; s < S; ++s) {
        const int16_t w = weights[(size_t(k) * size_t(Q) + size_t(c)) * size_t(S) + size_t(s)];
        accumulate_row(partials + size_t(k) * width, row + window.base[size_t(s)], wide.stride,
                       int(width), w);
      }
    }
  }
}

// ---- Window mode, other shapes: one PE at a time ---------------------------------
// Adds a PE's MACs to its chain's sums [k][segment][f] from its row gathered as
// [segment][channel][column]: per (k, c) a dot product along the taps when there
// is one output column (FC layers), else per tap along the window.
void single_pe_sums(const PassPlan& plan, const AffineWindow& window, const PePlan& pe,
                    GlbCore& glb, const int16_t* weights, Scratch& scratch, int16_t* chain) {
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
        out[0] = wrap_add(out[0], dot_product(x, w, Q * S));
        continue;
      }
      for (int c = 0; c < Q; ++c) {
        const int16_t* xc = x + size_t(c) * columns;
        for (int s = 0; s < S; ++s) {
          const int16_t tap = w[size_t(c) * size_t(S) + size_t(s)];
          for (int f = 0; f < F; ++f) {
            out[f] = wrap_add(out[f], fixed_product(xc[plan.window[size_t(f)][size_t(s)]], tap));
          }
        }
      }
    }
  }
}

// ---- Stream mode ------------------------------------------------------------------

// Adds a stream-mode PE's MACs to its chain's task sums ([task]); returns the
// MACs whose ifmap word is zero. With its operands contiguous, a task is a dot
// product.
long long stream_pe_sums(const PassPlan& plan, const PePlan& pe, GlbCore& glb,
                         const std::vector<int16_t>& filter_words, Scratch& scratch) {
  const long long count = 1LL * pe.tasks * pe.macs_per_task;
  if (count <= 0) return 0;
  long long zeros = 0;
  // x stays valid until the next ifmaps() call (the gathered words may grow then).
  const int16_t* x = scratch.operands.ifmaps(plan, pe.ifmap_stream, count,
                                             &glb.ifmap(0, 0, 0, 0), zeros);  // block word 0
  const int16_t* w = scratch.operands.weights(plan, pe.weight_stream, count, filter_words.data());
  const size_t macs = size_t(pe.macs_per_task);
  for (int task = 0; task < pe.tasks; ++task) {
    int16_t& sum = scratch.tasks[size_t(task)];
    sum = wrap_add(sum, dot_product(x + size_t(task) * macs, w + size_t(task) * macs, int(macs)));
  }
  return zeros;
}

// ---- Passes -----------------------------------------------------------------------

void count_gated(const ArchSpec& arch, const PassPlan& plan, PeMode mode, long long zeros,
                 Gating& gating) {
  if (!arch.pe.zero_gating) return;
  gating.macs += zeros;
  if (mode == PeMode::window) gating.weight_reads += zeros;
  if (plan.register_file) gating.psum_accesses += zeros;
}

// Window mode with wide rows: every group's partial sums, and where each PE's
// (k 0, segment 0) lane and its k pitch lie among them.
void window_partials(const PassPlan& plan, const AffineWindow& window, const WideRows& wide,
                     GlbCore& glb, const int16_t* filter_words,
                     const std::vector<size_t>& filter_offset, Scratch& scratch) {
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
    group_sums(plan, window, wide, group, glb, filter_words + filter_offset[stream], scratch,
               &scratch.partials[offset]);
    offset += group.size() * size_t(first.filters) * block_words;
  }
}

// Adds a PE's valid lanes (f < F) from the group partials to its chain's sums
// [k][segment][f].
void add_pe_partials(const PassPlan& plan, const WideRows& wide, int pe_index,
                     const Scratch& scratch, int16_t* chain) {
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

// What a pass computes once, before its chains are summed.
struct PassContext {
  const ArchSpec& arch;
  const PassPlan& plan;
  const std::vector<int16_t>& filter_words;
  std::vector<size_t> filter_offset;  // per filter stream, into filter_words
  AffineWindow window;
  bool wide = false;                  // window mode through group partials
  WideRows wide_rows;
  std::vector<long long> row_zeros;   // per row stream: zero words x window uses
};

// Sums a window-mode chain's PEs into scratch.chain [k][segment][f].
void window_chain_sums(const PassContext& pass, const Chain& chain, GlbCore& glb,
                       Scratch& scratch, Gating& gating) {
  const PassPlan& plan = pass.plan;
  const int K = plan.pes[size_t(chain.pes.back())].filters;
  scratch.chain.assign(size_t(K) * size_t(plan.segments) * size_t(plan.out_cols), 0);
  for (int pe_index : chain.pes) {
    const PePlan& pe = plan.pes[size_t(pe_index)];
    if (pe.mode != PeMode::window || pe.filters != K) {
      throw std::logic_error("a chain mixes PEs of different shapes");
    }
    if (pass.wide) {
      add_pe_partials(plan, pass.wide_rows, pe_index, scratch, scratch.chain.data());
    } else {
      single_pe_sums(plan, pass.window, pe, glb,
                     &pass.filter_words[pass.filter_offset[size_t(pe.filter_stream)]], scratch,
                     scratch.chain.data());
    }
    count_gated(pass.arch, plan, pe.mode, pass.row_zeros[size_t(pe.row_stream)] * pe.filters,
                gating);
  }
}

// Sums a stream-mode chain's PEs into scratch.tasks [task].
void stream_chain_sums(const PassContext& pass, const Chain& chain, GlbCore& glb,
                       Scratch& scratch, Gating& gating) {
  scratch.tasks.assign(size_t(chain.outputs.size()), 0);
  for (int pe_index : chain.pes) {
    const PePlan& pe = pass.plan.pes[size_t(pe_index)];
    if (pe.mode != PeMode::stream) throw std::logic_error("a chain mixes PEs of different modes");
    long long zeros = 0;
    if (!scratch.batches.add(pe_index, scratch.tasks.data(), zeros)) {
      zeros = stream_pe_sums(pass.plan, pe, glb, pass.filter_words, scratch);
    }
    count_gated(pass.arch, pass.plan, pe.mode, zeros, gating);
  }
}

// Writes a chain's sums (plus the psums it reads from the GLB) to its outputs. Task
// order is [segment][f][k] in window mode; the sums are [k][segment][f].
void write_chain_outputs(const PassPlan& plan, const Chain& chain, bool window_chain,
                         const Scratch& scratch, GlbCore& glb) {
  AffineCursor address(chain.outputs);
  const long long tasks = chain.outputs.size();
  if (!window_chain) {
    for (long long task = 0; task < tasks; ++task, address.next()) {
      int16_t& psum = glb.psum(address.address());
      psum = chain.psums_from_glb ? wrap_add(psum, scratch.tasks[size_t(task)])
                                  : scratch.tasks[size_t(task)];
    }
    return;
  }
  const size_t F = size_t(plan.out_cols), segments = size_t(plan.segments);
  const size_t K = size_t(tasks) / (segments * F);
  for (size_t segment = 0; segment < segments; ++segment) {
    for (size_t f = 0; f < F; ++f) {
      for (size_t k = 0; k < K; ++k, address.next()) {
        const int16_t sum = scratch.chain[(k * segments + segment) * F + f];
        int16_t& psum = glb.psum(address.address());
        psum = chain.psums_from_glb ? wrap_add(psum, sum) : sum;
      }
    }
  }
}

// Zero words of every row stream weighted by their window uses (zero gating only).
std::vector<long long> row_stream_zeros(const ArchSpec& arch, const PassPlan& plan, GlbCore& glb,
                                        Scratch& scratch) {
  std::vector<long long> zeros(plan.row_streams.size(), 0);
  if (!arch.pe.zero_gating || plan.row_streams.empty()) return zeros;
  scratch.uses.assign(plan.columns.size(), 0);
  for (const auto& taps : plan.window) {
    for (int column : taps) ++scratch.uses[size_t(column)];
  }
  for (size_t i = 0; i < plan.row_streams.size(); ++i) {
    zeros[i] = zeros_in_windows(plan, plan.row_streams[i], glb, scratch.uses);
  }
  return zeros;
}

}  // namespace

PassValues compute_pass_values(const ArchSpec& arch, const PassPlan& plan, GlbCore& glb,
                               const std::vector<int16_t>& filter_words) {
  thread_local Scratch scratch;
  PassValues values;
  PassContext pass{arch, plan, filter_words, {}, affine_window(plan), false, {}, {}};
  pass.filter_offset.assign(plan.filter_streams.size() + 1, 0);
  for (size_t i = 0; i < plan.filter_streams.size(); ++i) {
    pass.filter_offset[i + 1] = pass.filter_offset[i] + size_t(plan.filter_streams[i].words());
  }
  pass.row_zeros = row_stream_zeros(arch, plan, glb, scratch);
  scratch.operands.start_pass(plan);
  scratch.batches.compute(plan, plan.ifmap_streams.empty() ? nullptr : &glb.ifmap(0, 0, 0, 0),
                          filter_words.data());  // block word 0
  pass.wide = pass.window.stride > 0 && plan.out_cols > 1 && !pass.window.base.empty() &&
              !plan.row_streams.empty();
  if (pass.wide) {
    pass.wide_rows = wide_rows(plan, pass.window);
    window_partials(plan, pass.window, pass.wide_rows, glb, filter_words.data(),
                    pass.filter_offset, scratch);
  }
  for (const auto& chain : plan.chains) {
    const bool window_chain = plan.pes[size_t(chain.pes.back())].mode == PeMode::window;
    if (window_chain) {
      window_chain_sums(pass, chain, glb, scratch, values.gating);
    } else {
      stream_chain_sums(pass, chain, glb, scratch, values.gating);
    }
    write_chain_outputs(plan, chain, window_chain, scratch, glb);
  }
  return values;
}

}  // namespace accelsim
