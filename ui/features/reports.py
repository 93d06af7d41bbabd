"""Feature: staff reports.

Adds three staff tabs that share one chosen period: "Báo cáo" (key figures and bar charts),
"Hỗ trợ kinh phí" (the capped support allowance and its policy rules) and "Xuất dữ liệu"
(CSV / XLSX / PDF files to a USB drive or Documents). The work itself is ``kiosk.reports``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from kiosk.content.model import Catalogue
    from ui.app import BuildContext


class TutorialTitles(Mapping[str, str]):
    """Tutorial id → Vietnamese title, read from the kiosk's one catalogue when asked: the
    tabs may be made while the content is still read (an empty catalogue then), and a pack
    swapped in later renames tutorials. The tabs copy it (GUI thread) before handing it to
    a lane."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue

    def __getitem__(self, tutorial_id: str) -> str:
        t = self._catalogue.by_id(tutorial_id)
        if t is None:
            raise KeyError(tutorial_id)
        return str(t.title.get("vi"))

    def __iter__(self) -> Iterator[str]:
        return iter([t.id for t in self._catalogue.tutorials])

    def __len__(self) -> int:
        return len(self._catalogue.tutorials)


def install(ctx: BuildContext) -> None:
    tabs: dict[str, Any] = {}

    def build() -> dict[str, Any]:
        """The three tabs and their shared period, made when the staff screen first opens
        (not at start-up: the home screen does not need them)."""
        if tabs:
            return tabs
        from ui.screens.reports import AllowanceTab, ExportTab, ReportPeriod, ReportsTab

        period = ReportPeriod(ctx.store.clock)
        titles = TutorialTitles(ctx.catalogue)
        tabs["reports"] = ReportsTab(ctx.state, ctx.tasks, ctx.store, period, titles)
        tabs["allowance"] = AllowanceTab(ctx.state, ctx.tasks, ctx.store, period)
        tabs["export"] = ExportTab(ctx.state, ctx.tasks, ctx.store, period, ctx.config, titles)
        period.setParent(tabs["reports"])  # lives as long as the tabs
        # Signed out or idle: the next staff member starts from "this month" again.
        ctx.state.actor_changed.connect(
            lambda _actor: None if ctx.state.is_staff else period.reset())
        return tabs

    ctx.staff.add_tab(lambda: build()["reports"],
                      QCoreApplication.translate("StaffReports", "Báo cáo"))
    ctx.staff.add_tab(lambda: build()["allowance"],
                      QCoreApplication.translate("StaffReports", "Hỗ trợ kinh phí"))
    ctx.staff.add_tab(lambda: build()["export"],
                      QCoreApplication.translate("StaffReports", "Xuất dữ liệu"))
