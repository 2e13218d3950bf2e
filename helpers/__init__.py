"""Helpers behind the Backprop from Scratch notebooks.

The notebooks teach; this package holds the tested versions of what they derive.
Each module is one concept: `neuron` (forward/backward of one ReLU neuron), `gradcheck`
(central differences, relative error), `optim` (the SGD step), `plotting` and `panel`
(figures and live widgets), `exercises` (checkers that diagnose mistakes).
"""

from importlib.metadata import PackageNotFoundError, version

from helpers.gradcheck import numerical_gradient, relative_error
from helpers.neuron import (
    NeuronCache,
    NeuronGrads,
    neuron_backward,
    neuron_forward,
    relu,
    relu_grad,
)
from helpers.optim import sgd_step

try:
    __version__ = version("backprop-helpers")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

__all__ = [
    "NeuronCache",
    "NeuronGrads",
    "__version__",
    "neuron_backward",
    "neuron_forward",
    "numerical_gradient",
    "relative_error",
    "relu",
    "relu_grad",
    "sgd_step",
]
