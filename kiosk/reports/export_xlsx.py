"""XLSX export: a summary sheet, a records sheet and an allowance sheet, in Vietnamese.

Made with XlsxWriter in ``constant_memory`` mode: each row goes to disk as it is written, so a
year of records streams instead of being held in memory, and it writes about a third faster
than openpyxl's write-only workbook (docs/benchmarks.md, "XLSX"). Headers are Vietnamese and
the header row is frozen; dates and times are real spreadsheet dates (shown ``dd/mm/yyyy``),
money is a number shown ``#,##0``; column widths are set. Text cells are neutralised against
formulas exactly as in the CSV (:func:`kiosk.csv_cells.neutralise`; XlsxWriter's own turning
of text into formulas, numbers and links is off), and characters a spreadsheet cannot hold are
dropped. Demo data is marked in the records ("Dữ liệu mẫu" = "Có") and by a red banner on the
summary and allowance sheets. Column meanings are those of the CSV records export
(``docs/exports.md``). Call from a worker thread; ``progress(done, total)`` reports rows.
"""

from __future__ import annotations

import gc
import logging
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from xlsxwriter import Workbook
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from kiosk.auth import Actor, Role, require
from kiosk.csv_cells import DANGEROUS_START, neutralise
from kiosk.files import PRIVATE_MODE, OutputError, atomic_output
from kiosk.reports.allowance import Allowance, compute_allowance, vnd
from kiosk.reports.export_csv import (
    ALLOWANCE_COLUMNS,
    DEMO_NOTICE,
    SECTION_LABELS,
    Column,
    ExportResult,
    Progress,
    What,
    allowance_rows,
    count_records,
    iter_records,
    parse_what,
    record_columns,
    record_export,
    summary_rows,
    unverified_days_notice,
)
from kiosk.reports.figures import Figures, compute_figures
from kiosk.reports.periods import Period, fmt_day
from kiosk.store import Store

log = logging.getLogger(__name__)

SHEET_SUMMARY = "Tổng hợp"
SHEET_RECORDS = "Bản ghi"
SHEET_ALLOWANCE = "Kinh phí hỗ trợ"
DATE_FMT = "DD/MM/YYYY"
DATETIME_FMT = "DD/MM/YYYY HH:MM"
MONEY_FMT = "#,##0"
# A named font with full Vietnamese coverage, the workbook's default (every cell): with no
# name, spreadsheet programs fall back to a font of their choosing, and LibreOffice's choice
# for bold dropped the diacritics ("BAO CAO" for "BÁO CÁO"). Arial ships on every Windows PC
# and maps to a Vietnamese-capable sans (Liberation/DejaVu) elsewhere.
FONT_NAME = "Arial"
# Styles by name (XlsxWriter format properties, on top of the Arial default).
STYLES: dict[str, dict[str, Any]] = {
    "plain": {},
    "bold": {"bold": True},
    "title": {"bold": True, "font_size": 13},
    "header": {"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E79", "pattern": 1,
               "text_wrap": True, "valign": "vcenter"},
    "demo": {"bold": True, "font_color": "#FFFFFF", "bg_color": "#C00000", "pattern": 1},
}
# Vietnamese capitals stack two marks (Ể, Ẫ, Ổ); at the default 15 pt row height LibreOffice
# clips the upper one. A fixed, slightly taller row keeps every mark.
ROW_HEIGHT = 21
WORKBOOK_OPTIONS: dict[str, Any] = {
    "constant_memory": True,
    # Text stays text: "=…" must never become a formula, "0905…" never a number, a web
    # address never a link (the formula guard and the CSV rules are the one place for that).
    "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
    "default_format_properties": {"font_name": FONT_NAME, "font_size": 11},
}
# The characters an XLSX cell cannot hold (XML 1.0 control characters; openpyxl's rule).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def clean_text(value: str) -> str:
    """Neutralise formulas and drop control characters a workbook cannot hold."""
    return str(neutralise(ILLEGAL_CHARACTERS_RE.sub("", value)))


class Cell(NamedTuple):
    value: Any
    style: str = "plain"
    money: bool = False


def _cell(value: Any, *, style: str = "plain", money: bool = False) -> Cell:
    return Cell(value, style, money)


class _Book:
    """The workbook and its formats, made once per (style, number format)."""

    def __init__(self, path: Path) -> None:
        self.wb = Workbook(str(path), WORKBOOK_OPTIONS)
        self._formats: dict[tuple[str, str | None], Format] = {}

    def format(self, style: str, num_format: str | None = None) -> Format:
        key = (style, num_format)
        fmt = self._formats.get(key)
        if fmt is None:
            props = dict(STYLES[style])
            if num_format:
                props["num_format"] = num_format
            fmt = self._formats[key] = self.wb.add_format(props)
        return fmt

    def sheet(self, name: str, widths: Sequence[int], header_row: int) -> _Sheet:
        """A sheet with its column widths, taller rows and the header frozen."""
        ws = self.wb.add_worksheet(name)
        for i, w in enumerate(widths):
            ws.set_column(i, i, w)
        ws.freeze_panes(header_row, 0)
        ws.set_default_row(ROW_HEIGHT)
        return _Sheet(self, ws)


class _Sheet:
    """Rows appended in order (constant-memory mode writes each row once, top to bottom)."""

    def __init__(self, book: _Book, ws: Worksheet) -> None:
        self.book = book
        self.ws = ws
        self.row = 0

    def append(self, cells: Sequence[Cell | None]) -> None:
        for col, cell in enumerate(cells):
            if cell is not None:
                self.write(col, cell)
        self.row += 1

    def write(self, col: int, cell: Cell) -> None:
        value, style = cell.value, cell.style
        ws, row = self.ws, self.row
        if isinstance(value, str):
            ws.write_string(row, col, clean_text(value), self.book.format(style))
        elif isinstance(value, datetime):
            ws.write_datetime(row, col, value, self.book.format(style, DATETIME_FMT))
        elif isinstance(value, date):
            ws.write_datetime(row, col, datetime(value.year, value.month, value.day),
                              self.book.format(style, DATE_FMT))
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value, self.book.format(style))
        elif isinstance(value, int | float):
            money = MONEY_FMT if cell.money and isinstance(value, int) else None
            ws.write_number(row, col, value, self.book.format(style, money))
        elif value is None:
            ws.write_blank(row, col, None, self.book.format(style))
        else:
            ws.write_string(row, col, clean_text(str(value)), self.book.format(style))


def _header(ws: _Sheet, titles: Sequence[str]) -> None:
    ws.append([_cell(t, style="header") for t in titles])


def _title_block(ws: _Sheet, title: str, help_point: str, commune: str,
                 period: Period, demo: bool) -> None:
    """Four rows above the header: title, place, period, demo banner (or blank)."""
    ws.append([_cell(title, style="title")])
    place = ", ".join(p for p in (help_point, commune) if p)
    ws.append([_cell(place)])
    ws.append([_cell(f"Kỳ báo cáo: {period.full_label}")])
    ws.append([_cell(DEMO_NOTICE, style="demo")] if demo else [])


def _summary_sheet(book: _Book, f: Figures, help_point: str, commune: str) -> int:
    ws = book.sheet(SHEET_SUMMARY, (28, 52, 16), header_row=5)
    _title_block(ws, "BÁO CÁO TỔNG HỢP ĐIỂM HỖ TRỢ SỐ", help_point, commune, f.period,
                 f.includes_demo)
    _header(ws, ("Mục", "Nội dung", "Số liệu"))
    n = 0
    for r in summary_rows(f):
        if r.section == "notice":
            continue
        ws.append([_cell(SECTION_LABELS.get(r.section, r.section)), _cell(r.label),
                   _cell(r.value)])
        n += 1
    return n


def _records_sheet(book: _Book, store: Store, period: Period, include_contacts: bool,
                   progress: Progress, done: int, total: int) -> int:
    cols: tuple[Column, ...] = record_columns(include_contacts)
    sheet = book.sheet(SHEET_RECORDS, [c.width for c in cols], header_row=1)
    _header(sheet, [c.header_vi for c in cols])
    demo_i = [c.name for c in cols].index("is_demo")
    first_i = [c.name for c in cols].index("first_visit")
    yes_no = {None: "", 1: "Có", 0: "Không"}
    # The format of each column worked out once (dates and times), not once per value; the
    # write functions called directly: this loop runs once per cell of a year of records.
    plain = book.format("plain")
    formats = [book.format("plain", DATETIME_FMT) if c.kind == "datetime" else
               book.format("plain", DATE_FMT) if c.kind == "date" else plain for c in cols]
    ws = sheet.ws
    write_string, write_number, write_datetime = (ws.write_string, ws.write_number,
                                                  ws.write_datetime)
    columns = list(enumerate(formats))
    danger = DANGEROUS_START
    row_n = sheet.row
    for batch in iter_records(store, period, include_contacts):
        for row in batch:
            row[demo_i] = "Có" if row[demo_i] else ""
            row[first_i] = yes_no[row[first_i]]
            texts = "".join([v for v in row if type(v) is str])
            clean = ILLEGAL_CHARACTERS_RE.search(texts) is None
            for i, fmt in columns:
                value = row[i]
                if value is None or value == "":
                    continue
                if type(value) is str:
                    if not clean:
                        value = ILLEGAL_CHARACTERS_RE.sub("", value)
                    if value.startswith(danger):
                        value = "'" + value
                    write_string(row_n, i, value, fmt)
                elif type(value) is datetime:
                    write_datetime(row_n, i, value, fmt)
                elif type(value) is date:
                    write_datetime(row_n, i, datetime(value.year, value.month, value.day), fmt)
                else:
                    write_number(row_n, i, value, fmt)
            row_n += 1
        progress(done + row_n - 1, total)
    sheet.row = row_n
    return row_n - 1


def _allowance_sheet(book: _Book, a: Allowance, help_point: str, commune: str) -> int:
    ws = book.sheet(SHEET_ALLOWANCE, (30, 30, 16, 22, 22, 22, 16, 16, 12), header_row=5)
    _title_block(ws, "KINH PHÍ HỖ TRỢ TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG", help_point, commune,
                 a.period, a.includes_demo)
    # Per-member totals first (what staff sign off), team by team, each team capped on its
    # own (a PC that merged other teams' bundles); then the cap periods; then day detail.
    _header(ws, ("Tổ", "Thành viên", "Số ngày hoạt động", "Ngày không có quy định",
                 "Tổng theo mức ngày (đồng)", "Được hỗ trợ (đồng)"))
    for t in a.teams:
        for v in t.volunteers:
            ws.append([_cell(t.team_name), _cell(v.name), _cell(v.active_days),
                       _cell(v.days_without_rule), _cell(v.due_vnd, money=True),
                       _cell(v.paid_vnd, money=True)])
        ws.append([_cell(t.team_name, style="bold"), _cell("Tổng cộng", style="bold"),
                   _cell(sum(v.active_days for v in t.volunteers), style="bold"), None,
                   _cell(t.due_total_vnd, money=True, style="bold"),
                   _cell(t.paid_total_vnd, money=True, style="bold")])
    if len(a.teams) > 1:
        ws.append([_cell(f"{len(a.teams)} tổ (mỗi tổ tính mức tối đa riêng)", style="bold"),
                   _cell("Tổng các tổ", style="bold"), None, None,
                   _cell(a.due_total_vnd, money=True, style="bold"),
                   _cell(a.paid_total_vnd, money=True, style="bold")])
    if a.unverified_days:
        ws.append([_cell(unverified_days_notice(a.unverified_days), style="bold")])
    ws.append([])
    ws.append([_cell(h, style="bold") for h in (
        "Tổ", "Kỳ tính mức tối đa", "Quy định", "Mức tối đa (đồng)", "Đã dùng trước kỳ báo cáo",
        "Dùng trong kỳ báo cáo", "Còn lại")])
    for t in a.teams:
        for c in t.cap_uses:
            ws.append([_cell(t.team_name), _cell(c.label), _cell(c.rule_name),
                       _cell(c.cap_vnd, money=True), _cell(c.used_before_vnd, money=True),
                       _cell(c.used_in_period_vnd, money=True),
                       _cell(c.remaining_vnd, money=True)])
    for t in a.teams:
        notes = []
        if t.unknown:
            notes.append("bản ghi từ gói dữ liệu cũ của một máy chưa rõ thuộc tổ nào: hãy kiểm "
                         "tra trước khi chi")
        if t.days_without_rule:
            notes.append("ngày có hoạt động nhưng không có quy định hỗ trợ (0 đồng): "
                         + ", ".join(fmt_day(d) for d in t.days_without_rule))
        for note in notes:
            ws.append([_cell(t.team_name), _cell(note.capitalize())])
    ws.append([])
    for r in a.rules:
        ws.append([_cell(r.name, style="bold"), _cell(f"{r.validity_label}: {r.summary}")])
        if r.share_summary:
            ws.append([None, _cell(r.share_summary)])
        ws.append([None, _cell(r.source)])
    ws.append([])
    ws.append([_cell("Chi tiết theo ngày", style="bold")])
    ws.append([_cell(c.header_vi, style="bold") for c in ALLOWANCE_COLUMNS])
    rows = allowance_rows(a)
    money = {i for i, c in enumerate(ALLOWANCE_COLUMNS) if c.name in ("due_vnd", "paid_vnd")}
    for row in rows:
        row[-1] = "Có" if row[-1] else ""
        ws.append([_cell(v, money=i in money) for i, v in enumerate(row)])
    log.debug("allowance sheet: %d teams, total %s", len(a.teams), vnd(a.paid_total_vnd))
    return len(rows)


@contextmanager
def _unraisable_logged() -> Iterator[None]:
    """Log, instead of printing, what Python reports from finalisers inside the block.

    When a workbook fails half way (a full disk, a folder that cannot be written), the
    half-written zip is finalised later and the interpreter prints "Exception ignored …
    Traceback" on stderr: noise under the one ``Lỗi:`` line the person needs. The failure
    itself is still raised as :class:`OutputError`.
    """
    previous = sys.unraisablehook

    def hook(info: Any) -> None:
        log.debug("ignored after a failed XLSX write: %s", info.exc_type.__name__)

    sys.unraisablehook = hook
    try:
        yield
    finally:
        gc.collect()
        sys.unraisablehook = previous


def _close(book: _Book) -> None:
    """Write the zip; a file error is raised as the OSError it is (atomic_output words it)."""
    try:
        book.wb.close()
    except FileCreateError as exc:
        cause = exc.args[0] if exc.args else None
        for ws in book.wb.worksheets():  # the constant-memory row files
            ws._opt_close()
        if isinstance(cause, OSError):
            raise cause from exc
        raise OSError(str(exc)) from exc


def export_xlsx(actor: Actor, store: Store, period: Period, path: Path, *,
                what: str | What | None = None, include_contacts: bool = False,
                progress: Progress | None = None, help_point: str = "", commune: str = "",
                titles: Mapping[str, str] | None = None) -> ExportResult:
    """Write the workbook atomically and audit it. Staff only.

    ``what=None`` gives all three sheets; ``records``/``summary``/``allowance`` gives one.
    """
    require(actor, Role.STAFF)
    report = progress or (lambda _d, _t: None)
    kinds = ([What.SUMMARY, What.RECORDS, What.ALLOWANCE] if what is None
             else [parse_what(what, What.RECORDS)])
    n_records, demo = (count_records(store, period) if What.RECORDS in kinds else (0, False))
    total = n_records + len(kinds)
    done = 0
    report(0, total)
    path = Path(path)
    private = include_contacts and What.RECORDS in kinds
    rows = 0
    message = None
    with _unraisable_logged():
        try:
            with atomic_output(path, mode=PRIVATE_MODE if private else None) as tmp:
                book = _Book(tmp)
                for kind in kinds:
                    if kind is What.SUMMARY:
                        f = compute_figures(actor, store, period, titles)
                        demo = demo or f.includes_demo
                        rows += _summary_sheet(book, f, help_point, commune)
                    elif kind is What.RECORDS:
                        n = _records_sheet(book, store, period, include_contacts, report, done,
                                           total)
                        rows += n
                        done += n
                    else:
                        a = compute_allowance(actor, store, period)
                        demo = demo or a.includes_demo
                        rows += _allowance_sheet(book, a, help_point, commune)
                    done += 1
                    report(done, total)
                _close(book)
        except OutputError as exc:
            message, en = str(exc), exc.message("en")
    # Raised outside the block so the failed zip and its traceback are already finalised.
    if message is not None:
        raise OutputError(message, en=en)
    what_label = "all" if what is None else kinds[0].value
    record_export(store, actor, "xlsx", what_label, period, path, rows, include_contacts)
    return ExportResult(path, "xlsx", what_label, rows, demo, owner_only=private)
