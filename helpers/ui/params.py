"""A panel's parameters, written once: name, label, range, default and step.

From one tuple of `Param`s come the panel's sliders (`controls`), the view's defaults and the
validation of every value the view is asked to draw (`resolve`), so the three cannot drift:

    PARAMS = (Param("z", "z", default=1.5, lo=-3.0, hi=3.0, step=0.1),)
    view.update(**resolve(PARAMS, {"z": 2.0}))
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

__all__ = ["Param", "controls", "defaults", "resolve"]

_LAYOUT = {"width": "320px"}  # wide enough to read on a projector
_STYLE = {"description_width": "initial"}


@dataclass(frozen=True)
class Param:
    """One slider. `log=True`: a slider over lo … hi on a log scale (learning rates);
    `integer=True`: whole numbers only (step counts)."""

    name: str
    label: str
    default: float
    lo: float
    hi: float
    step: float
    log: bool = False
    integer: bool = False
    fmt: str = ".2f"

    def __post_init__(self) -> None:
        if not self.lo <= self.default <= self.hi:
            raise ValueError(
                f"{self.name}: default {self.default} is outside [{self.lo}, {self.hi}]"
            )
        if self.log and self.lo <= 0:
            raise ValueError(f"{self.name}: a log slider needs lo > 0, got {self.lo}")

    def check(self, value: Any) -> float:
        """`value` as a float (an int for `integer`); a clear error if it is not a finite
        number in [lo, hi]."""
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{self.name} must be a number, got {value!r} ({type(value).__name__})")
        if self.integer and not isinstance(value, numbers.Integral):
            if not float(value).is_integer():
                raise TypeError(f"{self.name} must be a whole number, got {value!r}")
        out = float(value)
        if not math.isfinite(out) or not self.lo <= out <= self.hi:
            raise ValueError(
                f"{self.name} must be a finite number from {self.lo:g} to {self.hi:g} "
                f"(the slider's range), got {value!r}"
            )
        return int(out) if self.integer else out

    def control(self, continuous_update: bool = True) -> widgets.ValueWidget:
        """The slider for this parameter, at its default."""
        common = {
            "value": self.default,
            "step": self.step,
            "description": self.label,
            "continuous_update": continuous_update,
            "style": _STYLE,
            "layout": widgets.Layout(**_LAYOUT),
        }
        if self.integer:
            return widgets.IntSlider(min=int(self.lo), max=int(self.hi), **common)
        if self.log:
            return widgets.FloatLogSlider(
                base=10,
                min=math.log10(self.lo),
                max=math.log10(self.hi),
                readout_format=".2g",
                **common,
            )
        return widgets.FloatSlider(min=self.lo, max=self.hi, readout_format=self.fmt, **common)


def defaults(params: Iterable[Param]) -> dict[str, float]:
    """{name: default} for every parameter."""
    return {p.name: p.default for p in params}


def controls(
    params: Iterable[Param], continuous_update: bool = True
) -> dict[str, widgets.ValueWidget]:
    """{name: slider} for every parameter, in order."""
    return {p.name: p.control(continuous_update) for p in params}


def resolve(params: Iterable[Param], values: Mapping[str, Any]) -> dict[str, float]:
    """Every parameter's value: the one given (checked against its range) or its default.

    An unknown name is an error, so a typo never silently draws the default.
    """
    params = tuple(params)
    known = {p.name for p in params}
    unknown = sorted(set(values) - known)
    if unknown:
        raise TypeError(
            f"unknown parameter(s) {', '.join(unknown)}; expected {', '.join(sorted(known))}"
        )
    return {p.name: p.check(values[p.name]) if p.name in values else p.default for p in params}
