"""Test-suite wall time: `make test` and `make test-browser`, once each, environment installed.

Slow (minutes), so opt-in: `python -m bench --suites` or `make bench SUITES=1`. Before the
clock starts, the target's install stamp (the Makefile's `.venv/.stamp-*` prerequisite) is
brought up to date, so the time is the tests' and not pip's. Each target's output goes to
bench/results/<target>.log.
"""

from __future__ import annotations

import subprocess
import time

from bench.report import RESULTS, Row
from helpers.series import ROOT

__all__ = ["TARGETS", "bench_suites", "skipped"]

# target → the install stamp it depends on in the Makefile
TARGETS = {"test": ".venv/.stamp-dev", "test-browser": ".venv/.stamp-browser"}
HOW = "opt-in: python -m bench --suites, or make bench SUITES=1"


def skipped() -> list[Row]:
    return [Row("suite", f"make {t}", verdict="skipped", note=HOW) for t in TARGETS]


def bench_suites() -> list[Row]:
    """One row per target: wall seconds of one run, and its exit status."""
    rows = []
    for target in TARGETS:
        log = RESULTS.parent / f"{target}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("w", encoding="utf-8") as out:
            stamp = ["make", TARGETS[target]]
            subprocess.run(stamp, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
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
