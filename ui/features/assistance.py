"""The assistance log feature: the quick-log screen and the staff tab for personal data.

``install(ctx)`` adds ScreenId.QUICK_LOG (reached from the Home tile "Ghi nhận hỗ trợ" and
from the volunteer console) and the staff tab "Hồ sơ & dữ liệu cá nhân", then, once at
start-up on the "db" lane, fills the place table from the lists if it is still empty (so the
commune and village boxes have something to offer) and erases contact details kept longer
than ``contact_retention_days``.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication

from kiosk.assistance import AssistanceService, purge_expired_contacts
from kiosk.config import Config
from kiosk.places import PlaceService, seed_places
from kiosk.queue import QueueService
from kiosk.store import Store
from ui.navigator import ScreenId
from ui.ops import Op
from ui.screens.consent import ConsentScreen
from ui.screens.quick_log import QuickLogScreen

log = logging.getLogger(__name__)


def start_up(store: Store, config: Config) -> int:
    """Runs on the db lane at start-up. Returns how many contacts were erased."""
    seed_places(store)
    return purge_expired_contacts(store, int(config.contact_retention_days))


def install(ctx: Any) -> None:
    cfg = ctx.config
    store = ctx.store
    assistance = AssistanceService(store, cfg.commune, cfg.village)
    places = PlaceService(store)
    queues: list[QueueService] = []

    def queue() -> QueueService:
        # Built on the db lane the first time: it seeds the default services if none exist.
        if not queues:
            queues.append(QueueService(store, desk_count=int(cfg.desk_count)))
        return queues[0]

    def notify(text: str) -> None:
        box = ctx.window.show_message(text)
        # Soak fix (benchmarks/soak.py): a closed message box is only hidden, never deleted,
        # so every saved record left one behind (about 0.7 MB with its window) for as long as
        # the kiosk ran. Delete it once it closes ("Đã hiểu" or its 15 s timeout).
        box.finished.connect(box.deleteLater)

    screen = QuickLogScreen(ctx.state, ctx.nav, ctx.speaker, ctx.tasks, assistance, queue,
                            places, cfg, notify=notify)
    ctx.screens[ScreenId.QUICK_LOG] = screen
    ctx.screens[ScreenId.CONSENT] = ConsentScreen(ctx.state, ctx.nav, ctx.speaker)

    def tab() -> Any:  # built when the staff screen first opens
        from kiosk.bundles import BundleService
        from ui.screens.staff_records import StaffRecordsTab

        return StaffRecordsTab(
            ctx.state, ctx.nav, ctx.tasks, assistance, BundleService(store), store, cfg,
            service_names=lambda: {
                s.code: s.name_vi for s in queue().services(include_disabled=True)})

    label = QCoreApplication.translate("StaffRecordsTab", "Hồ sơ & dữ liệu cá nhân")
    ctx.staff.add_tab(tab, label.replace("&", "&&"))  # a single & would mark a shortcut

    def started(erased: int) -> None:
        if erased:
            log.info("start-up: contact details of %d record(s) erased", erased)

    def failed(exc: BaseException) -> None:
        # Never stop the kiosk opening; staff can run the purge from the tab or the CLI.
        log.warning("start-up purge of expired contacts failed: %s", type(exc).__name__)

    Op(lambda: start_up(store, cfg)).on("db").success(started).failure(failed).run(ctx.tasks)
