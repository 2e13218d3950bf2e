"""Show a helper's source in a notebook, so the text and the tested code are one copy."""

from __future__ import annotations

import inspect

from IPython.display import Markdown, display

__all__ = ["show_source"]


def show_source(obj: object) -> None:
    """Display the source code of a function or class as a highlighted Python block."""
    if not (inspect.isfunction(obj) or inspect.isclass(obj) or inspect.ismethod(obj)):
        raise TypeError(f"obj must be a function, method or class, got {type(obj).__name__}")
    display(Markdown(f"```python\n{inspect.getsource(obj).rstrip()}\n```"))
