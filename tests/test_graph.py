"""The neuron's computational graph: edge values and gradients, paths, and chains of factors."""

import numpy as np
import pytest

from helpers.core.graph import PARAMETERS, chain_of_factors, neuron_graph, path_from, pretty
from helpers.core.neuron import neuron_backward, neuron_forward

X, W = [1.0, -2.0, 3.0], [-3.0, -1.0, 2.0]


def _grad(parameter, x, w, b, g):
    """The helper package's gradient for one parameter name."""
    grads = neuron_backward(g, neuron_forward(x, w, b)[1])
    if parameter == "b":
        return grads.dL_db
    vector = grads.dL_dw if parameter[0] == "w" else grads.dL_dx
    return vector[int(parameter[1:])]


def test_worked_example_edges():
    edges = {(e.source, e.target): (e.value, e.grad) for e in neuron_graph(X, W, 1.0, 1.0)}
    assert edges == {
        ("x0", "mul0"): (1.0, -3.0),
        ("w0", "mul0"): (-3.0, 1.0),
        ("mul0", "sum"): (-3.0, 1.0),
        ("x1", "mul1"): (-2.0, -1.0),
        ("w1", "mul1"): (-1.0, -2.0),
        ("mul1", "sum"): (2.0, 1.0),
        ("x2", "mul2"): (3.0, 2.0),
        ("w2", "mul2"): (2.0, 3.0),
        ("mul2", "sum"): (6.0, 1.0),
        ("b", "sum"): (1.0, 1.0),
        ("sum", "relu"): (6.0, 1.0),
        ("relu", "L"): (6.0, 1.0),
    }


def test_closed_gate_stops_every_gradient_but_the_upstream_one():
    edges = neuron_graph(X, W, -7.0, 3.0)
    assert [e.grad for e in edges if e.target != "L"] == [0.0] * 11
    assert edges[-1].value == 0.0 and edges[-1].grad == 3.0


def test_worked_example_chain_text():
    assert chain_of_factors("w0", X, W, 1.0, 1.0).text() == (
        "∂L/∂w₀ = g · 1[z>0] · 1 · x₀ = 1.00 · 1 · 1 · 1.00 = 1.00"
    )
    assert chain_of_factors("x1", X, W, 1.0, -2.0).text() == (
        "∂L/∂x₁ = g · 1[z>0] · 1 · w₁ = −2.00 · 1 · 1 · −1.00 = 2.00"
    )
    assert (
        chain_of_factors("b", X, W, 1.0, 1.0).text()
        == "∂L/∂b = g · 1[z>0] · 1 = 1.00 · 1 · 1 = 1.00"
    )


def test_no_negative_zero_through_a_closed_gate():
    chain = chain_of_factors("w0", X, W, -7.0, -2.0)
    assert chain.numeric() == "−2.00 · 0 · 1 · 1.00 = 0.00"


@pytest.mark.parametrize("seed", range(5))
def test_every_chain_agrees_with_neuron_backward(seed):
    rng = np.random.default_rng(seed)
    x, w = rng.normal(size=3), rng.normal(size=3)
    for b in (-5.0, 0.3, 5.0):  # closed and open gates
        g = float(rng.normal())
        edges = {(e.source, e.target): e.grad for e in neuron_graph(x, w, b, g)}
        for parameter in PARAMETERS:
            chain = chain_of_factors(parameter, x, w, b, g)
            expected = _grad(parameter, x, w, b, g)
            assert chain.value == pytest.approx(expected, abs=1e-12)
            assert edges[path_from(parameter)[0]] == pytest.approx(expected, abs=1e-12)
            assert chain.factors[1] == (1.0 if float(x @ w + b) > 0 else 0.0)  # gate at z


def test_paths_run_from_the_parameter_to_L():
    assert path_from("w0") == [("w0", "mul0"), ("mul0", "sum"), ("sum", "relu"), ("relu", "L")]
    assert path_from("b") == [("b", "sum"), ("sum", "relu"), ("relu", "L")]
    edges = {(e.source, e.target) for e in neuron_graph(X, W, 1.0, 1.0)}
    for parameter in PARAMETERS:
        assert set(path_from(parameter)) <= edges


def test_pretty_names():
    assert [pretty(p) for p in PARAMETERS] == ["w₀", "w₁", "w₂", "x₀", "x₁", "x₂", "b"]


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: chain_of_factors("w3", X, W, 1.0, 1.0), ValueError, ["parameter", "w3", "w0"]),
        (lambda: chain_of_factors(0, X, W, 1.0, 1.0), ValueError, ["parameter", "0"]),
        (lambda: chain_of_factors("w2", X[:2], W[:2], 1.0, 1.0), ValueError, ["w2", "2 inputs"]),
        (lambda: chain_of_factors("b", X, W, 1.0, np.nan), ValueError, ["dL_dy", "finite"]),
        (lambda: path_from("z"), ValueError, ["parameter", "'z'"]),
        (lambda: neuron_graph(X, W, "1", 1.0), TypeError, ["b", "real number"]),
        (lambda: neuron_graph(X, W, 1.0, [1.0, 2.0]), ValueError, ["dL_dy", "single number"]),
    ],
)
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error) as info:
        call()
    for word in words:
        assert word in str(info.value)
