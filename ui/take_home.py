"""Printing the take-home slip "Hôm nay đã làm" for a saved record, off the GUI thread.

What the slip says is :func:`kiosk.summary.slip_for_record` (nothing personal); this only
runs it: on the db lane it checks today's print quota (a slip is paper the citizen takes home,
counted like a how-to sheet: :data:`kiosk.printing_quota.COUNTED`) and reads the services; on
the print lane it renders the slip at the ticket printer's width
(:func:`kiosk.tickets.render_summary`) and prints it through
:func:`ui.printing.print_and_count`, which records it as kind ``summary``. The answer comes back
on the GUI thread as one sentence for the volunteer, in the kiosk's language.

Thread: GUI thread only; the work functions never touch widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from kiosk import printing_quota
from ui.ops import Op
from ui.printing import print_and_count

log = logging.getLogger(__name__)

Done = Callable[[str, bool], None]  # (message for the volunteer, printed?)


class SlipPrinter:
    """Prints the slip of one saved record; ``done(message, ok)`` says how it went."""

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.folder = Path(ctx.data_dir) / "cache" / "slips"

    def print_record(self, record: Any, done: Done) -> None:
        ctx = self.ctx
        cfg, store, lang = ctx.config, ctx.store, ctx.state.language

        def check() -> Any:
            from kiosk.summary import slip_for_record

            if not printing_quota.can_print(store, int(cfg.daily_print_quota), 1):
                return None
            return slip_for_record(record, ctx.queue.services(include_disabled=True),
                                   ctx.catalogue.by_id, help_point=cfg.help_point_name,
                                   hotline=cfg.hotline, lang=lang)

        def checked(slip: Any) -> None:
            if slip is None:
                done(QCoreApplication.translate(
                    "TakeHomeSlip", "Hôm nay đã in hết số tờ cho phép, nên chưa in được phiếu. "
                                    "Nhờ cán bộ xã/phường cho in thêm."), False)
                return
            self._print(slip, done)

        Op(check).on("db").success(checked).problem(
            lambda exc: done(exc.message(lang), False)).run(ctx.tasks)

    def _print(self, slip: Any, done: Done) -> None:
        ctx = self.ctx
        width = int(ctx.config.ticket_width_mm)
        pdf = self.folder / "hom-nay-da-lam.pdf"  # no name, no id: nothing personal on disk

        def render(path: Path) -> None:
            from kiosk.tickets import render_summary  # reportlab: not at start-up

            render_summary(slip, path, width)

        def printed(_pages: int) -> None:
            done(QCoreApplication.translate(
                "TakeHomeSlip", "Đã in phiếu “Hôm nay đã làm”. Hãy đưa phiếu cho người dân."),
                True)

        def failed(exc: BaseException) -> None:
            log.warning("summary slip not printed: %s: %s", type(exc).__name__, exc)
            done(QCoreApplication.translate(
                "TakeHomeSlip", "Máy in đang gặp sự cố, chưa in được phiếu. Hãy kiểm tra máy in "
                                "rồi in lại từ “Bản ghi hôm nay”."), False)

        print_and_count(ctx.tasks, ctx.store, ctx.printer, pdf, kind=printing_quota.SUMMARY,
                        tutorial_id=None, pages=1, on_printed=printed, on_failed=failed,
                        render=render, temporary=True)
