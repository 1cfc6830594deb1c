#pragma once
// The layers between convolutions that only move feature maps: a residual add, an
// element-wise product, a concatenation, a channel shuffle, a slice and a standalone
// activation (max pooling runs on the array as a layer without filters). Their
// operands come from DRAM over the link (RLC compressed, measured on the real
// values) into the GLB; the layer's output leaves the GLB through the write-back
// stage and the RLC encoder back to DRAM. memory/feature_moves.h moves and counts
// them; the controller (systemc/controller_module.cpp) runs them chunk by chunk.

#include <cstdint>
#include <vector>

#include "workloads/layer.h"

namespace accelsim {

// add and mul combine their operands on the array; the others only copy them
// (a shuffle and a slice choose which channels go where; an activation is applied
// by the write-back stage).
enum class MoveKind { add, mul, concat, shuffle, slice, activation };

struct MoveData {
  MoveKind kind = MoveKind::add;
  int batch = 1;
  int plane = 0;                               // height x width of the output
  std::vector<int> channels;                   // per operand
  // Per operand: its height x width (a mul's per-channel factors: 1; a slice's input:
  // input_rows x the output's width). Empty: every operand has the output's plane.
  std::vector<int> planes;
  int groups = 1;  // a shuffle's
  // A slice: the first channel and row it takes and how many (its output's channels
  // and rows), and its input's rows.
  int first_channel = 0, taken_channels = 0, first_row = 0, taken_rows = 0, input_rows = 0;
  std::vector<std::vector<int16_t>> operands;  // each [n][c][h][w]
  bool compressible = true;                    // false: an operand is the raw network input
  // An add's write-back: the exact sum shifted right by `shift_bits` (the add's own
  // choice from its dynamic range, sim/values/layer_ops.h), saturated to 16 bits,
  // then the activation.
  int shift_bits = 0;
  Activation activation = Activation::none;

  int output_channels() const;
  int operand_plane(size_t operand) const { return planes.empty() ? plane : planes[operand]; }
  long long output_words() const { return 1LL * batch * output_channels() * plane; }
};

}  // namespace accelsim
