"""Size arithmetic of an exported ONNX graph folded into constants.

Exporters compute reshape targets and slice bounds from the input's size at run time
(Shape -> Gather -> Div -> Slice for torch's `chunk`), which onnx.shape_inference does
not follow. With a fixed input every such value is a constant: this evaluates them
with numpy, stores them as initializers and infers the shapes again, until every
activation has its shape.
"""
import numpy

EVALUATORS = {
    'Add': lambda a, b: a + b,
    'Sub': lambda a, b: a - b,
    'Mul': lambda a, b: a * b,
    'Div': lambda a, b: a // b if a.dtype.kind in 'iu' else a / b,
    'Equal': lambda a, b: a == b,
    'Where': lambda c, a, b: numpy.where(c, a, b),
    'Identity': lambda a: a,
}


def evaluate(node, values, attributes):
    """The node's output as a numpy array, or None when it is not a size computation."""
    a = attributes(node)
    inputs = [values.get(name) for name in node.input]
    if any(value is None for value in inputs):
        return None  # reads an activation (or a Shape the caller could not fold)
    if node.op_type in EVALUATORS:
        return EVALUATORS[node.op_type](*inputs)
    if node.op_type == 'Gather':
        return numpy.take(inputs[0], inputs[1], axis=a.get('axis', 0))
    if node.op_type == 'Unsqueeze':
        axes = a.get('axes', inputs[1] if len(inputs) > 1 else None)
        return numpy.expand_dims(inputs[0], tuple(int(x) for x in axes))
    if node.op_type == 'Squeeze':
        axes = a.get('axes', inputs[1] if len(inputs) > 1 else None)
        return numpy.squeeze(inputs[0], None if axes is None else tuple(int(x) for x in axes))
    if node.op_type == 'Concat':
        return numpy.concatenate(inputs, axis=a['axis'])
    if node.op_type == 'Cast':
        return inputs[0].copy()
    if node.op_type == 'Slice' and inputs[0].ndim == 1 and len(inputs) >= 3:
        return inputs[0][int(inputs[1][0]):int(inputs[2][0])]
    return None


def fold_sizes(model, rounds=8):
    import onnx
    from onnx import numpy_helper

    def attributes(node):
        return {x.name: onnx.helper.get_attribute_value(x) for x in node.attribute}

    for _ in range(rounds):
        model = onnx.shape_inference.infer_shapes(model)
        shapes = {}
        for info in list(model.graph.value_info) + list(model.graph.input):
            dims = info.type.tensor_type.shape.dim
            if dims and all(d.HasField('dim_value') for d in dims):
                shapes[info.name] = [d.dim_value for d in dims]
        values = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
        folded, kept = [], []
        for node in model.graph.node:
            if node.op_type == 'Constant':
                values[node.output[0]] = numpy_helper.to_array(attributes(node)['value'])
                kept.append(node)
                continue
            if node.op_type == 'Shape' and node.input[0] in shapes:
                result = numpy.array(shapes[node.input[0]], dtype=numpy.int64)
            else:
                result = evaluate(node, values, attributes)
            if result is None or len(node.output) != 1:
                kept.append(node)
                continue
            values[node.output[0]] = numpy.asarray(result)
            folded.append(numpy_helper.from_array(numpy.asarray(result), node.output[0]))
        if not folded:
            return model
        del model.graph.node[:]
        model.graph.node.extend(kept)
        model.graph.initializer.extend(folded)
    return onnx.shape_inference.infer_shapes(model)
