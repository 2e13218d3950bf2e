"""The checkers of 04_dead_relus, beyond the generic registry test of tests/test_checkers.py: the
hand-derived literals agree with the mistakes made from the data and with the core helpers, the
feedback texts say the right thing, and malformed answers get a reply, never a traceback."""

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

BY_ID = {ex.id: ex for ex in EXERCISES}


def _mistaken_answers():
    """Each mistake, made from the exercise's data the way a learner would make it (a loop over
    the points, not the checker's vectorised code)."""
    X, w = np.array(EX_DEAD["X"]), np.array(EX_DEAD["w"])
    s = [float(x @ w) for x in X]
    dead = {
        "sign_flipped": max(s),
        "used_min": -min(s),
        "used_mean": -sum(s) / len(s),
        "one_point_only": -s[0],
        "not_the_largest": -max(s) - 1,
        "just_below": -max(s) - 0.01,
        "just_above": -max(s) + 0.01,
    }
    X, w, b = np.array(EX_COUNT["X"], float), np.array(EX_COUNT["w"]), EX_COUNT["b"]
    z = [float(x @ w + b) for x in X]
    count = {
        "counted_z_geq_0": sum(v >= 0 for v in z),
        "counted_silent": sum(v <= 0 for v in z),
        "counted_z_below_0": sum(v < 0 for v in z),
        "forgot_bias": sum(float(x @ w) > 0 for x in X),
        "bias_subtracted": sum(float(x @ w) - b > 0 for x in X),
    }
    X, w, b, g = (np.array(EX_BATCH[k]) for k in ("X", "w", "b", "g"))
    z = X @ w + b
    batch = {
        "forgot_gate": sum(g[n] * X[n] for n in range(len(X))),
        "gate_z_geq_0": sum(g[n] * (z[n] >= 0) * X[n] for n in range(len(X))),
        "overwrote_instead_of_adding": g[-1] * (z[-1] > 0) * X[-1],
        "forgot_upstream": sum((z[n] > 0) * X[n] for n in range(len(X))),
        "swapped_x_and_w": sum(g[n] * (z[n] > 0) * w for n in range(len(X))),
        "sign_of_g0": -g[0] * X[0] + g[3] * X[3],  # the active points are 0 and 3
        "sign_of_g3": g[0] * X[0] - g[3] * X[3],
        "wrong_points": g[0] * X[0] + g[2] * X[2],
        "sign_flipped": -(g[0] * X[0] + g[3] * X[3]),
        "swapped_entries": (g[0] * X[0] + g[3] * X[3])[::-1],
    }
    b, dL_db, lr = EX_STEP["b"], EX_STEP["dL_db"], EX_STEP["lr"]
    step = {
        "wrong_sign": b + lr * dL_db,
        "forgot_lr": b - dL_db,
        "forgot_old_b": -lr * dL_db,
        "divided_by_lr": b - dL_db / lr,
    }
    return {"04.1": dead, "04.2": count, "04.3": batch, "04.4": step}


@pytest.mark.parametrize("key", sorted(BY_ID))
def test_hand_written_mistakes_match_the_mistakes_made_from_the_data(key):
    made = _mistaken_answers()[key]
    listed = BY_ID[key].mistakes
    assert set(made) == set(listed)
    for mistake, answer in made.items():
        np.testing.assert_allclose(np.asarray(listed[mistake], float), answer, err_msg=mistake)


def test_references_agree_with_the_core_helpers():
    X, w = np.array(EX_DEAD["X"]), np.array(EX_DEAD["w"])[:, None]  # w as a one-unit layer (2, 1)
    b_dead = BY_ID["04.1"].reference
    assert dead_units(X, w, [b_dead])[0]
    assert not dead_units(X, w, [b_dead + 0.01])[0]
    X, w, b = np.array(EX_COUNT["X"], float), np.array(EX_COUNT["w"])[:, None], EX_COUNT["b"]
    assert int(np.sum(dense_relu_forward(X, w, [b])[1].Z > 0)) == BY_ID["04.2"].reference
    X, w = np.array(EX_BATCH["X"]), np.array(EX_BATCH["w"])[:, None]
    _, cache = dense_relu_forward(X, w, [EX_BATCH["b"]])
    grads = dense_relu_backward(np.array(EX_BATCH["g"])[:, None], cache)
    np.testing.assert_allclose(grads.dL_dW[:, 0], BY_ID["04.3"].reference)
    # 04.4: the step kills the neuron on 04.1's points; the wrong sign would not
    X, w = np.array(EX_DEAD["X"]), np.array(EX_STEP["w"])[:, None]
    assert not dead_units(X, w, [EX_STEP["b"]])[0]
    assert dead_units(X, w, [BY_ID["04.4"].reference])[0]
    assert not dead_units(X, w, [BY_ID["04.4"].mistakes["wrong_sign"]])[0]


def test_specific_feedback_texts():
    assert "ReLU′(0) = 0" in check_active_count(5).message
    assert "only the last point's term" in check_batch_gradient([-2.0, -1.0]).message
    assert "wrong sign" in check_batch_gradient([1.5, 1.0]).message
    assert "wrong order" in check_batch_gradient([-1.0, -1.5]).message
    assert "still has z = 7 + (−6.99) = 0.01 > 0" in check_dead_bias(-6.99).message
    assert check_dead_bias(-5.0).mistake == "just_above"  # only (1, 3) active: z = 2
    assert "gate" in check_batch_gradient([1.5, 6.0]).message
    assert "against" in check_bias_after_step(4.0).message
    assert "η = 2" in check_bias_after_step(-5.0).message
    assert "every point" in check_dead_bias(-1.0).message
    for just_below in (-7.01, -7.05, -7.001, np.float32(-7.05)):  # within 0.1 of −7
        feedback = check_dead_bias(just_below)
        assert feedback.mistake == "just_below", just_below
        assert "z = 0 already counts as silent (ReLU′(0) = 0), so −7 itself works" in (
            feedback.message
        )
    assert check_dead_bias(-8.0).mistake == "not_the_largest"
    for far_below in (-7.2, -7.5, -9.0, -15.0, -1e9):  # dead, more than 0.1 below −7
        assert check_dead_bias(far_below).mistake == "not_the_largest", far_below
    one = check_dead_bias(-4.0).message  # z = 0, 3, −1, −3: (1, 3) is still active
    assert "first point sits at z = 0, but (1, 3), with w·x = 7, still has z = 3 > 0" in one
    assert "g⁽3⁾ = −1" in check_batch_gradient([2.5, 1.0]).message
    dropped = check_batch_gradient([0.5, 0.0])  # point 0 alone: point 3 left out
    assert dropped.mistake == "wrong_points" and "point(s) 0 (counting" in dropped.message
    hint = check_batch_gradient([-0.5, -1.0])  # no known mistake: the hint gives every z⁽ⁿ⁾
    assert hint.mistake is None and "here 1, −3, 0, 2" in hint.message
    correct = check_bias_after_step(-8.0)
    assert correct.correct
    assert "since −8 ≤ −7 (Exercise 1) the neuron is now dead" in correct.message


def test_no_sgd_and_no_lr_in_the_replies():
    """04 says 'gradient descent' and η; SGD is defined in 05, `lr` is the code's name for η."""
    replies = [
        check_bias_after_step(answer).message for answer in (-8.0, 4.0, -5.0, -6.0, -3.5, 1.0)
    ]
    for reply in replies:
        assert "SGD" not in reply and "lr" not in reply, reply


@pytest.mark.parametrize(
    "checker", [check_dead_bias, check_active_count, check_batch_gradient, check_bias_after_step]
)
@pytest.mark.parametrize("answer", ["-7", "three", True, [False, False], 10**400, {"b": 1}])
def test_malformed_answers_get_a_reply_not_a_traceback(checker, answer):
    feedback = checker(answer)
    assert feedback.status == "wrong" and feedback.mistake in {"not_numeric", "wrong_shape"}


def test_unrecognised_and_malformed_answers():
    assert check_dead_bias(-2.0).status == "wrong" and check_dead_bias(-2.0).mistake is None
    assert check_batch_gradient(-1.5).mistake == "wrong_shape"
    assert check_active_count("three").mistake == "not_numeric"
    assert check_bias_after_step(float("nan")).mistake == "not_finite"
    assert check_dead_bias([-7.5]).mistake == "wrong_shape"  # a list is not 'just below'


def test_exercise_data_cannot_be_changed_in_place():
    for data in (EX_DEAD, EX_COUNT, EX_BATCH, EX_STEP):
        with pytest.raises(TypeError):
            data["b"] = 0.0
        for value in data.values():
            assert isinstance(value, (tuple, float)), value
