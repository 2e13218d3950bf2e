"""A network composed of dense layers: ReLU (or leaky ReLU) hidden layers and a linear last layer.

    params = [(W^[0], b^[0]), (W^[1], b^[1]), …]   W^[l] (d_l, m_l), b^[l] (m_l,), d_{l+1} = m_l
    out, caches = network_forward(X, params)       X (N, d_0) -> out (N, m_last)
    grads = network_backward(G, caches)            G = dL/dout (N, m_last); grads[l].dL_dW, .dL_db, .dL_dX

Nothing here is new maths: forward runs `dense_relu_forward` layer by layer (the last one
`dense_linear_forward`), and backward runs the layers' own backward steps in reverse order,
handing each layer's dL/dX to the layer before it as its upstream gradient.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from helpers.core._checks import as_finite_float
from helpers.core.layer import (
    LayerCache,
    LayerGrads,
    dense_linear_backward,
    dense_linear_forward,
    dense_relu_backward,
    dense_relu_forward,
)

__all__ = ["init_network", "network_backward", "network_forward"]


def _check_params(params: Sequence) -> list[tuple[ArrayLike, ArrayLike]]:
    if isinstance(params, (str, bytes)) or not isinstance(params, Sequence) or len(params) == 0:
        raise TypeError(
            f"params must be a non-empty list of (W, b) pairs, one per layer, got {params!r:.60}"
        )
    for i, pair in enumerate(params):
        if not isinstance(pair, Sequence) or isinstance(pair, (str, bytes)) or len(pair) != 2:
            raise TypeError(f"params[{i}] must be a pair (W, b), got {type(pair).__name__}")
    return [tuple(pair) for pair in params]


def network_forward(
    X: ArrayLike, params: Sequence[tuple[ArrayLike, ArrayLike]], negative_slope: float = 0.0
) -> tuple[np.ndarray, list[LayerCache]]:
    """out = the last layer's Z, shape (N, m_last); every layer before it is ReLU(X W + b) (leaky
    with negative_slope > 0). Returns (out, caches), one LayerCache per layer, in order.

    Raises ValueError naming the layer when two layers do not fit (m_l ≠ d_{l+1}).
    """
    pairs = _check_params(params)
    out = X
    caches = []
    for i, (W, b) in enumerate(pairs):
        try:
            if i < len(pairs) - 1:
                out, cache = dense_relu_forward(out, W, b, negative_slope)
            else:
                out, cache = dense_linear_forward(out, W, b)
        except ValueError as exc:
            raise ValueError(f"layer {i}: {exc}") from exc
        caches.append(cache)
    return out, caches


def network_backward(dL_dout: ArrayLike, caches: Sequence[LayerCache]) -> list[LayerGrads]:
    """The layers' backward steps from the last to the first; returns [LayerGrads per layer], in
    layer order. Layer l's upstream gradient is layer l+1's dL_dX: (N, m_l)."""
    if not isinstance(caches, Sequence) or not caches:
        raise TypeError("caches must be the list of LayerCaches returned by network_forward")
    if not all(isinstance(c, LayerCache) for c in caches):
        raise TypeError("caches must be the list of LayerCaches returned by network_forward")
    grads: list[LayerGrads] = []
    G = dL_dout
    for i in reversed(range(len(caches))):
        backward = dense_linear_backward if i == len(caches) - 1 else dense_relu_backward
        step = backward(G, caches[i])
        grads.append(step)
        G = step.dL_dX  # (N, d_l) = (N, m_{l−1}): the previous layer's upstream gradient
    return grads[::-1]


def init_network(
    sizes: Sequence[int], rng: np.random.Generator, bias: float = 0.0
) -> list[tuple[np.ndarray, np.ndarray]]:
    """[(W, b) per layer] for layer sizes [d_0, m_0, m_1, …]: every weight drawn from N(0, 2/d_l)
    (mean 0, variance 2/d_l: He initialisation, made for ReLU layers, here applied to the linear
    last layer too) with the generator you pass, every bias set to `bias`."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a numpy Generator (np.random.default_rng(seed)), got {type(rng).__name__}"
        )
    sizes = list(sizes)
    if len(sizes) < 2 or any(
        isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 1 for s in sizes
    ):
        raise ValueError(
            f"sizes must list at least two whole numbers ≥ 1 (inputs, then units per layer), got {sizes}"
        )
    bias = as_finite_float(bias, "bias")
    return [
        (rng.normal(0.0, np.sqrt(2.0 / d), size=(d, m)), np.full(m, bias))
        for d, m in itertools.pairwise(sizes)
    ]
