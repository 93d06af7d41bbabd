"""The assistance log feature: the quick-log screen and the staff tab for personal data.

``install(ctx)`` adds ScreenId.QUICK_LOG (reached from the Home tile "Ghi nhận hỗ trợ" and
from the volunteer console; it prints the take-home slip "Hôm nay đã làm" through
:class:`ui.take_home.SlipPrinter`) and the staff tab "Hồ sơ & dữ liệu cá nhân". It uses the one
queue service of the composition root (``ctx.queue``); the places are seeded and expired
contacts erased at start-up by the root (:mod:`kiosk.startup`), not here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from ui.navigator import ScreenId

if TYPE_CHECKING:
    from kiosk.assistance import AssistanceService
    from ui.app import BuildContext


def install(ctx: BuildContext) -> None:
    cfg = ctx.config
    made: list[AssistanceService] = []

    def assistance() -> AssistanceService:  # with the first screen or tab that needs it
        if not made:
            from kiosk.assistance import AssistanceService

            made.append(AssistanceService(ctx.store, cfg.commune, cfg.village))
        return made[0]

    def notify(text: str) -> None:
        box = ctx.window.show_message(text)
        # A closed message box is only hidden, never deleted: delete it once it closes
        # ("Đã hiểu" or its 15 s timeout), or every saved record leaves one behind.
        box.finished.connect(box.deleteLater)

    def quick_log() -> Any:  # built the first time a helper opens it
        from kiosk.places import PlaceService
        from ui.screens.quick_log import QuickLogScreen
        from ui.take_home import SlipPrinter

        return QuickLogScreen(ctx.state, ctx.nav, ctx.speaker, ctx.tasks, assistance(),
                              lambda: ctx.queue, PlaceService(ctx.store), cfg, notify=notify,
                              slips=SlipPrinter(ctx))

    def consent() -> Any:
        from ui.screens.consent import ConsentScreen

        return ConsentScreen(ctx.state, ctx.nav, ctx.speaker)

    ctx.screens[ScreenId.QUICK_LOG] = quick_log
    ctx.screens[ScreenId.CONSENT] = consent

    def tab() -> Any:  # built when the staff screen first opens
        from kiosk.bundles import BundleService
        from ui.screens.staff_records import StaffRecordsTab

        return StaffRecordsTab(
            ctx.state, ctx.nav, ctx.tasks, assistance(), BundleService(ctx.store), ctx.store,
            cfg, service_names=lambda: {
                s.code: s.name_vi for s in ctx.queue.services(include_disabled=True)})

    label = QCoreApplication.translate("StaffRecordsTab", "Hồ sơ & dữ liệu cá nhân")
    ctx.staff.add_tab(tab, label.replace("&", "&&"))  # a single & would mark a shortcut
