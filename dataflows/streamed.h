#pragma once
// Addresses shared by the dataflows whose PEs stream their operands (output
// stationary, no local reuse): where a pass's ifmap words sit in the GLB's ifmap
// block ([image][channel][row][col], rows of the tile's strip), and where its
// outputs go in the psum tile ([image][row][col][filter]).

#include "dataflows/schedule.h"

namespace accelsim {

// The ifmap words one output pixel (out_row, out_col of the tile) needs, for each
// image of the tile, in (image, channel, r, s) order.
AffineStream pixel_window_stream(const LayerShape& shape, const Tile& tile,
                                 const ChannelBlock& block, int out_row, int out_col);

// The ifmap words of one channel of the block for every output pixel of the tile,
// in (image, out row, out col, r, s) order.
AffineStream channel_window_stream(const LayerShape& shape, const Tile& tile,
                                   const ChannelBlock& block, int channel);

// Psum tile address of filter `filter` (within the tile) at one pixel, per image.
AffineStream pixel_outputs(const LayerShape& shape, const Tile& tile, int out_row, int out_col,
                           int filter);

// Psum tile addresses of filter `filter` for every pixel of the tile, in (image,
// out row, out col) order.
AffineStream filter_outputs(const LayerShape& shape, const Tile& tile, int filter);

// The pass's staged weights: `filters` filters x `channels` channels x R x S.
FilterStream staged_block(const LayerShape& shape, const Tile& tile, const ChannelBlock& block,
                          int filter0, int filters, int channel0, int channels);

}  // namespace accelsim
