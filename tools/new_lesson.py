"""Start a new lesson of the series with one command:

    make new-lesson NAME=08_training_a_network TITLE="Training a network"
    python tools/new_lesson.py 08_training_a_network "Training a network" [--root DIR] [--no-execute]

writes, from the templates in templates/lesson/,

    notebooks/08_training_a_network.ipynb          title, imports, static twin + live panel, two
                                                   exercises with hidden solutions — executed
    helpers/lessons/nb08_training_a_network/       __init__.py, views.py (PARAMS, a view, PANELS),
                                                   checkers.py (EXERCISES: two Exercise records)
    tests/test_nb08_views.py, tests/test_nb08_checkers.py

and appends `Lesson("08", "training_a_network", "Training a network")` to LESSONS in
helpers/series.py and the lesson's rows to the README's two tables. Everything passes
`make test` as written; then replace the scaffold's content with the lesson's own. The number
must be the next one in the series; nothing is overwritten.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import colab_cell

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE.parent / "templates" / "lesson"
NAME = re.compile(r"(?P<number>\d\d)_(?P<slug>[a-z][a-z0-9]*(?:_[a-z0-9]+)*)")


def registered(series_py: Path) -> list[tuple[str, str, str]]:
    """The (number, slug, title) of every Lesson(...) in LESSONS, read from the source."""
    for node in ast.parse(series_py.read_text()).body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            if any(isinstance(t, ast.Name) and t.id == "LESSONS" for t in targets):
                return [tuple(ast.literal_eval(a) for a in call.args) for call in node.value.elts]
    raise ValueError(f"{series_py}: no LESSONS tuple found")


def _append_lesson(series_py: Path, number: str, slug: str, title: str) -> None:
    """Insert the new Lesson(...) as the last entry of the LESSONS tuple."""
    text = series_py.read_text()
    tree = ast.parse(text)
    (node,) = [
        n
        for n in tree.body
        if isinstance(n, ast.AnnAssign)
        and isinstance(n.target, ast.Name)
        and n.target.id == "LESSONS"
    ]
    lines = text.splitlines(keepends=True)
    close = node.value.end_lineno - 1  # the line holding the tuple's closing parenthesis
    entry = f"    Lesson({json.dumps(number)}, {json.dumps(slug)}, {json.dumps(title)}),\n"
    lines.insert(close, entry)
    series_py.write_text("".join(lines))


SERIES_TABLE = "| notebook | you will be able to … |"
LAYOUT_TABLE = "| notebook | lesson package (`helpers/lessons/…`) | tests (`tests/…`) |"


def _readme_with_rows(readme: Path, number: str, stem: str, title: str) -> str:
    """The README with the lesson appended to its series table and its notebook → package →
    tests table."""
    lines = readme.read_text().splitlines(keepends=True)
    rows = {
        SERIES_TABLE: f"| `{stem}` | *{title}: say what a learner will be able to do* |\n",
        LAYOUT_TABLE: f"| `{stem}` | `nb{stem}/views.py`, `checkers.py` "
        f"| `test_nb{number}_views.py`, `test_nb{number}_checkers.py` |\n",
    }
    for header, row in rows.items():
        start = next((i for i, line in enumerate(lines) if line.rstrip() == header), None)
        if start is None:
            raise ValueError(f"{readme}: no table headed {header!r}")
        end = start
        while end < len(lines) and lines[end].startswith("|"):
            end += 1
        lines.insert(end, row)
    return "".join(lines)


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    left = re.findall(r"\{\{[A-Z_]+\}\}", text)
    if left:
        raise ValueError(f"unfilled placeholders {left}")
    return text


def notebook(template: str, metadata: dict) -> nbformat.NotebookNode:
    """Cells from the template: a line `%% <markdown|code> <slide_type> [tag …]` starts each."""
    nb = nbformat.v4.new_notebook(metadata=metadata)
    for k, block in enumerate(re.split(r"^%% ", template, flags=re.M)[1:]):
        header, _, source = block.partition("\n")
        kind, slide_type, *tags = header.split()
        new = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        cell = new(source.rstrip("\n"))
        cell.id = f"cell-{k}"  # stable ids: regenerating the same lesson gives the same file
        cell.metadata["slideshow"] = {"slide_type": slide_type}
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    return nb


def create(root: Path, name: str, title: str, execute: bool = True) -> list[Path]:
    """Write the new lesson under `root` (the repository); returns the files written."""
    match = NAME.fullmatch(name)
    if not match:
        raise ValueError(f"NAME must look like 06_layers_and_batches (NN_lower_case), got {name!r}")
    if not title.strip() or title != title.strip() or any(c in title for c in '"\\\n{}'):
        raise ValueError(f"TITLE: one line without quotes, backslashes or braces, got {title!r}")
    number, slug = match["number"], match["slug"]
    series_py = root / "helpers" / "series.py"
    lessons = registered(series_py)
    expected = f"{len(lessons):02d}"
    if number != expected:
        raise ValueError(f"the next lesson is number {expected}, got {number} ({name})")
    prev_number, prev_slug, prev_title = lessons[-1]
    package = f"helpers.lessons.nb{name}"
    values = {
        "NUMBER": number,
        "STEM": name,
        "HEADING": f"{number} · {title}",
        "PACKAGE": package,
        "PREV_STEM": f"{prev_number}_{prev_slug}",
        "PREV_HEADING": f"{prev_number} · {prev_title}",
    }
    pkg_dir = root / "helpers" / "lessons" / f"nb{name}"
    targets = {
        pkg_dir / "__init__.py": "__init__.py.tmpl",
        pkg_dir / "views.py": "views.py.tmpl",
        pkg_dir / "checkers.py": "checkers.py.tmpl",
        root / "tests" / f"test_nb{number}_views.py": "test_views.py.tmpl",
        root / "tests" / f"test_nb{number}_checkers.py": "test_checkers.py.tmpl",
    }
    ipynb = root / "notebooks" / f"{name}.ipynb"
    existing = [str(p) for p in [*targets, ipynb, pkg_dir] if p.exists()]
    if existing:
        raise FileExistsError(f"would overwrite {existing}")
    readme = _readme_with_rows(root / "README.md", number, name, title)  # checked before writing

    pkg_dir.mkdir(parents=True)
    for path, template in targets.items():
        path.write_text(_fill((TEMPLATES / template).read_text(), values))
    first = nbformat.read(root / "notebooks" / f"{lessons[0][0]}_{lessons[0][1]}.ipynb", 4)
    metadata = {k: v for k, v in first.metadata.items() if k in ("kernelspec", "language_info")}
    nb = notebook(_fill((TEMPLATES / "notebook.md.tmpl").read_text(), values), metadata)
    nbformat.validate(nb)
    nbformat.write(nb, ipynb)
    colab_cell.apply(
        ipynb, colab_cell.repository_url(root / "pyproject.toml")
    )  # Colab's first cell
    _append_lesson(series_py, number, slug, title)
    (root / "README.md").write_text(readme)

    written = [*targets, ipynb]
    ruff = Path(sys.executable).with_name("ruff")
    ruff_cmd = [str(ruff)] if ruff.exists() else [sys.executable, "-m", "ruff"]
    for args in (["format"], ["check", "--fix", "--quiet"]):
        subprocess.run([*ruff_cmd, *args, *map(str, [*written, series_py])], cwd=root, check=True)
    if execute:
        _execute(root, ipynb)
    return [*written, series_py, root / "README.md"]


def _execute(root: Path, ipynb: Path) -> None:
    """Run the new notebook with the harness (fresh kernel, stored outputs), importing `helpers`
    from `root` — also when `root` is a copy of the repository."""
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(root), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    sys.path[:0] = [str(root), str(root / "tests")]
    from harness import execute

    execute(ipynb)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("name", help="NN_slug, e.g. 06_layers_and_batches")
    parser.add_argument("title", help='the heading after "NN · ", e.g. "Layers and batches"')
    parser.add_argument("--root", type=Path, default=HERE.parent, help="the repository")
    parser.add_argument("--no-execute", action="store_true", help="leave the notebook unrun")
    args = parser.parse_args(argv)
    if not args.name or not args.title:
        parser.error('usage: make new-lesson NAME=06_layers_and_batches TITLE="Layers and batches"')
    try:
        written = create(args.root.resolve(), args.name, args.title, not args.no_execute)
    except (ValueError, FileExistsError) as exc:
        print(f"new-lesson: {exc}", file=sys.stderr)
        return 2
    root = args.root.resolve()
    print("wrote", *(f"  {p.relative_to(root)}" for p in written), sep="\n")
    print(
        "next: say in README.md what a learner will be able to do, add the lesson to the map in\n"
        "notebooks/00_start_here.ipynb, link to it from the previous notebook, then `make test`."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
