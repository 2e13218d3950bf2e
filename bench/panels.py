"""Widget update latency in the kernel: every panel's redraw vs the naive new-figure baseline.

Fast path (what the learner gets): set `control.value`; the panel's observer runs
`view.update`, renders the PNG and pushes it to the Image widget, all before the setter
returns, so the time around the assignment is the kernel-side latency of one slider step.

Naive path (what most tutorials do: `interact` with a function that builds a new figure on
every call): build a NEW view (`type(panel.view)()`, a new Figure), update it to the same
values, render the PNG and push it. Both are timed alternately over the same values, with the
garbage collector run between samples (and off during them), so the ratio is a same-run ratio.
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable
from typing import Any, NamedTuple

import ipywidgets as widgets
import numpy as np

from bench.report import Row, median, ms, p95
from helpers.series import all_panels
from helpers.ui.panel import Panel
from helpers.ui.plotting import png_bytes

__all__ = ["BUDGET_MS", "BUDGET_RATIO", "bench_panels", "sweep"]

BUDGET_MS = 50.0
BUDGET_RATIO = 0.5


def _grid(control: widgets.ValueWidget, count: int) -> list[Any]:
    """Up to `count` values spread over the control's range, on its step grid."""
    count = max(count, 2)
    if isinstance(control, widgets.FloatLogSlider):
        exps = np.linspace(control.min, control.max, count)
        return sorted({float(control.base ** round(e, 6)) for e in exps})
    if hasattr(control, "min") and hasattr(control, "max"):
        lo, hi, step = control.min, control.max, getattr(control, "step", None) or 0
        values = np.linspace(lo, hi, count)
        if step:
            values = np.clip(lo + np.round((values - lo) / step) * step, lo, hi)
        if isinstance(control, widgets.IntSlider):
            return sorted({int(v) for v in np.round(values)})
        return sorted({round(float(v), 10) for v in values})
    if hasattr(control, "options"):
        options = list(control.options)
        return [o[1] if isinstance(o, tuple) else o for o in options]
    if isinstance(control, widgets.Checkbox | widgets.ToggleButton):
        return [False, True]
    raise TypeError(f"no sweep for a {type(control).__name__}")


def sweep(control: widgets.ValueWidget, count: int) -> list[Any]:
    """`count` values going back and forth over the range, each different from the one before."""
    grid = _grid(control, count)
    if len(grid) < 2:
        return []
    cycle = grid + grid[-2:0:-1]
    values, previous, i = [], control.value, 0
    while len(values) < count:
        value, i = cycle[i % len(cycle)], i + 1
        if value != previous:
            values.append(value)
            previous = value
    return values


def _timed(action: Callable[..., object], *args: Any) -> float:
    """Seconds for `action(*args)`, with a clean heap before and no collection during it."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        action(*args)
        return time.perf_counter() - start
    finally:
        gc.enable()


class Samples(NamedTuple):
    fast: list[float]  # seconds per slider step, the panel's own redraw
    naive: list[float]  # seconds per step, new view + update + PNG
    by_control: dict[str, float]  # median fast seconds per control
    full_draws: int  # fast steps that redrew the whole figure (not only its animated artists)


def _measure(panel: Panel, changes: int) -> Samples:
    """Fast and naive samples over ≥ `changes` slider steps, alternating, same values."""
    per_control = math.ceil(changes / max(len(panel.controls), 1))
    image = widgets.Image(format="png")
    out = Samples([], [], {}, 0)
    canvas = panel.view.figure.canvas  # png_bytes gave it an Agg canvas; count its full draws
    draws: list[int] = []
    canvas.draw = lambda draw=canvas.draw: (draws.append(1), draw())[1]

    def naive_redraw(values: dict[str, Any]) -> None:
        view = type(panel.view)()
        view.update(**values)
        image.value = png_bytes(view.figure)

    try:
        for label, control in panel.controls.items():
            default, mine = control.value, []
            for value in sweep(control, per_control):
                before = len(draws)
                mine.append(_timed(setattr, control, "value", value))
                out = out._replace(full_draws=out.full_draws + (len(draws) > before))
                if panel.error:
                    raise RuntimeError(f"{label}={value!r}: {panel.error}")
                out.naive.append(_timed(naive_redraw, panel.values()))
            control.value = default
            out.fast.extend(mine)
            if mine:
                out.by_control[label] = median(mine)
            if len(out.fast) >= changes:  # ends early only in a smoke run (changes < controls)
                break
    finally:
        del canvas.draw
    return out


def _row(name: str, fast: list[float], naive: list[float], note: str) -> Row:
    ratio = median(fast) / median(naive)
    over = [
        text
        for text, bad in [
            (f"median > {BUDGET_MS:.0f} ms", median(fast) * 1000 > BUDGET_MS),
            (f"ratio > {BUDGET_RATIO}", ratio > BUDGET_RATIO),
        ]
        if bad
    ]
    return Row(
        "panel",
        name,
        median=ms(median(fast)),
        spread=f"p95 {ms(p95(fast))}, n={len(fast)}",
        baseline=f"naive {ms(median(naive))} (p95 {ms(p95(naive))})",
        ratio=f"{ratio:.2f}×",
        budget=f"≤ {BUDGET_MS:.0f} ms, ≤ {BUDGET_RATIO}×",
        verdict="OVER" if over else "PASS",
        note="; ".join(over + ([note] if note else [])),
    )


def bench_panels(changes: int = 50, only: list[str] | None = None) -> list[Row]:
    """One row per panel of `helpers.series.all_panels()`, and one for all panels pooled.

    `only`: the panels to measure (the others get a "not run" row; a smoke run measures one,
    tests/test_panels.py drives every control of every panel anyway)."""
    factories = all_panels()
    gc.collect()
    gc.freeze()  # imports and modules never die: keep gc.collect() between samples cheap
    rows, pooled_fast, pooled_naive, measured = [], [], [], 0
    try:
        for name, factory in factories.items():
            if only is not None and name not in only:
                rows.append(Row("panel", name, verdict="not run", note="not run (--panels)"))
                continue
            try:
                panel = factory()
                fast, naive, by_control, full = _measure(panel, changes)
            except Exception as exc:  # a panel in progress must not stop the benchmark
                rows.append(
                    Row("panel", name, verdict="ERROR", note=f"{type(exc).__name__}: {exc}")
                )
                continue
            slowest = max(by_control, key=by_control.get)
            live = [k for k, c in panel.controls.items() if getattr(c, "continuous_update", False)]
            note = f"full redraws {full}/{len(fast)}; slowest control {slowest} {ms(by_control[slowest])}"
            if live and median(fast) * 1000 > BUDGET_MS:
                note += f"; continuous_update on {', '.join(live)}"
            rows.append(_row(name, fast, naive, note))
            pooled_fast += fast
            pooled_naive += naive
            measured += 1
    finally:
        gc.unfreeze()
    if pooled_fast:
        rows.append(_row(f"ALL ({measured} panels, pooled)", pooled_fast, pooled_naive, ""))
    else:
        rows.append(Row("panel", "ALL (0 panels)", verdict="ERROR", note="no panel measured"))
    return rows
