"""Exercise checkers that say *which* mistake an answer looks like, not only "wrong".

A checker is a plain function `answer -> Feedback`. `check_numeric` does the common work:
unanswered (None) → a gentle prompt; wrong shape → says so; right value → correct; a value
that matches a known mistake → names the mistake; anything else → a hint.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

__all__ = ["Feedback", "check_numeric"]

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


def _as_array(answer: Any) -> np.ndarray | None:
    try:
        arr = np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    return arr


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
    arr = _as_array(answer)
    if arr is None:
        return Feedback(
            "wrong", f"Expected {what} as numbers, got {type(answer).__name__}.", "not_numeric"
        )
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
