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

from pathlib import Path
from typing import Any

from kiosk.auth import AuthService
from kiosk.config import defaults
from kiosk.content.loader import load_catalogue
from kiosk.store import Store
from ui.app import DEMO_STAFF_PIN, Kiosk, build, content_roots, demo_config, ensure_demo_members


def make_kiosk(store: Store, data_dir: Path, *, size: tuple[int, int] = (1920, 1080),
               staff: bool = False, show: bool = True, **overrides: Any) -> Kiosk:
    from ui.navigator import ScreenId
    from ui.printing import FakePrinter
    from ui.speech import FakeSpeaker
    from ui.tasks import SyncTaskRunner

    auth = AuthService(store)
    ensure_demo_members(auth)
    config = overrides.pop("config", None) or demo_config(defaults())
    kwargs: dict[str, Any] = {
        "store": store, "config": config, "data_dir": data_dir, "speaker": FakeSpeaker(),
        "tasks": SyncTaskRunner(), "kiosk_mode": True, "screen_size": size,
        "printer": FakePrinter()}
    kwargs.update(overrides)
    if "catalogue" not in kwargs:
        kwargs["catalogue"] = load_catalogue(content_roots(config))
    k = build(**kwargs)
    if show:
        k.window.resize(*size)
        k.window.show()
    if staff:
        k.state.sign_in(auth.sign_in(DEMO_STAFF_PIN))
        k.nav.go_to(ScreenId.STAFF)
    return k
