"""The views of 05_the_sgd_update as plain objects: what the SGD panel draws and says in every
regime, the static figures' artists, and bad input. Numbers are derived by hand from
e_k = r^k·e₀ with r = 1 − 30η and z_k = t + e_k while the neuron is active (worked example:
z₀ = y₀ = 6)."""

import warnings

import ipywidgets as widgets
import numpy as np
import pytest

from helpers.core.training import full_batch_gd, sgd, train_neuron
from helpers.lessons.nb05_the_sgd_update.views import (
    PANELS,
    PARAMS,
    SgdView,
    error_factor_figure,
    gd_vs_sgd_figure,
    runs_figure,
)
from helpers.ui.params import defaults
from helpers.ui.plotting import png_bytes

X, W, B = [1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0


@pytest.fixture(scope="module")
def view():
    return SgdView()


def _artists(view):
    return [len(ax.lines) + len(ax.texts) + len(ax.patches) for ax in view.figure.axes]


def test_params_are_the_lesson_defaults():
    assert defaults(PARAMS) == {"lr": 0.01, "steps": 100, "target": 4.0}


def test_default_converges_and_draws_the_run(view):
    message = view.update()
    # t = 4, η = 0.01: e₀ = 2, r = 0.7, so y = 6, 5.4, 4.98, …; |e_k| ≤ 1e-6 first at k = 41
    # (0.7^k ≤ 5e-7: k ≥ ln(2e6)/ln(1/0.7) = 40.7).
    assert (message.text, message.level) == (
        "Converged: |y − t| ≤ 1e−06 after 41 steps (r = 0.7).",
        "ok",
    )
    ks, ys = view.y_line.get_data()
    assert list(ks) == list(range(42))
    np.testing.assert_allclose(ys[:3], [6.0, 5.4, 4.98])
    _, losses = view.loss_line.get_data()
    np.testing.assert_allclose(losses[:3], [4.0, 1.96, 0.9604])  # e² = 2², 1.4², 0.98²
    assert list(view.target_line.get_ydata()) == [4.0, 4.0]
    assert view.target_label.get_position()[1] == 4.0
    assert len(view.y_end.get_xdata()) == 0  # alive: no ✕
    assert (
        view.title.get_text()
        == "η = 0.01,   error factor r = 1 − 30·η = +0.700,   critical rate 1/15"
    )
    assert view.ax_y.get_ylim() == (-1.2, 8.0)  # the outputs 4 … 6 fill the panel, y = 0 shows
    assert view.ax_loss.yaxis.get_major_formatter()(1e-12, 0) == "10⁻¹²"


def test_too_small_a_learning_rate_is_still_moving(view):
    message = view.update(lr=1e-4, steps=300, target=4.0)
    # r = 1 − 30·1e-4 = 0.997; L₃₀₀ = (2·0.997³⁰⁰)² = 4·e^(600·ln 0.997) = 4·0.1648 = 0.659
    assert message.level == "warn"
    assert message.text == (
        "Still moving after 300 steps: loss 4 → 0.659. Each step keeps 0.997 of the error; "
        "a larger η (nearer 1/30) would be faster."
    )
    oscillating = view.update(lr=0.065, steps=50, target=4.0)  # r = 1 − 1.95 = −0.95
    assert "0.95 of the error, oscillating around t" in oscillating.text
    assert "smaller η" in oscillating.text


def test_above_the_critical_rate_the_swing_kills_the_neuron(view):
    message = view.update(lr=0.07, steps=100, target=4.0)
    # r = −1.1: z_k = 4 + 2·(−1.1)^k ≤ 0 first for odd k with 1.1^k ≥ 2 (k ≥ 7.3): k = 9,
    # z₉ = 4 − 2·1.1⁹ = 4 − 4.716 = −0.716.
    assert message.level == "bad"
    assert message.text == (
        "The neuron died at step 9: η > 1/15, so the error grows ×1.1 per step while flipping "
        "sign, and the swing pushed z to −0.716. Every gradient is 0; training stopped."
    )
    xs, ys = view.y_end.get_data()
    assert list(xs) == [9] and list(ys) == [0.0]  # the dead state is marked ✕ on the floor


def test_one_big_step_below_the_critical_rate_kills_it(view):
    # t = 2, η = 0.06 < 1/15: e = 4, r = −0.8, z₁ = 2 − 3.2 = −1.2
    message = view.update(lr=0.06, steps=100, target=2.0)
    assert message.text == (
        "The neuron died at step 1: η < 1/15, yet one step overshot t so far that z = −1.2 ≤ 0 "
        "(the kink). Every gradient is 0; training stopped."
    )


def test_target_zero_creeps_to_the_kink_or_dies_on_the_first_overshoot(view):
    # t = 0, η = 0.01: z_k = 6·0.7^k > 0, ≤ 1e-6 first at k = 44 (ln(6e6)/ln(1/0.7) = 43.7)
    assert view.update(lr=0.01, steps=100, target=0.0).text.startswith(
        "Converged: |y − t| ≤ 1e−06 after 44 steps"
    )
    # t = 0, η = 0.05: r = −0.5, z₁ = 6·(−0.5) = −3: y = 0 = t, but the neuron is dead
    died = view.update(lr=0.05, steps=100, target=0.0)
    assert died.level == "bad" and died.text.startswith("The neuron died at step 1")
    assert "z = −3 ≤ 0" in died.text


def test_negative_target_is_unreachable(view):
    # t = −2, η = 0.01: z_k = −2 + 8·0.7^k, first ≤ 0 at k = 4: −2 + 8·0.2401 = −0.0792
    message = view.update(lr=0.01, steps=100, target=-2.0)
    assert message.level == "bad"
    assert "died at step 4: no ReLU can output t = −2 < 0" in message.text
    assert "z down to −0.0792" in message.text


def test_diverging_while_still_alive(view):
    # t = 12, η = 1: e₀ = −6, r = −29, e₁ = 174 (y₁ = 186 > 0), L₁ = 174² = 30276
    message = view.update(lr=1.0, steps=1, target=12.0)
    assert message.level == "bad"
    assert message.text == (
        "Diverging: η > 1/15, the error grows ×29 per step while flipping sign "
        "(loss 36 → 3.03e+04 in 1 step)."
    )
    _, ys = view.y_line.get_data()
    np.testing.assert_allclose(ys, [6.0, 186.0])


def test_at_the_critical_rate_the_error_flips_without_shrinking(view):
    # η = 1/15: r = −1, e = 2, −2, 2, …: y = 6, 2, 6, …, z stays ≥ 2 > 0
    message = view.update(lr=1 / 15, steps=20, target=4.0)
    assert message.text == "Not converging: r = −1, the error flips sign without shrinking."
    _, ys = view.y_line.get_data()
    np.testing.assert_allclose(ys[:4], [6.0, 2.0, 6.0, 2.0])


def test_overflow_is_reported_as_diverged_and_drawn():
    huge = SgdView(w=[1e200, 0.0, 0.0])  # z = 1e200: the loss (1e200 − 4)² overflows at step 0
    message = huge.update(lr=0.01, steps=10, target=4.0)
    assert message.level == "bad"
    assert message.text == "Diverged: stopped at step 0, the loss overflowed at step 0."
    assert len(huge.y_line.get_xdata()) == 0
    assert png_bytes(huge.figure)[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    "lr, steps, target",
    [
        (1e-4, 300, 4.0),
        (1e-4, 1, -2.0),
        (1.0, 300, 12.0),
        (1.0, 300, -2.0),
        (0.01, 300, 12.0),
        (1 / 15, 300, 4.0),
    ],
)
def test_slider_extremes_never_raise_and_keep_finite_axes(view, lr, steps, target):
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


@pytest.mark.parametrize(
    "values, error, words",
    [
        ({"lr": -0.1}, ValueError, ["lr", "0.0001", "1"]),
        ({"lr": 1e-12}, ValueError, ["lr", "slider"]),
        ({"steps": 2.5}, TypeError, ["steps", "whole number"]),
        ({"steps": 0}, ValueError, ["steps", "1", "300"]),
        ({"target": float("nan")}, ValueError, ["target", "finite"]),
        ({"target": 1e6}, ValueError, ["target", "-2", "12"]),
        ({"lr": "0.1"}, TypeError, ["lr", "number"]),
        ({"eta": 0.1}, TypeError, ["unknown", "eta"]),
    ],
)
def test_bad_values_name_the_argument(view, values, error, words):
    with pytest.raises(error) as info:
        view.update(**values)
    for word in words:
        assert word in str(info.value)


def test_bad_neuron_names_the_argument():
    with pytest.raises(ValueError, match="x and w"):
        SgdView(x=[1.0, 2.0])
    with pytest.raises(TypeError, match="b"):
        SgdView(b="1")


def test_runs_figure_draws_every_run_and_marks_the_dead_one():
    runs = {f"η = {lr}": train_neuron(X, W, B, 4.0, lr, 60) for lr in (0.001, 0.01, 0.07)}
    fig = runs_figure(runs, 4.0)
    ax_loss, ax_y = fig.axes
    for ax in (ax_loss, ax_y):  # a legend on both panels; the dead run (η = 0.07) ✕ at step 9
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        assert labels[:3] == list(runs)
        marks = [tuple(line.get_xdata()) for line in ax.lines if line.get_marker() == "X"]
        assert marks[:1] == [(9,)]
    drawn = {line.get_label(): line for line in ax_y.lines}
    np.testing.assert_allclose(drawn["η = 0.01"].get_ydata()[:3], [6.0, 5.4, 4.98])
    assert len(drawn["η = 0.001"].get_xdata()) == 61  # running: every step of 60 drawn
    styles = {line.get_linestyle() for line in ax_loss.lines if line.get_label() in runs}
    assert len(styles) == 3  # neighbouring runs differ in dash pattern, not only in colour
    assert "neuron died" in [t.get_text() for t in ax_y.get_legend().get_texts()]
    with pytest.raises(ValueError, match="runs"):
        runs_figure({}, 4.0)


def test_runs_figure_can_zoom_the_output_panel_on_the_first_steps():
    runs = {f"η = {lr}": train_neuron(X, W, B, 4.0, lr, 100) for lr in (0.001, 0.05, 0.07)}
    ax_loss, ax_y = runs_figure(runs, 4.0, output_steps=20).axes
    assert ax_y.get_xlim() == (-0.5, 20.5)
    assert ax_loss.get_xlim()[1] > 100  # the loss panel still shows every step (η = 0.001: 100)
    y05 = next(line for line in ax_y.lines if line.get_label() == "η = 0.05")
    # e_k = 2·(−0.5)^k: y = 6, 3, 4.5 (a dot on every step)
    np.testing.assert_allclose(y05.get_ydata()[:3], [6.0, 3.0, 4.5])
    assert y05.get_marker() == "."
    with pytest.raises(ValueError, match="output_steps"):
        runs_figure(runs, 4.0, output_steps=0)


def test_gd_vs_sgd_figure_draws_the_whole_data_set_loss_of_each_run():
    X4 = [[1.0, -2.0, 3.0], [-2.0, 2.0, 2.0], [-1.0, -1.0, 0.0], [-2.0, 1.0, 0.0]]
    T4 = [3.0, 8.0, 3.0, 5.0]
    runs = {
        "gradient descent": full_batch_gd(X4, T4, W, B, 0.02, 10),
        "SGD": sgd(X4, T4, W, B, 0.02, 10, rng=np.random.default_rng(0)),
    }
    (ax,) = gd_vs_sgd_figure(runs).axes
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(runs)
    for line, run in zip(ax.lines, runs.values(), strict=True):
        np.testing.assert_array_equal(line.get_ydata(), run.losses)
        assert list(line.get_xdata()) == list(range(11))
    assert ax.lines[0].get_ydata()[0] == pytest.approx(3.75)  # e = (3, 1, 2, 1): 15/4
    assert ax.get_yscale() == "log" and "all N examples" in ax.get_ylabel()
    assert ax.lines[0].get_linestyle() != ax.lines[1].get_linestyle()
    with pytest.raises(ValueError, match="runs"):
        gd_vs_sgd_figure({})


def test_error_factor_figure_draws_the_line_and_the_two_rates():
    fig = error_factor_figure([0.01, 0.05], [0.7, -0.5])
    (ax,) = fig.axes
    line = next(line for line in ax.lines if line.get_label().startswith("r = "))
    etas, rs = line.get_data()
    np.testing.assert_allclose(rs, 1 - 30 * np.asarray(etas))  # r = 1 − 2η(14 + 1)
    assert etas[-1] == pytest.approx(1.5 / 15)
    dots = next(line for line in ax.lines if line.get_label() == "measured e₁/e₀")
    assert list(dots.get_xdata()) == [0.01, 0.05] and list(dots.get_ydata()) == [0.7, -0.5]
    assert [t.get_text() for t in ax.texts] == [" 1/30: one step", " 1/15: critical"]
    assert ax.get_xlabel() == "learning rate η"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == "|r| < 1: the error shrinks (while active)"  # not "converges"
    other_x = error_factor_figure([0.01], [0.72], x=[2.0, -1.0, 1.0])  # 1/(6 + 1) = 1/7
    assert [t.get_text() for t in other_x.axes[0].texts] == [
        " 1/14: one step",
        " 1/7: critical",
    ]
    with pytest.raises(ValueError, match="measured"):
        error_factor_figure([0.01, 0.05], [0.7])


def test_panel_controls_come_from_params():
    panel = PANELS["sgd"]()
    assert list(panel.controls) == ["lr", "steps", "target"]
    lr, steps = panel.controls["lr"], panel.controls["steps"]
    assert isinstance(lr, widgets.FloatLogSlider) and (lr.min, lr.max) == (-4, 0)
    assert lr.description == "learning rate η"
    assert isinstance(steps, widgets.IntSlider) and (steps.min, steps.max) == (1, 300)
    assert panel.error is None and "Converged" in panel.message.value
    panel.controls["lr"].value = 0.1  # r = −2: the swing kills the neuron
    assert panel.error is None and "died" in panel.message.value
