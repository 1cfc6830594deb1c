#pragma once
// The layers between convolutions that only move feature maps: a residual add and a
// concatenation (max pooling runs on the array as a layer without filters). Their
// operands come from DRAM over the link (RLC compressed, measured on the real
// values) into the GLB; the layer's output leaves the GLB through the write-back
// stage and the RLC encoder back to DRAM. memory/feature_moves.h moves and counts
// them; the controller (systemc/controller_module.cpp) runs them chunk by chunk.

#include <cstdint>
#include <vector>

#include "workloads/layer.h"

namespace accelsim {

enum class MoveKind { add, concat };

struct MoveData {
  MoveKind kind = MoveKind::add;
  int batch = 1;
  int plane = 0;                               // height x width of every operand
  std::vector<int> channels;                   // per operand
  std::vector<std::vector<int16_t>> operands;  // each [n][c][h][w]
  bool compressible = true;                    // false: an operand is the raw network input
  // An add's write-back: the exact sum shifted right by `shift_bits` (the add's own
  // choice from its dynamic range, sim/values/layer_ops.h), saturated to 16 bits,
  // then the activation.
  int shift_bits = 0;
  Activation activation = Activation::none;

  int output_channels() const;
  long long output_words() const { return 1LL * batch * output_channels() * plane; }
};

}  // namespace accelsim
