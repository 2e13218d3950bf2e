"""Guards for the strict nbval harness, so it cannot go hollow without failing.

nbval passes a notebook with no stored outputs, skips or ignores cells marked in any of several
spellings, and compares no pictures; these tests fail the suite if the stored notebooks drift into
any of that. `test_the_audit_catches_each_planted_bypass` proves the audit can fail.
"""

import copy
import re
import shlex
import subprocess
from pathlib import Path

import nbformat
import pytest
from harness import (
    PATHS,
    ROOT,
    WIDGET_VIEW,
    audit,
    code_cells,
    is_compared,
    nbval_mode,
    read,
    shows_live_panel,
)
from nbval.plugin import get_sanitize_patterns

IDS = [path.name for path in PATHS]


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_nbval_compares_every_cell_but_live_panels_and_80_percent_per_notebook(path):
    assert audit([path]) == []


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_every_code_cell_ran_in_order_from_a_fresh_kernel(path):
    counts = [cell.execution_count for cell in code_cells(read(path))]
    assert None not in counts, f"{path.name}: a code cell was never executed"
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: not run top to bottom once: {counts}"
    )


@pytest.mark.parametrize("path", PATHS, ids=IDS)
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


@pytest.mark.parametrize("path", PATHS, ids=IDS)
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


@pytest.mark.parametrize("path", PATHS, ids=IDS)
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
    """Ask make what `make test` runs (a dry run, nothing executed) instead of reading the Makefile."""
    dry = subprocess.run(  # -o: take the venv as built, so only the test recipe is printed
        ["make", "-n", "-o", ".venv/.stamp-dev", "test"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (command,) = [shlex.split(line) for line in dry.splitlines() if " -m pytest " in line]
    assert "--nbval" in command and "--nbval-current-env" in command
    assert "--nbval-lax" not in command
    assert "notebooks" in command and "tests" in command
    assert command[command.index("--nbval-sanitize-with") + 1] == "tests/nbval_sanitize.cfg"


def test_sanitize_file_only_touches_unstable_text():
    """Read the sanitize file with nbval's own parser, and check no pattern hides a number."""
    patterns = get_sanitize_patterns((Path(__file__).parent / "nbval_sanitize.cfg").read_text())
    assert patterns, "the sanitize file defines no pattern (nbval would read it as empty)"
    samples = ["z = 6.0", "y = 5.986", "[1.0, -2.0, 3.0]", "✔ Correct.", "relative error 3.2e-11"]
    for regex, _replace in patterns:
        for sample in samples:
            assert not re.search(regex, sample), f"sanitizer {regex!r} would hide {sample!r}"


# --- planted bypasses: each one must be reported by the audit -------------------------------

SOURCE = ROOT / "notebooks" / "01_the_neuron.ipynb"


def _first_compared_with_output(nb):
    """Index (among code cells) of the first compared cell that prints something."""
    return next(i for i, c in enumerate(code_cells(nb)) if is_compared(c) and c.outputs and i > 0)


def _prepend(line):
    def plant(cell):
        cell.source = f"{line}\n{cell.source}"

    return plant


def _on_line_2(line):
    def plant(cell):
        first, _, rest = cell.source.partition("\n")
        cell.source = f"{first}\n{line}\n{rest}"

    return plant


def _tag(tag):
    def plant(cell):
        cell.metadata.setdefault("tags", []).append(tag)

    return plant


PLANTS = {
    "#NBVAL_SKIP, no space": (_prepend("#NBVAL_SKIP"), "skipped"),
    "# NBVAL_SKIP": (_prepend("# NBVAL_SKIP"), "skipped"),
    "marker on line 2": (_on_line_2("# NBVAL_IGNORE_OUTPUT"), "output-ignored"),
    "# PYTEST_VALIDATE_IGNORE_OUTPUT": (
        _prepend("# PYTEST_VALIDATE_IGNORE_OUTPUT"),
        "output-ignored",
    ),
    "# NBVAL_IGNORE_OUTPUT on a non-panel cell": (
        _prepend("# NBVAL_IGNORE_OUTPUT"),
        "output-ignored",
    ),
    "indented ##  NBVAL_IGNORE_OUTPUT": (
        _on_line_2("    ##  NBVAL_IGNORE_OUTPUT"),
        "output-ignored",
    ),
    "# NBVAL_RAISES_EXCEPTION": (_prepend("# NBVAL_RAISES_EXCEPTION"), "raises"),
    "tag pytest-validate-ignore-output": (_tag("pytest-validate-ignore-output"), "output-ignored"),
    "tag nbval-ignore-output on a non-panel cell": (_tag("nbval-ignore-output"), "output-ignored"),
    "tag nbval-skip": (_tag("nbval-skip"), "skipped"),
    "tag raises-exception": (_tag("raises-exception"), "raises"),
    "never executed": (lambda cell: cell.update(execution_count=None, outputs=[]), "unrun"),
}


def _write(nb, path):
    nbformat.write(nb, path)
    return path


def test_the_real_notebook_used_for_planting_audits_clean():
    assert audit([SOURCE]) == []


@pytest.mark.parametrize("name", list(PLANTS))
def test_the_audit_catches_each_planted_bypass(name, tmp_path):
    plant, mode = PLANTS[name]
    nb = read(SOURCE)
    i = _first_compared_with_output(nb)
    cell = code_cells(nb)[i]
    assert not shows_live_panel(cell)
    plant(cell)
    assert nbval_mode(cell) == mode, f"nbval's own parser reads {name!r} as {nbval_mode(cell)}"
    problems = audit([_write(nb, tmp_path / SOURCE.name)])
    assert any(f"code cell {i}: {mode}" in problem for problem in problems), problems


def test_a_marker_on_a_live_panel_cell_is_allowed_but_a_skip_is_not(tmp_path):
    """The one sanctioned escape: a cell that displays a live panel may have its output
    ignored (in any spelling); skipping it (not even run) is still reported."""
    nb = read(SOURCE)
    (i,) = [k for k, c in enumerate(code_cells(nb)) if shows_live_panel(c)]
    panel = code_cells(nb)[i]
    panel.metadata["tags"] = []
    panel.source = "# PYTEST_VALIDATE_IGNORE_OUTPUT\n" + panel.source
    assert audit([_write(nb, tmp_path / "ignored.ipynb")]) == []
    panel.source = "#NBVAL_SKIP\n" + panel.source
    problems = audit([_write(nb, tmp_path / "skipped.ipynb")])
    assert any(f"code cell {i}: skipped" in p for p in problems), problems


def test_a_whole_uncompared_notebook_is_caught_even_when_the_series_pooled_passes(tmp_path):
    """00 made entirely uncompared while the others are fine: pooled over the series ≥ 80 % of
    cells are still compared (the old guard passed), but the per-notebook audit reports 00."""
    first = PATHS[0]
    nb = read(first)
    for cell in code_cells(nb):
        cell.source = "# NBVAL_IGNORE_OUTPUT\n" + cell.source
    hollow = _write(nb, tmp_path / first.name)
    series = [hollow, *PATHS[1:]]
    cells = [cell for path in series for cell in code_cells(read(path))]
    assert sum(map(is_compared, cells)) / len(cells) >= 0.8  # what the pooled guard saw
    problems = audit(series)
    assert any(p.startswith(f"{first.name}: nbval compares only 0 of") for p in problems), problems
    assert all(p.startswith(first.name) for p in problems), problems


def test_nbval_mode_follows_nbval_where_a_comment_overrides_a_tag():
    """nbval applies comment markers after tags: `# NBVAL_CHECK_OUTPUT` re-enables comparison
    of a cell tagged nbval-ignore-output."""
    cell = nbformat.v4.new_code_cell("# NBVAL_CHECK_OUTPUT\nprint(1)", execution_count=1)
    cell.metadata["tags"] = ["nbval-ignore-output"]
    assert nbval_mode(cell) == "compared"
    plain = copy.deepcopy(cell)
    plain.source = "print(1)"
    assert nbval_mode(plain) == "output-ignored"


def test_live_panels_are_recognised_by_their_widget_view_output():
    cell = nbformat.v4.new_code_cell("panel()", execution_count=1)
    assert not shows_live_panel(cell)
    cell.outputs = [nbformat.v4.new_output("display_data", data={WIDGET_VIEW: {"model_id": "x"}})]
    assert shows_live_panel(cell)
