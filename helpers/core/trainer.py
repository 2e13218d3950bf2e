"""Mini-batch SGD for a classifier network: shuffle, batches, epochs, and a record of every epoch.

    params = init_params([2, 16, 16, 2], np.random.default_rng(0))   # He init (06), × scale
    run = train(params, train_set, val_set, lr=0.1, batch_size=32, epochs=100,
                rng=np.random.default_rng(1))
    run.status, run.history[-1].val_accuracy

One *epoch* is one pass over the training set: its rows are shuffled with the generator you pass
(a new order every epoch), cut into batches of `batch_size` rows (the last one may be smaller) and
each batch makes one update θ ← θ − η·∇θ L, where L is the mean softmax cross-entropy over the
batch's B rows (so the gradient carries 1/B). The network is 06's: ReLU hidden layers, a linear
last layer whose C outputs are the logits.

`step` is that update written out in numpy, one line per formula, with no validation inside (it
runs thousands of times); `loss_and_gradients` computes the same loss and gradients with 06's
layers (`network_forward`/`network_backward`) and `losses.softmax_cross_entropy`. Notebook 08
and tests/test_trainer.py assert they agree (and agree with 07's engine and central differences).

`train_epochs` is a generator: it yields an `Epoch` record after every epoch (and one for the
start, epoch 0), so a caller can draw as it goes and simply stop asking. `should_stop()` is
checked before every update, so a Stop button is heard within one update. A run whose loss
becomes NaN or inf is not an error: its last record has status "diverged" and says where.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal, NamedTuple

import numpy as np

from helpers.core._checks import as_finite_float, as_positive_float
from helpers.core.datasets import Dataset
from helpers.core.layer import LayerGrads
from helpers.core.losses import softmax_cross_entropy
from helpers.core.network import init_network, network_backward, network_forward
from helpers.core.training import as_count
from helpers.text import num

__all__ = [
    "Epoch",
    "Params",
    "Run",
    "accuracy",
    "batches",
    "evaluate",
    "init_params",
    "loss_and_gradients",
    "predict",
    "step",
    "train",
    "train_epochs",
]

Params = list[tuple[np.ndarray, np.ndarray]]  # [(W₀, b₀), (W₁, b₁), …], Wₗ (dₗ, mₗ), bₗ (mₗ,)
Status = Literal["running", "finished", "stopped", "diverged"]


class Epoch(NamedTuple):
    """What one epoch left behind, measured after its last update."""

    epoch: int  # 0: before the first update
    updates: int  # updates made so far
    train_loss: float  # mean cross-entropy over the whole training set
    train_accuracy: float  # share of training rows classified right, in [0, 1]
    val_loss: float
    val_accuracy: float
    dead: tuple[float, ...]  # per hidden layer: share of its units dead on the training set
    # per layer: mean over the epoch's updates of ‖ΔW‖/‖W‖; an update from ‖W‖ = 0 counts as
    # inf when ΔW ≠ 0 and NaN (0/0, undefined) when ΔW = 0 too
    update_ratio: tuple[float, ...]
    params: Params  # the parameters after the epoch (never modified later)
    status: Status = "running"
    note: str = ""  # for "stopped" and "diverged": what happened, in words


class Run(NamedTuple):
    """A whole run: how it ended, in words, every epoch's record and the final parameters."""

    status: Status  # "finished", "stopped" or "diverged"
    message: str
    history: list[Epoch]
    params: Params


def init_params(
    sizes: Sequence[int], rng: np.random.Generator, scale: float = 1.0, bias: float = 0.0
) -> Params:
    """06's He initialisation (weights from N(0, 2/dₗ)) with every weight multiplied by `scale`:
    scale 0 gives all-zero weights, a large scale a network whose logits are huge."""
    scale = as_finite_float(scale, "scale")
    if scale < 0:
        raise ValueError(f"scale must be ≥ 0, got {scale}")
    return [(scale * W, b) for W, b in init_network(sizes, rng, bias=bias)]


def _check_params(params: Sequence, finite: bool = True) -> Params:
    try:
        pairs = [
            (np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64)) for W, b in params
        ]
    except (TypeError, ValueError):
        raise TypeError("params must be a list of (W, b) pairs of numbers, one per layer") from None
    if not pairs:
        raise TypeError("params must be a non-empty list of (W, b) pairs, one per layer")
    for i, (W, b) in enumerate(pairs):
        if W.ndim != 2 or b.shape != (W.shape[1],):
            raise ValueError(
                f"params[{i}]: W must be (d, m) and b (m,), got {W.shape} and {b.shape}"
            )
        if i and W.shape[0] != pairs[i - 1][0].shape[1]:
            raise ValueError(
                f"params[{i}]: W has {W.shape[0]} rows but layer {i - 1} has "
                f"{pairs[i - 1][0].shape[1]} units"
            )
        if finite and not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
            raise ValueError(f"params[{i}] must be finite (no NaN or inf)")
    return pairs


def _check_data(data: object, name: str, d: int, c: int) -> Dataset:
    if not isinstance(data, Dataset):
        raise TypeError(f"{name} must be a Dataset (X, labels), got {type(data).__name__}")
    X, labels = data
    if X.ndim != 2 or X.shape[1] != d or labels.shape != (len(X),) or len(X) == 0:
        raise ValueError(
            f"{name}: X must be (N, {d}) for this network with one label per row, "
            f"got X {X.shape} and labels {labels.shape}"
        )
    if not np.issubdtype(labels.dtype, np.integer) or labels.min() < 0 or labels.max() >= c:
        raise ValueError(f"{name}: labels must be whole numbers 0 … {c - 1}")
    return data


def loss_and_gradients(
    params: Sequence, X: np.ndarray, labels: np.ndarray
) -> tuple[float, list[LayerGrads]]:
    """Mean softmax cross-entropy of the network on (X, labels) and every layer's gradients, with
    06's layers: network_forward → softmax_cross_entropy → network_backward."""
    logits, caches = network_forward(X, params)  # (N, C)
    L, dL_dZ = softmax_cross_entropy(logits, labels)  # dL/dZ = (P − T)/N, (N, C)
    return L, network_backward(dL_dZ, caches)


def _forward(params: Params, X: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """(logits (N, C), [the input of every layer]); the input of layer l > 0 is ReLU of layer
    l−1's Z, so a hidden unit is active on a row exactly where its column of that input is > 0."""
    A, inputs = X, []  # A: the current layer's input, (N, dₗ)
    for W, b in params[:-1]:
        inputs.append(A)
        A = np.maximum(A @ W + b, 0.0)  # ReLU(Z): (N, mₗ)
    inputs.append(A)
    W, b = params[-1]
    return A @ W + b, inputs  # logits Z: (N, C)


def _cross_entropy(Z: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """(mean −log p[label], P) for logits Z (N, C), with the maximum subtracted (no overflow)."""
    shifted = Z - Z.max(axis=1, keepdims=True)  # every exponent ≤ 0
    E = np.exp(shifted)
    sums = E.sum(axis=1, keepdims=True)  # (N, 1)
    L = float(np.mean(np.log(sums[:, 0]) - shifted[np.arange(len(Z)), labels]))
    return L, E / sums


def step(params: Params, X: np.ndarray, labels: np.ndarray, lr: float) -> tuple[float, Params]:
    """One mini-batch SGD update, written out: returns (L on this batch before the update, the
    updated params as new arrays). X (B, d), labels (B,) whole numbers. No checks inside: its
    caller (`train`, through the generator `train_epochs`) checks the inputs once per run; a NaN
    or inf is returned for the caller to see."""
    B = len(X)
    Z, inputs = _forward(params, X)
    L, P = _cross_entropy(Z, labels)
    dZ = P  # (B, C)
    dZ[np.arange(B), labels] -= 1.0  # P − T, row n of T one-hot at labels[n]
    dZ /= B  # dL/dZ = (P − T)/B: the 1/B of the mean
    new: Params = []
    for i in range(len(params) - 1, -1, -1):
        W, b = params[i]
        A = inputs[i]
        dW = A.T @ dZ  # (dₗ, B) @ (B, mₗ) -> (dₗ, mₗ)
        db = dZ.sum(axis=0)  # (mₗ,)
        if i:
            # A = ReLU(Z) of the layer before, so A > 0 ⇔ Z > 0: the gate 1[z > 0] of 06
            dZ = (dZ @ W.T) * (A > 0)  # dL/dA (B, dₗ) times the previous layer's gate
        new.append((W - lr * dW, b - lr * db))
    return L, new[::-1]


def predict(params: Sequence, X: np.ndarray) -> np.ndarray:
    """The class with the largest logit for every row of X: whole numbers (N,)."""
    logits, _ = network_forward(X, params)
    return np.argmax(logits, axis=1)


def accuracy(params: Sequence, data: Dataset) -> float:
    """The share of rows of `data` whose predicted class is their label, in [0, 1]."""
    return float(np.mean(predict(params, data.X) == data.labels))


def evaluate(params: Sequence, data: Dataset) -> tuple[float, float, list[float]]:
    """(mean cross-entropy, accuracy, dead share per hidden layer) of the network on `data`.

    A hidden unit is dead on `data` when its z ≤ 0 on every row (04's definition), i.e. when its
    column of ReLU(Z) is 0 on every row. NaN or inf parameters give a NaN or inf loss.
    """
    params = _check_params(params, finite=False)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        logits, inputs = _forward(params, data.X)
        L, _ = _cross_entropy(logits, data.labels)
    acc = float(np.mean(np.argmax(logits, axis=1) == data.labels))
    dead = [float(np.mean(~(A > 0).any(axis=0))) for A in inputs[1:]]
    return L, acc, dead


def batches(n: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """A fresh random order of the row indices 0 … n−1, cut into batches of `batch_size` (the
    last one holds the rest): every row is used exactly once per epoch."""
    order = rng.permutation(n)
    return [order[i : i + batch_size] for i in range(0, n, batch_size)]


def _record(params: Params, train_set, val_set, epoch: int, updates: int, ratios) -> Epoch:
    train_loss, train_acc, dead = evaluate(params, train_set)
    val_loss, val_acc, _ = evaluate(params, val_set)
    return Epoch(
        epoch, updates, train_loss, train_acc, val_loss, val_acc, tuple(dead), tuple(ratios), params
    )


def train_epochs(
    params: Sequence,
    train_set: Dataset,
    val_set: Dataset,
    *,
    lr: float,
    batch_size: int,
    epochs: int,
    rng: np.random.Generator,
    should_stop: Callable[[], bool] | None = None,
    on_update: Callable[[int, Params], None] | None = None,
) -> Iterator[Epoch]:
    """Yield Epoch 0 (the start), then one Epoch per epoch of mini-batch SGD.

    The last record's status is "finished" after `epochs` epochs, "stopped" when should_stop()
    returned True (checked before every update; the record then covers the part of the epoch
    done), or "diverged" when a batch loss or the parameters became NaN or inf (the record keeps
    the last finite parameters; its losses are NaN). `on_update(updates, params)`, if given, is
    called after every update (a dashboard draws from it between epochs).
    """
    params = _check_params(params)
    lr = as_positive_float(lr, "lr")
    batch_size, epochs = as_count(batch_size, "batch_size", 1), as_count(epochs, "epochs", 1)
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a numpy Generator (np.random.default_rng(seed)), got {type(rng).__name__}"
        )
    d, c = params[0][0].shape[0], params[-1][0].shape[1]
    train_set = _check_data(train_set, "train_set", d, c)
    val_set = _check_data(val_set, "val_set", d, c)
    if should_stop is not None and not callable(should_stop):
        raise TypeError("should_stop must be a function of no arguments returning True to stop")
    if on_update is not None and not callable(on_update):
        raise TypeError("on_update must be a function of (updates, params)")
    X, labels = train_set
    n_layers = len(params)
    updates = 0
    yield _record(params, train_set, val_set, 0, 0, [math.nan] * n_layers)
    for epoch in range(1, epochs + 1):
        sums = np.zeros(n_layers)
        made = 0
        stopped = False
        for idx in batches(len(X), batch_size, rng):
            if should_stop is not None and should_stop():
                stopped = True
                break
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                L, new = step(params, X[idx], labels[idx], lr)
                finite = math.isfinite(L) and all(
                    np.isfinite(W).all() and np.isfinite(b).all() for W, b in new
                )
            if not finite:
                what = "the parameters" if math.isfinite(L) else f"the batch loss ({L})"
                nan = math.nan
                yield Epoch(
                    epoch,
                    updates,
                    nan,
                    nan,
                    nan,
                    nan,
                    (nan,) * (n_layers - 1),
                    (nan,) * n_layers,
                    params,
                    "diverged",
                    f"diverged: {what} became NaN or inf at update {updates + 1} "
                    f"(epoch {epoch}); η = {num(lr, 'g')} is too large for this network",
                )
                return
            with np.errstate(over="ignore", invalid="ignore"):
                for i, ((W, _), (W_new, _)) in enumerate(zip(params, new, strict=True)):
                    norm = np.linalg.norm(W)  # ‖W‖ (Frobenius): the update's size relative to it
                    size = np.linalg.norm(W_new - W)  # ‖ΔW‖
                    if norm > 0:
                        sums[i] += size / norm
                    else:  # ‖W‖ = 0: 0/0 is undefined (NaN), a step away from 0 is inf
                        sums[i] += math.inf if size > 0 else math.nan
            params, updates, made = new, updates + 1, made + 1
            if on_update is not None:
                on_update(updates, params)
        ratios = sums / made if made else [math.nan] * n_layers
        record = _record(params, train_set, val_set, epoch, updates, ratios)
        if not (math.isfinite(record.train_loss) and math.isfinite(record.val_loss)):
            yield record._replace(
                status="diverged",
                note=f"diverged: the loss over the data became NaN or inf after epoch {epoch}; "
                f"η = {num(lr, 'g')} is too large for this network",
            )
            return
        if stopped:
            yield record._replace(
                status="stopped", note=f"stopped during epoch {epoch} after {updates} updates"
            )
            return
        yield record._replace(status="finished") if epoch == epochs else record


def train(params: Sequence, train_set: Dataset, val_set: Dataset, **settings: Any) -> Run:
    """All of `train_epochs` at once: a Run with its status, a message, every Epoch and the final
    parameters. Divergence is a status ("diverged") and a message, never an exception.

    `settings` are train_epochs' keywords, checked there: lr, batch_size, epochs, rng (required),
    should_stop and on_update (optional)."""
    history = list(train_epochs(params, train_set, val_set, **settings))
    last = history[-1]
    if last.status == "diverged":
        message = last.note
    else:
        best = next(e for e in reversed(history) if math.isfinite(e.val_loss))
        done = "finished" if last.status == "finished" else last.note
        message = (
            f"{done}: {best.epoch} epochs, {best.updates} updates; training accuracy "
            f"{100 * best.train_accuracy:.1f} %, validation accuracy {100 * best.val_accuracy:.1f} %"
        )
    return Run(
        last.status if last.status != "running" else "finished", message, history, last.params
    )
