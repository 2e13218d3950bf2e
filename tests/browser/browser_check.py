"""What a learner sees: open one notebook in JupyterLab, run all cells, and list what is broken.

`check_notebook` returns a `Report`: a list of `Fault`s (empty when the notebook is fine), the
key-press → redraw latency of every slider, and the screenshot's path. The checks:

- errors: error or stderr outputs in any cell (also inside widget outputs), a panel showing
  `bps-panel-error`, and any error the kernel reports on its IOPub channel (a widget callback
  that raises sends its traceback there, not to a cell);
- math: MathJax error elements (`mjx-merror`), red text for undefined macros, and TeX left
  untypeset in rendered Markdown (a `$` or a `\\macro` outside any typeset formula);
- widgets: "Error displaying widget", ipywidgets' error view, and the number of widget views
  (and slider handles) drawn must equal the number expected (for the series: its panels in the
  registry, `helpers.series`);
- sliders: every slider handle gets one arrow-key press (in Notebook 7, which takes arrow keys
  for cell navigation, a short mouse drag: test_notebook7.py); its panel (or, for a slider
  outside a panel, the rest of its cell's output) must change within 2 s without an error.
  The latency is timed inside the page, from the keydown event to the last DOM change of that
  output (MutationObserver + performance.now()), and split into phases (`phases`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHANGE_TIMEOUT_MS = 2000  # a slider's output must change within this
QUIET_MS = 150  # an output counts as redrawn once it has not changed for this long
RUN_TIMEOUT_MS = 180_000


@dataclass(frozen=True)
class Fault:
    kind: str  # error | math | widget | slider
    where: str  # "cell 7" or "cell 9, slider 'z'"
    detail: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.where}: {self.detail}"


@dataclass
class SliderResult:
    where: str
    changed: bool
    latency_ms: float | None
    phases: dict[str, float] | None = None  # where the latency went (see `phases`)


PHASES = ("to_kernel", "kernel", "to_page", "on_page", "paint", "png_kB")


def phases(result: dict) -> dict[str, float] | None:
    """Split one slider's latency (key press → last change of its output) into phases, from the
    IOPub messages the page saw (kernel send times are the messages' header dates):

    to_kernel  key press → the kernel starts on the change (page, server, socket, kernel queue)
    kernel     kernel start → it sends the new picture (view update, draw, PNG encode, send)
    to_page    picture sent → the page has it (server relay, websocket, deserialise)
    on_page    picture received → the last change of the output (the widget views update)
    paint      last change → the new picture decoded and a frame painted (not in the latency)
    png_kB     the picture's size

    None when no picture came back (a slider outside a panel).
    """
    log, t0 = result.get("log") or [], result.get("t0")
    busy = next((e for e in log if e["state"] == "busy" and e["parent"] == "comm_msg"), None)
    pictures = [e for e in log if e["type"] == "comm_msg" and e["bytes"] > 0]
    if t0 is None or busy is None or not pictures or result.get("tLast") is None:
        return None
    picture = pictures[-1]
    out = {
        "to_kernel": busy["sent"] - t0,
        "kernel": picture["sent"] - busy["sent"],
        "to_page": picture["at"] - picture["sent"],
        "on_page": result["tLast"] - picture["at"],
        "paint": (result["tPainted"] - result["tLast"]) if result.get("tPainted") else float("nan"),
        "png_kB": picture["bytes"] / 1024,
    }
    return {key: round(value, 1) for key, value in out.items()}


@dataclass
class Report:
    notebook: str
    faults: list[Fault] = field(default_factory=list)
    sliders: list[SliderResult] = field(default_factory=list)
    screenshot: Path | None = None
    widgets_expected: int = 0
    widgets_rendered: int = 0
    console: list[str] = field(default_factory=list)  # browser console errors, for diagnosis
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each phase

    def kinds(self) -> set[str]:
        return {fault.kind for fault in self.faults}

    def latencies(self) -> list[float]:
        return [s.latency_ms for s in self.sliders if s.latency_ms is not None]

    def summary(self) -> str:
        lines = [f"{self.notebook}: {len(self.faults)} fault(s)"]
        lines += [f"  {fault}" for fault in self.faults]
        return "\n".join(lines)


def latency_summary(report: Report) -> dict:
    """One notebook's slider latency: count, median and p95 (ms), and each phase's median."""
    values = report.latencies()
    split = [s.phases for s in report.sliders if s.phases]
    return {
        "notebook": report.notebook,
        "sliders": len(report.sliders),
        "median_ms": round(float(np.median(values)), 1) if values else None,
        "p95_ms": round(float(np.percentile(values, 95)), 1) if values else None,
        "phases_ms": {
            key: round(float(np.nanmedian([p[key] for p in split])), 1) if split else None
            for key in PHASES
        },
    }


# --- in-page code -----------------------------------------------------------------------------
# Installed once per page as window.__bps. Everything that needs the DOM or precise timing
# happens here; Python only sequences the steps and presses the keys (trusted key events).
PAGE_JS = r"""
() => {
  if (window.__bps) return;
  const app = window.jupyterapp;
  const bps = (window.__bps = { kernelErrors: [], probe: null, sig: null });

  bps.panel = () => {
    const w = app.shell.currentWidget;
    return w && w.content && w.sessionContext ? w : null;
  };

  bps.cellOf = (el) => {
    const cell = el.closest('.jp-Cell');
    if (!cell) return '?';
    // 1-based, like JupyterLab's status bar ("Cell 3/12")
    return Array.from(cell.parentElement.children).filter(c => c.classList.contains('jp-Cell')).indexOf(cell) + 1;
  };

  bps.root = () => bps.panel().content.node;  // the open notebook's cells

  // Open one notebook (closing any other), mark it for screenshots, watch its kernel.
  bps.open = async (path) => {
    await bps.closeAll();
    const w = await app.commands.execute('docmanager:open', { path, factory: 'Notebook' });
    await w.context.ready;
    app.shell.activateById(w.id);
    w.node.setAttribute('data-bps-current', '');
    bps.kernelErrors = [];
    bps.sig = null;
    bps.watchKernel();
  };

  bps.closeAll = async () => {
    for (const w of Array.from(app.shell.widgets('main'))) {
      if (!w.sessionContext) continue;
      try { await w.sessionContext.shutdown(); } catch (e) { /* already gone */ }
      w.dispose();  // dispose, not close: no "save changes?" dialog for a run notebook
    }
  };

  // Errors the kernel reports outside any cell (e.g. from a widget callback) arrive on IOPub.
  bps.watchKernel = () => {
    const nb = bps.panel();
    nb.sessionContext.iopubMessage.connect((_, msg) => {
      const type = msg.header.msg_type, c = msg.content || {};
      const parent = (msg.parent_header && msg.parent_header.msg_type) || 'none';
      if (bps.probe && bps.probe.t0 !== null) bps.probe.log.push(bps.trace(msg));
      if (type === 'error') {
        bps.kernelErrors.push({ parent, text: `${c.ename}: ${c.evalue}` });
      } else if (type === 'stream' && c.name === 'stderr' && /Traceback|Error\b|Exception\b/.test(c.text)) {
        bps.kernelErrors.push({ parent, text: c.text.trim().split('\n').slice(-1)[0] });
      }
    });
  };

  // One IOPub message during a slider probe, on the page's clock (ms since the page loaded):
  // `at` when the page got it, `sent` when the kernel sent it (its header date), `asked` when the
  // page sent the request it answers; `bytes` of binary buffers (a picture).
  bps.trace = (msg) => {
    const onPage = (iso) => (iso ? Date.parse(iso) - performance.timeOrigin : null);
    const c = msg.content || {};
    return {
      type: msg.header.msg_type,
      parent: (msg.parent_header && msg.parent_header.msg_type) || 'none',
      state: c.execution_state || null,
      bytes: (msg.buffers || []).reduce((n, b) => n + (b.byteLength || 0), 0),
      at: performance.now(), sent: onPage(msg.header.date), asked: onPage(msg.parent_header && msg.parent_header.date),
    };
  };

  bps.runAll = async (timeoutMs) => {
    const nb = bps.panel();
    await nb.context.ready;
    await nb.sessionContext.ready;
    const timeout = new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`run-all did not finish in ${timeoutMs} ms`)), timeoutMs));
    const ok = await Promise.race([app.commands.execute('notebook:run-all-cells'), timeout]);
    return ok !== false;
  };

  bps.kernelIdle = () => {
    const nb = bps.panel();
    const kernel = nb && nb.sessionContext.session && nb.sessionContext.session.kernel;
    return !!kernel && kernel.status === 'idle';
  };

  bps.busyCells = () => Array.from(bps.root().querySelectorAll('.jp-InputPrompt'))
    .filter(p => p.textContent.includes('*')).length;

  // Non-empty code cells without an execution count: they did not run (e.g. after an error).
  bps.notRun = () => bps.panel().content.widgets
    .map((c, i) => [c, i])
    .filter(([c]) => c.model.type === 'code' && c.model.sharedModel.getSource().trim() && c.model.executionCount === null)
    .map(([, i]) => i + 1);

  // A cheap fingerprint of what is drawn, to wait until rendering (MathJax, widgets) settles.
  bps.renderSignature = () => [
    document.querySelectorAll('mjx-container').length,
    document.querySelectorAll('.jupyter-widgets').length,
    document.querySelectorAll('img').length,
    document.querySelectorAll('.jp-OutputArea-output').length,
  ].join('/');

  bps.topWidgetOutputs = () => Array.from(bps.root().querySelectorAll('.jp-OutputArea-output'))
    .filter(o => !o.parentElement.closest('.jupyter-widgets'));

  bps.staticFaults = () => {
    const faults = [];
    const add = (kind, el, detail) => faults.push({ kind, where: `cell ${bps.cellOf(el)}`, detail });
    const root = bps.root();
    // errors: error/stderr outputs anywhere (widget Output areas included), panel errors
    for (const out of root.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')) {
      const text = out.textContent.trim();
      add('error', out, `error output: ${text.split('\n').filter(Boolean).slice(-1)[0] || text}`.slice(0, 300));
    }
    for (const el of root.querySelectorAll('.bps-panel-error')) add('error', el, el.textContent.trim());
    // math
    for (const el of root.querySelectorAll('mjx-merror')) {
      add('math', el, `MathJax error "${el.getAttribute('data-mjx-error') || el.title}" in ${el.textContent.trim()}`);
    }
    // undefined macros (and other error text) are drawn in red; the assistive MathML names them
    for (const box of root.querySelectorAll('mjx-container')) {
      const named = Array.from(box.querySelectorAll('mjx-assistive-mml [mathcolor="red"]'));
      const red = Array.from(box.querySelectorAll('mjx-math [style*="color"]'))
        .filter(e => !e.closest('mjx-merror') && getComputedStyle(e).color === 'rgb(255, 0, 0)');
      if (named.length || red.length) {
        const what = named.map(e => e.textContent.trim()).join(', ') || 'red text';
        add('math', box, `undefined macro or TeX error shown in red: ${what}`);
      }
    }
    for (const md of root.querySelectorAll('.jp-RenderedMarkdown')) {
      const clone = md.cloneNode(true);
      clone.querySelectorAll('mjx-container, code, pre, script, style, .MathJax_Preview').forEach(e => e.remove());
      const text = clone.textContent;
      const raw = text.match(/[^\n]{0,30}(\$|\\[A-Za-z]+|\\[()\[\]])[^\n]{0,30}/);
      if (raw) add('math', md, `TeX left untypeset: "…${raw[0].trim()}…"`);
    }
    // widgets
    for (const el of root.querySelectorAll('.jupyter-widgets-error-widget')) {
      add('widget', el, `ipywidgets error view: ${el.textContent.trim().slice(0, 200)}`);
    }
    for (const out of root.querySelectorAll('.jp-OutputArea-output')) {
      if (/Error displaying widget/.test(out.textContent) && !out.querySelector('.jp-OutputArea-output')) {
        add('widget', out, out.textContent.trim().slice(0, 200));
      }
    }
    const rendered = bps.topWidgetOutputs()
      .filter(o => o.querySelector(':scope > .jupyter-widgets:not(.jupyter-widgets-error-widget)')).length;
    return { faults, rendered };
  };

  bps.sliderHandles = () => Array.from(bps.root().querySelectorAll('.jp-OutputArea-output .noUi-handle'));

  bps.describeSlider = (i) => {
    const handle = bps.sliderHandles()[i];
    const slider = handle.closest('.widget-slider') || handle.closest('.jupyter-widgets');
    const label = slider && slider.querySelector('.widget-label');
    const name = (label && label.textContent.trim()) || `#${i}`;
    return {
      where: `cell ${bps.cellOf(handle)}, slider '${name}'`,
      now: parseFloat(handle.getAttribute('aria-valuenow')),
      max: parseFloat(handle.getAttribute('aria-valuemax')),
      vertical: handle.getAttribute('aria-orientation') === 'vertical',
    };
  };

  // The output a slider drives: its panel, else the rest of its top-level output.
  bps.regionOf = (handle) => handle.closest('.bps-panel') || bps.topWidgetOutputs().find(o => o.contains(handle));

  bps.fingerprint = (region, skip) => {
    const parts = [];
    const walker = document.createTreeWalker(region, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (skip.contains(n) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let n = walker.currentNode; n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) parts.push(n.data);
      else if (n.tagName === 'IMG') parts.push(`<img ${n.src}>`);
      else if (n.tagName === 'CANVAS' || n.tagName === 'svg') parts.push(`<${n.tagName} ${n.outerHTML.length}>`);
    }
    return parts.join('\u241e');
  };

  bps.arm = (i) => {
    const handle = bps.sliderHandles()[i];
    const slider = handle.closest('.widget-slider') || handle;
    const region = bps.regionOf(handle) || slider;
    handle.setAttribute('data-bps-probe', '');  // Python focuses it by this mark
    const probe = {
      t0: null, tChange: null, tLast: null, errorsBefore: bps.kernelErrors.length,
      before: bps.fingerprint(region, slider), region, slider, log: [], tPainted: null,
    };
    probe.observer = new MutationObserver((records) => {
      const now = performance.now();
      if (bps.fingerprint(region, slider) !== probe.before) {
        if (probe.tChange === null) probe.tChange = now;
        probe.tLast = now;
      }
      // a new picture: time until it is decoded and the next frame is painted
      for (const r of records) {
        if (r.type === 'attributes' && r.attributeName === 'src' && r.target.tagName === 'IMG') {
          const img = r.target;
          img.decode().catch(() => null).then(() => requestAnimationFrame(() => {
            if (bps.probe === probe) probe.tPainted = performance.now();
          }));
        }
      }
    });
    probe.observer.observe(region, { subtree: true, childList: true, attributes: true, characterData: true });
    handle.addEventListener('keydown', () => { if (probe.t0 === null) probe.t0 = performance.now(); },
      { capture: true, once: true });
    bps.probe = probe;
  };

  bps.settled = (quietMs) => {
    const p = bps.probe;
    return p.tChange !== null && performance.now() - p.tLast >= quietMs && bps.kernelIdle();
  };

  bps.finish = () => {
    const p = bps.probe;
    p.observer.disconnect();
    bps.root().querySelectorAll('[data-bps-probe]').forEach(e => e.removeAttribute('data-bps-probe'));
    const errors = bps.kernelErrors.slice(p.errorsBefore).map(e => e.text);
    p.region.querySelectorAll('.bps-panel-error').forEach(e => errors.push(e.textContent.trim()));
    p.region.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')
      .forEach(e => errors.push(e.textContent.trim().split('\n').slice(-1)[0]));
    bps.probe = null;
    return {
      pressed: p.t0 !== null, changed: p.tChange !== null,
      latency: p.t0 !== null && p.tLast !== null ? p.tLast - p.t0 : null, errors,
      t0: p.t0, tLast: p.tLast, tPainted: p.tPainted, log: p.log,
    };
  };
}
"""


def _wait(page, expression: str, timeout_ms: float, arg=None) -> bool:
    """Poll `expression` in the page every 50 ms; False if it is not true within the timeout."""
    try:
        page.wait_for_function(expression, arg=arg, timeout=timeout_ms, polling=50)
        return True
    except PlaywrightTimeout:
        return False


def _settle_rendering(page, timeout_ms: float = 15_000) -> None:
    """Wait until MathJax and the widget manager stop adding elements (3 equal polls)."""
    page.wait_for_function(
        """() => {
            const s = window.__bps.renderSignature();
            const h = (window.__bps.sig = window.__bps.sig || { s: null, n: 0 });
            if (s === h.s) h.n += 1; else { h.s = s; h.n = 0; }
            return h.n >= 3;
        }""",
        timeout=timeout_ms,
        polling=150,
    )


def open_notebook(
    page, base_url: str, token: str, relpath: str, workspace: str | None = None
) -> None:
    """Open `relpath` in the page's JupyterLab (loading JupyterLab first if the page is new);
    any notebook opened before is closed and its kernel stopped. A second JupyterLab page of the
    same browser needs its own `workspace`: two pages on one workspace make JupyterLab move the
    newer one to another address (a navigation that would break the check)."""
    if not page.evaluate("() => !!window.__bps"):
        where = f"/lab/workspaces/{workspace}" if workspace else "/lab"
        page.goto(f"{base_url}{where}?reset&token={token}")
        page.wait_for_function(
            "() => !!(window.jupyterapp && window.jupyterapp.shell)", timeout=60_000
        )
        page.evaluate("async () => { await window.jupyterapp.restored; }")
        page.evaluate(PAGE_JS)
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    page.evaluate("(path) => window.__bps.open(path)", relpath)
    wait_until_open(page, relpath)


def wait_until_open(page, relpath: str) -> None:
    """Wait until the page's current notebook is `relpath` and shows its cells."""
    page.wait_for_function(
        """(path) => {
            const w = window.__bps.panel();
            return !!(w && w.context.path === path && w.content.node.querySelector('.jp-Cell'));
        }""",
        arg=relpath,
        timeout=60_000,
    )


def close_notebook(page) -> None:
    """Close the open notebook and stop its kernel (the page stays, for the next notebook)."""
    page.evaluate("() => window.__bps && window.__bps.closeAll()")


def close_and_stop(page, lab) -> None:
    """After a check, passed or failed: close the notebook if the page still answers, then stop
    every kernel of `lab` (a failing page must not hide the failure being reported)."""
    try:
        close_notebook(page)
    except Exception:
        pass
    lab.shutdown_kernels()


def run_all(page) -> bool:
    ok = page.evaluate("(t) => window.__bps.runAll(t)", RUN_TIMEOUT_MS)
    page.wait_for_function(
        "() => window.__bps.kernelIdle() && window.__bps.busyCells() === 0",
        timeout=RUN_TIMEOUT_MS,
        polling=100,
    )
    return ok


def press_arrow_key(page, info: dict) -> str:
    """Move the armed slider one step as a keyboard user does in JupyterLab: focus its handle and
    press one arrow key (toward the far end); returns the key."""
    forward = "ArrowUp" if info["vertical"] else "ArrowRight"
    backward = "ArrowDown" if info["vertical"] else "ArrowLeft"
    key = backward if info["now"] >= info["max"] else forward
    page.locator("[data-bps-probe]").focus()
    page.keyboard.press(key)
    return key


def probe_sliders(page, report: Report, move=press_arrow_key) -> None:
    """Move every slider once with `move(page, info) -> what it did` and time its redraw."""
    count = page.evaluate("() => window.__bps.sliderHandles().length")
    for i in range(count):
        info = page.evaluate("(i) => window.__bps.describeSlider(i)", i)
        page.evaluate("(i) => window.__bps.arm(i)", i)
        key = move(page, info)
        changed = _wait(page, "() => window.__bps.probe.tChange !== null", CHANGE_TIMEOUT_MS)
        if changed:
            _wait(page, f"() => window.__bps.settled({QUIET_MS})", CHANGE_TIMEOUT_MS)
        else:
            _wait(page, "() => window.__bps.kernelIdle()", CHANGE_TIMEOUT_MS)
        result = page.evaluate("() => window.__bps.finish()")
        where = info["where"]
        if not result["pressed"]:
            report.faults.append(Fault("slider", where, f"{key} never reached the slider"))
        if not result["changed"]:
            report.faults.append(
                Fault("slider", where, f"{key} changed nothing within {CHANGE_TIMEOUT_MS} ms")
            )
        for error in result["errors"]:
            report.faults.append(Fault("error", where, f"{key} raised: {error}"))
        report.sliders.append(
            SliderResult(
                where,
                result["changed"],
                result["latency"] if result["changed"] else None,
                phases(result) if result["changed"] else None,
            )
        )


def screenshot_notebook(page, path: Path) -> None:
    """The whole notebook in one picture: make the window as tall as the notebook, then shoot."""
    js_top = """() => {
        const outer = document.querySelector('[data-bps-current] .jp-WindowedPanel-outer');
        outer.scrollTop = 0;
        const cells = outer.querySelectorAll('.jp-Cell');
        const last = cells[cells.length - 1].getBoundingClientRect().bottom;
        return Math.ceil(last + 48);
    }"""
    original = page.viewport_size
    height = page.evaluate(js_top)
    page.set_viewport_size({"width": original["width"], "height": min(max(height, 600), 16000)})
    page.wait_for_timeout(250)
    page.evaluate(js_top)  # the relayout may have moved the scroll position
    path.parent.mkdir(parents=True, exist_ok=True)
    page.locator("[data-bps-current]").screenshot(path=str(path))
    page.set_viewport_size(original)


def check_notebook(
    page,
    base_url: str,
    token: str,
    relpath: str,
    source: Path,
    widgets: int,
    sliders: int | None = None,
    screenshot: Path | None = None,
    opener=None,
    move=None,
) -> Report:
    """Open `relpath` (a copy of `source`) in JupyterLab, run it, and report what is broken.

    `widgets`: how many widget views the notebook must draw; `sliders`: how many slider handles
    (None: any number). For the series both come from the registry, not from stored outputs.
    `opener(page, base_url, token, relpath)` replaces `open_notebook` for another front end
    (Notebook 7, tests/browser/test_notebook7.py); it must leave window.__bps installed.
    `move(page, info) -> str` replaces `press_arrow_key` (Notebook 7 takes arrow keys for itself).
    """
    report = Report(notebook=source.name, widgets_expected=widgets)
    clock = _Clock(report.seconds)
    (opener or open_notebook)(page, base_url, token, relpath)
    clock.lap("open")
    if not run_all(page):
        report.faults.append(Fault("error", "run all", "a cell raised; later cells did not run"))
    not_run = page.evaluate("() => window.__bps.notRun()")
    if not_run:
        report.faults.append(Fault("error", "run all", f"cells {not_run} did not run"))
    clock.lap("run_all")
    _settle_rendering(page)
    _wait(page, f"() => window.__bps.staticFaults().rendered >= {report.widgets_expected}", 10_000)
    found = page.evaluate("() => window.__bps.staticFaults()")
    report.widgets_rendered = found["rendered"]
    if found["rendered"] != report.widgets_expected:
        report.faults.append(
            Fault(
                "widget",
                "notebook",
                f"{found['rendered']} widget view(s) drawn, the notebook displays "
                f"{report.widgets_expected}",
            )
        )
    clock.lap("settle")
    handles = page.evaluate("() => window.__bps.sliderHandles().length")
    if sliders is not None and handles != sliders:
        report.faults.append(
            Fault("widget", "notebook", f"{handles} slider(s) drawn, its panels have {sliders}")
        )
    probe_sliders(page, report, move or press_arrow_key)
    clock.lap("sliders")
    # Errors that surfaced later (inside widget outputs, or from the kernel outside any cell).
    # A loaded kernel may still be formatting the last callback's traceback: let it finish.
    _wait(page, "() => window.__bps.kernelIdle()", 15_000)
    after = page.evaluate("() => window.__bps.staticFaults()")
    if any(f["kind"] == "math" for f in after["faults"]):
        # MathJax typesets asynchronously: give a slow machine a moment before blaming the text.
        page.wait_for_timeout(1500)
        after = page.evaluate("() => window.__bps.staticFaults()")
    attributed = {f.detail.split("raised: ", 1)[-1] for f in report.faults if f.kind == "error"}
    report.faults.extend(
        Fault(**f)
        for f in after["faults"]
        if not (f["kind"] == "error" and f["detail"] in attributed)
    )
    for error in page.evaluate("() => window.__bps.kernelErrors"):
        # a cell's own error is already reported from its output; the rest came from elsewhere
        if error["parent"] != "execute_request" and error["text"] not in attributed:
            report.faults.append(Fault("error", f"kernel ({error['parent']})", error["text"]))
    if screenshot is not None:
        screenshot_notebook(page, screenshot)
        report.screenshot = screenshot
    clock.lap("checks_and_screenshot")
    return report


class _Clock:
    """Records the wall time of consecutive phases into a dict."""

    def __init__(self, into: dict[str, float]):
        self.into, self.last = into, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.into[name] = round(now - self.last, 2)
        self.last = now
