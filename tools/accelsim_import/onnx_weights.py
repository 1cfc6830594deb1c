"""`accelsim-import onnx --weights DIR`: each conv/fc layer's trained weights as
DIR/<layer>_weights.npy in the `--data` layout (README.md, "Data and arithmetic"):
int16 Q8.8, shape [G*M, C, R, S] (all filters, channels per group, kernel); an fc
layer's filter covers its whole input map, [M, C, H, W]. A batch-norm that reads only
the layer's output is folded into its weights (scaled per filter), as at inference;
biases are not part of the layout."""
import os

import numpy

Q_FRACTION_BITS = 8


def folded(weights, graph, layer):
    """`weights` scaled by the batch-norm folded into `layer`, if any."""
    node = graph.batch_norms.get(layer)
    if node is None:
        return weights
    scale, _, _, var = (graph.constants[t] for t in node.input[1:5])
    epsilon = 1e-5
    for attribute in node.attribute:
        if attribute.name == 'epsilon':
            epsilon = attribute.f
    factor = scale / numpy.sqrt(var + epsilon)
    return weights * factor.reshape((-1,) + (1,) * (weights.ndim - 1))


def layout(graph, initializer, kind, input_map):
    weights = graph.constants[initializer].astype(numpy.float64)
    if kind == 'conv':
        return weights
    if kind == 'fc_kn':
        weights = weights.T
    # The fc covers the whole map it reads: [M, C*H*W] -> [M, C, H, W] in NCHW order.
    return weights.reshape((weights.shape[0],) + tuple(input_map))


def to_q88(weights):
    scaled = numpy.round(weights * (1 << Q_FRACTION_BITS))
    return numpy.clip(scaled, -32768, 32767).astype('<i2')


def write_weights(graph, folder):
    os.makedirs(folder, exist_ok=True)
    for layer, (initializer, kind, input_map) in graph.weights.items():
        weights = folded(layout(graph, initializer, kind, input_map), graph, layer)
        numpy.save(os.path.join(folder, layer + '_weights.npy'), to_q88(weights))
