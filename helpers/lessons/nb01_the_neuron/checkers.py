"""Checkers for the exercises of 01_the_neuron: z, y, the silent bias, and a neuron in code.

Each checker computes the right answer with the core (`helpers.core.neuron`) and each typical
mistake's value with a short formula in `MISTAKES`; `EXERCISES` states the same values again as
literals worked out by hand, so the tests compare two independent derivations. The exercise
numbers are chosen so that every typical mistake gives its own wrong value. Answers go through
`check_numeric` / `as_number_array`: text, True/False and numbers too large for a float get a
friendly reply, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np

from helpers.core.example import WORKED
from helpers.core.neuron import neuron_forward, relu
from helpers.lessons.exercises import Feedback, as_number_array, check_numeric
from helpers.series import Exercise
from helpers.text import num, sub

__all__ = [
    "CASES",
    "EXERCISES",
    "EX_OUTPUT",
    "EX_PRE_ACTIVATION",
    "MISTAKES",
    "check_neuron_function",
    "check_output",
    "check_pre_activation",
    "check_silent_bias",
]

Neuron = Callable[[np.ndarray, np.ndarray, float], float]


class Case(NamedTuple):
    """One neuron of an exercise: inputs x, weights w (tuples, so nobody changes them), bias b."""

    x: tuple[float, ...]
    w: tuple[float, ...]
    b: float


# Exercise 01.1 (z) and 01.2 (y).
EX_PRE_ACTIVATION = Case(x=(0.5, -2.0, 1.5), w=(4.0, 1.5, -2.0), b=1.5)
EX_OUTPUT = Case(x=(2.0, 1.0, -1.0), w=(-1.0, 0.5, 1.0), b=4.0)
# Exercise 01.4: the test neurons: the worked example, the same with b = −6, and EX_OUTPUT.
CASES = (Case(*WORKED), Case(WORKED.x, WORKED.w, -6.0), EX_OUTPUT)


def _g(value: float) -> str:
    """A number in prose: as short as Python writes it, with a true minus (−2.5)."""
    return num(value, "g")


def _b(value: float) -> str:
    """A learner's bias (or its z) to 10 digits: −4.999999 must not be shown as −5."""
    return num(value, ".10g")


def _gs(values: Sequence[float]) -> str:
    return "[" + ", ".join(_g(v) for v in values) + "]"


def _arrays(case: Case) -> tuple[np.ndarray, np.ndarray, float]:
    """Fresh arrays for one case (a learner's function may change them in place)."""
    return np.array(case.x), np.array(case.w), case.b


def _dot(case: Case) -> float:
    x, w, _ = _arrays(case)
    return float(x @ w)


def _y(case: Case) -> float:
    """The right answer, from the core: y = ReLU(w·x + b)."""
    return neuron_forward(case.x, case.w, case.b)[0]


def _z(case: Case) -> float:
    return neuron_forward(case.x, case.w, case.b)[1].z


class Mistake(NamedTuple):
    output: Neuron  # what the mistaken neuron computes from (x, w, b)
    does: str  # "added the bias after the ReLU"
    fix: str  # how to put it right


# Typical mistakes in computing y, as formulas of (x, w, b).
MISTAKES = MappingProxyType(
    {
        "bias_after_relu": Mistake(
            lambda x, w, b: float(relu(x @ w)) + b,
            "added the bias after the ReLU",
            "The bias goes inside: y = ReLU(w·x + b). Outside, it can even give a negative "
            "output: on the worked example with b = −6 it gives −1, where the right y is 0.",
        ),
        "forgot_bias": Mistake(
            lambda x, w, b: float(relu(x @ w)),
            "left out the bias",
            "Add b to the weighted sum before the ReLU: y = ReLU(w·x + b).",
        ),
        "forgot_relu": Mistake(
            lambda x, w, b: float(x @ w + b),
            "left out the ReLU",
            "Pass z through the ReLU, y = max(0, z): a silent neuron outputs 0, never a "
            "negative number.",
        ),
        "summed_x_plus_w": Mistake(
            lambda x, w, b: float(relu(np.sum(x + w) + b)),
            "added each input to its weight (xᵢ + wᵢ)",
            "A neuron multiplies each input by its weight and adds the products: np.dot(x, w).",
        ),
        "relu_per_product": Mistake(
            lambda x, w, b: float(np.sum(relu(x * w)) + b),
            "applied the ReLU to each product xᵢ·wᵢ and added b without a final ReLU",
            "The ReLU acts once, on the full pre-activation z = w·x + b, not on the parts of "
            "the sum.",
        ),
    }
)


def _partial_sums(case: Case) -> list[tuple[float, str, str, str]]:
    """Sums of only some of the terms x₀w₀, x₁w₁, x₂w₂, b of z (three of the four, then two), as
    (sum, "x₀·w₀ + b", "2 + 1.5", the terms left out "x₁·w₁ and x₂·w₂")."""
    x, w, b = _arrays(case)
    names = [f"{sub(f'x{i}')}·{sub(f'w{i}')}" for i in range(len(x))] + ["b"]
    terms = [*(float(p) for p in x * w), float(b)]
    sums = []
    for size in (3, 2):  # one term missing first, then two
        for kept in combinations(range(len(terms)), size):
            shown = " + ".join(names[i] for i in kept)
            values = " + ".join(
                _g(terms[i]) if terms[i] >= 0 else f"({_g(terms[i])})" for i in kept
            )
            missing = " and ".join(names[i] for i in range(len(terms)) if i not in kept)
            sums.append((sum(terms[i] for i in kept), shown, values, missing))
    return sums


def _sign_slips(case: Case, *, output: bool) -> dict[str, tuple[float, str]]:
    """Mistakes from flipping the sign of one product xᵢ·wᵢ, for each i: z (or y = ReLU(z)
    if `output`) with that product's sign flipped. Products whose flip gives the same value
    share one entry, named after the first of them: sign_slip_0, sign_slip_1, … Where leaving
    out some terms of z gives the same z, the reply names that mistake too."""
    x, w, b = _arrays(case)
    products = x * w  # (3,)
    slips: dict[float, list[int]] = {}
    for i, p in enumerate(products):
        slips.setdefault(float(products.sum() - 2 * p + b), []).append(i)
    mistakes = {}
    for z_slipped, indices in slips.items():
        which = "; or ".join(
            f"{sub(f'x{i}')}·{sub(f'w{i}')} = ({_g(x[i])})·({_g(w[i])}) = {_g(products[i])}, "
            f"not {_g(-products[i])}"
            for i in indices
        )
        reply = f"Check the signs of your products: {which}."
        for total, shown, values, missing in _partial_sums(case):
            if np.isclose(total, z_slipped, rtol=1e-6, atol=1e-9):
                reply += f" Or did you leave out {missing}? {shown} = {values} = {_g(total)} too."
        value = float(relu(z_slipped)) if output else z_slipped
        mistakes[f"sign_slip_{indices[0]}"] = (value, reply)
    return mistakes


def _left_out_terms(case: Case, answer: float) -> Feedback | None:
    """If `answer` is the sum of only some of the terms x₀w₀, x₁w₁, x₂w₂, b of z (two or three of
    them), say which terms are missing; else None."""
    for total, shown, values, missing in _partial_sums(case):
        if np.isclose(total, answer, rtol=1e-6, atol=1e-9):
            return Feedback(
                "wrong",
                f"That is {shown} = {values} = {_g(answer)}: it leaves out {missing}. "
                f"z adds all three products and the bias.",
                "left_out_terms",
            )
    return None


def check_pre_activation(answer: Any) -> Feedback:
    """01.1: z = w·x + b for EX_PRE_ACTIVATION (one number)."""
    case = EX_PRE_ACTIVATION
    x, w, b = _arrays(case)
    dot, z = _dot(case), _z(case)
    arr = as_number_array(answer)
    if not isinstance(arr, str) and arr.shape == x.shape and np.allclose(arr, x * w):
        return Feedback(
            "wrong",
            f"Those are the three products xᵢ·wᵢ = {_gs(x * w)}. A neuron adds them up "
            f"and adds the bias, to get one number z.",
            "products_not_summed",
        )
    mistakes = {
        "forgot_bias": (dot, f"That is w·x = {_g(dot)}, without the bias. Add b = {_g(b)}."),
        "bias_subtracted": (
            dot - b,
            f"You subtracted the bias: z = w·x + b = {_g(dot)} + {_g(b)}.",
        ),
        "summed_x_plus_w": (
            float(np.sum(x + w) + b),
            "You added each input to its weight (xᵢ + wᵢ). A neuron multiplies: xᵢ·wᵢ.",
        ),
        **_sign_slips(case, output=False),
        "gave_y": (
            _y(case),
            "That is y = ReLU(z), the output. The question asks for z itself, before the "
            "ReLU, and z may be negative.",
        ),
        "sign_of_z": (
            -z,
            "Right size, wrong sign. z can be negative (then the neuron is silent); check the "
            "sign of each product and of the sum.",
        ),
    }
    feedback = check_numeric(
        answer,
        z,
        what="the pre-activation z = w·x + b",
        mistakes=mistakes,
        hint="Multiply each input by its weight, add the three products, then add b.",
    )
    if feedback.status == "wrong" and feedback.mistake is None:  # one finite number, unnamed
        return _left_out_terms(case, float(as_number_array(answer))) or feedback
    return feedback


def check_output(answer: Any) -> Feedback:
    """01.2: y = ReLU(w·x + b) for EX_OUTPUT, where w·x < 0 but z > 0 (one number)."""
    case = EX_OUTPUT
    x, w, b = _arrays(case)
    mistakes = {
        name: (m.output(x, w, b), f"That is what you get if you {m.does}. {m.fix}")
        for name, m in MISTAKES.items()
        if name != "forgot_relu"  # z > 0 here, so forgetting the ReLU gives the right number
    }
    dot, z = _dot(case), _z(case)
    after = float(relu(dot))
    mistakes["bias_after_relu"] = (
        mistakes["bias_after_relu"][0],
        f"That is ReLU(w·x) + b = ReLU({_g(dot)}) + {_g(b)} = {_g(after)} + {_g(b)} = "
        f"{_g(after + b)}, the bias added after the ReLU; it goes inside: "
        f"z = {_g(dot)} + {_g(b)} = {_g(z)}, y = ReLU(z) = {_g(_y(case))}.",
    )
    mistakes["forgot_bias"] = (
        mistakes["forgot_bias"][0],
        f"That is ReLU(w·x) = ReLU({_g(dot)}) = {_g(after)}, the bias left out (subtracting it, "
        f"ReLU({_g(dot)} − {_g(b)}), gives {_g(after)} too). Add b inside: y = ReLU(w·x + b).",
    )
    mistakes["dot_only"] = (
        dot,
        f"That is w·x = {_g(dot)}, the products added up. Add b, then apply ReLU.",
    )
    mistakes.update(_sign_slips(case, output=True))
    return check_numeric(
        answer,
        _y(case),
        what="the output y = ReLU(w·x + b)",
        mistakes=mistakes,
        hint="Compute z = w·x + b first (products, sum, bias), then y = max(0, z).",
    )


NEAR = 0.5  # 01.3: a b within 0.5 of the right answer b* (not b* itself) is "just below/above"


def check_silent_bias(answer: Any) -> Feedback:
    """01.3: the largest b for which the worked-example neuron is silent (one number).

    The answer is b* = −w·x = −5 (there z = 0 ≤ 0: silent, ReLU(0) = 0). Diagnoses (b* itself
    means within 1e-9 of it, so −4.999999, where z = 10⁻⁶ > 0, is not b*): b = +5 (sign flipped); any b with b* − 0.5 < b < b*,
    such as −5.1, −5.01 or −5.001, is "just_below" (the learner took z = 0 for active and
    answered a little below b*); any b ≤ b* − 0.5, such as −6, is "not_the_largest" (silent,
    but larger biases are silent too); any b with b* < b < b* + 0.5, such as −4.9, is
    "just_above" (z is a little above 0: still active). Anything else gets a hint.
    """
    case = CASES[0]
    dot = _dot(case)
    best = -dot
    feedback = check_numeric(
        answer,
        best,
        what="the largest bias b for which the neuron is silent",
        mistakes={
            "sign_flipped": (
                dot,
                f"At b = {_g(dot)} the neuron is active: z = {_g(dot)} + {_g(dot)} = "
                f"{_g(2 * dot)} > 0. Solve w·x + b = 0 for b.",
            )
        },
        hint=f"Here w·x = {_g(dot)}. The neuron is silent when z = w·x + b ≤ 0; solve for b.",
        # −4.999999 gives z = 10⁻⁶ > 0, active, and is refused; only answers within 1e-9 of −5 pass
        rtol=0.0,
        atol=1e-9,
    )
    if feedback.status != "wrong" or feedback.mistake is not None:
        return feedback  # correct, unanswered, not a number, or a named mistake
    b = float(as_number_array(answer))  # check_numeric accepted it as one finite number
    if best - NEAR < b < best:
        return Feedback(
            "wrong",
            f"b = {_b(b)} is silent, but so is b = {_g(best)} itself: z = {_g(dot)} + "
            f"({_g(best)}) = 0 and ReLU(0) = 0 (silent means z ≤ 0), so {_g(best)} is the "
            f"largest.",
            "just_below",
        )
    if b <= best - NEAR:
        return Feedback(
            "wrong",
            f"The neuron is silent at b = {_b(b)} (z = {_b(dot + b)}), but it stays silent for "
            f"larger biases too, up to the b where z = {_g(dot)} + b = 0 and ReLU(0) = 0.",
            "not_the_largest",
        )
    if best < b < best + NEAR:
        return Feedback(
            "wrong",
            f"At b = {_b(b)} the neuron is still active: z = {_g(dot)} + ({_b(b)}) = "
            f"{_b(dot + b)} > 0. The largest silent b is where z reaches 0.",
            "just_above",
        )
    return feedback


def _kind(value: Any) -> str:
    return f"a {type(value).__name__}" if isinstance(value, list | tuple) else "an array"


def _not_a_number(call: str, out: Any) -> Feedback | None:
    """A reply if the learner's function returned something that is not numbers, else None."""
    if out is None:
        reason = "None, not a number. Did you forget `return`?"
    elif isinstance(out, str | bytes):
        reason = f"the text {out!r}. Return a number, without quotes."
    else:
        arr = as_number_array(out)
        if not isinstance(arr, str):
            return None
        reason = f"something that is not a number: {arr}."
    return Feedback("wrong", f"{call} returned {reason}", "not_numeric")


def check_neuron_function(answer: Any) -> Feedback:
    """01.4: a function f(x, w, b) -> y, run on the test neurons in CASES."""
    if answer is None or answer is Ellipsis:
        return Feedback(
            "unanswered",
            "Define your function, put its name in place of `None` (answer = my_neuron, "
            "without parentheses) and run the cell again.",
        )
    if not callable(answer):
        return Feedback(
            "wrong",
            f"Expected a function f(x, w, b), got {type(answer).__name__}. Pass the function's "
            f"name without calling it: answer = my_neuron.",
            "not_a_function",
        )
    outputs = []
    for case in CASES:
        call = f"f(x={list(case.x)}, w={list(case.w)}, b={case.b})"
        try:
            out = answer(*_arrays(case))
        except Exception as exc:  # the learner's code: report, never raise
            if "truth value" in str(exc):  # max(0, x * w + b): max compares an array with 0
                return Feedback(
                    "wrong",
                    f"{call} raised {type(exc).__name__}: `x*w` gives three products (one per "
                    f"input); add them up first: `x @ w`.",
                    "not_summed",
                )
            return Feedback("wrong", f"{call} raised {type(exc).__name__}: {exc}", "raised")
        reply = _not_a_number(call, out)
        if reply is not None:
            return reply
        arr = as_number_array(out)
        if arr.shape != () and arr.size == 1:
            return Feedback(
                "wrong",
                f"{call} returned {_gs(arr.ravel())}, {_kind(out)} holding one number. Return "
                f"the number itself, e.g. float(...).",
                "one_element",
            )
        if arr.shape != ():
            return Feedback(
                "wrong",
                f"{call} returned {arr.size} numbers; a neuron returns one. Add the products "
                f"up: np.dot(x, w) or x @ w.",
                "not_summed",
            )
        if not np.isfinite(arr):
            return Feedback(
                "wrong", f"{call} returned {float(arr)}, not a finite number.", "not_finite"
            )
        outputs.append(float(arr))
    expected = [_y(case) for case in CASES]
    mistakes = {
        name: ([m.output(*_arrays(case)) for case in CASES], f"Your function {m.does}. {m.fix}")
        for name, m in MISTAKES.items()
    }
    first = next(
        (i for i, (o, e) in enumerate(zip(outputs, expected, strict=True)) if not np.isclose(o, e)),
        0,
    )
    case = CASES[first]
    hint = (
        f"f(x={list(case.x)}, w={list(case.w)}, b={case.b}) returned {_g(outputs[first])}, but "
        f"y = ReLU(w·x + b) = {_g(expected[first])}."
    )
    return check_numeric(
        outputs,
        expected,
        what="y = ReLU(w·x + b) on all three test neurons",
        mistakes=mistakes,
        hint=hint,
    )


# 01.4's reference and mistakes, written the way a learner would (not the formulas above).
# Their outputs on CASES (worked example; the same with b = −6; EX_OUTPUT) are in the comments.
def _solution(x, w, b):  # [6, 0, 1.5]: ReLU(5 + 1), ReLU(5 − 6), ReLU(−2.5 + 4)
    z = np.dot(x, w) + b
    return max(0.0, z)


def _bias_outside(x, w, b):  # [6, −1, 4]: ReLU(5) + 1, ReLU(5) − 6, ReLU(−2.5) + 4
    return max(0.0, np.dot(x, w)) + b


def _no_bias(x, w, b):  # [5, 5, 0]: ReLU(5), ReLU(5), ReLU(−2.5)
    return max(0.0, np.dot(x, w))


def _no_relu(x, w, b):  # [6, −1, 1.5]: 5 + 1, 5 − 6, −2.5 + 4
    return np.dot(x, w) + b


def _x_plus_w(x, w, b):  # [1, 0, 6.5]: ReLU(−2 − 3 + 5 + 1), ReLU(0 − 6), ReLU(1 + 1.5 + 0 + 4)
    return max(0.0, sum(xi + wi for xi, wi in zip(x, w, strict=True)) + b)


def _relu_each(x, w, b):  # [9, 2, 4.5]: (0 + 2 + 6) + 1, (0 + 2 + 6) − 6, (0 + 0.5 + 0) + 4
    return sum(max(0.0, xi * wi) for xi, wi in zip(x, w, strict=True)) + b


EXERCISES = (
    Exercise(
        "01.1",
        check_pre_activation,
        -2.5,  # products 0.5·4 = 2, (−2)·1.5 = −3, 1.5·(−2) = −3; 2 − 3 − 3 + 1.5
        {
            "forgot_bias": -4.0,  # 2 − 3 − 3
            "bias_subtracted": -5.5,  # −4 − 1.5
            "summed_x_plus_w": 5.0,  # (0.5 + 4) + (−2 + 1.5) + (1.5 − 2) + 1.5 = 4.5 − 0.5 − 0.5 + 1.5
            "sign_slip_0": -6.5,  # −2 − 3 − 3 + 1.5
            # 2 + 3 − 3 + 1.5 (or 2 − 3 + 3 + 1.5: flipping x₂w₂; or x₀w₀ + b = 2 + 1.5)
            "sign_slip_1": 3.5,
            "gave_y": 0.0,  # ReLU(−2.5)
            "sign_of_z": 2.5,  # −(−2.5)
            "left_out_terms": -1.0,  # x₀w₀ + x₁w₁ = 2 − 3, without x₂w₂ and b
            "products_not_summed": [2.0, -3.0, -3.0],  # 0.5·4, (−2)·1.5, 1.5·(−2)
        },
    ),
    Exercise(
        "01.2",
        check_output,
        1.5,  # products 2·(−1) = −2, 1·0.5 = 0.5, (−1)·1 = −1; z = −2.5 + 4 = 1.5 > 0
        {
            "bias_after_relu": 4.0,  # ReLU(−2.5) + 4 = 0 + 4
            "forgot_bias": 0.0,  # ReLU(−2.5) (or ReLU(−2.5 − 4))
            "dot_only": -2.5,  # −2 + 0.5 − 1, no bias, no ReLU
            "summed_x_plus_w": 6.5,  # ReLU((2 − 1) + (1 + 0.5) + (−1 + 1) + 4) = ReLU(1 + 1.5 + 0 + 4)
            "relu_per_product": 4.5,  # ReLU(−2) + ReLU(0.5) + ReLU(−1) + 4 = 0 + 0.5 + 0 + 4
            "sign_slip_0": 5.5,  # ReLU(2 + 0.5 − 1 + 4)
            "sign_slip_1": 0.5,  # ReLU(−2 − 0.5 − 1 + 4)
            "sign_slip_2": 3.5,  # ReLU(−2 + 0.5 + 1 + 4) (or x₁w₁ + x₂w₂ + b = 0.5 − 1 + 4)
        },
    ),
    Exercise(
        "01.3",
        check_silent_bias,
        -5.0,  # w·x = −3 + 2 + 6 = 5; z = 5 + b ≤ 0 ⇔ b ≤ −5
        {
            "sign_flipped": 5.0,  # solved 5 + b = 0 as b = 5
            "just_below": -5.01,  # a little below −5 (z = 0 taken for active)
            "not_the_largest": -6.0,  # silent (z = −1) but not the largest
            "just_above": -4.9,  # z = 5 − 4.9 = 0.1 > 0: still active
        },
    ),
    Exercise(
        "01.4",
        check_neuron_function,
        _solution,
        {
            "bias_after_relu": _bias_outside,
            "forgot_bias": _no_bias,
            "forgot_relu": _no_relu,
            "summed_x_plus_w": _x_plus_w,
            "relu_per_product": _relu_each,
        },
    ),
)
