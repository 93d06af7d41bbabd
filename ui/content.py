"""The one catalogue every screen holds, and how new content reaches it without freezing
the window.

Reading 1,500 tutorials takes seconds; read on the GUI thread right after the first paint it
froze the window for 5–8 s on a quiet machine, 40 s under load (docs/benchmarks.md). So the
running kiosk starts with an empty catalogue marked ``loading``
(:meth:`kiosk.content.model.Catalogue.pending`): Home works at once and the catalogue says
"Đang tải bài học…". :meth:`ContentSwap.start` reads the content on a task lane and
:meth:`ContentSwap.offer` swaps it in. A content pack fetched by a sync goes through the
same :meth:`ContentSwap.offer` (``ui.features.sync``): one way for new content to arrive.

The swap happens at once while the kiosk still shows "loading" (nobody can be inside a
tutorial then), otherwise the next time Home shows between visitors, so nobody's tutorial
changes under their finger. A read that fails leaves the content in place (a pack refused
midway never reaches this; a half-written tutorial is skipped by the loader and reported).

GUI thread only.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ui.navigator import ScreenId
from ui.ops import Op

if TYPE_CHECKING:
    from kiosk.content.model import Catalogue
    from ui.app import Once

log = logging.getLogger(__name__)


def _without_full_collections(read: Callable[[], Catalogue]) -> Catalogue:
    """``read()`` with the cycle collector off, its result then moved out of the
    collector's sight (``gc.freeze``).

    The content lives as long as the kiosk and holds no reference cycles, yet every
    collection walks all of it while holding the interpreter: with 1,525 tutorials the full
    collections during the read took 190-380 ms each at load 10, and so did the first one
    after it, stopping the window for as long (docs/benchmarks.md, session 4); later full
    collections would walk it again for the kiosk's whole run. Reference counting still
    frees everything else the read makes.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        catalogue = read()
        gc.freeze()
        return catalogue
    finally:
        if was_on:
            gc.enable()


class ContentSwap(QObject):
    """Swaps new content into the kiosk's one :class:`Catalogue` at a safe moment."""

    # The catalogue now holds new content: the screen on show refreshes itself.
    changed = Signal()

    def __init__(self, catalogues: Once[Catalogue], read: Callable[[], Catalogue] | None,
                 nav: Any, state: Any, tasks: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalogues = catalogues
        self._read = read
        self._waiting: Catalogue | None = None
        self.nav, self.state, self.tasks = nav, state, tasks
        nav.screen_changed.connect(self._at_screen)

    @property
    def loading(self) -> bool:
        """The content is still being read (the catalogue shows "Đang tải bài học…")."""
        return self._read is not None or bool(getattr(self._catalogues.get(), "loading",
                                                      False))

    def start(self) -> None:
        """Read the content on a lane (once; after the first paint in the running kiosk)."""
        read, self._read = self._read, None
        if read is None:
            return
        self._catalogues.get()  # the empty "loading" catalogue the screens already hold
        Op(lambda: _without_full_collections(read)).success(self.offer) \
            .failure(self._failed).run(self.tasks)

    def offer(self, catalogue: Catalogue) -> None:
        """New content read off the GUI thread: in use now if nothing is shown yet, else
        from the next Home between visitors (a newer offer replaces one still waiting)."""
        if self._catalogues.get().loading:
            self._adopt(catalogue)
        else:
            self._waiting = catalogue
            self._at_screen()

    def _at_screen(self, _sid: object = None) -> None:
        # Between visitors only: a tutorial in progress keeps the steps it started with.
        if self._waiting is not None and self.nav.current_id == ScreenId.HOME \
                and not self.state.is_helper:
            catalogue, self._waiting = self._waiting, None
            self._adopt(catalogue)

    def _adopt(self, catalogue: Catalogue) -> None:
        held = self._catalogues.get()
        held.adopt(catalogue)
        log.info("content in use: %d tutorials", len(held.tutorials))
        if held.problems:
            log.warning("%d content problems; staff screen lists them", len(held.problems))
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        """The read failed (a disk error, a bug): keep what is there; never a crash."""
        log.error("content could not be read: %s: %s", type(exc).__name__, exc)
        held = self._catalogues.get()
        if held.loading:  # nothing to keep: show "no tutorials" instead of loading forever
            from dataclasses import replace
            from pathlib import Path

            from kiosk.content.model import Problem

            self._adopt(replace(held, loading=False, problems=(Problem(
                Path("."), "", "Không đọc được nội dung bài học; hãy khởi động lại kiosk "
                               "hoặc báo cán bộ kỹ thuật."),)))
