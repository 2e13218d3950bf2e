"""check_numeric and its one rule for every checker: numbers only, a friendly reply otherwise."""

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.core.example import WORKED
from helpers.lessons.exercises import Feedback, as_number_array, check_numeric

# The worked example with g = dL/dy = 1: z = 6 > 0, so dL/dw = g·1[z>0]·x = x = (1, −2, 3).
DL_DW = [1.0, -2.0, 3.0]
MISTAKES = {"swapped": ([-3.0, -1.0, 2.0], "That is dL/dx: you multiplied by w instead of x.")}


def _check(answer):
    return check_numeric(answer, DL_DW, what="dL/dw", mistakes=MISTAKES, hint="Use x.")


def test_check_numeric_diagnoses():
    assert _check(None).status == "unanswered"
    assert _check(...).status == "unanswered"
    assert _check([1, -2, 3]).correct
    assert _check(np.array([1.0, -2.0, 3.0])).correct
    assert _check((1, -2, 3)).correct
    wrong = _check(list(WORKED.w))  # multiplying by w instead of x gives w = (−3, −1, 2)
    assert (wrong.status, wrong.mistake) == ("wrong", "swapped")
    assert _check([1, 2]).mistake == "wrong_shape"
    assert "as a list of 3 numbers, got a list of 2 numbers" in _check([1, 2]).message
    assert "got one number" in _check(0).message
    assert _check("abc").mistake == "not_numeric"
    assert _check([0, 0, 7]).mistake is None and _check([0, 0, 7]).message == "Use x."
    assert _check([1, math.nan, 3]).mistake == "not_finite"
    assert repr(_check(None)).startswith("… Not answered yet.")
    assert repr(_check([1, -2, 3])).startswith("✔ Correct.")


def test_tolerance_accepts_rounding_noise_only():
    assert _check([1 + 1e-9, -2, 3]).correct  # within rtol = 1e-6
    assert not _check([1.01, -2, 3]).correct


# Every kind of answer that is not numbers: (answer, words the reply must contain).
NOT_NUMBERS = [
    ("5.1", ["text '5.1'", "in quotes", "without the quotes"]),
    ("-2.5", ["text '-2.5'", "without the quotes"]),
    ("1/7", ["text '1/7'", "without the quotes"]),
    (b"5.1", ["text b'5.1'", "without the quotes"]),
    ("abc", ["text 'abc'", "give a number"]),
    ("1/0", ["text '1/0'", "give a number"]),
    ("nan", ["text 'nan'", "give a number"]),
    ("1e999999999", ["text '1e999999999'", "give a number"]),  # Fraction would hang on this
    ("", ["text ''", "give a number"]),
    (True, ["True", "truth value", "give a number"]),
    (False, ["False", "truth value"]),
    (np.True_, ["True", "truth value"]),
    ([False] * 3, ["False", "truth value"]),
    ([1.0, True, 3.0], ["True", "truth value"]),
    (np.array([True, False, True]), ["array of truth values"]),
    ([np.array([1.0]), np.array([False])], ["array of truth values"]),
    ([1.0, None, 3.0], ["None", "give a number in every place"]),
    (["1", "-2", "3"], ["text '1'", "without the quotes"]),
    (np.array(["1", "-2", "3"]), ["array of text"]),
    (np.array([1, "a", 3], dtype=object), ["text 'a'"]),
    ({"w0": 1.0}, ["dict", "give a number or a list of numbers"]),
    ({1.0, 2.0}, ["set"]),
    (object(), ["an object"]),
    (print, ["builtin_function_or_method"]),
    (1j, ["1j", "complex number"]),
    (np.array([1j]), ["array of complex numbers"]),
    (10**400, ["integer near 10**400", "too large for a float", "1.8e308"]),
    ([1, 10**400, 3], ["integer near 10**400", "1.8e308"]),
    (-(10**5000), ["integer near 10**5000"]),  # str() of it would exceed Python's digit limit
    (Fraction(10**400), ["Fraction", "too large"]),
    ([[1, 2], [3]], ["rows", "different lengths"]),
    ([1, [2, 3]], ["different lengths"]),
    (np.datetime64("2020-01-01"), ["datetime64"]),
]


@pytest.mark.parametrize(
    "answer, words", NOT_NUMBERS, ids=[f"not_numbers{i}" for i in range(len(NOT_NUMBERS))]
)
def test_anything_but_numbers_gets_a_friendly_reply(answer, words):
    reason = as_number_array(answer)
    assert isinstance(reason, str), f"{answer!r} was taken as numbers: {reason!r}"
    for word in words:
        assert word in reason, f"{word!r} missing from: {reason}"
    feedback = _check(answer)
    assert (feedback.status, feedback.mistake) == ("wrong", "not_numeric")
    # names what is expected: the reason, and advice that asks for dL/dw's shape, not "a number"
    assert feedback.message.startswith(f"Expected dL/dw: {reason.split(';')[0]}")
    assert not feedback.message.endswith("give a number.")


def test_long_text_is_shortened_in_the_reply():
    reason = as_number_array("x" * 1000)
    assert isinstance(reason, str) and len(reason) < 100 and "…" in reason


def test_self_containing_lists_get_a_reply_not_a_recursion_error():
    loop = [1.0]
    loop.append(loop)
    assert "nested too deeply" in as_number_array(loop)
    cell = np.empty(1, dtype=object)
    cell[0] = cell
    assert "nested too deeply" in as_number_array(cell)


class _Hostile:
    """An object whose every conversion raises: still a reply, never a traceback."""

    def __float__(self):
        raise RuntimeError("no float")

    def __repr__(self):
        raise RuntimeError("no repr")

    def __len__(self):
        raise RuntimeError("no len")


def test_hostile_objects_get_a_reply():
    assert "_Hostile" in as_number_array(_Hostile())
    assert _check([1.0, _Hostile(), 3.0]).mistake == "not_numeric"


# Numbers in every accepted form: (answer, the float array it stands for).
NUMBERS = [
    (3, [3.0]),
    (-2.5, [-2.5]),
    (np.int64(4), [4.0]),
    (np.float32(0.5), [0.5]),  # exactly representable
    (np.array([1, -2, 3]), [1.0, -2.0, 3.0]),
    ((1, -2, 3), [1.0, -2.0, 3.0]),
    ([1, -2.0, np.float64(3)], [1.0, -2.0, 3.0]),
    ([[1, 2], [3, 4]], [[1.0, 2.0], [3.0, 4.0]]),
    (np.array([1.5, 2], dtype=object), [1.5, 2.0]),
    (Fraction(1, 4), [0.25]),
    (Decimal("0.5"), [0.5]),
    (10**300, [1e300]),  # large, but a float holds it
]


@pytest.mark.parametrize("answer, value", NUMBERS, ids=[f"numbers{i}" for i in range(len(NUMBERS))])
def test_numbers_in_every_form_are_numbers(answer, value):
    arr = as_number_array(answer)
    assert isinstance(arr, np.ndarray) and arr.dtype == np.float64
    np.testing.assert_array_equal(arr.ravel(), np.ravel(value))


@settings(max_examples=50)
@given(st.text())
def test_any_text_is_not_a_number(text):
    reason = as_number_array(text)
    assert isinstance(reason, str) and "(in quotes)" in reason
    assert _check(text).mistake == "not_numeric"
    assert _check([text, 1.0, 2.0]).mistake == "not_numeric"


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_number_written_as_text_is_told_to_drop_the_quotes(x):
    assert "without the quotes" in as_number_array(repr(x))


BOOL_STRUCTURES = st.recursive(
    st.booleans(),
    lambda inner: (
        st.lists(inner, min_size=1, max_size=4).map(lambda xs: xs)
        | st.lists(inner, min_size=1, max_size=4).map(tuple)
    ),
    max_leaves=12,
)


@settings(max_examples=50)
@given(BOOL_STRUCTURES, st.lists(st.integers(-5, 5), max_size=3))
def test_any_bool_structure_is_not_numbers(bools, numbers):
    assert "truth value" in as_number_array(bools)
    assert "truth value" in as_number_array([*numbers, bools])  # a bool anywhere in a list
    assert _check(bools).mistake == "not_numeric"


ANYTHING = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=5)
    | st.binary(max_size=5)
    | st.complex_numbers()
    | st.fractions(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=3), inner, max_size=3)
        | st.frozensets(st.integers(), max_size=3)
    ),
    max_leaves=16,
)


@settings(max_examples=50)
@given(ANYTHING)
def test_never_a_traceback(answer):
    feedback = _check(answer)
    assert isinstance(feedback, Feedback)
    assert feedback.status in {"correct", "wrong", "unanswered"}
    result = as_number_array(answer)
    assert isinstance(result, (str, np.ndarray))


def test_text_where_a_list_is_expected_is_told_the_shape_wanted():
    reply = check_numeric("[-4, 2, -1]", [-4.0, 2.0, -1.0], what="∂L/∂w", hint="h")
    assert reply.mistake == "not_numeric"
    assert reply.message.endswith("(in quotes); give a list of 3 numbers.")
    scalar = check_numeric("abc", 1.0, what="∂L/∂b", hint="h")
    assert scalar.message.endswith("(in quotes); give a number.")
    holes = check_numeric([1.0, None], [1.0, 2.0], what="∂L/∂w", hint="h")
    assert "give a number in every place" in holes.message  # that advice is already specific
