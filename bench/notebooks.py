"""Notebook overhead: each notebook's headless run divided by the "imports + one figure" floor.

Every run is a fresh kernel through nbclient, executed from `notebooks/` exactly as
`tests/harness.py execute` does it (nothing is written back). The runs are interleaved
(empty, floors, notebooks; the order rotates every round) and each ratio is the median of its
per-round ratios, so machine-wide slowdowns cancel. Two "floor" notebooks show what any
notebook of the series pays before its first own line: the imports, and the imports plus one
figure. Each notebook's budget is BUDGET × the figure floor (what its own cells may add); the
floors themselves are reported against the empty notebook (what `import helpers` and a first
figure cost is part of the product, so it is shown, not hidden in the baseline).
"""

from __future__ import annotations

import asyncio
import copy
import subprocess
import time

import nbformat
from nbclient import NotebookClient

from bench.report import Row, median
from helpers.series import LESSONS, NOTEBOOKS

__all__ = ["BUDGET", "FLOORS", "bench_notebooks"]

BUDGET = 1.25  # × the figure floor, per notebook
EMPTY = "(empty notebook)"
IMPORTS = (
    "import numpy as np\n"
    "import ipywidgets\n"
    "from helpers.ui.panel import Panel, show_view\n"
    "from helpers.ui.plotting import new_figure, show, style"
)
FIGURE = (
    "with style():\n    fig, axes = new_figure()\n    axes[0, 0].plot([0, 1], [0, 1])\nshow(fig)"
)
FIGURE_FLOOR = "(floor: imports + 1 figure)"
FLOORS = {"(floor: imports)": [IMPORTS], FIGURE_FLOOR: [IMPORTS, FIGURE]}


def _notebook(cells: list[str]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


async def _run(nb: nbformat.NotebookNode, gate: asyncio.Semaphore) -> float:
    """Seconds to execute a copy of `nb` in a fresh kernel, from its start to its (immediate) stop."""
    async with gate:
        client = NotebookClient(
            copy.deepcopy(nb),
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": str(NOTEBOOKS)}},
            record_timing=False,
            store_widget_state=True,
            # A graceful shutdown right after start-up sometimes hangs until a 3 s timeout
            # (ipykernel misses the request); "Restart and run all" never waits for one anyway.
            shutdown_kernel="immediate",
        )
        start = time.perf_counter()
        await client.async_execute(stderr=subprocess.DEVNULL)  # kernel chatter, not cell output
        return time.perf_counter() - start


def _fmt_range(values: list[float], unit: str = "s") -> str:
    return f"{min(values):.2f}–{max(values):.2f}{unit}" if len(values) > 1 else "1 run"


async def _measure(jobs: dict[str, nbformat.NotebookNode], runs: int, parallel: int):
    gate = asyncio.Semaphore(parallel)
    names = list(jobs)
    times: dict[str, list[float]] = {name: [] for name in names}
    errors: dict[str, str] = {}
    if parallel == 1:  # one untimed warm-up, so the first timed kernel is not a cold start
        await _run(jobs[EMPTY], gate)
    for r in range(runs):
        order = names[r % len(names) :] + names[: r % len(names)]
        order = [n for n in order if n not in errors]

        async def one(name: str) -> None:
            try:
                times[name].append(await _run(jobs[name], gate))
            except Exception as exc:  # a notebook in progress must not stop the benchmark
                errors[name] = f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1][:80]}"

        if parallel == 1:
            for name in order:
                await one(name)
        else:
            await asyncio.gather(*(one(name) for name in order))
    return times, errors


def _ratio_row(
    name: str,
    totals: list[float],
    base: list[float],
    baseline: str,
    budget: float | None,
    note: str,
) -> Row:
    """A row whose ratio is the median of per-round ratios `totals[r] / base[r]`."""
    ratios = [t / b for t, b in zip(totals, base, strict=True)]
    ratio = median(ratios)
    return Row(
        "notebook",
        name,
        median=f"{median(totals):.2f} s",
        spread=_fmt_range(totals),
        baseline=baseline,
        ratio=f"{ratio:.2f}× ({_fmt_range(ratios, '×')})",
        budget=f"≤ {budget}× floor" if budget else "—",
        verdict=("PASS" if ratio <= budget else "OVER") if budget else "info",
        note=note,
    )


def bench_notebooks(runs: int = 5, parallel: int = 1, only: list[str] | None = None) -> list[Row]:
    """One row per notebook (ratio to the figure floor, same round), the floors (ratio to the
    empty notebook) and the series total. `only`: the notebooks to run (the others get a
    "not run" row; a smoke test runs one, nbval has already run them all); `parallel` > 1 only
    for smoke runs."""
    lessons = [lesson for lesson in LESSONS if only is None or lesson.stem in only]
    jobs = {EMPTY: _notebook([])}
    jobs |= {name: _notebook(cells) for name, cells in FLOORS.items()}
    jobs |= {lesson.stem: nbformat.read(lesson.path, as_version=4) for lesson in lessons}
    times, errors = asyncio.run(_measure(jobs, runs, parallel))
    for name in (EMPTY, FIGURE_FLOOR):
        if len(times[name]) < runs:
            raise RuntimeError(f"{name} did not run: {errors.get(name)}")
    empty, floor = times[EMPTY], times[FIGURE_FLOOR]
    rows = [Row("notebook", EMPTY, f"{median(empty):.2f} s", _fmt_range(empty), budget="floor")]
    for name in FLOORS:
        if name in errors:
            raise RuntimeError(f"{name} did not run: {errors[name]}")
        note = "what every notebook pays first: not budgeted, shown"
        rows.append(
            _ratio_row(name, times[name], empty, f"empty {median(empty):.2f} s", None, note)
        )
    base = f"floor {median(floor):.2f} s"
    for lesson in LESSONS:
        name = lesson.stem
        if name not in jobs:
            rows.append(Row("notebook", name, verdict="not run", note="not run (--notebooks)"))
        elif name in errors:
            rows.append(Row("notebook", name, verdict="ERROR", note=errors[name]))
        else:
            note = f"{median(times[name]) / median(empty):.2f}× the empty notebook"
            rows.append(_ratio_row(name, times[name], floor, base, BUDGET, note))
    done = [lesson.stem for lesson in lessons if lesson.stem not in errors]
    if done:
        totals = [sum(times[n][r] for n in done) for r in range(runs)]
        bases = [len(done) * f for f in floor]
        failed = len(lessons) - len(done)
        rows.append(
            _ratio_row(
                f"TOTAL ({len(done)} notebooks)",
                totals,
                bases,
                f"{len(done)} × floor",
                BUDGET,
                f"{failed} failed, not counted" if failed else "",
            )
        )
    else:
        rows.append(Row("notebook", "TOTAL (0 notebooks)", verdict="ERROR", note="none ran"))
    return rows
