"""07's broken backward passes: each bug gives the wrong numbers worked out by hand, the engine
itself is untouched, and the checks of the break-it section catch each bug."""

import numpy as np
import pytest

from helpers.core.engine import Value
from helpers.core.gradcheck import numerical_gradient, relative_error
from helpers.lessons.nb07_an_autograd_engine.bugs import (
    BUGS,
    TINY_GRADIENT,
    backward_with,
    fork,
    gradient_check,
    random_cases,
    run_checks,
    worked_neuron,
)

# b = a + a, c = b + b: ∂c/∂b = 1 + 1 = 2, ∂c/∂a = 2 + 2 = 4.
#   `=`: b.grad = 1 (set twice), a.grad = 1 (set twice) → 1.
#   recursive: c hands b 1 and recurses: a gets 1 + 1 = 2; c hands b another 1 (b.grad = 2) and
#   recurses again: a gets 2 + 2 more → 6.
FORK = {None: 4.0, "assign": 1.0, "recursive": 6.0, "mul_wrong_input": 4.0, "relu_from_output": 4.0}

# The worked neuron, y = ReLU(w·x + b) = 6 with L = y: ∂y/∂w = x, ∂y/∂x = w, ∂y/∂b = 1.
#   mul_wrong_input: each factor gets its own value: ∂y/∂w = w, ∂y/∂x = x.
#   relu_from_output: the slope is y = 6 instead of 1: every gradient × 6.
NEURON = {
    None: [1.0, -2.0, 3.0, -3.0, -1.0, 2.0, 1.0],
    "assign": [1.0, -2.0, 3.0, -3.0, -1.0, 2.0, 1.0],  # no fork in the neuron
    "recursive": [1.0, -2.0, 3.0, -3.0, -1.0, 2.0, 1.0],  # a tree: no node shared
    "mul_wrong_input": [-3.0, -1.0, 2.0, 1.0, -2.0, 3.0, 1.0],
    "relu_from_output": [6.0, -12.0, 18.0, -18.0, -6.0, 12.0, 6.0],
}


@pytest.mark.parametrize("bug", list(BUGS))
def test_the_fork_with_each_bug(bug):
    a, _, c = fork(3.0)
    backward_with(c, bug)
    assert a.grad == FORK[bug]


@pytest.mark.parametrize("bug", list(BUGS))
def test_the_worked_neuron_with_each_bug(bug):
    y, w, x, b = worked_neuron()
    backward_with(y, bug)
    assert [v.grad for v in (*w, *x, b)] == NEURON[bug]


def test_a_bug_does_not_touch_the_engine():
    a, _, c = fork(3.0)
    backward_with(c, "assign")
    backward_with(c, None)  # the engine's own backward afterwards: right again
    assert a.grad == 4.0
    x, w = Value(2.0), Value(-1.0)
    (x * w).backward()
    assert (x.grad, w.grad) == (-1.0, 2.0)  # * still hands each input the other


def test_an_unknown_bug_is_refused():
    with pytest.raises(ValueError, match="bug must be one of"):
        backward_with(Value(1.0), "typo")


def test_random_programs_share_inner_nodes_and_avoid_kinks():
    cases = random_cases(20, seed=0)
    shared = 0
    for program, values in cases:
        out, _ = program.run(values)
        users: dict[Value, int] = {}
        for node in out.topological_order():
            for child in node._prev:
                users[child] = users.get(child, 0) + 1
        shared += any(n._prev and k > 1 for n, k in users.items())
        for node in out.topological_order():
            if node._op == "relu":
                assert abs(node._prev[0].data) >= 1e-3
    assert shared >= 5  # enough forks inside the graphs to catch an order bug


@pytest.mark.parametrize("seed", [38, 45, 72, 86])
def test_the_correct_engine_passes_on_seeds_that_once_drew_a_saturated_tanh(seed):
    # before cases with a tiny gradient were redrawn, these seeds each held one case with
    # ‖∇L‖ ≈ 1e-9 … 2e-8 (a saturated tanh) that the correct engine "failed" (up to 1e-2)
    assert run_checks(None, seed=seed)[2].passed


def test_a_tiny_gradient_fails_the_check_even_for_the_correct_engine():
    # L = tanh(5u) at u = 2: ∂L/∂u = 5(1 − tanh²10) ≈ 4e-8, while rounding in central differences
    # is about ε|L|/h ≈ 2e-10: relative error ~1e-5 or more, so such cases must be redrawn
    u = Value(2.0)
    (u * 5).tanh().backward()
    measured = numerical_gradient(lambda v: np.tanh(5 * v[0]), [2.0])
    assert abs(u.grad) < TINY_GRADIENT
    assert relative_error(np.array([u.grad]), measured) > 1e-6


def test_every_drawn_case_has_a_gradient_central_differences_can_judge():
    for program, values in random_cases(20, seed=0):
        out = program.run(values)[0]
        measured = numerical_gradient(lambda v, p=program: p.run(v)[0].data, values)
        assert np.linalg.norm(measured) >= TINY_GRADIENT * max(1.0, abs(out.data))


def test_the_engine_passes_the_gradient_check():
    for program, values in random_cases(20, seed=1):
        engine, measured = gradient_check(program, values)
        assert relative_error(engine, measured) < 1e-6, program.text()


def test_each_bug_fails_a_check_and_the_engine_fails_none():
    table = {bug: [c.passed for c in run_checks(bug)] for bug in BUGS}
    assert table[None] == [True, True, True]
    assert table["assign"] == [False, True, False]
    assert table["recursive"] == [False, True, False]
    assert table["mul_wrong_input"] == [True, False, False]
    assert table["relu_from_output"] == [True, False, False]


def test_a_program_reads_as_lines():
    program, values = random_cases(1, seed=0)[0]
    lines = program.text().splitlines()
    assert lines[-1].startswith("out = ")
    assert len(lines) == len(program.lines) + 1
    assert np.isfinite(program.run(values)[0].data)
