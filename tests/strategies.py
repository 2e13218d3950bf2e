"""Shared hypothesis strategies: neurons, inputs and upstream gradients of sensible size."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

VALUE = st.floats(min_value=-10, max_value=10, allow_nan=False, allow_infinity=False)
NONZERO_UPSTREAM = st.floats(min_value=-5, max_value=5).filter(lambda g: abs(g) > 1e-3)
SIZES = st.integers(min_value=1, max_value=6)


@st.composite
def neurons(draw, min_abs_z: float = 1e-3):
    """(x, w, b) with the pre-activation at least `min_abs_z` away from ReLU's kink."""
    n = draw(SIZES)
    x = draw(arrays(np.float64, n, elements=VALUE))
    w = draw(arrays(np.float64, n, elements=VALUE))
    b = draw(VALUE)
    z = float(x @ w + b)
    from hypothesis import assume

    assume(abs(z) > min_abs_z)
    return x, w, b
