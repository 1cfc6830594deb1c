#include "sim/engine/exact/chain_maxima.h"

#include <algorithm>
#include <limits>

namespace accelsim {

const std::vector<int16_t>& ChainMaxima::chain(const PassPlan& plan, const Chain& chain,
                                               GlbCore& glb) {
  const PePlan& top = plan.pes[size_t(chain.pes.back())];
  const size_t outputs = top.mode == PeMode::window
                             ? size_t(top.filters) * size_t(plan.segments) * size_t(plan.out_cols)
                             : size_t(chain.outputs.size());
  maxima_.assign(outputs, std::numeric_limits<int16_t>::min());
  for (int pe_index : chain.pes) {
    const PePlan& pe = plan.pes[size_t(pe_index)];
    if (pe.mode == PeMode::window) {
      window_pe(plan, pe, glb);
    } else {
      stream_pe(plan, pe, glb);
    }
  }
  return maxima_;
}

// Each (segment, f) window of the PE's row stream, the same for each of its k; the
// words come column by column from the GLB row, shifted by the stream's offset.
void ChainMaxima::window_pe(const PassPlan& plan, const PePlan& pe, GlbCore& glb) {
  const RowStream& stream = plan.row_streams[size_t(pe.row_stream)];
  const size_t segments = size_t(plan.segments), F = size_t(plan.out_cols);
  for (size_t segment = 0; segment < segments; ++segment) {
    const RowSegment& where = stream.segments[segment];
    for (size_t f = 0; f < F; ++f) {
      int16_t best = std::numeric_limits<int16_t>::min();
      for (int c = 0; c < pe.channels; ++c) {
        const int16_t* row = &glb.ifmap(where.image, stream.channel0 + c, where.row, 0);
        for (int column : plan.window[f]) {
          best = std::max(best, row[plan.columns[size_t(column)] + stream.col_offset]);
        }
      }
      for (int k = 0; k < pe.filters; ++k) {
        int16_t& out = maxima_[(size_t(k) * segments + segment) * F + f];
        out = std::max(out, best);
      }
    }
  }
}

// Each task's words in stream order, as the PE pops them.
void ChainMaxima::stream_pe(const PassPlan& plan, const PePlan& pe, GlbCore& glb) {
  const long long count = 1LL * pe.tasks * pe.macs_per_task;
  if (count <= 0) return;
  long long zeros = 0;
  const int16_t* x = operands_.ifmaps(plan, pe.ifmap_stream, count, &glb.ifmap(0, 0, 0, 0), zeros);
  for (int task = 0; task < pe.tasks; ++task) {
    const int16_t* words = x + size_t(task) * size_t(pe.macs_per_task);
    int16_t& out = maxima_[size_t(task)];
    out = std::max(out, *std::max_element(words, words + pe.macs_per_task));
  }
}

}  // namespace accelsim
