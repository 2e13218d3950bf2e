"""The warm-up panel of 00_start_here: one slider, ReLU(z), and a dot that follows it."""

from __future__ import annotations

import numpy as np

from helpers.core._checks import as_finite_float
from helpers.ui.panel import Message, Panel, float_slider
from helpers.ui.plotting import COLORS, new_figure, style

__all__ = ["PANELS", "ReluView", "panel_relu"]


class ReluView:
    """The graph of y = ReLU(z) = max(0, z) on [-3, 3], with the point (z, ReLU(z)) marked."""

    def __init__(self) -> None:
        with style():
            self.figure, axes = new_figure(figsize=(6.0, 3.2))
            self.ax = axes[0, 0]
            zs = np.linspace(-3, 3, 61)
            self.ax.plot(zs, np.maximum(zs, 0), color=COLORS["blue"], lw=2.5, label="ReLU(z)")
            # The dot is `animated`: png_bytes pastes the unchanged rest and redraws only it.
            (self.dot,) = self.ax.plot(
                [0], [0], "o", ms=11, color=COLORS["vermillion"], animated=True
            )
            self.ax.axvline(0, color=COLORS["grey"], lw=0.8, ls=":")
            self.ax.set(xlim=(-3.2, 3.2), ylim=(-0.4, 3.2), xlabel="z", ylabel="y = ReLU(z)")
            self.figure.subplots_adjust(left=0.13, right=0.97, bottom=0.2, top=0.95)

    def update(self, z: float = 1.5) -> Message:
        z = as_finite_float(z, "z")
        y = max(z, 0.0)
        self.dot.set_data([z], [y])
        if z > 0:
            return Message(f"ReLU({z:.2f}) = {y:.2f}: the neuron is active and passes z on.", "ok")
        return Message(f"ReLU({z:.2f}) = 0: the neuron is silent.", "warn")


def panel_relu() -> Panel:
    """A slider for z and the point (z, ReLU(z)) on the curve."""
    return Panel(ReluView(), {"z": float_slider("z", 1.5, -3.0, 3.0, 0.1)}, columns=1)


PANELS = {"relu": panel_relu}
