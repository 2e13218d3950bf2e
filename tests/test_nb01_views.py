"""The views of 01_the_neuron as plain objects: what is drawn, the verdict, extremes, bad input.

Expected numbers are worked out by hand from the worked example x = (1, −2, 3), w = (−3, −1, 2).
"""

import math

import numpy as np
import pytest

from helpers.core.example import WORKED
from helpers.lessons.nb01_the_neuron import views
from helpers.lessons.nb01_the_neuron.views import PARAMS, NeuronView, panel_neuron, relu_figure
from helpers.ui.params import defaults
from helpers.ui.plotting import png_bytes

ACTIVE = "z = 6.00 > 0: active, y = 6.00"
SILENT = "silent, y = 0; a small nudge of a weight or b leaves y at 0 (gradient 0)"
SILENT_MINUS_ONE = f"z = −1.00 < 0: {SILENT}"
KINK = "z = 0.00 ≤ 0: silent at the kink, y = 0; gradient 0 by the convention ReLU′(0) = 0"


def test_example_draws_products_bias_z_and_y():
    view = NeuronView()
    message = view.update(**WORKED.as_params())
    assert (message.text, message.level) == (ACTIVE, "ok")
    # 1·(−3), (−2)·(−1), 3·2, b = 1, z = −3 + 2 + 6 + 1, y = ReLU(6)
    assert [bar.get_height() for bar in view.bars] == [-3.0, 2.0, 6.0, 1.0, 6.0, 6.0]
    assert [t.get_text() for t in view.values] == ["−3.00", "2.00", "6.00", "1.00", "6.00", "6.00"]
    assert tuple(view.dot.get_data()[0]) == (6.0,) and tuple(view.dot.get_data()[1]) == (6.0,)
    assert view.readout.get_text() == "(z, y) = (6.00, 6.00)"  # the right panel's scale
    assert [t.get_text() for t in view.ax.get_xticklabels()] == views.LABELS


def test_params_are_the_worked_example_with_the_slider_ranges():
    assert defaults(PARAMS) == WORKED.as_params()
    assert [p.label for p in PARAMS] == ["x₀", "x₁", "x₂", "w₀", "w₁", "w₂", "b"]
    assert {p.name: (p.lo, p.hi, p.step) for p in PARAMS} == {
        **{f"x{i}": (-4.0, 4.0, 0.1) for i in range(3)},
        **{f"w{i}": (-4.0, 4.0, 0.1) for i in range(3)},
        "b": (-8.0, 8.0, 0.1),
    }
    assert NeuronView().update().text == ACTIVE  # no values: the defaults


def test_z_comes_from_the_core(monkeypatch):
    """The view draws the core's z (a planted wrong core shows up in the picture)."""
    from helpers.core.neuron import NeuronCache

    def fake_forward(x, w, b):
        x, w = np.asarray(x), np.asarray(w)
        return 0.0, NeuronCache(x=x, w=w, b=b, z=-2.0)

    monkeypatch.setattr(views, "neuron_forward", fake_forward)
    view = NeuronView()
    assert view.update().text.startswith("z = −2.00 < 0: silent")
    assert view.bars[4].get_height() == -2.0


def test_value_labels_sit_outside_their_bars():
    view = NeuronView()
    view.update()
    for bar, text in zip(view.bars, view.values, strict=True):
        above = bar.get_height() >= 0
        assert text.get_va() == ("bottom" if above else "top")
        y = text.get_position()[1]
        assert (y > bar.get_height()) if above else (y < bar.get_height())


def test_moving_parts_are_animated_and_limits_change_only_in_levels():
    view = NeuronView()
    assert all(a.get_animated() for a in [*view.bars, *view.values, view.dot, view.readout])
    view.update()
    png_bytes(view.figure)
    view.update(b=-6.0)  # same limits: only animated artists changed
    assert not view.figure.stale
    view.update(x0=4.0, w0=4.0, b=8.0)  # z = 16 + 2 + 6 + 8 = 32; 1.2·32 = 38.4 → level 64
    assert view.ax.get_ylim() == (-64.0, 64.0) and view.figure.stale


def test_bias_minus_six_silences_the_neuron():
    view = NeuronView()
    message = view.update(b=-6.0)  # z = 5 − 6 = −1
    assert (message.text, message.level) == (SILENT_MINUS_ONE, "warn")
    assert [bar.get_height() for bar in view.bars][-2:] == [-1.0, 0.0]
    assert view.dot.get_color() == views.COLORS["vermillion"]


def test_z_exactly_zero_and_float_dust_count_as_silent():
    view = NeuronView()
    assert view.update(b=-5.0).text == KINK  # z = 5 − 5
    # 0.1 + 0.2 − 0.3 is 5.6e-17 in floating point; exactly 0 on the slider grid
    dust = view.update(x0=0.1, x1=0.2, x2=0.0, w0=1.0, w1=1.0, w2=0.0, b=-0.3)
    assert dust.text == KINK and view.readout.get_text() == "(z, y) = (0.00, 0.00)"


@pytest.mark.parametrize(
    "params, text",
    [
        (  # 3·(4·4) + 8
            {"x0": 4, "x1": 4, "x2": 4, "w0": 4, "w1": 4, "w2": 4, "b": 8},
            "z = 56.00 > 0: active, y = 56.00",
        ),
        (  # 3·((−4)·(−4)) − 8
            {"x0": -4, "x1": -4, "x2": -4, "w0": -4, "w1": -4, "w2": -4, "b": -8},
            "z = 40.00 > 0: active, y = 40.00",
        ),
        (  # 3·(4·(−4)) − 8
            {"x0": 4, "x1": 4, "x2": 4, "w0": -4, "w1": -4, "w2": -4, "b": -8},
            f"z = −56.00 < 0: {SILENT}",
        ),
        ({"x0": 0, "x1": 0, "x2": 0, "w0": 0, "w1": 0, "w2": 0, "b": 0}, KINK),
    ],
)
def test_extreme_slider_values_fit_in_the_picture(params, text):
    view = NeuronView()
    assert view.update(**params).text == text
    lo, hi = view.ax.get_ylim()
    assert all(lo <= bar.get_height() <= hi for bar in view.bars)
    z = view.bars[4].get_height()
    assert view.ax_relu.get_xlim()[0] <= z <= view.ax_relu.get_xlim()[1]


def test_update_moves_artists_instead_of_rebuilding():
    view = NeuronView()
    view.update()
    bars, axes, first = list(view.bars), list(view.figure.axes), png_bytes(view.figure)
    n_artists = len(view.ax.get_children())
    view.update(b=-6.0)
    assert list(view.bars) == bars and view.figure.axes == axes
    assert len(view.ax.get_children()) == n_artists
    assert png_bytes(view.figure) != first


@pytest.mark.parametrize(
    "params, error, words",
    [
        ({"x0": "1"}, TypeError, ["x0", "number", "str"]),
        ({"w2": None}, TypeError, ["w2", "number"]),
        ({"b": math.nan}, ValueError, ["b", "finite"]),
        ({"x1": math.inf}, ValueError, ["x1", "finite"]),
        ({"w0": [1.0, 2.0]}, TypeError, ["w0", "number"]),
        ({"b": np.ones(3)}, TypeError, ["b", "number"]),
        ({"x2": True}, TypeError, ["x2", "number", "True"]),
        ({"x0": 1e200}, ValueError, ["x0", "-4", "4", "range"]),  # beyond the slider
        ({"b": -8.5}, ValueError, ["b", "-8", "8", "range"]),
        ({"x3": 1.0}, TypeError, ["x3", "unknown"]),
    ],
)
def test_bad_input_to_update_is_named(params, error, words):
    with pytest.raises(error) as info:
        NeuronView().update(**params)
    for word in words:
        assert word.lower() in str(info.value).lower()


def test_relu_figure_marks_points_and_rejects_bad_marks():
    fig = relu_figure([6.0, -1.0])
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "z = 6.00, y = 6.00" in texts and "z = −1.00, y = 0.00" in texts
    assert "kink at z = 0" in texts
    curve, *dots = ax.get_lines()[:1] + ax.get_lines()[2:]
    assert curve.get_xydata().tolist() == [[-8.0, 0.0], [0.0, 0.0], [8.0, 8.0]]
    assert [d.get_xydata().tolist() for d in dots] == [[[6.0, 6.0]], [[-1.0, 0.0]]]
    assert len(relu_figure().axes[0].texts) == 1
    with pytest.raises(TypeError, match="marks"):
        relu_figure("6")
    with pytest.raises(ValueError, match=r"marks.*1-D"):
        relu_figure([[6.0]])
    with pytest.raises(ValueError, match=r"marks.*finite"):
        relu_figure([math.nan])


def test_panel_controls_match_the_view_and_start_at_the_example():
    panel = panel_neuron()
    assert panel.values() == WORKED.as_params()
    assert [c.description for c in panel.controls.values()] == [p.label for p in PARAMS]
    assert [(c.min, c.max) for c in panel.controls.values()] == [(p.lo, p.hi) for p in PARAMS]
    assert "z = 6.00 &gt; 0: active, y = 6.00" in panel.message.value
    panel.controls["b"].value = -6.0
    assert panel.last_message.text == SILENT_MINUS_ONE and panel.error is None
    assert all(c.continuous_update for c in panel.controls.values())
