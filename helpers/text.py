"""One way to write numbers and names in every label, message and checker reply of the series.

Light on purpose (no numpy, matplotlib or ipywidgets), so the core, the views and the checkers
can all use it.
"""

from __future__ import annotations

import math

__all__ = ["num", "sub", "sup"]

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUP = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def num(value: float, spec: str = ".2f", *, big: float = 1e4) -> str:
    """`value` formatted with `spec`, a true minus (−) and never a signed zero ('−0.00' → '0.00').

    With a fixed-point spec ('.2f'), a value of magnitude ≥ `big` is written '1.235e+05' instead,
    so a label never grows to thirty digits. NaN and ±inf are written 'nan', 'inf', '−inf'.
    """
    value = float(value)
    if not math.isfinite(value):
        return str(value).replace("-", "−")
    if spec.endswith("f") and abs(value) >= big:
        spec = ".3e"
    text = f"{value:{spec}}"
    if text.startswith("-") and float(text) == 0.0:  # rounds to zero: drop the sign
        text = text[1:]
    return text.replace("-", "−")


def sub(name: str) -> str:
    """'w0' → 'w₀', 'x12' → 'x₁₂': the digits of a name as subscripts."""
    return name.translate(_SUB)


def sup(text: str | int) -> str:
    """'-8' → '⁻⁸': digits and minus as superscripts (for '10⁻⁸' on a log axis)."""
    return str(text).translate(_SUP)
