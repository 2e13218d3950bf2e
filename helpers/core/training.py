"""Training one ReLU neuron on one example with the squared loss and the update θ ← θ − lr·∇θ L.

    L = (y − t)²,   dL/dy = 2(y − t),   then neuron_backward gives dL/dw, dL/db
    w ← w − lr·dL/dw,   b ← b − lr·dL/db          (lr is the learning rate η)

With one example, gradient descent, SGD and mini-batch SGD take the same step.
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
    "TrainingHistory",
    "critical_learning_rate",
    "error_factor",
    "loss_and_gradients",
    "loss_of_params",
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


def _as_steps(steps: Any) -> int:
    if isinstance(steps, (bool, np.bool_)) or not isinstance(steps, numbers.Integral):
        raise TypeError(f"steps must be a whole number, got {steps!r} ({type(steps).__name__})")
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    return int(steps)


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
    steps = _as_steps(steps)
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
            y, cache = neuron_forward(x, theta[:-1], theta[-1])
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
                status, reason = "converged", f"|y − t| ≤ {tol:g} after {_steps(k)}"
                break
            if k == steps:
                break
            grads = neuron_backward(2.0 * (y - target), cache)
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
