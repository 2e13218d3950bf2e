"""Notebook 07's "break it" section: backward passes with one bug switched on, and the checks
that catch them. Nothing here changes `helpers.core.engine`: each broken backward is a small
function that walks a `Value` graph the way the engine does, but with its bug.

    backward_with(L, "assign")     # `=` instead of `+=`
    run_checks("recursive")        # which checks fail, and the numbers

The checks: the fork b = a + a, c = b + b (∂c/∂a = 4), the worked neuron (02/03's gradients),
and a gradient check against central differences on random expressions (small programs
whose lines reuse earlier lines, so that inner nodes are shared).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from helpers.core.engine import Value
from helpers.core.example import WORKED
from helpers.core.gradcheck import numerical_gradient, relative_error
from helpers.text import num

__all__ = [
    "BUGS",
    "TINY_GRADIENT",
    "Check",
    "Program",
    "backward_with",
    "fork",
    "gradient_check",
    "random_cases",
    "random_program",
    "run_checks",
    "worked_neuron",
]

BUGS = {
    None: "no bug: the engine's own backward",
    "assign": "`=` instead of `+=`: an input keeps only the last share it receives",
    "recursive": "no topological order: a recursive walk that passes a node's grad on at once",
    "mul_wrong_input": "a wrong local derivative for `*`: each input gets its OWN value",
    "relu_from_output": "ReLU′ taken from the output: the slope is y itself, not 1[y > 0]",
}


def _locals(node: Value, bug: str | None) -> tuple[float, ...]:
    """∂node/∂(each input), as the engine has it, or as the bug gets it wrong."""
    if bug == "mul_wrong_input" and node._op == "*":
        return (node._prev[0].data, node._prev[1].data)  # right: (other, self)
    if bug == "relu_from_output" and node._op == "relu":
        return (node.data,)  # right: 1.0 if node.data > 0 else 0.0
    return node._local


def backward_with(root: Value, bug: str | None = None) -> None:
    """Fill every `.grad` in root's graph with ∂root/∂(it), computed with `bug` switched on.

    Every grad is set to 0 first (a fresh start, unlike `backward()` on leaves).
    """
    if bug not in BUGS:
        raise ValueError(f"bug must be one of {list(BUGS)}, got {bug!r}")
    if bug is None:
        for node in root.topological_order():
            node.grad = 0.0
        root.backward()
        return
    order = root.topological_order()
    for node in order:
        node.grad = 0.0
    root.grad = 1.0  # the seed
    if bug == "recursive":
        _recursive(root)
        return
    for node in reversed(order):
        for child, local in zip(node._prev, _locals(node, bug), strict=True):
            if bug == "assign":
                child.grad = local * node.grad  # the bug: = instead of +=
            else:
                child.grad += local * node.grad


def _recursive(node: Value) -> None:
    """The tempting recursion: hand each input its share, then recurse into it at once —
    before the input's other users have added theirs (so a shared node passes on a part)."""
    for child, local in zip(node._prev, node._local, strict=True):
        child.grad += local * node.grad
        _recursive(child)


# ---------------------------------------------------------------- the checks


def fork(a: float = 3.0) -> tuple[Value, Value, Value]:
    """b = a + a, c = b + b: c = 4a, so ∂c/∂a = 4 and ∂c/∂b = 2."""
    leaf = Value(a, label="a")
    b = leaf + leaf
    b.label = "b"
    c = b + b
    c.label = "c"
    return leaf, b, c


def worked_neuron() -> tuple[Value, list[Value], list[Value], Value]:
    """y = ReLU(sum(w₀x₀, w₁x₁, w₂x₂, b)) from Values, 02's mul, sum and ReLU nodes:
    (y, w, x, b) for the worked example."""
    x = [Value(v, label=f"x{i}") for i, v in enumerate(WORKED.x)]
    w = [Value(v, label=f"w{i}") for i, v in enumerate(WORKED.w)]
    b = Value(WORKED.b, label="b")
    y = Value.sum([wi * xi for wi, xi in zip(w, x, strict=True)] + [b]).relu()
    return y, w, x, b


# A random expression is a small program: each line applies one operation to earlier lines, so
# inner nodes get shared (a fork inside the graph, not only at the inputs). No poles: a division
# is by 1 + v², a log of 1 + v², an exp of a tanh (bounded).
_OPS = {  # name: (number of operands, how it reads, how it is built)
    "+": (2, "{} + {}", lambda a, b: a + b),
    "-": (2, "{} − {}", lambda a, b: a - b),
    "*": (2, "{} · {}", lambda a, b: a * b),
    "/": (2, "{} / (1 + {}²)", lambda a, b: a / (1 + b**2)),
    "tanh": (1, "tanh({})", lambda a: a.tanh()),
    "relu": (1, "relu({})", lambda a: a.relu()),
    "exp": (1, "exp(tanh({}))", lambda a: a.tanh().exp()),
    "square": (1, "{}²", lambda a: a**2),
    "log": (1, "log(1 + {}²)", lambda a: (1 + a**2).log()),
}


class Program(NamedTuple):
    """`inputs` names, then one (operation, operand indices) per line; the output is the sum of
    the lines that no later line uses."""

    inputs: tuple[str, ...]
    lines: tuple[tuple[str, tuple[int, ...]], ...]

    def names(self) -> list[str]:
        return [*self.inputs, *(f"n{k}" for k in range(len(self.lines)))]

    def _dangling(self) -> list[int]:
        """The lines no later line uses (their sum is the output), as indices into names()."""
        used = {i for _, args in self.lines for i in args}
        first = len(self.inputs)
        return [first + k for k in range(len(self.lines)) if first + k not in used]

    def text(self) -> str:
        names = self.names()
        lines = [
            f"{names[len(self.inputs) + k]} = {_OPS[op][1].format(*(names[i] for i in args))}"
            for k, (op, args) in enumerate(self.lines)
        ]
        lines.append("out = " + " + ".join(names[i] for i in self._dangling()))
        return "\n".join(lines)

    def run(self, values: Sequence[float]) -> tuple[Value, list[Value]]:
        """(the output Value, the input leaves) for these input values."""
        nodes = [Value(float(v), label=n) for v, n in zip(values, self.inputs, strict=True)]
        for op, args in self.lines:
            nodes.append(_OPS[op][2](*(nodes[i] for i in args)))
        out = Value.sum(nodes[i] for i in self._dangling())  # every line counts
        return out, nodes[: len(self.inputs)]


def random_program(
    rng: np.random.Generator, inputs: Sequence[str] = ("u", "v"), lines: int = 6
) -> Program:
    """A random program: each line's operands are drawn from the inputs and the lines before,
    the last two more often, so that values get reused."""
    ops = list(_OPS)
    out: list[tuple[str, tuple[int, ...]]] = []
    for k in range(lines):
        op = ops[rng.integers(len(ops))]
        available = len(inputs) + k
        recent = [max(0, available - 1), max(0, available - 2)]
        pick = [
            recent[rng.integers(2)] if rng.random() < 0.5 else int(rng.integers(available))
            for _ in range(_OPS[op][0])
        ]
        out.append((op, tuple(pick)))
    return Program(tuple(inputs), tuple(out))


def _relu_inputs(root: Value) -> list[float]:
    return [n._prev[0].data for n in root.topological_order() if n._op == "relu"]


def _measure(program: Program, values: Sequence[float]) -> tuple[np.ndarray, bool]:
    """(central differences of the program's output at `values`, True if some ReLU input changed
    sign between the evaluations: a nudge crossed a kink)."""
    signs = set()

    def output(v: np.ndarray) -> float:
        out = program.run(v)[0]
        signs.add(tuple(z > 0 for z in _relu_inputs(out)))
        return out.data

    output(np.asarray(values, float))
    return numerical_gradient(output, np.asarray(values, float)), len(signs) > 1


def gradient_check(
    program: Program, values: Sequence[float], bug: str | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(the backward pass's gradient, central differences) of the program at `values`."""
    out, leaves = program.run(values)
    backward_with(out, bug)
    return np.array([leaf.grad for leaf in leaves]), _measure(program, values)[0]


# A case is redrawn where the gradient is tiny next to the rounding error of central differences,
# about ε|L|/h ≤ 2.2e-16·|L|/1e-6 (03): with ‖∇L‖ ≥ 1e-3·max(1, |L|) rounding alone stays below
# 2.2e-10/1e-3 ≈ 2e-7 relative error, under the threshold 1e-6. (A saturated tanh can make ∂L/∂u
# ≈ 1e-8, and then even a correct engine would fail the check.)
TINY_GRADIENT = 1e-3


def random_cases(n: int, seed: int = 0) -> list[tuple[Program, list[float]]]:
    """n (program, input values) pairs from one seeded generator, where central differences can
    judge the engine: no ReLU input within 1e-3 of its kink or changing sign between the nudged
    evaluations, and a measured gradient ‖∇L‖ ≥ TINY_GRADIENT·max(1, |L|)."""
    rng = np.random.default_rng(seed)
    cases = []
    while len(cases) < n:
        program = random_program(rng)
        values = rng.uniform(-2.0, 2.0, size=len(program.inputs)).round(3).tolist()
        out = program.run(values)[0]
        measured, crossed = _measure(program, values)
        near_kink = any(abs(z) < 1e-3 for z in _relu_inputs(out))
        tiny = np.linalg.norm(measured) < TINY_GRADIENT * max(1.0, abs(out.data))
        if not (near_kink or crossed or tiny):
            cases.append((program, values))
    return cases


class Check(NamedTuple):
    name: str
    passed: bool
    got: str  # what the backward gave, in words
    expected: str


def _fmt(values: Sequence[float]) -> str:
    return "[" + ", ".join(num(v, "g") for v in values) + "]"


def run_checks(bug: str | None, n_random: int = 20, seed: int = 0) -> list[Check]:
    """The three checks of the break-it section for `bug` (None: the engine itself)."""
    a, _, c = fork()
    backward_with(c, bug)
    checks = [Check("fork b = a + a, c = b + b: ∂c/∂a", a.grad == 4.0, _fmt([a.grad]), "[4]")]

    y, w, x, b = worked_neuron()
    backward_with(y, bug)
    got = [v.grad for v in (*w, *x, b)]
    expected = [1.0, -2.0, 3.0, -3.0, -1.0, 2.0, 1.0]  # x, w, 1: 02/03's hand derivation
    checks.append(Check("worked neuron: ∂y/∂(w, x, b)", got == expected, _fmt(got), _fmt(expected)))

    failed, worst = 0, 0.0
    for program, values in random_cases(n_random, seed):
        error = relative_error(*gradient_check(program, values, bug))
        worst = max(worst, error)
        failed += error > 1e-6
    checks.append(
        Check(
            f"gradient check, {n_random} random expressions",
            failed == 0,
            f"{failed} of {n_random} disagree (worst relative error {worst:.1e})",
            "all agree (relative error < 1e-6)",
        )
    )
    return checks
