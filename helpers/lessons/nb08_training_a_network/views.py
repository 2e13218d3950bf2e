"""Notebook 08's pictures and its training dashboard.

    moons_figure(train_set, val_set)             the data
    history_figure(run.history)                  loss, accuracy, dead share, update/weight ratio
    boundary_figure(run.history, data, epochs)   the decision boundary at a few epochs
    misclassified_figure(params, test_set)       the digits the network gets wrong, with its guess
    show_run(TrainerView(), lr=0.3, …)           the dashboard's static twin: a seeded run, drawn
    panel_trainer()                              the live dashboard: Train / Stop / Reset

Every number drawn comes from the core (`helpers.core.trainer`, `network`, `losses`). The
dashboard trains in a background thread and redraws about every `FRAME_S` seconds (between
epochs too); the Stop button sets an event that the trainer checks before every update, so a
click is heard within one update while the kernel stays free to receive it.
"""

from __future__ import annotations

import html
import math
import threading
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from helpers.core.datasets import Dataset
from helpers.core.losses import softmax
from helpers.core.network import network_forward
from helpers.core.trainer import Epoch, init_params, predict, train_epochs
from helpers.lessons.nb08_training_a_network.runs import MOONS, moons_data
from helpers.text import num
from helpers.ui.panel import Message, Panel
from helpers.ui.params import Param, controls, resolve
from helpers.ui.plotting import COLORS, new_figure, png_bytes, show, style

__all__ = [
    "FRAME_S",
    "PANELS",
    "PARAMS",
    "TrainerPanel",
    "TrainerView",
    "boundary_figure",
    "digits_figure",
    "history_figure",
    "misclassified_figure",
    "moons_figure",
    "panel_trainer",
    "show_run",
]

FRAME_S = (
    0.075  # while training, a frame every FRAME_S seconds (13 a second, so ≥ 10 with jitter) …
)
DRAW_SHARE = 0.6  # … unless frames are slow: then drawing takes at most this share of the time
CLASS_COLORS = (COLORS["blue"], COLORS["orange"])
LAYER_COLORS = (COLORS["green"], COLORS["purple"], COLORS["vermillion"])
BOX = ((-1.6, 2.6), (-1.1, 1.6))  # the moons' plotting window: x₀ range, x₁ range
GRID = 40  # the boundary is drawn from the network's output on GRID × GRID points
_CMAP = LinearSegmentedColormap.from_list("p1", ["#b3d4ec", "#ffffff", "#f8dda0"])  # p₁: 0 … 1

PARAMS = (
    Param("lr", "learning rate η", default=MOONS.lr, lo=1e-3, hi=10.0, step=0.1, log=True),
    Param("width", "hidden units per layer", default=16, lo=2, hi=64, step=2, integer=True),
    Param(
        "batch_size", "batch size B", default=MOONS.batch_size, lo=1, hi=300, step=1, integer=True
    ),
    Param("scale", "initial weight scale", default=MOONS.scale, lo=0.0, hi=10.0, step=0.1),
    Param("seed", "seed", default=MOONS.init_seed, lo=0, hi=20, step=1, integer=True),
)


def _pct(share: float, spec: str = ".0f") -> str:
    return f"{num(100 * share, spec)} %"


LOSS_TOP = 1.2  # the dashboard's loss axis reaches at least this high …


def _loss_top(largest: float) -> float:
    """… and, when a loss is larger, the first step of 2.5, 5, 10, 25, 50, 100, 250, … above it
    (so the axis, and with it the whole picture, is redrawn only when a loss passes a step)."""
    need = 1.05 * largest  # a margin above the highest point
    if not need > LOSS_TOP:  # also for NaN
        return LOSS_TOP
    decade = 1.0
    while True:
        for step in (2.5, 5.0, 10.0):
            if decade * step >= need:
                return decade * step
        decade *= 10


def moons_figure(train_set: Dataset, val_set: Dataset) -> Figure:
    """The two classes, training points filled and validation points as rings."""
    with style():
        fig, axes = new_figure(figsize=(8.0, 3.4))
        ax = axes[0, 0]
        for c in (0, 1):
            X = train_set.X[train_set.labels == c]
            ax.scatter(*X.T, s=18, color=CLASS_COLORS[c], label=f"class {c} (training)")
            V = val_set.X[val_set.labels == c]
            ax.scatter(
                *V.T,
                s=30,
                facecolors="none",
                edgecolors=CLASS_COLORS[c],
                lw=1.3,
                label=f"class {c} (validation)",
            )
        ax.set(xlim=BOX[0], ylim=BOX[1], xlabel="x₀", ylabel="x₁")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=11)
        fig.subplots_adjust(left=0.09, right=0.66, bottom=0.16, top=0.97)
    return fig


def _finite(values) -> np.ndarray:
    return np.array([v if math.isfinite(v) else np.nan for v in values], dtype=float)


def _positive(values) -> np.ndarray:
    """Values for a log scale: 0 (no update at all), NaN and inf are left out of the line."""
    out = _finite(values)
    out[~(out > 0)] = np.nan
    return out


def _train_and_val(ax, epochs, history: list[Epoch], measure: str, scale: float = 1) -> None:
    """One measure ("loss" or "accuracy") per epoch: training solid blue, validation dashed."""
    lines = (
        ("train", {"color": COLORS["blue"], "label": "training"}),
        ("val", {"color": COLORS["orange"], "ls": "--", "label": "validation"}),
    )
    for split, look in lines:
        values = _finite(getattr(e, f"{split}_{measure}") for e in history)  # (epochs,)
        ax.plot(epochs, scale * values, lw=2, **look)


def history_figure(history: list[Epoch]) -> Figure:
    """Four panels against the epoch: loss and accuracy (training, validation), the share of dead
    units per hidden layer, and the update-to-weight ratio ‖ΔW‖/‖W‖ per layer (log scale)."""
    epochs = [e.epoch for e in history]
    with style():
        fig, axes = new_figure(2, 2, figsize=(10.0, 6.0))
        ax = axes[0, 0]
        _train_and_val(ax, epochs, history, "loss")
        ax.set(ylabel="loss L (cross-entropy)", ylim=(0, None))
        ax.legend(frameon=False)
        ax = axes[0, 1]
        _train_and_val(ax, epochs, history, "accuracy", scale=100)
        ax.set(ylabel="accuracy (%)", ylim=(0, 102))
        ax.legend(frameon=False, loc="lower right")
        ax = axes[1, 0]
        for k in range(len(history[0].dead)):
            ax.plot(
                epochs,
                100 * _finite(e.dead[k] for e in history),
                color=LAYER_COLORS[k % 3],
                lw=2,
                label=f"hidden layer {k}",
            )
        ax.set(xlabel="epoch", ylabel="dead units (%)", ylim=(-3, 103))
        ax.legend(frameon=False)
        ax = axes[1, 1]
        for k in range(len(history[0].update_ratio)):
            ax.plot(
                epochs[1:],
                _positive(e.update_ratio[k] for e in history[1:]),
                color=LAYER_COLORS[k % 3],
                lw=2,
                marker="o",
                ms=3,
                label=f"layer {k}",
            )
        layer_lines = list(ax.lines)
        # the reference line is labelled where it is drawn, not in the legend (whose sample
        # would sit at another height and read as a second line)
        ax.axhline(1e-3, color=COLORS["grey"], lw=1, ls=":", label="10⁻³ (a rough guide)")
        ax.set(
            xlabel="epoch",
            ylabel="‖ΔW‖ / ‖W‖, mean per update",
            yscale="log",
            xlim=(0, max(epochs[-1], 1)),  # epochs, even when one point is drawn
        )
        ax.annotate(
            "10⁻³, a rough guide",
            xy=(0.01, 1e-3),
            xycoords=("axes fraction", "data"),
            xytext=(0, 3),
            textcoords="offset points",
            va="bottom",
            fontsize=10,
            color=COLORS["grey"],
        )
        ax.legend(handles=layer_lines, frameon=False)
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.1, top=0.97, hspace=0.25, wspace=0.25)
    return fig


def _grid() -> np.ndarray:
    g0 = np.linspace(*BOX[0], GRID)
    g1 = np.linspace(*BOX[1], GRID)
    return np.column_stack([a.ravel() for a in np.meshgrid(g0, g1)])  # (GRID², 2), row by row


def _p1(params, grid: np.ndarray) -> np.ndarray:
    """The network's probability of class 1 on every grid point, as an image (GRID, GRID)."""
    logits, _ = network_forward(grid, params)
    return softmax(logits)[:, 1].reshape(GRID, GRID)


def _boundary_axes(ax, data: Dataset, animated: bool):
    image = ax.imshow(
        np.full((GRID, GRID), 0.5),
        extent=(*BOX[0], *BOX[1]),
        origin="lower",
        cmap=_CMAP,
        vmin=0,
        vmax=1,
        aspect="auto",
        interpolation="bilinear",
        animated=animated,
    )
    for c in (0, 1):
        ax.scatter(
            *data.X[data.labels == c].T, s=10, color=CLASS_COLORS[c], zorder=3, animated=animated
        )  # animated with the image, so png_bytes draws the points over it
    ax.set(xlim=BOX[0], ylim=BOX[1], xticks=[], yticks=[])
    return image


def boundary_figure(history: list[Epoch], data: Dataset, epochs: tuple[int, ...]) -> Figure:
    """The decision boundary (where p₁ = 1/2) and p₁ as a shade, after each of `epochs`."""
    grid = _grid()
    with style():
        fig, axes = new_figure(1, len(epochs), figsize=(2.6 * len(epochs), 2.5))
        for ax, k in zip(axes[0], epochs, strict=True):
            record = history[k]
            _boundary_axes(ax, data, animated=False).set_data(_p1(record.params, grid))
            ax.contour(
                np.linspace(*BOX[0], GRID),
                np.linspace(*BOX[1], GRID),
                _p1(record.params, grid),
                levels=[0.5],
                colors=COLORS["black"],
                linewidths=1.5,
            )
            ax.set_title(f"epoch {k}: validation {_pct(record.val_accuracy)}", fontsize=12)
        fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.86, wspace=0.05)
    return fig


def misclassified_figure(params, data: Dataset, most: int = 12) -> Figure:
    """Up to `most` digits of `data` the network gets wrong: the image, its label and the guess."""
    guesses = predict(params, data.X)
    wrong = np.flatnonzero(guesses != data.labels)[:most]
    with style():
        fig, axes = new_figure(1, max(len(wrong), 1), figsize=(1.1 * max(len(wrong), 1), 1.6))
        for ax in axes[0]:
            ax.set_axis_off()
        for ax, n in zip(axes[0], wrong, strict=False):
            ax.imshow(data.X[n].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
            ax.set_title(f"{data.labels[n]} → {guesses[n]}", fontsize=11)
        fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.8, wspace=0.15)
    return fig


def digits_figure(data: Dataset, count: int = 10) -> Figure:
    """The first `count` digits of `data` as 8×8 images, each titled with its label."""
    with style():
        fig, axes = new_figure(1, count, figsize=(1.1 * count, 1.5))
        for ax, n in zip(axes[0], range(count), strict=True):
            ax.imshow(data.X[n].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
            ax.set_title(f"{data.labels[n]}", fontsize=12)
            ax.set_axis_off()
        fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.8, wspace=0.15)
    return fig


class TrainerView:
    """The dashboard's picture: the boundary, the loss curves and the dead share, for one run.

    `update(**values)` starts a new run at those settings (epoch 0 drawn); `draw(history)` draws
    the run so far. `train_set`/`val_set`: the notebook's moons."""

    def __init__(self) -> None:
        self.train_set, self.val_set = moons_data()
        self.grid = _grid()
        self.epochs = MOONS.epochs
        self.settings: dict[str, float] = {}
        self.history: list[Epoch] = []
        with style():
            self.figure, axes = new_figure(1, 3, figsize=(9.6, 2.9))
            ax_b, ax_l, ax_d = axes[0]
            self.image = _boundary_axes(ax_b, self.train_set, animated=True)
            ax_b.set_title("p(class 1) and the boundary", fontsize=12)
            (self.train_line,) = ax_l.plot(
                [], [], color=COLORS["blue"], lw=2, animated=True, label="training"
            )
            (self.val_line,) = ax_l.plot(
                [], [], color=COLORS["orange"], lw=2, ls="--", animated=True, label="validation"
            )
            ax_l.set(xlim=(0, self.epochs), ylim=(0, LOSS_TOP), xlabel="epoch", ylabel="loss L")
            self.loss_axes = ax_l
            # legends above the axes, where no line can run under them
            above = {
                "loc": "lower center",
                "bbox_to_anchor": (0.5, 1.0),
                "ncol": 2,
                "frameon": False,
                "fontsize": 11,
                "handlelength": 1.5,
                "columnspacing": 1.0,
                "borderaxespad": 0.2,
            }
            ax_l.legend(**above)
            self.dead_lines = [
                ax_d.plot([], [], color=LAYER_COLORS[k], lw=2, animated=True, label=f"layer {k}")[0]
                for k in range(len(MOONS.sizes) - 2)
            ]
            ax_d.set(
                xlim=(0, self.epochs),
                ylim=(-3, 103),
                xlabel="epoch",
                ylabel="dead hidden units (%)",
            )
            ax_d.legend(**above)
            self.figure.subplots_adjust(left=0.02, right=0.98, bottom=0.17, top=0.88, wspace=0.3)

    def sizes(self, width: int) -> tuple[int, ...]:
        return (2, width, width, 2)

    def update(self, **values: float) -> Message:
        """A new, untrained network at these settings; draws epoch 0 (before any update)."""
        v = resolve(PARAMS, values)
        self.settings = v
        start = self._epochs(v)
        self.history = [next(start)]  # epoch 0 only
        start.close()
        message = self.draw(self.history)
        return Message(
            f"η = {num(v['lr'], '.2g')}, B = {v['batch_size']}, {v['width']} units "
            f"per hidden layer, scale {num(v['scale'], '.1f')}, seed {v['seed']}: "
            f"press Train. {message.text}",
            message.level,
        )

    def run(self, should_stop=None, on_update=None):
        """The generator of this run's epochs (epoch 1 on), at the settings of the last update."""
        epochs = self._epochs(
            self.settings or resolve(PARAMS, {}), should_stop=should_stop, on_update=on_update
        )
        next(epochs)  # epoch 0: already drawn
        return epochs

    def _epochs(self, v: dict, should_stop=None, on_update=None):
        """A fresh network at settings `v` and the generator of its training (epoch 0 first).
        The seed draws the weights; seed + 1 draws the batches."""
        params = init_params(
            self.sizes(v["width"]), np.random.default_rng(v["seed"]), scale=v["scale"]
        )
        return train_epochs(
            params,
            self.train_set,
            self.val_set,
            lr=v["lr"],
            batch_size=v["batch_size"],
            epochs=self.epochs,
            rng=np.random.default_rng(v["seed"] + 1),
            should_stop=should_stop,
            on_update=on_update,
        )

    def draw(self, history: list[Epoch], params=None, updates: int | None = None) -> Message:
        """Draw the run so far: every record's loss and dead share, and the boundary of its last
        record (or of `params`, the network after `updates` updates, between two epochs)."""
        self.history = history
        last = history[-1]
        finite = [e for e in history if math.isfinite(e.train_loss)]
        epochs = [e.epoch for e in finite]
        self.image.set_data(_p1(finite[-1].params if params is None else params, self.grid))
        self.train_line.set_data(epochs, [e.train_loss for e in finite])
        self.val_line.set_data(epochs, [e.val_loss for e in finite])
        losses = [x for e in finite for x in (e.train_loss, e.val_loss) if math.isfinite(x)]
        top = _loss_top(max(losses, default=0.0))
        if self.loss_axes.get_ylim()[1] != top:  # a new top redraws the whole picture
            self.loss_axes.set_ylim(0, top)
        for k, line in enumerate(self.dead_lines):
            line.set_data(epochs, [100 * e.dead[k] for e in finite])
        if last.status == "diverged":
            return Message(last.note, "bad")
        dead = ", ".join(_pct(s, ".3g") for s in last.dead)  # 2 of 16: 12.5 %
        where = f"epoch {last.epoch} of {self.epochs}"
        if updates is not None:  # mid-epoch: the numbers are those recorded after the last epoch
            where = f"update {updates}, in epoch {last.epoch + 1} of {self.epochs}"
        if last.status == "stopped":  # the record was made where the run stopped
            where = f"{last.note} (of {self.epochs} epochs)"
        text = (
            f"{where}: validation accuracy {_pct(last.val_accuracy)}, validation loss "
            f"{num(last.val_loss, '.3f')}; dead units per hidden layer: {dead}"
        )
        if updates is not None and last.status != "stopped":
            text = f"{text} (as of epoch {last.epoch})"
        if max(last.dead) > 0.5:
            return Message(f"{text}: most units of a layer are dead", "warn")
        return Message(text)

    def run_to_end(self) -> Message:
        """Train at the current settings to the last epoch and draw it (the static twin)."""
        return self.draw([*self.history[:1], *self.run()])


def show_run(view: TrainerView, **values: float) -> None:
    """The dashboard's static twin: a seeded run at `values`, trained to the end and drawn."""
    view.update(**values)
    message = view.run_to_end()
    show(view.figure)
    print(message.text)


class TrainerPanel(Panel):
    """The sliders, Train / Stop / Reset, a progress bar, the message and the picture.

    Train starts the run in a background thread (the cell returns, so the kernel can receive a
    Stop click); it redraws every FRAME_S seconds, or less often when a frame takes longer than
    DRAW_SHARE of that time (so training always gets time). Moving a slider stops the run and
    starts over at the new settings."""

    def __init__(self, view: TrainerView) -> None:
        super().__init__(view, controls(PARAMS, continuous_update=False), columns=3)
        self.thread: threading.Thread | None = None
        self.stop_event = threading.Event()
        self.lock = threading.Lock()  # one drawing at a time
        self.frames = 0
        self.status = "ready"
        button = widgets.Layout(width="110px")
        self.train_button = widgets.Button(
            description="▶ Train", button_style="success", layout=button
        )
        self.stop_button = widgets.Button(description="■ Stop", layout=button)
        self.reset_button = widgets.Button(description="↺ Reset", layout=button)
        self.train_button.on_click(lambda _: self.train())
        self.stop_button.on_click(lambda _: self.stop())
        self.reset_button.on_click(lambda _: self.reset())
        self.progress = widgets.IntProgress(
            value=0, min=0, max=view.epochs, layout=widgets.Layout(width="260px")
        )
        self.progress_label = widgets.Label(value=f"epoch 0 of {view.epochs}")
        self.progress_label.add_class("bps-progress")
        bar = widgets.HBox(
            [
                self.train_button,
                self.stop_button,
                self.reset_button,
                self.progress,
                self.progress_label,
            ]
        )
        self.children = [self.children[0], bar, *self.children[1:]]

    def _on_change(self, _change: dict) -> None:
        self.stop()
        self.refresh()
        self._progress(0, None)

    def refresh(self) -> None:
        with getattr(self, "lock", threading.Lock()):
            super().refresh()

    def _progress(
        self, epoch: int, left_s: float | None, updates: int | None = None, ended: str = ""
    ) -> None:
        """The bar at `epoch` epochs done; mid-epoch (`updates` given) the label names the update,
        as the message does. `ended` "stopped" or "diverged": the run ended during `epoch`, so
        only epoch − 1 epochs are complete and the bar shows those."""
        text = f"epoch {epoch} of {self.view.epochs}"
        if updates is not None:
            text = f"update {updates}, in epoch {epoch + 1} of {self.view.epochs}"
        if ended in ("stopped", "diverged"):
            epoch -= 1
            text = f"{epoch} of {self.view.epochs} epochs complete, {ended} in epoch {epoch + 1}"
        self.progress.value = epoch
        if left_s is not None:
            text += f" · about {math.ceil(left_s)} s left"
        self.progress_label.value = text

    def _show(self, message: Message) -> None:
        """Push the view's current figure and `message` (the lock is held by the caller)."""
        self.last_message = message
        colour = {"ok": "#1a5e3a", "warn": "#8a5a00", "bad": "#a3300b"}[message.level]
        self.message.value = (
            f'<span class="bps-msg bps-{message.level}" style="color:{colour};'
            f'font-size:1.1em">{html.escape(message.text)}</span>'
        )
        self.image.value = png_bytes(self.view.figure)
        self.frames += 1

    def train(self) -> None:
        """Start a fresh run at the sliders' settings in a background thread (if none runs)."""
        if self.running:
            return
        self.stop_event.clear()
        with self.lock:
            self.view.update(**self.values())
        self.status = "running"
        self.thread = threading.Thread(target=self._work, daemon=True)
        self.thread.start()

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def _frame(self, history: list[Epoch], params=None, updates: int | None = None) -> None:
        """Draw and push one frame and the progress bar (in the training thread)."""
        now = time.perf_counter()
        self._last_frame = now
        with self.lock:
            self._show(self.view.draw(history, params, updates))
        cost = time.perf_counter() - now  # on a busy machine, leave the training its share
        self._gap = max(FRAME_S, cost / DRAW_SHARE)
        last = history[-1]
        done = (last.epoch if updates is None else updates / self._per_epoch) / self.view.epochs
        elapsed = now - self._start
        running = last.status == "running"
        left = elapsed * (1 - done) / done if done and elapsed > 1 and running else None
        self._progress(last.epoch, left, updates if running else None, ended=last.status)

    def _work(self) -> None:
        try:
            history = list(self.view.history[:1])
            self._start = self._last_frame = time.perf_counter()
            self._gap = FRAME_S
            self._per_epoch = math.ceil(
                len(self.view.train_set.X) / self.view.settings["batch_size"]
            )

            def on_update(updates: int, params) -> None:  # between epochs: the boundary moves
                if time.perf_counter() - self._last_frame >= self._gap:
                    self._frame(history, params, updates)

            for record in self.view.run(self.stop_event.is_set, on_update):
                history.append(record)
                self.status = record.status
                due = time.perf_counter() - self._last_frame >= self._gap
                if record.status != "running" or due:
                    self._frame(history)
        except Exception as exc:  # never a traceback: the message says what went wrong
            self.error = f"{type(exc).__name__}: {exc}"
            self.message.value = html.escape(f"✖ The run stopped with an error ({self.error}).")
            self.status = "error"

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the run to stop (heard before the next update) and wait for it."""
        self.stop_event.set()
        if self.thread is not None:
            self.thread.join(timeout)

    def reset(self) -> None:
        """Stop the run and draw a fresh network at the sliders' settings."""
        self.stop()
        self.status = "ready"
        self.refresh()
        self._progress(0, None)


def panel_trainer() -> TrainerPanel:
    """The training dashboard on the notebook's moons."""
    return TrainerPanel(TrainerView())


PANELS = {"trainer": panel_trainer}
