"""Every exercise checker in the series, from the registry: its hand-derived reference is
accepted, an unanswered cell gets a prompt, each typical wrong answer gets its own named diagnosis,
anything that is not a number gets a reply (never a traceback), and the notebook's hidden solution
passes. Tests specific to one lesson's checkers live in tests/test_nbNN_checkers.py."""

import re

import numpy as np
import pytest

from helpers.lessons.exercises import as_number_array
from helpers.series import LESSONS, all_exercises

EXERCISES = all_exercises()
KEYS = list(EXERCISES)


def assert_unanswered_gets_a_prompt(ex):
    assert ex.checker(None).status == "unanswered"


def assert_the_reference_is_accepted(ex):
    feedback = ex.checker(ex.reference)
    assert feedback.correct, f"{ex.id}: the reference {ex.reference!r} gets {feedback!r}"


def assert_each_mistake_is_diagnosed_by_name(ex):
    assert ex.mistakes, f"{ex.id}: no typical wrong answer to diagnose"
    for mistake, answer in ex.mistakes.items():
        feedback = ex.checker(answer)
        assert feedback.status == "wrong", f"{ex.id}: {mistake} ({answer!r}) gets {feedback!r}"
        assert feedback.mistake == mistake, f"{ex.id}: {mistake} diagnosed as {feedback.mistake}"


@pytest.mark.parametrize("key", KEYS)
def test_unanswered_gets_a_prompt(key):
    assert_unanswered_gets_a_prompt(EXERCISES[key])


@pytest.mark.parametrize("key", KEYS)
def test_the_reference_is_accepted(key):
    assert_the_reference_is_accepted(EXERCISES[key])


@pytest.mark.parametrize("key", KEYS)
def test_each_typical_mistake_is_diagnosed_by_name(key):
    assert_each_mistake_is_diagnosed_by_name(EXERCISES[key])


def _same(a, b) -> bool:
    """True if two answers are the same numbers (or, if either is not numbers, equal values)."""
    arr_a, arr_b = as_number_array(a), as_number_array(b)
    if isinstance(arr_a, str) or isinstance(arr_b, str):
        return type(a) is type(b) and bool(np.all(a == b))
    return arr_a.shape == arr_b.shape and bool(np.allclose(arr_a, arr_b, rtol=1e-9, atol=1e-12))


def assert_mistakes_are_distinct(ex):
    values = [("reference", ex.reference), *ex.mistakes.items()]
    for i, (name_a, a) in enumerate(values):
        for name_b, b in values[i + 1 :]:
            assert not _same(a, b), f"{ex.id}: {name_a} and {name_b} are the same answer {a!r}"


@pytest.mark.parametrize("key", KEYS)
def test_mistakes_differ_from_the_reference_and_from_each_other(key):
    assert_mistakes_are_distinct(EXERCISES[key])


NOT_NUMBERS = {
    "text of a number": "5.1",
    "text": "abc",
    "a truth value": True,
    "truth values": [False] * 3,
    "an integer too large for a float": 10**400,
    "an object": object(),
}


def assert_not_numbers_get_a_wrong_reply(ex, what):
    feedback = ex.checker(NOT_NUMBERS[what])
    assert feedback.status == "wrong", f"{ex.id}: {what} gets {feedback!r}"
    assert feedback.message and "Traceback" not in feedback.message


@pytest.mark.parametrize("what", list(NOT_NUMBERS))
@pytest.mark.parametrize("key", KEYS)
def test_anything_but_numbers_gets_a_wrong_reply_not_a_traceback(key, what):
    assert_not_numbers_get_a_wrong_reply(EXERCISES[key], what)


def assert_exercise_is_checked_honestly(ex):
    """Everything above, for one Exercise (used on a new lesson's scaffold too)."""
    assert_unanswered_gets_a_prompt(ex)
    assert_the_reference_is_accepted(ex)
    assert_each_mistake_is_diagnosed_by_name(ex)
    assert_mistakes_are_distinct(ex)
    for what in NOT_NUMBERS:
        assert_not_numbers_get_a_wrong_reply(ex, what)


def _solutions(path) -> list[str]:
    from harness import read

    return [
        c.source
        for c in read(path).cells
        if c.cell_type == "markdown" and "<summary>Show a solution</summary>" in c.source
    ]


def assert_hidden_solutions_pass(path, exercises):
    """Each exercise's hidden solution holds a ```python block that sets `answer`; run it and check."""
    solutions = _solutions(path)
    assert len(solutions) == len(exercises), (
        f"{path.name}: {len(solutions)} solutions for {len(exercises)} exercises"
    )
    for ex, solution in zip(exercises, solutions, strict=True):
        blocks = re.findall(r"```python\n(.*?)```", solution, flags=re.S)
        assert blocks, f"{ex.id}: the solution shows no ```python block to run"
        namespace: dict = {"np": np}
        for block in blocks:
            exec(block, namespace)
        feedback = ex.checker(namespace["answer"])
        assert feedback.correct, f"{ex.id}: the notebook's solution gets {feedback!r}"


LESSONS_WITH_EXERCISES = [lesson for lesson in LESSONS if lesson.exercises()]


@pytest.mark.parametrize("lesson", LESSONS_WITH_EXERCISES, ids=lambda lesson: lesson.stem)
def test_every_hidden_solution_in_the_notebook_passes_its_checker(lesson):
    assert_hidden_solutions_pass(lesson.path, lesson.exercises())
