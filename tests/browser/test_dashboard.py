"""08's training dashboard in JupyterLab, driven as a learner drives it: Train, watch, Stop, Reset.

Open 08, run all cells, then on the dashboard (the panel with the ▶ Train button):

1. set the batch size to 1 with the keyboard (a long run: about 10,000 updates), press ▶ Train,
   and watch for 3 s: the picture must be redrawn at least 10 times per second (each new picture
   counted in the page, when its `src` changes), the progress label must move and say how long
   is left (the run lasts longer than a second), and the notebook must stay usable: the kernel
   answers a new cell's execution while the run goes on;
2. press ■ Stop: within 2 s the message says the run stopped, and after that no new picture
   arrives for a whole second;
3. press ↺ Reset: the label is back at "epoch 0";

and nothing on the page or in the kernel reports an error. The measured rate and stop time go
to artifacts/dashboard.json.
"""

from __future__ import annotations

import json
import time

import pytest
from browser_check import _settle_rendering, _wait, close_and_stop, open_notebook, run_all
from browser_suite import ARTIFACTS

from helpers.series import LESSONS

LESSON = next(lesson for lesson in LESSONS if lesson.number == "08")
WATCH_S = 3.0  # how long the run is watched before Stop
MIN_RATE = 10.0  # pictures per second while training (the "at least 10 times a second")
STOP_WITHIN_MS = 2000

DASH_JS = r"""
() => {
  const root = window.__bps.root();
  const button = (text) => Array.from(root.querySelectorAll('.bps-panel button'))
    .find(b => b.textContent.includes(text));
  const train = button('Train');
  const panel = train.closest('.bps-panel');
  const img = panel.querySelector('img');
  const label = panel.querySelector('.bps-progress');  // "epoch 3 of 40 · about 2 s left"
  const message = panel.querySelector('.bps-msg').closest('.widget-html');
  const d = (window.__dash = { frames: [], labels: [], panel, img, label });
  new MutationObserver(() => d.frames.push(performance.now()))
    .observe(img, { attributes: true, attributeFilter: ['src'] });
  new MutationObserver(() => d.labels.push([performance.now(), label.textContent]))
    .observe(label, { childList: true, characterData: true, subtree: true });
  d.click = (text) => { const t = performance.now(); button(text).click(); return t; };
  d.message = () => (panel.querySelector('.bps-msg') || {}).textContent || '';
  d.errors = () => panel.querySelectorAll('.bps-panel-error').length;
  d.batchHandle = () => {
    const slider = Array.from(panel.querySelectorAll('.widget-slider'))
      .find(s => s.textContent.includes('batch size'));
    return slider.querySelector('.noUi-handle');
  };
  d.batchValue = () => d.batchHandle().closest('.widget-slider')
    .querySelector('.widget-readout').textContent.trim();
}
"""


@pytest.fixture(scope="module")
def dashboard_page(browser, lab):
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    yield page, errors
    page.close()


def test_dashboard_trains_and_stops_in_the_browser(dashboard_page, lab):
    page, page_errors = dashboard_page
    try:
        open_notebook(page, lab.url, lab.token, LESSON.path.name, workspace="dashboard")
        assert run_all(page), "a cell of 08 raised while running all cells"
        _settle_rendering(page)
        page.evaluate(DASH_JS)

        # The batch size to 1 with the keyboard: Home, else arrow keys down to 1.
        handle = page.evaluate_handle("() => window.__dash.batchHandle()")
        handle.as_element().focus()
        page.keyboard.press("Home")
        for _ in range(400):
            if page.evaluate("() => window.__dash.batchValue()") == "1":
                break
            page.keyboard.press("ArrowLeft")
        assert _wait(page, "() => window.__dash.batchValue() === '1'", 5000), (
            "the batch size slider did not reach 1"
        )
        _wait(page, "() => window.__bps.kernelIdle()", 10_000)
        page.wait_for_timeout(300)

        page.evaluate("() => { window.__dash.frames = []; window.__dash.labels = []; }")
        t_train = page.evaluate("() => window.__dash.click('Train')")
        page.wait_for_timeout(WATCH_S * 1000)

        # The notebook stays usable while the run goes on: the kernel runs a new cell.
        t0 = time.perf_counter()
        answer = page.evaluate(
            """async () => {
                const kernel = window.__bps.panel().sessionContext.session.kernel;
                const future = kernel.requestExecute({ code: 'print(6 * 7)' });
                let text = '';
                future.onIOPub = (msg) => { if (msg.header.msg_type === 'stream') text += msg.content.text; };
                await future.done;
                return text.trim();
            }"""
        )
        kernel_answer_s = time.perf_counter() - t0
        assert answer == "42", f"the kernel did not answer while training: {answer!r}"

        t_stop = page.evaluate("() => window.__dash.click('Stop')")
        assert _wait(page, "() => window.__dash.message().includes('stopped')", STOP_WITHIN_MS), (
            f"2 s after Stop the message says: {page.evaluate('() => window.__dash.message()')!r}"
        )
        t_stopped = page.evaluate("() => performance.now()")
        page.wait_for_timeout(1000)
        d = page.evaluate(
            "() => ({ frames: window.__dash.frames, labels: window.__dash.labels,"
            " message: window.__dash.message(), errors: window.__dash.errors() })"
        )

        running = [t for t in d["frames"] if t_train <= t <= t_stop]
        span_s = (running[-1] - running[0]) / 1000 if len(running) > 1 else 0.0
        rate = (len(running) - 1) / span_s if span_s else 0.0
        after_stop = [t for t in d["frames"] if t > t_stopped + 100]
        last_frame_ms = max(d["frames"]) - t_stop if d["frames"] else None
        left = [text for _, text in d["labels"] if "left" in text]

        page.evaluate("() => window.__dash.click('Reset')")
        reset_ok = _wait(
            page, "() => window.__dash.label.textContent.startsWith('epoch 0 of')", 5000
        )
        _wait(page, "() => window.__bps.kernelIdle()", 10_000)
        kernel_errors = page.evaluate("() => window.__bps.kernelErrors")
    finally:
        close_and_stop(page, lab)

    result = {
        "pictures_while_training": len(running),
        "watched_s": round(span_s, 2),
        "pictures_per_s": round(rate, 1),
        "kernel_answer_while_training_s": round(kernel_answer_s, 2),
        "stop_click_to_last_picture_ms": None if last_frame_ms is None else round(last_frame_ms),
        "message_after_stop": d["message"],
        "labels_seen": len(d["labels"]),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "dashboard.json").write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1))

    assert rate >= MIN_RATE, (
        f"{rate:.1f} pictures per second while training (≥ {MIN_RATE}): {result}"
    )
    assert left, f"the progress label never said how long is left: {d['labels'][-3:]}"
    assert not after_stop, f"{len(after_stop)} picture(s) arrived more than 0.1 s after the stop"
    assert d["errors"] == 0 and not kernel_errors and not page_errors, (
        d["errors"],
        kernel_errors,
        page_errors,
    )
    assert reset_ok, "Reset did not bring the progress label back to epoch 0"
