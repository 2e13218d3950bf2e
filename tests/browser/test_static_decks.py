"""The handout decks (`make slides`, tools/build_decks.py) in headless Chromium, offline.

Every deck is built into a temporary folder, opened from disk with every request that is not a
file:// aborted, and stepped through slide by slide at projector size (1280 × 720): no request
may fail or leave the machine, MathJax must typeset the maths without an error, no slide may run
off the screen, and each live panel must be replaced by its note. Screenshots and a table of the
slides that scroll go to artifacts/static-decks/.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import build_decks  # noqa: E402

from helpers.series import LESSONS  # noqa: E402

SHOTS = ROOT / "artifacts" / "static-decks"
WIDTH, HEIGHT = build_decks.WIDTH, build_decks.HEIGHT
REPORTS: dict[str, dict] = {}

# Raw TeX left in the prose after typesetting: a command, or a $ opening a formula.
RAW_TEX = r"\\(mathbf|mathrm|frac|partial|boldsymbol|cdot|eta|theta|le|ge|lvert|sum)\b|\$[^\s$]"

MEASURE = """(s) => {
  const i = Reveal.getIndices(s);
  const r = s.getBoundingClientRect();
  const title = s.querySelector('h1, h2, h3, h4');
  return {
    h: i.h, v: i.v || 0,
    title: title ? title.textContent.replace('¶', '').trim() : '',
    top: r.top, bottom: r.bottom, left: r.left, right: r.right,
    contentHeight: s.scrollHeight, boxHeight: s.clientHeight,
    contentWidth: s.scrollWidth, boxWidth: s.clientWidth,
    scrolls: s.classList.contains('bfs-scroll'),
    fits: s.classList.contains('bfs-fit'), zoom: s.style.zoom,
    images: s.querySelectorAll('img').length,
    note: s.querySelector('.live-panel-note') !== null,
  };
}"""

# Step through every slide with all its fragments shown, as a lecturer would, and measure it
# once the deck has reacted to the change (it shrinks or scrolls a slide taller than the screen).
STEP_ALL = """async () => {
  const measure = MEASURE;
  const out = [];
  for (const slide of Reveal.getSlides()) {
    const i = Reveal.getIndices(slide);
    Reveal.slide(i.h, i.v || 0, 1000);
    await new Promise(r => setTimeout(r, 0));
    out.push(measure(Reveal.getCurrentSlide()));
  }
  return out;
}""".replace("MEASURE", MEASURE)

GOTO = """async ([h, v]) => {
  Reveal.slide(h, v, 1000);
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
}"""

MATH = """(pattern) => {
  const raw = new RegExp(pattern);
  const leftovers = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => n.parentElement.closest(
      'mjx-container, pre, code, script, style, .jp-CodeMirrorEditor')
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  while (walker.nextNode()) {
    if (raw.test(walker.currentNode.textContent)) {
      leftovers.push(walker.currentNode.textContent.trim().slice(0, 80));
    }
  }
  return {
    typeset: document.querySelectorAll('mjx-container').length,
    errors: document.querySelectorAll('mjx-merror, [data-mjx-error]').length,
    leftovers,
  };
}"""


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    """Every deck, built from the notebooks' stored outputs into a fresh folder."""
    out = tmp_path_factory.mktemp("slides")
    return build_decks.build(out)


@pytest.fixture(scope="module")
def shots():
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    yield SHOTS
    write_report(SHOTS / "report.md")


def write_report(path: Path) -> None:
    lines = [
        "# Handout decks at 1280 × 720",
        "",
        "A slide up to 1.2 times the screen's height is shrunk to fit; a taller one scrolls.",
        "",
        "| deck | slides | shrunk to fit (zoom) | scrolling slides (content height in px) | size |",
        "|---|---|---|---|---|",
    ]
    for number, report in sorted(REPORTS.items()):
        scrolling = ", ".join(
            f"{s['h']}.{s['v']} “{s['title'][:40]}” ({s['contentHeight']})"
            for s in report["slides"]
            if s["scrolls"]
        )
        shrunk = ", ".join(
            f"{s['h']}.{s['v']} ({s['zoom']})" for s in report["slides"] if s["fits"]
        )
        lines.append(
            f"| {number} | {len(report['slides'])} | {shrunk or 'none'} | {scrolling or 'none'} "
            f"| {report['size'] / 1e6:.2f} MB |"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.number)
def test_static_deck_offline(lesson, decks, shots, browser):
    deck = decks[lesson.number]
    outside, failed, errors = [], [], []
    page = browser.new_page()
    try:
        page.set_viewport_size({"width": WIDTH, "height": HEIGHT})

        def only_local(route):
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        page.route("**/*", only_local)
        page.on("requestfailed", lambda req: failed.append(f"{req.url}: {req.failure}"))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on(
            "console",
            lambda msg: errors.append(msg.text) if msg.type in ("error", "warning") else None,
        )
        page.goto(deck.as_uri())
        page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=30_000)
        page.evaluate("() => MathJax.startup.promise")

        math = page.evaluate(MATH, RAW_TEX)
        notes = page.evaluate(
            "() => [...document.querySelectorAll('.live-panel-note')].map(e => e.textContent)"
        )
        slides = page.evaluate(STEP_ALL)
        REPORTS[lesson.number] = {"slides": slides, "size": deck.stat().st_size}

        # A few slides to look at: the title, the first figure, the panel's note, the tallest.
        picks = {"title": slides[0]}
        figures = [s for s in slides if s["images"]]
        if figures:
            picks["figure"] = figures[0]
        with_note = [s for s in slides if s["note"]]
        if with_note:
            picks["panel"] = with_note[0]
        picks["tallest"] = max(slides, key=lambda s: s["contentHeight"])
        for name, s in picks.items():
            page.evaluate(GOTO, [s["h"], s["v"]])
            page.screenshot(path=str(shots / f"{lesson.stem}-{name}-{s['h']}.{s['v']}.png"))
    finally:
        page.close()

    assert not outside, f"{deck.name} asked the network for {outside}"
    assert not failed, f"{deck.name}: failed requests {failed}"
    assert not errors, f"{deck.name}: console errors {errors}"
    assert math["typeset"] > 0, f"{deck.name}: MathJax typeset no formula"
    assert math["errors"] == 0, f"{deck.name}: {math['errors']} MathJax errors"
    assert not math["leftovers"], f"{deck.name}: TeX left untypeset: {math['leftovers']}"

    off_screen = [
        f"{s['h']}.{s['v']} “{s['title']}”: box {s['left']:.0f},{s['top']:.0f}–"
        f"{s['right']:.0f},{s['bottom']:.0f}"
        for s in slides
        if s["top"] < -1 or s["left"] < -1 or s["bottom"] > HEIGHT + 1 or s["right"] > WIDTH + 1
    ]
    assert not off_screen, f"{deck.name}: slides run off the 1280 × 720 screen: {off_screen}"
    too_wide = [
        f"{s['h']}.{s['v']} “{s['title']}” ({s['contentWidth']} px)"
        for s in slides
        if s["contentWidth"] > s["boxWidth"] + 1
    ]
    assert not too_wide, f"{deck.name}: slides wider than the screen: {too_wide}"
    hidden = [
        s
        for s in slides
        if s["contentHeight"] > s["boxHeight"] + 1 and not (s["scrolls"] or s["fits"])
    ]
    assert not hidden, f"{deck.name}: tall slides neither shrunk nor scrolling: {hidden}"
    for s in slides:
        if s["fits"]:
            zoom = float(s["zoom"])
            assert 1 / 1.2 <= zoom < 1, f"{deck.name}: slide {s['h']}.{s['v']} zoomed to {zoom}"

    expected = [f"{lesson.number}.{name}" for name in lesson.panels()]
    assert len(notes) == len(expected), f"{deck.name}: panel notes {notes} for panels {expected}"
    for name in expected:
        assert any(f"live panel {name}:" in note for note in notes), (
            f"{deck.name}: no note for {name} in {notes}"
        )
