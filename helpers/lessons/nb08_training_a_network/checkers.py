"""The exercise checkers of 08_training_a_network: each names the typical mistake an answer looks like.

A checker computes the right answer with the core (`losses.softmax_cross_entropy`, the trainer,
`layer.dead_units`, `trainer.batches`) and each typical mistake as a wrong version of it; `EXERCISES` holds the same
answers as literals worked out by hand, so a slip in either shows up in tests/test_checkers.py.
"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import Any

import numpy as np

from helpers.core.layer import dead_units
from helpers.core.losses import softmax, softmax_cross_entropy
from helpers.core.trainer import batches, evaluate
from helpers.lessons.exercises import Feedback, check_numeric
from helpers.lessons.nb08_training_a_network.runs import MOONS, moons_data
from helpers.series import Exercise
from helpers.text import num

__all__ = [
    "EXERCISES",
    "EX_DEAD_B",
    "EX_DEAD_W",
    "EX_DEAD_X",
    "EX_LABELS",
    "EX_LOGITS",
    "EX_UPDATES",
    "check_bias_init_dead",
    "check_ce_gradient",
    "check_dead_count",
    "check_updates",
]

# 08.1: a batch of N = 2 examples and C = 3 classes; the question is about example 0 only.
# z⁽⁰⁾ = (log 2, 0, 0): exp gives (2, 1, 1), so p⁽⁰⁾ = (2/4, 1/4, 1/4); its label is class 1.
EX_LOGITS = ((math.log(2.0), 0.0, 0.0), (0.0, 0.0, 0.0))
EX_LABELS = (1, 2)

# 08.3: three points and a layer of five ReLU units (one column of W per unit).
EX_DEAD_X = ((1.0, 0.0), (0.0, 1.0), (1.0, 1.0))  # (N, d) = (3, 2)
EX_DEAD_W = ((1.0, -1.0, 1.0, -1.0, 0.0), (1.0, -1.0, -1.0, -1.0, 1.0))  # (d, m) = (2, 5)
EX_DEAD_B = (-0.5, 0.0, 0.0, 1.0, -1.0)  # (m,)

# 08.4: the digits' training set (section 7: 1,078 of the 1,797), batch size B, epochs.
EX_UPDATES = (1078, 64, 10)


def check_ce_gradient(answer: Any) -> Feedback:
    """08.1: ∂L/∂z⁽⁰⁾ for the mean cross-entropy L over the two examples (3 numbers)."""
    Z = np.array(EX_LOGITS)
    _, dL_dZ = softmax_cross_entropy(Z, np.array(EX_LABELS))
    p = softmax(Z)[0]  # (3,)
    t = np.eye(3)[EX_LABELS[0]]  # the one-hot target of example 0
    t_from_1 = np.eye(3)[EX_LABELS[0] - 1]  # label 1 read as "the first class"
    t_last = np.eye(3)[2]  # the 1 at the last class (example 1's label)
    N = len(EX_LABELS)
    return check_numeric(
        answer,
        dL_dZ[0],
        what="∂L/∂z⁽⁰⁾ = (p⁽⁰⁾ − t⁽⁰⁾)/N",
        mistakes={
            "missing_1_over_N": (
                p - t,
                "That is p − t for one example alone. L is the mean over the batch's N = 2 "
                "examples, so each example's gradient carries 1/N: divide by 2.",
            ),
            "forgot_one_hot": (
                p / N,
                "You left out the one-hot target t: ∂L/∂zₖ = (pₖ − tₖ)/N, and t has a 1 at the label "
                "(class 1), so the label's entry is (1/4 − 1)/2.",
            ),
            "log_probabilities": (
                (np.log(p) - t) / N,
                "You used log p where the gradient has p itself: ℓ = −log p_c (c the label), but its "
                "derivative with respect to z is p − t (the log is gone after the chain rule).",
            ),
            "logits_not_probabilities": (
                (Z[0] - t) / N,
                "You used the logits z in place of the probabilities p = softmax(z) = (1/2, 1/4, 1/4).",
            ),
            "sign_flipped": (
                (t - p) / N,
                "The sign is flipped: ∂L/∂z = (p − t)/N, positive for the wrong classes (raising "
                "their logit raises the loss).",
            ),
            "divided_by_N_twice": (
                (p - t) / N**2,
                "You divided by N twice: the mean's 1/N appears once, ∂L/∂z⁽⁰⁾ = (p − t)/N.",
            ),
            "p_only": (
                p,
                "That is p = softmax(z⁽⁰⁾) alone: subtract the one-hot target t = (0, 1, 0), then "
                "divide by N = 2.",
            ),
            "counted_from_1": (
                (p - t_from_1) / N,
                "You put the 1 of the one-hot target at the first class. Classes count from 0, so "
                "label 1 is the middle class: t = (0, 1, 0).",
            ),
            "one_hot_at_last": (
                (p - t_last) / N,
                "You put the 1 of the one-hot target at the last class (class 2, example 1's "
                "label). Example 0's label is 1, and classes count from 0, so label 1 is the "
                "middle class: t = (0, 1, 0).",
            ),
            "added_target": (
                (p + t) / N,
                "You added t; the gradient is p − t: ∂L/∂z⁽⁰⁾ = (p⁽⁰⁾ − t⁽⁰⁾)/N, so the label's "
                "entry is (1/4 − 1)/2, negative.",
            ),
        },
        hint="First p = softmax(z⁽⁰⁾) (exp of log 2 is 2), then subtract the one-hot target t, "
        "then divide by N.",
    )


def check_bias_init_dead(answer: Any) -> Feedback:
    """08.2: how many of the 32 hidden units are dead at the start when every weight is 0 and
    every bias 0.1 (on the moons' training set)."""
    train_set, _ = moons_data()
    params = [(np.zeros((d, m)), np.full(m, 0.1)) for d, m in pairwise(MOONS.sizes)]
    sizes = MOONS.sizes[1:-1]
    dead = evaluate(params, train_set)[2]  # per hidden layer: the share dead
    return check_numeric(
        answer,
        round(sum(share * m for share, m in zip(dead, sizes, strict=True))),
        what="the number of dead hidden units (of 2 × 16)",
        mistakes={
            "zero_weights_mean_dead": (
                32,
                "Zero weights alone do not make a unit dead: z = 0·x + 0.1 = 0.1 > 0 on every "
                "point, so every unit is active (it is the bias 0 that made section 3's units dead).",
            ),
            "second_layer_dead": (
                16,
                "The second hidden layer gets the first layer's outputs, 0.1 each, and its "
                "z = 0·(0.1, …) + 0.1 = 0.1 > 0 too: it is active as well.",
            ),
        },
        hint="Work out z of a first-layer unit when W = 0 and b = 0.1; is it > 0? Then the "
        "second layer's z from that.",
    )


def check_dead_count(answer: Any) -> Feedback:
    """08.3: how many of the layer's five units are dead on the three points."""
    X, W, b = np.array(EX_DEAD_X), np.array(EX_DEAD_W), np.array(EX_DEAD_B)
    Z = X @ W + b  # (3, 5)
    return check_numeric(
        answer,
        int(dead_units(X, W, b).sum()),
        what="the number of dead units",
        mistakes={
            "kink_counted_active": (
                int(np.sum(~(Z >= 0).any(axis=0))),
                "You counted z = 0 as active. A unit is active only where z > 0; at the kink "
                "z = 0 it is silent (y = 0, gradient 0).",
            ),
            "counted_alive": (
                int(np.sum((Z > 0).any(axis=0))),
                "That is the number of units that are alive (active on some point).",
            ),
            "silent_somewhere": (
                int(np.sum((Z <= 0).any(axis=0))),
                "That counts the units silent on *some* point. Dead means silent on *every* point.",
            ),
            "counted_silent_entries": (
                int(np.sum(Z <= 0)),
                "That counts silent (point, unit) pairs; count units silent on every point.",
            ),
        },
        hint="Compute z = x·w + b for each unit on each of the three points; a unit is dead "
        "when all three are ≤ 0.",
    )


def check_updates(answer: Any) -> Feedback:
    """08.4: how many updates `train` makes on 1,078 rows with B = 64 in 10 epochs."""
    n, B, epochs = EX_UPDATES
    rng = np.random.default_rng(0)  # the order does not change the count
    per_epoch = len(batches(n, B, rng))  # the full batches and the last one with the rest
    full, rest = divmod(n, B)
    return check_numeric(
        answer,
        epochs * per_epoch,
        what="the number of updates",
        mistakes={
            "dropped_last_batch": (
                epochs * full,
                f"You counted only the full batches ({full} × {B} = {full * B:,} rows). The last "
                f"batch holds the other {rest} rows and makes an update too: {per_epoch} updates "
                "per epoch.",
            ),
            "fractional_batches": (
                epochs * n / B,
                f"{epochs} × {n:,}/{B} = {num(epochs * n / B, '.7g')} is not a count: an epoch "
                f"makes one update per batch, a whole number ({full} full batches and one with "
                f"the remaining {rest} rows).",
            ),
            "rounded_fraction": (
                round(epochs * n / B),
                f"You rounded {epochs} × {n:,}/{B} = {num(epochs * n / B, '.7g')}. Count the "
                f"batches of one epoch first ({full} of {B} rows and one of {rest}), then "
                f"multiply by the {epochs} epochs.",
            ),
            "rounded_up_total": (
                math.ceil(epochs * n / B),
                "Rounding the total up adds one part-batch for the whole run; each of the "
                f"{epochs} epochs has its own last batch of {rest} rows: {per_epoch} per epoch.",
            ),
            "kept_B_32": (
                epochs * len(batches(n, 32, rng)),
                f"That is section 7's run with B = 32 ({epochs * len(batches(n, 32, rng))} "
                f"updates, as printed); the question asks for B = {B}.",
            ),
            "one_epoch": (
                per_epoch,
                f"That is one epoch's updates; the run has {epochs} epochs.",
            ),
            "epochs_only": (
                epochs,
                "One update per epoch is full-batch gradient descent. Mini-batch SGD makes one "
                "update per batch, so an epoch makes as many updates as it has batches.",
            ),
            "examples_not_updates": (
                epochs * n,
                f"That is the number of examples used ({epochs} × {n:,}); one update uses a "
                f"whole batch of up to {B} of them.",
            ),
            "whole_data_set": (
                epochs * len(batches(1797, B, rng)),
                f"You used all 1,797 digits; the training set is {n:,} of them (the rest are "
                "the validation and test sets, never trained on).",
            ),
        },
        hint=f"Per epoch: how many batches of {B} rows cover {n:,} rows, the last one holding "
        "the rest? Then multiply by the number of epochs.",
    )


EXERCISES = (
    Exercise(
        "08.1",
        check_ce_gradient,
        [0.25, -0.375, 0.125],  # p = (1/2, 1/4, 1/4), t = (0, 1, 0): (p − t)/2
        {
            "missing_1_over_N": [0.5, -0.75, 0.25],  # p − t
            "forgot_one_hot": [0.25, 0.125, 0.125],  # p/2
            # (log ½ − 0)/2, (log ¼ − 1)/2, (log ¼ − 0)/2 with log 2 = 0.69314718056
            "log_probabilities": [-0.34657359028, -1.19314718056, -0.69314718056],
            "logits_not_probabilities": [0.34657359028, -0.5, 0.0],  # (log 2 − 0)/2, (0 − 1)/2, 0
            "sign_flipped": [-0.25, 0.375, -0.125],  # (t − p)/2
            "divided_by_N_twice": [0.125, -0.1875, 0.0625],  # (1/2, −3/4, 1/4)/4
            "p_only": [0.5, 0.25, 0.25],  # p
            "counted_from_1": [-0.25, 0.125, 0.125],  # t = (1, 0, 0): (−1/2, 1/4, 1/4)/2
            "one_hot_at_last": [0.25, 0.125, -0.375],  # t = (0, 0, 1): (1/2, 1/4, −3/4)/2
            "added_target": [0.25, 0.625, 0.125],  # (p + t)/2 = (1/2, 5/4, 1/4)/2
        },
    ),
    Exercise(
        "08.2",
        check_bias_init_dead,
        0,  # W = 0, b = 0.1: z = 0·x + 0.1 = 0.1 > 0 in layer 0, then 0·a + 0.1 = 0.1 > 0 in layer 1
        {
            "zero_weights_mean_dead": 32,  # 16 + 16, as if W = 0 were dead by itself
            "second_layer_dead": 16,  # layer 1's 16
        },
    ),
    Exercise(
        "08.3",
        check_dead_count,
        3,
        # z per unit on the points (1,0), (0,1), (1,1):
        #   u0: 0.5, 0.5, 1.5 · u1: −1, −1, −2 · u2: 1, −1, 0 · u3: 0, 0, −1 · u4: −1, 0, 0
        # dead (all ≤ 0): u1, u3, u4 → 3
        {
            "kink_counted_active": 1,  # with z ≥ 0 as active only u1 is dead
            "counted_alive": 2,  # u0, u2
            "silent_somewhere": 4,  # u1, u2, u3, u4
            "counted_silent_entries": 11,  # 0 + 3 + 2 + 3 + 3
        },
    ),
    Exercise(
        "08.4",
        check_updates,
        170,  # 1,078 = 16·64 + 54: 16 full batches and one of 54 rows, 17 per epoch; 10·17 = 170
        {
            "dropped_last_batch": 160,  # 10 · 16, the batch of 54 left out
            "fractional_batches": 168.4375,  # 10 · 1,078/64 = 10,780/64
            "rounded_fraction": 168,  # 168.4375 rounded
            "rounded_up_total": 169,  # 168.4375 rounded up: ⌈10,780/64⌉
            "kept_B_32": 340,  # 1,078 = 33·32 + 22: 34 batches of B = 32, 10 · 34
            "one_epoch": 17,  # 16 + 1
            "epochs_only": 10,  # one update per epoch
            "examples_not_updates": 10780,  # 10 · 1,078
            "whole_data_set": 290,  # 1,797 = 28·64 + 5: 29 batches, 10 · 29
        },
    ),
)
