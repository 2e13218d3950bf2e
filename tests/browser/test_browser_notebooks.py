"""Every notebook of the series, as a learner sees it: open it in JupyterLab, run all cells, and
find no error, no broken math, every panel of the registry drawn with all its sliders, and every
slider redrawing its output."""

import pytest
from browser_suite import SERIES_REPORTS, assert_clean, expected

from helpers.series import LESSONS


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.stem)
def test_notebook_runs_cleanly_in_jupyterlab(lesson, check):
    widgets, sliders = expected(lesson)
    report = check(lesson.path, widgets, sliders)
    SERIES_REPORTS.append(report)
    assert_clean(report, widgets, sliders)
