"""A tiny neural network of `Value`s (07's engine): Neuron, Layer, MLP, with micrograd's names.

    mlp = MLP(2, [16, 16, 1], rng=np.random.default_rng(0))
    score = mlp([0.5, -1.0])[0]       # a Value (the MLP returns a list)
    mlp.zero_grad(); score.backward()  # every parameter's .grad

Initial weights come from the generator you pass in (uniform on [−1, 1], as micrograd), or from
arrays you give (`MLP.from_arrays`), so the same network can be built in numpy (06) and here.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from helpers.core._checks import as_finite_array
from helpers.core.engine import Value

__all__ = ["MLP", "Layer", "Module", "Neuron"]


class Module:
    def parameters(self) -> list[Value]:
        return []

    def zero_grad(self) -> None:
        """Set every parameter's grad to 0: backward() adds to what is there."""
        for p in self.parameters():
            p.grad = 0.0


class Neuron(Module):
    """ReLU(w·x + b) (or w·x + b with nonlin=False) for w of shape (nin,)."""

    def __init__(self, w: ArrayLike, b: float, nonlin: bool = True) -> None:
        self.w = [Value(float(wi)) for wi in as_finite_array(w, "w", ndim=1)]
        self.b = Value(float(b))
        self.nonlin = nonlin

    def __call__(self, x: Sequence[Value | float]) -> Value:
        z = Value.dot(self.w, x) + self.b  # one dot node, one + node
        return z.relu() if self.nonlin else z

    def parameters(self) -> list[Value]:
        return [*self.w, self.b]


class Layer(Module):
    """m neurons on the same input; W has one column per neuron, shape (nin, m), as in 06."""

    def __init__(self, W: ArrayLike, b: ArrayLike, nonlin: bool = True) -> None:
        W = as_finite_array(W, "W", ndim=2)
        b = as_finite_array(b, "b", ndim=1)
        if b.shape != (W.shape[1],):
            raise ValueError(
                f"b must have shape ({W.shape[1]},) for W of shape {W.shape}, got {b.shape}"
            )
        self.neurons = [Neuron(W[:, k], b[k], nonlin) for k in range(W.shape[1])]

    def __call__(self, x: Sequence[Value | float]) -> list[Value]:
        return [n(x) for n in self.neurons]

    def parameters(self) -> list[Value]:
        return [p for n in self.neurons for p in n.parameters()]


class MLP(Module):
    """Layers of ReLU neurons and a linear last layer. Called on one input, returns a list of Values."""

    def __init__(self, nin: int, nouts: Sequence[int], *, rng: np.random.Generator) -> None:
        if not isinstance(rng, np.random.Generator):
            raise TypeError(
                f"rng must be a numpy Generator (np.random.default_rng(seed)), got {type(rng).__name__}"
            )
        sizes = [nin, *nouts]
        arrays = []
        for d, m in itertools.pairwise(sizes):
            arrays += [rng.uniform(-1, 1, size=(d, m)), np.zeros(m)]
        self.layers = MLP.from_arrays(arrays).layers

    @classmethod
    def from_arrays(cls, arrays: Sequence[ArrayLike]) -> MLP:
        """An MLP with the given [W₀, b₀, W₁, b₁, …] (Wₗ of shape (d, m)); the last layer is linear."""
        if len(arrays) == 0 or len(arrays) % 2:
            raise ValueError(f"arrays must be [W0, b0, W1, b1, ...], got {len(arrays)} arrays")
        mlp = object.__new__(cls)
        n = len(arrays) // 2
        mlp.layers = [Layer(arrays[2 * i], arrays[2 * i + 1], nonlin=i < n - 1) for i in range(n)]
        return mlp

    def __call__(self, x: Sequence[Value | float]) -> list[Value]:
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self) -> list[Value]:
        return [p for layer in self.layers for p in layer.parameters()]
