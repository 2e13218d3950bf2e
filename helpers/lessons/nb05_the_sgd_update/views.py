"""The views of 05_the_sgd_update: training the example neuron on L = (y − t)² with the update
θ ← θ − η·∇θ L (gradient descent on one example, the same step as SGD).

While the neuron is active, one step maps the error e = y − t to r·e with r = 1 − 2η(‖x‖² + 1)
= 1 − 30η; every number drawn comes from helpers.core.training.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator, NullLocator

from helpers.core._checks import as_finite_array, as_finite_float
from helpers.core.example import WORKED
from helpers.core.training import (
    DatasetRun,
    TrainingHistory,
    critical_learning_rate,
    error_factor,
    train_neuron,
)
from helpers.text import num, sup
from helpers.ui.panel import Message, Panel
from helpers.ui.params import Param, controls, resolve
from helpers.ui.plotting import COLORS, new_figure, style

__all__ = [
    "PANELS",
    "PARAMS",
    "SgdView",
    "error_factor_figure",
    "gd_vs_sgd_figure",
    "panel_sgd",
    "runs_figure",
]

# The panel's sliders, written once: the learning rate η on a log scale (10⁻⁴ … 1), the number
# of steps and the target t.
PARAMS = (
    Param("lr", "learning rate η", default=0.01, lo=1e-4, hi=1.0, step=0.05, log=True),
    Param("steps", "steps", default=100, lo=1, hi=300, step=1, integer=True),
    Param("target", "target t", default=4.0, lo=-2.0, hi=12.0, step=0.5),
)
LOSS_FLOOR = 1e-16  # a loss of exactly 0 cannot sit on a log axis
LIMIT = 1e300  # axis limits stay finite even for absurd settings
TOL = 1e-6
STEP_LEVELS = (10, 20, 50, 100, 200, 300, 500, 1000)
LOSS_LEVELS = tuple(10.0**k for k in range(3, 301, 6))
# Top of the output axis: fine steps (1, 1.5, 2, 3, 4, 5, 6, 8 × 10ᵏ) so the data fill the panel.
OUTPUT_LEVELS = tuple(m * 10.0**k for k in range(-3, 300) for m in (1, 1.5, 2, 3, 4, 5, 6, 8))
# One colour AND one dash pattern per run, so that neighbouring runs differ in print and projector.
RUN_STYLES = (
    (COLORS["sky"], ":"),
    (COLORS["green"], "-"),
    (COLORS["blue"], "--"),
    (COLORS["vermillion"], "-."),
)


def _decades(ax) -> None:
    """Log-axis ticks every 6 decades, labelled 10⁻⁸ in plain text (mathtext labels are slow)."""
    ax.yaxis.set_major_locator(FixedLocator([10.0**k for k in range(-18, 301, 6)]))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: "10" + sup(round(np.log10(v)))))
    ax.yaxis.set_minor_locator(NullLocator())


def _level(value: float, levels: tuple[float, ...]) -> float:
    """The first level ≥ value (or value itself past the last): coarse, rarely changing limits."""
    return next((level for level in levels if level >= value), min(float(value), LIMIT))


def _set_limits(ax, xlim: tuple[float, float], ylim: tuple[float, float]) -> None:
    """Set the limits only if they change: any change makes png_bytes redraw the whole figure."""
    if ax.get_xlim() != xlim:
        ax.set_xlim(xlim)
    if ax.get_ylim() != ylim:
        ax.set_ylim(ylim)


def _steps(n: int) -> str:
    return f"{n} step" if n == 1 else f"{n} steps"


def _fraction(value: float) -> str:
    """'1/15' for 1/15, else the value to 4 decimals: the critical rates of the lesson."""
    n = 1 / value
    return f"1/{n:.0f}" if abs(n - round(n)) < 1e-9 else num(value, ".4f")


def _verdict(h: TrainingHistory, lr_c: float, r: float, target: float, steps: int) -> Message:
    """What happened, in one or two plain sentences."""
    k, crit = h.stopped_at, _fraction(lr_c)
    swing = ", oscillating around t" if r < 0 else ""
    if h.status == "converged":
        return Message(
            f"Converged: |y − t| ≤ {num(TOL, 'g')} after {_steps(k)} (r = {num(r, '.3g')}{swing})."
        )
    if h.status == "diverged":
        return Message(f"Diverged: stopped at step {k}, {h.reason}.", "bad")
    if h.status == "died":
        z = num(h.pre_activations[-1], ".3g")
        if target < 0:
            why = f"no ReLU can output t = {num(target, 'g')} < 0, so the updates pushed z down to {z}"
        elif abs(r) > 1:
            why = (
                f"η > {crit}, so the error grows ×{num(abs(r), '.3g')} per step while flipping "
                f"sign, and the swing pushed z to {z}"
            )
        else:
            why = f"η < {crit}, yet one step overshot t so far that z = {z} ≤ 0 (the kink)"
        return Message(
            f"The neuron died at step {k}: {why}. Every gradient is 0; training stopped.", "bad"
        )
    first, last = num(h.losses[0], ".3g"), num(h.losses[-1], ".3g")
    if abs(r) > 1:
        return Message(
            f"Diverging: η > {crit}, the error grows ×{num(abs(r), '.3g')} per step while "
            f"flipping sign (loss {first} → {last} in {_steps(steps)}).",
            "bad",
        )
    if abs(r) == 1:
        return Message("Not converging: r = −1, the error flips sign without shrinking.", "bad")
    faster = "larger" if r > 0 else "smaller"
    return Message(
        f"Still moving after {_steps(steps)}: loss {first} → {last}. Each step keeps "
        f"{num(abs(r), '.3g')} of the error{swing}; a {faster} η (nearer "
        f"{_fraction(lr_c / 2)}) would be faster.",
        "warn",
    )


class SgdView:
    """Left: the loss per step (log scale). Right: the output y per step, the target t and y = 0."""

    def __init__(self, x=WORKED.x, w=WORKED.w, b: float = WORKED.b) -> None:
        self.x = as_finite_array(x, "x", ndim=1)
        self.w = as_finite_array(w, "w", ndim=1)
        self.b = as_finite_float(b, "b")
        train_neuron(self.x, self.w, self.b, 0.0, 1.0, 0)  # validates shapes now, not on a slider
        with style():
            self.figure, axes = new_figure(1, 2, figsize=(10.0, 3.9))
            self.ax_loss, self.ax_y = axes[0, 0], axes[0, 1]
            self.ax_loss.set_yscale("log")
            _decades(self.ax_loss)
            self.ax_loss.axhline(TOL**2, color=COLORS["grey"], lw=1, ls=":")
            self.ax_loss.text(
                0.98,
                TOL**2 * 3,
                "converged",
                ha="right",
                fontsize=11,
                color=COLORS["grey"],
                transform=self.ax_loss.get_yaxis_transform(),
            )
            # The moving parts are `animated`: png_bytes redraws only them while the axes keep
            # their limits (which `update` changes only in coarse levels, see `_level`).
            (self.loss_line,) = self.ax_loss.plot([], [], color=COLORS["blue"], lw=2, animated=True)
            (self.loss_end,) = self.ax_loss.plot(
                [], [], "o", ms=9, color=COLORS["blue"], animated=True
            )
            self.ax_loss.set(xlabel="step k", ylabel="loss (y − t)²")
            self.ax_y.axhline(0, color=COLORS["black"], lw=1)
            self.ax_y.text(
                0.98,
                0.0,
                "ReLU floor y = 0",
                ha="right",
                va="top",
                fontsize=11,
                transform=self.ax_y.get_yaxis_transform(),
            )
            self.target_line = self.ax_y.axhline(
                0, color=COLORS["orange"], lw=2, ls="--", animated=True
            )
            # A label on the line instead of a legend: one text artist, cheap to draw.
            self.target_label = self.ax_y.text(
                0.98,
                0,
                "target t",
                ha="right",
                va="bottom",
                fontsize=12,
                color=COLORS["orange"],
                transform=self.ax_y.get_yaxis_transform(),
                animated=True,
            )
            (self.y_line,) = self.ax_y.plot(
                [], [], ".-", color=COLORS["blue"], lw=1.5, ms=5, animated=True
            )
            (self.y_end,) = self.ax_y.plot(
                [], [], "X", ms=13, color=COLORS["vermillion"], animated=True
            )
            self.ax_y.set(xlabel="step k", ylabel="output y")
            for ax in (self.ax_loss, self.ax_y):  # few ticks: every tick label costs a draw
                ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
            self.ax_y.yaxis.set_major_locator(MaxNLocator(4))
            # A text artist, not suptitle/set_title: those are re-laid out on every draw.
            # An axes' artist in figure coordinates: savefig draws an axes' animated artists,
            # but not a figure's.
            self.title = self.ax_loss.text(
                0.5,
                0.95,
                "",
                ha="center",
                fontsize=14,
                animated=True,
                transform=self.figure.transFigure,
            )
            self.figure.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.86, wspace=0.28)
            for ax in (self.ax_loss, self.ax_y):  # limits are set by `update`, never autoscaled
                ax.set_xlim(-0.5, 100.5)
                ax.set_autoscale_on(False)
            self.ax_loss.set_ylim(LOSS_FLOOR / 10, 1e3)
            self.ax_y.set_ylim(-1.2, 8.0)  # the default run's limits (see `update`)

    def update(self, **values: float) -> Message:
        """Train from (x, w, b) at the given lr (η), steps and target; PARAMS gives the rest."""
        v = resolve(PARAMS, values)
        lr, steps, target = v["lr"], v["steps"], v["target"]
        h = train_neuron(self.x, self.w, self.b, target, lr, steps, tol=TOL)
        r = error_factor(self.x, lr)
        lr_c = critical_learning_rate(self.x)
        ks = np.arange(h.losses.size)
        losses = np.maximum(h.losses, LOSS_FLOOR)
        self.loss_line.set_data(ks, losses)
        self.loss_end.set_data(ks[-1:], losses[-1:])
        self.y_line.set_data(ks, h.outputs)
        dead = h.status == "died"
        self.y_end.set_data(ks[-1:] if dead else [], h.outputs[-1:] if dead else [])
        self.target_line.set_ydata([target, target])
        self.target_label.set_y(target)
        right = _level(max(h.stopped_at, steps), STEP_LEVELS) + 0.5
        top = _level(10 * losses.max(initial=0.0), LOSS_LEVELS)
        outputs = np.clip(h.outputs, -LIMIT, LIMIT)  # keeps the limits finite
        big = _level(1.05 * max(abs(target), np.abs(outputs).max(initial=0.0)), OUTPUT_LEVELS)
        low = min(target, outputs.min(initial=0.0)) < -0.1 * big
        _set_limits(self.ax_loss, (-0.5, right), (LOSS_FLOOR / 10, top))
        _set_limits(self.ax_y, (-0.5, right), (-big if low else -0.15 * big, big))
        self.title.set_text(
            f"η = {num(lr, '.3g')},   error factor r = 1 − {num(2 / lr_c, '.4g')}·η = "
            f"{num(r, '+.3f')},   critical rate {_fraction(lr_c)}"
        )
        return _verdict(h, lr_c, r, target, steps)


def runs_figure(
    runs: Mapping[str, TrainingHistory], target: float, *, output_steps: int | None = None
) -> Figure:
    """Several training runs side by side: loss per step (log) and output y per step.

    Each run has its own colour and dash pattern, in both panels' legends; a run whose neuron died
    is marked ✕ at its last step in both panels. The output panel shows steps 0 … output_steps
    (all steps if None), a dot per step, so that each zig-zag stays visible.
    """
    target = as_finite_float(target, "target")
    if output_steps is not None and (
        isinstance(output_steps, bool) or not isinstance(output_steps, int) or output_steps < 1
    ):
        raise ValueError(f"output_steps must be a whole number ≥ 1 or None, got {output_steps!r}")
    if not runs or len(runs) > len(RUN_STYLES):
        raise ValueError(f"runs must hold 1 to {len(RUN_STYLES)} histories, got {len(runs)}")
    with style():
        fig, axes = new_figure(1, 2, figsize=(10.0, 4.2))
        ax_loss, ax_y = axes[0, 0], axes[0, 1]
        ax_loss.set_yscale("log")
        _decades(ax_loss)
        died = False
        for i, ((label, h), (colour, dashes)) in enumerate(
            zip(runs.items(), RUN_STYLES, strict=False)
        ):
            ks = np.arange(h.losses.size)
            losses = np.maximum(h.losses, LOSS_FLOOR)
            line = {"color": colour, "ls": dashes, "lw": 2.2, "label": label, "zorder": 5 - i}
            ax_loss.plot(ks, losses, **line)  # later (wilder) runs drawn under earlier ones
            ax_y.plot(ks, h.outputs, marker=".", ms=7, **line)
            if h.status == "died":
                died = True
                for ax, values in ((ax_loss, losses), (ax_y, h.outputs)):
                    ax.plot(ks[-1:], values[-1:], "X", ms=13, color=colour, mec=COLORS["black"])
        if died:  # one legend entry for the marker, in black: it means the same for every run
            ax_y.plot([], [], "X", ms=11, color=COLORS["black"], ls="none", label="neuron died")
        ax_y.axhline(target, color=COLORS["black"], lw=1.5, ls="--", label="target t")
        ax_y.axhline(0, color=COLORS["grey"], lw=1)
        ax_loss.set(xlabel="step k", ylabel="loss (y − t)²")
        ax_y.set(xlabel="step k", ylabel="output y")
        if output_steps is not None:
            ax_y.set_xlim(-0.5, output_steps + 0.5)
            ax_y.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax_loss.legend(loc="lower left", fontsize=11)
        ax_y.legend(loc="upper right", fontsize=11)
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.14, top=0.95, wspace=0.28)
    return fig


def error_factor_figure(lrs, measured, x=WORKED.x) -> Figure:
    """Measured one-step factors r = e₁/e₀ against the line r = 1 − 2η(‖x‖² + 1) (error_factor)."""
    lrs = as_finite_array(lrs, "lrs", ndim=1)
    measured = as_finite_array(measured, "measured", ndim=1)
    if lrs.shape != measured.shape:
        raise ValueError(f"measured must have the shape of lrs {lrs.shape}, got {measured.shape}")
    lr_c = critical_learning_rate(x)
    crit, half = _fraction(lr_c), _fraction(lr_c / 2)
    grid = np.linspace(0, 1.5 * lr_c, 101)[1:]  # η > 0
    line = [error_factor(x, lr) for lr in grid]  # (100,)
    with style():
        fig, axes = new_figure(figsize=(9.0, 4.0))
        ax = axes[0, 0]
        ax.axhspan(
            -1,
            1,
            color=COLORS["green"],
            alpha=0.12,
            label="|r| < 1: the error shrinks (while active)",
        )
        ax.plot(grid, line, color=COLORS["blue"], lw=2, label="r = 1 − 2η(‖x‖² + 1)")
        ax.plot(lrs, measured, "o", ms=8, color=COLORS["vermillion"], label="measured e₁/e₀")
        ax.axvline(lr_c / 2, color=COLORS["grey"], lw=1, ls=":")
        ax.axvline(lr_c, color=COLORS["black"], lw=1.5, ls="--")
        ax.axhline(0, color=COLORS["grey"], lw=0.8)
        ax.text(lr_c / 2, 1.55, f" {half}: one step", fontsize=12)
        ax.text(lr_c, 1.55, f" {crit}: critical", fontsize=12)
        ax.set(
            xlim=(0, 1.5 * lr_c),
            ylim=(-2.2, 1.9),
            xlabel="learning rate η",
            ylabel="error factor r",
        )
        ax.legend(loc="lower left", fontsize=11)
        fig.subplots_adjust(left=0.1, right=0.97, bottom=0.15, top=0.95)
    return fig


def gd_vs_sgd_figure(runs: Mapping[str, DatasetRun]) -> Figure:
    """The loss over the whole data set per step (log scale), one line per run (full_batch_gd,
    sgd, …), each with its own colour and dash pattern."""
    if not runs or len(runs) > len(RUN_STYLES):
        raise ValueError(f"runs must hold 1 to {len(RUN_STYLES)} runs, got {len(runs)}")
    order = (RUN_STYLES[2], RUN_STYLES[3], RUN_STYLES[1], RUN_STYLES[0])  # GD blue, SGD red, …
    with style():
        fig, axes = new_figure(figsize=(9.0, 4.0))
        ax = axes[0, 0]
        ax.set_yscale("log")
        for (label, run), (colour, dashes) in zip(runs.items(), order, strict=False):
            ax.plot(
                np.arange(run.losses.size), run.losses, color=colour, ls=dashes, lw=2, label=label
            )
        ax.set(xlabel="step k", ylabel="loss L over all N examples")
        ax.legend(loc="upper right", fontsize=11)
        fig.subplots_adjust(left=0.11, right=0.97, bottom=0.15, top=0.95)
    return fig


def panel_sgd() -> Panel:
    """Learning rate η (log scale), number of steps and target t for the example neuron."""
    return Panel(SgdView(), controls(PARAMS), columns=3)


PANELS = {"sgd": panel_sgd}
