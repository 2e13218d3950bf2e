"""The layers of `helpers` stay apart: the core is plain maths, the UI never reaches into lessons.

Two checks, each shown to catch a planted violation:
- at run time, in a fresh interpreter: `import helpers` and every module of `helpers.core`,
  `helpers.text` and `helpers.series` load neither matplotlib nor ipywidgets;
- in the source, read with `ast`: no module under helpers/core imports helpers.ui,
  helpers.lessons, matplotlib or ipywidgets (not even inside a function), and no module under
  helpers/ui imports helpers.lessons.
"""

from __future__ import annotations

import ast
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import helpers
import helpers.core

PACKAGE = Path(helpers.core.__file__).resolve().parents[1]  # …/helpers
HEAVY = ("matplotlib", "ipywidgets")
CORE_MAY_NOT_IMPORT = ("helpers.ui", "helpers.lessons", *HEAVY)
UI_MAY_NOT_IMPORT = ("helpers.lessons",)


# ---------------------------------------------------------------- run time: what gets loaded


def _loaded_after(modules: list[str]) -> list[str]:
    """Which of HEAVY a fresh interpreter has in sys.modules after importing `modules`."""
    probe = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=PACKAGE.parent,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _light_modules() -> list[str]:
    core = [f"helpers.core.{m.name}" for m in pkgutil.iter_modules(helpers.core.__path__)]
    return ["helpers", "helpers.core", *sorted(core), "helpers.text", "helpers.series"]


def test_every_core_module_is_found():
    found = set(_light_modules())
    on_disk = {f"helpers.core.{p.stem}" for p in (PACKAGE / "core").glob("*.py")}
    assert on_disk - {"helpers.core.__init__"} <= found
    assert {"helpers.core.neuron", "helpers.core.optim"} <= found


def test_import_helpers_and_the_core_load_no_plotting_or_widgets():
    assert _loaded_after(_light_modules()) == []


def test_the_probe_sees_a_heavy_import():
    """The run-time check could be false: importing the plotting module does load matplotlib."""
    assert "matplotlib" in _loaded_after(["helpers.ui.plotting"])


# ---------------------------------------------------------------- source: what is imported


def imported_modules(source: str, module: str, *, is_package: bool = False) -> set[str]:
    """Every module `source` (the text of `module`) imports, anywhere in it, as absolute names.

    `from a.b import c` counts as both a.b and a.b.c (c may be a submodule); relative imports
    are resolved against `module`; `importlib.import_module("name")` and `__import__("name")`
    with a literal name count too.
    """
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # from . import x, from ..ui import y
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def forbidden_imports(
    source: str, module: str, forbidden: tuple[str, ...], *, is_package: bool = False
) -> list[str]:
    """The imports of `source` that are, or sit inside, a package listed in `forbidden`."""
    names = imported_modules(source, module, is_package=is_package)
    return sorted(n for n in names if any(n == f or n.startswith(f + ".") for f in forbidden))


def _modules_under(folder: str) -> list[tuple[Path, str, bool]]:
    out = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        is_package = parts[-1] == "__init__"
        out.append((path, ".".join(parts[:-1] if is_package else parts), is_package))
    return out


@pytest.mark.parametrize(
    "path, module, is_package", _modules_under("core"), ids=lambda v: getattr(v, "name", None)
)
def test_core_imports_no_ui_lessons_or_plotting(path, module, is_package):
    bad = forbidden_imports(path.read_text(), module, CORE_MAY_NOT_IMPORT, is_package=is_package)
    assert bad == [], f"{module} imports {bad}: the core is plain numpy and Python"


@pytest.mark.parametrize(
    "path, module, is_package", _modules_under("ui"), ids=lambda v: getattr(v, "name", None)
)
def test_ui_imports_nothing_from_lessons(path, module, is_package):
    bad = forbidden_imports(path.read_text(), module, UI_MAY_NOT_IMPORT, is_package=is_package)
    assert bad == [], f"{module} imports {bad}: presentation must not depend on a lesson"


def test_both_layers_hold_modules():
    assert len(_modules_under("core")) >= 5 and len(_modules_under("ui")) >= 3


# The checking function on planted violations: (source, the module it sits in, what it must find)
PLANTED = [
    ("import matplotlib.pyplot as plt", "helpers.core.neuron", ["matplotlib.pyplot"]),
    ("import ipywidgets", "helpers.core.neuron", ["ipywidgets"]),
    ("from matplotlib import pyplot", "helpers.core.neuron", ["matplotlib", "matplotlib.pyplot"]),
    ("from helpers.ui.plotting import COLORS", "helpers.core.layer", ["helpers.ui.plotting", "helpers.ui.plotting.COLORS"]),
    ("from helpers import ui", "helpers.core.layer", ["helpers.ui"]),
    ("from helpers.lessons import exercises", "helpers.core.optim", ["helpers.lessons", "helpers.lessons.exercises"]),
    ("from ..ui import panel", "helpers.core.neuron", ["helpers.ui", "helpers.ui.panel"]),
    ("from ..lessons.exercises import Feedback", "helpers.core.neuron", ["helpers.lessons.exercises", "helpers.lessons.exercises.Feedback"]),
    ("def draw():\n    import matplotlib\n    return matplotlib", "helpers.core.neuron", ["matplotlib"]),
    ("import importlib\nimportlib.import_module('ipywidgets')", "helpers.core.neuron", ["ipywidgets"]),
    ("plt = __import__('matplotlib.pyplot')", "helpers.core.neuron", ["matplotlib.pyplot"]),
    ("if True:\n    from helpers.lessons.nb01_the_neuron import views", "helpers.core.graph", ["helpers.lessons.nb01_the_neuron", "helpers.lessons.nb01_the_neuron.views"]),
]  # fmt: skip


@pytest.mark.parametrize("source, module, expected", PLANTED, ids=[f"planted{i}" for i in range(len(PLANTED))])  # fmt: skip
def test_a_planted_violation_is_caught(source, module, expected):
    assert forbidden_imports(source, module, CORE_MAY_NOT_IMPORT) == expected


def test_a_relative_import_from_a_package_init_resolves_against_the_package():
    source = "from .plotting import COLORS\nfrom ..lessons import exercises"
    found = imported_modules(source, "helpers.ui", is_package=True)
    assert {"helpers.ui.plotting", "helpers.lessons", "helpers.lessons.exercises"} <= found
    assert forbidden_imports(source, "helpers.ui", UI_MAY_NOT_IMPORT, is_package=True) == [
        "helpers.lessons",
        "helpers.lessons.exercises",
    ]


CLEAN = [
    "import numpy as np\nfrom helpers.core._checks import as_finite_array",
    "from helpers.text import num, sub",
    "from . import neuron\nfrom .optim import sgd_step",  # inside helpers.core: allowed
    "import matplotlibx\nimport ipywidgets_extra",  # a longer name is another package
    "x = 'import matplotlib'  # text, not an import",
    "from helpers.uix import thing",
]


@pytest.mark.parametrize("source", CLEAN, ids=[f"clean{i}" for i in range(len(CLEAN))])
def test_clean_sources_pass(source):
    assert forbidden_imports(source, "helpers.core.neuron", CORE_MAY_NOT_IMPORT) == []


# ---------------------------------------------------------------- the package says what it holds


def _module_names(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__")


def _named(module: str, doc: str) -> bool:
    """`module` appears in `doc` in backticks, alone or dotted (`text`, `helpers.text`)."""
    return re.search(rf"`(helpers\.(\w+\.)?)?{re.escape(module)}`", doc) is not None


@pytest.mark.parametrize("folder", ["core", "ui", "."])
def test_the_package_docstring_names_every_module(folder):
    """`help(helpers)` lists everything that is there: a new module is added to it."""
    doc = helpers.__doc__
    missing = [m for m in _module_names(PACKAGE / folder) if not _named(m, doc)]
    assert missing == [], f"helpers/__init__.py's docstring does not mention {missing}"


def test_the_core_docstring_names_every_core_module():
    missing = [m for m in _module_names(PACKAGE / "core") if not _named(m, helpers.core.__doc__)]
    assert missing == [], f"helpers/core/__init__.py's docstring does not mention {missing}"


def test_the_docstring_check_could_fail():
    assert not _named("no_such_module", helpers.__doc__)
    assert not _named("neuron", "the neuron module")  # named only in backticks
    assert _named("neuron", helpers.__doc__) and _named("series", helpers.__doc__)


def test_the_top_level_exports_the_core_api():
    expected = {
        "relu",
        "relu_grad",
        "neuron_forward",
        "neuron_backward",
        "NeuronCache",
        "NeuronGrads",
        "numerical_gradient",
        "relative_error",
        "sgd_step",
        "WORKED",
        "__version__",
    }
    assert set(helpers.__all__) == expected
    for name in expected:
        assert getattr(helpers, name) is not None
    assert helpers.WORKED.x == (1.0, -2.0, 3.0)
