"""Slide metadata for a 1280 × 720 projector: every cell's `metadata.slideshow.slide_type`,
assigned by rules, so a notebook presents well as a deck (jupyterlab-slideshow's deck mode,
and nbconvert's slides) and no lesson can drift from the rules.

    python tools/slides.py apply notebooks/06_*.ipynb   # rewrite the slide types (metadata only)
    python tools/slides.py check                        # every notebook of the series; exit 1 if one differs
    python tools/slides.py show notebooks/00_*.ipynb    # the plan: one line per cell, with heights

The rules, in order (a deck does not scroll, so a slide must fit the screen):

1. The first cell, and a markdown cell starting with `#` or `##`, starts a slide; `###` starts
   a subslide.
2. Setup is not a slide: the Colab install cell, and a code cell holding only imports (no
   output), are `skip`.
3. A live panel (a code cell tagged `nbval-ignore-output`, or one whose output is a widget) sits
   on its own subslide, together with at most a one-line lead-in: the markdown cell just before
   it, if that is a single line (then the lead-in starts the subslide). The cell after a panel
   starts a new subslide.
4. An exercise (markdown starting `**Exercise`) starts a subslide; its answer cell and its hidden
   `<details>` solution stay with it (collapsed, the solution is one line tall).
5. Everything else continues the current slide, until the slide's estimated height would pass
   the screen: then the cell starts a subslide ("long cells become subslides").
6. A single cell taller than the screen is zoomed out to fit, in deck mode only (the deck's own
   per-cell "zoom", as cell metadata for @deathbeds/jupyterlab-fonts), never below 50 %.
   `show` names a cell that may pass the screen even so (a hint to split it: the estimate is
   pessimistic, since zoomed prose also wraps into fewer lines; the browser test decides).

A cell that continues a slide is a `fragment`, not `-`: jupyterlab-slideshow 0.3.4 shows a
`-` cell on no slide at all (it reads only a missing slide type as "continue"), and nbformat
allows no null. So a slide builds up one cell per key press; its height is reserved from the
start, and both the deck and nbconvert's reveal.js slides present it the same way.

Heights are estimated from the source and the stored outputs (text lines, wrapped at the
deck's width; pictures at their stored pixel size) in CSS pixels of JupyterLab's default theme.
The browser suite (tests/browser/test_deck.py) measures the real slides at 1280 × 720.
Changing slide types is metadata only: no re-execution is needed.
"""

from __future__ import annotations

import argparse
import ast
import base64
import re
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Type for the back of a room, in deck mode only (the notebook keeps JupyterLab's sizes): the
# notebook's metadata for @deathbeds/jupyterlab-fonts (installed with jupyterlab-slideshow),
# which scopes the style to the presenting notebook.
FONTS_KEY = "@deathbeds/jupyterlab-fonts"
PRESENTING = "body[data-jp-deck-mode='presenting'] &"
DECK_STYLE = {
    "styles": {
        "": {
            PRESENTING: {
                "--jp-content-font-size1": "19px",
                "--jp-code-font-size": "16px",
                "--jp-widgets-font-size": "16px",
            }
        }
    }
}
FIT_PX = 640  # a cell estimated taller than ZOOM_FROM_PX is zoomed out to this, in deck mode only
ZOOM_FROM_PX = 680  # estimates err by −50 %…+10 %: zoom only what surely passes the screen
MIN_ZOOM = 50  # per cent: below it text is not legible; such a cell must be split by its author
SCREEN_PX = 720  # the projector's height in CSS pixels (1280 × 720)
BUDGET_PX = 600  # what the packer fills: the estimate is rough, the browser test measures
TEXT_WIDTH_PX = 1090  # a markdown cell's text width in deck mode at 1280 px
CHARS_PER_LINE = 105  # prose at 19 px (DECK_STYLE) across TEXT_WIDTH_PX
CODE_CHARS_PER_LINE = 105  # code lines wrap in the output area (16 px monospace)
LINE_PX = 30  # a line of prose
CODE_LINE_PX = 21  # a line of code or of printed output
CELL_PAD_PX = 14  # padding around every cell
PANEL_TAG = "nbval-ignore-output"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
COLAB_MARKER = "# Opened in Colab?"  # tools/colab_cell.py's first line
LEAD_IN_CHARS = 160  # a one-line lead-in: one line of source, at most this long
HEADING = re.compile(r"^(#{1,6})\s")
EXERCISE = re.compile(r"^\*\*Exercise\b")
CONTINUE = "fragment"  # see the module docstring: never "-"


@dataclass(frozen=True)
class Planned:
    """One cell's slide type and why, with its estimated height (px)."""

    index: int
    slide_type: str
    reason: str
    height: int
    zoom: int = 100  # per cent, in deck mode (rule 6)


# --- what a cell is -----------------------------------------------------------------------------


def heading_level(cell) -> int:
    """1 for `# …`, 2 for `## …`, …; 0 if the markdown cell does not start with a heading."""
    if cell.cell_type != "markdown":
        return 0
    match = HEADING.match(cell.source.lstrip())
    return len(match.group(1)) if match else 0


def is_panel(cell) -> bool:
    """A live panel: tagged nbval-ignore-output (the series' rule), or drawing a widget."""
    if cell.cell_type != "code":
        return False
    if PANEL_TAG in cell.metadata.get("tags", []):
        return True
    return any(WIDGET_MIME in out.get("data", {}) for out in cell.get("outputs", []))


def is_setup(cell) -> bool:
    """The Colab install cell, or a code cell of imports only that prints nothing."""
    if cell.cell_type != "code":
        return False
    if cell.source.startswith(COLAB_MARKER):
        return True
    printed = any(out.get("output_type") != "stream" or out.get("text") for out in cell.outputs)
    try:
        body = ast.parse(cell.source).body
    except SyntaxError:
        return False
    return (
        bool(body) and not printed and all(isinstance(n, ast.Import | ast.ImportFrom) for n in body)
    )


def is_exercise(cell) -> bool:
    return cell.cell_type == "markdown" and bool(EXERCISE.match(cell.source.lstrip()))


def is_solution(cell) -> bool:
    return cell.cell_type == "markdown" and cell.source.lstrip().startswith("<details>")


def is_lead_in(cell) -> bool:
    """A markdown cell of one short line (a heading counts): it may share a panel's slide."""
    if cell.cell_type != "markdown" or is_exercise(cell) or is_solution(cell):
        return False
    lines = [line for line in cell.source.strip().splitlines() if line.strip()]
    return len(lines) == 1 and len(lines[0]) <= LEAD_IN_CHARS


# --- how tall a cell is -------------------------------------------------------------------------


def _wrapped(lines: list[str], width: int) -> int:
    return sum(max(1, -(-len(line) // width)) for line in lines)


def png_size(data: str) -> tuple[int, int]:
    """(width, height) in pixels of a base64 PNG, read from its IHDR chunk."""
    head = base64.b64decode(data[:44])
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("data: expected a base64 PNG")
    return struct.unpack(">II", head[16:24])


def markdown_height(source: str) -> int:
    """Prose lines wrapped at the deck's width, headings taller, display math and table rows."""
    height, in_math = CELL_PAD_PX, False
    text = re.sub(r"<details>.*?</details>", "<details/>", source, flags=re.S)
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("$$"):
            in_math = not (line.endswith("$$") and len(line) > 2) and not in_math
            height += 44 if not in_math else 0
            continue
        if in_math:
            height += 22
        elif not line:
            height += 10  # paragraph gap
        elif line.startswith("|"):
            height += 0 if set(line) <= set("|-: ") else LINE_PX + 4  # a table row, separator none
        elif line == "<details/>":
            height += 30  # the collapsed summary line
        else:
            level = len(HEADING.match(line).group(1)) if HEADING.match(line) else 0
            size = {1: 2.2, 2: 1.8, 3: 1.5}.get(level, 1.0)
            per_line = int(CHARS_PER_LINE / size)
            height += int(_wrapped([line], per_line) * LINE_PX * size) + (12 if level else 0)
    return height


def output_height(out) -> int:
    kind = out.get("output_type")
    if kind == "stream":
        return (
            _wrapped(out.get("text", "").rstrip("\n").splitlines(), CODE_CHARS_PER_LINE)
            * CODE_LINE_PX
            + 6
        )
    if kind == "error":
        return 200
    data = out.get("data", {})
    if "image/png" in data:
        width, height = png_size(data["image/png"])
        meta = out.get("metadata", {}).get("image/png", {})
        width, height = meta.get("width", width), meta.get("height", height)
        scale = min(1.0, TEXT_WIDTH_PX / width)
        return int(height * scale) + 8
    if WIDGET_MIME in data:
        return 500  # a panel: sliders and a picture (it gets its own subslide anyway)
    if "text/markdown" in data:
        return markdown_height(data["text/markdown"])
    if "text/html" in data:
        return _wrapped(data["text/html"].splitlines(), CODE_CHARS_PER_LINE) * LINE_PX
    if "text/plain" in data:
        return _wrapped(data["text/plain"].splitlines(), CODE_CHARS_PER_LINE) * CODE_LINE_PX + 6
    return 0


def cell_height(cell) -> int:
    """The cell's estimated height in deck mode (CSS px)."""
    if cell.cell_type == "markdown":
        return markdown_height(cell.source)
    source = cell.source.splitlines() or [""]
    height = CELL_PAD_PX + 12 + _wrapped(source, CODE_CHARS_PER_LINE) * CODE_LINE_PX
    return height + sum(output_height(out) for out in cell.get("outputs", []))


# --- the rules ----------------------------------------------------------------------------------


def plan(nb) -> list[Planned]:
    """Every cell's slide type by the rules in the module docstring."""
    cells = nb.cells
    estimated = [cell_height(c) for c in cells]
    zooms = [
        max(MIN_ZOOM, min(100, (100 * FIT_PX) // h)) if h > ZOOM_FROM_PX else 100 for h in estimated
    ]
    heights = [h * z // 100 for h, z in zip(estimated, zooms, strict=True)]
    fixed: dict[int, tuple[str, str]] = {}  # rules 1–4: index -> (slide type, reason)
    for i, cell in enumerate(cells):
        level = heading_level(cell)
        if i == 0 or level in (1, 2):
            fixed[i] = ("slide", "first cell" if i == 0 else f"heading level {level}")
        elif is_setup(cell):
            fixed[i] = ("skip", "setup")
        elif level == 3:
            fixed[i] = ("subslide", "heading level 3")
        elif is_exercise(cell):
            fixed[i] = ("subslide", "exercise")
    for i, cell in enumerate(cells):
        if not is_panel(cell):
            continue
        prev = i - 1
        while prev >= 0 and fixed.get(prev, ("",))[0] == "skip":
            prev -= 1
        if prev >= 0 and is_lead_in(cells[prev]) and not is_panel(cells[prev]):
            if fixed.get(prev, ("",))[0] != "slide":
                fixed[prev] = ("subslide", "lead-in of a panel")
            fixed[i] = (CONTINUE, "panel, with its lead-in")
        else:
            fixed[i] = ("subslide", "panel")
        after = i + 1
        while after < len(cells) and fixed.get(after, ("",))[0] == "skip":
            after += 1
        if after < len(cells) and fixed.get(after, ("",))[0] not in ("slide", "subslide"):
            fixed[after] = ("subslide", "after a panel")

    # Rule 5 packs groups: a markdown cell and the code cells after it (its code) stay
    # together; a group that would overflow the slide starts a subslide; a group taller than
    # the screen is cut between its cells.
    types = {i: fixed.get(i, (CONTINUE, "continues")) for i in range(len(cells))}
    groups: list[list[int]] = []
    for i, cell in enumerate(cells):
        if types[i][0] == "skip":
            continue
        starts = types[i][0] in ("slide", "subslide") or cell.cell_type == "markdown"
        if starts or not groups:
            groups.append([])
        groups[-1].append(i)
    used = 0  # estimated height of the (sub)slide being filled
    for group in groups:
        first = group[0]
        size = sum(heights[i] for i in group)
        if types[first][0] in ("slide", "subslide"):
            used = 0
        elif used + size > BUDGET_PX and used > 0:
            types[first] = ("subslide", f"slide full ({used} + {size} px)")
            used = 0
        for i in group:
            if (
                i != first
                and types[i][0] == CONTINUE
                and used + heights[i] > BUDGET_PX
                and used > 0
            ):
                types[i] = ("subslide", f"slide full ({used} + {heights[i]} px)")
                used = 0
            elif types[i][0] == "subslide" and i != first:
                used = 0
            used += heights[i]
    return [Planned(i, *types[i], estimated[i], zooms[i]) for i in range(len(cells))]


def zoom_style(zoom: int) -> dict | None:
    """The cell metadata that zooms a cell in deck mode (None: no zoom)."""
    return None if zoom >= 100 else {"styles": {"": {PRESENTING: {"zoom": f"{zoom}%"}}}}


def too_tall(nb) -> list[str]:
    """Cells that even at MIN_ZOOM may pass the screen, by the (pessimistic) estimate."""
    return [
        f"cell {p.index} is ~{p.height} px tall at projector type: split it (at {MIN_ZOOM} % it is still ~{p.height * MIN_ZOOM // 100} px)"
        for p in plan(nb)
        if p.slide_type != "skip" and p.height * p.zoom // 100 > SCREEN_PX
    ]


def slide_type_of(cell) -> str | None:
    return cell.metadata.get("slideshow", {}).get("slide_type")


def differences(nb) -> list[str]:
    """Cells whose slide type is not the planned one (and a missing deck style), as lines."""
    style = (
        []
        if nb.metadata.get(FONTS_KEY) == DECK_STYLE
        else [f"notebook: {FONTS_KEY} is not DECK_STYLE"]
    )
    return (
        style
        + [
            f"cell {p.index}: {slide_type_of(nb.cells[p.index])!r}, the rules say {p.slide_type!r} ({p.reason})"
            for p in plan(nb)
            if slide_type_of(nb.cells[p.index]) != p.slide_type
        ]
        + [
            f"cell {p.index}: deck zoom {nb.cells[p.index].metadata.get(FONTS_KEY)!r}, the rules say {zoom_style(p.zoom)!r}"
            for p in plan(nb)
            if nb.cells[p.index].metadata.get(FONTS_KEY) != zoom_style(p.zoom)
        ]
    )


def apply(path: Path) -> bool:
    """Write the planned slide types into the notebook; True if it changed."""
    nb = nbformat.read(path, as_version=4)
    if not differences(nb):
        return False
    for p in plan(nb):
        cell = nb.cells[p.index]
        cell.metadata["slideshow"] = {"slide_type": p.slide_type}
        if zoom_style(p.zoom) is None:
            cell.metadata.pop(FONTS_KEY, None)
        else:
            cell.metadata[FONTS_KEY] = zoom_style(p.zoom)
    nb.metadata[FONTS_KEY] = DECK_STYLE
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return True


def slides(nb) -> list[list[int]]:
    """The deck's (sub)slides as lists of cell indices (skipped cells left out)."""
    out: list[list[int]] = []
    for p in plan(nb):
        if p.slide_type == "skip":
            continue
        if p.slide_type in ("slide", "subslide") or not out:
            out.append([])
        out[-1].append(p.index)
    return out


def _series() -> list[Path]:
    from helpers.series import LESSONS

    return [lesson.path for lesson in LESSONS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["apply", "check", "show"])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="default: every notebook of the series"
    )
    args = parser.parse_args(argv)
    paths = args.notebooks or _series()
    bad = 0
    for path in paths:
        if args.command == "apply":
            print(f"{path}: {'updated' if apply(path) else 'already follows the rules'}")
            continue
        nb = nbformat.read(path, as_version=4)
        if args.command == "show":
            for line in too_tall(nb):
                print(f"hint: {line}")
            for p in plan(nb):
                first = nb.cells[p.index].source.strip().splitlines()[:1] or [""]
                print(
                    f"{p.index:3d} {p.slide_type:9s} {p.height:4d}px  {p.reason:28s} {first[0][:60]}"
                )
            continue
        problems = differences(nb)
        for line in too_tall(nb):
            print(f"{path}: hint: {line}")
        bad += bool(problems)
        for line in problems:
            print(f"{path}: {line}")
    if bad:
        print(f"{bad} notebook(s) differ: run `make slide-metadata` (tools/slides.py apply)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
