"""The registry (helpers.series) and the series on disk agree, and every lesson is complete."""

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.series import LESSONS, NOTEBOOKS, ROOT, Exercise, Lesson, all_exercises, all_panels

IDS = [lesson.stem for lesson in LESSONS]


def test_every_notebook_on_disk_is_in_the_registry_and_back():
    on_disk = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))
    registered = [lesson.path.name for lesson in LESSONS]
    assert sorted(registered) == on_disk, (
        f"only on disk: {sorted(set(on_disk) - set(registered))}; "
        f"only in LESSONS: {sorted(set(registered) - set(on_disk))}"
    )


def test_the_series_starts_at_00_and_is_numbered_in_order_without_gaps():
    numbers = [lesson.number for lesson in LESSONS]
    assert numbers == [f"{n:02d}" for n in range(len(LESSONS))], numbers
    for lesson in LESSONS:
        assert re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", lesson.slug), lesson.slug
    assert LESSONS[0].path == ROOT / "notebooks" / "00_start_here.ipynb"


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_the_notebook_opens_with_its_registered_heading(lesson):
    import nbformat

    first = nbformat.read(lesson.path, as_version=4).cells[0]
    assert first.cell_type == "markdown"
    assert first.source.splitlines()[0] == f"# {lesson.heading}"


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_the_lesson_package_exists(lesson):
    assert importlib.util.find_spec(lesson.package) is not None, f"no package {lesson.package}"


@pytest.mark.parametrize("lesson", LESSONS[1:], ids=IDS[1:])
def test_every_lesson_after_00_has_a_panel_and_two_to_four_exercises(lesson):
    assert lesson.panels(), f"{lesson.stem}: views.PANELS lists no panel"
    assert 2 <= len(lesson.exercises()) <= 4, f"{lesson.stem}: {len(lesson.exercises())} exercises"


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_exercises_are_records_numbered_1_2_3_in_order(lesson):
    exercises = lesson.exercises()
    for ex in exercises:
        assert isinstance(ex, Exercise), f"{lesson.stem}: {ex!r} is not an Exercise record"
    assert [ex.id for ex in exercises] == [
        f"{lesson.number}.{k}" for k in range(1, len(exercises) + 1)
    ]


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_checkers_module_lists_a_tuple_of_exercise_records(lesson):
    """`EXERCISES` is a tuple of Exercise records (the old {id: (checker, ref, mistakes)} dict
    form is gone)."""
    try:
        module = importlib.import_module(f"{lesson.package}.checkers")
    except ModuleNotFoundError:
        pytest.skip(f"{lesson.stem} has no exercises")
    assert isinstance(module.EXERCISES, tuple), type(module.EXERCISES)
    assert all(isinstance(ex, Exercise) for ex in module.EXERCISES)


def test_ids_are_unique_across_the_series():
    ids = [ex.id for lesson in LESSONS for ex in lesson.exercises()]
    assert len(ids) == len(set(ids)) == len(all_exercises())
    assert list(all_exercises()) == ids  # series order


def test_all_panels_names_each_panel_after_its_lesson():
    names = list(all_panels())
    assert names and all(re.fullmatch(r"\d\d\.[a-z0-9_]+", name) for name in names), names
    assert len(names) == sum(len(lesson.panels()) for lesson in LESSONS)


def _readme_table(header: str) -> dict[str, str]:
    """{notebook stem: its row} of the README table under `header`."""
    lines = (ROOT / "README.md").read_text().splitlines()
    start = lines.index(header)
    rows = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows[line.split("`")[1]] = line
    return rows


def test_the_readme_lists_every_lesson_with_its_package_and_tests():
    series = _readme_table("| notebook | you will be able to … |")
    layout = _readme_table(
        "| notebook | lesson package (`helpers/lessons/…`) | tests (`tests/…`) |"
    )
    assert list(series) == list(layout) == IDS
    for lesson in LESSONS:
        row = layout[lesson.stem]
        package = ROOT / Path(*lesson.package.split("."))
        assert f"`nb{lesson.stem}/views.py`" in row and (package / "views.py").exists()
        has_checkers = (package / "checkers.py").exists()
        assert ("`checkers.py`" in row) == has_checkers, row
        for test in re.findall(r"`(test_\w+\.py)`", row):
            assert (ROOT / "tests" / test).exists(), f"README names a missing tests/{test}"
        assert f"`test_nb{lesson.number}_views.py`" in row


def test_a_lesson_derives_its_file_package_and_heading():
    lesson = Lesson("07", "an_engine", "An engine")
    assert lesson.path == NOTEBOOKS / "07_an_engine.ipynb"
    assert lesson.package == "helpers.lessons.nb07_an_engine"
    assert lesson.heading == "07 · An engine"
    assert lesson.panels() == {} and lesson.exercises() == ()  # no package: nothing, no error


def test_importing_the_registry_or_helpers_loads_no_plotting_or_widgets():
    code = (
        "import sys, helpers, helpers.series\n"
        "loaded = {'matplotlib', 'ipywidgets'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
