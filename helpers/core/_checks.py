"""Input validation shared by every public helper: clear errors that name the argument."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

__all__ = ["as_finite_array", "as_finite_float", "as_positive_float"]


def _describe(value: Any) -> str:
    """A short description of what was received, for error messages."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of length {len(value)}"
    return f"{value!r} ({type(value).__name__})"


def as_finite_array(value: Any, name: str, *, ndim: int | None = None) -> np.ndarray:
    """Return `value` as a new float64 array; raise if it is not numeric, finite and `ndim`-D."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(
            f"{name} must be numeric (a number or an array of numbers), got {_describe(value)}"
        )
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be numeric, got the boolean {value!r}")
    try:
        arr = np.array(value, dtype=np.float64)  # always a copy: callers may not mutate ours
    except (TypeError, ValueError) as exc:
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
    out = float(value)
    if not np.isfinite(out):
        raise ValueError(f"{name} must be finite, got {out}")
    return out


def as_positive_float(value: Any, name: str) -> float:
    """Return `value` as a float; raise unless it is finite and strictly positive."""
    out = as_finite_float(value, name)
    if out <= 0:
        raise ValueError(f"{name} must be > 0, got {out}")
    return out
