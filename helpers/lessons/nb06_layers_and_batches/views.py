"""The panel of 06 · Layers and batches: a batch of four 2-D points, a layer of three ReLU units,
each unit's active half-plane, which point passes which gate, and the layer's backward pass
(every number from helpers.core.layer).

    Z = X W + b  (4, 3),   Y = ReLU(Z),   L = g · Σₙ Σₖ y⁽ⁿ⁾ₖ,  so  G = dL/dY = g everywhere
    dL/dZ = G ⊙ 1[Z > 0],   dL/dW = Xᵀ dL/dZ  (2, 3),   dL/db = Σₙ dL/dZ  (3,),   dL/dX = dL/dZ Wᵀ  (4, 2)

The sliders move unit 0 (its weights w₀, w₁ and bias b) and the upstream gradient g; units 1
and 2 stay where they are.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Polygon
from matplotlib.ticker import FixedLocator

from helpers.core.layer import dense_relu_backward, dense_relu_forward
from helpers.text import num
from helpers.ui.panel import Message, Panel
from helpers.ui.params import Param, controls, resolve
from helpers.ui.plotting import COLORS, new_figure, style

__all__ = [
    "PANELS",
    "PARAMS",
    "POINTS",
    "LayerView",
    "active_region",
    "layer_params",
    "ledger",
    "panel_layer",
]

POINTS = np.array([[1.0, 2.0], [2.0, -1.0], [-1.0, 1.0], [-2.0, -2.0]])  # X, (N, d) = (4, 2)
# Units 1 and 2 (columns 1 and 2 of W) are fixed; unit 0 comes from the sliders.
FIXED_W = np.array([[-1.0, 0.0], [1.0, -1.0]])  # (2, 2): unit 1 w = (−1, 1), unit 2 w = (0, −1)
FIXED_B = np.array([0.5, 0.5])
BOX = (-3.0, 3.0)
UNIT_COLORS = (COLORS["blue"], COLORS["orange"], COLORS["green"])

PARAMS = (
    Param("w0", "unit 0: weight w₀", default=1.0, lo=-3.0, hi=3.0, step=0.1),
    Param("w1", "unit 0: weight w₁", default=1.0, lo=-3.0, hi=3.0, step=0.1),
    Param("b", "unit 0: bias b", default=0.5, lo=-5.0, hi=5.0, step=0.1),
    Param("g", "upstream gradient g", default=1.0, lo=-2.0, hi=2.0, step=0.1),
)


def layer_params(w0: float, w1: float, b: float) -> tuple[np.ndarray, np.ndarray]:
    """W (2, 3) and b (3,) of the panel's layer: unit 0 from the sliders, then the fixed units."""
    W = np.column_stack([[w0, w1], FIXED_W])  # (2, 1 + 2)
    return W, np.concatenate([[b], FIXED_B])


def active_region(w: np.ndarray, b: float, box: tuple[float, float] = BOX) -> np.ndarray:
    """The corners (k, 2) of the part of the square box × box where w·x + b > 0 (k = 0 if none)."""
    lo, hi = box
    corners = np.array([[lo, lo], [hi, lo], [hi, hi], [lo, hi]])
    kept = []
    for p, q in zip(corners, np.roll(corners, -1, axis=0), strict=True):  # clip each edge
        fp, fq = float(p @ w + b), float(q @ w + b)
        if fp > 0:
            kept.append(p)
        if (fp > 0) != (fq > 0) and fp != fq:
            kept.append(p + (q - p) * fp / (fp - fq))
    return np.array(kept).reshape(-1, 2)


def _matrix(a: np.ndarray, spec: str = ".1f", width: int = 5) -> list[str]:
    """Rows of a 1-D or 2-D array as aligned text, with a true minus."""
    return [" ".join(f"{num(v, spec):>{width}}" for v in row) for row in np.atleast_2d(a)]


def ledger(X: np.ndarray, W: np.ndarray, b: np.ndarray, Z: np.ndarray, grads) -> str:
    """The shape of every array of the forward and backward pass, read from the arrays."""
    N, d = X.shape
    m = W.shape[1]
    return "\n".join(
        [
            "shape ledger",
            f"X          {X.shape}  N × d",
            f"W          {W.shape}  d × m",
            f"b          {b.shape}    one per unit",
            f"Z = XW + b {Z.shape}",
            f"G = dL/dY  {Z.shape}",
            "dL/dZ = G ⊙ 1[Z > 0]",
            f"           {Z.shape}",
            "dL/dW = Xᵀ dL/dZ",
            f"  ({d}, {N})({N}, {m}) → {grads.dL_dW.shape}",
            "  = W's shape",
            "dL/db = Σₙ dL/dZ",
            f"  {N} rows summed → {grads.dL_db.shape}",
            "  = b's shape",
            "dL/dX = dL/dZ Wᵀ",
            f"  ({N}, {m})({m}, {d}) → {grads.dL_dX.shape}",
            "  = X's shape",
        ]
    )


class LayerView:
    """Left: the four points, each unit's boundary w·x + b = 0 and its shaded active side (unit 0
    moves with the sliders), each point labelled with its gates 1[z > 0] for units 0, 1, 2.
    Right: the shape ledger and the gradients dL/dZ, dL/dW, dL/db and dL/dX as arrays.

    The verdict: "ok" while unit 0 is active on some point; "warn" when it is silent on all four
    (its column of dL/dW and its dL/db are 0) or when g = 0 (every gradient is 0).
    """

    def __init__(self) -> None:
        X = POINTS
        with style():
            self.figure, axes = new_figure(figsize=(11.0, 5.4))
            ax = self.ax = axes[0, 0]
            ax.set_position([0.06, 0.11, 0.36, 0.8])
            ax.set(xlim=BOX, ylim=BOX, xlabel="input x₀", ylabel="input x₁", aspect="equal")
            for axis in (ax.xaxis, ax.yaxis):
                axis.set_major_locator(FixedLocator([-2, -1, 0, 1, 2]))
            # Units 1 and 2 never move: drawn once, in the cached background.
            for k in (1, 2):
                w, b = FIXED_W[:, k - 1], FIXED_B[k - 1]
                ax.add_patch(
                    Polygon(active_region(w, b), closed=True, color=UNIT_COLORS[k], alpha=0.12)
                )
                ax.plot(*self._line(w, b), color=UNIT_COLORS[k], lw=2)
            # Unit 0 and every number are `animated`: png_bytes redraws only them.
            self.region = Polygon(
                np.full((1, 2), np.nan), closed=True, color=UNIT_COLORS[0], alpha=0.2, animated=True
            )
            ax.add_patch(self.region)
            (self.line,) = ax.plot([], [], color=UNIT_COLORS[0], lw=3.5, animated=True)
            (self.on,) = ax.plot([], [], "o", ms=11, color=COLORS["black"], animated=True)
            (self.off,) = ax.plot(
                [], [], "o", ms=11, mfc="white", mec=COLORS["black"], mew=2, animated=True
            )
            # Each point's label "n: g₀ g₁ g₂": units 1 and 2 never change, so only unit 0's
            # gate is animated (text is most of a redraw's cost).
            Z_fixed = X @ FIXED_W + FIXED_B  # (4, 2), drawn once
            for n, (x0, x1) in enumerate(X):
                fixed = " ".join(str(int(z > 0)) for z in Z_fixed[n])
                ax.text(x0 + 0.18, x1 + 0.1, f"{n}:   {fixed}", fontsize=12, family="monospace")
            self.labels = [
                ax.text(x0 + 0.18, x1 + 0.1, "", fontsize=12, animated=True, family="monospace")
                for x0, x1 in X
            ]
            ax.set_title("● unit 0 active, ○ silent;  label n: gates of units 0 1 2", fontsize=12)
            self.figure.text(
                0.06, 0.015, "unit 0 (blue, the sliders), unit 1 (orange), unit 2 (green); "
                "shaded: z > 0", fontsize=11,
            )  # fmt: skip
            # The shapes never change: the ledger is drawn once, from the core's arrays.
            W, b = layer_params(*(p.default for p in PARAMS[:3]))
            _, cache = dense_relu_forward(X, W, b)
            grads = dense_relu_backward(np.ones_like(cache.Z), cache)
            self.figure.text(
                0.47, 0.97, ledger(X, W, b, cache.Z, grads), va="top", family="monospace",
                fontsize=10.5, linespacing=1.35,
            )  # fmt: skip
            # Only the numbers move (few glyphs: text is most of a redraw's cost).
            self.arrays = {}
            for name, title, y in [
                ("dL_dW", "dL/dW = Xᵀ dL/dZ", 0.97),
                ("dL_db", "dL/db = Σₙ dL/dZ", 0.8),
                ("dL_dX", "dL/dX = dL/dZ Wᵀ", 0.66),
            ]:
                self.figure.text(0.76, y, title, va="top", family="monospace", fontsize=10.5)
                # in the axes (figure coordinates): savefig draws an axes' animated artists
                self.arrays[name] = ax.text(
                    0.77, y - 0.055, "", va="top", family="monospace", fontsize=10.5,
                    linespacing=1.35, animated=True, transform=self.figure.transFigure,
                    clip_on=False,
                )  # fmt: skip

    @staticmethod
    def _line(w: np.ndarray, b: float) -> tuple[list[float], list[float]]:
        """Two far-apart points on w·x + b = 0 (the axes clip the rest); none if w = 0."""
        norm2 = float(w @ w)
        if norm2 == 0.0:
            return [], []
        p0 = -b * w / norm2
        d = np.array([-w[1], w[0]]) / np.sqrt(norm2) * 20.0
        return [p0[0] - d[0], p0[0] + d[0]], [p0[1] - d[1], p0[1] + d[1]]

    def update(self, **values: float) -> Message:
        """Draw the layer with unit 0 = (w0, w1, b) and the upstream gradient g."""
        v = resolve(PARAMS, values)
        X = POINTS
        W, b = layer_params(v["w0"], v["w1"], v["b"])
        _, cache = dense_relu_forward(X, W, b)
        G = np.full(cache.Z.shape, v["g"])  # L = g·(sum of every output): dL/dY = g everywhere
        grads = dense_relu_backward(G, cache)
        gates = (cache.Z > 0).astype(int)  # (4, 3), as the core's backward takes it

        active = gates[:, 0] == 1
        self.on.set_data(X[active, 0], X[active, 1])
        self.off.set_data(X[~active, 0], X[~active, 1])
        region = active_region(W[:, 0], float(b[0]))
        self.region.set_xy(region if len(region) else np.full((1, 2), np.nan))
        self.line.set_data(*self._line(W[:, 0], float(b[0])))
        for n, label in enumerate(self.labels):
            label.set_text(f"   {gates[n, 0]}")  # under "n:   g₁ g₂", in the gap

        for name, array in grads._asdict().items():
            self.arrays[name].set_text("\n".join(_matrix(array)))

        k = int(active.sum())
        w_text = f"w = ({num(v['w0'], '.1f')}, {num(v['w1'], '.1f')}), b = {num(v['b'], '.1f')}"
        col = grads.dL_dW[:, 0]
        if v["g"] == 0.0:
            return Message("g = 0: L does not depend on the outputs, every gradient is 0", "warn")
        if k == 0:
            return Message(
                f"unit 0 ({w_text}) is silent on all 4 points: its column of dL/dW and its "
                f"dL/db are 0, and it hands nothing back to dL/dX",
                "warn",
            )
        return Message(
            f"unit 0 ({w_text}) passes {k} of 4 points: dL/dW[:, 0] = g · (sum of those "
            f"points) = ({num(col[0], '.1f')}, {num(col[1], '.1f')}), dL/db₀ = g · {k} = "
            f"{num(grads.dL_db[0], '.1f')}"
        )


def panel_layer() -> Panel:
    """Sliders for unit 0's weights and bias and for the upstream gradient g."""
    return Panel(LayerView(), controls(PARAMS), columns=2)


PANELS = {"layer": panel_layer}
