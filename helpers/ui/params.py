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
    """One slider over lo … hi, starting at `default`, moving by `step`.

    `log=True`: a slider on a log scale (learning rates); lo > 0 and `step` is in powers of ten
    (0.1 → ten stops per decade). `integer=True`: whole numbers only (step counts).
    `fmt`: the slider's readout (default '.2f', or '.2g' on a log scale).
    """

    name: str
    label: str
    default: float
    lo: float
    hi: float
    step: float
    log: bool = False
    integer: bool = False
    fmt: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ValueError(
                f"a parameter's name must be a Python name (update(**values) takes it as a "
                f"keyword), got {self.name!r}"
            )
        for field in ("default", "lo", "hi", "step"):
            value = getattr(self, field)
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise TypeError(
                    f"{self.name}: {field} must be a number, got {value!r} ({type(value).__name__})"
                )
            if not math.isfinite(value):
                raise ValueError(f"{self.name}: {field} must be finite, got {value!r}")
        if not self.lo < self.hi:
            raise ValueError(f"{self.name}: lo must be below hi, got lo={self.lo}, hi={self.hi}")
        if not self.lo <= self.default <= self.hi:
            raise ValueError(
                f"{self.name}: default {self.default} is outside [{self.lo}, {self.hi}]"
            )
        if self.step <= 0:
            raise ValueError(f"{self.name}: step must be > 0, got {self.step}")
        if self.log and self.lo <= 0:
            raise ValueError(f"{self.name}: a log slider needs lo > 0, got {self.lo}")
        if self.log and self.integer:
            raise ValueError(f"{self.name}: a slider is either log or integer, not both")
        if self.integer:
            fractional = [
                f"{field}={getattr(self, field)}"
                for field in ("default", "lo", "hi", "step")
                if not float(getattr(self, field)).is_integer()
            ]
            if fractional:
                raise ValueError(
                    f"{self.name}: an integer slider needs whole numbers, got {', '.join(fractional)}"
                )

    def check(self, value: Any) -> float:
        """`value` as a float (an int for `integer`); a clear error if it is not a finite
        number in [lo, hi]."""
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{self.name} must be a number, got {value!r} ({type(value).__name__})")
        try:
            out, shown = float(value), repr(value)
        except OverflowError:  # an int beyond ±1.8e308 (its repr can be too long to write)
            out, shown = math.inf, "an integer beyond the float range (±1.8e308)"
        if not math.isfinite(out) or not self.lo <= out <= self.hi:
            raise ValueError(
                f"{self.name} must be a finite number from {self.lo:g} to {self.hi:g} "
                f"(the slider's range), got {shown}"
            )
        if self.integer and not out.is_integer():
            raise TypeError(f"{self.name} must be a whole number, got {value!r}")
        return int(out) if self.integer else out

    def control(self, continuous_update: bool = True) -> widgets.ValueWidget:
        """The slider for this parameter, at its default."""
        common = {
            "value": self.check(self.default),
            "description": self.label,
            "continuous_update": continuous_update,
            "style": _STYLE,
            "layout": widgets.Layout(**_LAYOUT),
        }
        if self.integer:
            return widgets.IntSlider(
                min=int(self.lo), max=int(self.hi), step=int(self.step), **common
            )
        if self.log:
            return widgets.FloatLogSlider(
                base=10,
                min=math.log10(self.lo),
                max=math.log10(self.hi),
                step=self.step,
                readout_format=self.fmt or ".2g",
                **common,
            )
        return widgets.FloatSlider(
            min=self.lo, max=self.hi, step=self.step, readout_format=self.fmt or ".2f", **common
        )


def defaults(params: Iterable[Param]) -> dict[str, float]:
    """{name: default} for every parameter (an int for an integer parameter)."""
    return {p.name: p.check(p.default) for p in _unique(params)}


def controls(
    params: Iterable[Param], continuous_update: bool = True
) -> dict[str, widgets.ValueWidget]:
    """{name: slider} for every parameter, in order."""
    return {p.name: p.control(continuous_update) for p in _unique(params)}


def resolve(params: Iterable[Param], values: Mapping[str, Any]) -> dict[str, float]:
    """Every parameter's value: the one given (checked against its range) or its default.

    An unknown name is an error, so a typo never silently draws the default.
    """
    params = _unique(params)
    known = {p.name for p in params}
    unknown = sorted(set(values) - known, key=str)
    if unknown:
        raise TypeError(
            f"unknown parameter(s) {', '.join(map(str, unknown))}; "
            f"expected {', '.join(sorted(known))}"
        )
    return {p.name: p.check(values.get(p.name, p.default)) for p in params}


def _unique(params: Iterable[Param]) -> tuple[Param, ...]:
    """`params` as a tuple; a name used twice is an error (one slider would hide the other)."""
    params = tuple(params)
    names = [p.name for p in params]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValueError(f"parameter name(s) used twice: {', '.join(twice)}")
    return params
