"""Central differences and the relative error, on functions whose gradients we know in closed form."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from strategies import VALUE

from helpers import numerical_gradient, relative_error
from helpers.core.gradcheck import (
    check_neuron_gradients,
    format_relative_error,
    neuron_variables_loss,
)


@given(arrays(np.float64, st.integers(1, 5), elements=VALUE))
def test_gradient_of_sum_of_squares_is_2x(x):
    grad = numerical_gradient(lambda v: float(np.sum(v**2)), x)
    np.testing.assert_allclose(grad, 2 * x, atol=1e-5)


def test_works_on_any_shape_and_leaves_x_alone():
    x = np.arange(6.0).reshape(2, 3)
    before = x.copy()
    grad = numerical_gradient(lambda v: float(np.sum(np.sin(v))), x)
    assert grad.shape == (2, 3)
    np.testing.assert_allclose(grad, np.cos(x), atol=1e-8)
    np.testing.assert_array_equal(x, before)


def test_format_relative_error_hides_machine_dependent_digits_with_a_true_minus():
    assert format_relative_error(3.2e-11) == "< 1e−9"  # U+2212, as 06 prints it
    assert format_relative_error(0.0) == "< 1e−9"
    assert format_relative_error(0.25) == "2.5e−01"
    assert format_relative_error(1e-9) == "1.0e−09"  # the boundary itself is printed
    with pytest.raises(ValueError, match="err"):
        format_relative_error(float("inf"))


def test_relative_error_form():
    assert relative_error(1.0, 1.0) == 0.0
    assert relative_error(1.0, 3.0) == pytest.approx(2.0 / 4.0)
    assert relative_error(0.0, 0.0) == 0.0  # the floor avoids 0/0
    assert relative_error([3.0, 4.0], [0.0, 0.0]) == pytest.approx(1.0)
    assert relative_error(1e-20, 2e-20) < 1e-7  # tiny numbers: the floor keeps this from being 1/3


def test_step_scales_with_large_values():
    # f(v) = v² at v = 1e12: df/dv = 2v = 2e12 exactly. A fixed step of 1e-6 vanishes next to
    # 1e12 (1e12 + 1e-6 == 1e12 in float64) and used to give 0.
    assert 1e12 + 1e-6 == 1e12
    grad = numerical_gradient(lambda v: float(v[0] ** 2), [1e12])
    assert grad[0] == pytest.approx(2e12, rel=1e-9)
    # f(v) = 3v at v = −1e15 and at 0.5 (no scaling below 1): the slope 3 either way
    for v0 in (-1e15, 0.5):
        assert numerical_gradient(lambda v: float(3 * v[0]), [v0])[0] == pytest.approx(3.0)


def test_denominator_is_the_step_float64_really_takes():
    # x = 1 + 2⁻⁵², eps = 2⁻⁵³·1.5: x + h and x − h round to neighbours of x, so the nominal 2h
    # is not the distance between the two points evaluated. f(v) = v has slope 1 exactly, and
    # dividing by the real distance gives exactly 1 (dividing by 2h would give 4/3).
    x = 1.0 + 2.0**-52
    grad = numerical_gradient(lambda v: float(v[0]), [x], 1.5 * 2.0**-53, relative=False)
    assert grad[0] == 1.0


def test_relative_false_uses_the_step_exactly_and_rejects_a_lost_step():
    # |v| at 0 with h = 0.5: the secant from −0.5 to 0.5 has slope (0.5 − 0.5)/1 = 0, and at
    # v = 4 (the step not scaled to 2) the forward secant of v² is ((4.5)² − 16)/0.5 = 8.5
    assert numerical_gradient(lambda v: abs(float(v[0])), [0.0], 0.5, relative=False)[0] == 0.0
    fwd = numerical_gradient(
        lambda v: float(v[0] ** 2), [4.0], 0.5, method="forward", relative=False
    )
    assert fwd[0] == 8.5
    with pytest.raises(ValueError, match="eps"):
        numerical_gradient(lambda v: float(v[0]), [1e12], 1e-6, relative=False)


def test_forward_error_is_linear_and_central_error_quadratic_in_h():
    # f(v) = v³ at v = 1 (step not scaled): the forward difference is 3 + 3h + h², the central
    # one 3 + h² exactly (in exact arithmetic), so the errors are 3h + h² and h².
    cube = lambda v: float(v[0] * v[0] * v[0])  # noqa: E731
    for h in (1e-1, 1e-2, 1e-3):
        fwd = numerical_gradient(cube, [1.0], h, method="forward")[0]
        cen = numerical_gradient(cube, [1.0], h)[0]
        assert fwd - 3 == pytest.approx(3 * h + h * h, rel=1e-6)
        assert cen - 3 == pytest.approx(h * h, rel=1e-5)


def test_neuron_variables_loss_is_g_times_y():
    # worked example: z = −3 + 2 + 6 + 1 = 6, y = 6; with g = −2, L = −12
    v = [-3.0, -1.0, 2.0, 1.0, -2.0, 3.0, 1.0]
    assert neuron_variables_loss(v, -2.0) == -12.0
    assert neuron_variables_loss(v) == 6.0  # g = 1 by default
    with pytest.raises(ValueError, match="7 variables"):
        neuron_variables_loss([1.0, 2.0, 3.0])


def test_check_neuron_gradients_on_the_worked_example():
    check = check_neuron_gradients([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0, 1.0)
    assert check.z == 6.0  # −3 + 2 + 6 + 1
    # v = (w, x, b): dL/dw = x, dL/dx = w, dL/db = 1 with g = 1 and the gate open
    np.testing.assert_array_equal(check.analytic, [1, -2, 3, -3, -1, 2, 1])
    np.testing.assert_allclose(check.numerical, check.analytic, atol=1e-8)
    assert not check.at_kink.any() and check.rel_error < 1e-9
    np.testing.assert_array_equal(check.steps, [3e-6, 1e-6, 2e-6, 1e-6, 2e-6, 3e-6, 1e-6])


def test_check_neuron_gradients_at_the_kink_sees_half_the_slope():
    check = check_neuron_gradients([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], -5.0, 1.0)  # z = 0
    assert check.z == 0.0 and check.at_kink.all() and check.rel_error is None
    np.testing.assert_array_equal(check.analytic, np.zeros(7))  # convention ReLU'(0) = 0
    # central differences average slope 0 and slope 1: ½·(x, w, 1)
    np.testing.assert_allclose(check.numerical, [0.5, -1, 1.5, -1.5, -0.5, 1, 0.5], atol=1e-8)


def test_at_kink_is_the_step_crossing_zero():
    # x = (1, 0, 0), w = (0.5e-6, 0, 0), b = 0: z = 0.5e-6. Every step is h = 1e-6 (all |vⱼ| ≤ 1).
    # The step moves z by h·|∂z/∂vⱼ|: by 1e-6 > |z| for w₀ (∂z/∂w₀ = x₀ = 1) and b (∂z/∂b = 1):
    # they cross; by h·w₀ = 5e-13 for x₀ and by 0 for w₁, w₂, x₁, x₂: they do not.
    check = check_neuron_gradients([1.0, 0.0, 0.0], [0.5e-6, 0.0, 0.0], 0.0, 1.0)
    assert check.at_kink.tolist() == [True, False, False, False, False, False, True]
    # z = 1.5e-6 > h·1 = 1e-6: now no step crosses
    far = check_neuron_gradients([1.0, 0.0, 0.0], [1.5e-6, 0.0, 0.0], 0.0, 1.0)
    assert not far.at_kink.any() and far.rel_error < 1e-6


def test_check_neuron_gradients_scales_its_step_with_large_values():
    # z = 3e8 + 2: dL/dw₀ = g·x₀ = 2e8; a fixed step would still work here, and the scaled one too
    check = check_neuron_gradients([1e8, 1.0, 1.0], [3.0, 1.0, 1.0], 0.0, 2.0)
    assert not check.at_kink.any() and check.rel_error < 1e-9
    # at 1e12 the fixed step would be lost: dL/dw₀ = g·x₀ = 1 with x₀ = 1, w₀ = 1e12
    big = check_neuron_gradients([1.0, 0.0, 0.0], [1e12, 0.0, 0.0], 0.0, 1.0)
    assert big.numerical[0] == pytest.approx(1.0, rel=1e-6)


def test_check_neuron_gradients_rejects_bad_input_and_reports_overflow():
    with pytest.raises(ValueError, match="3 entries"):
        check_neuron_gradients([1.0, 2.0], [1.0, 2.0], 0.0, 1.0)
    with pytest.raises(ValueError, match="g"):
        check_neuron_gradients([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0, float("nan"))
    with pytest.raises(OverflowError):
        check_neuron_gradients([1e200, 0, 0], [1e200, 0, 0], 0.0, 1.0)
