"""Slide metadata follows the projector rules (tools/slides.py) in every notebook of the series,
and the rules themselves do what they say on small notebooks built here.

A notebook that fails the first test needs `make slide-metadata` (metadata only, no re-run).
"""

from __future__ import annotations

import base64
import struct
import sys
import zlib
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import slides
from helpers.series import LESSONS


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.stem)
def test_every_notebook_follows_the_slide_rules(lesson):
    nb = nbformat.read(lesson.path, as_version=4)
    problems = slides.differences(nb)
    assert not problems, f"{lesson.path.name}: run `make slide-metadata`\n  " + "\n  ".join(
        problems[:20]
    )


def _types(nb) -> list[str]:
    return [p.slide_type for p in slides.plan(nb)]


def _png(width: int, height: int) -> str:
    """A base64 PNG of the given size (its header is all the height estimate reads)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    head = (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    )
    return base64.b64encode(head).decode()


def _panel(source="panel_x()"):
    cell = new_code_cell(source, metadata={"tags": ["nbval-ignore-output"]})
    return cell


def test_a_cell_taller_than_the_screen_is_zoomed_out_in_deck_mode_only():
    tall = new_code_cell("show(figure)")
    tall.outputs = [
        new_output("display_data", data={"image/png": _png(800, 1000), "text/plain": ""})
    ]
    nb = new_notebook(cells=[new_markdown_cell("## S"), tall])
    (_, p) = slides.plan(nb)
    # 1000 px picture + 8 + one code line (21) + padding (14 + 12) = 1055 px; 640/1055 → 60 %
    assert p.height == 1055 and p.zoom == 60
    assert slides.zoom_style(p.zoom) == {"styles": {"": {slides.PRESENTING: {"zoom": "60%"}}}}
    assert slides.too_tall(nb) == []
    huge = new_code_cell("show(figure)")
    huge.outputs = [
        new_output("display_data", data={"image/png": _png(800, 2000), "text/plain": ""})
    ]
    assert len(slides.too_tall(new_notebook(cells=[new_markdown_cell("## S"), huge]))) == 1


def test_png_size_reads_the_header():
    assert slides.png_size(_png(640, 480)) == (640, 480)
    with pytest.raises(ValueError, match="PNG"):
        slides.png_size(base64.b64encode(b"GIF89a" + b"\0" * 40).decode())


def test_headings_start_slides_and_setup_is_skipped():
    nb = new_notebook(
        cells=[
            new_markdown_cell("# 09 · Title"),
            new_code_cell("import numpy as np\nfrom helpers.text import (\n    num,\n)"),
            new_markdown_cell("## A section"),
            new_code_cell("x = 1"),
            new_markdown_cell("### A part"),
            new_code_cell("print(x)"),
        ]
    )
    assert _types(nb) == ["slide", "skip", "slide", "fragment", "subslide", "fragment"]


def test_an_import_cell_that_prints_is_not_skipped():
    cell = new_code_cell("import numpy as np")
    cell.outputs = [new_output("stream", name="stdout", text="hello\n")]
    nb = new_notebook(cells=[new_markdown_cell("# T"), cell])
    assert _types(nb) == ["slide", "fragment"]


def test_a_panel_gets_its_own_subslide_with_a_one_line_lead_in():
    nb = new_notebook(
        cells=[
            new_markdown_cell("## Section"),
            new_code_cell("show_view(View())"),
            new_markdown_cell("And live:"),  # one line: the lead-in
            _panel(),
            new_markdown_cell("What did you see?"),  # after a panel: a new subslide
        ]
    )
    assert _types(nb) == ["slide", "fragment", "subslide", "fragment", "subslide"]


def test_a_long_lead_in_stays_behind_and_the_panel_is_alone():
    nb = new_notebook(
        cells=[
            new_markdown_cell("## Section"),
            new_markdown_cell("Things to try:\n- drag w\n- drag b"),
            _panel(),
        ]
    )
    assert _types(nb) == ["slide", "fragment", "subslide"]


def test_a_widget_output_marks_a_panel_even_without_the_tag():
    cell = new_code_cell("panel()")
    cell.outputs = [
        new_output("display_data", data={slides.WIDGET_MIME: {"model_id": "m"}, "text/plain": ""})
    ]
    nb = new_notebook(cells=[new_markdown_cell("## S"), new_markdown_cell("Try it."), cell])
    assert slides.is_panel(cell)
    assert _types(nb) == ["slide", "subslide", "fragment"]


def test_exercises_start_subslides_and_keep_answer_and_solution():
    solution = (
        "<details><summary>Show a solution</summary>\n\n```python\nanswer = 1\n```\n</details>"
    )
    nb = new_notebook(
        cells=[
            new_markdown_cell("## Exercises"),
            new_markdown_cell("**Exercise 1: z.** Compute z."),
            new_code_cell("answer = None"),
            new_markdown_cell(solution),
            new_markdown_cell("**Exercise 2: y.** Compute y."),
            new_code_cell("answer = None"),
            new_markdown_cell(solution),
        ]
    )
    assert _types(nb) == [
        "slide",
        "subslide",
        "fragment",
        "fragment",
        "subslide",
        "fragment",
        "fragment",
    ]


def test_a_slide_that_would_pass_the_screen_is_cut_into_subslides():
    tall = new_code_cell("show(figure)")
    tall.outputs = [
        new_output("display_data", data={"image/png": _png(800, 500), "text/plain": ""})
    ]
    nb = new_notebook(
        cells=[
            new_markdown_cell("## Section\n\nOne line of prose."),
            tall,  # ~540 px: the heading's slide has no room left for it
            new_markdown_cell("A remark on the picture."),
            new_code_cell("print(1)"),
        ]
    )
    types = _types(nb)
    assert types[0] == "slide" and types[1] == "subslide", types
    heights = [p.height for p in slides.plan(nb)]
    assert heights[1] > 500  # 500 px of picture, plus the code line and padding
    for group in slides.slides(nb):
        assert sum(heights[i] for i in group) <= slides.BUDGET_PX or len(group) == 1


def test_apply_writes_the_plan_and_the_deck_style_then_check_passes(tmp_path):
    nb = new_notebook(cells=[new_markdown_cell("# T"), new_markdown_cell("Text."), _panel()])
    for cell in nb.cells:
        cell.metadata["slideshow"] = {"slide_type": "-"}  # "-" is shown on no slide by the deck
    path = tmp_path / "t.ipynb"
    nbformat.write(nb, path)
    assert slides.main(["check", str(path)]) == 1
    assert slides.apply(path) is True
    written = nbformat.read(path, as_version=4)
    assert [c.metadata["slideshow"]["slide_type"] for c in written.cells] == [
        "slide",
        "subslide",
        "fragment",
    ]
    assert written.metadata[slides.FONTS_KEY] == slides.DECK_STYLE
    assert slides.FONTS_KEY not in written.cells[1].metadata  # short: no zoom
    assert slides.main(["check", str(path)]) == 0
    assert slides.apply(path) is False  # idempotent
