"""Exercise checkers that say *which* mistake an answer looks like, not only "wrong".

A checker is a plain function `answer -> Feedback`. `check_numeric` does the common work:
unanswered (None) → a gentle prompt; wrong shape → says so; right value → correct; a value
that matches a known mistake → names the mistake; anything else → a hint.
"""

from __future__ import annotations

import math
import numbers
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

import numpy as np

__all__ = ["Feedback", "as_number_array", "check_numeric", "mistake_table"]

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
    (nested) lists or tuples of them are numbers. Text (even "5.1"), True/False, None inside a
    list, dicts, complex numbers, other objects and rows of different lengths are not; an
    integer too large for a float (10**400) is reported too. Never raises.
    """
    problem = _not_numbers(answer, depth=0)
    if problem is not None:
        return problem
    try:
        arr = np.asarray(answer, dtype=np.float64)
    except OverflowError:
        return "that number is too large for a float (beyond ±1.8e308)"
    except ValueError:  # every leaf is a number, so the nesting is what is wrong
        return "the rows of your list have different lengths; give a number or a list of numbers"
    except Exception:  # an object no checker foresaw: still a reply, never a traceback
        return f"got {_kind(answer)}, not numbers; give a number or a list of numbers"
    return arr


_MAX_DEPTH = 32  # numpy allows 64 dimensions; no exercise asks for more than 2


def _not_numbers(answer: Any, depth: int) -> str | None:
    """Why `answer` is not a number or a (nested) list of numbers; None if it is."""
    if isinstance(answer, (str, bytes)):
        advice = "write it without the quotes" if _reads_as_number(answer) else "give a number"
        return f"you typed the text {_short_repr(answer)} (in quotes); {advice}"
    if isinstance(answer, (bool, np.bool_)):
        return f"{bool(answer)} is a truth value (True/False), not a number; give a number"
    if answer is None:  # only reached inside a list: check_numeric answers a bare None itself
        return "your list holds None where a number should be; give a number in every place"
    if isinstance(answer, (list, tuple, np.ndarray)) and depth >= _MAX_DEPTH:
        return "your list is nested too deeply; give a number or a list of numbers"
    if isinstance(answer, np.ndarray):
        if answer.dtype.kind in "iuf":
            return None
        if answer.dtype.kind == "O":
            return _first_problem(answer.ravel().tolist(), depth)
        what = {"b": "truth values (True/False)", "U": "text", "S": "text", "c": "complex numbers"}
        return f"got an array of {what.get(answer.dtype.kind, answer.dtype)}, not numbers; give numbers"
    if isinstance(answer, (list, tuple)):
        return _first_problem(answer, depth)
    if isinstance(answer, (numbers.Real, Decimal)):
        try:
            float(answer)
        except OverflowError:
            return (
                f"{_kind(answer)} is too large for a float (beyond ±1.8e308); give a smaller number"
            )
        except Exception:
            return f"got {_kind(answer)}, not a number; give a number"
        return None
    if isinstance(answer, numbers.Complex):
        return f"{answer!r} is a complex number; give a real number"
    return f"got {_kind(answer)}, not numbers; give a number or a list of numbers"


def _first_problem(items: list | tuple, depth: int) -> str | None:
    for item in items:
        problem = _not_numbers(item, depth + 1)
        if problem is not None:
            return problem
    return None


def _reads_as_number(text: str | bytes) -> bool:
    """'5.1', ' -3 ', '1/7', '1e3' read as a number; 'abc', 'nan', '1e400', '1/0', '' do not.

    float() parses in linear time, where Fraction('1e999999999') would compute 10**999999999.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    parts = text.replace(" ", "").split("/")
    try:
        values = [float(part) for part in parts]
    except ValueError:
        return False
    finite = all(math.isfinite(v) for v in values)
    return finite and (len(values) == 1 or (len(values) == 2 and values[1] != 0))


def _short_repr(text: str | bytes, limit: int = 40) -> str:
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _kind(answer: Any) -> str:
    """'a dict', 'an object', 'an integer near 10**400', … (no repr: it can be huge or fail)."""
    if isinstance(answer, int) and abs(answer) > 10**308:  # str() of it can exceed Python's limit
        return f"an integer near 10**{math.floor(math.log10(abs(answer)))}"
    name = type(answer).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


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
        if expected_arr.ndim:  # the advice names the shape this exercise wants
            arr = re.sub(
                r"give a number( or a list of numbers)?$", f"give {_in_words(expected_arr)}", arr
            )
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


def mistake_table(text: str, **values: Any) -> dict[str, tuple[Any, str]]:
    """check_numeric's `mistakes` from a table: `text` has one "name: explanation" entry per
    mistake (an explanation goes on over the indented lines below it), `values` the value each
    mistake gives, by the same names in the same order (the first match is reported)."""
    entries: list[list[str]] = []  # [name, explanation]
    for line in textwrap.dedent(text).strip().splitlines():
        if line.startswith(" "):
            entries[-1][1] += " " + line.strip()
        else:
            entries.append(line.split(": ", 1))
    explanations = dict(entries)
    if list(explanations) != list(values):
        raise ValueError(f"mistakes explained {list(explanations)} but valued {list(values)}")
    return {name: (value, explanations[name]) for name, value in values.items()}
