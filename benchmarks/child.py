"""Benchmark child processes: a fresh interpreter per measurement of start-up and memory.

    python -m benchmarks.child minimal
    python -m benchmarks.child kiosk-run DATA_DIR       (help-kiosk --data-dir DATA_DIR)
    python -m benchmarks.child kiosk-start DATA_DIR     (ui.app.build, FakeSpeaker)
    python -m benchmarks.child kiosk-memory DATA_DIR CYCLES
    python -m benchmarks.child content-rss
    python -m benchmarks.child content-load DATA_DIR
    python -m benchmarks.child libraries
    python -m benchmarks.child speech-stall TMP TEXTS

Each prints one JSON line and leaves at once with ``os._exit`` (tear-down is not part of any
figure). Time is measured from ``BENCH_SPAWNED_AT`` (the parent's clock just before it started
this process) to the end of the first paint of the watched widget, so it includes the
interpreter start, every import, building the screens and painting them.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _since_spawn_ms() -> float:
    return (time.time() - float(os.environ["BENCH_SPAWNED_AT"])) * 1000


def peak_rss_mb() -> float:
    """This process's peak resident set size (VmHWM), counted from its own exec.

    Not ``ru_maxrss``: Linux carries the parent's high-water mark across fork and exec into
    the child's, so a child of a large parent would look as large as the parent.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024 / 1e6
    return float("nan")


def _finish(result: dict[str, Any]) -> None:
    result["peak_rss_mb"] = peak_rss_mb()
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)


def _after_first_paint(widget: Any, then: Callable[[], None]) -> Any:
    """Call ``then`` once ``widget`` has been painted for the first time."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watch(QObject):
        seen = False

        def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt's name
            if not self.seen and event.type() == QEvent.Type.Paint:
                self.seen = True
                # Queued: runs once this paint (and the rest of the window's) is done.
                QTimer.singleShot(0, then)
            return False

    watch = Watch()
    widget.installEventFilter(watch)
    return watch


def minimal() -> None:
    """The floor: the smallest PySide6 window, shown full screen and painted once, with the
    kiosk's own fonts (the issue's "same fonts"): the two Noto Sans files registered and used,
    as the kiosk does before its first paint."""
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

    app = QApplication(sys.argv[:1])
    fonts = Path(__file__).resolve().parent.parent / "resources" / "fonts"
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(fonts / name))
    app.setFont(QFont("Noto Sans"))
    window = QWidget()
    QVBoxLayout(window).addWidget(QLabel("Điểm hỗ trợ số"))
    keep = _after_first_paint(window, lambda: _finish({"first_paint_ms": _since_spawn_ms()}))
    window.showFullScreen()
    app.exec()
    del keep


def kiosk_run(data_dir: Path) -> None:
    """The cold start: the kiosk as ``help-kiosk --data-dir DATA`` starts it, the whole way
    (its command line, the disk check, the lock file, the log, ``config.toml``, the real
    speaker, kiosk mode), in the same order, to the home screen's first paint. Not under
    the watchdog: that is a second process, started once per boot, not per kiosk start."""
    os.environ["KIOSK_SUPERVISED"] = "1"
    from kiosk import cli
    from ui import launcher

    args = cli.parse(["--data-dir", str(data_dir)])

    def start_gui(args: Any) -> int:
        from ui import app  # imported here, as launcher.start_gui imports it

        first = app.after_first_paint

        def timed(kiosk: Any, then: Callable[[], Any]) -> None:
            first(kiosk, lambda: _finish({"first_paint_ms": _since_spawn_ms()}))

        app.after_first_paint = timed  # type: ignore[assignment]
        return launcher.start_gui(args)

    cli.run(args, start_gui=start_gui, printer_names=launcher.printer_names)


def kiosk_start(data_dir: Path, cycles: int = 0) -> None:
    """The kiosk built as ``help-kiosk`` builds it; optionally visit every screen ``cycles``
    times after the first paint (the memory benchmark)."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from benchmarks.assemble import build_kiosk, screen_visits, show_full_screen, sign_in_staff
    from ui.navigator import ScreenId

    app = QApplication(sys.argv[:1])
    kiosk = build_kiosk(data_dir, start_later=True)

    def painted() -> None:
        first = _since_spawn_ms()
        if not cycles:
            _finish({"first_paint_ms": first})
        kiosk.finish_start()  # what ui.app.run does after the first paint
        kiosk.tasks.wait_all()  # the content is read on a lane; swapped in when delivered
        app.processEvents()
        sign_in_staff(kiosk)
        visits = screen_visits(kiosk)
        t0 = time.perf_counter()
        after_first = 0.0
        for cycle in range(cycles):
            for sid, context in visits:
                kiosk.nav.go_to(sid, **context)
                kiosk.window.repaint()
                app.processEvents()
                # This loop never returns to the event loop, where the kiosk's deleteLater()s
                # run; without this every rebuilt card and tile would look like a leak.
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            kiosk.screens[ScreenId.STEP].leave_tutorial()
            kiosk.nav.home()
            if cycle == 0:
                kiosk.tasks.wait_all()
                app.processEvents()
                after_first = _rss_mb()
        kiosk.tasks.wait_all()
        app.processEvents()
        growth = _rss_mb() - after_first
        per_visit = (time.perf_counter() - t0) * 1000 / max(1, cycles * len(visits))
        _finish({"first_paint_ms": first, "screens": [s.name for s, _ in visits],
                 "visits": cycles * len(visits), "ms_per_visit": per_visit,
                 "growth_mb": growth})

    keep = _after_first_paint(kiosk.nav.screen(ScreenId.HOME), painted)
    show_full_screen(kiosk)
    app.exec()
    del keep


def content_load(data_dir: Path) -> None:
    """The kiosk started as ``help-kiosk`` starts it, then: how long the window stops
    answering while the content is read (the longest gap between ticks of a 5 ms timer, from
    the call of ``finish_start`` until the content is in use), how long the read takes, the
    catalogue's first open and its biggest category's open (each with a repaint), and how
    many cards that category made. Works with kiosks that read the content on the GUI thread
    (before session 4): then the gap is the whole read."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from benchmarks.assemble import build_kiosk, show_full_screen
    from ui.navigator import ScreenId

    app = QApplication(sys.argv[:1])
    kiosk = build_kiosk(data_dir, start_later=True)
    result: dict[str, Any] = {}
    last = [0.0]
    gaps: list[float] = []
    ticker = QTimer()
    ticker.setInterval(5)

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    ticker.timeout.connect(tick)

    def loaded() -> bool:
        swap = getattr(kiosk, "content", None)
        return not swap.loading if swap is not None else bool(kiosk.catalogue.tutorials)

    def measure_screens() -> None:
        ticker.stop()
        result["stall_ms"] = max(gaps) if gaps else float("nan")
        # The first gap is finish_start itself (the start-up jobs, before session 5 the
        # database opened too; and the content read, where that is still on the GUI thread);
        # the rest, the read after. Since session 5 finish_start runs once the database has
        # opened on its lane: its gap is the one that ends when it returns.
        result.setdefault("finish_start_ms", gaps[0] if gaps else float("nan"))
        result["stall_after_ms"] = max(gaps[1:], default=0.0)
        result["load_ms"] = (time.perf_counter() - start[0]) * 1000
        result["tutorials"] = len(kiosk.catalogue.tutorials)
        t0 = time.perf_counter()
        kiosk.nav.go_to(ScreenId.CATALOGUE)
        kiosk.window.repaint()
        result["first_open_ms"] = (time.perf_counter() - t0) * 1000
        sizes = {c.id: len(kiosk.catalogue.in_category(c.id))
                 for c in kiosk.catalogue.categories}
        biggest = max(sizes, key=lambda c: sizes[c])
        t0 = time.perf_counter()
        kiosk.nav.go_to(ScreenId.CATALOGUE, category=biggest)
        kiosk.window.repaint()
        result["big_category_ms"] = (time.perf_counter() - t0) * 1000
        result["big_category_tutorials"] = sizes[biggest]
        grid = kiosk.screens[ScreenId.CATALOGUE].grid
        result["cards_made"] = len(grid.items)
        _finish(result)

    def wait() -> None:
        if loaded():
            measure_screens()
        else:
            QTimer.singleShot(20, wait)

    start = [0.0]

    def failed(exc: BaseException) -> None:
        raise exc

    def started() -> None:
        tick()  # a read on the GUI thread shows here as one long gap
        result["finish_start_ms"] = gaps[-1]  # the gap that ends here: finish_start
        wait()

    def painted() -> None:
        last[0] = start[0] = time.perf_counter()
        ticker.start()
        if hasattr(kiosk, "open_then_start"):  # the database opened on a lane (session 5)
            kiosk.open_then_start(started, failed)  # what ui.app.run does after the paint
        else:
            kiosk.finish_start()
            started()

    keep = _after_first_paint(kiosk.nav.screen(ScreenId.HOME), painted)
    show_full_screen(kiosk)
    app.exec()
    del keep


def _rss_mb() -> float:
    """Current resident set size (Linux /proc)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def content_rss() -> None:
    """How much resident memory the real content adds to a bare interpreter."""
    from kiosk.content.loader import load_catalogue
    from kiosk.paths import resource_path

    before = _rss_mb()
    catalogue = load_catalogue([resource_path("tutorials")])
    after = _rss_mb()
    _finish({"content_mb": after - before, "tutorials": len(catalogue.tutorials)})


def libraries() -> None:
    """The libraries the design card and the features require, each doing its smallest real
    job in one process with the minimal window: what any kiosk built on this stack must hold.

    Not a floor the issue sets (its floor is the minimal window plus the content); a second
    reference that tells how much of the kiosk's peak is its own code and data, and how much
    the stack it is built on (SQLAlchemy's ORM on SQLite, reportlab with svglib pictures and a
    QR code, QtPdf rendering a page, QtSvg icons, argon2, PyNaCl, msgspec, num2words, PIL).
    """
    import io

    from PySide6.QtCore import QSize
    from PySide6.QtGui import QFont, QFontDatabase, QImage, QPainter
    from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

    from ui import no_source_scan

    no_source_scan()  # as the kiosk does: PySide6 would keep every later module's source
    app = QApplication(sys.argv[:1])
    root = Path(__file__).resolve().parent.parent
    fonts = root / "resources" / "fonts"
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(fonts / name))
    app.setFont(QFont("Noto Sans"))
    window = QWidget()
    QVBoxLayout(window).addWidget(QLabel("Điểm hỗ trợ số"))

    def work() -> None:
        import tempfile

        import argon2
        import msgspec
        import nacl.signing
        import qrcode
        from num2words import num2words
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtSvg import QSvgRenderer
        from reportlab.graphics import renderPDF
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.platypus import Paragraph, SimpleDocTemplate
        from sqlalchemy import Column, Integer, String, create_engine, select
        from sqlalchemy.orm import DeclarativeBase, Session
        from svglib.svglib import svg2rlg

        class Base(DeclarativeBase):
            pass

        class Row(Base):
            __tablename__ = "row"
            id = Column(Integer, primary_key=True)
            name = Column(String(50))

        with tempfile.TemporaryDirectory() as tmp:
            engine = create_engine(f"sqlite:///{tmp}/x.sqlite3")
            Base.metadata.create_all(engine)
            with Session(engine) as s:
                s.add(Row(name="Điểm hỗ trợ số"))
                s.commit()
                s.scalars(select(Row)).all()
            engine.dispose()
        # The kiosk's PIN parameters (kiosk/auth.py); argon2's default would take 64 MiB.
        argon2.PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1).hash("1234")
        nacl.signing.SigningKey.generate().sign(b"x")
        msgspec.json.decode(msgspec.json.encode({"a": 1}))
        num2words(1234, lang="vi")
        icon = root / "resources" / "images" / "icons" / "home.svg"
        image = QImage(QSize(96, 96), QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        QSvgRenderer(str(icon)).render(painter)
        painter.end()
        pdfmetrics.registerFont(TTFont("NotoSans", str(fonts / "NotoSans-Regular.ttf")))
        out = io.BytesIO()
        drawing = svg2rlg(str(icon))
        qr = qrcode.make("https://dichvucong.gov.vn")
        doc = SimpleDocTemplate(out, pagesize=A4)
        doc.build([Paragraph("Điểm hỗ trợ số", ParagraphStyle("v", fontName="NotoSans"))],
                  onFirstPage=lambda c, _d: renderPDF.draw(drawing, c, 50, 50))
        qr.get_image()
        pdf = QPdfDocument()
        buffer_path = Path(tempfile.mkdtemp()) / "x.pdf"
        buffer_path.write_bytes(out.getvalue())
        pdf.load(str(buffer_path))
        pdf.render(0, QSize(1240, 1754))
        _finish({"first_paint_ms": _since_spawn_ms()})

    keep = _after_first_paint(window, work)
    window.showFullScreen()
    app.exec()
    del keep


def main(argv: list[str]) -> None:
    from benchmarks.bare import guard_none_refcount

    guard_none_refcount()
    mode = argv[0]
    if mode == "minimal":
        minimal()
    elif mode == "kiosk-start":
        kiosk_start(Path(argv[1]))
    elif mode == "kiosk-run":
        kiosk_run(Path(argv[1]))
    elif mode == "content-rss":
        content_rss()
    elif mode == "content-load":
        content_load(Path(argv[1]))
    elif mode == "libraries":
        libraries()
    elif mode == "speech-stall":
        from dataclasses import asdict

        from benchmarks.gui import speech_stall

        rows = speech_stall(Path(argv[1]), int(argv[2]))
        _finish({"rows": [asdict(r) for r in rows]})
    elif mode == "kiosk-memory":
        kiosk_start(Path(argv[1]), cycles=int(argv[2]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
