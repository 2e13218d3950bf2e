"""The view of 08_training_a_network as a plain object: what it draws and says, its bad input, its panel.

Every expected number is worked out by hand: for the worked example w·x = −3 + 2 + 6 = 5.
"""

import numpy as np
import pytest

from helpers.core.example import WORKED
from helpers.lessons.nb08_training_a_network.views import PANELS, PARAMS, BiasView
from helpers.ui.params import defaults


def test_the_default_is_the_worked_example():
    assert defaults(PARAMS) == {"b": WORKED.b}
    view = BiasView()
    message = view.update()
    # z = 5 + 1 = 6 > 0, y = 6
    assert message.text == "b = 1.00: z = w·x + b = 6.00, y = ReLU(z) = 6.00 (active)"
    assert message.level == "ok"
    assert [list(a) for a in view.dot.get_data()] == [[1.0], [6.0]]


def test_a_bias_below_minus_5_silences_the_neuron():
    view = BiasView()
    message = view.update(b=-7.0)
    # z = 5 − 7 = −2 ≤ 0, y = 0
    assert message.text == "b = −7.00: z = w·x + b = −2.00, y = ReLU(z) = 0.00 (silent)"
    assert message.level == "warn"
    assert [list(a) for a in view.dot.get_data()] == [[-7.0], [0.0]]


def test_the_curve_is_relu_of_5_plus_b():
    bs, ys = (np.asarray(a) for a in BiasView().curve.get_data())
    assert bs[0] == -10.0 and bs[-1] == 4.0
    np.testing.assert_allclose(ys, np.maximum(5.0 + bs, 0.0))  # w·x = 5


def test_bad_input_gets_a_clear_error():
    view = BiasView()
    with pytest.raises(ValueError, match="b must be a finite number from -10 to 4"):
        view.update(b=100.0)
    with pytest.raises(TypeError, match="unknown parameter"):
        view.update(bias=1.0)


def test_the_panel_redraws_when_b_moves():
    panel = PANELS["bias"]()
    assert panel.error is None and "(active)" in panel.message.value
    panel.controls["b"].value = -7.0
    assert panel.error is None and "(silent)" in panel.message.value
