"""`accelsim-import onnx MODEL.onnx`: an ONNX graph as a workload (shapes from
onnx.shape_inference), optionally with its trained weights in the `--data` layout."""
import os

from .workload import ImportFailure, Workload, conv_keys, window_keys

ACTIVATIONS = {'Relu': 'relu', 'Sigmoid': 'sigmoid', 'Tanh': 'tanh', 'HardSwish': 'hardswish',
               'HardSigmoid': 'hardsigmoid', 'Softmax': 'softmax', 'Gelu': 'gelu'}
NO_OPS = {'Dropout', 'Identity', 'Flatten'}
# Ops whose outputs are sizes, not activations.
SIZE_OPS = {'Shape', 'Size'}

NOTES = ('Imported from an ONNX graph. Batch-norm, dropout and flatten are written as in the '
         'graph (batch-norm is folded at inference, dropout and flatten do nothing) and '
         'activations are folded into their producers by the workload parser where they can '
         'be (workloads/README.md). Biases are not part of the workload.')


def attributes(node):
    import onnx
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def scope_name(node):
    """'/layer1/layer1.0/conv1/Conv' -> 'layer1.0.conv1': torch's export scopes name each
    module by its attribute, or by its qualified name below a Sequential."""
    parts = [p for p in node.name.split('/') if p][:-1]
    if not parts:
        return node.name or node.output[0]
    name = parts[-1]
    for outer in reversed(parts[:-1]):
        if name.startswith(outer + '.') or name == outer:
            break
        name = outer + '.' + name
    return name


def symmetric(pads, what):
    """ONNX pads [top, left, bottom, right] as one (height, width) padding."""
    if not pads:
        return (0, 0)
    half = len(pads) // 2
    begin, end = list(pads[:half]), list(pads[half:])
    if begin != end:
        raise ImportFailure('%s pads %s unevenly (begin %s, end %s); a workload pads both sides '
                            'alike' % (what, list(pads), begin, end))
    return tuple(begin)


class OnnxGraph:
    """Walks the nodes in order, following every activation tensor to its layer."""

    def __init__(self, model, name):
        import onnx
        from onnx import numpy_helper
        self.graph = model.graph
        self.constants = {t.name: numpy_helper.to_array(t) for t in self.graph.initializer}
        self.shapes = {}
        for info in list(self.graph.value_info) + list(self.graph.input) + list(self.graph.output):
            dims = info.type.tensor_type.shape.dim
            self.shapes[info.name] = [d.dim_value if d.HasField('dim_value') else 0 for d in dims]
        inputs = [i for i in self.graph.input if i.name not in self.constants]
        if len(inputs) != 1 or len(self.shapes[inputs[0].name]) != 4:
            raise ImportFailure('the graph has %d inputs, expected one image [N, C, H, W]'
                                % len(inputs))
        _, channels, height, width = self.shapes[inputs[0].name]
        if not (channels and height and width):
            raise ImportFailure('the input %s has no fixed C x H x W' % inputs[0].name)
        self.workload = Workload(name, channels, height, width)
        self.producers = {inputs[0].name: 'input'}  # tensor -> layer name
        self.layer_shapes = {'input': (channels, height, width)}  # layer -> its output map
        self.above = 'input'
        self.shuffles = {}   # tensor -> (producer, groups, stage)
        self.pads = {}       # tensor -> (height, width) padding a Pad node left for its reader
        self.weights = {}    # layer name -> (initializer, kind, input tensor) for --weights
        self.batch_norms = {}  # producer layer -> BatchNormalization node folded into it
        self.onnx = onnx

    def shape(self, tensor):
        if tensor not in self.shapes:
            raise ImportFailure("tensor '%s' has no shape after shape inference" % tensor)
        return self.shapes[tensor]

    def add(self, node, type_, base=None, **keys):
        base = base or scope_name(node)
        source = keys.pop('source', None)
        if source is not None and source != self.above:
            keys['input_'] = source
        name = self.workload.add(base, type_, **keys)
        self.producers[node.output[0]] = name
        self.above = name
        self.layer_shapes[name] = self.map_of(node.output[0])
        return name

    def map_of(self, tensor):
        """(C, H, W) of an activation: [N, C, H, W] or [N, F]."""
        shape = self.shape(tensor)
        return tuple(shape[1:4]) if len(shape) == 4 else (shape[1], 1, 1)

    def source(self, node, index=0):
        tensor = node.input[index]
        if tensor not in self.producers:
            raise ImportFailure("node '%s' (%s) reads '%s', which no layer produced (a constant "
                                'or a parameter)' % (node.name, node.op_type, tensor))
        return self.producers[tensor]

    def alias(self, node):
        self.producers[node.output[0]] = self.source(node)

    def walk(self):
        for node in self.graph.node:
            data = [t for t in node.input if t in self.producers or t in self.shuffles]
            if node.op_type == 'Constant':
                self.constants[node.output[0]] = self.onnx.numpy_helper.to_array(
                    attributes(node)['value'])
            elif data and node.op_type not in SIZE_OPS:
                self.visit(node)
        return self.workload

    def visit(self, node):
        op = node.op_type
        if any(t in self.pads for t in node.input) and op not in ('Conv', 'MaxPool', 'AveragePool'):
            raise ImportFailure("node '%s' (%s) reads a padded map; a workload pads inside its "
                                'conv and pool layers only' % (node.name, op))
        if node.input[0] in self.shuffles or (op == 'Reshape' and len(self.shape(node.output[0])) == 5):
            return self.follow_shuffle(node)
        if op in NO_OPS or op == 'Reshape' and len(self.shape(node.output[0])) == 2:
            return self.alias(node)
        if op == 'BatchNormalization':
            producer = self.source(node)
            self.batch_norms[producer] = node
            self.add(node, 'batchnorm', source=producer)
            self.producers[node.output[0]] = producer
            self.above = producer
            return None
        if op in ACTIVATIONS or op == 'Clip' and self.is_relu6(node):
            if op == 'Softmax' and attributes(node).get('axis', -1) not in (1, -1):
                raise ImportFailure("node '%s' (Softmax) normalizes axis %s, expected the channels"
                                    % (node.name, attributes(node).get('axis')))
            return self.add(node, ACTIVATIONS.get(op, 'relu6'), source=self.source(node))
        handler = getattr(self, 'visit_' + op.lower(), None)
        if handler is None:
            raise ImportFailure("cannot express node '%s' (%s)" % (node.name, op))
        return handler(node)

    def is_relu6(self, node):
        bounds = [self.constants.get(t) for t in node.input[1:3]]
        return len(bounds) == 2 and all(b is not None for b in bounds) and \
            float(bounds[0]) == 0.0 and float(bounds[1]) == 6.0

    def weight_base(self, node, index=1):
        weight = node.input[index]
        return weight[:-len('.weight')] if weight.endswith('.weight') else scope_name(node)

    def visit_conv(self, node):
        a = attributes(node)
        w = self.constants.get(node.input[1])
        if w is None:
            raise ImportFailure("node '%s' (Conv) takes its weights from an activation" % node.name)
        kernel = tuple(w.shape[2:])
        if len(kernel) != 2:
            raise ImportFailure("node '%s' (Conv) is %d-D; a workload holds 2-D convolutions"
                                % (node.name, len(kernel)))
        stride = tuple(a.get('strides', (1, 1)))
        dilation = tuple(a.get('dilations', (1, 1)))
        padding = self.padding_of(node, self.conv_padding(node, a, kernel, stride, dilation))
        keys = conv_keys(w.shape[0], kernel, stride, padding, dilation, a.get('group', 1))
        name = self.add(node, 'conv', self.weight_base(node), source=self.source(node), **keys)
        self.weights[name] = (node.input[1], 'conv', None)

    def conv_padding(self, node, a, kernel, stride, dilation):
        auto = a.get('auto_pad', b'NOTSET')
        auto = auto.decode() if isinstance(auto, bytes) else auto
        if auto in ('NOTSET', ''):
            return symmetric(a.get('pads'), "node '%s' (Conv)" % node.name)
        if auto == 'VALID':
            return (0, 0)
        _, _, height, width = self.shape(node.input[0])
        pads = []
        for size, k, s, d in zip((height, width), kernel, stride, dilation):
            out = -(-size // s)
            pads.append(max((out - 1) * s + d * (k - 1) + 1 - size, 0))
        if any(p % 2 for p in pads):
            raise ImportFailure("node '%s' (Conv) pads %s unevenly; a workload pads both sides "
                                'alike' % (node.name, auto))
        return (pads[0] // 2, pads[1] // 2)

    def visit_gemm(self, node):
        w = self.constants.get(node.input[1])
        if w is None or len(self.shape(node.input[0])) != 2:
            raise ImportFailure("node '%s' (Gemm) is no fc layer (a vector times a weight "
                                'matrix)' % node.name)
        outputs = w.shape[0] if attributes(node).get('transB', 0) else w.shape[1]
        source = self.source(node)
        name = self.add(node, 'fc', self.weight_base(node), source=source, outputs=int(outputs))
        kind = 'fc_nk' if attributes(node).get('transB', 0) else 'fc_kn'
        self.weights[name] = (node.input[1], kind, self.layer_shapes[source])

    def visit_matmul(self, node):
        w = self.constants.get(node.input[1])
        if w is None or w.ndim != 2 or len(self.shape(node.input[0])) != 2:
            raise ImportFailure("node '%s' (MatMul) is no fc layer (a vector times a weight "
                                'matrix)' % node.name)
        source = self.source(node)
        name = self.add(node, 'fc', self.weight_base(node), source=source, outputs=int(w.shape[1]))
        self.weights[name] = (node.input[1], 'fc_kn', self.layer_shapes[source])

    def pool(self, node, op):
        a = attributes(node)
        if tuple(a.get('dilations', (1, 1))) != (1, 1):
            raise ImportFailure("node '%s' (%s) is dilated" % (node.name, node.op_type))
        kernel = tuple(a['kernel_shape'])
        stride = tuple(a.get('strides', (1, 1)))
        padding = self.padding_of(node, symmetric(a.get('pads'), "node '%s' (%s)"
                                                  % (node.name, node.op_type)))
        keys = dict({'op': op}, **window_keys(kernel, stride, padding, default_stride=kernel))
        if a.get('ceil_mode', 0):
            keys['ceil_mode'] = True
        self.add(node, 'pool', source=self.source(node), **keys)

    def visit_pad(self, node):
        """A zero pad of height and width, equal on both sides, becomes the padding of the
        conv or pool that reads it (torch exports avg_pool2d's padding so)."""
        pads = self.constants.get(node.input[1]) if len(node.input) > 1 else \
            attributes(node).get('pads')
        mode = attributes(node).get('mode', b'constant')
        value = self.constants.get(node.input[2]) if len(node.input) > 2 and node.input[2] \
            else 0
        pads = [int(p) for p in pads] if pads is not None else None
        if pads is None or len(pads) != 8 or any(pads[i] for i in (0, 1, 4, 5)) or \
                mode not in (b'constant', 'constant') or float(value) != 0.0:
            raise ImportFailure("node '%s' (Pad) pads other than height and width with zeros; "
                                'a workload pads inside its conv and pool layers' % node.name)
        self.pads[node.output[0]] = symmetric([pads[2], pads[3], pads[6], pads[7]],
                                              "node '%s' (Pad)" % node.name)
        self.alias(node)

    def padding_of(self, node, own):
        """A node's own padding plus that of a Pad node it reads."""
        extra = self.pads.get(node.input[0], (0, 0))
        return (own[0] + extra[0], own[1] + extra[1])

    def visit_maxpool(self, node):
        self.pool(node, 'max')

    def visit_averagepool(self, node):
        self.pool(node, 'avg')

    def visit_globalaveragepool(self, node):
        self.add(node, 'pool', source=self.source(node), op='avg', kernel='global')

    def visit_globalmaxpool(self, node):
        self.add(node, 'pool', source=self.source(node), op='max', kernel='global')

    def visit_reducemean(self, node):
        axes = attributes(node).get('axes') or list(self.constants.get(node.input[1], []))
        if sorted(int(x) % 4 for x in axes) != [2, 3]:
            raise ImportFailure("node '%s' (ReduceMean) averages axes %s; only the mean over "
                                'height and width (a global pool) can be expressed'
                                % (node.name, list(axes)))
        self.visit_globalaveragepool(node)

    def elementwise(self, node, kind):
        names = [self.source(node, i) for i in range(2)]
        if kind == 'mul':
            sizes = [self.size_of(t) for t in node.input[:2]]
            if sizes[0] < sizes[1]:
                names.reverse()  # the full map first, the per-channel factor second
        self.add(node, kind, scope_name(node) + '_' + kind, inputs=names)

    def size_of(self, tensor):
        size = 1
        for dim in self.shape(tensor):
            size *= max(dim, 1)
        return size

    def visit_add(self, node):
        self.elementwise(node, 'add')

    def visit_mul(self, node):
        self.elementwise(node, 'mul')

    def visit_concat(self, node):
        if attributes(node).get('axis') not in (1, -3):
            raise ImportFailure("node '%s' (Concat) joins axis %s; a workload concatenates "
                                'channels' % (node.name, attributes(node).get('axis')))
        names = [self.source(node, i) for i in range(len(node.input))]
        if len(names) == 1:
            return self.alias(node)  # a concatenation of one map is that map
        return self.add(node, 'concat', scope_name(node) + '_concat', inputs=names)

    def visit_split(self, node):
        if attributes(node).get('axis', 0) not in (1, -3):
            raise ImportFailure("node '%s' (Split) splits axis %s; a workload slices channels"
                                % (node.name, attributes(node).get('axis', 0)))
        source, first = self.source(node), 0
        for output in node.output:
            count = self.shape(output)[1]
            name = self.workload.add(scope_name(node) + '_slice', 'slice',
                                     input_=None if source == self.above else source,
                                     channels=[first, count])
            self.producers[output] = self.above = name
            self.layer_shapes[name] = self.map_of(output)
            first += count

    def visit_slice(self, node):
        starts, ends = (self.constants.get(t) for t in node.input[1:3])
        axes = self.constants.get(node.input[3]) if len(node.input) > 3 and node.input[3] else [0]
        if starts is None or list(axes) not in ([1], [-3]) or len(starts) != 1:
            raise ImportFailure("node '%s' (Slice) is no slice of channels" % node.name)
        first = int(starts[0])
        count = self.shape(node.output[0])[1]
        self.add(node, 'slice', scope_name(node) + '_slice', source=self.source(node),
                 channels=[first, count])

    def follow_shuffle(self, node):
        """Reshape [N, g, C/g, H, W] -> Transpose [0, 2, 1, 3, 4] -> Reshape [N, C, H, W]."""
        tensor = node.input[0]
        if tensor not in self.shuffles:
            self.shuffles[node.output[0]] = (self.source(node), self.shape(node.output[0])[1], 1)
            return
        producer, groups, stage = self.shuffles[tensor]
        perm = list(attributes(node).get('perm', []))
        if stage == 1 and node.op_type == 'Transpose' and perm == [0, 2, 1, 3, 4]:
            self.shuffles[node.output[0]] = (producer, groups, 2)
        elif stage == 2 and node.op_type == 'Reshape' and len(self.shape(node.output[0])) == 4:
            self.add(node, 'shuffle', scope_name(node) + '_shuffle', source=producer,
                     groups=groups)
        else:
            raise ImportFailure("node '%s' (%s) reshapes a map in a way that is no channel "
                                'shuffle' % (node.name, node.op_type))


def load(path):
    import onnx
    try:
        model = onnx.load(path)
        onnx.checker.check_model(model)
        from .onnx_fold import fold_sizes
        return fold_sizes(model)
    except (onnx.checker.ValidationError, onnx.shape_inference.InferenceError) as error:
        raise ImportFailure('%s is no valid ONNX model: %s' % (path, str(error).split('\n')[0]))
    except Exception as error:  # protobuf's DecodeError and friends: a broken file
        if isinstance(error, (OSError, ImportFailure)):
            raise
        raise ImportFailure('cannot read %s as ONNX: %s' % (path, error))


def run(args):
    name = args.name or os.path.splitext(os.path.basename(args.output))[0]
    graph = OnnxGraph(load(args.model), name)
    workload = graph.walk()
    channels, height, width = workload.input
    variant = ('ONNX model %s, %dx%dx%d input, every node of its graph'
               % (os.path.basename(args.model), height, width, channels))
    source = '%s; imported with `accelsim-import onnx %s`' % (args.model,
                                                             os.path.basename(args.model))
    workload.write(args.output, variant, source, NOTES)
    if args.weights:
        from .onnx_weights import write_weights
        write_weights(graph, args.weights)
    return workload
