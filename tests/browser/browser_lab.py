"""A throwaway JupyterLab server and a Chromium to look at it, for the browser tests.

`LabServer` runs `jupyter lab` from the project environment on 127.0.0.1, on a free port, with
a random token, no browser, and its own config/data/runtime/settings/workspace directories
under a temporary folder, serving a *copy* of the notebooks (the originals are never touched).
The project's kernel spec and the widget extension still load: they live in
`<sys.prefix>/share/jupyter`, which Jupyter always searches. The server runs in its own process
group and is always stopped by that group's id.

`launch_chromium` starts the system's Chromium (or the browser named by $CHROMIUM_PATH) through
Playwright, headless, offline-minded and with a fresh profile. Nothing is ever downloaded.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

JUPYTER = Path(sys.executable).parent / "jupyter"
BROWSER_ENV = "CHROMIUM_PATH"
DEFAULT_BROWSER = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--metrics-recording-only",
]

# Lab settings for a quiet, offline, fully drawn notebook: no news or update check, and every
# cell attached to the page (so widgets, math and the screenshot cover the whole notebook).
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}

SERVER_CONFIG = """\
c.ServerApp.ip = "127.0.0.1"
c.ServerApp.port = {port}
c.ServerApp.port_retries = 0
c.ServerApp.open_browser = False
c.ServerApp.allow_root = True  # CI runs as root in a container
c.ServerApp.terminals_enabled = False
c.ServerApp.root_dir = {root!r}
c.IdentityProvider.token = {token!r}
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
c.LabApp.expose_app_in_browser = True  # window.jupyterapp: run commands, read kernel status
c.LabApp.extension_manager = "readonly"  # no PyPI queries from the extension manager
c.LabApp.user_settings_dir = {settings!r}
c.LabApp.workspaces_dir = {workspaces!r}
c.LabServerApp.extra_labextensions_path = []
"""


def browser_path() -> str:
    """The Chromium-family browser to drive: $CHROMIUM_PATH, else Debian's /usr/bin/chromium."""
    return os.environ.get(BROWSER_ENV) or DEFAULT_BROWSER


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """`jupyter lab` serving a temporary copy of some notebooks; use as a context manager."""

    app = "lab"  # the `jupyter` subcommand (a subclass may serve Notebook 7: "notebook")

    def __init__(self, workdir: Path, notebooks: list[Path], extra: dict[str, Path] | None = None):
        self.workdir = Path(workdir)
        self.root = self.workdir / "notebooks"
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.proc: subprocess.Popen | None = None
        self.log_path = self.workdir / "jupyter-lab.log"
        self.root.mkdir(parents=True)
        for path in notebooks:
            shutil.copy2(path, self.root / path.name)
        for rel, path in (extra or {}).items():
            (self.root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, self.root / rel)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _write_config(self) -> dict[str, str]:
        dirs = {
            name: self.workdir / name for name in ("config", "data", "runtime", "settings", "ws")
        }
        for path in dirs.values():
            path.mkdir()
        for name, value in USER_SETTINGS.items():
            target = dirs["settings"] / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(value))
        (dirs["config"] / "jupyter_server_config.py").write_text(
            SERVER_CONFIG.format(
                port=self.port,
                root=str(self.root),
                token=self.token,
                settings=str(dirs["settings"]),
                workspaces=str(dirs["ws"]),
            )
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
        env.update(
            JUPYTER_CONFIG_DIR=str(dirs["config"]),
            JUPYTER_DATA_DIR=str(dirs["data"]),
            JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
            IPYTHONDIR=str(self.workdir / "ipython"),
            PYTHONDONTWRITEBYTECODE="1",
        )
        return env

    def api(self, method: str, path: str) -> object:
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def start(self, timeout: float = 90.0) -> LabServer:
        env = self._write_config()
        log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [str(JUPYTER), self.app],
            cwd=self.workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped by that id only
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter {self.app} exited early:\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status")
                return self
            except (OSError, urllib.error.URLError):
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(
            f"jupyter {self.app} did not answer within {timeout:.0f} s:\n{self.log_tail()}"
        )

    def shutdown_kernels(self) -> None:
        """Stop every kernel this server started (between notebooks, to free memory)."""
        for session in self.api("GET", "/api/sessions") or []:
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        pgid = self.proc.pid  # start_new_session: the group id is the server's own pid
        try:
            os.killpg(pgid, signal.SIGTERM)  # the server shuts its kernels down on SIGTERM
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(pgid, signal.SIGKILL)
            self.proc.wait(timeout=5)
        except ProcessLookupError:
            pass

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def __enter__(self) -> LabServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def launch_chromium(playwright, profile_dir: Path):
    """A headless Chromium with a fresh profile, driven by Playwright; returns its context."""
    executable = browser_path()
    if not Path(executable).is_file():
        raise FileNotFoundError(
            f"No browser at {executable}. Install Chromium (Debian/Ubuntu: "
            f"`sudo apt-get install chromium`) or set {BROWSER_ENV} to a Chrome/Chromium binary."
        )
    return playwright.chromium.launch_persistent_context(
        str(profile_dir),
        executable_path=executable,
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1280, "height": 900},
        device_scale_factor=1,
        service_workers="block",
    )
