"""The checkers of 08_training_a_network: what is specific to them (the generic "reference accepted, each
mistake named" test runs over the registry in tests/test_checkers.py)."""

from helpers.lessons.nb08_training_a_network.checkers import (
    EXERCISES,
    check_output,
    check_pre_activation,
)


def test_the_lesson_has_two_exercises_in_order():
    assert [ex.id for ex in EXERCISES] == ["08.1", "08.2"]


def test_an_unrecognised_wrong_answer_gets_the_hint():
    feedback = check_pre_activation(4.0)  # neither 3 (right), 5 nor 7 (known mistakes)
    assert feedback.status == "wrong" and feedback.mistake is None
    assert "then add b" in feedback.message


def test_a_negative_output_is_diagnosed_as_z():
    feedback = check_output(-2.0)  # z = 5 − 7: ReLU never outputs a negative number
    assert feedback.mistake == "gave_z" and "ReLU" in feedback.message
