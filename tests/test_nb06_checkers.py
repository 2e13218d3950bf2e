"""The checkers of 06 · Layers and batches: what is specific to them (the generic "reference
accepted, each mistake named" test runs over the registry in tests/test_checkers.py)."""

import numpy as np

from helpers.core.layer import dense_relu_backward, dense_relu_forward
from helpers.lessons.nb06_layers_and_batches.checkers import (
    EXERCISES,
    LAYER,
    check_bias_gradient,
    check_input_gradient,
    check_weight_gradient,
)


def test_the_lesson_has_four_exercises_in_order():
    assert [ex.id for ex in EXERCISES] == ["06.1", "06.2", "06.3", "06.4"]


def test_the_hand_derived_references_agree_with_the_core():
    # the references are literals worked out by hand; the core's layer must agree with them
    X, W, b, G = (np.array(LAYER[k]) for k in "XWbG")
    grads = dense_relu_backward(G, dense_relu_forward(X, W, b)[1])
    for ex, value in zip(EXERCISES[:3], grads, strict=True):
        np.testing.assert_allclose(ex.reference, value)


def test_a_gradient_of_the_wrong_shape_names_both_shapes():
    feedback = check_weight_gradient(np.zeros((3, 2)))  # dL/dZ's shape, not W's
    assert feedback.mistake == "wrong_shape"
    assert "(3, 2)" in feedback.message and "(2, 2)" in feedback.message
    feedback = check_input_gradient([1.0, 2.0])
    assert feedback.mistake == "wrong_shape" and "(3, 2)" in feedback.message


def test_the_unsummed_bias_gradient_is_recognised_by_its_values_not_only_its_shape():
    assert check_bias_gradient([[1, 2], [1, 0], [3, 1]]).mistake == "not_summed"
    assert check_bias_gradient([[1, 2], [1, 0], [3, 2]]).mistake == "wrong_shape"


def test_text_is_answered_without_a_traceback():
    assert check_bias_gradient("5, 3").status == "wrong"


def test_an_unnamed_wrong_input_gradient_is_told_its_first_wrong_row():
    # row 1 should be (1, −1): unit 1 is silent on example 1, so only unit 0's weights reach it
    feedback = check_input_gradient([[3, 3], [1, 1], [4, -1]])
    assert feedback.mistake is None and feedback.message.startswith("Row 1 is off")
    assert "only unit 0's weights (1, −1)" in feedback.message
    # row 0 off by one entry: the diagnosis names row 0, not a later row
    assert check_input_gradient([[3, 2], [0, 0], [0, 0]]).message.startswith("Row 0 is off")
    assert check_input_gradient([[3, 3], [1, -1], [4, 1]]).message.startswith("Row 2 is off")
