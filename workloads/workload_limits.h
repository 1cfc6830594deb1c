#pragma once
// Bounds of every workload field and derived size (workloads/README.md, "Limits").
// Chosen generously from real networks: they keep every derived count (E x F, MACs,
// weights, words times the batch) inside its integer type and one layer's data inside
// memory. The parser bounds each field where it reads it; derive_shape() bounds what
// follows from them, so a file and a resized network (--input) obey the same limits.

#include <cstdint>

namespace accelsim {

// Channels, height, width of a feature map, filters, outputs, heads, kernel, stride,
// padding:
// a 1M-token sequence, or a 1M-channel attention score map.
constexpr int64_t kMaxWorkloadExtent = int64_t(1) << 20;
// Values of one feature map (C x H x W): an 8k x 8k RGB image is 2^27.6; 512 MiB of
// int16 values that the engine generates and holds.
constexpr int64_t kMaxMapValues = int64_t(1) << 28;
// Heads of a matmul: real transformers have up to 128. A matmul of two activations
// runs heads x batch groups (sim/api/simulate.cpp), at most 2^28.
constexpr int64_t kMaxHeads = 4096;
// Dilation: real networks use 1 to 32 (DeepLab's atrous rates reach 24).
constexpr int64_t kMaxDilation = 1024;
// Parameters of one layer: GPT-3's largest matrix is 12,288 x 49,152 = 2^29.2.
constexpr int64_t kMaxLayerWeights = int64_t(1) << 32;
// MACs of one layer per image: VGG-16's conv on an 8k x 8k image is ~2^41. Times the
// largest batch (2^16, sim/api/request.h) it stays below 2^63.
constexpr int64_t kMaxLayerMacs = int64_t(1) << 46;
// Layers of one network: an unrolled recurrent network or a large transformer has
// thousands; parsing stops before spending time on more.
constexpr int64_t kMaxLayers = 10000;

}  // namespace accelsim
