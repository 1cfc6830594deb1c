"""The workload file a importer writes: a header and one flow-style line per layer.

Importers describe the framework's graph as it is: batch-norm, dropout and activation
layers are written as such (`type: batchnorm`, `type: relu`), and the workload parser
folds them (workloads/README.md), so the folding rules live in one place.
"""
import re


class ImportFailure(Exception):
    """Input the importer cannot express; the command prints it and exits with code 2."""


def layer_name(text):
    """A framework name as a workload layer name: 'features.0' -> 'features_0'."""
    name = re.sub(r'[^A-Za-z0-9_]+', '_', text).strip('_')
    return name or 'layer'


class Workload:
    """Layers in execution order, each a dict of workload keys (name and type first)."""

    def __init__(self, name, channels, height, width):
        self.name = name
        self.input = (channels, height, width)
        self.layers = []
        self._names = {'input'}

    def unique(self, text):
        base = layer_name(text)
        name, index = base, 1
        while name in self._names:
            name = '%s_%d' % (base, index)
            index += 1
        self._names.add(name)
        return name

    def add(self, name, type_, **keys):
        """Appends a layer; returns its (unique) name."""
        name = self.unique(name)
        entry = {'name': name, 'type': type_}
        for key, value in keys.items():
            if value is not None:
                entry[key.rstrip('_')] = value
        self.layers.append(entry)
        return name

    def text(self, variant, source, notes=''):
        lines = ['name: %s' % self.name, 'variant: >', _wrapped(variant),
                 'source: >', _wrapped(source)]
        if notes:
            lines += ['notes: >', _wrapped(notes)]
        channels, height, width = self.input
        lines.append('input: {channels: %d, height: %d, width: %d}' % (channels, height, width))
        lines.append('layers:')
        lines += ['  - {%s}' % ', '.join('%s: %s' % (key, _value(value))
                                         for key, value in layer.items())
                  for layer in self.layers]
        return '\n'.join(lines) + '\n'

    def write(self, path, variant, source, notes=''):
        with open(path, 'w') as out:
            out.write(self.text(variant, source, notes))


def pair(height, width):
    """One integer when both dimensions agree, else [height, width]."""
    return int(height) if height == width else [int(height), int(width)]


def window_keys(kernel, stride, padding, dilation=(1, 1), default_stride=(1, 1)):
    """The keys of a sliding window (each a (height, width) pair), defaults left out."""
    keys = {'kernel': pair(*kernel)}
    if tuple(stride) != tuple(default_stride):
        keys['stride'] = pair(*stride)
    if tuple(padding) != (0, 0):
        keys['padding'] = pair(*padding)
    if tuple(dilation) != (1, 1):
        keys['dilation'] = pair(*dilation)
    return keys


def conv_keys(filters, kernel, stride, padding, dilation, groups):
    keys = dict({'filters': int(filters)}, **window_keys(kernel, stride, padding, dilation))
    if groups != 1:
        keys['groups'] = int(groups)
    return keys


def _value(value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (list, tuple)):
        return '[' + ', '.join(_value(item) for item in value) + ']'
    return str(value)


def _wrapped(text, width=88):
    words, lines, line = text.split(), [], '  '
    for word in words:
        if len(line) + len(word) + 1 > width and line.strip():
            lines.append(line.rstrip())
            line = '  '
        line += word + ' '
    lines.append(line.rstrip())
    return '\n'.join(lines)
