"""Every notebook of the series, as a learner sees it: open it in JupyterLab, run all cells, and
find no error, no broken math, every widget drawn and every slider redrawing its output."""

import pytest
from browser_suite import SERIES_REPORTS, series


@pytest.mark.parametrize("source", series(), ids=lambda path: path.stem)
def test_notebook_runs_cleanly_in_jupyterlab(source, check):
    report = check(source)
    SERIES_REPORTS.append(report)
    details = report.summary()
    if report.faults and report.console:
        details += "\nbrowser console:\n  " + "\n  ".join(report.console[:10])
    assert not report.faults, details
    assert report.widgets_rendered == report.widgets_expected
    assert all(slider.changed for slider in report.sliders)
    assert report.screenshot is not None and report.screenshot.stat().st_size > 10_000
