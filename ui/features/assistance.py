"""The assistance log feature: the quick-log screen and the staff tab for personal data.

``install(ctx)`` adds ScreenId.QUICK_LOG (reached from the Home tile "Ghi nhận hỗ trợ" and
from the volunteer console) and the staff tab "Hồ sơ & dữ liệu cá nhân". It uses the one
queue service of the composition root (``ctx.queue``); the places are seeded and expired
contacts erased at start-up by the root (:mod:`kiosk.startup`), not here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from kiosk.assistance import AssistanceService
from kiosk.places import PlaceService
from kiosk.queue import QueueService
from ui.navigator import ScreenId
from ui.screens.consent import ConsentScreen
from ui.screens.quick_log import QuickLogScreen

if TYPE_CHECKING:
    from ui.app import BuildContext


def install(ctx: BuildContext) -> None:
    cfg = ctx.config
    store = ctx.store
    assistance = AssistanceService(store, cfg.commune, cfg.village)
    places = PlaceService(store)
    shared = ctx.queue or QueueService(store, desk_count=int(cfg.desk_count),
                                        priority_every=int(cfg.priority_every))

    def queue() -> QueueService:
        return shared

    def notify(text: str) -> None:
        box = ctx.window.show_message(text)
        # A closed message box is only hidden, never deleted: delete it once it closes
        # ("Đã hiểu" or its 15 s timeout), or every saved record leaves one behind.
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
                s.code: s.name_vi for s in shared.services(include_disabled=True)})

    label = QCoreApplication.translate("StaffRecordsTab", "Hồ sơ & dữ liệu cá nhân")
    ctx.staff.add_tab(tab, label.replace("&", "&&"))  # a single & would mark a shortcut
