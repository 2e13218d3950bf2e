"""Stepping through a graph: the last backward step holds exactly what backward() computes."""

import pytest

from helpers.core.engine import Value
from helpers.core.trace import steps


def test_fork_step_by_step():
    # b = a + a, c = b + b at a = 3: c = 12; backward: c→b gets 1 + 1 = 2, b→a gets 2 + 2 = 4
    a = Value(3.0)
    b = a + a
    c = b + b
    trace = steps(c)
    forward = [s for s in trace if s.phase == "forward"]
    backward = [s for s in trace if s.phase == "backward"]
    assert [s.node for s in forward] == [a, b, c]
    assert [s.node for s in backward] == [c, c, b]  # the seed, then c's and b's steps
    assert backward[0].grads[c] == 1.0
    assert [share for _, share in backward[1].shares] == [1.0, 1.0]
    assert backward[1].grads[b] == 2.0
    assert backward[2].grads[a] == 4.0
    assert a.grad == 0.0  # the graph itself is untouched


def test_last_step_equals_backward():
    x, w = Value(-2.0), Value(3.0)
    L = ((x * w + 1).relu() + (x * x).tanh()) * 2
    final = steps(L)[-1].grads
    L.backward()
    assert final[x] == pytest.approx(x.grad, rel=1e-15)
    assert final[w] == pytest.approx(w.grad, rel=1e-15)


def test_root_must_be_a_value():
    with pytest.raises(TypeError, match="root"):
        steps(3.0)
