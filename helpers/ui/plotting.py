"""Figures for the series: one colour-blind-safe palette, projector-size text, no pyplot state."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib
import matplotlib.colors
import numpy as np
import PIL.Image
from IPython.display import Image, display
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["COLORS", "DPI", "STYLE", "new_figure", "png_bytes", "quantise", "show", "style"]

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

# Pixels per inch of every picture, live or static: a 13-point label is 18 px tall, legible at the
# back of a room on a 1280 × 720 projector; a 10-inch-wide figure is 1000 px, inside a slide.
DPI = 100

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
    fig = Figure(figsize=figsize, dpi=DPI)
    axes = fig.subplots(nrows, ncols, squeeze=False)
    return fig, axes


def png_bytes(fig: Figure, dpi: int = DPI, compress_level: int = 1) -> bytes:
    """The figure as a palette PNG (≤ 256 colours), without a timestamp or software tag, so
    re-runs are byte-identical.

    Made for a panel's repeated redraws of one figure: the figure keeps its own Agg canvas (so
    text layouts stay cached between calls) and its dpi is set to `dpi`. Artists created with
    `animated=True` are a view's moving parts: changing them does not mark the figure stale, so
    while nothing else changed the static rest is pasted from the previous call and only they
    are redrawn (on top, in zorder). Any other change redraws everything.

    The picture is quantised to 256 colours (see `quantise`): a third of the bytes of a
    true-colour PNG and a third of the encoding time, which is most of what a panel sends.
    """
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    if fig.dpi != dpi:
        fig.set_dpi(dpi)
    renderer = canvas.get_renderer()
    cached = getattr(fig, "_bps_static", None)
    if fig.stale or cached is None or cached[0] is not renderer:
        canvas.draw()  # everything except animated artists
        moving = fig.findobj(lambda artist: artist.get_animated())
        cached = (renderer, canvas.copy_from_bbox(fig.bbox), sorted(moving, key=_zorder))
        fig._bps_static = cached
    else:
        canvas.restore_region(cached[1])
    for artist in cached[2]:
        fig.draw_artist(artist)
    rgba = PIL.Image.frombuffer(
        "RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1
    )
    buf = io.BytesIO()
    quantise(rgba).save(buf, format="PNG", compress_level=compress_level)
    return buf.getvalue()


# Colours a quantised picture keeps exactly: the page's white, text black and the palette.
_EXACT = np.round(
    255
    * np.array([(1.0, 1.0, 1.0), (0.0, 0.0, 0.0), *map(matplotlib.colors.to_rgb, COLORS.values())])
).astype(int)  # (colours, 3)
_SNAP = 12  # a palette entry this close (per channel) to an exact colour becomes that colour


def quantise(image: PIL.Image.Image) -> PIL.Image.Image:
    """`image` with at most 256 colours (Pillow's fast octree, no dithering), in palette mode.

    The octree averages each bucket of similar colours, which would tint the white background
    and the series' colours slightly; palette entries within `_SNAP` of white, black or a
    colour of `COLORS` are set to it exactly. Other pixels (anti-aliased edges) move by at most
    15 levels per channel.
    """
    quantised = image.convert("RGB").quantize(
        256, method=PIL.Image.Quantize.FASTOCTREE, dither=PIL.Image.Dither.NONE
    )
    palette = np.array(quantised.getpalette(), dtype=int).reshape(-1, 3)  # (colours, 3)
    distance = np.abs(palette[:, None, :] - _EXACT[None, :, :]).max(axis=2)  # (colours, exact)
    nearest = distance.argmin(axis=1)
    snap = distance[np.arange(len(palette)), nearest] <= _SNAP
    palette[snap] = _EXACT[nearest[snap]]
    quantised.putpalette(palette.astype(np.uint8).ravel().tolist())
    return quantised


def _zorder(artist: Artist) -> float:
    return artist.get_zorder()


def show(fig: Figure) -> None:
    """Display a figure as a picture; returns nothing, so no repr lands in the stored output."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})  # animated artists too
    display(Image(data=buf.getvalue()))
