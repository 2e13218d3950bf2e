"""Formulas typed by a learner become Value graphs; anything unsafe or malformed is refused."""

import pytest

from helpers.core.expr import build


def test_worked_neuron_formula():
    # relu(w0*x0 + w1*x1 + w2*x2 + b) at the worked example: −3 + 2 + 6 + 1 = 6
    inputs = {"x0": 1.0, "x1": -2.0, "x2": 3.0, "w0": -3.0, "w1": -1.0, "w2": 2.0, "b": 1.0}
    out, leaves = build("relu(w0*x0 + w1*x1 + w2*x2 + b)", inputs)
    out.backward()
    assert out.data == 6.0
    assert [leaves[f"w{i}"].grad for i in range(3)] == [1.0, -2.0, 3.0]  # = x
    assert leaves["b"].grad == 1.0


def test_powers_division_and_functions():
    # f = a**2 / (1 + b) − exp(0) at a=3, b=2: 9/3 − 1 = 2; ∂f/∂a = 2a/(1+b) = 2; ∂f/∂b = −a²/(1+b)² = −1
    out, leaves = build("a**2 / (1 + b) - exp(0)", {"a": 3.0, "b": 2.0})
    out.backward()
    assert out.data == pytest.approx(2.0)
    assert leaves["a"].grad == pytest.approx(2.0)
    assert leaves["b"].grad == pytest.approx(-1.0)


def test_a_fork_in_a_formula():
    out, leaves = build("a + a + a*a", {"a": 2.0})  # 2 + 2 + 4 = 8; ∂/∂a = 1 + 1 + 2a = 6
    out.backward()
    assert (out.data, leaves["a"].grad) == (8.0, 6.0)


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("__import__('os').system('x')", "not allowed"),
        ("a.data", "not allowed"),
        ("print(a)", "not allowed"),
        ("a if a else a", "not allowed"),
        ("a < 2", "not allowed"),
        ("'a' + a", "not allowed"),
        ("c * 2", "unknown name 'c'"),
        ("a ** a", "exponent must be a plain number"),
        ("relu(a, a)", "not allowed"),
        ("2 * 3", "at least one input"),
        ("a +", "not well formed.*Allowed"),  # the allowed list comes with a syntax error
        ("a" * 300, "at most 200"),
        ("2a + 1", r"write 2\*a: a product needs \*"),
        ("3 (a + 1)", r"write 3\*\(a \+ 1\)"),
        ("1e3*a + 2.5a", r"write 2.5\*a"),  # 1e3 is a number, not 1·e3
        ("a ^ 2", r"write \*\* \(as in a\*\*2\)"),
        ("1 / (a - 1)", "a - 1 = 0: cannot divide by 0"),
        ("a / 0", "^cannot divide by 0"),
    ],
)
def test_refused_formulas_say_why(formula, message):
    with pytest.raises(ValueError, match=message):
        build(formula, {"a": 1.0})


def test_bad_inputs():
    with pytest.raises(TypeError, match="text"):
        build(3, {"a": 1.0})
    with pytest.raises(ValueError, match="plain name"):
        build("relu", {"relu": 1.0})
    with pytest.raises(ValueError, match="finite"):
        build("a", {"a": float("nan")})
