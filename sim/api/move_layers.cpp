#include "sim/api/move_layers.h"

#include "sim/values/layer_ops.h"

namespace accelsim {

bool moves_feature_maps(const Layer& layer) {
  switch (layer.type) {
    case LayerType::add:
    case LayerType::mul:
    case LayerType::concat:
    case LayerType::shuffle:
    case LayerType::slice:
    case LayerType::activation: return true;
    default: return false;
  }
}

std::vector<int> operand_channels(const Network& network, const Layer& layer) {
  std::vector<int> channels;
  // A layer reading only the network input may list no producer.
  if (layer.inputs.empty()) return {network.input_channels};
  for (const auto& name : layer.inputs) {
    const Layer* producer = name == "input" ? nullptr : network.find(name);
    channels.push_back(producer ? producer->M : network.input_channels);
  }
  return channels;
}

namespace {

MoveKind move_kind(LayerType type) {
  switch (type) {
    case LayerType::add: return MoveKind::add;
    case LayerType::mul: return MoveKind::mul;
    case LayerType::shuffle: return MoveKind::shuffle;
    case LayerType::slice: return MoveKind::slice;
    case LayerType::activation: return MoveKind::activation;
    default: return MoveKind::concat;
  }
}

// An operand drawn like an independent layer's ifmap: zeros at the given fraction,
// else small positive values.
std::vector<int16_t> drawn_operand(int batch, int channels, int plane, const DataOptions& options,
                                   unsigned long long salt) {
  LayerShape shape;
  shape.batch = batch;
  shape.C = channels;
  shape.H = plane;
  shape.W = 1;
  return generate_layer_data(shape, options, salt).ifmap;
}

// Operand `operand` as layer_ops takes it: a mul's per-channel factors are C x 1 x 1,
// every other operand has the layer's input height and width.
Tensor tensor_of(const Layer& layer, const MoveData& data, size_t operand) {
  const bool factors = data.operand_plane(operand) == 1 && layer.H * layer.W != 1;
  Tensor tensor(data.batch, data.channels[operand], factors ? 1 : layer.H, factors ? 1 : layer.W);
  tensor.values = data.operands[operand];
  return tensor;
}

// Every operand has the layer's input plane (a slice's input its own rows), a
// chained mul's per-channel factors excepted (move_data reads their plane).
void set_planes(const Layer& layer, const std::vector<int>& channels, MoveData& data) {
  data.plane = layer.E * layer.F;
  data.groups = layer.groups;
  for (size_t i = 0; i < channels.size(); ++i) data.planes.push_back(layer.H * layer.W);
  if (data.kind == MoveKind::slice) {
    data.first_channel = layer.slice_channel;
    data.taken_channels = layer.M;
    data.first_row = layer.slice_rows ? layer.slice_row : 0;
    data.taken_rows = layer.E;
    data.input_rows = layer.H;
  }
}

}  // namespace

MoveData move_data(const Layer& layer, int batch, const std::vector<int>& channels,
                   const std::vector<std::shared_ptr<const Tensor>>* chained,
                   const DataOptions& options, unsigned long long salt) {
  MoveData data;
  data.kind = move_kind(layer.type);
  data.batch = batch;
  data.channels = channels;
  data.activation = layer.activation;
  set_planes(layer, channels, data);
  for (size_t i = 0; i < channels.size(); ++i) {
    if (chained) data.planes[i] = int((*chained)[i]->plane());
    data.operands.push_back(chained ? (*chained)[i]->values
                                    : drawn_operand(batch, channels[i], data.planes[i], options, salt + i));
    data.compressible = data.compressible && i < layer.inputs.size() && layer.inputs[i] != "input";
  }
  return data;
}

std::vector<int16_t> move_reference(const Layer& layer, MoveData& data) {
  std::vector<Tensor> tensors;
  for (size_t i = 0; i < data.operands.size(); ++i) tensors.push_back(tensor_of(layer, data, i));
  std::vector<const Tensor*> in;
  for (const auto& tensor : tensors) in.push_back(&tensor);
  switch (data.kind) {
    case MoveKind::add: return add(layer, in, data.shift_bits).values;
    case MoveKind::mul: return multiply(layer, *in[0], *in[1]).values;
    case MoveKind::concat: return concat(layer, in).values;
    case MoveKind::shuffle: return shuffle(layer, *in[0]).values;
    case MoveKind::slice: return slice(layer, *in[0]).values;
    case MoveKind::activation: break;
  }
  Tensor out = tensors[0];
  apply_activation(layer.activation, out);
  return out.values;
}

}  // namespace accelsim
