"""The views of 03 as plain objects: numbers on the bars, the verdicts (open, closed, kink),
the error-against-step figure, bad input, artists moved rather than rebuilt, and speed."""

import numpy as np
import pytest

from helpers.core.gradcheck import check_neuron_gradients
from helpers.lessons.nb03_gradients.views import (
    GRADIENTS_PARAMS,
    KINK_PARAMS,
    PANELS,
    GradientsView,
    KinkView,
    _verdict,
    step_error_figure,
)
from helpers.ui.plotting import png_bytes

X, W = [1.0, -2.0, 3.0], [-3.0, -1.0, 2.0]


def heights(bars):
    return np.array([bar.get_height() for bar in bars])


def test_gradients_view_default_is_the_worked_example():
    view = GradientsView()
    message = view.update()
    assert message.level == "ok" and "z = 6.00 > 0" in message.text and "< 1e−9" in message.text
    np.testing.assert_array_equal(heights(view.bars), [1, -2, 3, -3, -1, 2, 1])
    np.testing.assert_allclose(heights(view.num_bars), [1, -2, 3, -3, -1, 2, 1], atol=1e-8)
    assert [t.get_text() for t in view.labels] == [
        "1.00",
        "−2.00",
        "3.00",
        "−3.00",
        "−1.00",
        "2.00",
        "1.00",
    ]


def test_gradients_view_upstream_gradient_scales_every_bar():
    view = GradientsView()
    view.update(g=-2.0)
    np.testing.assert_array_equal(heights(view.bars), -2.0 * np.array([1, -2, 3, -3, -1, 2, 1]))
    assert view.update(g=0.0).text.startswith("z = 6.00 > 0 but g = 0")


def test_gradients_view_closed_gate_and_kink_messages():
    view = GradientsView()
    closed = view.update(b=-8.0)
    assert closed.level == "warn" and "gate is closed" in closed.text
    assert not heights(view.bars).any() and not heights(view.num_bars).any()
    kink = view.update(b=-5.0)
    assert kink.level == "warn" and "z = 0: ReLU's kink" in kink.text and "Not a bug" in kink.text
    assert heights(view.bars)[6] == 0.0 and heights(view.num_bars)[6] == pytest.approx(0.5)
    assert "disagree" not in kink.text and "−0.00" not in [t.get_text() for t in view.labels]


def test_gradients_view_labels_each_bar_when_the_two_disagree():
    view = GradientsView()
    view.update()  # agreement: one number per pair, the orange labels are empty
    assert not any(t.get_text() for t in view.num_labels)
    message = view.update(b=-5.0)  # the kink: backprop 0, central differences ½·(x, w, 1)
    assert [t.get_text() for t in view.labels] == ["0.00"] * 7
    assert [t.get_text() for t in view.num_labels] == [
        "0.50", "−1.00", "1.50", "−1.50", "−0.50", "1.00", "0.50"
    ]  # fmt: skip
    for blue, orange, bar, num in zip(
        view.labels, view.num_labels, view.bars, view.num_bars, strict=True
    ):
        assert blue.get_position()[0] == pytest.approx(bar.get_x() + bar.get_width() / 2)
        assert orange.get_position()[0] == pytest.approx(num.get_x() + num.get_width() / 2)
    assert "g·s·∂z/∂vⱼ" in message.text and "s = ½" in message.text
    view.update()  # back to agreement: the orange labels go again
    assert not any(t.get_text() for t in view.num_labels)


def test_moving_a_slider_redraws_only_the_moving_parts():
    for view, params in [(GradientsView(), {"x0": 1.5}), (KinkView(), {"b": -4.5})]:
        view.update()
        png_bytes(view.figure)
        view.update(**params)
        assert not view.figure.stale, type(view).__name__


def test_gradients_view_y_limit_moves_only_when_the_bars_outgrow_or_shrink():
    view = GradientsView()
    view.update()
    assert view.ax.get_ylim() == (-4.0, 4.0)  # largest bar 3
    view.update(x2=2.5)  # largest bar 3 still (x0 = −3): same limit
    assert view.ax.get_ylim() == (-4.0, 4.0)
    view.update(g=3.0)  # largest bar 9: grows
    assert view.ax.get_ylim() == (-15.0, 15.0)
    view.update(g=2.5)  # largest bar 7.5: fits, kept
    assert view.ax.get_ylim() == (-15.0, 15.0)
    view.update(b=-8.0)  # the gate closes, every bar is 0: the scale stays
    assert view.ax.get_ylim() == (-15.0, 15.0)
    view.update(g=0.5)  # largest bar 1.5: shrinks
    assert view.ax.get_ylim() == (-2.0, 2.0)


def test_kink_view_backprop_segment_is_short():
    view = KinkView()
    view.update(b=-6.0)
    (b0, b1), _ = view.tangent.get_data()
    assert b1 - b0 <= 1.2 and view.tangent.get_linewidth() < 2


def test_gradients_view_rounding_noise_near_the_kink_is_called_the_kink():
    # 0.1 + 0.2 - 0.3 is 5.6e-17 in floating point, not 0
    message = GradientsView().update(x0=0.1, x1=0.2, x2=0.0, w0=1, w1=1, w2=0, b=-0.3)
    assert message.level == "warn" and "up to rounding" in message.text and "s ≈ ½" in message.text


def test_gradients_view_names_the_bad_argument():
    with pytest.raises(ValueError, match="w1"):
        GradientsView().update(w1=float("inf"))
    with pytest.raises(ValueError, match="x0"):
        GradientsView().update(x0=1e200)  # outside the slider's range [−4, 4]
    with pytest.raises(TypeError, match="g"):
        GradientsView().update(g="1")
    with pytest.raises(TypeError, match="unknown parameter"):
        GradientsView().update(theta=1.0)


def test_kink_view_names_the_bad_argument():
    with pytest.raises(ValueError, match="h"):
        KinkView().update(h=0.0)  # below the slider's 0.05
    with pytest.raises(ValueError, match="b"):
        KinkView().update(b=1e300)
    with pytest.raises(TypeError, match="b"):
        KinkView().update(b=True)


def test_sliders_and_defaults_come_from_params():
    assert [p.name for p in GRADIENTS_PARAMS] == ["x0", "x1", "x2", "w0", "w1", "w2", "b", "g"]
    # the worked example x = (1, −2, 3), w = (−3, −1, 2), b = 1, and g = 1
    assert [p.default for p in GRADIENTS_PARAMS] == [1, -2, 3, -3, -1, 2, 1, 1]
    assert [(p.name, p.default) for p in KINK_PARAMS] == [("b", -5.0), ("h", 0.5)]
    panel = PANELS["kink"]()
    assert list(panel.controls) == ["b", "h"] and panel.controls["h"].min == 0.05


def test_views_move_artists_instead_of_rebuilding():
    view = GradientsView()
    before = (view.bars[0], view.num_bars[0], len(view.ax.patches), len(view.ax.texts))
    first = png_bytes(view.figure)
    view.update(x0=2.5, g=-1.0)
    assert (view.bars[0], view.num_bars[0], len(view.ax.patches), len(view.ax.texts)) == before
    assert png_bytes(view.figure) != first
    kink = KinkView()
    lines = list(kink.ax.lines)
    kink.update(b=-4.0, h=1.0)
    assert list(kink.ax.lines) == lines


@pytest.mark.parametrize(
    ("b", "h", "slope", "level"),
    [(-5.0, 0.5, 0.5, "warn"), (-5.0, 0.05, 0.5, "warn"), (-4.8, 0.5, 0.7, "warn"),
     (-4.0, 0.5, 1.0, "ok"), (-6.0, 0.5, 0.0, "ok")],
)  # fmt: skip
def test_kink_view_secant_slope(b, h, slope, level):
    view = KinkView()
    message = view.update(b=b, h=h)
    (b0, b1), (y0, y1) = view.ends.get_data()
    assert (y1 - y0) / (b1 - b0) == pytest.approx(slope)
    assert message.level == level and f"{slope:.2f}" in message.text


def test_kink_view_snaps_slider_noise():
    message = KinkView().update(b=-5.000000000000001)
    assert "exactly at the kink" in message.text and message.level == "warn"


def test_kink_view_draws_the_secant_through_both_ends():
    view = KinkView()
    view.update(b=-4.8, h=0.5)  # z = 0.2: y(−5.3) = ReLU(−0.3) = 0, y(−4.3) = ReLU(0.7) = 0.7
    (b0, b1), (y0, y1) = view.ends.get_data()
    assert (b0, b1) == pytest.approx((-5.3, -4.3)) and (y0, y1) == pytest.approx((0.0, 0.7))
    xs, ys = view.secant.get_data()  # runs 0.6 past each end with slope 0.7/1 = 0.7
    assert xs == pytest.approx([-5.9, -3.7]) and ys == pytest.approx([-0.42, 1.12])
    (tb0, tb1), (ty0, ty1) = view.tangent.get_data()  # backprop's slope 1 at y = 0.2
    assert (ty1 - ty0) / (tb1 - tb0) == pytest.approx(1.0) and view.dot.get_data()[1] == [
        pytest.approx(0.2)
    ]


def test_panels_are_listed():
    assert set(PANELS) == {"gradients", "kink"}
    panel = PANELS["gradients"]()
    assert list(panel.controls) == ["x0", "x1", "x2", "w0", "w1", "w2", "b", "g"]
    assert panel.error is None and "z = 6.00" in panel.message.value


def test_no_false_alarm_anywhere_on_the_slider_grid():
    rng = np.random.default_rng(3)
    for _ in range(300):  # no step ever crosses the kink without being flagged
        x, w = np.round(rng.uniform(-4, 4, 3), 1), np.round(rng.uniform(-4, 4, 3), 1)
        b, g = round(float(rng.uniform(-8, 8)), 1), round(float(rng.uniform(-3, 3)), 1)
        check = check_neuron_gradients(x, w, b, g)
        assert check.at_kink.any() or check.rel_error < 1e-9, (x, w, b, g)


def test_a_real_disagreement_is_called_out():
    check = check_neuron_gradients(X, W, 1.0, 1.0)
    broken = check._replace(numerical=check.numerical * 1.01, rel_error=0.005)  # a bug
    message = _verdict(broken, 1.0)
    assert message.level == "bad" and "disagree" in message.text


STEPS = 10.0 ** -np.arange(1, 13)  # 1e-1 … 1e-12


def test_step_error_figure_draws_each_curve_and_marks_its_minimum():
    forward = 18 * STEPS + 1e-16 / STEPS  # any data: the figure only draws it
    central = STEPS**2 + 1e-16 / STEPS
    fig = step_error_figure(STEPS, {"forward": forward, "central": central}, rounding=1e-14 / STEPS)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    lines = {line.get_label(): line for line in ax.lines}
    np.testing.assert_array_equal(lines["forward"].get_xdata(), STEPS)
    np.testing.assert_array_equal(lines["central"].get_ydata(), central)
    # 18h + 1e-16/h is smallest near h = √(1e-16/18) ≈ 2.4e-9 → the grid point 1e-9;
    # h² + 1e-16/h near h = (0.5e-16)^(1/3) ≈ 3.7e-6 → the grid point 1e-6
    texts = [t.get_text() for t in ax.texts]
    assert "best h ≈ 10⁻⁹" in texts and "best h ≈ 10⁻⁶" in texts
    assert "the series' h = 10⁻⁶" in texts
    assert "rounding ≈ ε·|L|/h" in lines
    assert ax.xaxis_inverted()


def test_step_error_figure_skips_exact_zeros_and_rejects_bad_input():
    central = np.r_[np.zeros(3), STEPS[3:]]  # exact zeros cannot be drawn on log axes
    fig = step_error_figure(STEPS, {"central": central})
    (line,) = [ln for ln in fig.axes[0].lines if ln.get_label() == "central"]
    assert len(line.get_xdata()) == 9
    with pytest.raises(ValueError, match="steps"):
        step_error_figure([1e-3], {"central": [1.0]})
    with pytest.raises(ValueError, match="errors\\['central'\\]"):
        step_error_figure(STEPS, {"central": STEPS[:3]})
    with pytest.raises(TypeError, match="errors"):
        step_error_figure(STEPS, [STEPS])
    with pytest.raises(ValueError, match="rounding"):
        step_error_figure(STEPS, {"central": STEPS}, rounding=[1.0])


def test_kink_view_near_the_kink_calls_backprop_the_true_derivative():
    # b = −5.3: z = 5 + b = −0.3 ≠ 0, but |z| < h = 0.5, so the secant from −5.8 to −4.8 crosses
    # the kink: its slope is (ReLU(0.2) − ReLU(−0.8)) / 1 = 0.2, while y's true slope is 0
    message = KinkView().update(b=-5.3, h=0.5)
    assert message.level == "warn" and "0.20" in message.text
    assert "true derivative" in message.text and "subgradient" not in message.text
    assert "any slope in [0, 1]" in KinkView().update(b=-5.0, h=0.5).text  # only at z = 0


def test_gradients_view_prints_partial_derivatives():
    view = GradientsView()
    message = view.update()
    assert "∂L/∂z = g = 1.00" in message.text and "dL/d" not in message.text
    assert "∂L/∂z = 1.00" in view.status.get_text()
