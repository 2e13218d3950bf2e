"""Notebook 08's runs: the equivalence ladder (07's engine, 06's layers, the written-out step) and
the seeded moons and digits runs reaching their accuracy."""

import numpy as np
import pytest

from helpers.core.engine import Value
from helpers.core.nn import MLP
from helpers.core.trainer import accuracy, init_params, loss_and_gradients, step
from helpers.lessons.nb08_training_a_network.runs import (
    DIGITS,
    MOONS,
    digits_data,
    moons_data,
    run_config,
)


def _engine(params, X, labels):
    """Mean cross-entropy with 07's Values and every (dL/dW, dL/db), from backward()."""
    mlp = MLP.from_arrays([a for pair in params for a in pair])
    losses = []
    for x, c in zip(X, labels, strict=True):
        zs = mlp(list(x))
        m = max(v.data for v in zs)
        losses.append(-zs[c] + m + Value.sum((v - m).exp() for v in zs).log())
    L = Value.sum(losses) / len(losses)
    mlp.zero_grad()
    L.backward()
    grads = [
        (
            np.array(
                [[n.w[i].grad for n in layer.neurons] for i in range(len(layer.neurons[0].w))]
            ),
            np.array([n.b.grad for n in layer.neurons]),
        )
        for layer in mlp.layers
    ]
    return L.data, grads


@pytest.mark.parametrize("seed", [0, 1])
def test_the_ladder_engine_layers_and_step_agree(seed):
    train_set, _ = moons_data()
    params = init_params(MOONS.sizes, np.random.default_rng(seed), bias=0.05)
    idx = np.random.default_rng(seed + 10).choice(len(train_set.X), size=16, replace=False)
    X, labels = train_set.X[idx], train_set.labels[idx]
    L_engine, engine = _engine(params, X, labels)
    L_layers, grads = loss_and_gradients(params, X, labels)
    L_step, new = step(params, X, labels, lr=1.0)
    assert abs(L_engine - L_layers) < 1e-12 and abs(L_layers - L_step) < 1e-12
    for (dW_e, db_e), g, (W, b), (W1, b1) in zip(engine, grads, params, new, strict=True):
        np.testing.assert_allclose(dW_e, g.dL_dW, rtol=0, atol=1e-12)
        np.testing.assert_allclose(db_e, g.dL_db, rtol=0, atol=1e-12)
        np.testing.assert_allclose(W - W1, g.dL_dW, rtol=0, atol=1e-12)
        np.testing.assert_allclose(b - b1, g.dL_db, rtol=0, atol=1e-12)


def test_the_moons_run_reaches_97_percent_on_validation():
    run = run_config(MOONS, *moons_data())
    assert run.status == "finished"
    assert run.history[-1].val_accuracy >= 0.97
    assert run.history[-1].val_accuracy == 0.98  # regression snapshot of the seeded run


def test_the_digits_run_reaches_95_percent_on_the_test_set():
    train_set, val_set, test_set = digits_data()
    assert (len(train_set.X), len(val_set.X), len(test_set.X)) == (1078, 359, 360)  # ⌊0.6·1797⌋…
    run = run_config(DIGITS, train_set, val_set)
    assert run.status == "finished"
    assert accuracy(run.params, test_set) >= 0.95
