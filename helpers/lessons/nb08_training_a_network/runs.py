"""Notebook 08's data and seeded runs, written once: the notebook, its views, its tests and
bench/network.py all start from here, so "the notebook's network" means one thing.

    train_set, val_set = moons_data()          # 300 + 100 points, noise 0.15
    run = run_config(MOONS, train_set, val_set)  # 2 → 16 → 16 → 2, η = 0.3, B = 32, 40 epochs
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from helpers.core.datasets import Dataset, load_digits, make_moons, split
from helpers.core.trainer import Run, init_params, train

__all__ = ["DIGITS", "MOONS", "Config", "digits_data", "moons_data", "run_config"]


class Config(NamedTuple):
    """One training run: the layer sizes and every setting, seeds included."""

    sizes: tuple[int, ...]
    lr: float
    batch_size: int
    epochs: int
    scale: float = 1.0  # × He initialisation
    init_seed: int = 2  # the generator of the initial weights
    shuffle_seed: int = 3  # the generator of every epoch's order


MOONS = Config(sizes=(2, 16, 16, 2), lr=0.3, batch_size=32, epochs=40)
DIGITS = Config(sizes=(64, 32, 10), lr=0.2, batch_size=32, epochs=10)


def moons_data(n: int = 400, noise: float = 0.15, seed: int = 0) -> tuple[Dataset, Dataset]:
    """(training set, validation set): n two-moons points, three quarters for training."""
    data = make_moons(np.random.default_rng(seed), n=n, noise=noise)
    train_set, val_set = split(data, (0.75,), np.random.default_rng(seed + 1))
    return train_set, val_set


def digits_data() -> tuple[Dataset, Dataset, Dataset]:
    """(training, validation, test) of the 1,797 digits: 60 % (1,078), 20 % (359), the rest (360)."""
    return split(load_digits(), (0.6, 0.2), np.random.default_rng(0))


def run_config(
    config: Config,
    train_set: Dataset,
    val_set: Dataset,
    should_stop: Callable[[], bool] | None = None,
) -> Run:
    """Train a fresh network of `config` on train_set (validation on val_set)."""
    params = init_params(config.sizes, np.random.default_rng(config.init_seed), scale=config.scale)
    return train(
        params,
        train_set,
        val_set,
        lr=config.lr,
        batch_size=config.batch_size,
        epochs=config.epochs,
        rng=np.random.default_rng(config.shuffle_seed),
        should_stop=should_stop,
    )
