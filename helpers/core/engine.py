"""A scalar autograd engine: each Value remembers how it was made, and `backward()` runs 02's
chain rule through any expression built from them.

    a = Value(2.0); b = Value(-3.0)
    L = (a * b + 7).relu()        # the forward pass builds the graph: L = ReLU(1) = 1
    L.backward()                  # a.grad = ∂L/∂a = b = −3, b.grad = ∂L/∂b = a = 2

Each operation computes its value and, right under it, its local derivative with respect to each
input (`_local`). Backward walks the graph from L to the leaves in reverse topological order and
hands every input `local · out.grad`, with `+=`: an input used twice (a fork) gets a share per use.
The names follow micrograd's `Value` (A. Karpathy's ~150-line engine: data, grad, _prev, _op,
backward, relu), so its code runs.

Speed choices, one line each (`make bench`, one training step of an MLP 2-16-16-1: measured
0.08× micrograd's time; scalars are slow by nature):
- `__slots__`: small objects and fast attribute access;
- local derivatives stored as numbers, not a closure per node: nothing to build, no reference cycle;
- n-ary `sum` and `dot`: one node where a chain of binary `+` would make n;
- an iterative topological sort with a set: no recursion, each node visited once.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

__all__ = ["Value"]


def _number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r} ({type(value).__name__})")
    if not math.isfinite(out := float(value)):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {out}")
    return out


def _overflow(node: Value) -> str:
    """What went wrong at `node`: its value or a local derivative is infinite or NaN."""
    inputs = ", ".join(f"{c.data:g}" for c in node._prev)
    if not math.isfinite(node.data):
        return f"the forward pass overflowed: '{node._op}' of ({inputs}) gave {node.data}"
    return f"a local derivative overflowed: '{node._op}' of ({inputs}) has slopes {node._local}"


def _value(x: Value | float) -> Value:
    return x if isinstance(x, Value) else Value(x)


class Value:
    """One number in a computation: `data` (forward), `grad` = ∂(output)/∂(this) (after backward)."""

    __slots__ = ("_local", "_op", "_prev", "data", "grad", "label")

    def __init__(self, data: float, label: str = "") -> None:
        self.data, self.grad, self.label = _number(data, "data"), 0.0, label
        self._prev: tuple[Value, ...] = ()  # the inputs this value was made from (none: a leaf)
        self._local: tuple[float, ...] = ()  # ∂(this)/∂(each input), in the order of _prev
        self._op = ""  # the operation that made it

    @staticmethod
    def _make(data: float, prev: tuple, local: tuple, op: str) -> Value:
        """An operation's result (not validated: an overflow is named by backward)."""
        out = object.__new__(Value)
        out.data, out.grad, out.label = data, 0.0, ""
        out._prev, out._local, out._op = prev, local, op
        return out

    def __add__(self, other: Value | float) -> Value:
        other = _value(other)
        local = (1.0, 1.0)  # ∂(a+b)/∂a = ∂(a+b)/∂b = 1
        return Value._make(self.data + other.data, (self, other), local, "+")

    def __mul__(self, other: Value | float) -> Value:
        other = _value(other)
        local = (other.data, self.data)  # each input gets the OTHER input
        return Value._make(self.data * other.data, (self, other), local, "*")

    def __truediv__(self, other: Value | float) -> Value:
        other = _value(other)
        if other.data == 0:
            raise ZeroDivisionError(f"division by a Value whose data is 0 (dividing {self.data})")
        out = self.data / other.data
        local = (1 / other.data, -out / other.data)  # 1/b and −a/b²
        return Value._make(out, (self, other), local, "/")

    def __pow__(self, k: float) -> Value:
        k = _number(k, "the exponent")  # a plain number, as in micrograd
        a = self.data
        if a == 0 and k < 0:
            raise ZeroDivisionError(f"0 ** {k:g} is undefined")
        if a == 0 and 0 < k < 1:
            raise ValueError(f"the derivative k·a^(k−1) of a ** {k:g} is infinite at a = 0")
        try:
            out = a**k
        except OverflowError:
            out = math.inf  # named by backward, like any overflow
        if isinstance(out, complex):
            raise ValueError(f"({a}) ** {k:g} is not a real number")
        try:
            slope = k * a ** (k - 1) if k else 0.0  # k·a^(k−1)
        except OverflowError:
            slope = math.inf  # named by backward
        return Value._make(out, (self,), (slope,), f"**{k:g}")

    def relu(self) -> Value:
        on = self.data > 0
        local = (1.0 if on else 0.0,)  # the gate 1[z > 0], z = self.data: 0 at the kink
        return Value._make(self.data if on else 0.0, (self,), local, "relu")

    def tanh(self) -> Value:
        out = math.tanh(self.data)
        return Value._make(out, (self,), (1.0 - out * out,), "tanh")  # 1 − tanh²

    def exp(self) -> Value:
        try:
            out = math.exp(self.data)
        except OverflowError:
            out = math.inf  # named by backward, like any overflow
        return Value._make(out, (self,), (out,), "exp")  # exp′ = exp

    def log(self) -> Value:
        if self.data <= 0:
            raise ValueError(f"log needs a positive number, got {self.data}")
        return Value._make(math.log(self.data), (self,), (1.0 / self.data,), "log")  # 1/a

    @staticmethod
    def sum(values: Iterable[Value | float]) -> Value:
        """v₀ + v₁ + … as ONE node (02's `sum`): every input gets the whole upstream gradient."""
        vs = tuple(map(_value, values))
        return Value._make(math.fsum(v.data for v in vs), vs, (1.0,) * len(vs), "sum")

    @staticmethod
    def dot(ws: Iterable[Value], xs: Iterable[Value | float]) -> Value:
        """w₀x₀ + w₁x₁ + … as ONE node: ∂/∂wᵢ = xᵢ and ∂/∂xᵢ = wᵢ."""
        ws, xs = tuple(ws), tuple(map(_value, xs))
        if len(ws) != len(xs):
            raise ValueError(f"dot needs as many ws as xs, got {len(ws)} and {len(xs)}")
        out = sum(w.data * x.data for w, x in zip(ws, xs, strict=True))
        local = tuple(x.data for x in xs) + tuple(w.data for w in ws)
        return Value._make(out, ws + xs, local, "dot")

    def _backward(self) -> None:
        """This node's step of the chain rule: hand each input its share of this node's grad."""
        for child, local in zip(self._prev, self._local, strict=True):
            child.grad += local * self.grad  # += : a fork gets a share along every use

    def topological_order(self) -> list[Value]:
        """Every node this value depends on, each after all its inputs (iterative: no depth limit)."""
        order: list[Value] = []
        seen: set[Value] = set()
        stack: list[tuple[Value, bool]] = [(self, False)]
        while stack:
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))  # comes back once all its inputs are in `order`
                # reversed: the first input is taken first, so the order reads as it was written
                stack.extend((c, False) for c in reversed(node._prev) if c not in seen)
        return order

    def backward(self) -> None:
        """∂self/∂v into v.grad for every v in the graph. A second call ADDS to the leaves' grads
        (zero them first: `zero_grad`); inner nodes are recomputed on each call. PyTorch also adds
        each backward pass into the leaves' .grad (there, calling backward() twice on one graph
        needs retain_graph=True)."""
        order = self.topological_order()
        for node in order:
            if node._prev:
                node.grad = 0.0  # an inner node's grad belongs to this pass only
                if not math.isfinite(node.data) or not all(map(math.isfinite, node._local)):
                    raise FloatingPointError(_overflow(node))
        if self._prev:
            self.grad = 1.0  # the seed ∂self/∂self = 1 (its grad was just zeroed)
        else:
            self.grad += 1.0  # a leaf as the output: the seed adds, like every leaf's grad
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
