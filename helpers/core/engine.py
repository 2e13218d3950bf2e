"""A scalar autograd engine: each Value remembers how it was made, and `backward()` runs 02's
chain rule through any expression built from them.

    a = Value(2.0); b = Value(-3.0)
    L = (a * b + 1).relu()        # the forward pass builds the graph
    L.backward()                  # a.grad = ∂L/∂a, b.grad = ∂L/∂b

Each operation computes its value AND, right under it, the local derivative of the value with
respect to each of its inputs (`_local`). Backward then walks the graph from L back to the
leaves in reverse topological order and, for every edge, adds `local · out.grad` to the input's
gradient — `+=`, because an input used twice (a fork) receives a share along each use.
Attribute and method names follow micrograd's `Value` (data, grad, _prev, _op, backward, relu).

Speed choices (a scalar engine is slow by nature; these keep it readable and ≈10× micrograd):
`__slots__` (small objects, fast attributes); local derivatives stored as numbers instead of a
closure per node (no closure to build, no reference cycle for the garbage collector); an n-ary
`sum` and `dot` (one node where a chain of binary `+` would make n).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

__all__ = ["Value"]


def _number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r} ({type(value).__name__})")
    out = float(value)
    if not math.isfinite(out):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {out}")
    return out


class Value:
    """One number in a computation: `data` (forward), `grad` = ∂(output)/∂(this) (after backward)."""

    __slots__ = ("_local", "_op", "_prev", "data", "grad", "label")

    def __init__(self, data: float, label: str = "") -> None:
        self.data = _number(data, "data")
        self.grad = 0.0
        self._prev: tuple[Value, ...] = ()  # the inputs this value was made from (none: a leaf)
        self._local: tuple[float, ...] = ()  # ∂(this)/∂(each input), in the order of _prev
        self._op = ""  # the operation that made it, for drawing
        self.label = label

    @staticmethod
    def _make(data: float, prev: tuple, local: tuple, op: str) -> Value:
        """A result of an operation (no validation: inf/NaN are allowed and reported by backward)."""
        out = object.__new__(Value)
        out.data, out.grad, out.label = data, 0.0, ""
        out._prev, out._local, out._op = prev, local, op
        return out

    def __add__(self, other: Value | float) -> Value:
        other = other if isinstance(other, Value) else Value(other)
        out = self.data + other.data
        local = (1.0, 1.0)  # ∂(a+b)/∂a = ∂(a+b)/∂b = 1
        return Value._make(out, (self, other), local, "+")

    def __mul__(self, other: Value | float) -> Value:
        other = other if isinstance(other, Value) else Value(other)
        out = self.data * other.data
        local = (other.data, self.data)  # each input gets the other
        return Value._make(out, (self, other), local, "*")

    def __truediv__(self, other: Value | float) -> Value:
        other = other if isinstance(other, Value) else Value(other)
        if other.data == 0:
            raise ZeroDivisionError(f"division by a Value whose data is 0 (dividing {self.data})")
        out = self.data / other.data
        local = (1 / other.data, -out / other.data)  # 1/b, −a/b²
        return Value._make(out, (self, other), local, "/")

    def __pow__(self, k: float) -> Value:
        k = _number(k, "the exponent")  # a plain number, as in micrograd
        try:
            out = self.data**k
            local = (k * self.data ** (k - 1) if k != 0 else 0.0,)  # k·a^(k−1)
        except OverflowError:  # reported by backward, like any other overflow
            out, local = math.inf, (math.inf,)
        except ZeroDivisionError:
            raise ZeroDivisionError(f"0 ** {k:g} is undefined") from None
        if isinstance(out, complex):
            raise ValueError(f"({self.data}) ** {k:g} is not a real number")
        return Value._make(out, (self,), local, f"**{k:g}")

    def relu(self) -> Value:
        on = self.data > 0
        out = self.data if on else 0.0
        local = (1.0 if on else 0.0,)  # 1[a > 0]: 0 at the kink
        return Value._make(out, (self,), local, "relu")

    def tanh(self) -> Value:
        out = math.tanh(self.data)
        local = (1.0 - out * out,)  # 1 − tanh²
        return Value._make(out, (self,), local, "tanh")

    def exp(self) -> Value:
        out = math.exp(self.data) if self.data < 709.78 else math.inf  # beyond: overflow
        local = (out,)  # exp' = exp
        return Value._make(out, (self,), local, "exp")

    def log(self) -> Value:
        if self.data <= 0:
            raise ValueError(f"log needs a positive number, got {self.data}")
        out = math.log(self.data)
        local = (1.0 / self.data,)  # 1/a
        return Value._make(out, (self,), local, "log")

    @staticmethod
    def sum(values: Iterable[Value | float]) -> Value:
        """v₀ + v₁ + … as ONE node (02's `sum`): every input gets the whole upstream gradient."""
        vs = tuple(v if isinstance(v, Value) else Value(v) for v in values)
        out = math.fsum(v.data for v in vs)
        local = (1.0,) * len(vs)
        return Value._make(out, vs, local, "sum")

    @staticmethod
    def dot(ws: Iterable[Value], xs: Iterable[Value | float]) -> Value:
        """w₀x₀ + w₁x₁ + … as ONE node: ∂/∂wᵢ = xᵢ; a Value xᵢ also gets ∂/∂xᵢ = wᵢ."""
        ws = tuple(ws)
        xs = tuple(x if isinstance(x, Value) else Value(x) for x in xs)
        if len(ws) != len(xs):
            raise ValueError(f"dot needs as many ws as xs, got {len(ws)} and {len(xs)}")
        out = sum(w.data * x.data for w, x in zip(ws, xs, strict=True))
        local = tuple(x.data for x in xs) + tuple(w.data for w in ws)
        return Value._make(out, ws + xs, local, "dot")

    def _backward(self) -> None:
        """One node's step of the chain rule: hand each input its share of this node's grad."""
        for child, local in zip(self._prev, self._local, strict=True):
            child.grad += local * self.grad  # += : a fork receives a share along every use

    def topological_order(self) -> list[Value]:
        """Every node this value depends on, each after all of its inputs (iterative: no depth limit)."""
        order: list[Value] = []
        seen: set[Value] = set()
        stack: list[tuple[Value, bool]] = [(self, False)]
        while stack:
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))  # comes back after all its inputs
                stack.extend((child, False) for child in node._prev if child not in seen)
        return order

    def backward(self) -> None:
        """∂self/∂v into v.grad for every v in the graph. As in PyTorch, a second call ADDS to the
        leaves' gradients (zero them first: `zero_grad`); inner nodes are recomputed each call."""
        order = self.topological_order()
        for node in order:
            if not math.isfinite(node.data):
                inputs = ", ".join(f"{c.data:g}" for c in node._prev)
                raise FloatingPointError(
                    f"the forward pass overflowed: '{node._op}' of ({inputs}) gave {node.data}"
                )
            if node._prev:
                node.grad = 0.0
        self.grad = self.grad + 1.0 if not self._prev else 1.0  # seed: ∂self/∂self = 1
        for node in reversed(order):
            if node.grad:
                for child, local in zip(node._prev, node._local, strict=False):
                    child.grad += local * node.grad

    def __neg__(self) -> Value:
        return self * -1.0

    def __radd__(self, other: float) -> Value:
        return self + other

    def __sub__(self, other: Value | float) -> Value:
        return self + (-other)

    def __rsub__(self, other: float) -> Value:
        return Value(other) + (-self)

    def __rmul__(self, other: float) -> Value:
        return self * other

    def __rtruediv__(self, other: float) -> Value:
        return Value(other) / self

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"
