"""Feature: the mobile team's home-visit list ("Đến nhà hỗ trợ", issue #23 item 5).

``install(ctx)`` adds ScreenId.HOME_VISITS (built on first use), reached from the volunteer
console's "Đến nhà hỗ trợ" button and from the staff tab of the same name. The assistance
service it logs "Đã xong" through is the one the quick log uses (one set of rules).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from ui.navigator import ScreenId

if TYPE_CHECKING:
    from ui.app import BuildContext


def install(ctx: BuildContext) -> None:
    cfg = ctx.config

    def notify(text: str) -> None:
        box = ctx.window.show_message(text)
        box.finished.connect(box.deleteLater)  # a closed box is only hidden otherwise

    def screen() -> Any:  # built the first time a helper opens the list
        from kiosk.assistance import AssistanceService
        from kiosk.home_visits import HomeVisitService
        from kiosk.places import PlaceService
        from ui.screens.home_visits import HomeVisitsScreen

        records = AssistanceService(ctx.store, cfg.commune, cfg.village)
        return HomeVisitsScreen(ctx.state, ctx.nav, ctx.speaker, ctx.tasks,
                                HomeVisitService(ctx.store, records, cfg.commune),
                                lambda: ctx.queue, PlaceService(ctx.store), cfg, notify=notify)

    ctx.screens[ScreenId.HOME_VISITS] = screen

    def tab() -> Any:  # built when the staff screen first opens
        from ui.screens.home_visits_tab import HomeVisitsTab

        return HomeVisitsTab(ctx.nav)

    label = QCoreApplication.translate("HomeVisitsTab", "Đến nhà hỗ trợ")
    ctx.staff.add_tab(tab, label)
