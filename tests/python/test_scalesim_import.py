"""accelsim-import scalesim: both topology forms give the MACs SCALE-Sim computes
(its output size is ceil((IFMAP - filter + stride) / stride)), and bad rows are errors
naming file:line."""

import math

from import_helpers import run_import, summary

CONV_CSV = """Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,
Conv1, 224, 224, 11, 11, 3, 96, 4,
Conv2, 27, 27, 5, 5, 96, 256, 1,
Conv3_DP, 23, 23, 3, 3, 256, 2, 2,#dw
Conv4, 11, 11, 1, 1, 512, 64, 1,

FC, 1, 1, 1, 1, 64, 10, 1,
"""

GEMM_CSV = """Layer Name, M, N, K,
QKV, 128, 2304, 768,
Out, 128, 768, 768,
FFN1, 128, 3072, 768,
"""


def scalesim_macs(rows):
    """SCALE-Sim's count, from its own formula (topology_utils.py)."""
    total = 0
    for height, width, r, s, channels, filters, stride in rows:
        out_h = math.ceil((height - r + stride) / stride)
        out_w = math.ceil((width - s + stride) / stride)
        total += out_h * out_w * r * s * channels * filters
    return total


def test_conv_form_gives_scalesims_macs(tmp_path):
    (tmp_path / "net.csv").write_text(CONV_CSV)
    completed = run_import("scalesim", str(tmp_path / "net.csv"), "-o", str(tmp_path / "net.yaml"))
    assert completed.returncode == 0, completed.stderr
    layers, totals = summary(tmp_path / "net.yaml")
    expected = scalesim_macs([(224, 224, 11, 11, 3, 96, 4), (27, 27, 5, 5, 96, 256, 1),
                              (23, 23, 3, 3, 256, 2, 2), (11, 11, 1, 1, 512, 64, 1),
                              (1, 1, 1, 1, 64, 10, 1)])
    assert totals["macs"] == expected
    # (224 - 11) / 4 rounds up to 54: 55 outputs, as SCALE-Sim has it (the usual formula: 54)
    assert (layers["Conv1"]["E"], layers["Conv1"]["pad"]) == (55, 2)
    assert layers["Conv2"]["H"] == 27 and layers["Conv2_input"]["type"] == "input"
    # "DP": depthwise, SCALE-Sim's one layer per channel with the row's 2 filters each
    dw = layers["Conv3_DP"]
    assert (dw["groups"], dw["M"], dw["E"]) == (256, 512, 11)
    assert layers["Conv4"]["C"] == 512 and "Conv4_input" not in layers  # reads Conv3_DP


def test_gemm_form_is_a_matmul_per_row(tmp_path):
    (tmp_path / "bert.csv").write_text(GEMM_CSV)
    completed = run_import("scalesim", str(tmp_path / "bert.csv"), "-o", str(tmp_path / "b.yaml"))
    assert completed.returncode == 0, completed.stderr
    layers, totals = summary(tmp_path / "b.yaml")
    assert totals["macs"] == 128 * 768 * (2304 + 768 + 3072)
    assert (layers["QKV"]["type"], layers["QKV"]["C"], layers["QKV"]["H"]) == ("matmul", 768, 128)
    assert layers["Out_input"]["C"] == 768  # QKV's 2304 outputs are not Out's input


def test_a_bad_row_names_file_and_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(CONV_CSV.replace("Conv2, 27, 27, 5, 5, 96,", "Conv2, 27, 27, 5, 5, ninety,"))
    completed = run_import("scalesim", str(path), "-o", str(tmp_path / "x.yaml"))
    assert completed.returncode == 2
    assert completed.stderr == "accelsim-import: %s:3: channels: found 'ninety', expected a " \
                               "positive integer\n" % path
    path.write_text(CONV_CSV.replace("Conv2, 27, 27, 5, 5,", "Conv2, 3, 27, 5, 5,"))
    completed = run_import("scalesim", str(path), "-o", str(tmp_path / "x.yaml"))
    assert completed.returncode == 2
    assert "bad.csv:3: found a 5x5 filter on a 3x27 IFMAP" in completed.stderr
