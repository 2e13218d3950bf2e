"""Proof that the browser check can fail: fixtures/planted_faults.ipynb has a broken formula, an
undefined macro, widgets whose callbacks raise and a slider wired to nothing. The checker must
report each of them, and nothing that works (the good formula, the working sliders)."""

import pytest
from browser_suite import FIXTURES

SOURCE = FIXTURES / "planted_faults.ipynb"


@pytest.fixture(scope="module")
def faults(check):
    report = check(SOURCE, widgets=3, sliders=4)
    print(report.summary())
    return report


def _found(report, kind: str, *needles: str) -> list:
    return [f for f in report.faults if f.kind == kind and all(n in str(f) for n in needles)]


def test_reports_the_broken_formula(faults):
    assert _found(faults, "math", "untypeset", r"\frac{\partial L}{\partial w_0$"), faults.summary()


def test_reports_the_undefined_macro(faults):
    assert _found(faults, "math", r"\relu"), faults.summary()


def test_reports_a_mathjax_error_element(faults):
    assert _found(faults, "math", "Missing open brace for superscript"), faults.summary()


def test_reports_a_panel_whose_view_raises(faults):
    assert _found(faults, "error", "slider 'a'", "planted failure in a view"), faults.summary()


def test_reports_a_widget_callback_that_raises(faults):
    assert _found(faults, "error", "slider 'n'", "planted failure in a widget callback"), (
        faults.summary()
    )


def test_reports_the_slider_wired_to_nothing(faults):
    assert _found(faults, "slider", "slider 'ignored'", "changed nothing"), faults.summary()


def test_reports_nothing_that_works(faults):
    """Exactly the six planted faults: the good formula, the widget count and the working
    sliders (and the raising ones, which do redraw) are not blamed."""
    assert len(faults.faults) == 6, faults.summary()
    assert faults.widgets_rendered == faults.widgets_expected == 3
    assert [s.changed for s in faults.sliders] == [True, False, True, True]
