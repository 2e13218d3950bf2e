"""helpers.text: the one number formatter (true minus, no signed zero, e-notation when huge)."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.core.example import WORKED
from helpers.text import num, sub, sup


@pytest.mark.parametrize(
    "value, spec, expected",
    [
        (-2.0, ".2f", "−2.00"),  # U+2212, not the hyphen-minus "-"
        (WORKED.x[1], "g", "−2"),  # x₁ = −2
        (6.0, ".2f", "6.00"),
        (-3.0, "+.1f", "−3.0"),
        (3.0, "+.1f", "+3.0"),
        (0.125, ".3f", "0.125"),
        (-1234.5, ",.2f", "−1,234.50"),  # grouping kept; a hyphen would break float() once
        (-0.25, ".0%", "−25%"),
        (1e-9, "g", "1e−09"),  # the exponent's minus is a true minus too
        (np.float64(-1.5), ".1f", "−1.5"),  # numpy numbers
        (np.int64(-7), "g", "−7"),
        (3, "g", "3"),
    ],
)
def test_true_minus(value, spec, expected):
    assert num(value, spec) == expected


@pytest.mark.parametrize(
    "value, spec, expected",
    [
        (-0.0, ".2f", "0.00"),
        (-0.001, ".2f", "0.00"),  # rounds to −0.00: the sign is noise
        (-0.0049, ".2f", "0.00"),
        (-0.005000001, ".2f", "−0.01"),  # rounds away from zero: the sign is real
        (-0.0, "g", "0"),
        (-1e-4, "+.3f", "+0.000"),  # the explicit-sign flag survives
        (-1e-4, ".0%", "0%"),
        (-0.004, ">8.2f", "    0.00"),  # a width, too
        (-1e-7, ".2e", "−1.00e−07"),  # not zero in e-notation: the sign stays
    ],
)
def test_no_signed_zero(value, spec, expected):
    assert num(value, spec) == expected


@pytest.mark.parametrize(
    "value, spec, expected",
    [
        (123456.0, ".2f", "1.235e+05"),
        (-123456.0, ".2f", "−1.235e+05"),
        (-123456.0, "+.1f", "−1.235e+05"),
        (1e300, ".2f", "1.000e+300"),  # not 301 digits
        (10000.0, ".2f", "1.000e+04"),  # big = 1e4 is the first value written in e-notation
        (9999.0, ".2f", "9999.00"),
        (123456.0, "g", "123456"),  # 'g' chooses for itself
    ],
)
def test_e_notation_past_big(value, spec, expected):
    assert num(value, spec) == expected


def test_big_is_a_parameter():
    assert num(500.0, ".1f", big=100) == "5.000e+02"
    assert num(500.0, ".1f", big=1e6) == "500.0"


@pytest.mark.parametrize(
    "value, expected", [(math.nan, "nan"), (math.inf, "inf"), (-math.inf, "−inf")]
)
def test_nan_and_inf(value, expected):
    assert num(value) == expected
    assert num(value, "g") == expected


@given(st.floats(min_value=-1e300, max_value=1e300))  # 1.7975e308 would round up past the limit
def test_num_reads_back_to_the_value_and_never_shows_a_hyphen_or_signed_zero(x):
    text = num(x)
    assert "-" not in text
    back = float(text.replace("−", "-"))
    if abs(x) >= 1e4:
        assert back == pytest.approx(x, rel=5e-4)  # 4 significant digits
    else:
        assert abs(back - x) <= 0.005 + 1e-12  # 2 decimals
    if text.startswith("−"):
        assert any(d in text.partition("e")[0] for d in "123456789")


@given(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([".2f", "g", ".3g", "+.3f", ".0f", ".1e"]),
)
def test_no_spec_ever_shows_a_signed_zero(x, spec) -> None:
    text = num(x, spec)
    mantissa = text.partition("e")[0]
    assert "-" not in text
    assert not ("−" in mantissa and not any(d in mantissa for d in "123456789")), text


def test_sub():
    assert sub("w0") == "w₀"
    assert sub("x12") == "x₁₂"
    assert sub("b") == "b"
    assert [sub(f"x{i}") for i in range(len(WORKED.x))] == ["x₀", "x₁", "x₂"]


def test_sup():
    assert sup("-8") == "⁻⁸"
    assert sup(-8) == "⁻⁸"
    assert sup("−8") == "⁻⁸"  # a true minus, as num writes it
    assert sup(10) == "¹⁰"
    assert "10" + sup(num(-6, "g")) == "10⁻⁶"
