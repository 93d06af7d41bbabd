"""Queue timings: a tap on a service until the ticket PDF is ready, and "call next" until the
now-serving display shows the number. Both with the real kiosk, offscreen, the real task runner.

- Tap → ticket PDF: the service tile is clicked and the clock stops when the feature reports
  the ticket printed (issue in the database + reportlab ticket + the fake printer's copy).
  Floor: an empty reportlab page, measured in the same run by the pdf section.
- Call next → display: the volunteer console's call is made and the clock stops when the
  now-serving window's desk card shows the called number (database write, board read on the
  db lane, repaint).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from .common import Row, median


def _wait(app: Any, done: Any, timeout_s: float = 10.0) -> None:
    end = time.perf_counter() + timeout_s
    while not done() and time.perf_counter() < end:
        app.processEvents()


def queue_timings(data_dir: Path, repeats: int) -> list[Row]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLabel

    from kiosk.auth import AuthService
    from ui.app import DEMO_VOLUNTEER_PIN
    from ui.navigator import ScreenId
    from ui.printing import FakePrinter
    from ui.widgets.big_button import BigButton

    from .assemble import build_kiosk, show_full_screen

    app = QApplication.instance() or QApplication(["benchmarks"])
    kiosk = build_kiosk(data_dir)
    feature = kiosk.screens[ScreenId.VOLUNTEER].feature
    feature.printer = FakePrinter()  # time the kiosk's work, not a printer driver
    show_full_screen(kiosk)
    printed: list[str] = []
    feature.events.ticket_printed.connect(printed.append)
    feature.events.ticket_print_failed.connect(lambda uuid, _m: printed.append(uuid))
    taps: list[float] = []
    calls: list[float] = []
    try:
        for _ in range(repeats):
            kiosk.nav.go_to(ScreenId.TAKE_TICKET)
            app.processEvents()
            screen = kiosk.screens[ScreenId.TAKE_TICKET]

            def tiles(screen: Any = screen) -> list[Any]:
                return [b for b in screen.findChildren(BigButton)
                        if b.isVisible() and b.objectName().startswith("service_")]

            _wait(app, lambda: bool(tiles()))  # the services are read on the db lane
            tile = tiles()[0]
            before = len(printed)
            t0 = time.perf_counter()
            QTest.mouseClick(tile, Qt.MouseButton.LeftButton)
            _wait(app, lambda b=before: len(printed) > b)
            taps.append((time.perf_counter() - t0) * 1000)
        actor = AuthService(kiosk.store).sign_in(DEMO_VOLUNTEER_PIN)
        display = feature.open_display()
        for _ in range(repeats):
            got: list[Any] = []
            t0 = time.perf_counter()
            feature.call_next(actor, 1, got.append, got.append)
            _wait(app, lambda got=got: bool(got))
            info = got[0]
            label = getattr(info, "label", "")

            def shown(label: str = label) -> bool:
                return any(label and label in w.text() for w in display.findChildren(QLabel))

            _wait(app, shown)
            calls.append((time.perf_counter() - t0) * 1000)
            feature.finish(actor, info, lambda _i: None, lambda _m: None)
            _wait(app, lambda: not kiosk.tasks.busy)
    finally:
        kiosk.shutdown()
        kiosk.store.close()
    return [Row(f"Tap on a service → ticket PDF ready (median of {len(taps)})", median(taps),
                "ms", goal="(issue 5 benchmark)", note="issue + ticket PDF + fake printer"),
            Row(f"Call next → now-serving display updated (median of {len(calls)})",
                median(calls), "ms", goal="(issue 5 benchmark)",
                note="database call + board read + repaint")]
