"""The benchmark suite runs and reports every row (a smoke run: no timing is asserted).

The smoke run executes one notebook (and the floors) and one panel: nbval and
tests/test_panels.py have already run every notebook and panel in the same `make test`, and the
machinery is the same for each."""

import itertools
import json
import subprocess
import sys

import ipywidgets as widgets
import pytest

from bench.browser import bench_browser
from bench.notebooks import FLOORS
from bench.panels import sweep
from bench.report import RESULTS
from helpers.series import LESSONS, ROOT, all_panels


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
    verdicts = {r["item"]: r["verdict"] for r in rows if r["section"] == "notebook"}
    assert verdicts[LESSONS[0].stem] in ("PASS", "OVER")  # the one notebook a smoke run runs
    assert all(verdicts[lesson.stem] == "not run" for lesson in LESSONS[1:])
    assert ("notebook", "(empty notebook)") in items and all(
        verdicts[name] == "info" for name in FLOORS
    )
    assert any(s == "notebook" and i.startswith("TOTAL") for s, i in items)
    panels = {r["item"]: r["verdict"] for r in rows if r["section"] == "panel"}
    first, *others = all_panels()
    assert panels[first] in ("PASS", "OVER")  # the one panel a smoke run measures
    assert all(panels[name] == "not run" for name in others)
    assert any(s == "panel" and i.startswith("ALL") for s, i in items)
    assert any(s == "browser" for s, _ in items)
    assert {("suite", "make test"), ("suite", "make test-browser")} <= items
    errors = [r for r in rows if r["verdict"] == "ERROR"]
    assert not errors, errors
    for row in rows:
        if row["budget"] not in ("—", "floor"):
            assert row["verdict"] in ("PASS", "OVER", "not measured", "not run"), row
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


def test_the_browser_results_are_read_and_their_absence_is_said(tmp_path):
    missing = bench_browser(tmp_path / "absent.json")
    assert len(missing) == 1 and "run make test-browser first" in missing[0].note
    results = tmp_path / "browser-latency.json"
    phases = {"to_kernel": 9.0, "kernel": 30.5, "to_page": 12.0, "paint": 20.0, "png_kB": 19.8}
    b = {"notebook": "01_b.ipynb", "sliders": 7, "median_ms": 60, "p95_ms": 130.4}
    notebooks = [
        {"notebook": "00_a.ipynb", "sliders": 1, "median_ms": 80, "p95_ms": 95},
        b | {"phases_ms": phases},
        {"notebook": "02_c.ipynb", "sliders": 0, "median_ms": None, "p95_ms": None},
    ]
    results.write_text(json.dumps({"notebooks": notebooks}))
    rows = bench_browser(results)
    # the budget is on p95: 95 passes, 130.4 is over although its median (60) is well inside
    assert [(r.item, r.median, r.spread, r.verdict) for r in rows] == [
        ("00_a.ipynb", "80.0 ms", "p95 95.0 ms", "PASS"),
        ("01_b.ipynb", "60.0 ms", "p95 130.4 ms", "OVER"),
        ("02_c.ipynb", "—", "—", "info"),
    ]
    assert "kernel 30.5" in rows[1].note and "png_kB 19.8" in rows[1].note
    results.write_text("{not json")
    assert bench_browser(results)[0].verdict == "not measured"
