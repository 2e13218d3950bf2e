import numpy as np
import pytest
from hypothesis import given
from hypothesis.extra.numpy import arrays
from strategies import VALUE

from helpers import sgd_step


@given(arrays(np.float64, 4, elements=VALUE), arrays(np.float64, 4, elements=VALUE))
def test_sgd_step_moves_against_the_gradient_and_mutates_nothing(params, grads):
    p0, g0 = params.copy(), grads.copy()
    new = sgd_step(params, grads, lr=0.1)
    np.testing.assert_allclose(new, p0 - 0.1 * g0)
    np.testing.assert_array_equal(params, p0)
    np.testing.assert_array_equal(grads, g0)
    assert new is not params


def test_scalar_bias_step():
    assert float(sgd_step(1.0, 1.0, lr=0.001)) == pytest.approx(0.999)
