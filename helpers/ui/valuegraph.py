"""Draw the graph of any `Value` expression with matplotlib (no graphviz needed).

Nodes sit in columns by depth (the leaves on the left, the output on the right); each node is a
box with its name or operation and, once computed, its value; under it, in orange, its gradient
once the backward pass has started. Every edge carries the value flowing forward (black) until,
during backward, the share of the gradient flowing back along it replaces it (orange, `+= …`):
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
BOX_W, BOX_H = 0.5, 0.5  # a node's box, in data units (columns are 1 apart)
ROW = 1.25  # leaves are this far apart
INCHES = (1.5, 0.75)  # one data unit across, one up (see `figure_size`)
MAX_INCHES = (9.0, 6.5)
MARGIN = (0.45, 0.45, 0.8)  # data units around the nodes: left and right, top, bottom


def layout(root: Value) -> dict[Value, tuple[float, float]]:
    """(x, y) for every node: x = the column, the longest path from a leaf (a leaf sits just left
    of its first user), so the output is on the right; y as in a tidy tree: the leaves top to
    bottom, ROW apart, in the order a reader meets them (depth first from the output, inputs in
    order), every other node level with its inputs' mean."""
    order = root.topological_order()
    depth: dict[Value, int] = {}
    for node in order:  # inputs come first, so their depths are known
        depth[node] = 1 + max((depth[c] for c in node._prev), default=-1)
    for node in order:  # a leaf moves right, next to its first user (no edge skips a column)
        for child in node._prev:
            if not child._prev:
                first = min(depth[u] for u in order if child in u._prev)
                depth[child] = first - 1
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
    row = {leaf: -ROW * i for i, leaf in enumerate(leaves)}
    for node in order:
        if node._prev:
            row[node] = sum(row[c] for c in node._prev) / len(node._prev)
    middle = ROW * (len(leaves) - 1) / 2
    return {node: (float(depth[node]), row[node] + middle) for node in order}


def figure_size(root: Value) -> tuple[float, float]:
    """(width, height) in inches for the axes of `root`'s graph to fill: at the scale `INCHES`,
    shrunk (both ways alike, so boxes keep their shape) to fit `MAX_INCHES` — the time to encode
    a panel's picture grows with its area."""
    pos = layout(root).values()
    cols = max(x for x, _ in pos)
    rows = max(2 * max(abs(y) for _, y in pos), 0.6)  # room for the arcs of a + a
    width = INCHES[0] * (cols + 2 * MARGIN[0])
    height = INCHES[1] * (rows + MARGIN[1] + MARGIN[2])
    scale = min(1.0, MAX_INCHES[0] / width, MAX_INCHES[1] / height)
    return width * scale, height * scale


def _name(node: Value) -> str:
    if node.label:
        return sub(node.label)
    return {"*": "×", "+": "+", "/": "÷"}.get(node._op, node._op) if node._prev else "const"


class _Labels(Artist):
    """Short texts at data points, drawn as cached bitmaps (one per string, colour and dpi).

    `items` maps a key to (x, y, text, colour, size, halo); an empty text is not drawn; with
    `halo` its box is opaque white (for a label on a line). Each text is
    centred horizontally on x, with the middle of its digits on y.
    """

    def __init__(self, ax: Axes) -> None:
        super().__init__()
        self.axes = ax
        self.items: dict[object, tuple[float, float, str, str, float, bool]] = {}
        self._bitmaps: dict[tuple, tuple[np.ndarray, float]] = {}
        self._family = mpl.rcParams["font.family"]
        self.set_animated(True)
        self.set_zorder(5)

    def _bitmap(
        self, text: str, colour: str, size: float, halo: bool, dpi: float
    ) -> tuple[np.ndarray, float]:
        """(RGBA image (h, w, 4), its descent in pixels) of `text`, rendered once."""
        key = (text, colour, size, halo, dpi)
        if key not in self._bitmaps:
            font = get_font(findfont(FontProperties(family=self._family, size=size)))
            font.clear()
            font.set_size(size, dpi)
            font.set_text(text, 0.0, flags=get_hinting_flag())
            font.draw_glyphs_to_bitmap(antialiased=True)
            alpha = np.asarray(font.get_image())  # (h, w) coverage of each pixel
            alpha = np.pad(alpha, 1)[..., None] / 255.0  # (h + 2, w + 2, 1), a 1-pixel margin
            rgb = np.array(to_rgba(colour)[:3])
            rgba = np.full((*alpha.shape[:2], 4), 255, dtype=np.uint8)
            if halo:  # on opaque white
                rgba[..., :3] = np.round(255 * (alpha * rgb + (1 - alpha))).astype(np.uint8)
            else:  # on nothing
                rgba[..., :3] = np.round(255 * rgb).astype(np.uint8)
                rgba[..., 3] = np.round(255 * alpha[..., 0]).astype(np.uint8)
            self._bitmaps[key] = (rgba[::-1].copy(), font.get_descent() / 64.0)  # rows bottom-up
        return self._bitmaps[key]

    def draw(self, renderer) -> None:
        if not self.get_visible():
            return
        gc = renderer.new_gc()
        to_pixels = self.axes.transData.transform
        for x, y, text, colour, size, halo in self.items.values():
            if not text:
                continue
            image, descent = self._bitmap(text, colour, size, halo, renderer.dpi)
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
    normal = np.array([-(b - a)[1], (b - a)[0]]) / np.hypot(*(b - a))
    middle = (a + b) / 2 + bend * normal  # the control point: the arc's middle is bend/2 away
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
        self.ax, self.root = ax, root
        self.pos = layout(root)
        self.trace = steps(root)
        self.edges: list[tuple[Value, Value, int]] = []  # (input, node, slot)
        paths, heads = [], []
        for node in self.pos:
            for slot, child in enumerate(node._prev):
                # an input used twice by one node (a + a) gets two arcs, bent apart
                twice = node._prev.count(child) > 1
                bend = 0.5 * (slot - (len(node._prev) - 1) / 2) if twice else 0.0
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
        # text keeps its size in points: shrink it with a figure that `figure_size` shrank
        unit = ax.get_position().width * ax.figure.get_figwidth() / (cols + 2 * MARGIN[0])
        self.fontsize = fontsize * min(1.0, unit / INCHES[0])
        self.step = self.show(0)

    def texts(self) -> dict[object, str]:
        """What is written now, by place: ("name"|"value"|"grad", node), ("edge", (input, node, slot))."""
        return {key: item[2] for key, item in self.labels.items.items() if item[2]}

    def show(self, k: int) -> Step:
        """Draw the moment after step k (0-based, clipped to the trace). Returns that step."""
        k = max(0, min(int(k), len(self.trace) - 1))
        step = self.trace[k]
        computed = {s.node for s in self.trace[: k + 1] if s.phase == "forward"}
        shares, reached = {}, set()  # reached: the nodes whose grad has started to arrive
        for s in self.trace[: k + 1]:
            if s.phase == "backward":
                reached.add(s.node)
                for slot, (child, share) in enumerate(s.shares):
                    shares[(s.node, slot)] = share
                    reached.add(child)
        items, small = {}, self.fontsize - 1
        for node, (x, y) in self.pos.items():
            shown = node in computed
            name = _name(node)
            items["name", node] = (x, y + 0.1, name, FORWARD if shown else IDLE, small, False)
            value = num(node.data, ".3g") if shown else ""
            items["value", node] = (x, y - 0.12, value, FORWARD, self.fontsize, False)
            grad = f"grad {num(step.grads[node], '.3g')}" if node in reached else ""
            items["grad", node] = (x, y - BOX_H / 2 - 0.17, grad, BACKWARD, small, True)
        colours = []
        for (child, node, slot), path in zip(self.edges, self.paths, strict=True):
            x, y = path[len(path) // 2]  # one label, on the edge: its value, then its share
            got = shares.get((node, slot))
            if got is not None:
                text, colour = f"+= {num(got, '.3g')}", BACKWARD
            elif child in computed:
                text, colour = num(child.data, ".3g"), FORWARD
            else:
                text, colour = "", IDLE
            items["edge", (child, node, slot)] = (x, y, text, colour, small, True)
            colours.append(colour)
        self.labels.items = items
        self.lines.set_color(colours)
        self.heads.set_facecolor(colours)
        x, y = self.pos[step.node]
        self.highlight.set_x(x - BOX_W / 2)
        self.highlight.set_y(y - BOX_H / 2)
        self.step = step
        return step
