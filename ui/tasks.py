"""Background work with callbacks on the GUI thread: one helper for everything slow.

``run_in_background(fn, on_success, on_error)`` runs ``fn`` on a worker pool; the callbacks
arrive on the GUI thread through a queued signal. ``fn`` must never touch widgets. Database
writes use the one-thread ``db`` lane and printing its own lane, so SQLite never sees two
writers from this process and a slow printer never blocks a ticket being issued.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object, object)  # (callback, value)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], on_success: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None, relay: _Relay,
                 finished: Callable[[], None]) -> None:
        super().__init__()
        self.fn, self.on_success, self.on_error = fn, on_success, on_error
        self.relay, self.finished = relay, finished

    def run(self) -> None:
        try:
            value = self.fn()
        except BaseException as exc:  # handed to the GUI's error funnel
            log.warning("background task failed: %s", type(exc).__name__)
            self.relay.done.emit(self.on_error or _reraise, exc)
        else:
            if self.on_success is not None:
                self.relay.done.emit(self.on_success, value)
        finally:
            self.finished()


class ProgressRelay(QObject):
    """Progress from a lane to the GUI: create it on the GUI thread, hand ``changed.emit`` to
    the work (``progress=relay.changed.emit``); Qt queues each (done, total) to the slots."""

    changed = Signal(int, int)  # done, total


def _reraise(exc: BaseException) -> None:
    raise exc


class TaskRunner(QObject):
    """Owns the lanes. Created once in the composition root and handed to screens."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay()
        self._relay.done.connect(self._deliver)
        self.lanes: dict[str, QThreadPool] = {}
        # "sync" talks to the hub (seconds, or a timeout): never in the way of a PDF or a print.
        for name, threads in (("default", 2), ("db", 1), ("print", 1), ("sync", 1)):
            pool = QThreadPool(self)
            pool.setMaxThreadCount(threads)
            self.lanes[name] = pool
        self._pending = 0

    def run_in_background(self, fn: Callable[[], Any],
                          on_success: Callable[[Any], None] | None = None,
                          on_error: Callable[[BaseException], None] | None = None,
                          lane: str = "default") -> None:
        self._pending += 1
        self.lanes[lane].start(_Job(fn, on_success, on_error, self._relay, self._one_done))

    def _one_done(self) -> None:
        self._pending -= 1

    @property
    def busy(self) -> bool:
        return self._pending > 0

    @Slot(object, object)
    def _deliver(self, callback: Callable[[Any], None], value: Any) -> None:
        callback(value)

    def wait_all(self, msecs: int = 30000) -> bool:
        return all(pool.waitForDone(msecs) for pool in self.lanes.values())


class SyncTaskRunner(TaskRunner):
    """Runs tasks at once on the calling thread: deterministic unit tests (picard's idea)."""

    def run_in_background(self, fn: Callable[[], Any],
                          on_success: Callable[[Any], None] | None = None,
                          on_error: Callable[[BaseException], None] | None = None,
                          lane: str = "default") -> None:
        try:
            value = fn()
        except Exception as exc:
            (on_error or _reraise)(exc)
        else:
            if on_success is not None:
                on_success(value)
