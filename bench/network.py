"""Notebook 08's network: one mini-batch SGD step in numpy against PyTorch on CPU, and two full runs.

One step = forward over a batch of 64 two-moons points, the mean softmax cross-entropy, backward,
the update θ ← θ − η·∇θ L, for the notebook's network 2 → 16 → 16 → 2 (ReLU, last layer
linear; `runs.MOONS`). Ours is `helpers.core.trainer.step`; PyTorch's is the same step with
nn.Linear layers, F.cross_entropy, loss.backward() and torch.optim.SGD, in float64 from the
same initial weights on the same batches, alternately step by step (a same-run ratio), on one
thread (torch.set_num_threads(1): a tiny step gains nothing from more). The two final losses
must agree to float rounding.

On tiny networks, per-call overhead dominates, and numpy's few calls beat a framework's
dispatcher and autograd bookkeeping: the budget is ≤ 0.5× PyTorch's time per step.

PyTorch is installed for the bench only (requirements-bench.txt); without it the row is skipped
with a note saying how to install it. The two full runs (moons to ≥ 97 % validation accuracy,
digits to ≥ 95 % test accuracy) are timed once each and, when the caller passes the empty
notebook's run time, reported as a ratio to it.
"""

from __future__ import annotations

import gc
import time
from typing import NamedTuple

import numpy as np

from bench.report import Row, median, ms
from helpers.core.trainer import accuracy, init_params, step
from helpers.lessons.nb08_training_a_network.runs import (
    DIGITS,
    MOONS,
    digits_data,
    moons_data,
    run_config,
)

__all__ = ["BUDGET_RATIO", "StepBench", "bench_network", "measure_step"]

BUDGET_RATIO = 0.5  # the budget: ≤ 0.5× PyTorch's time per step
BATCH = 64
MOONS_TARGET = 0.97  # validation accuracy
DIGITS_TARGET = 0.95  # test accuracy


class StepBench(NamedTuple):
    """Raw numbers: seconds per step of each (one sample per step) and the last step's losses."""

    ours_s: list[float]
    torch_s: list[float]
    ours_loss: float  # the loss of the last step, computed before its update
    torch_loss: float

    @property
    def ratio(self) -> float:
        return median(self.ours_s) / median(self.torch_s)


def _batches(steps: int) -> list[tuple[np.ndarray, np.ndarray]]:
    train_set, _ = moons_data()
    rng = np.random.default_rng(5)
    picks = [rng.choice(len(train_set.X), size=BATCH, replace=False) for _ in range(steps)]
    return [(train_set.X[idx], train_set.labels[idx]) for idx in picks]


def measure_step(steps: int = 300) -> StepBench:
    """`steps` steps of each, interleaved; raises ImportError without PyTorch."""
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(1)
    params = init_params(MOONS.sizes, np.random.default_rng(MOONS.init_seed))
    layers = [torch.nn.Linear(*W.shape, dtype=torch.float64) for W, _ in params]
    with torch.no_grad():
        for layer, (W, b) in zip(layers, params, strict=True):
            layer.weight.copy_(torch.from_numpy(W.T))  # torch keeps W as (m, d)
            layer.bias.copy_(torch.from_numpy(b))
    model = torch.nn.Sequential(
        *[m for layer in layers[:-1] for m in (layer, torch.nn.ReLU())], layers[-1]
    )
    optimiser = torch.optim.SGD(model.parameters(), lr=MOONS.lr)
    data = [(X, y, torch.from_numpy(X), torch.from_numpy(y)) for X, y in _batches(steps)]

    def torch_step(X: torch.Tensor, y: torch.Tensor) -> float:
        optimiser.zero_grad()
        loss = F.cross_entropy(model(X), y)
        loss.backward()
        optimiser.step()
        return loss.item()

    samples: dict[str, list[float]] = {"ours": [], "torch": []}
    ours_loss = torch_loss = float("nan")
    gc.collect()
    for k, (X, y, Xt, yt) in enumerate(data):
        for name in ("ours", "torch") if k % 2 else ("torch", "ours"):  # alternate who goes first
            start = time.perf_counter()
            if name == "ours":
                ours_loss, params = step(params, X, y, MOONS.lr)
            else:
                torch_loss = torch_step(Xt, yt)
            samples[name].append(time.perf_counter() - start)
    return StepBench(samples["ours"], samples["torch"], ours_loss, torch_loss)


def _step_row(steps: int) -> Row:
    item = f"training step, network {'-'.join(map(str, MOONS.sizes))}, batch {BATCH}"
    try:
        result = measure_step(steps)
    except ImportError:
        note = "skipped: PyTorch is not installed (pip install -r requirements-bench.txt)"
        return Row("network", item, verdict="info", note=note)
    same = abs(result.ours_loss - result.torch_loss) <= 1e-9 * max(1.0, abs(result.ours_loss))
    ok = result.ratio <= BUDGET_RATIO
    return Row(
        "network",
        item,
        median=ms(median(result.ours_s)),
        spread=f"{ms(min(result.ours_s))} – {ms(max(result.ours_s))}",
        baseline=f"PyTorch CPU {ms(median(result.torch_s))}",
        ratio=f"{result.ratio:.3f}×",
        budget=f"≤ {BUDGET_RATIO}×, same loss",
        verdict="PASS" if ok and same else "OVER",
        note=f"{steps} steps each, float64, 1 thread; last loss {result.ours_loss:.12g} "
        f"(PyTorch {result.torch_loss:.12g}, {'same' if same else 'DIFFERENT'})",
    )


def _run_row(
    name: str, seconds: float, acc: float, target: float, what: str, empty_notebook_s: float | None
) -> Row:
    reached = acc >= target
    ratio = "—" if not empty_notebook_s else f"{seconds / empty_notebook_s:.2f}×"
    return Row(
        "network",
        name,
        median=f"{seconds:.2f} s",
        baseline="—" if not empty_notebook_s else f"empty notebook {empty_notebook_s:.2f} s",
        ratio=ratio,
        budget=f"{what} ≥ {100 * target:.0f} %",
        verdict="PASS" if reached else "OVER",
        note=f"{what} {100 * acc:.1f} % (one timed run)",
    )


def bench_network(steps: int = 300, empty_notebook_s: float | None = None) -> list[Row]:
    """Three rows: the step against PyTorch (or a skip note), the full moons run and the full
    digits run (seconds, accuracy against its target; a ratio when empty_notebook_s is given)."""
    rows = [_step_row(steps)]
    train_set, val_set = moons_data()
    start = time.perf_counter()
    run = run_config(MOONS, train_set, val_set)
    seconds = time.perf_counter() - start
    rows.append(
        _run_row(
            f"full moons run ({MOONS.epochs} epochs, {run.history[-1].updates} updates)",
            seconds,
            run.history[-1].val_accuracy,
            MOONS_TARGET,
            "validation accuracy",
            empty_notebook_s,
        )
    )
    train_set, val_set, test_set = digits_data()
    start = time.perf_counter()
    run = run_config(DIGITS, train_set, val_set)
    seconds = time.perf_counter() - start
    rows.append(
        _run_row(
            f"full digits run ({DIGITS.epochs} epochs, {run.history[-1].updates} updates)",
            seconds,
            accuracy(run.params, test_set),
            DIGITS_TARGET,
            "test accuracy",
            empty_notebook_s,
        )
    )
    return rows


if __name__ == "__main__":
    from bench.report import render

    print(render(bench_network()))
