"""Exercise checkers that say *which* mistake an answer looks like, not only "wrong".

A checker is a plain function `answer -> Feedback`. `check_numeric` does the common work:
unanswered (None) → a gentle prompt; wrong shape → says so; right value → correct; a value
that matches a known mistake → names the mistake; anything else → a hint.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import numpy as np

__all__ = ["Feedback", "as_number_array", "check_numeric"]

Status = Literal["correct", "wrong", "unanswered"]
_ICONS = {"correct": "✔ Correct.", "wrong": "✖ Not yet.", "unanswered": "… Not answered yet."}


@dataclass(frozen=True)
class Feedback:
    """The checker's verdict. `mistake` names the diagnosed mistake (None if none was recognised)."""

    status: Status
    message: str
    mistake: str | None = None

    def __repr__(self) -> str:  # what a notebook cell shows (and nbval compares)
        return f"{_ICONS[self.status]} {self.message}"

    @property
    def correct(self) -> bool:
        return self.status == "correct"


def _in_words(arr: np.ndarray) -> str:
    """How a learner would describe an answer's shape: one number, a list of 3 numbers, …"""
    if arr.ndim == 0:
        return "one number"
    if arr.ndim == 1:
        return (
            "an empty list"
            if arr.size == 0
            else f"a list of {arr.size} number{'s' * (arr.size != 1)}"
        )
    return f"an array of shape {arr.shape}"


def as_number_array(answer: Any) -> np.ndarray | str:
    """The answer as a float array, or (a str) the reason it is not numbers.

    The one rule of every checker: numbers only. Ints, floats, numpy numbers and arrays, and
    (nested) lists or tuples of them are numbers; text (even "5.1"), True/False and anything
    else are not, and an integer too large for a float (10**400) is reported, never raised.
    """
    if isinstance(answer, (str, bytes)):
        try:
            float(Fraction(answer.strip().replace(" ", "")))
        except (ValueError, ZeroDivisionError, OverflowError):
            return f"you typed the text {answer!r} (in quotes); give a number"
        return f"you typed the text {answer!r} (in quotes); write it without the quotes"
    if _has_bool(answer):
        return f"{answer!r} is a truth value (True/False), not a number; give a number"
    try:
        arr = np.asarray(answer, dtype=np.float64)
    except OverflowError:
        return "that number is too large for a float (beyond ±1.8e308)"
    except (TypeError, ValueError):
        return f"got {type(answer).__name__}, not numbers; give a number or a list of numbers"
    return arr


def _has_bool(answer: Any) -> bool:
    if isinstance(answer, (bool, np.bool_)):
        return True
    if isinstance(answer, np.ndarray):
        return answer.dtype == np.bool_
    if isinstance(answer, (list, tuple)):
        return any(_has_bool(item) for item in answer)
    return False


def check_numeric(
    answer: Any,
    expected: Any,
    *,
    what: str,
    mistakes: Mapping[str, tuple[Any, str]] = {},
    hint: str,
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> Feedback:
    """Compare `answer` with `expected` (a number or an array).

    `mistakes` maps a mistake's name to (the value that mistake produces, the explanation).
    The first mistake whose value matches the answer is reported.
    """
    if answer is None or answer is Ellipsis:
        return Feedback("unanswered", f"Replace the `None` with {what} and run the cell again.")
    expected_arr = np.asarray(expected, dtype=np.float64)
    arr = as_number_array(answer)
    if isinstance(arr, str):
        return Feedback("wrong", f"Expected {what}: {arr}.", "not_numeric")
    if arr.shape != expected_arr.shape:
        return Feedback(
            "wrong",
            f"Expected {what} as {_in_words(expected_arr)}, got {_in_words(arr)}.",
            "wrong_shape",
        )
    if not np.all(np.isfinite(arr)):
        return Feedback("wrong", f"Your answer contains NaN or inf; expected {what}.", "not_finite")
    if np.allclose(arr, expected_arr, rtol=rtol, atol=atol):
        return Feedback("correct", f"That is {what}.")
    for name, (value, explanation) in mistakes.items():
        value_arr = np.asarray(value, dtype=np.float64)
        if value_arr.shape == arr.shape and np.allclose(arr, value_arr, rtol=rtol, atol=atol):
            return Feedback("wrong", explanation, name)
    return Feedback("wrong", hint, None)
