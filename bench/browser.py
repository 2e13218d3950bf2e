"""Widget update latency in the browser, read from the real-browser suite's table.

`make test-browser` drags every slider in JupyterLab and writes artifacts/browser-latency.md,
a Markdown table with the columns notebook, sliders, median_ms, p95_ms. This module only
reads it (a browser run takes minutes), and says so when it is missing or older than a notebook.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.report import Row

__all__ = ["BUDGET_MS", "TABLE", "bench_browser", "parse_table"]

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "artifacts" / "browser-latency.md"
BUDGET_MS = 100.0
NEEDED = ("notebook", "sliders", "median_ms", "p95_ms")


def parse_table(text: str) -> list[dict[str, str]]:
    """The rows of the first Markdown table in `text` that has the NEEDED columns."""
    lines = [line.strip() for line in text.splitlines()]
    for i, line in enumerate(lines):
        header = [c.strip().lower() for c in line.strip("|").split("|")]
        if line.startswith("|") and all(name in header for name in NEEDED):
            rows = []
            for body in lines[i + 2 :]:
                if not body.startswith("|"):
                    break
                cells = [c.strip() for c in body.strip("|").split("|")]
                rows.append(dict(zip(header, cells, strict=False)))
            return rows
    return []


def bench_browser(table: Path = TABLE) -> list[Row]:
    """One row per notebook of the browser table, or one row saying it was not measured."""
    if not table.exists():
        return [
            Row(
                "browser",
                "(all notebooks)",
                verdict="not measured",
                note="not measured: run make test-browser first",
            )
        ]
    rows_in = parse_table(table.read_text(encoding="utf-8"))
    if not rows_in:
        return [
            Row(
                "browser",
                "(all notebooks)",
                verdict="ERROR",
                note=f"{table.name} has no table with columns {', '.join(NEEDED)}",
            )
        ]
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(table.stat().st_mtime))
    newer = [
        p.name
        for p in (ROOT / "notebooks").glob("*.ipynb")
        if p.stat().st_mtime > table.stat().st_mtime
    ]
    stale = f"; STALE: {', '.join(sorted(newer))} changed since" if newer else ""
    rows = []
    for entry in rows_in:
        try:
            med, high = float(entry["median_ms"]), float(entry["p95_ms"])
        except ValueError:
            rows.append(
                Row(
                    "browser",
                    entry["notebook"],
                    verdict="ERROR",
                    note=f"unreadable: {entry['median_ms']!r}, {entry['p95_ms']!r}",
                )
            )
            continue
        rows.append(
            Row(
                "browser",
                entry["notebook"],
                median=f"{med:.1f} ms",
                spread=f"p95 {high:.1f} ms",
                budget=f"≤ {BUDGET_MS:.0f} ms",
                verdict="PASS" if med <= BUDGET_MS else "OVER",
                note=f"sliders: {entry['sliders']}; measured {when}{stale}",
            )
        )
    return rows
