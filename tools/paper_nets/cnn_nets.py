"""Xception (Chollet 2017) and ShuffleNet v1 (Zhang et al. 2018) from their papers."""
from .builder import Net


def xception_block(net, p, x, filters, relu_first=True):
    """Two separable convolutions (ReLU before each), a stride-2 max pool, and a 1x1
    stride-2 projection of the block input added to it (Chollet 2017, Fig. 5)."""
    residual = net.conv(p + 'residual', x, filters[-1], 1, stride=2)
    y = x
    for index, width in enumerate(filters):
        if index > 0 or relu_first:
            y = net.relu(p + 'relu%d' % (index + 1), y)
        y = net.separable(p + 'sepconv%d' % (index + 1), y, width)
    y = net.pool(p + 'pool', y, 3, 2, padding=1)
    return net.add(p + 'add', [y, residual])


def xception():
    net = Net('xception', 3, 299, 299)
    x = net.conv('block1_conv1', 'input', 32, 3, stride=2, activation='relu')
    x = net.conv('block1_conv2', x, 64, 3, activation='relu')
    x = xception_block(net, 'block2_', x, [128, 128], relu_first=False)
    x = xception_block(net, 'block3_', x, [256, 256])
    x = xception_block(net, 'block4_', x, [728, 728])
    for block in range(5, 13):  # middle flow: 8 x (3 x ReLU + separable 728), identity
        p = 'block%d_' % block
        y = x
        for index in range(3):
            y = net.relu(p + 'relu%d' % (index + 1), y)
            y = net.separable(p + 'sepconv%d' % (index + 1), y, 728)
        x = net.add(p + 'add', [y, x])
    x = xception_block(net, 'block13_', x, [728, 1024])
    x = net.separable('block14_sepconv1', x, 1536)
    x = net.relu('block14_relu1', x)
    x = net.separable('block14_sepconv2', x, 2048)
    x = net.relu('block14_relu2', x)
    x = net.global_pool('avg_pool', x)
    net.fc('predictions', x, 1000, activation='softmax')
    variant = (
        'Xception (Chollet 2017, Fig. 5), 299x299x3 input: entry flow (two 3x3 convolutions, '
        'three blocks of two separable convolutions and a stride-2 max pool with a 1x1 '
        'stride-2 projection shortcut), middle flow (8 blocks of three separable 728 '
        'convolutions with identity shortcuts), exit flow, global average pooling, FC 1000. '
        'A separable convolution is a 3x3 depthwise convolution then a 1x1 pointwise one '
        '(depth multiplier 1). {derived}; published 8.38G MACs ("mult-adds") and 22.8M '
        'weights (as tabulated by Zoph et al. 2018, Table 2; Chollet: 22,855,952 parameters '
        'with biases and batch-norm).'.format(derived=net.derived()))
    source = ('Chollet, "Xception: Deep Learning with Depthwise Separable Convolutions", CVPR '
              '2017 (Fig. 5); layer names after the Keras application; written by '
              'tools/gen_paper_nets.py')
    notes = ('Batch-norm (after every convolution) is folded. The first two convolutions are '
             '"valid" (no padding: 149, 147); separable convolutions pad 1; the max pools '
             '(3x3 stride 2, "same" in Keras) pad 1 here, which gives the same sizes 74, 37, '
             '19, 10. The ReLU before a block\'s first separable convolution reads the '
             'previous add, which the shortcut reads raw, so it stays an activation layer.')
    return net, variant, source, notes


SHUFFLE_GROUPS = 3
SHUFFLE_STAGES = [(240, 4), (480, 8), (960, 4)]  # output channels, units (1x, g = 3)


def shuffle_unit(net, p, x, out_channels, stride, first_grouped):
    """1x1 group conv (bottleneck = stage output / 4), channel shuffle, 3x3 depthwise
    (stride), 1x1 group conv; added to the input, or at stride 2 concatenated with its
    3x3 average pool (Zhang et al. 2018, Fig. 2)."""
    in_channels = net.shape(x)[0]
    bottleneck = out_channels // 4
    branch_out = out_channels - in_channels if stride == 2 else out_channels
    groups = SHUFFLE_GROUPS if first_grouped else 1
    y = net.conv(p + 'gconv1', x, bottleneck, 1, groups=groups, activation='relu')
    y = net.shuffle(p + 'shuffle', y, SHUFFLE_GROUPS)
    y = net.conv(p + 'dwconv', y, bottleneck, 3, stride=stride, padding=1, groups=bottleneck)
    y = net.conv(p + 'gconv2', y, branch_out, 1, groups=SHUFFLE_GROUPS)
    if stride == 2:
        shortcut = net.pool(p + 'shortcut', x, 3, 2, padding=1, op='avg')
        return net.concat(p + 'concat', [shortcut, y], activation='relu')
    return net.add(p + 'add', [y, x], activation='relu')


def shufflenet_v1():
    net = Net('shufflenet-v1', 3, 224, 224)
    x = net.conv('conv1', 'input', 24, 3, stride=2, padding=1, activation='relu')
    x = net.pool('maxpool', x, 3, 2, padding=1)
    for stage, (channels, units) in enumerate(SHUFFLE_STAGES, start=2):
        for unit in range(units):
            first_grouped = not (stage == 2 and unit == 0)
            x = shuffle_unit(net, 'stage%d_%d_' % (stage, unit), x, channels,
                             2 if unit == 0 else 1, first_grouped)
    x = net.global_pool('globalpool', x)
    net.fc('fc', x, 1000)
    variant = (
        'ShuffleNet v1 1x, g = 3 (Zhang et al. 2018, Table 1), 224x224x3 input: conv1 24 '
        '3x3 stride 2, max pool, stages of 4, 8, 4 units with 240, 480, 960 output channels, '
        'global pooling, FC 1000. A unit: 1x1 group convolution (3 groups) to a bottleneck '
        'of a quarter of the stage\'s output channels, channel shuffle, 3x3 depthwise '
        'convolution, 1x1 group convolution; stride-2 units concatenate a 3x3 average-pooled '
        'shortcut (so their branch outputs the stage width minus the input channels). The '
        'first 1x1 convolution of stage 2 is not grouped (as in the paper: its input has '
        'only 24 channels). {derived}; published 140M MACs ("MFLOPs", Table 2 of the paper) '
        'and, for the authors\' released model (megvii-model/ShuffleNet-Series, '
        'ShuffleNetV1 1.0x group=3), 138M MACs and 1.9M parameters.'.format(derived=net.derived()))
    source = ('Zhang, Zhou, Lin, Sun, "ShuffleNet: An Extremely Efficient Convolutional Neural '
              'Network for Mobile Devices", CVPR 2018 (Table 1, Fig. 2); written by '
              'tools/gen_paper_nets.py')
    notes = ('Batch-norm (after every convolution) is folded. ReLU after the first 1x1 '
             'convolution and after the add or concat of each unit, none after the depthwise '
             'convolution (as in the paper). The same structure at 1.5x (stages of 360, 720, '
             '1440 channels) gives 292,443,552 MACs and 3,404,448 weights, the release\'s '
             '292M and 3.4M for that width.')
    return net, variant, source, notes
