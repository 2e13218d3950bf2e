"""Draw the graph of any `Value` expression with matplotlib (no graphviz needed).

Nodes sit in columns by depth (the leaves on the left, the output on the right); each node is a
box with its operation and its value; under it, in orange, its gradient once the backward pass has
reached it. Every edge carries the value flowing forward (black, above) and, during backward, the
share of the gradient flowing back along it (orange, below) — the colours of 02's picture.

`GraphDrawing(root)` lays the graph out once; `show(step)` moves it to any moment of
`helpers.core.trace.steps(root)` by changing texts and colours only (fast enough for a player).
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch

from helpers.core.engine import Value
from helpers.core.trace import Step, steps
from helpers.text import num, sub
from helpers.ui.plotting import COLORS

__all__ = ["GraphDrawing", "layout"]

FORWARD, BACKWARD, IDLE = COLORS["black"], COLORS["vermillion"], "#b0b0b0"
CURRENT = "#fff2b3"  # the node of the current step


def layout(root: Value) -> dict[Value, tuple[float, float]]:
    """(column, row) for every node: column = longest path from a leaf, so the output is on the
    right; rows as in a tidy tree: the leaves top to bottom in the order a reader meets them
    (depth first from the output, inputs in order), every other node level with its inputs' mean."""
    order = root.topological_order()
    depth: dict[Value, int] = {}
    for node in order:  # inputs come first, so their depths are known
        depth[node] = 1 + max((depth[c] for c in node._prev), default=-1)
    leaves: list[Value] = []
    stack, seen = [root], set()
    while stack:  # depth first, first input first
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        if not node._prev:
            leaves.append(node)
        stack.extend(reversed(node._prev))
    row = {leaf: -float(i) for i, leaf in enumerate(leaves)}
    for node in order:
        if node._prev:
            row[node] = sum(row[c] for c in node._prev) / len(node._prev)
    middle = (len(leaves) - 1) / 2
    return {node: (float(depth[node]), row[node] + middle) for node in order}


def _name(node: Value) -> str:
    return sub(node.label) if node.label else (node._op if node._prev else num(node.data, ".3g"))


class GraphDrawing:
    """The graph of `root` drawn on `ax`, with artists that `show(step)` updates."""

    def __init__(self, ax: Axes, root: Value) -> None:
        self.ax, self.root = ax, root
        self.pos = layout(root)
        self.trace = steps(root)
        self.boxes: dict[Value, object] = {}
        self.values: dict[Value, object] = {}
        self.grads: dict[Value, object] = {}
        self.edges: list[tuple[Value, Value, int, object, object, FancyArrowPatch]] = []
        box = {"boxstyle": "round,pad=0.35", "fc": "white", "ec": FORWARD, "lw": 1.2}
        for node, (x, y) in self.pos.items():
            self.boxes[node] = ax.text(
                x, y, "", ha="center", va="center", fontsize=12, bbox=dict(box)
            )
            self.grads[node] = ax.text(
                x, y - 0.32, "", ha="center", va="top", fontsize=11, color=BACKWARD
            )
        for node in self.pos:
            for slot, child in enumerate(node._prev):
                (x0, y0), (x1, y1) = self.pos[child], self.pos[node]
                # a child used twice by one node (a + a) gets two arcs, bent apart
                bend = (
                    0.25 * (slot - (len(node._prev) - 1) / 2)
                    if node._prev.count(child) > 1
                    else 0.0
                )
                arrow = FancyArrowPatch(
                    (x0 + 0.28, y0),
                    (x1 - 0.28, y1),
                    arrowstyle="-|>",
                    mutation_scale=12,
                    color=IDLE,
                    lw=1.2,
                    connectionstyle=f"arc3,rad={bend}",
                )
                ax.add_patch(arrow)
                mx, my = (x0 + x1) / 2, (y0 + y1) / 2 + bend * 0.8
                value = ax.text(
                    mx, my + 0.06, "", ha="center", va="bottom", fontsize=10, color=FORWARD
                )
                share = ax.text(
                    mx, my - 0.06, "", ha="center", va="top", fontsize=10, color=BACKWARD
                )
                self.edges.append((child, node, slot, value, share, arrow))
        cols = max(x for x, _ in self.pos.values())
        rows = max(abs(y) for _, y in self.pos.values())
        ax.set(xlim=(-0.5, cols + 0.5), ylim=(-rows - 0.7, rows + 0.5))
        ax.set_axis_off()

    def show(self, k: int) -> Step:
        """Draw the moment after step k (0-based, clipped to the trace). Returns that step."""
        k = max(0, min(int(k), len(self.trace) - 1))
        step = self.trace[k]
        computed = {s.node for s in self.trace[: k + 1] if s.phase == "forward"}
        grads = step.grads
        shares = {}
        for s in self.trace[: k + 1]:
            if s.phase == "backward":
                for slot, (child, share) in enumerate(s.shares):
                    shares[(child, s.node, slot)] = share
        for node, box in self.boxes.items():
            shown = node in computed
            box.set_text(f"{_name(node)}\n{num(node.data, '.3g')}" if shown else _name(node))
            box.get_bbox_patch().set_facecolor(CURRENT if node is step.node else "white")
            box.get_bbox_patch().set_edgecolor(FORWARD if shown else IDLE)
            self.grads[node].set_text(f"grad {num(grads[node], '.3g')}" if grads else "")
        for child, node, slot, value, share, arrow in self.edges:
            flowed = child in computed
            value.set_text(num(child.data, ".3g") if flowed else "")
            got = shares.get((child, node, slot))
            share.set_text(f"+= {num(got, '.3g')}" if got is not None else "")
            arrow.set_color(BACKWARD if got is not None else (FORWARD if flowed else IDLE))
        return step
