"""The worked example that runs through the whole series, written down once.

x = (1, −2, 3),   w = (−3, −1, 2),   b = 1   →   z = w·x + b = 6,   y = ReLU(6) = 6
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["WORKED", "Example"]


class Example(NamedTuple):
    """One neuron's inputs x, weights w and bias b (tuples: nobody can change them in place)."""

    x: tuple[float, ...]
    w: tuple[float, ...]
    b: float

    def as_params(self) -> dict[str, float]:
        """{'x0': 1.0, 'x1': −2.0, …, 'w0': −3.0, …, 'b': 1.0}: the names the panels use."""
        named = {f"x{i}": v for i, v in enumerate(self.x)}
        named.update({f"w{i}": v for i, v in enumerate(self.w)})
        return {**named, "b": self.b}


WORKED = Example(x=(1.0, -2.0, 3.0), w=(-3.0, -1.0, 2.0), b=1.0)
