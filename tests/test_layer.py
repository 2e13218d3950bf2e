"""A dense ReLU layer on a batch: the worked example, gradients vs central differences, dead units,
leaky ReLU, the batch squared loss, gradient descent (with momentum and weight decay) and the
seeded data set."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from strategies import NONZERO_UPSTREAM, VALUE

from helpers import neuron_backward, neuron_forward, numerical_gradient, relative_error
from helpers.core.example import WORKED
from helpers.core.layer import (
    TEACHER_B,
    TEACHER_W,
    LayerCache,
    active_counts,
    batch_squared_loss,
    dead_fraction,
    dead_units,
    dense_linear_backward,
    dense_linear_forward,
    dense_relu_backward,
    dense_relu_forward,
    leaky_relu,
    leaky_relu_grad,
    make_dataset,
    train_gd,
)

X1 = np.array([WORKED.x])  # the worked example as a batch of one row, (1, 3)
W1 = np.array(WORKED.w)[:, None]  # as a layer of one unit, (3, 1)


@st.composite
def layers(draw, min_abs_z: float = 1e-3):
    """(X, W, b, G): a batch, a layer and an upstream gradient, every z away from the kink."""
    n, d, m = (draw(st.integers(1, 4)) for _ in range(3))
    X = draw(arrays(np.float64, (n, d), elements=VALUE))
    W = draw(arrays(np.float64, (d, m), elements=VALUE))
    b = draw(arrays(np.float64, m, elements=VALUE))
    G = draw(arrays(np.float64, (n, m), elements=NONZERO_UPSTREAM))
    assume(np.all(np.abs(X @ W + b) > min_abs_z))
    return X, W, b, G


def test_worked_example_matches_the_single_neuron():
    out, cache = dense_relu_forward(X1, W1, [1.0])
    assert out.shape == (1, 1) and out[0, 0] == 6.0 and cache.Z[0, 0] == 6.0
    grads = dense_relu_backward([[1.0]], cache)
    single = neuron_backward(1.0, neuron_forward(X1[0], W1[:, 0], 1.0)[1])
    np.testing.assert_array_equal(grads.dL_dW[:, 0], single.dL_dw)  # [1, -2, 3]
    np.testing.assert_array_equal(grads.dL_dX[0], single.dL_dx)  # [-3, -1, 2]
    assert grads.dL_db[0] == single.dL_db == 1.0


@pytest.mark.parametrize("b, z", [(-5.0, 0.0), (-6.0, -1.0)])
def test_silent_from_b_minus_5_every_gradient_exactly_zero(b, z):
    out, cache = dense_relu_forward(X1, W1, [b])
    assert cache.Z[0, 0] == z and out[0, 0] == 0.0
    grads = dense_relu_backward([[1.0]], cache)
    assert not grads.dL_dW.any() and not grads.dL_db.any() and not grads.dL_dX.any()


@given(layers(), st.sampled_from([0.0, 0.01, 0.2]))
def test_every_gradient_matches_central_differences(layer, slope):
    X, W, b, G = layer
    _, cache = dense_relu_forward(X, W, b, slope)
    grads = dense_relu_backward(G, cache)

    def loss(X_, W_, b_):  # L = Σ G ⊙ out, so dL/dout = G
        return float(np.sum(G * dense_relu_forward(X_, W_, b_, slope)[0]))

    # eps = 1e-5 moves each z by at most ~1e-4 < 1e-3, so no probe crosses the kink
    num_W = numerical_gradient(lambda W_: loss(X, W_, b), W, eps=1e-5)
    num_b = numerical_gradient(lambda b_: loss(X, W, b_), b, eps=1e-5)
    num_X = numerical_gradient(lambda X_: loss(X_, W, b), X, eps=1e-5)
    assert relative_error(grads.dL_dW, num_W) < 1e-6
    assert relative_error(grads.dL_db, num_b) < 1e-6
    assert relative_error(grads.dL_dX, num_X) < 1e-6


@given(layers())
def test_rows_are_independent_examples_and_gradients_add_up(layer):
    X, W, b, G = layer
    _, cache = dense_relu_forward(X, W, b)
    total = dense_relu_backward(G, cache)
    parts = [
        dense_relu_backward(G[i : i + 1], dense_relu_forward(X[i : i + 1], W, b)[1])
        for i in range(len(X))
    ]
    np.testing.assert_allclose(total.dL_dW, sum(p.dL_dW for p in parts), atol=1e-9)
    np.testing.assert_allclose(total.dL_db, sum(p.dL_db for p in parts), atol=1e-9)
    np.testing.assert_allclose(total.dL_dX, np.vstack([p.dL_dX for p in parts]), atol=1e-9)


# The worked layer of notebook 06: the worked neuron is unit 0, unit 1 has w = (2, 1, 1), b = −1;
# two examples, x⁽⁰⁾ = the worked x, x⁽¹⁾ = (2, 1, 0).
X2 = np.array([[1.0, -2.0, 3.0], [2.0, 1.0, 0.0]])
W2 = np.array([[-3.0, 2.0], [-1.0, 1.0], [2.0, 1.0]])
B2 = np.array([1.0, -1.0])


def test_the_worked_layer_by_hand():
    out, cache = dense_relu_forward(X2, W2, B2)
    # z⁽⁰⁾ = (−3 + 2 + 6 + 1, 2 − 2 + 3 − 1) = (6, 2); z⁽¹⁾ = (−6 − 1 + 0 + 1, 4 + 1 + 0 − 1) = (−6, 4)
    np.testing.assert_array_equal(cache.Z, [[6.0, 2.0], [-6.0, 4.0]])
    np.testing.assert_array_equal(out, [[6.0, 2.0], [0.0, 4.0]])
    grads = dense_relu_backward([[1.0, 2.0], [3.0, 1.0]], cache)
    # dL/dZ = G·gate = [[1, 2], [0, 1]] (the 3 is blocked by the closed gate at z = −6)
    # dL/dW = Xᵀ dL/dZ: row i = (x⁽⁰⁾ᵢ·1 + x⁽¹⁾ᵢ·0, x⁽⁰⁾ᵢ·2 + x⁽¹⁾ᵢ·1)
    #   i = 0: (1, 2 + 2) = (1, 4);  i = 1: (−2, −4 + 1) = (−2, −3);  i = 2: (3, 6 + 0) = (3, 6)
    np.testing.assert_array_equal(grads.dL_dW, [[1.0, 4.0], [-2.0, -3.0], [3.0, 6.0]])
    np.testing.assert_array_equal(grads.dL_db, [1.0, 3.0])  # column sums (1 + 0, 2 + 1)
    # dL/dX = dL/dZ Wᵀ: row 0 = 1·(−3, −1, 2) + 2·(2, 1, 1) = (1, 1, 4); row 1 = 1·(2, 1, 1)
    np.testing.assert_array_equal(grads.dL_dX, [[1.0, 1.0, 4.0], [2.0, 1.0, 1.0]])


def test_linear_layer_by_hand():
    # Y = [[6, 2], [0, 4]] into W = (1, −1)ᵀ, b = 1: out = (6 − 2 + 1, 0 − 4 + 1) = (5, −3)
    out, cache = dense_linear_forward([[6.0, 2.0], [0.0, 4.0]], [[1.0], [-1.0]], [1.0])
    np.testing.assert_array_equal(out, [[5.0], [-3.0]])
    grads = dense_linear_backward([[1.0], [-2.0]], cache)  # no gate: dL/dZ = G, also at z = −3
    np.testing.assert_array_equal(grads.dL_dW, [[6.0], [-6.0]])  # (6·1 + 0·(−2), 2·1 + 4·(−2))
    np.testing.assert_array_equal(grads.dL_db, [-1.0])  # 1 − 2
    np.testing.assert_array_equal(grads.dL_dX, [[1.0, -1.0], [-2.0, 2.0]])  # gᵢ·(1, −1)
    out[0, 0] = 100.0  # the output is not the cache's Z
    assert cache.Z[0, 0] == 5.0


@given(layers(min_abs_z=0.0))
def test_linear_layer_matches_central_differences_even_at_z_0(layer):
    X, W, b, G = layer
    _, cache = dense_linear_forward(X, W, b)
    grads = dense_linear_backward(G, cache)

    def loss(X_, W_, b_):
        return float(np.sum(G * dense_linear_forward(X_, W_, b_)[0]))

    # an exactly-zero gradient (W = 0) against rounding noise of ~1e-10: judged absolutely
    for exact, numeric in [
        (grads.dL_dW, numerical_gradient(lambda W_: loss(X, W_, b), W)),
        (grads.dL_db, numerical_gradient(lambda b_: loss(X, W, b_), b)),
        (grads.dL_dX, numerical_gradient(lambda X_: loss(X_, W, b), X)),
    ]:
        assert relative_error(exact, numeric) < 1e-6 or np.abs(exact - numeric).max() < 1e-8


@given(layers())
def test_entry_ik_of_dL_dW_is_the_sum_of_the_single_neuron_gradients(layer):
    # 03's neuron, run on every example n and unit k: Σₙ (g⁽ⁿ⁾ₖ·1[z⁽ⁿ⁾ₖ > 0]·x⁽ⁿ⁾)ᵢ
    X, W, b, G = layer
    grads = dense_relu_backward(G, dense_relu_forward(X, W, b)[1])
    for k in range(W.shape[1]):
        per_example = [
            neuron_backward(G[n, k], neuron_forward(X[n], W[:, k], b[k])[1]) for n in range(len(X))
        ]
        np.testing.assert_allclose(grads.dL_dW[:, k], sum(p.dL_dw for p in per_example), atol=1e-9)
        np.testing.assert_allclose(grads.dL_db[k], sum(p.dL_db for p in per_example), atol=1e-9)


def test_leaky_relu_and_its_gradient():
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(leaky_relu(z), [-0.02, 0.0, 3.0])
    np.testing.assert_allclose(leaky_relu_grad(z), [0.01, 0.01, 1.0])
    np.testing.assert_array_equal(leaky_relu(z, 0.0), [0.0, 0.0, 3.0])  # slope 0 is ReLU
    np.testing.assert_array_equal(leaky_relu_grad(z, 0.0), [0.0, 0.0, 1.0])


@given(arrays(np.float64, 5, elements=VALUE), st.sampled_from([0.01, 0.1, 0.3]))
def test_leaky_relu_grad_matches_central_differences(z, slope):
    assume(np.all(np.abs(z) > 1e-3))
    numeric = numerical_gradient(lambda v: float(np.sum(leaky_relu(v, slope))), z, eps=1e-5)
    np.testing.assert_allclose(leaky_relu_grad(z, slope), numeric, rtol=1e-6)


def test_batch_squared_loss_by_hand():
    # out = (2, 0) in one column, t = (1, 1): errors 1, −1; L = (1² + 1²)/2 = 1; dL/dout = 2·e/N
    loss, dL_dout = batch_squared_loss([[2.0], [0.0]], [1.0, 1.0])
    assert loss == 1.0
    np.testing.assert_array_equal(dL_dout, [[1.0], [-1.0]])


@given(layers())
def test_batch_squared_loss_gradient_matches_central_differences(layer):
    X, W, b, _ = layer
    out, _ = dense_relu_forward(X, W, b)
    t = np.linspace(-1.0, 2.0, len(X))
    _, dL_dout = batch_squared_loss(out, t)
    numeric = numerical_gradient(lambda o: batch_squared_loss(o, t)[0], out, eps=1e-5)
    assert relative_error(dL_dout, numeric) < 1e-6


def test_dead_units_and_fraction():
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    W = np.array([[1.0, -1.0, 1.0, 0.0], [1.0, -1.0, -1.0, 0.0]])
    b = np.array([0.0, 0.0, -1.0, 0.0])
    # unit 0 active; unit 1 z ≤ 0 everywhere; unit 2 z = 0, -2, -1 (dead: z = 0 counts); unit 3 z ≡ 0
    np.testing.assert_array_equal(dead_units(X, W, b), [False, True, True, True])
    assert dead_fraction(X, W, b) == 0.75
    # unit 0: z = 1, 1, 2 (three active); unit 2: only z = 0 at (1, 0), not > 0
    np.testing.assert_array_equal(active_counts(X, W, b), [3, 0, 0, 0])


# One point x = (1, 1), target 1, a unit w = (−1, −1), b = 0.5: z = −2 + 0.5 = −1.5, dead.
# Its loss gradient is 0, so only weight decay moves it; η = 0.5, λ = 1: factor 1 − ηλ = 0.5.
DEAD_X, DEAD_T = np.array([[1.0, 1.0]]), np.array([1.0])
DEAD_W, DEAD_B = np.array([[-1.0], [-1.0]]), np.array([0.5])


def test_weight_decay_on_w_and_b_keeps_a_dead_unit_dead():
    # w, b ← 0.5·(w, b) each step, so z ← 0.5·z: −1.5, −0.75, −0.375, … never > 0
    for steps in (1, 2, 3, 10):
        W, b, _ = train_gd(DEAD_X, DEAD_T, DEAD_W, DEAD_B, lr=0.5, steps=steps, weight_decay=1.0)
        np.testing.assert_allclose(W[:, 0], [-(0.5**steps)] * 2)
        np.testing.assert_allclose(b, [0.5 * 0.5**steps])
        assert dead_units(DEAD_X, W, b)[0]
        assert float((DEAD_X @ W[:, 0] + b[0])[0]) == pytest.approx(-1.5 * 0.5**steps)


def test_weight_decay_on_w_only_revives_a_dead_unit_with_positive_bias():
    # w ← 0.5·w, b stays 0.5: z = −2·0.5ᵏ + 0.5 = −0.5 (k = 1), 0 (k = 2, still silent), 0.25 (k = 3)
    for steps, z in [(1, -0.5), (2, 0.0), (3, 0.25)]:
        W, b, _ = train_gd(
            DEAD_X, DEAD_T, DEAD_W, DEAD_B, lr=0.5, steps=steps, weight_decay=1.0, decay_bias=False
        )
        assert b[0] == 0.5
        assert float((DEAD_X @ W[:, 0] + b[0])[0]) == z
        assert dead_units(DEAD_X, W, b)[0] == (z <= 0)
    # with b ≤ 0 it never comes back: z = −2·0.5ᵏ − 0.5 < 0
    W, b, _ = train_gd(
        DEAD_X, DEAD_T, DEAD_W, [-0.5], lr=0.5, steps=20, weight_decay=1.0, decay_bias=False
    )
    assert dead_units(DEAD_X, W, b)[0] and float((DEAD_X @ W[:, 0] + b[0])[0]) < -0.5


def test_momentum_pushes_a_killed_unit_further_in():
    # x = (1, 0), t = 1, w = (3, 0), b = 0: z = 3, L = (3 − 1)² = 4, g = 2·(3 − 1) = 4,
    # ∂L/∂w = (4, 0), ∂L/∂b = 4. η = 1, μ = 0.5:
    # step 1: v = (4, 0), 4 → w = (−1, 0), b = −4, z = −5: dead, L = (0 − 1)² = 1
    # step 2: gradient 0, v = 0.5·v = (2, 0), 2 → w = (−3, 0), b = −6, z = −9
    # step 3: v = (1, 0), 1 → w = (−4, 0), b = −7, z = −11; plain descent stays at z = −5
    X, t = np.array([[1.0, 0.0]]), np.array([1.0])
    W, b, losses = train_gd(X, t, [[3.0], [0.0]], [0.0], lr=1.0, steps=3, momentum=0.5)
    np.testing.assert_array_equal(W[:, 0], [-4.0, 0.0])
    np.testing.assert_array_equal(b, [-7.0])
    assert losses == [4.0, 1.0, 1.0, 1.0]
    W, b, _ = train_gd(X, t, [[3.0], [0.0]], [0.0], lr=1.0, steps=3)
    np.testing.assert_array_equal(W[:, 0], [-1.0, 0.0])
    np.testing.assert_array_equal(b, [-4.0])


def test_momentum_and_weight_decay_on_a_live_unit_follow_the_update_rule():
    # x = (1, 0), t = 1, w = (0.5, 0), b = 0: z = 0.5, g = 2·(0.5 − 1) = −1, ∂L/∂w = (−1, 0),
    # ∂L/∂b = −1. λ = 0.1, μ = 0.9, η = 0.1, v starts at 0:
    # v_w = 0.9·0 + (−1, 0) + 0.1·(0.5, 0) = (−0.95, 0), v_b = 0.9·0 + (−1) + 0.1·0 = −1
    # step 1: w = (0.5, 0) − 0.1·(−0.95, 0) = (0.595, 0), b = 0 − 0.1·(−1) = 0.1
    X, t = np.array([[1.0, 0.0]]), np.array([1.0])
    W, b, _ = train_gd(X, t, [[0.5], [0.0]], [0.0], lr=0.1, momentum=0.9, weight_decay=0.1)
    np.testing.assert_allclose(W[:, 0], [0.595, 0.0])
    np.testing.assert_allclose(b, [0.1])


def test_a_dead_unit_never_moves_and_leaky_relu_revives_it():
    data = make_dataset(np.random.default_rng(0))
    W, b = np.array([[-1.0], [-1.0]]), np.array([-0.5])
    assert dead_units(data.X, W, b)[0]
    out, cache = dense_relu_forward(data.X, W, b)
    grads = dense_relu_backward(batch_squared_loss(out, data.t)[1], cache)
    assert not grads.dL_dW.any() and not grads.dL_db.any() and not grads.dL_dX.any()
    W_after, b_after, losses = train_gd(data.X, data.t, W, b, lr=1.0, steps=5)
    np.testing.assert_array_equal(W_after, W)
    np.testing.assert_array_equal(b_after, b)
    assert len(losses) == 6 and len(set(losses)) == 1
    _, leaky = dense_relu_forward(data.X, W, b, negative_slope=0.01)
    leaky_grads = dense_relu_backward(
        batch_squared_loss(dense_relu_forward(data.X, W, b, 0.01)[0], data.t)[1], leaky
    )
    assert np.all(leaky_grads.dL_dW != 0) and leaky_grads.dL_db[0] < 0  # pushes b up


def test_train_gd_follows_the_loss_down_with_a_small_learning_rate():
    data = make_dataset(np.random.default_rng(0))
    W, b, losses = train_gd(data.X, data.t, [[1.0], [1.0]], [0.5], lr=0.1, steps=200)
    assert all(later <= earlier for earlier, later in itertools.pairwise(losses))
    np.testing.assert_allclose(W[:, 0], TEACHER_W, atol=1e-2)
    assert b[0] == pytest.approx(TEACHER_B, abs=1e-2)
    W0, b0, losses0 = train_gd(data.X, data.t, W, b, lr=0.1, steps=0)
    assert len(losses0) == 1 and np.array_equal(W0, W) and np.array_equal(b0, b)


def test_make_dataset_is_seeded_and_uses_only_the_generator():
    a, b = make_dataset(np.random.default_rng(7)), make_dataset(np.random.default_rng(7))
    np.testing.assert_array_equal(a.X, b.X)
    assert a.X.shape == (40, 2) and a.t.shape == (40,)
    np.testing.assert_array_equal(a.X, np.round(a.X, 2))
    np.testing.assert_array_equal(a.t, np.maximum(a.X @ TEACHER_W + TEACHER_B, 0.0))
    assert not np.array_equal(a.X, make_dataset(np.random.default_rng(8)).X)
    assert make_dataset(np.random.default_rng(0), n=5).X.shape == (5, 2)


def _cache():
    return dense_relu_forward(X1, W1, [1.0])[1]


BAD = [
    (lambda: dense_relu_forward([1.0, 2.0], W1, [1.0]), ValueError, ["X", "2-D", "(2,)"]),
    (
        lambda: dense_relu_forward(X1, [[1.0, 2.0]], [1.0, 1.0]),
        ValueError,
        ["X", "W", "(1, 3)", "(1, 2)"],
    ),
    (lambda: dense_relu_forward(X1, W1, [1.0, 2.0]), ValueError, ["b", "(1,)", "(2,)"]),
    (lambda: dense_relu_forward(X1, W1, [math.nan]), ValueError, ["b", "finite"]),
    (lambda: dense_relu_forward("X", W1, [1.0]), TypeError, ["X", "numeric"]),
    (lambda: dense_relu_forward(np.zeros((0, 3)), W1, [1.0]), ValueError, ["empty"]),
    (
        lambda: dense_relu_forward(X1, W1, [1.0], negative_slope=1.5),
        ValueError,
        ["negative_slope", "[0, 1)", "1.5"],
    ),
    (lambda: dense_relu_forward(X1, W1, [1.0], negative_slope=True), TypeError, ["negative_slope"]),
    (
        lambda: dense_relu_backward([[1.0, 2.0]], _cache()),
        ValueError,
        ["dL_dout", "(1, 1)", "(1, 2)"],
    ),
    (lambda: dense_relu_backward([1.0], _cache()), ValueError, ["dL_dout", "2-D"]),
    (lambda: dense_relu_backward([[1.0]], (X1, W1)), TypeError, ["cache", "LayerCache", "tuple"]),
    (lambda: dense_linear_forward(X1, [[1.0, 2.0]], [1.0]), ValueError, ["X", "W", "(1, 3)"]),
    (lambda: dense_linear_backward([[1.0]], _cache()), TypeError, ["dense_linear_forward", "ReLU"]),
    (
        lambda: dense_linear_backward([[1.0, 2.0]], dense_linear_forward(X1, W1, [1.0])[1]),
        ValueError,
        ["dL_dout", "(1, 1)", "(1, 2)"],
    ),
    (lambda: leaky_relu([1.0, math.inf]), ValueError, ["z", "finite"]),
    (lambda: leaky_relu_grad([1.0], negative_slope=-0.1), ValueError, ["negative_slope", "-0.1"]),
    (lambda: batch_squared_loss([[1.0], [2.0]], [1.0]), ValueError, ["t", "(2,)", "(1,)"]),
    (lambda: batch_squared_loss([1.0, 2.0], [1.0, 2.0]), ValueError, ["out", "2-D"]),
    (lambda: dead_units(X1, W1, [1.0, 2.0]), ValueError, ["b", "(1,)"]),
    (lambda: dead_fraction([[1.0, math.nan, 3.0]], W1, [1.0]), ValueError, ["X", "finite"]),
    (lambda: train_gd(X1, [1.0], W1, [1.0], lr=0.0), ValueError, ["lr", "> 0"]),
    (lambda: train_gd(X1, [1.0], W1, [1.0], lr=0.1, steps=-1), ValueError, ["steps", "-1"]),
    (lambda: train_gd(X1, [1.0], W1, [1.0], lr=0.1, steps=2.5), ValueError, ["steps", "2.5"]),
    (lambda: train_gd(X1, [1.0], W1, [1.0], lr=0.1, momentum=1.0), ValueError, ["momentum", "1"]),
    (
        lambda: train_gd(X1, [1.0], W1, [1.0], lr=0.1, weight_decay=-0.1),
        ValueError,
        ["weight_decay", "-0.1"],
    ),
    (
        lambda: train_gd(X1, [1.0], W1, [1.0], lr=0.1, decay_bias="no"),
        TypeError,
        ["decay_bias", "no"],
    ),
    (lambda: active_counts(X1, W1, [1.0, 2.0]), ValueError, ["b", "(1,)"]),
    (lambda: make_dataset(0), TypeError, ["rng", "Generator", "int"]),
    (lambda: make_dataset(np.random.default_rng(0), n=0), ValueError, ["n", "0"]),
    (lambda: make_dataset(np.random.default_rng(0), n=True), ValueError, ["n", "True"]),
]


@pytest.mark.parametrize("call, error, words", BAD, ids=[f"bad{i}" for i in range(len(BAD))])
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    for word in words:
        assert word.lower() in message.lower(), f"{word!r} missing from: {message}"


def test_cache_is_a_copy():
    X = X1.copy()
    _, cache = dense_relu_forward(X, W1, [1.0])
    X[0, 0] = 100.0
    assert isinstance(cache, LayerCache) and cache.X[0, 0] == 1.0
