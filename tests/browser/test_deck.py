"""The lecture route: every notebook of the series presented as slides in JupyterLab's deck mode
(jupyterlab-slideshow), on a 1280 × 720 projector, with its panels live.

For each notebook: open it, run all cells, start the deck (`deck:start`, the toolbar's "deck"
button) and step through every slide and subslide the way Space does (`deck:go` down, else
forward). On every slide:

- nothing overflows: the slide's cells, stacked, fit in the 720 px window (a deck does not
  scroll), measured as the on-screen cells' total height and the scroll height of the deck;
- math is typeset: no MathJax error element and no red (undefined) macro on the slide;
- every panel shown on the slide responds: each of its sliders, focused and moved with one
  arrow key, redraws the panel within 2 s (and the slider is inside the screen);
- a screenshot at 1280 × 720 goes to artifacts/deck/NN_slideK.png.

Every panel of the registry must be met on some slide. Results: artifacts/deck/deck-report.md.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

import pytest
from browser_check import (
    CHANGE_TIMEOUT_MS,
    PAGE_JS,
    QUIET_MS,
    _settle_rendering,
    _wait,
    close_and_stop,
    open_notebook,
    run_all,
)
from browser_suite import ARTIFACTS, expected

from helpers.series import LESSONS

WIDTH, HEIGHT = 1280, 720
DECK = ARTIFACTS / "deck"
MAX_STEPS = 500  # key presses per deck: a runaway guard, far above any lesson

DECK_JS = r"""
() => {
  if (window.__deck) return;
  const app = window.jupyterapp;
  const deck = (window.__deck = {});
  deck.nb = () => window.__bps.panel().content;
  deck.start = async () => {
    const nb = deck.nb();
    nb.activeCellIndex = 0;
    nb.mode = 'command';
    await app.commands.execute('deck:start');
    nb.activeCellIndex = 0;
  };
  deck.stop = async () => { await app.commands.execute('deck:stop'); };
  deck.presenting = () => document.body.dataset.jpDeckMode === 'presenting';
  deck.next = async () => {
    const before = deck.nb().activeCellIndex;
    await app.commands.execute('deck:go', { direction: 'down', alternate: 'forward' });
    return deck.nb().activeCellIndex !== before;
  };
  deck.onScreen = () => deck.nb().widgets
    .map((w, i) => [w, i]).filter(([w]) => w.hasClass('jp-deck-mod-onscreen'));
  // What is on the current slide and how tall it is.
  deck.measure = () => {
    const cells = deck.onScreen();
    const heights = cells.map(([w]) => {
      const s = getComputedStyle(w.node);
      return w.node.getBoundingClientRect().height + parseFloat(s.marginTop) + parseFloat(s.marginBottom);
    });
    const nbNode = deck.nb().node;
    const outer = nbNode.querySelector('.jp-WindowedPanel-outer') || nbNode;
    const s = getComputedStyle(nbNode);
    const pad = parseFloat(s.paddingTop) + parseFloat(s.paddingBottom);
    const scrolls = [nbNode, outer].map(n => n.scrollHeight - n.clientHeight);
    const math = [];
    for (const [w, i] of cells) {
      for (const e of w.node.querySelectorAll('mjx-merror')) math.push(`cell ${i}: MathJax error in ${e.textContent.trim()}`);
      for (const e of w.node.querySelectorAll('mjx-assistive-mml [mathcolor="red"]')) math.push(`cell ${i}: undefined macro ${e.textContent.trim()}`);
      if (w.model.type === 'markdown' && w.rendered) {
        const md = w.node.querySelector('.jp-RenderedMarkdown');
        if (md) {
          const clone = md.cloneNode(true);
          clone.querySelectorAll('mjx-container, code, pre, script, style').forEach(e => e.remove());
          const raw = clone.textContent.match(/[^\n]{0,30}(\$|\\[A-Za-z]+)[^\n]{0,30}/);
          if (raw) math.push(`cell ${i}: TeX left untypeset "${raw[0].trim()}"`);
        }
      }
    }
    const all = window.__bps.sliderHandles();
    const handles = [];
    for (const [w, i] of cells) {
      for (const h of w.node.querySelectorAll('.jp-OutputArea-output .noUi-handle')) {
        const r = h.getBoundingClientRect();
        if (!w.hasClass('jp-deck-mod-visible')) continue;  // a fragment not reached yet
        handles.push({ index: all.indexOf(h), cell: i, inside: r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth });
      }
    }
    const panels = cells.filter(([w]) => w.node.querySelector('.jp-OutputArea-output .bps-panel, .jp-OutputArea-output .widget-slider')).map(([, i]) => i);
    return {
      cells: cells.map(([, i]) => i), active: deck.nb().activeCellIndex,
      height: Math.ceil(heights.reduce((a, b) => a + b, 0) + pad), scroll: Math.max(...scrolls),
      window: innerHeight, math, handles, panels,
    };
  };
}
"""


@dataclass
class Slide:
    number: int
    cells: list[int]
    height: int
    scroll: int
    math: list[str]
    responses_ms: list[float | None] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def overflows(self) -> bool:
        return self.height > HEIGHT or self.scroll > 1


RESULTS: dict[str, list[Slide]] = {}


def move_slider(page, index: int, where: str) -> tuple[float | None, list[str]]:
    """One arrow-key press on slider `index` (its focused handle); ms until its panel redrew."""
    info = page.evaluate("(i) => window.__bps.describeSlider(i)", index)
    forward, backward = (
        ("ArrowUp", "ArrowDown") if info["vertical"] else ("ArrowRight", "ArrowLeft")
    )
    key = backward if info["now"] >= info["max"] else forward
    page.evaluate("(i) => window.__bps.arm(i)", index)
    page.locator("[data-bps-probe]").focus()
    before = page.evaluate("() => window.__deck.nb().activeCellIndex")
    page.keyboard.press(key)
    changed = _wait(page, "() => window.__bps.probe.tChange !== null", CHANGE_TIMEOUT_MS)
    if changed:
        _wait(page, f"() => window.__bps.settled({QUIET_MS})", CHANGE_TIMEOUT_MS)
    result = page.evaluate("() => window.__bps.finish()")
    problems = [f"{where} {info['where']}: {key} raised {e}" for e in result["errors"]]
    if page.evaluate("() => window.__deck.nb().activeCellIndex") != before:
        problems.append(f"{where} {info['where']}: {key} on the slider moved the deck instead")
    if not result["changed"]:
        problems.append(
            f"{where} {info['where']}: {key} redrew nothing within {CHANGE_TIMEOUT_MS} ms"
        )
        return None, problems
    return round(result["latency"], 1), problems


def present(page, lesson) -> list[Slide]:
    slides: list[Slide] = []
    page.evaluate("() => window.__deck.start()")
    page.wait_for_function("() => window.__deck.presenting()", timeout=10_000)
    by_cells: dict[tuple[int, ...], Slide] = {}  # a slide's steps (fragments) share its cells
    probed: set[int] = set()
    for _step in range(MAX_STEPS):
        page.wait_for_timeout(200)  # the deck's layout and opacity transition (0.1 s)
        m = page.evaluate("() => window.__deck.measure()")
        if m["math"]:  # MathJax typesets asynchronously: give a slow machine a moment
            page.wait_for_timeout(1500)
            m = page.evaluate("() => window.__deck.measure()")
        key = tuple(m["cells"])
        if key not in by_cells:
            by_cells[key] = Slide(len(by_cells) + 1, m["cells"], m["height"], m["scroll"], [])
            slides.append(by_cells[key])
        slide = by_cells[key]
        slide.height, slide.scroll = max(slide.height, m["height"]), max(slide.scroll, m["scroll"])
        slide.math = sorted(set(slide.math) | set(m["math"]))
        # the picture of the slide as built so far (the last step's picture stays)
        page.screenshot(path=str(DECK / f"{lesson.number}_slide{slide.number:02d}.png"))
        where = f"slide {slide.number} (cells {m['cells'][0]}–{m['cells'][-1]})"
        for handle in m["handles"]:
            if handle["index"] in probed:
                continue
            probed.add(handle["index"])
            if not handle["inside"]:
                slide.problems.append(
                    f"{where}: a slider handle of cell {handle['cell']} is off the screen"
                )
            latency, problems = move_slider(page, handle["index"], where)
            slide.responses_ms.append(latency)
            slide.problems += problems
        if not page.evaluate("() => window.__deck.next()"):
            break
    page.evaluate("() => window.__deck.stop()")
    return slides


def write_report() -> None:
    lines = [
        "The series as slides in JupyterLab's deck mode (jupyterlab-slideshow) at 1280 × 720:",
        "per notebook, the slides, the tallest slide (px, the window is 720), the slides that",
        "overflow, and every slider's key press → redraw time on its slide. Written by",
        "`make test-browser` (tests/browser/test_deck.py).",
        "",
        "| notebook | slides | tallest px | overflowing | sliders | median ms | max ms |",
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    for name, slides in RESULTS.items():
        over = [f"{s.number} ({s.height})" for s in slides if s.overflows]
        times = sorted(t for s in slides for t in s.responses_ms if t is not None)
        median = f"{times[len(times) // 2]:.0f}" if times else "–"
        worst = f"{times[-1]:.0f}" if times else "–"
        lines.append(
            f"| {name} | {len(slides)} | {max(s.height for s in slides)} | "
            f"{', '.join(over) or 'none'} | {sum(len(s.responses_ms) for s in slides)} | {median} | {worst} |"
        )
    DECK.mkdir(parents=True, exist_ok=True)
    (DECK / "deck-report.md").write_text("\n".join(lines) + "\n")
    data = {
        name: [s.__dict__ | {"overflows": s.overflows} for s in slides]
        for name, slides in RESULTS.items()
    }
    (DECK / "deck-report.json").write_text(json.dumps(data, indent=1) + "\n")


@pytest.fixture(scope="module")
def deck_page(browser, lab):
    page = browser.new_page()
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    yield page
    page.close()
    write_report()


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.stem)
def test_deck_fits_the_projector_and_keeps_panels_live(lesson, deck_page, lab):
    page = deck_page
    DECK.mkdir(parents=True, exist_ok=True)
    for old in DECK.glob(f"{lesson.number}_slide*.png"):
        old.unlink()
    t0 = time.perf_counter()
    try:
        open_notebook(page, lab.url, lab.token, lesson.path.name, workspace="deck")
        page.evaluate(PAGE_JS)
        page.evaluate(DECK_JS)
        assert run_all(page), "a cell raised while running all cells"
        _settle_rendering(page)
        slides = present(page, lesson)
    finally:
        close_and_stop(page, lab)
    RESULTS[lesson.stem] = slides
    seconds = time.perf_counter() - t0
    _panels, sliders = expected(lesson)
    moved = [t for s in slides for t in s.responses_ms]
    problems = [p for s in slides for p in s.problems]
    problems += [f"slide {s.number}: {m}" for s in slides for m in s.math]
    problems += [
        f"slide {s.number} (cells {s.cells}) is {s.height} px tall (scrolls {s.scroll} px), the screen {HEIGHT}"
        for s in slides
        if s.overflows
    ]
    if len(moved) != sliders:
        problems.append(f"{len(moved)} slider(s) met on slides, its panels have {sliders}")
    assert not problems, (
        f"{lesson.stem} ({len(slides)} slides, {seconds:.0f} s):\n  " + "\n  ".join(problems)
    )
