"""The exercise checkers of 08_training_a_network: each names the typical mistake an answer looks like.

A scaffold from `make new-lesson`: replace the exercises with the lesson's own, keeping the
shape — every reference and mistake value a literal worked out by hand, the arithmetic beside it.
The worked example: x = (1, −2, 3), w = (−3, −1, 2), so w·x = −3 + 2 + 6 = 5.
"""

from __future__ import annotations

from typing import Any

from helpers.lessons.exercises import Feedback, check_numeric
from helpers.series import Exercise

__all__ = ["EXERCISES", "check_output", "check_pre_activation"]


def check_pre_activation(answer: Any) -> Feedback:
    """Exercise 1: z of the worked neuron with b = −2."""
    return check_numeric(
        answer,
        3.0,  # 5 + (−2)
        what="z = w·x + b for b = −2",
        mistakes={
            "forgot_bias": (5.0, "That is w·x alone; add the bias b = −2."),  # w·x
            "bias_subtracted": (7.0, "You subtracted b; z adds it: 5 + (−2)."),  # 5 − (−2)
        },
        hint="Add up the products wᵢ·xᵢ, then add b.",
    )


def check_output(answer: Any) -> Feedback:
    """Exercise 2: y of the worked neuron with b = −7."""
    return check_numeric(
        answer,
        0.0,  # z = 5 − 7 = −2 ≤ 0, so y = ReLU(−2) = 0
        what="y = ReLU(z) for b = −7",
        mistakes={
            "gave_z": (-2.0, "That is z; y = ReLU(z) is 0 when z ≤ 0."),  # 5 − 7
            "forgot_bias": (5.0, "That is ReLU(w·x); add the bias b = −7 first."),  # ReLU(5)
            "bias_subtracted": (12.0, "You subtracted b; z = 5 + (−7)."),  # ReLU(5 + 7)
        },
        hint="Compute z = w·x + b first, then y = ReLU(z) = max(0, z).",
    )


EXERCISES = (
    Exercise(
        "08.1",
        check_pre_activation,
        3.0,  # w·x + b = 5 + (−2)
        {
            "forgot_bias": 5.0,  # w·x = −3 + 2 + 6
            "bias_subtracted": 7.0,  # 5 − (−2)
        },
    ),
    Exercise(
        "08.2",
        check_output,
        0.0,  # z = 5 − 7 = −2, ReLU(−2) = 0
        {
            "gave_z": -2.0,  # 5 − 7
            "forgot_bias": 5.0,  # ReLU(5)
            "bias_subtracted": 12.0,  # ReLU(5 + 7)
        },
    ),
)
