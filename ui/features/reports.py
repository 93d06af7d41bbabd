"""Feature: staff reports.

Adds three staff tabs that share one chosen period: "Báo cáo" (key figures and bar charts),
"Hỗ trợ kinh phí" (the capped support allowance and its policy rules) and "Xuất dữ liệu"
(CSV / XLSX / PDF files to a USB drive or Documents). The work itself is ``kiosk.reports``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ui.screens.reports import AllowanceTab, ExportTab, ReportPeriod, ReportsTab

if TYPE_CHECKING:
    from ui.app import BuildContext


def install(ctx: BuildContext) -> None:
    period = ReportPeriod(ctx.store.clock)
    titles = {t.id: t.title.get("vi") for t in ctx.catalogue.tutorials}
    reports = ReportsTab(ctx.state, ctx.tasks, ctx.store, period, titles)
    allowance = AllowanceTab(ctx.state, ctx.tasks, ctx.store, period)
    export = ExportTab(ctx.state, ctx.tasks, ctx.store, period, ctx.config, titles)
    period.setParent(reports)  # lives as long as the tabs
    # Signed out or idle: the next staff member starts from "this month" again.
    ctx.state.actor_changed.connect(
        lambda _actor: None if ctx.state.is_staff else period.reset())
    ctx.staff.add_tab(reports, QCoreApplication.translate("StaffReports", "Báo cáo"))
    ctx.staff.add_tab(allowance, QCoreApplication.translate("StaffReports", "Hỗ trợ kinh phí"))
    ctx.staff.add_tab(export, QCoreApplication.translate("StaffReports", "Xuất dữ liệu"))
