#pragma once
// One layer of a network, in the notation of the Eyeriss papers:
//   C input channels, H x W input (unpadded), M output channels (filters),
//   R x S kernel, E x F output, U stride, G groups.
// Output sizes, MACs and weights are derived, never typed in (layer_shapes.h).

#include <cstdint>
#include <string>
#include <vector>

namespace accelsim {

// conv, fc and matmul have MACs; the others move or combine data (workloads/README.md).
// `activation` is a standalone activation that could not be folded into its producer;
// `input` is an extra network input with its own shape (independent layers, as in a
// SCALE-Sim topology).
enum class LayerType { conv, fc, pool, add, concat, mul, shuffle, matmul, slice, activation, input };

const char* layer_type_name(LayerType type);
const std::vector<std::string>& layer_type_names();

// The function a layer applies to its output (issue 11 gives it its semantics on the
// chip's write-back path). softmax normalizes over the channels of each pixel (over
// each head's channels for a matmul with heads).
enum class Activation { none, relu, relu6, sigmoid, tanh, gelu, hardswish, hardsigmoid, silu,
                        softmax };

const char* activation_name(Activation activation);
const std::vector<std::string>& activation_names();
// True for the types whose output may carry an activation.
bool takes_activation(LayerType type);

enum class PoolOp { max, avg };

struct Layer {
  std::string name;
  LayerType type = LayerType::conv;
  std::vector<std::string> inputs;  // producer layers; empty = the network input
  Activation activation = Activation::none;

  int C = 0, H = 0, W = 0;  // input channels (all groups), input height, width
  int M = 0;                // output channels
  int R = 1, S = 1;         // kernel height, width
  int stride_h = 1, stride_w = 1;
  int pad_h = 0, pad_w = 0;
  int dilation_h = 1, dilation_w = 1;
  int groups = 1;           // conv groups; matmul heads; shuffle groups
  int E = 0, F = 0;         // output height, width (derived)

  // Pooling.
  PoolOp pool_op = PoolOp::max;
  bool ceil_mode = false;    // round the output size up
  bool global_pool = false;  // the kernel covers the whole input, whatever its size
  // matmul with two inputs: b is stored N x K (N rows, K channels per head) and used
  // transposed (Q x K^T).
  bool transpose_b = false;
  // slice: the first channel / row taken and how many (count 0 = all of them).
  int slice_channel = 0, slice_channels = 0, slice_row = 0, slice_rows = 0;
  // conv, fc, matmul: the layer whose weights this one uses (a recurrent network's
  // time steps); its weights are counted once, in that layer.
  std::string weights_from;

  bool has_macs() const {
    return type == LayerType::conv || type == LayerType::fc || type == LayerType::matmul;
  }
  // A matmul of two activations: its second operand plays the filters.
  bool weights_from_activation() const {
    return type == LayerType::matmul && inputs.size() == 2;
  }
  int channels_per_group() const { return C / groups; }
  int filters_per_group() const { return M / groups; }
  int padded_height() const { return H + 2 * pad_h; }
  int padded_width() const { return W + 2 * pad_w; }
  int dilated_kernel_height() const { return dilation_h * (R - 1) + 1; }
  int dilated_kernel_width() const { return dilation_w * (S - 1) + 1; }

  // Per image; zero for layers without MACs. weights() counts parameters: zero for a
  // matmul of two activations, whose "filters" are its second input.
  int64_t macs() const;
  int64_t weights() const;
  int64_t input_words() const { return int64_t(C) * H * W; }
  int64_t output_words() const { return int64_t(M) * E * F; }
};

// Output extent of a sliding window: floor((in + 2 pad - dilated kernel) / stride) + 1,
// or rounded up when `ceil_mode`. Returns <= 0 when the window does not fit.
int window_output_size(int in, int pad, int dilated_kernel, int stride, bool ceil_mode);

}  // namespace accelsim
