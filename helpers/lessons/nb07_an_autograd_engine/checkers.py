"""The exercise checkers of 07_an_autograd_engine: each names the mistake an answer looks like —
`=` instead of `+=` at a fork, a forgotten `out.grad` factor, the local derivative of the wrong
input, a wrong order of the backward steps.

07.1  L = (a + b)·a at a = 3, b = −2: (∂L/∂a, ∂L/∂b)      (a fork at a)
07.2  the backward rule of out = a / b at a = 6, b = 2, out.grad = 3: (∂L/∂a, ∂L/∂b)
07.3  the order of the backward steps in c = a·b, d = c + b, e = c·a, L = d + e
"""

from __future__ import annotations

from typing import Any

import numpy as np

from helpers.lessons.exercises import Feedback, as_number_array, check_numeric
from helpers.series import Exercise

__all__ = ["EXERCISES", "USERS", "check_div_backward", "check_fork", "check_order"]


def _not_two_numbers(answer: Any, what: str, brackets: str) -> Feedback | None:
    """The reply to an answer that is not two numbers (text, one number, …); None otherwise.
    `brackets` is "[]" or "()": how the exercise writes the pair."""
    if answer is None or answer is Ellipsis:
        return None
    typed = ["0.25", "-7"]
    if isinstance(answer, str):
        # '4,3', '[4, 3]' and '(1.5, -4.5)' are echoed back as the pair they meant
        parts = [p.strip() for p in answer.strip().strip("[]()").split(",")]
        if len(parts) == 2 and all(_reads_as_float(p) for p in parts):
            typed = parts
    example = f"{brackets[0]}{typed[0]}, {typed[1]}{brackets[1]}"
    reply = _numbers_please(answer, what, "two numbers", example)
    if reply is not None:
        return reply
    arr = as_number_array(answer)
    if arr.shape != (2,):
        return Feedback(
            "wrong",
            f"Expected {what}: two numbers, e.g. {brackets[0]}0.25, -7{brackets[1]}.",
            "wrong_shape",
        )
    return None


def _numbers_please(answer: Any, what: str, shape: str, example: str) -> Feedback | None:
    """The reply to text, or to anything else that is not numbers, saying how to write the
    answer (`shape`, e.g. "two numbers", and an `example`); None when `answer` is numbers."""
    if isinstance(answer, str):
        problem, shape = (
            f"you typed the text '{_shown(answer)}' (in quotes)",
            f"{shape} without quotes",
        )
    else:
        problem = as_number_array(answer)
        if not isinstance(problem, str):
            return None
        problem = problem.split("; give")[0]  # as_number_array's reason, without its advice
    return Feedback(
        "wrong", f"Expected {what}: {problem}. Write {shape}, e.g. {example}.", "not_numeric"
    )


def _shown(text: str) -> str:
    """A typed text as quoted back to the learner (long text cut at 30 characters)."""
    return text if len(text) <= 30 else text[:29] + "…"


def _reads_as_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _one_right(
    answer: Any, expected: list[float], right: tuple[str, str], fix: tuple[str, str], hint: str
) -> str:
    """The hint for a pair with exactly one entry right: say which, and how to get the other."""
    arr = as_number_array(answer)
    if isinstance(arr, str) or arr.shape != (2,):
        return hint
    ok = np.isclose(arr, expected, rtol=1e-6, atol=1e-9)
    if ok[0] and not ok[1]:
        return f"{right[0]} is right. {fix[1]}"
    if ok[1] and not ok[0]:
        return f"{right[1]} is right. {fix[0]}"
    return hint


def check_fork(answer: Any) -> Feedback:
    """07.1: [∂L/∂a, ∂L/∂b] for L = (a + b)·a at a = 3, b = −2."""
    what = "[∂L/∂a, ∂L/∂b] for L = (a + b)·a at a = 3, b = −2"
    if (reply := _not_two_numbers(answer, what, "[]")) is not None:
        return reply
    hint = (
        "Draw the graph: s = a + b, L = s·a. Backward from L: s gets a, a gets s; then "
        "s hands its grad to a and b (local derivative 1). a collects two shares."
    )
    return check_numeric(
        answer,
        [4.0, 3.0],  # ∂L/∂a = (a + b) + a = 1 + 3, ∂L/∂b = a = 3
        what=what,
        mistakes={
            "assign_kept_the_path_through_the_sum": (
                [3.0, 3.0],  # a.grad = 1·3 only: the share through a + b
                "a is used twice, so it gets two shares: 1·3 = 3 from the + node (its local "
                "derivative 1 times its grad ∂L/∂(a + b) = a = 3) and a + b = 1 straight from "
                "the ×. With `=` one share overwrote the other; the engine ADDS them: a.grad += …",
            ),
            "assign_kept_the_direct_share": (
                [1.0, 3.0],  # a.grad = a + b = 1 only: the share from × as its right input
                "That is only the share a gets as the right input of ×, (a + b)·1 = 1. a is used "
                "twice: add the share through a + b, 1·3 = 3 (+=, not =).",
            ),
            "wrong_input": (
                [4.0, 1.0],  # × hands each input its OWN value: s gets s = 1, a gets a = 3
                "∂L/∂b should be ∂L/∂(a + b) = a = 3. × hands each input the OTHER input's "
                "value: (a + b) gets a = 3, and a gets a + b = 1; you gave each its own.",
            ),
        },
        hint=_one_right(
            answer,
            [4.0, 3.0],
            ("∂L/∂a = 4", "∂L/∂b = 3"),
            (
                "∂L/∂a: a is used twice, so it collects two shares: s = a + b = 1 from the ×, "
                "and 1·3 through s (the + node's local derivative 1 times its grad a = 3).",
                "∂L/∂b: b is used once, through s = a + b, whose grad is ∂L/∂s = a = 3; the + "
                "node's local derivative is 1.",
            ),
            hint,
        ),
    )


def check_div_backward(answer: Any) -> Feedback:
    """07.2: (∂L/∂a, ∂L/∂b) from the backward rule of out = a / b at a = 6, b = 2, out.grad = 3."""
    what = "(∂L/∂a, ∂L/∂b) for out = a / b at a = 6, b = 2 with out.grad = 3"
    if (reply := _not_two_numbers(answer, what, "()")) is not None:
        return reply
    hint = "out = a·b⁻¹: ∂out/∂a = 1/b and ∂out/∂b = −a/b²; multiply each by out.grad."
    return check_numeric(
        answer,
        [1.5, -4.5],  # (1/b)·3 = 1.5, (−a/b²)·3 = (−6/4)·3 = −4.5
        what=what,
        mistakes={
            "missing_out_grad": (
                [0.5, -1.5],  # 1/b = 0.5, −a/b² = −1.5: without the factor 3
                "Those are the local derivatives 1/b and −a/b². The chain rule multiplies each "
                "by out.grad = ∂L/∂out = 3: child.grad += local · out.grad.",
            ),
            "swapped_inputs": (
                [-4.5, 1.5],  # a got b's share and b got a's
                "The two shares are swapped: a's local derivative is ∂(a/b)/∂a = 1/b, b's is "
                "∂(a/b)/∂b = −a/b².",
            ),
            "lost_the_minus": (
                [1.5, 4.5],  # (a/b²)·3
                "∂(a/b)/∂b = −a/b² is negative here, since a = 6 > 0: a bigger b makes a/b "
                "smaller.",
            ),
            "both_signs_flipped": (
                [-1.5, 4.5],  # −(1/b)·3 and +(a/b²)·3
                "Both signs are flipped: ∂(a/b)/∂a = 1/b = 0.5 is positive (a bigger a makes a/b "
                "bigger), ∂(a/b)/∂b = −a/b² = −1.5 is negative; then multiply each by 3.",
            ),
            "divided_once": (
                [1.5, -9.0],  # (−a/b)·3 = −3·3
                "∂(a/b)/∂b = −a/b², with b squared: −6/4 = −1.5 before the factor out.grad = 3.",
            ),
        },
        hint=_one_right(
            answer,
            [1.5, -4.5],
            ("∂L/∂a = 1.5", "∂L/∂b = −4.5"),
            ("∂L/∂a = (1/b)·out.grad.", "∂L/∂b = (−a/b²)·out.grad, with b squared."),
            hint,
        ),
    )


# 07.3: c = a·b (n1), d = c + b (n2), e = c·a (n3), L = d + e (n4); who uses each node:
USERS = {1: (2, 3), 2: (4,), 3: (4,), 4: ()}
_NAME = {1: "c", 2: "d", 3: "e", 4: "L"}
_INPUTS = {1: "a and b", 2: "c and b", 3: "c and a", 4: "d and e"}


def check_order(answer: Any) -> Feedback:
    """07.3: an order of the backward steps of n1 … n4, as a list of their numbers."""
    what = "the node numbers 1 … 4 in an order the backward pass can run their steps"
    if answer is None or answer is Ellipsis:
        return Feedback("unanswered", f"Replace the `None` with {what} and run the cell again.")
    reply = _numbers_please(answer, what, "a list of the 4 node numbers", "[1, 2, 3, 4]")
    if reply is not None:
        return reply
    arr = as_number_array(answer)
    if arr.shape != (4,):
        return Feedback("wrong", f"Expected {what}: a list of 4 numbers.", "wrong_shape")
    if sorted(arr.tolist()) != [1.0, 2.0, 3.0, 4.0]:
        return Feedback(
            "wrong", "Name each of the nodes 1, 2, 3, 4 exactly once.", "not_each_node_once"
        )
    order = [int(v) for v in arr]
    if order == [1, 2, 3, 4]:
        return Feedback(
            "wrong",
            "That is the forward order, inputs first. Backward runs the other way: it starts at "
            "L (node 4), where the seed ∂L/∂L = 1 is.",
            "forward_order",
        )
    for position, node in enumerate(order):
        late = [user for user in USERS[node] if order.index(user) > position]
        if late:
            name, user = _NAME[node], _NAME[late[0]]
            return Feedback(
                "wrong",
                f"Node {node} ({name}) comes before node {late[0]} ({user}), which uses it: when "
                f"{name} hands its grad on, {user}'s share has not arrived yet, so "
                f"{_INPUTS[node]} receive only part of {name}'s grad, or none of it. A node's "
                "step must wait for every node that uses it (a topological order, reversed).",
                "node_before_its_user",
            )
    return Feedback("correct", f"That is {what}: each node after all the nodes that use it.")


EXERCISES = (
    Exercise(
        "07.1",
        check_fork,
        [4.0, 3.0],  # ∂L/∂a = (a + b) + a = 1 + 3 = 4, ∂L/∂b = a = 3
        {
            "assign_kept_the_path_through_the_sum": [3.0, 3.0],  # only 1·a = 3 reaches a
            "assign_kept_the_direct_share": [1.0, 3.0],  # only a + b = 1 reaches a
            "wrong_input": [4.0, 1.0],  # a gets a = 3 from ×, plus 1·1; b gets s = 1
        },
    ),
    Exercise(
        "07.2",
        check_div_backward,
        [1.5, -4.5],  # 3/2, −3·6/2² = −18/4
        {
            "missing_out_grad": [0.5, -1.5],  # 1/2, −6/4
            "swapped_inputs": [-4.5, 1.5],
            "lost_the_minus": [1.5, 4.5],  # +3·6/4
            "both_signs_flipped": [-1.5, 4.5],  # −3/2, +3·6/4
            "divided_once": [1.5, -9.0],  # −3·6/2
        },
    ),
    Exercise(
        "07.3",
        check_order,
        [4, 3, 2, 1],  # L first; d and e (either order); c last, after both its users
        {
            "forward_order": [1, 2, 3, 4],
            "node_before_its_user": [4, 1, 2, 3],  # c (1) before d (2) and e (3)
            "not_each_node_once": [4, 3, 3, 1],  # node 2 missing, node 3 twice
        },
    ),
)
