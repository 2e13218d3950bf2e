"""The checkers of 03: the exercise numbers are what the notebook states, the reference answers are
accepted, and every typical mistake gets its own diagnosis (distinct values, distinct names)."""

import itertools

import numpy as np
import pytest

from helpers.core.neuron import neuron_forward
from helpers.lessons.nb03_gradients.checkers import (
    CLOSED,
    EXERCISES,
    NEURON,
    PREVIOUS,
    check_bias_gradient,
    check_input_gradient,
    check_previous_gradient,
    check_weight_gradient,
)


def test_exercise_neurons_are_the_ones_the_messages_describe():
    assert neuron_forward(NEURON.x, NEURON.w, NEURON.b)[1].z == 3.5  # gate open
    assert NEURON.g == -2.0  # the messages quote g = −2
    assert neuron_forward(CLOSED.x, CLOSED.w, CLOSED.b)[1].z == -1.5  # gate closed
    x2, _ = neuron_forward(PREVIOUS.u, PREVIOUS.v, PREVIOUS.c)
    assert x2 == NEURON.x[2] == 0.5  # the previous neuron really produces x₂


@pytest.mark.parametrize("key", sorted(EXERCISES))
def test_reference_is_correct_and_each_mistake_is_named(key):
    checker, reference, wrong = EXERCISES[key]
    assert checker(None).status == "unanswered"
    assert repr(checker(None)).startswith("… Not answered yet.")
    assert checker(reference).correct
    assert checker(np.asarray(reference).tolist()).correct  # lists and arrays alike
    for mistake, answer in wrong.items():
        feedback = checker(answer)
        assert (feedback.status, feedback.mistake) == ("wrong", mistake), (mistake, feedback)
        assert len(feedback.message) > 40  # an explanation, not just "wrong"


@pytest.mark.parametrize("key", sorted(EXERCISES))
def test_every_mistake_gives_a_distinct_value(key):
    _, reference, wrong = EXERCISES[key]
    values = [np.asarray(reference, float)] + [np.asarray(v, float) for v in wrong.values()]
    for a, b in itertools.combinations(values, 2):
        assert not np.allclose(a, b), f"{key}: two answers coincide: {a} and {b}"


def test_reference_values_by_hand():
    assert check_weight_gradient([-4, 2, -1]).correct  # g·x = −2·(2, −1, 0.5)
    assert check_input_gradient([0, 0, 0]).correct  # z < 0: gate closed
    assert check_bias_gradient(-2).correct  # g·1
    assert check_previous_gradient([-8, -4]).correct  # dL/dx₂ = g·w₂ = −8, times u = (1, 0.5)


def test_shape_and_type_mistakes_are_explained():
    assert check_weight_gradient([-4, 2]).mistake == "wrong_shape"
    assert check_bias_gradient([-2.0]).mistake == "wrong_shape"
    assert check_previous_gradient("-8, -4").mistake == "not_numeric"
    assert check_input_gradient([0, float("nan"), 0]).mistake == "not_finite"


def test_unrecognised_answers_get_a_hint_not_a_diagnosis():
    for checker, answer in [
        (check_weight_gradient, [9, 9, 9]),
        (check_input_gradient, [1, 1, 1]),
        (check_bias_gradient, 7.0),
        (check_previous_gradient, [1, 1]),
    ]:
        feedback = checker(answer)
        assert feedback.status == "wrong" and feedback.mistake is None and feedback.message
