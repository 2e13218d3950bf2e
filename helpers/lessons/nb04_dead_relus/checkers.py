"""Checkers for the exercises of 04_dead_relus: the bias that kills, active points, the gated
batch gradient, and the SGD step that kills.

Each exercise's numbers are chosen so that every typical mistake gives its own wrong value
(tests/test_checkers_dead_relu.py checks that they are all different).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from helpers.lessons.exercises import Feedback, check_numeric

__all__ = [
    "EXERCISES",
    "EX_BATCH",
    "EX_COUNT",
    "EX_DEAD",
    "EX_STEP",
    "check_active_count",
    "check_batch_gradient",
    "check_bias_after_step",
    "check_dead_bias",
]

# 04.1: four points and a weight vector; the largest b that makes the neuron dead on all four.
EX_DEAD = (np.array([[2.0, 1.0], [1.0, 3.0], [-1.0, 2.0], [3.0, -1.0]]), np.array([1.0, 2.0]))
# 04.2: nine points, w and b; some points sit exactly on the boundary (z = 0).
EX_COUNT = (
    np.array(
        [[0, 1], [2, 1], [3, 1], [1, 3], [-1, 1], [0, 3], [-1, 3], [-2, 1], [-1, 4]], dtype=float
    ),
    np.array([1.0, -1.0]),
    2.0,
)
# 04.3: four points, w, b and the upstream gradients g_i = dL/dy_i; the last point is active.
EX_BATCH = (
    np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0], [2.0, 1.0]]),
    np.array([2.0, -1.0]),
    -1.0,
    np.array([0.5, 2.0, 3.0, -1.0]),
)
# 04.4: the neuron (w, b) of 04.1's points, its bias gradient and the learning rate.
EX_STEP = {"w": np.array([1.0, 2.0]), "b": -2.0, "dL_db": 3.0, "lr": 2.0}


def check_dead_bias(answer: Any) -> Feedback:
    """04.1: the largest b with w·xᵢ + b ≤ 0 for all four points of EX_DEAD: b = −max_i w·xᵢ."""
    X, w = EX_DEAD
    s = X @ w  # w·xᵢ for each point: 4, 7, 3, 1
    top = float(s.max())
    mistakes = {
        "sign_flipped": (
            top,
            f"At b = {top:g} every z = w·xᵢ + {top:g} is positive: the neuron is fully active. "
            f"Dead means w·xᵢ + b ≤ 0, so b ≤ −w·xᵢ.",
        ),
        "used_min": (
            -float(s.min()),
            f"At b = {-s.min():g} only the point with the smallest w·xᵢ = {s.min():g} is silent; "
            f"the others are still active. Dead means silent on every point: beat the largest "
            f"w·xᵢ.",
        ),
        "used_mean": (
            -float(s.mean()),
            f"That is −mean(w·xᵢ) = {-s.mean():g}: silent on average is not dead. Points with "
            f"w·xᵢ above the mean still get z > 0.",
        ),
        "one_point_only": (
            -float(s[0]),
            f"That makes the neuron silent on the first point (w·x = {s[0]:g}) only. Check all "
            f"four points: dead means z ≤ 0 for every one.",
        ),
        "not_the_largest": (
            -top - 1,
            f"Dead, yes, but not the largest such b: at b = {-top:g} the point with w·x = {top:g} "
            f"gets z = 0 exactly, and ReLU′(0) = 0, so it passes no gradient either.",
        ),
    }
    feedback = check_numeric(
        answer,
        -top,
        what="the largest bias that makes the neuron dead on all four points",
        mistakes=mistakes,
        hint="Compute w·xᵢ for each point. The neuron is dead if w·xᵢ + b ≤ 0 for all of them.",
    )
    if feedback.status == "wrong" and feedback.mistake is None and -top - 1 < float(answer) < -top:
        return Feedback(
            "wrong",
            f"Dead, yes, but not the largest such b: you stayed just below {-top:g}, perhaps to "
            f"keep every z strictly negative. z = 0 already counts as silent (ReLU′(0) = 0), so "
            f"{-top:g} itself works.",
            "just_below",
        )
    return feedback


def check_active_count(answer: Any) -> Feedback:
    """04.2: how many of EX_COUNT's nine points have z = w·x + b > 0."""
    X, w, b = EX_COUNT
    z = X @ w + b
    mistakes = {
        "counted_z_geq_0": (
            int(np.sum(z >= 0)),
            f"You counted z ≥ 0. {int(np.sum(z == 0))} points lie exactly on the boundary, "
            f"z = 0; ReLU′(0) = 0, so they pass no gradient: active means z > 0.",
        ),
        "counted_silent": (
            int(np.sum(z <= 0)),
            "That is the number of silent points (z ≤ 0); the question asks for the active ones.",
        ),
        "counted_z_below_0": (
            int(np.sum(z < 0)),
            "That is the number of points with z < 0; the question asks for z > 0.",
        ),
        "forgot_bias": (
            int(np.sum(X @ w > 0)),
            f"You counted w·x > 0 and left out the bias b = {b:g}: z = w·x + b.",
        ),
        "bias_subtracted": (
            int(np.sum(X @ w - b > 0)),
            f"You subtracted the bias: z = w·x + b, with b = {b:g}.",
        ),
    }
    return check_numeric(
        answer,
        int(np.sum(z > 0)),
        what="the number of active points (z > 0)",
        mistakes=mistakes,
        hint="Compute z = w·x + b for each of the nine points and count those with z > 0.",
    )


def check_batch_gradient(answer: Any) -> Feedback:
    """04.3: dL/dw = Σᵢ gᵢ·1[zᵢ > 0]·xᵢ over EX_BATCH's four points (a 2-vector)."""
    X, w, b, g = EX_BATCH
    z = X @ w + b
    gate = (z > 0).astype(float)
    mistakes = {
        "forgot_gate": (
            g @ X,
            "You left out the ReLU gate 1[zᵢ > 0]: silent points (z ≤ 0) pass no gradient, so "
            "their terms are 0. Forgetting it gives a dead neuron a gradient it does not have.",
        ),
        "gate_z_geq_0": (
            (g * (z >= 0)) @ X,
            "You let the point with z = 0 through: the gate is 1[z > 0], and ReLU′(0) = 0.",
        ),
        "overwrote_instead_of_adding": (
            g[-1] * gate[-1] * X[-1],
            "That is the last point's term only: you wrote `=` where the gradients of the "
            "points add up (`+=`). dL/dw is the sum over the batch.",
        ),
        "forgot_upstream": (
            gate @ X,
            "You left out the upstream gradients gᵢ = dL/dyᵢ: each point's term is gᵢ·1[zᵢ > 0]·xᵢ.",
        ),
        "swapped_x_and_w": (
            (g * gate).sum() * w,
            "You multiplied by w instead of xᵢ: that is the pattern of dL/dx. For a weight, "
            "∂z/∂w = x.",
        ),
    }
    return check_numeric(
        answer,
        (g * gate) @ X,
        what="dL/dw, summed over the four points",
        mistakes=mistakes,
        hint="For each point: zᵢ = w·xᵢ + b, gate 1[zᵢ > 0], term gᵢ·gate·xᵢ. Add the four terms.",
    )


def check_bias_after_step(answer: Any) -> Feedback:
    """04.4: b ← b − lr·dL/db for EX_STEP (a number); a right answer also says the neuron is dead."""
    b, g, lr = EX_STEP["b"], EX_STEP["dL_db"], EX_STEP["lr"]
    mistakes = {
        "wrong_sign": (
            b + lr * g,
            "You stepped *up* the gradient (b + lr·dL/db). Gradient descent goes against it: "
            "b ← b − lr·dL/db.",
        ),
        "forgot_lr": (b - g, f"You left out the learning rate lr = {lr:g}: b ← b − lr·dL/db."),
        "forgot_old_b": (
            -lr * g,
            "That is only the change −lr·dL/db; add it to the old bias b.",
        ),
        "divided_by_lr": (b - g / lr, f"You divided by lr = {lr:g}; multiply: b ← b − lr·dL/db."),
    }
    feedback = check_numeric(
        answer,
        b - lr * g,
        what="the bias after one SGD step",
        mistakes=mistakes,
        hint="b ← b − lr·dL/db: multiply the gradient by the learning rate and subtract.",
    )
    if feedback.correct:  # the statement's follow-up: is the neuron dead now?
        limit = -float((EX_DEAD[0] @ EX_STEP["w"]).max())  # Exercise 1's answer
        return Feedback(
            "correct",
            f"That is the bias after one SGD step, b = {b - lr * g:g}, and since "
            f"{b - lr * g:g} ≤ {limit:g} (Exercise 1) the neuron is now dead on all four points.",
        )
    return feedback


EXERCISES = {
    "04.1": (
        check_dead_bias,
        -7.0,
        {
            "sign_flipped": 7.0,
            "used_min": -1.0,
            "used_mean": -3.75,
            "one_point_only": -4.0,
            "not_the_largest": -8.0,
            "just_below": -7.01,
        },
    ),
    "04.2": (
        check_active_count,
        3,
        {
            "counted_z_geq_0": 5,
            "counted_silent": 6,
            "counted_z_below_0": 4,
            "forgot_bias": 2,
            "bias_subtracted": 0,
        },
    ),
    "04.3": (
        check_batch_gradient,
        [-1.5, -1.0],
        {
            "forgot_gate": [1.5, 6.0],
            "gate_z_geq_0": [1.5, 2.0],
            "overwrote_instead_of_adding": [-2.0, -1.0],
            "forgot_upstream": [3.0, 1.0],
            "swapped_x_and_w": [-1.0, 0.5],
        },
    ),
    "04.4": (
        check_bias_after_step,
        -8.0,
        {"wrong_sign": 4.0, "forgot_lr": -5.0, "forgot_old_b": -6.0, "divided_by_lr": -3.5},
    ),
}
