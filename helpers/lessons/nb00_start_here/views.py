"""The warm-up panel of 00_start_here: one slider for z, the graph of ReLU, and the point (z, y).

y = ReLU(z) = max(0, z)      (every number drawn comes from `helpers.core.neuron.relu`)
"""

from __future__ import annotations

import numpy as np

from helpers.core.neuron import relu
from helpers.text import num
from helpers.ui.panel import Message, Panel
from helpers.ui.params import Param, controls, resolve
from helpers.ui.plotting import COLORS, new_figure, style

__all__ = ["PANELS", "PARAMS", "ReluView", "panel_relu"]

PARAMS = (Param("z", "z", default=1.5, lo=-3.0, hi=3.0, step=0.1),)


class ReluView:
    """The graph of y = ReLU(z) on [−3, 3], with the point (z, ReLU(z)) marked: green where the
    neuron is active (z > 0), vermilion where it is silent (z ≤ 0), as in 01's pictures."""

    def __init__(self) -> None:
        with style():
            self.figure, axes = new_figure(figsize=(6.0, 3.2))
            self.ax = axes[0, 0]
            zs = np.linspace(-3.0, 3.0, 61)  # (61,)
            (self.curve,) = self.ax.plot(
                zs, relu(zs), color=COLORS["blue"], lw=2.5, label="ReLU(z)"
            )
            # The dot is `animated`: png_bytes pastes the unchanged rest and redraws only it.
            (self.dot,) = self.ax.plot(
                [0], [0], "o", ms=11, color=COLORS["vermillion"], animated=True
            )
            self.ax.axvline(0, color=COLORS["grey"], lw=0.8, ls=":")
            self.ax.set(xlim=(-3.2, 3.2), ylim=(-0.4, 3.2), xlabel="z", ylabel="y = ReLU(z)")
            self.figure.subplots_adjust(left=0.13, right=0.97, bottom=0.2, top=0.95)

    def update(self, **values: float) -> Message:
        """Move the dot to (z, ReLU(z)); `z` (default 1.5) must lie in the slider's range [−3, 3]."""
        v = resolve(PARAMS, values)
        # The slider's steps are 0.1, so z is exact to 1 decimal; rounding to 10 removes float
        # dust such as 2.8e-17 from the slider's arithmetic, so z = 0 reads as silent, as in 01.
        z = round(v["z"], 10)
        y = float(relu(z))
        self.dot.set_data([z], [y])
        self.dot.set_color(COLORS["green"] if z > 0 else COLORS["vermillion"])
        if z > 0:
            return Message(
                f"ReLU({num(z)}) = {num(y)}: z > 0, the neuron is active and passes z on."
            )
        return Message(
            f"ReLU({num(z)}) = {num(y)}: z ≤ 0, the neuron is silent (outputs 0).", "warn"
        )


def panel_relu() -> Panel:
    """A slider for z and the point (z, ReLU(z)) on the curve."""
    return Panel(ReluView(), controls(PARAMS), columns=1)


PANELS = {"relu": panel_relu}
