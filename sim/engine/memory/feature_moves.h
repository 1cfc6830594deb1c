#pragma once
// A residual add or a concatenation (data/move_data.h) as the chip would run it, in
// chunks of whole channels of one image that fit the GLB:
//   - each operand's chunk comes from DRAM over the link into the GLB (RLC
//     compressed, so the link carries what the encoder made of the real values);
//   - an add's operands go from the GLB over the ifmap network to the PE array,
//     whose PEs add them in their psum adders (the GLB has no arithmetic, the PEs
//     do) and send the sums over the output network to the GLB; a concatenation
//     computes nothing: its chunks are copied out where the output wants them;
//   - the chunk's result leaves the GLB through the write-back stage (an add's
//     shift, saturation and activation) and the RLC encoder to DRAM.
// DRAM transfers are DramCore's (their link cycles are the DRAM module's to wait);
// the array's part of an add is bound by the ifmap network, which carries every
// operand word once. Plain C++.

#include <vector>

#include "arch/arch_spec.h"
#include "sim/engine/data/move_data.h"
#include "sim/engine/memory/dram_core.h"
#include "sim/stats/access_counts.h"

namespace accelsim {

// Channels [channel0, channel0 + channels) of one image: of operand `operand` for a
// concatenation, of every operand (and of the sum) for an add.
struct MoveChunk {
  int image = 0;
  int operand = 0;
  int channel0 = 0, channels = 0;
};

// The chunks in order: per image, the channels that fit the GLB at once (an add's
// operands and its sum, a concatenation's one block; at least one channel).
std::vector<MoveChunk> move_chunks(const MoveData& data, long long glb_words);

class FeatureMoves {
 public:
  FeatureMoves(const ArchSpec& arch, const MoveData& data, std::vector<int16_t>& output)
      : arch_(arch), data_(data), output_(output), dram_(arch) {}

  // How many DRAM transfers bring the chunk's operands (an add: one per operand).
  int loads(const MoveChunk& chunk) const;
  // The chunk's `index`-th operand transfer into the GLB.
  DramTransfer load(const MoveChunk& chunk, int index, AccessCounts& counts) const;
  // An add's sums on the array; returns the cycles the ifmap network takes (0 for a
  // concatenation).
  long long combine(const MoveChunk& chunk, AccessCounts& counts);
  // The chunk's result through the write-back stage to DRAM (and into `output`).
  DramTransfer store(const MoveChunk& chunk, AccessCounts& counts);

 private:
  std::vector<int16_t> operand_words(int operand, const MoveChunk& chunk) const;
  long long output_offset(const MoveChunk& chunk) const;
  const ArchSpec& arch_;
  const MoveData& data_;
  std::vector<int16_t>& output_;
  DramCore dram_;
  std::vector<int16_t> result_;  // the chunk's written values
};

}  // namespace accelsim
