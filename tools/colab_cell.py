"""Each notebook's first code cell: opened in Colab it installs the helper package; anywhere else
it does nothing and prints nothing.

    python tools/colab_cell.py apply notebooks/06_*.ipynb   # insert the cell, or bring it up to date
    python tools/colab_cell.py check                        # every notebook of the series; exit 1 if one differs
    python tools/colab_cell.py links                        # the README's Colab and Binder links

The repository address is written in one place, `[project.urls] Repository` in pyproject.toml;
the cell and the links are built from it. After `apply`, re-execute the notebook (its execution
counts shift): `python tests/harness.py execute notebooks/06_*.ipynb`.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
MARKER = "# Opened in Colab?"  # the first line of the cell: how `apply` recognises an older one
CELL_ID = "colab-install"
SLIDESHOW = {"slide_type": "skip"}  # setup, not a slide
GITHUB = re.compile(r"https://github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?")


def repository_url(pyproject: Path = PYPROJECT) -> str:
    """The address in pyproject.toml's [project.urls] Repository (a GitHub repository)."""
    text = pyproject.read_text(encoding="utf-8")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: the one line, read without a TOML parser
        table = re.search(r"^\[project\.urls\]\s*$(.*?)(?=^\[|\Z)", text, flags=re.M | re.S)
        line = re.search(r'^Repository\s*=\s*"([^"]+)"', table.group(1) if table else "", re.M)
        url = line.group(1) if line else None
    else:
        url = tomllib.loads(text).get("project", {}).get("urls", {}).get("Repository")
    if not url or not GITHUB.fullmatch(url):
        raise ValueError(
            f"{pyproject}: [project.urls] Repository must be https://github.com/OWNER/REPO, "
            f"got {url!r}"
        )
    return url


def owner_repo(url: str) -> str:
    """'https://github.com/a/b' -> 'a/b'."""
    match = GITHUB.fullmatch(url)
    if not match:
        raise ValueError(f"url: expected https://github.com/OWNER/REPO, got {url!r}")
    return f"{match['owner']}/{match['repo']}"


def cell_source(url: str) -> str:
    """The cell's code. `helpers` is found everywhere the series was installed (make lab, pip,
    conda, Binder); Colab has only the notebook, so there it installs the package from `url`."""
    return (
        f"{MARKER} Then install the helper package first (anywhere else, this does nothing).\n"
        "import importlib\n"
        "import importlib.util\n"
        "\n"
        'if importlib.util.find_spec("helpers") is None:\n'
        f'    %pip install --quiet "git+{url}"\n'
        "    importlib.invalidate_caches()  # so the import below finds the new package"
    )


def colab_link(url: str, notebook: str) -> str:
    """Colab's address for a notebook of the repository's main branch."""
    return (
        f"https://colab.research.google.com/github/{owner_repo(url)}/blob/main/notebooks/{notebook}"
    )


def binder_link(url: str, notebook: str = "00_start_here.ipynb") -> str:
    """mybinder.org's address: repo2docker builds the root environment.yml, JupyterLab opens."""
    return (
        f"https://mybinder.org/v2/gh/{owner_repo(url)}/HEAD?urlpath=lab/tree/notebooks/{notebook}"
    )


def _first_code_index(nb: nbformat.NotebookNode) -> int:
    return next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), len(nb.cells))


def is_current(nb: nbformat.NotebookNode, url: str) -> bool:
    """True if the notebook's first code cell is the generated one, with its metadata."""
    i = _first_code_index(nb)
    if i == len(nb.cells):
        return False
    cell = nb.cells[i]
    return cell.source == cell_source(url) and cell.metadata.get("slideshow") == SLIDESHOW


def apply(path: Path, url: str) -> bool:
    """Insert the cell before the notebook's first code cell, or replace an older version of it.
    Returns True if the file changed (then it needs re-executing)."""
    nb = nbformat.read(path, as_version=4)
    if is_current(nb, url):
        return False
    i = _first_code_index(nb)
    old = nb.cells[i] if i < len(nb.cells) else None
    if old is not None and old.source.startswith(MARKER):
        old.source = cell_source(url)
        old.metadata["slideshow"] = dict(SLIDESHOW)
        old.outputs, old.execution_count = [], None
    else:
        cell = nbformat.v4.new_code_cell(cell_source(url))
        cell.metadata["slideshow"] = dict(SLIDESHOW)
        ids = {c.get("id") for c in nb.cells}
        cell.id = CELL_ID if CELL_ID not in ids else f"{CELL_ID}-{len(ids)}"
        nb.cells.insert(i, cell)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return True


def _series() -> list[Path]:
    sys.path.insert(0, str(ROOT))
    from helpers.series import LESSONS

    return [lesson.path for lesson in LESSONS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["apply", "check", "links"])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: the whole series")
    args = parser.parse_args(argv)
    url = repository_url()
    paths = args.notebooks or _series()
    if args.command == "links":
        for path in paths:
            print(f"{path.stem}: {colab_link(url, path.name)}")
        print(f"Binder: {binder_link(url)}")
        return 0
    if args.command == "apply":
        for path in paths:
            changed = apply(path, url)
            print(f"{path}: {'cell written: re-execute it' if changed else 'up to date'}")
        return 0
    stale = [path for path in paths if not is_current(nbformat.read(path, as_version=4), url)]
    for path in stale:
        print(f"{path}: its first code cell is not the Colab cell (tools/colab_cell.py apply)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
