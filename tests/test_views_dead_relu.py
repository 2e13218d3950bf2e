"""The dead-ReLU view as a plain object: verdicts, counts, moved artists, and the panel's controls."""

import ipywidgets as widgets
import numpy as np
import pytest

from helpers.core.layer import make_dataset
from helpers.lessons.nb04_dead_relus.views import (
    DATA_SEED,
    PANELS,
    DeadReluView,
    active_region,
    dead_share_figure,
)
from helpers.ui.plotting import png_bytes


@pytest.fixture(scope="module")
def view():
    return DeadReluView()


def test_uses_the_notebooks_seeded_data(view):
    data = make_dataset(np.random.default_rng(DATA_SEED))
    np.testing.assert_array_equal(view.data.X, data.X)
    np.testing.assert_array_equal(view.data.t, data.t)


def test_default_neuron_is_alive_and_a_small_step_helps(view):
    message = view.update()
    assert message.level == "ok"
    assert message.text.startswith("40 of 40 points active, L = 4.08; one SGD step at lr = 0.1")
    assert "L falls to 0.579" in message.text
    assert len(view.on.get_xdata()) == 40 and len(view.off.get_xdata()) == 0
    assert "after one step: 40 of 40" in view.counts.get_text()


def test_dead_verdict(view):
    message = view.update(w0=1.0, w1=1.0, b=-5.0, lr=0.1)
    assert message.level == "bad"
    assert message.text == "dead: z ≤ 0 for all 40 points — no gradient can flow"
    assert len(view.on.get_xdata()) == 0 and len(view.off.get_xdata()) == 40
    assert len(view.after.get_xdata()) == 0  # no step to draw: every gradient is 0


def test_a_large_step_kills_and_is_drawn_dashed(view):
    message = view.update(w0=1.0, w1=1.0, b=0.5, lr=0.3)
    assert message.level == "bad" and "KILLS the neuron" in message.text
    assert "after one step: 0 of 40" in view.counts.get_text()
    assert len(view.after.get_xdata()) == 2


def test_overshoot_is_a_warning(view):
    message = view.update(w0=1.0, w1=1.0, b=0.5, lr=0.2)
    assert message.level in {"ok", "warn"}  # 14 of 40 stay active: alive, though L jumps around
    assert "14 of 40" in message.text


def test_zero_weights_have_no_boundary_line(view):
    assert view.update(w0=0.0, w1=0.0, b=1.0).level == "ok"
    assert len(view.line.get_xdata()) == 0
    assert view.update(w0=0.0, w1=0.0, b=-1.0).text.startswith("dead")


def test_updates_move_artists_and_change_the_picture(view):
    n_artists = len(view.ax.get_children())
    view.update()
    first = png_bytes(view.figure)
    line_before = np.array(view.line.get_xydata())
    view.update(w0=-2.0, w1=1.5, b=0.3, lr=0.01)
    assert png_bytes(view.figure) != first
    assert not np.array_equal(line_before, view.line.get_xydata())
    assert len(view.ax.get_children()) == n_artists  # nothing rebuilt


@pytest.mark.parametrize(
    "params",
    [
        {"w0": 3.0, "w1": 3.0, "b": 5.0, "lr": 10.0},
        {"w0": -3.0, "w1": -3.0, "b": -5.0, "lr": 10.0},
        {"w0": 3.0, "w1": -3.0, "b": -5.0, "lr": 0.001},
        {"w0": 1e200, "w1": 1e200, "b": 0.0, "lr": 1e100},
    ],
)
def test_extreme_settings_give_a_message_not_an_error(view, params):
    message = view.update(**params)
    assert message.level in {"ok", "warn", "bad"} and message.text


def test_overflowing_step_is_explained(view):
    message = view.update(w0=1e200, w1=1e200, b=0.0, lr=1e100)
    assert message.level == "bad" and "overflows" in message.text


@pytest.mark.parametrize(
    "params, word",
    [({"w0": float("nan")}, "w0"), ({"b": "1"}, "b"), ({"lr": 0.0}, "lr"), ({"lr": -1.0}, "lr")],
)
def test_bad_parameters_are_named(view, params, word):
    with pytest.raises((ValueError, TypeError), match=word):
        view.update(**params)


def test_active_region_is_the_clipped_half_plane():
    whole = active_region(np.array([0.0, 0.0]), 1.0, box=(0.0, 2.0))
    assert len(whole) == 4
    assert len(active_region(np.array([0.0, 0.0]), -1.0, box=(0.0, 2.0))) == 0
    half = active_region(np.array([1.0, 0.0]), -1.0, box=(0.0, 2.0))  # x₀ > 1
    np.testing.assert_allclose(sorted(map(tuple, half)), [(1, 0), (1, 2), (2, 0), (2, 2)])
    corner = active_region(np.array([1.0, 1.0]), -3.0, box=(0.0, 2.0))  # x₀ + x₁ > 3
    np.testing.assert_allclose(sorted(map(tuple, corner)), [(1, 2), (2, 1), (2, 2)])


def test_panel_has_weight_bias_and_log_learning_rate_sliders():
    panel = PANELS["dead_relu"]()
    assert set(panel.controls) == {"w0", "w1", "b", "lr"}
    assert isinstance(panel.controls["lr"], widgets.FloatLogSlider)
    assert panel.error is None and "40 of 40 points active" in panel.message.value
    panel.controls["b"].value = -5.0
    assert (
        "dead: z ≤ 0 for all 40 points" in panel.message.value and "bps-bad" in panel.message.value
    )


def test_dead_share_figure_draws_both_panels_and_names_bad_input():
    fig = dead_share_figure([-1.0, 0.0], [0.3, 0.05], [0.1, 1.0], {"c = 0": [0.05, 0.6]})
    left, right = fig.axes
    np.testing.assert_allclose(left.lines[0].get_ydata(), [30.0, 5.0])
    assert right.get_xscale() == "log" and right.lines[0].get_label() == "c = 0"
    with pytest.raises(ValueError, match="share_init"):
        dead_share_figure([-1.0, 0.0], [0.3], [0.1], {})
    with pytest.raises(ValueError, match="share_after"):
        dead_share_figure([0.0], [0.3], [0.1, 1.0], {"c = 0": [0.5]})


def test_key_lists_the_dashed_step_only_while_it_is_drawn():
    view = DeadReluView()
    sample, label = view.after_key
    assert label.get_text() == "after one SGD step (dashed)"
    view.update(w0=1.0, w1=1.0, b=-5.0)  # dead: no step, no dashed line
    assert not sample.get_visible() and not label.get_visible()
    view.update()
    assert sample.get_visible() and label.get_visible() and len(view.after.get_xdata()) == 2


def test_moving_parts_are_animated_and_the_fast_picture_matches_a_full_one():
    """Every update redraws only the animated artists; the result equals a fresh view's picture."""
    view = DeadReluView()
    png_bytes(view.figure)
    for params in [{"b": -5.0}, {"w0": -2.0, "w1": 1.5, "b": 0.3, "lr": 0.01}, {"lr": 0.3}]:
        view.update(**params)
        assert not view.figure.stale, f"{params}: a moved artist is not animated"
        fresh = DeadReluView()
        fresh.update(**params)
        assert png_bytes(view.figure) == png_bytes(fresh.figure), params
