"""Training one neuron on L = (y − t)²: gradients vs central differences, the history's
properties, the critical learning rate (by training just below and just above it), and bad input."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from strategies import VALUE, neurons

from helpers import neuron_backward, neuron_forward, numerical_gradient, relative_error, sgd_step
from helpers.core.example import WORKED
from helpers.core.training import (
    critical_learning_rate,
    error_factor,
    loss_and_gradients,
    loss_of_params,
    squared_loss,
    train_neuron,
)

X = np.array(WORKED.x)  # (1, −2, 3): ‖x‖² = 1 + 4 + 9 = 14
W = np.array(WORKED.w)  # (−3, −1, 2)
B = WORKED.b  # 1, so z = −3 + 2 + 6 + 1 = 6


def test_squared_loss_values():
    assert squared_loss(6.0, 4.0) == 4.0
    assert squared_loss(4.0, 6.0) == 4.0
    assert squared_loss(1e200, 0.0) == math.inf  # overflows to inf, never raises


@given(neurons(), VALUE)
def test_loss_gradients_match_central_differences(neuron, target):
    x, w, b = neuron
    loss, y, grads = loss_and_gradients(x, w, b, target)
    assert loss == pytest.approx((y - target) ** 2)

    numeric = numerical_gradient(lambda theta: loss_of_params(theta, x, target), np.append(w, b))
    analytic = np.append(grads.dL_dw, grads.dL_db)
    if np.any(analytic) or np.any(numeric):
        assert relative_error(analytic, numeric) < 1e-5
    else:  # a silent neuron: both are exactly 0
        np.testing.assert_array_equal(numeric, analytic)


def test_loss_gradients_use_upstream_two_times_error():
    loss, y, grads = loss_and_gradients(X, W, B, 4.0)
    assert (loss, y) == (4.0, 6.0)
    _, cache = neuron_forward(X, W, B)
    expected = neuron_backward(2 * (6.0 - 4.0), cache)
    np.testing.assert_array_equal(grads.dL_dw, expected.dL_dw)
    np.testing.assert_array_equal(grads.dL_dw, [4.0, -8.0, 12.0])
    assert grads.dL_db == 4.0


def test_source_step_and_first_order_prediction_is_exact_while_active():
    _, cache = neuron_forward(X, W, B)
    grads = neuron_backward(1.0, cache)  # the source's upstream gradient: L = y
    w_new = sgd_step(W, grads.dL_dw, lr=0.001)
    b_new = float(sgd_step(B, grads.dL_db, lr=0.001))
    y_w, _ = neuron_forward(X, w_new, B)
    y_wb, _ = neuron_forward(X, w_new, b_new)
    assert y_w - 6.0 == pytest.approx(-0.001 * float(X @ X), abs=1e-12)  # −0.014
    assert y_wb - 6.0 == pytest.approx(-0.001 * (float(X @ X) + 1), abs=1e-12)  # −0.015


def test_one_step_multiplies_the_error_by_r_while_active():
    for lr in [0.001, 0.01, 1 / 30, 0.05, 0.06, 0.07, 0.09]:
        h = train_neuron(X, W, B, 4.0, lr, 1)
        e0, e1 = h.outputs[0] - 4.0, h.outputs[1] - 4.0
        assert e1 / e0 == pytest.approx(error_factor(X, lr), abs=1e-12), lr
        assert error_factor(X, lr) == pytest.approx(1 - 30 * lr)
    h = train_neuron(X, W, B, 4.0, 0.01, 1, update_bias=False)
    assert (h.outputs[1] - 4.0) / 2.0 == pytest.approx(error_factor(X, 0.01, update_bias=False))


def test_critical_learning_rate_of_the_example():
    assert critical_learning_rate(X) == pytest.approx(1 / 15)  # 1/(14 + 1)
    assert critical_learning_rate(X, update_bias=False) == pytest.approx(1 / 14)  # weights only
    assert critical_learning_rate([2.0, -1.0, 1.0]) == pytest.approx(1 / 7)  # 1/(4 + 1 + 1 + 1)


@pytest.mark.parametrize("update_bias", [True, False])
def test_training_just_below_the_critical_rate_converges_just_above_it_does_not(update_bias):
    lr_c = critical_learning_rate(X, update_bias=update_bias)
    below = train_neuron(X, W, B, 4.0, 0.99 * lr_c, 5000, update_bias=update_bias)
    assert below.status == "converged"
    assert below.outputs[-1] == pytest.approx(4.0, abs=1e-6)
    errors = np.abs(below.outputs - 4.0)
    assert np.all(np.diff(errors) < 0)  # shrinks at every step (while oscillating)

    above = train_neuron(X, W, B, 4.0, 1.01 * lr_c, 5000, update_bias=update_bias)
    assert above.status == "died"  # the growing swing drives z below 0: the ReLU floor
    e = above.outputs[:-1] - 4.0  # the last state is the dead one
    ratios = e[1:] / e[:-1]
    np.testing.assert_allclose(ratios, error_factor(X, 1.01 * lr_c, update_bias=update_bias))
    assert np.all(ratios < -1)  # flips sign and grows: diverging until the neuron dies
    assert above.pre_activations[-1] <= 0


def test_one_step_rate_lands_on_the_target():
    h = train_neuron(X, W, B, 4.0, 1 / 30, 10)
    assert h.status == "converged" and h.stopped_at == 1
    assert h.outputs[1] == pytest.approx(4.0, abs=1e-12)


def test_history_is_the_sgd_trajectory():
    target, lr = 4.0, 0.01
    h = train_neuron(X, W, B, target, lr, 500)
    n = h.losses.size
    # e_k = 2·0.7^k ≤ 1e-6 first when k ≥ ln(2e6)/ln(1/0.7) = 14.51/0.3567 = 40.7: k = 41
    assert h.status == "converged" and h.stopped_at == n - 1 == 41
    assert h.weights.shape == (n, 3) and h.biases.shape == h.outputs.shape == (n,)
    np.testing.assert_array_equal(h.weights[0], W)
    assert h.biases[0] == B
    np.testing.assert_allclose(h.losses, (h.outputs - target) ** 2)
    np.testing.assert_allclose(h.pre_activations, h.weights @ X + h.biases)
    for k in range(n - 1):
        g = 2 * (h.outputs[k] - target)
        np.testing.assert_allclose(h.weights[k + 1], h.weights[k] - lr * g * X)
        assert h.biases[k + 1] == pytest.approx(h.biases[k] - lr * g)
    assert np.all(np.diff(h.losses) < 0)  # 0 < r < 1: the loss falls at every step
    assert h.reason == "|y − t| ≤ 1e-06 after 41 steps"


def test_inputs_are_not_modified():
    x, w = X.copy(), W.copy()
    train_neuron(x, w, B, 4.0, 0.01, 20)
    np.testing.assert_array_equal(x, X)
    np.testing.assert_array_equal(w, W)


def test_running_when_the_steps_run_out_and_frozen_bias():
    h = train_neuron(X, W, B, 4.0, 0.001, 100)
    assert h.status == "running" and h.stopped_at == 100 and h.losses.size == 101
    assert h.losses[-1] < h.losses[0]
    assert "100 steps" in h.reason
    frozen = train_neuron(X, W, B, 4.0, 0.001, 10, update_bias=False)
    assert np.all(frozen.biases == B)
    zero = train_neuron(X, W, B, 4.0, 0.01, 0)
    assert zero.status == "running" and zero.losses.tolist() == [4.0]


def test_a_big_step_kills_the_neuron_and_nothing_moves_afterwards():
    lr = 0.06  # below the critical 1/15, yet the overshoot crosses the ReLU floor
    assert lr < critical_learning_rate(X)
    h = train_neuron(X, W, B, 2.0, lr, 100)
    assert h.status == "died" and h.stopped_at == 1
    assert h.pre_activations[-1] == pytest.approx(-1.2)
    assert h.outputs[-1] == 0.0
    _, _, grads = loss_and_gradients(X, h.weights[-1], h.biases[-1], 2.0)
    assert not np.any(grads.dL_dw) and grads.dL_db == 0.0
    again = train_neuron(X, h.weights[-1], h.biases[-1], 2.0, 0.01, 100)
    assert again.status == "died" and again.stopped_at == 0


def test_an_unreachable_negative_target_kills_the_neuron():
    h = train_neuron(X, W, B, -1.0, 0.01, 1000)
    assert h.status == "died"
    assert h.losses[-1] == 1.0  # stuck at (0 − (−1))²


def test_a_step_that_kills_the_neuron_with_target_zero_is_died_not_converged():
    # t = 0, lr = 0.05: y = 6, e = 6, dL/dy = 12, so every entry of θ moves by 0.05·12 = 0.6
    # times its gradient of y: w' = w − 0.6·x = (−3.6, 0.2, 0.2), b' = 1 − 0.6 = 0.4, and
    # z' = −3.6 − 0.4 + 0.6 + 0.4 = −3 (= t + r·e with r = 1 − 30·0.05 = −0.5). Then y' = 0 = t:
    # the loss is exactly 0, but the neuron is silent, so the status is "died".
    h = train_neuron(X, W, B, 0.0, 0.05, 10)
    assert h.status == "died" and h.stopped_at == 1
    np.testing.assert_allclose(h.weights[1], [-3.6, 0.2, 0.2], rtol=0, atol=1e-12)
    assert h.biases[1] == pytest.approx(0.4, abs=1e-12)
    assert h.pre_activations[1] == pytest.approx(-3.0, abs=1e-12)
    assert h.outputs[1] == 0.0 and h.losses[1] == 0.0
    assert h.reason == "z = −3 ≤ 0 at step 1: every gradient is 0"


def test_a_neuron_silent_from_the_start_with_target_zero_is_died():
    # b = −10: z = −3 + 2 + 6 − 10 = −5 ≤ 0, so y = 0 = t before any step: dead, not converged.
    h = train_neuron(X, W, -10.0, 0.0, 0.01, 10)
    assert h.status == "died" and h.stopped_at == 0
    assert h.pre_activations.tolist() == [-5.0] and h.losses.tolist() == [0.0]


def test_target_zero_with_a_small_rate_creeps_down_to_the_kink_and_converges():
    # t = 0, lr = 0.01: r = 0.7, so z_k = 6·0.7^k > 0 at every step; y_k = z_k ≤ 1e-6 first
    # when 0.7^k ≤ 1e-6/6, k ≥ ln(6e6)/ln(1/0.7) = 15.61/0.357 = 43.7: k = 44.
    h = train_neuron(X, W, B, 0.0, 0.01, 1000)
    assert h.status == "converged" and h.stopped_at == 44
    assert np.all(h.pre_activations > 0)
    np.testing.assert_allclose(h.pre_activations, 6.0 * 0.7 ** np.arange(45), rtol=1e-9)


def test_below_the_critical_rate_a_negative_target_dies_at_every_rate():
    # t < 0: z_k = t + r^k·e₀ → t < 0 for any |r| < 1, so z reaches ≤ 0 after finitely many steps.
    for lr in (0.001, 0.01, 0.03, 0.05, 0.06):
        assert train_neuron(X, W, B, -1.0, lr, 100_000).status == "died", lr


def test_the_first_overshoot_kills_iff_r_is_below_minus_t_over_e():
    # t = 2, e = 4: z' = t + r·e = 2 + 4r > 0 iff r > −0.5 iff 1 − 30·lr > −0.5 iff lr < 0.05.
    assert train_neuron(X, W, B, 2.0, 0.049, 1000).status == "converged"  # r = −0.47
    assert train_neuron(X, W, B, 2.0, 0.051, 1000).status == "died"  # r = −0.53
    # e < 0 (start below t = 8): the swings of an active neuron stay above z₀ = 6 > 0,
    # so every rate below 1/15 converges, however close to it.
    assert train_neuron(X, W, B, 8.0, 0.066, 20_000).status == "converged"


def test_overflow_stops_cleanly_as_diverged_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h = train_neuron(X, W, B, 4.0, 1e308, 10)
        assert h.status == "diverged" and h.stopped_at == 1
        assert "overflowed at step 1" in h.reason
        assert h.losses.size == 1 and np.all(np.isfinite(h.weights))
        h0 = train_neuron(X, [1e200, 0.0, 0.0], B, 4.0, 0.01, 10)
        assert h0.status == "diverged" and h0.stopped_at == 0
        assert "loss overflowed at step 0" in h0.reason
        assert h0.losses.size == 0 and h0.weights.shape == (0, 3)


BAD = [
    (lambda: train_neuron([1.0, math.nan, 3.0], W, B, 4.0, 0.01, 5), ValueError, ["x", "finite"]),
    (lambda: train_neuron(X, [1.0, 2.0], B, 4.0, 0.01, 5), ValueError, ["x", "w", "length"]),
    (lambda: train_neuron(X, W, "1", 4.0, 0.01, 5), TypeError, ["b", "real number"]),
    (lambda: train_neuron(X, W, B, math.inf, 0.01, 5), ValueError, ["target", "finite"]),
    (lambda: train_neuron(X, W, B, 4.0, 0.0, 5), ValueError, ["lr", "> 0"]),
    (lambda: train_neuron(X, W, B, 4.0, -0.1, 5), ValueError, ["lr", "> 0", "-0.1"]),
    (lambda: train_neuron(X, W, B, 4.0, 0.01, 2.5), TypeError, ["steps", "whole number", "2.5"]),
    (lambda: train_neuron(X, W, B, 4.0, 0.01, -1), ValueError, ["steps", ">= 0", "-1"]),
    (lambda: train_neuron(X, W, B, 4.0, 0.01, True), TypeError, ["steps", "whole number"]),
    (lambda: train_neuron(X, W, B, 4.0, 0.01, 5, tol=0.0), ValueError, ["tol", "> 0"]),
    (lambda: train_neuron(X, W, B, 4.0, 0.01, 5, update_bias=1), TypeError, ["update_bias"]),
    (lambda: squared_loss(math.nan, 1.0), ValueError, ["y", "finite"]),
    (lambda: squared_loss(1.0, [1.0, 2.0]), ValueError, ["target", "single number"]),
    (lambda: loss_and_gradients(X, W, B, "4"), TypeError, ["target", "real number"]),
    (lambda: loss_of_params([1.0], X, 4.0), ValueError, ["theta", "bias", "1 number"]),
    (lambda: loss_of_params([1.0, 2.0], X, 4.0), ValueError, ["x", "w", "length"]),
    (lambda: critical_learning_rate([[1.0, 2.0]]), ValueError, ["x", "1-D"]),
    (
        lambda: critical_learning_rate([0.0, 0.0], update_bias=False),
        ValueError,
        ["x", "all zeros", "bias"],
    ),
    (lambda: critical_learning_rate(X, 4.0), TypeError, ["positional"]),
    (lambda: error_factor(X, -1.0), ValueError, ["lr", "> 0"]),
]


@pytest.mark.parametrize("call, error, words", BAD, ids=[f"bad{i}" for i in range(len(BAD))])
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error) as info:
        call()
    message = str(info.value).lower()
    for word in words:
        assert word.lower() in message, f"{word!r} missing from: {info.value}"
