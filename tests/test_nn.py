"""The network of Values (helpers.core.nn): forward by hand, gradients by central differences."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.core.engine import Value
from helpers.core.nn import MLP, Layer, Neuron

# A 2 → 2 → 1 network small enough to run by hand.
W0 = [[1.0, -1.0], [2.0, 0.5]]  # (d=2, m=2): column k holds unit k's weights
B0 = [0.5, -1.0]
W1 = [[3.0], [-2.0]]
B1 = [0.25]


def test_forward_by_hand():
    # x = (1, 2): z₀ = 1·1 + 2·2 + 0.5 = 5.5 → 5.5; z₁ = 1·(−1) + 2·0.5 − 1 = −1 → ReLU 0
    # out = 3·5.5 + (−2)·0 + 0.25 = 16.75 (last layer linear)
    mlp = MLP.from_arrays([W0, B0, W1, B1])
    (out,) = mlp([1.0, 2.0])
    assert out.data == 16.75
    out.backward()
    # ∂out/∂W0[:,0] = 3·1[z₀>0]·x = (3, 6); unit 1 is silent: its weights get 0
    n0, n1 = mlp.layers[0].neurons
    assert [w.grad for w in n0.w] == [3.0, 6.0]
    assert [w.grad for w in n1.w] == [0.0, 0.0]
    assert n0.b.grad == 3.0
    assert [w.grad for w in mlp.layers[1].neurons[0].w] == [5.5, 0.0]


def test_parameters_and_zero_grad():
    mlp = MLP(2, [16, 16, 1], rng=np.random.default_rng(0))
    params = mlp.parameters()
    assert len(params) == (2 * 16 + 16) + (16 * 16 + 16) + (16 + 1)  # 48 + 272 + 17 = 337
    (out,) = mlp([0.3, -0.7])
    out.backward()
    assert any(p.grad for p in params)
    mlp.zero_grad()
    assert all(p.grad == 0.0 for p in params)


def test_gradients_agree_with_central_differences():
    rng = np.random.default_rng(1)
    arrays = [
        rng.normal(size=(3, 4)),
        rng.normal(size=4),
        rng.normal(size=(4, 2)),
        rng.normal(size=2),
    ]
    x = [0.2, -0.4, 0.9]

    def loss(arrs) -> Value:
        out = MLP.from_arrays(arrs)(x)
        return out[0] * out[0] + out[1]  # any smooth function of the outputs

    mlp = MLP.from_arrays(arrays)
    out = mlp(x)
    (out[0] * out[0] + out[1]).backward()
    got = [p.grad for p in mlp.parameters()]
    flat = [p.data for p in mlp.parameters()]
    h = 1e-6
    numeric = []
    for i in range(len(flat)):
        up, down = list(flat), list(flat)
        up[i] += h
        down[i] -= h
        numeric.append((_loss_at(up, arrays, loss) - _loss_at(down, arrays, loss)) / (2 * h))
    np.testing.assert_allclose(got, numeric, rtol=1e-5, atol=1e-7)


def _loss_at(flat, arrays, loss):
    """Rebuild the arrays from a flat parameter list in `parameters()` order (per unit: w, then b)."""
    out, i = [], 0
    for W in arrays[::2]:
        d, m = np.shape(W)
        Wn, bn = np.empty((d, m)), np.empty(m)
        for k in range(m):
            Wn[:, k] = flat[i : i + d]
            bn[k] = flat[i + d]
            i += d + 1
        out += [Wn, bn]
    return loss(out).data


def test_bad_input():
    with pytest.raises(TypeError, match="rng"):
        MLP(2, [3], rng=0)
    with pytest.raises(ValueError, match="arrays"):
        MLP.from_arrays([W0, B0, W1])
    with pytest.raises(ValueError, match="b must have shape"):
        Layer(W0, [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="w"):
        Neuron([[1.0]], 0.0)
