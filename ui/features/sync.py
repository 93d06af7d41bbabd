"""The sync feature: background sync with the hub, and the staff tab "Đồng bộ".

``install(ctx)`` adds the staff tab and a :class:`SyncScheduler`. When the kiosk is paired,
the scheduler runs :func:`kiosk.sync.outbox.sync_now` on its own one-thread ``sync`` lane one
minute after start-up, then every 5 minutes, or after a failure when the back-off says
(:func:`kiosk.sync.outbox.next_delay_s`: 30 s doubling to 30 min, with jitter). A citizen
never waits on it: the network and the batch building run off the GUI thread, and only the
short status reads go through the ``db`` lane.

A content pack installed by a sync is loaded off the GUI thread too, then offered to
``ui.content.ContentSwap`` (the one way new content arrives), which swaps it into the
running catalogue the next time the kiosk shows Home (between visitors), so nobody's
tutorial changes under their finger. GUI thread only (building and slots).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from kiosk.errors import KioskError
from ui.ops import Op

if TYPE_CHECKING:
    # Types only: the content model and the store load after the first paint (issue #18).
    from kiosk.actors import Actor
    from kiosk.config import Config
    from kiosk.content.model import Catalogue
    from kiosk.store import Store
    from ui.app import BuildContext

log = logging.getLogger(__name__)

FIRST_RUN_MS = 60_000  # after start-up: the first paint and the morning's first ticket first
FIRST_LOOK_MS = 3_000  # the first status read (it loads httpx) waits until after the first paint


class SyncFailed(KioskError):
    """Anything unexpected in a background sync: logged, shown in the panel, never a crash."""


class SyncScheduler(QObject):
    """Runs syncs in the background: on a timer while paired, and on "Đồng bộ ngay"."""

    status_changed = Signal(object)   # kiosk.sync.outbox.SyncStatus
    running_changed = Signal(bool)
    finished = Signal(object)         # SyncReport, or the KioskError that stopped it
    catalogue_ready = Signal(object)  # a new Catalogue to show from the next Home

    def __init__(self, store: Store, config: Config, data_dir: Path, tasks: Any,
                 content_roots: Callable[[], list[Path]], parent: QObject | None = None,
                 device_status: Callable[[], dict[str, bool | None]] | None = None) -> None:
        super().__init__(parent)
        self.store, self.config, self.data_dir, self.tasks = store, config, data_dir, tasks
        self.content_roots = content_roots
        self.device_status = device_status or dict
        self.status: Any = None
        self.running = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setObjectName("syncTimer")
        self.timer.timeout.connect(self._tick)

    # -- status --------------------------------------------------------------------------------
    def refresh(self, *, first: bool = False) -> None:
        from kiosk.sync import outbox

        def got(st: Any) -> None:
            self.status = st
            self.status_changed.emit(st)
            self._schedule(first)

        Op(lambda: outbox.status(self.store)).on("db").success(got).run(self.tasks)

    def _schedule(self, first: bool = False) -> None:
        from kiosk.sync.outbox import next_delay_s

        if self.status is None or not self.status.paired or self.running:
            self.timer.stop()
            return
        if first:
            self.timer.start(FIRST_RUN_MS)
        else:
            self.timer.start(int(next_delay_s(self.status.failures) * 1000))

    def stop(self) -> None:
        self.timer.stop()

    def start(self) -> None:
        """At start-up: look at the pairing a little later, then sync on schedule."""
        self.timer.start(FIRST_LOOK_MS)

    def _tick(self) -> None:
        if self.status is None:
            self.refresh(first=True)
        else:
            self.run_now()

    # -- a run ---------------------------------------------------------------------------------
    def run_now(self) -> bool:
        """Start a sync unless one is in flight (then False: nothing new started)."""
        if self.running:
            return False
        self.running = True
        self.timer.stop()
        self.running_changed.emit(True)
        store, config, data_dir = self.store, self.config, self.data_dir
        roots = self.content_roots()
        devices = self.device_status()  # Qt objects: asked here, on the GUI thread

        def work() -> tuple[Any, Catalogue | None]:
            from kiosk.content.packs import load_content
            from kiosk.sync import outbox

            try:
                report = outbox.sync_now(store, config, data_dir, device_status=devices)
            except KioskError:
                raise
            except Exception as exc:  # a bug must not reach the citizen's screen
                log.exception("background sync failed unexpectedly")
                raise SyncFailed("Đồng bộ gặp lỗi không mong đợi (đã ghi vào nhật ký). Dữ liệu "
                                 "vẫn an toàn trên máy; kiosk sẽ tự thử lại.",
                                 en="Sync failed unexpectedly (logged); it will retry.") \
                    from exc
            catalogue = load_content(data_dir, roots) if report.pack_version else None
            return report, catalogue

        def done(value: tuple[Any, Catalogue | None]) -> None:
            report, catalogue = value
            self._ended(report)
            if catalogue is not None:
                self.catalogue_ready.emit(catalogue)

        Op(work).on("sync").success(done).problem(self._ended).run(self.tasks)
        return True

    def _ended(self, outcome: object) -> None:
        self.running = False
        self.running_changed.emit(False)
        self.finished.emit(outcome)
        self.refresh()

    # -- pairing -------------------------------------------------------------------------------
    def pair(self, actor: Actor, url: str, code: str, on_ok: Callable[[Any], None],
             on_problem: Callable[[KioskError], None]) -> None:
        from kiosk.sync import outbox

        store, config, data_dir = self.store, self.config, self.data_dir

        def ok(result: Any) -> None:
            on_ok(result)
            self.refresh()
            self.run_now()  # send what is waiting straight away

        Op(lambda: outbox.pair(actor, store, config, data_dir, url, code)).on("sync") \
            .success(ok).problem(on_problem).run(self.tasks)

    def clean_text(self, actor: Actor, on_ok: Callable[[list[str]], None],
                   on_problem: Callable[[KioskError], None]) -> None:
        """Clean stored text the hub would refuse (kiosk.text_cleanup), then sync again."""
        from kiosk.sync import outbox

        def ok(cleaned: list[str]) -> None:
            on_ok(cleaned)
            self.refresh()
            self.run_now()

        Op(lambda: outbox.clean_text(actor, self.store)).on("db").success(ok) \
            .problem(on_problem).run(self.tasks)

    def unpair(self, actor: Actor, on_ok: Callable[[Any], None],
               on_problem: Callable[[KioskError], None]) -> None:
        from kiosk.sync import outbox

        def ok(result: Any) -> None:
            on_ok(result)
            self.refresh()

        Op(lambda: outbox.unpair(actor, self.store)).on("db").success(ok) \
            .problem(on_problem).run(self.tasks)


def install(ctx: BuildContext) -> None:
    from ui.app import content_roots

    def device_status() -> dict[str, bool | None]:
        """Printer and voice as this kiosk sees them now, for the hub's health page."""
        out: dict[str, bool | None] = {}
        try:
            out["voice_ok"] = bool(ctx.speaker.available)
        except Exception:  # a status line is never worth a failed sync
            log.debug("voice status unknown", exc_info=True)
        try:
            names = ctx.printer.printer_names()
            wanted = str(ctx.config.printer or "")
            out["printer_ok"] = bool(names) and (not wanted or wanted in names)
        except Exception:
            log.debug("printer status unknown", exc_info=True)
        return out

    schedulers: list[SyncScheduler] = []

    def start() -> None:
        # With the kiosk's start-up work (after the first paint): the scheduler reads the
        # database, which the home screen does not need.
        scheduler = SyncScheduler(ctx.store, ctx.config, ctx.data_dir, ctx.tasks,
                                  lambda: content_roots(ctx.config), parent=ctx.window,
                                  device_status=device_status)
        schedulers.append(scheduler)
        # Swapped in the one way new content arrives (ui.content): between visitors.
        scheduler.catalogue_ready.connect(ctx.content.offer)
        scheduler.start()

    ctx.after_start(start)

    def tab() -> Any:  # built when the staff screen first opens (after the start-up work)
        from ui.screens.staff_sync import StaffSyncTab

        panel = StaffSyncTab(ctx.state, schedulers[0])
        schedulers[0].refresh()
        return panel

    ctx.staff.add_tab(tab, QCoreApplication.translate("StaffSyncTab", "Đồng bộ"))
