"""The registry of the series: every notebook, its title, its panels and its exercises, in order.

The harness, the tests, the bench and the browser suite read the series from here; a test fails
when this list and `notebooks/` disagree. A lesson's views and checkers live in the package
`helpers.lessons.nbNN_<slug>` (`views.py` lists `PANELS`, `checkers.py` lists `EXERCISES`, a
tuple of `Exercise` records); they are imported only when asked for, so `import helpers.series`
loads neither matplotlib nor ipywidgets.

A new lesson is one command away: `make new-lesson NAME=06_layers_and_batches TITLE="…"`
(tools/new_lesson.py) writes the notebook, its package, its tests and its line in `LESSONS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["LESSONS", "NOTEBOOKS", "ROOT", "Exercise", "Lesson", "all_exercises", "all_panels"]

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


@dataclass(frozen=True)
class Exercise:
    """One exercise: its checker, the right answer and the typical wrong answers it diagnoses.

    `reference` and each value of `mistakes` are literals worked out by hand (the arithmetic in
    a comment where they are written), never computed by the checker's own code.
    """

    id: str  # "01.2": notebook 01, exercise 2
    checker: Callable[[Any], Any]  # answer -> Feedback
    reference: Any
    mistakes: Mapping[str, Any] = field(default_factory=dict)  # mistake name -> its wrong answer


@dataclass(frozen=True)
class Lesson:
    """One notebook of the series and the package that holds its views and checkers."""

    number: str  # "01"
    slug: str  # "the_neuron": the notebook is notebooks/01_the_neuron.ipynb
    title: str  # the notebook's first heading, after "01 · "

    @property
    def heading(self) -> str:
        """The notebook's first heading: "01 · The neuron"."""
        return f"{self.number} · {self.title}"

    @property
    def stem(self) -> str:
        return f"{self.number}_{self.slug}"

    @property
    def path(self) -> Path:
        return NOTEBOOKS / f"{self.stem}.ipynb"

    @property
    def package(self) -> str:
        return f"helpers.lessons.nb{self.stem}"

    def _module(self, name: str):
        try:
            return importlib.import_module(f"{self.package}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name not in (self.package, f"{self.package}.{name}"):
                raise  # a missing import inside the module is a bug, not "no module"
            return None

    def panels(self) -> dict[str, Callable[[], Any]]:
        """{panel name: a zero-argument factory returning a live Panel}, from views.PANELS."""
        module = self._module("views")
        return dict(getattr(module, "PANELS", {})) if module else {}

    def exercises(self) -> tuple[Exercise, ...]:
        """The lesson's exercises, in order, from checkers.EXERCISES."""
        module = self._module("checkers")
        return tuple(getattr(module, "EXERCISES", ())) if module else ()


LESSONS: tuple[Lesson, ...] = (
    Lesson("00", "start_here", "Start here: Backprop from Scratch"),
    Lesson("01", "the_neuron", "The neuron"),
    Lesson("02", "the_chain_rule", "The chain rule"),
    Lesson("03", "gradients", "Gradients for every weight and input"),
    Lesson("04", "dead_relus", "Dead ReLUs"),
    Lesson("05", "the_sgd_update", "The SGD update"),
    Lesson("06", "layers_and_batches", "Layers and batches"),
    Lesson("07", "an_autograd_engine", "An autograd engine"),
    Lesson("08", "training_a_network", "Training a network"),
)


def all_panels() -> dict[str, Callable[[], Any]]:
    """Every panel factory of the series, as {"01.neuron": factory}, in series order."""
    return {
        f"{lesson.number}.{name}": factory
        for lesson in LESSONS
        for name, factory in lesson.panels().items()
    }


def all_exercises() -> dict[str, Exercise]:
    """Every exercise of the series, as {"01.2": Exercise}, in series order."""
    return {ex.id: ex for lesson in LESSONS for ex in lesson.exercises()}
