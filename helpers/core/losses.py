"""Losses for a batch: each returns (L, dL/d(input)) so backward starts from its second value.

softmax:        pₖ = exp(zₖ − max z) / Σⱼ exp(zⱼ − max z)   (the max keeps exp from overflowing)
cross-entropy:  L = −(1/N) Σₙ log p⁽ⁿ⁾_{c⁽ⁿ⁾},   dL/dZ = (P − T) / N   (row n of T one-hot at c⁽ⁿ⁾)

N is the number of rows the mean is over (B for a mini-batch).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from helpers.core._checks import as_finite_array

__all__ = ["softmax", "softmax_cross_entropy"]


def softmax(Z: ArrayLike) -> np.ndarray:
    """Row-wise softmax of Z (N, C); subtracting each row's maximum changes nothing but the overflow."""
    Z = as_finite_array(Z, "Z", ndim=2)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))  # every exponent ≤ 0: no overflow
    return E / E.sum(axis=1, keepdims=True)


def softmax_cross_entropy(Z: ArrayLike, labels: ArrayLike) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of softmax(Z) (N, C) against integer labels (N,); returns (L, dL/dZ (N, C))."""
    Z = as_finite_array(Z, "Z", ndim=2)
    labels = np.asarray(labels)
    N, C = Z.shape
    if labels.shape != (N,) or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(
            f"labels must be {N} whole numbers (one per row of Z), got shape {labels.shape} and dtype {labels.dtype}"
        )
    if labels.size and (labels.min() < 0 or labels.max() >= C):
        raise ValueError(
            f"labels must be classes 0 … {C - 1}, got values from {labels.min()} to {labels.max()}"
        )
    shifted = Z - Z.max(axis=1, keepdims=True)
    log_P = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))  # log-softmax, stable
    rows = np.arange(N)
    L = float(-log_P[rows, labels].mean())
    dL_dZ = np.exp(log_P)  # P
    dL_dZ[rows, labels] -= 1.0  # P − T
    return L, dL_dZ / N
