"""The checkers of 08_training_a_network: what is specific to them (the generic "reference accepted,
each mistake named" test runs over the registry in tests/test_checkers.py)."""

import numpy as np

from helpers.lessons.nb08_training_a_network.checkers import (
    EX_DEAD_B,
    EX_DEAD_W,
    EX_DEAD_X,
    EX_UPDATES,
    EXERCISES,
    check_ce_gradient,
    check_dead_count,
    check_updates,
)
from helpers.lessons.nb08_training_a_network.runs import digits_data


def test_the_lesson_has_four_exercises_in_order():
    assert [ex.id for ex in EXERCISES] == ["08.1", "08.2", "08.3", "08.4"]


def test_the_gradient_entries_sum_to_zero():
    # Σₖ (pₖ − tₖ)/N = (1 − 1)/N = 0: the reference keeps it, the forgotten one-hot breaks it
    assert sum(EXERCISES[0].reference) == 0
    assert sum(EXERCISES[0].mistakes["forgot_one_hot"]) == 0.5


def test_an_unrecognised_wrong_answer_gets_the_hint():
    feedback = check_ce_gradient([0.1, 0.2, 0.3])
    assert feedback.status == "wrong" and feedback.mistake is None
    assert "softmax" in feedback.message


def test_the_dead_count_layer_is_the_one_in_the_comment():
    # z of unit 3 (w = (−1, −1), b = 1) on (1, 0) is exactly 0: the kink, counted silent
    Z = np.array(EX_DEAD_X) @ np.array(EX_DEAD_W) + np.array(EX_DEAD_B)
    assert Z[:, 3].tolist() == [0.0, 0.0, -1.0]
    assert check_dead_count(3).correct and check_dead_count(1).mistake == "kink_counted_active"


def test_the_updates_exercise_is_about_the_digits_training_set():
    n, B, epochs = EX_UPDATES
    assert (n, B, epochs) == (1078, 64, 10)
    assert n == len(digits_data()[0].X)  # section 7's training set
    # 1,078 = 16·64 + 54: the last batch of 54 is an update too
    assert (n // B, n % B) == (16, 54)
    assert check_updates(170).correct
    assert check_updates(171).mistake is None  # not a listed mistake: the hint
    assert "batches of 64" in check_updates(171).message


def test_the_updates_mistakes_169_and_340_are_named():
    # 10·1,078/64 = 168.4375 rounded up; 10·34 for B = 32 (1,078 = 33·32 + 22)
    assert check_updates(169).mistake == "rounded_up_total"
    assert "17 per epoch" in check_updates(169).message
    assert check_updates(340).mistake == "kept_B_32"
    assert "340 updates" in check_updates(340).message
