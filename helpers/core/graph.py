"""The neuron as a computational graph: mul, sum and ReLU nodes, a value and a gradient per edge.

    mᵢ = mul(xᵢ, wᵢ) = xᵢwᵢ,   z = sum(m₀, m₁, m₂, b),   y = ReLU(z),   then L (whatever comes after)

Forward, every edge carries a value; backward, with g = dL/dy handed down from L, every edge
carries dL/d(that value). The numbers come from `neuron_forward` and `neuron_backward`, so the
graph and the helper package cannot disagree.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from helpers.core._checks import as_finite_float
from helpers.core.neuron import neuron_backward, neuron_forward

__all__ = ["PARAMETERS", "Chain", "Edge", "chain_of_factors", "neuron_graph", "path_from", "pretty"]

PARAMETERS = ("w0", "w1", "w2", "x0", "x1", "x2", "b")
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


class Edge(NamedTuple):
    """One wire of the graph: `value` flows forward along it, `grad` = dL/d(value) flows back."""

    source: str  # "x0", "w0", "b", "mul0", "sum", "relu"
    target: str  # "mul0", "sum", "relu", "L"
    value: float
    grad: float


class Chain(NamedTuple):
    """dL/d(parameter) as a product of local derivatives, from L back to the parameter."""

    parameter: str  # e.g. "w0"
    symbols: tuple[str, ...]  # e.g. ("g", "1[z>0]", "1", "x₀")
    factors: tuple[float, ...]  # the same factors as numbers
    value: float  # their product

    def symbolic(self) -> str:
        """E.g. '∂L/∂w₀ = g · 1[z>0] · 1 · x₀'."""
        return f"∂L/∂{pretty(self.parameter)} = {' · '.join(self.symbols)}"

    def numeric(self) -> str:
        """E.g. '1.00 · 1 · 1 · 1.00 = 1.00'."""
        pairs = zip(self.symbols, self.factors, strict=True)
        numbers = [_number(f, whole=s in ("1[z>0]", "1")) for s, f in pairs]
        return f"{' · '.join(numbers)} = {_number(self.value)}"

    def text(self) -> str:
        """E.g. '∂L/∂w₀ = g · 1[z>0] · 1 · x₀ = 1.00 · 1 · 1 · 1.00 = 1.00'."""
        return f"{self.symbolic()} = {self.numeric()}"


def pretty(name: str) -> str:
    """'w0' → 'w₀' (subscript digits), for labels and messages."""
    return name.translate(_SUB)


def _number(value: float, whole: bool = False) -> str:
    """'1.00', '−2.00' (a true minus), or '1' for the gate and ∂z/∂mᵢ; never '−0.00'."""
    digits = 0 if whole else 2
    value = round(value, digits) + 0.0  # + 0.0 turns −0.0 (g < 0, gate closed) into 0.0
    return f"{value:.{digits}f}".replace("-", "−")


def _parse(parameter: str) -> tuple[str, int | None]:
    if not isinstance(parameter, str) or parameter not in PARAMETERS:
        raise ValueError(f"parameter must be one of {', '.join(PARAMETERS)}, got {parameter!r}")
    return (parameter, None) if parameter == "b" else (parameter[0], int(parameter[1:]))


def neuron_graph(x: ArrayLike, w: ArrayLike, b: float, dL_dy: float) -> list[Edge]:
    """Every edge of y = ReLU(Σ mul(xᵢ, wᵢ) + b) → L, with its forward value and dL/d(value).

    x, w: (n,); b, dL_dy: numbers. Edges in order: for each i, xᵢ→mulᵢ, wᵢ→mulᵢ, mulᵢ→sum;
    then b→sum, sum→relu, relu→L.
    """
    y, cache = neuron_forward(x, w, b)
    grads = neuron_backward(dL_dy, cache)
    dL_dz = grads.dL_db  # sum passes dL/dz unchanged to each of its inputs (b is one of them)
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


def path_from(parameter: str) -> list[tuple[str, str]]:
    """The edges (source, target) from a parameter to L, e.g. 'w0' → w0→mul0→sum→relu→L."""
    _, i = _parse(parameter)
    start = [("b", "sum")] if i is None else [(parameter, f"mul{i}"), (f"mul{i}", "sum")]
    return [*start, ("sum", "relu"), ("relu", "L")]


def chain_of_factors(parameter: str, x: ArrayLike, w: ArrayLike, b: float, dL_dy: float) -> Chain:
    """dL/d(parameter) = g · 1[z>0] · ∂z/∂mᵢ · ∂mᵢ/∂(parameter), the gate taken at the full z.

    For wᵢ the last factor is xᵢ, for xᵢ it is wᵢ (mul hands each input the *other* input);
    for b the chain stops at ∂z/∂b = 1.
    """
    kind, i = _parse(parameter)
    _, cache = neuron_forward(x, w, b)
    g = as_finite_float(dL_dy, "dL_dy")
    gate = 1.0 if cache.z > 0 else 0.0  # the gate 1[z>0], at the full pre-activation
    if i is not None and i >= cache.x.size:
        raise ValueError(
            f"parameter {parameter!r} does not exist for a neuron with {cache.x.size} inputs"
        )
    symbols: tuple[str, ...] = ("g", "1[z>0]", "1")
    factors: tuple[float, ...] = (g, gate, 1.0)
    if kind == "w":
        symbols, factors = (*symbols, pretty(f"x{i}")), (*factors, float(cache.x[i]))
    elif kind == "x":
        symbols, factors = (*symbols, pretty(f"w{i}")), (*factors, float(cache.w[i]))
    return Chain(parameter, symbols, factors, float(np.prod(factors)))
