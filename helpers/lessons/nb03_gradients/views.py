"""The views of 03_gradients: all seven gradients of one neuron beside their numerical check,
ReLU's kink under a central difference, and the error of a finite difference against its step.

With L = g·y, a loss whose ∂L/∂y is exactly the upstream gradient g, and y = ReLU(w·x + b):

    ∂L/∂w = g·1[z>0]·x,   ∂L/∂x = g·1[z>0]·w,   ∂L/∂b = g·1[z>0]

Every number drawn comes from the core: `check_neuron_gradients` (backprop beside central
differences for v = (w₀, w₁, w₂, x₀, x₁, x₂, b)), `neuron_forward`, `relu_grad` and
`numerical_gradient`. The views only draw them and say in words what they show.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from numpy.typing import ArrayLike

from helpers.core._checks import as_finite_array, as_finite_float
from helpers.core.example import WORKED
from helpers.core.gradcheck import (
    NeuronGradientCheck,
    check_neuron_gradients,
    format_relative_error,
    numerical_gradient,
)
from helpers.core.graph import VARIABLES
from helpers.core.neuron import neuron_forward, relu_grad
from helpers.text import num, sub, sup
from helpers.ui.panel import Message, Panel
from helpers.ui.params import Param, controls, resolve
from helpers.ui.plotting import COLORS, new_figure, style

__all__ = [
    "GRADIENTS_PARAMS",
    "KINK_PARAMS",
    "PANELS",
    "GradientsView",
    "KinkView",
    "panel_gradients",
    "panel_kink",
    "step_error_figure",
]

_RANGES = {"x": (-4.0, 4.0), "w": (-4.0, 4.0), "b": (-8.0, 8.0)}
# x₀…x₂, w₀…w₂ and b from the worked example, then the upstream gradient g = ∂L/∂y.
GRADIENTS_PARAMS = (
    *(
        Param(name, sub(name), default, *_RANGES[name[0]], step=0.1)
        for name, default in WORKED.as_params().items()
    ),
    Param("g", "g = ∂L/∂y", 1.0, -3.0, 3.0, step=0.1),
)
# The kink panel moves the bias around b = −5, where the worked example's z = w·x + b is 0.
KINK_PARAMS = (
    Param("b", "b", -5.0, -7.0, -3.0, step=0.05),
    Param("h", "h", 0.5, 0.05, 1.5, step=0.05),
)
_TICKS = [f"∂L/∂{sub(name)}" for name in VARIABLES]  # plain text: mathtext is slow


def _nice_limit(value: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 4, 5, 6, 8 × 10^k that is ≥ value (axis limits that tick well)."""
    scale = 10.0 ** np.floor(np.log10(value))
    return next(m * scale for m in (1, 1.5, 2, 3, 4, 5, 6, 8, 10) if m * scale >= value)


class GradientsView:
    """Paired bars per variable: backprop (blue) and central differences (orange).

    One black number above a pair when both agree to two decimals; otherwise a blue number over the
    blue bar and an orange one over the orange bar, so neither value is read as the other.
    """

    def __init__(self) -> None:
        self.pos = np.array([0, 1, 2, 3.5, 4.5, 5.5, 7.0])
        width = self.width = 0.38
        with style():
            self.figure, axes = new_figure(figsize=(9.5, 4.0))
            ax = self.ax = axes[0, 0]
            zeros = np.zeros(7)
            # The moving parts are `animated`: png_bytes redraws only them while the y-limit
            # (a coarse level, see `_nice_limit`) stays the same.
            self.bars = ax.bar(
                self.pos - width / 2, zeros, width, color=COLORS["blue"], animated=True
            )
            self.num_bars = ax.bar(
                self.pos + width / 2,
                zeros,
                width,
                color=COLORS["orange"],  # no hatching: it costs ~7 ms per PNG
                animated=True,
            )
            self.labels = [
                ax.text(p, 0, "", ha="center", fontsize=12, animated=True) for p in self.pos
            ]
            self.num_labels = [
                ax.text(p, 0, "", ha="center", fontsize=11, color=COLORS["orange"], animated=True)
                for p in self.pos
            ]
            ax.axhline(0, color=COLORS["grey"], lw=0.8)
            for sep in (2.75, 6.25):
                ax.axvline(sep, color=COLORS["grey"], lw=0.8, ls=":")
            ax.set_xticks(self.pos, labels=_TICKS)
            ax.set(xlim=(-0.6, 7.6), ylim=(-1.5, 1.5), ylabel="gradient of L")
            ax.set_autoscale_on(False)  # limits are set by `update` only
            # a hand-made key: two coloured words are cheaper to draw than a legend box
            self.figure.text(0.67, 0.93, "■ backprop", color=COLORS["blue"], fontsize=13)
            self.figure.text(0.81, 0.93, "■ central diff.", color=COLORS["orange"], fontsize=13)
            ax.yaxis.set_major_locator(MaxNLocator(5, steps=[1, 1.5, 2, 3, 4, 5, 10]))
            # an axes' text in figure coordinates: savefig draws an axes' animated artists,
            # but not a figure's
            self.status = ax.text(
                0.07, 0.93, "", fontsize=13, animated=True, transform=self.figure.transFigure
            )
            self.figure.subplots_adjust(left=0.08, right=0.98, bottom=0.12, top=0.86)

    def update(self, **values: float) -> Message:
        """Draw backprop and central differences for x₀…x₂, w₀…w₂, b and g (`GRADIENTS_PARAMS`;
        a missing one takes its default, the worked example with g = 1)."""
        v = resolve(GRADIENTS_PARAMS, values)
        x, w = [v["x0"], v["x1"], v["x2"]], [v["w0"], v["w1"], v["w2"]]
        check = check_neuron_gradients(x, w, v["b"], v["g"])
        gate = float(relu_grad(check.z))
        kink = " (kink)" if check.at_kink.any() else ""
        self._draw(
            check.analytic,
            check.numerical,
            f"z = {num(check.z)}{kink}   1[z>0] = {gate:.0f}   ∂L/∂z = {num(v['g'] * gate)}",
        )
        return _verdict(check, v["g"])

    def _draw(self, analytic: np.ndarray, numerical: np.ndarray, status: str) -> None:
        half = self.width / 2
        for i, (a, n) in enumerate(zip(analytic, numerical, strict=True)):
            self.bars[i].set_height(a)
            self.num_bars[i].set_height(n)
            label, num_label = self.labels[i], self.num_labels[i]
            if num(a) == num(n):  # one number for the pair
                _place(label, self.pos[i], max(a, n, 0.0) if a >= 0 else min(a, n), a, "black")
                num_label.set_text("")
            else:  # each bar its own number, in its colour
                _place(label, self.pos[i] - half, a, a, "blue")
                _place(num_label, self.pos[i] + half, n, n, "orange")
        biggest = float(np.max(np.abs(np.r_[analytic, numerical])))
        need, lim = 1.3 * max(1.0, biggest), self.ax.get_ylim()[1]
        # Any limit change redraws the whole figure (~2× slower), so the limit moves only when
        # the bars outgrow it or shrink below a quarter of it (all-zero bars, a closed gate,
        # keep the scale they fell from), and then to a round level.
        if need > lim or (0 < biggest and need < lim / 4):
            lim = _nice_limit(need)
            self.ax.set_ylim(-lim, lim)
        self.status.set_text(status)


def _place(label, x: float, top: float, value: float, colour: str) -> None:
    """Write `value` just above (or, if negative, below) the bar end at height `top`."""
    label.set_position((x, top))
    label.set_verticalalignment("bottom" if value >= 0 else "top")
    label.set_color(COLORS[colour])
    label.set_text(num(value))


def _verdict(check: NeuronGradientCheck, g: float) -> Message:
    """The one-line explanation under the panel's sliders."""
    gate = float(relu_grad(check.z))
    if check.at_kink.any():
        hit = np.flatnonzero(check.at_kink)
        which = (
            "" if hit.size == 7 else " for " + ", ".join(f"∂L/∂{sub(VARIABLES[j])}" for j in hit)
        )
        z = "0" if check.z == 0 else f"0 up to rounding ({check.z:.1e})"
        half = "s = ½" if check.z == 0 else "s ≈ ½"
        return Message(
            f"z = {z}: ReLU's kink. Backprop uses the gate 1[z>0] = {gate:.0f}; central "
            f"differences straddle the kink and average its two sides{which}. Not a bug: for "
            "this one neuron any ReLU slope s in [0, 1] is valid; each gradient is then "
            f"g·s·∂z/∂vⱼ, between 0 and its open-gate value (the orange bars show {half}).",
            "warn",
        )
    err = format_relative_error(check.rel_error)
    if check.rel_error > 1e-6:
        return Message(f"Backprop and central differences disagree: relative error {err}.", "bad")
    z = num(check.z)
    if gate == 0:
        return Message(
            f"z = {z} < 0: the ReLU gate is closed, so every gradient is 0 and nothing flows "
            f"back to w, x or b (central differences agree: relative error {err}).",
            "warn",
        )
    if g == 0:
        return Message(f"z = {z} > 0 but g = 0: the loss ignores y, so every gradient is 0.", "ok")
    return Message(
        f"z = {z} > 0: the gate is open, so ∂L/∂z = g = {num(g)}; backprop matches "
        f"central differences (relative error {err}).",
        "ok",
    )


_HALF = 0.6  # half the length (in b) of KinkView's backprop segment


def _y_of_b(b: float) -> float:
    """The worked example's output y = ReLU(w·x + b) as a function of its bias alone."""
    y, _ = neuron_forward(WORKED.x, WORKED.w, b)
    return y


class KinkView:
    """y = ReLU(w·x + b) of the worked example (w·x = 5) against b: the central-difference secant
    through b ± h beside backprop's slope 1[z>0]."""

    def __init__(self) -> None:
        with style():
            self.figure, axes = new_figure(figsize=(8.0, 4.0))
            ax = self.ax = axes[0, 0]
            corners = [-9.0, -5.0, -1.0]  # y is straight between these (the kink at b = −5)
            ax.plot(corners, [_y_of_b(b) for b in corners], color=COLORS["black"], lw=2)
            # The moving parts are `animated`: png_bytes redraws only them (the limits are fixed).
            (self.secant,) = ax.plot([], [], color=COLORS["orange"], lw=2.5, ls="--", animated=True)
            (self.ends,) = ax.plot([], [], "o", color=COLORS["orange"], ms=9, animated=True)
            # backprop's slope: a short, thin segment centred on the dot, so that it does not
            # read as part of the ReLU curve it lies on
            (self.tangent,) = ax.plot([], [], color=COLORS["blue"], lw=1.8, animated=True)
            (self.dot,) = ax.plot([], [], "o", color=COLORS["blue"], ms=10, animated=True)
            ax.set(xlim=(-8.7, -1.3), ylim=(-0.8, 3.5), xlabel="bias b", ylabel="y")
            ax.set_autoscale_on(False)
            ax.set_yticks([0, 1, 2, 3])
            # a hand-made key: coloured words are much cheaper to draw than a legend box
            for row, (text, colour) in enumerate(
                [
                    ("━ y = ReLU(5 + b)", COLORS["black"]),
                    ("╍ central difference (secant)", COLORS["orange"]),
                    ("━ backprop slope 1[z>0]", COLORS["blue"]),
                ]
            ):
                ax.text(0.02, 0.93 - 0.09 * row, text, color=colour, transform=ax.transAxes)
            self.figure.subplots_adjust(left=0.1, right=0.97, bottom=0.16, top=0.95)

    def update(self, **values: float) -> Message:
        """Draw the secant through b − h and b + h and backprop's slope at b (`KINK_PARAMS`)."""
        v = resolve(KINK_PARAMS, values)
        b, h = round(v["b"], 9), v["h"]  # drop slider noise: −5.000000000000001 → −5
        y, cache = neuron_forward(WORKED.x, WORKED.w, b)
        z, gate = cache.z, float(relu_grad(cache.z))
        lo, hi = _y_of_b(b - h), _y_of_b(b + h)
        slope = float(numerical_gradient(lambda u: _y_of_b(u[0]), [b], h, relative=False)[0])
        self.ends.set_data([b - h, b + h], [lo, hi])
        # the secant through both ends, drawn 0.6 past each of them
        self.secant.set_data([b - h - 0.6, b + h + 0.6], [lo - 0.6 * slope, hi + 0.6 * slope])
        self.tangent.set_data([b - _HALF, b + _HALF], [y - _HALF * gate, y + _HALF * gate])
        self.dot.set_data([b], [y])
        if abs(z) >= h:
            return Message(
                f"z = {num(z)}: b − h and b + h lie on the same side of the kink, so the "
                f"central difference {num(slope)} equals backprop's slope {gate:.0f}.",
                "ok",
            )
        if z == 0:
            return Message(
                f"z = 0 is exactly at the kink: the secant from b − h to b + h (h = {num(h)}) has "
                f"slope {num(slope)}, backprop's gate 1[z>0] says 0. Here y has no derivative, "
                "and any slope in [0, 1] is a valid answer for this neuron.",
                "warn",
            )
        return Message(
            f"z = {num(z)} is closer to the kink than h = {num(h)}: the secant from b − h to "
            f"b + h crosses the kink and has slope {num(slope)}. Backprop's slope {gate:.0f} is "
            "the true derivative here; shrink h below |z| and the secant agrees.",
            "warn",
        )


def step_error_figure(
    steps: ArrayLike,
    errors: Mapping[str, ArrayLike],
    *,
    chosen: float = 1e-6,
    rounding: ArrayLike | None = None,
) -> Figure:
    """Log-log plot of each method's error against the step h, its smallest error marked.

    `steps` (n,) and each `errors[method]` (n,) are computed by the caller (with
    `numerical_gradient`); an error of exactly 0 is not drawn (log axes). `chosen` is marked as a
    vertical line; `rounding` (n,), if given, is drawn as the dotted rounding estimate ε·|L|/h.
    """
    steps = as_finite_array(steps, "steps", ndim=1)
    if steps.size < 2 or np.any(steps <= 0):
        raise ValueError(f"steps must hold at least 2 positive numbers, got {steps.tolist()}")
    if not isinstance(errors, Mapping) or not errors:
        raise TypeError(f"errors must be a non-empty mapping {{method: errors}}, got {errors!r}")
    curves = {}
    for name, values in errors.items():
        values = np.abs(as_finite_array(values, f"errors[{name!r}]", ndim=1))
        if values.shape != steps.shape:
            raise ValueError(
                f"errors[{name!r}] must have one entry per step ({steps.size}), got {values.size}"
            )
        curves[name] = values
    chosen = as_finite_float(chosen, "chosen")
    colours = iter([COLORS["vermillion"], COLORS["blue"], COLORS["green"], COLORS["purple"]])
    with style():
        fig, axes = new_figure(figsize=(8.0, 4.6))
        ax = axes[0, 0]
        for name, values in curves.items():
            shown = values > 0
            colour = next(colours)
            ax.loglog(steps[shown], values[shown], "o-", color=colour, lw=2, ms=5, label=name)
            best = int(np.argmin(np.where(shown, values, np.inf)))
            ax.plot([steps[best]], [values[best]], "*", color=colour, ms=20, mec="black")
            exponent = int(np.round(np.log10(steps[best])))
            ax.annotate(
                f"best h ≈ 10{sup(exponent)}",
                xy=(steps[best], values[best]),
                xytext=(0, -22),
                textcoords="offset points",
                ha="center",
                color=colour,
            )
        if rounding is not None:
            rounding = as_finite_array(rounding, "rounding", ndim=1)
            if rounding.shape != steps.shape:
                raise ValueError(f"rounding must have {steps.size} entries, got {rounding.size}")
            ax.loglog(steps, rounding, ":", color=COLORS["grey"], lw=2, label="rounding ≈ ε·|L|/h")
        ax.axvline(chosen, color=COLORS["grey"], lw=1, ls="--")
        ax.annotate(
            f"the series' h = 10{sup(int(np.round(np.log10(chosen))))}",
            xy=(chosen, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(4, -16),
            textcoords="offset points",
            color=COLORS["grey"],
        )
        ax.invert_xaxis()  # h shrinks to the right, as in the text
        ax.set(xlabel="step h", ylabel="|finite difference − exact|")
        ax.legend(loc="lower left")
        fig.subplots_adjust(left=0.12, right=0.97, bottom=0.14, top=0.95)
    return fig


def panel_gradients() -> Panel:
    """Sliders for x, w, b and the upstream gradient g (`GRADIENTS_PARAMS`); seven pairs of bars."""
    return Panel(GradientsView(), controls(GRADIENTS_PARAMS), columns=3)


def panel_kink() -> Panel:
    """Sliders for the bias and the finite-difference step h (`KINK_PARAMS`) around ReLU's kink."""
    return Panel(KinkView(), controls(KINK_PARAMS), columns=2)


PANELS = {"gradients": panel_gradients, "kink": panel_kink}
