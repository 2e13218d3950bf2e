"""The exercise checkers of 05_the_sgd_update: the reference is right, and each typical mistake
(wrong sign, no subtraction, factor 2, gradient of y, dL/dx, frozen bias, the notebook's t = 4,
the worked example's 1/15, a rounded or quoted number) gets its own diagnosis."""

import itertools

import numpy as np
import pytest

from helpers import neuron_forward, sgd_step
from helpers.core.training import loss_and_gradients
from helpers.lessons.nb05_the_sgd_update.checkers import (
    EX_STEP,
    EXERCISES,
    check_critical_lr,
    check_output_after_step,
    check_step_weights,
)

REQUIRED = {"plus_gradient", "forgot_bias", "no_subtraction", "forgot_factor_2", "gradient_of_y"}


def test_the_brief_mistakes_are_all_diagnosed():
    diagnosed = set().union(*(wrong for _, _, wrong in EXERCISES.values()))
    assert diagnosed >= REQUIRED


def test_references_are_one_sgd_step_by_the_helpers():
    x, w, b, t, lr = (EX_STEP[k] for k in ("x", "w", "b", "target", "lr"))
    _, _, grads = loss_and_gradients(x, w, b, t)
    new_w = sgd_step(w, grads.dL_dw, lr)
    new_b = float(sgd_step(b, grads.dL_db, lr))
    np.testing.assert_allclose(EXERCISES["05.1"][1], new_w)
    np.testing.assert_allclose(EXERCISES["05.1"][1], [-3.06, -0.88, 1.82])
    assert EXERCISES["05.2"][1] == pytest.approx(neuron_forward(x, new_w, new_b)[0])
    assert EXERCISES["05.2"][1] == pytest.approx(5.1)
    assert EXERCISES["05.3"][1] == pytest.approx(1 / 7)


@pytest.mark.parametrize("key", sorted(EXERCISES))
def test_every_mistake_gives_its_own_value(key):
    _, reference, wrong = EXERCISES[key]
    values = [np.asarray(reference, dtype=float)] + [
        np.asarray(v, dtype=float) for v in wrong.values() if not isinstance(v, str)
    ]
    for a, b in itertools.combinations(values, 2):
        assert not np.allclose(a, b, rtol=2e-3), f"{key}: two answers coincide: {a} and {b}"


@pytest.mark.parametrize("key", sorted(EXERCISES))
def test_reference_and_each_wrong_answer(key):
    checker, reference, wrong = EXERCISES[key]
    assert checker(None).status == "unanswered"
    assert "Not answered yet" in repr(checker(None))
    assert checker(reference).correct
    for mistake, answer in wrong.items():
        feedback = checker(answer)
        assert (feedback.status, feedback.mistake) == ("wrong", mistake)


def test_specific_messages():
    plus = check_step_weights([-2.94, -1.12, 2.18])
    assert plus.mistake == "plus_gradient" and "w − lr·dL/dw" in plus.message
    assert "factor 2" in check_step_weights([-3.03, -0.94, 1.91]).message
    assert "dL/dy = 2(y − t) = 6" in check_step_weights([-3.01, -0.98, 1.97]).message
    assert "dL/dx" in check_step_weights([-2.82, -0.94, 1.88]).message
    assert "bias" in check_output_after_step(5.16).message
    assert "Δy" in check_output_after_step(-0.9).message
    assert "r = 0" in check_critical_lr(1 / 14).message


def test_shapes_rounding_and_unknown_answers():
    assert check_step_weights(5.1).mistake == "wrong_shape"
    assert check_step_weights("w").mistake == "not_numeric"
    assert check_step_weights([1.0, 2.0, 3.0]).mistake is None  # unknown: a hint, no diagnosis
    assert check_critical_lr(0.1429).correct  # four significant digits are enough
    assert check_critical_lr(0.143).correct
    assert not check_critical_lr(0.15).correct
    assert check_output_after_step(5.1000000001).correct


def test_the_notebook_target_carried_over():
    weights = check_step_weights([-3.04, -0.92, 1.88])
    assert weights.mistake == "wrong_target"
    assert weights.message == (
        "You used t = 4 from the sections above; this exercise has t = 3, so e = 3 and dL/dy = 6."
    )
    assert check_output_after_step(5.4).mistake == "wrong_target"


def test_critical_lr_worked_example_rounded_and_quoted():
    worked = check_critical_lr(1 / 15)
    assert worked.mistake == "worked_example" and "x = (1, −2, 3)" in worked.message
    rounded = check_critical_lr(0.14)
    assert rounded.mistake == "rounded" and rounded.message.startswith("Close")
    assert "1/7" in rounded.message
    quoted = check_critical_lr("1/7")
    assert quoted.mistake == "quoted" and "Python expression 1/7 (no quotes)" in quoted.message
    assert check_critical_lr("seven").mistake == "quoted"
    assert "such as 1/3" in check_critical_lr("seven").message
    assert check_output_after_step("5.1").mistake == "quoted"
    assert check_critical_lr(0.15).mistake is None  # too far to be a rounding
