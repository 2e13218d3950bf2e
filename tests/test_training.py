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
    dataset_loss_and_gradients,
    error_factor,
    full_batch_gd,
    loss_and_gradients,
    loss_of_params,
    sgd,
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
    assert h.reason == "|y − t| ≤ 1e−06 after 41 steps"


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

# --- Many examples: 05's data set of four, with the worked example as row 0 -------------------
X4 = np.array([[1.0, -2.0, 3.0], [-2.0, 2.0, 2.0], [-1.0, -1.0, 0.0], [-2.0, 1.0, 0.0]])
T4 = np.array([3.0, 8.0, 3.0, 5.0])
# At (W, B): z = (6, 6 − 2 + 4 + 1, 3 + 1 + 1, 6 − 1 + 1) = (6, 9, 5, 6), all active, so
# e = z − t = (3, 1, 2, 1) and L = (9 + 1 + 4 + 1)/4 = 3.75.


def test_dataset_gradient_by_hand():
    loss, dL_dw, dL_db = dataset_loss_and_gradients(X4, T4, W, B)
    assert loss == pytest.approx(3.75)
    # dL/dw = (2/4)·Σ e⁽ⁿ⁾x⁽ⁿ⁾ = 0.5·(3·(1, −2, 3) + (−2, 2, 2) + 2·(−1, −1, 0) + (−2, 1, 0))
    #       = 0.5·(3 − 2 − 2 − 2, −6 + 2 − 2 + 1, 9 + 2) = (−1.5, −2.5, 5.5)
    np.testing.assert_allclose(dL_dw, [-1.5, -2.5, 5.5])
    assert dL_db == pytest.approx(3.5)  # (2/4)·(3 + 1 + 2 + 1)


@given(neurons(), neurons(), VALUE, VALUE)
def test_dataset_gradient_matches_central_differences(first, second, t0, t1):
    (x0, w, b), (x1, _, _) = first, second
    if x1.size != x0.size:
        x1 = np.resize(x1, x0.size)
    X2, t2 = np.array([x0, x1]), np.array([t0, t1])
    z = X2 @ w + b
    if np.any(np.abs(z) < 1e-3):  # too near the kink for a finite difference
        return
    _, dL_dw, dL_db = dataset_loss_and_gradients(X2, t2, w, b)
    numeric = numerical_gradient(
        lambda theta: dataset_loss_and_gradients(X2, t2, theta[:-1], theta[-1])[0],
        np.append(w, b),
    )
    analytic = np.append(dL_dw, dL_db)
    if np.any(analytic) or np.any(numeric):
        assert relative_error(analytic, numeric) < 1e-5
    else:
        np.testing.assert_array_equal(numeric, analytic)


def test_first_full_batch_step_by_hand():
    run = full_batch_gd(X4, T4, W, B, 0.02, 1)
    # w − 0.02·(−1.5, −2.5, 5.5) = (−3 + 0.03, −1 + 0.05, 2 − 0.11); b − 0.02·3.5 = 0.93
    np.testing.assert_allclose(run.weights[1], [-2.97, -0.95, 1.89])
    assert run.biases[1] == pytest.approx(0.93)
    assert run.batches.tolist() == [[0, 1, 2, 3]]
    assert run.losses[0] == pytest.approx(3.75) and run.losses[1] < 3.75


def test_each_sgd_step_is_the_one_example_step_on_the_drawn_row():
    run = sgd(X4, T4, W, B, 0.02, 30, rng=np.random.default_rng(0))
    assert run.batches.shape == (30, 1) and set(run.batches.ravel()) <= {0, 1, 2, 3}
    assert len(set(run.batches.ravel())) > 1  # it really draws different examples
    for k, (n,) in enumerate(run.batches):
        _, _, grads = loss_and_gradients(X4[n], run.weights[k], run.biases[k], T4[n])
        np.testing.assert_allclose(run.weights[k + 1], run.weights[k] - 0.02 * grads.dL_dw)
        assert run.biases[k + 1] == pytest.approx(run.biases[k] - 0.02 * grads.dL_db)
        # the recorded loss is the whole data set's, not the drawn example's
        assert run.losses[k + 1] == pytest.approx(
            np.mean((np.maximum(X4 @ run.weights[k + 1] + run.biases[k + 1], 0) - T4) ** 2)
        )


def test_sgd_is_reproducible_from_its_seed_and_depends_on_it():
    a = sgd(X4, T4, W, B, 0.02, 20, rng=np.random.default_rng(0))
    b = sgd(X4, T4, W, B, 0.02, 20, rng=np.random.default_rng(0))
    c = sgd(X4, T4, W, B, 0.02, 20, rng=np.random.default_rng(1))
    np.testing.assert_array_equal(a.losses, b.losses)
    np.testing.assert_array_equal(a.batches, b.batches)
    assert not np.array_equal(a.batches, c.batches)


def test_mini_batches_hold_distinct_rows_and_the_full_batch_is_gd():
    mini = sgd(X4, T4, W, B, 0.02, 10, rng=np.random.default_rng(0), batch_size=2)
    assert mini.batches.shape == (10, 2)
    assert all(len(set(row)) == 2 for row in mini.batches.tolist())
    everything = sgd(X4, T4, W, B, 0.02, 10, rng=np.random.default_rng(0), batch_size=4)
    np.testing.assert_allclose(everything.losses, full_batch_gd(X4, T4, W, B, 0.02, 10).losses)


def test_on_one_example_gd_sgd_and_train_neuron_coincide():
    one = X[None, :]  # (1, 3): the worked example alone, target 4
    h = train_neuron(X, W, B, 4.0, 0.01, 5, tol=1e-300)
    for run in (
        full_batch_gd(one, [4.0], W, B, 0.01, 5),
        sgd(one, [4.0], W, B, 0.01, 5, rng=np.random.default_rng(3)),
    ):
        np.testing.assert_allclose(run.losses, h.losses)
        np.testing.assert_allclose(run.weights, h.weights)


def test_gd_on_the_data_set_falls_every_step_and_sgd_does_not():
    # Regression snapshot of 05's demonstration (η = 0.02, 100 steps, seed 0): GD's loss falls at
    # every step; SGD's rises on some steps, yet both end far below the start.
    gd_run = full_batch_gd(X4, T4, W, B, 0.02, 100)
    sgd_run = sgd(X4, T4, W, B, 0.02, 100, rng=np.random.default_rng(0))
    assert np.all(np.diff(gd_run.losses) < 0)
    assert np.any(np.diff(sgd_run.losses) > 0)
    assert gd_run.losses[-1] < 1e-2 and sgd_run.losses[-1] < 1e-2


BAD += [
    (lambda: sgd(X4, T4, W, B, 0.02, 5, rng=0), TypeError, ["rng", "Generator", "0"]),
    (lambda: sgd(X4, T4, W, B, 0.02, 5, rng=None), TypeError, ["rng", "Generator"]),
    (
        lambda: sgd(X4, T4, W, B, 0.02, 5, rng=np.random.default_rng(0), batch_size=5),
        ValueError,
        ["batch_size", "between 1 and N = 4", "5"],
    ),
    (
        lambda: sgd(X4, T4, W, B, 0.02, 5, rng=np.random.default_rng(0), batch_size=1.0),
        TypeError,
        ["batch_size", "whole number"],
    ),
    (lambda: full_batch_gd(X4, T4[:3], W, B, 0.02, 5), ValueError, ["t", "one target", "(4,)"]),
    (lambda: full_batch_gd(X4, T4, W[:2], B, 0.02, 5), ValueError, ["w", "one weight", "(3,)"]),
    (lambda: full_batch_gd(X, T4, W, B, 0.02, 5), ValueError, ["X", "2-D"]),
    (lambda: full_batch_gd(X4, T4, W, B, 0.0, 5), ValueError, ["lr", "> 0"]),
    (lambda: full_batch_gd(X4, T4, W, B, 1e308, 5), ValueError, ["lr", "overflowed"]),
]


@pytest.mark.parametrize("call, error, words", BAD, ids=[f"bad{i}" for i in range(len(BAD))])
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error) as info:
        call()
    message = str(info.value).lower()
    for word in words:
        assert word.lower() in message, f"{word!r} missing from: {info.value}"


def test_an_overflow_during_training_is_reported_as_diverged_not_raised():
    # x = (1e150,), w = (1e150,), b = 0: z = 1e300 is finite, y − t ≈ 1e300, so the first gradient
    # 2(y − t)·x ≈ 2e450 overflows: the run stops as "diverged" at step 0 instead of raising.
    h = train_neuron([1e150], [1e150], 0.0, 1.0, 0.1, 5)
    assert h.status == "diverged"
    assert "overflowed at step 0" in h.reason
