"""Checkers for 03: ∂L/∂w, ∂L/∂x and ∂L/∂b of one neuron, and ∂L/∂x handed to the previous layer.

Every answer goes through `check_numeric` (numbers only: text, True/False and huge integers get a
friendly reply, never a traceback).

The exercise numbers differ from the worked example on purpose: every typical mistake gives a
value different from the right answer and from every other mistake, so the checker can name it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from helpers.core.neuron import neuron_backward, neuron_forward
from helpers.lessons.exercises import Feedback, as_number_array, check_numeric, mistake_table
from helpers.series import Exercise
from helpers.text import sub

__all__ = [
    "CLOSED",
    "EXERCISES",
    "NEURON",
    "PREVIOUS",
    "Example",
    "PreviousNeuron",
    "check_bias_gradient",
    "check_input_gradient",
    "check_previous_gradient",
    "check_weight_gradient",
]


class Example(NamedTuple):
    """One neuron y = ReLU(w·x + b) and the upstream gradient g = ∂L/∂y it receives."""

    x: tuple[float, float, float]
    w: tuple[float, float, float]
    b: float
    g: float


class PreviousNeuron(NamedTuple):
    """A neuron x₂ = ReLU(w_P·u + b_P) of the previous layer, whose output is NEURON's input x₂."""

    u: tuple[float, float]  # its inputs
    w: tuple[float, float]  # its weights w_P
    b: float  # its bias b_P


NEURON = Example(x=(2.0, -1.0, 0.5), w=(0.5, -2.0, 4.0), b=-1.5, g=-2.0)  # z = 3.5 > 0
CLOSED = Example(x=(1.0, 2.0, -1.0), w=(2.0, -1.0, 1.0), b=-0.5, g=3.0)  # z = -1.5 < 0
PREVIOUS = PreviousNeuron(u=(1.0, 0.5), w=(1.5, -1.0), b=-0.5)  # ReLU(0.5) = 0.5 = NEURON.x[2]


def _grads(ex: Example):
    _, cache = neuron_forward(ex.x, ex.w, ex.b)
    return neuron_backward(ex.g, cache)


def _entrywise(
    feedback: Feedback, answer: Any, expected: np.ndarray, formulas: list[str]
) -> Feedback:
    """An unrecognised list of the right length with some entries right: say which entries are
    right and give the formula of each wrong one (entry i has the formula `formulas[i]`)."""
    if feedback.status != "wrong" or feedback.mistake is not None:
        return feedback
    arr = as_number_array(answer)
    if isinstance(arr, str) or arr.shape != expected.shape:
        return feedback
    ok = np.isclose(arr, expected, rtol=1e-6, atol=1e-9)  # the tolerance of check_numeric
    if not ok.any():
        return feedback  # nothing right: the general hint
    names = [f.split(" = ")[0] for f in formulas]
    right = " and ".join(names[i] for i in np.flatnonzero(ok))
    wrong = np.flatnonzero(~ok)
    verb = "is" if ok.sum() == 1 else "are"
    fix = "; ".join(formulas[i] for i in wrong)
    return Feedback(
        "wrong",
        f"{right} {verb} right; {' and '.join(names[i] for i in wrong)} "
        f"{'is' if wrong.size == 1 else 'are'} not. Recompute: {fix}.",
    )


def _vector_gradient(answer: Any, example: Example, of: str, mistakes: dict, hint: str) -> Feedback:
    """Check ∂L/∂w (of="w") or ∂L/∂x (of="x") of `example`, shape (3,); an unrecognised answer
    with some entries right gets each wrong entry's formula, ∂L/∂wᵢ = g·1[z>0]·xᵢ or
    ∂L/∂xᵢ = g·1[z>0]·wᵢ."""
    expected = getattr(_grads(example), f"dL_d{of}")
    feedback = check_numeric(answer, expected, what=f"∂L/∂{of}", mistakes=mistakes, hint=hint)
    other = "x" if of == "w" else "w"
    formulas = [f"∂L/∂{sub(f'{of}{i}')} = g·1[z>0]·{sub(f'{other}{i}')}" for i in range(3)]
    return _entrywise(feedback, answer, expected, formulas)


def check_weight_gradient(answer: Any) -> Feedback:
    """Exercise 03.1: ∂L/∂w for NEURON, shape (3,)."""
    x, w, g = np.array(NEURON.x), np.array(NEURON.w), NEURON.g
    mistakes = mistake_table(
        """
        swapped_x_and_w: That is ∂L/∂x: you multiplied by w instead of x. The weight wᵢ meets the
          input xᵢ in the product wᵢxᵢ, so ∂z/∂wᵢ = xᵢ.
        left_out_upstream: That is 1[z>0]·x without the upstream gradient: multiply by
          g = ∂L/∂y = −2, which the chain rule puts in front of every gradient.
        wrong_sign: Right size, wrong sign: g = −2 is negative, so every entry of g·x flips sign.
        """,
        swapped_x_and_w=g * w,
        left_out_upstream=x,
        wrong_sign=-g * x,
    )
    return _vector_gradient(
        answer,
        NEURON,
        "w",
        mistakes,
        hint="Compute z = w·x + b first; if z > 0 the gate is 1 and ∂L/∂wᵢ = g·xᵢ.",
    )


def check_input_gradient(answer: Any) -> Feedback:
    """Exercise 03.2: ∂L/∂x for CLOSED (z < 0), shape (3,)."""
    x, w, g = np.array(CLOSED.x), np.array(CLOSED.w), CLOSED.g
    mistakes = mistake_table(
        """
        forgot_relu_gate: That is g·w without ReLU's gate. Here z = w·x + b = −1.5 < 0, so
          1[z>0] = 0 and every gradient through the neuron is 0.
        swapped_x_and_w: That is g·x: the gradient for an input is its weight (∂z/∂xᵢ = wᵢ), not the
          input itself, and the ReLU gate 1[z>0] is missing too (z = −1.5 < 0).
        gate_at_partial_product: You applied the gate to each product wᵢxᵢ. ReLU sees only the full
          pre-activation z = w·x + b = −1.5, so the gate is 1[z>0] = 0 for every entry.
        gate_on_weight: You gated on the sign of each weight, 1[wᵢ>0]. The gate is 1[z>0], one
          number for the whole neuron, and here z = −1.5 < 0.
        wrong_sign_no_gate: That is −g·w: the sign is flipped and ReLU's gate is missing. Here
          z = w·x + b = −1.5 < 0, so 1[z>0] = 0 and every entry of ∂L/∂x is 0.
        """,
        forgot_relu_gate=g * w,
        swapped_x_and_w=g * x,
        gate_at_partial_product=g * (x * w > 0) * w,
        gate_on_weight=g * (w > 0) * w,
        wrong_sign_no_gate=-g * w,
    )
    return _vector_gradient(
        answer,
        CLOSED,
        "x",
        mistakes,
        hint="Compute z = w·x + b first: the gate 1[z>0] decides whether anything flows back.",
    )


def check_bias_gradient(answer: Any) -> Feedback:
    """Exercise 03.3: ∂L/∂b for NEURON, a single number."""
    g, b = NEURON.g, NEURON.b
    z = float(np.dot(NEURON.w, NEURON.x)) + b
    return check_numeric(
        answer,
        _grads(NEURON).dL_db,
        what="∂L/∂b",
        mistakes=mistake_table(
            """
            no_bias_gradient: The bias is a parameter like any weight and has a gradient:
              z = w·x + b moves one-for-one with b, so ∂z/∂b = 1 and ∂L/∂b = g·1[z>0].
            left_out_upstream: That is 1[z>0] without the upstream gradient: multiply by
              g = ∂L/∂y = −2.
            wrong_sign: Right size, wrong sign: g = −2, and the gate is 1.
            multiplied_by_b: You multiplied by b, by analogy with ∂L/∂w = g·x. But b enters z as
              1·b, so its local derivative is 1, not b.
            multiplied_by_z: You multiplied by z = 3.5. The gate is 1[z>0], a 1 or a 0, not z
              itself; and ∂z/∂b = 1, so ∂L/∂b = g·1[z>0]·1.
            """,
            no_bias_gradient=0.0,
            left_out_upstream=1.0,
            wrong_sign=-g,
            multiplied_by_b=g * b,
            multiplied_by_z=g * z,
        ),
        hint="z = w·x + b changes by exactly 1 when b does: ∂L/∂b = g·1[z>0]·1.",
    )


def _previous_local() -> np.ndarray:
    """∂L/∂w_P of PREVIOUS per unit of upstream gradient: 1[z_P>0]·u, shape (2,)."""
    _, cache = neuron_forward(PREVIOUS.u, PREVIOUS.w, PREVIOUS.b)
    return neuron_backward(1.0, cache).dL_dw


def check_previous_gradient(answer: Any) -> Feedback:
    """Exercise 03.4: ∂L/∂w_P for PREVIOUS, whose output feeds NEURON's x₂; shape (2,)."""
    local = _previous_local()
    grads = _grads(NEURON)
    relu_out, _ = neuron_forward(PREVIOUS.u, PREVIOUS.w, PREVIOUS.b)
    expected = grads.dL_dx[2] * local
    feedback = check_numeric(
        answer,
        expected,
        what="∂L/∂w_P",
        mistakes=mistake_table(
            """
            upstream_is_dL_dy: You handed the previous neuron g = ∂L/∂y. Its upstream gradient is
              ∂L/∂x₂ = g·1[z>0]·w₂ = −8: the gradient of L with respect to its own output.
            passed_weight_gradient: You passed back ∂L/∂w₂ = g·x₂, the gradient for this neuron's
              weight. The previous layer needs ∂L/∂x₂ = g·w₂, the gradient for the input it
              produced.
            wrong_input: That uses ∂L/∂x₁. The previous neuron's output is x₂, so its upstream
              gradient is ∂L/∂x₂.
            swapped_u_and_w: You multiplied by the weights w_P instead of the inputs u: the gradient
              for a weight is its input.
            wrong_sign: Right size, wrong sign: the upstream gradient ∂L/∂x₂ = g·w₂ = (−2)·4 = −8 is
              negative, so both entries are negative.
            gate_as_relu_output: You used the previous neuron's output ReLU(z_P) = 0.5 as its gate.
              The gate is ReLU's slope 1[z_P>0], and z_P = 0.5 > 0, so it is 1.
            """,
            upstream_is_dL_dy=NEURON.g * local,
            passed_weight_gradient=grads.dL_dw[2] * local,
            wrong_input=grads.dL_dx[1] * local,
            swapped_u_and_w=grads.dL_dx[2] * np.array(PREVIOUS.w),
            wrong_sign=-grads.dL_dx[2] * local,
            gate_as_relu_output=grads.dL_dx[2] * relu_out * np.array(PREVIOUS.u),
        ),
        hint="First ∂L/∂x₂ = g·1[z>0]·w₂ for this neuron; then use it as the previous neuron's g.",
    )
    formulas = [f"∂L/∂w_P,{sub(str(i))} = ∂L/∂x₂·1[z_P>0]·{sub(f'u{i}')}" for i in range(2)]
    return _entrywise(feedback, answer, expected, formulas)


EXERCISES = (
    Exercise(
        "03.1",
        check_weight_gradient,
        [-4.0, 2.0, -1.0],  # z = 1 + 2 + 2 − 1.5 = 3.5 > 0, so g·x = −2·(2, −1, 0.5)
        {
            "swapped_x_and_w": [-1.0, 4.0, -8.0],  # g·w = −2·(0.5, −2, 4)
            "left_out_upstream": [2.0, -1.0, 0.5],  # 1·x
            "wrong_sign": [4.0, -2.0, 1.0],  # −g·x = 2·(2, −1, 0.5)
        },
    ),
    Exercise(
        "03.2",
        check_input_gradient,
        [0.0, 0.0, 0.0],  # z = 2 − 2 − 1 − 0.5 = −1.5 < 0: the gate is 0
        {
            "forgot_relu_gate": [6.0, -3.0, 3.0],  # g·w = 3·(2, −1, 1)
            "swapped_x_and_w": [3.0, 6.0, -3.0],  # g·x = 3·(1, 2, −1)
            "gate_at_partial_product": [6.0, 0.0, 0.0],  # products (2, −2, −1): only w₀x₀ > 0
            "gate_on_weight": [6.0, 0.0, 3.0],  # 1[w > 0] = (1, 0, 1), times g·w = (6, −3, 3)
            "wrong_sign_no_gate": [-6.0, 3.0, -3.0],  # −g·w = −3·(2, −1, 1)
        },
    ),
    Exercise(
        "03.3",
        check_bias_gradient,
        -2.0,  # g·1[z>0]·1 = −2·1·1
        {
            "no_bias_gradient": 0.0,  # the bias treated as a constant
            "left_out_upstream": 1.0,  # 1[z>0]·1
            "wrong_sign": 2.0,  # −g
            "multiplied_by_b": 3.0,  # g·b = −2·(−1.5)
            "multiplied_by_z": -7.0,  # g·z = −2·3.5
        },
    ),
    Exercise(
        "03.4",
        check_previous_gradient,
        # ∂L/∂x₂ = g·w₂ = −2·4 = −8; z_P = 1.5 − 0.5 − 0.5 = 0.5 > 0; −8·1·u = −8·(1, 0.5)
        [-8.0, -4.0],
        {
            "upstream_is_dL_dy": [-2.0, -1.0],  # g·u = −2·(1, 0.5)
            "passed_weight_gradient": [-1.0, -0.5],  # ∂L/∂w₂ = g·x₂ = −2·0.5 = −1, times u
            "wrong_input": [4.0, 2.0],  # ∂L/∂x₁ = g·w₁ = −2·(−2) = 4, times u
            "swapped_u_and_w": [-12.0, 8.0],  # −8·w_P = −8·(1.5, −1)
            "wrong_sign": [8.0, 4.0],  # +8·u
            "gate_as_relu_output": [-4.0, -2.0],  # −8·ReLU(z_P)·u = −8·0.5·(1, 0.5)
        },
    ),
)
