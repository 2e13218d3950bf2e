"""The view of 02_the_chain_rule as a plain object: labels, the lit path, the gate, extremes."""

import math

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.core.example import WORKED
from helpers.core.graph import VARIABLES, chain_of_factors, neuron_graph
from helpers.lessons.nb02_the_chain_rule.views import (
    BLUE,
    GREY,
    INCH,
    PARAMS,
    ChainRuleView,
    forward_graph,
    panel_chain_rule,
)
from helpers.ui.params import defaults
from helpers.ui.plotting import png_bytes

X, W = WORKED.x, WORKED.w  # (1, −2, 3), (−3, −1, 2): z = −3 + 2 + 6 + b = 5 + b


def _labels(view):
    return {key: (view.values[key].get_text(), view.grads[key].get_text()) for key in view.lines}


def test_worked_example_message_and_labels():
    view = ChainRuleView()
    message = view.update()
    assert message.level == "ok"
    assert message.text == (
        "∂L/∂w₂ = g · 1[z>0] · 1 · x₂ = 1.00 · 1 · 1 · 3.00 = 3.00   (the gate is open: z = 6.00 > 0)"
    )
    labels = _labels(view)
    assert labels["w0", "mul0"] == ("−3.00", "1.00")
    assert labels["x0", "mul0"] == ("1.00", "−3.00")
    assert labels["mul2", "sum"] == ("m₂ = 6.00", "1.00")  # m₂, z and y keep their names
    assert labels["sum", "relu"] == ("z = 6.00", "1.00")
    assert labels["relu", "L"] == ("y = 6.00", "1.00")
    assert view.symbolic.get_text() == "∂L/∂w₂ = g · 1[z>0] · 1 · x₂"
    assert view.chain.get_text() == " = 1.00 · 1 · 1 · 3.00 = 3.00"  # 1 · 1 · 1 · x₂
    assert view.gate.get_text() == "1" and not view.closed.get_visible()


@pytest.mark.parametrize("variable", VARIABLES)
@pytest.mark.parametrize("g, b", [(1.0, 1.0), (-2.5, 3.0), (0.7, -7.0)])
def test_every_label_is_the_graph_model(variable, g, b):
    view = ChainRuleView()
    view.update(variable=variable, g=g, b=b)
    for e in neuron_graph(X, W, b, g):
        value, grad = _labels(view)[e.source, e.target]
        value = value.split(" = ")[-1]  # "m₀ = −3.00": the number after the name
        assert float(value.replace("−", "-")) == pytest.approx(e.value, abs=0.005)
        assert float(grad.replace("−", "-")) == pytest.approx(e.grad, abs=0.005)
    chain = chain_of_factors(variable, X, W, b, g)
    assert view.symbolic.get_text() + view.chain.get_text() == chain.text()


def test_the_path_from_the_chosen_variable_is_lit():
    view = ChainRuleView()
    view.update(variable="x2")
    lit = {key for key, line in view.lines.items() if line.get_color() == BLUE}
    assert lit == {("x2", "mul2"), ("mul2", "sum"), ("sum", "relu"), ("relu", "L")}
    assert all(view.lines[k].get_color() == GREY for k in view.lines if k not in lit)
    assert view.chosen.get_text() == "x₂" and view.chosen.get_position() == (0.7, 3.4)
    view.update(variable="b")
    assert {k for k, line in view.lines.items() if line.get_linewidth() > 4} == {
        ("b", "sum"),
        ("sum", "relu"),
        ("relu", "L"),
    }


def test_updates_move_the_same_artists():
    view = ChainRuleView()
    view.update()
    before = (list(view.figure.axes[0].get_children()), list(view.figure.artists))
    first = png_bytes(view.figure)
    view.update(variable="x1", g=-2.0, b=-3.0)
    assert (list(view.figure.axes[0].get_children()), list(view.figure.artists)) == before
    assert png_bytes(view.figure) != first
    view.update()
    assert png_bytes(view.figure) == first  # back to the start: the same picture


def test_closed_gate_is_a_warning_not_an_error():
    view = ChainRuleView()
    message = view.update(variable="w2", g=1.0, b=-7.0)  # z = 5 − 7 = −2
    assert message.level == "warn"
    assert message.text.startswith("z = −2.00 ≤ 0: the ReLU gate is closed, so ∂L/∂w₂ = 0")
    assert "every gradient left of the ReLU" in message.text
    assert message.text.endswith("a gradient step learns nothing from this input.")
    assert view.gate.get_text() == "0" and view.closed.get_visible()
    assert all(grad == "0.00" for key, (_, grad) in _labels(view).items() if key[1] != "L")


def test_gate_at_exactly_zero_and_slider_dust_are_closed():
    view = ChainRuleView()
    assert view.update(b=-5.0).level == "warn"  # z = 5 − 5 = 0 and ReLU′(0) = 0
    assert view.update(b=-8.0 + 30 * 0.1).level == "warn"  # −4.999999999999999 on the slider grid
    assert view.update(b=-4.9).level == "ok"


def test_zero_upstream_gradient():
    message = ChainRuleView().update(g=0.0)
    assert message.level == "warn" and "every gradient is 0" in message.text
    assert "to first order L does not change when y does (for the squared error: y = t)" in (
        message.text
    )
    assert "−0.00" not in ChainRuleView().update(g=-1.0, b=-7.0).text


def test_other_inputs_and_weights():
    view = ChainRuleView(x=[2.0, 1.0, 0.5], w=[1.0, 1.0, 1.0])  # z = 2 + 1 + 0.5 + 1 = 4.5
    message = view.update(variable="x1", g=2.0, b=1.0)
    assert message.text == (  # g · 1 · 1 · w₁ = 2 · 1 · 1 · 1
        "∂L/∂x₁ = g · 1[z>0] · 1 · w₁ = 2.00 · 1 · 1 · 1.00 = 2.00   (the gate is open: z = 4.50 > 0)"
    )
    assert view.values["x0", "mul0"].get_text() == "2.00"


def test_sliders_come_from_params():
    assert [p.name for p in PARAMS] == ["g", "b"]
    assert defaults(PARAMS) == {"g": 1.0, "b": WORKED.b}
    panel = panel_chain_rule()
    for p in PARAMS:
        slider = panel.controls[p.name]
        assert (slider.min, slider.max, slider.value) == (p.lo, p.hi, p.default)


def test_pictures_at_both_resolutions_reuse_the_backdrop():
    view = ChainRuleView()
    view.update()
    small, large = png_bytes(view.figure, dpi=60), png_bytes(view.figure)
    assert small[:8] == large[:8] == b"\x89PNG\r\n\x1a\n" and len(large) > len(small)
    cached = len(view.figure.artists[0].pixels)
    for g in (-3.0, 0.5, 2.0):
        view.update(g=g)
        png_bytes(view.figure)
    assert len(view.figure.artists[0].pixels) == cached  # only x and w redraw the backdrop


def test_forward_graph_shows_values_only():
    fig = forward_graph()
    assert isinstance(fig, Figure)
    texts = [t.get_text() for t in fig.axes[0].texts if t.get_visible()]
    assert "y = ReLU(−3.00 + 2.00 + 6.00 + 1.00) = ReLU(6.00) = 6.00" in texts  # m₀, m₁, m₂, b
    assert not any("∂" in t for t in texts)


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"variable": "w3"}, ValueError, ["variable", "w3"]),
        ({"g": math.nan}, ValueError, ["g", "finite"]),
        ({"g": 3.5}, ValueError, ["g", "-3 to 3"]),
        ({"b": "1"}, TypeError, ["b", "number"]),
        ({"b": True}, TypeError, ["b", "number"]),
        ({"x": [1.0, 2.0, 3.0]}, TypeError, ["unknown", "x"]),
        ({"param": "w2"}, TypeError, ["unknown", "param"]),
    ],
)
def test_bad_input_is_named(kwargs, error, words):
    with pytest.raises(error) as info:
        ChainRuleView().update(**kwargs)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"x": [1.0, 2.0]}, ValueError, ["x", "3 entries", "2"]),
        ({"w": [[1.0, 2.0, 3.0]]}, ValueError, ["w", "1-D"]),
        ({"w": [1.0, 2.0, 11.0]}, ValueError, ["w", "−10 to 10", "11.0"]),
        ({"x": [1e200, 1.0, 1.0]}, ValueError, ["x", "−10 to 10"]),
        ({"x": "1, 2, 3"}, TypeError, ["x", "numeric"]),
    ],
)
def test_bad_inputs_and_weights_are_named(kwargs, error, words):
    with pytest.raises(error) as info:
        ChainRuleView(**kwargs)
    for word in words:
        assert word in str(info.value)


def test_panel_controls():
    panel = panel_chain_rule()
    assert list(panel.controls) == ["variable", "g", "b"]
    assert isinstance(panel.controls["variable"], widgets.Dropdown)
    assert panel.controls["variable"].description == "variable"
    assert [v for _, v in panel.controls["variable"].options] == list(VARIABLES)
    assert [label for label, _ in panel.controls["variable"].options][:3] == ["w₀", "w₁", "w₂"]
    assert panel.last_message.text.startswith("∂L/∂w₂ = g · 1[z>0] · 1 · x₂ = 1.00 · 1 · 1 · 3.00")
    panel.controls["b"].value = -6.0
    assert panel.last_message.level == "warn" and panel.error is None
    panel.controls["variable"].value = "x0"
    assert "∂L/∂x₀" in panel.last_message.text


@pytest.mark.parametrize(
    "steps",
    [
        [{"g": -2.0}, {"g": 0.5, "b": -6.0}],  # only animated artists move: the fast path
        [{"variable": "x1"}, {"variable": "b", "g": 2.0}],  # the lit path and the chain move
        [{"b": -5.0}, {"b": 8.0, "g": -3.0, "variable": "x2"}],  # the slider ends
    ],
)
def test_fast_redraws_match_a_fresh_picture(steps):
    view = ChainRuleView()
    view.update()
    png_bytes(view.figure)  # keeps the static background
    for params in steps:
        view.update(**params)
        fresh = ChainRuleView()
        fresh.update()
        fresh.update(**params)
        assert png_bytes(view.figure) == png_bytes(fresh.figure), params
        view.update()
        png_bytes(view.figure)


def test_g_and_b_move_only_animated_artists():
    view = ChainRuleView()
    view.update()
    png_bytes(view.figure)
    png_bytes(view.figure)  # the first picture lays out the boxes, which marks it stale once
    view.update(g=-1.5, b=-2.0)
    assert not view.figure.stale  # png_bytes pastes the rest and redraws the moving parts
    view.update(variable="x0", g=-1.5, b=-2.0)
    assert not view.figure.stale  # the lit path and the chain are moving parts too
    key = view.backdrop.key()
    view.update(variable="b", g=3.0, b=-8.0)
    assert view.backdrop.key() == key  # x, w and xᵢwᵢ labels never change: no full redraw
    assert not view.figure.stale


def test_forward_graph_names_the_values():
    view = ChainRuleView(backward=False)
    view.update()
    assert view.values["mul0", "sum"].get_text() == "m₀ = −3.00"
    assert view.values["mul2", "sum"].get_text() == "m₂ = 6.00"
    assert view.values["sum", "relu"].get_text() == "z = 6.00"
    assert view.values["relu", "L"].get_text() == "y = 6.00"
    assert view.values["w0", "mul0"].get_text() == "−3.00"  # the leaves are named by their boxes


def _distance(point, xs, ys):
    """Distance in inches from `point` to the polyline (xs, ys), all in data units."""
    px, py = point[0] * INCH[0], point[1] * INCH[1]
    best = np.inf
    for x0, y0, x1, y1 in zip(xs[:-1], ys[:-1], xs[1:], ys[1:], strict=True):
        ax_, ay, bx, by = x0 * INCH[0], y0 * INCH[1], x1 * INCH[0], y1 * INCH[1]
        t = np.clip(
            ((px - ax_) * (bx - ax_) + (py - ay) * (by - ay)) / ((bx - ax_) ** 2 + (by - ay) ** 2),
            0,
            1,
        )
        best = min(best, float(np.hypot(px - ax_ - t * (bx - ax_), py - ay - t * (by - ay))))
    return best


def test_each_label_sits_on_the_normal_of_its_wire_and_nearest_to_it():
    view = ChainRuleView()
    view.update()
    for key, line in view.lines.items():
        xs, ys = line.get_data()
        if len(xs) == 3:  # a leaf: its labels belong to the level part
            xs, ys = xs[:2], ys[:2]
        (ux, uy), (dx, dy) = view.values[key].get_position(), view.grads[key].get_position()
        # both labels on one normal of the wire: the segment between them crosses the wire
        # at a right angle (dot product of the two directions, in inches, is 0)
        wire = ((xs[-1] - xs[0]) * INCH[0], (ys[-1] - ys[0]) * INCH[1])
        across = ((ux - dx) * INCH[0], (uy - dy) * INCH[1])
        assert wire[0] * across[0] + wire[1] * across[1] == pytest.approx(0, abs=1e-9)
        assert view.values[key].get_ha() == view.grads[key].get_ha() == "center"
        # every orange label is nearer its own wire than any other wire (the m₀ label used to
        # sit next to the m₁ wire)
        own = _distance((dx, dy), *view.lines[key].get_data())
        others = [
            _distance((dx, dy), *other.get_data()) for k, other in view.lines.items() if k != key
        ]
        assert own < min(others), key
