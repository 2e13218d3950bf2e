"""Checkers for the exercises of 05_the_sgd_update: one SGD step on L = (y − t)², and the critical lr.

The typical mistakes are the functions in `STEP_MISTAKES`, each a wrong version of the update
(w, b) ← (w − lr·dL/dw, b − lr·dL/db); the exercise numbers give each one its own wrong value.
A number typed as text ("1/7") and a too coarsely rounded answer (0.14) get their own replies.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from helpers.core.training import critical_learning_rate, loss_and_gradients
from helpers.lessons.exercises import Feedback, check_numeric

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
# e = y − t = 3: the factor 2 (dL/dy = 6 vs 3), the upstream 1 (dL/dy = 1) and the notebook's
# target t = 4 carried over (dL/dy = 4) give different steps.
EX_STEP = {"x": (1.0, -2.0, 3.0), "w": (-3.0, -1.0, 2.0), "b": 1.0, "target": 3.0, "lr": 0.01}
NOTEBOOK_TARGET = 4.0  # the target of the notebook's sections 2–5
# Exercise 05.3: a different input, ‖x‖² = 6, so the critical lr is 1/7.
EX_CRITICAL_X = (2.0, -1.0, 1.0)

Step = tuple[np.ndarray, float]


def _step(
    scale: float = 1.0,
    sign: float = -1.0,
    keep: bool = True,
    update_bias: bool = True,
    use_w: bool = False,
    target: float = EX_STEP["target"],
) -> Step:
    """(w', b') = (w, b) + sign·lr·scale·(dL/dw, dL/db) on EX_STEP; the defaults are plain SGD.

    scale rescales dL/dy, keep=False drops the old parameters, use_w takes dL/dx for dL/dw,
    target replaces the exercise's t.
    """
    x, w, b = np.array(EX_STEP["x"]), np.array(EX_STEP["w"]), EX_STEP["b"]
    lr = EX_STEP["lr"]
    _, _, grads = loss_and_gradients(x, w, b, target)
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
    "wrong_target": (
        lambda: _step(target=NOTEBOOK_TARGET),
        f"You used t = {NOTEBOOK_TARGET:g} from the sections above; this exercise has "
        f"t = {EX_STEP['target']:g}, so e = {_Y - EX_STEP['target']:g} and dL/dy = {_DL_DY:g}.",
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
        hint="First y and dL/dy = 2(y − t), then dL/dw = dL/dy·1[z>0]·x, then w − lr·dL/dw.",
    )


def check_output_after_step(answer: Any) -> Feedback:
    """05.2: the output y' after one SGD step on both w and b (a number)."""
    quoted = _quoted(answer, "the output")
    if quoted is not None:
        return quoted
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


def _quoted(answer: Any, what: str) -> Feedback | None:
    """The reply to a number typed as text, e.g. "1/7": it must be a Python expression."""
    if not isinstance(answer, str):
        return None
    text = answer.strip()
    try:
        Fraction(text.replace(" ", ""))  # "1/7", "0.142", "-3": a number, only in quotes
    except (ValueError, ZeroDivisionError):
        advice = f"Write {what} as a number or a Python expression such as 1/3, without quotes."
    else:
        advice = f"Write {what} as the Python expression {text} (no quotes)."
    return Feedback("wrong", f"You typed the text {answer!r} (in quotes). {advice}", "quoted")


def check_critical_lr(answer: Any) -> Feedback:
    """05.3: the critical learning rate 1/(‖x‖² + 1) for EX_CRITICAL_X (a number)."""
    quoted = _quoted(answer, "the learning rate")
    if quoted is not None:
        return quoted
    x = np.array(EX_CRITICAL_X)
    sq = float(x @ x)
    right = critical_learning_rate(x)
    worked = critical_learning_rate(EX_STEP["x"])
    mistakes = {
        "worked_example": (
            worked,
            f"1/{1 / worked:.0f} is for the worked example x = (1, −2, 3); recompute ‖x‖² for "
            "this x.",
        ),
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
    feedback = check_numeric(
        answer,
        right,
        what="the critical learning rate for this x",
        mistakes=mistakes,
        hint="Set r = 1 − 2·lr·(‖x‖² + 1) equal to −1 and solve for lr.",
        rtol=2e-3,
    )
    if feedback.status == "wrong" and feedback.mistake is None and _rounded(answer, right):
        return Feedback(
            "wrong", f"Close — give more digits or write the fraction 1/{1 / right:.0f}.", "rounded"
        )
    return feedback


def _rounded(answer: Any, right: float) -> bool:
    """A number within the rounding of two decimals (|a − right| ≤ 0.005): right, too coarse."""
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return False
    return math.isfinite(value) and abs(value - right) <= 0.005


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
            "worked_example": 1 / 15,
            "rounded": 0.14,
            "quoted": "1/7",
        },
    ),
}
