"""`accelsim-import scalesim TOPOLOGY.csv`: a SCALE-Sim (v2) topology file as a workload.

How SCALE-Sim reads these files (scalesim/topology_utils.py), and so how this does:
- The first line is a header; empty lines are skipped; each row's last comma-separated
  field is dropped (rows end with a comma; text after it, like "#dw", is a comment).
- Conv form: name, IFMAP height, IFMAP width, filter height, filter width, channels,
  number of filters, stride (one value for both dimensions, or stride height and width).
  The IFMAP size already includes any padding. A row whose name contains "DP" is a
  depthwise convolution: SCALE-Sim runs it as one layer per channel, each with one
  channel and the row's number of filters.
- GEMM form (`-i gemm`): name, M, N, K: an M x K times K x N product, which SCALE-Sim
  runs as an M x K map, a 1 x K filter, one channel and N filters.
- Output size: ceil((IFMAP - filter + stride) / stride), where the usual formula
  rounds down; MACs = output height x width x filter height x width x channels x filters.

Each row is an independent layer (the file does not say which layer feeds which): a row
reads the row above when its input is exactly that row's output, and otherwise its own
`input` layer of the row's shape. Where SCALE-Sim rounds an output size up, the layer
gets the padding that gives the same size, so that the MACs are SCALE-Sim's.
"""
import math
import os

from .workload import ImportFailure, Workload, pair

CONV_FIELDS = ['IFMAP height', 'IFMAP width', 'filter height', 'filter width', 'channels',
               'filters', 'stride']


def rows_of(path):
    """(line number, fields) of every data row, as SCALE-Sim splits them."""
    with open(path) as csv:
        lines = csv.read().split('\n')
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        line = line.strip()
        if not line:
            continue
        fields = [field.strip() for field in line.split(',')]
        if len(fields) > 1:
            fields = fields[:-1]  # SCALE-Sim drops the last field (after the trailing comma)
        rows.append((number, fields))
    if not lines or not lines[0].strip():
        raise ImportFailure('%s: line 1: found no header, expected the SCALE-Sim header line'
                            % path)
    return lines[0], rows


def integers(path, number, fields, names):
    values = []
    for field, name in zip(fields, names):
        try:
            value = int(field)
        except ValueError:
            raise ImportFailure("%s:%d: %s: found '%s', expected a positive integer"
                                % (path, number, name, field)) from None
        if value < 1:
            raise ImportFailure("%s:%d: %s: found '%s', expected a positive integer"
                                % (path, number, name, field))
        values.append(value)
    return values


def scalesim_output(size, kernel, stride):
    return int(math.ceil((size - kernel + stride) / stride))


def padding_for(size, kernel, stride):
    """The padding per side whose floor-rounded output equals SCALE-Sim's rounded-up one."""
    deficit = (-(size - kernel)) % stride
    return (deficit + 1) // 2


def conv_layer(workload, path, number, fields, state):
    if len(fields) < 8:
        raise ImportFailure('%s:%d: found %d fields, expected name and %s (and a trailing comma)'
                            % (path, number, len(fields), ', '.join(CONV_FIELDS)))
    name = fields[0]
    height, width, r, s, channels, filters, stride_h = integers(
        path, number, fields[1:8], CONV_FIELDS)
    stride_w = integers(path, number, fields[8:9], ['stride width'])[0] if len(fields) > 8 \
        else stride_h
    if r > height or s > width:
        raise ImportFailure('%s:%d: found a %dx%d filter on a %dx%d IFMAP, expected a filter no '
                            'larger than its IFMAP' % (path, number, r, s, height, width))
    groups = channels if 'DP' in name else 1
    keys = {'filters': filters * groups, 'kernel': pair(r, s)}
    if (stride_h, stride_w) != (1, 1):
        keys['stride'] = pair(stride_h, stride_w)
    padding = (padding_for(height, r, stride_h), padding_for(width, s, stride_w))
    if padding != (0, 0):
        keys['padding'] = pair(*padding)
    if groups > 1:
        keys['groups'] = groups
    out = (filters * groups, scalesim_output(height, r, stride_h),
           scalesim_output(width, s, stride_w))
    add_reading(workload, name, 'conv', (channels, height, width), out, state, keys)
    return out[1] * out[2] * r * s * channels * filters  # SCALE-Sim's MACs for the row


def gemm_layer(workload, path, number, fields, state):
    if len(fields) < 4:
        raise ImportFailure('%s:%d: found %d fields, expected name, M, N, K (and a trailing comma)'
                            % (path, number, len(fields)))
    m, n, k = integers(path, number, fields[1:4], ['M', 'N', 'K'])
    add_reading(workload, fields[0], 'matmul', (k, m, 1), (n, m, 1), state, {'outputs': n})
    return m * n * k


def add_reading(workload, name, type_, input_shape, output_shape, state, keys):
    """Adds the layer, reading the row above when that produced exactly its input."""
    if state.get('output') != input_shape:
        if workload.layers or input_shape != workload.input:
            channels, height, width = input_shape
            state['above'] = workload.add(name + '_input', 'input', channels=channels,
                                          height=height, width=width)
        else:
            state['above'] = 'input'
    workload.add(name, type_, **keys)
    state['output'] = output_shape


def detect_form(header):
    fields = [f.strip() for f in header.split(',') if f.strip()]
    return 'gemm' if len(fields) <= 4 else 'conv'


def run(args):
    header, rows = rows_of(args.model)
    if not rows:
        raise ImportFailure('%s: found no layer rows, expected at least one' % args.model)
    form = args.form or detect_form(header)
    first = rows[0][1]
    if form == 'conv':
        height, width, channels = integers(args.model, rows[0][0], [first[1], first[2], first[5]],
                                           CONV_FIELDS[:2] + ['channels'])
        shape = (channels, height, width)
    else:
        m, _, k = integers(args.model, rows[0][0], first[1:4], ['M', 'N', 'K'])
        shape = (k, m, 1)
    name = args.name or os.path.splitext(os.path.basename(args.output))[0]
    workload = Workload(name, *shape)
    state, macs = {}, 0
    for number, fields in rows:
        add = conv_layer if form == 'conv' else gemm_layer
        macs += add(workload, args.model, number, fields, state)
    variant = ('SCALE-Sim topology %s (%s form, %d rows): %d MACs as SCALE-Sim counts them'
               % (os.path.basename(args.model), form, len(rows), macs))
    source = '%s; imported with `accelsim-import scalesim %s`' % (args.model,
                                                                 os.path.basename(args.model))
    notes = (' '.join(__doc__.split('\n\n')[1:]).replace('\n', ' ').replace('- ', '')
             + ' Rows are independent layers: no pooling or activations between them.')
    workload.write(args.output, variant, source, notes)
    return workload
