"""One ReLU neuron: the worked example, the kink, overflow, and gradients vs central differences."""

import numpy as np
import pytest
from hypothesis import given
from strategies import NONZERO_UPSTREAM, neurons

from helpers import (
    neuron_backward,
    neuron_forward,
    numerical_gradient,
    relative_error,
    relu,
    relu_grad,
    sgd_step,
)
from helpers.core.example import WORKED

X, W, B = np.array(WORKED.x), np.array(WORKED.w), WORKED.b  # x = (1, −2, 3), w = (−3, −1, 2), b = 1


def test_relu_values_and_convention_at_zero():
    np.testing.assert_array_equal(relu([-2.0, 0.0, 3.5]), [0.0, 0.0, 3.5])
    np.testing.assert_array_equal(relu_grad([-2.0, 0.0, 3.5]), [0.0, 0.0, 1.0])
    assert relu_grad(0.0) == 0.0  # the stated convention at the kink
    assert relu(-0.0) == 0.0


def test_worked_example_forward():
    y, cache = neuron_forward(X, W, B)
    assert cache.z == 6.0  # z = (1)(−3) + (−2)(−1) + (3)(2) + 1 = −3 + 2 + 6 + 1 = 6
    assert y == 6.0  # ReLU(6) = 6


def test_worked_example_backward_with_upstream_one():
    _, cache = neuron_forward(X, W, B)
    grads = neuron_backward(1.0, cache)
    # z = 6 > 0, so the gate is open: dL/dz = g·1 = 1
    np.testing.assert_array_equal(grads.dL_dw, [1.0, -2.0, 3.0])  # dL/dz · x
    np.testing.assert_array_equal(grads.dL_dx, [-3.0, -1.0, 2.0])  # dL/dz · w
    assert grads.dL_db == 1.0  # dL/dz


def test_worked_example_sgd_step():
    _, cache = neuron_forward(X, W, B)
    grads = neuron_backward(1.0, cache)
    w_new = sgd_step(W, grads.dL_dw, lr=0.001)
    # w − 0.001·x = (−3 − 0.001, −1 + 0.002, 2 − 0.003)
    np.testing.assert_allclose(w_new, [-3.001, -0.998, 1.997], rtol=0, atol=1e-12)
    y_weights_only, _ = neuron_forward(X, w_new, B)
    # z falls by 0.001·‖x‖² = 0.001·(1 + 4 + 9) = 0.014: 6 − 0.014 = 5.986
    assert y_weights_only == pytest.approx(5.986, abs=1e-12)
    b_new = float(sgd_step(B, grads.dL_db, lr=0.001))
    y_both, _ = neuron_forward(X, w_new, b_new)
    # and the bias step 1 − 0.001·1 takes another 0.001: 5.986 − 0.001 = 5.985
    assert y_both == pytest.approx(5.985, abs=1e-12)


def test_bias_sits_inside_the_relu():
    y, cache = neuron_forward(X, W, -6.0)
    assert cache.z == -1.0  # w·x = 5, so z = 5 − 6 = −1
    assert y == 0.0  # ReLU(−1) = 0; the tempting ReLU(w·x) + b would give 5 − 6 = −1


def test_dead_neuron_passes_no_gradient():
    _, cache = neuron_forward(X, W, -6.0)
    grads = neuron_backward(1.0, cache)
    assert not grads.dL_dw.any() and not grads.dL_dx.any() and grads.dL_db == 0.0


def test_backward_does_not_alias_inputs():
    x, w = X.copy(), W.copy()
    _, cache = neuron_forward(x, w, B)
    x[0] = 100.0  # changing the caller's array later must not change the cache
    grads = neuron_backward(1.0, cache)
    assert grads.dL_dw[0] == 1.0


@given(neurons(), NONZERO_UPSTREAM)
def test_every_gradient_matches_central_differences(neuron, g):
    x, w, b = neuron
    _, cache = neuron_forward(x, w, b)
    grads = neuron_backward(g, cache)

    def loss_w(w_):
        return g * neuron_forward(x, w_, b)[0]

    def loss_x(x_):
        return g * neuron_forward(x_, w, b)[0]

    def loss_b(b_):
        return g * neuron_forward(x, w, float(b_))[0]

    # eps = 1e-5 moves z by at most 1e-4, so no probe crosses the kink (|z| > 1e-3)
    assert relative_error(grads.dL_dw, numerical_gradient(loss_w, w, eps=1e-5)) < 1e-6
    assert relative_error(grads.dL_dx, numerical_gradient(loss_x, x, eps=1e-5)) < 1e-6
    assert relative_error(grads.dL_db, numerical_gradient(loss_b, b, eps=1e-5)) < 1e-6


@given(neurons(), NONZERO_UPSTREAM)
def test_upstream_gradient_scales_every_gradient(neuron, g):
    x, w, b = neuron
    _, cache = neuron_forward(x, w, b)
    unit = neuron_backward(1.0, cache)
    scaled = neuron_backward(g, cache)
    np.testing.assert_allclose(scaled.dL_dw, g * unit.dL_dw)
    np.testing.assert_allclose(scaled.dL_dx, g * unit.dL_dx)
    assert scaled.dL_db == pytest.approx(g * unit.dL_db)


def test_numerical_gradient_at_the_kink_is_one_half():
    """At z = 0 exactly, central differences average the two slopes: (1 + 0) / 2."""

    def y_of_b(b):
        return neuron_forward(X, W, float(b))[0]

    b_kink = -5.0
    assert neuron_forward(X, W, b_kink)[1].z == 0.0
    assert float(numerical_gradient(y_of_b, b_kink)) == pytest.approx(0.5, abs=1e-9)
    assert float(relu_grad(0.0)) == 0.0  # while the analytic convention says 0


def test_overflowing_products_raise_instead_of_a_silent_nan():
    """1e200·1e200 = +inf and 1e200·(−1e200) = −inf: their sum is NaN, and NaN > 0 is False,
    so without the check the backward step would return all-zero gradients (a "silent" neuron)."""
    with pytest.raises(ValueError) as info:
        neuron_forward([1e200, 1e200], [1e200, -1e200], 0.0)
    message = str(info.value)
    for words in ("z = w·x + b overflowed", "nan", "1e+200", "1.8e308"):
        assert words in message, f"{words!r} missing from: {message}"


@pytest.mark.parametrize(
    "x, w, b, got",
    [
        ([1e200], [1e200], 0.0, "inf"),  # 1e400 > 1.8e308
        ([1e300], [-1e10], 0.0, "-inf"),  # −1e310
        ([1.0], [1.5e308], 1.5e308, "inf"),  # each finite, the sum 3e308 is not
    ],
)
def test_infinite_z_raises_naming_the_magnitudes(x, w, b, got):
    with pytest.raises(ValueError) as info:
        neuron_forward(x, w, b)
    message = str(info.value)
    assert f"overflowed to {got}:" in message
    assert f"largest |x| is {abs(x[0]):.3g}" in message and "1.8e308" in message


def test_largest_finite_z_still_passes():
    y, cache = neuron_forward([1.0], [1e308], 0.0)  # 1e308 < 1.8e308: no overflow
    assert cache.z == y == 1e308


def test_overflowing_gradients_raise():
    _, cache = neuron_forward([1e10], [1.0], 0.0)  # z = 1e10 > 0: the gate is open
    with pytest.raises(ValueError, match=r"gradients overflowed.*1\.8e308"):
        neuron_backward(1e300, cache)  # dL/dw = 1e300 · 1e10 = 1e310
