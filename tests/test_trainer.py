"""The mini-batch trainer: its written-out step against 06's layers and central differences, the
1/B mean, seeded determinism, batches, stopping, divergence as a status, and bad input."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.core.datasets import Dataset, make_moons, split
from helpers.core.gradcheck import numerical_gradient
from helpers.core.losses import softmax_cross_entropy
from helpers.core.network import network_forward
from helpers.core.trainer import (
    batches,
    evaluate,
    init_params,
    loss_and_gradients,
    step,
    train,
    train_epochs,
)


def _flat(params):
    return np.concatenate([np.concatenate([W.ravel(), b]) for W, b in params])


def _unflat(theta, like):
    out, k = [], 0
    for W, b in like:
        out.append(
            (theta[k : k + W.size].reshape(W.shape), theta[k + W.size : k + W.size + b.size])
        )
        k += W.size + b.size
    return out


def _grads_from_step(params, X, labels, lr=1e-3):
    """The gradient the step used, read back from θ' = θ − lr·∇L: ∇L = (θ − θ')/lr."""
    L, new = step(params, X, labels, lr)
    return L, (_flat(params) - _flat(new)) / lr


@st.composite
def problems(draw):
    """A small random network, batch and labels; seeds drawn by hypothesis."""
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    d = draw(st.integers(1, 4))
    hidden = draw(st.lists(st.integers(1, 5), min_size=0, max_size=2))
    c = draw(st.integers(2, 4))
    B = draw(st.integers(1, 6))
    params = init_params([d, *hidden, c], rng, bias=0.1)
    X = rng.normal(size=(B, d))
    labels = rng.integers(0, c, size=B)
    return params, X, labels


@settings(max_examples=40, deadline=None)
@given(problems())
def test_step_gradient_against_central_differences(problem):
    params, X, labels = problem
    # Away from a kink (some z within 1e-4 of 0) the loss is smooth and central differences hold.
    _, caches = network_forward(X, params)
    if any(np.min(np.abs(c.Z)) < 1e-4 for c in caches[:-1]):
        return
    L, grad = _grads_from_step(params, X, labels, lr=1.0)

    def loss(theta):  # 06's layers and losses.softmax_cross_entropy, not the step's own code
        logits, _ = network_forward(X, _unflat(theta, params))
        return softmax_cross_entropy(logits, labels)[0]

    theta = _flat(params)
    assert L == pytest.approx(loss(theta), rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(grad, numerical_gradient(loss, theta), rtol=1e-5, atol=1e-7)


@settings(max_examples=30, deadline=None)
@given(problems())
def test_step_matches_the_layers_of_06(problem):
    params, X, labels = problem
    L_step, grad = _grads_from_step(params, X, labels, lr=1.0)
    L, grads = loss_and_gradients(params, X, labels)
    assert L_step == pytest.approx(L, rel=1e-12)
    layers = np.concatenate([np.concatenate([g.dL_dW.ravel(), g.dL_db]) for g in grads])
    np.testing.assert_allclose(grad, layers, rtol=1e-9, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(problems())
def test_the_batch_gradient_is_the_mean_of_the_examples_gradients(problem):
    params, X, labels = problem
    _, whole = _grads_from_step(params, X, labels, lr=1.0)
    each = [
        _grads_from_step(params, X[n : n + 1], labels[n : n + 1], lr=1.0)[1] for n in range(len(X))
    ]
    np.testing.assert_allclose(whole, np.mean(each, axis=0), rtol=1e-9, atol=1e-12)
    # the same batch twice is the same mean, so the same gradient (a sum would double it)
    _, twice = _grads_from_step(params, np.vstack([X, X]), np.concatenate([labels, labels]), 1.0)
    np.testing.assert_allclose(twice, whole, rtol=1e-9, atol=1e-12)


def test_a_step_by_hand():
    # One linear layer, W = 0, b = 0: both logits 0, so p = (1/2, 1/2) and L = log 2.
    # Batch x⁽⁰⁾ = (1, 2) label 0, x⁽¹⁾ = (3, −1) label 1 (B = 2):
    # dL/dZ = (P − Y)/2 = [[−1/4, 1/4], [1/4, −1/4]]
    # dL/dW = Xᵀ dL/dZ = [[1·(−1/4) + 3·(1/4), 1·(1/4) + 3·(−1/4)], [2·(−1/4) + (−1)·(1/4), …]]
    #       = [[0.5, −0.5], [−0.75, 0.75]];  dL/db = column sums = (0, 0)
    # lr = 0.1: W' = −0.1·dL/dW = [[−0.05, 0.05], [0.075, −0.075]]
    params = [(np.zeros((2, 2)), np.zeros(2))]
    L, new = step(params, np.array([[1.0, 2.0], [3.0, -1.0]]), np.array([0, 1]), 0.1)
    assert L == pytest.approx(math.log(2))
    np.testing.assert_allclose(new[0][0], [[-0.05, 0.05], [0.075, -0.075]])
    np.testing.assert_allclose(new[0][1], [0.0, 0.0], atol=1e-15)
    assert params[0][0].tolist() == [[0.0, 0.0], [0.0, 0.0]]  # the old params are not modified


def test_batches_cover_every_row_once_in_a_new_order():
    rng = np.random.default_rng(0)
    first, second = batches(10, 4, rng), batches(10, 4, rng)
    assert [len(b) for b in first] == [4, 4, 2]  # the last batch holds the rest
    assert sorted(np.concatenate(first).tolist()) == list(range(10))
    assert np.concatenate(first).tolist() != np.concatenate(second).tolist()


def _moons():
    data = make_moons(np.random.default_rng(0), n=120, noise=0.15)
    return split(data, (0.75,), np.random.default_rng(1))


def _run(seed, **kw):
    train_set, val_set = _moons()
    params = init_params([2, 8, 8, 2], np.random.default_rng(2))
    options = {"lr": 0.3, "batch_size": 16, "epochs": 5, **kw}
    return train(params, train_set, val_set, rng=np.random.default_rng(seed), **options)


def test_a_seed_gives_the_same_run_and_another_seed_another():
    a, b, c = _run(3), _run(3), _run(4)
    assert [e.train_loss for e in a.history] == [e.train_loss for e in b.history]
    np.testing.assert_array_equal(_flat(a.params), _flat(b.params))
    assert [e.train_loss for e in a.history] != [e.train_loss for e in c.history]


def test_the_history_records_every_epoch():
    run = _run(3)
    assert run.status == "finished" and run.history[-1].status == "finished"
    # 90 training rows, batches of 16: 6 updates per epoch (5 of 16, one of 10)
    assert [e.epoch for e in run.history] == [0, 1, 2, 3, 4, 5]
    assert [e.updates for e in run.history] == [0, 6, 12, 18, 24, 30]
    first = run.history[0]
    assert len(first.dead) == 2 and len(first.update_ratio) == 3  # 2 hidden layers, 3 layers
    assert all(math.isnan(r) for r in first.update_ratio)  # no update yet
    assert all(0 < r < 1 for e in run.history[1:] for r in e.update_ratio)
    _, val_set = _moons()
    loss, acc, _ = evaluate(run.params, val_set)
    assert (loss, acc) == (run.history[-1].val_loss, run.history[-1].val_accuracy)
    assert run.history[-1].train_loss < run.history[0].train_loss
    assert "finished: 5 epochs, 30 updates" in run.message


def _one_update(params, data):
    """One epoch of one update (lr = 0.1, batch 1) on a one-row data set, validated on itself."""
    return train(params, data, data, lr=0.1, batch_size=1, epochs=1, rng=np.random.default_rng(0))


def test_the_update_ratio_by_hand():
    # One linear layer W = [[1], [0]] … two classes need two columns: W = I (2×2), b = 0, lr = 0.1,
    # one batch of one row x = (0, 0) label 0: Z = 0, so dL/dW = xᵀ(P − Y) = 0 and dL/db ≠ 0.
    # ΔW = 0, so the ratio ‖ΔW‖/‖W‖ is exactly 0 while the bias moves.
    run = _one_update([(np.eye(2), np.zeros(2))], Dataset(np.zeros((1, 2)), np.array([0])))
    assert run.history[1].update_ratio == (0.0,)
    np.testing.assert_allclose(run.params[0][1], [0.05, -0.05])  # −0.1·(1/2 − 1, 1/2)


def test_should_stop_is_heard_before_every_update():
    calls = []

    def should_stop():
        calls.append(1)
        return len(calls) > 3  # the fourth question says stop: 3 updates made

    run = _run(3, should_stop=should_stop)
    assert run.status == "stopped" and run.history[-1].updates == 3
    assert run.history[-1].epoch == 1 and "stopped during epoch 1 after 3 updates" in run.message


def test_on_update_sees_every_update_and_its_parameters():
    seen = []
    run = _run(3, on_update=lambda updates, params: seen.append((updates, params)))
    assert [u for u, _ in seen] == list(range(1, 31))  # 5 epochs of 6 updates
    assert seen[-1][1] is run.params


def test_the_generator_can_simply_be_left():
    train_set, val_set = _moons()
    gen = train_epochs(
        init_params([2, 4, 2], np.random.default_rng(0)),
        train_set,
        val_set,
        lr=0.1,
        batch_size=8,
        epochs=100,
        rng=np.random.default_rng(0),
    )
    seen = [next(gen).epoch for _ in range(3)]
    gen.close()
    assert seen == [0, 1, 2]


def test_divergence_is_a_status_not_an_exception():
    # x = (2, 0), W = [[1e308, 0], [0, 0]]: z₀ = 2·1e308 overflows to inf (floats end near
    # 1.8e308), so z − max z = inf − inf = NaN and the loss is NaN at the first update.
    data = Dataset(np.array([[2.0, 0.0]]), np.array([0]))
    params = [(np.array([[1e308, 0.0], [0.0, 0.0]]), np.zeros(2))]
    with np.errstate(all="raise"):  # a warning that escaped would raise here
        run = train(
            params, data, data, lr=0.1, batch_size=1, epochs=3, rng=np.random.default_rng(0)
        )
    assert run.status == "diverged" and "NaN or inf at update 1 (epoch 1)" in run.message
    assert math.isnan(run.history[0].train_loss) and math.isnan(run.history[-1].train_loss)
    np.testing.assert_array_equal(run.params[0][0], params[0][0])  # the last finite parameters


def test_all_zero_weights_leave_every_hidden_unit_dead():
    # W = 0, b = 0: every hidden z = 0 ≤ 0, so every hidden unit is silent on every row (dead),
    # its gradient is 0 and only the last layer's bias can move.
    train_set, val_set = _moons()
    params = init_params([2, 4, 4, 2], np.random.default_rng(0), scale=0.0)
    run = train(
        params, train_set, val_set, lr=0.5, batch_size=8, epochs=3, rng=np.random.default_rng(0)
    )
    assert run.history[-1].dead == (1.0, 1.0)
    for (W0, b0), (W, b) in zip(params[:-1], run.params[:-1], strict=True):
        np.testing.assert_array_equal(W, W0)
        np.testing.assert_array_equal(b, b0)
    np.testing.assert_array_equal(run.params[-1][0], 0.0)


@pytest.mark.parametrize(
    ("kw", "error", "match"),
    [
        ({"lr": -1.0}, ValueError, "lr"),
        ({"batch_size": 0}, ValueError, "batch_size"),
        ({"epochs": 2.5}, TypeError, "epochs"),
        ({"rng": 0}, TypeError, "rng"),
        ({"should_stop": True}, TypeError, "should_stop"),
        ({"on_update": 1}, TypeError, "on_update"),
    ],
)
def test_bad_input_gets_a_clear_error(kw, error, match):
    train_set, val_set = _moons()
    options = {"lr": 0.1, "batch_size": 8, "epochs": 1, "rng": np.random.default_rng(0), **kw}
    with pytest.raises(error, match=match):
        train(init_params([2, 3, 2], np.random.default_rng(0)), train_set, val_set, **options)


def test_data_that_does_not_fit_the_network_is_named():
    train_set, val_set = _moons()
    with pytest.raises(ValueError, match=r"train_set: X must be \(N, 3\)"):
        train(
            init_params([3, 2], np.random.default_rng(0)),
            train_set,
            val_set,
            lr=0.1,
            batch_size=4,
            epochs=1,
            rng=np.random.default_rng(0),
        )
    with pytest.raises(ValueError, match="scale must be ≥ 0"):
        init_params([2, 2], np.random.default_rng(0), scale=-1.0)


def test_the_update_ratio_from_zero_weights():
    # W = 0 (2×2), b = 0, lr = 0.1, one row label 0. With x = (0, 0): dL/dW = xᵀ(P − T) = 0, so
    # ΔW = 0 and ‖ΔW‖/‖W‖ = 0/0: NaN. With x = (1, 0): P = (1/2, 1/2), P − T = (−1/2, 1/2),
    # dL/dW row 0 = (−1/2, 1/2) ≠ 0, so ΔW ≠ 0 from ‖W‖ = 0: inf.
    for x, expected in (((0.0, 0.0), "nan"), ((1.0, 0.0), "inf")):
        run = _one_update([(np.zeros((2, 2)), np.zeros(2))], Dataset(np.array([x]), np.array([0])))
        (ratio,) = run.history[1].update_ratio
        assert math.isnan(ratio) if expected == "nan" else ratio == math.inf
