"""Numerical gradients by finite differences, the relative error to compare them with, and the
check of one neuron's seven gradients that notebook 03 draws.

    central:  dL/dvⱼ ≈ (L(v + hⱼ·eⱼ) − L(v − hⱼ·eⱼ)) / 2hⱼ     error ∝ hⱼ² (plus rounding)
    forward:  dL/dvⱼ ≈ (L(v + hⱼ·eⱼ) − L(v)) / hⱼ              error ∝ hⱼ  (plus rounding)

with the step hⱼ = eps·max(1, |vⱼ|), so that it still moves a large vⱼ.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from helpers.core._checks import as_finite_array, as_finite_float, as_positive_float
from helpers.core.neuron import neuron_backward, neuron_forward
from helpers.text import num

__all__ = [
    "NeuronGradientCheck",
    "check_neuron_gradients",
    "format_relative_error",
    "neuron_variables_loss",
    "numerical_gradient",
    "relative_error",
]


def numerical_gradient(
    f: Callable[[np.ndarray], float],
    x: ArrayLike,
    eps: float = 1e-6,
    *,
    method: Literal["central", "forward"] = "central",
    relative: bool = True,
) -> np.ndarray:
    """df/dx_i by finite differences, for every entry of x (any shape); returns x's shape.

    central: (f(x + h_i·e_i) − f(x − h_i·e_i)) / d_i with d_i = (x_i + h_i) − (x_i − h_i);
    forward: (f(x + h_i·e_i) − f(x)) / d_i with d_i = (x_i + h_i) − x_i (error ∝ h, against
    ∝ h² for the central one).

    The step is h_i = eps·max(1, |x_i|) (`relative=True`, the default), so that it moves x_i
    however large x_i is: a fixed step of 1e-6 vanishes next to |x_i| ≳ 1e10 (x_i ± 1e-6 == x_i
    in float64) and the difference would be 0. `relative=False` uses h_i = eps exactly (to draw a
    secant of a chosen width). The denominator d_i is the difference of the two points actually
    evaluated, as float64 represents them, not the nominal 2h_i. `x` is never modified.

    Raises ValueError if a step is lost to rounding (d_i == 0, possible only with relative=False).
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
        h = eps * max(1.0, abs(x[i])) if relative else eps
        x_plus, x_minus = x.copy(), x.copy()
        x_plus[i] += h
        if method == "central":
            x_minus[i] -= h
        step = float(x_plus[i] - x_minus[i])  # the difference float64 really evaluates
        if step == 0.0 or not np.isfinite(step):
            raise ValueError(
                f"eps = {eps:g} is lost to rounding next to x{list(i)} = {x[i]:g}; "
                "use a larger eps or relative=True"
            )
        f_plus, f_minus = f(x_plus), f(x_minus)
        try:
            grad[i] = (float(f_plus) - float(f_minus)) / step
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


def format_relative_error(err: float) -> str:
    """'< 1e−9' below 1e-9 (the last digits depend on the machine's rounding), else 2 digits,
    '2.5e−01', with a true minus."""
    err = as_finite_float(err, "err")
    return "< 1e−9" if err < 1e-9 else num(err, ".1e")


# ---- one neuron's seven variables (notebook 03) -------------------------------------------------


def neuron_variables_loss(v: ArrayLike, g: float = 1.0) -> float:
    """L = g·y with y = ReLU(w·x + b) and v = (w₀, w₁, w₂, x₀, x₁, x₂, b), shape (7,).

    A stand-in loss with dL/dy = g exactly, so its gradients are the ones backprop computes from
    the upstream gradient g.
    """
    v = as_finite_array(v, "v", ndim=1)
    if v.shape != (7,):
        raise ValueError(f"v must hold the 7 variables (w₀, w₁, w₂, x₀, x₁, x₂, b), got {v.size}")
    y, _ = neuron_forward(v[3:6], v[:3], v[6])
    return as_finite_float(g, "g") * y


class NeuronGradientCheck(NamedTuple):
    """Backprop beside central differences for v = (w₀, w₁, w₂, x₀, x₁, x₂, b); arrays are (7,)."""

    z: float
    analytic: np.ndarray
    numerical: np.ndarray
    at_kink: np.ndarray  # bool: the ±step moves z across 0, |z| < hⱼ·|∂z/∂vⱼ| (up to rounding)
    rel_error: float | None  # over the entries not at the kink (None if every entry is)
    steps: np.ndarray  # the step hⱼ = eps·max(1, |vⱼ|) used for each variable
    noise: np.ndarray  # how far float64 rounding alone can move each central difference


def check_neuron_gradients(
    x: ArrayLike, w: ArrayLike, b: float, g: float, eps: float = 1e-6
) -> NeuronGradientCheck:
    """Backprop (`neuron_backward`) vs central differences (`numerical_gradient`) for x, w of
    shape (3,), the bias b and the upstream gradient g, on the loss L = g·y.

    Raises OverflowError if w·x + b or g·y is too large for float64.
    """
    x, w = as_finite_array(x, "x", ndim=1), as_finite_array(w, "w", ndim=1)
    b, g, eps = as_finite_float(b, "b"), as_finite_float(g, "g"), as_positive_float(eps, "eps")
    if x.shape != (3,) or w.shape != (3,):
        raise ValueError(f"x and w must have 3 entries each, got {x.size} and {w.size}")
    v = np.concatenate([w, x, [b]])  # (7,)
    with np.errstate(over="ignore", invalid="ignore"):
        z = float(x @ w + b)
        if not np.isfinite(z) or not np.isfinite(g * max(z, 0.0)):
            raise OverflowError(f"w·x + b or g·y does not fit in a float64 (z = {z:.3g})")
        _, cache = neuron_forward(x, w, b)
        grads = neuron_backward(g, cache)
        try:
            numerical = numerical_gradient(lambda u: neuron_variables_loss(u, g), v, eps=eps)
        except ValueError as exc:  # a shifted z or g·y overflowed inside the loss
            raise OverflowError(f"w·x + b or g·y does not fit in a float64 ({exc})") from exc
    if not np.all(np.isfinite(numerical)):
        raise OverflowError(f"the central differences overflow float64 (z = {z:.3g})")
    analytic = np.concatenate([grads.dL_dw, grads.dL_dx, [grads.dL_db]])
    steps = eps * np.maximum(1.0, np.abs(v))
    dz_dv = np.abs(np.concatenate([x, w, [1.0]]))  # z moves by hⱼ·|∂z/∂vⱼ| either way
    size = float(np.abs(x) @ np.abs(w)) + abs(b)  # the largest number z passes through
    rounding = 8 * np.finfo(float).eps * size  # how far rounding alone can move z
    at_kink = np.abs(z) < steps * dz_dv + rounding
    keep = ~at_kink
    err = relative_error(analytic[keep], numerical[keep]) if keep.any() else None
    noise = 8 * np.finfo(float).eps * abs(g) * size / (2 * steps)
    return NeuronGradientCheck(z, analytic, numerical, at_kink, err, steps, noise)
