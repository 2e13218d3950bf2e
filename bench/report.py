"""One table for every benchmark: rows with a median, a spread, a baseline, a ratio and a verdict."""

from __future__ import annotations

import json
import os
import platform
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from helpers.series import ROOT

__all__ = ["COLUMNS", "RESULTS", "Row", "median", "ms", "p95", "render", "write"]

RESULTS = ROOT / "bench" / "results" / "latest.md"
COLUMNS = ("section", "item", "median", "spread", "baseline", "ratio", "budget", "verdict", "note")


@dataclass
class Row:
    """One line of the table; every field is already formatted text."""

    section: str
    item: str
    median: str = "—"
    spread: str = "—"
    baseline: str = "—"
    ratio: str = "—"
    budget: str = "—"
    verdict: str = "info"
    note: str = ""


def median(samples: Sequence[float]) -> float:
    return float(np.median(samples))


def p95(samples: Sequence[float]) -> float:
    """The 95th percentile (linear interpolation between samples)."""
    return float(np.percentile(samples, 95))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _header(mode: str) -> list[str]:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        "# Benchmark results",
        "",
        f"- when: {time.strftime('%Y-%m-%d %H:%M:%S')}",
        f"- mode: {mode}",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, load average {load}, "
        f"Python {platform.python_version()}",
        "- ratios are measured in the same run against an interleaved baseline; "
        "verdicts: PASS/OVER against the budget, info = no budget",
        "",
    ]


def _markdown(rows: Sequence[Row]) -> list[str]:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(getattr(r, c)) for c in COLUMNS) + " |" for r in rows]
    return lines


def render(rows: Sequence[Row]) -> str:
    """The table as aligned plain text, for the terminal."""
    table = [list(COLUMNS)] + [[getattr(r, c) for c in COLUMNS] for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    out = [
        "  ".join(text.ljust(w) for text, w in zip(line, widths, strict=True)).rstrip()
        for line in table
    ]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out)


def write(rows: Sequence[Row], mode: str, path: Path = RESULTS) -> Path:
    """Write the table as Markdown to `path` and as JSON next to it; returns the Markdown path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(_header(mode) + _markdown(rows)) + "\n", encoding="utf-8")
    data = {"mode": mode, "rows": [asdict(r) for r in rows]}
    path.with_suffix(".json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    return path
