"""Widget update latency in the browser, read from the real-browser suite's results.

`make test-browser` presses an arrow key on every slider in JupyterLab and writes
artifacts/browser-latency.json (and a Markdown copy for people): per notebook, the slider
count, the median and p95 latency from key press to the last change of the output, and the
median of each phase (tests/browser/browser_check.py `phases`). This module only reads it (a
browser run takes minutes), and says so when it is missing or older than a notebook.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from bench.report import Row
from helpers.series import LESSONS, ROOT

__all__ = ["BUDGET_MS", "LATENCY", "bench_browser"]

LATENCY = ROOT / "artifacts" / "browser-latency.json"
BUDGET_MS = 100.0  # p95, key press → picture replaced, on every notebook
PHASE_NOTE = ("to_kernel", "kernel", "to_page", "paint", "png_kB")


def _phases(summary: dict) -> str:
    phases = summary.get("phases_ms") or {}
    parts = [f"{key} {phases[key]:g}" for key in PHASE_NOTE if phases.get(key) is not None]
    return "phases (median ms; kB): " + ", ".join(parts) if parts else "no phases"


def bench_browser(results: Path = LATENCY) -> list[Row]:
    """One row per notebook of the browser results, or one row saying they are missing."""
    if not results.exists():
        return [
            Row(
                "browser",
                "(all notebooks)",
                verdict="not measured",
                note="not measured: run make test-browser first",
            )
        ]
    try:
        summaries = json.loads(results.read_text(encoding="utf-8"))["notebooks"]
    except (ValueError, KeyError, TypeError) as exc:  # an older format, or a broken file
        note = f"not measured: {results.name} unreadable ({exc!r}); run make test-browser again"
        return [Row("browser", "(all notebooks)", verdict="not measured", note=note)]
    measured = results.stat().st_mtime
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(measured))
    newer = [lesson.path.name for lesson in LESSONS if lesson.path.stat().st_mtime > measured]
    stale = f"; STALE: {', '.join(newer)} changed since" if newer else ""
    rows = []
    for summary in summaries:
        median, p95 = summary.get("median_ms"), summary.get("p95_ms")
        if median is None or p95 is None:
            note = f"no slider latency (sliders: {summary.get('sliders')}); measured {when}"
            rows.append(Row("browser", summary["notebook"], verdict="info", note=note))
            continue
        rows.append(
            Row(
                "browser",
                summary["notebook"],
                median=f"{median:.1f} ms",
                spread=f"p95 {p95:.1f} ms",
                budget=f"p95 ≤ {BUDGET_MS:.0f} ms",
                verdict="PASS" if p95 <= BUDGET_MS else "OVER",
                note=f"sliders: {summary['sliders']}; {_phases(summary)}; measured {when}{stale}",
            )
        )
    return rows
