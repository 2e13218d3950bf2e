"""The views of 01_the_neuron as plain objects: messages, moved artists, extremes, bad input."""

import inspect
import math

import numpy as np
import pytest

from helpers.lessons.nb01_the_neuron.views import EXAMPLE, NeuronView, panel_neuron, relu_figure
from helpers.ui.plotting import png_bytes


def test_example_is_active_with_z_and_y_six():
    view = NeuronView()
    message = view.update(**EXAMPLE)
    assert (message.text, message.level) == ("z = 6.00 > 0: active, y = 6.00", "ok")
    assert [bar.get_height() for bar in view.bars] == [-3.0, 2.0, 6.0, 1.0, 6.0, 6.0]
    assert [t.get_text() for t in view.values] == ["−3.00", "2.00", "6.00", "1.00", "6.00", "6.00"]
    assert tuple(view.dot.get_data()[0]) == (6.0,) and tuple(view.dot.get_data()[1]) == (6.0,)
    assert view.readout.get_text() == "(z, y) = (6.00, 6.00)"  # the right panel's scale


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
    view.update(x0=4.0, w0=4.0, b=8.0)  # z = 32 needs a larger axis: a full redraw
    assert view.ax.get_ylim() == (-64.0, 64.0) and view.figure.stale


def test_defaults_are_the_worked_example():
    params = inspect.signature(NeuronView.update).parameters
    assert {name: p.default for name, p in params.items() if name != "self"} == EXAMPLE
    assert NeuronView().update().text == "z = 6.00 > 0: active, y = 6.00"


def test_bias_minus_six_silences_the_neuron():
    view = NeuronView()
    message = view.update(b=-6.0)
    assert (message.text, message.level) == (
        "z = −1.00 < 0: silent, y = 0; nudging a weight or b leaves y at 0 (no gradient)",
        "warn",
    )
    assert [bar.get_height() for bar in view.bars][-2:] == [-1.0, 0.0]


def test_z_exactly_zero_and_float_dust_count_as_silent():
    view = NeuronView()
    kink = "z = 0.00: at the kink; by convention counted silent, y = 0"
    assert view.update(b=-5.0).text == kink
    # 0.1 + 0.2 − 0.3 is 5.6e-17 in floating point; exactly 0 on the slider grid
    dust = view.update(x0=0.1, x1=0.2, x2=0.0, w0=1.0, w1=1.0, w2=0.0, b=-0.3)
    assert dust.text == kink and "−0.00" not in view.readout.get_text()


@pytest.mark.parametrize(
    "params, text",
    [
        (
            {"x0": 4, "x1": 4, "x2": 4, "w0": 4, "w1": 4, "w2": 4, "b": 8},
            "z = 56.00 > 0: active, y = 56.00",
        ),
        (
            {"x0": -4, "x1": -4, "x2": -4, "w0": -4, "w1": -4, "w2": -4, "b": -8},
            "z = 40.00 > 0: active, y = 40.00",
        ),
        (
            {"x0": 4, "x1": 4, "x2": 4, "w0": -4, "w1": -4, "w2": -4, "b": -8},
            "z = −56.00 < 0: silent, y = 0; nudging a weight or b leaves y at 0 (no gradient)",
        ),
        (
            {"x0": 0, "x1": 0, "x2": 0, "w0": 0, "w1": 0, "w2": 0, "b": 0},
            "z = 0.00: at the kink; by convention counted silent, y = 0",
        ),
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


def test_overflow_is_a_message_not_an_error():
    view = NeuronView()
    message = view.update(x0=1e200, w0=1e200)
    assert message.level == "bad" and "Overflow" in message.text and "1.8e308" in message.text
    png_bytes(view.figure)  # still draws
    assert view.update().text == "z = 6.00 > 0: active, y = 6.00"  # and recovers


def test_huge_but_finite_values_use_exponent_notation():
    view = NeuronView()
    assert view.update(x0=1e100, w0=1e100).text == "z = 1.000e+200 > 0: active, y = 1.000e+200"
    png_bytes(view.figure)


@pytest.mark.parametrize(
    "params, error, words",
    [
        ({"x0": "1"}, TypeError, ["x0", "real number", "str"]),
        ({"w2": None}, TypeError, ["w2", "real number"]),
        ({"b": math.nan}, ValueError, ["b", "finite"]),
        ({"x1": math.inf}, ValueError, ["x1", "finite"]),
        ({"w0": [1.0, 2.0]}, ValueError, ["w0", "single number"]),
        ({"b": np.ones(3)}, ValueError, ["b", "single number", "(3,)"]),
        ({"x2": True}, TypeError, ["x2", "real number", "True"]),
    ],
)
def test_bad_input_to_update_is_named(params, error, words):
    with pytest.raises(error) as info:
        NeuronView().update(**params)
    for word in words:
        assert word.lower() in str(info.value).lower()


def test_unknown_parameter_is_rejected():
    with pytest.raises(TypeError, match="x3"):
        NeuronView().update(x3=1.0)


def test_relu_figure_marks_points_and_rejects_bad_marks():
    fig = relu_figure([6.0, -1.0])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "z = 6.00, y = 6.00" in texts and "z = −1.00, y = 0.00" in texts
    assert "kink at z = 0" in texts
    assert len(relu_figure().axes[0].texts) == 1
    with pytest.raises(TypeError, match="marks"):
        relu_figure("6")
    with pytest.raises(ValueError, match=r"marks.*1-D"):
        relu_figure([[6.0]])
    with pytest.raises(ValueError, match=r"marks.*finite"):
        relu_figure([math.nan])


def test_panel_controls_match_the_view_and_start_at_the_example():
    panel = panel_neuron()
    assert panel.values() == EXAMPLE
    assert "z = 6.00 &gt; 0: active, y = 6.00" in panel.message.value
    panel.controls["b"].value = -6.0
    assert "silent" in panel.message.value and panel.error is None
    assert all(c.continuous_update for c in panel.controls.values())
