#pragma once
// One layer of a CNN, in the notation of the Eyeriss papers:
//   C input channels, H x W input (unpadded), M output channels (filters),
//   R x S kernel, E x F output, U stride, G groups.
// Output sizes, MACs and weights are derived, never typed in.

#include <cstdint>
#include <string>
#include <vector>

namespace accelsim {

enum class LayerType { conv, fc, pool, add, concat };

const char* layer_type_name(LayerType type);
const std::vector<std::string>& layer_type_names();

struct Layer {
  std::string name;
  LayerType type = LayerType::conv;
  std::vector<std::string> inputs;  // producer layers; empty = the network input

  int C = 0, H = 0, W = 0;  // input channels (all groups), input height, width
  int M = 0;                // output channels
  int R = 1, S = 1;         // kernel height, width
  int stride_h = 1, stride_w = 1;
  int pad_h = 0, pad_w = 0;
  int dilation_h = 1, dilation_w = 1;
  int groups = 1;
  bool ceil_mode = false;   // pooling only: round the output size up
  int E = 0, F = 0;         // output height, width (derived)

  bool has_macs() const { return type == LayerType::conv || type == LayerType::fc; }
  int channels_per_group() const { return C / groups; }
  int filters_per_group() const { return M / groups; }
  int padded_height() const { return H + 2 * pad_h; }
  int padded_width() const { return W + 2 * pad_w; }
  int dilated_kernel_height() const { return dilation_h * (R - 1) + 1; }
  int dilated_kernel_width() const { return dilation_w * (S - 1) + 1; }

  // Per image; zero for layers without MACs.
  int64_t macs() const;
  int64_t weights() const;
  int64_t input_words() const { return int64_t(C) * H * W; }
  int64_t output_words() const { return int64_t(M) * E * F; }
};

// Output extent of a sliding window: floor((in + 2 pad - dilated kernel) / stride) + 1,
// or rounded up when `ceil_mode`. Returns <= 0 when the window does not fit.
int window_output_size(int in, int pad, int dilated_kernel, int stride, bool ceil_mode);

}  // namespace accelsim
