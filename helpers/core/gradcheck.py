"""Numerical gradients by central differences, and the relative error to compare them with."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from helpers.core._checks import as_finite_array, as_positive_float

__all__ = ["numerical_gradient", "relative_error"]


def numerical_gradient(
    f: Callable[[np.ndarray], float],
    x: ArrayLike,
    eps: float = 1e-6,
    *,
    method: Literal["central", "forward"] = "central",
) -> np.ndarray:
    """df/dx_i ≈ (f(x + eps·e_i) − f(x − eps·e_i)) / (2·eps), for every entry of x (any shape).

    method="forward" gives the one-sided (f(x + eps·e_i) − f(x)) / eps instead (error ∝ eps,
    against ∝ eps² for the central one). `x` is never modified: f is called on copies.
    Returns an array of x's shape.
    """
    if method not in ("central", "forward"):
        raise ValueError(f"method must be 'central' or 'forward', got {method!r}")
    if not callable(f):
        raise TypeError(
            f"f must be a function of one array returning a number, got {type(f).__name__}"
        )
    x = as_finite_array(x, "x")
    eps = as_positive_float(eps, "eps")
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x_plus, x_minus = x.copy(), x.copy()
        x_plus[i] += eps
        if method == "central":
            x_minus[i] -= eps
        f_plus, f_minus = f(x_plus), f(x_minus)
        try:
            grad[i] = (float(f_plus) - float(f_minus)) / (2 * eps if method == "central" else eps)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"f must return a single number, got {type(f_plus).__name__}") from exc
    return grad


def relative_error(a: ArrayLike, b: ArrayLike, floor: float = 1e-12) -> float:
    """|a − b| / max(floor, |a| + |b|), with |·| the Euclidean norm (the absolute value for numbers)."""
    a = as_finite_array(a, "a")
    b = as_finite_array(b, "b")
    floor = as_positive_float(floor, "floor")
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got a {a.shape} and b {b.shape}")
    return float(np.linalg.norm(a - b) / max(floor, np.linalg.norm(a) + np.linalg.norm(b)))
