#include "sim/engine/pass_kernel.h"

#include "sim/engine/fixed_point.h"

namespace accelsim {
namespace {

// One row stream's words as a PE receives them: [image][column][channel].
struct RowWords {
  std::vector<int16_t> words;
  long long zeros_in_windows = 0;  // zero words over every (image, f, tap, channel) use
};

RowWords gather_row(const PassPlan& plan, const RowStream& stream, GlbCore& glb) {
  RowWords row;
  const size_t columns = plan.columns.size();
  row.words.resize(size_t(plan.images) * columns * stream.channels);
  size_t index = 0;
  for (int b = 0; b < plan.images; ++b) {
    for (size_t col = 0; col < columns; ++col) {
      for (int c = 0; c < stream.channels; ++c) {
        row.words[index++] = glb.ifmap(b, stream.channel0 + c, stream.row, plan.columns[col]);
      }
    }
  }
  for (int b = 0; b < plan.images; ++b) {
    const int16_t* image = &row.words[size_t(b) * columns * stream.channels];
    for (const auto& taps : plan.window) {
      for (int column : taps) {
        for (int c = 0; c < stream.channels; ++c) {
          row.zeros_in_windows += image[size_t(column) * stream.channels + c] == 0;
        }
      }
    }
  }
  return row;
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
    const FilterStream& stream = plan.filter_streams[i];
    filter_offset[i + 1] = filter_offset[i] + size_t(stream.filters) * stream.channels * plan.taps;
  }
  const int F = plan.out_cols, S = plan.taps;
  const size_t columns = plan.columns.size();
  std::vector<int16_t> sums;  // one chain's outputs: [image][f][k]
  for (const auto& chain : plan.chains) {
    const int K = chain.filters;
    sums.assign(size_t(plan.images) * F * K, 0);
    for (int pe_index : chain.pes) {
      const PePlan& pe = plan.pes[size_t(pe_index)];
      const RowWords& row = rows[size_t(pe.row_stream)];
      const int16_t* weights = &filter_words[filter_offset[size_t(pe.filter_stream)]];
      const int Q = pe.channels;
      if (arch.pe.zero_gating) values.gated_macs += row.zeros_in_windows * pe.filters;
      for (int b = 0; b < plan.images; ++b) {
        const int16_t* image = &row.words[size_t(b) * columns * Q];
        for (int f = 0; f < F; ++f) {
          int16_t* out = &sums[(size_t(b) * F + f) * K];
          const std::vector<int>& taps = plan.window[size_t(f)];
          for (int k = 0; k < pe.filters; ++k) {
            int16_t sum = out[k];
            const int16_t* w = weights + size_t(k) * Q * S;
            for (int s = 0; s < S; ++s) {
              const int16_t* x = image + size_t(taps[size_t(s)]) * Q;
              for (int c = 0; c < Q; ++c) sum = wrap_add(sum, fixed_product(x[c], w[c * S + s]));
            }
            out[k] = sum;
          }
        }
      }
    }
    for (int b = 0; b < plan.images; ++b) {
      for (int f = 0; f < F; ++f) {
        for (int k = 0; k < K; ++k) {
          const long long address = glb.psum_address(b, chain.out_row, f, chain.filter0 + k);
          int16_t value = sums[(size_t(b) * F + f) * K + k];
          if (chain.psums_from_glb) value = wrap_add(value, glb.psum(address));
          glb.psum(address) = value;
        }
      }
    }
  }
  return values;
}

}  // namespace accelsim
