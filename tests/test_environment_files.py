"""requirements.txt (pip) and environment.yml (conda) must name the same packages and ranges.

Both files are read with their own parsers: YAML with `yaml.safe_load`, each requirement with
`packaging.requirements.Requirement` (the parser pip itself uses), so a range compares as a set
of specifiers (">=2,<3" equals "<3,>=2") and a name as PyPI normalises it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
NOT_PACKAGES = {"python", "pip"}  # conda entries that are the interpreter and the installer


def _requirement_lines(path: Path) -> list[str]:
    """The requirement lines of a pip file: no comments, blanks or options (-e ., -r file)."""
    lines = (line.split(" #", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line and not line.startswith(("#", "-"))]


def _ranges(specs: list[str]) -> dict[str, SpecifierSet]:
    """{canonical name: its range} for requirement strings such as 'numpy>=2,<3'."""
    out = {}
    for spec in specs:
        requirement = Requirement(spec)
        name = canonicalize_name(requirement.name)
        assert name not in out, f"{name} is listed twice"
        out[name] = requirement.specifier
    return out


def _pip_requirements(path: Path = ROOT / "requirements.txt") -> dict[str, SpecifierSet]:
    return _ranges(_requirement_lines(path))


def _environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def _conda_dependencies() -> dict[str, SpecifierSet]:
    """The top-level conda entries (not the pip block), without python and pip."""
    entries = [entry for entry in _environment()["dependencies"] if isinstance(entry, str)]
    ranges = _ranges(entries)
    return {name: spec for name, spec in ranges.items() if name not in NOT_PACKAGES}


def _conda_pip_block() -> list[str]:
    blocks = [
        e["pip"] for e in _environment()["dependencies"] if isinstance(e, dict) and "pip" in e
    ]
    assert len(blocks) == 1, f"expected one pip block in environment.yml, found {len(blocks)}"
    return blocks[0]


def test_both_files_name_the_same_packages_and_ranges():
    pip, conda = _pip_requirements(), _conda_dependencies()
    assert pip, "requirements.txt lists no packages"
    assert pip == conda


def test_the_comparison_reads_ranges_not_text():
    """The parsers could be wrong: the same range written two ways is equal, another is not."""
    assert _ranges(["NumPy >= 2, <3"]) == _ranges(["numpy<3,>=2"])
    assert _ranges(["numpy>=2,<3"]) != _ranges(["numpy>=2,<4"])
    assert _ranges(["jupyter_server>=2,<3"]) == _ranges(["jupyter-server>=2,<3"])


def test_environment_yml_names_the_environment_and_a_channel():
    env = _environment()
    assert env["name"] == "backprop-from-scratch"
    assert env["channels"] == ["conda-forge"]
    conda_python = _ranges([e for e in env["dependencies"] if isinstance(e, str)])["python"]
    assert "3.10" in conda_python and "3.14" not in conda_python


def test_both_install_the_helper_package_editable():
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()
    assert _conda_pip_block() == ["-e ."]


@pytest.mark.parametrize("path", ["requirements.txt", "requirements-dev.txt"])
def test_ranges_are_bounded_not_pinned(path):
    requirements = _pip_requirements(ROOT / path)
    assert requirements, f"{path} lists no packages"
    for name, spec in requirements.items():
        operators = {s.operator for s in spec}
        assert ">=" in operators and "<" in operators, (
            f"{path}: {name}: use a bounded range like >=X,<Y, got {str(spec)!r}"
        )
        assert "==" not in operators, f"{path}: {name} is pinned exactly: {str(spec)!r}"


def test_dev_requirements_include_the_runtime_ones():
    lines = (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert "-r requirements.txt" in lines
    assert not set(_pip_requirements(ROOT / "requirements-dev.txt")) & set(_pip_requirements())
