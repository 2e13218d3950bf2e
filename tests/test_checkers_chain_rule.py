"""The checkers of 02_the_chain_rule: distinct mistakes, specific messages, the notebook's solutions."""

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from helpers.core.neuron import neuron_backward, neuron_forward
from helpers.lessons.nb02_the_chain_rule.checkers import (
    EX_CLOSED_GATE,
    EX_GATE,
    EX_NUDGE,
    EX_UPSTREAM,
    EXERCISES,
    check_closed_gate,
    check_gate_at_z,
    check_nudge,
    check_upstream_from_loss,
)

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "02_the_chain_rule.ipynb"


# The reference answer and each typical wrong answer → its diagnosis: tests/test_checkers.py
# runs that over every notebook's EXERCISES, these included.


def test_every_mistake_gives_its_own_value():
    for key, (_, reference, wrong) in EXERCISES.items():
        for a, b in itertools.combinations([reference, *wrong.values()], 2):
            assert not np.isclose(a, b), f"{key}: two answers coincide: {a} and {b}"


def test_the_diagnoses_the_series_promises():
    assert set(EXERCISES) == {"02.1", "02.2", "02.3", "02.4"}
    names = {name for _, _, wrong in EXERCISES.values() for name in wrong}
    assert {"gate_at_partial_product", "forgot_upstream", "swapped_x_and_w", "forgot_gate"} <= names


def _backward(ex, g):
    return neuron_backward(g, neuron_forward(ex["x"], ex["w"], ex["b"])[1])


def test_references_follow_from_the_helper_package():
    assert EXERCISES["02.1"][1] == _backward(EX_GATE, EX_GATE["g"]).dL_dw[0]
    assert EXERCISES["02.2"][1] == _backward(EX_CLOSED_GATE, EX_CLOSED_GATE["g"]).dL_dw[2]
    y, _ = neuron_forward(EX_UPSTREAM["x"], EX_UPSTREAM["w"], EX_UPSTREAM["b"])
    assert EXERCISES["02.3"][1] == _backward(EX_UPSTREAM, 2 * (y - EX_UPSTREAM["t"])).dL_dx[1]
    h = EX_NUDGE["h"]
    assert EXERCISES["02.4"][1] == pytest.approx(h * _backward(EX_NUDGE, 1.0).dL_dw[1])


def test_the_numbers_make_each_mistake_visible():
    x, w = EX_GATE["x"], EX_GATE["w"]
    assert x[0] * w[0] < 0 < x @ w + EX_GATE["b"]  # a partial-product gate would close
    x, w, b = EX_CLOSED_GATE["x"], EX_CLOSED_GATE["w"], EX_CLOSED_GATE["b"]
    assert x @ w + b < 0 < x[2] * w[2] and w[2] > 0  # closed, though w₂ > 0 and x₂w₂ > 0
    assert EX_UPSTREAM["t"] != 4.0  # at t = 4, (y − t)² and 2(y − t) would both be 4


def test_messages_are_specific():
    assert "partial product x₀w₀ = −3" in check_gate_at_z(0.0).message
    assert "z = 6" in check_gate_at_z(0.0).message
    assert "not 1 just because there is one neuron" in check_gate_at_z(1.0).message
    assert "z = −2 < 0" in check_closed_gate(9.0).message
    assert "w₂ = 2 > 0" in check_closed_gate(9.0).message
    assert "2(y − t) = 6" in check_upstream_from_loss(-3.0).message
    assert "PER UNIT" in check_nudge(-2.0).message
    assert check_gate_at_z(2.0).mistake == "wrong_sign"
    assert "g = −2 is negative" in check_gate_at_z(2.0).message
    assert check_upstream_from_loss(6.0).mistake == "wrong_sign"
    assert "2(y − t) = +6, not 2(t − y)" in check_upstream_from_loss(6.0).message


def test_hints_write_the_gate_as_1_z_gt_0():
    """Leibniz and Lagrange never in one line: the gate is 1[z>0], never ReLU′, in every reply."""
    for checker in (check_gate_at_z, check_closed_gate, check_upstream_from_loss, check_nudge):
        for answer in (
            123.0,
            *[w for c, _, m in EXERCISES.values() if c is checker for w in m.values()],
        ):
            assert "ReLU′" not in checker(answer).message


@pytest.mark.parametrize(
    "answer, mistake",
    [("six", "not_numeric"), ([1.0, 2.0], "wrong_shape"), (np.nan, "not_finite"), (123.0, None)],
)
def test_other_wrong_answers(answer, mistake):
    for checker in (check_gate_at_z, check_closed_gate, check_upstream_from_loss, check_nudge):
        feedback = checker(answer)
        assert (feedback.status, feedback.mistake) == ("wrong", mistake)


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
