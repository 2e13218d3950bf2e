"""The forward and backward passes of a `Value` graph as a list of steps, for stepping through.

Forward: one step per node in topological order (its value is computed). Backward: the seed
step (∂L/∂L = 1), then one step per node with inputs, in reverse order: the node hands each input
`local · grad` and the input's gradient grows by that share (`+=`). Every step records all
gradients after it, so a picture can show any moment. The graph's own `.grad`s are not touched.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from helpers.core.engine import Value

__all__ = ["Step", "steps"]


class Step(NamedTuple):
    phase: Literal["forward", "backward"]
    node: Value  # the node this step is about
    shares: tuple[tuple[Value, float], ...]  # backward: (input, what it received) pairs
    grads: dict[Value, float]  # backward: every gradient after this step (empty in forward)


def steps(root: Value) -> list[Step]:
    """Every step of root's forward pass, then of root.backward(), in order."""
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {type(root).__name__}")
    order = root.topological_order()
    out = [Step("forward", node, (), {}) for node in order]
    grads = dict.fromkeys(order, 0.0)
    grads[root] = 1.0  # the seed: ∂L/∂L = 1
    out.append(Step("backward", root, (), dict(grads)))
    for node in reversed(order):
        if not node._prev:
            continue
        shares = tuple(
            (child, local * grads[node])
            for child, local in zip(node._prev, node._local, strict=True)
        )
        for child, share in shares:
            grads[child] += share  # a fork receives a share along every use
        out.append(Step("backward", node, shares, dict(grads)))
    return out
