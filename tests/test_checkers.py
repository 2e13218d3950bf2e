"""Every exercise checker in the series: its reference answer is accepted, an unanswered cell gets a
prompt, and each typical wrong answer gets its own named diagnosis."""

import re

import numpy as np
import pytest

from helpers.series import all_exercises

EXERCISES = {key: (ex.checker, ex.reference, ex.mistakes) for key, ex in all_exercises().items()}


def test_every_notebook_after_00_has_two_to_four_exercises():
    per_notebook = {}
    for key in EXERCISES:
        per_notebook.setdefault(key.split(".")[0], []).append(key)
    for notebook, keys in per_notebook.items():
        assert 2 <= len(keys) <= 4, f"notebook {notebook} has {len(keys)} exercises"


@pytest.mark.parametrize("key", sorted(EXERCISES))
def test_checker_diagnoses(key):
    checker, reference, wrong_answers = EXERCISES[key]
    assert checker(None).status == "unanswered"
    assert checker(reference).correct, checker(reference)
    assert wrong_answers, f"{key}: no typical wrong answer to diagnose"
    for mistake, answer in wrong_answers.items():
        feedback = checker(answer)
        assert feedback.status == "wrong", f"{key}: {mistake} accepted as correct"
        assert feedback.mistake == mistake, f"{key}: {mistake} diagnosed as {feedback.mistake}"


def _solutions(prefix: str) -> list[str]:
    from harness import read, series

    (path,) = [p for p in series() if p.name.startswith(prefix + "_")]
    return [
        c.source
        for c in read(path).cells
        if c.cell_type == "markdown" and "<summary>Show a solution</summary>" in c.source
    ]


@pytest.mark.parametrize("prefix", sorted({key.split(".")[0] for key in EXERCISES}))
def test_every_hidden_solution_in_the_notebook_passes_its_checker(prefix):
    """Each exercise's hidden solution holds a ```python block that sets `answer`; run it and check."""
    keys = sorted(key for key in EXERCISES if key.startswith(prefix + "."))
    solutions = _solutions(prefix)
    assert len(solutions) == len(keys), (
        f"{prefix}: {len(solutions)} solutions for {len(keys)} exercises"
    )
    for key, solution in zip(keys, solutions, strict=True):
        blocks = re.findall(r"```python\n(.*?)```", solution, flags=re.S)
        assert blocks, f"{key}: the solution shows no ```python block to run"
        namespace: dict = {"np": np}
        for block in blocks:
            exec(block, namespace)
        feedback = EXERCISES[key][0](namespace["answer"])
        assert feedback.correct, f"{key}: the notebook's solution gets {feedback!r}"
