"""One way to write numbers and names in every label, message and checker reply of the series.

Light on purpose (no numpy, matplotlib or ipywidgets), so the core, the views and the checkers
can all use it.
"""

from __future__ import annotations

import math
import re

__all__ = ["num", "sub", "sup"]

_SUB = str.maketrans("-−+0123456789", "₋₋₊₀₁₂₃₄₅₆₇₈₉")
_SUP = str.maketrans("-−+0123456789", "⁻⁻⁺⁰¹²³⁴⁵⁶⁷⁸⁹")
_FIXED = re.compile(r"(\.\d+)?[fF]$")  # the precision and type of a fixed-point spec


def num(value: float, spec: str = ".2f", *, big: float = 1e4) -> str:
    """`value` formatted with `spec`, a true minus (−) and never a signed zero ('−0.00' → '0.00').

    With a fixed-point spec ('.2f', '+.3f'), a value of magnitude ≥ `big` is written '1.235e+05'
    instead, so a label never grows to thirty digits. NaN and ±inf are written 'nan', 'inf', '−inf'.
    """
    value = float(value)
    if not math.isfinite(value):
        return str(value).replace("-", "−")
    if _FIXED.search(spec) and abs(value) >= big:
        spec = _FIXED.sub(".3e", spec)
    text = f"{value:{spec}}"
    mantissa = text.lower().partition("e")[0]
    if "-" in mantissa and not any(d in mantissa for d in "123456789"):  # rounds to zero
        text = f"{abs(value):{spec}}"  # so '0.00', '+0.000', '0%': no sign a reader must explain
    return text.replace("-", "−")


def sub(name: str) -> str:
    """'w0' → 'w₀', 'x12' → 'x₁₂': the digits (and signs) of a name as subscripts."""
    return name.translate(_SUB)


def sup(text: str | int) -> str:
    """'-8' → '⁻⁸', −8 → '⁻⁸': digits and signs as superscripts (for '10⁻⁸' on a log axis)."""
    return str(text).translate(_SUP)
