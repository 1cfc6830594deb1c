"""accelsim-import: writes a workload file (workloads/README.md) from a model.

  accelsim-import torchvision NAME -o FILE.yaml [--input HxW]
  accelsim-import onnx MODEL.onnx -o FILE.yaml [--weights DIR]
  accelsim-import scalesim TOPOLOGY.csv -o FILE.yaml [--form conv|gemm]

Bad input (an unknown model, a layer a workload cannot express, a broken file) is an
error naming it, exit code 2.
"""
import argparse
import re
import sys

from .workload import ImportFailure


def input_size(text):
    match = re.fullmatch(r'(\d+)x(\d+)(?:x(\d+))?', text)
    if not match or int(match.group(1)) < 1 or int(match.group(2)) < 1:
        raise argparse.ArgumentTypeError("found '%s', expected HxW or HxWxC, e.g. 32x32" % text)
    return int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)


def parser():
    main = argparse.ArgumentParser(prog='accelsim-import', description=__doc__.split('\n')[0])
    sources = main.add_subparsers(dest='source', required=True, metavar='SOURCE')
    torch_cmd = sources.add_parser('torchvision', help='a torchvision classification model')
    torch_cmd.add_argument('model', metavar='NAME', nargs='?',
                           help='e.g. resnet50, squeezenet1_1 (--list names them all)')
    torch_cmd.add_argument('--input', type=input_size, metavar='HxW[xC]',
                           help='input size (default: the size torchvision evaluates it at)')
    torch_cmd.add_argument('--list', action='store_true', help='list the models and exit')
    onnx_cmd = sources.add_parser('onnx', help='an ONNX file')
    onnx_cmd.add_argument('model', metavar='MODEL.onnx')
    onnx_cmd.add_argument('--weights', metavar='DIR',
                          help='also write <layer>_weights.npy (int16 Q8.8, the --data layout)')
    csv_cmd = sources.add_parser('scalesim', help='a SCALE-Sim topology file')
    csv_cmd.add_argument('model', metavar='TOPOLOGY.csv')
    csv_cmd.add_argument('--form', choices=['conv', 'gemm'],
                         help='conv rows or M, N, K rows (default: from the header)')
    for command in (torch_cmd, onnx_cmd, csv_cmd):
        command.add_argument('-o', '--output', metavar='FILE.yaml')
        command.add_argument('--name', help='network name (default: the output file name)')
    return main


def run(args):
    if args.source == 'torchvision':
        from . import torchvision_source as source
        if args.list:
            print('\n'.join(source.list_models()))
            return None
        if not args.model:
            raise ImportFailure('found no model name, expected one (--list names them)')
    elif args.source == 'onnx':
        from . import onnx_source as source
    else:
        from . import scalesim_source as source
    if not args.output:
        raise ImportFailure('found no -o FILE.yaml, expected the workload file to write')
    return source.run(args)


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        workload = run(args)
    except ImportFailure as failure:
        print('accelsim-import: %s' % failure, file=sys.stderr)
        return 2
    except OSError as failure:
        print('accelsim-import: %s' % failure, file=sys.stderr)
        return 2
    if workload is not None:
        print('accelsim-import: wrote %s (%d layers)' % (args.output, len(workload.layers)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
