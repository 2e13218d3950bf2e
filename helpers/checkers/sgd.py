"""Checkers for the exercises of 05_the_sgd_update: one SGD step on L = (y − t)², and the critical lr.

The typical mistakes are the functions in `STEP_MISTAKES`, each a wrong version of the update
(w, b) ← (w − lr·dL/dw, b − lr·dL/db); the exercise numbers give each one its own wrong value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers.exercises import Feedback, check_numeric
from helpers.training import critical_learning_rate, loss_and_gradients

__all__ = [
    "EXERCISES",
    "EX_CRITICAL_X",
    "EX_STEP",
    "STEP_MISTAKES",
    "check_critical_lr",
    "check_output_after_step",
    "check_step_weights",
    "wrong_step",
]

# Exercises 05.1 and 05.2: the worked example with target t = 3 and lr = 0.01, so that
# e = y − t = 3: the factor 2 (dL/dy = 6 vs 3) and the upstream 1 (dL/dy = 1) give different steps.
EX_STEP = {"x": (1.0, -2.0, 3.0), "w": (-3.0, -1.0, 2.0), "b": 1.0, "target": 3.0, "lr": 0.01}
# Exercise 05.3: a different input, ‖x‖² = 6, so the critical lr is 1/7.
EX_CRITICAL_X = (2.0, -1.0, 1.0)

Step = tuple[np.ndarray, float]


def _step(
    scale: float = 1.0,
    sign: float = -1.0,
    keep: bool = True,
    update_bias: bool = True,
    use_w: bool = False,
) -> Step:
    """(w', b') = (w, b) + sign·lr·scale·(dL/dw, dL/db) on EX_STEP; the defaults are plain SGD.

    scale rescales dL/dy, keep=False drops the old parameters, use_w takes dL/dx for dL/dw.
    """
    x, w, b = np.array(EX_STEP["x"]), np.array(EX_STEP["w"]), EX_STEP["b"]
    lr = EX_STEP["lr"]
    _, _, grads = loss_and_gradients(x, w, b, EX_STEP["target"])
    dL_dw = scale * (grads.dL_dx if use_w else grads.dL_dw)
    dL_db = scale * grads.dL_db
    base_w, base_b = (w, b) if keep else (np.zeros_like(w), 0.0)
    new_w = base_w + sign * lr * dL_dw
    new_b = base_b + sign * lr * dL_db if update_bias else b
    return new_w, float(new_b)


_, _Y, _ = loss_and_gradients(EX_STEP["x"], EX_STEP["w"], EX_STEP["b"], EX_STEP["target"])
_DL_DY = 2.0 * (_Y - EX_STEP["target"])  # the upstream gradient of the squared loss: 6


# name: (function giving (w', b'), explanation)
STEP_MISTAKES: dict[str, tuple[Callable[[], Step], str]] = {
    "plus_gradient": (
        lambda: _step(sign=+1.0),
        "You stepped *up* the gradient (w + lr·grad, or the error taken as t − y): the loss grows. "
        "SGD subtracts: w ← w − lr·dL/dw with dL/dy = 2(y − t).",
    ),
    "no_subtraction": (
        lambda: _step(sign=+1.0, keep=False),
        "You used lr·dL/dw, the size of the step, as the new weights. "
        "Subtract it from the old ones: w ← w − lr·dL/dw.",
    ),
    "forgot_factor_2": (
        lambda: _step(scale=0.5),
        "You used dL/dy = y − t. The derivative of (y − t)² is 2(y − t): the factor 2 doubles the step.",
    ),
    "gradient_of_y": (
        lambda: _step(scale=1.0 / _DL_DY),
        "You used the gradient of y (upstream gradient 1, as in the source). The loss is "
        f"L = (y − t)², so the upstream gradient is dL/dy = 2(y − t) = {_DL_DY:g} here.",
    ),
    "swapped_x_w": (
        lambda: _step(use_w=True),
        "You multiplied by w instead of x: that is dL/dx, the gradient handed to the previous "
        "layer. The weights' gradient is dL/dw = dL/dz·x.",
    ),
    "forgot_bias": (
        lambda: _step(update_bias=False),
        "You left the bias out of the update (the source's mistake): b ← b − lr·dL/db with "
        "dL/db = dL/dz changes y too.",
    ),
}


def wrong_step(name: str) -> Step:
    """(w', b') that the mistake `name` produces on EX_STEP."""
    return STEP_MISTAKES[name][0]()


def _output(step: Step) -> float:
    _, y, _ = loss_and_gradients(EX_STEP["x"], step[0], step[1], EX_STEP["target"])
    return y


def check_step_weights(answer: Any) -> Feedback:
    """05.1: the new weights w' after one SGD step on L = (y − t)² (an array of 3)."""
    mistakes = {
        name: (fn()[0], text) for name, (fn, text) in STEP_MISTAKES.items() if name != "forgot_bias"
    }
    return check_numeric(
        answer,
        _step()[0],
        what="the new weights w' = w − lr·dL/dw",
        mistakes=mistakes,
        hint="First y and dL/dy = 2(y − t), then dL/dw = dL/dy·1[z > 0]·x, then w − lr·dL/dw.",
    )


def check_output_after_step(answer: Any) -> Feedback:
    """05.2: the output y' after one SGD step on both w and b (a number)."""
    y0 = _output((np.array(EX_STEP["w"]), EX_STEP["b"]))
    right = _output(_step())
    mistakes = {name: (_output(fn()), text) for name, (fn, text) in STEP_MISTAKES.items()}
    mistakes["gave_change"] = (
        right - y0,
        f"That is the change Δy = y' − y. The question asks for the new output y' = y + Δy, "
        f"with y = {y0:g}.",
    )
    return check_numeric(
        answer,
        right,
        what="the new output y' after updating w and b",
        mistakes=mistakes,
        hint="Update w and b with the same dL/dy = 2(y − t), then run the neuron forward again.",
    )


def check_critical_lr(answer: Any) -> Feedback:
    """05.3: the critical learning rate 1/(‖x‖² + 1) for EX_CRITICAL_X (a number)."""
    x = np.array(EX_CRITICAL_X)
    sq = float(x @ x)
    mistakes = {
        "forgot_bias": (
            critical_learning_rate(x, update_bias=False),
            f"That is 1/‖x‖² = 1/{sq:g}: you left out the bias. It is trained too and adds 1 "
            f"to ‖∇y‖² = ‖x‖² + 1.",
        ),
        "forgot_factor_2": (
            2.0 / (sq + 1),
            "You dropped the factor 2 of dL/dy = 2(y − t): r = 1 − 2·lr·(‖x‖² + 1).",
        ),
        "norm_not_squared": (
            1.0 / (np.sqrt(sq) + 1),
            f"You used ‖x‖ = √{sq:g}; the step changes y by lr·‖∇y‖², the *squared* norm.",
        ),
        "one_step_lr": (
            1.0 / (2 * (sq + 1)),
            "That is the learning rate where r = 0 (one step lands on t). The critical one is "
            "where r = −1, twice as large.",
        ),
    }
    return check_numeric(
        answer,
        critical_learning_rate(x),
        what="the critical learning rate for this x",
        mistakes=mistakes,
        hint="Set r = 1 − 2·lr·(‖x‖² + 1) equal to −1 and solve for lr.",
        rtol=2e-3,
    )


EXERCISES = {
    "05.1": (
        check_step_weights,
        _step()[0],
        {n: f()[0] for n, (f, _) in STEP_MISTAKES.items() if n != "forgot_bias"},
    ),
    "05.2": (
        check_output_after_step,
        _output(_step()),
        {n: _output(f()) for n, (f, _) in STEP_MISTAKES.items()}
        | {"gave_change": _output(_step()) - _Y},
    ),
    "05.3": (
        check_critical_lr,
        1 / 7,
        {
            "forgot_bias": 1 / 6,
            "forgot_factor_2": 2 / 7,
            "norm_not_squared": 1 / (6**0.5 + 1),
            "one_step_lr": 1 / 14,
        },
    ),
}
