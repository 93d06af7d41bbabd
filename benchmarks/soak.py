"""Soak: drive the whole kiosk through thousands of visits and watch its memory.

    .venv/bin/python benchmarks/soak.py --cycles 5000              the full soak (reliability)
    .venv/bin/python benchmarks/soak.py --cycles 60 --warmup 20    a short one (CI does this)
    ... --report        also print the figures as Markdown (docs/reliability.md)
    ... --diagnose      on the way, compare Python allocations (tracemalloc, slow), objects
                        by type and Qt widgets by class between warm-up and the end

One kiosk, built once in this process exactly as ``help-kiosk`` builds it (``ui.app.build``
with every feature in ``ui.app.FEATURE_MODULES``, the shipped tutorials, kiosk mode, shown
full screen on an offscreen 1920×1080 screen), with fakes only at the edges: a silent
speaker, a printer that checks and throws away each ticket PDF, a synchronous task runner (so
the database writes happen in order) and a fake clock (one minute a visit; a new local day
every ``--day-every`` cycles, so ticket numbers restart as they do at a help point).

One cycle is what a citizen and a volunteer do, through real mouse clicks on the widgets a
person sees (found by objectName, each checked visible and enabled first):

    Home → Học từng bước → a category → a tutorial (each of the shipped ones in turn)
    → Bước tiếp through every step → Xong → the finish screen → Về màn hình chính
    → Lấy số thứ tự → a service (each in turn) → the ticket screen (its number checked)
    → Xong, về màn hình chính → a volunteer signs in (directly; through the PIN pad, opened
    with Ctrl+Alt+K, every ``--pin-every`` cycles) → Bàn tình nguyện viên → Bàn 1
    → Gọi số tiếp theo (the call announced is checked) → Xong → a satisfaction face or
    Bỏ qua (alternately) → the quick log, prefilled from the ticket → an age band and a
    gender → Lưu → Đã hiểu → Màn hình chính → Đăng xuất.

Between two clicks the script lets Qt do what its event loop would: ``processEvents()`` and
the deferred deletions (``deleteLater``), which an event loop runs and a bare
``processEvents`` outside one does not. No sleeps.

Measured: resident memory (VmRSS) after ``--warmup`` cycles, every ``--sample-every`` cycles
and at the end; its growth after warm-up; the highest seen; wall time and time per cycle for
each stretch; the tickets, records, finished tutorials and ticket prints in the database;
Python objects (gc) and Qt widgets before and after as a hint where memory goes.

Exit code 0 only if every cycle completed, the memory grew by at most ``--max-growth-mb``
(20 MB) after warm-up, every count equals the number of cycles, and the kiosk's error funnel
and log stayed quiet (no ERROR). The last stdout line is ``SOAK_RESULT {json}``.
MB here is 10^6 bytes, as in docs/benchmarks.md. Linux only (reads /proc/self/status).
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if sys.path[0] == str(Path(__file__).resolve().parent):
    sys.path[0] = str(ROOT)  # run as a script: import the project, not benchmarks/* by name
elif str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MB = 1e6
GROWTH_LIMIT_MB = 20.0
START_UTC = datetime(2026, 3, 9, 1, 0, 0)  # 08:00 local time (UTC+7), a Monday
AGES = ("<18", "18-39", "40-59", "60-74", "75+")
GENDERS = ("nam", "nu", "khac")
FACES = (5, 4, 3, 1)


class SoakError(AssertionError):
    """What a person would have seen go wrong (wrong screen, a missing button, a count)."""


def rss_mb() -> float:
    return _status_kb("VmRSS") * 1024 / MB


def peak_rss_mb() -> float:
    return _status_kb("VmHWM") * 1024 / MB


def _status_kb(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{key} not in /proc/self/status (Linux only)")


def _use_offscreen(tmp: Path) -> None:
    """Qt's offscreen platform with one 1920×1080 screen (its default screen is 800×800)."""
    current = os.environ.get("QT_QPA_PLATFORM", "")
    if current and current != "offscreen":
        return  # an explicit choice (e.g. xcb to watch it) is kept
    from benchmarks.common import offscreen_env

    os.environ.update(offscreen_env(tmp))


@dataclass
class Sample:
    cycle: int
    rss_mb: float
    seconds: float  # since the first cycle started
    ms_per_cycle: float  # over the stretch since the previous sample


@dataclass
class Result:
    cycles_asked: int
    cycles_done: int = 0
    warmup: int = 0
    ok: bool = False
    failure: str = ""
    wall_s: float = 0.0
    build_s: float = 0.0
    rss_start_mb: float = 0.0  # the kiosk built and shown, before the first cycle
    rss_warmup_mb: float = 0.0
    rss_final_mb: float = 0.0
    growth_mb: float = 0.0
    growth_limit_mb: float = GROWTH_LIMIT_MB
    max_rss_mb: float = 0.0  # highest VmRSS sampled
    peak_rss_mb: float = 0.0  # VmHWM: the kernel's high-water mark
    samples: list[Sample] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    count_problems: list[str] = field(default_factory=list)
    days: int = 1
    day_every: int = 0
    pin_every: int = 0
    pin_sign_ins: int = 0
    gc_objects_warmup: int = 0
    gc_objects_final: int = 0
    gc_growth_by_type: dict[str, int] = field(default_factory=dict)
    widgets_warmup: int = 0
    widgets_final: int = 0
    widget_growth_by_class: dict[str, int] = field(default_factory=dict)
    none_refcount_change: int = 0
    funnel_errors: list[str] = field(default_factory=list)
    log_warnings: dict[str, int] = field(default_factory=dict)
    log_errors: int = 0
    tracemalloc_top: list[str] = field(default_factory=list)
    machine: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


class LogTally(logging.Handler):
    """Counts what the kiosk logs at WARNING and above (messages grouped by their text)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warnings: Counter[str] = Counter()
        self.errors = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.errors += 1
        self.warnings[f"{record.levelname} {record.name}: {record.getMessage()}"] += 1


def _type_counts() -> Counter[str]:
    gc.collect()
    return Counter(type(o).__name__ for o in gc.get_objects())


def _widget_counts() -> Counter[str]:
    from PySide6.QtWidgets import QApplication

    return Counter(type(w).__name__ for w in QApplication.allWidgets())


def _growth(before: Counter[str], after: Counter[str], top: int = 12) -> dict[str, int]:
    diff = Counter({k: after[k] - before.get(k, 0) for k in after})
    diff.update({k: -v for k, v in before.items() if k not in after})
    grown = [(k, v) for k, v in diff.most_common() if v > 0][:top]
    return dict(grown)


# -- the kiosk -------------------------------------------------------------------------------
def build_soak_kiosk(data_dir: Path) -> tuple[Any, Any, Any, Any]:
    """The real kiosk with fakes at the edges; (kiosk, clock, printer, volunteer actor)."""
    from PySide6.QtWidgets import QApplication

    from kiosk.auth import AuthService
    from kiosk.clock import FakeClock
    from kiosk.config import defaults, save_config
    from kiosk.content.loader import load_catalogue
    from kiosk.store import Store
    from ui.app import (
        DEMO_VOLUNTEER_PIN,
        content_roots,
        demo_config,
        ensure_demo_members,
        setup_logging,
        show,
    )
    from ui.demo_kiosk import make_kiosk
    from ui.printing import FakePrinter

    class SoakPrinter(FakePrinter):
        """Checks each ticket is a PDF and counts it; keeps no copy (a fake must not grow)."""

        def __init__(self) -> None:
            super().__init__()
            self.pages = 0

        def print_pdf(self, pdf: Path, copies: int = 1) -> int:
            with open(pdf, "rb") as f:
                if f.read(5) != b"%PDF-":
                    raise SoakError(f"the ticket sent to the printer is not a PDF: {pdf.name}")
            self.pages += copies
            return 1

    QApplication.instance() or QApplication([sys.argv[0]])
    config = demo_config(defaults())
    save_config(data_dir, config)
    setup_logging(data_dir)  # the kiosk's own rotating log, as at a help point
    clock = FakeClock(START_UTC)
    store = Store.open(data_dir, clock=clock)
    auth = AuthService(store)
    ensure_demo_members(auth)
    volunteer = auth.sign_in(DEMO_VOLUNTEER_PIN)  # once: argon2 is slow on purpose
    catalogue = load_catalogue(content_roots(config))
    if catalogue.problems:
        raise SoakError(f"the shipped content has problems: {catalogue.problems[:3]}")
    printer = SoakPrinter()
    kiosk = make_kiosk(store, data_dir, show=False, config=config, catalogue=catalogue,
                       printer=printer)
    show(kiosk, windowed=False)
    return kiosk, clock, printer, volunteer


class Driver:
    """Clicks through the kiosk like a person, checking each screen it lands on."""

    def __init__(self, kiosk: Any, clock: Any, printer: Any, volunteer: Any,
                 day_every: int, pin_every: int) -> None:
        from PySide6.QtWidgets import QApplication

        from kiosk.clock import local_day
        from ui.navigator import ScreenId

        self.k = kiosk
        self.app = QApplication.instance()
        self.clock = clock
        self.printer = printer
        self.volunteer = volunteer
        self.day_every = day_every
        self.pin_every = pin_every
        self.S = ScreenId
        self.local_day = local_day
        self.tutorials = list(kiosk.catalogue.tutorials)
        self.feature = kiosk.screens[ScreenId.VOLUNTEER].feature
        self.services = [s for s in self.feature.queue.services() if s.enabled]
        self.issued: Counter[tuple[Any, str]] = Counter()  # (local day, prefix) → last number
        self.pin_sign_ins = 0
        self.step = ""  # what the driver was doing, for the failure message

    # -- plumbing ----------------------------------------------------------------------------
    def settle(self) -> None:
        """What one turn of the event loop does: events, timers, then deferred deletions."""
        from PySide6.QtCore import QCoreApplication, QEvent

        self.app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.app.processEvents()

    def button(self, name: str) -> Any:
        from PySide6.QtWidgets import QAbstractButton

        found = [b for b in self.k.window.findChildren(QAbstractButton, name)
                 if b.isVisible()]
        if len(found) != 1:
            raise SoakError(f"{self.step}: expected one visible button {name!r}, "
                            f"found {len(found)} (screen {self.k.nav.current_id})")
        if not found[0].isEnabled():
            raise SoakError(f"{self.step}: button {name!r} is disabled")
        return found[0]

    def click(self, name: str, expect: Any = None) -> Any:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        self.step = f"click {name}"
        b = self.button(name)
        QTest.mouseClick(b, Qt.MouseButton.LeftButton)
        self.settle()
        if expect is not None:
            self.expect(expect)
        return b

    def expect(self, screen: Any) -> None:
        if self.k.nav.current_id is not screen:
            raise SoakError(f"{self.step}: on {self.k.nav.current_id}, expected {screen}")

    def check(self, ok: bool, what: str) -> None:
        if not ok:
            raise SoakError(f"{self.step}: {what}")

    # -- one visit -----------------------------------------------------------------------------
    def cycle(self, i: int) -> None:
        S, k = self.S, self.k
        self.step = f"cycle {i}: start"
        self.expect(S.HOME)
        self.learn(self.tutorials[i % len(self.tutorials)])
        label = self.take_ticket(self.services[i % len(self.services)])
        self.clock.advance(seconds=20)
        self.sign_in(pin=self.pin_every > 0 and i % self.pin_every == 0)
        self.serve(label, i)
        self.clock.advance(seconds=30)
        self.quick_log(label, i)
        self.click("homeButton", S.HOME)
        self.click("signOutButton", S.HOME)
        self.check(not k.state.is_helper, "still signed in after Đăng xuất")
        self.check(not k.window.findChildren(type(k.window.home_btn), "homeTile_console"),
                   "the volunteer tiles stay after signing out")
        k.speaker.history.clear()  # the fake remembers what it said; a real one does not
        self.clock.advance(seconds=10)
        if self.day_every and (i + 1) % self.day_every == 0:
            self.next_day()

    def same_view(self) -> None:
        """Home → the first tutorial's category → Home: the catalogue keeps the cards of the
        category shown last, and categories have different numbers of cards (a practice adds
        one), so the widgets are counted with the same category behind, not a leak's worth
        of difference between two categories."""
        self.step = "same view for counting widgets"
        self.click("homeTile_learn", self.S.CATALOGUE)
        self.click(f"category_{self.tutorials[0].category}", self.S.CATALOGUE)
        self.click("homeButton", self.S.HOME)

    def learn(self, tutorial: Any) -> None:
        S = self.S
        self.click("homeTile_learn", S.CATALOGUE)
        self.click(f"category_{tutorial.category}", S.CATALOGUE)
        # Cards come in pages of whole tiles ("Xem thêm"), as a citizen sees them.
        grid = self.k.screens[S.CATALOGUE].grid
        card = f"tutorial_{tutorial.id}"
        while not any(b.objectName() == card for b in grid.visible_items()):
            self.click(grid.next_btn.objectName(), S.CATALOGUE)
        self.click(card, S.STEP)
        player = self.k.screens[S.STEP]
        total = len(tutorial.steps)
        for n in range(1, total + 1):
            self.check(player.progress_label.text() == f"Bước {n}/{total}",
                       f"step label {player.progress_label.text()!r}, expected {n}/{total}")
            self.click("stepNext", S.STEP if n < total else S.FINISH)
        self.click("finishHome", S.HOME)

    def take_ticket(self, service: Any) -> str:
        S = self.S
        self.click("homeTile_ticket", S.TAKE_TICKET)
        self.click(f"service_{service.code}", S.TICKET)
        key = (self.local_day(self.clock.now()), service.prefix)
        self.issued[key] += 1
        expected = f"{service.prefix}{self.issued[key]:03d}"
        shown = self.k.screens[S.TICKET].number.text()
        self.check(shown == expected, f"ticket shows {shown!r}, expected {expected!r}")
        self.click("ticketDone", S.HOME)
        return expected

    def sign_in(self, pin: bool) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        from ui.app import DEMO_VOLUNTEER_PIN

        S, k = self.S, self.k
        if pin:
            self.step = "Ctrl+Alt+K opens the PIN pad"
            # A window shortcut needs the active window. On a desktop the window system gives
            # activation back to the kiosk when a message box closes; the offscreen platform
            # has no window manager and leaves no window active, so do what one would do.
            if QApplication.activeWindow() is not k.window:
                k.window.activateWindow()
                self.settle()
            QTest.keyClick(k.window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier
                           | Qt.KeyboardModifier.AltModifier)
            self.settle()
            self.expect(S.PIN)
            for d in DEMO_VOLUNTEER_PIN:
                self.click(f"pinDigit{d}", S.PIN)
            self.click("pinOk", S.HOME)
            self.pin_sign_ins += 1
        else:
            self.step = "sign in"
            k.state.sign_in(self.volunteer)
            self.settle()
        self.check(k.state.actor.uuid == self.volunteer.uuid, "the volunteer is not signed in")

    def serve(self, label: str, i: int) -> None:
        S, k = self.S, self.k
        console = k.screens[S.VOLUNTEER]
        self.click("homeTile_console", S.VOLUNTEER)
        self.click("volunteerDesk1", S.VOLUNTEER)
        self.check(self.feature.desk == 1, "desk 1 not chosen")
        self.click("volunteerCallNext", S.VOLUNTEER)
        self.check(console.serving.text() == label,
                   f"console serves {console.serving.text()!r}, expected {label!r}")
        announced = k.speaker.texts("announce")
        self.check(bool(announced) and announced[-1].startswith("Mời số "),
                   f"no call announced for {label}")
        self.click("volunteerFinish", S.VOLUNTEER)
        self.check(console.pages.currentWidget() is console.faces, "no satisfaction faces")
        if i % 2:
            self.click(f"satisfactionFace{FACES[(i // 2) % len(FACES)]}", S.QUICK_LOG)
        else:
            self.click("satisfactionSkip", S.QUICK_LOG)

    def quick_log(self, label: str, i: int) -> None:
        import re

        S, k = self.S, self.k
        screen = k.screens[S.QUICK_LOG]
        self.check(label in screen.subtitle.text(),
                   f"quick log not prefilled from {label}: {screen.subtitle.text()!r}")
        age = AGES[i % len(AGES)]
        gender = GENDERS[(i // len(AGES)) % len(GENDERS)]
        self.click("qlAge_" + re.sub(r"[^A-Za-z0-9]", "_", age), S.QUICK_LOG)
        self.click(f"qlGender_{gender}", S.QUICK_LOG)
        self.check(screen.age.value() == age and screen.gender.value() == gender,
                   "the age band or gender did not stay chosen")
        self.click("qlSave", S.VOLUNTEER)  # back to the console the volunteer came from
        self.dismiss_message("Đã lưu lượt hỗ trợ")

    def dismiss_message(self, starts: str) -> None:
        """The calm message over the window: check it, then tap "Đã hiểu".

        The button is looked up inside its message box, not from the window: PySide6 6.11
        keeps a dead wrapper alive for every C++-made child that ``window.findChildren``
        returned and Qt deleted later, which would add a leak of the driver's own.
        """
        import shiboken6
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QAbstractButton, QMessageBox

        self.step = f"dismiss the message {starts!r}"
        boxes = [b for b in self.k.window.findChildren(QMessageBox, "calmMessage")
                 if b.isVisible()]
        self.check(len(boxes) == 1, f"{len(boxes)} messages shown, expected one")
        self.check(boxes[0].text().startswith(starts), f"the message says {boxes[0].text()!r}")
        ok = boxes[0].findChild(QAbstractButton, "calmMessageOk")
        self.check(ok is not None and ok.isVisible(), "no “Đã hiểu” button")
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
        self.settle()
        box = boxes.pop()
        self.check(not shiboken6.isValid(box) or not box.isVisible(),
                   "the message stays after “Đã hiểu”")

    def next_day(self) -> None:
        """Tomorrow, 08:00 local time."""
        from kiosk.clock import local_day, local_midnight_utc

        tomorrow = local_day(self.clock.now()) + timedelta(days=1)
        self.clock.set(local_midnight_utc(tomorrow) + timedelta(hours=8))


def db_counts(store: Any) -> dict[str, int]:
    from sqlalchemy import func, select

    from db.models import Assistance, PrintEvent, Ticket, TutorialEvent

    with store.read() as s:
        def count(q: Any) -> int:
            return int(s.scalar(q) or 0)

        return {
            "tickets": count(select(func.count()).select_from(Ticket)),
            "tickets_done": count(select(func.count()).select_from(Ticket)
                                  .where(Ticket.status == "done")),
            "records": count(select(func.count()).select_from(Assistance)
                             .where(Assistance.deleted_at.is_(None))),
            "records_with_ticket": count(select(func.count(func.distinct(
                Assistance.ticket_uuid))).where(Assistance.ticket_uuid.is_not(None))),
            "tutorials_finished": count(select(func.count()).select_from(TutorialEvent)
                                        .where(TutorialEvent.kind == "finished")),
            "ticket_prints": count(select(func.count()).select_from(PrintEvent)
                                   .where(PrintEvent.kind == "ticket", PrintEvent.ok.is_(True))),
        }


def ticket_days(store: Any) -> int:
    """On how many local days tickets were taken."""
    from sqlalchemy import func, select

    from db.models import Ticket

    with store.read() as s:
        return int(s.scalar(select(func.count(func.distinct(Ticket.day)))) or 0)


# -- the run ---------------------------------------------------------------------------------
def run(args: argparse.Namespace) -> Result:
    from benchmarks.common import machine

    result = Result(cycles_asked=args.cycles, warmup=min(args.warmup, args.cycles),
                    growth_limit_mb=args.max_growth_mb, day_every=args.day_every,
                    pin_every=args.pin_every, machine=machine())
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    _use_offscreen(tmp)
    data_dir = tmp / "data"
    data_dir.mkdir()
    tally = LogTally()
    logging.getLogger().addHandler(tally)
    kiosk = None
    try:
        t0 = time.perf_counter()
        kiosk, clock, printer, volunteer = build_soak_kiosk(data_dir)
        funnel_errors: list[str] = result.funnel_errors
        kiosk.funnel.error.connect(funnel_errors.append)
        driver = Driver(kiosk, clock, printer, volunteer, args.day_every, args.pin_every)
        driver.settle()
        result.build_s = time.perf_counter() - t0
        result.rss_start_mb = rss_mb()
        if args.diagnose:
            import tracemalloc

            tracemalloc.start(12)
        snap = None
        types_warm: Counter[str] = Counter()
        widgets_warm: Counter[str] = Counter()
        none_warm = 0
        start = time.perf_counter()
        last_t, last_cycle = start, 0
        for i in range(args.cycles):
            try:
                driver.cycle(i)
            except Exception:
                result.failure = f"cycle {i}: {traceback.format_exc(limit=8)}"
                break
            if funnel_errors:
                result.failure = f"cycle {i}: the error funnel caught: {funnel_errors[0]}"
                break
            done = i + 1
            result.cycles_done = done
            if done == result.warmup or done % args.sample_every == 0 or done == args.cycles:
                gc.collect()
                now = time.perf_counter()
                sample = Sample(done, round(rss_mb(), 1), round(now - start, 1),
                                round((now - last_t) * 1000 / max(1, done - last_cycle), 1))
                last_t, last_cycle = now, done
                result.samples.append(sample)
                result.max_rss_mb = max(result.max_rss_mb, sample.rss_mb)
                if done == result.warmup:
                    result.rss_warmup_mb = sample.rss_mb
                    driver.same_view()
                    types_warm = _type_counts()
                    widgets_warm = _widget_counts()
                    none_warm = sys.getrefcount(None)
                    if args.diagnose:
                        import tracemalloc

                        snap = tracemalloc.take_snapshot()
                if not args.quiet:
                    print(f"cycle {done:>6}  rss {sample.rss_mb:7.1f} MB  "
                          f"{sample.ms_per_cycle:6.0f} ms/cycle  {sample.seconds:7.0f} s",
                          flush=True)
        result.wall_s = round(time.perf_counter() - start, 1)
        result.pin_sign_ins = driver.pin_sign_ins
        gc.collect()
        result.rss_final_mb = round(rss_mb(), 1)
        result.max_rss_mb = max(result.max_rss_mb, result.rss_final_mb)
        result.peak_rss_mb = round(peak_rss_mb(), 1)
        if result.cycles_done >= result.warmup and result.warmup:
            result.growth_mb = round(result.rss_final_mb - result.rss_warmup_mb, 1)
            driver.same_view()
            types_end = _type_counts()
            widgets_end = _widget_counts()
            result.gc_objects_warmup = sum(types_warm.values())
            result.gc_objects_final = sum(types_end.values())
            result.gc_growth_by_type = _growth(types_warm, types_end)
            result.widgets_warmup = sum(widgets_warm.values())
            result.widgets_final = sum(widgets_end.values())
            result.widget_growth_by_class = _growth(widgets_warm, widgets_end)
            result.none_refcount_change = sys.getrefcount(None) - none_warm
            if snap is not None:
                import tracemalloc

                stats = tracemalloc.take_snapshot().compare_to(snap, "traceback")
                result.tracemalloc_top = [
                    f"{s.size_diff / 1e3:+.0f} kB {s.count_diff:+d} blocks\n"
                    + "\n".join(s.traceback.format(limit=6)) for s in stats[:8]]
        result.counts = db_counts(kiosk.store)
        result.days = ticket_days(kiosk.store)
        result.counts["printed_by_fake_printer"] = printer.pages
        n = result.cycles_done
        for name, value in result.counts.items():
            if value != n:
                result.count_problems.append(f"{name} = {value}, expected {n}")
    except Exception:
        result.failure = result.failure or traceback.format_exc(limit=8)
    finally:
        logging.getLogger().removeHandler(tally)
        result.log_warnings = dict(tally.warnings.most_common(10))
        result.log_errors = tally.errors
        if kiosk is not None:
            try:
                kiosk.shutdown()
                kiosk.store.close()
            except Exception:
                result.failure = result.failure or "shutdown: " + traceback.format_exc(limit=6)
        logging.shutdown()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"data kept in {tmp}")
    result.ok = (not result.failure and result.cycles_done == args.cycles
                 and result.growth_mb <= args.max_growth_mb and not result.count_problems
                 and not result.funnel_errors and not result.log_errors)
    return result


def summary(r: Result) -> str:
    lines = [
        f"cycles done        {r.cycles_done} of {r.cycles_asked} "
        f"({r.days} local day(s), {r.pin_sign_ins} sign-ins through the PIN pad)",
        f"wall time          {r.wall_s:.0f} s ({r.wall_s * 1000 / max(1, r.cycles_done):.0f} "
        f"ms a cycle; kiosk built in {r.build_s:.1f} s)",
        f"RSS                start {r.rss_start_mb:.1f} MB, after warm-up ({r.warmup} cycles) "
        f"{r.rss_warmup_mb:.1f} MB, final {r.rss_final_mb:.1f} MB, highest {r.max_rss_mb:.1f} "
        f"MB (VmHWM {r.peak_rss_mb:.1f} MB)",
        f"growth after warm-up {r.growth_mb:+.1f} MB (limit {r.growth_limit_mb:.0f} MB)",
        "counts             " + ", ".join(f"{k} {v}" for k, v in r.counts.items()),
        f"python objects     {r.gc_objects_warmup} → {r.gc_objects_final} "
        f"({r.gc_objects_final - r.gc_objects_warmup:+d}); grown most: "
        + (", ".join(f"{k} {v:+d}" for k, v in list(r.gc_growth_by_type.items())[:6]) or "—"),
        f"qt widgets         {r.widgets_warmup} → {r.widgets_final} "
        f"({r.widgets_final - r.widgets_warmup:+d}); grown most: "
        + (", ".join(f"{k} {v:+d}" for k, v in list(r.widget_growth_by_class.items())[:6])
           or "—"),
        f"refs to None       {r.none_refcount_change:+d} after warm-up",
        f"log                {r.log_errors} error(s); warnings: "
        + (", ".join(f"{v}× {k}" for k, v in r.log_warnings.items()) or "none"),
    ]
    for p in r.count_problems:
        lines.append(f"COUNT WRONG        {p}")
    for e in r.funnel_errors[:3]:
        lines.append(f"ERROR FUNNEL       {e}")
    if r.failure:
        lines.append("FAILED             " + r.failure.strip())
    lines.append("RESULT             " + ("ok" if r.ok else "FAILED"))
    return "\n".join(lines)


def markdown(r: Result) -> str:
    m = r.machine
    rows = [
        ("cycles completed", f"**{r.cycles_done:,}** of {r.cycles_asked:,}, no crash"
         if r.cycles_done == r.cycles_asked and not r.failure else
         f"{r.cycles_done:,} of {r.cycles_asked:,}: FAILED"),
        ("local days simulated", f"{r.days} (a new day every {r.day_every} cycles)"
         if r.day_every else str(r.days)),
        ("sign-ins through the PIN pad", f"{r.pin_sign_ins} (every {r.pin_every}th cycle; "
         "the others sign in directly)" if r.pin_every else "0"),
        ("wall time", f"{r.wall_s / 60:.1f} min ({r.wall_s * 1000 / max(1, r.cycles_done):.0f} "
         "ms a cycle)"),
        ("RSS after warm-up", f"{r.rss_warmup_mb:.1f} MB (after {r.warmup} cycles)"),
        ("RSS at the end", f"{r.rss_final_mb:.1f} MB"),
        ("growth after warm-up", f"**{r.growth_mb:+.1f} MB** (limit {r.growth_limit_mb:.0f} MB)"),
        ("highest RSS sampled", f"{r.max_rss_mb:.1f} MB (kernel high-water mark "
         f"{r.peak_rss_mb:.1f} MB)"),
        ("tickets / done / records written", f"{r.counts.get('tickets', 0):,} / "
         f"{r.counts.get('tickets_done', 0):,} / {r.counts.get('records', 0):,}"),
        ("tutorials finished / tickets printed", f"{r.counts.get('tutorials_finished', 0):,} / "
         f"{r.counts.get('ticket_prints', 0):,}"),
        ("Python objects (gc) after warm-up → end",
         f"{r.gc_objects_warmup:,} → {r.gc_objects_final:,} "
         f"({r.gc_objects_final - r.gc_objects_warmup:+,})"),
        ("Qt widgets after warm-up → end", f"{r.widgets_warmup:,} → {r.widgets_final:,}"),
        ("errors (funnel / log)", f"{len(r.funnel_errors)} / {r.log_errors}"),
    ]
    out = ["| figure | value |", "|---|---|"]
    out += [f"| {a} | {b} |" for a, b in rows]
    out.append("")
    out.append("RSS every sample (cycle: MB, ms a cycle over the stretch before it):")
    out.append("")
    out.append(", ".join(f"{s.cycle:,}: {s.rss_mb:.1f} MB ({s.ms_per_cycle:.0f} ms)"
                         for s in r.samples))
    out.append("")
    out.append(f"Machine: {m.get('cpus')} × {m.get('cpu')}, {m.get('ram')}, {m.get('os')}, "
               f"Python {m.get('python')}, PySide6 {m.get('pyside6')}, load "
               f"{m.get('load')} at the start.")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cycles", type=int, default=5000)
    parser.add_argument("--warmup", type=int, default=300,
                        help="cycles before the memory baseline is taken (default 300)")
    parser.add_argument("--max-growth-mb", type=float, default=GROWTH_LIMIT_MB)
    parser.add_argument("--sample-every", type=int, default=500)
    parser.add_argument("--day-every", type=int, default=500,
                        help="cycles per local day (ticket numbers restart); 0: one day")
    parser.add_argument("--pin-every", type=int, default=100,
                        help="every Nth sign-in goes through the PIN pad; 0: never")
    parser.add_argument("--report", action="store_true", help="also print Markdown figures")
    parser.add_argument("--diagnose", action="store_true",
                        help="tracemalloc between warm-up and the end (much slower)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data dir")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    if args.cycles < 1 or args.warmup < 1 or args.sample_every < 1:
        parser.error("--cycles, --warmup and --sample-every must be at least 1")
    result = run(args)
    print(summary(result))
    if args.diagnose and result.tracemalloc_top:
        print("\nLargest Python allocation growth after warm-up (tracemalloc):")
        for entry in result.tracemalloc_top:
            print(entry)
    if args.report:
        print()
        print(markdown(result))
    print("SOAK_RESULT " + result.to_json(), flush=True)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
