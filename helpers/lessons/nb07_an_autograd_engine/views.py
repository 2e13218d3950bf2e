"""Notebook 07's pictures and its player: any `Value` graph, stepped through node by node.

    draw_graph(L)                      # a Figure of L's graph after its backward pass
    show_view(StepView(), step=5)      # the static twin: one moment of the default formula
    panel_player()                     # Step / Back / Play, a step slider and a formula box

Every number drawn comes from the engine (`helpers.core.engine`) through `helpers.core.trace`
(the forward and backward steps, with the `+=` shares); a formula is parsed by `helpers.core.expr`,
never by `eval`.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
from matplotlib.figure import Figure

from helpers.core.engine import Value
from helpers.core.expr import build
from helpers.text import num
from helpers.ui.panel import Message, Panel
from helpers.ui.params import Param, controls, resolve
from helpers.ui.plotting import new_figure, style
from helpers.ui.valuegraph import GraphDrawing, figure_size, scale

__all__ = [
    "DEFAULT_FORMULA",
    "DEFAULT_INPUTS",
    "PANELS",
    "PARAMS",
    "PlayerPanel",
    "StepView",
    "draw_graph",
    "panel_player",
    "parse_inputs",
]

DEFAULT_FORMULA = "a*b + a"  # a fork: a is used twice
DEFAULT_INPUTS = "a = 2, b = -3"
MAX_NODES = 16  # the worked neuron has 14; more would not stay legible on one screen
MIN_SCALE = 0.55  # a graph that would have to shrink more is refused (text under ~8 points)
PARAMS = (Param("step", "step", default=0, lo=0, hi=2 * MAX_NODES, step=1, integer=True),)


def _graph_figure(root: Value) -> tuple[Figure, GraphDrawing]:
    with style():
        fig, axes = new_figure(figsize=figure_size(root))
        fig.subplots_adjust(left=0, right=1, bottom=0, top=1)
        drawing = GraphDrawing(axes[0, 0], root)
    return fig, drawing


def draw_graph(root: Value, step: int = -1) -> Figure:
    """The graph of `root` after step `step` of its trace (−1: the end of the backward pass)."""
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {type(root).__name__}")
    fig, drawing = _graph_figure(root)
    drawing.show(len(drawing.trace) - 1 if step == -1 else step)
    drawing.highlight.set_visible(False)  # a still picture has no "current step"
    return fig


def parse_inputs(text: str) -> dict[str, float]:
    """'a = 2, b = −3' → {'a': 2.0, 'b': −3.0}; a ValueError that says what is wrong."""
    if not isinstance(text, str):
        raise TypeError(f"inputs must be text like 'a = 2, b = -3', got {type(text).__name__}")
    values: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, equals, number = (s.strip() for s in part.partition("="))
        if not equals or not name.isidentifier():
            raise ValueError(f"write each input as name = number, like a = 2 (got {part!r})")
        try:
            value = float(number.replace("−", "-"))
        except ValueError:
            raise ValueError(f"{name} = {number!r}: that is not a number") from None
        if not math.isfinite(value):
            raise ValueError(f"{name} must be a finite number, got {number}")
        values[name] = value
    if not values:
        raise ValueError("give at least one input, like a = 2")
    return values


class StepView:
    """One formula's graph at one step of its forward and backward passes."""

    def __init__(self, formula: str = DEFAULT_FORMULA, inputs: str = DEFAULT_INPUTS) -> None:
        self.figure: Figure | None = None
        self.set_formula(formula, inputs)

    def set_formula(self, formula: str, inputs: str) -> None:
        """Build the formula's graph from the inputs text; ValueError/TypeError if it cannot be."""
        root, _ = build(formula, parse_inputs(inputs))
        order = root.topological_order()
        if len(order) > MAX_NODES:
            raise ValueError(
                f"that graph has {len(order)} nodes; the picture shows at most {MAX_NODES}"
            )
        if scale(root) < MIN_SCALE:
            raise ValueError(
                "that graph is too wide or too tall to draw legibly: try a shorter formula"
            )
        for node in order:
            if not math.isfinite(node.data):
                raise ValueError(f"'{node._op}' overflowed: the value is {node.data}")
        self.formula, self.inputs, self.root = formula, inputs, root
        if self.figure is None:
            self.figure, self.drawing = _graph_figure(root)
            return
        self.figure.clear()  # keep the Figure the panel shows; a new graph on it
        self.figure.set_size_inches(figure_size(root))
        self.figure.subplots_adjust(left=0, right=1, bottom=0, top=1)
        with style():
            self.drawing = GraphDrawing(self.figure.add_subplot(), root)

    @property
    def n_steps(self) -> int:
        return len(self.drawing.trace)

    def update(self, **values: int) -> Message:
        """Draw the moment after step `step` (steps count from 0; beyond the last: the last)."""
        k = min(resolve(PARAMS, values)["step"], self.n_steps - 1)
        step = self.drawing.show(k)
        trace, name = self.drawing.trace, self.drawing.names
        head = f"step {k} of 0–{self.n_steps - 1} · {step.phase}: "
        node = step.node
        if step.phase == "forward":
            if not node._prev:
                return Message(f"{head}the input {name[node]} = {num(node.data, 'g')}")
            args = ", ".join(num(c.data, "g") for c in node._prev)
            return Message(f"{head}{name[node]} of ({args}) = {num(node.data, 'g')}")
        if not step.shares:
            return Message(f"{head}the seed, ∂L/∂L = 1 at the output {name[node]}")
        earlier = [c for s in trace[:k] for c, _ in s.shares]  # who received a share before
        parts = []
        for child, share in step.shares:
            parts.append(f"{name[child]}.grad += {num(share, 'g')}")
            if sum(c is child for c in earlier) or sum(c is child for c, _ in step.shares) > 1:
                parts[-1] += " (a fork: the shares add up)"
        after = ", ".join(f"{name[c]}.grad = {num(step.grads[c], 'g')}" for c in _unique(step))
        return Message(f"{head}{name[node]} hands back local · grad: {'; '.join(parts)} → {after}")


def _unique(step) -> list[Value]:
    seen: list[Value] = []
    for child, _ in step.shares:
        if all(child is not s for s in seen):
            seen.append(child)
    return seen


class PlayerPanel(Panel):
    """The step slider with Play, Back and Step buttons, and a formula box with its inputs."""

    def __init__(self, view: StepView) -> None:
        # A step's message is not a verdict (no ✔); while a typed formula cannot be drawn, its
        # problem stays above the message as the panel's note.
        super().__init__(view, controls(PARAMS), columns=1, verdict=False)
        slider = self.controls["step"]
        slider.max = view.n_steps - 1
        self.play = widgets.Play(value=0, min=0, max=slider.max, step=1, interval=800)
        widgets.jslink((self.play, "value"), (slider, "value"))
        self.back = widgets.Button(description="◀ Back", layout=widgets.Layout(width="90px"))
        self.forth = widgets.Button(description="Step ▶", layout=widgets.Layout(width="90px"))
        self.back.on_click(lambda _: self._move(-1))
        self.forth.on_click(lambda _: self._move(+1))
        self.formula, self.inputs = (
            widgets.Text(
                value=getattr(view, name),
                description=name,
                continuous_update=False,
                layout=widgets.Layout(width="320px"),
                style={"description_width": "initial"},
            )
            for name in ("formula", "inputs")
        )
        for box in (self.formula, self.inputs):
            box.observe(self._on_formula, names="value")
        self.children = [
            widgets.HBox([self.formula, self.inputs]),
            widgets.HBox([self.play, self.back, self.forth, slider]),
            *self.children[1:],  # the message and the picture
        ]

    def _move(self, by: int) -> None:
        slider = self.controls["step"]
        slider.value = max(slider.min, min(slider.max, slider.value + by))

    def _on_formula(self, _change: dict) -> None:
        try:
            self.view.set_formula(self.formula.value, self.inputs.value)
        except Exception as exc:  # a learner's formula: a message, never a traceback
            still = f"{self.view.formula} with {self.view.inputs}"
            self.note = f"{exc} (still showing {still})"
            self.refresh()
            return
        self.note = None
        slider = self.controls["step"]
        slider.max = self.play.max = self.view.n_steps - 1
        if slider.value == 0:
            self.refresh()
        else:
            slider.value = 0  # redraws


def panel_player() -> PlayerPanel:
    """The step-through player on the default formula a·b + a (a = 2, b = −3)."""
    return PlayerPanel(StepView())


PANELS = {"player": panel_player}
