"""Every notebook of the series, as a learner sees it: open it in JupyterLab, run all cells, and
find no error, no broken math, every panel of the registry drawn with all its sliders, and every
slider redrawing its output."""

import pytest
from browser_suite import SERIES_REPORTS, expected

from helpers.series import LESSONS


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.stem)
def test_notebook_runs_cleanly_in_jupyterlab(lesson, check):
    widgets, sliders = expected(lesson)
    report = check(lesson.path, widgets, sliders)
    SERIES_REPORTS.append(report)
    details = report.summary()
    if report.faults and report.console:
        details += "\nbrowser console:\n  " + "\n  ".join(report.console[:10])
    assert not report.faults, details
    assert report.widgets_rendered == report.widgets_expected == widgets
    assert len(report.sliders) == sliders and all(slider.changed for slider in report.sliders)
    assert report.screenshot is not None and report.screenshot.stat().st_size > 10_000
