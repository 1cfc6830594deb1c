"""A network written layer by layer, with its shapes and totals tracked as it grows
(the same rules as workloads/README.md), for the paper-network generators."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from accelsim_import.workload import Workload, pair  # noqa: E402


def window(size, kernel, stride, padding):
    out = (size + 2 * padding - kernel) // stride + 1
    if out < 1:
        raise ValueError('a %d kernel on %d' % (kernel, size + 2 * padding))
    return out


class Net:
    def __init__(self, name, channels, height, width):
        self.workload = Workload(name, channels, height, width)
        self.shapes = {'input': (channels, height, width)}
        self.above = 'input'
        self.macs = {'conv': 0, 'fc': 0, 'matmul': 0}
        self.weights = 0

    def shape(self, x):
        return self.shapes[x]

    def _add(self, name, type_, x, shape, **keys):
        if x is not None and x != self.above:
            keys = dict(input_=x, **keys)
        name = self.workload.add(name, type_, **keys)
        self.shapes[name] = shape
        self.above = name
        return name

    def conv(self, name, x, filters, kernel, stride=1, padding=0, groups=1, activation=None):
        c, h, w = self.shape(x)
        kh, kw = (kernel, kernel) if isinstance(kernel, int) else kernel
        ph, pw = (padding, padding) if isinstance(padding, int) else padding
        out = (filters, window(h, kh, stride, ph), window(w, kw, stride, pw))
        self.macs['conv'] += filters * (c // groups) * kh * kw * out[1] * out[2]
        self.weights += filters * (c // groups) * kh * kw
        keys = {'filters': filters, 'kernel': pair(kh, kw)}
        if stride != 1:
            keys['stride'] = stride
        if (ph, pw) != (0, 0):
            keys['padding'] = pair(ph, pw)
        if groups != 1:
            keys['groups'] = groups
        if activation:
            keys['activation'] = activation
        return self._add(name, 'conv', x, out, **keys)

    def separable(self, name, x, filters, stride=1, kernel=3):
        """Depthwise kernel x kernel then pointwise 1x1 (no activation between)."""
        c = self.shape(x)[0]
        dw = self.conv(name + '_dw', x, c, kernel, stride, kernel // 2, groups=c)
        return self.conv(name + '_pw', dw, filters, 1)

    def pool(self, name, x, kernel, stride, padding=0, op='max'):
        c, h, w = self.shape(x)
        out = (c, window(h, kernel, stride, padding), window(w, kernel, stride, padding))
        keys = {'op': op, 'kernel': kernel}
        if stride != kernel:
            keys['stride'] = stride
        if padding:
            keys['padding'] = padding
        return self._add(name, 'pool', x, out, **keys)

    def global_pool(self, name, x):
        c = self.shape(x)[0]
        return self._add(name, 'pool', x, (c, 1, 1), op='avg', kernel='global')

    def fc(self, name, x, outputs, activation=None):
        c, h, w = self.shape(x)
        self.macs['fc'] += outputs * c * h * w
        self.weights += outputs * c * h * w
        return self._add(name, 'fc', x, (outputs, 1, 1), outputs=outputs, activation=activation)

    def relu(self, name, x, function='relu'):
        """A standalone activation: the parser folds it into its producer when it can."""
        return self._add(name, function, x, self.shape(x))

    def add(self, name, inputs, activation=None):
        return self._add(name, 'add', None, self.shape(inputs[0]), inputs=inputs,
                         activation=activation)

    def mul(self, name, inputs):
        return self._add(name, 'mul', None, self.shape(inputs[0]), inputs=inputs)

    def concat(self, name, inputs, activation=None):
        c = sum(self.shape(x)[0] for x in inputs)
        _, h, w = self.shape(inputs[0])
        return self._add(name, 'concat', None, (c, h, w), inputs=inputs, activation=activation)

    def shuffle(self, name, x, groups):
        return self._add(name, 'shuffle', x, self.shape(x), groups=groups)

    def slice_rows(self, name, x, first, count):
        c, _, w = self.shape(x)
        return self._add(name, 'slice', x, (c, count, w), rows=[first, count])

    def input(self, name, channels, height, width):
        self.above = None
        return self._add(name, 'input', None, (channels, height, width), channels=channels,
                         height=height, width=width)

    def projection(self, name, x, outputs, activation=None, weights_from=None):
        """matmul with learned weights: every row (pixel) times a K x N matrix."""
        c, h, w = self.shape(x)
        self.macs['matmul'] += h * w * c * outputs
        if weights_from is None:
            self.weights += c * outputs
        return self._add(name, 'matmul', x, (outputs, h, w), outputs=outputs,
                         activation=activation, weights_from=weights_from)

    def product(self, name, a, b, heads=1, transpose_b=False, activation=None):
        """matmul of two activations, per head."""
        ca, h, w = self.shape(a)
        cb, hb, wb = self.shape(b)
        k = ca // heads
        n = hb * wb if transpose_b else cb // heads
        self.macs['matmul'] += heads * h * w * k * n
        return self._add(name, 'matmul', None, (heads * n, h, w), inputs=[a, b],
                         heads=heads if heads != 1 else None,
                         transpose_b=True if transpose_b else None, activation=activation)

    def total_macs(self):
        return sum(self.macs.values())

    def derived(self):
        parts = ['%s %s MACs' % (kind.upper(), '{:,}'.format(macs))
                 for kind, macs in self.macs.items() if macs]
        return 'Derived: %s, total {:,} MACs, {:,} weights'.format(
            self.total_macs(), self.weights) % ', '.join(parts)
