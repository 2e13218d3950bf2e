"""The panel of 08_training_a_network: the worked neuron's output as its bias b moves.

A scaffold from `make new-lesson`: replace the view with the lesson's own, keeping the shape —
PARAMS written once, `update(**values)` starting with `resolve`, every number from the core.

    w·x = 5 for the worked example, so z = 5 + b and y = ReLU(5 + b)
"""

from __future__ import annotations

import numpy as np

from helpers.core.example import WORKED
from helpers.core.neuron import neuron_forward
from helpers.text import num
from helpers.ui.panel import Message, Panel
from helpers.ui.params import Param, controls, resolve
from helpers.ui.plotting import COLORS, new_figure, style

__all__ = ["PANELS", "PARAMS", "BiasView", "panel_bias"]

PARAMS = (Param("b", "bias b", default=WORKED.b, lo=-10.0, hi=4.0, step=0.5),)


def _output(b: float) -> tuple[float, float]:
    """(z, y) of the worked neuron with bias b, from the core."""
    y, cache = neuron_forward(WORKED.x, WORKED.w, b)
    return cache.z, y


class BiasView:
    """y = ReLU(w·x + b) of the worked neuron against b, with the point at the chosen b."""

    def __init__(self) -> None:
        with style():
            self.figure, axes = new_figure(figsize=(6.0, 3.2))
            self.ax = axes[0, 0]
            bs = np.linspace(PARAMS[0].lo, PARAMS[0].hi, 57)  # (57,)
            ys = [_output(b)[1] for b in bs]  # (57,)
            (self.curve,) = self.ax.plot(bs, ys, color=COLORS["blue"], lw=2.5)
            # The dot is `animated`: png_bytes pastes the unchanged rest and redraws only it.
            (self.dot,) = self.ax.plot(
                [0], [0], "o", ms=11, color=COLORS["vermillion"], animated=True
            )
            self.ax.set(xlabel="bias b", ylabel="y = ReLU(w·x + b)", ylim=(-0.5, 9.5))
            self.figure.subplots_adjust(left=0.13, right=0.97, bottom=0.2, top=0.95)

    def update(self, **values: float) -> Message:
        """Move the dot to (b, y); `b` (default the worked example's 1) within [−10, 4]."""
        v = resolve(PARAMS, values)
        z, y = _output(v["b"])
        self.dot.set_data([v["b"]], [y])
        text = f"b = {num(v['b'])}: z = w·x + b = {num(z)}, y = ReLU(z) = {num(y)}"
        if z > 0:
            return Message(f"{text} (active)")
        return Message(f"{text} (silent)", "warn")


def panel_bias() -> Panel:
    """A slider for b and the worked neuron's output."""
    return Panel(BiasView(), controls(PARAMS), columns=1)


PANELS = {"bias": panel_bias}
