"""Feature: watch the data dir while the kiosk runs; cover the window calmly if it fills.

At start-up :func:`ui.app.run` probes the data dir before anything else and waits on the
full-screen disk message until writing works (issue #16 item 4). A disk that fills *while*
the kiosk runs used to show only the failing write's error, screen after screen, and the calm
message at the next start. Now :class:`DiskWatch` probes the same way
(:func:`kiosk.disk.probe_data_dir`: a 64 KB write and the free space) every
:data:`CHECK_MS`, off the GUI thread, and on a problem covers the kiosk window with the same
message (:class:`ui.screens.disk_problem.DiskProblemWindow`, a child of the one kiosk window,
not a window of its own). It checks again every :data:`kiosk.disk.RETRY_S` seconds and
uncovers the kiosk by itself once writing works; nothing a citizen typed is lost behind it
(the screens stay as they were).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

from kiosk.disk import RETRY_S, DiskProblem, probe_data_dir
from ui.ops import Op

if TYPE_CHECKING:
    from ui.app import BuildContext
    from ui.screens.disk_problem import DiskProblemWindow

log = logging.getLogger(__name__)

CHECK_MS = 60_000  # a minute: a 64 KB write a minute costs nothing, and fills are slow

Probe = Callable[[Path], DiskProblem | None]


class DiskWatch(QObject):
    """Probes ``data_dir`` on a timer; shows and removes the cover over ``window``."""

    def __init__(self, window: Any, data_dir: Path, tasks: Any, *,
                 probe: Probe = probe_data_dir, check_ms: int = CHECK_MS,
                 retry_s: float = RETRY_S) -> None:
        super().__init__(window)
        self.window, self.data_dir, self.tasks = window, Path(data_dir), tasks
        self.probe, self.retry_s = probe, retry_s
        self.cover: DiskProblemWindow | None = None
        self._checking = False
        self.timer = QTimer(self)
        self.timer.setObjectName("diskWatchTimer")
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check_now)
        window.installEventFilter(self)  # keep the cover the window's size

    def start(self) -> None:
        self.timer.start()

    def check_now(self) -> None:
        if self._checking or self.cover is not None:
            return
        self._checking = True
        data_dir, probe = self.data_dir, self.probe

        def done(problem: DiskProblem | None) -> None:
            self._checking = False
            if problem is not None:
                self._cover(problem)

        def failed(exc: BaseException) -> None:
            self._checking = False
            log.warning("disk check failed: %s", type(exc).__name__)

        Op(lambda: probe(data_dir)).success(done).failure(failed).run(self.tasks)

    def _cover(self, problem: DiskProblem) -> None:
        from ui.screens.disk_problem import DiskProblemWindow

        log.warning("data dir problem while running (%s): covering the kiosk", problem.kind)
        cover = DiskProblemWindow(problem, windowed=False, retry_s=self.retry_s,
                                  probe=lambda: self.probe(self.data_dir))
        cover.setParent(self.window)
        # Opaque: its style sheet's background is painted only with a styled background.
        cover.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        cover.setGeometry(self.window.rect())
        cover.resolved.connect(self._uncover)
        cover.show()
        cover.raise_()
        cover.setFocus()
        self.cover = cover

    def _uncover(self) -> None:
        if self.cover is None:
            return
        log.info("data dir writable again: the kiosk goes on")
        self.cover.hide()
        self.cover.deleteLater()
        self.cover = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.window and event.type() == QEvent.Type.Resize \
                and self.cover is not None:
            self.cover.setGeometry(self.window.rect())
        return False


def install(ctx: BuildContext) -> None:
    watch = DiskWatch(ctx.window, ctx.data_dir, ctx.tasks)
    ctx.window.disk_watch = watch
    ctx.after_start(watch.start)
