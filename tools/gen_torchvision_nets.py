#!/usr/bin/python3
"""Generates the built-in networks that torchvision 0.14 has, with accelsim-import:

    /usr/bin/python3 tools/gen_torchvision_nets.py [NAME ...]

writes workloads/nets/{squeezenet-1.0, squeezenet-1.1, inception-v3, shufflenet-v2,
resnext50-32x4d, wide-resnet50-2, densenet121, mobilenet-v2}.yaml from a forward pass of
torchvision's model (weights=None). Rerun it after changing the importer rather than
editing the YAML. The totals each file states are counted here from the forward pass
(every Conv2d and Linear the model runs: MACs = outputs x channels per group x kernel,
weights without biases or batch-norm); tests/unit/builtin_networks_test.cpp pins them
and checks them against the published figures (REFERENCE.md section 1).
"""
import os
import sys

import torch
import torchvision
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from accelsim_import.torch_import import import_module  # noqa: E402

NETS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'workloads', 'nets')

NETS = {
    'squeezenet-1.0': ('squeezenet1_0', 224, (
        'SqueezeNet 1.0 (Iandola et al. 2016, Table 1 structure as in torchvision 0.14: '
        'conv1 96@7x7 stride 2, fire modules with 1x1 squeeze and 1x1 + 3x3 expand, '
        'ceil-mode max pools, conv10 and global average pooling, no FC), 224x224x3 input. '
        '{derived}; published about 0.82G MACs (torchvision: 0.82 GFLOPS) and 1.24M '
        'weights (Iandola et al.: 1,248,424 parameters with biases).')),
    'squeezenet-1.1': ('squeezenet1_1', 224, (
        'SqueezeNet 1.1 (the v1.1 release: conv1 64@3x3 stride 2, pooling moved earlier), '
        'as in torchvision 0.14, 224x224x3 input. {derived}; published about 0.35G MACs '
        '("2.4x less computation than SqueezeNet 1.0") and 1.23M weights.')),
    'inception-v3': ('inception_v3', 299, (
        'Inception-v3 (Szegedy et al. 2016, "Rethinking the Inception Architecture"), '
        'torchvision 0.14 structure with factorized 1xN / Nx1 convolutions, 299x299x3 '
        'input, without the auxiliary classifier (training only). {derived}; published '
        '5.72G MACs and 23.8M weights (Szegedy et al., as tabulated by Zoph et al. 2018).')),
    'shufflenet-v2': ('shufflenet_v2_x1_0', 224, (
        'ShuffleNet v2 1x (Ma et al. 2018, Table 5), as in torchvision 0.14: channel split '
        '(slice), branch, concat and channel shuffle (groups 2) per unit, 224x224x3 input. '
        '{derived}; published 146M MACs ("FLOPs") and 2.3M weights.')),
    'resnext50-32x4d': ('resnext50_32x4d', 224, (
        'ResNeXt-50 (32x4d) (Xie et al. 2017, Table 1): bottlenecks whose 3x3 convolution '
        'has 32 groups, as in torchvision 0.14 (the down-sampling stride on the 3x3), '
        '224x224x3 input. {derived}; published 4.2G MACs ("FLOPs") and 25.0M weights.')),
    'wide-resnet50-2': ('wide_resnet50_2', 224, (
        'Wide ResNet-50-2 (Zagoruyko and Komodakis 2016; the bottleneck variant of '
        'torchvision 0.14: inner 3x3 channels doubled), 224x224x3 input. {derived}; '
        'published about 11.4G MACs and 68.9M weights (torchvision metadata: 11.4 GFLOPS, '
        '68,883,240 parameters with biases and batch-norm).')),
    'densenet121': ('densenet121', 224, (
        'DenseNet-121 (k = 32, BC: 1x1 bottlenecks of 4k channels and compression 0.5 in '
        'the transitions; Huang et al. 2017, Table 1), as in torchvision 0.14, 224x224x3 '
        'input. torchvision concatenates anew in each dense layer (58 concat layers), and '
        'the BN-ReLU of that layer is the concatenation\'s activation; the first dense layer '
        'of a block reads the block input, which the block\'s concatenations also read raw, '
        'so its ReLU stays an activation layer. {derived}; published about 2.9G MACs and '
        '8.0M parameters (Huang et al.; the 8.0M include batch-norm: torchvision counts '
        '7,978,856 parameters), torchvision metadata 2.83 GFLOPS.')),
    'mobilenet-v2': ('mobilenet_v2', 224, (
        'MobileNet v2 1.0 (Sandler et al. 2018, Table 2: inverted residuals with linear '
        'bottlenecks, ReLU6), as in torchvision 0.14, 224x224x3 input. {derived}; '
        'published 300M MACs ("MAdds") and 3.4M parameters (Table 4; the derived 3.47M '
        'conv and FC weights are 3.5M rounded, 3.4M truncated).')),
}


def totals(model, size):
    """Conv, FC MACs and weights of the modules the forward pass runs."""
    counts = {'conv': 0, 'fc': 0, 'weights': 0}
    handles = []

    def hook(module, inputs, output):
        if isinstance(module, nn.Conv2d):
            per_output = module.in_channels // module.groups * \
                module.kernel_size[0] * module.kernel_size[1]
            counts['conv'] += output.numel() * per_output
        else:
            per_output = module.in_features
            counts['fc'] += output.numel() * per_output
        counts['weights'] += module.weight.numel()

    for module in model.modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            handles.append(module.register_forward_hook(hook))
    with torch.no_grad():
        model.eval()(torch.zeros(1, 3, size, size))
    for handle in handles:
        handle.remove()
    return counts


def derived_text(counts):
    total = counts['conv'] + counts['fc']
    return ('Derived: CONV {:,} MACs, FC {:,} MACs, total {:,} MACs, {:,} weights'
            .format(counts['conv'], counts['fc'], total, counts['weights']))


def generate(file_name):
    model_name, size, variant = NETS[file_name]
    model = torchvision.models.get_model(model_name, weights=None).eval()
    workload, _ = import_module(model, file_name, (3, size, size))
    variant = variant.format(derived=derived_text(totals(model, size)))
    source = ('torchvision %s torchvision.models.%s (weights=None), imported with '
              '`accelsim-import torchvision %s` by tools/gen_torchvision_nets.py'
              % (torchvision.__version__.split('a')[0], model_name, model_name))
    notes = ('Layer names are the model\'s module names. Batch-norm, dropout and flatten are '
             'written as in the model (batch-norm is folded at inference, dropout and flatten '
             'do nothing) and the activations are folded into their producers by the '
             'workload parser where they can be; adaptive average pooling is the global '
             'pool it is on this input; FC layers cover their whole input.')
    path = os.path.join(NETS_DIR, file_name + '.yaml')
    workload.write(path, variant, source, notes)
    print('wrote %s (%d lines)' % (os.path.relpath(path), len(workload.layers)))


if __name__ == '__main__':
    for name in sys.argv[1:] or NETS:
        generate(name)
