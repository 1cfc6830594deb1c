"""accelsim-import on torch models built here: every layer the C++ parser derives has the
shape of the forward pass and the MACs of the module; the same models exported to ONNX
import to the same layers; trained weights land in the --data layout."""

import numpy
import pytest
import torch
from torch import nn

from accelsim_import.onnx_source import OnnxGraph, load
from accelsim_import.onnx_weights import write_weights
from accelsim_import.torch_import import import_module
from accelsim_import.workload import ImportFailure
from import_helpers import layer_signature, run_import, summary


class Residual(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, groups=2, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += x
        return self.relu(out)


class Shuffled(nn.Module):
    """ShuffleNet v2's unit: split the channels, one half through a branch, concat, shuffle."""

    def __init__(self, channels):
        super().__init__()
        half = channels // 2
        self.branch = nn.Sequential(
            nn.Conv2d(half, half, 1, bias=False), nn.BatchNorm2d(half), nn.ReLU(),
            nn.Conv2d(half, half, 3, padding=1, groups=half, bias=False), nn.BatchNorm2d(half))

    def forward(self, x):
        a, b = x.chunk(2, dim=1)
        out = torch.cat((a, self.branch(b)), dim=1)
        n, c, h, w = out.size()
        out = out.view(n, 2, c // 2, h, w).transpose(1, 2).contiguous()
        return out.view(n, c, h, w)


class Excite(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Conv2d(channels, channels // 4, 1)
        self.fc2 = nn.Conv2d(channels // 4, channels, 1)

    def forward(self, x):
        scale = torch.sigmoid(self.fc2(torch.relu(self.fc1(self.pool(x)))))
        return scale * x


class Small(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2, padding=1, bias=False),
                                  nn.BatchNorm2d(16), nn.ReLU6())
        self.pool = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.block = Residual(16)
        self.left = nn.Conv2d(16, 8, 1)
        self.right = nn.Conv2d(16, 8, (1, 3), padding=(0, 1), dilation=1)
        self.unit = Shuffled(16)
        self.excite = Excite(16)
        self.avg = nn.AvgPool2d(2)
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(), nn.Linear(16 * 4 * 4, 10))

    def forward(self, x):
        x = self.block(self.pool(self.stem(x)))
        x = torch.cat([self.left(x), self.right(x)], 1)
        x = self.avg(self.excite(self.unit(x)))
        return self.head(x)


def module_truth(model, image):
    """Forward hooks: each Conv2d/Linear's output shape and MACs, by module name."""
    truth, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            def hook(module, inputs, output, name=name):
                if isinstance(module, nn.Conv2d):
                    per_output = module.in_channels // module.groups * \
                        module.kernel_size[0] * module.kernel_size[1]
                else:
                    per_output = module.in_features
                shape = tuple(output.shape[1:]) + (1,) * (4 - output.dim())
                truth[name.replace(".", "_")] = (shape, output.numel() * per_output)
            handles.append(module.register_forward_hook(hook))
    with torch.no_grad():
        model.eval()(image)
    for handle in handles:
        handle.remove()
    return truth


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    torch.manual_seed(1)
    model = Small().eval()
    workload, shapes = import_module(model, "small", (3, 32, 32))
    path = folder / "small.yaml"
    workload.write(path, "a small test model", "tests/python/test_torch_import.py")
    return model, path, shapes, folder


def test_every_layer_has_the_shape_of_the_forward_pass(small):
    model, path, shapes, _ = small
    layers, _ = summary(path)
    assert set(layers) <= set(shapes)
    for name, layer in layers.items():
        assert (layer["M"], layer["E"], layer["F"]) == shapes[name], name
    assert [layers[n]["type"] for n in ("unit_chunk", "unit_cat", "unit_shuffle",
                                        "excite_mul", "block_add")] == \
        ["slice", "concat", "shuffle", "mul", "add"]


def test_conv_and_fc_have_the_modules_macs(small):
    model, path, _, _ = small
    layers, totals = summary(path)
    truth = module_truth(model, torch.zeros(1, 3, 32, 32))
    assert len(truth) == 10
    for name, (shape, macs) in truth.items():
        layer = layers[name]
        assert (layer["M"], layer["E"], layer["F"]) == shape, name
        assert layer["macs"] == macs, name
    assert totals["macs"] == sum(macs for _, macs in truth.values())
    assert layers["head_2"]["R"] == 4  # the fc covers the unflattened 16 x 4 x 4 map


def test_activations_fold_and_batch_norm_leaves_no_layer(small):
    layers, _ = summary(small[1])
    assert layers["stem_0"]["activation"] == "relu6"
    assert layers["block_add"]["activation"] == "relu"
    assert layers["excite_fc2"]["activation"] == "sigmoid"
    assert layers["left"]["activation"] == "none"
    assert not any(layer["type"] == "activation" for layer in layers.values())
    assert not any(name.startswith("stem_1") for name in layers)


def export(model, path, training=torch.onnx.TrainingMode.EVAL):
    torch.onnx.export(model, torch.zeros(1, 3, 32, 32), str(path), opset_version=13,
                      training=training, do_constant_folding=False)


def test_onnx_import_gives_the_same_layers(small):
    model, torch_path, _, folder = small
    export(model, folder / "small.onnx")
    completed = run_import("onnx", str(folder / "small.onnx"), "-o", str(folder / "onnx.yaml"))
    assert completed.returncode == 0, completed.stderr
    from_torch, torch_totals = summary(torch_path)
    from_onnx, onnx_totals = summary(folder / "onnx.yaml")
    assert sorted(map(layer_signature, from_onnx.values())) == \
        sorted(map(layer_signature, from_torch.values()))
    assert onnx_totals == torch_totals


def test_onnx_weights_are_q88_with_batch_norm_folded(small):
    model, _, _, folder = small
    with torch.no_grad():
        for bn in model.modules():
            if isinstance(bn, nn.BatchNorm2d):  # something to fold
                bn.running_var.uniform_(0.5, 2.0)
                bn.weight.uniform_(0.5, 1.5)
    export(model, folder / "weights.onnx", torch.onnx.TrainingMode.PRESERVE)
    graph = OnnxGraph(load(str(folder / "weights.onnx")), "weights")
    graph.walk()
    write_weights(graph, str(folder / "data"))
    stem = numpy.load(folder / "data" / "stem_0_weights.npy")
    bn = model.stem[1]
    scale = (bn.weight / torch.sqrt(bn.running_var + bn.eps)).detach().numpy()
    expected = model.stem[0].weight.detach().numpy() * scale.reshape(-1, 1, 1, 1)
    assert stem.dtype == numpy.int16 and stem.shape == (16, 3, 3, 3)
    assert numpy.abs(stem - numpy.round(expected * 256)).max() <= 1
    grouped = numpy.load(folder / "data" / "block_conv2_weights.npy")
    assert grouped.shape == (16, 8, 3, 3)  # [G*M, C per group, R, S]
    fc = numpy.load(folder / "data" / "head_2_weights.npy")
    assert fc.shape == (10, 16, 4, 4)  # the fc's filter covers its 16 x 4 x 4 input
    flat = model.head[2].weight.detach().numpy().reshape(10, 16, 4, 4)
    assert numpy.abs(fc - numpy.round(flat * 256)).max() <= 1


class Unsupported(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.norm = nn.LayerNorm([4, 30, 30])

    def forward(self, x):
        return self.norm(self.conv(x))


def test_a_module_it_cannot_express_is_named():
    with pytest.raises(ImportFailure, match=r"layer_norm in module 'norm' \(LayerNorm\)"):
        import_module(Unsupported(), "bad", (3, 32, 32))


def test_cli_errors_exit_with_code_2(tmp_path):
    completed = run_import("torchvision", "resnet5", "-o", str(tmp_path / "x.yaml"))
    assert completed.returncode == 2
    assert "found 'resnet5', expected a torchvision" in completed.stderr
    assert "did you mean 'resnet50'?" in completed.stderr
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a protobuf at all")
    completed = run_import("onnx", str(broken), "-o", str(tmp_path / "y.yaml"))
    assert completed.returncode == 2
    assert completed.stderr.startswith("accelsim-import: cannot read %s as ONNX" % broken)
    completed = run_import("torchvision", "vit_b_16", "-o", str(tmp_path / "z.yaml"))
    assert completed.returncode == 2
    assert "cannot express" in completed.stderr


def test_torchvision_with_another_input_keeps_the_classifier(tmp_path):
    path = tmp_path / "shufflenet.yaml"
    completed = run_import("torchvision", "shufflenet_v2_x0_5", "-o", str(path), "--input", "96x96")
    assert completed.returncode == 0, completed.stderr
    model = __import__("torchvision").models.shufflenet_v2_x0_5(weights=None)
    _, shapes = import_module(model, "check", (3, 96, 96))
    layers, _ = summary(path)
    for name, layer in layers.items():
        assert (layer["M"], layer["E"], layer["F"]) == shapes[name], name
    assert layers["fc"]["C"] == 1024 and layers["fc"]["R"] == 1  # global pool before it
    assert layers["conv1_0"]["H"] == 96


class OneMapConcat(nn.Module):
    """DenseNet's first dense layer concatenates a list of one map; Inception pools with
    padding, which torch exports as a Pad node before the pool."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.after = nn.Conv2d(8, 4, 1)

    def forward(self, x):
        pooled = nn.functional.avg_pool2d(torch.cat([self.conv(x)], 1), 3, stride=1, padding=1)
        return self.after(pooled)


def test_one_map_concat_is_that_map_and_a_pad_node_pads_its_pool(tmp_path):
    model = OneMapConcat().eval()
    workload, _ = import_module(model, "one", (3, 32, 32))
    assert [layer["type"] for layer in workload.layers] == ["conv", "pool", "conv"]
    export(model, tmp_path / "one.onnx")
    completed = run_import("onnx", str(tmp_path / "one.onnx"), "-o", str(tmp_path / "one.yaml"))
    assert completed.returncode == 0, completed.stderr
    layers, totals = summary(tmp_path / "one.yaml")
    assert [layer["type"] for layer in layers.values()] == ["conv", "pool", "conv"]
    assert [layer["pad"] for layer in layers.values()] == [0, 1, 0]
    assert totals["macs"] == 8 * 3 * 9 * 30 * 30 + 4 * 8 * 30 * 30
