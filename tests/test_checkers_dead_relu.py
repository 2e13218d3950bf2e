"""The checkers of 04_dead_relus: the reference answer passes and every typical mistake gets its
own diagnosis, with numbers chosen so that no two mistakes give the same value."""

import itertools

import numpy as np
import pytest

from helpers.core.layer import dead_units, dense_relu_backward, dense_relu_forward
from helpers.lessons.nb04_dead_relus.checkers import (
    EX_BATCH,
    EX_COUNT,
    EX_DEAD,
    EX_STEP,
    EXERCISES,
    check_active_count,
    check_batch_gradient,
    check_bias_after_step,
    check_dead_bias,
)


def _mistaken_answers():
    """Each mistake, computed from the exercise's data the way a learner would make it."""
    X, w = EX_DEAD
    s = X @ w
    dead = {
        "sign_flipped": s.max(),
        "used_min": -s.min(),
        "used_mean": -s.mean(),
        "one_point_only": -s[0],
        "not_the_largest": -s.max() - 1,
        "just_below": -s.max() - 0.01,
    }
    X, w, b = EX_COUNT
    z = X @ w + b
    count = {
        "counted_z_geq_0": np.sum(z >= 0),
        "counted_silent": np.sum(z <= 0),
        "counted_z_below_0": np.sum(z < 0),
        "forgot_bias": np.sum(X @ w > 0),
        "bias_subtracted": np.sum(X @ w - b > 0),
    }
    X, w, b, g = EX_BATCH
    z = X @ w + b
    batch = {
        "forgot_gate": sum(g[i] * X[i] for i in range(len(X))),
        "gate_z_geq_0": sum(g[i] * (z[i] >= 0) * X[i] for i in range(len(X))),
        "overwrote_instead_of_adding": g[-1] * (z[-1] > 0) * X[-1],
        "forgot_upstream": sum((z[i] > 0) * X[i] for i in range(len(X))),
        "swapped_x_and_w": sum(g[i] * (z[i] > 0) * w for i in range(len(X))),
    }
    b, dL_db, lr = EX_STEP["b"], EX_STEP["dL_db"], EX_STEP["lr"]
    step = {
        "wrong_sign": b + lr * dL_db,
        "forgot_lr": b - dL_db,
        "forgot_old_b": -lr * dL_db,
        "divided_by_lr": b - dL_db / lr,
    }
    return {"04.1": dead, "04.2": count, "04.3": batch, "04.4": step}


@pytest.mark.parametrize("key", sorted(EXERCISES))
def test_each_mistake_made_from_the_data_gets_its_diagnosis(key):
    checker, _, listed = EXERCISES[key]
    made = _mistaken_answers()[key]
    assert set(made) == set(listed)
    for mistake, answer in made.items():
        np.testing.assert_allclose(np.asarray(listed[mistake], float), answer)
        feedback = checker(answer)
        assert (feedback.status, feedback.mistake) == ("wrong", mistake), (mistake, feedback)


@pytest.mark.parametrize("key", sorted(EXERCISES))
def test_mistakes_give_distinct_values(key):
    _, reference, wrong_answers = EXERCISES[key]
    values = [np.asarray(reference, float), *(np.asarray(v, float) for v in wrong_answers.values())]
    for a, b in itertools.combinations(values, 2):
        assert not np.allclose(a, b), f"{key}: two answers coincide at {a}"


def test_references_agree_with_the_helpers():
    X, w = EX_DEAD
    b_dead = EXERCISES["04.1"][1]
    assert dead_units(X, w[:, None], [b_dead])[0]
    assert not dead_units(X, w[:, None], [b_dead + 0.01])[0]
    X, w, b = EX_COUNT
    assert int(np.sum(dense_relu_forward(X, w[:, None], [b])[1].Z > 0)) == EXERCISES["04.2"][1]
    X, w, b, g = EX_BATCH
    _, cache = dense_relu_forward(X, w[:, None], [b])
    grads = dense_relu_backward(g[:, None], cache)
    np.testing.assert_allclose(grads.dL_dW[:, 0], EXERCISES["04.3"][1])
    # 04.4: the step kills the neuron of 04.1's points; the wrong sign would not
    b_new = EXERCISES["04.4"][1]
    assert not dead_units(EX_DEAD[0], EX_STEP["w"][:, None], [EX_STEP["b"]])[0]
    assert dead_units(EX_DEAD[0], EX_STEP["w"][:, None], [b_new])[0]
    assert not dead_units(EX_DEAD[0], EX_STEP["w"][:, None], [EXERCISES["04.4"][2]["wrong_sign"]])[
        0
    ]


def test_specific_feedback_texts():
    assert "ReLU′(0) = 0" in check_active_count(5).message
    assert "`=`" in check_batch_gradient([-2.0, -1.0]).message
    assert "gate" in check_batch_gradient([1.5, 6.0]).message
    assert "against" in check_bias_after_step(4.0).message
    assert "every point" in check_dead_bias(-1.0).message
    for just_below in (-7.01, -7.1, -7.5):
        feedback = check_dead_bias(just_below)
        assert feedback.mistake == "just_below", just_below
        assert (
            "z = 0 already counts as silent (ReLU′(0) = 0), so -7 itself works" in feedback.message
        )
    assert check_dead_bias(-8.0).mistake == "not_the_largest"
    assert check_dead_bias(-9.0).mistake is None
    assert (
        "since -8 ≤ -7 (Exercise 1) the neuron is now dead" in check_bias_after_step(-8.0).message
    )


def test_unrecognised_and_malformed_answers():
    assert check_dead_bias(-2.0).status == "wrong" and check_dead_bias(-2.0).mistake is None
    assert check_batch_gradient(-1.5).mistake == "wrong_shape"
    assert check_active_count("three").mistake == "not_numeric"
    assert check_bias_after_step(float("nan")).mistake == "not_finite"
