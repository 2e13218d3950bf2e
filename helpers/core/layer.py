"""A dense layer of ReLU (or leaky ReLU) neurons on a batch, and how to tell which of them are dead.

    Z = X W + b,   out = ReLU(Z)         X: (N, d) batch, W: (d, m), b: (m,), Z and out: (N, m)

Backward, with G = dL/d(out) of shape (N, m) handed down from whatever comes after the layer:

    dL/dZ = G ⊙ 1[Z > 0]   (⊙: entry by entry; the ReLU gate, 0 at the kink z = 0 too; a leaky
                            layer's gate is negative_slope instead of 0 where Z ≤ 0)
    dL/dW = Xᵀ dL/dZ,   dL/db = Σ_rows dL/dZ,   dL/dX = dL/dZ Wᵀ   (handed to the previous layer)

A *linear* layer (`dense_linear_forward`/`dense_linear_backward`, the last layer of a network) is
the same without the ReLU: out = Z, so dL/dZ = G and the three products are the same.

A unit is *dead* on a data set when z ≤ 0 for every row. For plain ReLU (negative_slope = 0) its
gate is then 0 everywhere, so every gradient of the loss through it is exactly 0; a leaky unit's
gate is negative_slope > 0 there, so it is never cut off this way. Plain gradient descent on that fixed data set (with
ReLU′(0) = 0) can then never move it again. What `train_gd`'s two extras do to a dead unit
(its loss gradient is 0, so only they move it; 0 < lr·weight_decay < 1):

- weight decay on W *and* b (plain L2, and what an optimiser's weight_decay does to every
  parameter it is given): W, b ← (1 − lr·λ)·(W, b), so every z shrinks by that same factor and
  stays ≤ 0: the unit stays dead.
- weight decay on W only (`decay_bias=False`): z → (1 − lr·λ)ᵏ·(x·w) + b tends to b, so a dead
  unit with b > 0 becomes active again; with b ≤ 0 it stays dead.
- momentum: the velocity keeps the direction of the steps that killed the unit, which lowered z;
  it decays geometrically (factor μ per step) and usually pushes the unit further in, not back.

Inputs that change (the layers before it keep learning) can bring a unit back.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from helpers.core._checks import as_finite_array, as_finite_float
from helpers.core.optim import sgd_step

__all__ = [
    "TEACHER_B",
    "TEACHER_W",
    "Dataset",
    "LayerCache",
    "LayerGrads",
    "active_counts",
    "batch_squared_loss",
    "dead_fraction",
    "dead_units",
    "dense_linear_backward",
    "dense_linear_forward",
    "dense_relu_backward",
    "dense_relu_forward",
    "leaky_relu",
    "leaky_relu_grad",
    "make_dataset",
    "train_gd",
]

# The targets of `make_dataset` come from this "teacher" neuron: t = ReLU(x · TEACHER_W + TEACHER_B).
TEACHER_W = np.array([1.0, -0.5])
TEACHER_B = 0.5


def _slope(negative_slope: float) -> float:
    slope = as_finite_float(negative_slope, "negative_slope")
    if not 0.0 <= slope < 1.0:
        raise ValueError(f"negative_slope must be in [0, 1), got {slope}")
    return slope


def leaky_relu(z: ArrayLike, negative_slope: float = 0.01) -> np.ndarray:
    """LeakyReLU(z) = z if z > 0 else negative_slope · z, elementwise (negative_slope = 0: ReLU)."""
    z = as_finite_array(z, "z")
    return np.where(z > 0, z, _slope(negative_slope) * z)


def leaky_relu_grad(z: ArrayLike, negative_slope: float = 0.01) -> np.ndarray:
    """dLeakyReLU/dz = 1 if z > 0 else negative_slope (at z = 0: negative_slope, as ReLU gives 0 there)."""
    z = as_finite_array(z, "z")
    return np.where(z > 0, 1.0, _slope(negative_slope))


class LayerCache(NamedTuple):
    """What the backward step needs from the forward step."""

    X: np.ndarray  # (N, d) inputs, one row per example
    W: np.ndarray  # (d, m) weights, one column per unit
    b: np.ndarray  # (m,) biases
    Z: np.ndarray  # (N, m) pre-activations
    negative_slope: float  # the gate where Z ≤ 0: 0 for ReLU, 0 < s < 1 leaky, 1 for a linear layer


class LayerGrads(NamedTuple):
    """Gradients of the loss L with respect to the layer's weights, biases and inputs."""

    dL_dW: np.ndarray  # (d, m)
    dL_db: np.ndarray  # (m,)
    dL_dX: np.ndarray  # (N, d) handed back to the *previous* layer


def _layer_args(X: ArrayLike, W: ArrayLike, b: ArrayLike):
    X = as_finite_array(X, "X", ndim=2)
    W = as_finite_array(W, "W", ndim=2)
    b = as_finite_array(b, "b", ndim=1)
    if X.shape[1] != W.shape[0]:
        raise ValueError(
            f"X and W do not fit: X has {X.shape[1]} columns (features), W has {W.shape[0]} rows; "
            f"expected X of shape (N, d) and W of shape (d, m), got {X.shape} and {W.shape}"
        )
    if b.shape != (W.shape[1],):
        raise ValueError(f"b must have one entry per unit, shape ({W.shape[1]},), got {b.shape}")
    if X.size == 0 or W.size == 0:
        raise ValueError(f"X and W must not be empty, got shapes {X.shape} and {W.shape}")
    return X, W, b


def dense_relu_forward(
    X: ArrayLike, W: ArrayLike, b: ArrayLike, negative_slope: float = 0.0
) -> tuple[np.ndarray, LayerCache]:
    """out = ReLU(X W + b) (leaky if negative_slope > 0), shape (N, m). Returns (out, cache)."""
    X, W, b = _layer_args(X, W, b)
    slope = _slope(negative_slope)
    Z = X @ W + b  # the bias goes *inside* the activation
    out = np.where(Z > 0, Z, slope * Z)
    return out, LayerCache(X=X, W=W, b=b, Z=Z, negative_slope=slope)


def dense_relu_backward(dL_dout: ArrayLike, cache: LayerCache) -> LayerGrads:
    """dL/dZ = G ⊙ gate(Z); dL/dW = Xᵀ dL/dZ (d, m), dL/db = Σ_rows dL/dZ (m,), dL/dX = dL/dZ Wᵀ (N, d)."""
    if not isinstance(cache, LayerCache):
        raise TypeError(
            f"cache must be the LayerCache returned by dense_relu_forward, got {type(cache).__name__}"
        )
    G = as_finite_array(dL_dout, "dL_dout", ndim=2)
    if G.shape != cache.Z.shape:
        raise ValueError(f"dL_dout must have the output's shape {cache.Z.shape}, got {G.shape}")
    dL_dZ = G * np.where(cache.Z > 0, 1.0, cache.negative_slope)  # the gate, at the full Z
    return LayerGrads(
        dL_dW=cache.X.T @ dL_dZ,  # (d, N) @ (N, m) -> (d, m), W's shape
        dL_db=dL_dZ.sum(axis=0),  # (m,): b is added to every row, so its gradient sums the rows
        dL_dX=dL_dZ @ cache.W.T,  # (N, m) @ (m, d) -> (N, d), X's shape
    )


def dense_linear_forward(X: ArrayLike, W: ArrayLike, b: ArrayLike) -> tuple[np.ndarray, LayerCache]:
    """out = Z = X W + b, shape (N, m), without an activation (a network's last layer).

    Returns (out, cache); the cache's gate is 1 everywhere (negative_slope = 1).
    """
    X, W, b = _layer_args(X, W, b)
    Z = X @ W + b  # (N, d) @ (d, m) + (m,) -> (N, m): b is added to every row
    return Z.copy(), LayerCache(X=X, W=W, b=b, Z=Z, negative_slope=1.0)


def dense_linear_backward(dL_dout: ArrayLike, cache: LayerCache) -> LayerGrads:
    """dL/dW = Xᵀ G (d, m), dL/db = Σ_rows G (m,), dL/dX = G Wᵀ (N, d), for G = dL/dout = dL/dZ."""
    if not isinstance(cache, LayerCache) or cache.negative_slope != 1.0:
        got = type(cache).__name__ if not isinstance(cache, LayerCache) else "a ReLU layer's cache"
        raise TypeError(f"cache must be the LayerCache returned by dense_linear_forward, got {got}")
    return dense_relu_backward(dL_dout, cache)  # the gate is 1 everywhere: dL/dZ = G


def batch_squared_loss(out: ArrayLike, t: ArrayLike) -> tuple[float, np.ndarray]:
    """L = (1/N) Σₙ Σₖ (out[n, k] − t[n])², for out (N, m) and targets t (N,). Returns (L, dL/dout).

    (The loss of one neuron on one example is `helpers.core.training.squared_loss`.)

    Every unit (column) is compared with the same target, so each one is its own little regression:
    dL/dout[n, k] = (2/N)(out[n, k] − t[n]), t subtracted from each *row* (t[:, None]; a plain
    `out - t` would subtract t from each column instead).
    """
    out = as_finite_array(out, "out", ndim=2)
    t = as_finite_array(t, "t", ndim=1)
    if t.shape != (out.shape[0],):
        raise ValueError(
            f"t must have one target per row of out, shape ({out.shape[0]},), got {t.shape}"
        )
    err = out - t[:, None]
    n = out.shape[0]
    return float(np.sum(err**2) / n), 2.0 * err / n


def active_counts(X: ArrayLike, W: ArrayLike, b: ArrayLike) -> np.ndarray:
    """Integers (m,): for each unit, on how many rows of X its pre-activation z is > 0."""
    X, W, b = _layer_args(X, W, b)
    return np.sum(X @ W + b > 0, axis=0)


def dead_units(X: ArrayLike, W: ArrayLike, b: ArrayLike) -> np.ndarray:
    """Boolean (m,): True for each unit whose pre-activation z ≤ 0 on every row of X."""
    return active_counts(X, W, b) == 0


def dead_fraction(X: ArrayLike, W: ArrayLike, b: ArrayLike) -> float:
    """The share of the layer's units that are dead on X, a number in [0, 1]."""
    return float(np.mean(dead_units(X, W, b)))


def train_gd(
    X: ArrayLike,
    t: ArrayLike,
    W: ArrayLike,
    b: ArrayLike,
    lr: float,
    steps: int = 1,
    negative_slope: float = 0.0,
    *,
    momentum: float = 0.0,
    weight_decay: float = 0.0,
    decay_bias: bool = True,
) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """`steps` steps of full-batch gradient descent on `batch_squared_loss` (every step uses the
    gradient over all rows of X): θ ← θ − lr·v for θ = W and b, where

        g = dL/dθ + weight_decay·θ     (the decay term only for W if decay_bias is False)
        v = momentum·v + g             (v starts at 0; momentum = 0 gives v = g, plain descent)

    This is the update of `torch.optim.SGD(lr, momentum, weight_decay)` given the whole batch.
    Returns the new (W, b) and the loss before each step and after the last (steps + 1 values);
    the loss is `batch_squared_loss`, without the decay term.
    """
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
        raise ValueError(f"steps must be a whole number ≥ 0, got {steps!r}")
    mu = as_finite_float(momentum, "momentum")
    if not 0.0 <= mu < 1.0:
        raise ValueError(f"momentum must be in [0, 1), got {mu}")
    lam = as_finite_float(weight_decay, "weight_decay")
    if lam < 0.0:
        raise ValueError(f"weight_decay must be ≥ 0, got {lam}")
    if not isinstance(decay_bias, (bool, np.bool_)):
        raise TypeError(f"decay_bias must be True or False, got {decay_bias!r}")
    X, W, b = _layer_args(X, W, b)
    v_W, v_b = np.zeros_like(W), np.zeros_like(b)
    losses = []
    for _ in range(int(steps) + 1):
        out, cache = dense_relu_forward(X, W, b, negative_slope)
        loss, dL_dout = batch_squared_loss(out, t)
        losses.append(loss)
        if len(losses) > steps:
            break
        grads = dense_relu_backward(dL_dout, cache)
        v_W = mu * v_W + grads.dL_dW + lam * W  # (d, m)
        v_b = mu * v_b + grads.dL_db + (lam * b if decay_bias else 0.0)  # (m,)
        W, b = sgd_step(W, v_W, lr), sgd_step(b, v_b, lr)
    return W, b, losses


class Dataset(NamedTuple):
    X: np.ndarray  # (n, 2) points
    t: np.ndarray  # (n,) targets from the teacher neuron


def make_dataset(rng: np.random.Generator, n: int = 40) -> Dataset:
    """n points x ~ N((1, 1), 0.8²·I₂) rounded to 0.01, targets t = ReLU(x · TEACHER_W + TEACHER_B).

    The cloud sits mostly in the positive quadrant, like the inputs a hidden layer gets from the
    ReLUs before it.
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a numpy Generator (np.random.default_rng(seed)), got {type(rng).__name__}"
        )
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive whole number of points, got {n!r}")
    X = np.round(rng.normal(loc=1.0, scale=0.8, size=(int(n), 2)), 2)
    t = np.maximum(X @ TEACHER_W + TEACHER_B, 0.0)
    return Dataset(X=X, t=t)
