"""The update θ ← θ − η·∇θ L, the same step in gradient descent, SGD and mini-batch SGD."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from helpers.core._checks import as_finite_array, as_positive_float

__all__ = ["sgd_step"]


def sgd_step(params: ArrayLike, grads: ArrayLike, lr: float) -> np.ndarray:
    """params − lr · grads (lr stands for η), as a new array of params' shape; neither input
    is modified. An overflow is returned as inf for the caller to detect (train_neuron does)."""
    params = as_finite_array(params, "params")
    grads = as_finite_array(grads, "grads")
    lr = as_positive_float(lr, "lr")
    if params.shape != grads.shape:
        raise ValueError(f"grads must have the shape of params {params.shape}, got {grads.shape}")
    return params - lr * grads
