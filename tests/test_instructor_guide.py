"""The instructor's guide (docs/instructor_guide.md) names only things that exist.

The guide has one `## NN · Title` section per lesson of helpers.series.LESSONS, in order, each
with the same four subsections. Inside a lesson's section it refers to that notebook with a
machine-checkable syntax:

- §"Heading text"   a Markdown heading of the notebook, quoted exactly (without the #s);
                    line breaks and runs of spaces count as one space, as in Markdown;
- ¶"some words"     words found verbatim in exactly one Markdown cell of the notebook (a cell
                    without a heading of its own, e.g. a "tempting mistake" paragraph);
- `01.neuron`       a panel, named as in helpers.series.all_panels();
- Exercise 01.2     an exercise id of helpers.series.all_exercises().

A lesson plan is a list of time slots, **0–5 min**, **5–12 min**, …, that run from 0 to 50 without
gaps. Every panel of a notebook appears in its lesson's section; every notebook with exercises
sets some as homework.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import nbformat
import pytest

from helpers.series import LESSONS, ROOT, all_exercises, all_panels

GUIDE = ROOT / "docs" / "instructor_guide.md"
SUBSECTIONS = ("What it teaches", "Lesson plan (50 minutes)", "Misconceptions", "Homework")

HEADING_REF = re.compile(r'§"([^"]+)"')
CELL_REF = re.compile(r'¶"([^"]+)"')
PANEL_REF = re.compile(r"`(\d\d\.[a-z_]+)`")
EXERCISE_REF = re.compile(r"\bExercises? (\d\d\.\d+)\b")
EXERCISE_MORE = re.compile(r"\bExercises (\d\d\.\d+(?:(?:, | and )\d\d\.\d+)+)")
SLOT = re.compile(r"\*\*(\d+)–(\d+) min\*\*")


def guide_sections(text: str) -> dict[str, str]:
    """{lesson heading "01 · The neuron": the text of its ## section}."""
    parts = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    return {part.split("\n", 1)[0].strip(): part.split("\n", 1)[1] for part in parts}


def subsections(section: str) -> dict[str, str]:
    parts = re.split(r"^### ", section, flags=re.MULTILINE)[1:]
    return {part.split("\n", 1)[0].strip(): part.split("\n", 1)[1] for part in parts}


def flat(text: str) -> str:
    """Text as Markdown reads it: blockquote marks dropped, line breaks and runs of spaces as one."""
    return " ".join(re.sub(r"^>[ ]?", "", text, flags=re.MULTILINE).split())


def markdown_cells(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [cell.source for cell in nb.cells if cell.cell_type == "markdown"]


def headings(cells: list[str]) -> set[str]:
    return {
        flat(line.lstrip("#"))
        for source in cells
        for line in source.splitlines()
        if re.match(r"#{1,6} ", line)
    }


def exercise_ids(section: str) -> set[str]:
    ids = set(EXERCISE_REF.findall(section))
    for group in EXERCISE_MORE.findall(section):
        ids.update(re.findall(r"\d\d\.\d+", group))
    return ids


@pytest.fixture(scope="module")
def sections() -> dict[str, str]:
    assert GUIDE.is_file(), f"the instructor's guide is missing: {GUIDE}"
    return guide_sections(GUIDE.read_text(encoding="utf-8"))


def test_one_section_per_lesson_in_order(sections):
    lesson_sections = [title for title in sections if re.match(r"\d\d · ", title)]
    assert lesson_sections == [lesson.heading for lesson in LESSONS]


def test_readme_links_the_guide():
    assert "(docs/instructor_guide.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.number)
def test_section_references_exist(lesson, sections):
    section = sections[lesson.heading]
    parts = subsections(section)
    assert tuple(parts) == SUBSECTIONS, f"{lesson.heading}: subsections {tuple(parts)}"
    assert f"`notebooks/{lesson.path.name}`" in section, f"{lesson.heading}: name the notebook file"

    cells = markdown_cells(lesson.path)
    known_headings = headings(cells)
    missing = [h for h in map(flat, HEADING_REF.findall(section)) if h not in known_headings]
    assert not missing, f"{lesson.heading}: no such heading in {lesson.path.name}: {missing}"
    assert HEADING_REF.findall(parts["Lesson plan (50 minutes)"]), "the plan names no section"

    for words in map(flat, CELL_REF.findall(section)):
        found = sum(words in flat(source) for source in cells)
        assert found == 1, f"{lesson.heading}: ¶{words!r} is in {found} Markdown cells, not 1"

    panels = all_panels()
    named = set(PANEL_REF.findall(section))
    assert named <= set(panels), f"{lesson.heading}: unknown panels {named - set(panels)}"
    own = {f"{lesson.number}.{name}" for name in lesson.panels()}
    assert own <= named, f"{lesson.heading}: the guide does not use panels {own - named}"
    assert own <= set(PANEL_REF.findall(parts["Lesson plan (50 minutes)"])), "drag it in class"

    exercises = all_exercises()
    ids = exercise_ids(section)
    assert ids <= set(exercises), f"{lesson.heading}: unknown exercises {ids - set(exercises)}"
    if lesson.exercises():
        homework = exercise_ids(parts["Homework"])
        assert {i for i in homework if i.startswith(lesson.number)}, "set some homework"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.number)
def test_lesson_plan_fills_fifty_minutes(lesson, sections):
    plan = subsections(sections[lesson.heading])["Lesson plan (50 minutes)"]
    slots = [(int(a), int(b)) for a, b in SLOT.findall(plan)]
    assert slots, f"{lesson.heading}: no time slots like **0–5 min**"
    assert slots[0][0] == 0 and slots[-1][1] == 50, f"{lesson.heading}: {slots}"
    for (_, end), (start, _) in itertools.pairwise(slots):
        assert end == start, f"{lesson.heading}: a gap or overlap in {slots}"
    assert all(a < b for a, b in slots), f"{lesson.heading}: {slots}"


def test_the_checker_catches_a_wrong_reference(sections):
    """The reference syntax is live: a made-up heading, panel or exercise is not found."""
    cells = markdown_cells(LESSONS[1].path)
    assert "A heading that is not there" not in headings(cells)
    assert "01.nonexistent" not in all_panels()
    assert "01.99" not in all_exercises()
    assert exercise_ids("Exercises 01.1, 01.2 and 01.3") == {"01.1", "01.2", "01.3"}
