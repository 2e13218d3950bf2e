"""The checkers of 01_the_neuron: what is specific to them (the generic "reference accepted, each
mistake named" test runs over the registry in tests/test_checkers.py).

Every value below is worked out by hand, the arithmetic in a comment.
"""

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
    NEAR,
    check_neuron_function,
    check_output,
    check_pre_activation,
    check_silent_bias,
)

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "01_the_neuron.ipynb"
BY_ID = {ex.id: ex for ex in EXERCISES}
NUMERIC = (check_pre_activation, check_output, check_silent_bias)


def test_the_lesson_has_four_exercises_in_order():
    assert [ex.id for ex in EXERCISES] == ["01.1", "01.2", "01.3", "01.4"]
    assert set(BY_ID["01.4"].mistakes) == set(MISTAKES)


def test_mistake_formulas_give_the_hand_worked_values_on_the_test_neurons():
    """MISTAKES (the checker's formulas) against values worked out by hand on CASES."""
    by_hand = {
        "bias_after_relu": [6.0, -1.0, 4.0],  # ReLU(5) + 1, ReLU(5) − 6, ReLU(−2.5) + 4
        "forgot_bias": [5.0, 5.0, 0.0],  # ReLU(5), ReLU(5), ReLU(−2.5)
        "forgot_relu": [6.0, -1.0, 1.5],  # 5 + 1, 5 − 6, −2.5 + 4
        "summed_x_plus_w": [1.0, 0.0, 6.5],  # ReLU(−2 − 3 + 5 + 1), ReLU(0 − 6), ReLU(6.5)
        "relu_per_product": [9.0, 2.0, 4.5],  # (0 + 2 + 6) + 1, 8 − 6, (0 + 0.5 + 0) + 4
    }
    for name, mistake in MISTAKES.items():
        got = [mistake.output(np.array(c.x), np.array(c.w), c.b) for c in CASES]
        assert got == by_hand[name], name
    # the right outputs, looked up by bias: ReLU(5 + 1), ReLU(5 − 6), ReLU(−2.5 + 4)
    by_bias = {1.0: 6.0, -6.0: 0.0, 4.0: 1.5}
    assert check_neuron_function(lambda x, w, b: by_bias[b]).correct


def test_exercise_numbers_make_each_mistake_visible():
    # 01.2: w·x = 2·(−1) + 1·0.5 + (−1)·1 = −2.5 < 0 < z = −2.5 + 4 = 1.5: bias placement matters
    x, w, b = EX_OUTPUT
    assert float(np.dot(x, w)) == -2.5 and b == 4.0
    # 01.1: z = 2 − 3 − 3 + 1.5 = −2.5 < 0, so "gave y" (0) differs from z
    x, w, b = EX_PRE_ACTIVATION
    assert float(np.dot(x, w)) + b == -2.5


@pytest.mark.parametrize(
    "answer, mistake",
    [
        (-5.1, "just_below"),  # −5.5 < −5.1 < −5
        (-5.01, "just_below"),
        (-5.001, "just_below"),
        (-5.4999, "just_below"),
        (-5.5, "not_the_largest"),  # b ≤ −5 − 0.5
        (-6.0, "not_the_largest"),  # z = 5 − 6 = −1
        (-100.0, "not_the_largest"),
        (5.0, "sign_flipped"),
        (-4.9, "just_above"),  # z = 5 − 4.9 = 0.1 > 0: still active
        (-4.5001, "just_above"),  # −5 < −4.5001 < −5 + 0.5
        (-4.5, None),  # b ≥ −5 + 0.5: a hint
        (0.0, None),
    ],
)
def test_silent_bias_diagnoses_by_range(answer, mistake):
    feedback = check_silent_bias(answer)
    assert (feedback.status, feedback.mistake) == ("wrong", mistake), feedback
    if mistake == "just_below":
        assert "b = −5 itself" in feedback.message and "ReLU(0) = 0" in feedback.message
    if mistake == "just_above":
        assert "still active" in feedback.message


def test_silent_bias_rule_is_the_documented_one():
    assert NEAR == 0.5
    assert "−5.001" in check_silent_bias.__doc__ and "just_below" in check_silent_bias.__doc__
    assert check_silent_bias(-5.0).correct and check_silent_bias(-5).correct
    assert check_silent_bias(-5.0000000001).correct  # 10⁻¹⁰ from −5: within 1e-9
    # 10⁻⁶ above −5: z = 5 − 4.999999 = 10⁻⁶ > 0, still active (a relative 1e-6 once passed it)
    assert check_silent_bias(-4.999999).mistake == "just_above"
    assert check_silent_bias(-5.000001).mistake == "just_below"  # z = −10⁻⁶: silent, not largest
    assert "z = −1" in check_silent_bias(-6.0).message  # 5 + (−6)


@pytest.mark.parametrize("checker", NUMERIC)
@pytest.mark.parametrize(
    "answer, words",
    [
        ("-2.5", ["text", "quotes"]),
        ("1.5", ["text", "quotes"]),
        ("-5", ["text", "quotes"]),
        ("six", ["text"]),
        (True, ["True/False"]),
        (False, ["True/False"]),
        (np.bool_(True), ["True/False"]),
        ([True, False, True], ["True/False"]),
        (10**400, ["too large"]),
        (-(10**400), ["too large"]),
    ],
)
def test_text_bools_and_huge_ints_get_a_friendly_reply(checker, answer, words):
    feedback = checker(answer)  # never raises
    assert (feedback.status, feedback.mistake) == ("wrong", "not_numeric"), feedback
    for word in words:
        assert word in feedback.message


def test_quoted_reference_is_not_accepted():
    """The quoted answer "-2.5" used to pass 01.1; text is never a number."""
    assert not check_pre_activation("-2.5").correct
    assert not check_output("1.5").correct
    assert not check_silent_bias("-5.0").correct


@pytest.mark.parametrize(
    "answer, mistake",
    [([1.0, 2.0], "wrong_shape"), (np.nan, "not_finite"), (3.0, None)],
)
def test_other_wrong_answers_to_numeric_checkers(answer, mistake):
    for checker in NUMERIC:
        feedback = checker(answer)
        assert (feedback.status, feedback.mistake) == ("wrong", mistake)


def test_messages_are_specific():
    assert "after the ReLU" in check_output(4.0).message
    assert "without the bias" in check_pre_activation(-4.0).message
    assert "three products" in check_pre_activation([2.0, -3.0, -3.0]).message
    assert "[2, −3, −3]" in check_pre_activation([2.0, -3.0, -3.0]).message
    assert "active" in check_silent_bias(5.0).message
    assert "x₀·w₀ = (0.5)·(4) = 2, not −2" in check_pre_activation(-6.5).message  # −2 − 3 − 3 + 1.5
    slip = check_pre_activation(3.5).message  # 2 + 3 − 3 + 1.5: x₁w₁ or x₂w₂ flipped
    assert "x₁·w₁ = (−2)·(1.5) = −3, not 3; or x₂·w₂ = (1.5)·(−2) = −3, not 3" in slip
    # 3.5 is also x₀w₀ + b = 2 + 1.5: both negative products left out
    assert "Or did you leave out x₁·w₁ and x₂·w₂? x₀·w₀ + b = 2 + 1.5 = 3.5 too." in slip
    # 01.2: 3.5 is −2 + 0.5 + 1 + 4 (x₂w₂ flipped) or 0.5 + (−1) + 4 (x₀w₀ left out)
    assert "Or did you leave out x₀·w₀? x₁·w₁ + x₂·w₂ + b = 0.5 + (−1) + 4 = 3.5" in (
        check_output(3.5).message
    )
    assert "(xᵢ + wᵢ)" in check_output(6.5).message  # summed_x_plus_w: 1 + 1.5 + 0 + 4
    assert "_i" not in check_output(6.5).message + check_pre_activation(5.0).message
    assert "xᵢ·wᵢ" in check_output(4.5).message  # relu_per_product: 0 + 0.5 + 0 + 4
    assert "wrong sign" in check_pre_activation(2.5).message  # −(−2.5)
    assert (
        "w·x = −2.5" in check_output(-2.5).message
        and "then apply ReLU" in check_output(-2.5).message
    )
    assert "subtracting it" in check_output(0.0).message  # ReLU(−2.5) = ReLU(−2.5 − 4) = 0
    assert "x₀·w₀ = (2)·(−1) = −2, not 2" in check_output(5.5).message
    assert "w·x = 5" in check_silent_bias(3.0).message  # unrecognised: a hint
    bias_after = check_neuron_function(BY_ID["01.4"].mistakes["bias_after_relu"])
    assert "b = −6" in bias_after.message and "−1" in bias_after.message
    assert "without a final ReLU" in check_output(4.5).message  # relu_per_product


def test_bias_after_relu_explains_the_learners_own_value():
    assert check_output(4.0).message.endswith(
        "That is ReLU(w·x) + b = ReLU(−2.5) + 4 = 0 + 4 = 4, the bias added after the ReLU; "
        "it goes inside: z = −2.5 + 4 = 1.5, y = ReLU(z) = 1.5."
    )


def test_messages_use_a_true_minus():
    """Numbers in prose use "−" like the views; only Python calls f(x=[…]) keep ASCII."""
    for ex in EXERCISES[:3]:
        for answer in [*ex.mistakes.values(), -5.3, -7.0]:
            message = ex.checker(answer).message
            assert re.search(r"-\d", message) is None, message


@pytest.mark.parametrize(
    "answer, missing",
    [  # terms x₀w₀ = 2, x₁w₁ = −3, x₂w₂ = −3, b = 1.5
        (-1.0, "leaves out x₂·w₂ and b"),  # 2 − 3
        (0.5, "leaves out x₂·w₂."),  # 2 − 3 + 1.5
        (-4.5, "leaves out x₀·w₀."),  # −3 − 3 + 1.5
        (-6.0, "leaves out x₀·w₀ and b"),  # −3 − 3
    ],
)
def test_pre_activation_names_the_terms_left_out(answer, missing):
    feedback = check_pre_activation(answer)
    assert (feedback.status, feedback.mistake) == ("wrong", "left_out_terms"), feedback
    assert missing in feedback.message


def _raises(x, w, b):
    raise ValueError("boom")


@pytest.mark.parametrize(
    "answer, mistake, words",
    [
        (6.0, "not_a_function", ["function", "float"]),
        (True, "not_a_function", ["function", "bool"]),
        (_raises, "raised", ["ValueError", "boom", "b=1.0"]),
        (lambda x, w, b: None, "not_numeric", ["None", "return"]),
        (lambda x, w, b: "6", "not_numeric", ["text '6'", "without quotes"]),
        (lambda x, w, b: True, "not_numeric", ["True/False"]),
        (lambda x, w, b: np.bool_(False), "not_numeric", ["True/False"]),
        (lambda x, w, b: 10**400, "not_numeric", ["too large"]),
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


def test_function_checker_passes_fresh_copies():
    seen = []

    def spy(x, w, b):
        seen.append(x.tolist())
        x[:] = 0.0  # must not spoil the next test neuron
        return max(float(np.dot(x, w)) + b, 0.0)

    check_neuron_function(spy)
    assert seen[0] == [1.0, -2.0, 3.0] and seen[1] == [1.0, -2.0, 3.0]
    assert CASES[0].x == (1.0, -2.0, 3.0)


def test_no_module_level_mutable_state():
    with pytest.raises(TypeError):
        MISTAKES["new"] = None  # a read-only mapping
    assert isinstance(EXERCISES, tuple) and isinstance(CASES, tuple)
    assert all(isinstance(c.x, tuple) and isinstance(c.w, tuple) for c in CASES)


def test_notebook_states_the_checkers_numbers_and_solutions():
    """The exercise statements and hidden solutions in the notebook match the checkers."""
    text = NOTEBOOK.read_text()
    for x, w, b in (EX_PRE_ACTIVATION, EX_OUTPUT):
        assert f"x = {list(x)}, w = {list(w)}, b = {b}" in text
    for ex in EXERCISES[:3]:
        assert f"answer = {ex.reference}" in text, ex.id
