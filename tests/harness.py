"""The notebook harness: list the series, re-execute it, and measure how much nbval checks.

    python tests/harness.py execute notebooks/*.ipynb   # what `make execute` runs

Execution is deterministic: a fresh kernel per notebook, cells in order, run from
`notebooks/`, no timing metadata. Widget state is stored so JupyterLab can draw the saved
panels before the kernel runs.
"""

from __future__ import annotations

import json
import re
import sys
import uuid
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
IGNORE_TAGS = {"nbval-ignore-output", "nbval-skip", "skip-execution"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def series() -> list[Path]:
    """The notebooks of the series, in order."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def code_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def is_compared(cell: nbformat.NotebookNode) -> bool:
    """True if strict nbval compares this code cell's outputs."""
    tags = set(cell.get("metadata", {}).get("tags", []))
    source = cell.source.lstrip()
    return not (tags & IGNORE_TAGS) and not source.startswith(
        ("# NBVAL_IGNORE_OUTPUT", "# NBVAL_SKIP")
    )


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
    if len(argv) < 2 or argv[0] != "execute":
        print(__doc__)
        return 2
    for name in argv[1:]:
        path = Path(name)
        print(f"executing {path} …", flush=True)
        execute(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
