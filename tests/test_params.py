"""helpers.ui.params: one Param → its slider, its default and the check of every value drawn."""

import math

import ipywidgets as widgets
import numpy as np
import pytest

from helpers.core.example import WORKED
from helpers.ui.params import Param, controls, defaults, resolve

B = Param("b", "bias b", default=WORKED.b, lo=-8.0, hi=8.0, step=0.1)  # b = 1
LR = Param("lr", "learning rate η", default=0.01, lo=1e-4, hi=1.0, step=0.05, log=True)
STEPS = Param("steps", "steps", default=100, lo=1, hi=300, step=1, integer=True)
PARAMS = (B, LR, STEPS)


# ---------------------------------------------------------------- Param itself


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"default": 9.0}, ValueError, ["b", "default 9.0", "outside", "[-8.0, 8.0]"]),
        ({"default": -8.5}, ValueError, ["default -8.5", "outside"]),
        ({"default": math.nan}, ValueError, ["default", "finite", "nan"]),
        ({"hi": math.inf}, ValueError, ["hi", "finite"]),
        ({"lo": 8.0, "hi": -8.0}, ValueError, ["lo must be below hi", "lo=8.0", "hi=-8.0"]),
        ({"lo": 1.0, "hi": 1.0}, ValueError, ["lo must be below hi"]),
        ({"step": 0.0}, ValueError, ["step", "> 0"]),
        ({"step": -0.1}, ValueError, ["step", "> 0"]),
        ({"default": "1"}, TypeError, ["default", "number", "'1'", "str"]),
        ({"lo": True}, TypeError, ["lo", "number", "True", "bool"]),
        ({"step": None}, TypeError, ["step", "None"]),
        ({"name": "w 0"}, ValueError, ["Python name", "'w 0'"]),
        ({"name": ""}, ValueError, ["Python name"]),
        ({"log": True, "lo": 0.0}, ValueError, ["log slider", "lo > 0", "0.0"]),
        ({"log": True, "lo": -1.0}, ValueError, ["log slider", "lo > 0"]),
        ({"log": True, "integer": True, "lo": 1.0}, ValueError, ["log or integer"]),
        ({"integer": True}, ValueError, ["integer slider", "whole numbers", "step=0.1"]),
        ({"integer": True, "step": 1, "lo": -7.5}, ValueError, ["whole numbers", "lo=-7.5"]),
    ],
)
def test_bad_param_definitions_are_named(kwargs, error, words):
    fields = {"name": "b", "label": "b", "default": 1.0, "lo": -8.0, "hi": 8.0, "step": 0.1}
    with pytest.raises(error) as info:
        Param(**{**fields, **kwargs})
    for word in words:
        assert word in str(info.value), f"{word!r} missing from: {info.value}"


def test_log_bounds_are_checked_on_the_default_too():
    with pytest.raises(ValueError, match=r"default 2\.0 is outside"):
        Param("lr", "η", default=2.0, lo=1e-4, hi=1.0, step=0.05, log=True)
    Param("lr", "η", default=1e-4, lo=1e-4, hi=1.0, step=0.05, log=True)  # both ends allowed


# ---------------------------------------------------------------- check


@pytest.mark.parametrize("value", [True, False, np.True_])
def test_check_rejects_bools(value):
    with pytest.raises(TypeError, match="b must be a number"):
        B.check(value)


@pytest.mark.parametrize("value", ["1.0", "abc", None, [1.0], 1j, {"b": 1.0}])
def test_check_rejects_what_is_not_a_number(value):
    with pytest.raises(TypeError) as info:
        B.check(value)
    assert "b must be a number" in str(info.value) and type(value).__name__ in str(info.value)


@pytest.mark.parametrize(
    "value, shown",
    [
        (math.nan, "nan"),
        (math.inf, "inf"),
        (-math.inf, "-inf"),
        (8.01, "8.01"),
        (-9, "-9"),
        (10**400, "an integer beyond the float range (±1.8e308)"),  # float() would overflow
    ],
    ids=["nan", "inf", "-inf", "above", "below", "10**400"],
)
def test_check_rejects_nan_inf_and_out_of_range(value, shown):
    with pytest.raises(ValueError) as info:
        B.check(value)
    message = str(info.value)
    assert "b must be a finite number from -8 to 8" in message
    assert "slider's range" in message and message.endswith(f"got {shown}")


@pytest.mark.parametrize(
    "param, value, expected",
    [
        (B, 2, 2.0),
        (B, -8.0, -8.0),  # both ends of the range are allowed
        (B, 8, 8.0),
        (B, np.float64(0.5), 0.5),
        (B, np.int64(3), 3.0),
        (LR, 1e-4, 1e-4),
        (LR, 0.3, 0.3),
        (STEPS, 7, 7),
        (STEPS, 7.0, 7),  # a whole float is a whole number
        (STEPS, np.int64(300), 300),
    ],
)
def test_check_accepts_numbers_in_range(param, value, expected):
    out = param.check(value)
    assert out == expected
    assert type(out) is (int if param.integer else float)


def test_integer_params_reject_fractions():
    with pytest.raises(TypeError, match=r"steps must be a whole number, got 2\.5"):
        STEPS.check(2.5)
    with pytest.raises(ValueError, match="from 1 to 300"):
        STEPS.check(0)
    with pytest.raises(ValueError, match="from 1 to 300"):
        STEPS.check(math.nan)


@pytest.mark.parametrize("value", [1e-5, 0.0, -0.01, 1.5])
def test_log_params_reject_values_off_the_scale(value):
    with pytest.raises(ValueError, match=r"lr must be a finite number from 0\.0001 to 1"):
        LR.check(value)


# ---------------------------------------------------------------- controls


def test_controls_build_the_right_sliders():
    sliders = controls(PARAMS)
    assert list(sliders) == ["b", "lr", "steps"]

    b = sliders["b"]
    assert type(b) is widgets.FloatSlider
    assert (b.min, b.max, b.value, b.step) == (-8.0, 8.0, 1.0, 0.1)
    assert (b.description, b.readout_format) == ("bias b", ".2f")

    lr = sliders["lr"]
    assert type(lr) is widgets.FloatLogSlider
    # the slider moves the exponent: 10**−4 … 10**0, in steps of 0.05 decades
    assert (lr.base, lr.min, lr.max, lr.step) == (10.0, -4.0, 0.0, 0.05)
    assert lr.value == 0.01 and lr.readout_format == ".2g"

    steps = sliders["steps"]
    assert type(steps) is widgets.IntSlider
    assert (steps.min, steps.max, steps.value, steps.step) == (1, 300, 100, 1)


def test_controls_far_from_the_widget_defaults():
    """A range above ipywidgets' default max of 100 (or below its min of 0) still builds."""
    high = Param("n", "n", default=250, lo=200, hi=300, step=1, integer=True)
    low = Param("c", "c", default=-250.0, lo=-300.0, hi=-200.0, step=0.5)
    sliders = controls((high, low))
    assert (sliders["n"].min, sliders["n"].max, sliders["n"].value) == (200, 300, 250)
    assert (sliders["c"].min, sliders["c"].max, sliders["c"].value) == (-300.0, -200.0, -250.0)


def test_controls_continuous_update_and_fmt():
    fine = Param("h", "h", default=0.5, lo=0.05, hi=1.5, step=0.05, fmt=".3f")
    slider = controls((fine,), continuous_update=False)["h"]
    assert slider.continuous_update is False and slider.readout_format == ".3f"


def test_a_name_used_twice_is_an_error():
    with pytest.raises(ValueError, match="used twice: b"):
        controls((B, B))
    with pytest.raises(ValueError, match="used twice: b"):
        resolve((B, Param("b", "b", 0.0, -1.0, 1.0, 0.1)), {})


# ---------------------------------------------------------------- defaults and resolve


def test_defaults():
    assert defaults(PARAMS) == {"b": 1.0, "lr": 0.01, "steps": 100}
    assert type(defaults(PARAMS)["steps"]) is int


def test_resolve_fills_defaults_and_checks_what_is_given():
    assert resolve(PARAMS, {}) == {"b": 1.0, "lr": 0.01, "steps": 100}
    assert resolve(PARAMS, {"b": -2}) == {"b": -2.0, "lr": 0.01, "steps": 100}
    assert resolve(PARAMS, {"steps": 5.0, "lr": 0.1}) == {"b": 1.0, "lr": 0.1, "steps": 5}
    assert list(resolve(PARAMS, {"steps": 5, "b": 0})) == ["b", "lr", "steps"]  # PARAMS' order


def test_resolve_accepts_any_iterable_once():
    assert resolve(iter(PARAMS), {"b": 0.5})["b"] == 0.5


@pytest.mark.parametrize(
    "values, words",
    [
        ({"bb": 1.0}, ["unknown parameter(s) bb", "expected b, lr, steps"]),
        ({"b": 1.0, "eta": 0.1, "LR": 0.1}, ["unknown parameter(s) LR, eta"]),
    ],
)
def test_resolve_rejects_unknown_names(values, words):
    with pytest.raises(TypeError) as info:
        resolve(PARAMS, values)
    for word in words:
        assert word in str(info.value)


def test_resolve_rejects_bad_values_by_name():
    with pytest.raises(ValueError, match="lr must be a finite number"):
        resolve(PARAMS, {"lr": 5.0})
    with pytest.raises(TypeError, match="b must be a number"):
        resolve(PARAMS, {"b": "1"})
