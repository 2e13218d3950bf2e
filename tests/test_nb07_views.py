"""07's player and pictures as plain objects: what is drawn and said at each step, formulas that
cannot be drawn, and the panel's controls (no browser)."""

import pytest

from helpers.core.engine import Value
from helpers.lessons.nb07_an_autograd_engine.views import (
    PANELS,
    PARAMS,
    StepView,
    draw_graph,
    parse_inputs,
)
from helpers.ui.params import defaults

# The default formula a·b + a at a = 2, b = −3: a·b = −6, L = −4; backward: the + node hands
# 1 to a·b and 1 to a; the × node hands b = −3 to a and a = 2 to b, so a.grad = 1 + (−3) = −2.


def test_the_default_is_the_first_step():
    assert defaults(PARAMS) == {"step": 0}
    view = StepView()
    assert view.n_steps == 7  # 4 forward (a, b, ×, +), the seed, 2 backward
    assert view.update().text == "step 0 of 0–6 · forward: the input a = 2"  # steps count from 0


def test_every_step_says_what_happens():
    view = StepView()
    texts = [view.update(step=k).text for k in range(7)]
    assert texts[2] == "step 2 of 0–6 · forward: ×₁ of (2, −3) = −6"  # operations numbered
    assert texts[3] == "step 3 of 0–6 · forward: +₂ of (−6, 2) = −4"
    assert texts[4] == "step 4 of 0–6 · backward: the seed, ∂L/∂L = 1 at the output +₂"
    assert texts[6] == (
        "step 6 of 0–6 · backward: ×₁ hands back local · grad: a.grad += −3 (a fork: the shares "
        "add up); b.grad += 2 → a.grad = −2, b.grad = 2"
    )


def test_the_picture_follows_the_step():
    view = StepView()
    view.update(step=6)
    texts = view.drawing.texts()
    grads = {key[1].label: text for key, text in texts.items() if key[0] == "grad"}
    assert grads["a"] == "grad −2" and grads["b"] == "grad 2"
    view.update(step=1)
    assert not [key for key in view.drawing.texts() if key[0] == "grad"]  # forward: no grads yet


def test_a_step_past_the_end_shows_the_last():
    view = StepView()
    assert view.update(step=PARAMS[0].hi).text.startswith("step 6 of 0–6")
    with pytest.raises(ValueError, match="step must be a finite number from 0"):
        view.update(step=-1)


def test_a_new_formula_redraws_on_the_same_figure():
    view = StepView()
    figure = view.figure
    view.set_formula("relu(w*x + b)", "w = -3, x = 1, b = 1")  # z = −2: the gate is closed
    assert view.figure is figure
    assert view.n_steps == 6 + 1 + 3  # 6 nodes forward (w, x, ×, b, +, relu), the seed, 3 back
    assert view.update(step=view.n_steps - 1).text.endswith("w.grad = 0, x.grad = 0")


@pytest.mark.parametrize(
    ("formula", "inputs", "message"),
    [
        ("__import__('os')", "a = 1", "not allowed in a formula"),
        ("a +", "a = 1", "not well formed"),
        ("a * c", "a = 1", "unknown name 'c'"),
        ("a", "a = two", "not a number"),
        ("a", "a 2", "name = number"),
        ("exp(exp(a))", "a = 10", "overflowed"),
        ("log(a)", "a = -1", "log needs a positive number"),
        ("+".join(["a"] * 40), "a = 1", "at most 16"),
        ("2a + b", "a = 1, b = 2", "write 2[*]a"),
        ("a / b", "a = 1, b = 0", "b = 0: cannot divide by 0"),
        ("a*a*a*a*a*a*a*a*a*a + a", "a = 1", "too wide or too tall"),
    ],
)
def test_a_formula_that_cannot_be_drawn_is_refused_with_a_message(formula, inputs, message):
    view = StepView()
    with pytest.raises((ValueError, TypeError, ZeroDivisionError), match=message):
        view.set_formula(formula, inputs)
    assert view.formula == "a*b + a"  # the old graph stays


def test_inputs_are_parsed_with_a_true_minus_too():
    assert parse_inputs("a = 2, b = −3,") == {"a": 2.0, "b": -3.0}


def test_draw_graph_shows_the_end_of_backward():
    a = Value(3.0, label="a")
    b = a + a
    fig = draw_graph(b + b)
    drawing = fig.axes[0]
    assert drawing is not None and fig.get_size_inches()[0] > 0


def test_the_player_steps_back_and_forth_and_takes_a_formula():
    panel = PANELS["player"]()
    slider = panel.controls["step"]
    assert (slider.min, slider.max, panel.play.max) == (0, 6, 6)
    panel.forth.click()
    panel.forth.click()
    assert slider.value == 2 and "×₁ of (2, −3)" in panel.last_message.text
    assert "✔" not in panel.message.value  # a step is not a verdict
    panel.back.click()
    assert slider.value == 1
    panel.formula.value = "a * a"
    assert (slider.value, slider.max) == (0, 3) and panel.error is None
    slider.value = 3
    assert "a.grad += 2 (a fork: the shares add up); a.grad += 2" in panel.last_message.text
    panel.formula.value = "a.__class__"
    assert "not allowed in a formula" in panel.message.value
    assert "(still showing a * a with a = 2, b = -3)" in panel.message.value
    assert "Traceback" not in panel.message.value
    assert slider.max == 3  # the last good graph stays
    slider.value = 2  # stepping through the old graph keeps the problem in view
    assert "not allowed in a formula" in panel.message.value
    assert "the seed, ∂L/∂L = 1 at the output ×₁" in panel.last_message.text
    panel.formula.value = "a + b"  # a good formula clears it
    assert "still showing" not in panel.message.value and panel.error is None
