#include "sim/engine/memory/feature_moves.h"

#include <algorithm>
#include <numeric>

#include "sim/common/int_math.h"
#include "sim/engine/data/activation.h"
#include "sim/engine/data/fixed_point.h"

namespace accelsim {
namespace {

bool on_array(MoveKind kind) { return kind == MoveKind::add || kind == MoveKind::mul; }

// The input channel a shuffle writes to output channel `channel` (ShuffleNet's
// groups x C/groups transposed, as sim/values/layer_ops.h's shuffle).
int shuffle_source(const MoveData& data, int channel) {
  const int per_group = data.channels[0] / data.groups;
  return (channel % data.groups) * per_group + channel / data.groups;
}

// The channels of one chunk held in the GLB at once: an add's or a mul's operands
// and result; the others' one block, which the write-back reads out.
long long words_per_channel(const MoveData& data) {
  if (!on_array(data.kind)) return data.plane;
  long long words = data.plane;
  for (size_t operand = 0; operand < data.channels.size(); ++operand) words += data.operand_plane(operand);
  return words;
}

}  // namespace

int MoveData::output_channels() const {
  if (channels.empty()) return 0;
  if (kind == MoveKind::slice) return taken_channels;
  return kind == MoveKind::concat ? std::accumulate(channels.begin(), channels.end(), 0) : channels[0];
}

std::vector<MoveChunk> move_chunks(const MoveData& data, long long glb_words) {
  const bool per_operand = data.kind == MoveKind::concat;
  int fit = int(std::max<long long>(1, glb_words / std::max<long long>(1, words_per_channel(data))));
  // Whole rows of the shuffle's transpose: each source run is then `fit / groups` long.
  if (data.kind == MoveKind::shuffle && fit >= data.groups) fit -= fit % data.groups;
  std::vector<MoveChunk> chunks;
  for (int n = 0; n < data.batch; ++n) {
    for (size_t operand = 0; operand < (per_operand ? data.channels.size() : 1); ++operand) {
      const int channels = per_operand ? data.channels[operand] : data.output_channels();
      for (int c = 0; c < channels; c += fit) {
        chunks.push_back({n, int(operand), c, std::min(fit, channels - c)});
      }
    }
  }
  return chunks;
}

std::vector<MoveLoad> move_loads(const MoveData& data, const MoveChunk& chunk) {
  const int n = chunk.image, c0 = chunk.channel0, count = chunk.channels;
  switch (data.kind) {
    case MoveKind::add:
    case MoveKind::mul: {
      std::vector<MoveLoad> loads;
      for (size_t operand = 0; operand < data.channels.size(); ++operand) loads.push_back({n, int(operand), c0, count});
      return loads;
    }
    case MoveKind::concat: return {{n, chunk.operand, c0, count}};
    case MoveKind::slice: return {{n, 0, data.first_channel + c0, count}};
    case MoveKind::activation: return {{n, 0, c0, count}};
    case MoveKind::shuffle: break;
  }
  std::vector<int> sources;
  for (int c = c0; c < c0 + count; ++c) sources.push_back(shuffle_source(data, c));
  std::sort(sources.begin(), sources.end());
  std::vector<MoveLoad> loads;
  for (int source : sources) {
    if (!loads.empty() && loads.back().channel0 + loads.back().channels == source) {
      ++loads.back().channels;
    } else {
      loads.push_back({n, 0, source, 1});
    }
  }
  return loads;
}

std::vector<int16_t> FeatureMoves::load_words(const MoveLoad& load) const {
  const auto& values = data_.operands[size_t(load.operand)];
  const size_t plane = size_t(data_.operand_plane(size_t(load.operand)));
  const size_t first = (size_t(load.image) * data_.channels[size_t(load.operand)] + load.channel0) * plane;
  if (data_.kind != MoveKind::slice || data_.taken_rows == data_.input_rows) {
    return {values.begin() + long(first), values.begin() + long(first + size_t(load.channels) * plane)};
  }
  // A slice of rows reads only its rows of each channel.
  const size_t width = plane / size_t(data_.input_rows), taken = size_t(data_.taken_rows) * width;
  std::vector<int16_t> words;
  for (int c = 0; c < load.channels; ++c) {
    const auto from = values.begin() + long(first + size_t(c) * plane + size_t(data_.first_row) * width);
    words.insert(words.end(), from, from + long(taken));
  }
  return words;
}

int FeatureMoves::loads(const MoveChunk& chunk) const { return int(move_loads(data_, chunk).size()); }

DramTransfer FeatureMoves::load(const MoveChunk& chunk, int index, AccessCounts& counts) const {
  const MoveLoad load = move_loads(data_, chunk)[size_t(index)];
  return dram_.load_feature_words(load_words(load), data_.compressible, counts);
}

long long FeatureMoves::combine(const MoveChunk& chunk, AccessCounts& counts) {
  std::vector<std::vector<int16_t>> loaded;
  for (const MoveLoad& load : move_loads(data_, chunk)) loaded.push_back(load_words(load));
  if (on_array(data_.kind)) return combine_on_array(loaded, 1LL * chunk.channels * data_.plane, counts);
  copy_in_order(chunk, loaded);
  return 0;
}

// An add's sums (exact, shifted, saturated) or a mul's Q8.8 products (a per-channel
// factor broadcast over the plane), then the activation.
long long FeatureMoves::combine_on_array(const std::vector<std::vector<int16_t>>& loaded,
                                         long long words, AccessCounts& counts) {
  result_.resize(size_t(words));
  if (data_.kind == MoveKind::mul) {
    const size_t per_factor = size_t(words) / loaded[1].size();
    for (size_t i = 0; i < result_.size(); ++i) {
      result_[i] = activate(data_.activation, fixed_product(loaded[0][i], loaded[1][i / per_factor], kFractionBits));
    }
  } else {
    for (size_t i = 0; i < result_.size(); ++i) {
      long long sum = 0;
      for (const auto& operand : loaded) sum += operand[i];
      const long long shifted = sum >> data_.shift_bits;
      result_[i] = activate(data_.activation, int16_t(std::clamp<long long>(shifted, -32768, 32767)));
    }
  }
  // Every operand word: read from the GLB, delivered to a PE; each further operand
  // is one operation in the PE's psum register; each result goes back to the GLB.
  long long delivered = 0;
  for (const auto& operand : loaded) delivered += (long long)operand.size();
  const long long operations = (long long)(loaded.size() - 1) * words;
  counts.at(Level::glb, DataType::ifmap, Action::read) += delivered;
  counts.at(Level::array, DataType::ifmap, Action::write) += delivered;
  counts.at(Level::rf_psum, DataType::psum, Action::read) += operations;
  counts.at(Level::rf_psum, DataType::psum, Action::write) += operations;
  counts.at(Level::array, DataType::psum, Action::write) += words;
  counts.at(Level::glb, DataType::psum, Action::write) += words;
  return ceil_div(delivered, (long long)std::max(1, arch_.noc.ifmap.bus_width_words));
}

// What the write-back reads out of the GLB: the loaded words in order, a shuffle's
// channels in the shuffled order (its loads hold the sources in ascending order).
void FeatureMoves::copy_in_order(const MoveChunk& chunk,
                                 const std::vector<std::vector<int16_t>>& loaded) {
  std::vector<int16_t> staged;
  for (const auto& words : loaded) staged.insert(staged.end(), words.begin(), words.end());
  if (data_.kind == MoveKind::shuffle) {
    std::vector<int> sources;
    for (int c = chunk.channel0; c < chunk.channel0 + chunk.channels; ++c) sources.push_back(shuffle_source(data_, c));
    std::vector<int> sorted = sources;
    std::sort(sorted.begin(), sorted.end());
    const size_t plane = size_t(data_.plane);
    result_.resize(staged.size());
    for (size_t i = 0; i < sources.size(); ++i) {
      const size_t at = size_t(std::lower_bound(sorted.begin(), sorted.end(), sources[i]) - sorted.begin());
      std::copy_n(staged.begin() + long(at * plane), plane, result_.begin() + long(i * plane));
    }
  } else {
    result_ = std::move(staged);
  }
  for (auto& value : result_) value = activate(data_.activation, value);
}

long long FeatureMoves::output_offset(const MoveChunk& chunk) const {
  int channel = chunk.channel0;
  if (data_.kind == MoveKind::concat) {
    for (int operand = 0; operand < chunk.operand; ++operand) channel += data_.channels[size_t(operand)];
  }
  return (1LL * chunk.image * data_.output_channels() + channel) * data_.plane;
}

DramTransfer FeatureMoves::store(const MoveChunk& chunk, AccessCounts& counts) {
  std::copy(result_.begin(), result_.end(), output_.begin() + output_offset(chunk));
  return dram_.store_feature_words(result_, counts);
}

}  // namespace accelsim
