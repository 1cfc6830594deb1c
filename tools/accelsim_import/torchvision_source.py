"""`accelsim-import torchvision NAME`: a torchvision classification model (weights=None)."""
import os

from .workload import ImportFailure

NOTES = ('Imported from a forward pass of the model in eval mode. Batch-norm, dropout and '
         'flatten are written as in the model (batch-norm is folded at inference, dropout and '
         'flatten do nothing) and the activation layers are folded into their producers by '
         'the workload parser where they can be (workloads/README.md). Adaptive pooling is '
         'the pool it is on this input. FC layers cover their whole input; auxiliary '
         'classifiers (training only) are not part of the forward pass.')


def default_input_size(models, name):
    """The crop size torchvision evaluates the model at (224 unless its weights say)."""
    try:
        crop = models.get_model_weights(name).DEFAULT.transforms().crop_size
        return crop[0], crop[-1]
    except (ValueError, AttributeError, KeyError):
        return 224, 224


def load_model(name):
    import torchvision
    from torchvision import models
    names = models.list_models(module=models)
    if name not in names:
        import difflib
        close = difflib.get_close_matches(name, names, n=1)
        hint = "; did you mean '%s'?" % close[0] if close else ''
        raise ImportFailure("found '%s', expected a torchvision %s classification model%s "
                            '(accelsim-import torchvision --list names them)'
                            % (name, torchvision.__version__, hint))
    return models, models.get_model(name, weights=None)


def list_models():
    from torchvision import models
    return models.list_models(module=models)


def run(args):
    from .torch_import import import_module
    import torchvision
    models, model = load_model(args.model)
    height, width, channels = args.input or (default_input_size(models, args.model) + (3,))
    channels = channels or 3
    name = args.name or os.path.splitext(os.path.basename(args.output))[0]
    workload, _ = import_module(model, name, (channels, height, width))
    variant = ('torchvision %s %s (weights=None), %dx%dx%d input, every layer of its '
               'eval-mode forward pass' % (torchvision.__version__.split('a')[0], args.model,
                                           height, width, channels))
    source = ('torchvision.models.%s; imported with `accelsim-import torchvision %s%s`'
              % (args.model, args.model,
                 ' --input %dx%d' % (height, width) if args.input else ''))
    workload.write(args.output, variant, source, NOTES)
    return workload
