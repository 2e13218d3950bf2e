"""The panels of 03: every gradient of one neuron beside its numerical check, and ReLU's kink.

With L = g·y, a loss whose dL/dy is exactly the upstream gradient g, and y = ReLU(w·x + b):

    dL/dw = g·1[z>0]·x,   dL/dx = g·1[z>0]·w,   dL/db = g·1[z>0]

`check_gradients` puts backprop (`neuron_backward`) next to central differences
(`numerical_gradient`) for all seven numbers; `GradientsView` draws them as paired bars.
"""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

import numpy as np
from matplotlib.ticker import MaxNLocator
from numpy.typing import ArrayLike

from helpers.core._checks import as_finite_array, as_finite_float, as_positive_float
from helpers.core.gradcheck import numerical_gradient, relative_error
from helpers.core.neuron import neuron_backward, neuron_forward
from helpers.ui.panel import Message, Panel, float_slider
from helpers.ui.plotting import COLORS, new_figure, style

__all__ = [
    "PANELS",
    "PARAMETERS",
    "GradientCheck",
    "GradientsView",
    "KinkView",
    "check_gradients",
    "format_relative_error",
    "panel_gradients",
    "panel_kink",
]

PARAMETERS = ("w0", "w1", "w2", "x0", "x1", "x2", "b")  # the order of every (7,) array below
_SUB = str.maketrans("012", "₀₁₂")
_TICKS = [f"∂L/∂{p.translate(_SUB)}" for p in PARAMETERS]  # plain text: mathtext is slow


def format_relative_error(err: float) -> str:
    """'< 1e-9' below 1e-9 (the last digits depend on the machine's rounding), else 2 digits."""
    err = as_finite_float(err, "err")
    return "< 1e-9" if err < 1e-9 else f"{err:.1e}"


class GradientCheck(NamedTuple):
    """Backprop and central differences for (w0, w1, w2, x0, x1, x2, b); all arrays are (7,)."""

    z: float
    analytic: np.ndarray
    numerical: np.ndarray
    at_kink: np.ndarray  # bool: the ±step crosses z = 0, so the difference sees both sides of ReLU
    rel_error: float | None  # over the entries not at the kink (None if every entry is)
    steps: np.ndarray  # the central-difference step used for each parameter
    noise: np.ndarray  # how far float64 rounding alone can move each central difference


def _loss(params: np.ndarray, g: float) -> float:
    """L = g·y for params = (w0, w1, w2, x0, x1, x2, b)."""
    y, _ = neuron_forward(params[3:6], params[:3], params[6])
    return g * y


def _scaled_loss(u: np.ndarray, scale: np.ndarray, g: float) -> float:
    """L at params = u·scale: a step eps in u_i is a step eps·scale_i in parameter i."""
    return _loss(u * scale, g)


def check_gradients(
    x: ArrayLike, w: ArrayLike, b: float, g: float, eps: float = 1e-6
) -> GradientCheck:
    """Backprop vs central differences for x, w of shape (3,); parameter i moves by eps·max(1, |θᵢ|).

    Raises OverflowError if a value is too large for float64 (the views turn that into a message).
    """
    x, w = as_finite_array(x, "x", ndim=1), as_finite_array(w, "w", ndim=1)
    b, g, eps = as_finite_float(b, "b"), as_finite_float(g, "g"), as_positive_float(eps, "eps")
    if x.shape != (3,) or w.shape != (3,):
        raise ValueError(f"x and w must have 3 entries each, got {x.size} and {w.size}")
    params = np.concatenate([w, x, [b]])
    scale = np.maximum(1.0, np.abs(params))  # params / scale · scale == params exactly
    with np.errstate(over="ignore", invalid="ignore"):
        _, cache = neuron_forward(x, w, b)
        grads = neuron_backward(g, cache) if np.isfinite(cache.z) else None
        f = partial(_scaled_loss, scale=scale, g=g)
        numerical = numerical_gradient(f, params / scale, eps=eps) / scale
    if grads is None or not np.all(np.isfinite(numerical)):
        raise OverflowError(f"w·x + b or g·y does not fit in a float64 (z = {cache.z:.3g})")
    analytic = np.concatenate([grads.dL_dw, grads.dL_dx, [grads.dL_db]])
    steps = eps * scale
    dz_dparam = np.abs(np.concatenate([x, w, [1.0]]))  # z moves by step·|dz/dθ| either way
    at_kink = np.abs(cache.z) <= 2 * steps * dz_dparam
    keep = ~at_kink
    err = relative_error(analytic[keep], numerical[keep]) if keep.any() else None
    size = abs(g) * (float(np.abs(x) @ np.abs(w)) + abs(b))  # the largest number L passes through
    noise = 8 * np.finfo(float).eps * size / (2 * steps)
    return GradientCheck(cache.z, analytic, numerical, at_kink, err, steps, noise)


def _number(value: float) -> str:
    """Two decimals with a real minus sign and no "−0.00"."""
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text.replace("-", "−")


def _nice_limit(value: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 4, 5, 6, 8 × 10^k that is ≥ value (axis limits that tick well)."""
    scale = 10.0 ** np.floor(np.log10(value))
    return next(m * scale for m in (1, 1.5, 2, 3, 4, 5, 6, 8, 10) if m * scale >= value)


class GradientsView:
    """Paired bars per parameter: backprop (blue) and central differences (orange).

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

    def update(self, x0=1.0, x1=-2.0, x2=3.0, w0=-3.0, w1=-1.0, w2=2.0, b=1.0, g=1.0) -> Message:
        names = dict(x0=x0, x1=x1, x2=x2, w0=w0, w1=w1, w2=w2, b=b, g=g)
        v = {name: as_finite_float(value, name) for name, value in names.items()}
        x, w = [v["x0"], v["x1"], v["x2"]], [v["w0"], v["w1"], v["w2"]]
        try:
            check = check_gradients(x, w, v["b"], v["g"])
        except OverflowError:
            self._draw(np.zeros(7), np.zeros(7), "overflow: nothing to draw")
            return Message(
                "Overflow: w·x + b is too large for a float64, so neither backprop nor central "
                "differences give a number. Use smaller values.",
                "bad",
            )
        gate = 1 if check.z > 0 else 0
        self._draw(
            check.analytic,
            check.numerical,
            f"z = {_number(check.z)}{' (kink)' if check.at_kink.any() else ''}   1[z>0] = {gate}"
            f"   dL/dz = {_number(v['g'] * gate)}",
        )
        return _verdict(check, v["g"], gate)

    def _draw(self, analytic: np.ndarray, numerical: np.ndarray, status: str) -> None:
        half = self.width / 2
        for i, (a, n) in enumerate(zip(analytic, numerical, strict=True)):
            self.bars[i].set_height(a)
            self.num_bars[i].set_height(n)
            label, num_label = self.labels[i], self.num_labels[i]
            if _number(a) == _number(n):  # one number for the pair
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
    label.set_text(_number(value))


def _verdict(check: GradientCheck, g: float, gate: int) -> Message:
    """The one-line explanation under the panel's sliders."""
    if check.at_kink.any():
        hit = np.flatnonzero(check.at_kink)
        which = "" if hit.size == 7 else " for " + ", ".join(f"dL/d{PARAMETERS[i]}" for i in hit)
        z = "0" if check.z == 0 else f"0 up to rounding ({check.z:.1e})"
        half = "s = ½" if check.z == 0 else "s ≈ ½"
        return Message(
            f"z = {z}: ReLU's kink. Backprop uses the gate 1[z>0] = {gate}; central differences "
            f"straddle the kink and average its two sides{which}. Not a bug: any ReLU slope s "
            "in [0, 1] is valid; each gradient is then g·s·∂z/∂θ, anywhere between 0 and its "
            f"open-gate value (the orange bars show {half}).",
            "warn",
        )
    err = format_relative_error(check.rel_error)
    if check.rel_error > 1e-6:
        gap = np.abs(check.analytic - check.numerical)
        if np.all(gap <= 1e-6 * np.abs(check.analytic) + check.noise):
            return Message(
                f"Relative error {err}: at values this large, float64 rounding blurs the central "
                "differences (backprop stays exact). Use smaller values for a sharp check.",
                "warn",
            )
        return Message(f"Backprop and central differences disagree: relative error {err}.", "bad")
    z = _number(check.z)
    if gate == 0:
        return Message(
            f"z = {z} < 0: the ReLU gate is closed, so every gradient is 0 and nothing flows "
            f"back to w, x or b (central differences agree: relative error {err}).",
            "warn",
        )
    if g == 0:
        return Message(f"z = {z} > 0 but g = 0: the loss ignores y, so every gradient is 0.", "ok")
    return Message(
        f"z = {z} > 0: the gate is open, so dL/dz = g = {_number(g)}; backprop matches "
        f"central differences (relative error {err}).",
        "ok",
    )


_HALF = 0.6  # half the length (in b) of KinkView's backprop segment


class KinkView:
    """y = ReLU(5 + b) against b (the worked example has w·x = 5): the central-difference secant
    through b ± h beside backprop's slope 1[z>0]."""

    def __init__(self) -> None:
        with style():
            self.figure, axes = new_figure(figsize=(8.0, 4.0))
            ax = self.ax = axes[0, 0]
            bs = np.array([-9.0, -5.0, -1.0])
            ax.plot(bs, np.maximum(bs + 5.0, 0.0), color=COLORS["black"], lw=2)
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

    def update(self, b: float = -5.0, h: float = 0.5) -> Message:
        b = round(as_finite_float(b, "b"), 9)  # drop slider rounding noise: -5.000000000000001 → -5
        h = as_positive_float(h, "h")
        z = 5.0 + b
        lo, hi = max(z - h, 0.0), max(z + h, 0.0)
        slope, gate = (hi - lo) / (2 * h), 1.0 if z > 0 else 0.0
        self.ends.set_data([b - h, b + h], [lo, hi])
        self.secant.set_data([b - h - 0.6, b + h + 0.6], [lo - 0.6 * slope, hi + 0.6 * slope])
        self.tangent.set_data(
            [b - _HALF, b + _HALF], [max(z, 0.0) - _HALF * gate, max(z, 0.0) + _HALF * gate]
        )
        self.dot.set_data([b], [max(z, 0.0)])
        if abs(z) >= h:
            return Message(
                f"z = {_number(z)}: b − h and b + h lie on the same side of the kink, so the "
                f"central difference {_number(slope)} equals backprop's slope {gate:.0f}.",
                "ok",
            )
        where = "exactly at the kink" if z == 0 else "closer to the kink than h"
        return Message(
            f"z = {_number(z)} is {where}: the secant from b − h to b + h (h = {h:.2f}) has "
            f"slope {_number(slope)}, backprop's gate 1[z>0] says {gate:.0f}. Any ReLU slope in "
            "[0, 1] is a valid subgradient at the kink.",
            "warn",
        )


def panel_gradients() -> Panel:
    """Sliders for x, w, b and the upstream gradient g; bars for all seven gradients."""
    sliders = {
        f"x{i}": float_slider(f"x{i}", v, -4.0, 4.0, 0.1) for i, v in enumerate((1.0, -2.0, 3.0))
    }
    sliders |= {
        f"w{i}": float_slider(f"w{i}", v, -4.0, 4.0, 0.1) for i, v in enumerate((-3.0, -1.0, 2.0))
    }
    sliders["b"] = float_slider("b", 1.0, -8.0, 8.0, 0.1)
    sliders["g"] = float_slider("g = dL/dy", 1.0, -3.0, 3.0, 0.1)
    return Panel(GradientsView(), sliders, columns=3)


def panel_kink() -> Panel:
    """Sliders for the bias and the finite-difference step h around ReLU's kink."""
    return Panel(
        KinkView(),
        {
            "b": float_slider("b", -5.0, -7.0, -3.0, 0.05),
            "h": float_slider("h", 0.5, 0.05, 1.5, 0.05),
        },
        columns=2,
    )


PANELS = {"gradients": panel_gradients, "kink": panel_kink}
