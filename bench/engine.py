"""The scalar engine (helpers.core.engine, notebook 07) against micrograd: one training step.

One step = forward over 100 two-moons points, the loss, zero_grad, backward, the update, for an
MLP 2-16-16-1 (ReLU, last layer linear) with micrograd's demo loss: the mean of the hinge
ReLU(1 − t·score) over the points plus 1e-4·Σp² (t = ±1). Both engines run the SAME code
(`train_step`) from the SAME initial weights, alternately, step by step, so the ratio is a
same-run ratio and the two final losses must agree (they differ only by float rounding: the
engines add a neuron's terms in different orders).

micrograd is installed for the bench only (requirements-bench.txt); without it the row is
skipped with a note saying how to install it.
"""

from __future__ import annotations

import gc
import itertools
import time
from typing import Any, NamedTuple

import numpy as np

from bench.report import Row, median, ms
from helpers.core.datasets import make_moons
from helpers.core.nn import MLP

__all__ = ["BUDGET_RATIO", "EngineBench", "bench_engine", "measure", "train_step"]

BUDGET_RATIO = 0.2  # the budget: ≤ 0.2× micrograd's time per step
SIZES = (2, 16, 16, 1)
N_POINTS = 100
LR = 0.1


class EngineBench(NamedTuple):
    """Raw numbers of one run: seconds per step (one sample per step) and the final losses."""

    ours_s: list[float]
    micrograd_s: list[float]
    ours_loss: float  # the loss of the last step, computed before its update
    micrograd_loss: float

    @property
    def ratio(self) -> float:
        return median(self.ours_s) / median(self.micrograd_s)


def _problem(seed: int = 0) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """(X (N, 2), targets ±1 (N,), [W₀, b₀, W₁, b₁, W₂, b₂]) from one seeded generator."""
    rng = np.random.default_rng(seed)
    data = make_moons(rng, n=N_POINTS, noise=0.1)
    arrays = []
    for d, m in itertools.pairwise(SIZES):
        arrays += [rng.uniform(-1.0, 1.0, size=(d, m)), np.zeros(m)]  # W (d, m), b (m,)
    return data.X, 2.0 * data.labels - 1.0, arrays


def train_step(model: Any, X: np.ndarray, t: np.ndarray, lr: float = LR) -> float:
    """One step of gradient descent on the hinge loss; works for both engines. Returns the loss."""
    scores = []
    for x in X:
        out = model([float(x[0]), float(x[1])])
        scores.append(out[0] if isinstance(out, list) else out)  # micrograd unwraps 1 output
    losses = [(1 + -float(ti) * s).relu() for ti, s in zip(t, scores, strict=True)]
    data_loss = sum(losses) * (1.0 / len(losses))
    reg = 1e-4 * sum(p * p for p in model.parameters())
    loss = data_loss + reg
    model.zero_grad()
    loss.backward()
    for p in model.parameters():
        p.data -= lr * p.grad
    return loss.data


def _micrograd_model(arrays: list[np.ndarray]) -> Any:
    """micrograd's MLP with the given weights (its parameters: per neuron, w then b, as ours)."""
    from micrograd.nn import MLP as MicroMLP

    model = MicroMLP(SIZES[0], list(SIZES[1:]))
    mine = MLP.from_arrays(arrays).parameters()
    theirs = model.parameters()
    assert len(theirs) == len(mine), (len(theirs), len(mine))
    for p, q in zip(theirs, mine, strict=True):
        p.data = q.data
    return model


def measure(steps: int = 5, seed: int = 0) -> EngineBench:
    """`steps` training steps of each engine, interleaved; raises ImportError without micrograd."""
    X, t, arrays = _problem(seed)
    theirs = _micrograd_model(arrays)
    ours = MLP.from_arrays(arrays)
    samples: dict[str, list[float]] = {"ours": [], "micrograd": []}
    losses: dict[str, float] = {}
    for _ in range(steps):
        for name, model in (("ours", ours), ("micrograd", theirs)):
            gc.collect()  # each sample starts clean; its own garbage is collected inside it
            start = time.perf_counter()
            losses[name] = train_step(model, X, t)
            samples[name].append(time.perf_counter() - start)
    return EngineBench(samples["ours"], samples["micrograd"], losses["ours"], losses["micrograd"])


def bench_engine(steps: int = 5) -> list[Row]:
    """The engine-vs-micrograd row: median per step of both, their ratio, both final losses."""
    item = f"engine step, MLP 2-16-16-1 on {N_POINTS} moons"
    try:
        result = measure(steps)
    except ImportError:
        note = "skipped: micrograd is not installed (pip install -r requirements-bench.txt)"
        return [Row("engine", item, verdict="info", note=note)]
    ok = result.ratio <= BUDGET_RATIO
    same = abs(result.ours_loss - result.micrograd_loss) <= 1e-9 * max(1.0, abs(result.ours_loss))
    note = (
        f"{steps} steps each; final loss {result.ours_loss:.12g} (micrograd "
        f"{result.micrograd_loss:.12g}, {'same' if same else 'DIFFERENT'})"
    )
    return [
        Row(
            "engine",
            item,
            median=ms(median(result.ours_s)),
            spread=f"{ms(min(result.ours_s))} – {ms(max(result.ours_s))}",
            baseline=f"micrograd {ms(median(result.micrograd_s))}",
            ratio=f"{result.ratio:.3f}×",
            budget=f"≤ {BUDGET_RATIO}×, same loss",
            verdict="PASS" if ok and same else "OVER",
            note=note,
        )
    ]


if __name__ == "__main__":
    from bench.report import render

    print(render(bench_engine()))
