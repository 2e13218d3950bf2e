"""The exercise checkers of 05_the_sgd_update, beyond the generic test of tests/test_checkers.py
(reference accepted, each mistake named): the messages name the learner's slip, the critical
learning rate is accepted to the digits given, and text, truth values and huge numbers get the
shared replies. Every value below is worked out by hand (arithmetic in the comments)."""

import pytest

from helpers.core.neuron import neuron_forward
from helpers.core.optim import sgd_step
from helpers.core.training import loss_and_gradients
from helpers.lessons.nb05_the_sgd_update.checkers import (
    EX_STEP,
    EXERCISES,
    check_critical_lr,
    check_output_after_step,
    check_step_weights,
)

REQUIRED = {"plus_gradient", "forgot_bias", "no_subtraction", "forgot_factor_2", "gradient_of_y"}


def test_the_typical_mistakes_of_the_update_are_all_diagnosed():
    diagnosed = set().union(*(ex.mistakes for ex in EXERCISES))
    assert diagnosed >= REQUIRED


def test_the_hand_derived_references_agree_with_the_core():
    # An independent check of the literals: one step by the core's sgd_step.
    x, w, b, t, lr = (EX_STEP[k] for k in ("x", "w", "b", "target", "lr"))
    _, _, grads = loss_and_gradients(x, w, b, t)
    new_w = sgd_step(w, grads.dL_dw, lr)
    new_b = float(sgd_step(b, grads.dL_db, lr))
    ex1, ex2, _ = EXERCISES
    assert new_w.tolist() == pytest.approx(ex1.reference, abs=1e-12)
    assert neuron_forward(x, new_w, new_b)[0] == pytest.approx(ex2.reference, abs=1e-12)


def test_a_step_scaled_by_one_and_a_half_is_not_accepted():
    # The checker's own step could drift (e.g. ×1.5); the literal reference would catch it, and
    # the checker must reject the scaled answers: w − 1.5·0.01·(6, −12, 18) = (−3.09, −0.82, 1.73),
    # y' = 6 − 1.5·0.9 = 4.65.
    assert not check_step_weights([-3.09, -0.82, 1.73]).correct
    assert not check_output_after_step(4.65).correct


def test_specific_messages():
    plus = check_step_weights([-2.94, -1.12, 2.18])
    assert plus.mistake == "plus_gradient" and "θ ← θ − η·∇θ L" in plus.message
    assert "for w and b" in check_output_after_step(6.9).message
    assert "for w and b" in check_output_after_step(0.9).message
    assert "y' = t + e'" in check_output_after_step(2.1).message
    assert "only the bias" in check_output_after_step(5.94).message
    assert "invert it" in check_critical_lr(7).message
    assert (
        "factor 2" in check_critical_lr(1 / 3).message
        and "bias" in check_critical_lr(0.333).message
    )
    assert "r = 0" in check_critical_lr(1 / 12).message
    assert "keep the factor 2 and the bias's 1" in check_critical_lr(0.5).message
    assert "factor 2" in check_step_weights([-3.03, -0.94, 1.91]).message  # dL/dy = 3
    assert "∂L/∂y = 2(y − t) = 6" in check_step_weights([-3.01, -0.98, 1.97]).message  # dL/dy = 1
    assert "∂L/∂x" in check_step_weights([-2.82, -0.94, 1.88]).message
    assert "bias" in check_output_after_step(5.16).message  # 6 − 0.01·6·14
    assert "Δy" in check_output_after_step(-0.9).message
    assert "with y = 6." in check_output_after_step(-0.9).message
    one_step = check_critical_lr(0.0714).message  # 1/14
    assert "r = 0" in one_step and "weights only" in one_step


def test_the_notebook_target_carried_over():
    weights = check_step_weights([-3.04, -0.92, 1.88])  # t = 4: w − 0.01·(4, −8, 12)
    assert weights.mistake == "wrong_target"
    assert weights.message == (
        "You used t = 4 from the sections above; this exercise has t = 3, so e = 3 and ∂L/∂y = 6."
    )
    assert check_output_after_step(5.4).mistake == "wrong_target"  # 6 − 0.01·4·15


def test_shapes_and_unknown_answers():
    assert check_step_weights(5.1).mistake == "wrong_shape"
    assert check_step_weights([1.0, 2.0, 3.0]).mistake is None  # unknown: a hint, no diagnosis
    assert check_output_after_step(5.1000000001).correct
    assert check_critical_lr([0.143]).mistake == "wrong_shape"


# 1/7 = 0.142857142857…: round(1/7, 3) = 0.143, round(1/7, 4) = 0.1429, round(1/7, 2) = 0.14.
@pytest.mark.parametrize(
    "answer, status, mistake",
    [
        (1 / 7, "correct", None),
        (1 - 6 / 7, "correct", None),  # computed: within rounding error of 1/7
        (0.1429, "correct", None),  # four decimals, rounded right
        (0.142857, "correct", None),
        (0.143, "correct", None),  # three decimals, rounded right
        (0.14, "wrong", "rounded"),  # right, but only two decimals
        (0.1, "wrong", None),  # one decimal: 30 % off, not "close"
        (0.15, "wrong", None),  # two decimals, but neither rounded nor cut off
        (0.1426, "wrong", None),  # a wrong 4th digit
        (0.1431, "wrong", None),  # a wrong 4th digit
        (0.142, "correct", None),  # cut off after three decimals: |0.142 − 1/7| < 0.001
        (0.1428, "correct", None),  # cut off after four
        (0.144, "wrong", None),  # |0.144 − 0.142857| = 0.00114 > 0.001
        (0.138, "wrong", None),  # wrong, not a coarse rounding
        (0.145, "wrong", None),
        (1 / 6.9, "wrong", None),  # 0.144927…
        (0.167, "wrong", "forgot_bias"),  # 1/6 to three decimals
        (1 / 15, "wrong", "worked_example"),
    ],
)
def test_critical_lr_is_accepted_to_the_digits_given(answer, status, mistake):
    feedback = check_critical_lr(answer)
    assert (feedback.status, feedback.mistake) == (status, mistake), feedback


def test_the_rounded_reply_asks_for_digits():
    rounded = check_critical_lr(0.14)
    assert rounded.message == "Close — give at least 3 decimals or write the fraction 1/7."


@pytest.mark.parametrize(
    "checker", [check_step_weights, check_output_after_step, check_critical_lr]
)
def test_text_truth_values_and_huge_numbers_get_the_shared_reply(checker):
    quoted = checker("1/7")
    assert quoted.mistake == "not_numeric" and "without the quotes" in quoted.message
    assert "give a" in checker("seven").message  # a number, or a list of 3 numbers
    assert checker(True).mistake == "not_numeric"
    assert checker([False] * 3).mistake == "not_numeric"
    huge = checker(10**400)
    assert huge.status == "wrong" and "too large" in huge.message
