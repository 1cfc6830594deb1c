#pragma once
// A layer between convolutions that only moves feature maps (data/move_data.h) as
// the chip would run it, in chunks of whole output channels of one image that fit
// the GLB:
//   - the channels a chunk needs come from DRAM over the link into the GLB (RLC
//     compressed, so the link carries what the encoder made of the real values): an
//     add's and a mul's chunk of each operand; a slice's channels and rows only; a
//     shuffle's source channels, one read per run of consecutive channels;
//   - an add's or a mul's operands go from the GLB over the ifmap network to the PE
//     array, whose PEs add them in their psum adders or multiply them in their
//     multipliers (the GLB has no arithmetic, the PEs do) and send the results over
//     the output network to the GLB; the others compute nothing: a shuffle's
//     write-back reads the GLB's channels in the shuffled order, the others in order;
//   - the chunk's result leaves the GLB through the write-back stage (an add's
//     shift, saturation, the activation) and the RLC encoder to DRAM.
// DRAM transfers are DramCore's (their link cycles are the DRAM module's to wait);
// the array's part of an add or a mul is bound by the ifmap network, which carries
// every operand word once. Plain C++.

#include <vector>

#include "arch/arch_spec.h"
#include "sim/engine/data/move_data.h"
#include "sim/engine/memory/dram_core.h"
#include "sim/stats/access_counts.h"

namespace accelsim {

// Output channels [channel0, channel0 + channels) of one image; of operand `operand`
// for a concatenation (placed after the channels of the operands before it).
struct MoveChunk {
  int image = 0;
  int operand = 0;
  int channel0 = 0, channels = 0;
};

// One DRAM read of a chunk: channels [channel0, channel0 + channels) of an operand
// (a slice's rows of each only).
struct MoveLoad {
  int image = 0;
  int operand = 0;
  int channel0 = 0, channels = 0;
};

// The chunks in order: per image, the channels that fit the GLB at once (an add's or
// a mul's operands and its result, the others' one block; at least one channel; a
// shuffle's a multiple of its groups when it can).
std::vector<MoveChunk> move_chunks(const MoveData& data, long long glb_words);

// The chunk's DRAM reads, in order.
std::vector<MoveLoad> move_loads(const MoveData& data, const MoveChunk& chunk);

class FeatureMoves {
 public:
  FeatureMoves(const ArchSpec& arch, const MoveData& data, std::vector<int16_t>& output)
      : arch_(arch), data_(data), output_(output), dram_(arch) {}

  // How many DRAM transfers bring the chunk's operands (move_loads).
  int loads(const MoveChunk& chunk) const;
  // The chunk's `index`-th operand transfer into the GLB.
  DramTransfer load(const MoveChunk& chunk, int index, AccessCounts& counts) const;
  // The chunk's result: an add's or a mul's on the array, returning the cycles the
  // ifmap network takes; the others' in the GLB (0 cycles).
  long long combine(const MoveChunk& chunk, AccessCounts& counts);
  // The chunk's result through the write-back stage to DRAM (and into `output`).
  DramTransfer store(const MoveChunk& chunk, AccessCounts& counts);

 private:
  std::vector<int16_t> load_words(const MoveLoad& load) const;
  long long combine_on_array(const std::vector<std::vector<int16_t>>& loaded, long long words,
                             AccessCounts& counts);
  void copy_in_order(const MoveChunk& chunk, const std::vector<std::vector<int16_t>>& loaded);
  long long output_offset(const MoveChunk& chunk) const;
  const ArchSpec& arch_;
  const MoveData& data_;
  std::vector<int16_t>& output_;
  DramCore dram_;
  std::vector<int16_t> result_;  // the chunk's written values
};

}  // namespace accelsim
