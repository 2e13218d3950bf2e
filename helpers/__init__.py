"""Helpers behind the Backprop from Scratch notebooks.

The notebooks teach; this package holds the tested versions of what they derive, in three layers:

- `helpers.core`: the maths in plain numpy (neuron, layer, graph, gradcheck, optim, training).
  `import helpers` loads only this layer: no matplotlib, no ipywidgets.
- `helpers.ui`: figures and live panels that draw what the core computes.
- `helpers.lessons`: one package per notebook (`nb01_the_neuron`, …) with its views and checkers.

`helpers.series` lists the notebooks, their panels and their exercises, in order.
"""

from importlib.metadata import PackageNotFoundError, version

from helpers.core.gradcheck import numerical_gradient, relative_error
from helpers.core.neuron import (
    NeuronCache,
    NeuronGrads,
    neuron_backward,
    neuron_forward,
    relu,
    relu_grad,
)
from helpers.core.optim import sgd_step

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
