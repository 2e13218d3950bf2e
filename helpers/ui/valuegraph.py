"""Draw the graph of any `Value` expression with matplotlib (no graphviz needed).

Nodes sit in columns by depth (the leaves on the left, the output on the right), never closer than
`GAP` in a column; each node is a box with its name (a leaf's label, or an operation numbered in
the order it is computed: ×₁, +₂, …) and, once computed, its value; under it, in orange, its
gradient once the backward pass has started. An edge that skips a column bends around the boxes
in between. Every edge carries the value flowing forward (black) until,
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

__all__ = ["GraphDrawing", "figure_size", "layout", "node_names", "scale"]

FORWARD, BACKWARD, IDLE = COLORS["black"], COLORS["vermillion"], "#b0b0b0"
CURRENT = "#fff2b3"  # the node of the current step
BOX_W, BOX_H = 0.5, 0.5  # a node's box, in data units (columns are 1 apart)
ROW = 1.25  # leaves are this far apart
INCHES = (2.1, 1.05)  # one data unit across, one up (see `figure_size`)
MAX_INCHES = (9.5, 6.5)  # 950 × 650 px at most: the worked neuron (7 leaves) fills the height
MARGIN = (0.45, 0.45, 0.8)  # data units around the nodes: left and right, top, bottom
GAP = 1.0  # the least distance between two boxes of one column (room for the grad under a box)
_BENDS = (0.0, 0.8, -0.8, 1.2, -1.2, 1.7, -1.7, 2.3, -2.3, 3.0, -3.0)  # tried in this order


def layout(root: Value) -> dict[Value, tuple[float, float]]:
    """(x, y) for every node: x = the column, the longest path from a leaf (a leaf sits just left
    of its first user), so the output is on the right; y as in a tidy tree: the leaves top to
    bottom, ROW apart, in the order a reader meets them (depth first from the output, inputs in
    order), every other node level with its inputs' mean; then, column by column, nodes closer
    than GAP are pushed apart as little as possible (their order kept)."""
    order = root.topological_order()
    depth: dict[Value, int] = {}
    for node in order:  # inputs come first, so their depths are known
        depth[node] = 1 + max((depth[c] for c in node._prev), default=-1)
    for node in order:  # a leaf moves right, next to its first user
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
    leaf_row = {leaf: -ROW * i for i, leaf in enumerate(leaves)}
    row: dict[Value, float] = {}
    for column in range(max(depth.values()) + 1):  # inputs sit in earlier columns
        nodes = [n for n in order if depth[n] == column]
        wanted = {
            n: sum(row[c] for c in n._prev) / len(n._prev) if n._prev else leaf_row[n]
            for n in nodes
        }
        row.update(_spread(sorted(nodes, key=lambda n: -wanted[n]), wanted))
    middle = (max(row.values()) + min(row.values())) / 2
    return {node: (float(depth[node]), row[node] - middle) for node in order}


def _spread(nodes: list[Value], wanted: dict[Value, float]) -> dict[Value, float]:
    """y for `nodes` (sorted top to bottom by `wanted`), at least GAP apart, each group of pushed
    nodes centred on what its members wanted (least squares)."""
    blocks: list[list[Value]] = []
    top: list[float] = []  # y of each block's first node
    for node in nodes:
        blocks.append([node])
        top.append(wanted[node])
        while len(blocks) > 1 and top[-2] - GAP * len(blocks[-2]) < top[-1]:  # they overlap
            merged = blocks[-2] + blocks[-1]
            blocks[-2:] = [merged]
            top[-2:] = [sum(wanted[n] + GAP * i for i, n in enumerate(merged)) / len(merged)]
    return {
        n: t - GAP * i for block, t in zip(blocks, top, strict=True) for i, n in enumerate(block)
    }


def _edge_paths(
    pos: dict[Value, tuple[float, float]],
) -> list[tuple[Value, Value, int, np.ndarray]]:
    """(input, node, slot, points (n, 2)) of every edge: straight where nothing is in the way; an
    edge that would cross another box bends around it (the first of `_BENDS` that clears)."""
    edges = []
    for node in pos:
        for slot, child in enumerate(node._prev):
            if node._prev.count(child) > 1:  # an input used twice by one node (a + a): two arcs
                bends = (0.5 * (slot - (len(node._prev) - 1) / 2),)
            else:
                bends = _BENDS
            others = [xy for n, xy in pos.items() if n is not child and n is not node]
            for bend in bends:
                path = _edge_path(pos[child], pos[node], bend)
                if not any(_crosses(path, xy) for xy in others):
                    break
            edges.append((child, node, slot, path))
    return edges


_CHAR, _LABEL_H = 0.052, 0.24  # an edge label's room in data units: width per character, height
_ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75)  # where on its edge a label may sit, tried in order


def _label_places(pos, edges, longest) -> dict[tuple[Value, Value, int], tuple[float, float]]:
    """Where each edge's label sits: the first point along the edge (middle first) whose label
    would not cover a box, a grad under a box, or a label placed before (the least covered one
    if none is clear)."""
    taken = []  # (x, y, half width, half height) of what a label must not cover
    for x, y in pos.values():
        taken.append((x, y, BOX_W / 2, BOX_H / 2))
        taken.append((x, y - BOX_H / 2 - 0.17, 0.3, 0.12))  # the grad under the box
    places = {}
    for child, node, slot, path in edges:
        half = (_CHAR * longest[child, node, slot] + 0.04) / 2, _LABEL_H / 2
        best, fewest = None, None
        for t in _ALONG:
            px, py = path[round(t * (len(path) - 1))]
            covered = sum(
                abs(px - x) < w + half[0] and abs(py - y) < h + half[1] for x, y, w, h in taken
            )
            if fewest is None or covered < fewest:
                best, fewest = (float(px), float(py)), covered
            if not covered:
                break
        places[child, node, slot] = best
        taken.append((*best, *half))
    return places


def _crosses(path: np.ndarray, centre: tuple[float, float], pad: float = 0.1) -> bool:
    """Whether `path` passes through the box at `centre` (grown by `pad` on every side)."""
    inside = (np.abs(path[:, 0] - centre[0]) < BOX_W / 2 + pad) & (
        np.abs(path[:, 1] - centre[1]) < BOX_H / 2 + pad
    )
    return bool(inside.any())


def _extent(root: Value) -> tuple[float, float, float]:
    """(columns, lowest y, highest y) of the drawing: the boxes and the edges' arcs."""
    pos = layout(root)
    ys = [y for _, y in pos.values()]
    for *_, path in _edge_paths(pos):
        ys += [float(path[:, 1].min()), float(path[:, 1].max())]
    return max(x for x, _ in pos.values()), min(ys), max(ys)


def figure_size(root: Value) -> tuple[float, float]:
    """(width, height) in inches for the axes of `root`'s graph to fill: at the scale `INCHES`,
    shrunk (both ways alike, so boxes keep their shape) to fit `MAX_INCHES` — the time to encode
    a panel's picture grows with its area."""
    width, height = _natural_size(root)
    s = scale(root)
    return width * s, height * s


def _natural_size(root: Value) -> tuple[float, float]:
    cols, low, high = _extent(root)
    width = INCHES[0] * (cols + 2 * MARGIN[0])
    height = INCHES[1] * (max(high - low, 0.6) + MARGIN[1] + MARGIN[2])
    return width, height


def scale(root: Value) -> float:
    """How much `figure_size` shrinks the drawing (1: not at all); text shrinks with it."""
    width, height = _natural_size(root)
    return min(1.0, MAX_INCHES[0] / width, MAX_INCHES[1] / height)


def node_names(root: Value) -> dict[Value, str]:
    """What each node is called: a leaf its label ("const" without one); an operation its symbol,
    numbered in the order the forward pass computes it (×₁, +₂, …), after its label if it has one."""
    names, k = {}, 0
    for node in root.topological_order():
        if not node._prev:
            names[node] = sub(node.label) if node.label else "const"
            continue
        k += 1
        op = node._op
        symbol = {"*": "×", "/": "÷"}.get(
            op, "^" + num(float(op[2:]), "g") if op[:2] == "**" else op
        )
        names[node] = f"{sub(node.label)} ({symbol})" if node.label else symbol + sub(str(k))
    return names


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


def _edge_path(start, end, bend: float, n: int = 21) -> np.ndarray:
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

    def __init__(self, ax: Axes, root: Value, fontsize: float = 15.0) -> None:
        self.ax, self.root = ax, root
        self.pos = layout(root)
        self.names = node_names(root)
        self.trace = steps(root)
        edges = _edge_paths(self.pos)
        self.edges = [(child, node, slot) for child, node, slot, _ in edges]
        self.paths = paths = [path for *_, path in edges]
        heads = [_arrowhead(path) for path in paths]
        longest = {(c, n, k): len(num(c.data, ".3g")) for c, n, k in self.edges}
        for step in self.trace:  # the longest text each edge will show: its value or a share
            for slot, (child, share) in enumerate(step.shares):
                key = (child, step.node, slot)
                longest[key] = max(longest[key], len(f"+= {num(share, '.3g')}"))
        self.label_at = _label_places(self.pos, edges, longest)
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
        cols, low, high = _extent(root)
        if high - low < 0.6:  # room for the arcs of a + a
            low, high = (low + high) / 2 - 0.3, (low + high) / 2 + 0.3
        ax.set(xlim=(-MARGIN[0], cols + MARGIN[0]), ylim=(low - MARGIN[2], high + MARGIN[1]))
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
            name = self.names[node]
            items["name", node] = (x, y + 0.1, name, FORWARD if shown else IDLE, small, False)
            value = num(node.data, ".3g") if shown else ""
            items["value", node] = (x, y - 0.12, value, FORWARD, self.fontsize, False)
            grad = f"grad {num(step.grads[node], '.3g')}" if node in reached else ""
            items["grad", node] = (x, y - BOX_H / 2 - 0.17, grad, BACKWARD, small, True)
        colours = []
        for child, node, slot in self.edges:
            x, y = self.label_at[child, node, slot]  # one label: its value, then its share
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
