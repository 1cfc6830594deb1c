#!/usr/bin/env python3
"""Generates the ResNet workload files workloads/nets/resnet{18,34,50,152}.yaml.

These four built-in networks were written by this script; rerun it after changing it
(python3 tools/gen_resnet_nets.py) rather than editing the YAML by hand. The structure is
ResNet v1 as in He et al., CVPR 2016 (Table 1), with torchvision-style layer names:
basic blocks for ResNet-18/34, bottlenecks for ResNet-50/152, projection shortcuts
(1x1 convolutions, "option B") where the shape changes, identity shortcuts elsewhere,
and the stride of a down-sampling bottleneck on its FIRST 1x1 convolution (v1, not v1.5).
The totals quoted in each file's `variant` were derived from the layers by the rules in
workloads/README.md; the stage sizes, names and texts live in NETS below.
"""
import os

NETS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'workloads', 'nets')

SOURCE = ('He, Zhang, Ren, Sun, "Deep Residual Learning for Image Recognition", CVPR 2016 '
          '(Table 1); layer names as in torchvision.models.resnet')

NETS = {
    'resnet18': dict(
        block='basic', stages=[2, 2, 2, 2],
        variant=(
            'ResNet-18 v1 (He et al. 2016), basic blocks (two 3x3 convolutions), 224x224x3 '
            'input. Shortcuts are identities except where the shape changes (first block of '
            'layer2..layer4), which use a 1x1 stride-2 projection convolution (option B, as '
            'in torchvision). Derived: CONV {conv} MACs, FC {fc} MACs, total {total} MACs, '
            '{weights} weights (paper: 1.8G FLOPs, i.e. multiply-adds; torchvision 11.7M '
            'parameters incl. biases and batch-norm).'),
    ),
    'resnet34': dict(
        block='basic', stages=[3, 4, 6, 3],
        variant=(
            'ResNet-34 v1 (He et al. 2016), basic blocks (two 3x3 convolutions), 224x224x3 '
            'input. Shortcuts are identities except where the shape changes (first block of '
            'layer2..layer4), which use a 1x1 stride-2 projection convolution (option B, as '
            'in torchvision; the paper also trained a zero-padding option A, which a workload '
            'file cannot express). Derived: CONV {conv} MACs, FC {fc} MACs, total {total} '
            'MACs, {weights} weights (paper: 3.6G FLOPs, i.e. multiply-adds, quoted to two digits; torchvision '
            '21.8M parameters incl. biases and batch-norm).'),
    ),
    'resnet50': dict(
        block='bottleneck', stages=[3, 4, 6, 3],
        variant=(
            'ResNet-50 v1 as in the paper (He et al. 2016), bottleneck blocks (1x1, 3x3, 1x1), '
            '224x224x3 input. The stride of a down-sampling bottleneck (first block of '
            'layer2..layer4) sits on its FIRST 1x1 convolution (v1; the common v1.5 puts it '
            'on the 3x3 and has 4.09G MACs). Projection shortcuts (1x1 convolutions, option B) '
            'on the first block of every stage, identities elsewhere. Derived: CONV {conv} '
            'MACs, FC {fc} MACs, total {total} MACs, {weights} weights; published 3.86G conv '
            'MACs, 2M FC, 3.9G total (3.86G + 2M, rounded to two digits), 25.5M weights.'),
    ),
    'resnet152': dict(
        block='bottleneck', stages=[3, 8, 36, 3],
        variant=(
            'ResNet-152 v1 as in the paper (He et al. 2016), bottleneck blocks (1x1, 3x3, 1x1), '
            '224x224x3 input. The stride of a down-sampling bottleneck (first block of '
            'layer2..layer4) sits on its FIRST 1x1 convolution (v1; v1.5 puts it on the 3x3 '
            'and has about 11.5G MACs). Projection shortcuts (1x1 convolutions, option B) on '
            'the first block of every stage, identities elsewhere. Derived: CONV {conv} MACs, '
            'FC {fc} MACs, total {total} MACs, {weights} weights (paper: 11.3G FLOPs, i.e. '
            'multiply-adds; torchvision 60.2M parameters incl. biases and batch-norm).'),
    ),
}

NOTES = ('Batch-norm and ReLU layers are omitted (no MACs, no change of shape); weights '
         'count conv and fc weights only (no biases, no batch-norm). Each block ends in an '
         '`add` of its last convolution and its shortcut: the projection convolution '
         '(layerN_0_downsample) or the block input (the previous block\'s add, or maxpool '
         'for the first block).')


def layer(**keys):
    parts = []
    for key, value in keys.items():
        key = key.rstrip('_')  # input_ -> input
        if isinstance(value, list):
            value = '[' + ', '.join(str(v) for v in value) + ']'
        parts.append('%s: %s' % (key, value))
    return '  - {' + ', '.join(parts) + '}'


def conv(name, filters, kernel, stride=1, padding=0, input_=None):
    keys = dict(name=name, type='conv')
    if input_:
        keys['input_'] = input_
    keys.update(filters=filters, kernel=kernel)
    if stride != 1:
        keys['stride'] = stride
    if padding:
        keys['padding'] = padding
    return layer(**keys)


def blocks(kind, stages):
    lines = []
    block_input, channels = 'maxpool', 64
    for stage, count in enumerate(stages, 1):
        width = 64 * 2 ** (stage - 1)
        out_channels = width * 4 if kind == 'bottleneck' else width
        for index in range(count):
            p = 'layer%d_%d_' % (stage, index)
            stride = 2 if stage > 1 and index == 0 else 1
            if kind == 'bottleneck':
                lines.append(conv(p + 'conv1', width, 1, stride=stride))  # v1: stride here
                lines.append(conv(p + 'conv2', width, 3, padding=1))
                lines.append(conv(p + 'conv3', out_channels, 1))
                last = p + 'conv3'
            else:
                lines.append(conv(p + 'conv1', width, 3, stride=stride, padding=1))
                lines.append(conv(p + 'conv2', width, 3, padding=1))
                last = p + 'conv2'
            shortcut = block_input
            if stride != 1 or channels != out_channels:
                lines.append(conv(p + 'downsample', out_channels, 1, stride=stride,
                                  input_=block_input))
                shortcut = p + 'downsample'
            lines.append(layer(name=p + 'add', type='add', inputs=[last, shortcut]))
            block_input, channels = p + 'add', out_channels
    return lines


def wrap(text, indent='  ', width=88):
    lines, line = [], indent
    for word in text.split():
        if len(line) + len(word) + 1 > width and line.strip():
            lines.append(line.rstrip())
            line = indent
        line += word + ' '
    lines.append(line.rstrip())
    return '\n'.join(lines)


def render(name, net, totals):
    out = ['name: ' + name,
           'variant: >',
           wrap(net['variant'].format(**totals)),
           'source: >',
           wrap(SOURCE),
           'notes: >',
           wrap(NOTES),
           'input: {channels: 3, height: 224, width: 224}',
           'layers:',
           conv('conv1', 64, 7, stride=2, padding=3),
           layer(name='maxpool', type='pool', kernel=3, stride=2, padding=1, op='max')]
    out += blocks(net['block'], net['stages'])
    out += [layer(name='avgpool', type='pool', kernel='global', op='avg'),
            layer(name='fc', type='fc', outputs=1000)]
    return '\n'.join(out) + '\n'


# Totals as derived from the generated layers (workloads/README.md rules), quoted in `variant`.
TOTALS = {
    'resnet18': dict(conv='1,813,561,344 (1.81G)', fc='512,000', total='1,814,073,344 (1.81G)',
                     weights='11,678,912 (11.7M)'),
    'resnet34': dict(conv='3,663,249,408 (3.66G)', fc='512,000', total='3,663,761,408 (3.66G)',
                     weights='21,779,648 (21.8M)'),
    'resnet50': dict(conv='3,855,925,248 (3.86G)', fc='2,048,000', total='3,857,973,248 (3.86G)',
                     weights='25,502,912 (25.5M)'),
    'resnet152': dict(conv='11,280,367,616 (11.3G)', fc='2,048,000',
                      total='11,282,415,616 (11.3G)', weights='60,040,384 (60.0M)'),
}

if __name__ == '__main__':
    for name, net in NETS.items():
        path = os.path.join(NETS_DIR, name + '.yaml')
        with open(path, 'w') as f:
            f.write(render(name, net, TOTALS[name]))
        print('wrote', os.path.normpath(path))
