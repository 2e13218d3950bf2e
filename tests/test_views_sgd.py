"""The SGD view as a plain object: every regime gets its own plain-words verdict, extreme settings
never raise, and an update moves the existing artists instead of adding new ones."""

import warnings

import numpy as np
import pytest

from helpers.core.training import train_neuron
from helpers.lessons.nb05_the_sgd_update.views import (
    PANELS,
    SgdView,
    error_factor_figure,
    runs_figure,
)
from helpers.ui.plotting import png_bytes

X, W, B = [1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0


@pytest.fixture(scope="module")
def view():
    return SgdView()


def _artists(view):
    return [len(ax.lines) + len(ax.texts) + len(ax.patches) for ax in view.figure.axes]


def test_default_converges(view):
    message = view.update()
    assert message.level == "ok"
    assert message.text == "Converged: |y − t| ≤ 1e-06 after 41 steps (r = 0.7)."
    xs, ys = view.y_line.get_data()
    assert len(xs) == 42 and ys[0] == 6.0 and ys[-1] == pytest.approx(4.0, abs=1e-6)
    assert "r = +0.700" in view.title.get_text()
    assert view.ax_y.get_ylim() == (-1.2, 8.0)  # the outputs 4 … 6 fill the panel, y = 0 shows


def test_too_small_a_learning_rate_is_still_moving(view):
    message = view.update(lr=1e-4, steps=300, target=4.0)
    assert message.level == "warn" and message.text.startswith("Still moving after 300 steps")
    assert "larger lr" in message.text
    oscillating = view.update(lr=0.065, steps=50, target=4.0)
    assert "oscillating" in oscillating.text and "smaller lr" in oscillating.text


def test_above_the_critical_rate_the_swing_kills_the_neuron(view):
    message = view.update(lr=0.07, steps=100, target=4.0)
    assert message.level == "bad"
    assert "died at step 9" in message.text and "lr > 1/15" in message.text
    assert "grows ×1.1 per step" in message.text
    xs, _ = view.y_end.get_data()
    assert list(xs) == [9]  # the dead state is marked


def test_one_big_step_below_the_critical_rate_kills_it(view):
    message = view.update(lr=0.06, steps=100, target=2.0)
    assert "died at step 1" in message.text and "overshot" in message.text


def test_negative_target_is_unreachable(view):
    message = view.update(lr=0.01, steps=100, target=-2.0)
    assert message.level == "bad" and "cannot output t = −2" in message.text


def test_diverging_while_still_alive(view):
    message = view.update(lr=1.0, steps=1, target=12.0)
    assert message.level == "bad" and message.text.startswith("Diverging")
    assert "×29" in message.text and "1 step)" in message.text


def test_overflow_is_reported_as_diverged_and_drawn():
    huge = SgdView(w=[1e200, 0.0, 0.0])
    message = huge.update(lr=0.01, steps=10, target=4.0)
    assert message.level == "bad"
    assert message.text == "Diverged: stopped at step 0, the loss overflowed at step 0."
    assert png_bytes(huge.figure)[:4] == b"\x89PNG"
    fast = SgdView()
    assert fast.update(lr=1e308, steps=10).text.startswith("Diverged: stopped at step 1")


@pytest.mark.parametrize(
    "lr, steps, target",
    [
        (1e-12, 300, 4.0),
        (1e-4, 1, -2.0),
        (1.0, 300, 12.0),
        (1e300, 300, 4.0),
        (0.01, 0, 4.0),
        (0.01, 300, 1e6),
        (0.01, 300, -1e6),
        (1 / 15, 300, 4.0),
    ],
)
def test_extreme_settings_never_raise_and_keep_finite_axes(view, lr, steps, target):
    before = _artists(view)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        message = view.update(lr=lr, steps=steps, target=target)
        png_bytes(view.figure)
    assert message.text and message.level in {"ok", "warn", "bad"}
    assert _artists(view) == before  # artists moved, none added
    for ax in view.figure.axes:
        assert np.all(np.isfinite(ax.get_xlim())) and np.all(np.isfinite(ax.get_ylim()))


def test_the_picture_follows_the_settings(view):
    view.update(lr=0.01, steps=100, target=4.0)
    first = png_bytes(view.figure)
    view.update(lr=0.05, steps=100, target=4.0)
    assert png_bytes(view.figure) != first
    view.update(lr=0.01, steps=100, target=4.0)
    assert png_bytes(view.figure) == first  # same settings, same picture


def test_bad_parameters_name_the_argument(view):
    with pytest.raises(ValueError, match="lr"):
        view.update(lr=-0.1)
    with pytest.raises(TypeError, match="steps"):
        view.update(steps=2.5)
    with pytest.raises(ValueError, match="target"):
        view.update(target=float("nan"))
    with pytest.raises(ValueError, match="x and w"):
        SgdView(x=[1.0, 2.0])


def test_static_figures():
    runs = {f"lr = {lr}": train_neuron(X, W, B, 4.0, lr, 60) for lr in (0.001, 0.01, 0.07)}
    fig = runs_figure(runs, 4.0)
    assert png_bytes(fig)[:4] == b"\x89PNG"
    ax_loss, ax_y = fig.axes
    for ax in (ax_loss, ax_y):  # a legend on both panels; the dead run marked ✕ on both
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        assert labels[:3] == list(runs)
        assert [tuple(line.get_xdata()) for line in ax.lines if line.get_marker() == "X"][:1] == [
            (9,)
        ]
    styles = {line.get_linestyle() for line in ax_loss.lines if line.get_label() in runs}
    assert len(styles) == 3  # neighbouring runs differ in dash pattern, not only in colour
    with pytest.raises(ValueError, match="runs"):
        runs_figure({}, 4.0)
    fig = error_factor_figure([0.01, 0.05], [0.7, -0.5])
    assert png_bytes(fig)[:4] == b"\x89PNG"
    with pytest.raises(ValueError, match="measured"):
        error_factor_figure([0.01, 0.05], [0.7])


def test_panel_controls():
    panel = PANELS["sgd"]()
    assert set(panel.controls) == {"lr", "steps", "target"}
    assert panel.error is None and "Converged" in panel.message.value
    panel.controls["lr"].value = 0.1
    assert panel.error is None and "died" in panel.message.value
