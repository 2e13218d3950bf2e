"""The warm-up view of 00_start_here: the ReLU curve, the dot at (z, ReLU(z)), the verdict."""

import math

import numpy as np
import pytest

from helpers.lessons.nb00_start_here import views
from helpers.lessons.nb00_start_here.views import PARAMS, ReluView, panel_relu
from helpers.ui.params import defaults
from helpers.ui.plotting import png_bytes


def test_curve_is_relu_on_minus_three_to_three():
    view = ReluView()
    zs, ys = view.curve.get_data()
    assert (zs[0], zs[-1], len(zs)) == (-3.0, 3.0, 61)
    assert ys[0] == 0.0 and ys[30] == 0.0 and ys[-1] == 3.0  # ReLU(−3), ReLU(0), ReLU(3)


@pytest.mark.parametrize(
    "z, dot, text, level",
    [
        (1.5, (1.5, 1.5), "ReLU(1.50) = 1.50: z > 0, the neuron is active and passes z on.", "ok"),
        (3.0, (3.0, 3.0), "ReLU(3.00) = 3.00: z > 0, the neuron is active and passes z on.", "ok"),
        (0.0, (0.0, 0.0), "ReLU(0.00) = 0.00: z ≤ 0, the neuron is silent (outputs 0).", "warn"),
        (-2.0, (-2.0, 0.0), "ReLU(−2.00) = 0.00: z ≤ 0, the neuron is silent (outputs 0).", "warn"),
        # float dust from slider steps, e.g. 0.1 + 0.2 − 0.3 = 5.6e-17, is z = 0: silent
        (
            0.1 + 0.2 - 0.3,
            (0.0, 0.0),
            "ReLU(0.00) = 0.00: z ≤ 0, the neuron is silent (outputs 0).",
            "warn",
        ),
        (
            -(0.1 + 0.2 - 0.3),
            (0.0, 0.0),
            "ReLU(0.00) = 0.00: z ≤ 0, the neuron is silent (outputs 0).",
            "warn",
        ),
    ],
)
def test_dot_and_verdict(z, dot, text, level):
    view = ReluView()
    message = view.update(z=z)
    assert (message.text, message.level) == (text, level)
    xs, ys = view.dot.get_data()
    assert (xs[0], ys[0]) == dot
    # green where active (z > 0), vermilion where silent (z ≤ 0), as in 01's pictures
    colour = views.COLORS["green"] if level == "ok" else views.COLORS["vermillion"]
    assert view.dot.get_color() == colour


def test_default_is_the_params_default():
    assert defaults(PARAMS) == {"z": 1.5}
    assert ReluView().update().text.startswith("ReLU(1.50) = 1.50")


def test_y_comes_from_the_core(monkeypatch):
    view = ReluView()
    monkeypatch.setattr(views, "relu", lambda z: np.float64(42.0))  # a planted wrong core
    assert view.update(z=1.0).text.startswith("ReLU(1.00) = 42.00")
    assert view.dot.get_data()[1][0] == 42.0


@pytest.mark.parametrize(
    "params, error, words",
    [
        ({"z": "1"}, TypeError, ["z", "number", "str"]),
        ({"z": None}, TypeError, ["z", "number"]),
        ({"z": True}, TypeError, ["z", "True"]),
        ({"z": math.nan}, ValueError, ["z", "finite"]),
        ({"z": 3.5}, ValueError, ["z", "-3", "3", "range"]),
        ({"y": 1.0}, TypeError, ["y", "unknown"]),
    ],
)
def test_bad_input_is_named(params, error, words):
    with pytest.raises(error) as info:
        ReluView().update(**params)
    for word in words:
        assert word.lower() in str(info.value).lower()


def test_panel_slider_is_built_from_params_and_redraws():
    panel = panel_relu()
    (control,) = panel.controls.values()
    assert (control.description, control.value, control.min, control.max, control.step) == (
        "z",
        1.5,
        -3.0,
        3.0,
        0.1,
    )
    first = panel.image.value
    control.value = -1.0
    assert panel.last_message.text == "ReLU(−1.00) = 0.00: z ≤ 0, the neuron is silent (outputs 0)."
    assert panel.last_message.level == "warn" and panel.error is None
    assert panel.view.dot.get_color() == views.COLORS["vermillion"]
    assert panel.image.value != first and panel.image.value == png_bytes(panel.view.figure)
