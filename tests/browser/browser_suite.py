"""Shared state of the browser test run: where things are, which notebooks exist, the results."""

from __future__ import annotations

from pathlib import Path

from browser_check import Report, check_notebook, close_notebook, latency_row

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
FIXTURES = Path(__file__).parent / "fixtures"
ARTIFACTS = ROOT / "artifacts"  # git-ignored: screenshots and the latency table
FIXTURE_DIR = "_browser_fixtures"  # where the fault fixtures sit inside the server's root

# Reports of the series' notebooks, in run order, for the latency table.
SERIES_REPORTS: list[Report] = []


def series() -> list[Path]:
    """The notebooks of the series, in order (whatever exists right now)."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def screenshot_path(source: Path) -> Path:
    """artifacts/screenshots/<name>.png for the series, …/fixtures/<name>.png for the fixtures."""
    sub = "fixtures/" if source.parent == FIXTURES else ""
    return ARTIFACTS / "screenshots" / f"{sub}{source.stem}.png"


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def latency_table(reports: list[Report]) -> str:
    """Markdown: notebook | sliders | median_ms | p95_ms (read by the benchmark)."""
    lines = ["| notebook | sliders | median_ms | p95_ms |", "|---|---:|---:|---:|"]
    for report in reports:
        name, sliders, median, p95 = latency_row(report)
        lines.append(f"| {name} | {sliders} | {_fmt(median)} | {_fmt(p95)} |")
    return "\n".join(lines)


_PAGE: dict = {}  # the one JupyterLab page, reused while checks succeed


def check_in_browser(lab, browser, source: Path) -> Report:
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
        report = check_notebook(page, lab.url, lab.token, relpath, source, screenshot_path(source))
        close_notebook(page)
    except BaseException:
        page.close()
        raise
    finally:
        lab.shutdown_kernels()
    report.console = list(console)
    return report
