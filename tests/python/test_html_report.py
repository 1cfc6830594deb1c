"""report.html in a real browser (Debian's chromium, headless): it renders, the per-layer
table has a row per layer and dataflow, the charts are there, every waterfall ends at
the measured total, and the page fetches nothing."""

import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser

import pandas as pd
import pytest

from simulation_helpers import run_cli

CHROMIUM = shutil.which("chromium")
HEADLESS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")


def chromium(*arguments):
    # Not the sanitizer runtimes tools/sanitize.sh preloads for the module: the browser
    # is not ours, and it does not start under them.
    env = {key: value for key, value in os.environ.items() if key != "LD_PRELOAD"}
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([CHROMIUM, *HEADLESS, f"--user-data-dir={profile}", *arguments],
                              capture_output=True, text=True, timeout=120, env=env)


class Dom(HTMLParser):
    """What the tests look at in the rendered DOM."""

    def __init__(self):
        super().__init__()
        self.stack, self.layer_rows, self.svgs, self.sections = [], [], 0, []
        self.waterfall_ends, self.fetches = [], []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.stack.append((tag, attrs))
        if tag == "tr" and any(t == "table" and a.get("class") == "layers" for t, a in self.stack):
            if any(t == "tbody" for t, _ in self.stack):
                self.layer_rows.append([])
        if tag == "td" and self.layer_rows and any(a.get("class") == "layers"
                                                   for _, a in self.stack):
            self.layer_rows[-1].append("")
        self.svgs += tag == "svg"
        if tag == "section":
            self.sections.append(attrs.get("id"))
        for key in ("src", "href"):
            if key in attrs:
                self.fetches.append(attrs[key])
        self.fetches += [tag] if tag in ("script", "link", "iframe", "img") else []

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.layer_rows and self.stack and self.stack[-1][0] == "td" and any(
                a.get("class") == "layers" for _, a in self.stack):
            self.layer_rows[-1][-1] += data
        if self.stack and self.stack[-1][0] == "text" and ("✓" in data or "✗" in data):
            self.waterfall_ends.append(data)
        self.text += data


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    """LeNet-5 on tiny with RS and WS: some layers map, c1 with RS does not."""
    out = tmp_path_factory.mktemp("html") / "run"
    completed = run_cli("--arch", "tiny", "--net", "lenet5", "--dataflow", "rs,ws", "--out",
                        str(out), "--quiet")
    assert completed.returncode == 0, completed.stderr
    return out


@pytest.fixture(scope="module")
def dom(run_dir):
    completed = chromium("--dump-dom", (run_dir / "report.html").as_uri())
    assert completed.returncode == 0, completed.stderr
    parser = Dom()
    parser.feed(completed.stdout)
    return parser


def test_the_report_renders_with_every_section(dom):
    assert dom.sections == ["totals", "layers", "energy", "utilization", "cycles", "mapping"]
    assert "lenet5 on tiny, batch 1" in dom.text


def test_the_table_has_a_row_per_layer_and_dataflow(dom, run_dir):
    summary = pd.read_csv(run_dir / "summary.csv")
    assert len(dom.layer_rows) == len(summary)
    dataflows = [row[2] if len(row) > 2 else None for row in dom.layer_rows]
    assert dataflows == list(summary["dataflow"])
    unmapped = summary[~summary["mapped"]]
    assert len(unmapped) > 0
    assert sum("not mapped" in "".join(row) for row in dom.layer_rows) == len(unmapped)


def test_the_charts_are_there_and_every_waterfall_adds_up(dom, run_dir):
    summary = pd.read_csv(run_dir / "summary.csv")
    mapped = summary[summary["mapped"]]
    # CONV and FC overviews, CONV and FC per layer, utilization, cycle shares, waterfalls,
    # the mapping of each mapped layer on the array.
    assert dom.svgs == 2 + 2 + 1 + 1 + len(mapped) + len(mapped)
    assert dom.waterfall_ends == [f"{cycles} ✓" for cycles in mapped["cycles"]]


def test_the_page_fetches_nothing(dom, run_dir):
    assert dom.fetches == []
    assert "http" not in (run_dir / "report.html").read_text().replace(
        "http://www.w3.org/2000/svg", "")


def test_a_screenshot_is_drawn(run_dir, tmp_path):
    from PIL import Image
    shot = tmp_path / "report.png"
    completed = chromium(f"--screenshot={shot}", "--window-size=1400,3000",
                         (run_dir / "report.html").as_uri())
    assert completed.returncode == 0, completed.stderr
    image = Image.open(shot).convert("RGB")
    assert image.size == (1400, 3000)
    assert len(image.getcolors(1 << 20)) > 50  # text and colored bars, not a blank page


class PeGrid(HTMLParser):
    """The mapping section's arrays: per figure caption, the PE rects (fill, tooltip)."""

    def __init__(self):
        super().__init__()
        self.figures, self.in_caption, self.in_title = [], False, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and attrs.get("class") == "placement":
            self.figures.append({"caption": "", "pes": []})
        self.in_caption = tag == "figcaption" and bool(self.figures)
        if tag == "title" and self.figures:
            self.figures[-1]["pes"].append({"title": ""})
            self.in_title = True
        if tag == "rect" and self.figures and self.figures[-1]["pes"]:
            self.figures[-1]["pes"][-1]["fill"] = attrs["fill"]

    def handle_endtag(self, tag):
        self.in_caption = self.in_caption and tag != "figcaption"
        self.in_title = self.in_title and tag != "title"

    def handle_data(self, data):
        if self.in_caption:
            self.figures[-1]["caption"] += data
        if self.in_title:
            self.figures[-1]["pes"][-1]["title"] += data


def test_the_mapping_is_drawn_on_the_array_as_the_chip_paper_draws_alexnet(tmp_path):
    """JSSC 2017 Fig. 5: on Eyeriss (12 x 14), AlexNet CONV1 runs two PE sets of 11 x 7
    side by side; CONV2's 5 x 27 sets are split into segments."""
    out = tmp_path / "run"
    completed = run_cli("--arch", "eyeriss", "--net", "alexnet", "--layers", "conv1,conv2",
                        "--mapping", "dataflows/row_stationary/eyeriss_alexnet.yaml",
                        "--out", str(out), "--quiet")
    assert completed.returncode == 0, completed.stderr
    grid = PeGrid()
    grid.feed((out / "report.html").read_text())
    conv1, conv2 = grid.figures
    assert conv1["caption"].startswith("conv1 on rs (eyeriss, 12 × 14): 154 PEs busy, 2 PE sets")
    assert len(conv1["pes"]) == 12 * 14
    sets = [pe["title"].split(": ")[1].split(",")[0] if "unused" not in pe["title"] else None
            for pe in conv1["pes"]]
    rows = [sets[r * 14:(r + 1) * 14] for r in range(12)]
    assert rows[:11] == [["set t1 r1"] * 7 + ["set t2 r1"] * 7] * 11
    assert rows[11] == [None] * 14
    assert "segments" in conv2["caption"]
    assert any("segment 2" in pe["title"] for pe in conv2["pes"])
