"""A real hub process (``python -m hub serve``) for tests that need a socket or a SIGKILL.

Used by the 2 GB body test, the kill-during-ingest test and benchmarks/hub_load.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    from port_for import get_port

    port = get_port(None)
    assert port is not None
    return int(port)


class HubProcess:
    """Start, kill -9 and restart one hub server on a fixed data dir, database and port."""

    def __init__(self, data_dir: Path, database_url: str, port: int | None = None,
                 log_path: Path | None = None, workers: int = 1) -> None:
        self.workers = workers
        self.data_dir = data_dir
        self.database_url = database_url
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path or data_dir.parent / f"hub-{self.port}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "hub", "serve", "--data-dir", str(self.data_dir),
             "--database-url", self.database_url, "--port", str(self.port),
             "--workers", str(self.workers)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"hub exited with {self.proc.returncode}: "
                                   + self.log_path.read_text(errors="replace")[-2000:])
            try:
                if httpx.get(self.url + "/api/v1/health", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            # Polling a starting process: nothing to wait on but the clock.
            time.sleep(0.05)
        raise RuntimeError(f"hub did not answer within {timeout:.0f} s")

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def peak_rss_kib(self) -> int:
        """VmHWM: the most memory the process has ever held resident (with ``workers`` > 1,
        the sum over the worker processes)."""
        pids = [self.pid]
        if self.workers > 1:
            children = Path(f"/proc/{self.pid}/task/{self.pid}/children")
            pids = [int(p) for p in children.read_text().split()] or pids
        total = 0
        for pid in pids:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        return total

    def rss_kib(self) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS")

    def kill9(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill9()
        self.proc = None
