"""png_bytes, the panels' renderer: its fast paths must draw exactly what a full render draws,
and its 256-colour picture must keep the page white and the series' colours exact."""

import io

import numpy as np
import PIL.Image
import pytest

from helpers.ui.plotting import COLORS, DPI, new_figure, png_bytes, quantise, show, style


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGB"))


def _savefig_bytes(fig, dpi: int = DPI) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)  # matplotlib's own full render, true colour
    return buf.getvalue()


def _savefig(fig, dpi: int = DPI) -> PIL.Image.Image:
    return PIL.Image.open(io.BytesIO(_savefig_bytes(fig, dpi)))


def _full_render(fig, dpi: int = DPI) -> np.ndarray:
    """What png_bytes must produce: a full savefig render through the same 256-colour step."""
    return np.asarray(quantise(_savefig(fig, dpi)).convert("RGB"))


def _figure(animated: bool):
    """A static curve, and a dot and a label that move (animated or not), drawn on top."""
    with style():
        fig, axes = new_figure(figsize=(4, 3))
        ax = axes[0, 0]
        ax.plot([0, 1, 2], [0, 1, 4], lw=2, zorder=1)
        (dot,) = ax.plot([1], [1], "o", ms=12, zorder=5, animated=animated)
        label = ax.text(0.1, 3.5, "start", zorder=6, animated=animated)
        ax.set(xlim=(-0.5, 2.5), ylim=(-0.5, 4.5), xlabel="x", ylabel="y")
    return fig, ax, dot, label


def _move(dot, label, x: float) -> None:
    dot.set_data([x], [x * x])
    label.set_text(f"x = {x:.2f}")


def test_png_bytes_draws_what_savefig_draws():
    fig, *_ = _figure(animated=False)
    assert np.array_equal(_pixels(png_bytes(fig)), _full_render(fig))
    assert _pixels(png_bytes(fig, dpi=50)).shape[:2] == (150, 200)


@pytest.mark.parametrize("x", [0.0, 0.7, 2.0])
def test_moving_animated_artists_redraws_only_them_and_matches_a_full_render(x):
    fast, _, dot, label = _figure(animated=True)
    png_bytes(fast)  # first call: full draw, keeps the static background
    _move(dot, label, x)
    assert not fast.stale, "an animated artist must not mark the figure stale"
    full_draws = []
    fast.canvas.draw = lambda: full_draws.append(1)  # the static rest must be pasted, not drawn
    picture = _pixels(png_bytes(fast))
    assert full_draws == []
    reference, _, ref_dot, ref_label = _figure(animated=False)
    _move(ref_dot, ref_label, x)
    assert np.array_equal(picture, _full_render(reference))


def test_any_other_change_redraws_everything():
    fig, ax, dot, label = _figure(animated=True)
    png_bytes(fig)
    ax.set_ylim(-1, 9)  # a static change: the old background is wrong now
    _move(dot, label, 1.5)
    reference, ref_ax, ref_dot, ref_label = _figure(animated=False)
    ref_ax.set_ylim(-1, 9)
    _move(ref_dot, ref_label, 1.5)
    assert np.array_equal(_pixels(png_bytes(fig)), _full_render(reference))


def test_show_between_panel_renders_keeps_them_right(capsys):
    fig, _, dot, label = _figure(animated=True)
    png_bytes(fig)
    show(
        fig
    )  # the static twin renders through savefig (a renderer of its own), animated artists too
    _move(dot, label, 0.3)
    reference, _, ref_dot, ref_label = _figure(animated=False)
    _move(ref_dot, ref_label, 0.3)
    assert np.array_equal(_pixels(png_bytes(fig)), _full_render(reference))
    assert png_bytes(fig) == png_bytes(fig)


def test_a_dpi_change_between_renders_redraws_at_the_new_size():
    fig, _, dot, label = _figure(animated=True)
    png_bytes(fig, dpi=80)
    _move(dot, label, 0.7)
    reference, _, ref_dot, ref_label = _figure(animated=False)
    _move(ref_dot, ref_label, 0.7)
    assert np.array_equal(_pixels(png_bytes(fig)), _full_render(reference))


def test_png_is_a_palette_png_that_keeps_white_and_the_series_colours_exact():
    with style():
        fig, axes = new_figure(figsize=(4, 3))
        ax = axes[0, 0]
        for i, colour in enumerate(COLORS.values()):
            ax.plot([0, 1], [i, i + 0.5], color=colour, lw=6)
            ax.text(0.1, i + 0.3, f"label {i}", color=colour)
    png = png_bytes(fig)
    assert PIL.Image.open(io.BytesIO(png)).mode == "P"
    true_colour = np.asarray(_savefig(fig).convert("RGB")).astype(int)
    picture = _pixels(png).astype(int)
    for colour in ["#ffffff", *COLORS.values()]:
        rgb = np.array(PIL.Image.new("RGB", (1, 1), colour)).reshape(3)
        exact = (true_colour == rgb).all(axis=2)
        assert exact.any() and (picture[exact] == rgb).all(), colour
    # anti-aliased edges move by at most one octree bucket (16 levels per channel)
    assert np.abs(picture - true_colour).max() <= 16
    assert len(png) < 0.6 * len(_savefig_bytes(fig))
