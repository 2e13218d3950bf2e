"""The views of 01_the_neuron: the ReLU curve, and one neuron's products, bias, z and y.

    z = x₀w₀ + x₁w₁ + x₂w₂ + b,   y = ReLU(z) = max(0, z)

z and y come from `helpers.core.neuron` (`neuron_forward`, `relu`); the view only draws them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, MaxNLocator

from helpers.core._checks import as_finite_array
from helpers.core.example import WORKED
from helpers.core.neuron import neuron_forward, relu
from helpers.text import num, sub
from helpers.ui.panel import Message, Panel
from helpers.ui.params import Param, controls, resolve
from helpers.ui.plotting import COLORS, new_figure, style

__all__ = ["PANELS", "PARAMS", "NeuronView", "panel_neuron", "relu_figure"]

_RANGES = {"x": (-4.0, 4.0), "w": (-4.0, 4.0), "b": (-8.0, 8.0)}
# x₀…x₂, w₀…w₂ and b, starting at the worked example x = (1, −2, 3), w = (−3, −1, 2), b = 1.
PARAMS = tuple(
    Param(name, sub(name), default, *_RANGES[name[0]], step=0.1)
    for name, default in WORKED.as_params().items()
)
LABELS = ["x₀·w₀", "x₁·w₁", "x₂·w₂", "b", "z", "y"]


def relu_figure(marks: Sequence[float] = ()) -> Figure:
    """The graph of ReLU(z) = max(0, z) on [−8, 8] with its kink at 0; each z in `marks` is a dot."""
    marks = as_finite_array(marks, "marks", ndim=1)
    ys = relu(marks)  # (len(marks),)
    with style():
        fig, axes = new_figure(figsize=(7.0, 3.6))
        ax = axes[0, 0]
        corners = np.array([-8.0, 0.0, 8.0])  # ReLU is straight between these
        ax.plot(corners, relu(corners), color=COLORS["blue"], lw=3, label="ReLU(z) = max(0, z)")
        ax.axvline(0, color=COLORS["grey"], lw=0.8, ls=":")
        ax.annotate("kink at z = 0", xy=(0, 0), xytext=(3.0, 0.6), arrowprops={"arrowstyle": "->"})
        for z, y in zip(marks, ys, strict=True):
            active = z > 0
            ax.plot([z], [y], "o", ms=11, color=COLORS["green" if active else "vermillion"])
            ax.annotate(
                f"z = {num(z)}, y = {num(y)}",
                xy=(z, y),
                xytext=(-12, 8) if active else (-6, 12),
                textcoords="offset points",
                ha="right",
            )
        ax.set(xlim=(-8.4, 8.4), ylim=(-1.0, 8.4), xlabel="pre-activation z", ylabel="y = ReLU(z)")
        ax.legend(loc="upper left")
        fig.subplots_adjust(left=0.11, right=0.97, bottom=0.17, top=0.95)
    return fig


def _level(value: float) -> float:
    """The first of 8, 16, 32, 64, … that is ≥ value: coarse, rarely changing limits."""
    return 8.0 * 2.0 ** max(math.ceil(math.log2(value / 8.0)), 0) if value > 8.0 else 8.0


def _set_limits(ax, xlim: tuple[float, float], ylim: tuple[float, float]) -> None:
    """Set the limits only if they change: any change makes png_bytes redraw the whole figure."""
    if ax.get_xlim() != xlim:
        ax.set_xlim(xlim)
    if ax.get_ylim() != ylim:
        ax.set_ylim(ylim)


class NeuronView:
    """Left: the bars x_i·w_i, b, z and y. Right: the ReLU curve with the point (z, y) on it."""

    def __init__(self) -> None:
        with style():
            self.figure, axes = new_figure(1, 2, figsize=(9.6, 3.6))
            self.ax, self.ax_relu = axes[0, 0], axes[0, 1]
            self.ax.set_position([0.08, 0.14, 0.55, 0.74])
            self.ax_relu.set_position([0.72, 0.14, 0.26, 0.74])
            # The moving parts are `animated`: png_bytes redraws only them while the limits stay
            # (which `update` changes only in coarse levels, see `_level`).
            colours = [COLORS["blue"]] * 3 + [COLORS["orange"], COLORS["grey"], COLORS["green"]]
            self.bars = self.ax.bar(range(6), np.zeros(6), color=colours, width=0.7, animated=True)
            self.values = [
                self.ax.text(i, 0, "", ha="center", fontsize=12, animated=True) for i in range(6)
            ]
            self.ax.axhline(0, color=COLORS["black"], lw=0.8)
            self.ax.axvline(3.5, color=COLORS["grey"], lw=0.8, ls="--")
            self.ax.set_xticks(range(6), LABELS)
            self.ax.set_ylabel("value")
            # Titles as plain text artists: an axes title is re-positioned on every draw (slow).
            self.ax.text(
                2.5,
                1.03,
                "z = x₀w₀ + x₁w₁ + x₂w₂ + b,   y = ReLU(z)",
                ha="center",
                transform=self.ax.get_xaxis_transform(),
                fontsize=14,
            )
            (self.curve,) = self.ax_relu.plot([], [], color=COLORS["blue"], lw=2.5, animated=True)
            (self.dot,) = self.ax_relu.plot([], [], "o", ms=11, animated=True)
            # The scale of the right panel: its ticks show only the kink, this shows the numbers.
            self.readout = self.ax_relu.text(
                0.04,
                0.96,
                "",
                ha="left",
                va="top",
                fontsize=11,
                transform=self.ax_relu.transAxes,
                animated=True,
            )
            self.ax_relu.axvline(0, color=COLORS["grey"], lw=0.8, ls=":")
            self.ax_relu.set(xlabel="z", ylabel="y = ReLU(z)")
            self.ax_relu.text(
                0.5,
                1.03,
                "where z lands on ReLU",
                ha="center",
                transform=self.ax_relu.transAxes,
                fontsize=14,
            )
            self.ax.yaxis.set_major_locator(MaxNLocator(nbins=4))  # few ticks: readable, fast
            for axis in (self.ax_relu.xaxis, self.ax_relu.yaxis):  # same scale as the bars
                axis.set_major_locator(FixedLocator([0.0]))  # only the kink's position
            for ax in (self.ax, self.ax_relu):  # limits are set by `update`, never autoscaled
                ax.set_autoscale_on(False)
            self._limits(8.0)

    def _limits(self, lim: float) -> None:
        _set_limits(self.ax, (-0.6, 5.6), (-lim, lim))
        _set_limits(self.ax_relu, (-lim, lim), (-0.08 * lim, lim))

    def update(self, **values: float) -> Message:
        """Move the bars and the dot to the neuron with inputs x0, x1, x2, weights w0, w1, w2 and
        bias b (each a number in its slider's range; a missing one takes its PARAMS default)."""
        v = resolve(PARAMS, values)
        _, cache = neuron_forward([v["x0"], v["x1"], v["x2"]], [v["w0"], v["w1"], v["w2"]], v["b"])
        products = cache.x * cache.w  # (3,): the three mul outputs x_i·w_i that z adds up
        # Slider values sit on a 0.1 grid, so z is exact to 2 decimals; rounding to 10 removes
        # float dust such as 5.6e-17 (0.1 + 0.2 − 0.3), so the verdict matches exact arithmetic.
        z = round(cache.z, 10)
        y = float(relu(z))
        heights = [*products, cache.b, z, y]
        lim = _level(1.2 * max(abs(h) for h in heights))
        for bar, text, h in zip(self.bars, self.values, heights, strict=True):
            bar.set_height(h)
            # A label sits above a positive bar and below a negative one, never on the bar.
            text.set_position(
                (bar.get_x() + bar.get_width() / 2, h + (0.03 if h >= 0 else -0.03) * lim)
            )
            text.set_verticalalignment("bottom" if h >= 0 else "top")
            text.set_text(num(h))
        self._limits(lim)
        self.curve.set_data([-lim, 0.0, lim], [0.0, 0.0, lim])
        self.dot.set_data([z], [y])
        colour = COLORS["green"] if z > 0 else COLORS["vermillion"]
        self.dot.set_color(colour)
        self.readout.set_text(f"(z, y) = ({num(z)}, {num(y)})")
        self.readout.set_color(colour)
        if z > 0:
            return Message(f"z = {num(z)} > 0: active, y = {num(y)}", "ok")
        if z == 0:
            return Message(
                "z = 0.00 ≤ 0: silent at the kink, y = 0; gradient 0 by the convention ReLU′(0) = 0",
                "warn",
            )
        return Message(
            f"z = {num(z)} < 0: silent, y = 0; a small nudge of a weight or b leaves y at 0 "
            "(gradient 0)",
            "warn",
        )


def panel_neuron() -> Panel:
    """Sliders for x₀…x₂, w₀…w₂ and b (PARAMS), starting at the worked example."""
    return Panel(NeuronView(), controls(PARAMS), columns=3)


PANELS = {"neuron": panel_neuron}
