"""Notebook overhead: each notebook's headless run divided by an empty notebook's, same run.

Every run is a fresh kernel through nbclient, executed from `notebooks/` exactly as
`tests/harness.py execute` does it (nothing is written back). The runs are interleaved
(empty, floors, notebooks; the order rotates every round) and each notebook's ratio is the
median of its per-round ratios to that round's empty run, so machine-wide slowdowns cancel.
Two "floor" notebooks show what any notebook of the series pays before its first own line:
the imports, and the imports plus one figure.
"""

from __future__ import annotations

import asyncio
import copy
import subprocess
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from bench.report import Row, median

__all__ = ["FLOORS", "bench_notebooks", "series"]

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
BUDGET = 1.5
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


def series() -> list[Path]:
    """The notebooks of the series, in order (as tests/harness.py lists them)."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


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


def _ratio_row(name: str, totals: list[float], base: list[float], baseline: str, note: str) -> Row:
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
        budget=f"≤ {BUDGET}×",
        verdict="PASS" if ratio <= BUDGET else "OVER",
        note=note,
    )


def bench_notebooks(runs: int = 5, parallel: int = 1, floors: bool = True) -> list[Row]:
    """One row per notebook, the floors, and the series total; `parallel` > 1 only for smoke runs."""
    paths = series()
    jobs = {EMPTY: _notebook([])}
    jobs |= {name: _notebook(cells) for name, cells in FLOORS.items() if floors}
    jobs |= {p.stem: nbformat.read(p, as_version=4) for p in paths}
    times, errors = asyncio.run(_measure(jobs, runs, parallel))
    empty = times[EMPTY]
    if len(empty) < runs:
        raise RuntimeError(f"the empty notebook did not run: {errors.get(EMPTY)}")
    base = f"empty {median(empty):.2f} s"
    rows = [Row("notebook", EMPTY, f"{median(empty):.2f} s", _fmt_range(empty), budget="floor")]
    floor = times.get(FIGURE_FLOOR)
    for name in jobs:
        if name == EMPTY:
            continue
        if name in errors:
            rows.append(Row("notebook", name, verdict="ERROR", note=errors[name]))
        elif name in FLOORS:
            rows.append(_ratio_row(name, times[name], empty, base, "no budget: the floor"))
            rows[-1].budget, rows[-1].verdict = "—", "info"
        else:
            note = f"{median(times[name]) / median(floor):.2f}× the figure floor" if floor else ""
            rows.append(_ratio_row(name, times[name], empty, base, note))
    done = [p.stem for p in paths if p.stem not in errors]
    totals = [sum(times[n][r] for n in done) for r in range(runs)]
    bases = [len(done) * e for e in empty]
    failed = len(paths) - len(done)
    note = f"{failed} failed, not counted" if failed else ""
    if done:
        rows.append(
            _ratio_row(
                f"TOTAL ({len(done)} notebooks)", totals, bases, f"{len(done)} × empty", note
            )
        )
    else:
        rows.append(Row("notebook", "TOTAL (0 notebooks)", verdict="ERROR", note="none ran"))
    return rows
