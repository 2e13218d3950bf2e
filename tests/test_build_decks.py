"""The handout decks' builder (tools/build_decks.py), without a browser.

The browser half (tests/browser/test_static_decks.py) opens every deck offline; here: the live
panels become notes naming the panel, the notebooks are not touched, links between notebooks
point at decks, and a built deck refers only to its own vendor/ folder.
"""

from __future__ import annotations

import hashlib
import re
import sys

import pytest

from helpers.series import LESSONS, ROOT

sys.path.insert(0, str(ROOT / "tools"))

import build_decks

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.number)
def test_every_panel_becomes_a_note_naming_it(lesson):
    before = hashlib.sha256(lesson.path.read_bytes()).hexdigest()
    nb = build_decks.handout_notebook(lesson)
    assert hashlib.sha256(lesson.path.read_bytes()).hexdigest() == before, "notebook changed"

    assert "widgets" not in nb.metadata
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if WIDGET_VIEW in out.get("data", {})]
    notes = [
        out["data"]["text/plain"]
        for out in outputs
        if 'class="live-panel-note"' in out.get("data", {}).get("text/html", "")
    ]
    names = sorted(f"{lesson.number}.{name}" for name in lesson.panels())
    assert sorted(re.search(r"live panel (\d\d\.\w+):", note)[1] for note in notes) == names


def test_panel_note_names_the_called_factory():
    names = {"panel_neuron": "01.neuron"}
    assert "live panel 01.neuron:" in build_decks.panel_note("panel_neuron()", names)
    assert "a live panel" in build_decks.panel_note("something_else()", names)


def test_links_between_notebooks_point_at_decks():
    body = 'a <a href="02_the_chain_rule.ipynb">02</a> <a href="03_gradients.ipynb#Summary">'
    linked = build_decks.link_decks(body + '<a href="notes.ipynb">')
    assert 'href="02_the_chain_rule.slides.html"' in linked
    assert 'href="03_gradients.slides.html#Summary"' in linked
    assert 'href="notes.ipynb"' in linked  # not a lesson: left alone


def test_a_built_deck_refers_only_to_its_own_folder(tmp_path):
    written = build_decks.build(tmp_path, ["00"])
    deck = written["00"]
    assert deck == tmp_path / "00_start_here.slides.html"
    html = deck.read_text(encoding="utf-8")

    refs = re.findall(r'<(?:script|link|img)\b[^>]*?\b(?:src|href)="([^"]+)"', html)
    assert refs, "no script or stylesheet found"
    remote = [ref for ref in refs if "//" in ref and not ref.startswith("data:")]
    assert not remote, f"remote files: {remote}"
    local = [ref for ref in refs if not ref.startswith(("data:", "#"))]
    assert all(ref.startswith("vendor/") for ref in local), local
    assert all((tmp_path / ref).is_file() for ref in local), local
    assert "mathjax/es5/tex-chtml-full.js" in html and "dist/reveal.js" in html
    assert "width: 1280" in html and "height: 720" in html
    assert (tmp_path / "index.html").is_file()
    assert (tmp_path / "vendor" / "reveal.js" / "LICENSE").is_file()


def test_unknown_lesson_numbers_are_refused(tmp_path):
    with pytest.raises(ValueError, match="numbers must name lessons"):
        build_decks.build(tmp_path, ["00", "42"])
