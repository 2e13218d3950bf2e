"""The checkers of 01_the_neuron: every typical wrong answer gets its own diagnosis."""

import itertools
import re
from pathlib import Path

import numpy as np
import pytest

from helpers.lessons.nb01_the_neuron.checkers import (
    CASES,
    EX_OUTPUT,
    EX_PRE_ACTIVATION,
    EXERCISES,
    MISTAKES,
    check_neuron_function,
    check_output,
    check_pre_activation,
    check_silent_bias,
)

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "01_the_neuron.ipynb"


@pytest.mark.parametrize("key", sorted(EXERCISES))
def test_reference_is_correct_and_none_is_unanswered(key):
    checker, reference, _ = EXERCISES[key]
    assert checker(None).status == "unanswered"
    assert repr(checker(None)).startswith("… Not answered yet.")
    assert checker(reference).correct, checker(reference)


@pytest.mark.parametrize(
    "key, mistake",
    [(key, mistake) for key in sorted(EXERCISES) for mistake in EXERCISES[key][2]],
)
def test_each_typical_wrong_answer_is_named(key, mistake):
    checker, _, wrong = EXERCISES[key]
    feedback = checker(wrong[mistake])
    assert (feedback.status, feedback.mistake) == ("wrong", mistake), feedback
    assert repr(feedback).startswith("✖ Not yet.")


def test_expected_diagnoses():
    assert set(EXERCISES) == {"01.1", "01.2", "01.3", "01.4"}
    assert set(EXERCISES["01.2"][2]) >= {"bias_after_relu", "forgot_bias", "summed_x_plus_w"}
    assert set(EXERCISES["01.4"][2]) == set(MISTAKES)


def _distinct(values):
    for a, b in itertools.combinations(values, 2):
        assert not np.allclose(a, b), f"two answers coincide: {a} and {b}"


def test_every_mistake_gives_its_own_value():
    """A mistake that gives the right value (or another mistake's value) cannot be diagnosed."""
    for key in ("01.1", "01.2", "01.3"):
        _, reference, wrong = EXERCISES[key]
        _distinct([np.asarray(reference), *(np.asarray(v) for v in wrong.values())])
    right = [max(float(x @ w + b), 0.0) for x, w, b in CASES]
    _distinct([right, *([fn(*case) for case in CASES] for fn, _, _ in MISTAKES.values())])


def test_mistake_values_follow_from_the_exercise_numbers():
    x, w, b = EX_OUTPUT
    assert float(x @ w) < 0 < float(x @ w + b)  # why bias-after-ReLU and forgot-bias show here
    slips = [float(x @ w - 2 * x[i] * w[i] + b) for i in range(3)]  # one product's sign flipped
    for name, value in EXERCISES["01.2"][2].items():
        if name.startswith("sign_slip_"):
            assert slips[int(name[-1])] == value
        else:
            assert MISTAKES[name][0](x, w, b) == value
    x, w, b = EX_PRE_ACTIVATION
    assert float(x @ w + b) == EXERCISES["01.1"][1] < 0  # z < 0, so "gave y" differs from z
    # flipping (−2)(1.5) = −3 or 1.5·(−2) = −3 gives the same z: one sign-slip diagnosis
    assert float(x @ w + 6.0 + b) == EXERCISES["01.1"][2]["sign_slip"] == 3.5


def test_messages_are_specific():
    assert "after the ReLU" in check_output(4.0).message
    assert "without the bias" in check_pre_activation(-4.0).message
    assert "three products" in check_pre_activation([2.0, -3.0, -3.0]).message
    assert "active" in check_silent_bias(5.0).message
    assert "b = −5 itself is silent" in check_silent_bias(-5.01).message
    assert "(−2)(1.5) = −3" in check_pre_activation(3.5).message
    assert "x₀·w₀ = (2)·(−1) = −2" in check_output(5.5).message
    assert "w·x = 5" in check_silent_bias(3.0).message  # unrecognised: a hint
    bias_after = check_neuron_function(EXERCISES["01.4"][2]["bias_after_relu"])
    assert "b = −6" in bias_after.message and "−1" in bias_after.message
    assert "without a final ReLU" in check_output(4.5).message  # relu_per_product


def test_bias_after_relu_explains_the_learners_own_value():
    assert check_output(4.0).message.endswith(
        "That is ReLU(w·x) + b = ReLU(−2.5) + 4 = 0 + 4 = 4, the bias added after the ReLU; "
        "it goes inside: "
        "z = −2.5 + 4 = 1.5, y = ReLU(z) = 1.5."
    )


def test_messages_use_a_true_minus():
    """Numbers in prose use "−" like the views; only Python calls f(x=[…]) keep ASCII."""
    for key, (checker, _, wrong) in EXERCISES.items():
        if key == "01.4":
            continue
        for answer in wrong.values():
            message = checker(answer).message
            assert re.search(r"-\d", message) is None, message


@pytest.mark.parametrize(
    "answer, mistake",
    [("six", "not_numeric"), ([1.0, 2.0], "wrong_shape"), (np.nan, "not_finite"), (3.0, None)],
)
def test_other_wrong_answers_to_numeric_checkers(answer, mistake):
    for checker in (check_pre_activation, check_output, check_silent_bias):
        feedback = checker(answer)
        assert (feedback.status, feedback.mistake) == ("wrong", mistake)


def _raises(x, w, b):
    raise ValueError("boom")


def _mutates(x, w, b):
    x *= 100.0  # must not spoil the next test neuron
    return max(float(x @ w + b) / 100.0 + b * 0.99, 0.0)


@pytest.mark.parametrize(
    "answer, mistake, words",
    [
        (6.0, "not_a_function", ["function", "float"]),
        (_raises, "raised", ["ValueError", "boom", "b=1.0"]),
        (lambda x, w, b: None, "not_numeric", ["None", "return"]),
        (lambda x, w, b: np.maximum(x * w + b, 0.0), "not_summed", ["3 numbers"]),
        (lambda x, w, b: max(0, x * w + b), "not_summed", ["three products", "x @ w"]),
        (lambda x, w, b: [max(0.0, x @ w + b)], "one_element", ["[6]", "a list", "float("]),
        (lambda x, w, b: np.array([max(0.0, x @ w + b)]), "one_element", ["an array"]),
        (lambda x, w: 0.0, "raised", ["TypeError"]),
        (lambda x, w, b: 7.0, None, ["returned 7", "= 6"]),
        (lambda x, w, b: np.nan, "not_finite", ["nan"]),
    ],
)
def test_function_checker_reports_instead_of_raising(answer, mistake, words):
    feedback = check_neuron_function(answer)
    assert (feedback.status, feedback.mistake) == ("wrong", mistake), feedback
    for word in words:
        assert word in feedback.message


def test_function_checker_passes_copies():
    seen = []

    def spy(x, w, b):
        seen.append(x.tolist())
        x[:] = 0.0
        return max(float(np.dot(x, w)) + b, 0.0)

    check_neuron_function(spy)
    assert seen[0] == [1.0, -2.0, 3.0] and seen[1] == [1.0, -2.0, 3.0]
    assert CASES[0][0].tolist() == [1.0, -2.0, 3.0]


def test_notebook_states_the_checkers_numbers_and_solutions():
    """The exercise statements and hidden solutions in the notebook match the checkers."""
    text = NOTEBOOK.read_text()
    for x, w, b in (EX_PRE_ACTIVATION, EX_OUTPUT):
        assert f"x = {x.tolist()}, w = {w.tolist()}, b = {b}" in text
    for key in ("01.1", "01.2", "01.3"):
        assert f"answer = {EXERCISES[key][1]}" in text, key
