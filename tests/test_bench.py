"""The benchmark suite runs and reports every row (a smoke run: no timing is asserted)."""

import itertools
import json
import subprocess
import sys
from pathlib import Path

import ipywidgets as widgets
import pytest

from bench.browser import bench_browser, parse_table
from bench.notebooks import series
from bench.panels import sweep
from bench.report import RESULTS
from helpers.series import all_panels

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "latest.md"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = json.loads(out.with_suffix(".json").read_text())["rows"]
    return out, rows, done.stdout


def test_the_results_go_to_the_ignored_results_folder():
    assert RESULTS == ROOT / "bench" / "results" / "latest.md"
    assert "bench/results/" in (ROOT / ".gitignore").read_text().splitlines()


def test_quick_run_has_a_row_for_every_notebook_panel_browser_total_and_suite(smoke):
    out, rows, stdout = smoke
    items = {(r["section"], r["item"]) for r in rows}
    for path in series():
        assert ("notebook", path.stem) in items
    assert ("notebook", "(empty notebook)") in items
    assert any(s == "notebook" and i.startswith("TOTAL") for s, i in items)
    for name in all_panels():
        assert ("panel", name) in items
    assert any(s == "panel" and i.startswith("ALL") for s, i in items)
    assert any(s == "browser" for s, _ in items)
    assert {("suite", "make test"), ("suite", "make test-browser")} <= items
    errors = [r for r in rows if r["verdict"] == "ERROR"]
    assert not errors, errors
    for row in rows:
        if row["budget"] not in ("—", "floor"):
            assert row["verdict"] in ("PASS", "OVER", "not measured"), row
    markdown = out.read_text()
    assert (
        "| section | item | median | spread | baseline | ratio | budget | verdict | note |"
        in markdown
    )
    for _, item in items:
        assert f"| {item} |" in markdown and item in stdout


@pytest.mark.parametrize(
    "control",
    [
        widgets.FloatSlider(value=0.5, min=-1.0, max=1.0, step=0.25),
        widgets.IntSlider(value=2, min=0, max=3),
        widgets.FloatLogSlider(value=0.01, base=10, min=-3, max=0, step=0.5),
        widgets.Dropdown(options=[("one", 1), ("two", 2), ("three", 3)], value=2),
        widgets.Checkbox(value=False),
    ],
    ids=lambda c: type(c).__name__,
)
def test_a_sweep_moves_the_control_at_every_step_and_stays_in_range(control):
    values = sweep(control, 50)
    assert len(values) == 50
    steps = [control.value, *values]
    assert all(a != b for a, b in itertools.pairwise(steps))
    if hasattr(control, "min") and not isinstance(control, widgets.FloatLogSlider):
        assert min(values) == control.min and max(values) == control.max


def test_the_browser_table_is_read_and_its_absence_is_said(tmp_path):
    missing = bench_browser(tmp_path / "absent.md")
    assert len(missing) == 1 and "run make test-browser first" in missing[0].note
    table = tmp_path / "browser-latency.md"
    table.write_text(
        "Some prose.\n\n| notebook | sliders | median_ms | p95_ms |\n|---|---:|---:|---:|\n"
        "| 00_start_here.ipynb | 1 | 80 | 95 |\n| 01_x.ipynb | 7 | 120 | 300 |\n"
    )
    assert parse_table(table.read_text())[1]["p95_ms"] == "300"
    rows = bench_browser(table)
    assert [(r.item, r.median, r.verdict) for r in rows] == [
        ("00_start_here.ipynb", "80.0 ms", "PASS"),
        ("01_x.ipynb", "120.0 ms", "OVER"),
    ]
