"""Fixtures for the real-browser tests (`make test-browser`): one JupyterLab server and one
headless Chromium for the whole run, a fresh page per notebook, and the latency table at the end.

Needs Chromium: Debian/Ubuntu `apt-get install chromium`, or set $CHROMIUM_PATH to any
Chrome/Chromium binary. Playwright drives it; it never downloads a browser.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

try:
    from playwright.sync_api import sync_playwright
except ImportError as exc:
    raise pytest.UsageError(
        "Playwright is not installed: run `make test-browser` (it installs requirements-browser.txt)."
    ) from exc

sys.path.insert(0, str(Path(__file__).parent))

from browser_lab import BROWSER_ENV, LabServer, browser_path, launch_chromium
from browser_suite import (
    ARTIFACTS,
    FIXTURE_DIR,
    FIXTURES,
    SERIES_REPORTS,
    check_in_browser,
    write_latency,
)

from helpers.series import LESSONS


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab on a copy of notebooks/ (plus the fault fixtures), stopped even on failure."""
    extra = {f"{FIXTURE_DIR}/{p.name}": p for p in sorted(FIXTURES.glob("*.ipynb"))}
    server = LabServer(tmp_path_factory.mktemp("lab"), [lesson.path for lesson in LESSONS], extra)
    with server:
        yield server


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    if not Path(browser_path()).is_file():
        pytest.exit(
            f"No browser at {browser_path()}. Install Chromium once (Debian/Ubuntu: "
            f"`sudo apt-get install chromium`) or set {BROWSER_ENV}=/path/to/chrome.",
            returncode=4,
        )

    with sync_playwright() as playwright:
        context = launch_chromium(playwright, tmp_path_factory.mktemp("chromium-profile"))
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="session")
def check(browser, lab):
    """check(source, widgets, sliders=None) → Report: one notebook (series or fixture), drawing
    `widgets` widget views and `sliders` slider handles (None: any number)."""
    return lambda source, widgets, sliders=None: check_in_browser(
        lab, browser, source, widgets, sliders
    )


def pytest_terminal_summary(terminalreporter):
    if not SERIES_REPORTS:
        return
    table = write_latency(SERIES_REPORTS)
    terminalreporter.write_sep("=", "slider latency in the browser: key press → output redrawn")
    terminalreporter.write_line(table)
    terminalreporter.write_line(f"written to {ARTIFACTS / 'browser-latency.md'} (and .json)")
