#include "sim/engine/memory/dram_core.h"

#include <algorithm>

#include "sim/common/int_math.h"
#include "sim/engine/memory/rle.h"

namespace accelsim {
DramTransfer DramCore::transfer(const std::vector<int16_t>& values, bool compress) const {
  long long bits = 0;
  if (compress && arch_.dram.compression == DramCompression::rle) {
    // Pairs of (run, value) packed into 64-bit words, one bit of each flagging the end.
    const int pairs_per_word = 63 / (arch_.dram.rle_run_bits + arch_.word_bits);
    bits = ceil_div(rle_pairs(values, arch_.dram.rle_run_bits), pairs_per_word) * 64;
  } else {
    bits = (long long)values.size() * arch_.word_bits;
  }
  DramTransfer result;
  result.dram_words = ceil_div(bits, arch_.word_bits);
  result.link_cycles = arch_.dram.latency_cycles + ceil_div(bits, arch_.dram.link_width_bits);
  result.raw_words = (long long)values.size();
  return result;
}

DramTransfer DramCore::load_ifmap_block(const LayerData& data, const Tile& tile,
                                        const ChannelBlock& block, GlbCore& glb,
                                        AccessCounts& counts) const {
  const LayerShape& s = data.shape;
  const int rows = s.input_rows_for(tile.out_rows);
  const int row0 = tile.out_row0 * s.stride_h;
  glb.resize_ifmap_block(tile.images, block.channels, rows, s.W);
  std::vector<int16_t> fetched;  // the real (unpadded) values, in DRAM order
  for (int n = 0; n < tile.images; ++n) {
    for (int c = 0; c < block.channels; ++c) {
      for (int row = 0; row < rows; ++row) {
        const int h = row0 + row;
        const bool real_row = h >= s.pad_h && h < s.H - s.pad_h;
        for (int col = 0; col < s.W; ++col) {
          const int16_t value =
              data.padded_ifmap(tile.image0 + n, tile.group, block.channel0 + c, h, col);
          glb.ifmap(n, c, row, col) = value;
          if (real_row && col >= s.pad_w && col < s.W - s.pad_w) fetched.push_back(value);
        }
      }
    }
  }
  counts.at(Level::glb, DataType::ifmap, Action::write) += glb.ifmap_block_words();
  const DramTransfer result = transfer(fetched, s.input_compressible);
  counts.at(Level::dram, DataType::ifmap, Action::read) += result.dram_words;
  return result;
}

DramTransfer DramCore::load_filters(const LayerData& data, const Tile& tile,
                                    const PassPlan& plan, std::vector<int16_t>& staged,
                                    AccessCounts& counts) const {
  // A filter row's taps are contiguous in the weights ([filter][c][r][s]), and so are
  // whole rows, channels and filters when a stream takes all of them: each stream is
  // copied in the longest contiguous runs it has (an FC pass's filter is one run),
  // walking the weights by strides rather than indexing every row.
  const LayerShape& s = data.shape;
  staged.resize(size_t(plan.filter_words()));
  if (staged.empty()) return {};  // a layer without filters (pooling): no transfer at all
  int16_t* out = staged.data();
  for (const auto& stream : plan.filter_streams) {
    if (stream.words() == 0) continue;
    const long long row_stride = s.S, channel_stride = 1LL * s.R * s.S,
                    filter_stride = s.C * channel_stride;
    long long run = stream.taps;
    int rows = stream.rows, channels = stream.channels, filters = stream.filters;
    if (stream.taps == s.S) {
      run *= rows, rows = 1;
      if (stream.rows == s.R) {
        run *= channels, channels = 1;
        if (stream.channels == s.C) run *= filters, filters = 1;
      }
    }
    const int16_t* first = &data.weight(tile.group, stream.filter0, stream.channel0, stream.row0,
                                        stream.tap0);
    for (int k = 0; k < filters; ++k) {
      for (int c = 0; c < channels; ++c) {
        const int16_t* row = first + k * filter_stride + c * channel_stride;
        for (int r = 0; r < rows; ++r, row += row_stride) out = std::copy_n(row, run, out);
      }
    }
  }
  const Level staging = arch_.glb.filter_buffer_kb > 0 ? Level::filter_buffer : Level::glb;
  counts.at(staging, DataType::filter, Action::write) += (long long)staged.size();
  const DramTransfer result = transfer(staged, false);
  counts.at(Level::dram, DataType::filter, Action::read) += result.dram_words;
  return result;
}

DramTransfer DramCore::store_ofmaps(const LayerShape& s, const Tile& tile, const GlbCore& glb,
                                    std::vector<int16_t>& output, AccessCounts& counts,
                                    const LayerData* write_back) const {
  std::vector<int16_t> stored;
  stored.reserve(glb.psum_tile().size());
  for (int n = 0; n < tile.images; ++n) {
    for (int m = 0; m < tile.filters; ++m) {
      for (int e = 0; e < tile.out_rows; ++e) {
        for (int f = 0; f < s.F; ++f) {
          const int16_t sum = glb.psum_tile()[size_t(glb.psum_address(n, e, f, m))];
          const long long filter = 1LL * tile.group * s.M + tile.filter0 + m;
          const int16_t value = write_back ? write_back->written_value(filter, sum) : sum;
          const long long channel = 1LL * (tile.image0 + n) * s.groups * s.M + filter;
          output[size_t((channel * s.E + tile.out_row0 + e) * s.F + f)] = value;
          stored.push_back(value);
        }
      }
    }
  }
  counts.at(Level::glb, DataType::ofmap, Action::read) += (long long)stored.size();
  const DramTransfer result = transfer(stored, true);
  counts.at(Level::dram, DataType::ofmap, Action::write) += result.dram_words;
  return result;
}

DramTransfer DramCore::load_feature_words(const std::vector<int16_t>& values, bool compress,
                                          AccessCounts& counts) const {
  const DramTransfer result = transfer(values, compress);
  counts.at(Level::dram, DataType::ifmap, Action::read) += result.dram_words;
  counts.at(Level::glb, DataType::ifmap, Action::write) += (long long)values.size();
  return result;
}

DramTransfer DramCore::store_feature_words(const std::vector<int16_t>& values,
                                           AccessCounts& counts) const {
  counts.at(Level::glb, DataType::ofmap, Action::read) += (long long)values.size();
  const DramTransfer result = transfer(values, true);
  counts.at(Level::dram, DataType::ofmap, Action::write) += result.dram_words;
  return result;
}

}  // namespace accelsim
