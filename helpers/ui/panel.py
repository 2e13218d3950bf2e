"""A live panel: controls, a one-line verdict and a picture, all redrawn by one plain view.

A *view* is any object with a `figure` (a matplotlib Figure it owns) and a method
`update(**params) -> Message` that moves the figure's artists to the new parameters and
says in words what the picture shows. The view is plain Python and unit-tested without a
browser; `Panel` only wires widgets to it. Extreme settings are the view's job to explain
(divergence, a dead neuron); if a view ever raises anyway, the panel shows the error as a
message instead of a traceback, and tests look for that (`Panel.error`).
"""

from __future__ import annotations

import html
from typing import Any, Literal, NamedTuple, Protocol

import ipywidgets as widgets
from matplotlib.figure import Figure

from helpers.ui.plotting import png_bytes, show

__all__ = ["Message", "Panel", "View", "show_view"]

Level = Literal["ok", "warn", "bad"]
_COLOURS = {"ok": "#1a5e3a", "warn": "#8a5a00", "bad": "#a3300b"}
_ICONS = {"ok": "✔", "warn": "⚠", "bad": "✖"}

# On a projector (JupyterLab's deck mode, which marks <body data-jp-deck-mode="presenting">) the
# controls' labels, readouts and buttons grow from 13 to 18 px, the size of the figures' text;
# elsewhere nothing changes. A <style> in an HTML widget reaches the page in JupyterLab,
# Notebook 7 and Colab alike, with no configuration on the learner's side.
DECK_CSS = """<style>
body[data-jp-deck-mode="presenting"] .bps-panel {
  --jp-widgets-font-size: 18px; --jp-widgets-inline-height: 34px;
  --jp-widgets-slider-handle-size: 20px; --jp-ui-font-size1: 18px;
}
</style>"""


class Message(NamedTuple):
    """What the picture shows, in words; `level` colours it in the panel."""

    text: str
    level: Level = "ok"

    def __str__(self) -> str:
        return self.text


class View(Protocol):
    figure: Figure

    def update(self, **params: Any) -> Message: ...


def show_view(view: View, **params: Any) -> None:
    """The static twin of a panel: draw the view at `params`, show the picture, print the message."""
    message = view.update(**params)
    show(view.figure)
    print(message.text)
    # returns None, so nothing else lands in the stored output


class Panel(widgets.VBox):
    """Controls on top, the verdict line, then the picture; every control change redraws.

    With `verdict=False` the message is a plain note, without ✔/⚠/✖ and colour (for a view whose
    message describes rather than judges). While `note` holds a text, it stands in red above the
    message (a problem the learner must see, such as input that could not be used).
    """

    def __init__(
        self,
        view: View,
        controls: dict[str, widgets.ValueWidget],
        columns: int = 3,
        *,
        verdict: bool = True,
    ):
        self.view = view
        self.verdict = verdict
        self.note: str | None = None
        self.controls = dict(controls)
        self.message = widgets.HTML(layout=widgets.Layout(min_height="1.6em"))
        # Natural size, never stretched (a stretched PNG looks blurry). The picture's width and
        # height are set as attributes once known, so a new picture never re-lays the page out.
        self.image = widgets.Image(
            format="png",
            layout=widgets.Layout(max_width="100%", height="auto", align_self="flex-start"),
        )
        self.error: str | None = None
        self.last_message: Message | None = None
        grid = widgets.GridBox(
            list(self.controls.values()),
            layout=widgets.Layout(
                grid_template_columns=f"repeat({columns}, max-content)", grid_gap="2px 16px"
            ),
        )
        deck_style = widgets.HTML(DECK_CSS, layout=widgets.Layout(display="none"))
        super().__init__([grid, self.message, self.image, deck_style])
        self.add_class("bps-panel")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()

    def values(self) -> dict[str, Any]:
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, _change: dict) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Redraw the view at the controls' current values and push message and picture."""
        try:
            message = self.view.update(**self.values())
            picture = png_bytes(self.view.figure)
        except Exception as exc:  # a view bug must not reach the learner as a traceback
            self.error = f"{type(exc).__name__}: {exc}"
            self._say(
                f'<span class="bps-panel-error" style="color:{_COLOURS["bad"]}">'
                f"✖ This setting could not be drawn ({html.escape(self.error)}).</span>"
            )
            return
        self.error = None
        self.last_message = message
        if self.verdict:
            self._say(
                f'<span class="bps-msg bps-{message.level}" style="color:{_COLOURS[message.level]};'
                f'font-size:1.1em">{_ICONS[message.level]} {html.escape(message.text)}</span>'
            )
        else:
            self._say(
                f'<span class="bps-msg" style="font-size:1.1em">{html.escape(message.text)}</span>'
            )
        width, height = self.view.figure.canvas.get_width_height()
        with self.image.hold_sync():  # one message; unchanged traits are not sent again
            self.image.width, self.image.height = str(width), str(height)
            self.image.value = picture

    def _say(self, line: str) -> None:
        """Show one line of HTML as the message, below the note if there is one."""
        if self.note:
            line = (
                f'<span class="bps-msg bps-bad" style="color:{_COLOURS["bad"]};font-size:1.1em">'
                f"✖ {html.escape(self.note)}</span><br>{line}"
            )
        self.message.value = line
