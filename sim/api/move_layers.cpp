#include "sim/api/move_layers.h"

#include "sim/values/layer_ops.h"

namespace accelsim {

bool moves_feature_maps(const Layer& layer) {
  return layer.type == LayerType::add || layer.type == LayerType::concat;
}

std::vector<int> operand_channels(const Network& network, const Layer& layer) {
  std::vector<int> channels;
  for (const auto& name : layer.inputs) {
    const Layer* producer = name == "input" ? nullptr : network.find(name);
    channels.push_back(producer ? producer->M : network.input_channels);
  }
  return channels;
}

namespace {

// An operand drawn like an independent layer's ifmap: zeros at the given fraction,
// else small positive values.
std::vector<int16_t> drawn_operand(int batch, int channels, const Layer& layer,
                                   const DataOptions& options, unsigned long long salt) {
  LayerShape shape;
  shape.batch = batch;
  shape.C = channels;
  shape.H = layer.H;
  shape.W = layer.W;
  return generate_layer_data(shape, options, salt).ifmap;
}

Tensor tensor_of(const MoveData& data, size_t operand, int height, int width) {
  Tensor tensor(data.batch, data.channels[operand], height, width);
  tensor.values = data.operands[operand];
  return tensor;
}

}  // namespace

MoveData move_data(const Layer& layer, int batch, const std::vector<int>& channels,
                   const std::vector<std::shared_ptr<const Tensor>>* chained,
                   const DataOptions& options, unsigned long long salt) {
  MoveData data;
  data.kind = layer.type == LayerType::add ? MoveKind::add : MoveKind::concat;
  data.batch = batch;
  data.plane = layer.H * layer.W;
  data.channels = channels;
  data.activation = layer.activation;
  for (size_t i = 0; i < channels.size(); ++i) {
    data.operands.push_back(chained ? (*chained)[i]->values
                                    : drawn_operand(batch, channels[i], layer, options, salt + i));
    data.compressible = data.compressible && layer.inputs[i] != "input";
  }
  return data;
}

std::vector<int16_t> move_reference(const Layer& layer, MoveData& data) {
  std::vector<Tensor> tensors;
  for (size_t i = 0; i < data.operands.size(); ++i) tensors.push_back(tensor_of(data, i, layer.H, layer.W));
  std::vector<const Tensor*> in;
  for (const auto& tensor : tensors) in.push_back(&tensor);
  if (data.kind == MoveKind::concat) return concat(layer, in).values;
  return add(layer, in, data.shift_bits).values;
}

}  // namespace accelsim
