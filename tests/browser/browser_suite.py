"""Shared state of the browser test run: where things are, what each notebook must show, results."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from browser_check import PHASES, Report, check_notebook, close_notebook, latency_summary

from helpers.series import ROOT, Lesson

FIXTURES = Path(__file__).parent / "fixtures"
ARTIFACTS = ROOT / "artifacts"  # git-ignored: screenshots and the latency table
LATENCY_JSON = ARTIFACTS / "browser-latency.json"  # read by the benchmark (bench/browser.py)
FIXTURE_DIR = "_browser_fixtures"  # where the fault fixtures sit inside the server's root

# Reports of the series' notebooks, in run order, for the latency table.
SERIES_REPORTS: list[Report] = []


@cache
def expected(lesson: Lesson) -> tuple[int, int]:
    """(widget views, slider handles) the lesson's notebook must draw, from the registry: one
    view per panel, and each panel's sliders, counted by building the panel once here."""
    panels = [factory() for factory in lesson.panels().values()]
    sliders = sum(1 for panel in panels for control in panel.controls.values() if _slider(control))
    return len(panels), sliders


def assert_clean(report: Report, widgets: int, sliders: int) -> None:
    """What a series notebook must show in any front end: no fault, every widget view and slider
    handle its panels have, every slider redrawing, and a screenshot of the whole notebook."""
    details = report.summary()
    if report.faults and report.console:
        details += "\nbrowser console:\n  " + "\n  ".join(report.console[:10])
    assert not report.faults, details
    assert report.widgets_rendered == report.widgets_expected == widgets
    assert len(report.sliders) == sliders and all(slider.changed for slider in report.sliders)
    assert report.screenshot is not None and report.screenshot.stat().st_size > 10_000


def _slider(control) -> bool:
    return type(control).__name__.endswith("Slider")  # one noUi handle each (no range sliders)


def screenshot_path(source: Path) -> Path:
    """artifacts/screenshots/<name>.png for the series, …/fixtures/<name>.png for the fixtures."""
    sub = "fixtures/" if source.parent == FIXTURES else ""
    return ARTIFACTS / "screenshots" / f"{sub}{source.stem}.png"


def _fmt(value: float | None, spec: str = ".0f") -> str:
    return "n/a" if value is None or value != value else format(value, spec)


def latency_table(summaries: list[dict]) -> str:
    """Markdown for people: notebook, sliders, median and p95 latency, each phase's median."""
    head = ["notebook", "sliders", "median_ms", "p95_ms", *(f"{k}" for k in PHASES)]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for s in summaries:
        cells = [s["notebook"], str(s["sliders"]), _fmt(s["median_ms"]), _fmt(s["p95_ms"])]
        cells += [_fmt(s["phases_ms"][k], ".1f") for k in PHASES]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_latency(reports: list[Report]) -> str:
    """Write artifacts/browser-latency.md (for people) and .json (for the benchmark)."""
    summaries = [latency_summary(r) for r in reports]
    for summary, report in zip(summaries, reports, strict=True):
        summary["seconds"] = report.seconds
        summary["per_slider"] = [
            {"slider": s.where, "latency_ms": s.latency_ms, "phases_ms": s.phases}
            for s in report.sliders
        ]
    table = latency_table(summaries)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "browser-latency.md").write_text(
        "Slider latency in JupyterLab (headless Chromium), from the arrow-key press to the last\n"
        "change of the slider's output, measured in the page; phases are medians (ms) and the\n"
        "picture's size (kB), see tests/browser/browser_check.py `phases`. Written by\n"
        "`make test-browser`.\n\n" + table + "\n"
    )
    LATENCY_JSON.write_text(json.dumps({"notebooks": summaries}, indent=1) + "\n")
    return table


_PAGE: dict = {}  # the one JupyterLab page, reused while checks succeed


def check_in_browser(lab, browser, source: Path, widgets: int, sliders: int | None) -> Report:
    """Run the checker on `source` (a series notebook or a fixture), then close it and stop its
    kernel. One JupyterLab page serves notebook after notebook (loading JupyterLab takes a few
    seconds); after any failure of the checker itself, the next notebook gets a fresh page."""
    relpath = f"{FIXTURE_DIR}/{source.name}" if source.parent == FIXTURES else source.name
    page = _PAGE.get("page")
    if page is None or page.is_closed():
        page = _PAGE["page"] = browser.new_page()
        _PAGE["console"] = console = []
        page.on("pageerror", lambda exc: console.append(f"page error: {exc}"))
        page.on(
            "console",
            lambda msg: (
                console.append(f"console.{msg.type}: {msg.text[:300]}")
                if msg.type == "error"
                else None
            ),
        )
    console = _PAGE["console"]
    console.clear()
    try:
        report = check_notebook(
            page, lab.url, lab.token, relpath, source, widgets, sliders, screenshot_path(source)
        )
        close_notebook(page)
    except BaseException:
        page.close()
        raise
    finally:
        lab.shutdown_kernels()
    report.console = list(console)
    return report
