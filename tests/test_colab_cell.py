"""Colab and Binder (tools/colab_cell.py): every notebook opens with the generated cell that
installs the helper package in Colab and does nothing anywhere else; the README's Colab and
Binder links come from the same one repository address (pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

from helpers.series import LESSONS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import colab_cell  # noqa: E402

URL = "https://github.com/a-teacher/the-series"  # any address: the tools take it as an argument
# Notebooks whose authors are still editing them get the cell from the lead at the end
# (tools/colab_cell.py apply …); empty this set then: a strict xfail fails once they have it.
PENDING: set[str] = set()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_address_is_written_in_pyproject_only():
    """Notebooks and the README hold generated copies (checked below); no other file has it."""
    url = colab_cell.repository_url()
    generated = [":!*.ipynb", ":!*.html", ":!README.md"]  # copies, each checked by a test
    grep = ["git", "grep", "-l", "--fixed-strings", url, "--", ".", *generated]
    holders = subprocess.run(grep, cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert holders == ["pyproject.toml"], holders


def test_python_310_reads_the_same_address_without_tomllib(monkeypatch):
    url = colab_cell.repository_url()
    monkeypatch.setitem(sys.modules, "tomllib", None)  # `import tomllib` now fails, as on 3.10
    assert colab_cell.repository_url() == url
    assert colab_cell.GITHUB.fullmatch(url)


@pytest.mark.parametrize(
    "urls",
    [
        "",
        '[project.urls]\nHomepage = "https://example.org"\n',
        '[project.urls]\nRepository = "x"\n',
    ],
)
def test_a_missing_or_odd_address_is_refused(tmp_path, urls):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f'[project]\nname = "x"\n\n{urls}')
    with pytest.raises(ValueError, match=r"Repository must be https://github.com/OWNER/REPO"):
        colab_cell.repository_url(pyproject)


def test_links_are_built_from_the_address():
    assert colab_cell.owner_repo(URL + ".git") == "a-teacher/the-series"
    assert colab_cell.colab_link("https://github.com/a/b", "03_gradients.ipynb") == (
        "https://colab.research.google.com/github/a/b/blob/main/notebooks/03_gradients.ipynb"
    )
    assert colab_cell.binder_link("https://github.com/a/b") == (
        "https://mybinder.org/v2/gh/a/b/HEAD?urlpath=lab/tree/notebooks/00_start_here.ipynb"
    )
    with pytest.raises(ValueError, match="url: expected"):
        colab_cell.owner_repo("https://gitlab.com/a/b")


class FakeIPython:
    """Records the magics a cell would run instead of running them."""

    def __init__(self):
        self.magics = []

    def run_line_magic(self, name, line):
        self.magics.append((name, line))


def _run_cell(source: str) -> FakeIPython:
    shell = FakeIPython()
    exec(TransformerManager().transform_cell(source), {"get_ipython": lambda: shell})
    return shell


def test_the_cell_does_nothing_where_helpers_is_installed():
    assert _run_cell(colab_cell.cell_source(URL)).magics == []


def test_the_cell_installs_the_package_from_the_repository_where_it_is_missing(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "helpers" else real(name, *a)
    )
    assert _run_cell(colab_cell.cell_source(URL)).magics == [
        ("pip", f'install --quiet "git+{URL}"')
    ]


def test_the_cell_passes_the_series_lint_and_format(tmp_path):
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        pytest.skip("no ruff next to the interpreter")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(colab_cell.cell_source(URL))]
    path = tmp_path / "cell.ipynb"
    nbformat.write(nb, path)
    config = ["--config", str(ROOT / "pyproject.toml")]
    for args in (["check"], ["format", "--check"]):
        run = subprocess.run([ruff, *args, *config, path], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr


def _notebook(tmp_path: Path, first_code: str = "import numpy as np") -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 42 · Title"),
        nbformat.v4.new_code_cell(first_code),
    ]
    path = tmp_path / "42_title.ipynb"
    nbformat.write(nb, path)
    return path


def test_apply_inserts_the_cell_once_before_the_first_code_cell(tmp_path):
    path = _notebook(tmp_path)
    assert colab_cell.apply(path, URL) is True
    assert colab_cell.apply(path, URL) is False  # already current: the file is not rewritten
    cells = nbformat.read(path, as_version=4).cells
    assert [c.cell_type for c in cells] == ["markdown", "code", "code"]
    assert cells[0].source == "# 42 · Title" and cells[2].source == "import numpy as np"
    assert cells[1].source == colab_cell.cell_source(URL) and cells[1].id == "colab-install"
    assert cells[1].metadata["slideshow"] == {"slide_type": "skip"}


def test_apply_replaces_an_older_cell_for_another_address(tmp_path):
    path = _notebook(tmp_path)
    colab_cell.apply(path, "https://github.com/old/place")
    assert colab_cell.apply(path, URL) is True
    cells = nbformat.read(path, as_version=4).cells
    assert len(cells) == 3 and cells[1].source == colab_cell.cell_source(URL)
    assert colab_cell.is_current(nbformat.read(path, as_version=4), URL)


def test_check_fails_on_a_notebook_without_the_cell(tmp_path, capsys):
    path = _notebook(tmp_path)
    assert colab_cell.main(["check", str(path)]) == 1
    assert "is not the Colab cell" in capsys.readouterr().out
    colab_cell.main(["apply", str(path)])
    assert colab_cell.main(["check", str(path)]) == 0


@pytest.mark.parametrize(
    "lesson",
    [
        pytest.param(
            lesson,
            marks=pytest.mark.xfail(lesson.number in PENDING, strict=True, reason="lead applies"),
        )
        for lesson in LESSONS
    ],
    ids=[lesson.stem for lesson in LESSONS],
)
def test_every_notebook_opens_with_the_colab_cell(lesson):
    nb = nbformat.read(lesson.path, as_version=4)
    assert colab_cell.is_current(nb, colab_cell.repository_url()), (
        f"{lesson.stem}: run `python tools/colab_cell.py apply {lesson.path.relative_to(ROOT)}`, "
        "then re-execute it"
    )


def test_the_readme_opens_every_notebook_in_colab_and_the_series_in_binder():
    readme = (ROOT / "README.md").read_text()
    url = colab_cell.repository_url()
    for lesson in LESSONS:
        assert f"({colab_cell.colab_link(url, lesson.path.name)})" in readme, (
            f"README: no Colab link for {lesson.stem} (python tools/colab_cell.py links)"
        )
    assert f"({colab_cell.binder_link(url)})" in readme


def test_binder_finds_the_conda_environment_at_the_root():
    # repo2docker uses environment.yml over requirements.txt when both sit at the root
    assert (ROOT / "environment.yml").is_file()
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_shipped_data_is_package_data():
    """What `pip install git+…` builds from: the tracked files; every data file is declared."""
    tomllib = pytest.importorskip("tomllib")
    tracked = subprocess.run(
        ["git", "ls-files", "helpers/data"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    patterns = declared["package-data"]["helpers.data"]
    data = [Path(p) for p in tracked if not p.endswith(".py")]
    assert any(p.suffix == ".npz" for p in data)
    assert all(any(p.match(pattern) for pattern in patterns) for p in data), data
