"""A scalar autograd engine with micrograd's names (Value, data, grad, _prev, _op, backward).

    a, b = Value(2.0), Value(-3.0)
    L = (a * b + 7).relu()  # the forward pass builds the graph: L = ReLU(1) = 1
    L.backward()            # a.grad = ∂L/∂a = b = −3, b.grad = ∂L/∂b = a = 2

Each operation stores its local derivatives right under its value (`_local`: numbers, no closure
per node); `backward()` hands each input `local · grad` in reverse topological order, with `+=`.
"""

from __future__ import annotations

import math
import numbers
import sys
from collections.abc import Iterable

__all__ = ["Value"]
_EXP_MAX = math.log(sys.float_info.max)  # 709.78…: exp overflows beyond it


def _number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r} ({type(value).__name__})")
    if not math.isfinite(out := float(value)):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {out}")
    return out


def _value(x: Value | float) -> Value:
    return x if isinstance(x, Value) else Value(x)


def _power(a: float, k: float) -> float:  # a ** k, or ±inf if it overflows (named by backward)
    try:
        return a**k
    except OverflowError:
        return math.copysign(1.0, a) ** k * math.inf  # the sign of a^k: a > 0, or k an integer


class Value:
    """One number in a computation: `data` (forward), `grad` = ∂(output)/∂(this) (after backward)."""

    __slots__ = ("_local", "_op", "_prev", "data", "grad", "label")

    def __init__(self, data: float, _prev=(), _local=(), _op: str = "", *, label: str = ""):
        self.data = data if _prev else _number(data, "data")  # a result is checked by backward
        self.grad, self.label = 0.0, label
        self._prev: tuple[Value, ...] = _prev  # the inputs this value was made from (none: a leaf)
        self._local: tuple[float, ...] = _local  # ∂(this)/∂(each input), in the order of _prev
        self._op = _op  # the operation that made it (micrograd's signature, plus _local)

    def __add__(self, other: Value | float) -> Value:
        other = _value(other)
        local = (1.0, 1.0)  # ∂(a+b)/∂a = ∂(a+b)/∂b = 1
        return Value(self.data + other.data, (self, other), local, "+")

    def __mul__(self, other: Value | float) -> Value:
        other = _value(other)
        local = (other.data, self.data)  # each input gets the OTHER input
        return Value(self.data * other.data, (self, other), local, "*")

    def __truediv__(self, other: Value | float) -> Value:
        other = _value(other)
        if other.data == 0:
            raise ZeroDivisionError(f"division by a Value whose data is 0 (dividing {self.data})")
        out = self.data / other.data
        local = (1 / other.data, -out / other.data)  # 1/b and −a/b²
        return Value(out, (self, other), local, "/")

    def __pow__(self, k: float) -> Value:
        k, a = _number(k, "the exponent"), self.data  # a plain number, as in micrograd
        if (a < 0 and not k.is_integer()) or (a == 0 and k != 0 and k < 1):
            raise ValueError(f"({a:g}) ** {k:g} has no real value or no finite slope k·a^(k−1)")
        local = (k * _power(a, k - 1) if k else 0.0,)  # k·a^(k−1)
        return Value(_power(a, k), (self,), local, f"**{k:g}")

    def relu(self) -> Value:
        out = self.data if self.data > 0 else 0.0  # y = ReLU(z), z = self.data
        local = (1.0 if self.data > 0 else 0.0,)  # the gate 1[z > 0]: 0 at the kink
        return Value(out, (self,), local, "relu")

    def tanh(self) -> Value:
        out = math.tanh(self.data)
        return Value(out, (self,), (1.0 - out * out,), "tanh")  # 1 − tanh²

    def exp(self) -> Value:
        out = math.exp(self.data) if self.data <= _EXP_MAX else math.inf  # inf: named by backward
        return Value(out, (self,), (out,), "exp")  # exp′ = exp

    def log(self) -> Value:
        if self.data <= 0:
            raise ValueError(f"log needs a positive number, got {self.data}")
        return Value(math.log(self.data), (self,), (1.0 / self.data,), "log")  # 1/a

    @staticmethod
    def sum(values: Iterable[Value | float]) -> Value:
        """v₀ + v₁ + … as ONE node (02's `sum`): every input gets the whole upstream gradient."""
        vs = tuple(map(_value, values))
        return Value(math.fsum(v.data for v in vs), vs, (1.0,) * len(vs), "sum")

    @staticmethod
    def dot(ws: Iterable[Value], xs: Iterable[Value | float]) -> Value:
        """w₀x₀ + w₁x₁ + … as ONE node: ∂/∂wᵢ = xᵢ and ∂/∂xᵢ = wᵢ."""
        ws, xs = tuple(ws), tuple(map(_value, xs))
        if len(ws) != len(xs):
            raise ValueError(f"dot needs as many ws as xs, got {len(ws)} and {len(xs)}")
        out = sum(w.data * x.data for w, x in zip(ws, xs, strict=True))
        local = tuple(x.data for x in xs) + tuple(w.data for w in ws)
        return Value(out, ws + xs, local, "dot")

    def _backward(self) -> None:
        """This node's step of the chain rule: hand each input its share of this node's grad."""
        for child, local in zip(self._prev, self._local, strict=True):
            child.grad += local * self.grad  # += : a fork gets a share along every use

    def topological_order(self) -> list[Value]:
        """Every node this value depends on, each after all its inputs (iterative: no depth limit)."""
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))  # comes back once all its inputs are in `order`
                stack.extend((c, False) for c in reversed(node._prev) if c not in seen)
        return order

    def backward(self) -> None:
        """∂self/∂v into v.grad for every v in the graph: inner nodes' grads are reset and recomputed
        on each call, leaves' grads ADDED to (zero them first: `zero_grad`). An inf or NaN value or
        local derivative raises FloatingPointError naming the operation (grads are not checked)."""
        order = self.topological_order()
        for node in order:
            if node._prev:
                node.grad = 0.0  # an inner node's grad belongs to this pass only
                if not math.isfinite(node.data) or not all(map(math.isfinite, node._local)):
                    inputs = ", ".join(f"{c.data:g}" for c in node._prev)
                    raise FloatingPointError(
                        f"'{node._op}' of ({inputs}) overflowed (inf or NaN): value {node.data}, "
                        f"local derivatives {node._local}"
                    )
        self.grad = 1.0 if self._prev else self.grad + 1.0  # seed ∂self/∂self = 1 (a leaf adds)
        for node in reversed(order):
            node._backward()

    # The rest is made of the operations above: −a = a·(−1), a − b = a + (−b), 2·a = a·2, …
    __radd__, __rmul__ = __add__, __mul__

    def __neg__(self) -> Value:
        return self * -1.0

    def __sub__(self, other: Value | float) -> Value:
        return self + (-other)

    def __rsub__(self, other: float) -> Value:
        return Value(other) + (-self)

    def __rtruediv__(self, other: float) -> Value:
        return Value(other) / self

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"
