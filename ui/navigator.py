"""One navigator: a QStackedWidget of screens keyed by an enum.

``go_to(screen, **context)`` calls ``on_leave()`` on the current screen, then
``on_enter(**context)`` on the new one. Screens never construct or call each other; they ask
the navigator. Back keeps a short history; Home clears it.
"""

from __future__ import annotations

import logging
from enum import Enum, auto
from typing import Any, Protocol

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

log = logging.getLogger(__name__)


class ScreenId(Enum):
    HOME = auto()
    CATALOGUE = auto()
    TUTORIALS = auto()
    STEP = auto()
    FINISH = auto()
    SHEET_PREVIEW = auto()
    TAKE_TICKET = auto()
    TICKET = auto()
    PIN = auto()
    VOLUNTEER = auto()
    QUICK_LOG = auto()
    CONSENT = auto()
    STAFF = auto()
    SETUP = auto()
    RECOVERY = auto()


#: Screens that may scroll as a whole (first setup, recovery). Every other page, the staff
#: screen too, fits its space; its tabs scroll their own long forms.
SCROLLING = frozenset({ScreenId.SETUP, ScreenId.RECOVERY})


class Screen(Protocol):
    title_key: str

    def on_enter(self, **context: Any) -> None: ...

    def on_leave(self) -> None: ...


class Navigator(QStackedWidget):
    screen_changed = Signal(object)  # ScreenId
    # A screen changed what the bars should offer (a citizen-facing page inside it opened
    # or closed); the window asks the current screen again.
    chrome_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Navigator")
        self._screens: dict[ScreenId, QWidget] = {}
        self._holders: dict[ScreenId, QWidget] = {}
        self._history: list[tuple[ScreenId, dict[str, Any]]] = []
        self.current_id: ScreenId | None = None
        self._current_context: dict[str, Any] = {}
        self.pinned: ScreenId | None = None

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        # A stack's minimum is normally the largest of all its pages, so one tall page (the
        # PIN pad, a staff form) would make the whole window taller than a 1366×768 screen
        # and push Home/Back off it. Pages lay themselves out in the space they get.
        return QSize(320, 240)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        current = self.currentWidget()
        return current.sizeHint() if current is not None else super().sizeHint()

    def add(self, screen_id: ScreenId, widget: QWidget) -> None:
        holder: QWidget
        if screen_id in SCROLLING:
            # Staff pages (long forms and tables) may scroll as a whole.
            area = QScrollArea(self)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidgetResizable(True)
            area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            area.setWidget(widget)
            holder = area
        else:
            # A citizen or volunteer page gets exactly the space between the bars and lays
            # itself out in it (the layout rule, ui/layout_rule.py): a scroll area here would
            # size the page by its *preferred* height for its width and push the actions off
            # the screen, which is what hid "Bước tiếp" at 1366×768.
            holder = QWidget(self)
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(widget)
        holder.setObjectName(f"page_{screen_id.name.lower()}")
        self._screens[screen_id] = widget
        self._holders[screen_id] = holder
        self.addWidget(holder)

    def currentWidget(self) -> QWidget | None:  # type: ignore[override]  # noqa: N802
        """The current screen itself (not the scroll area that holds it)."""
        return self._screens.get(self.current_id) if self.current_id is not None else None

    def screen(self, screen_id: ScreenId) -> QWidget:
        return self._screens[screen_id]

    def has(self, screen_id: ScreenId) -> bool:
        return screen_id in self._screens

    def pin(self, screen_id: ScreenId) -> None:
        """Keep the window on ``screen_id`` (first-run setup, recovery): Home, Back, the idle
        reset and every other way elsewhere lead back to it until :meth:`unpin`."""
        self.pinned = screen_id
        self.go_to(screen_id, remember=False)

    def unpin(self) -> None:
        self.pinned = None

    def go_to(self, screen_id: ScreenId, *, remember: bool = True, **context: Any) -> None:
        if self.pinned is not None and screen_id != self.pinned:
            log.info("%s is pinned; not going to %s", self.pinned, screen_id)
            screen_id, context = self.pinned, {}
            if self.current_id == screen_id:
                return
        if screen_id not in self._screens:
            log.error("no screen registered for %s", screen_id)
            screen_id, context = ScreenId.HOME, {}
        if self.current_id is not None:
            if remember and self.current_id != screen_id:
                self._history.append((self.current_id, self._current_context))
                del self._history[:-10]
            self._leave(self.current_id)
        self.current_id = screen_id
        self._current_context = dict(context)
        widget = self._screens[screen_id]
        self.setCurrentWidget(self._holders[screen_id])
        enter = getattr(widget, "on_enter", None)
        if enter is not None:
            enter(**context)
        self.screen_changed.emit(screen_id)

    def back(self) -> None:
        if not self._history:
            self.home()
            return
        screen_id, context = self._history.pop()
        self.go_to(screen_id, remember=False, **context)

    def home(self) -> None:
        self._history.clear()
        self.go_to(self.pinned or ScreenId.HOME, remember=False)

    def _leave(self, screen_id: ScreenId) -> None:
        leave = getattr(self._screens[screen_id], "on_leave", None)
        if leave is not None:
            try:
                leave()
            except Exception:  # leaving must never trap the citizen on a screen
                log.exception("on_leave failed for %s", screen_id)
