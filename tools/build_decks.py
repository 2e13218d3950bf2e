"""Build the handout decks (`make slides`): one offline reveal.js deck per notebook of the series.

    .venv/bin/python tools/build_decks.py [--out build/slides] [NN ...]

Each deck is nbconvert's slides export of the notebook's stored outputs (nothing is executed),
through the template in slides/template/handout/: reveal.js and MathJax 3 come from the deck
folder's own `vendor/` (copied from slides/vendor/), so the folder works opened from disk, with
no network. A live panel cannot run without a kernel: its widget output is replaced by a one-line
note naming the panel; the static twin figure drawn right before it stands in for it. The
notebooks themselves are not changed.
"""

from __future__ import annotations

import argparse
import copy
import html
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helpers.series import LESSONS, Lesson  # noqa: E402

VENDOR = ROOT / "slides" / "vendor"
TEMPLATES = ROOT / "slides" / "template"
OUT = ROOT / "build" / "slides"
WIDTH, HEIGHT = 1280, 720  # the projector the decks are sized for
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_CALL = re.compile(r"\b(\w+)\s*\(")


def deck_name(lesson: Lesson) -> str:
    """The deck's file name: "01_the_neuron.slides.html"."""
    return f"{lesson.stem}.slides.html"


def panel_names(lesson: Lesson) -> dict[str, str]:
    """{factory function name: registry panel name}, e.g. {"panel_neuron": "01.neuron"}."""
    return {
        getattr(factory, "__name__", name): f"{lesson.number}.{name}"
        for name, factory in lesson.panels().items()
    }


def panel_note(source: str, names: dict[str, str]) -> str:
    """The one line that stands in for a live panel in a deck."""
    called = [names[f] for f in _CALL.findall(source) if f in names]
    label = f"live panel {called[0]}" if called else "a live panel"
    return (
        f"▶ Here the notebook shows {label}: open it in JupyterLab to drag its sliders. "
        "The picture above is the same view at its default values."
    )


def handout_notebook(lesson: Lesson) -> nbformat.NotebookNode:
    """The notebook as the deck shows it: widget outputs replaced by a note, no widget state."""
    nb = nbformat.read(lesson.path, as_version=4)
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    names = panel_names(lesson)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if not any(WIDGET_VIEW in out.get("data", {}) for out in cell.get("outputs", [])):
            continue
        note = panel_note(cell.source, names)
        cell.outputs = [
            nbformat.v4.new_output(
                "display_data",
                data={
                    "text/html": f'<p class="live-panel-note">{html.escape(note)}</p>',
                    "text/plain": note,
                },
            )
        ]
    return nb


def link_decks(body: str) -> str:
    """Point links between notebooks ("02_the_chain_rule.ipynb") at the decks instead."""
    stems = {lesson.stem: deck_name(lesson) for lesson in LESSONS}
    return re.sub(
        r'href="(\d\d_\w+)\.ipynb(#[^"]*)?"',
        lambda m: f'href="{stems[m[1]]}{m[2] or ""}"' if m[1] in stems else m[0],
        body,
    )


def exporter(vendor_prefix: str = "vendor") -> SlidesExporter:
    """nbconvert's slides exporter, configured for offline 1280 × 720 decks."""
    c = Config()
    c.SlidesExporter.extra_template_basedirs = [str(TEMPLATES)]
    c.SlidesExporter.template_name = "handout"
    c.SlidesExporter.reveal_url_prefix = f"{vendor_prefix}/reveal.js"
    c.SlidesExporter.mathjax_url = f"{vendor_prefix}/mathjax/es5/tex-chtml-full.js"
    c.SlidesExporter.reveal_width = str(WIDTH)
    c.SlidesExporter.reveal_height = str(HEIGHT)
    c.SlidesExporter.reveal_theme = "white"
    c.SlidesExporter.reveal_transition = "none"
    c.SlidesExporter.reveal_number = "c/t"
    c.SlidesExporter.exclude_input_prompt = True
    c.SlidesExporter.exclude_output_prompt = True
    return SlidesExporter(config=c)


def copy_vendor(out: Path) -> None:
    """Copy slides/vendor/ into the deck folder (the decks' only dependency)."""
    shutil.copytree(
        VENDOR, out / "vendor", dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md")
    )


def write_index(out: Path, lessons: list[Lesson]) -> None:
    items = "\n".join(
        f'<li><a href="{deck_name(lesson)}">{html.escape(lesson.heading)}</a></li>'
        for lesson in lessons
    )
    (out / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Backprop from Scratch: handout decks</title></head>\n"
        f"<body><h1>Backprop from Scratch: handout decks</h1>\n<ul>\n{items}\n</ul>\n"
        "<p>Keys: → / space next, ← back, Esc overview, S speaker view.</p></body></html>\n",
        encoding="utf-8",
    )


def build(out: Path = OUT, numbers: list[str] | None = None) -> dict[str, Path]:
    """Write one deck per lesson (all, or those numbered in `numbers`) into `out`."""
    lessons = [lesson for lesson in LESSONS if not numbers or lesson.number in numbers]
    if numbers and len(lessons) != len(set(numbers)):
        known = ", ".join(lesson.number for lesson in LESSONS)
        raise ValueError(f"numbers must name lessons of the series ({known}); got {numbers}")
    out.mkdir(parents=True, exist_ok=True)
    copy_vendor(out)
    slides = exporter()
    written = {}
    for lesson in lessons:
        body, _ = slides.from_notebook_node(
            handout_notebook(lesson), resources={"metadata": {"name": lesson.heading}}
        )
        path = out / deck_name(lesson)
        path.write_text(link_decks(body), encoding="utf-8")
        written[lesson.number] = path
    write_index(out, lessons)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("numbers", nargs="*", help="lesson numbers (default: all)")
    parser.add_argument("--out", type=Path, default=OUT, help="deck folder (default build/slides)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    written = build(args.out, args.numbers or None)
    for path in written.values():
        print(f"{path.stat().st_size / 1e6:6.2f} MB  {path.name}")
    print(f"{len(written)} decks in {args.out} ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
