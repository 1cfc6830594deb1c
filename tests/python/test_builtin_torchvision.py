"""The built-in networks generated from torchvision (tools/gen_torchvision_nets.py):
every layer the C++ parser derives from the shipped file has the shape torchvision
0.14's forward pass gives it."""

import pytest
import torchvision

from accelsim_import.torch_import import import_module
from import_helpers import summary
from simulation_helpers import REPO

NETS = {"squeezenet-1.0": ("squeezenet1_0", 224), "squeezenet-1.1": ("squeezenet1_1", 224),
        "inception-v3": ("inception_v3", 299), "shufflenet-v2": ("shufflenet_v2_x1_0", 224),
        "resnext50-32x4d": ("resnext50_32x4d", 224), "wide-resnet50-2": ("wide_resnet50_2", 224),
        "densenet121": ("densenet121", 224), "mobilenet-v2": ("mobilenet_v2", 224)}


@pytest.mark.parametrize("net", sorted(NETS))
def test_every_layer_has_torchvisions_shape(net):
    model_name, size = NETS[net]
    model = torchvision.models.get_model(model_name, weights=None)
    _, shapes = import_module(model, net, (3, size, size))
    layers, _ = summary(REPO / "workloads" / "nets" / (net + ".yaml"))
    assert len(layers) > 20
    for name, layer in layers.items():
        assert (layer["M"], layer["E"], layer["F"]) == shapes[name], name
