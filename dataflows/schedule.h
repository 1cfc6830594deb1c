#pragma once
// Plain data the engine runs: a layer's tiles, channel blocks and processing
// passes (the loop nest the mapping chose), and for each pass the array-level
// plan: which PE does what, what each network carries, how psums chain.
//
// Loop nest, outer to inner (DESIGN.md section 5, REFERENCE.md section 2):
//   tile   (group, images, output rows, filters): its psums stay in the GLB
//   block  (input channels): its ifmaps are loaded from DRAM into the GLB
//   pass   (filters of the tile): the array computes, psums go back to the GLB
// A tile's ofmaps go to DRAM after its last block.

#include <memory>
#include <vector>

#include "dataflows/mapping.h"

namespace accelsim {

struct PassSlice {
  int filter0 = 0, filters = 0;  // within the tile
};

struct ChannelBlock {
  int channel0 = 0, channels = 0;  // within the group
  std::vector<PassSlice> passes;
};

struct Tile {
  int group = 0;
  int image0 = 0, images = 0;
  int out_row0 = 0, out_rows = 0;
  int filter0 = 0, filters = 0;  // within the group
  std::vector<ChannelBlock> blocks;
};

// ---- The array-level plan of one pass -----------------------------------------
// Every PE runs the same 1-D convolution primitive (Eyeriss's RS primitive, which
// the other dataflows specialize): for each image, for each output column f, for
// each of its `filters` filters k, it accumulates `channels` x `taps` MACs of its
// stationary weights with its ifmap window, adds the psum arriving from below (if
// any), and sends the sum up its chain.

struct PePlan {
  int row = 0, col = 0;        // physical position in the array
  int filters = 0;             // psums per output column (p')
  int channels = 0;            // ifmap words per input column (q')
  int row_stream = 0;          // index into PassPlan::row_streams
  int filter_stream = 0;       // index into PassPlan::filter_streams
  int chain = 0, level = 0;    // level 0 is the bottom of the chain
};

// One ifmap row of `channels` channels, streamed column by column over the ifmap
// GIN and multicast to every PE listed.
struct RowStream {
  int channel0 = 0, channels = 0;  // within the GLB's ifmap block
  int row = 0;                     // padded input row within the block
  std::vector<int> destinations;   // PE indices
};

// The weights a group of PEs holds: filters x channels x taps of one filter row.
struct FilterStream {
  int filter0 = 0, filters = 0;    // within the group
  int channel0 = 0, channels = 0;  // within the group
  int filter_row = 0;
  std::vector<int> destinations;
};

// PEs whose psums add up, bottom to top. The top sends over the GON to the GLB.
struct Chain {
  std::vector<int> pes;
  int out_row = 0;                 // row within the tile
  int filter0 = 0;                 // first filter within the tile
  int filters = 0;
  bool psums_from_glb = false;     // the bottom PE adds psums read from the GLB
};

struct PassPlan {
  int images = 0;
  int out_cols = 0;                // F: output columns per row
  int taps = 0;                    // S
  std::vector<int> columns;        // padded input columns the PEs need, ascending
  std::vector<std::vector<int>> window;  // window[f][s]: index into `columns`
  std::vector<PePlan> pes;
  std::vector<RowStream> row_streams;
  std::vector<FilterStream> filter_streams;
  std::vector<Chain> chains;
  bool final_psums = false;        // the chains produce finished ofmaps
};

class PassPlanner {
 public:
  virtual ~PassPlanner() = default;
  virtual PassPlan plan(const Tile& tile, const ChannelBlock& block,
                        const PassSlice& pass) const = 0;
};

struct Schedule {
  LayerShape shape;
  Mapping mapping;
  std::vector<Tile> tiles;
  int glb_ifmap_banks = 0;  // the layer's split of the GLB banks
  int glb_psum_banks = 0;
  int active_pes = 0;       // PEs a full pass uses
  std::shared_ptr<const PassPlanner> planner;
};

}  // namespace accelsim
