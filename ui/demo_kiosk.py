"""A whole kiosk with fakes at the edges: the one recipe for UI tests, screenshots, voice
samples and benchmarks.

``make_kiosk(store, data_dir, **overrides)`` builds the kiosk as a help point would run it,
with the demo settings and demo accounts, a :class:`ui.speech.FakeSpeaker`, synchronous
background work (:class:`ui.tasks.SyncTaskRunner`), a :class:`ui.printing.FakePrinter` and the
shipped tutorials. Every argument of :func:`ui.app.build` can be overridden (``config=``,
``catalogue=``, ``printer=``, ``features=``, ``tasks=``, ``kiosk_mode=``...). ``size`` is the
screen and window size; ``staff=True`` signs the demo staff member in and opens the staff
screen; ``show=False`` leaves the window hidden. A QApplication must exist. GUI thread only.

``tests/ui/conftest.py`` wraps it as the ``make_kiosk`` fixture (and shuts every kiosk down).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.config import defaults
from ui.app import DEMO_STAFF_PIN, Kiosk, build, content_roots, demo_config, ensure_demo_members

if TYPE_CHECKING:
    from kiosk.store import Store


def make_kiosk(store: Store | Callable[[], Store], data_dir: Path, *,
               size: tuple[int, int] = (1920, 1080), staff: bool = False, show: bool = True,
               **overrides: Any) -> Kiosk:
    """``store`` may be a function that opens it on first use (with ``start_later=True``,
    as ``help-kiosk`` starts): then nothing of the database is touched here."""
    from ui.navigator import ScreenId
    from ui.speech import FakeSpeaker
    from ui.tasks import SyncTaskRunner

    auth = None
    if not callable(store):
        from kiosk.auth import AuthService

        auth = AuthService(store)
        ensure_demo_members(auth)
    config = overrides.pop("config", None) or demo_config(defaults())
    kwargs: dict[str, Any] = {
        "store": store, "config": config, "data_dir": data_dir, "speaker": FakeSpeaker(),
        "tasks": SyncTaskRunner(), "kiosk_mode": True, "screen_size": size}
    if "printer" not in overrides:
        from ui.printing import FakePrinter

        kwargs["printer"] = FakePrinter()
    kwargs.update(overrides)
    if "catalogue" not in kwargs:
        from kiosk.content.loader import load_catalogue

        kwargs["catalogue"] = load_catalogue(content_roots(config))
    k = build(**kwargs)
    if show:
        k.window.resize(*size)
        k.window.show()
    if staff:
        assert auth is not None, "staff=True needs the store itself"
        k.state.sign_in(auth.sign_in(DEMO_STAFF_PIN))
        k.nav.go_to(ScreenId.STAFF)
    return k
