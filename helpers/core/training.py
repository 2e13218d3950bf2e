"""Training one ReLU neuron on one example with the squared loss and the update θ ← θ − lr·∇θ L.

    L = (y − t)²,   dL/dy = 2(y − t),   then neuron_backward gives dL/dw, dL/db
    w ← w − lr·dL/dw,   b ← b − lr·dL/db          (lr is the learning rate η)

With one example, gradient descent, SGD and mini-batch SGD take the same step. On a data set of
N examples they differ only in which examples' loss each step differentiates: `full_batch_gd`
uses all N (the mean squared loss), `sgd` one example drawn at random (mini-batch SGD: a random
batch of B), with the generator passed in.
While the neuron is active (z > 0), y = w·x + b is linear in θ = (w, b) with gradient (x, 1), so
one step maps the error e = y − t to r·e with r = 1 − 2·lr·(‖x‖² + 1), and the new pre-activation
is z' = t + r·e. The error shrinks iff |r| < 1, i.e. 0 < lr < 1/(‖x‖² + 1); training converges
only if, in addition, z' = t + r·e stays > 0 on every step (the neuron never goes silent).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike

from helpers.core._checks import as_finite_array, as_finite_float, as_positive_float
from helpers.core.neuron import NeuronGrads, neuron_backward, neuron_forward
from helpers.core.optim import sgd_step
from helpers.text import num

__all__ = [
    "DatasetRun",
    "TrainingHistory",
    "critical_learning_rate",
    "dataset_loss_and_gradients",
    "error_factor",
    "full_batch_gd",
    "loss_and_gradients",
    "loss_of_params",
    "sgd",
    "squared_loss",
    "train_neuron",
]

Status = Literal["converged", "diverged", "died", "running"]


def squared_loss(y: float, target: float) -> float:
    """L = (y − t)² for one output y and its target t."""
    y = as_finite_float(y, "y")
    target = as_finite_float(target, "target")
    return (y - target) * (y - target)  # `*`, not `**`: overflows to inf instead of raising


def loss_and_gradients(
    x: ArrayLike, w: ArrayLike, b: float, target: float
) -> tuple[float, float, NeuronGrads]:
    """(L, y, grads) for L = (ReLU(w·x + b) − t)²: backward with upstream dL/dy = 2(y − t)."""
    target = as_finite_float(target, "target")
    y, cache = neuron_forward(x, w, b)
    return squared_loss(y, target), y, neuron_backward(2.0 * (y - target), cache)


def loss_of_params(theta: ArrayLike, x: ArrayLike, target: float) -> float:
    """L(θ) = (ReLU(w·x + b) − t)² for θ = (w₀, …, wₙ₋₁, b) of shape (n+1,): for gradient checks."""
    theta = as_finite_array(theta, "theta", ndim=1)
    if theta.size < 2:
        raise ValueError(f"theta must hold the weights and then the bias, got {theta.size} number")
    return loss_and_gradients(x, theta[:-1], theta[-1], target)[0]


def _sum_of_squares(x: ArrayLike, update_bias: bool) -> float:
    x = as_finite_array(x, "x", ndim=1)
    if not isinstance(update_bias, (bool, np.bool_)):
        raise TypeError(f"update_bias must be True or False, got {update_bias!r}")
    total = float(x @ x) + (1.0 if update_bias else 0.0)  # ‖∇y‖² over what is trained
    if total == 0:
        raise ValueError("x must not be all zeros when the bias is frozen: nothing would move")
    return total


def error_factor(x: ArrayLike, lr: float, *, update_bias: bool = True) -> float:
    """r = 1 − 2·lr·(‖x‖² + 1): one step on an active neuron maps e = y − t to r·e.

    With update_bias=False the bias's 1 drops out: r = 1 − 2·lr·‖x‖².
    """
    lr = as_positive_float(lr, "lr")
    return 1.0 - 2.0 * lr * _sum_of_squares(x, update_bias)


def critical_learning_rate(x: ArrayLike, *, update_bias: bool = True) -> float:
    """η_c = 1 / (‖x‖² + 1): above it |r| > 1 and an active neuron's error grows.

    With update_bias=False (only the weights are trained) it is 1 / ‖x‖². It depends only on x:
    neither the weights, the bias nor the target t enter r. Below η_c the error shrinks only
    while the neuron stays active; see the module docstring for the second condition.
    """
    return 1.0 / _sum_of_squares(x, update_bias)


@dataclass(frozen=True)
class TrainingHistory:
    """Every state visited, one row per step k = 0 … (state k is after k updates).

    Only finite states are recorded: if step k overflowed, the arrays end at k − 1.
    """

    losses: np.ndarray  # (K+1,)
    outputs: np.ndarray  # (K+1,) y
    pre_activations: np.ndarray  # (K+1,) z
    weights: np.ndarray  # (K+1, n)
    biases: np.ndarray  # (K+1,)
    status: Status  # converged | diverged | died | running (still moving after `steps`)
    stopped_at: int  # the step at which training stopped
    reason: str  # one sentence, for messages


def _steps(n: int) -> str:
    return f"{n} step" if n == 1 else f"{n} steps"


def as_count(value: Any, name: str, least: int = 0) -> int:
    """`value` as a Python int: TypeError unless it is a whole number (bools are not),
    ValueError if it is below `least`. Used for steps, epochs and batch sizes."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {value!r} ({type(value).__name__})")
    if value < least:
        raise ValueError(f"{name} must be >= {least}, got {value}")
    return int(value)


def train_neuron(
    x: ArrayLike,
    w: ArrayLike,
    b: float,
    target: float,
    lr: float,
    steps: int,
    *,
    update_bias: bool = True,
    tol: float = 1e-6,
) -> TrainingHistory:
    """Up to `steps` SGD steps on L = (y − t)²; stops early, never raises, when training is decided.

    died: z ≤ 0, so every gradient is 0 and nothing can move again.  converged: z > 0 and
    |y − t| ≤ tol.  diverged: a value overflowed to inf/NaN.  running: none of these after
    `steps` steps.

    "died" is checked before "converged". With t = 0 a step can land on z ≤ 0, where y = 0 = t
    and the loss is exactly 0: that run is reported as "died", not "converged", because the
    neuron is silent (every gradient is 0, for this target and for any other), and y = t only
    by accident of the target. A run with z > 0 that reaches |y − t| ≤ tol has converged, also
    for t = 0 (then y = z > 0 creeps down towards the kink without reaching it).
    """
    x = as_finite_array(x, "x", ndim=1)
    w = as_finite_array(w, "w", ndim=1)
    b = as_finite_float(b, "b")
    target = as_finite_float(target, "target")
    lr = as_positive_float(lr, "lr")
    steps = as_count(steps, "steps")
    tol = as_positive_float(tol, "tol")
    _sum_of_squares(x, update_bias)  # validates update_bias
    neuron_forward(x, w, b)  # validates shapes before the loop
    rows: list[tuple[float, float, float, np.ndarray]] = []
    status: Status = "running"
    reason = f"still moving after {steps} steps"
    theta = np.append(w, b)  # all trained parameters θ = (w, b): one SGD step updates both
    bias_on = 1.0 if update_bias else 0.0  # a frozen bias gets no gradient
    with np.errstate(over="ignore", invalid="ignore"):  # overflow is detected, not warned about
        for k in range(steps + 1):
            if not np.all(np.isfinite(theta)):
                status, reason = "diverged", f"the parameters overflowed at step {k}"
                break
            try:
                y, cache = neuron_forward(x, theta[:-1], theta[-1])
            except ValueError:  # z overflowed: neuron_forward refuses to return inf or NaN
                status, reason = "diverged", f"z overflowed at step {k}"
                break
            loss = (y - target) * (y - target)
            if not (math.isfinite(cache.z) and math.isfinite(loss)):
                status, reason = "diverged", f"the loss overflowed at step {k}"
                break
            rows.append((loss, y, cache.z, theta))
            if cache.z <= 0:  # checked first: a silent neuron is dead even if y = 0 = t
                status, reason = (
                    "died",
                    f"z = {num(cache.z, '.3g')} ≤ 0 at step {k}: every gradient is 0",
                )
                break
            if abs(y - target) <= tol:
                status, reason = "converged", f"|y − t| ≤ {num(tol, 'g')} after {_steps(k)}"
                break
            if k == steps:
                break
            try:
                grads = neuron_backward(2.0 * (y - target), cache)
            except ValueError:  # a gradient overflowed
                status, reason = "diverged", f"the gradient overflowed at step {k}"
                break
            grad_theta = np.append(grads.dL_dw, bias_on * grads.dL_db)
            if not np.all(np.isfinite(grad_theta)):
                status, reason = "diverged", f"the gradient overflowed at step {k}"
                break
            theta = sgd_step(theta, grad_theta, lr)  # θ ← θ − lr·∇θ L
    stopped_at = len(rows) if status == "diverged" else len(rows) - 1
    cols = list(zip(*rows, strict=True)) if rows else [(), (), (), ()]
    thetas = np.array(cols[3], dtype=np.float64).reshape(len(rows), x.size + 1)
    return TrainingHistory(
        losses=np.array(cols[0], dtype=np.float64),
        outputs=np.array(cols[1], dtype=np.float64),
        pre_activations=np.array(cols[2], dtype=np.float64),
        weights=thetas[:, :-1],
        biases=thetas[:, -1],
        status=status,
        stopped_at=stopped_at,
        reason=reason,
    )


# --- Many examples: full-batch gradient descent and SGD -----------------------------------------


def _dataset(X: ArrayLike, t: ArrayLike, w: ArrayLike, b: float):
    X = as_finite_array(X, "X", ndim=2)  # (N, d): row n is the example x⁽ⁿ⁾
    t = as_finite_array(t, "t", ndim=1)  # (N,)
    w = as_finite_array(w, "w", ndim=1)  # (d,)
    b = as_finite_float(b, "b")
    if X.shape[0] == 0:
        raise ValueError("X must hold at least one example (row), got 0")
    if t.shape != (X.shape[0],):
        raise ValueError(f"t must hold one target per row of X {(X.shape[0],)}, got {t.shape}")
    if w.shape != (X.shape[1],):
        raise ValueError(f"w must hold one weight per column of X {(X.shape[1],)}, got {w.shape}")
    return X, t, w, b


def dataset_loss_and_gradients(
    X: ArrayLike, t: ArrayLike, w: ArrayLike, b: float
) -> tuple[float, np.ndarray, float]:
    """(L, dL/dw, dL/db) for the mean squared loss L = (1/N)·Σₙ (y⁽ⁿ⁾ − t⁽ⁿ⁾)² over the rows of X.

    X (N, d), t (N,), w (d,): each example's gradient comes from `loss_and_gradients`, and the
    data set's gradient is their mean (the 1/N of the loss).
    """
    X, t, w, b = _dataset(X, t, w, b)
    n = X.shape[0]
    loss, dL_dw, dL_db = 0.0, np.zeros_like(w), 0.0
    for x_n, t_n in zip(X, t, strict=True):
        loss_n, _, grads = loss_and_gradients(x_n, w, b, t_n)
        loss, dL_dw, dL_db = loss + loss_n / n, dL_dw + grads.dL_dw / n, dL_db + grads.dL_db / n
    return loss, dL_dw, dL_db


@dataclass(frozen=True)
class DatasetRun:
    """A run on a data set: state k is after k steps, k = 0 … K."""

    losses: np.ndarray  # (K+1,) the mean squared loss over the WHOLE data set at each state
    weights: np.ndarray  # (K+1, d)
    biases: np.ndarray  # (K+1,)
    batches: np.ndarray  # (K, B) the rows of X that step k + 1 used


def _run(X, t, w, b, lr, steps, draw, batch_size: int) -> DatasetRun:
    """`steps` updates θ ← θ − lr·∇θ L_batch, where draw() picks the rows of each step's batch."""
    lr = as_positive_float(lr, "lr")
    steps = as_count(steps, "steps")
    weights, biases, batches = [w], [b], []
    for _ in range(steps):
        rows = draw()  # (B,)
        _, dL_dw, dL_db = dataset_loss_and_gradients(X[rows], t[rows], w, b)
        with np.errstate(over="ignore", invalid="ignore"):  # overflow is detected just below
            w, b = sgd_step(w, dL_dw, lr), float(sgd_step(b, dL_db, lr))  # θ ← θ − lr·∇θ L_batch
        if not (np.all(np.isfinite(w)) and math.isfinite(b)):
            raise ValueError(f"lr = {lr:g} is far too large: the parameters overflowed")
        weights.append(w)
        biases.append(b)
        batches.append(rows)
    losses = [
        dataset_loss_and_gradients(X, t, w_k, b_k)[0]
        for w_k, b_k in zip(weights, biases, strict=True)
    ]
    return DatasetRun(
        losses=np.array(losses),
        weights=np.array(weights),
        biases=np.array(biases),
        batches=np.array(batches, dtype=np.int64).reshape(steps, batch_size),
    )


def full_batch_gd(
    X: ArrayLike, t: ArrayLike, w: ArrayLike, b: float, lr: float, steps: int
) -> DatasetRun:
    """`steps` steps of gradient descent: every step uses the gradient of the mean squared loss
    over all N rows of X (N, d); t (N,), w (d,)."""
    X, t, w, b = _dataset(X, t, w, b)
    every_row = np.arange(X.shape[0])
    return _run(X, t, w, b, lr, steps, lambda: every_row, X.shape[0])


def sgd(
    X: ArrayLike,
    t: ArrayLike,
    w: ArrayLike,
    b: float,
    lr: float,
    steps: int,
    *,
    rng: np.random.Generator,
    batch_size: int = 1,
) -> DatasetRun:
    """`steps` steps of stochastic gradient descent: every step draws `batch_size` distinct rows
    of X (N, d) at random with `rng` and steps on the mean squared loss of those rows only.

    batch_size=1 is SGD, 1 < batch_size < N mini-batch SGD; batch_size=N uses every row, in a
    random order, which is full-batch gradient descent again. t (N,), w (d,).
    """
    X, t, w, b = _dataset(X, t, w, b)
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a numpy Generator, e.g. np.random.default_rng(0), got {rng!r}"
        )
    n = X.shape[0]
    batch_size = as_count(batch_size, "batch_size")
    if not 1 <= batch_size <= n:
        raise ValueError(
            f"batch_size must be between 1 and N = {n} (the rows of X), got {batch_size}"
        )
    return _run(
        X,
        t,
        w,
        b,
        lr,
        steps,
        lambda: rng.choice(n, size=batch_size, replace=False),
        batch_size,
    )
