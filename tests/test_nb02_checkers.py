"""The checkers of 02_the_chain_rule: the numbers behind each exercise, specific messages, numbers
only. (The reference and each typical mistake → its diagnosis: tests/test_checkers.py runs that
over every notebook's EXERCISES, these included.)"""

import json
from pathlib import Path

import numpy as np
import pytest

from helpers.core.example import WORKED
from helpers.lessons.nb02_the_chain_rule.checkers import (
    CLOSED_B,
    CLOSED_G,
    EXERCISES,
    GATE_G,
    NUDGE_H,
    UPSTREAM_T,
    check_closed_gate,
    check_gate_at_z,
    check_nudge,
    check_upstream_from_loss,
)

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "02_the_chain_rule.ipynb"
CHECKERS = (check_gate_at_z, check_closed_gate, check_upstream_from_loss, check_nudge)


def test_the_exercises_and_the_diagnoses_the_series_promises():
    assert [ex.id for ex in EXERCISES] == ["02.1", "02.2", "02.3", "02.4"]
    assert tuple(ex.checker for ex in EXERCISES) == CHECKERS
    names = {name for ex in EXERCISES for name in ex.mistakes}
    assert {"gate_at_partial_product", "forgot_upstream", "swapped_x_and_w", "forgot_gate"} <= names


def test_the_settings_are_the_ones_the_notebook_states():
    # Exercise 1: g = −4; 2: b = −8, g = 3; 3: t = 3; 4: h = 0.01 (all on the worked example).
    assert (GATE_G, CLOSED_B, CLOSED_G, UPSTREAM_T, NUDGE_H) == (-4.0, -8.0, 3.0, 3.0, 0.01)
    assert WORKED == ((1.0, -2.0, 3.0), (-3.0, -1.0, 2.0), 1.0)


def test_the_numbers_make_each_mistake_visible():
    (x0, _, x2), (w0, _, w2) = WORKED.x, WORKED.w
    assert x0 * w0 == -3.0  # a gate at the partial product would be closed (z = 6: open)
    assert x2 * w2 == 6.0 and w2 > 0 and x2 > 0  # 02.2: z = 5 − 8 = −3 closed, though x₂, w₂ > 0
    assert UPSTREAM_T != 4.0  # at t = 4, (y − t)² = 4 and 2(y − t) = 4 would coincide


def test_messages_are_specific():
    assert "partial product x₀w₀ = −3" in check_gate_at_z(0.0).message
    assert "FULL pre-activation z = 6" in check_gate_at_z(0.0).message
    assert "upstream gradient is ∂L/∂y = −4" in check_gate_at_z(1.0).message
    assert "z = −3 < 0" in check_closed_gate(6.0).message  # g·w₂ = 3·2: the gate forgotten
    assert "w₂ = 2 > 0" in check_closed_gate(6.0).message
    assert "x₂ = 3 > 0" in check_closed_gate(6.0).message
    assert "∂L/∂w₂ of an open gate" in check_closed_gate(9.0).message  # g·x₂ = 3·3
    assert "2(y − t) = 6" in check_upstream_from_loss(-3.0).message
    assert "derivative of e² in e is 2e" in check_upstream_from_loss(-3.0).message  # the power rule
    assert "L = 9" in check_upstream_from_loss(-9.0).message  # (6 − 3)² = 9
    assert "PER UNIT" in check_nudge(-2.0).message
    assert "new y − 6" in check_nudge(5.98).message
    assert check_gate_at_z(4.0).mistake == "wrong_sign"
    assert "g = −4 is negative" in check_gate_at_z(4.0).message
    assert check_upstream_from_loss(6.0).mistake == "wrong_sign"
    assert "2(y − t) = +6, not 2(t − y) = −6" in check_upstream_from_loss(6.0).message


def test_hints_write_the_gate_as_1_z_gt_0():
    """The gate is 1[z>0], never ReLU′, in every reply."""
    for ex in EXERCISES:
        for answer in (123.0, *ex.mistakes.values()):
            assert "ReLU′" not in ex.checker(answer).message


def test_a_nudge_is_accepted_to_four_significant_digits():
    assert check_nudge(-0.020001).correct  # rtol 1e-4 of 0.02 is 2e-6
    assert not check_nudge(-0.0201).correct


@pytest.mark.parametrize(
    "answer, mistake",
    [("six", "not_numeric"), ([1.0, 2.0], "wrong_shape"), (np.nan, "not_finite"), (123.0, None)],
)
def test_other_wrong_answers(answer, mistake):
    for checker in CHECKERS:
        feedback = checker(answer)
        assert (feedback.status, feedback.mistake) == ("wrong", mistake)


@pytest.mark.parametrize("answer", [False, np.False_, [False], "0", "0.0", 10**400, {"a": 0}])
def test_numbers_only_a_bool_or_text_never_passes(answer):
    """Issue 8: `False` (== 0) passed 02.2, whose answer is 0. Now every checker asks for a number."""
    for checker in CHECKERS:
        feedback = checker(answer)
        assert feedback.status == "wrong" and feedback.mistake == "not_numeric", (answer, feedback)
        assert "number" in feedback.message or "without the quotes" in feedback.message


def test_zero_as_a_number_still_passes_the_closed_gate():
    assert check_closed_gate(0).correct and check_closed_gate(np.float32(0.0)).correct


def test_the_notebook_stores_every_exercise_unanswered():
    nb = json.loads(NOTEBOOK.read_text())
    cells = [
        c
        for c in nb["cells"]
        if c["cell_type"] == "code" and "answer = None" in "".join(c["source"])
    ]
    assert len(cells) == len(EXERCISES)
    for cell in cells:
        text = "".join(cell["outputs"][0]["data"]["text/plain"])
        assert text.startswith("… Not answered yet."), text


def test_the_correct_reply_names_the_gradient_only():
    assert check_gate_at_z(-4.0).message == "That is ∂L/∂w₀."  # (−4)·1·1·x₀ = −4
    assert check_closed_gate(0.0).message == "That is ∂L/∂x₂."  # z = −3: the gate is 0


def test_zero_for_exercise_1_also_names_a_gate_on_the_weight():
    # 1[x₀w₀ > 0] = 1[−3 > 0] = 0 and 1[w₀ > 0] = 1[−3 > 0] = 0 both give 0
    message = check_gate_at_z(0.0).message
    assert "w₀ = −3" in message and "only z counts" in message


def test_exercise_2_tells_w2_alone_from_g_alone():
    # w₂ = 2 and g = 3 alone: each leaves out the closed gate that makes the product 0
    assert "w₂ = 2 alone" in check_closed_gate(2.0).message
    assert "g = 3 alone" in check_closed_gate(3.0).message
