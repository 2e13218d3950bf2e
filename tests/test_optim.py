"""sgd_step: θ ← θ − lr·∇L (lr stands for η), checked by hand and on random arrays."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis.extra.numpy import arrays
from strategies import VALUE

from helpers import sgd_step
from helpers.core.example import WORKED


@given(arrays(np.float64, 4, elements=VALUE), arrays(np.float64, 4, elements=VALUE))
def test_sgd_step_moves_against_the_gradient_and_mutates_nothing(params, grads):
    p0, g0 = params.copy(), grads.copy()
    new = sgd_step(params, grads, lr=0.1)
    np.testing.assert_allclose(new, p0 - 0.1 * g0)
    np.testing.assert_array_equal(params, p0)
    np.testing.assert_array_equal(grads, g0)
    assert new is not params


def test_scalar_bias_step():
    # the worked example's bias with dL/db = 1: b − lr·dL/db = 1 − 0.001·1 = 0.999
    assert float(sgd_step(WORKED.b, 1.0, lr=0.001)) == pytest.approx(0.999)


def test_worked_example_weight_step():
    # dL/dw = x = (1, −2, 3) at g = 1; w − 0.1·x = (−3 − 0.1, −1 + 0.2, 2 − 0.3)
    new = sgd_step(WORKED.w, WORKED.x, lr=0.1)
    np.testing.assert_allclose(new, [-3.1, -0.8, 1.7], rtol=0, atol=1e-12)
    assert WORKED.w == (-3.0, -1.0, 2.0)  # the shared example is a tuple: never changed


def test_the_step_keeps_the_shape_of_params():
    assert sgd_step([[1.0, 2.0]], [[0.5, 0.5]], lr=2.0).tolist() == [
        [0.0, 1.0]
    ]  # 1 − 2·0.5, 2 − 2·0.5
    assert sgd_step(3.0, -1.0, lr=0.5).shape == ()  # 3 − 0.5·(−1) = 3.5, still a scalar
