"""Input validation shared by every public helper: clear errors that name the argument."""

from __future__ import annotations

import numbers
import sys
from typing import Any

import numpy as np

__all__ = ["as_finite_array", "as_finite_float", "as_positive_float"]


def _describe(value: Any) -> str:
    """A short description of what was received, for error messages."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of length {len(value)}"
    if isinstance(value, int) and abs(value) > _FLOAT_MAX:  # its repr can pass Python's limit
        return "an integer beyond the float range (±1.8e308)"
    return f"{value!r} ({type(value).__name__})"


_FLOAT_MAX = sys.float_info.max  # about 1.8e308


def _non_number(value: Any, depth: int = 0) -> Any:
    """The first item of `value` (a number, array or nested list) that is not a real number,
    wrapped in a 1-tuple; None if every item is one. Text, bools and None count as not numbers,
    though numpy would quietly turn '1.5', True and None into 1.5, 1.0 and nan."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "iuf":
            return None
        if value.dtype.kind != "O":  # bool, text, complex, dates
            return (value,)
        value = value.ravel().tolist()
    if isinstance(value, (list, tuple)):
        if depth > 32:
            return (value,)
        return next((bad for item in value if (bad := _non_number(item, depth + 1))), None)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        return (value,)
    return None


def as_finite_array(value: Any, name: str, *, ndim: int | None = None) -> np.ndarray:
    """Return `value` as a new float64 array; raise if it is not numeric, finite and `ndim`-D."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be numeric, got the boolean {value!r}")
    bad = _non_number(value)
    if bad is not None:
        inside = "" if bad[0] is value else f"{_describe(value)} holding "
        raise TypeError(
            f"{name} must be numeric (a number or an array of numbers), "
            f"got {inside}{_describe(bad[0])}"
        )
    try:
        arr = np.array(value, dtype=np.float64)  # always a copy: callers may not mutate ours
    except OverflowError:
        raise ValueError(
            f"{name} must be finite, got a number beyond the float range (±1.8e308)"
        ) from None
    except (TypeError, ValueError) as exc:  # rows of different lengths
        raise TypeError(
            f"{name} must be numeric (a number or an array of numbers), got {_describe(value)}"
        ) from exc
    if ndim is not None and arr.ndim != ndim:
        want = "a number" if ndim == 0 else f"a {ndim}-D array"
        raise ValueError(f"{name} must be {want}, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {arr.tolist()}")
    return arr


def as_finite_float(value: Any, name: str) -> float:
    """Return `value` as a Python float; raise if it is not one finite real number."""
    if isinstance(value, np.ndarray) and value.shape != ():
        raise ValueError(f"{name} must be a single number, got an array of shape {value.shape}")
    if isinstance(value, (list, tuple)):
        raise ValueError(f"{name} must be a single number, got {_describe(value)}")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.ndarray)):
        raise TypeError(f"{name} must be a real number, got {_describe(value)}")
    try:
        out = float(value)
    except OverflowError:  # an int beyond the float range
        raise ValueError(f"{name} must be finite, got {_describe(value)}") from None
    if not np.isfinite(out):
        raise ValueError(f"{name} must be finite, got {out}")
    return out


def as_positive_float(value: Any, name: str) -> float:
    """Return `value` as a float; raise unless it is finite and strictly positive."""
    out = as_finite_float(value, name)
    if out <= 0:
        raise ValueError(f"{name} must be > 0, got {out}")
    return out
