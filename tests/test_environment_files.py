"""requirements.txt (pip) and environment.yml (conda) must name the same packages and ranges."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = re.compile(r"^([A-Za-z0-9_.\-]+)\s*([<>=!~].*)?$")


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pip_requirements() -> dict[str, str]:
    out = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        name, spec = SPEC.match(line).groups()
        out[_normalise(name)] = (spec or "").replace(" ", "")
    return out


def _conda_dependencies() -> dict[str, str]:
    out, in_deps = {}, False
    for raw in (ROOT / "environment.yml").read_text().splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        match = re.match(r"^  - ([^:]+)$", line)  # top-level conda entries only, not the pip block
        if in_deps and match:
            name, spec = SPEC.match(match.group(1).strip()).groups()
            if _normalise(name) not in {"python", "pip"}:
                out[_normalise(name)] = (spec or "").replace(" ", "")
    return out


def test_both_files_name_the_same_packages_and_ranges():
    pip, conda = _pip_requirements(), _conda_dependencies()
    assert pip, "requirements.txt lists no packages"
    assert pip == conda


def test_both_install_the_helper_package_editable():
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()
    assert re.search(r"^\s+- -e \.$", (ROOT / "environment.yml").read_text(), re.M)


def test_ranges_are_bounded_not_pinned():
    for name, spec in _pip_requirements().items():
        assert "<" in spec and ">=" in spec, (
            f"{name}: use a bounded range like >=X,<Y, got {spec!r}"
        )
        assert "==" not in spec, f"{name} is pinned exactly: {spec!r}"
