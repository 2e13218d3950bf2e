"""Checkers for the exercises of 05_the_sgd_update: one update step on L = (y − t)², and the
critical learning rate.

A checker computes the right answer with the core (loss_and_gradients, sgd_step, neuron_forward,
critical_learning_rate) and each typical mistake as a wrong version of the update
θ ← θ − lr·∇θ L; `EXERCISES` holds the same answers as literals worked out by hand, so a slip in
either shows up in tests/test_checkers.py. Every answer goes through the shared rule of
`helpers.lessons.exercises` (numbers only; text such as "1/7" is told to drop the quotes).
"""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType
from typing import Any

import numpy as np

from helpers.core.example import WORKED
from helpers.core.neuron import neuron_forward
from helpers.core.optim import sgd_step
from helpers.core.training import critical_learning_rate, loss_and_gradients
from helpers.lessons.exercises import Feedback, as_number_array, check_numeric
from helpers.series import Exercise
from helpers.text import num

__all__ = [
    "EXERCISES",
    "EX_CRITICAL_X",
    "EX_STEP",
    "check_critical_lr",
    "check_output_after_step",
    "check_step_weights",
]

# Exercises 05.1 and 05.2: the worked example with target t = 3 and lr = 0.01, so that
# e = y − t = 3: the factor 2 (∂L/∂y = 6 vs 3), the upstream 1 (∂L/∂y = 1) and the notebook's
# target t = 4 carried over (∂L/∂y = 4) give different steps.
EX_STEP = MappingProxyType({"x": WORKED.x, "w": WORKED.w, "b": WORKED.b, "target": 3.0, "lr": 0.01})
NOTEBOOK_TARGET = 4.0  # the target of the notebook's sections 2–5
# Exercise 05.3: a different input, ‖x‖² = 6, so the critical lr is 1/7.
EX_CRITICAL_X = (2.0, -1.0, 1.0)
MIN_DIGITS = 3  # decimals a learner must give for 1/7 (0.143); fewer is "give more digits"


def _step(
    *,
    sign: float = -1.0,
    upstream: float | None = None,
    keep: bool = True,
    update_bias: bool = True,
    use_dL_dx: bool = False,
    target: float = EX_STEP["target"],
) -> tuple[np.ndarray, float]:
    """(w', b') after one step on EX_STEP; the defaults are the right update.

    sign=+1 steps up the gradient, upstream replaces ∂L/∂y = 2(y − t), keep=False drops the old
    parameters, use_dL_dx takes ∂L/∂x for ∂L/∂w, target replaces the exercise's t.
    """
    x, w, b, lr = EX_STEP["x"], EX_STEP["w"], EX_STEP["b"], EX_STEP["lr"]
    _, y, grads = loss_and_gradients(x, w, b, target)
    scale = 1.0 if upstream is None else upstream / (2.0 * (y - target))
    dL_dw = scale * (grads.dL_dx if use_dL_dx else grads.dL_dw)  # (3,)
    dL_db = scale * grads.dL_db
    base_w, base_b = (np.asarray(w), b) if keep else (np.zeros(len(w)), 0.0)
    new_w = sgd_step(base_w, -sign * dL_dw, lr)  # base − lr·(−sign·grad) = base + sign·lr·grad
    new_b = float(sgd_step(base_b, -sign * dL_db, lr)) if update_bias else b
    return new_w, new_b


def _output(step: tuple[np.ndarray, float]) -> float:
    return neuron_forward(EX_STEP["x"], step[0], step[1])[0]


_Y = _output((np.asarray(WORKED.w), WORKED.b))  # 6
_E = _Y - EX_STEP["target"]  # 3
_DL_DY = 2.0 * _E  # the upstream gradient of the squared loss: 6

# name: (the wrong (w', b'), explanation)
_MISTAKES = MappingProxyType(
    {
        "plus_gradient": (
            lambda: _step(sign=+1.0),
            "You stepped *up* the gradient (w + η·grad, or the error taken as t − y): the loss "
            "grows. The update subtracts, for w and b alike: θ ← θ − η·∇θ L, with "
            "∂L/∂y = 2(y − t).",
        ),
        "no_subtraction": (
            lambda: _step(sign=+1.0, keep=False),
            "You used the step η·∇θ L itself as the new parameters. Subtract it from the old "
            "ones, for w and b alike: θ ← θ − η·∇θ L.",
        ),
        "forgot_factor_2": (
            lambda: _step(upstream=_E),
            "You used ∂L/∂y = y − t. The derivative of (y − t)² is 2(y − t): the factor 2 doubles "
            "the step.",
        ),
        "gradient_of_y": (
            lambda: _step(upstream=1.0),
            "You used the gradient of y itself (upstream gradient 1, as in section 1, where L = y). "
            f"Here L = (y − t)², so the upstream gradient is ∂L/∂y = 2(y − t) = {num(_DL_DY, 'g')}.",
        ),
        "swapped_x_w": (
            lambda: _step(use_dL_dx=True),
            "You multiplied by w instead of x: that is ∂L/∂x, the gradient handed to the previous "
            "layer. The weights' gradient is ∂L/∂w = ∂L/∂z·x.",
        ),
        "wrong_target": (
            lambda: _step(target=NOTEBOOK_TARGET),
            f"You used t = {num(NOTEBOOK_TARGET, 'g')} from the sections above; this exercise has "
            f"t = {num(EX_STEP['target'], 'g')}, so e = {num(_E, 'g')} and ∂L/∂y = {num(_DL_DY, 'g')}.",
        ),
        "forgot_bias": (
            lambda: _step(update_bias=False),
            "You left the bias out of the update: b ← b − η·∂L/∂b with ∂L/∂b = ∂L/∂z changes y too.",
        ),
    }
)


def check_step_weights(answer: Any) -> Feedback:
    """05.1: the new weights w' after one step on L = (y − t)² (a list of 3 numbers)."""
    mistakes = {
        name: (make()[0], text) for name, (make, text) in _MISTAKES.items() if name != "forgot_bias"
    }
    return check_numeric(
        answer,
        _step()[0],
        what="the new weights w' = w − η·∂L/∂w",
        mistakes=mistakes,
        hint="First y and ∂L/∂y = 2(y − t), then ∂L/∂w = ∂L/∂y·1[z>0]·x, then w − η·∂L/∂w.",
    )


def check_output_after_step(answer: Any) -> Feedback:
    """05.2: the output y' after one step on both w and b (a number)."""
    right = _output(_step())
    mistakes = {name: (_output(make()), text) for name, (make, text) in _MISTAKES.items()}
    mistakes["gave_new_error"] = (
        right - EX_STEP["target"],
        "That is the new error e' = y' − t. The question asks for the new output "
        f"y' = t + e', with t = {num(EX_STEP['target'], 'g')}.",
    )
    only_b = _step(update_bias=True)[1]
    mistakes["only_bias"] = (
        _output((np.asarray(EX_STEP["w"]), only_b)),
        "You updated only the bias. The weights step too, w ← w − η·∂L/∂w, and their step "
        "moves y' much more (‖x‖² = 14 against the bias's 1).",
    )
    mistakes["gave_change"] = (
        right - _Y,
        "That is the change Δy = y' − y. The question asks for the new output y' = y + Δy, "
        f"with y = {num(_Y, 'g')}.",
    )
    return check_numeric(
        answer,
        right,
        what="the new output y' after updating w and b",
        mistakes=mistakes,
        hint="Update w and b with the same ∂L/∂y = 2(y − t), then run the neuron forward again.",
    )


def _decimals(value: float) -> int:
    """How many decimals the shortest repr of `value` has: 0.143 → 3, 1/7 → 17, 14.0 → 1."""
    return max(0, -Decimal(repr(value)).as_tuple().exponent)


def _agrees(value: float, exact: float, minimum: int) -> bool:
    """`value` is `exact` to the k ≥ `minimum` decimals it gives, rounded or cut off there:
    |value − exact| < 10⁻ᵏ (1/7 → 0.143 or 0.142, 0.1429 or 0.1428), or a computed value within
    rounding error (1e-12 relative) of `exact`."""
    k = _decimals(value)
    return (k >= minimum and abs(value - exact) < 10.0**-k) or abs(value - exact) <= 1e-12 * abs(
        exact
    )


def check_critical_lr(answer: Any) -> Feedback:
    """05.3: the critical learning rate 1/(‖x‖² + 1) for EX_CRITICAL_X (a number).

    Accepted to the digits given, rounded or cut off: 0.143, 0.142, 0.1429 and 0.1428 are right
    (1/7 = 0.142857…), 0.1426 and 0.138 are wrong; 0.14, 1/7 to two decimals, is asked for more
    digits; 0.1 is simply wrong.
    """
    x = np.array(EX_CRITICAL_X)
    sq = float(x @ x)
    right = critical_learning_rate(x)
    what = "the critical learning rate for this x"
    hint = (
        "r = 1 − 2η(‖x‖² + 1): keep the factor 2 and the bias's 1. Set r equal to −1 and solve "
        "for η."
    )
    value = as_number_array(answer)
    if answer is None or isinstance(value, str) or value.shape != () or not np.isfinite(value):
        return check_numeric(answer, right, what=what, hint=hint)  # the shared replies
    value = float(value)
    if _agrees(value, right, MIN_DIGITS):
        return Feedback("correct", f"That is {what}: 1/{num(1 / right, '.0f')}.")
    if _decimals(value) == MIN_DIGITS - 1 and value == round(right, MIN_DIGITS - 1):  # 0.14
        return Feedback(
            "wrong",
            f"Close — give at least {MIN_DIGITS} decimals or write the fraction "
            f"1/{num(1 / right, '.0f')}.",
            "rounded",
        )
    worked = critical_learning_rate(WORKED.x)
    mistakes = {
        "worked_example": (
            worked,
            f"1/{num(1 / worked, '.0f')} is for the worked example x = (1, −2, 3); recompute "
            "‖x‖² for this x.",
        ),
        "forgot_bias": (
            critical_learning_rate(x, update_bias=False),
            f"That is 1/‖x‖² = 1/{num(sq, 'g')}: you left out the bias. It is trained too and "
            "adds 1 to ‖∇θ y‖² = ‖x‖² + 1.",
        ),
        "forgot_factor_2": (
            2.0 / (sq + 1),
            "You dropped the factor 2 of ∂L/∂y = 2(y − t): r = 1 − 2η(‖x‖² + 1).",
        ),
        "norm_not_squared": (
            1.0 / (np.sqrt(sq) + 1),
            f"You used ‖x‖ = √{num(sq, 'g')}; the step changes y by η·‖∇θ y‖², the *squared* norm.",
        ),
        "one_step_lr": (
            1.0 / (2 * (sq + 1)),
            "That is the learning rate where r = 0 (one step lands on t), and it happens to be "
            "the worked example's critical rate with the weights only (1/14). The critical rate "
            "for this x is where r = −1: twice as large.",
        ),
    }
    mistakes["factor_2_and_bias"] = (
        2.0 / sq,
        f"That is 2/‖x‖² = 2/{num(sq, 'g')}, which drops two things at once: the factor 2 of "
        "∂L/∂y = 2(y − t) and the bias's 1. Keep both: r = 1 − 2η(‖x‖² + 1).",
    )
    mistakes["one_step_weights_only"] = (
        1.0 / (2 * sq),
        f"1/{num(2 * sq, 'g')} is where r = 0 with the weights only: it drops the bias's 1 and "
        "solves r = 0 instead of r = −1. Keep the bias: r = 1 − 2η(‖x‖² + 1) = −1.",
    )
    mistakes["inverted"] = (
        1.0 / right,
        f"That is 1/η_c = ‖x‖² + 1 = {num(1 / right, 'g')}; invert it.",
    )
    for name, (wrong, text) in mistakes.items():
        if _agrees(value, wrong, MIN_DIGITS):
            return Feedback("wrong", text, name)
    return Feedback("wrong", hint)


EXERCISES = (
    # x = (1, −2, 3), w = (−3, −1, 2), b = 1, t = 3, lr = 0.01: z = y = 6, e = 3, ∂L/∂y = 6,
    # ∂L/∂w = 6·x = (6, −12, 18), ∂L/∂b = 6.
    Exercise(
        "05.1",
        check_step_weights,
        [-3.06, -0.88, 1.82],  # w − 0.01·(6, −12, 18)
        {
            "plus_gradient": [-2.94, -1.12, 2.18],  # w + 0.01·(6, −12, 18)
            "no_subtraction": [0.06, -0.12, 0.18],  # 0.01·(6, −12, 18) alone
            "forgot_factor_2": [-3.03, -0.94, 1.91],  # ∂L/∂y = 3: w − 0.01·(3, −6, 9)
            "gradient_of_y": [-3.01, -0.98, 1.97],  # ∂L/∂y = 1: w − 0.01·(1, −2, 3)
            # ∂L/∂x = 6·w = (−18, −6, 12): w − 0.01·(−18, −6, 12) = w + (0.18, 0.06, −0.12)
            "swapped_x_w": [-2.82, -0.94, 1.88],
            "wrong_target": [-3.04, -0.92, 1.88],  # t = 4: ∂L/∂y = 4, w − 0.01·(4, −8, 12)
        },
    ),
    # y' = y + Δy with Δy = −lr·∂L/∂y·‖∇θ y‖² = −lr·∂L/∂y·(14 + 1) (exact: z stays > 0).
    Exercise(
        "05.2",
        check_output_after_step,
        5.1,  # 6 − 0.01·6·15 = 6 − 0.9
        {
            "plus_gradient": 6.9,  # 6 + 0.01·6·15
            "no_subtraction": 0.9,  # w = (0.06, −0.12, 0.18), b = 0.06: 0.06 + 0.24 + 0.54 + 0.06
            "forgot_factor_2": 5.55,  # 6 − 0.01·3·15 = 6 − 0.45
            "gradient_of_y": 5.85,  # 6 − 0.01·1·15 = 6 − 0.15
            "swapped_x_w": 5.64,  # w = (−2.82, −0.94, 1.88), b = 0.94: −2.82 + 1.88 + 5.64 + 0.94
            "wrong_target": 5.4,  # ∂L/∂y = 4: 6 − 0.01·4·15 = 6 − 0.6
            "forgot_bias": 5.16,  # weights only: 6 − 0.01·6·14 = 6 − 0.84
            "gave_change": -0.9,  # Δy = 5.1 − 6
            "gave_new_error": 2.1,  # e' = y' − t = 5.1 − 3 (= r·e = 0.7·3)
            "only_bias": 5.94,  # w unchanged, b' = 1 − 0.01·6 = 0.94: −3 + 2 + 6 + 0.94
        },
    ),
    # x = (2, −1, 1): ‖x‖² = 4 + 1 + 1 = 6, r = 1 − 2·lr·(6 + 1) = 1 − 14·lr = −1 at lr = 1/7.
    Exercise(
        "05.3",
        check_critical_lr,
        0.143,  # 1/7 = 0.142857… to three decimals
        {
            "forgot_bias": 0.167,  # 1/6 = 0.1667: 1/‖x‖² without the bias's 1
            "forgot_factor_2": 0.286,  # 2/7 = 0.2857: r = 1 − η·(6 + 1)
            "norm_not_squared": 0.2899,  # 1/(√6 + 1) = 1/3.4495 = 0.28990
            "one_step_lr": 0.0714,  # 1/14: r = 0, one step lands on t
            "worked_example": 0.0667,  # 1/15: the worked example's ‖x‖² = 14
            "rounded": 0.14,  # 1/7 to two decimals only
            "factor_2_and_bias": 0.333,  # r = 1 − η·6 = −1 at η = 2/6 = 1/3
            "one_step_weights_only": 0.0833,  # r = 1 − 2η·6 = 0 at η = 1/12 = 0.08333
            "inverted": 7.0,  # 1/η_c = ‖x‖² + 1 = 7
        },
    ),
)
