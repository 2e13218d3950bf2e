"""Central differences and the relative error, on functions whose gradients we know in closed form."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from strategies import VALUE

from helpers import numerical_gradient, relative_error


@given(arrays(np.float64, st.integers(1, 5), elements=VALUE))
def test_gradient_of_sum_of_squares_is_2x(x):
    grad = numerical_gradient(lambda v: float(np.sum(v**2)), x)
    np.testing.assert_allclose(grad, 2 * x, atol=1e-5)


def test_works_on_any_shape_and_leaves_x_alone():
    x = np.arange(6.0).reshape(2, 3)
    before = x.copy()
    grad = numerical_gradient(lambda v: float(np.sum(np.sin(v))), x)
    assert grad.shape == (2, 3)
    np.testing.assert_allclose(grad, np.cos(x), atol=1e-8)
    np.testing.assert_array_equal(x, before)


def test_relative_error_form():
    assert relative_error(1.0, 1.0) == 0.0
    assert relative_error(1.0, 3.0) == pytest.approx(2.0 / 4.0)
    assert relative_error(0.0, 0.0) == 0.0  # the floor avoids 0/0
    assert relative_error([3.0, 4.0], [0.0, 0.0]) == pytest.approx(1.0)
    assert relative_error(1e-20, 2e-20) < 1e-7  # tiny numbers: the floor keeps this from being 1/3
