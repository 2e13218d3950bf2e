"""The data sets: shapes, seeds, the shipped digits file, and splits."""

import numpy as np
import pytest

from helpers.core.datasets import Dataset, load_digits, make_moons, split


def test_moons_are_seeded_and_balanced():
    a = make_moons(np.random.default_rng(7), n=101, noise=0.0)
    b = make_moons(np.random.default_rng(7), n=101, noise=0.0)
    np.testing.assert_array_equal(a.X, b.X)
    assert a.X.shape == (101, 2) and np.bincount(a.labels).tolist() == [50, 51]
    # without noise every class-0 point is on the unit circle: x² + y² = 1
    np.testing.assert_allclose(np.hypot(*a.X[a.labels == 0].T), 1.0)


def test_digits_file():
    d = load_digits()
    assert d.X.shape == (1797, 64)
    assert d.X.min() == 0.0 and d.X.max() == 1.0
    # class counts of the UCI test portion, as published with the data set
    assert np.bincount(d.labels).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]


def test_split_is_a_partition():
    data = Dataset(np.arange(20.0).reshape(10, 2), np.arange(10))
    parts = split(data, (0.5, 0.3), np.random.default_rng(0))
    assert [len(p.X) for p in parts] == [5, 3, 2]
    assert sorted(np.concatenate([p.labels for p in parts]).tolist()) == list(range(10))
    for p in parts:  # rows stay with their labels
        np.testing.assert_array_equal(p.X[:, 0], 2.0 * p.labels)


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: make_moons(0), TypeError),
        (lambda: make_moons(np.random.default_rng(0), n=1), ValueError),
        (lambda: make_moons(np.random.default_rng(0), noise=-1.0), ValueError),
        (lambda: split(load_digits(), (0.6, 0.5), np.random.default_rng(0)), ValueError),
    ],
)
def test_bad_input(call, error):
    with pytest.raises(error):
        call()
