"""The control for the planted faults: fixtures/clean_reference.ipynb uses what the series uses
(aligned derivations, tables and lists with math, a hidden solution, a float, log and int slider
in a panel, a slider at its maximum, an `interactive` with printed output) and must pass."""

from browser_suite import FIXTURES


def test_checker_accepts_a_clean_notebook(check):
    report = check(FIXTURES / "clean_reference.ipynb", widgets=2, sliders=4)
    assert not report.faults, report.summary()
    assert report.widgets_rendered == report.widgets_expected == 2
    assert len(report.sliders) == 4 and all(s.changed for s in report.sliders), report.sliders
