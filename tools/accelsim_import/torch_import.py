"""A torch module as a workload, from a real forward pass.

Forward hooks see the modules a workload layer stands for (Conv2d, Linear, BatchNorm,
pools, activations); a torch function mode sees what the model computes between them
(residual adds, concatenations, channel splits and shuffles, functional activations
and pools). Every tensor is followed from the layer that produced it, so the file
states which layer reads which, and the shapes are the forward pass's own.
"""
import torch
from torch.overrides import TorchFunctionMode

from .workload import ImportFailure, Workload, conv_keys, pair, window_keys

ACTIVATION_MODULES = {
    'ReLU': 'relu', 'ReLU6': 'relu6', 'Sigmoid': 'sigmoid', 'Tanh': 'tanh', 'GELU': 'gelu',
    'Hardswish': 'hardswish', 'Hardsigmoid': 'hardsigmoid', 'SiLU': 'silu', 'Softmax': 'softmax',
}
ACTIVATION_FUNCTIONS = {
    'relu': 'relu', 'relu_': 'relu', 'relu6': 'relu6', 'sigmoid': 'sigmoid', 'sigmoid_': 'sigmoid',
    'tanh': 'tanh', 'tanh_': 'tanh', 'gelu': 'gelu', 'hardswish': 'hardswish',
    'hardsigmoid': 'hardsigmoid', 'silu': 'silu', 'softmax': 'softmax',
}
NO_OP_MODULES = {'Dropout', 'Dropout2d', 'Identity', 'Flatten'}
BATCH_NORM_MODULES = {'BatchNorm1d', 'BatchNorm2d'}
POOL_MODULES = {'MaxPool2d', 'AvgPool2d', 'AdaptiveAvgPool2d', 'AdaptiveMaxPool2d'}
LAYER_MODULES = ({'Conv2d', 'Linear'} | set(ACTIVATION_MODULES) | NO_OP_MODULES |
                 BATCH_NORM_MODULES | POOL_MODULES)
# Functions that compute nothing a workload counts: sizes, flags, copies.
PASSIVE_FUNCTIONS = {'size', 'dim', '__get__', 'numel', 'contiguous', 'dropout', 'clone',
                     'detach', '__len__', '__format__', '__repr__', 'is_floating_point'}


def as_pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def map_shape(tensor):
    """(channels, height, width) of a batch-1 activation: [N, C, H, W] or [N, F]."""
    shape = tuple(tensor.shape)
    if len(shape) == 4:
        return shape[1], shape[2], shape[3]
    if len(shape) == 2:
        return shape[1], 1, 1
    raise ImportFailure('a %d-D activation %s: a workload holds maps [N, C, H, W] and vectors'
                        % (len(shape), list(shape)))


class GraphRecorder(TorchFunctionMode):
    """Follows every tensor of one forward pass to the workload layer that produced it."""

    def __init__(self, model, workload):
        super().__init__()
        self.workload = workload
        self.names = {module: name for name, module in model.named_modules()}
        self.producers = {}   # id(tensor) -> layer name ('input' for the network input)
        self.alive = []       # keeps traced tensors alive so that their ids stay unique
        self.shapes = {}      # layer name -> (C, H, W) of its output, from the forward pass
        self.module_stack = []
        self.leaf_depth = 0
        self.busy = False
        self.shuffles = {}    # id(tensor) -> (producer, groups, stage) of a channel shuffle
        self.above = 'input'  # what a layer without `input:` reads: the producer above

    # -- bookkeeping ------------------------------------------------------------------
    def track(self, tensor, name, shape=True):
        self.producers[id(tensor)] = name
        self.alive.append(tensor)
        if shape and name != 'input':
            self.shapes[name] = map_shape(tensor)

    def producer(self, tensor, what):
        if id(tensor) not in self.producers:
            raise ImportFailure('%s reads a tensor no layer produced (a parameter or a '
                                'constant), which a workload cannot express' % what)
        return self.producers[id(tensor)]

    def where(self):
        return self.module_stack[-1] if self.module_stack else ('', None)

    def describe_place(self):
        name, module = self.where()
        return "module '%s' (%s)" % (name, type(module).__name__) if name else 'the model'

    def add(self, base, type_, tensor, **keys):
        name = self.workload.add(base, type_, **keys)
        self.track(tensor, name)
        self.above = name
        return name

    # -- modules (hooks) ----------------------------------------------------------------
    def before(self, module, _inputs):
        self.module_stack.append((self.names.get(module, ''), module))
        if type(module).__name__ in LAYER_MODULES:
            self.leaf_depth += 1

    def after(self, module, inputs, output):
        self.module_stack.pop()
        kind = type(module).__name__
        if kind not in LAYER_MODULES:
            return
        self.leaf_depth -= 1
        if self.leaf_depth > 0:
            return
        self.busy = True
        try:
            self.record_module(self.names.get(module, kind), module, inputs[0], output)
        finally:
            self.busy = False

    def record_module(self, name, module, x, y):
        kind = type(module).__name__
        source = self.producer(x, "module '%s' (%s)" % (name, kind))
        input_key = self.input_key(source)
        if kind in NO_OP_MODULES:
            self.track(y, source, shape=False)
        elif kind in BATCH_NORM_MODULES:
            self.add(name, 'batchnorm', y, input_=input_key)
            self.track(y, source, shape=False)  # an alias: later layers read its input
            self.above = source
        elif kind in ACTIVATION_MODULES:
            if kind == 'Softmax' and module.dim not in (1, -1 if x.dim() == 2 else 1):
                raise ImportFailure("module '%s' (Softmax) normalizes dimension %s; a workload "
                                    "softmax normalizes the channels" % (name, module.dim))
            self.add(name, ACTIVATION_MODULES[kind], y, input_=input_key)
        elif kind == 'Conv2d':
            self.add(name, 'conv', y, input_=input_key, **conv2d_keys(name, module, x))
        elif kind == 'Linear':
            if x.dim() != 2:
                raise ImportFailure("module '%s' (Linear) is applied to a %d-D tensor; only "
                                    "Linear on a flattened vector (an fc layer) can be expressed"
                                    % (name, x.dim()))
            self.add(name, 'fc', y, input_=input_key, outputs=module.out_features)
        else:
            self.record_pool(name, kind, module, x, y, input_key)

    def input_key(self, source):
        """The `input:` key for reading `source`: None when it is the default (the layer
        written just above, or the network input for the first layer)."""
        return None if source == self.above else source

    def record_pool(self, name, kind, module, x, y, input_key):
        op = 'max' if 'Max' in kind else 'avg'
        if kind.startswith('Adaptive'):
            keys = adaptive_pool_keys(name, kind, x, y)
            if keys is None:
                self.track(y, self.producer(x, name), shape=False)  # identity
                return
        else:
            if as_pair(getattr(module, 'dilation', 1)) != (1, 1):
                raise ImportFailure("module '%s' (%s) is dilated, which a pool layer cannot "
                                    "express" % (name, kind))
            keys = pool_keys(module.kernel_size, module.stride, module.padding, module.ceil_mode)
        self.add(name, 'pool', y, input_=input_key, op=op, **keys)

    # -- functions (torch function mode) ------------------------------------------------
    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        result = func(*args, **kwargs)
        if self.busy or self.leaf_depth > 0:
            return result
        tensors = [t for t in flat_tensors(args, kwargs) if id(t) in self.producers or
                   id(t) in self.shuffles]
        if not tensors or not contains_tensor(result):
            return result
        self.busy = True
        try:
            self.record_function(func.__name__, args, kwargs, result)
        finally:
            self.busy = False
        return result

    def record_function(self, fname, args, kwargs, result):
        base = (self.where()[0] + '_' if self.where()[0] else '') + fname.strip('_')
        x = args[0]
        starts_shuffle = fname in ('view', 'reshape') and x.dim() == 4 and result.dim() == 5
        if id(x) in self.shuffles or starts_shuffle:
            return self.follow_shuffle(fname, args, result)
        flattens = fname in ('flatten', 'view', 'reshape') and result.dim() == 2
        if fname in PASSIVE_FUNCTIONS or flattens:
            return self.track(result, self.producer(x, base), shape=False)
        if fname in ACTIVATION_FUNCTIONS or fname == 'hardtanh' and relu6_bounds(args, kwargs):
            if fname == 'softmax' and kwargs.get('dim', args[1] if len(args) > 1 else None) not in (1,):
                raise ImportFailure('softmax over dimension other than the channels in %s'
                                    % self.describe_place())
            return self.add(base, ACTIVATION_FUNCTIONS.get(fname, 'relu6'), result,
                            input_=self.input_key(self.producer(x, base)))
        if fname in ('add', 'add_', '__add__', '__iadd__', '__radd__', 'mul', 'mul_', '__mul__',
                     '__imul__', '__rmul__'):
            return self.record_elementwise(base, fname, args, result)
        if fname == 'cat':
            return self.record_concat(base, args, kwargs, result)
        if fname in ('chunk', 'split'):
            return self.record_split(base, fname, args, kwargs, result)
        if fname == 'mean' and sorted(d % 4 for d in reduce_dims(args, kwargs)) == [2, 3]:
            return self.add(base, 'pool', result, input_=self.input_key(self.producer(x, base)),
                            op='avg', kernel='global')
        if fname in ('max_pool2d', 'avg_pool2d', 'adaptive_avg_pool2d', 'adaptive_max_pool2d',
                     '_max_pool2d', 'boolean_dispatch'):
            return self.record_pool_function(base, fname, args, kwargs, result)
        raise ImportFailure('cannot express %s in %s' % (fname, self.describe_place()))

    def record_elementwise(self, base, fname, args, result):
        operands = list(args[:2])
        if not all(torch.is_tensor(t) and id(t) in self.producers for t in operands):
            raise ImportFailure('%s of a tensor and a constant or parameter in %s: a workload '
                                'adds and multiplies layer outputs only' % (fname, self.describe_place()))
        kind = 'add' if 'add' in fname else 'mul'
        if kind == 'mul' and operands[0].numel() < operands[1].numel():
            operands.reverse()  # the full map first, the per-channel factor second
        names = [self.producer(t, base) for t in operands]
        return self.add(base, kind, result, inputs=names)

    def record_concat(self, base, args, kwargs, result):
        dim = kwargs.get('dim', args[1] if len(args) > 1 else 0)
        if dim not in (1, -3):
            raise ImportFailure('concatenation along dimension %s in %s; a workload concatenates '
                                'channels' % (dim, self.describe_place()))
        names = [self.producer(t, base) for t in args[0]]
        if len(names) == 1:
            return self.track(result, names[0], shape=False)
        return self.add(base, 'concat', result, inputs=names)

    def record_split(self, base, fname, args, kwargs, result):
        dim = kwargs.get('dim', args[2] if len(args) > 2 else 0)
        if dim != 1:
            raise ImportFailure('%s along dimension %s in %s; a workload slices channels'
                                % (fname, dim, self.describe_place()))
        source = self.producer(args[0], base)
        first = 0
        for part in result:
            count = part.shape[1]
            self.add(base, 'slice', part, input_=self.input_key(source), channels=[first, count])
            first += count

    def record_pool_function(self, base, fname, args, kwargs, result):
        x = args[0]
        source = self.producer(x, base)
        op = 'max' if 'max' in fname or fname == 'boolean_dispatch' else 'avg'
        if 'adaptive' in fname:
            keys = adaptive_pool_keys(base, fname, x, result)
            if keys is None:
                return self.track(result, source, shape=False)
            return self.add(base, 'pool', result, input_=self.input_key(source), op=op, **keys)
        params = dict(zip(['kernel_size', 'stride', 'padding'], args[1:4]))
        params.update({k: v for k, v in kwargs.items() if v is not None})
        if as_pair(params.get('dilation', 1)) != (1, 1):
            raise ImportFailure('a dilated pool in %s cannot be expressed' % self.describe_place())
        keys = pool_keys(params['kernel_size'], params.get('stride'), params.get('padding', 0),
                         params.get('ceil_mode', False))
        return self.add(base, 'pool', result, input_=self.input_key(source), op=op, **keys)

    def follow_shuffle(self, fname, args, result):
        """view [N, g, C/g, H, W] -> transpose(1, 2) -> view [N, C, H, W]: a channel shuffle."""
        x = args[0]
        if id(x) not in self.shuffles:
            self.shuffles[id(result)] = (self.producer(x, 'a reshape'), result.shape[1], 'split')
            self.alive.append(result)
            return None
        source, groups, stage = self.shuffles[id(x)]
        if stage == 'split' and fname == 'transpose' and sorted(args[1:3]) == [1, 2]:
            self.shuffles[id(result)] = (source, groups, 'transposed')
        elif stage == 'transposed' and fname == 'contiguous':
            self.shuffles[id(result)] = (source, groups, stage)
        elif stage == 'transposed' and fname in ('view', 'reshape') and result.dim() == 4:
            base = (self.where()[0] + '_' if self.where()[0] else '') + 'shuffle'
            return self.add(base, 'shuffle', result, input_=self.input_key(source), groups=groups)
        else:
            raise ImportFailure('a reshape that is no channel shuffle (%s) in %s'
                                % (fname, self.describe_place()))
        self.alive.append(result)
        return None


def conv2d_keys(name, module, x):
    if module.padding_mode != 'zeros':
        raise ImportFailure("module '%s' (Conv2d) pads with '%s'; a workload pads with zeros"
                            % (name, module.padding_mode))
    kernel = as_pair(module.kernel_size)
    dilation = as_pair(module.dilation)
    padding = module.padding
    if padding == 'valid':
        padding = (0, 0)
    elif padding == 'same':
        total = [d * (k - 1) for k, d in zip(kernel, dilation)]
        if any(t % 2 for t in total):
            raise ImportFailure("module '%s' (Conv2d) pads 'same' unevenly" % name)
        padding = tuple(t // 2 for t in total)
    return conv_keys(module.out_channels, kernel, as_pair(module.stride), as_pair(padding),
                     dilation, module.groups)


def pool_keys(kernel, stride, padding, ceil_mode):
    kernel = as_pair(kernel)
    stride = as_pair(stride) if stride not in (None, [], ()) else kernel
    keys = window_keys(kernel, stride, as_pair(padding), default_stride=kernel)
    if ceil_mode:
        keys['ceil_mode'] = True
    return keys


def adaptive_pool_keys(name, kind, x, y):
    """The pool an adaptive pool is on this input: None when it changes nothing."""
    _, height, width = map_shape(x)
    _, out_height, out_width = map_shape(y)
    if (out_height, out_width) == (1, 1):
        return {'kernel': 'global'}
    if height % out_height or width % out_width:
        raise ImportFailure("'%s' (%s) pools %dx%d into %dx%d with windows of unequal size, "
                            'which a pool layer cannot express (try another --input)'
                            % (name, kind, height, width, out_height, out_width))
    kernel = (height // out_height, width // out_width)
    if kernel == (1, 1):
        return None
    return {'kernel': pair(*kernel)}


def relu6_bounds(args, kwargs):
    low = kwargs.get('min_val', args[1] if len(args) > 1 else -1.0)
    high = kwargs.get('max_val', args[2] if len(args) > 2 else 1.0)
    return low == 0.0 and high == 6.0


def reduce_dims(args, kwargs):
    dims = kwargs.get('dim', args[1] if len(args) > 1 else None)
    if dims is None:
        return []
    return [dims] if isinstance(dims, int) else list(dims)


def flat_tensors(args, kwargs):
    for value in list(args) + list(kwargs.values()):
        if torch.is_tensor(value):
            yield value
        elif isinstance(value, (list, tuple)):
            yield from (v for v in value if torch.is_tensor(v))


def contains_tensor(value):
    if torch.is_tensor(value):
        return True
    return isinstance(value, (list, tuple)) and any(torch.is_tensor(v) for v in value)


def import_module(model, name, input_shape):
    """The workload of `model` on one input of `input_shape` (C, H, W), and the output
    shape (C, H, W) of every layer written, as the forward pass computed it."""
    channels, height, width = input_shape
    workload = Workload(name, channels, height, width)
    recorder = GraphRecorder(model, workload)
    handles = []
    for module in model.modules():
        handles.append(module.register_forward_pre_hook(recorder.before))
        handles.append(module.register_forward_hook(recorder.after))
    image = torch.zeros(1, channels, height, width)
    recorder.track(image, 'input')
    try:
        with torch.no_grad(), recorder:
            model.eval()(image)
    finally:
        for handle in handles:
            handle.remove()
    if not workload.layers:
        raise ImportFailure('the model computed nothing a workload can express')
    return workload, recorder.shapes
