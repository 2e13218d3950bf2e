"""Every notebook of the series in Jupyter Notebook 7 (`jupyter notebook`), as a learner who
does not use JupyterLab sees it: open it, run all cells, and apply the same checks as
test_browser_notebooks.py (browser_check.check_notebook) — no error (also inside widgets),
math typeset by MathJax, every panel of the registry drawn with all its sliders, every slider
redrawing its panel within 2 s. Screenshots and a latency table go to artifacts/notebook7/.

Notebook 7 is built from JupyterLab's components (the same notebook widget, MathJax 3 and
widget manager), so the in-page checker (browser_check.PAGE_JS) works unchanged; what differs
is the page: one notebook per browser page at /notebooks/<path>, so each notebook gets a fresh
page instead of being opened inside one long-lived JupyterLab page.
"""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import pytest
from browser_check import PAGE_JS, check_notebook, latency_summary, wait_until_open
from browser_lab import LabServer
from browser_suite import (
    ARTIFACTS,
    FIXTURE_DIR,
    FIXTURES,
    assert_clean,
    expected,
    latency_table,
)

from helpers.series import LESSONS

OUT = ARTIFACTS / "notebook7"  # screenshots <notebook>.png, browser-latency.md and .json
PLANTED = FIXTURES / "planted_faults.ipynb"  # see test_browser_planted_faults.py

# Appended to LabServer's config: Notebook 7 is its own app (JupyterNotebookApp), so the settings
# LabServer gives LabApp are repeated for it. The jupyterlab server extension still loads beside
# it and serves the news and update-check URLs the page asks for; LabServer's LabApp lines already
# turn those off (news_url None, NeverCheckForUpdate).
NOTEBOOK7_CONFIG = """
c.JupyterNotebookApp.expose_app_in_browser = True  # window.jupyterapp, as in JupyterLab
c.JupyterNotebookApp.user_settings_dir = {settings!r}  # LabServer's quiet, unwindowed settings
c.JupyterNotebookApp.workspaces_dir = {workspaces!r}
"""


class NotebookServer(LabServer):
    """`jupyter notebook` (Notebook 7) with LabServer's port, token, directories and offline
    settings, serving a temporary copy of the notebooks."""

    app = "notebook"

    def _write_config(self) -> dict[str, str]:
        env = super()._write_config()
        config = self.workdir / "config" / "jupyter_server_config.py"
        extra = NOTEBOOK7_CONFIG.format(
            settings=str(self.workdir / "settings"), workspaces=str(self.workdir / "ws")
        )
        config.write_text(config.read_text() + extra)
        return env


def open_in_notebook7(page, base_url: str, token: str, relpath: str) -> None:
    """Load Notebook 7's page for `relpath`, install the checker (window.__bps) and watch the
    notebook's kernel — what browser_check.open_notebook does inside JupyterLab."""
    page.goto(f"{base_url}/notebooks/{urllib.parse.quote(relpath)}?token={token}")
    page.wait_for_function("() => !!(window.jupyterapp && window.jupyterapp.shell)", timeout=60_000)
    page.evaluate("async () => { await window.jupyterapp.restored; }")
    page.evaluate(PAGE_JS)
    wait_until_open(page, relpath)
    page.evaluate(
        """async () => {
            const bps = window.__bps, w = bps.panel();
            await w.context.ready;
            w.node.setAttribute('data-bps-current', '');
            bps.kernelErrors = [];
            bps.sig = null;
            bps.watchKernel();
        }"""
    )


# The armed handle and its track, in viewport pixels. The probe's clock (browser_check starts it
# on keydown) starts on the first pointer move after the handle was pressed: the move is what
# sets the new value, and Playwright's own delay between press and move is not the page's.
DRAG_JS = """() => {
    const probe = window.__bps.probe;
    const handle = document.querySelector('[data-bps-probe]');
    const track = handle.closest('.noUi-target') || handle.parentElement;
    let pressed = false;
    const onMove = () => {
        if (pressed && probe.t0 === null) probe.t0 = performance.now();
        if (probe.t0 !== null) window.removeEventListener('pointermove', onMove, true);
    };
    handle.addEventListener('pointerdown', () => { pressed = true; }, { capture: true, once: true });
    window.addEventListener('pointermove', onMove, true);
    const h = handle.getBoundingClientRect(), t = track.getBoundingClientRect();
    return { x: h.x + h.width / 2, y: h.y + h.height / 2, length: Math.max(t.width, t.height) };
}"""


def drag_handle(page, info: dict) -> str:
    """Move the armed slider as a mouse user does: press its handle, drag it a tenth of its track
    toward the far end, release. (A focused handle's arrow keys do not reach the slider in
    Notebook 7: its shortcuts see key presses before the page does and take the arrows for
    cell navigation, so keyboard input is what this run cannot check.)"""
    page.locator("[data-bps-probe]").scroll_into_view_if_needed()
    at = page.evaluate(DRAG_JS)
    sign = -1 if info["now"] >= info["max"] else 1
    step = max(12.0, at["length"] / 10)
    dx, dy = (0.0, -sign * step) if info["vertical"] else (sign * step, 0.0)
    page.mouse.move(at["x"], at["y"])
    page.mouse.down()
    page.mouse.move(at["x"] + dx, at["y"] + dy)  # one move: one new value
    page.mouse.up()
    return "a mouse drag"


@pytest.fixture(scope="module")
def notebook7(tmp_path_factory):
    """Notebook 7 on a copy of the series' notebooks, stopped even on failure."""
    planted = {f"{FIXTURE_DIR}/{PLANTED.name}": PLANTED}
    server = NotebookServer(
        tmp_path_factory.mktemp("notebook7"), [x.path for x in LESSONS], planted
    )
    with server:
        yield server


@pytest.fixture(scope="module")
def reports():
    """The run's reports; at the end, their slider latencies and phase times (s) in
    artifacts/notebook7/browser-latency.md and .json."""
    collected = []
    yield collected
    if collected:
        OUT.mkdir(parents=True, exist_ok=True)
        summaries = [latency_summary(report) | {"seconds": report.seconds} for report in collected]
        (OUT / "browser-latency.json").write_text(json.dumps({"notebooks": summaries}, indent=1))
        table = latency_table(summaries)
        (OUT / "browser-latency.md").write_text(
            "Slider latency in Jupyter Notebook 7 (headless Chromium), measured as in JupyterLab\n"
            "(artifacts/browser-latency.md). Written by `make test-browser`.\n\n" + table + "\n"
        )


def check_in_notebook7(server, browser, source: Path, widgets: int, sliders: int, relpath=None):
    """Run the checker on one notebook in a fresh page (Notebook 7 shows one notebook per page),
    then close the page and stop the notebook's kernel."""
    page = browser.new_page()
    console: list[str] = []
    page.on("pageerror", lambda exc: console.append(f"page error: {exc}"))
    page.on(
        "console",
        lambda msg: (
            console.append(f"console.{msg.type}: {msg.text[:300]}") if msg.type == "error" else None
        ),
    )
    try:
        report = check_notebook(
            page,
            server.url,
            server.token,
            relpath or source.name,
            source,
            widgets,
            sliders,
            OUT / ("fixtures" if relpath else "") / f"{source.stem}.png",
            opener=open_in_notebook7,
            move=drag_handle,
        )
    finally:
        page.close()  # no beforeunload prompt: Playwright closes without running it
        server.shutdown_kernels()
    report.console = console
    return report


@pytest.mark.browser
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.stem)
def test_notebook_runs_cleanly_in_notebook7(lesson, notebook7, browser, reports):
    widgets, sliders = expected(lesson)
    report = check_in_notebook7(notebook7, browser, lesson.path, widgets, sliders)
    reports.append(report)
    assert_clean(report, widgets, sliders)  # the assertions of the JupyterLab run


@pytest.mark.browser
def test_notebook7_check_finds_the_planted_faults(notebook7, browser):
    """Proof that this run can fail: the planted faults of test_browser_planted_faults.py, found
    the same way in Notebook 7 — among them the slider wired to nothing, moved by the mouse."""
    report = check_in_notebook7(
        notebook7, browser, PLANTED, 3, 4, relpath=f"{FIXTURE_DIR}/{PLANTED.name}"
    )
    found = report.summary()
    assert len(report.faults) == 6, found
    assert sorted(f.kind for f in report.faults) == ["error"] * 2 + ["math"] * 3 + ["slider"]
    for needle in (
        "untypeset",
        "\\relu",
        "Missing open brace",
        "planted failure in a view",
        "planted failure in a widget callback",
        "slider 'ignored'",
    ):
        assert needle in found, found
    assert report.widgets_rendered == report.widgets_expected == 3
    assert [s.changed for s in report.sliders] == [True, False, True, True]
