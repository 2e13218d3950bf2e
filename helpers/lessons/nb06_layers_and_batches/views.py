"""The pictures and the panel of 06 · Layers and batches: the two-moons data, and a batch of four
2-D points through a layer of three ReLU units with its backward pass (every number from
helpers.core.layer).

    Z = X W + b  (4, 3),   Y = ReLU(Z),   L = g · Σₙ Σₖ y⁽ⁿ⁾ₖ,  so  G = dL/dY = g everywhere
    dL/dZ = G ⊙ 1[Z > 0],   dL/dW = Xᵀ dL/dZ  (2, 3),   dL/db = Σₙ dL/dZ  (3,),   dL/dX = dL/dZ Wᵀ  (4, 2)

The sliders move unit 0 (its weights W₀₀, W₁₀ and bias b₀) and the upstream gradient g; units 1
and 2 stay where they are.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch, Polygon
from matplotlib.path import Path
from matplotlib.textpath import TextPath, text_to_path
from matplotlib.ticker import FixedLocator
from matplotlib.transforms import Affine2D

from helpers.core._checks import as_finite_array
from helpers.core.layer import dense_relu_backward, dense_relu_forward, leaky_relu_grad
from helpers.text import num, sub
from helpers.ui.panel import Message, Panel
from helpers.ui.params import Param, controls, resolve
from helpers.ui.plotting import COLORS, new_figure, style

__all__ = ["PANELS", "PARAMS", "POINTS", "LayerView", "layer_params", "moons_figure", "panel_layer"]

POINTS = np.array([[1.0, 2.0], [2.0, -1.0], [-1.0, 1.0], [-2.0, -2.0]])  # X, (N, d) = (4, 2)
# Units 1 and 2 (columns 1 and 2 of W) are fixed; unit 0 comes from the sliders.
FIXED_W = np.array([[-1.0, 0.0], [1.0, -1.0]])  # (2, 2): unit 1 w = (−1, 1), unit 2 w = (0, −1)
FIXED_B = np.array([0.5, 0.5])
BOX = (-3.0, 3.0)
UNIT_COLORS = (COLORS["blue"], COLORS["orange"], COLORS["green"])
ON_LINE = 1e-9  # |z| below this: the point sits on unit 0's line (up to rounding)

PARAMS = (
    Param("w0", "weight W₀₀ (from x₀)", default=1.0, lo=-3.0, hi=3.0, step=0.1),
    Param("w1", "weight W₁₀ (from x₁)", default=1.0, lo=-3.0, hi=3.0, step=0.1),
    Param("b", "bias b₀", default=0.5, lo=-5.0, hi=5.0, step=0.1),
    Param("g", "upstream gradient g", default=1.0, lo=-2.0, hi=2.0, step=0.1),
)


def moons_figure(X, labels) -> Figure:
    """The two-moons points (N, 2), coloured by class, with the origin marked: it lies inside the
    cloud's convex hull, so every line through the origin has points on both sides."""
    X = as_finite_array(X, "X", ndim=2)
    labels = np.asarray(labels)
    if X.shape[1] != 2 or labels.shape != (len(X),):
        raise ValueError(
            f"X must be (N, 2) and labels (N,), got shapes {X.shape} and {labels.shape}"
        )
    with style():
        fig, axes = new_figure(figsize=(5.6, 3.4))
        ax = axes[0, 0]
        for cls, colour in zip((0, 1), (COLORS["blue"], COLORS["orange"]), strict=True):
            pts = X[labels == cls]
            ax.plot(pts[:, 0], pts[:, 1], "o", ms=4, color=colour, label=f"class {cls}")
        ax.plot([0.0], [0.0], "P", ms=13, color=COLORS["black"], label="the origin")
        ax.set(xlabel="x₀", ylabel="x₁", aspect="equal")
        ax.set_title(f"two moons: {len(X)} points", fontsize=13)
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
        fig.subplots_adjust(left=0.16, right=0.7, bottom=0.16, top=0.9)
    return fig


def layer_params(w0: float, w1: float, b: float) -> tuple[np.ndarray, np.ndarray]:
    """W (2, 3) and b (3,) of the panel's layer: unit 0 from the sliders, then the fixed units."""
    W = np.column_stack([[w0, w1], FIXED_W])  # (2, 1 + 2)
    return W, np.concatenate([[b], FIXED_B])


# ---- numbers drawn as one path -------------------------------------------------------------
# Agg draws a text artist glyph by glyph in Python (about 1 ms per artist plus 0.1 ms per
# character); the same glyphs as ONE filled path cost about 0.5 ms for all 29 numbers. Each
# character's outline is made once and kept.
_FONT = FontProperties(family="DejaVu Sans", size=11.5)


@lru_cache(maxsize=256)
def _glyph(char: str) -> tuple[Path, float]:
    """The outline of one character in points (baseline at y = 0) and its advance width."""
    width = text_to_path.get_text_width_height_descent(char, _FONT, ismath=False)[0]
    return TextPath((0.0, 0.0), char, prop=_FONT), width


def _strings_path(items) -> Path:
    """One path for [(text, x, y, ha)]: each text placed at (x, y) points, ha 'right'/'center'."""
    pieces = []
    for text, x, y, ha in items:
        glyphs = [_glyph(char) for char in text]
        width = sum(advance for _, advance in glyphs)
        left = x - (width if ha == "right" else width / 2)
        for path, advance in glyphs:
            if len(path.vertices):
                pieces.append(Path(path.vertices + np.array([left, y]), path.codes))
            left += advance
    return Path.make_compound_path(*pieces) if pieces else Path(np.zeros((1, 2)))


# Each unit's arrow starts on its line at the point nearest this anchor (kept apart).
ARROW_ANCHORS = np.array([[0.0, 0.0], [2.3, 1.8], [-2.3, 0.5]])


def _arrow(w: np.ndarray, b: float, anchor: np.ndarray, length: float = 0.75) -> np.ndarray:
    """The outline (7, 2) of an arrow from the point of w·x + b = 0 nearest `anchor`, `length`
    along w: into the active side (a polygon: a FancyArrowPatch costs 5 times more to draw)."""
    norm = float(np.hypot(*w))
    if norm == 0.0:
        return np.full((1, 2), np.nan)
    u = w / norm
    v = np.array([-u[1], u[0]])
    foot = anchor - (anchor @ w + b) * u / norm
    # shaft half-width 0.04, head 0.32 long and 0.34 wide
    return foot + np.array(
        [
            [0.0, -0.04],
            [length - 0.32, -0.04],
            [length - 0.32, -0.17],
            [length, 0.0],
            [length - 0.32, 0.17],
            [length - 0.32, 0.04],
            [0.0, 0.04],
        ]
    ) @ np.array([u, v])


def _line(w: np.ndarray, b: float) -> tuple[list[float], list[float]]:
    """Two far-apart points on w·x + b = 0 (the axes clip the rest); none if w = 0."""
    norm2 = float(w @ w)
    if norm2 == 0.0:
        return [], []
    p0 = -b * w / norm2
    d = np.array([-w[1], w[0]]) / np.sqrt(norm2) * 20.0
    return [p0[0] - d[0], p0[0] + d[0]], [p0[1] - d[1], p0[1] + d[1]]


# Where the panel's table sits, in points from the figure's lower-left corner.
_FIGSIZE = (9.0, 3.5)  # inches
_AX_BOX = (0.75, 0.55, 2.75, 2.75)  # left, bottom, width, height (inches): a square for the box
_UNIT_X = (392.0, 428.0, 464.0)  # right edges of the unit columns (dL/dZ, dL/db, dL/dW)
_INPUT_X = (548.0, 590.0)  # right edges of dL/dX's columns x₀, x₁
_ROW_Y = (180.0, 163.0, 146.0, 129.0)  # example rows n = 0…3
_DB_Y = 104.0
_DW_Y = (64.0, 47.0)  # rows from x₀, x₁


class LayerView:
    """Left: the four points, each unit's boundary w·x + b = 0 with an arrow into its active side
    (z > 0; unit 0 moves with the sliders), filled points where unit 0 is active.
    Right: dL/dZ (4, 3) with its column sums dL/db (3,) under it, dL/dW (2, 3) and dL/dX (4, 2).

    The verdict: "ok" while unit 0 is active on some point; "warn" when it is silent on all four
    (its column of dL/dW and its dL/db are 0), when g = 0 (every gradient is 0), or when a point
    sits on unit 0's line (z = 0: the gate there is the convention ReLU′(0) = 0), or when unit 0
    has W₀₀ = W₁₀ = b₀ = 0 (no line at all: z = 0 on every point, every gate 0).
    """

    def __init__(self) -> None:
        X = POINTS
        with style():
            self.figure, axes = new_figure(figsize=_FIGSIZE)
            ax = self.ax = axes[0, 0]
            W_in, H_in = _FIGSIZE
            left, bottom, width, height = _AX_BOX
            ax.set_position([left / W_in, bottom / H_in, width / W_in, height / H_in])
            ax.set(xlim=BOX, ylim=BOX, xlabel="input x₀", ylabel="input x₁", aspect="equal")
            for axis in (ax.xaxis, ax.yaxis):
                axis.set_major_locator(FixedLocator([-2, -1, 0, 1, 2]))
            # Units 1 and 2 never move: drawn once, in the cached background.
            for k in (1, 2):
                w, b = FIXED_W[:, k - 1], FIXED_B[k - 1]
                ax.plot(*_line(w, b), color=UNIT_COLORS[k], lw=2)
                ax.add_patch(
                    Polygon(_arrow(w, b, ARROW_ANCHORS[k]), color=UNIT_COLORS[k], zorder=3)
                )
            # Unit 0, the points and every number are `animated`: png_bytes redraws only them.
            (self.line,) = ax.plot([], [], color=UNIT_COLORS[0], lw=3, animated=True)
            self.arrow = ax.add_patch(
                Polygon(np.full((1, 2), np.nan), color=UNIT_COLORS[0], zorder=3, animated=True)
            )
            (self.on,) = ax.plot([], [], "o", ms=10, color=COLORS["black"], animated=True)
            (self.off,) = ax.plot(
                [], [], "o", ms=10, mfc="white", mec=COLORS["black"], mew=2, animated=True
            )
            # The point labels, on top of unit 0's line, with a white halo.
            to_points = ax.transData + self.figure.dpi_scale_trans.inverted()  # data -> inches
            labels = [
                (str(n), *(72.0 * to_points.transform((x0 + 0.32, x1 + 0.12))), "center")
                for n, (x0, x1) in enumerate(X)
            ]
            self.labels = labels
            self._path_patch(_strings_path(labels), zorder=6).set_path_effects(
                [patheffects.withStroke(linewidth=3, foreground="white")]
            )
            self.numbers = self._path_patch(_strings_path([]), zorder=6)
            self.cells: dict[str, list[list[str]]] = {}
            self._table_frame()

    def _path_patch(self, path: Path, zorder: float) -> PathPatch:
        """An animated filled path placed in points (1/72 inch) from the figure's corner; added to
        the axes (unclipped), because savefig draws an axes' animated artists, not a figure's."""
        patch = PathPatch(
            path, transform=Affine2D().scale(1 / 72) + self.figure.dpi_scale_trans,
            facecolor=COLORS["black"], edgecolor="none", animated=True, zorder=zorder,
            clip_on=False,
        )  # fmt: skip
        return self.ax.add_patch(patch)

    def _table_frame(self) -> None:
        """The headings of the table: static, drawn once."""
        fig = self.figure
        W_in, H_in = _FIGSIZE

        def put(x, y, text, ha="left", fontsize=11, **kw):
            fig.text(x / 72 / W_in, y / 72 / H_in, text, ha=ha, fontsize=fontsize, **kw)

        put(284, 234, "G = dL/dY = g everywhere,  dL/dZ = G ⊙ 1[Z > 0]")
        put(_UNIT_X[1] - 4, 214, "dL/dZ  (4, 3)", ha="center")
        put(_INPUT_X[0] + 10, 214, "dL/dX = dL/dZ Wᵀ  (4, 2)", ha="center")
        put(284, 197, "unit", color=COLORS["grey"])
        for k, x in enumerate(_UNIT_X):
            put(x - 4, 197, str(k), ha="right", color=UNIT_COLORS[k], weight="bold")
        for i, x in enumerate(_INPUT_X):
            put(x - 4, 197, f"x{sub(str(i))}", ha="right", color=COLORS["grey"])
        for n, y in enumerate(_ROW_Y):
            put(284, y, f"n = {n}", color=COLORS["grey"])
        rule_x = [(_UNIT_X[0] - 40) / 72 / W_in, (_UNIT_X[-1] + 8) / 72 / W_in]
        fig.add_artist(Line2D(rule_x, [(_DB_Y + 15) / 72 / H_in] * 2, color=COLORS["grey"], lw=1))
        put(284, _DB_Y, "dL/db  (3,)")
        put(_UNIT_X[-1] + 12, _DB_Y, "= column sums of dL/dZ", color=COLORS["grey"])
        put(284, 83, "dL/dW = Xᵀ dL/dZ  (2, 3)")
        for i, y in enumerate(_DW_Y):
            put(284, y, f"from x{sub(str(i))}", color=COLORS["grey"])
        put(284, 22, "arrows point into each unit's active side (z > 0);", fontsize=10.5)
        put(284, 8, "● unit 0 active, ○ unit 0 silent", fontsize=10.5)

    def update(self, **values: float) -> Message:
        """Draw the layer with unit 0 = (w0, w1, b) and the upstream gradient g."""
        # The sliders' steps are 0.1, so every value is exact to 1 decimal; rounding to 10 removes
        # float dust such as 2.8e-17 from the slider's arithmetic, so a weight set to 0 is 0 (as in 00).
        v = {name: round(value, 10) for name, value in resolve(PARAMS, values).items()}
        X = POINTS
        W, b = layer_params(v["w0"], v["w1"], v["b"])
        _, cache = dense_relu_forward(X, W, b)
        G = np.full(cache.Z.shape, v["g"])  # L = g·(sum of every output): dL/dY = g everywhere
        grads = dense_relu_backward(G, cache)
        dL_dZ = G * leaky_relu_grad(cache.Z, negative_slope=0.0)  # G ⊙ ReLU′(Z), the core's gate

        active = cache.Z[:, 0] > 0
        self.on.set_data(X[active, 0], X[active, 1])
        self.off.set_data(X[~active, 0], X[~active, 1])
        w0, b0 = W[:, 0], float(b[0])
        self.line.set_data(*_line(w0, b0))
        self.arrow.set_xy(_arrow(w0, b0, ARROW_ANCHORS[0]))

        self.cells = {
            name: [[num(value, "g") for value in row] for row in np.atleast_2d(array)]
            for name, array in [
                ("dL_dZ", dL_dZ),
                ("dL_db", grads.dL_db),
                ("dL_dW", grads.dL_dW),
                ("dL_dX", grads.dL_dX),
            ]
        }
        rows = {"dL_dZ": _ROW_Y, "dL_db": (_DB_Y,), "dL_dW": _DW_Y, "dL_dX": _ROW_Y}
        items = [
            (text, xs[k], rows[name][n], "right")
            for name, table in self.cells.items()
            for xs in [_INPUT_X if name == "dL_dX" else _UNIT_X]
            for n, row in enumerate(table)
            for k, text in enumerate(row)
        ]
        self.numbers.set_path(_strings_path(items))

        return self._verdict(v, cache.Z[:, 0], grads)

    @staticmethod
    def _verdict(v, z0: np.ndarray, grads) -> Message:
        k = int(np.sum(z0 > 0))
        w_text = (
            f"W₀₀ = {num(v['w0'], '.1f')}, W₁₀ = {num(v['w1'], '.1f')}, b₀ = {num(v['b'], '.1f')}"
        )
        on_line = np.flatnonzero(np.abs(z0) < ON_LINE)
        if v["g"] == 0.0:
            return Message("g = 0: L does not depend on the outputs, every gradient is 0", "warn")
        no_weights = v["w0"] == 0.0 and v["w1"] == 0.0  # zeros (after rounding): no line drawn
        if no_weights and v["b"] == 0.0:
            return Message(
                "unit 0 has no weights and no bias: z = b₀ = 0 on every point, so there is no "
                "line and every gate is 0 (ReLU′(0) = 0); its column of dL/dW and dL/db₀ are 0",
                "warn",
            )
        if no_weights and len(on_line):  # 0 < |b₀| < 1e−9 typed in: z = b₀ on every point
            return Message(
                f"unit 0 has no weights: z = b₀ = {num(v['b'], '.0e')} on every point, 0 up to "
                f"rounding, so there is no line and every gate is {int(v['b'] > 0)}; "
                f"dL/db₀ = {num(grads.dL_db[0], 'g')}",
                "warn",
            )
        if len(on_line):
            n = int(on_line[0])
            gate = int(z0[n] > 0)
            exact = "z = 0" if z0[n] == 0.0 else f"z = {num(z0[n], '.0e')}, 0 up to rounding"
            return Message(
                f"point {n} lies on unit 0's line ({exact}): its gate is {gate}. At the kink "
                f"the series takes ReLU′(0) = 0; the smallest move of a slider decides the gate",
                "warn",
            )
        if k == 0:
            return Message(
                f"unit 0 ({w_text}) is silent on all 4 points: its column of dL/dW and its "
                f"dL/db₀ are 0, and it hands nothing back to dL/dX",
                "warn",
            )
        col = grads.dL_dW[:, 0]
        return Message(
            f"unit 0 ({w_text}) passes {k} of 4 points: dL/dW[:, 0] = g · (sum of those "
            f"points) = ({num(col[0], 'g')}, {num(col[1], 'g')}), dL/db₀ = g · {k} = "
            f"{num(grads.dL_db[0], 'g')}"
        )


def panel_layer() -> Panel:
    """Sliders for unit 0's weights and bias and for the upstream gradient g."""
    return Panel(LayerView(), controls(PARAMS), columns=2)


PANELS = {"layer": panel_layer}
