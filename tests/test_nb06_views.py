"""The panel of 06 · Layers and batches as a plain object: what it draws and says, its bad input.

The panel's layer, by hand: points x⁽⁰⁾ = (1, 2), x⁽¹⁾ = (2, −1), x⁽²⁾ = (−1, 1), x⁽³⁾ = (−2, −2);
unit 0 = the sliders (default w = (1, 1), b = 0.5), unit 1 w = (−1, 1), b = 0.5, unit 2 w = (0, −1),
b = 0.5; L = g·Σ outputs, so G = g everywhere.

    z of unit 0: 3.5, 1.5, 0.5, −3.5     gates 1, 1, 1, 0
    z of unit 1: 1.5, −2.5, 2.5, 0.5     gates 1, 0, 1, 1
    z of unit 2: −1.5, 1.5, −0.5, 2.5    gates 0, 1, 0, 1
"""

import numpy as np
import pytest

from helpers.lessons.nb06_layers_and_batches.views import PANELS, PARAMS, LayerView
from helpers.ui.params import defaults


def _numbers(text):
    return [[float(v.replace("−", "-")) for v in line.split()] for line in text.splitlines()]


def test_the_default_layer_by_hand():
    assert defaults(PARAMS) == {"w0": 1.0, "w1": 1.0, "b": 0.5, "g": 1.0}
    view = LayerView()
    message = view.update()
    assert message.level == "ok"
    # unit 0 passes x⁽⁰⁾, x⁽¹⁾, x⁽²⁾: dL/dW[:, 0] = (1 + 2 − 1, 2 − 1 + 1) = (2, 2), dL/db₀ = 3
    assert "passes 3 of 4 points" in message.text and "(2.0, 2.0)" in message.text
    # each label reads "n: g₀ g₁ g₂": units 1, 2 drawn once, unit 0's gate in the gap, animated
    fixed = sorted(t.get_text() for t in view.ax.texts if not t.get_animated())
    assert fixed == ["0:   1 0", "1:   0 1", "2:   1 0", "3:   1 1"]
    assert [label.get_text().strip() for label in view.labels] == ["1", "1", "1", "0"]
    # unit 1 passes x⁽⁰⁾, x⁽²⁾, x⁽³⁾: (1 − 1 − 2, 2 + 1 − 2) = (−2, 1); unit 2 x⁽¹⁾, x⁽³⁾: (0, −3)
    assert _numbers(view.arrays["dL_dW"].get_text()) == [[2.0, -2.0, 0.0], [2.0, 1.0, -3.0]]
    assert _numbers(view.arrays["dL_db"].get_text()) == [[3.0, 3.0, 2.0]]
    # row n = Σ of the open units' weights: (1,1) + (−1,1); (1,1) + (0,−1); (1,1) + (−1,1); (−1,1) + (0,−1)
    assert _numbers(view.arrays["dL_dX"].get_text()) == [
        [0.0, 2.0],
        [1.0, 0.0],
        [0.0, 2.0],
        [-1.0, 0.0],
    ]
    on_x, on_y = view.on.get_data()
    assert list(on_x) == [1.0, 2.0, -1.0] and list(on_y) == [2.0, -1.0, 1.0]
    assert list(view.off.get_data()[0]) == [-2.0]


def test_the_upstream_gradient_scales_every_gradient():
    view = LayerView()
    view.update(g=-2.0)
    assert _numbers(view.arrays["dL_dW"].get_text()) == [[-4.0, 4.0, 0.0], [-4.0, -2.0, 6.0]]
    assert _numbers(view.arrays["dL_db"].get_text()) == [[-6.0, -6.0, -4.0]]
    message = view.update(g=0.0)
    assert message.level == "warn" and "every gradient is 0" in message.text


def test_a_silent_unit_0_has_a_zero_column_but_dL_dX_still_gets_shares():
    view = LayerView()
    message = view.update(b=-5.0)  # z = x₀ + x₁ − 5 ≤ 3 − 5 < 0 on every point
    assert message.level == "warn" and "silent on all 4 points" in message.text
    dW = np.array(_numbers(view.arrays["dL_dW"].get_text()))
    assert not dW[:, 0].any()
    assert _numbers(view.arrays["dL_db"].get_text())[0][0] == 0.0
    # units 1 and 2 only: (−1, 1); (0, −1); (−1, 1); (−1, 1) + (0, −1)
    assert _numbers(view.arrays["dL_dX"].get_text()) == [
        [-1.0, 1.0],
        [0.0, -1.0],
        [-1.0, 1.0],
        [-1.0, 0.0],
    ]
    assert len(view.on.get_data()[0]) == 0
    # the active side x₀ + x₁ > 5 is only the box's corner near (3, 3), past every point
    corners = view.region.get_xy()
    assert np.all(corners.sum(axis=1) >= 5.0 - 1e-12) and np.all(corners.max(axis=0) == 3.0)


def test_the_shape_ledger_is_drawn():
    texts = [t.get_text() for t in LayerView().figure.texts]
    ledger = next(t for t in texts if t.startswith("shape ledger"))
    assert "(2, 4)(4, 3) → (2, 3)" in ledger and "(4, 3)(3, 2) → (4, 2)" in ledger
    assert "4 rows summed → (3,)" in ledger


def test_bad_input_gets_a_clear_error():
    view = LayerView()
    with pytest.raises(ValueError, match="g must be a finite number from -2 to 2"):
        view.update(g=5.0)
    with pytest.raises(TypeError, match="unknown parameter"):
        view.update(w2=1.0)


def test_the_panel_redraws_when_a_slider_moves():
    panel = PANELS["layer"]()
    assert panel.error is None and "passes 3 of 4" in panel.message.value
    panel.controls["b"].value = -5.0
    assert panel.error is None and "silent on all 4" in panel.message.value
