#include "sim/engine/memory/feature_moves.h"

#include <algorithm>
#include <numeric>

#include "sim/common/int_math.h"
#include "sim/engine/data/activation.h"

namespace accelsim {

int MoveData::output_channels() const {
  if (channels.empty()) return 0;
  return kind == MoveKind::add ? channels[0] : std::accumulate(channels.begin(), channels.end(), 0);
}

std::vector<MoveChunk> move_chunks(const MoveData& data, long long glb_words) {
  const bool add = data.kind == MoveKind::add;
  // Words per channel held at once: an add's operands and its sum; one block otherwise.
  const long long per_channel = 1LL * data.plane * (add ? long(data.channels.size()) + 1 : 1);
  const int fit = int(std::max<long long>(1, glb_words / std::max<long long>(1, per_channel)));
  std::vector<MoveChunk> chunks;
  for (int n = 0; n < data.batch; ++n) {
    for (size_t operand = 0; operand < (add ? 1 : data.channels.size()); ++operand) {
      for (int c = 0; c < data.channels[operand]; c += fit) {
        chunks.push_back({n, int(operand), c, std::min(fit, data.channels[operand] - c)});
      }
    }
  }
  return chunks;
}

std::vector<int16_t> FeatureMoves::operand_words(int operand, const MoveChunk& chunk) const {
  const auto& values = data_.operands[size_t(operand)];
  const size_t first =
      (size_t(chunk.image) * data_.channels[size_t(operand)] + chunk.channel0) * data_.plane;
  return {values.begin() + long(first),
          values.begin() + long(first + size_t(chunk.channels) * data_.plane)};
}

int FeatureMoves::loads(const MoveChunk&) const {
  return data_.kind == MoveKind::add ? int(data_.operands.size()) : 1;
}

DramTransfer FeatureMoves::load(const MoveChunk& chunk, int index, AccessCounts& counts) const {
  const int operand = data_.kind == MoveKind::add ? index : chunk.operand;
  return dram_.load_feature_words(operand_words(operand, chunk), data_.compressible, counts);
}

long long FeatureMoves::combine(const MoveChunk& chunk, AccessCounts& counts) {
  if (data_.kind == MoveKind::concat) {
    result_ = operand_words(chunk.operand, chunk);
    for (auto& value : result_) value = activate(data_.activation, value);
    return 0;
  }
  const long long words = 1LL * chunk.channels * data_.plane;
  std::vector<long long> sums(size_t(words), 0);
  for (size_t operand = 0; operand < data_.operands.size(); ++operand) {
    const std::vector<int16_t> values = operand_words(int(operand), chunk);
    for (size_t i = 0; i < sums.size(); ++i) sums[i] += values[i];
  }
  result_.resize(sums.size());
  for (size_t i = 0; i < sums.size(); ++i) {
    const long long shifted = sums[i] >> data_.shift_bits;
    result_[i] = activate(data_.activation, int16_t(std::clamp<long long>(shifted, -32768, 32767)));
  }
  // Every operand word: read from the GLB, delivered to a PE; each further operand
  // is one addition in the PE's psum register; each sum goes back to the GLB.
  const long long operands = long(data_.operands.size());
  counts.at(Level::glb, DataType::ifmap, Action::read) += operands * words;
  counts.at(Level::array, DataType::ifmap, Action::write) += operands * words;
  counts.at(Level::rf_psum, DataType::psum, Action::read) += (operands - 1) * words;
  counts.at(Level::rf_psum, DataType::psum, Action::write) += (operands - 1) * words;
  counts.at(Level::array, DataType::psum, Action::write) += words;
  counts.at(Level::glb, DataType::psum, Action::write) += words;
  return ceil_div(operands * words, (long long)std::max(1, arch_.noc.ifmap.bus_width_words));
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
