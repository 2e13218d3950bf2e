"""Checkers for the exercises of 04_dead_relus: the bias that kills, active points, the gated
batch gradient, and the gradient-descent step that kills.

Each exercise's numbers are chosen so that every typical mistake gives its own wrong value. The
data are tuples (nothing here can be changed in place); `EXERCISES` lists each reference and
each typical mistake as a literal worked out by hand.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

import numpy as np

from helpers.lessons.exercises import Feedback, as_number_array, check_numeric
from helpers.series import Exercise
from helpers.text import num

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

# 04.1: four points x⁽ⁿ⁾ and a weight vector w; the largest b that makes the neuron dead on all four.
EX_DEAD = MappingProxyType(
    {"X": ((2.0, 1.0), (1.0, 3.0), (-1.0, 2.0), (3.0, -1.0)), "w": (1.0, 2.0)}
)
# 04.2: nine points, w and b; two points sit exactly on the boundary (z = 0).
EX_COUNT = MappingProxyType(
    {
        "X": ((0, 1), (2, 1), (3, 1), (1, 3), (-1, 1), (0, 3), (-1, 3), (-2, 1), (-1, 4)),
        "w": (1.0, -1.0),
        "b": 2.0,
    }
)
# 04.3: four points, w, b and the upstream gradients g⁽ⁿ⁾ = ∂L/∂y⁽ⁿ⁾; the last point is active.
EX_BATCH = MappingProxyType(
    {
        "X": ((1.0, 0.0), (0.0, 2.0), (1.0, 1.0), (2.0, 1.0)),
        "w": (2.0, -1.0),
        "b": -1.0,
        "g": (0.5, 2.0, 3.0, -1.0),
    }
)
# 04.4: the neuron (w, b) on 04.1's points, its bias gradient and the learning rate η.
EX_STEP = MappingProxyType({"w": (1.0, 2.0), "b": -2.0, "dL_db": 3.0, "lr": 2.0})


def _weighted_sums() -> np.ndarray:
    """w·x⁽ⁿ⁾ for 04.1's four points: 4, 7, 3, 1."""
    return np.array(EX_DEAD["X"]) @ np.array(EX_DEAD["w"])


def check_dead_bias(answer: Any) -> Feedback:
    """04.1: the largest b with w·x⁽ⁿ⁾ + b ≤ 0 for all four points: b = −maxₙ w·x⁽ⁿ⁾."""
    s = _weighted_sums()
    top = float(s.max())
    mistakes = {
        "sign_flipped": (
            top,
            f"At b = {num(top, 'g')} every z = w·x⁽ⁿ⁾ + {num(top, 'g')} is positive: the neuron "
            f"is fully active. Dead means w·x⁽ⁿ⁾ + b ≤ 0, so b ≤ −w·x⁽ⁿ⁾.",
        ),
        "used_min": (
            -float(s.min()),
            f"At b = {num(-s.min(), 'g')} only the point with the smallest "
            f"w·x⁽ⁿ⁾ = {num(s.min(), 'g')} is silent; the others are still active. Dead means "
            f"silent on every point: beat the largest w·x⁽ⁿ⁾.",
        ),
        "used_mean": (
            -float(s.mean()),
            f"That is −mean(w·x⁽ⁿ⁾) = {num(-s.mean(), 'g')}: silent on average is not dead. Points "
            f"with w·x⁽ⁿ⁾ above the mean still get z > 0.",
        ),
        "one_point_only": (
            -float(s[0]),
            f"At b = {num(-s[0], 'g')} the first point sits at z = 0, but (1, 3), with "
            f"w·x = {num(top, 'g')}, still has z = {num(top - s[0], 'g')} > 0: beat the largest "
            f"w·x⁽ⁿ⁾.",
        ),
        "not_the_largest": (
            -top - 1,
            f"Dead, yes, but not the largest such b: at b = {num(-top, 'g')} the point with "
            f"w·x = {num(top, 'g')} gets z = 0 exactly, and ReLU′(0) = 0, so it passes no "
            f"gradient either.",
        ),
    }
    feedback = check_numeric(
        answer,
        -top,
        what="the largest bias that makes the neuron dead on all four points",
        mistakes=mistakes,
        hint="Compute w·x⁽ⁿ⁾ for each point. The neuron is dead if w·x⁽ⁿ⁾ + b ≤ 0 for all of them.",
    )
    if feedback.status == "wrong" and feedback.mistake is None:
        value = float(as_number_array(answer))  # a number here: check_numeric has seen it
        if value <= -top - 0.1:  # any dead bias well below the answer: −7.5, −15, −1e9, …
            return Feedback("wrong", mistakes["not_the_largest"][1], "not_the_largest")
        if -top < value < -float(np.sort(s)[-2]):  # only the point with the largest w·x active
            return Feedback(
                "wrong",
                f"Not dead yet: (1, 3), with w·x = {num(top, 'g')}, still has "
                f"z = {num(top, 'g')} + ({num(value, 'g')}) = {num(top + value, '.3g')} > 0. "
                f"Dead means z ≤ 0 on every point.",
                "just_above",
            )
        if -top - 0.1 < value < -top:
            return Feedback(
                "wrong",
                f"Dead, yes, but not the largest such b: you stayed just below {num(-top, 'g')}, "
                f"perhaps to keep every z strictly negative. z = 0 already counts as silent "
                f"(ReLU′(0) = 0), so {num(-top, 'g')} itself works.",
                "just_below",
            )
    return feedback


def check_active_count(answer: Any) -> Feedback:
    """04.2: how many of the nine points have z = w·x⁽ⁿ⁾ + b > 0."""
    X, w, b = np.array(EX_COUNT["X"], dtype=float), np.array(EX_COUNT["w"]), EX_COUNT["b"]
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
            f"You counted w·x > 0 and left out the bias b = {num(b, 'g')}: z = w·x + b.",
        ),
        "bias_subtracted": (
            int(np.sum(X @ w - b > 0)),
            f"You subtracted the bias: z = w·x + b, with b = {num(b, 'g')}.",
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
    """04.3: ∂L/∂w = Σₙ g⁽ⁿ⁾·1[z⁽ⁿ⁾ > 0]·x⁽ⁿ⁾ over the four points (a 2-vector)."""
    X, w, b = np.array(EX_BATCH["X"]), np.array(EX_BATCH["w"]), EX_BATCH["b"]
    g = np.array(EX_BATCH["g"])
    z = X @ w + b
    gate = (z > 0).astype(float)
    mistakes = {
        "forgot_gate": (
            g @ X,
            "You left out the ReLU gate 1[z⁽ⁿ⁾ > 0]: silent points (z ≤ 0) pass no gradient, so "
            "their terms are 0. Forgetting it gives a dead neuron a gradient it does not have.",
        ),
        "gate_z_geq_0": (
            (g * (z >= 0)) @ X,
            "You let the point with z = 0 through: the gate is 1[z > 0], and ReLU′(0) = 0.",
        ),
        "overwrote_instead_of_adding": (
            g[-1] * gate[-1] * X[-1],
            "That is only the last point's term. ∂L/∂w is the sum over the batch: add the "
            "term g⁽ⁿ⁾·x⁽ⁿ⁾ of every active point.",
        ),
        "forgot_upstream": (
            gate @ X,
            "You left out the upstream gradients g⁽ⁿ⁾ = ∂L/∂y⁽ⁿ⁾: each point's term is "
            "g⁽ⁿ⁾·1[z⁽ⁿ⁾ > 0]·x⁽ⁿ⁾.",
        ),
        "swapped_x_and_w": (
            (g * gate).sum() * w,
            "You multiplied by w instead of x⁽ⁿ⁾: that is the pattern of ∂L/∂x. For a weight, "
            "∂z/∂w = x.",
        ),
    }
    right = (g * gate) @ X
    mistakes["sign_flipped"] = (
        -right,
        "Right size, wrong sign: each term is +g⁽ⁿ⁾·1[z⁽ⁿ⁾ > 0]·x⁽ⁿ⁾, with g⁽ⁿ⁾ taken as given "
        "(sign included). The minus belongs to the update step, not to the gradient.",
    )
    mistakes["swapped_entries"] = (
        right[::-1],
        "Right numbers, wrong order: the first entry is ∂L/∂w₀ (the x₀ parts of the terms), "
        "the second ∂L/∂w₁.",
    )
    zs = ", ".join(num(v, "g") for v in z)
    active = [n for n in range(len(z)) if z[n] > 0]
    for n in active:  # one active point's g⁽ⁿ⁾ taken with the wrong sign
        flipped = (g * gate) @ X - 2 * g[n] * X[n]
        mistakes[f"sign_of_g{n}"] = (
            flipped,
            f"Check the sign of g⁽{n}⁾ = {num(g[n], 'g')}: its term is g⁽{n}⁾·x⁽{n}⁾, "
            f"sign included.",
        )
    feedback = check_numeric(
        answer,
        right,
        what="∂L/∂w, summed over the four points",
        mistakes=mistakes,
        hint=f"For each point: z⁽ⁿ⁾ = w·x⁽ⁿ⁾ + b (here {zs}), gate 1[z⁽ⁿ⁾ > 0], term "
        "g⁽ⁿ⁾·gate·x⁽ⁿ⁾. Add the four terms.",
    )
    if feedback.status == "wrong" and feedback.mistake is None:
        value = as_number_array(answer)  # two numbers here: check_numeric has seen them
        for chosen in range(1, 2 ** len(z)):  # every other set of points the answer may add up
            points = [n for n in range(len(z)) if chosen >> n & 1]
            if points != active and np.allclose(value, g[points] @ X[points]):
                names = ", ".join(str(n) for n in points)
                return Feedback(
                    "wrong",
                    f"You added the terms of point(s) {names} (counting from 0). The active "
                    f"points are those with z⁽ⁿ⁾ > 0; here z⁽ⁿ⁾ = {zs}.",
                    "wrong_points",
                )
    return feedback


def check_bias_after_step(answer: Any) -> Feedback:
    """04.4: b ← b − η·∂L/∂b (a number); a right answer also says the neuron is now dead."""
    b, g, lr = EX_STEP["b"], EX_STEP["dL_db"], EX_STEP["lr"]
    mistakes = {
        "wrong_sign": (
            b + lr * g,
            "You stepped *up* the gradient (b + η·∂L/∂b). Gradient descent goes against it: "
            "b ← b − η·∂L/∂b.",
        ),
        "forgot_lr": (
            b - g,
            f"You left out the learning rate η = {num(lr, 'g')}: b ← b − η·∂L/∂b.",
        ),
        "forgot_old_b": (-lr * g, "That is only the change −η·∂L/∂b; add it to the old bias b."),
        "divided_by_lr": (
            b - g / lr,
            f"You divided by η = {num(lr, 'g')}; multiply: b ← b − η·∂L/∂b.",
        ),
    }
    feedback = check_numeric(
        answer,
        b - lr * g,
        what="the bias after one gradient-descent step",
        mistakes=mistakes,
        hint="b ← b − η·∂L/∂b: multiply the gradient by the learning rate and subtract.",
    )
    if feedback.correct:  # the statement's follow-up: is the neuron dead now?
        limit = -float(_weighted_sums().max())  # Exercise 1's answer
        return Feedback(
            "correct",
            f"That is the bias after one gradient-descent step, b = {num(b - lr * g, 'g')}, and "
            f"since {num(b - lr * g, 'g')} ≤ {num(limit, 'g')} (Exercise 1) the neuron is now "
            f"dead on all four points.",
        )
    return feedback


EXERCISES = (
    Exercise(
        "04.1",
        check_dead_bias,
        -7.0,  # w·x⁽ⁿ⁾ = 1·2+2·1, 1·1+2·3, 1·(−1)+2·2, 1·3+2·(−1) = 4, 7, 3, 1; b = −max = −7
        {
            "sign_flipped": 7.0,  # +max instead of −max
            "used_min": -1.0,  # −min(4, 7, 3, 1)
            "used_mean": -3.75,  # −(4 + 7 + 3 + 1)/4 = −15/4
            "one_point_only": -4.0,  # −w·x⁽⁰⁾ = −4
            "not_the_largest": -8.0,  # −7 − 1 (any b ≤ −8): dead, but not the largest
            "just_below": -7.01,  # kept z strictly < 0 (within 0.1 of −7)
            "just_above": -6.99,  # (1, 3): z = 7 − 6.99 = 0.01 > 0, still active
        },
    ),
    Exercise(
        "04.2",
        check_active_count,
        3,  # z = x₀ − x₁ + 2 = 1, 3, 4, 0, 0, −1, −2, −1, −3: three are > 0
        {
            "counted_z_geq_0": 5,  # 3 + the two with z = 0
            "counted_silent": 6,  # 9 − 3
            "counted_z_below_0": 4,  # −1, −2, −1, −3
            "forgot_bias": 2,  # x₀ − x₁ = −1, 1, 2, −2, −2, −3, −4, −3, −5: two > 0
            "bias_subtracted": 0,  # x₀ − x₁ − 2 = −3, −1, 0, −4, …: none > 0
        },
    ),
    Exercise(
        "04.3",
        check_batch_gradient,
        # z = 2x₀ − x₁ − 1 = 1, −3, 0, 2 → gates 1, 0, 0, 1; 0.5·(1, 0) + (−1)·(2, 1) = (−1.5, −1)
        [-1.5, -1.0],
        {
            # 0.5·(1, 0) + 2·(0, 2) + 3·(1, 1) − (2, 1) = (0.5 + 3 − 2, 4 + 3 − 1)
            "forgot_gate": [1.5, 6.0],
            "gate_z_geq_0": [1.5, 2.0],  # (−1.5, −1) + 3·(1, 1): the z = 0 point let through
            "overwrote_instead_of_adding": [-2.0, -1.0],  # the last term alone: −1·(2, 1)
            "forgot_upstream": [3.0, 1.0],  # (1, 0) + (2, 1)
            "swapped_x_and_w": [-1.0, 0.5],  # (0.5 − 1)·w = −0.5·(2, −1)
            "sign_of_g0": [-2.5, -1.0],  # −0.5·(1, 0) + (−1)·(2, 1)
            "sign_of_g3": [2.5, 1.0],  # 0.5·(1, 0) + 1·(2, 1)
            "wrong_points": [3.5, 3.0],  # points 0 and 2: 0.5·(1, 0) + 3·(1, 1)
            "sign_flipped": [1.5, 1.0],  # −(−1.5, −1)
            "swapped_entries": [-1.0, -1.5],  # (−1.5, −1) in the other order
        },
    ),
    Exercise(
        "04.4",
        check_bias_after_step,
        -8.0,  # b − η·∂L/∂b = −2 − 2·3
        {
            "wrong_sign": 4.0,  # −2 + 2·3
            "forgot_lr": -5.0,  # −2 − 3
            "forgot_old_b": -6.0,  # −2·3
            "divided_by_lr": -3.5,  # −2 − 3/2
        },
    ),
)
