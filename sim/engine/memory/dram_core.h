#pragma once
// DRAM and its link: moves real values between the layer's tensors and the GLB or
// the filter buffer, and says how many link cycles each transfer takes. Feature
// maps are run-length compressed when the spec says so (all but the network's
// first input); filters never are. Plain C++: the SystemC DRAM module turns link
// cycles into time in the link's own clock domain.

#include <cstdint>
#include <vector>

#include "arch/arch_spec.h"
#include "dataflows/schedule.h"
#include "sim/engine/data/layer_data.h"
#include "sim/engine/memory/glb_core.h"
#include "sim/stats/access_counts.h"

namespace accelsim {

struct DramTransfer {
  long long dram_words = 0;   // DRAM accesses, in words (compressed size when compressed)
  long long link_cycles = 0;  // latency + beats on the link
  long long raw_words = 0;    // the values moved, uncompressed (the compression's baseline)
};

class DramCore {
 public:
  explicit DramCore(const ArchSpec& arch) : arch_(arch) {}

  // Fills the GLB's ifmap block (padded rows of the block's channels, the tile's
  // images and output rows) from the layer's input.
  DramTransfer load_ifmap_block(const LayerData& data, const Tile& tile,
                                const ChannelBlock& block, GlbCore& glb, AccessCounts& counts) const;
  // Gathers one pass's weights in filter-stream order.
  DramTransfer load_filters(const LayerData& data, const Tile& tile, const PassPlan& plan,
                            std::vector<int16_t>& staged, AccessCounts& counts) const;
  // Writes the tile's finished ofmaps from the GLB into `output`
  // ([n][g*M + m][e][f]) through the write-back stage of `write_back` (bias and
  // activation, LayerData::written_value; none when null): the RLC encoder
  // compresses what that stage writes.
  DramTransfer store_ofmaps(const LayerShape& shape, const Tile& tile, const GlbCore& glb,
                            std::vector<int16_t>& output, AccessCounts& counts,
                            const LayerData* write_back = nullptr) const;
  // A layer that only moves feature maps (memory/feature_moves.h): words read from
  // DRAM into the GLB (RLC compressed when `compress`), and words written from the
  // GLB to DRAM (always compressed, as every ofmap).
  DramTransfer load_feature_words(const std::vector<int16_t>& values, bool compress,
                                  AccessCounts& counts) const;
  DramTransfer store_feature_words(const std::vector<int16_t>& values, AccessCounts& counts) const;

  // One transfer of `values` in DRAM order: its words (RLC-compressed when
  // `compress` and the spec compresses) and link cycles.
  DramTransfer transfer(const std::vector<int16_t>& values, bool compress) const;

 private:
  const ArchSpec& arch_;
};

}  // namespace accelsim
