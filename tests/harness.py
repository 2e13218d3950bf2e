"""The notebook harness: re-execute the series, and audit how much of it strict nbval checks.

    python tests/harness.py execute notebooks/*.ipynb   # what `make execute` runs
    python tests/harness.py audit [notebooks/*.ipynb]   # what nbval would not compare, and why

The series (which notebooks, in which order) comes from the registry, `helpers.series`.
Execution is deterministic: a fresh kernel per notebook, cells in order, run from
`notebooks/`, no timing metadata. Widget state is stored so JupyterLab can draw the saved
panels before the kernel runs.

What nbval compares is decided by nbval's own parser (`nbval.plugin.find_comment_markers`,
`find_metadata_tags`), read exactly as `IPyNbFile.collect` combines them, so a marker in any
spelling nbval accepts (`#NBVAL_SKIP`, a marker on line 2, `# PYTEST_VALIDATE_IGNORE_OUTPUT`,
the tag `pytest-validate-ignore-output`, `raises-exception`, …) is seen here too.
"""

from __future__ import annotations

import json
import re
import sys
import uuid
from collections import defaultdict
from pathlib import Path

import nbformat

from helpers.series import LESSONS, NOTEBOOKS, ROOT

__all__ = [
    "LESSONS",
    "MIN_COMPARED",
    "NOTEBOOKS",
    "ROOT",
    "WIDGET_VIEW",
    "audit",
    "code_cells",
    "execute",
    "is_compared",
    "nbval_mode",
    "read",
    "shows_live_panel",
]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MIN_COMPARED = 0.8  # of each notebook's code cells, strict nbval compares at least this share,
# except that a notebook with few code cells (00 has 4) may always leave one live panel uncompared.
PATHS = [lesson.path for lesson in LESSONS]  # the series, in order


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def code_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def nbval_options(cell: nbformat.NotebookNode) -> dict[str, object]:
    """The options strict nbval (`--nbval`) runs this code cell with, from nbval's own parser:
    tags first, comment markers override them, and `check` defaults to comparing."""
    import warnings

    from nbval.plugin import find_comment_markers, find_metadata_tags

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nbval warns about conflicting markers; we report modes
        options: dict[str, object] = defaultdict(bool, find_metadata_tags(cell.metadata))
        options.update(dict(find_comment_markers(cell.source)))
    options.setdefault("check", True)
    return options


def nbval_mode(cell: nbformat.NotebookNode) -> str:
    """How strict nbval treats a code cell: "compared", "skipped" (not even run),
    "output-ignored", "raises" (an exception is expected, so an error passes) or "unrun"
    (no stored execution: nbval has nothing to compare against)."""
    options = nbval_options(cell)
    if options["skip"]:
        return "skipped"
    if not options["check"]:
        return "output-ignored"
    if options["check_exception"]:
        return "raises"
    if cell.get("execution_count") is None:
        return "unrun"
    return "compared"


def is_compared(cell: nbformat.NotebookNode) -> bool:
    """True if strict nbval runs this code cell and compares its outputs."""
    return nbval_mode(cell) == "compared"


def shows_live_panel(cell: nbformat.NotebookNode) -> bool:
    """True if the cell's stored outputs display a widget (a live panel)."""
    return any(WIDGET_VIEW in out.get("data", {}) for out in cell.get("outputs", []))


def audit(paths: list[Path] | None = None) -> list[str]:
    """Every way the given notebooks (default: the series) escape strict nbval, one line each.

    A code cell may escape comparison only by having its output ignored while it displays a
    live panel; each notebook on its own must have ≥ MIN_COMPARED of its code cells compared
    (or, if it has fewer than 5 code cells, all but one).
    """
    problems = []
    for path in PATHS if paths is None else paths:
        cells = code_cells(read(path))
        modes = [nbval_mode(cell) for cell in cells]
        for i, (cell, mode) in enumerate(zip(cells, modes, strict=True)):
            if mode == "compared" or (mode == "output-ignored" and shows_live_panel(cell)):
                continue
            reason = "shows no live panel" if mode == "output-ignored" else "only a panel may"
            first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
            problems.append(f"{path.name} code cell {i}: {mode} by nbval, {reason}: {first!r}")
        compared = modes.count("compared")
        allowed = max(1, int(len(cells) * (1 - MIN_COMPARED) + 1e-9))  # uncompared cells allowed
        if not cells or len(cells) - compared > allowed:
            problems.append(
                f"{path.name}: nbval compares only {compared} of {len(cells)} code cells "
                f"(at least {MIN_COMPARED:.0%} per notebook: at most {allowed} may escape)"
            )
    return problems


def execute(path: Path, timeout: int = 300) -> None:
    from nbclient import NotebookClient

    nb = read(path)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=True,
    )
    client.execute()
    nb.metadata.pop("papermill", None)
    nb = stable_widget_ids(nb, path.stem)
    coalesce_streams(nb)
    nbformat.validate(nb)
    nbformat.write(nb, path)


def coalesce_streams(nb: nbformat.NotebookNode) -> None:
    """Merge consecutive stdout (or stderr) chunks of a cell: how the kernel splits a print into
    messages depends on timing, and the stored file should not."""
    for cell in code_cells(nb):
        merged: list = []
        for out in cell.outputs:
            prev = merged[-1] if merged else None
            if (
                out.output_type == "stream"
                and prev is not None
                and prev.output_type == "stream"
                and prev.name == out.name
            ):
                prev.text += out.text
            else:
                merged.append(out)
        cell.outputs = merged


def stable_widget_ids(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Rename the random widget model ids to ones derived from the notebook's name and the
    order the widgets were created in, so re-executing an unchanged notebook changes no byte."""
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    ids = list(state.get("state", {}))
    if not ids:
        return nb
    text = json.dumps(nb)
    stable = {
        old: uuid.uuid5(uuid.NAMESPACE_URL, f"backprop-from-scratch/{name}/{i}").hex
        for i, old in enumerate(ids)
    }
    text = re.sub("|".join(map(re.escape, stable)), lambda m: stable[m.group(0)], text)
    return nbformat.from_dict(json.loads(text))


def main(argv: list[str]) -> int:
    if argv[:1] == ["execute"] and len(argv) > 1:
        for name in argv[1:]:
            path = Path(name)
            print(f"executing {path} …", flush=True)
            execute(path)
        return 0
    if argv[:1] == ["audit"]:
        problems = audit([Path(name) for name in argv[1:]] or None)
        print("\n".join(problems) or "every notebook: nbval compares all but its live panels")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
