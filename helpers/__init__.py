"""Helpers behind the Backprop from Scratch notebooks.

The notebooks teach; this package holds the tested versions of what they derive, in three layers.
`import helpers` loads only the core and `text`: no matplotlib, no ipywidgets
(tests/test_architecture.py enforces it).

`helpers.core`, the maths in plain numpy and Python:
- `neuron`: one ReLU neuron, `neuron_forward` → (y, cache), `neuron_backward` → dL_dw, dL_dx, dL_db.
- `example`: `WORKED`, the worked example x = (1, −2, 3), w = (−3, −1, 2), b = 1.
- `graph`: the neuron as a graph of mul, sum and ReLU nodes, a value and a gradient per edge.
- `gradcheck`: `numerical_gradient` (central or forward differences) and `relative_error`.
- `optim`: `sgd_step`, the update θ ← θ − lr·∇L (lr stands for η).
- `training`: training one neuron on one example with the squared loss.
- `layer`: a dense ReLU layer on a batch, dead units, full-batch gradient descent (`train_gd`).
- `network`: dense layers composed into a network.
- `trainer`: training a network with mini-batch SGD, epoch by epoch, with its history.
- `losses`: batch losses (softmax cross-entropy) returning (L, dL/d(input)).
- `datasets`: small data sets made here or shipped in `helpers/data` (nothing is downloaded).
- `engine`: `Value`, a scalar autograd engine; `nn`: Neuron, Layer, MLP built from Values;
  `expr`: a learner's formula parsed into Values without `eval`; `trace`: a Value graph's
  forward and backward passes as a list of steps.
- `_checks`: the input validation every public helper shares.

`helpers.text`: `num` (the one number formatter: true minus, no −0.00), `sub` and `sup`.

`helpers.ui`, the presentation: `plotting` (palette, figures, PNGs), `panel` (a live panel
around a plain view), `params` (`Param`: a slider's range and default, written once), `source`
(a helper's source shown in a notebook), `valuegraph` (the graph of a Value expression drawn).

`helpers.lessons`, one package per notebook, `nbNN_<notebook name>`, each with its `views`
(`PANELS`) and `checkers` (`EXERCISES`); `exercises` holds `Feedback`, `check_numeric` and
`as_number_array`, the one rule of every checker (numbers only).

`helpers.series`, the registry: every notebook in order, with its panels and exercises.

Exported here: the one-neuron API (`relu`, `relu_grad`, `neuron_forward`, `neuron_backward`,
`NeuronCache`, `NeuronGrads`), `numerical_gradient`, `relative_error`, `sgd_step` and `WORKED`.
"""

from importlib.metadata import PackageNotFoundError, version

from helpers.core.example import WORKED
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
    "WORKED",
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
