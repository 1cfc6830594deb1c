#include "sim/engine/exact/stream_operands.h"

#include <algorithm>

namespace accelsim {

void simplify(const AffineStream& stream, AffineStream& result) {
  result.base = stream.base;
  result.loops.clear();
  // Walk from the innermost loop outwards, folding where the walk continues.
  for (size_t i = stream.loops.size(); i-- > 0;) {
    const AffineLoop& loop = stream.loops[i];
    if (loop.count == 1) continue;
    if (!result.loops.empty()) {
      AffineLoop& inner = result.loops.back();
      if (loop.stride == inner.count * inner.stride) {
        inner.count *= loop.count;
        continue;
      }
    }
    result.loops.push_back(loop);
  }
  std::reverse(result.loops.begin(), result.loops.end());
}

void gather_stream(const AffineStream& stream, long long count, const int16_t* source,
                   int16_t* out) {
  if (stream.loops.empty()) {
    std::fill_n(out, count, source[stream.base]);
    return;
  }
  const AffineLoop inner = stream.loops.back();
  const size_t outer_loops = stream.loops.size() - 1;
  thread_local std::vector<int> index;  // the outer loops' odometer, innermost last
  index.assign(outer_loops, 0);
  long long address = stream.base;
  for (long long written = 0; written < count;) {
    const long long run = std::min<long long>(inner.count, count - written);
    if (inner.stride == 1) {
      std::copy_n(source + address, run, out + written);
    } else {
      for (long long i = 0; i < run; ++i) out[written + i] = source[address + i * inner.stride];
    }
    written += run;
    // Next run: step the outer loops (wrapping to the base after the last run).
    for (size_t i = outer_loops; i-- > 0;) {
      address += stream.loops[i].stride;
      if (++index[i] < stream.loops[i].count) break;
      address -= stream.loops[i].stride * stream.loops[i].count;
      index[i] = 0;
    }
  }
}

long long contiguous_start(const AffineStream& stream, long long count) {
  if (count <= 1) return stream.base;
  if (stream.loops.empty()) return -1;
  const AffineLoop& inner = stream.loops.back();
  return inner.stride == 1 && inner.count >= count ? stream.base : -1;
}

void StreamOperands::start_pass(const PassPlan& plan) {
  ifmap_words_.clear();
  gathered_.assign(plan.ifmap_streams.size(), Gathered{});
}

const int16_t* StreamOperands::ifmaps(const PassPlan& plan, int stream, long long count,
                                      const int16_t* block, long long& zeros) {
  Gathered& gathered = gathered_[size_t(stream)];
  if (gathered.count != count) {  // first use this pass (or another length: gathered anew)
    gathered.offset = ifmap_words_.size();
    gathered.count = count;
    ifmap_words_.resize(gathered.offset + size_t(count));
    int16_t* out = &ifmap_words_[gathered.offset];
    simplify(plan.ifmap_streams[size_t(stream)].addresses, walk_);
    gather_stream(walk_, count, block, out);
    gathered.zeros = std::count(out, out + count, int16_t(0));
  }
  zeros = gathered.zeros;
  return &ifmap_words_[gathered.offset];
}

const int16_t* StreamOperands::weights(const PassPlan& plan, int stream, long long count,
                                       const int16_t* filters) {
  simplify(plan.weight_streams[size_t(stream)].addresses, walk_);
  const long long start = contiguous_start(walk_, count);
  if (start >= 0) return filters + start;
  weight_words_.resize(size_t(count));
  gather_stream(walk_, count, filters, weight_words_.data());
  return weight_words_.data();
}

}  // namespace accelsim
