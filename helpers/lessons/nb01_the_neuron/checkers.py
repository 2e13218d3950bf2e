"""Checkers for the exercises of 01_the_neuron: z, y, the silent bias, and a neuron in code.

Each exercise's numbers are chosen so that every typical mistake gives its own wrong value:
the mistakes are the functions in `MISTAKES`, evaluated on the exercise's (x, w, b).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers.lessons.exercises import Feedback, check_numeric

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


def _n(value: Any) -> str:
    """A number (or list of numbers) for a message, with a true minus like the views: −2.5."""
    if isinstance(value, list | tuple | np.ndarray):
        return "[" + ", ".join(_n(v) for v in np.ravel(value)) + "]"
    return f"{float(value):g}".replace("-", "−")


def _relu(z: Any) -> Any:
    return np.maximum(z, 0.0)


def _neuron(x: np.ndarray, w: np.ndarray, b: float) -> float:
    """The right answer: y = ReLU(w·x + b), the bias inside the ReLU."""
    return float(_relu(x @ w + b))


# Typical mistakes, as functions of (x, w, b): (function, what it does, how to fix it).
MISTAKES: dict[str, tuple[Neuron, str, str]] = {
    "bias_after_relu": (
        lambda x, w, b: float(_relu(x @ w) + b),
        "added the bias after the ReLU",
        "The bias goes inside: y = ReLU(w·x + b). Outside, it can even give a negative output: "
        "on the worked example with b = −6 it gives −1, where the right y is 0.",
    ),
    "forgot_bias": (
        lambda x, w, b: float(_relu(x @ w)),
        "left out the bias",
        "Add b to the weighted sum before the ReLU: y = ReLU(w·x + b).",
    ),
    "forgot_relu": (
        lambda x, w, b: float(x @ w + b),
        "left out the ReLU",
        "Pass z through the ReLU, y = max(0, z): a silent neuron outputs 0, never a negative number.",
    ),
    "summed_x_plus_w": (
        lambda x, w, b: float(_relu(np.sum(x + w) + b)),
        "added each input to its weight (x_i + w_i)",
        "A neuron multiplies each input by its weight and adds the products: np.dot(x, w).",
    ),
    "relu_per_product": (
        lambda x, w, b: float(np.sum(_relu(x * w)) + b),
        "applied the ReLU to each product x_i·w_i and added b without a final ReLU",
        "The ReLU acts once, on the full pre-activation z = w·x + b, not on the parts of the sum.",
    ),
}

# Exercise 01.1 (z) and 01.2 (y): (x, w, b).
EX_PRE_ACTIVATION = (np.array([0.5, -2.0, 1.5]), np.array([4.0, 1.5, -2.0]), 1.5)
EX_OUTPUT = (np.array([2.0, 1.0, -1.0]), np.array([-1.0, 0.5, 1.0]), 4.0)
# Exercise 01.4: the test neurons: the worked example, the same with b = −6, and EX_OUTPUT.
CASES = [
    (np.array([1.0, -2.0, 3.0]), np.array([-3.0, -1.0, 2.0]), 1.0),
    (np.array([1.0, -2.0, 3.0]), np.array([-3.0, -1.0, 2.0]), -6.0),
    EX_OUTPUT,
]


def _as_array(answer: Any) -> np.ndarray | None:
    try:
        return np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError):
        return None


def _sign_slips(x: np.ndarray, w: np.ndarray, b: float) -> list[float]:
    """z with the sign of one product x_i·w_i flipped, for each i: the values of a sign slip."""
    products = x * w
    return [float(products.sum() - 2 * p + b) for p in products]


def check_pre_activation(answer: Any) -> Feedback:
    """01.1: z = w·x + b for EX_PRE_ACTIVATION (a number)."""
    x, w, b = EX_PRE_ACTIVATION
    dot, z = float(x @ w), float(x @ w + b)
    arr = _as_array(answer)
    if arr is not None and arr.shape == x.shape and np.allclose(arr, x * w):
        return Feedback(
            "wrong",
            f"Those are the three products x_i·w_i = {_n(x * w)}. A neuron adds them up "
            f"and adds the bias, to get one number z.",
            "products_not_summed",
        )
    mistakes = {
        "forgot_bias": (dot, f"That is w·x = {_n(dot)}, without the bias. Add b = {_n(b)}."),
        "bias_subtracted": (
            dot - b,
            f"You subtracted the bias: z = w·x + b = {_n(dot)} + {_n(b)}.",
        ),
        "summed_x_plus_w": (
            float(np.sum(x + w) + b),
            "You added each input to its weight (x_i + w_i). A neuron multiplies: x_i·w_i.",
        ),
        "sign_slip": (
            _sign_slips(x, w, b)[1],  # flips (−2)(1.5) = −3 (or 1.5·(−2), the same value)
            "Check the signs of your products: (−2)(1.5) = −3 and 1.5·(−2) = −3; "
            "a positive times a negative number is negative.",
        ),
        "gave_y": (
            float(_relu(z)),
            "That is y = ReLU(z), the output. The question asks for z itself, before the "
            "ReLU, and z may be negative.",
        ),
    }
    return check_numeric(
        answer,
        z,
        what="the pre-activation z = w·x + b",
        mistakes=mistakes,
        hint="Multiply each input by its weight, add the three products, then add b.",
    )


def check_output(answer: Any) -> Feedback:
    """01.2: y = ReLU(w·x + b) for EX_OUTPUT, where w·x < 0 but z > 0 (a number)."""
    x, w, b = EX_OUTPUT
    mistakes = {
        name: (fn(x, w, b), f"That is what you get if you {does}. {fix}")
        for name, (fn, does, fix) in MISTAKES.items()
        if name != "forgot_relu"  # z > 0 here, so forgetting the ReLU gives the right number
    }
    dot, z = float(x @ w), float(x @ w + b)
    mistakes["bias_after_relu"] = (
        mistakes["bias_after_relu"][0],
        f"That is ReLU(w·x) + b = ReLU({_n(dot)}) + {_n(b)} = {_n(_relu(dot))} + {_n(b)} = "
        f"{_n(_relu(dot) + b)}, the bias added after the ReLU; it goes inside: z = {_n(dot)} + {_n(b)} = {_n(z)}, "
        f"y = ReLU(z) = {_n(_relu(z))}.",
    )
    for i, value in enumerate(_sign_slips(x, w, b)):
        sub, p = "₀₁₂"[i], x[i] * w[i]
        mistakes[f"sign_slip_{i}"] = (
            _relu(value).item(),
            f"Check the signs of your products: x{sub}·w{sub} = ({_n(x[i])})·({_n(w[i])}) = {_n(p)}, "
            f"not {_n(-p)}.",
        )
    return check_numeric(
        answer,
        _neuron(x, w, b),
        what="the output y = ReLU(w·x + b)",
        mistakes=mistakes,
        hint="Compute z = w·x + b first (products, sum, bias), then y = max(0, z).",
    )


def check_silent_bias(answer: Any) -> Feedback:
    """01.3: the largest b for which the worked-example neuron is silent (a number)."""
    x, w, _ = CASES[0]
    dot = float(x @ w)
    just_below = (
        f"b = {_n(-dot)} itself is silent: z = {_n(dot)} + ({_n(-dot)}) = 0 and ReLU(0) = 0, "
        f"so {_n(-dot)} is the largest."
    )
    mistakes = {
        "sign_flipped": (
            dot,
            f"At b = {_n(dot)} the neuron is active: z = {_n(dot)} + {_n(dot)} = {_n(2 * dot)} > 0. "
            f"Solve w·x + b = 0 for b.",
        ),
        **{
            name: (-dot - step, just_below)
            for name, step in (("just_below", 0.1), ("just_below_small", 0.01))
        },
        "not_the_largest": (
            -dot - 1,
            f"The neuron is silent at b = {_n(-dot - 1)} (z = −1), but it stays silent for "
            f"larger biases too, up to the b where z = {_n(dot)} + b = 0 and ReLU(0) = 0.",
        ),
    }
    return check_numeric(
        answer,
        -dot,
        what="the largest bias b for which the neuron is silent",
        mistakes=mistakes,
        hint=f"Here w·x = {_n(dot)}. The neuron is silent when z = w·x + b ≤ 0; solve for b.",
    )


def _kind(value: Any) -> str:
    return f"a {type(value).__name__}" if isinstance(value, list | tuple) else "an array"


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
    for x, w, b in CASES:
        call = f"f(x={x.tolist()}, w={w.tolist()}, b={b})"
        try:
            out = answer(x.copy(), w.copy(), b)
        except Exception as exc:  # the learner's code: report, never raise
            if "truth value" in str(exc):  # max(0, x * w + b): max compares an array with 0
                return Feedback(
                    "wrong",
                    f"{call} raised {type(exc).__name__}: `x*w` gives three products (one per "
                    f"input); add them up first: `x @ w`.",
                    "not_summed",
                )
            return Feedback("wrong", f"{call} raised {type(exc).__name__}: {exc}", "raised")
        arr = None if out is None else _as_array(out)
        if arr is None:
            return Feedback(
                "wrong",
                f"{call} returned {out!r}, not a number. Did you forget `return`?",
                "not_numeric",
            )
        if arr.shape != () and arr.size == 1:
            return Feedback(
                "wrong",
                f"{call} returned {_n(arr)}, {_kind(out)} holding one number. Return the "
                f"number itself, e.g. float(...).",
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
    expected = [_neuron(*case) for case in CASES]
    mistakes = {
        name: ([fn(*case) for case in CASES], f"Your function {does}. {fix}")
        for name, (fn, does, fix) in MISTAKES.items()
    }
    first = next(
        (i for i, (o, e) in enumerate(zip(outputs, expected, strict=True)) if not np.isclose(o, e)),
        0,
    )
    x, w, b = CASES[first]
    hint = (
        f"f(x={x.tolist()}, w={w.tolist()}, b={b}) returned {_n(outputs[first])}, but "
        f"y = ReLU(w·x + b) = {_n(expected[first])}."
    )
    return check_numeric(
        outputs,
        expected,
        what="y = ReLU(w·x + b) on all three test neurons",
        mistakes=mistakes,
        hint=hint,
    )


EXERCISES = {
    "01.1": (
        check_pre_activation,
        -2.5,
        {
            "forgot_bias": -4.0,
            "bias_subtracted": -5.5,
            "summed_x_plus_w": 5.0,
            "sign_slip": 3.5,
            "gave_y": 0.0,
            "products_not_summed": [2.0, -3.0, -3.0],
        },
    ),
    "01.2": (
        check_output,
        1.5,
        {
            "bias_after_relu": 4.0,
            "forgot_bias": 0.0,
            "summed_x_plus_w": 6.5,
            "relu_per_product": 4.5,
            "sign_slip_0": 5.5,
            "sign_slip_1": 0.5,
            "sign_slip_2": 3.5,
        },
    ),
    "01.3": (
        check_silent_bias,
        -5.0,
        {
            "sign_flipped": 5.0,
            "just_below": -5.1,
            "just_below_small": -5.01,
            "not_the_largest": -6.0,
        },
    ),
    "01.4": (
        check_neuron_function,
        _neuron,
        {name: fn for name, (fn, _, _) in MISTAKES.items()},
    ),
}
