#include "dataflows/streamed.h"

namespace accelsim {
namespace {

struct BlockLayout {
  long long row_words, channel_words, image_words;
};

BlockLayout block_layout(const LayerShape& s, const Tile& tile, const ChannelBlock& block) {
  const long long row_words = s.W;
  const long long channel_words = row_words * s.input_rows_for(tile.out_rows);
  return {row_words, channel_words, channel_words * block.channels};
}

}  // namespace

AffineStream pixel_window_stream(const LayerShape& s, const Tile& tile, const ChannelBlock& block,
                                 int out_row, int out_col) {
  const BlockLayout b = block_layout(s, tile, block);
  return {out_row * s.stride_h * b.row_words + 1LL * out_col * s.stride_w,
          {{tile.images, b.image_words},
           {block.channels, b.channel_words},
           {s.R, s.dilation_h * b.row_words},
           {s.S, s.dilation_w}}};
}

AffineStream channel_window_stream(const LayerShape& s, const Tile& tile,
                                   const ChannelBlock& block, int channel) {
  const BlockLayout b = block_layout(s, tile, block);
  return {channel * b.channel_words,
          {{tile.images, b.image_words},
           {tile.out_rows, s.stride_h * b.row_words},
           {s.F, s.stride_w},
           {s.R, s.dilation_h * b.row_words},
           {s.S, s.dilation_w}}};
}

AffineStream pixel_outputs(const LayerShape& s, const Tile& tile, int out_row, int out_col,
                           int filter) {
  const long long row_words = 1LL * s.F * tile.filters;
  return {out_row * row_words + 1LL * out_col * tile.filters + filter,
          {{tile.images, tile.out_rows * row_words}}};
}

AffineStream filter_outputs(const LayerShape& s, const Tile& tile, int filter) {
  const long long row_words = 1LL * s.F * tile.filters;
  return {filter,
          {{tile.images, tile.out_rows * row_words}, {tile.out_rows, row_words},
           {s.F, tile.filters}}};
}

FilterStream staged_block(const LayerShape& s, const Tile& tile, const ChannelBlock& block,
                          int filter0, int filters, int channel0, int channels) {
  return {tile.filter0 + filter0, filters, block.channel0 + channel0, channels, 0, s.R, 0, s.S,
          {}};
}

}  // namespace accelsim
