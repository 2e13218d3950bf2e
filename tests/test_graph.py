"""The neuron's computational graph: edge values and gradients, paths, and chains of factors."""

import subprocess
import sys

import numpy as np
import pytest

from helpers.core.example import WORKED
from helpers.core.gradcheck import numerical_gradient
from helpers.core.graph import VARIABLES, chain_of_factors, neuron_graph, path_from
from helpers.core.neuron import neuron_forward

X, W, B = WORKED.x, WORKED.w, WORKED.b  # (1, −2, 3), (−3, −1, 2), 1: z = −3 + 2 + 6 + 1 = 6


def test_worked_example_edges():
    # values: xᵢ, wᵢ, mᵢ = xᵢwᵢ = (−3, 2, 6), b = 1, z = 6, y = 6;  with g = 1 and the gate
    # open, ∂L/∂xᵢ = wᵢ, ∂L/∂wᵢ = xᵢ and every edge into or out of sum carries 1.
    edges = {(e.source, e.target): (e.value, e.grad) for e in neuron_graph(X, W, B, 1.0)}
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
    edges = neuron_graph(X, W, -7.0, 3.0)  # z = 5 − 7 = −2: the gate is closed
    assert [e.grad for e in edges if e.target != "L"] == [0.0] * 11
    assert edges[-1].value == 0.0 and edges[-1].grad == 3.0


def test_worked_example_chain_text():
    assert chain_of_factors("w0", X, W, B, 1.0).text() == (
        "∂L/∂w₀ = g · 1[z>0] · 1 · x₀ = 1.00 · 1 · 1 · 1.00 = 1.00"
    )
    assert chain_of_factors("x1", X, W, B, -2.0).text() == (  # (−2) · 1 · 1 · (−1) = 2
        "∂L/∂x₁ = g · 1[z>0] · 1 · w₁ = −2.00 · 1 · 1 · −1.00 = 2.00"
    )
    assert (
        chain_of_factors("b", X, W, B, 1.0).text() == "∂L/∂b = g · 1[z>0] · 1 = 1.00 · 1 · 1 = 1.00"
    )


def test_no_negative_zero_through_a_closed_gate():
    chain = chain_of_factors("w0", X, W, -7.0, -2.0)  # (−2) · 0 · 1 · 1 = −0.0 in floats
    assert chain.numeric() == "−2.00 · 0 · 1 · 1.00 = 0.00"


def test_the_gate_is_taken_at_the_full_z_not_at_a_partial_product():
    # For w₀: x₀w₀ = −3 < 0, but z = 6 > 0, so the gate is open and ∂y/∂w₀ = x₀ = 1.
    chain = chain_of_factors("w0", X, W, B, 1.0)
    assert chain.gate == 1.0 and chain.value == 1.0
    # At the kink z = 0 (b = −5: z = 5 − 5) the series takes ReLU′(0) = 0: closed.
    assert chain_of_factors("w2", X, W, -5.0, 1.0).gate == 0.0


@pytest.mark.parametrize("seed", range(5))
def test_every_chain_agrees_with_central_differences(seed):
    """∂L/∂v for L = g·y, measured by central differences on the neuron, for every variable v."""
    rng = np.random.default_rng(seed)
    x, w = rng.normal(size=3), rng.normal(size=3)
    for b in (-5.0, 0.3, 5.0):  # closed and open gates (|x·w| < 5 is likely but not needed)
        g = float(rng.normal())
        z = float(x @ w + b)
        if abs(z) < 1e-3:  # too close to the kink for a difference quotient
            continue
        everything = np.concatenate([w, x, [b]])  # the order of VARIABLES

        def loss(v, g=g):
            return g * neuron_forward(v[3:6], v[0:3], v[6])[0]

        measured = dict(zip(VARIABLES, numerical_gradient(loss, everything), strict=True))
        edges = {(e.source, e.target): e.grad for e in neuron_graph(x, w, b, g)}
        for variable in VARIABLES:
            chain = chain_of_factors(variable, x, w, b, g)
            assert chain.value == pytest.approx(measured[variable], abs=1e-6)
            assert edges[path_from(variable)[0]] == pytest.approx(chain.value, abs=1e-12)
            assert chain.gate == (1.0 if z > 0 else 0.0)


def test_paths_run_from_the_variable_to_L():
    assert path_from("w0") == [("w0", "mul0"), ("mul0", "sum"), ("sum", "relu"), ("relu", "L")]
    assert path_from("b") == [("b", "sum"), ("sum", "relu"), ("relu", "L")]
    edges = {(e.source, e.target) for e in neuron_graph(X, W, B, 1.0)}
    for variable in VARIABLES:
        assert set(path_from(variable)) <= edges


def test_the_variables_are_the_parameters_and_the_inputs():
    assert set(VARIABLES) == {"w0", "w1", "w2", "b"} | {"x0", "x1", "x2"}
    assert len(VARIABLES) == 7


def test_graph_is_core_no_plotting():
    code = "import sys, helpers.core.graph; print(sorted({'matplotlib', 'ipywidgets'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: chain_of_factors("w3", X, W, B, 1.0), ValueError, ["variable", "w3", "w0"]),
        (lambda: chain_of_factors(0, X, W, B, 1.0), ValueError, ["variable", "0"]),
        (lambda: chain_of_factors("w2", X[:2], W[:2], B, 1.0), ValueError, ["w2", "2 inputs"]),
        (lambda: chain_of_factors("b", X, W, B, np.nan), ValueError, ["dL_dy", "finite"]),
        (lambda: path_from("z"), ValueError, ["variable", "'z'"]),
        (lambda: neuron_graph(X, W, "1", 1.0), TypeError, ["b", "real number"]),
        (lambda: neuron_graph(X, W, B, [1.0, 2.0]), ValueError, ["dL_dy", "single number"]),
    ],
)
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error) as info:
        call()
    for word in words:
        assert word in str(info.value)
