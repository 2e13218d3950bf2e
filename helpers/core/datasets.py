"""Small data sets made or shipped with the series: nothing is downloaded.

`make_moons` draws two interleaving half-circles in 2-D from the generator you pass; `load_digits`
reads the 8×8 handwritten digits shipped in helpers/data (source and licence in its README);
`split` shuffles and cuts a data set into parts.
"""

from __future__ import annotations

from importlib.resources import files
from typing import NamedTuple

import numpy as np

from helpers.core._checks import as_finite_float

__all__ = ["Dataset", "load_digits", "make_moons", "split"]


class Dataset(NamedTuple):
    X: np.ndarray  # (N, d) one example per row
    labels: np.ndarray  # (N,) class of each example, 0 … C−1


def _rng(rng: object) -> np.random.Generator:
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a numpy Generator (np.random.default_rng(seed)), got {type(rng).__name__}"
        )
    return rng


def _count(n: object, name: str, least: int) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < least:
        raise ValueError(f"{name} must be a whole number ≥ {least}, got {n!r}")
    return int(n)


def make_moons(rng: np.random.Generator, n: int = 200, noise: float = 0.1) -> Dataset:
    """n points on two interleaving half-circles of radius 1: n//2 of class 0 and n − n//2 of
    class 1, with N(0, noise²) jitter added to each coordinate independently.

    Class 0: (cos s, sin s) for s in [0, π]; class 1: (1 − cos s, 0.5 − sin s).
    """
    rng, n = _rng(rng), _count(n, "n", 2)
    noise = as_finite_float(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise must be ≥ 0, got {noise}")
    n0 = n // 2
    s = rng.uniform(0.0, np.pi, size=n)
    upper = np.column_stack([np.cos(s[:n0]), np.sin(s[:n0])])
    lower = np.column_stack([1.0 - np.cos(s[n0:]), 0.5 - np.sin(s[n0:])])
    X = np.vstack([upper, lower]) + rng.normal(0.0, noise, size=(n, 2))
    labels = np.repeat([0, 1], [n0, n - n0])
    return Dataset(X=X, labels=labels)


def load_digits() -> Dataset:
    """The 1,797 8×8 digits, each flattened to 64 pixels scaled from 0…16 to 0…1; labels 0…9."""
    with files("helpers.data").joinpath("digits_8x8.npz").open("rb") as fh, np.load(fh) as data:
        images, labels = data["images"], data["labels"]
    return Dataset(
        X=images.reshape(len(images), 64).astype(np.float64) / 16.0, labels=labels.astype(np.int64)
    )


def split(
    data: Dataset, fractions: tuple[float, ...], rng: np.random.Generator
) -> tuple[Dataset, ...]:
    """Shuffle the examples once (with rng) and cut them into len(fractions) + 1 parts: the first
    parts hold those fractions of the examples (rounded down), the last part the rest."""
    rng = _rng(rng)
    if not isinstance(data, Dataset):
        raise TypeError(f"data must be a Dataset, got {type(data).__name__}")
    if any(not 0 < f < 1 for f in fractions) or sum(fractions) >= 1:
        raise ValueError(f"fractions must be in (0, 1) and sum to less than 1, got {fractions}")
    order = rng.permutation(len(data.X))
    cuts = np.cumsum([int(f * len(order)) for f in fractions])
    return tuple(Dataset(data.X[idx], data.labels[idx]) for idx in np.split(order, cuts))
