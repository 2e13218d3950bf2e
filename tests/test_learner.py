"""The learner's path (tools/learner.py): answers live in my-work/, updates of the series never
touch them, and the pristine notebooks stay what the tests check.

The scenario test plays a class with real git in a temporary directory: a bare "upstream" made
from this repository's HEAD, a learner's clone and an instructor's clone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import learner  # noqa: E402

ANSWER = "answer = 6.0  # my answer"  # 01's first exercise: z = −3 + 2 + 6 + 1 = 6


def _tiny_repo(root: Path, names=("00_a.ipynb", "01_b.ipynb")) -> Path:
    (root / "notebooks").mkdir(parents=True)
    for name in names:
        (root / "notebooks" / name).write_text(f"pristine {name}")
    (root / "notebooks" / "scratch.ipynb").write_text("not a notebook of the series")
    return root


def test_copies_only_what_is_missing_and_never_overwrites(tmp_path):
    root = _tiny_repo(tmp_path)
    assert [p.name for p in learner.copy_missing(root)] == ["00_a.ipynb", "01_b.ipynb"]
    work = root / "my-work"
    (work / "01_b.ipynb").write_text("my answers")
    (root / "notebooks" / "01_b.ipynb").write_text("pristine, updated")
    (root / "notebooks" / "02_c.ipynb").write_text("pristine 02_c.ipynb")
    assert [p.name for p in learner.copy_missing(root)] == ["02_c.ipynb"]
    assert (work / "01_b.ipynb").read_text() == "my answers"
    assert (work / "02_c.ipynb").read_text() == "pristine 02_c.ipynb"
    assert not (work / "scratch.ipynb").exists()
    assert learner.copy_missing(root) == []


def test_fresh_keeps_every_old_copy_under_a_new_name(tmp_path):
    root = _tiny_repo(tmp_path)
    work = root / "my-work"
    learner.copy_missing(root)
    (work / "01_b.ipynb").write_text("first try")
    target, kept = learner.fresh("01", root)
    assert (target, kept) == (work / "01_b.ipynb", work / "01_b.old-1.ipynb")
    assert target.read_text() == "pristine 01_b.ipynb"
    assert kept.read_text() == "first try"
    target.write_text("second try")
    _, kept = learner.fresh("01_b.ipynb", root)
    assert kept == work / "01_b.old-2.ipynb" and kept.read_text() == "second try"
    assert (work / "01_b.old-1.ipynb").read_text() == "first try"
    # a learner folder that lacks the notebook just gets it
    (work / "00_a.ipynb").unlink()
    assert learner.fresh("00_a", root) == (work / "00_a.ipynb", None)


@pytest.mark.parametrize("which", ["7", "09", "01_c", "", "b"])
def test_fresh_names_the_series_when_the_notebook_is_unknown(tmp_path, which):
    root = _tiny_repo(tmp_path)
    with pytest.raises(ValueError, match=r"notebook: expected .*00_a, 01_b.*got"):
        learner.fresh(which, root)


def test_the_command_line_reports_and_refuses(tmp_path):
    root = _tiny_repo(tmp_path)
    run = [sys.executable, str(ROOT / "tools" / "learner.py"), "--root", str(root)]
    out = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    assert "new: my-work/00_a.ipynb" in out and "2 notebooks, 2 new" in out
    out = subprocess.run([*run, "fresh", "00"], capture_output=True, text=True, check=True).stdout
    assert "kept your old copy as my-work/00_a.old-1.ipynb" in out
    bad = subprocess.run([*run, "fresh", "42"], capture_output=True, text=True)
    assert bad.returncode == 2 and "expected a number or name" in bad.stderr


def test_the_learner_folder_is_gitignored_and_make_lab_opens_it():
    assert "my-work/" in (ROOT / ".gitignore").read_text().splitlines()
    assert learner.WORK == "my-work"
    make = shutil.which("make")
    if make is None:
        pytest.skip("no make")
    dry = subprocess.run(
        [make, "-n", "-o", ".venv/.stamp-lab", "lab"], cwd=ROOT, capture_output=True, text=True
    )
    lines = dry.stdout.splitlines()
    assert dry.returncode == 0, dry.stderr
    copy = next(i for i, line in enumerate(lines) if "tools/learner.py" in line)
    lab = next(i for i, line in enumerate(lines) if "jupyter lab" in line)
    assert copy < lab and lines[lab].startswith("cd my-work && ")
    dry = subprocess.run([make, "-n", "fresh", "NB=03"], cwd=ROOT, capture_output=True, text=True)
    assert 'tools/learner.py fresh "03"' in dry.stdout


# -- the scenario, with real git -------------------------------------------------------------


def _git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_TERMINAL_PROMPT": "0",
    }
    run = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert run.returncode == 0, f"git {' '.join(args)}: {run.stdout}{run.stderr}"
    return run.stdout + run.stderr


def _has_git_head() -> bool:
    if shutil.which("git") is None:
        return False
    probe = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True)
    return probe.returncode == 0


def _answer(path: Path) -> None:
    """The learner types an answer in place of the first `answer = None` and saves."""
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "answer = None" in c.source)
    cell.source = cell.source.replace(
        cell.source.splitlines()[0], ANSWER + "\nimport os  # a line ruff would flag"
    )
    nbformat.write(nb, path)


@pytest.mark.skipif(not _has_git_head(), reason="needs git and a repository with a commit")
def test_a_learner_pulls_an_update_and_keeps_every_answer(tmp_path):
    upstream, mine, theirs = tmp_path / "upstream.git", tmp_path / "learner", tmp_path / "teacher"
    _git(tmp_path, "clone", "--quiet", "--bare", str(ROOT), str(upstream))
    _git(tmp_path, "clone", "--quiet", str(upstream), str(mine))
    _git(tmp_path, "clone", "--quiet", str(upstream), str(theirs))
    name = "01_the_neuron.ipynb"
    assert (mine / "notebooks" / name).exists()

    # The learner: copies of the series, an answer in 01 (and a sloppy line).
    learner.copy_missing(mine)
    _answer(mine / "my-work" / name)
    assert _git(mine, "status", "--porcelain") == "", "my-work/ must be invisible to git"

    # The instructor: a fix in 01 (a markdown cell: stored outputs stay valid) and a new 09.
    nb = nbformat.read(theirs / "notebooks" / name, as_version=4)
    fixed = next(c for c in nb.cells if c.cell_type == "markdown" and c is not nb.cells[0])
    fixed.source += "\n\n*Updated: a fix from the instructor.*"
    nbformat.write(nb, theirs / "notebooks" / name)
    new = nbformat.v4.new_notebook()
    new.cells = [nbformat.v4.new_markdown_cell("# 09 · Next week")]
    nbformat.write(new, theirs / "notebooks" / "09_next_week.ipynb")
    _git(theirs, "add", "notebooks")
    _git(theirs, "commit", "--quiet", "-m", "01: a fix; 09: next week")
    _git(theirs, "push", "--quiet", "origin", "HEAD")

    # The learner pulls: no conflict, nothing of theirs touched.
    pulled = _git(mine, "pull")
    assert "CONFLICT" not in pulled
    assert "a fix from the instructor" in (mine / "notebooks" / name).read_text()
    assert learner.copy_missing(mine) == [mine / "my-work" / "09_next_week.ipynb"]
    assert ANSWER in (mine / "my-work" / name).read_text()  # the answer survived
    assert "a fix from the instructor" not in (mine / "my-work" / name).read_text()

    # Wanting the fixed 01 after all: a fresh copy, the answered one kept beside it.
    fresh, kept = learner.fresh("01", mine)
    assert "a fix from the instructor" in fresh.read_text() and ANSWER not in fresh.read_text()
    assert kept == mine / "my-work" / "01_the_neuron.old-1.ipynb" and ANSWER in kept.read_text()

    # `make test` in the learner's clone: lint skips my-work/, strict nbval passes on the update.
    ruff = Path(sys.executable).with_name("ruff")
    if ruff.exists():
        lint = subprocess.run([str(ruff), "check", "."], cwd=mine, capture_output=True, text=True)
        assert lint.returncode == 0, lint.stdout[-2000:]
    nbval = [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-p"]
    nbval += ["no:cacheprovider", "-q", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg"]
    run = subprocess.run([*nbval, f"notebooks/{name}"], cwd=mine, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "failed" not in run.stdout
