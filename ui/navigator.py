"""One navigator: a QStackedWidget of screens keyed by an enum.

``go_to(screen, **context)`` calls ``on_leave()`` on the current screen, then
``on_enter(**context)`` on the new one. Screens never construct or call each other; they ask
the navigator. Back keeps a short history; Home clears it.

A screen may be registered as a factory (``add_later``): it is built, and its modules
imported, the first time anything asks for it (``go_to``, ``screen``). Only the home screen
is built before the first paint; the rest cost nothing until a person opens them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, MutableMapping
from enum import Enum, auto
from typing import Any, Protocol

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from ui.first_paint import set_enum

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
    SCAM_CHECK = auto()
    SCAM_VERDICT = auto()
    PRACTICE = auto()
    RESUME_CODE = auto()
    RESUME_ENTRY = auto()
    HOME_VISITS = auto()


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
        self._factories: dict[ScreenId, Callable[[], QWidget]] = {}
        self._order: list[ScreenId] = []  # registration order, built or not
        self.screen_built: list[Callable[[ScreenId, QWidget], None]] = []
        #: Called with the id before a registered screen is built (features installed after
        #: the first paint are installed then, so their screens and tabs exist).
        self.before_build: list[Callable[[ScreenId], None]] = []
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

    def add_later(self, screen_id: ScreenId, factory: Callable[[], QWidget]) -> None:
        """Register a screen that is built the first time it is needed."""
        if screen_id in self._screens:
            raise ValueError(f"{screen_id} is already built")
        if screen_id not in self._order:
            self._order.append(screen_id)
        self._factories[screen_id] = factory

    def add(self, screen_id: ScreenId, widget: QWidget) -> None:
        if screen_id not in self._order:
            self._order.append(screen_id)
        self._factories.pop(screen_id, None)
        holder: QWidget
        if screen_id in SCROLLING:
            # Staff pages (long forms and tables) may scroll as a whole.
            area = QScrollArea(self)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidgetResizable(True)
            set_enum(area, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
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
        """The screen, built now if it was registered with ``add_later``; KeyError if it is
        not registered (or stopped being registered while the ``before_build`` hooks ran)."""
        if not self._built_if_registered(screen_id):
            raise KeyError(screen_id)
        return self._screens[screen_id]

    def _built_if_registered(self, screen_id: ScreenId) -> bool:
        if screen_id in self._screens:
            return True
        if screen_id not in self._factories:
            return False
        for before in self.before_build:
            before(screen_id)
        factory = self._factories.pop(screen_id, None)
        if factory is None:
            return screen_id in self._screens
        log.debug("building %s on first use", screen_id.name)
        widget = factory()
        self.add(screen_id, widget)
        for hook in self.screen_built:
            hook(screen_id, widget)
        return True

    def unregister(self, screen_id: ScreenId, factory: Callable[[], QWidget]) -> bool:
        """Forget a screen not built yet if ``factory`` is still what would build it (a
        feature that left itself out); True if it was forgotten."""
        if self._factories.get(screen_id) is not factory:
            return False
        del self._factories[screen_id]
        self._order.remove(screen_id)
        return True

    def has(self, screen_id: ScreenId) -> bool:
        """Registered (built or not)."""
        return screen_id in self._screens or screen_id in self._factories

    def is_built(self, screen_id: ScreenId) -> bool:
        return screen_id in self._screens

    def pin(self, screen_id: ScreenId) -> None:
        """Keep the window on ``screen_id`` (first-run setup, recovery): Home, Back, the idle
        reset and every other way elsewhere lead back to it until :meth:`unpin`."""
        self.pinned = screen_id
        self.go_to(screen_id, remember=False)

    def unpin(self) -> None:
        self.pinned = None

    def ids(self) -> list[ScreenId]:
        """Every registered screen, in the order registered."""
        return [sid for sid in self._order if self.has(sid)]

    def built(self) -> list[QWidget]:
        """The screens built so far (idle reset and language change touch only these)."""
        return [self._screens[sid] for sid in self._order if sid in self._screens]

    def go_to(self, screen_id: ScreenId, *, remember: bool = True, **context: Any) -> None:
        if self.pinned is not None and screen_id != self.pinned:
            log.info("%s is pinned; not going to %s", self.pinned, screen_id)
            screen_id, context = self.pinned, {}
            if self.current_id == screen_id:
                return
        if not self._built_if_registered(screen_id):
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


class Screens(MutableMapping[ScreenId, Any]):
    """The kiosk's screens by id, as a mapping over the navigator: reading one builds it on
    first use; setting one registers a built widget or, given a callable, a factory."""

    def __init__(self, nav: Navigator) -> None:
        self._nav = nav

    def __getitem__(self, screen_id: ScreenId) -> Any:
        if not self._nav.has(screen_id):
            raise KeyError(screen_id)
        return self._nav.screen(screen_id)

    def __setitem__(self, screen_id: ScreenId, value: Any) -> None:
        if isinstance(value, QWidget):
            self._nav.add(screen_id, value)
        else:
            self._nav.add_later(screen_id, value)

    def __delitem__(self, screen_id: ScreenId) -> None:
        raise TypeError("screens are never removed")

    def __iter__(self) -> Iterator[ScreenId]:
        return iter(self._nav.ids())

    def __len__(self) -> int:
        return len(self._nav.ids())

    def __contains__(self, screen_id: object) -> bool:
        return isinstance(screen_id, ScreenId) and self._nav.has(screen_id)

    def built(self) -> list[Any]:
        """The screens built so far, without building the others."""
        return self._nav.built()

    def if_built(self, screen_id: ScreenId) -> Any | None:
        return self._nav.screen(screen_id) if self._nav.is_built(screen_id) else None
