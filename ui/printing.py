"""Printing PDFs to a real printer through Qt, off the GUI thread, with a fake for tests.

The kiosk prints without a dialog (a citizen must never meet a print dialog). A PDF made by
kiosk/ (ticket, how-to sheet) is rasterised page by page with QtPdf and painted onto a
QPrinter. Any failure — no printer, printer offline, a driver error — raises PrintError with a
Vietnamese message; callers show it and offer to save the PDF instead.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPageSize, QPainter

from kiosk.errors import KioskError

log = logging.getLogger(__name__)


class PrintError(KioskError):
    """Printing failed: what went wrong at the printer, in Vietnamese and English.

    Only the reason ("Không tìm thấy máy in."), never a lead-in: each screen says what the
    failure means for its reader (a ticket: remember your number; a sheet: save the PDF
    instead; staff: check the printer), in the kiosk's language, and adds this reason.
    """


class Printer(Protocol):
    def printer_names(self) -> list[str]: ...

    def print_pdf(self, pdf: Path, copies: int = 1) -> int:
        """Print ``pdf``; return the number of pages sent. Raises PrintError."""
        ...


class QtPrinter:
    """Prints to the configured printer (or the system default) with QPrinter + QtPdf."""

    def __init__(self, name: str = "") -> None:
        self.name = name

    def printer_names(self) -> list[str]:
        from PySide6.QtPrintSupport import QPrinterInfo

        return [p.printerName() for p in QPrinterInfo.availablePrinters()]

    def _info(self) -> Any:
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

        info = QPrinterInfo.printerInfo(self.name) if self.name else QPrinterInfo.defaultPrinter()
        if info.isNull():
            named = f" “{self.name}”" if self.name else ""
            raise PrintError(f"Không tìm thấy máy in{named}.", en=f"No printer{named} was found.")
        if info.state() == QPrinter.PrinterState.Error:
            raise PrintError("Máy in báo lỗi.", en="The printer reports an error.")
        return info

    def print_pdf(self, pdf: Path, copies: int = 1) -> int:
        info = self._info()
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPrintSupport import QPrinter

        doc = QPdfDocument()
        if doc.load(str(pdf)) != QPdfDocument.Error.None_:
            raise PrintError("Không mở được tệp PDF để in.", en="The PDF could not be opened to "
                             "print.")
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setCopyCount(copies)
        first = doc.pagePointSize(0)
        printer.setPageSize(QPageSize(QSizeF(first.width(), first.height()),
                                      QPageSize.Unit.Point))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError("Máy in không nhận lệnh in.", en="The printer did not accept the "
                             "job.")
        try:
            dpi = printer.resolution()
            for i in range(doc.pageCount()):
                if i:
                    printer.newPage()
                size = doc.pagePointSize(i)
                w, h = round(size.width() * dpi / 72), round(size.height() * dpi / 72)
                image = doc.render(i, QSizeF(w, h).toSize())
                painter.drawImage(0, 0, image)
        finally:
            painter.end()
        return doc.pageCount()


@dataclass
class FakePrinter:
    """A printer for tests: records what was printed, or fails on demand."""

    fail_with: str = ""
    fail_with_en: str = ""
    printed: list[Path] = field(default_factory=list)

    def printer_names(self) -> list[str]:
        return [] if self.fail_with else ["Máy in giả"]

    def print_pdf(self, pdf: Path, copies: int = 1) -> int:
        if self.fail_with:
            raise PrintError(self.fail_with, en=self.fail_with_en)
        kept = pdf.with_name(f"printed-{len(self.printed)}-{pdf.name}")
        shutil.copy(pdf, kept)
        self.printed.append(kept)
        return 1


def removable_drives() -> list[Path]:
    """Mounted removable drives (USB sticks) that can be written, never arbitrary folders;
    the rule is :func:`kiosk.drives.removable_drives`."""
    from kiosk import drives

    return [d.root for d in drives.removable_drives() if drives.writable(d.root)]


def save_targets(documents_dir: Path | None = None) -> list[Path]:
    """Where a PDF can be saved when printing fails: USB drives first, then Documents."""
    candidates = removable_drives()
    if documents_dir is None:
        from PySide6.QtCore import QStandardPaths

        loc = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        documents_dir = Path(loc) if loc else Path.home()
    candidates.append(documents_dir)
    return candidates


def print_and_count(tasks: Any, store: Any, printer: Printer, pdf: Path, *, kind: str,
                    tutorial_id: str | None, pages: int,
                    on_printed: Callable[[int], None],
                    on_failed: Callable[[BaseException], None],
                    render: Callable[[Path], object] | None = None, temporary: bool = False,
                    count: bool = True, pages_from_printer: bool = False) -> None:
    """Render (optionally) and print ``pdf`` on the print lane, then count it on the db lane.

    The one "render → print → record" path for tickets, test tickets and sheets. Every
    attempt is counted (``kiosk.printing_quota.record_print``, ``ok=False`` for a failure)
    unless ``count`` is False; ``pages`` is what is counted, or the printer's own page count
    when ``pages_from_printer``. ``temporary`` removes the PDF after printing. The callbacks
    run on the GUI thread, queued after the count, so a quota read there sees it.
    """
    from kiosk.printing_quota import record_print
    from ui.ops import Op

    def work() -> int:
        try:
            if render is not None:
                pdf.parent.mkdir(parents=True, exist_ok=True)
                render(pdf)
            return int(printer.print_pdf(pdf))
        finally:
            if temporary:
                pdf.unlink(missing_ok=True)

    def record(ok: bool, sheets: int) -> None:
        if not count:
            return
        Op(lambda: record_print(store, tutorial_id=tutorial_id, sheets=sheets, ok=ok,
                                kind=kind)).on("db").or_log(f"{kind} print not recorded") \
            .run(tasks)

    def printed(sent: int) -> None:
        record(True, sent if pages_from_printer and sent > 0 else pages)
        on_printed(sent)

    def failed(exc: BaseException) -> None:
        record(False, pages)
        on_failed(exc)

    Op(work).on("print").success(printed).failure(failed).run(tasks)
