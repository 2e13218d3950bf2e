"""A network composed of dense layers: notebook 06's two-layer example by hand, every gradient of
random networks (1 to 3 layers, sizes from 1) against central differences, the batch gradient as
the sum of per-example gradients, He initialisation and bad input."""

import itertools

import numpy as np
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from strategies import NONZERO_UPSTREAM, VALUE

from helpers import numerical_gradient, relative_error
from helpers.core.layer import batch_squared_loss, dense_relu_backward, dense_relu_forward
from helpers.core.network import init_network, network_backward, network_forward

# Notebook 06: the worked layer (unit 0 the worked neuron, unit 1 w = (2, 1, 1), b = −1) on two
# examples, then a linear layer W = (1, −1)ᵀ, b = 1; targets t = (4, −1), the mean squared loss.
X = np.array([[1.0, -2.0, 3.0], [2.0, 1.0, 0.0]])
PARAMS = [
    (np.array([[-3.0, 2.0], [-1.0, 1.0], [2.0, 1.0]]), np.array([1.0, -1.0])),
    (np.array([[1.0], [-1.0]]), np.array([1.0])),
]
T = np.array([4.0, -1.0])


def test_the_two_layer_example_by_hand():
    out, caches = network_forward(X, PARAMS)
    # layer 0: Z = [[6, 2], [−6, 4]], Y = [[6, 2], [0, 4]]; layer 1: out = (6 − 2 + 1, 0 − 4 + 1)
    np.testing.assert_array_equal(caches[0].Z, [[6.0, 2.0], [-6.0, 4.0]])
    np.testing.assert_array_equal(out, [[5.0], [-3.0]])
    loss, dL_dout = batch_squared_loss(out, T)
    assert loss == 2.5  # ((5 − 4)² + (−3 + 1)²)/2 = (1 + 4)/2
    np.testing.assert_array_equal(dL_dout, [[1.0], [-2.0]])  # 2·(1, −2)/2
    g0, g1 = network_backward(dL_dout, caches)
    np.testing.assert_array_equal(g1.dL_dW, [[6.0], [-6.0]])  # Yᵀ G = (6·1 + 0, 2·1 + 4·(−2))
    np.testing.assert_array_equal(g1.dL_db, [-1.0])  # 1 − 2
    np.testing.assert_array_equal(g1.dL_dX, [[1.0, -1.0], [-2.0, 2.0]])  # G·(1, −1)
    # layer 0 gets G₀ = [[1, −1], [−2, 2]]; gate [[1, 1], [0, 1]]: dL/dZ₀ = [[1, −1], [0, 2]]
    # Xᵀ dL/dZ₀: i = 0: (1, −1 + 4) = (1, 3); i = 1: (−2, 2 + 2) = (−2, 4); i = 2: (3, −3 + 0)
    np.testing.assert_array_equal(g0.dL_dW, [[1.0, 3.0], [-2.0, 4.0], [3.0, -3.0]])
    np.testing.assert_array_equal(g0.dL_db, [1.0, 1.0])  # (1 + 0, −1 + 2)
    # dL/dX = dL/dZ₀ W₀ᵀ: row 0 = (−3, −1, 2) − (2, 1, 1) = (−5, −2, 1); row 1 = 2·(2, 1, 1)
    np.testing.assert_array_equal(g0.dL_dX, [[-5.0, -2.0, 1.0], [4.0, 2.0, 2.0]])


def test_the_composition_is_the_layers_own_steps():
    out, caches = network_forward(X, PARAMS)
    hidden, cache0 = dense_relu_forward(X, *PARAMS[0])
    np.testing.assert_array_equal(caches[0].Z, cache0.Z)
    np.testing.assert_array_equal(out, hidden @ PARAMS[1][0] + PARAMS[1][1])
    grads = network_backward([[1.0], [-2.0]], caches)
    by_hand = dense_relu_backward(grads[1].dL_dX, cache0)  # the link: dL/dX of layer 1 is G₀
    np.testing.assert_array_equal(grads[0].dL_dW, by_hand.dL_dW)


@st.composite
def networks(draw, min_abs_z: float = 1e-3):
    """(X, params, G): 1 to 3 layers, every size from 1, every hidden z away from the kink."""
    sizes = [draw(st.integers(1, 3)) for _ in range(draw(st.integers(2, 4)))]
    n = draw(st.integers(1, 3))
    X = draw(arrays(np.float64, (n, sizes[0]), elements=VALUE))
    params = [
        (
            draw(arrays(np.float64, (d, m), elements=VALUE)),
            draw(arrays(np.float64, m, elements=VALUE)),
        )
        for d, m in itertools.pairwise(sizes)
    ]
    G = draw(arrays(np.float64, (n, sizes[-1]), elements=NONZERO_UPSTREAM))
    _, caches = network_forward(X, params)
    assume(all(np.all(np.abs(c.Z) > min_abs_z) for c in caches[:-1]))
    return X, params, G


# Found by Hypothesis: exact zeros for b[0], a central difference of −1.07e-7 from rounding alone
# (the terms of L are ~53 in size), which an absolute 1e-7 wrongly failed.
ROUNDING_CASE = (
    np.array([[8.41, 0.0], [0.04, 0.0], [0.04, 0.0]]),
    [
        (np.array([[8.49, 0.03, 0.03], [0.0, 0.0, 0.0]]), np.zeros(3)),
        (np.array([[0.0, 4.09], [0.0, 0.0], [0.0, 0.0]]), np.array([0.01, 0.0])),
        (np.array([[0.0], [0.09]]), np.zeros(1)),
    ],
    np.array([[2.0], [2.0], [-4.0]]),
)


@given(networks(), st.sampled_from([0.0, 0.1]))
@example(ROUNDING_CASE, 0.0)
def test_every_gradient_matches_central_differences(network, slope):
    X_, params, G = network
    _, caches = network_forward(X_, params, slope)
    grads = network_backward(G, caches)

    def loss_with(layer: int, which: int, value: np.ndarray) -> float:  # L = Σ G ⊙ out
        changed = [list(p) for p in params]
        changed[layer][which] = value
        return float(np.sum(G * network_forward(X_, changed, slope)[0]))

    # An exactly-zero gradient is judged absolutely, against the rounding of L's evaluations:
    # each is off by about ε·Σ|G ⊙ out| (2.2e-16 times the terms' size, not L's, which may
    # cancel), divided by the step 2h ≥ 2e-7: about 1e-9·Σ|G ⊙ out|; allowed: 100 times that.
    size = max(1.0, float(np.sum(np.abs(G * network_forward(X_, params, slope)[0]))))

    def close(exact, numeric):
        return relative_error(exact, numeric) < 1e-6 or np.abs(exact - numeric).max() < 1e-7 * size

    # eps = 1e-7 relative: a probe moves a hidden z by < 1e-3, so none crosses the kink
    for layer, (W, b) in enumerate(params):
        num_W = numerical_gradient(lambda W_, i=layer: loss_with(i, 0, W_), W, eps=1e-7)
        num_b = numerical_gradient(lambda b_, i=layer: loss_with(i, 1, b_), b, eps=1e-7)
        assert close(grads[layer].dL_dW, num_W), layer
        assert close(grads[layer].dL_db, num_b), layer
    num_X = numerical_gradient(
        lambda X2: float(np.sum(G * network_forward(X2, params, slope)[0])), X_, eps=1e-7
    )
    assert close(grads[0].dL_dX, num_X)


@given(networks())
def test_the_batch_gradient_is_the_sum_of_per_example_gradients(network):
    X_, params, G = network
    total = network_backward(G, network_forward(X_, params)[1])
    parts = [
        network_backward(G[n : n + 1], network_forward(X_[n : n + 1], params)[1])
        for n in range(len(X_))
    ]
    for layer in range(len(params)):
        summed_W = sum(p[layer].dL_dW for p in parts)
        summed_b = sum(p[layer].dL_db for p in parts)
        np.testing.assert_allclose(total[layer].dL_dW, summed_W, atol=1e-9)
        np.testing.assert_allclose(total[layer].dL_db, summed_b, atol=1e-9)


def test_init_network_is_seeded_he_normal():
    params = init_network([2, 500, 1], np.random.default_rng(0), bias=0.1)
    assert [(W.shape, b.shape) for W, b in params] == [((2, 500), (500,)), ((500, 1), (1,))]
    assert np.all(params[0][1] == 0.1)
    # He: standard deviation sqrt(2/d) = 1 for d = 2, 1/√250 ≈ 0.063 for d = 500 (1000 and 500 draws)
    assert params[0][0].std() == pytest.approx(1.0, rel=0.1)
    assert params[1][0].std() == pytest.approx(np.sqrt(2 / 500), rel=0.15)
    again = init_network([2, 500, 1], np.random.default_rng(0), bias=0.1)
    np.testing.assert_array_equal(params[0][0], again[0][0])


BAD = [
    (lambda: network_forward(X, []), TypeError, ["params", "(W, b)"]),
    (lambda: network_forward(X, [PARAMS[0][0]]), TypeError, ["params[0]", "pair"]),
    (
        lambda: network_forward(X, [PARAMS[0], (np.ones((3, 1)), np.ones(1))]),
        ValueError,
        ["layer 1", "(2, 2)", "(3, 1)"],
    ),
    (lambda: network_forward(X, [(PARAMS[0][0], [1.0])]), ValueError, ["layer 0", "b", "(2,)"]),
    (lambda: network_backward([[1.0]], []), TypeError, ["caches", "network_forward"]),
    (
        lambda: network_backward([[1.0, 2.0]], network_forward(X, PARAMS)[1]),
        ValueError,
        ["dL_dout", "(2, 1)", "(1, 2)"],
    ),
    (lambda: init_network([2], np.random.default_rng(0)), ValueError, ["sizes", "[2]"]),
    (lambda: init_network([2, 0], np.random.default_rng(0)), ValueError, ["sizes", "0"]),
    (lambda: init_network([2, 3], 0), TypeError, ["rng", "Generator"]),
]


@pytest.mark.parametrize("call, error, words", BAD, ids=[f"bad{i}" for i in range(len(BAD))])
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    for word in words:
        assert word.lower() in message.lower(), f"{word!r} missing from: {message}"
