"""The view of 04_dead_relus: one neuron's active half-plane over a 2-D data set, and one step of
gradient descent (every number from helpers.core.layer).

z⁽ⁿ⁾ = w₀x₀⁽ⁿ⁾ + w₁x₁⁽ⁿ⁾ + b,   y⁽ⁿ⁾ = ReLU(z⁽ⁿ⁾),   L = (1/N) Σₙ (y⁽ⁿ⁾ − t⁽ⁿ⁾)²,
w ← w − η·∂L/∂w,   b ← b − η·∂L/∂b   (η is `lr` in code)
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.text import Text
from matplotlib.ticker import FixedLocator
from numpy.typing import ArrayLike

from helpers.core._checks import as_finite_array
from helpers.core.layer import (
    Dataset,
    active_counts,
    dense_relu_forward,
    make_dataset,
    train_gd,
)
from helpers.text import num
from helpers.ui.panel import Message, Panel
from helpers.ui.params import Param, controls, resolve
from helpers.ui.plotting import COLORS, new_figure, style

__all__ = [
    "DATA_SEED",
    "PANELS",
    "PARAMS",
    "DeadReluView",
    "active_region",
    "dead_share_figure",
    "panel_dead_relu",
]

DATA_SEED = 0  # the notebook's data set: make_dataset(np.random.default_rng(DATA_SEED))
BOX = (-1.5, 3.5)  # both axes
PARAMS = (
    Param("w0", "weight w₀", default=1.0, lo=-3.0, hi=3.0, step=0.1),
    Param("w1", "weight w₁", default=1.0, lo=-3.0, hi=3.0, step=0.1),
    Param("b", "bias b", default=0.5, lo=-5.0, hi=5.0, step=0.1),
    # a log slider: `step` is in powers of ten
    Param("lr", "learning rate η", default=0.1, lo=1e-3, hi=10.0, step=0.1, log=True),
)


def active_region(w: np.ndarray, b: float, box: tuple[float, float] = BOX) -> np.ndarray:
    """The corners (k, 2) of the part of the square box × box where w·x + b > 0 (k = 0 if none)."""
    lo, hi = box
    corners = np.array([[lo, lo], [hi, lo], [hi, hi], [lo, hi]])
    kept = []
    for p, q in zip(corners, np.roll(corners, -1, axis=0), strict=True):  # clip each edge
        fp, fq = float(p @ w + b), float(q @ w + b)
        if fp > 0:
            kept.append(p)
        if (fp > 0) != (fq > 0) and fp != fq:
            kept.append(p + (q - p) * fp / (fp - fq))
    return np.array(kept).reshape(-1, 2)


def _line(w: np.ndarray, b: float) -> tuple[list[float], list[float]]:
    """Two far-apart points on w·x + b = 0 (the axes clip the rest); none if w = 0."""
    scale = float(np.max(np.abs(w)))
    if scale == 0.0:
        return [], []
    w, b = w / scale, b / scale  # the same line, without overflow for huge weights
    norm2 = float(w @ w)
    p0 = -b * w / norm2
    d = np.array([-w[1], w[0]]) / np.sqrt(norm2) * 100.0
    return [p0[0] - d[0], p0[0] + d[0]], [p0[1] - d[1], p0[1] + d[1]]


KEY = [
    "active point (z > 0)",
    "silent point (z ≤ 0)",
    "w·x + b = 0 (shaded: active)",
    "after one step (dashed;\nits active side hatched)",
]


def _key(
    ax: Axes, artists: list[Line2D], labels: list[str], hideable: int
) -> list[tuple[Line2D, Text]]:
    """A legend right of the axes, one entry per row, from plain lines and texts; returns the
    (sample, label) pairs, so that `update` can hide an entry whose artist is not drawn.

    Matplotlib's Legend re-measures its boxes on every draw; this costs a few texts and no layout.
    Only entry `hideable` is `animated` (redrawn on every update), so hiding it redraws only the
    moving parts; the others stay in the cached background.
    """
    entries = []
    for i, (artist, label) in enumerate(zip(artists, labels, strict=True)):
        x, y = 0.6, 0.9 - 0.085 * i
        is_marker = artist.get_linestyle() == "None"
        xs = [x + 0.02] if is_marker else [x, x + 0.04]
        sample = Line2D(xs, [y] * len(xs))
        sample.update_from(artist)  # copies the style, and the transform too: reset it below
        sample.set(transform=ax.figure.transFigure, clip_on=False, animated=i == hideable)
        ax.add_line(sample)
        text = ax.text(
            x + 0.055, y, label, transform=ax.figure.transFigure, va="center",
            animated=i == hideable,
        )  # fmt: skip
        entries.append((sample, text))
    return entries


class DeadReluView:
    """Points coloured active (z > 0) / silent, the boundary w·x + b = 0, the shaded active side,
    and (dashed, its active side hatched) the boundary after one step of gradient descent
    on the squared loss; the key
    lists the dashed line only while it is drawn.

    The verdict, in order: "bad" if the neuron is dead, or if the step kills it (every z ≤ 0
    afterwards, whatever the loss does); "warn" if the step makes the loss rise; "ok" if
    the loss falls (or stays) and some point stays active.
    """

    def __init__(self, data: Dataset | None = None) -> None:
        self.data = make_dataset(np.random.default_rng(DATA_SEED)) if data is None else data
        with style():
            self.figure, axes = new_figure(figsize=(9.0, 5.0))
            ax = self.ax = axes[0, 0]
            ax.set_position([0.07, 0.12, 0.5, 0.85])
            # The moving parts are `animated`: png_bytes then redraws only them over the cached
            # axes, ticks and key (the limits never change).
            self.region = Polygon(
                np.full((1, 2), np.nan), closed=True, color=COLORS["sky"], alpha=0.3, animated=True
            )
            ax.add_patch(self.region)
            # The active side after the step, hatched and not filled, so that the dashed line's
            # sides read too while the blue active side keeps its colour where the two overlap.
            # The hatch takes the edge colour; linewidth 0 draws no outline along the box.
            self.region_after = Polygon(
                np.full((1, 2), np.nan), closed=True, fill=False, hatch="//",
                edgecolor=COLORS["orange"], linewidth=0, animated=True,
            )  # fmt: skip
            ax.add_patch(self.region_after)
            # The dashed line is thinner than the solid one and drawn on top of it: when a tiny
            # step leaves the boundary in place, the solid line still shows around the dashes.
            (self.line,) = ax.plot([], [], color=COLORS["black"], lw=4.5, animated=True)
            (self.after,) = ax.plot([], [], color=COLORS["orange"], lw=2.5, ls="--", animated=True)
            (self.on,) = ax.plot([], [], "o", ms=8, color=COLORS["blue"], animated=True)
            (self.off,) = ax.plot(
                [], [], "x", ms=8, mew=2, color=COLORS["vermillion"], animated=True
            )
            ax.set(xlim=BOX, ylim=BOX, xlabel="input x₀", ylabel="input x₁", aspect="equal")
            for axis in (ax.xaxis, ax.yaxis):
                axis.set_major_locator(FixedLocator([-1, 0, 1, 2, 3]))
            entries = _key(ax, [self.on, self.off, self.line, self.after], KEY, hideable=3)
            self.after_key = entries[-1]  # hidden while no step is drawn (a dead neuron)
            self.counts = ax.text(
                0.6, 0.5, "", transform=self.figure.transFigure, va="top", linespacing=1.6,
                bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": COLORS["grey"]},
                animated=True,
            )  # fmt: skip
            self.figure.text(
                0.6, 0.27, f"loss L = mean of (y − t)² over the\n{len(self.data.t)} points; targets t from a\n"
                "teacher neuron", va="top", fontsize=12, linespacing=1.5,
            )  # fmt: skip

    def update(self, **values: float) -> Message:
        """Draw the neuron (w0, w1, b) over the data and its boundary after one step of gradient
        descent with learning rate lr (η). Values are checked against PARAMS' ranges."""
        v = resolve(PARAMS, values)
        X, t = self.data
        n = len(t)
        W, b = np.array([[v["w0"]], [v["w1"]]]), np.array([v["b"]])  # one unit: W (2, 1), b (1,)
        _, cache = dense_relu_forward(X, W, b)
        W_new, b_new, (loss, loss_new) = train_gd(X, t, W, b, lr=v["lr"], steps=1)
        k, k_new = int(active_counts(X, W, b)[0]), int(active_counts(X, W_new, b_new)[0])
        active = cache.Z[:, 0] > 0  # (N,)
        self.on.set_data(X[active, 0], X[active, 1])
        self.off.set_data(X[~active, 0], X[~active, 1])
        self._shade(self.region, active_region(W[:, 0], v["b"]))
        self.line.set_data(*_line(W[:, 0], v["b"]))
        L, L_new = num(loss, ".3g"), num(loss_new, ".3g")
        if k == 0:
            self._hide_step()  # no gradient: the step leaves the neuron where it is
            self.counts.set_text(f"DEAD: active on 0 of {n}\nevery gradient is 0, L = {L}")
            return Message(f"dead: z ≤ 0 for all {n} points — no gradient can flow", "bad")
        self.after.set_data(*_line(W_new[:, 0], float(b_new[0])))
        self._shade(self.region_after, active_region(W_new[:, 0], float(b_new[0])))
        self._show_step_key(True)
        self.counts.set_text(
            f"active: {k} of {n}, L = {L}\nafter one step: {k_new} of {n}, L = {L_new}"
        )
        head = f"{k} of {n} points active, L = {L}; one gradient-descent step at η = {num(v['lr'], '.3g')}"
        if k_new == 0:
            change = "lowers" if loss_new < loss else "does not lower"
            return Message(
                f"{head} {change} L to {L_new} but KILLS the neuron: afterwards z ≤ 0 for all "
                f"{n} points (dashed line)",
                "bad",
            )
        if loss_new > loss:
            return Message(f"{head} raises L to {L_new}; {k_new} of {n} stay active", "warn")
        return Message(f"{head}: L falls to {L_new}, {k_new} of {n} active", "ok")

    def _hide_step(self) -> None:
        self.after.set_data([], [])
        self._shade(self.region_after, np.empty((0, 2)))
        self._show_step_key(False)

    def _show_step_key(self, visible: bool) -> None:
        for artist in self.after_key:
            if artist.get_visible() != visible:
                artist.set_visible(visible)

    @staticmethod
    def _shade(patch: Polygon, corners: np.ndarray) -> None:
        patch.set_xy(corners if len(corners) else np.full((1, 2), np.nan))


def dead_share_figure(
    offsets: ArrayLike, share_init: ArrayLike, lrs: ArrayLike, share_after: dict[str, ArrayLike]
) -> Figure:
    """Left: % dead units at initialisation vs the bias offset. Right: % dead after training vs
    the learning rate (log scale), one line per label in `share_after`."""
    offsets = as_finite_array(offsets, "offsets", ndim=1)
    share_init = as_finite_array(share_init, "share_init", ndim=1)
    lrs = as_finite_array(lrs, "lrs", ndim=1)
    if share_init.shape != offsets.shape:
        raise ValueError(f"share_init must match offsets {offsets.shape}, got {share_init.shape}")
    with style():
        fig, axes = new_figure(1, 2, figsize=(11.0, 4.2))
        left, right = axes[0]
        left.plot(offsets, 100 * share_init, "o-", color=COLORS["vermillion"], lw=2.5, ms=5)
        left.set(xlabel="bias at initialisation c", ylabel="dead units (%)", ylim=(-3, 103))
        left.set_title("dead before training, by initial bias")
        styles = [("o-", COLORS["blue"]), ("s--", COLORS["orange"]), ("^:", COLORS["green"])]
        for (label, share), (marker, colour) in zip(share_after.items(), styles, strict=False):
            share = as_finite_array(share, f"share_after[{label!r}]", ndim=1)
            if share.shape != lrs.shape:
                raise ValueError(
                    f"share_after[{label!r}] must match lrs {lrs.shape}, got {share.shape}"
                )
            right.plot(lrs, 100 * share, marker, color=colour, lw=2.5, ms=5, label=label)
        right.set_xscale("log")
        right.set_xticks([0.01, 0.1, 1.0, 10.0], ["0.01", "0.1", "1", "10"])
        right.set(xlabel="learning rate η (log scale)", ylabel="dead units (%)", ylim=(-3, 103))
        right.set_title("after 5 steps of gradient descent")
        right.legend(loc="upper left")
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.16, top=0.9, wspace=0.25)
    return fig


def panel_dead_relu() -> Panel:
    """Sliders for w₀, w₁, b and the learning rate η over the 40-point data set."""
    return Panel(DeadReluView(), controls(PARAMS), columns=2)


PANELS = {"dead_relu": panel_dead_relu}
