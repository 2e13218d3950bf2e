"""Draw the graph of any `Value` expression with matplotlib (no graphviz needed).

Nodes sit in columns by depth (the leaves on the left, the output on the right); each node is a
box with its name or operation and, once computed, its value; under it, in orange, its gradient
once the backward pass has started. Every edge carries the value flowing forward (black, above)
and, during backward, the share of the gradient flowing back along it (orange, below, `+= …`):
the colours of 02's picture.

`GraphDrawing(ax, root)` lays the graph out once (on axes of `figure_size(root)` inches, filling
their figure, the boxes keep their shape); `show(k)` moves it to the moment after step k
of `helpers.core.trace.steps(root)`. Made for a player (one redraw per click, ≤ 50 ms):
- the node boxes are the only static artists; everything that changes is `animated`, so
  `png_bytes` pastes the boxes from its cache and redraws only the moving parts;
- edges are one LineCollection and one PolyCollection of arrowheads, recoloured per step;
- every text is one `_Labels` artist that pastes pre-rendered bitmaps, one per distinct string
  (a matplotlib Text lays out its string and rasterises its glyphs on every draw: ~1 ms each).
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import get_hinting_flag
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.patches import FancyBboxPatch

from helpers.core.engine import Value
from helpers.core.trace import Step, steps
from helpers.text import num, sub
from helpers.ui.plotting import COLORS

__all__ = ["GraphDrawing", "figure_size", "layout"]

FORWARD, BACKWARD, IDLE = COLORS["black"], COLORS["vermillion"], "#b0b0b0"
CURRENT = "#fff2b3"  # the node of the current step
BOX_W, BOX_H = 0.56, 0.5  # a node's box, in data units (columns and rows are 1 apart)
INCHES = (1.35, 0.8)  # one column, one row (see `figure_size`)
MARGIN = (0.45, 0.45, 0.8)  # data units around the nodes: left and right, top, bottom


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


def figure_size(root: Value) -> tuple[float, float]:
    """(width, height) in inches for the axes of `root`'s graph to fill, at the scale `INCHES`."""
    pos = layout(root).values()
    cols = max(x for x, _ in pos)
    rows = 2 * max(abs(y) for _, y in pos)
    return (
        INCHES[0] * (cols + 2 * MARGIN[0]),
        INCHES[1] * (rows + MARGIN[1] + MARGIN[2]),
    )


def _name(node: Value) -> str:
    if node.label:
        return sub(node.label)
    return {"*": "×", "+": "+", "/": "÷"}.get(node._op, node._op) if node._prev else "const"


class _Labels(Artist):
    """Short texts at data points, drawn as cached bitmaps (one per string, colour and dpi), on
    white, so that a line under a label does not cross its digits.

    `items` maps a key to (x, y, text, colour, size); an empty text is not drawn. Each text is
    centred horizontally on x, with the middle of its digits on y.
    """

    def __init__(self, ax: Axes) -> None:
        super().__init__()
        self.axes = ax
        self.items: dict[object, tuple[float, float, str, str, float]] = {}
        self._bitmaps: dict[tuple, tuple[np.ndarray, float]] = {}
        self._family = mpl.rcParams["font.family"]
        self.set_animated(True)
        self.set_zorder(5)

    def _bitmap(self, text: str, colour: str, size: float, dpi: float) -> tuple[np.ndarray, float]:
        """(RGBA image (h, w, 4), its descent in pixels) of `text`, rendered once."""
        key = (text, colour, size, dpi)
        if key not in self._bitmaps:
            font = get_font(findfont(FontProperties(family=self._family, size=size)))
            font.clear()
            font.set_size(size, dpi)
            font.set_text(text, 0.0, flags=get_hinting_flag())
            font.draw_glyphs_to_bitmap(antialiased=True)
            alpha = np.asarray(font.get_image())  # (h, w) coverage of each pixel
            alpha = np.pad(alpha, 1)[..., None] / 255.0  # (h + 2, w + 2, 1), a 1-pixel margin
            rgb = np.array(to_rgba(colour)[:3])
            rgba = np.full((*alpha.shape[:2], 4), 255, dtype=np.uint8)  # on opaque white,
            rgba[..., :3] = np.round(255 * (alpha * rgb + (1 - alpha))).astype(np.uint8)
            self._bitmaps[key] = (rgba[::-1].copy(), font.get_descent() / 64.0)  # rows bottom-up
        return self._bitmaps[key]

    def draw(self, renderer) -> None:
        if not self.get_visible():
            return
        gc = renderer.new_gc()
        to_pixels = self.axes.transData.transform
        for x, y, text, colour, size in self.items.values():
            if not text:
                continue
            image, descent = self._bitmap(text, colour, size, renderer.dpi)
            px, py = to_pixels((x, y))
            baseline = py - 0.36 * size * renderer.dpi / 72  # digits' middle on y
            renderer.draw_image(
                gc, round(px - image.shape[1] / 2), round(baseline - descent), image
            )
        gc.restore()
        self.stale = False


def _edge_path(start, end, bend: float, n: int = 12) -> np.ndarray:
    """Points (n, 2) of the edge from box to box: straight, or a bent arc (bend ≠ 0)."""
    (x0, y0), (x1, y1) = start, end
    a = np.array([x0 + BOX_W / 2, y0])
    b = np.array([x1 - BOX_W / 2, y1])
    middle = (a + b) / 2 + bend * np.array([-(b - a)[1], (b - a)[0]])
    s = np.linspace(0.0, 1.0, n)[:, None]
    return (1 - s) ** 2 * a + 2 * s * (1 - s) * middle + s**2 * b  # a quadratic Bézier curve


def _arrowhead(path: np.ndarray, length: float = 0.09, width: float = 0.045) -> np.ndarray:
    """The triangle (3, 2) at the end of `path`, pointing along its last segment."""
    tip = path[-1]
    direction = tip - path[-2]
    direction /= np.hypot(*direction)
    normal = np.array([-direction[1], direction[0]])
    back = tip - length * direction
    return np.array([tip, back + width * normal, back - width * normal])


class GraphDrawing:
    """The graph of `root` drawn on `ax`, with artists that `show(step)` updates."""

    def __init__(self, ax: Axes, root: Value, fontsize: float = 11.0) -> None:
        self.ax, self.root, self.fontsize = ax, root, fontsize
        self.pos = layout(root)
        self.trace = steps(root)
        self.edges: list[tuple[Value, Value, int]] = []  # (input, node, slot)
        paths, heads = [], []
        for node in self.pos:
            for slot, child in enumerate(node._prev):
                # an input used twice by one node (a + a) gets two arcs, bent apart
                twice = node._prev.count(child) > 1
                bend = 0.3 * (slot - (len(node._prev) - 1) / 2) if twice else 0.0
                path = _edge_path(self.pos[child], self.pos[node], bend)
                self.edges.append((child, node, slot))
                paths.append(path)
                heads.append(_arrowhead(path))
        self.paths = paths
        self.lines = LineCollection(paths, colors=IDLE, linewidths=1.4, animated=True, zorder=1)
        self.heads = PolyCollection(heads, facecolors=IDLE, edgecolors="none", animated=True)
        self.heads.set_zorder(1)
        ax.add_collection(self.lines)
        ax.add_collection(self.heads)
        for x, y in self.pos.values():  # the only static artists
            ax.add_patch(
                FancyBboxPatch(
                    (x - BOX_W / 2, y - BOX_H / 2),
                    BOX_W,
                    BOX_H,
                    boxstyle="round,pad=0.02",
                    fc="white",
                    ec=FORWARD,
                    lw=1.1,
                    zorder=2,
                )
            )
        self.highlight = FancyBboxPatch(
            (0, 0), BOX_W, BOX_H, boxstyle="round,pad=0.02", fc=CURRENT, ec=FORWARD, lw=1.1
        )
        self.highlight.set_animated(True)
        self.highlight.set_zorder(3)
        ax.add_patch(self.highlight)
        self.labels = _Labels(ax)
        ax.add_artist(self.labels)
        cols = max(x for x, _ in self.pos.values())
        rows = max(abs(y) for _, y in self.pos.values())
        ax.set(xlim=(-MARGIN[0], cols + MARGIN[0]), ylim=(-rows - MARGIN[2], rows + MARGIN[1]))
        ax.set_axis_off()
        self.step = self.show(0)

    def texts(self) -> dict[object, str]:
        """What is written now, by place: ("name"|"value"|"grad", node), ("value"|"share", edge)."""
        return {key: text for key, (_, _, text, _, _) in self.labels.items.items() if text}

    def show(self, k: int) -> Step:
        """Draw the moment after step k (0-based, clipped to the trace). Returns that step."""
        k = max(0, min(int(k), len(self.trace) - 1))
        step = self.trace[k]
        computed = {s.node for s in self.trace[: k + 1] if s.phase == "forward"}
        shares = {}
        for s in self.trace[: k + 1]:
            if s.phase == "backward":
                for slot, (_, share) in enumerate(s.shares):
                    shares[(s.node, slot)] = share
        items, small = {}, self.fontsize - 1
        for node, (x, y) in self.pos.items():
            shown = node in computed
            items["name", node] = (x, y + 0.1, _name(node), FORWARD if shown else IDLE, small)
            value = num(node.data, ".3g") if shown else ""
            items["value", node] = (x, y - 0.12, value, FORWARD, self.fontsize)
            grad = f"grad {num(step.grads[node], '.3g')}" if step.grads else ""
            items["grad", node] = (x, y - BOX_H / 2 - 0.17, grad, BACKWARD, small)
        colours = []
        for (child, node, slot), path in zip(self.edges, self.paths, strict=True):
            (x, y), (dx, dy) = path[len(path) // 2], path[-1] - path[0]
            nx, ny = np.array([-dy, dx]) / np.hypot(
                dx, dy
            )  # the edge's normal, pointing up = shares.get((node, slot))
            flowed = child in computed
            value = num(child.data, ".3g") if flowed else ""
            got = shares.get((node, slot))
            items["value", (child, node, slot)] = (
                x + 0.1 * nx,
                y + 0.1 * ny,
                value,
                FORWARD,
                small,
            )
            share = f"+= {num(got, '.3g')}" if got is not None else ""
            items["share", (child, node, slot)] = (
                x - 0.1 * nx,
                y - 0.12 * ny,
                share,
                BACKWARD,
                small,
            )
            colours.append(BACKWARD if got is not None else (FORWARD if flowed else IDLE))
        self.labels.items = items
        self.lines.set_color(colours)
        self.heads.set_facecolor(colours)
        x, y = self.pos[step.node]
        self.highlight.set_x(x - BOX_W / 2)
        self.highlight.set_y(y - BOX_H / 2)
        self.step = step
        return step
