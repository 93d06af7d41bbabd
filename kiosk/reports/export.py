"""One export for the staff tab and ``help-kiosk export``: what may be asked, the file name,
and which writer runs.

The rules live here so the screen and the command line cannot drift apart:

* **formats × contents** (:func:`allowed_contents`): a PDF report never lists citizens one by
  one (summary or allowance only); CSV holds one table (records, summary or allowance); XLSX
  also holds all three sheets in one workbook (``"all"``, the XLSX default);
* **contacts** (:func:`contacts_allowed`): only with records, and only in CSV or XLSX;
* **file names** (:func:`file_name`): ``bao-cao-2026-11.xlsx``, ``ban-ghi-2026.csv``,
  ``kinh-phi-2026-03-05.pdf``; a file with contacts says so (``-lien-he``);
* **dispatch** (:func:`run_export`): the CSV, XLSX or PDF writer, each atomic and audited.

Qt-free; :func:`run_export` may run on any thread (the GUI runs it on its ``print`` lane).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.auth import Actor
from kiosk.reports.export_csv import ExportError, ExportResult, Progress, What, export_csv
from kiosk.reports.periods import Period, month_end
from kiosk.store import Store

FORMATS = ("csv", "xlsx", "pdf")
ALL = "all"  # the three tables in one XLSX workbook
CONTENTS = (What.RECORDS.value, What.SUMMARY.value, What.ALLOWANCE.value, ALL)
_STEMS = {"records": "ban-ghi", "summary": "bao-cao", "allowance": "kinh-phi", ALL: "bao-cao"}


def allowed_contents(fmt: str) -> tuple[str, ...]:
    """What a file of format ``fmt`` may hold, in the order the screen shows it."""
    if fmt == "pdf":  # a printed report never lists citizens one by one
        return (What.SUMMARY.value, What.ALLOWANCE.value)
    if fmt == "xlsx":
        return CONTENTS
    return (What.RECORDS.value, What.SUMMARY.value, What.ALLOWANCE.value)


def default_content(fmt: str) -> str:
    """csv → records, xlsx → all three sheets, pdf → summary."""
    return {"csv": What.RECORDS.value, "xlsx": ALL, "pdf": What.SUMMARY.value}.get(
        fmt, What.RECORDS.value)


def contacts_allowed(fmt: str, what: str) -> bool:
    """Contacts go out only with the records, and only in a spreadsheet."""
    return what in (What.RECORDS.value, ALL) and fmt in ("csv", "xlsx")


@dataclass(frozen=True)
class ExportRequest:
    """One export as asked: format, content (None = the format's default), contacts."""

    fmt: str
    what: str | None = None
    include_contacts: bool = False

    @property
    def content(self) -> str:
        return self.what or default_content(self.fmt)

    def check(self) -> ExportRequest:
        """Raise :class:`ExportError` (Vietnamese, says what to change) for a request the
        rules above refuse; return the request with ``fmt`` normalised."""
        fmt = self.fmt.strip().lower()
        if fmt not in FORMATS:
            raise ExportError(f"Không có định dạng “{self.fmt}”. Chọn csv, xlsx hoặc pdf.",
                              en=f"There is no format “{self.fmt}”. Choose csv, xlsx or pdf.")
        if self.what is not None and self.what not in CONTENTS:
            raise ExportError(f"Không có loại xuất “{self.what}”. Chọn records (bản ghi), "
                              "summary (tổng hợp) hoặc allowance (kinh phí hỗ trợ).",
                              en=f"There is no export kind “{self.what}”. Choose records, summary "
                                 "or allowance.")
        req = ExportRequest(fmt, self.what, self.include_contacts)
        if req.content not in allowed_contents(fmt):
            if fmt == "pdf":
                raise ExportError("Báo cáo PDF không liệt kê từng bản ghi. Hãy xuất bản ghi ra "
                                  "csv hoặc xlsx, hoặc chọn summary/allowance cho pdf.",
                                  en="A PDF report does not list each record. Export records to "
                                     "csv or xlsx, or choose summary/allowance for pdf.")
            raise ExportError(f"Không có loại xuất “{req.content}” cho {fmt}: cả ba bảng trong "
                              "một tệp chỉ có ở xlsx. Hãy chọn records, summary hoặc "
                              "allowance.",
                              en=f"There is no export kind “{req.content}” for {fmt}: all three "
                                 "tables in one file are only in xlsx. Choose records, summary "
                                 "or allowance.")
        if req.include_contacts and not contacts_allowed(fmt, req.content):
            raise ExportError("Thông tin liên hệ chỉ dùng khi xuất bản ghi (csv hoặc xlsx); "
                              "báo cáo tổng hợp và kinh phí không có thông tin liên hệ.",
                              en="Contact details go only with an export of records (csv or "
                                 "xlsx); summary and allowance reports have no contact details.")
        return req


def file_name(request: ExportRequest, period: Period) -> str:
    """``bao-cao-2026-11.xlsx``, ``ban-ghi-2026.csv``, ``kinh-phi-2026-03-05.pdf`` …

    The stem says what is inside and the period how it was chosen (a day, a calendar month,
    a calendar year, else the range); a file with contacts says so too (``-lien-he``), so
    nobody hands it on by mistake.
    """
    s, e = period.start, period.end
    if s == e:
        part = s.isoformat()
    elif s.day == 1 and e == month_end(s):
        part = f"{s:%Y-%m}"
    elif s == date(s.year, 1, 1) and e == date(s.year, 12, 31):
        part = str(s.year)
    else:
        part = period.slug
    contacts = "-lien-he" if request.include_contacts else ""
    return f"{_STEMS[request.content]}-{part}{contacts}.{request.fmt}"


def run_export(actor: Actor, store: Store, period: Period, path: Path,
               request: ExportRequest, *, help_point: str = "", commune: str = "",
               village: str = "", titles: Mapping[str, str] | None = None,
               progress: Progress | None = None) -> ExportResult:
    """Check ``request`` and write the file with the matching writer (atomic, audited)."""
    req = request.check()
    what = req.content
    if req.fmt == "csv":
        return export_csv(actor, store, period, path, what=what,
                          include_contacts=req.include_contacts, progress=progress,
                          titles=titles)
    # openpyxl and the PDF report load only when asked for: other commands start faster.
    if req.fmt == "xlsx":
        from kiosk.reports.export_xlsx import export_xlsx

        return export_xlsx(actor, store, period, path, what=None if what == ALL else what,
                           include_contacts=req.include_contacts, progress=progress,
                           help_point=help_point, commune=commune, titles=titles)
    from kiosk.reports.report_pdf import export_report_pdf

    return export_report_pdf(actor, store, period, path, what=what, help_point=help_point,
                             commune=commune, village=village, titles=titles,
                             progress=progress)
