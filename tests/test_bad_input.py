"""Every public helper rejects bad input with an error that names the argument and what it got."""

import math

import numpy as np
import pytest

from helpers import (
    neuron_backward,
    neuron_forward,
    numerical_gradient,
    relative_error,
    relu,
    sgd_step,
)
from helpers.core.example import WORKED
from helpers.core.neuron import relu_grad

X, W = list(WORKED.x), list(WORKED.w)  # x = [1, −2, 3], w = [−3, −1, 2]: 3 numbers each


def _cache():
    return neuron_forward(X, W, 1.0)[1]


CASES = [
    # (call, error type, words the message must contain)
    (
        lambda: neuron_forward(X, [-3.0, -1.0, 2.0, 4.0], 1.0),
        ValueError,
        ["x", "w", "length 3", "length 4"],
    ),
    (lambda: neuron_forward([1.0, math.nan, 3.0], W, 1.0), ValueError, ["x", "finite", "nan"]),
    (lambda: neuron_forward(X, [-3.0, math.inf, 2.0], 1.0), ValueError, ["w", "finite", "inf"]),
    (lambda: neuron_forward(X, W, math.nan), ValueError, ["b", "finite"]),
    (lambda: neuron_forward(X, W, [1.0, 2.0]), ValueError, ["b", "single number"]),
    (lambda: neuron_forward("123", W, 1.0), TypeError, ["x", "numeric", "str"]),
    (lambda: neuron_forward(X, W, "1"), TypeError, ["b", "real number"]),
    (lambda: neuron_forward(X, [[1.0, 2.0, 3.0]], 1.0), ValueError, ["w", "1-D", "(1, 3)"]),
    (lambda: neuron_forward([], [], 1.0), ValueError, ["at least one"]),
    (
        lambda: neuron_forward([1e200, 1e200], [1e200, -1e200], 0.0),
        ValueError,
        ["z", "overflowed", "nan", "1e+200", "1.8e308"],
    ),
    (lambda: neuron_forward([1e200], [-1e200], 0.0), ValueError, ["overflowed to -inf", "1.8e308"]),
    (lambda: neuron_backward(np.ones(3), _cache()), ValueError, ["dL_dy", "single number", "(3,)"]),
    (lambda: neuron_backward(math.inf, _cache()), ValueError, ["dL_dy", "finite"]),
    (lambda: neuron_backward(1.0, (X, W, 1.0, 6.0)), TypeError, ["cache", "NeuronCache"]),
    (lambda: relu([1.0, math.nan]), ValueError, ["z", "finite"]),
    (lambda: relu_grad("zero"), TypeError, ["z", "numeric"]),
    (lambda: sgd_step(W, [1.0, 2.0], lr=0.1), ValueError, ["grads", "(3,)", "(2,)"]),
    (lambda: sgd_step(W, X, lr=0.0), ValueError, ["lr", "> 0", "0.0"]),
    (lambda: sgd_step(W, X, lr=-0.1), ValueError, ["lr", "> 0", "-0.1"]),
    (lambda: sgd_step(W, X, lr=math.inf), ValueError, ["lr", "finite"]),
    (lambda: sgd_step(W, X, lr=math.nan), ValueError, ["lr", "finite"]),
    (lambda: sgd_step(W, X, lr="0.1"), TypeError, ["lr", "real number"]),
    (lambda: sgd_step([1.0, math.nan], [1.0, 1.0], lr=0.1), ValueError, ["params", "finite"]),
    (lambda: numerical_gradient(lambda v: 0.0, [1.0], eps=0.0), ValueError, ["eps", "> 0"]),
    (lambda: numerical_gradient(lambda v: 0.0, [1.0], eps=-1e-6), ValueError, ["eps", "> 0"]),
    (lambda: numerical_gradient("f", [1.0]), TypeError, ["f", "function"]),
    (lambda: numerical_gradient(lambda v: v, [1.0, 2.0]), TypeError, ["f", "single number"]),
    (lambda: relative_error([1.0, 2.0], [1.0, 2.0, 3.0]), ValueError, ["a", "b", "(2,)", "(3,)"]),
    (lambda: relative_error([1.0, math.nan], [1.0, 2.0]), ValueError, ["a", "finite"]),
    # numpy would quietly read '1.5' as 1.5, True as 1.0 and None as nan: each is named instead
    (lambda: neuron_forward(["1", -2.0, 3.0], W, 1.0), TypeError, ["x", "numeric", "'1' (str)"]),
    (lambda: neuron_forward(X, [True, -1.0, 2.0], 1.0), TypeError, ["w", "True (bool)"]),
    (lambda: neuron_forward(X, [-3.0, -1.0, None], 1.0), TypeError, ["w", "None"]),
    (lambda: neuron_forward(X, np.array([True, False, True]), 1.0), TypeError, ["w", "bool"]),
    (lambda: neuron_forward(X, [1j, 0.0, 0.0], 1.0), TypeError, ["w", "complex"]),
    (lambda: neuron_forward([[1.0, 2.0], [3.0]], W, 1.0), TypeError, ["x", "numeric"]),
    # an integer too large for a float: a ValueError naming the argument, not an OverflowError
    (lambda: neuron_forward([10**400, 0, 0], W, 1.0), ValueError, ["x", "float range", "1.8e308"]),
    (lambda: neuron_forward(X, W, 10**400), ValueError, ["b", "finite", "float range"]),
    (lambda: sgd_step(W, X, lr=10**5000), ValueError, ["lr", "float range"]),
]


@pytest.mark.parametrize("call, error, words", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error) as info:
        call()
    message = str(info.value).lower()
    for word in words:
        assert word.lower() in message, f"{word!r} missing from: {info.value}"


def test_booleans_are_not_numbers():
    with pytest.raises(TypeError, match="lr"):
        sgd_step(W, X, lr=True)
