"""Every live panel of the series: each control at its minimum, middle and maximum redraws
without an error, and moving the control changes what the learner sees."""

import ipywidgets as widgets
import pytest

from helpers.series import all_panels

PANELS = all_panels()


def _settings(control):
    """Values to try for one control: ends and middle for sliders, every option otherwise."""
    if isinstance(control, (widgets.FloatLogSlider,)):
        lo, hi = control.base**control.min, control.base**control.max
        return [lo, (lo * hi) ** 0.5, hi]
    if hasattr(control, "min") and hasattr(control, "max"):
        mid = (control.min + control.max) / 2
        if isinstance(control, widgets.IntSlider):
            mid = round(mid)
        return [control.min, mid, control.max]
    if hasattr(control, "options"):
        return (
            [value for _, value in control.options]
            if control.options and isinstance(control.options[0], tuple)
            else list(control.options)
        )
    if isinstance(control, widgets.Checkbox | widgets.ToggleButton):
        return [not control.value, control.value]
    raise AssertionError(f"no test settings for {type(control).__name__}")


def test_the_series_has_panels():
    assert PANELS, "no panel found (each lesson lists its factories in views.PANELS)"


@pytest.mark.parametrize("name", list(PANELS))
def test_every_control_redraws_without_error(name):
    panel = PANELS[name]()
    assert panel.error is None, panel.error
    for label, control in panel.controls.items():
        default = control.value
        seen = set()
        for value in _settings(control):
            control.value = value
            assert panel.error is None, f"{name}: {label}={value!r} raised {panel.error}"
            assert "Traceback" not in panel.message.value
            seen.add((panel.message.value, panel.image.value))
        assert len(seen) > 1, f"{name}: moving {label} over its range changed nothing"
        control.value = default
