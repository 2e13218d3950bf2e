"""The view of 02_the_chain_rule: the neuron's computational graph, forward values and gradients.

    mᵢ = mul(xᵢ, wᵢ),   z = sum(m₀, m₁, m₂, b),   y = ReLU(z),   g = ∂L/∂y from what comes after

Every edge shows its forward value above it (black) and ∂L/∂(value) below it (orange); the
path from one chosen variable (an input xᵢ, a weight wᵢ or the bias b) to L is drawn thick, and
its chain of factors is written out. Every number comes from `helpers.core.graph`.

The inputs x and the weights w are fixed when the view is made (the worked example unless
told otherwise); the sliders move g and b (`PARAMS`) and a dropdown picks the variable. The
parts that never change (node boxes, legend, the x, w and xᵢwᵢ labels) are rendered once per
resolution and pasted under the rest; the parts that the variable, g and b move are `animated`,
so that png_bytes redraws only them over the cached rest.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from helpers.core._checks import as_finite_array
from helpers.core.example import WORKED
from helpers.core.graph import VARIABLES, chain_of_factors, neuron_graph, path_from
from helpers.text import num, sub
from helpers.ui.panel import Message, Panel
from helpers.ui.params import Param, controls, resolve
from helpers.ui.plotting import COLORS, new_figure, style

__all__ = ["PANELS", "PARAMS", "ChainRuleView", "forward_graph", "panel_chain_rule"]

PARAMS = (
    Param("g", "upstream g = ∂L/∂y", default=1.0, lo=-3.0, hi=3.0, step=0.1),
    Param("b", "bias b", default=WORKED.b, lo=-8.0, hi=8.0, step=0.1),
)
LARGEST = 10.0  # the largest |xᵢ| and |wᵢ| the picture's labels have room for
FIGSIZE = (11.0, 5.8)  # 1100 × 580 px: with its controls, inside a 1280 × 720 slide
LIMITS = ((0.0, 12.0), (-1.6, 10.4))
INCH = (FIGSIZE[0] / 12.0, FIGSIZE[1] / 12.0)  # inches per data unit along x and y
# Node centres in data units: the leaves on the left, then mul, sum, ReLU and L.
CENTRES = {"x0": (0.7, 9.4), "w0": (0.7, 8.2), "x1": (0.7, 6.4), "w1": (0.7, 5.2)}
CENTRES |= {"x2": (0.7, 3.4), "w2": (0.7, 2.2), "b": (0.7, 0.6)}
CENTRES |= {"mul0": (4.3, 8.8), "mul1": (4.3, 5.8), "mul2": (4.3, 2.8), "sum": (6.9, 4.8)}
CENTRES |= {"relu": (9.0, 4.8), "L": (11.2, 4.8)}
SYMBOLS = {"sum": "+", "relu": "ReLU", "L": "L", "mul0": "×", "mul1": "×", "mul2": "×"}
# The picture names the values that get a name in the text: mᵢ, z and y.
NAMES = {"mul0": "m₀", "mul1": "m₁", "mul2": "m₂", "sum": "z", "relu": "y"}
GAP = 0.07  # inches between an edge and the nearest corner of its label
HALF = (0.25, 0.09)  # half-width and half-height of a label such as "−3.00", in inches
ORANGE, GREY, BLUE, PALE = COLORS["vermillion"], "#b0b0b0", COLORS["blue"], "#f6d3bf"
EDGES = [(e.source, e.target) for e in neuron_graph(WORKED.x, WORKED.w, WORKED.b, 1.0)]


def _node(ax, name: str, **bbox) -> Artist:
    """A node: its symbol (or a leaf's name) in a box; `bbox` overrides the box's style."""
    leaf = name not in SYMBOLS
    shape = (
        "round,pad=0.3"
        if leaf
        else ("round,pad=0.45" if name in ("relu", "L") else "circle,pad=0.3")
    )
    box = {
        "boxstyle": shape,
        "fc": "#f2f2f2" if leaf else "white",
        "ec": COLORS["black"],
        "lw": 1.5,
    }
    text = sub(name) if leaf else SYMBOLS[name]
    x, y = CENTRES[name]
    return ax.text(x, y, text, ha="center", va="center", fontsize=15 if leaf else 17,
                   bbox=box | bbox, zorder=3)  # fmt: skip


def _canvas() -> tuple[Figure, object]:
    fig, axes = new_figure(figsize=FIGSIZE)
    ax = axes[0, 0]
    ax.set_position([0.0, 0.0, 1.0, 1.0])
    ax.set(xlim=LIMITS[0], ylim=LIMITS[1])
    ax.axis("off")
    return fig, ax


class _Backdrop(Artist):
    """Pastes a figure of rarely changing artists under everything else.

    The layer is rendered once per (dpi, texts in `texts`) and kept: in the panel only g, b and
    the chosen variable move, so the boxes and the x, w and xᵢwᵢ labels are never redrawn.
    """

    def __init__(self, layer: Figure) -> None:
        super().__init__()
        self.layer, self.texts, self.pixels = layer, [], {}
        self.set_zorder(-10)

    def key(self) -> tuple[str, ...]:
        """What the layer shows beyond its fixed parts: the texts in `texts`."""
        return tuple(text.get_text() for text in self.texts)

    def render(self, dpi: float):
        key = (dpi, *self.key())
        if key not in self.pixels:
            self.layer.set_dpi(dpi)
            canvas = FigureCanvasAgg(self.layer)
            canvas.draw()
            self.pixels[key] = np.asarray(canvas.buffer_rgba())[::-1].copy()
        return self.pixels[key]

    def draw(self, renderer) -> None:
        gc = renderer.new_gc()
        renderer.draw_image(gc, 0, 0, self.render(renderer.dpi))
        gc.restore()


def _edge_points(backdrop: _Backdrop, ax, boxes: dict) -> dict:
    """Each edge's polyline in data units, trimmed to end on its nodes' boxes."""
    renderer = FigureCanvasAgg(backdrop.layer).get_renderer()
    to_data = ax.transData.inverted()
    half = {}  # half-width and half-height of each box, in data units
    for name, text in boxes.items():
        text.update_bbox_position_size(renderer)  # lays the box out without drawing it
        extent = text.get_bbox_patch().get_window_extent(renderer)
        (x0, y0), (x1, y1) = to_data.transform(extent)
        half[name] = ((x1 - x0) / 2, (y1 - y0) / 2)

    def trim(c: str, towards: tuple[float, float]) -> tuple[float, float]:
        (cx, cy), (a, b) = CENTRES[c], half[c]
        dx, dy = towards[0] - cx, towards[1] - cy
        t = 1.0 / math.hypot(dx / a, dy / b)  # where the ray leaves the ellipse inside the box
        return (cx + t * dx, cy + t * dy)

    points = {}
    for source, target in EDGES:
        (sx, sy), q = CENTRES[source], CENTRES[target]
        if source in VARIABLES:  # a leaf: level first, then to its node (b passes under mul₂)
            bend = (5.2 if source == "b" else 3.0, sy)
            points[source, target] = [trim(source, bend), bend, trim(target, bend)]
        else:
            points[source, target] = [trim(source, q), trim(target, (sx, sy))]
    return points


def _anchor(points: list) -> tuple[float, float]:
    """The point of an edge its labels are placed about: the middle of a leaf's level part;
    on a wire from a mul node, 30 % of the way from mul to sum, where the three wires are still
    far apart (at their middles the lower label of one wire sits next to the wire below)."""
    p, q = points[0], points[1]
    if len(points) == 3:  # a leaf's edge: its level part, where edges are far apart
        q = (q[0], p[1])
    at = 0.3 if p[0] < CENTRES["sum"][0] and len(points) == 2 and q[0] > p[0] + 1 else 0.5
    return (p[0] + at * (q[0] - p[0]), p[1] + at * (q[1] - p[1]))


def _label_spots(points: list, half_width: float = HALF[0], below: float = HALF[0]) -> list:
    """Where an edge's two labels are centred: above and below its `_anchor`.

    Both sit on the normal through the anchor, each at the distance GAP plus how far it reaches
    towards the edge: a label of `half_width` × HALF[1] inches above, of `below` × HALF[1]
    below. So each label keeps the same gap from its own wire, however steep the wire is.
    """
    p, q = points[0], points[1]
    if len(points) == 3:
        q = (q[0], p[1])
    dx, dy = (q[0] - p[0]) * INCH[0], (q[1] - p[1]) * INCH[1]
    n = math.hypot(dx, dy)
    nx, ny = -dy / n, dx / n  # unit normal on the upper side, in inches
    mid = _anchor(points)
    spots = []
    for side, width in ((1, half_width), (-1, below)):
        reach = side * (GAP + width * abs(nx) + HALF[1] * abs(ny))
        spots.append((mid[0] + reach * nx / INCH[0], mid[1] + reach * ny / INCH[1]))
    return spots


class ChainRuleView:
    """The graph x, w, b → mul → sum → ReLU → L, with values, gradients and one lit-up path."""

    def __init__(
        self, backward: bool = True, x: ArrayLike = WORKED.x, w: ArrayLike = WORKED.w
    ) -> None:
        """x, w: (3,) inputs and weights, each entry within ±LARGEST; `backward=False` draws
        the forward values only."""
        self.backward = bool(backward)
        self.x, self.w = _three(x, "x"), _three(w, "w")
        moving = {"animated": True}  # what g and b move: png_bytes redraws only these
        with style():
            layer, back_ax = _canvas()
            boxes = {name: _node(back_ax, name) for name in CENTRES}
            back_ax.text(11.2, 3.95, "what comes\nafter: next\nlayers, loss", ha="center",
                         va="top", fontsize=11, color=COLORS["grey"])  # fmt: skip
            back_ax.text(
                0.15, 10.25, "forward: value above each edge (black)", fontsize=12, va="top"
            )
            if self.backward:
                back_ax.text(6.2, 10.25, "backward: ∂L/∂(value) below it (orange)",
                             fontsize=12, va="top", color=ORANGE)  # fmt: skip
            self.figure, ax = _canvas()
            self.backdrop = _Backdrop(layer)
            self.figure.add_artist(self.backdrop)
            self.lines, self.values, self.grads = {}, {}, {}
            for key, points in _edge_points(self.backdrop, back_ax, boxes).items():
                xs, ys = zip(*points, strict=True)
                (self.lines[key],) = ax.plot(
                    xs, ys, color=GREY, lw=1.8, solid_capstyle="butt", **moving
                )
                # Named values ("m₀ = −3.00") have longer labels: they keep further away.
                half_width = 1.8 * HALF[0] if key[0] in NAMES else HALF[0]
                up, down = _label_spots(points, half_width)
                # Labels that only x and w move live on the backdrop; b, z and y move with b.
                on_backdrop = key[0][0] in "xwm"
                self.values[key] = (
                    back_ax.text(*up, "", ha="center", va="center", fontsize=12)
                    if on_backdrop
                    else ax.text(*up, "", ha="center", va="center", fontsize=12, **moving)
                )
                if on_backdrop:
                    self.backdrop.texts.append(self.values[key])
                self.grads[key] = ax.text(*down, "", ha="center", va="center", fontsize=12,
                                          color=ORANGE, visible=self.backward, **moving)  # fmt: skip
            # Two boxes drawn over the backdrop when needed: the chosen leaf, a closed gate.
            self.chosen = _node(ax, "w2", ec=BLUE, lw=3.0)
            self.closed = _node(ax, "relu", fc=PALE)
            # The gate's text split in a part that never moves (on the backdrop) and one that
            # moves with every slider: "ReLU′(z) = 1[z>0] = " + "1".
            if self.backward:
                back_ax.text(9.25, 3.95, "ReLU′(z) = 1[z>0] = ", ha="right", va="top", fontsize=12)
            self.gate = ax.text(9.25, 3.95, "", ha="left", va="top", fontsize=12)
            # The chain: its symbols (they move with the parameter), then its numbers.
            self.symbolic = ax.text(6.0, -0.85, "", ha="right", va="center", fontsize=15,
                                    color=BLUE)  # fmt: skip
            self.chain = ax.text(6.0, -0.85, "", ha="left" if self.backward else "center",
                                 va="center", fontsize=15, color=BLUE)  # fmt: skip
            for artist in (self.chosen, self.closed, self.gate, self.symbolic, self.chain):
                artist.set_animated(True)
            for artist in (self.chosen, self.gate):
                artist.set_visible(self.backward)

    def update(self, variable: str = "w2", **values: float) -> Message:
        """Label every edge for the upstream gradient g and the bias b (`PARAMS`); light up the
        path from `variable` (one of VARIABLES) to L and write out its chain of factors."""
        v = resolve(PARAMS, values)
        path = set(path_from(variable))  # also checks the name
        # Slider values sit on a 0.1 grid; rounding removes float dust such as −4.999999999999999
        # for −5, so a gate at z = 0 reads as closed, as in exact arithmetic.
        g, b = round(v["g"], 10), round(v["b"], 10)
        before = self.backdrop.key()
        edges = neuron_graph(self.x, self.w, b, g)
        chain = chain_of_factors(variable, self.x, self.w, b, g)
        value = {(e.source, e.target): e.value for e in edges}
        z, y = value["sum", "relu"], value["relu", "L"]
        for e in edges:
            key = (e.source, e.target)
            lit = self.backward and key in path
            name = f"{NAMES[e.source]} = " if e.source in NAMES else ""
            self.values[key].set_text(name + num(e.value))
            self.grads[key].set_text(num(e.grad))
            self.grads[key].set_fontweight("bold" if lit else "normal")
            self.lines[key].set_color(BLUE if lit else GREY)
            self.lines[key].set_linewidth(4.5 if lit else 1.8)
        if self.backdrop.key() != before:  # the pasted layer changed: redraw everything
            self.figure.stale = True
        is_open = chain.gate == 1.0
        self.chosen.set_position(CENTRES[variable])
        self.chosen.set_text(sub(variable))
        self.closed.set_visible(not is_open)
        self.gate.set_text(num(chain.gate, ".0f"))
        self.gate.set_color(COLORS["black"] if is_open else ORANGE)
        if not self.backward:
            terms = " + ".join(num(e.value) for e in edges if e.target == "sum")
            self.chain.set_text(f"y = ReLU({terms}) = ReLU({num(z)}) = {num(y)}")
            return Message(f"Forward pass: z = {num(z)}, y = {num(y)}.")
        self.symbolic.set_text(chain.symbolic())
        self.chain.set_text(f" = {chain.numeric()}")
        if not is_open:
            return Message(
                f"z = {num(z)} ≤ 0: the ReLU gate is closed, so ∂L/∂{sub(variable)} = 0, and so"
                " is every gradient left of the ReLU: a gradient step learns nothing from this input.",
                "warn",
            )
        if g == 0:
            return Message(
                "g = ∂L/∂y = 0: to first order L does not change when y does (for the squared"
                " error: y = t), so every gradient is 0.",
                "warn",
            )
        return Message(f"{chain.text()}   (the gate is open: z = {num(z)} > 0)", "ok")


def _three(values: ArrayLike, name: str) -> np.ndarray:
    """`values` as a (3,) array, each entry within ±LARGEST, or a clear error naming `name`."""
    arr = as_finite_array(values, name, ndim=1)
    if arr.size != 3:
        raise ValueError(f"{name} must have 3 entries (the graph has 3 inputs), got {arr.size}")
    if np.abs(arr).max() > LARGEST:
        raise ValueError(
            f"{name} must have entries from −{LARGEST:g} to {LARGEST:g} (what the picture's "
            f"labels have room for), got {arr.tolist()}"
        )
    return arr


def forward_graph(x: ArrayLike = WORKED.x, w: ArrayLike = WORKED.w, b: float = WORKED.b) -> Figure:
    """The computational graph of y = ReLU(Σ xᵢwᵢ + b) with the forward value on every edge.

    x, w: (3,), entries within ±LARGEST; b within the bias slider's range."""
    view = ChainRuleView(backward=False, x=x, w=w)
    view.update(b=b)
    return view.figure


def panel_chain_rule() -> Panel:
    """Pick a variable (an input, a weight or the bias), the upstream gradient g and the bias b
    (to open or close the gate)."""
    variable = widgets.Dropdown(
        options=[(sub(name), name) for name in VARIABLES],
        value="w2",
        description="variable",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="200px"),
    )
    return Panel(ChainRuleView(), {"variable": variable, **controls(PARAMS)}, columns=3)


PANELS = {"chain_rule": panel_chain_rule}
