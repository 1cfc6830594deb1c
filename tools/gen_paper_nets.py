#!/usr/bin/python3
"""Generates the built-in networks that torchvision does not have, from their papers:

    /usr/bin/python3 tools/gen_paper_nets.py [NAME ...]

writes workloads/nets/{xception, shufflenet-v1, nasnet-mobile, bert-base,
lstm-ptb}.yaml (builders in tools/paper_nets/). Rerun it after changing a builder rather
than editing the YAML. The totals each file states are counted by the builder as it
writes the layers (the rules of workloads/README.md); tests/unit/builtin_networks_test.cpp
pins them and checks them against the published figures.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paper_nets import cnn_nets, nasnet, sequence_nets  # noqa: E402

NETS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'workloads', 'nets')
BUILDERS = {
    'xception': cnn_nets.xception,
    'shufflenet-v1': cnn_nets.shufflenet_v1,
    'nasnet-mobile': nasnet.nasnet_a_mobile,
    'bert-base': sequence_nets.bert_base,
    'lstm-ptb': sequence_nets.lstm_ptb,
}

if __name__ == '__main__':
    for name in sys.argv[1:] or BUILDERS:
        net, variant, source, notes = BUILDERS[name]()
        path = os.path.join(NETS_DIR, name + '.yaml')
        net.workload.write(path, variant, source, notes)
        print('wrote %s (%d lines): %s' % (os.path.relpath(path), len(net.workload.layers),
                                          net.derived()))
