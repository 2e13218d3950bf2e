"""The exercise checkers of 06 · Layers and batches: each names the mistake an answer looks like.

Exercises 1–3 share one small layer (new numbers, so the notebook's cannot give them away):

    X = [[1, 2], [2, −1], [0, 1]]   (N = 3 examples, d = 2 inputs)
    W = [[1, 1], [−1, 2]]           (d = 2, m = 2 units: unit 0 has w = (1, −1), unit 1 w = (1, 2))
    b = (2, −1)
    G = ∂L/∂Y = [[1, 2], [1, −1], [3, 1]]

    Z = XW + b = [[1 − 2 + 2, 1 + 4 − 1], [2 + 1 + 2, 2 − 2 − 1], [0 − 1 + 2, 0 + 2 − 1]]
      = [[1, 4], [5, −1], [1, 1]]        gate 1[Z > 0] = [[1, 1], [1, 0], [1, 1]]
    Y = ReLU(Z) = [[1, 4], [5, 0], [1, 1]]
    ∂L/∂Z = G ⊙ gate = [[1, 2], [1, 0], [3, 1]]

Exercise 4 is about the learning rate of a summed loss when the data set grows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from helpers.lessons.exercises import Feedback, as_number_array, check_numeric, mistake_table
from helpers.series import Exercise

__all__ = [
    "EXERCISES",
    "LAYER",
    "check_bias_gradient",
    "check_input_gradient",
    "check_sum_learning_rate",
    "check_weight_gradient",
]

# The exercises' layer, as lists (read-only for the learner: the notebook copies them).
LAYER = {
    "X": ((1.0, 2.0), (2.0, -1.0), (0.0, 1.0)),
    "W": ((1.0, 1.0), (-1.0, 2.0)),
    "b": (2.0, -1.0),
    "G": ((1.0, 2.0), (1.0, -1.0), (3.0, 1.0)),
}


def _shaped(
    answer: Any,
    expected: Any,
    *,
    what: str,
    shape_of: str,
    mistakes: Mapping[str, tuple[Any, str]],
    hint: str,
) -> Feedback:
    """check_numeric, after a shape check that names both shapes (and the mistakes of another
    shape, which check_numeric would only call 'the wrong shape')."""
    expected_arr = np.asarray(expected, dtype=np.float64)
    arr = as_number_array(answer)
    if answer is not None and not isinstance(arr, str) and arr.shape != expected_arr.shape:
        for name, (value, explanation) in mistakes.items():
            value_arr = np.asarray(value, dtype=np.float64)
            if value_arr.shape == arr.shape and np.allclose(arr, value_arr, rtol=1e-6, atol=1e-9):
                return Feedback("wrong", explanation, name)
        return Feedback(
            "wrong",
            f"Your answer has shape {arr.shape}, but {what} must have the shape of {shape_of}, "
            f"{expected_arr.shape}: a gradient has the shape of what it differentiates.",
            "wrong_shape",
        )
    return check_numeric(answer, expected, what=what, mistakes=mistakes, hint=hint)


def check_weight_gradient(answer: Any) -> Feedback:
    """Exercise 1: ∂L/∂W = Xᵀ ∂L/∂Z, shape (2, 2)."""
    return _shaped(
        answer,
        [[3.0, 2.0], [4.0, 5.0]],  # Xᵀ ∂L/∂Z, see EXERCISES
        what="∂L/∂W",
        shape_of="W",
        mistakes=mistake_table(
            """
            transposed: That is (∂L/∂Z)ᵀ X, the transpose of ∂L/∂W: here d = m = 2, so the shapes
              cannot catch it. Entry (i, k) must pair input i with unit k: Σₙ x⁽ⁿ⁾ᵢ · (∂L/∂Z)⁽ⁿ⁾ₖ.
            no_gate: That is Xᵀ G: the ReLU gate is missing. Example 1 has z = −1 in unit 1, so its
              gate is closed and its upstream −1 must not reach W. Multiply G by 1[Z > 0] first.
            gate_from_output: That is Xᵀ (G ⊙ Y): you multiplied by the output Y = ReLU(Z) instead
              of by ReLU's derivative, the gate 1[Z > 0] (0 or 1, taken at Z).
            one_example: That is example 0's contribution alone, x⁽⁰⁾ᵀ times its row of ∂L/∂Z. W is
              used by every example, so ∂L/∂W adds up all three: the product Xᵀ ∂L/∂Z does that.
            divided_by_N: You divided by N = 3. G is already ∂L/∂Y: if the loss is a mean, its 1/N
              is inside G, and dividing again applies it twice. ∂L/∂W adds the examples'
              contributions as they are.
            """,
            transposed=[[3.0, 4.0], [2.0, 5.0]],
            no_gate=[[3.0, 0.0], [4.0, 6.0]],
            gate_from_output=[[11.0, 8.0], [0.0, 17.0]],
            one_example=[[1.0, 2.0], [2.0, 4.0]],
            divided_by_N=[[1.0, 2.0 / 3.0], [4.0 / 3.0, 5.0 / 3.0]],
        ),
        hint="First ∂L/∂Z = G ⊙ 1[Z > 0] (shape (3, 2)), then ∂L/∂W = Xᵀ ∂L/∂Z: (2, 3)·(3, 2).",
    )


def check_bias_gradient(answer: Any) -> Feedback:
    """Exercise 2: ∂L/∂b = the column sums of ∂L/∂Z, shape (2,)."""
    return _shaped(
        answer,
        [5.0, 3.0],  # column sums of [[1, 2], [1, 0], [3, 1]]
        what="∂L/∂b",
        shape_of="b",
        mistakes=mistake_table(
            """
            not_summed: That is ∂L/∂Z itself, shape (3, 2), but b has shape (2,). b is added to
              every row of Z, so its gradient is the sum of ∂L/∂Z over the rows (the examples).
            summed_over_units: You summed each row (over the units), which gives one number per
              example, shape (3,). b has one entry per unit, shape (2,): sum each column instead.
            divided_by_N: You took the mean over the 3 examples. The chain rule adds the examples'
              contributions; a mean loss already put its 1/N into G.
            no_gate: Those are the column sums of G: the gate is missing. Example 1 has z = −1 in
              unit 1, so its upstream −1 is blocked; sum G ⊙ 1[Z > 0] instead.
            """,
            not_summed=[[1.0, 2.0], [1.0, 0.0], [3.0, 1.0]],
            summed_over_units=[3.0, 1.0, 4.0],
            divided_by_N=[5.0 / 3.0, 1.0],
            no_gate=[5.0, 2.0],
        ),
        hint="∂L/∂b = Σₙ (∂L/∂Z)⁽ⁿ⁾: add the rows of ∂L/∂Z = G ⊙ 1[Z > 0].",
    )


# Exercise 3, row by row: what each row of ∂L/∂X = ∂L/∂Z Wᵀ adds up (unit 0's weights (1, −1),
# unit 1's (1, 2); ∂L/∂Z = [[1, 2], [1, 0], [3, 1]]).
_INPUT_ROWS = (
    ((3.0, 3.0), "both units are active on example 0, so it gets 1·(1, −1) + 2·(1, 2)"),
    ((1.0, -1.0), "unit 1 is silent on example 1 (z = −1), so only unit 0's weights (1, −1) "
     "reach it, times 1"),
    ((4.0, -1.0), "both units are active on example 2, so it gets 3·(1, −1) + 1·(1, 2)"),
)  # fmt: skip


def _first_wrong_row(answer: Any) -> str | None:
    """'Row n is off: …' for the first row of a (3, 2) answer that differs from ∂L/∂X, else None."""
    arr = as_number_array(answer)
    if isinstance(arr, str) or arr.shape != (3, 2) or not np.all(np.isfinite(arr)):
        return None
    for n, (row, why) in enumerate(_INPUT_ROWS):
        if not np.allclose(arr[n], row, rtol=1e-6, atol=1e-9):
            return f"Row {n} is off: {why}. Row n = Σₖ (∂L/∂Z)⁽ⁿ⁾ₖ · (unit k's weights)."
    return None


def check_input_gradient(answer: Any) -> Feedback:
    """Exercise 3: ∂L/∂X = ∂L/∂Z Wᵀ, shape (3, 2). An answer that matches no known mistake is
    told its first wrong row and what that row adds up."""
    return _shaped(
        answer,
        [[3.0, 3.0], [1.0, -1.0], [4.0, -1.0]],  # ∂L/∂Z Wᵀ, the rows of _INPUT_ROWS
        what="∂L/∂X",
        shape_of="X",
        mistakes=mistake_table(
            """
            W_not_transposed: That is ∂L/∂Z W. Row n of ∂L/∂X adds unit k's weight vector, column k
              of W, times (∂L/∂Z)⁽ⁿ⁾ₖ: that is ∂L/∂Z Wᵀ (W is square here, so the shapes fit both
              ways).
            overwrote_fork: That is only the last unit's share: written with `=` in a loop over the
              units, each share overwrote the one before. Every x⁽ⁿ⁾ feeds both units, so their
              shares add up (`+=`).
            kept_first_share: That is only unit 0's share. Every x⁽ⁿ⁾ feeds both units, so dL/dx⁽ⁿ⁾
              is the sum of both shares (`+=` at a fork).
            no_gate: That is G Wᵀ: the gate is missing. Unit 1 is silent on example 1 (z = −1), so
              it hands nothing back there; use ∂L/∂Z = G ⊙ 1[Z > 0].
            """,
            W_not_transposed=[[-1.0, 5.0], [1.0, 1.0], [2.0, 5.0]],
            overwrote_fork=[[2.0, 4.0], [0.0, 0.0], [1.0, 2.0]],
            kept_first_share=[[1.0, -1.0], [1.0, -1.0], [3.0, -3.0]],
            no_gate=[[3.0, 3.0], [0.0, -3.0], [4.0, -1.0]],
        ),
        hint=_first_wrong_row(answer)
        or "∂L/∂X = ∂L/∂Z Wᵀ: (3, 2)·(2, 2). Row n = Σₖ (∂L/∂Z)⁽ⁿ⁾ₖ · (unit k's weights).",
    )


def check_sum_learning_rate(answer: Any) -> Feedback:
    """Exercise 4: the summed loss's learning rate after the data set grows from 50 to 200
    examples (each old example 4 times), for exactly the same steps as η = 0.004 before."""
    return check_numeric(
        answer,
        0.001,  # 0.004 / 4
        what="the learning rate η for the summed loss on 200 examples",
        mistakes=mistake_table(
            """
            unchanged: With the same η every step is 4 times longer: each example now appears 4
              times, so the summed loss and its gradient are 4 times larger.
            multiplied: That is 0.004 · 4: the wrong way round. The gradient of the sum grew 4
              times, so η must shrink 4 times.
            divided_by_N: That is 0.004 / 200: divide by how much the sum grew, 200/50 = 4, not by
              the new N. (With the mean loss nothing would change: its gradient stays the same.)
            mean_rate: 0.2 = 50 · 0.004 is the η of the *mean* loss, which takes these steps for any
              N. The question asks for the summed loss on 200 examples.
            """,
            unchanged=0.004,
            multiplied=0.016,
            divided_by_N=0.00002,
            mean_rate=0.2,
        ),
        hint="L_sum(200 examples) = 4 · L_sum(50 examples), so its gradient is 4 times larger; "
        "choose η so that η · 4 · ∇L = 0.004 · ∇L.",
    )


# ∂L/∂Z = [[1, 2], [1, 0], [3, 1]] (rows: examples, columns: units), X = [[1, 2], [2, −1], [0, 1]],
# Y = [[1, 4], [5, 0], [1, 1]], W = [[1, 1], [−1, 2]] (columns: unit 0 (1, −1), unit 1 (1, 2)).
EXERCISES = (
    Exercise(
        "06.1",
        check_weight_gradient,
        # (Xᵀ ∂L/∂Z)ᵢₖ = Σₙ x⁽ⁿ⁾ᵢ (∂L/∂Z)⁽ⁿ⁾ₖ, x-columns (1, 2, 0) and (2, −1, 1):
        # (0,0) 1 + 2 + 0 = 3; (0,1) 2 + 0 + 0 = 2; (1,0) 2 − 1 + 3 = 4; (1,1) 4 + 0 + 1 = 5
        [[3.0, 2.0], [4.0, 5.0]],
        {
            "transposed": [[3.0, 4.0], [2.0, 5.0]],  # (∂L/∂Z)ᵀ X
            # Xᵀ G: (0,0) 1 + 2 + 0; (0,1) 2 − 2 + 0; (1,0) 2 − 1 + 3; (1,1) 4 + 1 + 1
            "no_gate": [[3.0, 0.0], [4.0, 6.0]],
            # G ⊙ Y = [[1, 8], [5, 0], [3, 1]]; Xᵀ of it: 1 + 10 + 0, 8 + 0 + 0, 2 − 5 + 3, 16 + 0 + 1
            "gate_from_output": [[11.0, 8.0], [0.0, 17.0]],
            "one_example": [[1.0, 2.0], [2.0, 4.0]],  # x⁽⁰⁾ = (1, 2) times (1, 2)
            "divided_by_N": [[1.0, 2.0 / 3.0], [4.0 / 3.0, 5.0 / 3.0]],  # (3, 2, 4, 5) / 3
        },
    ),
    Exercise(
        "06.2",
        check_bias_gradient,
        [5.0, 3.0],  # column sums of ∂L/∂Z: 1 + 1 + 3, 2 + 0 + 1
        {
            "not_summed": [[1.0, 2.0], [1.0, 0.0], [3.0, 1.0]],  # ∂L/∂Z itself
            "summed_over_units": [3.0, 1.0, 4.0],  # row sums: 1 + 2, 1 + 0, 3 + 1
            "divided_by_N": [5.0 / 3.0, 1.0],  # (5, 3) / 3
            "no_gate": [5.0, 2.0],  # column sums of G: 1 + 1 + 3, 2 − 1 + 1
        },
    ),
    Exercise(
        "06.3",
        check_input_gradient,
        # row n = (∂L/∂Z)⁽ⁿ⁾₀ (1, −1) + (∂L/∂Z)⁽ⁿ⁾₁ (1, 2):
        # (1, −1) + 2(1, 2) = (3, 3); (1, −1) + 0 = (1, −1); 3(1, −1) + (1, 2) = (4, −1)
        [[3.0, 3.0], [1.0, -1.0], [4.0, -1.0]],
        {
            # ∂L/∂Z W, rows of W (1, 1), (−1, 2): (1, 1) + 2(−1, 2); (1, 1); 3(1, 1) + (−1, 2)
            "W_not_transposed": [[-1.0, 5.0], [1.0, 1.0], [2.0, 5.0]],
            "overwrote_fork": [
                [2.0, 4.0],
                [0.0, 0.0],
                [1.0, 2.0],
            ],  # unit 1's share: 2, 0, 1 × (1, 2)
            "kept_first_share": [[1.0, -1.0], [1.0, -1.0], [3.0, -3.0]],  # 1, 1, 3 × (1, −1)
            # G Wᵀ: (1, −1) + 2(1, 2); (1, −1) − (1, 2) = (0, −3); 3(1, −1) + (1, 2)
            "no_gate": [[3.0, 3.0], [0.0, -3.0], [4.0, -1.0]],
        },
    ),
    Exercise(
        "06.4",
        check_sum_learning_rate,
        0.001,  # the sum grew 200/50 = 4 times: η = 0.004 / 4
        {
            "unchanged": 0.004,  # the same η
            "multiplied": 0.016,  # 0.004 · 4
            "divided_by_N": 0.00002,  # 0.004 / 200
            "mean_rate": 0.2,  # 50 · 0.004, the mean loss's η
        },
    ),
)
