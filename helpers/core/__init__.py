"""The core: the maths of the series in plain numpy and Python, no matplotlib, no ipywidgets.

`neuron` (one ReLU neuron), `layer` (a dense layer on a batch), `graph` (the neuron as a graph of
mul, sum and ReLU nodes), `gradcheck` (central differences), `optim` (the gradient step) and
`training` (training one neuron). `forward` functions return `(out, cache)`; `backward`
functions return named gradients (`dL_dw`, …).
"""
