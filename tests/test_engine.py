"""The scalar autograd engine (helpers.core.engine): gradients against hand derivations and
against central differences on 07's random programs, `+=` at forks, backward twice, a deep chain,
and bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers.core.engine import Value
from helpers.core.example import WORKED
from helpers.core.gradcheck import relative_error
from helpers.lessons.nb07_an_autograd_engine.bugs import gradient_check, random_cases

# ---------------------------------------------------------------- hand-derived cases


def test_worked_neuron_gradients_match_02_and_03():
    # y = ReLU(w·x + b), z = (1)(−3) + (−2)(−1) + (3)(2) + 1 = 6 > 0, so with L = y:
    # ∂L/∂wᵢ = xᵢ = [1, −2, 3], ∂L/∂xᵢ = wᵢ = [−3, −1, 2], ∂L/∂b = 1.
    x = [Value(v) for v in WORKED.x]
    w = [Value(v) for v in WORKED.w]
    b = Value(WORKED.b)
    y = Value.sum([wi * xi for wi, xi in zip(w, x, strict=True)] + [b]).relu()
    y.backward()
    assert y.data == 6.0
    assert [wi.grad for wi in w] == [1.0, -2.0, 3.0]
    assert [xi.grad for xi in x] == [-3.0, -1.0, 2.0]
    assert b.grad == 1.0


def test_a_fork_adds_the_shares():
    # b = a + a = 2a, c = b + b = 4a: ∂c/∂a = 4 (a recursive backward with `=` would give 1 or 2)
    a = Value(3.0)
    b = a + a
    c = b + b
    c.backward()
    assert (c.data, b.grad, a.grad) == (12.0, 2.0, 4.0)


def test_a_value_used_in_two_products():
    # L = a·b + a·c at a=2, b=−3, c=5: ∂L/∂a = b + c = 2, ∂L/∂b = a = 2, ∂L/∂c = a = 2
    a, b, c = Value(2.0), Value(-3.0), Value(5.0)
    L = a * b + a * c
    L.backward()
    assert (L.data, a.grad, b.grad, c.grad) == (4.0, 2.0, 2.0, 2.0)


def test_backward_twice_doubles_the_leaves_as_pytorch_does():
    # L = (a·b)·2 at a=3, b=4: ∂L/∂a = 2b = 8, ∂L/∂b = 2a = 6; a second backward adds once more
    a, b = Value(3.0), Value(4.0)
    ab = a * b
    L = ab * 2
    L.backward()
    L.backward()
    assert (a.grad, b.grad) == (16.0, 12.0)  # 2 × (8, 6), not micrograd's 8 + 3·8 for a
    assert ab.grad == 2.0  # an inner node holds this call's ∂L/∂(ab), not a sum over calls
    a.grad = b.grad = 0.0  # zero_grad
    L.backward()
    assert (a.grad, b.grad) == (8.0, 6.0)


@pytest.mark.parametrize(
    ("build", "value", "grad"),
    [
        (lambda a: a * a * a, 8.0, 12.0),  # a³ at 2: 3a² = 12
        (lambda a: a**3, 8.0, 12.0),
        (lambda a: a**-1, 0.5, -0.25),  # −1/a² = −1/4
        (lambda a: 1 / a, 0.5, -0.25),
        (lambda a: 3 / a, 1.5, -0.75),  # −3/a² = −3/4
        (lambda a: a / 4, 0.5, 0.25),
        (lambda a: 1 - a, -1.0, -1.0),
        (lambda a: a - 5, -3.0, 1.0),
        (lambda a: -a, -2.0, -1.0),
        (lambda a: 2 * a + 1, 5.0, 2.0),
        (lambda a: a.exp(), math.exp(2), math.exp(2)),
        (lambda a: a.log(), math.log(2), 0.5),
        (lambda a: a.tanh(), math.tanh(2), 1 - math.tanh(2) ** 2),
        (lambda a: a.relu(), 2.0, 1.0),
        (lambda a: (-a).relu(), 0.0, 0.0),
    ],
)
def test_each_operation_at_a_equals_2(build, value, grad):
    a = Value(2.0)
    out = build(a)
    out.backward()
    assert out.data == pytest.approx(value, rel=1e-15)
    assert a.grad == pytest.approx(grad, rel=1e-15)


def test_relu_slope_at_the_kink_is_0():
    a = Value(0.0)
    a.relu().backward()
    assert a.grad == 0.0


def test_a_chain_of_100000_nodes_has_no_recursion_limit():
    x = Value(1.0)
    y = x
    for _ in range(100_000):
        y = y * 1.0 + 0.0
    y.backward()
    assert x.grad == 1.0


def test_dot_equals_products_and_sum():
    # w·x for w = (−3, −1, 2), x = (1, −2, 3): −3 + 2 + 6 = 5; ∂/∂w = x, ∂/∂x = w
    w = [Value(v) for v in WORKED.w]
    x = [Value(v) for v in WORKED.x]
    d = Value.dot(w, x)
    d.backward()
    assert d.data == 5.0
    assert [v.grad for v in w] == list(WORKED.x)
    assert [v.grad for v in x] == list(WORKED.w)


def test_topological_order_puts_inputs_first():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    order = d.topological_order()
    assert order[-1] is d
    assert order.index(c) > max(order.index(a), order.index(b))
    assert len(order) == 4  # a, b, c, d — each once


# ---------------------------------------------------------------- random expressions


def test_random_programs_agree_with_central_differences():
    # 07's gradient check on 200 more of its random programs (lines reuse earlier lines, so inner
    # nodes are shared; cases that central differences cannot judge, near a ReLU kink or with a
    # tiny gradient, are redrawn by random_cases), with 07's threshold: relative error < 1e-6.
    for program, values in random_cases(200, seed=7):
        error = relative_error(*gradient_check(program, values))
        assert error < 1e-6, (program.text(), values, error)


def test_agrees_with_the_numpy_neuron_helper():
    from helpers.core.neuron import neuron_backward, neuron_forward

    rng = np.random.default_rng(3)
    x_arr, w_arr, b = rng.normal(size=4), rng.normal(size=4), 0.7
    y, cache = neuron_forward(x_arr, w_arr, b)
    grads = neuron_backward(1.0, cache)
    x = [Value(float(v)) for v in x_arr]
    w = [Value(float(v)) for v in w_arr]
    out = (Value.dot(w, x) + b).relu()
    out.backward()
    assert out.data == pytest.approx(y)
    np.testing.assert_allclose([v.grad for v in w], grads.dL_dw, rtol=1e-12)
    np.testing.assert_allclose([v.grad for v in x], grads.dL_dx, rtol=1e-12)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "1.0", None, True, [1.0]])
def test_a_value_must_be_a_finite_number(bad):
    with pytest.raises((TypeError, ValueError), match="data"):
        Value(bad)


def test_adding_a_string_names_the_problem():
    with pytest.raises(TypeError, match="real number"):
        Value(1.0) + "2"


def test_backward_names_the_operation_that_overflowed():
    a = Value(1e200)
    L = (a * a).relu()  # 1e400 overflows to inf at the '*'
    with pytest.raises(
        FloatingPointError, match=r"'\*' of \(1e\+200, 1e\+200\) overflowed.*value inf"
    ):
        L.backward()


def test_exp_and_pow_overflow_are_reported_not_raised_in_the_forward_pass():
    big = Value(1000.0)
    assert big.exp().data == math.inf
    assert (big**200).data == math.inf
    with pytest.raises(FloatingPointError, match="exp"):
        big.exp().backward()


@pytest.mark.parametrize(
    ("build", "error"),
    [
        (lambda: Value(0.0).log(), ValueError),
        (lambda: Value(-1.0).log(), ValueError),
        (lambda: Value(1.0) / Value(0.0), ZeroDivisionError),
        (lambda: Value(0.0) ** -1, ValueError),  # 1/0: no real value
        (lambda: Value(-8.0) ** 0.5, ValueError),
        (lambda: Value(2.0) ** Value(2.0), TypeError),
    ],
)
def test_undefined_operations_raise_clear_errors(build, error):
    with pytest.raises(error):
        build()


# ---------------------------------------------------------------- other engines (optional)

# Written once, run on this engine's Values and on another engine's numbers alike.
EXPRESSIONS = [
    lambda a, b: ((a * b + 1).relu() + (a / (1 + b**2)).tanh() * a).exp(),
    lambda a, b: (1 + a**2).log() * b - 2 / (1 + b**2) + (-a).relu(),
    lambda a, b: (a * a * b).tanh() * (a - b) + 3 * a,
]
POINTS = [(0.7, -1.3), (-1.1, 0.4), (2.0, 0.5)]


@pytest.mark.parametrize("expression", EXPRESSIONS)
@pytest.mark.parametrize("point", POINTS)
def test_agrees_with_pytorch_if_installed(expression, point):
    torch = pytest.importorskip("torch")
    a, b = Value(point[0]), Value(point[1])
    expression(a, b).backward()
    ta, tb = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in point)
    expression(ta, tb).backward()
    assert a.grad == pytest.approx(ta.grad.item(), rel=1e-12, abs=1e-12)
    assert b.grad == pytest.approx(tb.grad.item(), rel=1e-12, abs=1e-12)


MICROGRAD_EXPRESSIONS = [  # micrograd's Value has + − * / ** and relu only
    lambda a, b: ((a * b + 1).relu() * a - b / (1 + a**2)) ** 2,
    lambda a, b: (a - 2 * b).relu() + a * a * b - 1 / (2 + b**2),
]


@pytest.mark.parametrize("expression", MICROGRAD_EXPRESSIONS)
@pytest.mark.parametrize("point", POINTS)
def test_agrees_with_micrograd_if_installed(expression, point):
    micrograd = pytest.importorskip("micrograd.engine")
    a, b = Value(point[0]), Value(point[1])
    expression(a, b).backward()
    ma, mb = micrograd.Value(point[0]), micrograd.Value(point[1])
    expression(ma, mb).backward()
    assert a.grad == pytest.approx(ma.grad, rel=1e-12, abs=1e-12)
    assert b.grad == pytest.approx(mb.grad, rel=1e-12, abs=1e-12)


def test_micrograd_training_code_runs_unchanged_with_the_same_loss():
    pytest.importorskip("micrograd")
    from bench.engine import _micrograd_model, _problem, train_step
    from helpers.core.nn import MLP

    X, t, arrays = _problem(seed=0)
    ours, theirs = MLP.from_arrays(arrays), _micrograd_model(arrays)
    for _ in range(2):  # 2 steps on 12 points: forward, backward and update agree
        mine = train_step(ours, X[:12], t[:12])
        other = train_step(theirs, X[:12], t[:12])
        assert mine == pytest.approx(other, rel=1e-12)
    for p, q in zip(ours.parameters(), theirs.parameters(), strict=True):
        assert p.data == pytest.approx(q.data, rel=1e-12, abs=1e-15)


def test_the_bench_row_is_skipped_with_a_note_without_micrograd(monkeypatch):
    import sys

    from bench.engine import bench_engine

    monkeypatch.setitem(sys.modules, "micrograd", None)  # import micrograd → ImportError
    monkeypatch.setitem(sys.modules, "micrograd.nn", None)
    (row,) = bench_engine(steps=1)
    assert row.verdict == "info" and "micrograd is not installed" in row.note
    assert "requirements-bench.txt" in row.note


def test_a_derivative_that_overflows_is_named_as_such():
    # 1e−200 ** −1 = 1e200 is finite, but its slope −1·(1e−200)^−2 = −1e400 is not
    tiny = Value(1e-200)
    assert (tiny**-1).data == pytest.approx(1e200)
    assert (tiny**-1)._local == (-math.inf,)  # the slope's sign is kept: −1·(+huge)
    with pytest.raises(FloatingPointError, match=r"'\*\*-1' of .* derivatives \(-inf,\)"):
        (tiny**-1).backward()
    with pytest.raises(FloatingPointError, match=r"'/' of .* derivatives \(1e\+200, -inf\)"):
        (1 / tiny).backward()  # −a/b² = −1/1e−400: −inf, not a silent −inf gradient


def test_a_root_at_0_names_its_infinite_derivative():
    # 0 ** 0.5 = 0, but its slope 0.5·0^(−0.5) is infinite
    with pytest.raises(ValueError, match=r"\(0\) \*\* 0.5 has .* no finite slope k·a\^\(k−1\)"):
        Value(0.0) ** 0.5


def test_exp_overflows_only_past_the_largest_float():
    assert math.isfinite(Value(709.78).exp().data)  # e^709.78 ≈ 1.79e308 < float max
    assert Value(709.79).exp().data == math.inf


def test_a_leaf_as_the_output_adds_its_seed():
    a = Value(3.0)
    a.backward()
    a.backward()
    assert a.grad == 2.0  # a leaf's grad is a running total: 1 + 1
    b = a * 1.0
    b.backward()
    b.backward()
    assert b.grad == 1.0  # an inner output is zeroed and reseeded every pass
