"""Notebook 08's views and dashboard as plain objects: what they draw and say, Train / Stop /
Reset without a browser, and no traceback ever reaching the learner."""

import time

import numpy as np
import pytest

from helpers.core.trainer import Epoch, predict
from helpers.lessons.nb08_training_a_network.runs import MOONS, moons_data, run_config
from helpers.lessons.nb08_training_a_network.views import (
    GRID,
    PANELS,
    PARAMS,
    TrainerView,
    boundary_figure,
    history_figure,
    misclassified_figure,
)
from helpers.ui.params import defaults


@pytest.fixture(scope="module")
def run():
    return run_config(MOONS, *moons_data())


def test_the_dashboard_starts_at_the_notebooks_run():
    assert defaults(PARAMS) == {
        "lr": MOONS.lr,
        "width": MOONS.sizes[1],
        "batch_size": MOONS.batch_size,
        "scale": MOONS.scale,
        "seed": MOONS.init_seed,
    }


def test_all_zero_weights_draw_a_flat_half_and_say_every_unit_is_dead():
    view = TrainerView()
    message = view.update(scale=0.0)
    # W = 0, b = 0: every hidden z = 0 (silent, so dead on every point) and both logits are 0,
    # so p(class 1) = e⁰/(e⁰ + e⁰) = 1/2 on the whole grid.
    assert "dead units per hidden layer: 100 %, 100 %" in message.text
    assert message.level == "warn" and "most units of a layer are dead" in message.text
    np.testing.assert_allclose(view.image.get_array(), np.full((GRID, GRID), 0.5))


def test_a_finished_run_draws_every_epoch(run):
    view = TrainerView()
    view.update()
    message = view.run_to_end()
    last = run.history[-1]
    assert message.text.startswith(f"epoch {MOONS.epochs} of {MOONS.epochs}: validation accuracy")
    epochs, losses = view.train_line.get_data()
    assert list(epochs) == list(range(MOONS.epochs + 1))
    assert losses[-1] == last.train_loss  # the same seeded run as runs.run_config
    assert view.dead_lines[1].get_data()[1][-1] == 100 * last.dead[1]
    p1 = view.image.get_array()
    assert p1.shape == (GRID, GRID) and 0 <= p1.min() < 0.5 < p1.max() <= 1  # both classes drawn


def test_the_message_names_the_validation_loss_and_the_dead_share_exactly(run):
    view = TrainerView()
    # epoch 0 of seed 2: 2 of layer 1's 16 units are dead, 2/16 = 12.5 % (not rounded to 12)
    assert "dead units per hidden layer: 0 %, 12.5 %" in view.update().text
    text = view.run_to_end().text
    assert f"validation loss {run.history[-1].val_loss:.3f}" in text


def test_the_loss_axis_grows_to_show_every_loss(run):
    view = TrainerView()
    view.update()
    assert view.loss_axes.get_ylim() == (0, 1.2)  # the seeded run's losses are all below 0.9
    view.run_to_end()
    assert view.loss_axes.get_ylim() == (0, 1.2)
    # scale 10 multiplies the logits by 10³: the initial loss is 380.179 (section 3), so the
    # axis steps up to the first of 1.2, 2.5, 5, 10, 25, 50, 100, 250, 500 above 1.05 · 380.179
    view.update(scale=10.0)
    top = view.loss_axes.get_ylim()[1]
    assert top == 500 and max(view.train_line.get_ydata()) < top
    view.update()  # a fresh run at the defaults: back to 1.2
    assert view.loss_axes.get_ylim() == (0, 1.2)


def test_the_scale_slider_reaches_section_3s_scale_10():
    (scale,) = [p for p in PARAMS if p.name == "scale"]
    assert scale.lo == 0.0 and scale.hi == 10.0
    (batch,) = [p for p in PARAMS if p.name == "batch_size"]
    assert batch.lo == 1 and "batch size" in batch.label  # the browser test sets it to 1


def test_the_history_figure_draws_the_records(run):
    fig = history_figure(run.history)
    loss_ax, acc_ax, dead_ax, ratio_ax = fig.axes
    _, val = loss_ax.lines
    assert list(val.get_ydata()) == [e.val_loss for e in run.history]
    assert acc_ax.lines[0].get_ydata()[-1] == 100 * run.history[-1].train_accuracy
    assert len(dead_ax.lines) == 2 and len(ratio_ax.lines) == 3 + 1  # 3 layers + the 1e-3 line
    assert ratio_ax.get_yscale() == "log"
    assert list(ratio_ax.lines[0].get_xdata()) == list(range(1, MOONS.epochs + 1))  # no epoch 0
    assert ratio_ax.get_xlim() == (0, MOONS.epochs)  # the epochs, not matplotlib's auto range
    assert ratio_ax.lines[-1].get_label() == "10⁻³ (a rough guide)"
    assert list(ratio_ax.lines[-1].get_ydata()) == [1e-3, 1e-3]
    # labelled on the axes, not in the legend (whose sample would sit at another height)
    assert [t.get_text() for t in ratio_ax.get_legend().get_texts()] == [
        "layer 0",
        "layer 1",
        "layer 2",
    ]
    assert "10⁻³, a rough guide" in [t.get_text() for t in ratio_ax.texts]


def test_mid_epoch_and_stopped_messages_say_which_epoch_the_numbers_are_from(run):
    view = TrainerView()
    view.update()
    mid = view.draw(run.history[:1], params=run.history[1].params, updates=5)
    assert mid.text.startswith("update 5, in epoch 1 of 40:") and mid.text.endswith(
        "(as of epoch 0)"
    )
    stopped = run.history[1]._replace(
        status="stopped", note="stopped during epoch 1 after 5 updates"
    )
    text = view.draw([run.history[0], stopped]).text
    assert text.startswith("stopped during epoch 1 after 5 updates (of 40 epochs): validation")


def test_the_progress_label_names_the_update_mid_epoch():
    panel = PANELS["trainer"]()
    panel._progress(3, None, updates=35)
    assert panel.progress.value == 3
    assert panel.progress_label.value == "update 35, in epoch 4 of 40"
    panel._progress(4, None)
    assert panel.progress_label.value == "epoch 4 of 40"


def test_after_stop_the_progress_label_claims_only_complete_epochs():
    # a run stopped during epoch 11 has finished 10 epochs: the bar and the label say 10
    panel = PANELS["trainer"]()
    panel._progress(11, None, ended="stopped")
    assert panel.progress.value == 10
    assert panel.progress_label.value == "10 of 40 epochs complete, stopped in epoch 11"
    panel._progress(1, None, ended="diverged")
    assert panel.progress.value == 0
    assert panel.progress_label.value == "0 of 40 epochs complete, diverged in epoch 1"
    panel._progress(40, None, ended="finished")
    assert panel.progress.value == 40 and panel.progress_label.value == "epoch 40 of 40"


def test_the_boundary_figure_titles_say_the_epoch_and_accuracy(run):
    train_set, _ = moons_data()
    fig = boundary_figure(run.history, train_set, (0, MOONS.epochs))
    titles = [ax.get_title() for ax in fig.axes]
    acc = round(100 * run.history[-1].val_accuracy)
    assert titles == [
        "epoch 0: validation 33 %",
        f"epoch {MOONS.epochs}: validation {acc} %",
    ]  # 0: snapshot of seed 2


def test_misclassified_digits_are_titled_label_then_guess():
    # A "network" with one linear layer that always says class 1 (b = (0, 1)): every row with
    # another label is wrong, and the title says "label → 1".
    from helpers.core.datasets import Dataset

    data = Dataset(np.zeros((4, 64)), np.array([1, 3, 1, 7]))
    params = [(np.zeros((64, 10)), np.eye(10)[1])]
    assert predict(params, data.X).tolist() == [1, 1, 1, 1]
    fig = misclassified_figure(params, data)
    assert [ax.get_title() for ax in fig.axes if ax.get_title()] == ["3 → 1", "7 → 1"]


def _wait(panel, seconds=10.0):
    end = time.perf_counter() + seconds
    while panel.running and time.perf_counter() < end:
        time.sleep(0.01)


def test_train_runs_in_the_background_and_stop_stops_it():
    panel = PANELS["trainer"]()
    panel.controls["batch_size"].value = 1  # 300 updates an epoch: a long run
    panel.train()
    assert panel.running  # the call returned while the run goes on
    time.sleep(0.5)
    asked = time.perf_counter()
    panel.stop()
    assert not panel.running and time.perf_counter() - asked < 2.0
    assert panel.status == "stopped" and panel.error is None
    assert "stopped during epoch" in panel.message.value
    assert panel.frames >= 1 and panel.progress.value < panel.view.epochs
    stopped_in = panel.view.history[-1].epoch  # the epoch the run stopped in, not complete
    assert panel.progress.value == stopped_in - 1
    assert panel.progress_label.value.endswith(f"stopped in epoch {stopped_in}")


def test_a_run_to_the_end_fills_the_progress_bar_and_reset_starts_over():
    panel = PANELS["trainer"]()
    panel.train()
    _wait(panel)
    assert panel.status == "finished" and panel.progress.value == panel.view.epochs
    assert f"epoch {MOONS.epochs} of {MOONS.epochs}" in panel.message.value
    panel.reset()
    assert panel.status == "ready" and panel.progress.value == 0
    assert "press Train" in panel.message.value


def test_moving_a_slider_stops_the_run():
    panel = PANELS["trainer"]()
    panel.controls["batch_size"].value = 1
    panel.train()
    panel.controls["lr"].value = 0.01
    assert not panel.running and panel.status == "stopped"
    assert "η = 0.01" in panel.message.value


def test_an_error_in_training_is_a_message_not_a_traceback(monkeypatch):
    panel = PANELS["trainer"]()

    def broken(*_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(panel.view, "run", broken)
    panel.train()
    _wait(panel)
    assert panel.status == "error" and "boom" in panel.message.value
    assert "Traceback" not in panel.message.value


def test_bad_settings_get_a_clear_error():
    with pytest.raises(ValueError, match="batch_size must be a finite number from 1 to 300"):
        TrainerView().update(batch_size=0)
    with pytest.raises(TypeError, match="unknown parameter"):
        TrainerView().update(epochs=3)


def test_a_diverged_record_is_drawn_as_a_bad_message(run):
    view = TrainerView()
    view.update()
    nan = float("nan")
    bad = Epoch(
        1,
        7,
        nan,
        nan,
        nan,
        nan,
        (nan, nan),
        (nan,) * 3,
        run.history[0].params,
        "diverged",
        "diverged: the batch loss (nan) became NaN or inf at update 8",
    )
    message = view.draw([run.history[0], bad])
    assert message.level == "bad" and message.text.startswith("diverged")


def test_the_dashboards_points_are_drawn_over_the_moving_shade():
    # png_bytes pastes the static picture, then draws the animated artists: the points must be
    # animated too, or the shade (animated) would cover them
    view = TrainerView()
    ax = view.image.axes
    assert view.image.get_animated()
    assert ax.collections and all(c.get_animated() for c in ax.collections)
    assert all(c.get_zorder() > view.image.get_zorder() for c in ax.collections)
