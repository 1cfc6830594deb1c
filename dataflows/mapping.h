#pragma once
// A mapping: how one layer's loops are spread over the PE array, its scratchpads
// and the GLB. Dataflow-neutral: a dataflow name plus its named integer
// parameters (row stationary: m n e p q r t). Each dataflow reads its own.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace accelsim {

struct Mapping {
  std::string dataflow;  // "rs", "ws", ...
  std::vector<std::pair<std::string, int>> params;

  // The parameter's value; throws std::out_of_range when it is missing.
  int get(std::string_view name) const;
  bool has(std::string_view name) const;
  std::string describe() const;  // "m=96 n=1 e=7 p=16 q=1 r=1 t=2"
  bool operator==(const Mapping& o) const {
    return dataflow == o.dataflow && params == o.params;
  }
};

// What a PE does with each ifmap word: a MAC with a weight, or (pooling, no
// weights: ISCA 2016 runs it in the same 1-D primitive) the running maximum.
enum class PeOp { mac, max };

// The shape of one layer as a dataflow sees it: one group's convolution, repeated
// `groups` times, over `batch` images. A max pooling layer is one whose images are
// the input's channels (C = M = 1, batch = images x channels), whose PEs take the
// maximum and which has no filters: macs() then counts its comparisons.
struct LayerShape {
  int batch = 1;    // N
  int groups = 1;   // G
  int C = 0;        // input channels per group
  int M = 0;        // filters per group
  int H = 0, W = 0;  // padded input
  int R = 0, S = 0;  // kernel
  int E = 0, F = 0;  // output
  int stride_h = 1, stride_w = 1;
  int dilation_h = 1, dilation_w = 1;
  int pad_h = 0, pad_w = 0;
  bool input_compressible = true;  // false for the network's first layer (raw image)
  PeOp op = PeOp::mac;

  bool has_filters() const { return op == PeOp::mac; }

  long long macs() const {
    return 1LL * batch * groups * M * C * R * S * E * F;
  }
  bool operator==(const LayerShape& o) const {
    return batch == o.batch && groups == o.groups && C == o.C && M == o.M && H == o.H &&
           W == o.W && R == o.R && S == o.S && E == o.E && F == o.F && stride_h == o.stride_h &&
           stride_w == o.stride_w && dilation_h == o.dilation_h && dilation_w == o.dilation_w &&
           pad_h == o.pad_h && pad_w == o.pad_w && input_compressible == o.input_compressible &&
           op == o.op;
  }
  // Input rows (padded) that `out_rows` consecutive output rows need.
  int input_rows_for(int out_rows) const { return (out_rows - 1) * stride_h + (R - 1) * dilation_h + 1; }
};

}  // namespace accelsim
