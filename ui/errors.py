"""One error funnel: any exception in a slot or a task is logged and shown calmly; then Home.

The citizen never sees a traceback and the kiosk never exits because of one. Messages from
our own services (every :class:`kiosk.errors.KioskError`: PermissionDenied, QueueError, ...)
are already Vietnamese and are shown as they are; anything else becomes a general apology
with what to do next.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Signal

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

GENERIC_VI = ("Xin lỗi, kiosk vừa gặp trục trặc nhỏ. Kiosk sẽ quay về màn hình chính. "
              "Nếu lặp lại, vui lòng báo tình nguyện viên.")


def friendly_message(exc: BaseException) -> str:
    """A :class:`KioskError`'s own Vietnamese message; anything else is a bug: the apology."""
    if isinstance(exc, KioskError) and exc.user_message:
        return exc.user_message
    return GENERIC_VI


class ErrorFunnel(QObject):
    error = Signal(str)  # message for the calm dialog

    def __init__(self, go_home: Callable[[], None]) -> None:
        super().__init__()
        self._go_home = go_home
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    def install(self) -> None:
        sys.excepthook = self._hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def handle(self, exc: BaseException) -> None:
        """Log, tell the person calmly, go home. Safe to call from any slot."""
        log.error("unexpected error in the UI", exc_info=(type(exc), exc, exc.__traceback__))
        message = friendly_message(exc)
        try:
            self._go_home()
        except Exception:
            log.exception("going home after an error failed")
        self.error.emit(message)

    def _hook(self, exc_type: type[BaseException], exc: BaseException,
              tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        self.handle(exc)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        log.error("unexpected error in thread %s", args.thread.name if args.thread else "?",
                  exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
