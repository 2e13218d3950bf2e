"""The exercise checkers of 08_training_a_network: each names the typical mistake an answer looks like.

A checker computes the right answer with the core (`losses.softmax_cross_entropy`, the trainer,
`layer.dead_units`) and each typical mistake as a wrong version of it; `EXERCISES` holds the same
answers as literals worked out by hand, so a slip in either shows up in tests/test_checkers.py.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from helpers.core.layer import dead_units
from helpers.core.losses import softmax, softmax_cross_entropy
from helpers.lessons.exercises import Feedback, check_numeric
from helpers.lessons.nb08_training_a_network.runs import MOONS, moons_data, run_config
from helpers.series import Exercise

__all__ = [
    "EXERCISES",
    "EX_DEAD_B",
    "EX_DEAD_W",
    "EX_DEAD_X",
    "EX_LABELS",
    "EX_LOGITS",
    "check_ce_gradient",
    "check_dead_count",
    "check_zero_init_dead",
]

# 08.1: a batch of N = 2 examples and C = 3 classes; the question is about example 0 only.
# z⁽⁰⁾ = (ln 2, 0, 0): exp gives (2, 1, 1), so p⁽⁰⁾ = (2/4, 1/4, 1/4); its label is class 1.
EX_LOGITS = ((math.log(2.0), 0.0, 0.0), (0.0, 0.0, 0.0))
EX_LABELS = (1, 2)

# 08.3: three points and a layer of five ReLU units (one column of W per unit).
EX_DEAD_X = ((1.0, 0.0), (0.0, 1.0), (1.0, 1.0))  # (N, d) = (3, 2)
EX_DEAD_W = ((1.0, -1.0, 1.0, -1.0, 0.0), (1.0, -1.0, -1.0, -1.0, 1.0))  # (d, m) = (2, 5)
EX_DEAD_B = (-0.5, 0.0, 0.0, 1.0, -1.0)  # (m,)


def check_ce_gradient(answer: Any) -> Feedback:
    """08.1: ∂L/∂z⁽⁰⁾ for the mean cross-entropy L over the two examples (3 numbers)."""
    Z = np.array(EX_LOGITS)
    _, dL_dZ = softmax_cross_entropy(Z, np.array(EX_LABELS))
    p = softmax(Z)[0]  # (3,)
    y = np.eye(3)[EX_LABELS[0]]  # the one-hot label of example 0
    N = len(EX_LABELS)
    return check_numeric(
        answer,
        dL_dZ[0],
        what="∂L/∂z⁽⁰⁾ = (p⁽⁰⁾ − y⁽⁰⁾)/N",
        mistakes={
            "missing_1_over_N": (
                p - y,
                "That is p − y for one example alone. L is the mean over the batch's N = 2 "
                "examples, so each example's gradient carries 1/N: divide by 2.",
            ),
            "forgot_one_hot": (
                p / N,
                "You left out the one-hot y: ∂L/∂zₖ = (pₖ − yₖ)/N, and y has a 1 at the label "
                "(class 1), so the label's entry is (1/4 − 1)/2.",
            ),
            "log_probabilities": (
                (np.log(p) - y) / N,
                "You used log p where the gradient has p itself: L = −log p_label, but its "
                "derivative with respect to z is p − y (the log is gone after the chain rule).",
            ),
            "logits_not_probabilities": (
                (Z[0] - y) / N,
                "You used the logits z in place of the probabilities p = softmax(z) = (1/2, 1/4, 1/4).",
            ),
            "sign_flipped": (
                (y - p) / N,
                "The sign is flipped: ∂L/∂z = (p − y)/N, positive for the wrong classes (raising "
                "their logit raises the loss).",
            ),
        },
        hint="First p = softmax(z⁽⁰⁾) (exp of ln 2 is 2), then subtract the one-hot label, then "
        "divide by N.",
    )


def _zero_init_dead() -> int:
    """The dead hidden units after MOONS' run from all-zero weights (scale 0)."""
    run = run_config(MOONS._replace(scale=0.0, epochs=3), *moons_data())
    sizes = MOONS.sizes[1:-1]
    return round(sum(share * m for share, m in zip(run.history[-1].dead, sizes, strict=True)))


def check_zero_init_dead(answer: Any) -> Feedback:
    """08.2: how many of the 32 hidden units are dead after training from all-zero weights."""
    return check_numeric(
        answer,
        _zero_init_dead(),
        what="the number of dead hidden units (of 2 × 16)",
        mistakes={
            "zero_is_not_dead": (
                0,
                "With every weight and bias 0, every hidden z is exactly 0, and ReLU′(0) = 0: "
                "each unit is silent on every point, so dead, and its gradient is 0 for ever.",
            ),
            "only_first_layer": (
                16,
                "The second hidden layer's z = 0·(its input) + 0 = 0 too: both layers are dead.",
            ),
        },
        hint="Work out z of a hidden unit when W = 0 and b = 0; is it > 0 on any point?",
    )


def check_dead_count(answer: Any) -> Feedback:
    """08.3: how many of the layer's five units are dead on the three points."""
    X, W, b = np.array(EX_DEAD_X), np.array(EX_DEAD_W), np.array(EX_DEAD_B)
    Z = X @ W + b  # (3, 5)
    return check_numeric(
        answer,
        int(dead_units(X, W, b).sum()),
        what="the number of dead units",
        mistakes={
            "kink_counted_active": (
                int(np.sum(~(Z >= 0).any(axis=0))),
                "You counted z = 0 as active. A unit is active only where z > 0; at the kink "
                "z = 0 it is silent (y = 0, gradient 0).",
            ),
            "counted_alive": (
                int(np.sum((Z > 0).any(axis=0))),
                "That is the number of units that are alive (active on some point).",
            ),
            "silent_somewhere": (
                int(np.sum((Z <= 0).any(axis=0))),
                "That counts the units silent on *some* point. Dead means silent on *every* point.",
            ),
            "counted_silent_entries": (
                int(np.sum(Z <= 0)),
                "That counts silent (point, unit) pairs; count units silent on every point.",
            ),
        },
        hint="Compute z = x·w + b for each unit on each of the three points; a unit is dead "
        "when all three are ≤ 0.",
    )


EXERCISES = (
    Exercise(
        "08.1",
        check_ce_gradient,
        [0.25, -0.375, 0.125],  # p = (1/2, 1/4, 1/4), y = (0, 1, 0): (p − y)/2
        {
            "missing_1_over_N": [0.5, -0.75, 0.25],  # p − y
            "forgot_one_hot": [0.25, 0.125, 0.125],  # p/2
            # (ln ½ − 0)/2, (ln ¼ − 1)/2, (ln ¼ − 0)/2 with ln 2 = 0.69314718056
            "log_probabilities": [-0.34657359028, -1.19314718056, -0.69314718056],
            "logits_not_probabilities": [0.34657359028, -0.5, 0.0],  # (ln 2 − 0)/2, (0 − 1)/2, 0
            "sign_flipped": [-0.25, 0.375, -0.125],  # (y − p)/2
        },
    ),
    Exercise(
        "08.2",
        check_zero_init_dead,
        32,  # W = 0, b = 0: z = 0 ≤ 0 for every unit on every point; 16 + 16 hidden units
        {
            "zero_is_not_dead": 0,
            "only_first_layer": 16,  # the first hidden layer's 16
        },
    ),
    Exercise(
        "08.3",
        check_dead_count,
        3,
        # z per unit on the points (1,0), (0,1), (1,1):
        #   u0: 0.5, 0.5, 1.5 · u1: −1, −1, −2 · u2: 1, −1, 0 · u3: 0, 0, −1 · u4: −1, 0, 0
        # dead (all ≤ 0): u1, u3, u4 → 3
        {
            "kink_counted_active": 1,  # with z ≥ 0 as active only u1 is dead
            "counted_alive": 2,  # u0, u2
            "silent_somewhere": 4,  # u1, u2, u3, u4
            "counted_silent_entries": 11,  # 0 + 3 + 2 + 3 + 3
        },
    ),
)
