"""The view of 02_the_chain_rule: the neuron's computational graph, forward values and gradients.

    mᵢ = mul(xᵢ, wᵢ),   z = sum(m₀, m₁, m₂, b),   y = ReLU(z),   g = dL/dy from what comes after

Every edge shows its forward value above it (black) and dL/d(value) below it (orange); the
path from one chosen parameter to L is drawn thick, and its chain of factors is written out.
The parts that never change (node boxes, legend) are rendered once per resolution and pasted
under the rest; the parts that the parameter, g and b move are `animated`, so that png_bytes
redraws only them over the cached rest while x and w stay the same.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from helpers.core._checks import as_finite_array, as_finite_float
from helpers.core.graph import PARAMETERS, chain_of_factors, neuron_graph, path_from, pretty
from helpers.ui.panel import Message, Panel, float_slider
from helpers.ui.plotting import COLORS, new_figure, style

__all__ = ["PANELS", "ChainRuleView", "forward_graph", "panel_chain_rule"]

EXAMPLE_X = (1.0, -2.0, 3.0)
EXAMPLE_W = (-3.0, -1.0, 2.0)
FIGSIZE = (11.0, 6.2)
LIMITS = ((0.0, 12.0), (-1.6, 10.4))
INCH = (FIGSIZE[0] / 12.0, FIGSIZE[1] / 12.0)  # inches per data unit along x and y
# Node centres in data units: the leaves on the left, then mul, sum, ReLU and L.
CENTRES = {"x0": (0.7, 9.4), "w0": (0.7, 8.2), "x1": (0.7, 6.4), "w1": (0.7, 5.2)}
CENTRES |= {"x2": (0.7, 3.4), "w2": (0.7, 2.2), "b": (0.7, 0.6)}
CENTRES |= {"mul0": (4.3, 8.8), "mul1": (4.3, 5.8), "mul2": (4.3, 2.8), "sum": (6.9, 4.8)}
CENTRES |= {"relu": (9.0, 4.8), "L": (11.2, 4.8)}
SYMBOLS = {"sum": "+", "relu": "ReLU", "L": "L", "mul0": "×", "mul1": "×", "mul2": "×"}
# The forward picture names the values that get a name in the text: mᵢ, z and y.
NAMES = {"mul0": "m₀", "mul1": "m₁", "mul2": "m₂", "sum": "z", "relu": "y"}
GAP = 0.07  # inches between an edge and the nearest corner of its label
HALF = (0.25, 0.09)  # half-width and half-height of a label such as "−3.00", in inches
ORANGE, GREY, BLUE, PALE = COLORS["vermillion"], "#b0b0b0", COLORS["blue"], "#f6d3bf"
EDGES = [(e.source, e.target) for e in neuron_graph(EXAMPLE_X, EXAMPLE_W, 1.0, 1.0)]


def _fmt(value: float) -> str:
    """2 decimals (scientific if huge), a true minus, and never −0.00."""
    if abs(value) >= 1e4:
        return f"{value:.2e}".replace("-", "−")
    return f"{round(value, 2) + 0.0:.2f}".replace("-", "−")


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
    text = pretty(name) if leaf else SYMBOLS[name]
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
    the chosen parameter move, so the boxes and the x, w and xᵢwᵢ labels are never redrawn.
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
            if len(self.pixels) > 16:  # x or w changed many times: start afresh
                self.pixels.clear()
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
        if source in PARAMETERS:  # a leaf: level first, then to its node (b passes under mul₂)
            bend = (5.2 if source == "b" else 3.0, sy)
            points[source, target] = [trim(source, bend), bend, trim(target, bend)]
        else:
            points[source, target] = [trim(source, q), trim(target, (sx, sy))]
    return points


def _label_spots(points: list, half_width: float = HALF[0]) -> list:
    """Where an edge's two labels are centred: above and below the midpoint of its labelled part.

    Both sit on the normal through that midpoint, at the same fixed distance from it: GAP plus
    how far a label of `half_width` × HALF[1] inches reaches towards the edge. So each pair is
    symmetric about its own wire, however steep the wire is.
    """
    p, q = points[0], points[1]
    if len(points) == 3:  # a leaf's edge: label the level part, where edges are far apart
        q = (q[0], p[1])
    dx, dy = (q[0] - p[0]) * INCH[0], (q[1] - p[1]) * INCH[1]
    n = math.hypot(dx, dy)
    nx, ny = -dy / n, dx / n  # unit normal on the upper side, in inches
    reach = GAP + half_width * abs(nx) + HALF[1] * abs(ny)
    mid = ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)
    return [(mid[0] + s * reach * nx / INCH[0], mid[1] + s * reach * ny / INCH[1]) for s in (1, -1)]


class ChainRuleView:
    """The graph x, w, b → mul → sum → ReLU → L, with values, gradients and one lit-up path."""

    def __init__(self, backward: bool = True) -> None:
        self.backward = bool(backward)
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
            # The forward picture's labels are longer ("m₀ = −3.00"): they keep further away.
            half_width = HALF[0] if self.backward else 1.8 * HALF[0]
            for key, points in _edge_points(self.backdrop, back_ax, boxes).items():
                xs, ys = zip(*points, strict=True)
                (self.lines[key],) = ax.plot(
                    xs, ys, color=GREY, lw=1.8, solid_capstyle="butt", **moving
                )
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
            self.chosen = _node(ax, "w0", ec=BLUE, lw=3.0)
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

    def update(
        self,
        param: str = "w2",
        g: float = 1.0,
        b: float = 1.0,
        x: ArrayLike = EXAMPLE_X,
        w: ArrayLike = EXAMPLE_W,
    ) -> Message:
        """Label every edge for inputs x (3,), weights w (3,), bias b, upstream g; light up `param`."""
        before = self.backdrop.key()
        try:
            return self._update(param, g, b, x, w)
        finally:
            if self.backdrop.key() != before:  # the pasted layer changed: redraw everything
                self.figure.stale = True

    def _update(self, param: str, g: float, b: float, x: ArrayLike, w: ArrayLike) -> Message:
        g, b = as_finite_float(g, "g"), as_finite_float(b, "b")
        # Slider values sit on a 0.1 grid; rounding removes float dust such as −4.999999999999999
        # for −5, so a gate at z = 0 reads as closed, as in exact arithmetic.
        g, b = round(g, 10) + 0.0, round(b, 10) + 0.0
        x, w = as_finite_array(x, "x", ndim=1), as_finite_array(w, "w", ndim=1)
        if x.size != 3 or w.size != 3:
            raise ValueError(
                f"x and w must have 3 entries each (the graph has 3 inputs), got {x.size} and {w.size}"
            )
        path = set(path_from(param))  # also checks the name
        with np.errstate(all="ignore"):
            edges = neuron_graph(x, w, b, g)
            chain = chain_of_factors(param, x, w, b, g)
        numbers = [n for e in edges for n in (e.value, e.grad)] + [chain.value]
        if not all(math.isfinite(n) and abs(n) < 1e300 for n in numbers):
            for text in (*self.values.values(), *self.grads.values()):
                text.set_text("")
            self.symbolic.set_text("")
            self.chain.set_text("overflow")
            return Message("Overflow: these numbers are beyond floating point (±1e300).", "bad")
        z = next(e.value for e in edges if e.source == "sum")
        is_open = z > 0
        for e in edges:
            key = (e.source, e.target)
            lit = self.backward and key in path
            name = "" if self.backward or e.source not in NAMES else f"{NAMES[e.source]} = "
            self.values[key].set_text(name + _fmt(e.value))
            self.grads[key].set_text(_fmt(e.grad))
            self.grads[key].set_fontweight("bold" if lit else "normal")
            self.lines[key].set_color(BLUE if lit else GREY)
            self.lines[key].set_linewidth(4.5 if lit else 1.8)
        self.chosen.set_position(CENTRES[param])
        self.chosen.set_text(pretty(param))
        self.closed.set_visible(not is_open)
        self.gate.set_text(f"{int(is_open)}")
        self.gate.set_color(COLORS["black"] if is_open else ORANGE)
        y = max(z, 0.0)
        if not self.backward:
            terms = " + ".join(_fmt(e.value) for e in edges if e.target == "sum")
            self.chain.set_text(f"y = ReLU({terms}) = ReLU({_fmt(z)}) = {_fmt(y)}")
            return Message(f"Forward pass: z = {_fmt(z)}, y = {_fmt(y)}.")
        self.symbolic.set_text(chain.symbolic())
        self.chain.set_text(f" = {chain.numeric()}")
        if not is_open:
            return Message(
                f"z = {_fmt(z)} ≤ 0: the ReLU gate is closed, so ∂L/∂{pretty(param)} = 0, and so"
                " is every other gradient: this example teaches the neuron nothing.",
                "warn",
            )
        if g == 0:
            return Message(
                "g = ∂L/∂y = 0: what comes after does not care about y, so every gradient is 0.",
                "warn",
            )
        return Message(f"{chain.text()}   (the gate is open: z = {_fmt(z)} > 0)", "ok")


def forward_graph(x: ArrayLike = EXAMPLE_X, w: ArrayLike = EXAMPLE_W, b: float = 1.0) -> Figure:
    """The computational graph of y = ReLU(Σ xᵢwᵢ + b) with the forward value on every edge."""
    view = ChainRuleView(backward=False)
    view.update(param="w2", g=1.0, b=b, x=x, w=w)
    return view.figure


def panel_chain_rule() -> Panel:
    """Pick a parameter, the upstream gradient g and the bias b (to open or close the gate)."""
    parameter = widgets.Dropdown(
        options=[(pretty(p), p) for p in PARAMETERS],
        value="w2",
        description="parameter",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="200px"),
    )
    controls = {
        "param": parameter,
        "g": float_slider("upstream g = ∂L/∂y", 1.0, -3.0, 3.0, 0.1),
        "b": float_slider("bias b", 1.0, -8.0, 8.0, 0.1),
    }
    return Panel(ChainRuleView(), controls, columns=3)


PANELS = {"chain_rule": panel_chain_rule}
