"""The places feature: the staff tab "Thôn/tổ dân phố" (the local list of villages).

``install(ctx)`` adds the tab. The place table is filled from the lists at start-up by the
composition root (``kiosk.startup.prepare_data``), whichever features are installed; the tab
reads it each time it is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from ui.app import BuildContext
    from ui.screens.staff_places import StaffPlacesTab


def install(ctx: BuildContext) -> None:
    def tab() -> StaffPlacesTab:  # built when the staff screen first opens
        from kiosk.places import PlaceService
        from ui.screens.staff_places import StaffPlacesTab

        return StaffPlacesTab(ctx.state, ctx.tasks, PlaceService(ctx.store), ctx.config)

    ctx.staff.add_tab(tab, QCoreApplication.translate("StaffPlacesTab", "Thôn/tổ dân phố"))
