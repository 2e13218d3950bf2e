"""The Panel machinery, on a tiny view: controls redraw, errors become messages, not tracebacks."""

import numpy as np

from helpers.ui.panel import Message, Panel
from helpers.ui.params import Param, controls
from helpers.ui.plotting import new_figure, png_bytes, style


class LineView:
    """y = a·x on a fixed axis; refuses a = 3 to exercise the panel's safety net."""

    def __init__(self):
        with style():
            self.figure, axes = new_figure(figsize=(4, 3))
            self.ax = axes[0, 0]
            (self.line,) = self.ax.plot([], [])
            self.ax.set(xlim=(0, 1), ylim=(-5, 5), xlabel="x", ylabel="y")

    def update(self, a: float, lr: float = 1.0) -> Message:
        if a == 3:
            raise RuntimeError("three is not allowed")
        xs = np.linspace(0, 1, 5)
        self.line.set_data(xs, a * xs)
        return Message(f"slope {a:.1f}", "ok" if a >= 0 else "warn")


PARAMS = (
    Param("a", "a", default=1.0, lo=-4.0, hi=4.0, step=1.0),
    Param("lr", "lr", default=0.1, lo=0.001, hi=1.0, step=0.1, log=True),
)


def test_panel_redraws_on_every_control_and_reports_errors_as_messages():
    panel = Panel(LineView(), controls(PARAMS))
    first_picture, first_message = panel.image.value, panel.message.value
    assert "slope 1.0" in first_message and panel.error is None
    panel.controls["a"].value = -2.0
    assert "slope -2.0" in panel.message.value and "bps-warn" in panel.message.value
    assert panel.image.value != first_picture
    panel.controls["a"].value = 3.0
    assert panel.error == "RuntimeError: three is not allowed"
    assert "bps-panel-error" in panel.message.value and "Traceback" not in panel.message.value
    panel.controls["a"].value = 1.0
    assert panel.error is None and panel.message.value == first_message


def test_png_is_byte_identical_across_renders():
    view = LineView()
    view.update(a=2.0)
    assert png_bytes(view.figure) == png_bytes(view.figure)
    assert png_bytes(view.figure)[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_picture_has_a_fixed_size_so_a_redraw_never_relays_the_page_out():
    panel = Panel(LineView(), controls(PARAMS))
    # 4 × 3 inches at the series' 100 dpi
    assert (panel.image.width, panel.image.height) == ("400", "300")
    assert panel.image.layout.height == "auto" and panel.image.layout.max_width == "100%"
