"""Watchdog for kiosk mode: restart the kiosk when it dies, but not forever.

A help-point PC has nobody watching it. If the kiosk crashes (a driver, a printer, a bug),
citizens should find it back on screen a moment later, not a desktop. So in kiosk mode the
shortcut runs::

    python -m kiosk.supervisor -- help-kiosk

The supervisor starts the command and waits. When it ends:

- exit code 0 (:data:`EXIT_STAFF_QUIT`): staff closed the kiosk on purpose: stop;
- 2 (:data:`EXIT_USAGE`, a wrong command line) or 3 (:data:`EXIT_ALREADY_RUNNING`, another
  kiosk holds the data dir): restarting cannot help: stop;
- anything else (a crash, an error, the recovery screen's :data:`EXIT_RECOVERY`, killed by a
  signal): start it again after a short pause, at most ``max_restarts_per_minute`` times in
  any 60 seconds; past that it says so, pauses :data:`BACKOFF_S` and tries again, for ever by
  default (a crash loop must not hammer the printer, but giving up leaves the desktop to a
  passer-by; ``--max-backoffs N`` restores a give-up, with :data:`EXIT_GAVE_UP`).

SIGTERM/SIGINT (or Ctrl+C) to the supervisor are passed on to the kiosk, and then it stops.
Uses only the standard library; imports nothing from the GUI.
"""

from __future__ import annotations

import argparse
import collections
import logging
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from types import FrameType
from typing import Any

log = logging.getLogger(__name__)

EXIT_STAFF_QUIT = 0
EXIT_USAGE = 2
EXIT_ALREADY_RUNNING = 3
#: The recovery screen ended (it refuses to close in kiosk mode): restart, a restore may have
#: fixed the database.
EXIT_RECOVERY = 4
#: Codes after which a restart cannot help.
NO_RESTART_CODES = frozenset({EXIT_STAFF_QUIT, EXIT_USAGE, EXIT_ALREADY_RUNNING})
#: What the supervisor returns when it gave up after too many crashes.
EXIT_GAVE_UP = 75
#: After a crash loop, pause this long and try again (for ever unless ``max_backoffs``).
BACKOFF_S = 60.0
WINDOW_S = 60.0


class RestartBudget:
    """At most ``limit`` restarts in any ``window`` seconds (a sliding window)."""

    def __init__(self, limit: int, window: float = WINDOW_S,
                 now: Callable[[], float] = time.monotonic) -> None:
        if limit < 0:
            raise ValueError("limit must be >= 0")
        self.limit = limit
        self.window = window
        self._now = now
        self._times: collections.deque[float] = collections.deque()

    def allow(self) -> bool:
        """Take one restart from the budget; False when the window is full."""
        t = self._now()
        while self._times and t - self._times[0] >= self.window:
            self._times.popleft()
        if len(self._times) >= self.limit:
            return False
        self._times.append(t)
        return True


def _describe(code: int) -> str:
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return f"bị dừng bởi tín hiệu {name}"
    return f"thoát với mã {code}"


def supervise(cmd: Sequence[str], max_restarts_per_minute: int = 5,
              restart_delay: float = 1.0,
              say: Callable[[str], None] | None = None, backoff: float = BACKOFF_S,
              max_backoffs: int | None = None) -> int:
    """Run ``cmd`` and restart it after abnormal exits; return the final exit code.

    Returns the child's code when it stopped on purpose (0, 2, 3), :data:`EXIT_GAVE_UP`
    after too many restarts, or the child's code after a forwarded SIGTERM/SIGINT.
    ``say`` receives the Vietnamese lines meant for a person (default: stderr).
    """
    if not cmd:
        raise ValueError("no command to supervise")
    tell = say or (lambda text: sys.stderr.write(text + "\n"))
    budget = RestartBudget(max_restarts_per_minute)
    backoffs = 0
    stop = threading.Event()
    current: list[subprocess.Popen[bytes]] = []

    def forward(signum: int, _frame: FrameType | None) -> None:
        stop.set()
        for child in current:
            if child.poll() is None:
                child.send_signal(signum)

    previous: dict[signal.Signals, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            previous[sig] = signal.signal(sig, forward)
    try:
        runs = 0
        while True:
            runs += 1
            try:
                child = subprocess.Popen(list(cmd))
            except OSError as exc:
                tell(f"Không chạy được lệnh “{' '.join(cmd)}”: {exc.strerror or exc}. "
                     "Hãy kiểm tra cài đặt kiosk.")
                return 127
            current[:] = [child]
            if stop.is_set():  # the signal came while the child was being started
                child.terminate()
            code = _wait(child)
            current.clear()
            if stop.is_set():
                log.info("supervisor stopped by signal; child %s", _describe(code))
                return code
            if code in NO_RESTART_CODES:
                log.info("kiosk ended (%s); not restarting", _describe(code))
                return code
            allowed = budget.allow()
            if not allowed and (max_backoffs is None or backoffs < max_backoffs):
                # Never give up to the desktop: pause, then try again (a full disk, a
                # printer driver, a network share may come back; the desktop never helps).
                backoffs += 1
                tell(f"Kiosk đã bị lỗi {max_restarts_per_minute + 1} lần trong một phút, lần "
                     f"cuối {_describe(code)}. Sẽ thử lại sau {backoff:g} giây. Hãy báo cán bộ "
                     "kỹ thuật và xem nhật ký (thư mục logs trong thư mục dữ liệu).")
                log.warning("kiosk crash loop (%s); backing off %.0f s", _describe(code), backoff)
                if stop.wait(backoff):
                    return code
                budget = RestartBudget(max_restarts_per_minute)
                continue
            if not allowed:
                tell(f"Kiosk đã bị lỗi và khởi động lại {max_restarts_per_minute} lần trong một "
                     f"phút, lần cuối {_describe(code)}. Ngừng tự khởi động lại. Hãy xem nhật "
                     "ký (thư mục logs trong thư mục dữ liệu) và báo cho cán bộ kỹ thuật; "
                     "bật lại kiosk bằng biểu tượng trên màn hình.")
                log.info("kiosk crashed too often (run %d, %s); giving up", runs,
                         _describe(code))
                return EXIT_GAVE_UP
            tell(f"Kiosk {_describe(code)}; đang khởi động lại…")
            log.info("kiosk %s; restarting (run %d)", _describe(code), runs + 1)
            if stop.wait(restart_delay):
                return code
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _wait(child: subprocess.Popen[bytes]) -> int:
    while True:
        try:
            return child.wait()
        except KeyboardInterrupt:  # Windows console Ctrl+C: the child got it too; keep waiting
            continue


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kiosk.supervisor",
        description="Chạy kiosk và tự khởi động lại khi kiosk bị lỗi. "
                    "Ví dụ: python -m kiosk.supervisor -- help-kiosk")
    parser.add_argument("--max-restarts", type=int, default=5, metavar="N",
                        help="số lần khởi động lại tối đa trong một phút (mặc định 5)")
    parser.add_argument("--delay", type=float, default=1.0, metavar="GIÂY",
                        help="chờ bao lâu trước khi khởi động lại (mặc định 1 giây)")
    parser.add_argument("--backoff", type=float, default=BACKOFF_S, metavar="GIÂY",
                        help="sau khi lỗi liên tục, chờ bao lâu rồi thử lại (mặc định 60 giây)")
    parser.add_argument("--max-backoffs", type=int, default=None, metavar="N",
                        help="bỏ cuộc sau N lần chờ (mặc định: không bao giờ bỏ cuộc)")
    parser.add_argument("command", nargs=argparse.REMAINDER,
                        help="lệnh chạy kiosk, sau dấu --")
    args = parser.parse_args(argv)
    cmd = list(args.command)
    if cmd and cmd[0] == "--":
        cmd = cmd[1:]
    if not cmd:
        parser.error("thiếu lệnh chạy kiosk, ví dụ: python -m kiosk.supervisor -- help-kiosk")
    if args.max_restarts < 0 or args.delay < 0:
        parser.error("--max-restarts và --delay không được âm")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    code = supervise(cmd, args.max_restarts, args.delay, backoff=args.backoff,
                     max_backoffs=args.max_backoffs)
    # A child killed by signal N is reported the shell's way, 128 + N.
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main())
