"""Live views, one module per notebook. Each module lists its panel factories in `PANELS`.

A view class draws one picture into a Figure it owns and is constructible with no arguments
(so tests and benchmarks can build a fresh one); `update(**params) -> Message` moves its
artists. `PANELS` maps a panel's name to a zero-argument factory returning a `Panel`.
"""

import importlib
import pkgutil
from collections.abc import Callable

from helpers.panel import Panel

__all__ = ["all_panels"]


def all_panels() -> dict[str, Callable[[], Panel]]:
    """Every panel factory in the series, as {"module.name": factory}, in module order."""
    found: dict[str, Callable[[], Panel]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, factory in getattr(module, "PANELS", {}).items():
            found[f"{info.name}.{name}"] = factory
    return found
