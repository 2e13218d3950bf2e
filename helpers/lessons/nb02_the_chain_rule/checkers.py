"""Checkers for the exercises of 02_the_chain_rule: one factor of the chain at a time.

Every exercise uses the worked example's inputs and weights (`WORKED`); its other numbers are
below. They are chosen so that every typical mistake (gate at a partial product, forgotten
upstream gradient, x and w swapped, forgotten gate, …) gives its own value, different from the
right one. The right answer comes from the core's `neuron_forward`/`neuron_backward`; the
hand-derived answers are the literals in `EXERCISES`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from helpers.core.example import WORKED
from helpers.core.neuron import neuron_backward, neuron_forward
from helpers.lessons.exercises import Feedback, check_numeric, mistake_table
from helpers.series import Exercise
from helpers.text import num

__all__ = [
    "CLOSED_B",
    "CLOSED_G",
    "EXERCISES",
    "GATE_G",
    "NUDGE_H",
    "UPSTREAM_T",
    "check_closed_gate",
    "check_gate_at_z",
    "check_nudge",
    "check_upstream_from_loss",
]

GATE_G = -4.0  # 02.1: ∂L/∂w₀ with the upstream gradient g = −4 (bias b = 1, as worked)
CLOSED_B, CLOSED_G = -8.0, 3.0  # 02.2: ∂L/∂x₂ with b = −8 (so z = −3) and g = 3
UPSTREAM_T = 3.0  # 02.3: ∂L/∂x₁ when the loss L = (y − t)² with t = 3 follows the neuron
NUDGE_H = 0.01  # 02.4: Δy when w₁ grows by h = 0.01


def _n(value: float) -> str:
    """A number for a message, in its shortest form with a true minus: '−2', '0.01'."""
    return num(value, "g")


def _backward(b: float, g: float):
    """The worked example's neuron with bias b, and its gradients for the upstream gradient g."""
    y, cache = neuron_forward(WORKED.x, WORKED.w, b)
    return y, cache, neuron_backward(g, cache)


def check_gate_at_z(answer: Any) -> Feedback:
    """02.1: ∂L/∂w₀ = g · 1[z>0] · 1 · x₀ for the worked example with g = −4."""
    x0, w0, g = WORKED.x[0], WORKED.w[0], GATE_G
    _, cache, grads = _backward(WORKED.b, g)
    gate = float(cache.z > 0)
    partial = x0 * w0
    hint = "Multiply the factors from L back to w₀: g · 1[z>0] · ∂z/∂m₀ · ∂m₀/∂w₀."
    mistakes = mistake_table(
        f"""
        gate_at_partial_product: You took the gate at the partial product x₀w₀ = {_n(partial)}, or
          on the sign of the weight w₀ = {_n(w0)}: either gives 0. The gate 1[z>0] is taken at the
          FULL pre-activation z = {_n(cache.z)}, where it is 1; only z counts.
        forgot_upstream: That is ∂y/∂w₀, the gradient for g = 1. Here the upstream gradient is
          ∂L/∂y = {_n(g)}: multiply by it.
        swapped_x_and_w: That is ∂L/∂x₀: mul hands each input the OTHER input, so ∂(x₀w₀)/∂w₀ = x₀,
          not w₀.
        derivative_wrt_x0: That is ∂y/∂x₀ = w₀: the derivative with respect to the input, and
          without the upstream gradient. We want ∂L/∂w₀ (the last factor is x₀) times g.
        wrong_sign: Check the sign: g = {_n(g)} is negative, and so is ∂L/∂w₀ = g · 1 · 1 · x₀.
        """,
        gate_at_partial_product=g * float(partial > 0) * x0,
        forgot_upstream=gate * x0,
        swapped_x_and_w=g * gate * w0,
        derivative_wrt_x0=gate * w0,
        wrong_sign=-g * gate * x0,
    )
    return check_numeric(answer, grads.dL_dw[0], what="∂L/∂w₀", mistakes=mistakes, hint=hint)


def check_closed_gate(answer: Any) -> Feedback:
    """02.2: ∂L/∂x₂ for the worked example with b = −8 (so z = −3) and g = 3."""
    x2, w2, g = WORKED.x[2], WORKED.w[2], CLOSED_G
    _, cache, grads = _backward(CLOSED_B, g)
    hint = "First compute z = w·x + b. Is the gate 1[z>0] open or closed there?"
    mistakes = mistake_table(
        f"""
        forgot_gate: You let the gradient through the ReLU, but z = {_n(cache.z)} < 0, so the gate
          1[z > 0] is 0 and ∂L/∂x₂ = 0. (A condition on the input, x₂ = {_n(x2)} > 0, on the
          weight, w₂ = {_n(w2)} > 0, or on the partial product x₂w₂ = {_n(x2 * w2)} > 0, is not the
          gate: only z counts.)
        swapped_x_and_w: That is g·x₂, the ∂L/∂w₂ of an open gate: the last factor for the input x₂
          is its weight w₂, and the gate is closed here (z = {_n(cache.z)}).
        forgot_gate_and_upstream: That is w₂ = {_n(w2)} alone: it leaves out g and the gate, which
          is 0 since z = {_n(cache.z)} ≤ 0, so the whole product is 0.
        upstream_alone: That is g = {_n(g)} alone: the chain goes on through the gate, which is 0
          since z = {_n(cache.z)} ≤ 0, so the whole product is 0.
        """,
        forgot_gate=g * w2,
        swapped_x_and_w=g * x2,
        forgot_gate_and_upstream=w2,
        upstream_alone=g,
    )
    return check_numeric(answer, grads.dL_dx[2], what="∂L/∂x₂", mistakes=mistakes, hint=hint)


def check_upstream_from_loss(answer: Any) -> Feedback:
    """02.3: ∂L/∂x₁ for the worked example followed by the loss L = (y − t)² with t = 3."""
    x1, w1, t = WORKED.x[1], WORKED.w[1], UPSTREAM_T
    y, _ = neuron_forward(WORKED.x, WORKED.w, WORKED.b)
    g = 2.0 * (y - t)  # ∂L/∂y for L = (y − t)²
    _, cache, grads = _backward(WORKED.b, g)
    gate = float(cache.z > 0)
    hint = "First g = ∂L/∂y = 2(y − t); then ∂L/∂x₁ = g · 1[z>0] · 1 · w₁."
    mistakes = mistake_table(
        f"""
        forgot_upstream: That is ∂y/∂x₁, as if g were 1. The loss hands back
          g = ∂L/∂y = 2(y − t) = {_n(g)}.
        swapped_x_and_w: That is ∂L/∂w₁: for the input x₁ the last factor is the weight w₁, not x₁.
        loss_as_upstream: You used the loss itself, L = {_n((y - t) ** 2)}, as the upstream
          gradient. The upstream gradient is its derivative, ∂L/∂y = 2(y − t) = {_n(g)}.
        dropped_factor_2: You used g = y − t = {_n(y - t)}; the derivative of (y − t)² is
          2(y − t) = {_n(g)}: by the power rule the derivative of e² in e is 2e; here e = y − t,
          the error, whose derivative in y is 1.
        wrong_sign: Check the sign: ∂L/∂y = 2(y − t) = +{_n(g)}, not 2(t − y) = {_n(-g)}.
        """,
        forgot_upstream=gate * w1,
        swapped_x_and_w=g * gate * x1,
        loss_as_upstream=(y - t) ** 2 * gate * w1,
        dropped_factor_2=(y - t) * gate * w1,
        wrong_sign=-g * gate * w1,
    )
    return check_numeric(answer, grads.dL_dx[1], what="∂L/∂x₁", mistakes=mistakes, hint=hint)


def check_nudge(answer: Any) -> Feedback:
    """02.4: how much y changes when w₁ of the worked example grows by h = 0.01."""
    x1, w1, h = WORKED.x[1], WORKED.w[1], NUDGE_H
    y, _ = neuron_forward(WORKED.x, WORKED.w, WORKED.b)
    y_new, _ = neuron_forward(WORKED.x, np.add(WORKED.w, (0.0, h, 0.0)), WORKED.b)
    hint = "Δy ≈ h · ∂y/∂w₁, and ∂y/∂w₁ = 1[z>0] · 1 · x₁."
    mistakes = mistake_table(
        f"""
        swapped_x_and_w: That is h·w₁: the change in y per unit of w₁ is x₁ = {_n(x1)}.
        gave_derivative: That is the derivative ∂y/∂w₁ = x₁, the change PER UNIT of w₁. Multiply by
          h = {_n(h)}.
        gave_new_output: That is the new output y itself. The question asks for the change, new
          y − {_n(y)}.
        wrong_sign: Check the sign: x₁ = {_n(x1)} is negative.
        """,
        swapped_x_and_w=h * w1,
        gave_derivative=x1,
        gave_new_output=y_new,
        wrong_sign=-(y_new - y),
    )
    return check_numeric(
        answer, y_new - y, what="the change Δy", mistakes=mistakes, hint=hint, rtol=1e-4
    )


# Worked example: x = (1, −2, 3), w = (−3, −1, 2), b = 1, so z = −3 + 2 + 6 + 1 = 6 > 0, y = 6.
EXERCISES = (
    Exercise(
        "02.1",
        check_gate_at_z,
        -4.0,  # g · 1[z>0] · 1 · x₀ = (−4) · 1 · 1 · 1
        {
            "gate_at_partial_product": 0.0,  # (−4)·1[x₀w₀ > 0]·1·1 = (−4)·0 (x₀w₀ = −3; 1[w₀ > 0] = 0 too)
            "forgot_upstream": 1.0,  # 1[z>0] · 1 · x₀ = 1 · 1 · 1
            "swapped_x_and_w": 12.0,  # g · 1 · 1 · w₀ = (−4) · (−3)
            "derivative_wrt_x0": -3.0,  # 1 · 1 · w₀ = −3
            "wrong_sign": 4.0,  # −(−4)
        },
    ),
    Exercise(
        "02.2",
        check_closed_gate,
        0.0,  # z = −3 + 2 + 6 − 8 = −3 ≤ 0: g · 0 · 1 · w₂ = 3 · 0 · 1 · 2
        {
            "forgot_gate": 6.0,  # g · w₂ = 3 · 2
            "swapped_x_and_w": 9.0,  # g · x₂ = 3 · 3
            "forgot_gate_and_upstream": 2.0,  # w₂ = 2
            "upstream_alone": 3.0,  # g = 3
        },
    ),
    Exercise(
        "02.3",
        check_upstream_from_loss,
        -6.0,  # g = 2(y − t) = 2 · (6 − 3) = 6;  g · 1 · 1 · w₁ = 6 · (−1)
        {
            "forgot_upstream": -1.0,  # 1 · 1 · w₁ = −1
            "swapped_x_and_w": -12.0,  # g · x₁ = 6 · (−2)
            "loss_as_upstream": -9.0,  # (y − t)² · w₁ = 9 · (−1)
            "dropped_factor_2": -3.0,  # (y − t) · w₁ = 3 · (−1)
            "wrong_sign": 6.0,  # −(−6)
        },
    ),
    Exercise(
        "02.4",
        check_nudge,
        -0.02,  # h · x₁ = 0.01 · (−2) (the gate stays open: z = 6 − 0.02)
        {
            "swapped_x_and_w": -0.01,  # h · w₁ = 0.01 · (−1)
            "gave_derivative": -2.0,  # ∂y/∂w₁ = x₁ = −2
            "gave_new_output": 5.98,  # 6 + (−0.02)
            "wrong_sign": 0.02,  # −(−0.02)
        },
    ),
)
