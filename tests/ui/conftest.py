"""A whole kiosk per test, with fakes at the edges: speaker, synchronous tasks, fake clock.

``make_kiosk(**overrides)`` is :func:`ui.demo_kiosk.make_kiosk` (the one recipe, shared with
the screenshots, voice samples and benchmarks) on this test's store and data dir, with the
small sample tutorials: every argument of :func:`ui.app.build` can be overridden
(``printer=``, ``features=``, ``config=``...), plus ``size``, ``staff=True`` (signed in as
the demo staff member, on the staff screen), ``show=False``, and ``store=``/``data_dir=``
for a second help point. Every kiosk it made is shut down after the test. ``kiosk`` is
``make_kiosk()`` with every feature.

An autouse guard (napari's ``_dangling_qthreads``/``_dangling_qtimers`` idea) fails a test
that leaves a kiosk's task lane busy, a top-level window alive, or an active ``QTimer`` in a
window that is still there: each would leak into the next test and make it flaky or slow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.content.loader import load_catalogue
from kiosk.store import Store
from tests.conftest import SAMPLE_CONTENT
from ui import demo_kiosk
from ui.app import Kiosk

MakeKiosk = Callable[..., Kiosk]


def _live_windows() -> list[QWidget]:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return []
    return [w for w in app.topLevelWidgets() if shiboken6.isValid(w)]


def _describe(w: QWidget) -> str:
    return f"{type(w).__name__}#{w.objectName() or '?'}"


@pytest.fixture(autouse=True)
def _no_leaks(qapp: QApplication) -> Iterator[list[Kiosk]]:
    """Fail the test if it leaves work, windows or timers behind (see the module docstring)."""
    before = _live_windows()
    made: list[Kiosk] = []
    yield made
    busy = [k for k in made if k.tasks.busy]
    new = [w for w in _live_windows() if not any(w is b for b in before)]
    timers = [f"{_describe(w)}: {t.objectName() or 'QTimer'}" for w in new
              for t in w.findChildren(QTimer) if t.isActive()]
    windows = [_describe(w) for w in new]
    problems = ([f"{len(busy)} kiosk(s) with a busy task lane"] if busy else []) + \
        ([f"windows left open: {', '.join(windows)}"] if windows else []) + \
        ([f"active timers: {', '.join(timers)}"] if timers else [])
    for w in new:  # clean up anyway, so one leak does not fail every later test
        if shiboken6.isValid(w):
            w.close()
            w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not problems, "; ".join(problems)


@pytest.fixture
def make_kiosk(qtbot, store: Store, data_dir: Path,
               _no_leaks: list[Kiosk]) -> Iterator[MakeKiosk]:
    made = _no_leaks

    def make(*, store: Store = store, data_dir: Path = data_dir, **overrides: Any) -> Kiosk:
        overrides.setdefault("catalogue", load_catalogue([SAMPLE_CONTENT]))
        k = demo_kiosk.make_kiosk(store, data_dir, **overrides)
        made.append(k)
        if k.window.isVisible():
            qtbot.waitExposed(k.window)
        return k

    yield make
    for k in made:
        k.window.allow_close = True
        k.shutdown()
        k.tasks.wait_all()


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk) -> Kiosk:
    return make_kiosk()
