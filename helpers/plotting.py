"""Figures for the series: one colour-blind-safe palette, projector-size text, no pyplot state."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib
from IPython.display import Image, display
from matplotlib.figure import Figure

__all__ = ["COLORS", "STYLE", "new_figure", "png_bytes", "show", "style"]

# Okabe & Ito's palette, safe for the common colour-vision deficiencies.
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#7f7f7f",
    "black": "#000000",
}

# Projector-size text. Applied only while a figure is built (see `new_figure`): no global change.
STYLE = {
    "font.size": 13,
    "axes.titlesize": 14,
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@contextmanager
def style() -> Iterator[None]:
    """Build figures, axes, labels and text artists inside this block to get the series' style."""
    with matplotlib.rc_context(STYLE):
        yield


def new_figure(nrows: int = 1, ncols: int = 1, figsize: tuple[float, float] = (10.0, 3.8)):
    """A detached Figure (not registered with pyplot, so nothing is drawn twice) and its axes array.

    Call it inside `with style():` and create the artists there too; update them later with
    `set_data`/`set_text`/`set_height`, which keep their style and are fast.
    """
    fig = Figure(figsize=figsize, dpi=100)
    axes = fig.subplots(nrows, ncols, squeeze=False)
    return fig, axes


def png_bytes(fig: Figure, dpi: int = 80) -> bytes:
    """The figure as PNG bytes, without a timestamp or software tag, so re-runs are byte-identical."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def show(fig: Figure) -> None:
    """Display a figure as a picture; returns nothing, so no repr lands in the stored output."""
    display(Image(data=png_bytes(fig, dpi=100)))
