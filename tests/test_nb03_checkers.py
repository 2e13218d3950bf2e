"""The checkers of 03: the exercise numbers are the ones the notebook and the messages state, and
every answer that is not numbers gets a friendly reply (tests/test_checkers.py runs the generic
"reference accepted, each mistake named" test over the registry)."""

import pytest

from helpers.core.neuron import neuron_forward
from helpers.lessons.nb03_gradients.checkers import (
    CLOSED,
    NEURON,
    PREVIOUS,
    check_bias_gradient,
    check_input_gradient,
    check_previous_gradient,
    check_weight_gradient,
)

CHECKERS = [
    check_weight_gradient,
    check_input_gradient,
    check_bias_gradient,
    check_previous_gradient,
]


def test_exercise_neurons_are_the_ones_the_messages_describe():
    # A: z = 0.5·2 + (−2)·(−1) + 4·0.5 − 1.5 = 1 + 2 + 2 − 1.5 = 3.5 (gate open)
    assert neuron_forward(NEURON.x, NEURON.w, NEURON.b)[1].z == 3.5
    assert NEURON.g == -2.0  # the messages quote g = −2
    # B: z = 2·1 + (−1)·2 + 1·(−1) − 0.5 = −1.5 (gate closed)
    assert neuron_forward(CLOSED.x, CLOSED.w, CLOSED.b)[1].z == -1.5
    # previous: z_P = 1.5·1 + (−1)·0.5 − 0.5 = 0.5, ReLU(0.5) = 0.5 = A's x₂
    x2, _ = neuron_forward(PREVIOUS.u, PREVIOUS.w, PREVIOUS.b)
    assert x2 == NEURON.x[2] == 0.5


def test_reference_values_by_hand_as_lists_and_ints():
    assert check_weight_gradient([-4, 2, -1]).correct  # g·x = −2·(2, −1, 0.5)
    assert check_input_gradient((0, 0, 0)).correct  # z < 0: gate closed
    assert check_bias_gradient(-2).correct  # g·1·1
    assert check_previous_gradient([-8, -4]).correct  # dL/dx₂ = g·w₂ = −8, times u = (1, 0.5)


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize(
    "answer",
    [[False] * 3, [False, False], False, True, "-2", "dL/db", 10**400, [10**400, 0, 0], {"a": 1}],
    ids=["three_bools", "two_bools", "False", "True", "quoted", "text", "huge_int", "huge_in_list",
         "dict"],
)  # fmt: skip
def test_answers_that_are_not_numbers_get_a_friendly_reply(checker, answer):
    feedback = checker(answer)  # never raises
    assert feedback.status == "wrong" and feedback.mistake == "not_numeric", feedback
    assert "number" in feedback.message or "without the quotes" in feedback.message


def test_a_list_typed_as_text_is_asked_for_as_a_list():
    message = check_weight_gradient("[-4,2,-1]").message
    assert "(in quotes); give a list of 3 numbers" in message  # the shared reply, check_numeric
    assert "give a list of 2 numbers" in check_previous_gradient("[-8, -4]").message
    assert "give a number" not in check_input_gradient("zero").message


def test_three_falses_no_longer_pass_exercise_2():
    # [False]*3 used to be read as (0, 0, 0), the right dL/dx for the closed gate of neuron B
    feedback = check_input_gradient([False] * 3)
    assert not feedback.correct and "truth value" in feedback.message


def test_shape_and_finiteness_mistakes_are_explained():
    assert check_weight_gradient([-4, 2]).mistake == "wrong_shape"
    assert check_bias_gradient([-2.0]).mistake == "wrong_shape"
    assert check_input_gradient([0, float("nan"), 0]).mistake == "not_finite"


def test_messages_quote_the_exercise_numbers():
    # dL/dx₂ = g·w₂ = (−2)·4 = −8 is what the previous neuron must receive
    assert "−8" in check_previous_gradient([-2.0, -1.0]).message  # g handed back instead
    assert "= −1.5 < 0" in check_input_gradient([6.0, -3.0, 3.0]).message  # gate forgotten
    assert "3.5" in check_bias_gradient(-7.0).message  # multiplied by z = 3.5


def test_unrecognised_answers_get_a_hint_not_a_diagnosis():
    for checker, answer in [
        (check_weight_gradient, [9, 9, 9]),
        (check_input_gradient, [1, 1, 1]),
        (check_bias_gradient, 7.0),
        (check_previous_gradient, [1, 1]),
    ]:
        feedback = checker(answer)
        assert feedback.status == "wrong" and feedback.mistake is None and feedback.message


def test_a_list_with_some_entries_right_names_them_and_the_formula_of_the_rest():
    # A: ∂L/∂w = g·x = −2·(2, −1, 0.5) = (−4, 2, −1); −2 in place of −1 is a slip in entry 2 only
    feedback = check_weight_gradient([-4, 2, -2])
    assert feedback.status == "wrong" and feedback.mistake is None
    assert feedback.message.startswith("∂L/∂w₀ and ∂L/∂w₁ are right; ∂L/∂w₂ is not")
    assert "∂L/∂w₂ = g·1[z>0]·x₂" in feedback.message
    # B: closed gate, (0, 0, 0); a 3 in the last entry
    assert "∂L/∂x₂ = g·1[z>0]·w₂" in check_input_gradient([0, 0, 3]).message
    # P: (−8, −4); +4 in entry 1
    assert check_previous_gradient([-8, 4]).message.startswith("∂L/∂w_P,₀ is right")
    assert "∂L/∂w_P,₁ = ∂L/∂x₂·1[z_P>0]·u₁" in check_previous_gradient([-8, 4]).message


def test_replies_write_partial_derivatives():
    assert check_weight_gradient([-4, 2, -1]).message == "That is ∂L/∂w."
    assert "dL/d" not in check_previous_gradient([-2.0, -1.0]).message
