"""The calm full-screen message while the data dir cannot be written (disk full, read-only).

Shown by :func:`ui.app.run` before anything else touches the data dir (the lock file, the log,
the database), in place of a crash: the kiosk used to crash six times in a minute and leave
the desktop (issue #16 item 4). The rule and the words are :mod:`kiosk.disk`; this screen
shows them, checks again every :data:`kiosk.disk.RETRY_S` seconds (the check runs on the GUI
thread: it writes 64 KB) and lets the start go on once writing works. In kiosk mode it cannot
be closed (Alt+F4, Esc, the close event), like the recovery screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from kiosk.disk import RETRY_S, DiskProblem, probe_data_dir

log = logging.getLogger(__name__)

Probe = Callable[[], DiskProblem | None]


class DiskProblemWindow(QWidget):
    """Title, what happened and what to do (Vietnamese first, English below); no buttons."""

    resolved = Signal()

    def __init__(self, problem: DiskProblem, *, windowed: bool, probe: Probe | None = None,
                 retry_s: float = RETRY_S) -> None:
        super().__init__()
        self.allow_close = windowed
        self.problem = problem
        self._probe: Probe = probe or (lambda: probe_data_dir(problem.data_dir))
        self.setObjectName("diskProblemScreen")
        self.setWindowTitle("Điểm hỗ trợ số — cần cán bộ hỗ trợ")
        self.setStyleSheet("QWidget#diskProblemScreen { background: #f4f1e8; }"
                           "QLabel { color: #1d2b36; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 60, 80, 60)
        layout.setSpacing(24)
        layout.addStretch(1)
        self.title = QLabel(self)
        self.title.setObjectName("diskProblemTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 30pt; font-weight: bold;")
        self.text = QLabel(self)
        self.text.setObjectName("diskProblemText")
        self.text.setWordWrap(True)
        self.text.setStyleSheet("font-size: 18pt;")
        self.english = QLabel(self)
        self.english.setObjectName("diskProblemEnglish")
        self.english.setWordWrap(True)
        self.english.setStyleSheet("font-size: 13pt; color: #4a5a66;")
        for w in (self.title, self.text, self.english):
            w.setAccessibleName(w.objectName())
            layout.addWidget(w)
        layout.addStretch(2)
        self._show(problem)
        self.timer = QTimer(self)
        self.timer.setInterval(int(retry_s * 1000))
        self.timer.timeout.connect(self.retry_now)
        self.timer.start()

    def _show(self, problem: DiskProblem) -> None:
        self.problem = problem
        self.title.setText(problem.title)
        self.text.setText(problem.message)
        self.english.setText(problem.message_en)

    def retry_now(self) -> None:
        """Check again; on success stop and say so (the start goes on)."""
        problem = self._probe()
        if problem is None:
            log.info("data dir writable again; starting the kiosk")
            self.timer.stop()
            self.allow_close = True
            self.resolved.emit()
            return
        self._show(problem)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.allow_close:
            event.accept()
            return
        log.info("close refused on the disk problem screen")
        event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if not self.allow_close and (event.key() == Qt.Key.Key_Escape
                                     or (alt and event.key() == Qt.Key.Key_F4)):
            event.accept()
            return
        super().keyPressEvent(event)


def wait_for_disk(app: QApplication, problem: DiskProblem, *, windowed: bool,
                  probe: Probe | None = None, retry_s: float = RETRY_S) -> bool:
    """Show the message until the data dir can be written again: True, the start goes on.
    False only when a person closed it in windowed mode."""
    window = DiskProblemWindow(problem, windowed=windowed, probe=probe, retry_s=retry_s)
    ok = [False]

    def done() -> None:
        ok[0] = True
        window.close()
        app.exit(0)

    window.resolved.connect(done)
    if windowed:
        window.resize(1366, 768)
        window.show()
    else:
        screen = app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.geometry())
        window.setWindowFlags(Qt.WindowType.FramelessWindowHint
                              | Qt.WindowType.WindowStaysOnTopHint)
        window.showFullScreen()
    app.exec()  # ends when resolved, or (windowed only) when a person closed the window
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, 0)
    return ok[0]
