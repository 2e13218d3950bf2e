"""One ReLU neuron: the source's worked example, the kink, and gradients vs central differences."""

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

X = np.array([1.0, -2.0, 3.0])
W = np.array([-3.0, -1.0, 2.0])
B = 1.0


def test_relu_values_and_convention_at_zero():
    np.testing.assert_array_equal(relu([-2.0, 0.0, 3.5]), [0.0, 0.0, 3.5])
    np.testing.assert_array_equal(relu_grad([-2.0, 0.0, 3.5]), [0.0, 0.0, 1.0])
    assert relu_grad(0.0) == 0.0  # the stated convention at the kink
    assert relu(-0.0) == 0.0


def test_worked_example_forward():
    y, cache = neuron_forward(X, W, B)
    assert cache.z == 6.0
    assert y == 6.0


def test_worked_example_backward_with_upstream_one():
    _, cache = neuron_forward(X, W, B)
    grads = neuron_backward(1.0, cache)
    np.testing.assert_array_equal(grads.dL_dw, [1.0, -2.0, 3.0])
    np.testing.assert_array_equal(grads.dL_dx, [-3.0, -1.0, 2.0])
    assert grads.dL_db == 1.0


def test_worked_example_sgd_step():
    _, cache = neuron_forward(X, W, B)
    grads = neuron_backward(1.0, cache)
    w_new = sgd_step(W, grads.dL_dw, lr=0.001)
    np.testing.assert_allclose(w_new, [-3.001, -0.998, 1.997], rtol=0, atol=1e-12)
    y_weights_only, _ = neuron_forward(X, w_new, B)
    assert y_weights_only == pytest.approx(5.986, abs=1e-12)
    b_new = float(sgd_step(B, grads.dL_db, lr=0.001))
    y_both, _ = neuron_forward(X, w_new, b_new)
    assert y_both == pytest.approx(5.985, abs=1e-12)


def test_bias_sits_inside_the_relu():
    y, cache = neuron_forward(X, W, -6.0)
    assert cache.z == -1.0
    assert y == 0.0  # the source's ReLU(x·w) + b would give -1


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
