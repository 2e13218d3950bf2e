"""The core: the maths of the series in plain numpy and Python, no matplotlib, no ipywidgets.

`neuron` (one ReLU neuron), `example` (the worked example, `WORKED`), `graph` (the neuron as a
graph of mul, sum and ReLU nodes), `gradcheck` (finite differences), `optim` (the gradient
step), `training` (training one neuron), `layer` (a dense layer on a batch), `network` (layers
composed), `trainer` (mini-batch SGD for a network), `losses` (batch losses), `datasets` (small data sets), `engine` (the scalar autograd
`Value`), `nn` (Neuron, Layer, MLP of Values), `expr` (a learner's formula as Values), `trace`
(a Value graph's passes step by step) and `_checks` (shared input validation). `forward`
functions return `(out, cache)`; `backward` functions return named gradients (`dL_dw`, …).
"""
