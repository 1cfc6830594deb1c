#pragma once
// The chained data model (the default): every layer runs on the values its
// producers really output. A functional pass over the network, the reference path
// with no simulation, computes them in network order from a real image:
// convolutions and fc layers by reference_convolution (bias and activation as the
// write-back stage applies them), the layers between them by sim/values/layer_ops.h.
// It runs in the parent process before any child is forked, so `-j N` equals `-j 1`,
// and it computes a selected layer's predecessors even when they are not simulated.
//
// Range control is the chip's: each conv/fc layer keeps product bits s..s+15
// (fixed_point.h), s "decided by the dynamic range of a layer from offline
// experiments" (JSSC 2017). The offline experiment is this pass: the layer's exact
// sums on its real input (largest_exact_sum, reference_convolution.h) choose the
// smallest s that keeps their largest magnitude under kRangeLimit (2^14, half the
// 16-bit range: room for the truncation's drift and the bias), so outputs neither
// wrap nor vanish however the range grows or shrinks through the network.
// Generated weights have one fixed rule, not calibrated to the data: He-uniform
// (uniform in [-a, a], a = sqrt(6 / fan_in) in Q2.14 words, i.e. 2^14 sqrt(6 /
// fan_in), fan_in = C x R x S of a filter, capped at 2^15 - 1 for fan-ins under 3):
// 9 to 14 bits of the word for the built-in networks' fan-ins. With Q2.14 rather
// than Q1.15 a layer fed by an output of the same range needs s near 14-15, which
// leaves the 0..16 range a bit or two of headroom above it.
// Each filter's bias cancels the truncation's expected loss (half an LSB for every
// nonzero product). Loaded weights (--data) are used as given, without a bias, and
// get their shift the same way. Average pools use their own fixed shift
// (sim/values/layer_ops.h); adds shift their sums in layer_ops' add.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/engine/data/layer_data.h"
#include "sim/values/tensor.h"
#include "workloads/network.h"

namespace accelsim {

constexpr long long kRangeLimit = 1LL << 14;

// What the functional pass measured of one layer's output (every layer it computes).
struct ValueStats {
  std::string layer;
  std::string type;
  double zero_fraction = 0;
  int min_value = 0, max_value = 0;
  double rms = 0;
  int weight_amplitude = 0;  // conv/fc/matmul with generated weights: a
  int add_shift_bits = 0;    // add: the bits its sum was shifted right
  int product_shift = -1;    // conv/fc/matmul, average pool: s; -1: no products
};

// A simulated layer's data in the chained model.
struct ChainedLayer {
  std::shared_ptr<const Tensor> input;  // its ifmap
  std::vector<std::shared_ptr<const Tensor>> operands;  // an add's or a concat's inputs
  int weight_amplitude = 127;
  int product_shift = kFractionBits;
  std::vector<int16_t> bias;
  // Weights (and maybe ifmap) read from --data; a matmul of two activations: its
  // second operand as weights.
  std::shared_ptr<const LayerData> given;
};

struct NetworkValues {
  std::map<std::string, ChainedLayer> layers;  // the selected layers it could feed
  std::vector<ValueStats> stats;               // network order
};

struct ValueOptions {
  int batch = 1;
  unsigned long long seed = 0;
  std::string image_path;   // empty: default_image_path()
  std::string data_folder;  // .npy weights (and ifmaps) replacing generated ones
};

// Computes every layer up to the last selected one, a matmul of two activations
// included (activation_matmul.h: its second operand is given as its weights). A
// layer whose values it cannot compute and those reading it are left out: they run
// on generated data, as in the independent model.
NetworkValues compute_network_values(const Network& network,
                                     const std::vector<const Layer*>& selected,
                                     const ValueOptions& options);

// The engine's data for a selected layer: its chained input, weights generated from
// the seed (or given), bias and activation.
LayerData chained_layer_data(const Layer& layer, const LayerShape& shape,
                             const ChainedLayer& chained, unsigned long long seed,
                             unsigned long long salt);

// The product shift that keeps the largest exact sum under kRangeLimit (0 to 16).
int range_product_shift(long long largest_exact_sum);

// The generated weights' amplitude for filters of `fan_in` words (He-uniform, Q2.14).
int initializer_amplitude(long long fan_in);

// Uniform integers in [-amplitude, amplitude], [g*M + m][c][r][s], from the seed.
std::vector<int16_t> generate_weights(const LayerShape& shape, int amplitude,
                                      unsigned long long seed, unsigned long long salt);

// A stable per-layer salt so a layer's data do not depend on which others run.
unsigned long long salt_of(const std::string& name);

}  // namespace accelsim
