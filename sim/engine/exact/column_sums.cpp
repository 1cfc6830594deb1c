#include "sim/engine/exact/column_sums.h"

#include <stdexcept>

#include "sim/engine/data/fixed_point.h"

namespace accelsim {
namespace {

// One output column read through one tap: column 0 of every row stream.
bool one_column(const PassPlan& plan) {
  if (plan.out_cols != 1 || plan.taps != 1 || plan.columns.size() != 1 ||
      plan.window.size() != 1 || plan.window[0].size() != 1 || plan.window[0][0] != 0 ||
      plan.row_streams.empty()) {
    return false;
  }
  for (const auto& pe : plan.pes) {
    if (pe.mode != PeMode::window) return false;
  }
  return true;
}

}  // namespace

// Gathers every row stream's words and counts their zeros (each is read by the one
// window once, so a zero word gates one MAC per filter of each PE it feeds).
bool ColumnSums::start_pass(const PassPlan& plan, GlbCore& glb,
                            const std::vector<int16_t>& filter_words, bool count_zeros,
                            int product_shift) {
  if (!one_column(plan)) return false;
  plan_ = &plan;
  product_shift_ = product_shift;
  weights_ = filter_words.data();
  filter_offset_.resize(plan.filter_streams.size());
  size_t offset = 0;
  for (size_t i = 0; i < plan.filter_streams.size(); ++i) {
    filter_offset_[i] = offset;
    offset += size_t(plan.filter_streams[i].words());
  }
  row_offset_.resize(plan.row_streams.size());
  row_zeros_.assign(plan.row_streams.size(), 0);
  rows_.clear();
  for (size_t i = 0; i < plan.row_streams.size(); ++i) {
    const RowStream& stream = plan.row_streams[i];
    row_offset_[i] = rows_.size();
    const int column = plan.columns[0] + stream.col_offset;
    for (const RowSegment& where : stream.segments) {
      for (int c = 0; c < stream.channels; ++c) {
        const int16_t word = glb.ifmap(where.image, stream.channel0 + c, where.row, column);
        rows_.push_back(word);
        if (count_zeros) row_zeros_[i] += word == 0;
      }
    }
  }
  return true;
}

const std::vector<int16_t>& ColumnSums::chain_sums(const Chain& chain, long long& zeros) {
  const PassPlan& plan = *plan_;
  const int K = plan.pes[size_t(chain.pes.back())].filters;
  const size_t segments = size_t(plan.segments);
  chain_.assign(size_t(K) * segments, 0);
  for (int pe_index : chain.pes) {
    const PePlan& pe = plan.pes[size_t(pe_index)];
    if (pe.mode != PeMode::window || pe.filters != K) {
      throw std::logic_error("a chain mixes PEs of different shapes");
    }
    const RowStream& stream = plan.row_streams[size_t(pe.row_stream)];
    const int16_t* x = &rows_[row_offset_[size_t(pe.row_stream)]];
    const int16_t* w = weights_ + filter_offset_[size_t(pe.filter_stream)];  // [k][c]
    const int Q = pe.channels;
    for (size_t segment = 0; segment < segments; ++segment) {
      const int16_t* xs = x + segment * size_t(stream.channels);
      for (int k = 0; k < K; ++k) {
        int16_t& out = chain_[size_t(k) * segments + segment];
        out = wrap_add(out, dot_product(xs, w + size_t(k) * size_t(Q), Q, product_shift_));
      }
    }
    zeros += row_zeros_[size_t(pe.row_stream)] * pe.filters;
  }
  return chain_;
}

}  // namespace accelsim
