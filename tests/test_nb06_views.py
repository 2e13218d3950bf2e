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

from helpers.lessons.nb06_layers_and_batches.views import PANELS, PARAMS, LayerView, moons_figure
from helpers.ui.params import defaults


def _numbers(view, name):
    """The numbers drawn in one block of the table, as floats."""
    return [[float(v.replace("−", "-")) for v in row] for row in view.cells[name]]


def test_the_default_layer_by_hand():
    assert defaults(PARAMS) == {"w0": 1.0, "w1": 1.0, "b": 0.5, "g": 1.0}
    view = LayerView()
    message = view.update()
    assert message.level == "ok"
    # unit 0 passes x⁽⁰⁾, x⁽¹⁾, x⁽²⁾: dL/dW[:, 0] = (1 + 2 − 1, 2 − 1 + 1) = (2, 2), dL/db₀ = 3
    assert "passes 3 of 4 points" in message.text and "(2, 2)" in message.text
    # dL/dZ = g · gates (g = 1): rows are the examples, columns the units (gates above)
    assert _numbers(view, "dL_dZ") == [[1, 1, 0], [1, 0, 1], [1, 1, 0], [0, 1, 1]]
    # unit 1 passes x⁽⁰⁾, x⁽²⁾, x⁽³⁾: (1 − 1 − 2, 2 + 1 − 2) = (−2, 1); unit 2 x⁽¹⁾, x⁽³⁾: (0, −3)
    assert _numbers(view, "dL_dW") == [[2.0, -2.0, 0.0], [2.0, 1.0, -3.0]]
    assert _numbers(view, "dL_db") == [[3.0, 3.0, 2.0]]  # the column sums of dL/dZ
    # row n = Σ of the open units' weights: (1,1) + (−1,1); (1,1) + (0,−1); (1,1) + (−1,1); (−1,1) + (0,−1)
    assert _numbers(view, "dL_dX") == [[0.0, 2.0], [1.0, 0.0], [0.0, 2.0], [-1.0, 0.0]]
    on_x, on_y = view.on.get_data()
    assert list(on_x) == [1.0, 2.0, -1.0] and list(on_y) == [2.0, -1.0, 1.0]
    assert list(view.off.get_data()[0]) == [-2.0]
    # 29 numbers are drawn as one path: it has vertices, and more of them than the labels'
    assert len(view.numbers.get_path().vertices) > 29 * 4


def test_the_arrow_points_into_unit_0s_active_side():
    view = LayerView()
    view.update(w0=1.0, w1=0.0, b=-1.0)  # z = x₀ − 1: the line x₀ = 1, active to the right
    outline = view.arrow.get_xy()
    tail, tip = outline[0], outline[3]
    assert tail[0] == pytest.approx(1.0) and tip[0] == pytest.approx(1.75)  # 0.75 along w
    x0, _ = view.line.get_data()
    assert x0[0] == pytest.approx(1.0) and x0[1] == pytest.approx(1.0)


def test_the_upstream_gradient_scales_every_gradient():
    view = LayerView()
    view.update(g=-2.0)
    assert _numbers(view, "dL_dZ")[0] == [-2.0, -2.0, 0.0]
    assert _numbers(view, "dL_dW") == [[-4.0, 4.0, 0.0], [-4.0, -2.0, 6.0]]
    assert _numbers(view, "dL_db") == [[-6.0, -6.0, -4.0]]
    message = view.update(g=0.0)
    assert message.level == "warn" and "every gradient is 0" in message.text


def test_a_silent_unit_0_has_a_zero_column_but_dL_dX_still_gets_shares():
    view = LayerView()
    message = view.update(b=-5.0)  # z = x₀ + x₁ − 5 ≤ 3 − 5 < 0 on every point
    assert message.level == "warn" and "silent on all 4 points" in message.text
    assert [row[0] for row in _numbers(view, "dL_dW")] == [0.0, 0.0]
    assert _numbers(view, "dL_db")[0][0] == 0.0
    # units 1 and 2 only: (−1, 1); (0, −1); (−1, 1); (−1, 1) + (0, −1)
    assert _numbers(view, "dL_dX") == [[-1.0, 1.0], [0.0, -1.0], [-1.0, 1.0], [-1.0, 0.0]]
    assert len(view.on.get_data()[0]) == 0


def test_a_point_on_unit_0s_line_is_named():
    # w = (1, 0), b = −1: point 0 = (1, 2) has z = 1 − 1 = 0 exactly, so its gate is 0
    message = LayerView().update(w0=1.0, w1=0.0, b=-1.0)
    assert message.level == "warn" and "point 0 lies on unit 0's line (z = 0)" in message.text
    assert "gate is 0" in message.text


def test_unit_0_with_no_weights_and_no_bias_has_no_line_and_every_gate_closed():
    # W₀₀ = W₁₀ = b₀ = 0: z = 0 on every point; it is not "a point on the line"
    view = LayerView()
    message = view.update(w0=0.0, w1=0.0, b=0.0)
    assert message.level == "warn" and "no line" in message.text
    assert "every gate is 0" in message.text and "lies on" not in message.text
    assert [row[0] for row in _numbers(view, "dL_dZ")] == [0.0, 0.0, 0.0, 0.0]
    assert len(view.line.get_data()[0]) == 0  # nothing drawn for unit 0


@pytest.mark.parametrize("dust", [{"w0": 2.8e-17}, {"w1": -2.8e-17}, {"w0": 2.8e-17, "b": 2.8e-17}])
def test_slider_float_dust_reads_as_exact_zero(dust):
    # A slider at "0.0" can hand over 2.8e−17 (steps of 0.1 in floating point). round(2.8e−17, 10)
    # = 0, so this is unit 0 with no weights and no bias: no line, every gate 0. Unrounded, w₀₀ =
    # 2.8e−17 would give z = 2.8e−17·x₀ > 0 on points 0 and 1 (x₀ = 1, 2): gates 1, 1, 0, 0 and a
    # line through the origin.
    view = LayerView()
    message = view.update(**{"w0": 0.0, "w1": 0.0, "b": 0.0, **dust})
    assert message.level == "warn" and "no weights and no bias" in message.text
    assert "every gate is 0" in message.text
    assert [row[0] for row in _numbers(view, "dL_dZ")] == [0.0, 0.0, 0.0, 0.0]
    assert len(view.line.get_data()[0]) == 0


def test_a_tiny_typed_b_with_no_weights_is_not_called_zero():
    # W₀₀ = W₁₀ = 0, b₀ = 3e−10 (kept by rounding to 10 decimals, below ON_LINE = 1e−9):
    # z = 3e−10 > 0 on all 4 points, so every gate is 1 and dL/db₀ = g · 4 = 4; the message must
    # not claim the gates and gradients are 0
    view = LayerView()
    message = view.update(w0=0.0, w1=0.0, b=3e-10)
    assert message.level == "warn" and "b₀ = 3e−10" in message.text
    assert "0 up to rounding" in message.text
    assert "every gate is 1" in message.text and "dL/db₀ = 4" in message.text
    assert [row[0] for row in _numbers(view, "dL_dZ")] == [1.0, 1.0, 1.0, 1.0]
    assert _numbers(view, "dL_db")[0][0] == 4.0
    # b₀ = −3e−10: z < 0 everywhere, every gate 0, dL/db₀ = 0
    message = view.update(w0=0.0, w1=0.0, b=-3e-10)
    assert "every gate is 0" in message.text and "dL/db₀ = 0" in message.text


def test_one_point_crossing_changes_only_its_row_of_dL_dX_by_unit_0s_weights():
    view = LayerView()
    view.update(w0=1.0, w1=1.0, b=0.5)  # z of point 2 = −1 + 1 + 0.5 = 0.5 > 0
    before = _numbers(view, "dL_dX")
    view.update(w0=1.0, w1=1.0, b=-0.6)  # now −0.1 ≤ 0; points 0, 1 stay active (3.4, 0.4)
    after = _numbers(view, "dL_dX")
    assert [before[n] == after[n] for n in range(4)] == [True, True, False, True]
    assert [b - a for b, a in zip(before[2], after[2], strict=True)] == [1.0, 1.0]  # g·(W₀₀, W₁₀)


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


def test_the_moons_figure_draws_both_classes_and_the_origin():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 0.5]])
    fig = moons_figure(X, [0, 0, 1])
    lines = fig.axes[0].lines
    assert [len(line.get_xdata()) for line in lines] == [2, 1, 1]
    assert list(lines[2].get_xdata()) == [0.0] and list(lines[2].get_ydata()) == [0.0]
    with pytest.raises(ValueError, match="labels"):
        moons_figure(X, [0, 1])
