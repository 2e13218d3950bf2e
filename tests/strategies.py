"""Shared hypothesis strategies: neurons, inputs and upstream gradients of sensible size."""

from __future__ import annotations

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

# Numbers in [-10, 10] on a 0.01 grid. Central differences lose about |f|·1e-16/eps to rounding,
# so a gradient entry of 1e-9 beside an output of 1 cannot be checked to 1e-6 by any eps; on this
# grid every nonzero gradient entry is at least 0.01 and the check is meaningful.
VALUE = st.integers(min_value=-1000, max_value=1000).map(lambda k: k / 100)
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
    assume(abs(z) > min_abs_z)
    return x, w, b
