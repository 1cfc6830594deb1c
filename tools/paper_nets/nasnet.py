"""NASNet-A Mobile (4 @ 1056) from Zoph et al. 2018 (Fig. 4 cells, Table 2), in the
structure of the authors' TF-slim model (stem cells, factorized reductions)."""
from .builder import Net

PENULTIMATE, STEM_FILTERS = 1056, 32
FILTERS = PENULTIMATE // 24  # 44: the first stage's cell width (N = 4 cells per stage)


class Cells:
    """Writes cells; remembers the one ReLU layer of each tensor read raw elsewhere."""

    def __init__(self, net):
        self.net = net
        self.relus = {}

    def relu(self, x):
        if x not in self.relus:
            self.relus[x] = self.net.relu(x + '_relu', x)
        return self.relus[x]

    def separable_pair(self, p, x, out, kernel, stride, stem=False):
        """ReLU, separable (stride), ReLU, separable: NASNet's separable operation. The
        stem version widens in its first separable convolution, the others in the last."""
        net = self.net
        c = net.shape(x)[0]
        mid = out if stem else c
        y = net.conv(p + '_sep1_dw', self.relu(x), c, kernel, stride, kernel // 2, groups=c)
        y = net.conv(p + '_sep1_pw', y, mid, 1, activation='relu')
        y = net.conv(p + '_sep2_dw', y, mid, kernel, 1, kernel // 2, groups=mid)
        return net.conv(p + '_sep2_pw', y, out, 1)

    def squeeze(self, p, x, out):
        """ReLU then 1x1 convolution to the cell's width."""
        return self.net.conv(p, self.relu(x), out, 1)

    def factorized_reduction(self, p, x, out):
        """Two stride-2 paths (1x1 average pool + 1x1 conv to out / 2), concatenated; the
        second path is shifted by one pixel, which changes no size."""
        net = self.net
        r = self.relu(x)
        paths = []
        for index in (1, 2):
            pooled = net.pool('%s_path%d_pool' % (p, index), r, 1, 2, op='avg')
            paths.append(net.conv('%s_path%d_conv' % (p, index), pooled, out // 2, 1))
        return net.concat(p + '_concat', paths)

    def normal(self, p, x, prev, out, reduce_prev=False):
        net = self.net
        left = self.factorized_reduction(p + '_left', prev, out) if reduce_prev else \
            self.squeeze(p + '_left', prev, out)
        right = self.squeeze(p + '_right', x, out)
        sep = self.separable_pair
        c0 = net.add(p + '_comb0', [sep(p + '_comb0_left', right, out, 5, 1),
                                    sep(p + '_comb0_right', left, out, 3, 1)])
        c1 = net.add(p + '_comb1', [sep(p + '_comb1_left', left, out, 5, 1),
                                    sep(p + '_comb1_right', left, out, 3, 1)])
        c2 = net.add(p + '_comb2', [net.pool(p + '_comb2_left', right, 3, 1, 1, op='avg'), left])
        c3 = net.add(p + '_comb3', [net.pool(p + '_comb3_left', left, 3, 1, 1, op='avg'),
                                    net.pool(p + '_comb3_right', left, 3, 1, 1, op='avg')])
        c4 = net.add(p + '_comb4', [sep(p + '_comb4_left', right, out, 3, 1), right])
        return net.concat(p, [left, c0, c1, c2, c3, c4], activation='relu')

    def reduction(self, p, right, left, out, stem=False):
        """The reduction cell on its two operands (squeezed, or for the stem cells the
        first conv / a factorized reduction); the first stem cell's separable operations
        on the first conv widen from its 32 channels (stem)."""
        net = self.net
        sep = self.separable_pair
        c0 = net.add(p + '_comb0', [sep(p + '_comb0_left', right, out, 5, 2),
                                    sep(p + '_comb0_right', left, out, 7, 2, stem)])
        c1 = net.add(p + '_comb1', [net.pool(p + '_comb1_left', right, 3, 2, 1),
                                    sep(p + '_comb1_right', left, out, 7, 2, stem)])
        c2 = net.add(p + '_comb2', [net.pool(p + '_comb2_left', right, 3, 2, 1, op='avg'),
                                    sep(p + '_comb2_right', left, out, 5, 2, stem)])
        c3 = net.add(p + '_comb3', [net.pool(p + '_comb3_right', c0, 3, 1, 1, op='avg'), c1])
        c4 = net.add(p + '_comb4', [sep(p + '_comb4_left', c0, out, 3, 1),
                                    net.pool(p + '_comb4_right', right, 3, 2, 1)])
        return self.activated(net.concat(p, [c1, c2, c3, c4], activation='relu'))

    def activated(self, x):
        """`x` carries its ReLU already: every reader applies one (exact at inference)."""
        self.relus[x] = x
        return x


def nasnet_a_mobile():
    net = Net('nasnet-mobile', 3, 224, 224)
    cells = Cells(net)
    conv0 = cells.activated(net.conv('conv0', 'input', STEM_FILTERS, 3, stride=2,
                                     activation='relu'))
    stem0 = cells.reduction('cell_stem_0', cells.squeeze('cell_stem_0_right', conv0, FILTERS // 4),
                            conv0, FILTERS // 4, stem=True)
    stem1 = cells.reduction('cell_stem_1', cells.squeeze('cell_stem_1_right', stem0, FILTERS // 2),
                            cells.factorized_reduction('cell_stem_1_left', conv0, FILTERS // 2),
                            FILTERS // 2)
    x, prev, index = stem1, stem0, 0
    for stage, width in enumerate([FILTERS, 2 * FILTERS, 4 * FILTERS]):
        if stage > 0:
            name = 'reduction_cell_%d' % (stage - 1)
            reduced = cells.reduction(name, cells.squeeze(name + '_right', x, width),
                                      cells.squeeze(name + '_left', prev, width), width)
            x, prev = reduced, x
            index += 2
        for cell in range(4):
            name = 'cell_%d' % index
            x, prev = cells.normal(name, x, prev, width, reduce_prev=cell == 0), x
            index += 1
    pooled = net.global_pool('avg_pool', x)
    net.fc('last_linear', pooled, 1000)
    variant = (
        'NASNet-A Mobile (4 @ 1056: N = 4 normal cells per stage, 1056 channels before the '
        'classifier; Zoph, Vasudevan, Shlens, Le 2018, Fig. 4 and Table 2), 224x224x3 '
        'input, without the auxiliary head: a 3x3 stride-2 convolution (32), two reduction '
        'stem cells, three stages of 4 normal cells (44, 88, 176 channels per branch, 6 '
        'branches concatenated) separated by reduction cells, ReLU, global average '
        'pooling, FC 1000. {derived}; published 564M MACs ("mult-adds") and 5.3M '
        'parameters.'.format(derived=net.derived()))
    source = ('Zoph, Vasudevan, Shlens, Le, "Learning Transferable Architectures for Scalable '
              'Image Recognition", CVPR 2018 (Fig. 4, Table 2); cell wiring, stem cells and '
              'factorized reductions as in the authors\' TF-slim nasnet model; written by '
              'tools/gen_paper_nets.py')
    notes = ('A separable operation is ReLU, separable convolution (depthwise k x k with the '
             'operation\'s stride, then 1x1), batch-norm, ReLU, separable convolution (stride '
             '1), batch-norm. Each cell squeezes its two inputs (the previous two cells) with '
             'ReLU and a 1x1 convolution; where the previous input is twice the size, a '
             'factorized reduction (two 1x1 average pools of stride 2, one shifted by a '
             'pixel, each with a 1x1 convolution to half the width, concatenated) takes its '
             'place. Every reader of a cell\'s output applies a ReLU first, so the ReLU is '
             'the cell concat\'s activation; a ReLU of a tensor that is also read raw stays '
             'one activation layer shared by its readers. Batch-norm is folded. "Same" '
             'padding: the TF model pads stride-2 operations on one side only, which gives '
             'these sizes (111 after conv0, then 56, 28, 14, 7).')
    return net, variant, source, notes
