"""Softmax and cross-entropy: hand-derived values, central differences, no overflow."""

import math

import numpy as np
import pytest

from helpers.core.gradcheck import numerical_gradient
from helpers.core.losses import softmax, softmax_cross_entropy


def test_two_equal_logits():
    # z = (0, 0): p = (1/2, 1/2); L = −log(1/2) = log 2; dL/dz = (p − y)/1 = (1/2 − 1, 1/2)
    L, dL_dZ = softmax_cross_entropy([[0.0, 0.0]], [0])
    assert L == pytest.approx(math.log(2))
    np.testing.assert_allclose(dL_dZ, [[-0.5, 0.5]])


def test_softmax_of_large_logits_does_not_overflow():
    # exp(1000) overflows; with the maximum subtracted, z = (1000, 1000 + log 3) gives p = (1/4, 3/4)
    P = softmax([[1000.0, 1000.0 + math.log(3)]])
    np.testing.assert_allclose(P, [[0.25, 0.75]])
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp([1000.0, 1001.0]) / np.exp([1000.0, 1001.0]).sum()
    assert np.isnan(naive).all()  # what the subtraction prevents: inf / inf


def test_gradient_against_central_differences():
    rng = np.random.default_rng(0)
    Z, labels = rng.normal(size=(5, 3)), np.array([0, 2, 1, 1, 0])
    _, dL_dZ = softmax_cross_entropy(Z, labels)
    numeric = numerical_gradient(lambda z: softmax_cross_entropy(z, labels)[0], Z)
    np.testing.assert_allclose(dL_dZ, numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ([0, 3], "classes 0 … 2"),
        ([0], "2 whole numbers"),
        ([0.0, 1.0], "whole numbers"),
        ([-1, 0], "classes"),
    ],
)
def test_bad_labels(labels, message):
    with pytest.raises(ValueError, match=message):
        softmax_cross_entropy(np.zeros((2, 3)), np.array(labels))
