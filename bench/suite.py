"""Test-suite wall time: `make test` and `make test-browser`, once each, environment installed.

Slow (minutes), so opt-in: `python -m bench --suites` or `make bench SUITES=1`. Before the
clock starts, the target's install stamps (`.venv/.stamp-*` prerequisites) are brought up to
date, so the time is the tests' and not pip's. Each target's output goes to
bench/results/<target>.log.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

from bench.report import RESULTS, Row

__all__ = ["TARGETS", "bench_suites", "skipped"]

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ("test", "test-browser")
HOW = "opt-in: python -m bench --suites, or make bench SUITES=1"


def _stamps(target: str) -> list[str]:
    """The target's install-stamp prerequisites as the Makefile lists them ($(VENV) expanded)."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(target)}:([^\n=]*)$", text, flags=re.MULTILINE)
    words = match.group(1).split() if match else []
    return [w.replace("$(VENV)", ".venv") for w in words if ".stamp" in w]


def skipped() -> list[Row]:
    return [Row("suite", f"make {t}", verdict="skipped", note=HOW) for t in TARGETS]


def bench_suites() -> list[Row]:
    """One row per target: wall seconds of one run, and its exit status."""
    rows = []
    for target in TARGETS:
        log = RESULTS.parent / f"{target}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        stamps = _stamps(target)
        with log.open("w", encoding="utf-8") as out:
            if stamps:
                subprocess.run(["make", *stamps], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
            start = time.perf_counter()
            done = subprocess.run(["make", target], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
            seconds = time.perf_counter() - start
        rows.append(
            Row(
                "suite",
                f"make {target}",
                median=f"{seconds:.1f} s",
                spread="1 run",
                verdict="info" if done.returncode == 0 else "FAILED",
                note=f"exit {done.returncode}; log: bench/results/{log.name}",
            )
        )
    return rows
