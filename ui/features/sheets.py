"""Feature: printable how-to sheets.

Adds the sheet preview screen (``ScreenId.SHEET_PREVIEW``, opened by "In hướng dẫn này" on the
finish screen and by a tutorial card in the catalogue's print mode) and the staff tab
"Tờ hướng dẫn" for exporting sheets and booklets as PDF files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ui.navigator import ScreenId

if TYPE_CHECKING:
    from ui.app import BuildContext
    from ui.screens.sheet_preview import SheetPreviewScreen
    from ui.screens.staff_sheets import StaffSheetsTab


def install(ctx: BuildContext) -> None:
    def preview() -> SheetPreviewScreen:  # built the first time a sheet is previewed
        from ui.screens.sheet_preview import SheetPreviewScreen

        return SheetPreviewScreen(ctx.state, ctx.nav, ctx.speaker, ctx.catalogue, ctx.tasks,
                                  ctx.store, ctx.config, ctx.data_dir, ctx.printer)

    ctx.screens[ScreenId.SHEET_PREVIEW] = preview

    def tab() -> StaffSheetsTab:  # built when the staff screen first opens
        from ui.screens.staff_sheets import StaffSheetsTab

        return StaffSheetsTab(ctx.state, ctx.catalogue, ctx.tasks, ctx.store, ctx.config)

    ctx.staff.add_tab(tab, QCoreApplication.translate("StaffSheetsTab", "Tờ hướng dẫn"))
