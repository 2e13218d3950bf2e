"""Guards for the strict nbval harness, so it cannot go hollow without failing.

nbval passes a notebook with no stored outputs, skips ignored cells and compares no pictures;
these tests fail the suite if the stored notebooks drift into any of that.
"""

import re
from pathlib import Path

import pytest
from harness import NOTEBOOKS, ROOT, WIDGET_VIEW, code_cells, is_compared, read, series

NOTEBOOK_PATHS = series()
IDS = [path.name for path in NOTEBOOK_PATHS]


def test_series_starts_at_00_and_is_numbered_without_gaps():
    numbers = [int(path.name[:2]) for path in NOTEBOOK_PATHS]
    assert numbers and numbers[0] == 0, "notebooks/00_start_here.ipynb is missing"
    assert numbers == list(range(len(numbers))), f"gaps or duplicates in {IDS}"
    stray = {p.name for p in NOTEBOOKS.glob("*.ipynb")} - set(IDS)
    assert not stray, f"notebooks outside the numbered series: {stray}"


def test_at_least_80_percent_of_code_cells_are_compared():
    cells = [cell for path in NOTEBOOK_PATHS for cell in code_cells(read(path))]
    compared = sum(is_compared(cell) for cell in cells)
    assert cells and compared / len(cells) >= 0.8, (
        f"only {compared} of {len(cells)} code cells compared"
    )


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=IDS)
def test_every_code_cell_ran_in_order_from_a_fresh_kernel(path):
    counts = [cell.execution_count for cell in code_cells(read(path))]
    assert None not in counts, f"{path.name}: a code cell was never executed"
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: not run top to bottom once: {counts}"
    )


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=IDS)
def test_no_stored_error_warning_or_unstable_repr(path):
    for i, cell in enumerate(code_cells(read(path))):
        for out in cell.outputs:
            assert out.output_type != "error", (
                f"{path.name} cell {i}: stored error {out.get('ename')}"
            )
            if out.output_type == "stream":
                assert out.name == "stdout", (
                    f"{path.name} cell {i}: stderr output {out.text[:200]!r}"
                )
            text = out.get("text", "") + str(out.get("data", {}).get("text/plain", ""))
            if is_compared(cell):
                assert not re.search(r" at 0x[0-9a-f]+>|<Figure size", text), (
                    f"{path.name} cell {i}: an object repr in a compared output: {text[:200]!r}"
                )


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=IDS)
def test_only_live_widget_cells_are_ignored(path):
    for i, cell in enumerate(code_cells(read(path))):
        shows_widget = any(WIDGET_VIEW in out.get("data", {}) for out in cell.outputs)
        if not is_compared(cell):
            assert shows_widget, (
                f"{path.name} cell {i} is ignored by nbval but shows no live widget"
            )


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=IDS)
def test_presentable_and_linked(path):
    nb = read(path)
    assert nb.metadata.kernelspec.name == "python3"
    for i, cell in enumerate(nb.cells):
        assert "slide_type" in cell.metadata.get("slideshow", {}), (
            f"{path.name} cell {i}: no slide_type"
        )
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for target in re.findall(r"\]\(([^)#:]+\.ipynb)", cell.source):
                assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


def _math_spans(markdown: str) -> list[str]:
    text = re.sub(r"```.*?```|`[^`\n]*`", "", markdown, flags=re.S)  # code is not math
    text = text.replace(r"\$", "")
    assert text.count("$") % 2 == 0, f"unbalanced $ in: {text[:300]!r}"
    return re.findall(r"\$\$(.+?)\$\$|\$(.+?)\$", text, flags=re.S)


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=IDS)
def test_math_is_mathjax_friendly(path):
    """Static lint; the browser suite checks what MathJax actually renders."""
    for cell in read(path).cells:
        if cell.cell_type != "markdown":
            continue
        for display, inline in _math_spans(cell.source):
            tex = display or inline
            assert "\\begin{equation" not in tex, f"{path.name}: equation environment inside $…$"
            depth = 0
            for ch in re.sub(r"\\[{}]", "", tex):
                depth += {"{": 1, "}": -1}.get(ch, 0)
                assert depth >= 0, f"{path.name}: unbalanced braces in ${tex}$"
            assert depth == 0, f"{path.name}: unbalanced braces in ${tex}$"


def test_make_test_runs_strict_nbval_on_the_notebooks():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "--nbval-lax" not in makefile
    assert "$(NBVAL)" in recipe and "notebooks" in recipe
    assert re.search(r"^NBVAL\s*:=.*--nbval --nbval-current-env", makefile, re.M)


def test_sanitize_file_only_touches_unstable_text():
    cfg = (Path(__file__).parent / "nbval_sanitize.cfg").read_text()
    regexes = re.findall(r"^regex: (.+)$", cfg, re.M)
    samples = ["z = 6.0", "y = 5.986", "[1.0, -2.0, 3.0]", "✔ Correct.", "relative error 3.2e-11"]
    for regex in regexes:
        for sample in samples:
            assert not re.search(regex, sample), f"sanitizer {regex!r} would hide {sample!r}"
