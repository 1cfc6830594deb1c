#include "sim/engine/pass_kernel.h"

#include "sim/engine/fixed_point.h"

namespace accelsim {
namespace {

// One row stream's words as a window-mode PE receives them: [segment][column][channel].
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
    for (size_t col = 0; col < columns; ++col) {
      for (int c = 0; c < stream.channels; ++c) {
        row.words[index++] = glb.ifmap(segment.image, stream.channel0 + c, segment.row,
                                       plan.columns[col] + stream.col_offset);
      }
    }
  }
  for (size_t segment = 0; segment < stream.segments.size(); ++segment) {
    const int16_t* words = &row.words[segment * columns * size_t(stream.channels)];
    for (const auto& taps : plan.window) {
      for (int column : taps) {
        for (int c = 0; c < stream.channels; ++c) {
          row.zeros_in_windows += words[size_t(column) * size_t(stream.channels) + size_t(c)] == 0;
        }
      }
    }
  }
  return row;
}

// Adds a window-mode PE's MACs to its chain's task sums ([segment][f][k]).
void window_pe_sums(const PassPlan& plan, const PePlan& pe, const RowWords& row,
                    const int16_t* weights, std::vector<int16_t>& sums) {
  const int F = plan.out_cols, S = plan.taps, Q = pe.channels, K = pe.filters;
  const size_t columns = plan.columns.size();
  for (int segment = 0; segment < plan.segments; ++segment) {
    const int16_t* words = &row.words[size_t(segment) * columns * size_t(Q)];
    for (int f = 0; f < F; ++f) {
      int16_t* out = &sums[(size_t(segment) * F + size_t(f)) * size_t(K)];
      const std::vector<int>& taps = plan.window[size_t(f)];
      for (int k = 0; k < K; ++k) {
        int16_t sum = out[k];
        const int16_t* w = weights + size_t(k) * size_t(Q) * size_t(S);
        for (int s = 0; s < S; ++s) {
          const int16_t* x = words + size_t(taps[size_t(s)]) * size_t(Q);
          for (int c = 0; c < Q; ++c) sum = wrap_add(sum, fixed_product(x[c], w[c * S + s]));
        }
        out[k] = sum;
      }
    }
  }
}

// Adds a stream-mode PE's MACs to its chain's task sums ([task]); returns the
// MACs whose ifmap word is zero.
long long stream_pe_sums(const PassPlan& plan, const PePlan& pe, GlbCore& glb,
                         const std::vector<int16_t>& filter_words, std::vector<int16_t>& sums) {
  const AffineStream& ifmaps = plan.ifmap_streams[size_t(pe.ifmap_stream)].addresses;
  const AffineStream& weights = plan.weight_streams[size_t(pe.weight_stream)].addresses;
  AffineCursor x(ifmaps), w(weights);
  long long zeros = 0;
  for (int task = 0; task < pe.tasks; ++task) {
    int16_t sum = sums[size_t(task)];
    for (int j = 0; j < pe.macs_per_task; ++j, x.next(), w.next()) {
      const int16_t value = glb.ifmap_at(x.address());
      zeros += value == 0;
      sum = wrap_add(sum, fixed_product(value, filter_words[size_t(w.address())]));
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
        window_pe_sums(plan, pe, row, &filter_words[filter_offset[size_t(pe.filter_stream)]],
                       sums);
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
