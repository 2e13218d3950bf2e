"""The neuron as a computational graph: mul, sum and ReLU nodes, a value and a gradient per edge.

    mᵢ = mul(xᵢ, wᵢ) = xᵢwᵢ,   z = sum(m₀, m₁, m₂, b),   y = ReLU(z),   then L (whatever comes after)

Forward, every edge carries a value; backward, with g = ∂L/∂y handed down from L, every edge
carries ∂L/∂(that value). The numbers come from `neuron_forward` and `neuron_backward`, so the
graph and the neuron of the core cannot disagree.

The graph has seven leaves, the *variables* x₀, x₁, x₂ (inputs: data), w₀, w₁, w₂ and b (the
parameters, which training changes); a chain of factors exists for each of them.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from helpers.core._checks import as_finite_float
from helpers.core.neuron import neuron_backward, neuron_forward, relu_grad
from helpers.text import num, sub

__all__ = ["VARIABLES", "Chain", "Edge", "chain_of_factors", "neuron_graph", "path_from"]

# every leaf, in the order of notebook 03's v = (w₀, w₁, w₂, x₀, x₁, x₂, b); gradcheck imports it
VARIABLES = ("w0", "w1", "w2", "x0", "x1", "x2", "b")
_WHOLE = ("1[z>0]", "1")  # factors that are always 0 or 1: written without decimals


class Edge(NamedTuple):
    """One wire of the graph: `value` flows forward along it, `grad` = ∂L/∂(value) flows back."""

    source: str  # "x0", "w0", "b", "mul0", "sum", "relu"
    target: str  # "mul0", "sum", "relu", "L"
    value: float
    grad: float


class Chain(NamedTuple):
    """∂L/∂(variable) as a product of local derivatives, from L back to the variable.

    The factors are, in order: g = ∂L/∂y, the gate 1[z>0] (ReLU's derivative at the full z),
    ∂z/∂mᵢ = 1 (or ∂z/∂b = 1), and, for wᵢ or xᵢ, mul's other input.
    """

    variable: str  # e.g. "w0"
    symbols: tuple[str, ...]  # e.g. ("g", "1[z>0]", "1", "x₀")
    factors: tuple[float, ...]  # the same factors as numbers
    value: float  # their product

    @property
    def gate(self) -> float:
        """ReLU's gate 1[z>0] at the full pre-activation: 1.0 (open) or 0.0 (closed)."""
        return self.factors[1]

    def symbolic(self) -> str:
        """E.g. '∂L/∂w₀ = g · 1[z>0] · 1 · x₀'."""
        return f"∂L/∂{sub(self.variable)} = {' · '.join(self.symbols)}"

    def numeric(self) -> str:
        """E.g. '1.00 · 1 · 1 · 1.00 = 1.00' (never '−0.00')."""
        pairs = zip(self.symbols, self.factors, strict=True)
        numbers = [num(f, ".0f" if s in _WHOLE else ".2f") for s, f in pairs]
        return f"{' · '.join(numbers)} = {num(self.value)}"

    def text(self) -> str:
        """E.g. '∂L/∂w₀ = g · 1[z>0] · 1 · x₀ = 1.00 · 1 · 1 · 1.00 = 1.00'."""
        return f"{self.symbolic()} = {self.numeric()}"


def _parse(variable: str) -> tuple[str, int | None]:
    if not isinstance(variable, str) or variable not in VARIABLES:
        raise ValueError(f"variable must be one of {', '.join(VARIABLES)}, got {variable!r}")
    return (variable, None) if variable == "b" else (variable[0], int(variable[1:]))


def neuron_graph(x: ArrayLike, w: ArrayLike, b: float, dL_dy: float) -> list[Edge]:
    """Every edge of y = ReLU(Σ mul(xᵢ, wᵢ) + b) → L, with its forward value and ∂L/∂(value).

    x, w: (n,); b, dL_dy: numbers. Edges in order: for each i, xᵢ→mulᵢ, wᵢ→mulᵢ, mulᵢ→sum;
    then b→sum, sum→relu, relu→L.
    """
    y, cache = neuron_forward(x, w, b)
    grads = neuron_backward(dL_dy, cache)
    dL_dz = grads.dL_db  # sum passes ∂L/∂z unchanged to each of its inputs (b is one of them)
    edges = []
    for i, (xi, wi) in enumerate(zip(cache.x, cache.w, strict=True)):
        edges += [
            Edge(f"x{i}", f"mul{i}", float(xi), float(grads.dL_dx[i])),
            Edge(f"w{i}", f"mul{i}", float(wi), float(grads.dL_dw[i])),
            Edge(f"mul{i}", "sum", float(xi * wi), dL_dz),
        ]
    edges += [
        Edge("b", "sum", cache.b, dL_dz),
        Edge("sum", "relu", cache.z, dL_dz),
        Edge("relu", "L", y, float(dL_dy)),
    ]
    return edges


def path_from(variable: str) -> list[tuple[str, str]]:
    """The edges (source, target) from a variable to L, e.g. 'w0' → w0→mul0→sum→relu→L."""
    _, i = _parse(variable)
    start = [("b", "sum")] if i is None else [(variable, f"mul{i}"), (f"mul{i}", "sum")]
    return [*start, ("sum", "relu"), ("relu", "L")]


def chain_of_factors(variable: str, x: ArrayLike, w: ArrayLike, b: float, dL_dy: float) -> Chain:
    """∂L/∂(variable) = g · 1[z>0] · ∂z/∂mᵢ · ∂mᵢ/∂(variable), the gate taken at the full z.

    `variable` is one of VARIABLES; x, w: (n,); b, dL_dy: numbers. For wᵢ the last factor is xᵢ,
    for xᵢ it is wᵢ (mul hands each input the *other* input); for b the chain stops at ∂z/∂b = 1.
    """
    kind, i = _parse(variable)
    _, cache = neuron_forward(x, w, b)
    g = as_finite_float(dL_dy, "dL_dy")
    if i is not None and i >= cache.x.size:
        raise ValueError(
            f"variable {variable!r} does not exist for a neuron with {cache.x.size} inputs"
        )
    gate = float(relu_grad(cache.z))  # the gate 1[z>0], at the full pre-activation z
    symbols: tuple[str, ...] = ("g", "1[z>0]", "1")
    factors: tuple[float, ...] = (g, gate, 1.0)
    if kind == "w":
        symbols, factors = (*symbols, sub(f"x{i}")), (*factors, float(cache.x[i]))
    elif kind == "x":
        symbols, factors = (*symbols, sub(f"w{i}")), (*factors, float(cache.w[i]))
    return Chain(variable, symbols, factors, float(np.prod(factors)))
