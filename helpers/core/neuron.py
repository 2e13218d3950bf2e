"""One dense neuron with ReLU: forward returns (y, cache), backward returns the gradients.

    z = w·x + b,   y = ReLU(z) = max(0, z)

Backward, with g = dL/dy handed down from whatever comes after the neuron:

    dL/dz = g · 1[z > 0]      (ReLU's gate, evaluated at the *full* pre-activation z)
    dL/dw = dL/dz · x,   dL/dx = dL/dz · w,   dL/db = dL/dz
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from helpers.core._checks import as_finite_array, as_finite_float

__all__ = ["NeuronCache", "NeuronGrads", "neuron_backward", "neuron_forward", "relu", "relu_grad"]


def relu(z: ArrayLike) -> np.ndarray:
    """ReLU(z) = max(0, z), elementwise. Returns a float array of z's shape (0-D for a number)."""
    z = as_finite_array(z, "z")
    return np.maximum(z, 0.0)


def relu_grad(z: ArrayLike) -> np.ndarray:
    """dReLU/dz = 1[z > 0], elementwise; at the kink z = 0 we use 0, as PyTorch and JAX do."""
    z = as_finite_array(z, "z")
    return (z > 0).astype(np.float64)


class NeuronCache(NamedTuple):
    """What the backward step needs from the forward step."""

    x: np.ndarray  # (d,) inputs
    w: np.ndarray  # (d,) weights
    b: float  # bias
    z: float  # pre-activation w·x + b


class NeuronGrads(NamedTuple):
    """Gradients of the loss L with respect to each of the neuron's arguments."""

    dL_dw: np.ndarray  # (d,)
    dL_dx: np.ndarray  # (d,) handed back to the *previous* layer
    dL_db: float


def neuron_forward(x: ArrayLike, w: ArrayLike, b: float) -> tuple[float, NeuronCache]:
    """y = ReLU(w·x + b) for x, w of shape (d,), one entry per input, and a scalar b.

    Returns (y, cache). Raises ValueError if computing z overflows a float (a product xᵢwᵢ, a
    partial sum or z itself beyond about 1.8e308, even when the exact z would fit), rather than
    return inf or NaN ("not a number"), which the backward step would read as a silent neuron.
    """
    x = as_finite_array(x, "x", ndim=1)
    w = as_finite_array(w, "w", ndim=1)
    b = as_finite_float(b, "b")
    if x.shape != w.shape:
        raise ValueError(
            f"x and w must have the same length, got x of length {x.size} and w of length {w.size}"
        )
    if x.size == 0:
        raise ValueError("x and w must hold at least one number each, got empty arrays")
    with np.errstate(over="ignore", invalid="ignore"):  # reported below, in words
        z = float(x @ w + b)  # the bias goes *inside* the ReLU
    if not math.isfinite(z):  # inf, or NaN from inf − inf: never let it pass as a silent neuron
        got = "nan (an inf minus an inf)" if math.isnan(z) else z
        raise ValueError(
            f"z = w·x + b overflowed to {got}: the largest |x| is {np.abs(x).max():.3g}, the "
            f"largest |w| is {np.abs(w).max():.3g} and |b| is {abs(b):.3g}, but a float holds "
            f"at most about 1.8e308; scale x, w or b down"
        )
    y = max(z, 0.0)
    return y, NeuronCache(x=x, w=w, b=b, z=z)


def neuron_backward(dL_dy: float, cache: NeuronCache) -> NeuronGrads:
    """Chain rule through ReLU, sum and mul: ∂L/∂w = g·1[z>0]·x, ∂L/∂x = g·1[z>0]·w, ∂L/∂b = g·1[z>0].

    g = dL_dy is the upstream gradient ∂L/∂y; x, w and the returned ∂L/∂w, ∂L/∂x have shape (d,).
    """
    if not isinstance(cache, NeuronCache):
        raise TypeError(
            f"cache must be the NeuronCache returned by neuron_forward, got {type(cache).__name__}"
        )
    g = as_finite_float(dL_dy, "dL_dy")
    dL_dz = g * (1.0 if cache.z > 0 else 0.0)  # ReLU's gate at the full pre-activation z
    with np.errstate(over="ignore"):  # reported below, in words
        grads = NeuronGrads(dL_dw=dL_dz * cache.x, dL_dx=dL_dz * cache.w, dL_db=dL_dz)
    if not (np.isfinite(grads.dL_dw).all() and np.isfinite(grads.dL_dx).all()):
        raise ValueError(
            f"the gradients overflowed: dL_dy = {g:.3g} times the largest |x| "
            f"({np.abs(cache.x).max():.3g}) or |w| ({np.abs(cache.w).max():.3g}) passes the "
            f"float limit of about 1.8e308; scale dL_dy down"
        )
    return grads
