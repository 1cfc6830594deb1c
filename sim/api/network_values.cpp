#include "sim/api/network_values.h"

#include <algorithm>
#include <cmath>

#include "sim/api/activation_matmul.h"
#include "sim/api/move_layers.h"
#include "sim/api/simulate.h"
#include "sim/engine/data/reference_convolution.h"
#include "sim/values/image_input.h"
#include "sim/values/layer_ops.h"

namespace accelsim {

unsigned long long salt_of(const std::string& name) {
  unsigned long long hash = 1469598103934665603ULL;
  for (unsigned char c : name) hash = (hash ^ c) * 1099511628211ULL;
  return hash;
}

std::vector<int16_t> generate_weights(const LayerShape& shape, int amplitude,
                                      unsigned long long seed, unsigned long long salt) {
  // SplitMix64, as generate_layer_data draws (a different stream: the salt is negated).
  unsigned long long state = seed * 0x9E3779B97F4A7C15ULL + ~salt;
  const auto next = [&state] {
    unsigned long long z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  };
  std::vector<int16_t> weights(size_t(shape.groups) * shape.M * shape.C * shape.R * shape.S);
  // Two weights per draw, each from 32 random bits scaled to the span by a multiply
  // (no division: the weights of VGG-16's fc layers are 124 M draws, twice per run).
  const unsigned long long span = 2ULL * unsigned(amplitude) + 1;
  const auto scaled = [&](unsigned long long bits32) {
    return int16_t(int((bits32 * span) >> 32) - amplitude);
  };
  size_t i = 0;
  for (; i + 1 < weights.size(); i += 2) {
    const unsigned long long bits = next();
    weights[i] = scaled(bits >> 32);
    weights[i + 1] = scaled(bits & 0xFFFFFFFFULL);
  }
  if (i < weights.size()) weights[i] = scaled(next() >> 32);
  return weights;
}

LayerData chained_layer_data(const Layer& layer, const LayerShape& shape,
                             const ChainedLayer& chained, unsigned long long seed,
                             unsigned long long salt) {
  const LayerData* given = chained.given.get();
  LayerData data;
  data.shape = shape;
  // if/else, not ?: (a const lvalue and a prvalue make a const prvalue, so the
  // generated weights, 205 MB for VGG-16's fc6, would be copied instead of moved).
  if (given && !given->weights.empty()) {
    data.weights = given->weights;
  } else {
    data.weights = generate_weights(shape, chained.weight_amplitude, seed, salt);
  }
  data.ifmap = given && !given->ifmap.empty() ? given->ifmap : chained.input->values;
  data.bias = chained.bias;
  data.activation = layer.activation;
  data.product_shift = chained.product_shift;
  return data;
}

int range_product_shift(long long largest_exact_sum) {
  int shift = 0;
  while (shift < kMaxProductShift && (largest_exact_sum >> shift) >= kRangeLimit) ++shift;
  return shift;
}

int initializer_amplitude(long long fan_in) {
  const double a = 16384.0 * std::sqrt(6.0 / double(std::max(1LL, fan_in)));
  return int(std::min(32767L, std::max(1L, std::lround(a))));
}

namespace {

ValueStats measure(const Layer& layer, const Tensor& out) {
  ValueStats stats;
  stats.layer = layer.name;
  stats.type = layer_type_name(layer.type);
  if (out.values.empty()) return stats;
  long long zeros = 0;
  double squares = 0;
  int low = 32767, high = -32768;
  for (int16_t value : out.values) {
    zeros += value == 0;
    squares += double(value) * value;
    low = std::min<int>(low, value);
    high = std::max<int>(high, value);
  }
  stats.zero_fraction = double(zeros) / double(out.values.size());
  stats.rms = std::sqrt(squares / double(out.values.size()));
  stats.min_value = low;
  stats.max_value = high;
  return stats;
}

// The taps of a window that fall on real input rather than padding, averaged over the
// outputs of one dimension.
double real_taps(int outputs, int kernel, int stride, int dilation, int pad, int real) {
  long long taps = 0;
  for (int o = 0; o < outputs; ++o) {
    for (int k = 0; k < kernel; ++k) {
      const int at = o * stride + k * dilation - pad;
      taps += at >= 0 && at < real;
    }
  }
  return double(taps) / outputs;
}

// The products of one sum that can be nonzero: channels x real taps.
double real_fan_in(const LayerShape& s) {
  return s.C * real_taps(s.E, s.R, s.stride_h, s.dilation_h, s.pad_h, s.H - 2 * s.pad_h) *
         real_taps(s.F, s.S, s.stride_w, s.dilation_w, s.pad_w, s.W - 2 * s.pad_w);
}

// The fraction of zeros in the ifmap the layer runs on (given, or its producer's).
double zero_fraction(const ChainedLayer& chained, const Tensor& input) {
  const bool ifmap_given = chained.given && !chained.given->ifmap.empty();
  const std::vector<int16_t>& ifmap = ifmap_given ? chained.given->ifmap : input.values;
  const long long zeros = std::count(ifmap.begin(), ifmap.end(), int16_t(0));
  return ifmap.empty() ? 0 : double(zeros) / double(ifmap.size());
}

// Cancels the truncation's expected loss: half an LSB per nonzero product.
std::vector<int16_t> truncation_bias(const LayerShape& shape, double input_zero_fraction,
                                     int amplitude) {
  const double nonzero_weights = 1 - 1.0 / (2.0 * amplitude + 1);
  const double loss = 0.5 * real_fan_in(shape) * (1 - input_zero_fraction) * nonzero_weights;
  const auto value = int16_t(std::clamp(std::lround(loss), 0L, 32767L));
  return std::vector<int16_t>(size_t(shape.groups) * shape.M, value);
}

class FunctionalPass {
 public:
  FunctionalPass(const Network& network, const ValueOptions& options)
      : network_(network), options_(options) {}

  NetworkValues run(const std::vector<const Layer*>& selected) {
    size_t last = 0;
    for (size_t i = 0; i < network_.layers.size(); ++i) {
      for (const Layer* layer : selected) last = &network_.layers[i] == layer ? i : last;
      for (const auto& input : network_.layers[i].inputs) last_use_[input] = i;
    }
    for (size_t i = 0; i <= last && i < network_.layers.size(); ++i) {
      const Layer& layer = network_.layers[i];
      const bool wanted = std::find(selected.begin(), selected.end(), &layer) != selected.end();
      amplitude_ = 0;
      add_shift_ = 0;
      product_shift_ = -1;
      auto out = compute(layer, wanted);
      if (out) {
        ValueStats stats = measure(layer, *out);
        stats.weight_amplitude = amplitude_;
        stats.add_shift_bits = add_shift_;
        stats.product_shift = product_shift_;
        values_.stats.push_back(stats);
      }
      tensors_[layer.name] = std::move(out);
      forget_inputs_done_at(i);
    }
    return std::move(values_);
  }

 private:
  std::shared_ptr<const Tensor> input_of(const std::string& name) {
    if (name.empty() || name == "input") {
      if (!image_) {
        const RgbImage photo = read_ppm(options_.image_path.empty() ? default_image_path()
                                                                   : options_.image_path);
        image_ = std::make_shared<const Tensor>(image_tensor(
            photo, options_.batch, network_.input_channels, network_.input_height,
            network_.input_width));
      }
      return image_;
    }
    const auto found = tensors_.find(name);
    return found == tensors_.end() ? nullptr : found->second;
  }

  std::shared_ptr<const Tensor> compute(const Layer& layer, bool wanted) {
    std::vector<std::shared_ptr<const Tensor>> in;
    for (const auto& name : layer.inputs) in.push_back(input_of(name));
    if (layer.inputs.empty() && layer.type != LayerType::input) in.push_back(input_of(""));
    for (const auto& tensor : in) {
      if (!tensor) return nullptr;
    }
    std::vector<const Tensor*> raw;
    for (const auto& tensor : in) raw.push_back(tensor.get());
    const bool moved = moves_feature_maps(layer);
    if (wanted && moved) values_.layers[layer.name].operands = in;  // simulated: moves
    switch (layer.type) {
      case LayerType::conv:
      case LayerType::fc:
      case LayerType::matmul:
        if (layer.weights_from_activation()) return multiply_activations(layer, in[0], *in[1], wanted);
        return convolve(layer, in[0], wanted);
      case LayerType::pool:
        if (wanted) values_.layers[layer.name].input = in[0];  // run on the array
        if (layer.pool_op == PoolOp::avg) product_shift_ = avg_pool_shift(layer.R * layer.S);
        return std::make_shared<const Tensor>(pool(layer, *in[0]));
      case LayerType::add: {
        int shift = 0;
        auto out = std::make_shared<const Tensor>(add(layer, raw, shift));
        add_shift_ = shift;
        return out;
      }
      case LayerType::concat: return std::make_shared<const Tensor>(concat(layer, raw));
      case LayerType::mul: return std::make_shared<const Tensor>(multiply(layer, *in[0], *in[1]));
      case LayerType::shuffle: return std::make_shared<const Tensor>(shuffle(layer, *in[0]));
      case LayerType::slice: return std::make_shared<const Tensor>(slice(layer, *in[0]));
      case LayerType::activation: {
        Tensor out = *in[0];
        apply_activation(layer.activation, out);
        return std::make_shared<const Tensor>(std::move(out));
      }
      case LayerType::input: {
        const RgbImage photo = read_ppm(options_.image_path.empty() ? default_image_path()
                                                                   : options_.image_path);
        return std::make_shared<const Tensor>(
            image_tensor(photo, options_.batch, layer.M, layer.E, layer.F));
      }
    }
    return nullptr;
  }

  std::shared_ptr<const Tensor> convolve(const Layer& layer, std::shared_ptr<const Tensor> input,
                                         bool wanted);
  std::shared_ptr<const Tensor> multiply_activations(const Layer& layer,
                                                     std::shared_ptr<const Tensor> a,
                                                     const Tensor& b, bool wanted);

  void forget_inputs_done_at(size_t index) {
    for (auto it = tensors_.begin(); it != tensors_.end();) {
      const auto use = last_use_.find(it->first);
      const bool done = use == last_use_.end() || use->second <= index;
      it = done ? tensors_.erase(it) : std::next(it);
    }
  }

  const Network& network_;
  const ValueOptions& options_;
  NetworkValues values_;
  std::shared_ptr<const Tensor> image_;
  std::map<std::string, std::shared_ptr<const Tensor>> tensors_;
  std::map<std::string, size_t> last_use_;
  int amplitude_ = 0;  // of the layer being computed, for its stats
  int add_shift_ = 0;
  int product_shift_ = -1;
};

std::shared_ptr<const Tensor> FunctionalPass::convolve(const Layer& layer,
                                                       std::shared_ptr<const Tensor> input,
                                                       bool wanted) {
  const LayerShape shape = layer_shape(layer, options_.batch);
  ChainedLayer chained;
  chained.input = input;
  if (!options_.data_folder.empty()) {
    auto given = std::make_shared<LayerData>();
    given->shape = shape;
    load_layer_data(options_.data_folder, layer.name, *given);
    if (!given->weights.empty() || !given->ifmap.empty()) chained.given = given;
  }
  const bool weights_given = chained.given && !chained.given->weights.empty();
  if (!weights_given) {
    chained.weight_amplitude = initializer_amplitude(1LL * shape.C * shape.R * shape.S);
    chained.bias = truncation_bias(shape, zero_fraction(chained, *input), chained.weight_amplitude);
  }
  LayerData data = chained_layer_data(layer, shape, chained, options_.seed, salt_of(layer.name));
  chained.product_shift = data.product_shift = range_product_shift(largest_exact_sum(data));
  Tensor out(options_.batch, layer.M, layer.E, layer.F);
  out.values = reference_convolution(data);
  if (layer.activation == Activation::softmax) apply_activation(Activation::softmax, out);
  if (wanted) values_.layers[layer.name] = chained;
  amplitude_ = weights_given ? 0 : chained.weight_amplitude;
  product_shift_ = chained.product_shift;
  return std::make_shared<const Tensor>(std::move(out));
}

// The second operand plays the filters (activation_matmul.h): given to the engine
// as loaded weights are, without a bias.
std::shared_ptr<const Tensor> FunctionalPass::multiply_activations(const Layer& layer,
                                                                   std::shared_ptr<const Tensor> a,
                                                                   const Tensor& b, bool wanted) {
  const LayerShape shape = layer_shape(layer, options_.batch);
  auto filters = std::make_shared<LayerData>();
  filters->shape = shape;
  filters->weights = matmul_filters(layer, shape, b);
  ChainedLayer chained;
  chained.input = std::move(a);
  chained.given = std::move(filters);
  LayerData data = chained_layer_data(layer, shape, chained, options_.seed, salt_of(layer.name));
  // Its bits chosen from its range as a convolution's: attention scores outgrow Q8.8.
  chained.product_shift = data.product_shift = range_product_shift(largest_exact_sum(data));
  product_shift_ = chained.product_shift;
  auto out = std::make_shared<const Tensor>(activation_product(layer, data, options_.batch));
  if (wanted) values_.layers[layer.name] = std::move(chained);
  return out;
}

}  // namespace

NetworkValues compute_network_values(const Network& network,
                                     const std::vector<const Layer*>& selected,
                                     const ValueOptions& options) {
  return FunctionalPass(network, options).run(selected);
}

}  // namespace accelsim
