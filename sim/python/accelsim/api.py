"""accelsim's Python API: simulations and the helpers around them.

Keyword arguments fill the request of the C++ facade the CLI calls too
(sim/api/request.h), so a bad input raises InputError with exactly the message
`accelsim` prints after "accelsim: error: ". Each simulation runs in a child
process forked by the C++ core: SystemC elaborates one design per process, and this
way one Python process runs any number of simulations, on any architectures.
"""

import contextlib
import json
import numbers
import os
import re
import tempfile

import yaml

from . import _core
from .result import VerificationError, network_summary_frame, result_from_files

InputError = _core.InputError


def list_networks():
    """Names of the built-in networks (accelsim --list-nets), sorted."""
    return list(_core.list_networks())


def list_archs():
    """Names of the built-in accelerator specs and spec folders (one spec per
    dataflow, e.g. "isca16"), sorted, as accelsim --list-archs lists them."""
    return sorted(list(_core.list_archs()) + list(_core.list_spec_folders()))


def list_dataflows():
    """Dataflows this build simulates (accepted by dataflow=...)."""
    return list(_core.list_dataflows())


def describe_dataflows():
    """Every word dataflow=... accepts, in the order of `accelsim --help`: a list of
    {"name", "kind" ("dataflow", "family": the best member per layer, or "all"),
    "description", "members"}."""
    return [dict(word) for word in _core.describe_dataflows()]


def expand_dataflows(dataflow):
    """The entries a dataflow=... request runs, in order: "all" stands for every
    dataflow, a family ("os") stays one entry. `dataflow` is a list or "rs,os".
    Raises InputError for an unknown word."""
    return list(_core.expand_dataflows(_names(dataflow)))


def _argument_error(option, value, expected):
    """The CLI's wording for a Python argument of the wrong type."""
    return InputError(f"{option}: found {type(value).__name__} {value!r}, expected {expected}")


def _names(value, option="--dataflow"):
    """A list of names from a list or a comma list ("conv1,conv3")."""
    if isinstance(value, str):
        return value.split(",")
    if not isinstance(value, (list, tuple)) or not all(isinstance(name, str) for name in value):
        raise _argument_error(option, value, "names: a list of texts or a comma list")
    return list(value)


def _path(value, option):
    """A file or folder argument as a path text."""
    if not isinstance(value, (str, os.PathLike)):
        raise _argument_error(option, value, "a name or path")
    return os.fspath(value)


def load_arch(name_or_path, overrides=None):
    """The resolved spec (every field, defaults filled, overrides applied) as a dict:
    the "arch" of run.json. `overrides` is {"key.path": value} as for simulate()."""
    return json.loads(_core.arch_json(_path(name_or_path, "--arch"), _assignments(overrides)))


def network_summary(net):
    """The network's layers as a DataFrame (accelsim --net NET --summary --format csv):
    name, type, C, M, groups, H, W, R, S, stride, pad, E, F, macs, weights (integers,
    pandas' Int64; stride and pad text when a layer's differ per dimension), activation,
    and a `total` row."""
    return network_summary_frame(_core.network_summary_csv(_path(net, "--net")))


def check(arch, net, **options):
    """Validates a simulation's inputs (same arguments as simulate) without running
    it, as `accelsim --check` does. Returns {arch, arch_file, network, network_file,
    layer_count}; raises InputError."""
    with _arch_path(arch) as arch_path:
        return dict(_core.check(_request(arch_path, net, **options)))


def simulate(arch, net, dataflow="rs", batch=1, overrides=None, layers=None, mode="exact",
             seed=0, objective="energy", zero_fraction=None, mapping=None, data_folder=None,
             input=None):
    """Simulates `net` on `arch` and returns a Result (accelsim.result.Result).

    arch: a spec file, a built-in name ("eyeriss", "tiny"), or a full spec as a dict
        (the YAML format of arch/README.md, or load_arch()'s output).
    net: a built-in network name or a workload file.
    dataflow: a dataflow, a family ("os": the best variant per layer) or "all"
        (describe_dataflows()), or several (a list or "rs,os").
    overrides: {"pe_array.rows": 16, ...}, applied like --set, in order.
    layers: names (a list or "conv1,conv3"); default every simulated layer
        (MAC layers, pooling, adds, concatenations).
    mapping: {layer: {param: value}} (like --map) or a mapping file (--mapping).
    input: "HxW" or "HxWxC": the network on another input size (--input).
    zero_fraction: None (default) runs the chained data model, each layer on its
        producers' real output; a number switches to the independent-layer model
        (--zero-fraction).
    The other arguments are the CLI's --batch, --mode, --seed, --objective and --data.

    Raises InputError for bad input, VerificationError when a layer's output
    differs from the reference convolution, RuntimeError when the child process
    fails otherwise, KeyboardInterrupt (killing the child) on Ctrl-C.
    """
    arguments = dict(dataflow=dataflow, batch=batch, overrides=overrides, layers=layers,
                     mode=mode, seed=seed, objective=objective, zero_fraction=zero_fraction,
                     mapping=mapping, data_folder=data_folder, input=input)
    with _arch_path(arch) as arch_path:
        files = _core.run(_request(arch_path, net, **arguments))
    result = result_from_files({"summary.csv": files["summary_csv"],
                                "accesses.csv": files["accesses_csv"],
                                "run.json": files["run_json"],
                                "mappings.txt": files["mappings_txt"],
                                "report.html": files["report_html"],
                                "diagnostics.json": files["diagnostics_json"]})
    if files["unverified_layers"]:
        layer = files["unverified_layers"][0]
        raise VerificationError(
            f"layer {layer}: the engine's output differs from the reference convolution",
            result)
    return result


# The request's fields that simulate() fills: the CLI option each stands for, and
# what a value must be (a value of another type is an InputError naming the option).
_REQUEST_FIELDS = {
    "arch": ("--arch", "a spec name or file"),
    "net": ("--net", "a network name or file"),
    "input": ("--input", "HxW or HxWxC text"),
    "dataflows": ("--dataflow", "dataflow names"),
    "batch": ("--batch", "an integer"),
    "overrides": ("--set", "key.path=value texts"),
    "layers": ("--layers", "layer names"),
    "mode": ("--mode", "exact or per-cycle"),
    "seed": ("--seed", "an integer >= 0"),
    "objective": ("--objective", "energy, cycles or edp"),
    "zero_fraction": ("--zero-fraction", "a number from 0 to 1"),
    "independent_layers": ("--zero-fraction", "a boolean"),
    "layer_mappings": ("--map", "LAYER:k=v,k=v,... texts"),
    "mapping_file": ("--mapping", "a mapping file"),
    "data_folder": ("--data", "a folder"),
}


def _request(arch_path, net, dataflow="rs", batch=1, overrides=None, layers=None, mode="exact",
             seed=0, objective="energy", zero_fraction=None, mapping=None, data_folder=None,
             input=None):
    """The facade's SimulationRequest of simulate()'s arguments; the C++ side checks
    every value, as the CLI's (sim/api/request.h)."""
    values = {"arch": arch_path, "net": _path(net, "--net"), "dataflows": _names(dataflow),
              "batch": batch, "overrides": _assignments(overrides),
              "layers": _names(layers, "--layers") if layers else [], "mode": mode, "seed": seed,
              "objective": objective}
    if zero_fraction is not None:  # the independent-layer model (README, Data model)
        values["zero_fraction"] = zero_fraction
        values["independent_layers"] = True
    if isinstance(mapping, dict):
        values["layer_mappings"] = [_layer_mapping_text(layer, params)
                                    for layer, params in mapping.items()]
    elif mapping is not None:
        values["mapping_file"] = _path(mapping, "--mapping")
    if data_folder:
        values["data_folder"] = _path(data_folder, "--data")
    if input:
        values["input"] = input
    request = _core.SimulationRequest()
    for field, value in values.items():
        try:
            setattr(request, field, value)
        except TypeError:
            option, expected = _REQUEST_FIELDS[field]
            raise InputError(f"{option}: found '{value}', expected {expected}") from None
    return request


def cli_arguments(arch_path, net, dataflow="rs", batch=1, overrides=None, layers=None,
                  mode="exact", seed=0, objective="energy", zero_fraction=None, mapping=None,
                  data_folder=None, input=None):
    """The accelsim command-line arguments (without the program name) of the same
    simulation as simulate() with these arguments."""
    arguments = ["--arch", arch_path, "--net", os.fspath(net), "--dataflow",
                 ",".join(_names(dataflow)),
                 "--batch", str(batch), "--mode", str(mode), "--seed", str(seed),
                 "--objective", str(objective)]
    if zero_fraction is not None:
        arguments += ["--zero-fraction", repr(float(zero_fraction))]
    for assignment in _assignments(overrides):
        arguments += ["--set", assignment]
    if layers:
        arguments += ["--layers", ",".join(_names(layers))]
    arguments += _mapping_arguments(mapping)
    if data_folder:
        arguments += ["--data", os.fspath(data_folder)]
    if input:
        arguments += ["--input", str(input)]
    return arguments


def _value_text(value):
    """A Python value as the spec's YAML scalar: True -> "true"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _assignments(overrides):
    """{"key.path": value} -> ["key.path=value", ...] (the text of --set)."""
    if overrides is None:
        return []
    if not isinstance(overrides, dict) or not all(
            isinstance(key, str) and isinstance(value, (str, numbers.Number))
            for key, value in overrides.items()):
        raise _argument_error("--set", overrides, "a dict of key.path: value (texts or numbers)")
    return [f"{key}={_value_text(value)}" for key, value in overrides.items()]


def _layer_mapping_text(layer, params):
    """{param: value} of a layer as the text of --map: "conv1:m=96,n=1,..."."""
    if not isinstance(layer, str) or not isinstance(params, dict) or not all(
            isinstance(name, str) and isinstance(value, numbers.Integral)
            for name, value in params.items()):
        raise _argument_error("--map", {layer: params},
                              "{layer: {parameter: integer, ...}}, e.g. {'conv1': {'m': 96}}")
    return f"{layer}:" + ",".join(f"{name}={value}" for name, value in params.items())


def _mapping_arguments(mapping):
    if mapping is None:
        return []
    if isinstance(mapping, dict):
        return [argument for layer, params in mapping.items()
                for argument in ("--map", _layer_mapping_text(layer, params))]
    return ["--mapping", os.fspath(mapping)]


def _spec_for_yaml(arch):
    """A spec dict as the spec file format accepts it. load_arch() adds `file` and
    lists glb.ifmap_banks (0) even with a per-layer split: both are dropped. A
    relative energy-table path is made absolute (from the current folder)."""
    spec = {key: value for key, value in arch.items() if key != "file"}
    glb = spec.get("glb")
    if isinstance(glb, dict) and glb.get("split", "per_layer") != "fixed":
        spec["glb"] = {key: value for key, value in glb.items() if key != "ifmap_banks"}
    energy = spec.get("energy")
    if isinstance(energy, str) and (energy.endswith((".yaml", ".yml")) or os.sep in energy):
        spec["energy"] = os.path.abspath(energy)
    return spec


def _plain(value):
    """`value` with NumPy scalars (np.int64(16), np.float64(0.5)) as Python numbers,
    which YAML can write."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        return value.item()
    return value


@contextlib.contextmanager
def _arch_path(arch):
    """A path for `arch`: itself for a name or path; a temporary YAML file for a dict
    (removed afterwards). The dict's `file` key (load_arch's output) is dropped; a
    relative energy-table path is taken from the current folder."""
    if not isinstance(arch, dict):
        yield _path(arch, "--arch")
        return
    spec = _spec_for_yaml(arch)
    with tempfile.TemporaryDirectory(prefix="accelsim-arch-") as folder:
        stem = re.sub(r"[^\w.-]", "_", str(spec.get("name", "arch")))
        path = os.path.join(folder, f"{stem}.yaml")
        with open(path, "w", encoding="utf-8") as handle:
            try:
                yaml.safe_dump(_plain(spec), handle, sort_keys=False)
            except yaml.representer.RepresenterError as error:
                raise _argument_error("--arch", error.args[-1],
                                      "YAML values in the spec dict: texts, numbers, "
                                      "booleans, lists, dicts") from None
        yield path
