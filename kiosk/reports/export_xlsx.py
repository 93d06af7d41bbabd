"""XLSX export: a summary sheet, a records sheet and an allowance sheet, in Vietnamese.

Made with openpyxl in ``write_only`` mode, so a year of records streams to disk instead of
being held in memory. Headers are Vietnamese and the header row is frozen; dates and times
are real spreadsheet dates (shown ``dd/mm/yyyy``), money is a number shown ``#,##0``;
column widths are set. Text cells are neutralised against formulas exactly as in the CSV
(:func:`kiosk.csv_cells.neutralise`), and characters a spreadsheet cannot hold are
dropped. Demo data is marked in the records ("Dữ liệu mẫu" = "Có") and by a red banner on
the summary and allowance sheets. Column meanings are those of the CSV records export
(``docs/exports.md``). Call from a worker thread; ``progress(done, total)`` reports rows.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.dimensions import SheetFormatProperties

from kiosk.auth import Actor, Role, require
from kiosk.csv_cells import neutralise
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
# A named font with full Vietnamese coverage: with no name, spreadsheet programs fall back
# to a font of their choosing, and LibreOffice's choice for bold dropped the diacritics
# ("BAO CAO" for "BÁO CÁO"). Arial ships on every Windows PC and maps to a Vietnamese-capable
# sans (Liberation/DejaVu) elsewhere.
FONT_NAME = "Arial"
HEADER_FONT = Font(name=FONT_NAME, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
TITLE_FONT = Font(name=FONT_NAME, bold=True, size=13)
BOLD = Font(name=FONT_NAME, bold=True)
DEMO_FONT = Font(name=FONT_NAME, bold=True, color="FFFFFF")
PLAIN = Font(name=FONT_NAME)
DEMO_FILL = PatternFill("solid", fgColor="C00000")


def clean_text(value: str) -> str:
    """Neutralise formulas and drop control characters openpyxl refuses."""
    return str(neutralise(ILLEGAL_CHARACTERS_RE.sub("", value)))


def _cell(ws: WriteOnlyWorksheet, value: Any, *, font: Font | None = None,
          fill: PatternFill | None = None, money: bool = False) -> WriteOnlyCell:
    if isinstance(value, str):
        value = clean_text(value)
    c = WriteOnlyCell(ws, value=value)
    if isinstance(value, datetime):
        c.number_format = DATETIME_FMT
    elif isinstance(value, date):
        c.number_format = DATE_FMT
    elif money and isinstance(value, int):
        c.number_format = MONEY_FMT
    c.font = font if font is not None else PLAIN
    if fill is not None:
        c.fill = fill
    return c


def _setup(ws: WriteOnlyWorksheet, widths: Sequence[int], header_row: int) -> None:
    """Widths and the frozen header; write_only sheets need both before the first row."""
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = f"A{header_row + 1}"
    # Vietnamese capitals stack two marks (Ể, Ẫ, Ổ); at the default 15 pt row height
    # LibreOffice clips the upper one. A fixed, slightly taller row keeps every mark.
    ws.sheet_format = SheetFormatProperties(defaultRowHeight=21, customHeight=True)


def _header(ws: WriteOnlyWorksheet, titles: Sequence[str]) -> None:
    row = []
    for t in titles:
        c = _cell(ws, t, font=HEADER_FONT, fill=HEADER_FILL)
        c.alignment = Alignment(wrap_text=True, vertical="center")
        row.append(c)
    ws.append(row)


def _title_block(ws: WriteOnlyWorksheet, title: str, help_point: str, commune: str,
                 period: Period, demo: bool) -> None:
    """Four rows above the header: title, place, period, demo banner (or blank)."""
    ws.append([_cell(ws, title, font=TITLE_FONT)])
    place = ", ".join(p for p in (help_point, commune) if p)
    ws.append([_cell(ws, place)])
    ws.append([_cell(ws, f"Kỳ báo cáo: {period.full_label}")])
    ws.append([_cell(ws, DEMO_NOTICE, font=DEMO_FONT, fill=DEMO_FILL)] if demo else [])


def _summary_sheet(wb: Workbook, f: Figures, help_point: str, commune: str) -> int:
    ws = wb.create_sheet(SHEET_SUMMARY)
    _setup(ws, (28, 52, 16), header_row=5)
    _title_block(ws, "BÁO CÁO TỔNG HỢP ĐIỂM HỖ TRỢ SỐ", help_point, commune, f.period,
                 f.includes_demo)
    _header(ws, ("Mục", "Nội dung", "Số liệu"))
    n = 0
    for r in summary_rows(f):
        if r.section == "notice":
            continue
        ws.append([_cell(ws, SECTION_LABELS.get(r.section, r.section)), _cell(ws, r.label),
                   _cell(ws, r.value, money=False)])
        n += 1
    return n


def _records_sheet(wb: Workbook, store: Store, period: Period, include_contacts: bool,
                   progress: Progress, done: int, total: int) -> int:
    ws = wb.create_sheet(SHEET_RECORDS)
    cols: tuple[Column, ...] = record_columns(include_contacts)
    _setup(ws, [c.width for c in cols], header_row=1)
    _header(ws, [c.header_vi for c in cols])
    demo_i = [c.name for c in cols].index("is_demo")
    first_i = [c.name for c in cols].index("first_visit")
    yes_no = {None: "", 1: "Có", 0: "Không"}
    # One styled cell per column, given each row's value in turn: a write-only sheet writes
    # a row's cells as soon as it is appended, so nothing is shared between rows, and the
    # style (font, date format) is worked out once per column instead of once per value.
    cells = [_cell(ws, None) for _ in cols]
    for cell, col in zip(cells, cols, strict=True):
        if col.kind == "datetime":
            cell.number_format = DATETIME_FMT
        elif col.kind == "date":
            cell.number_format = DATE_FMT
    columns = list(enumerate(cells))
    n = 0
    for batch in iter_records(store, period, include_contacts):
        for row in batch:
            row[demo_i] = "Có" if row[demo_i] else ""
            row[first_i] = yes_no[row[first_i]]
            out: list[Any] = []
            for i, cell in columns:
                value = row[i]
                if value is None or value == "":
                    out.append(None)
                    continue
                if isinstance(value, str):
                    try:  # openpyxl checks for characters a sheet cannot hold itself
                        cell.value = neutralise(value)
                    except IllegalCharacterError:
                        cell.value = clean_text(value)
                else:
                    cell.value = value
                out.append(cell)
            ws.append(out)
        n += len(batch)
        progress(done + n, total)
    return n


def _allowance_sheet(wb: Workbook, a: Allowance, help_point: str, commune: str) -> int:
    ws = wb.create_sheet(SHEET_ALLOWANCE)
    _setup(ws, (30, 30, 16, 22, 22, 22, 16, 16, 12), header_row=5)
    _title_block(ws, "KINH PHÍ HỖ TRỢ TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG", help_point, commune,
                 a.period, a.includes_demo)
    # Per-member totals first (what staff sign off), team by team, each team capped on its
    # own (a PC that merged other teams' bundles); then the cap periods; then day detail.
    _header(ws, ("Tổ", "Thành viên", "Số ngày hoạt động", "Ngày không có quy định",
                 "Tổng theo mức ngày (đồng)", "Được hỗ trợ (đồng)"))
    for t in a.teams:
        for v in t.volunteers:
            ws.append([_cell(ws, t.team_name), _cell(ws, v.name), _cell(ws, v.active_days),
                       _cell(ws, v.days_without_rule), _cell(ws, v.due_vnd, money=True),
                       _cell(ws, v.paid_vnd, money=True)])
        ws.append([_cell(ws, t.team_name, font=BOLD), _cell(ws, "Tổng cộng", font=BOLD),
                   _cell(ws, sum(v.active_days for v in t.volunteers), font=BOLD), None,
                   _cell(ws, t.due_total_vnd, money=True, font=BOLD),
                   _cell(ws, t.paid_total_vnd, money=True, font=BOLD)])
    if len(a.teams) > 1:
        ws.append([_cell(ws, f"{len(a.teams)} tổ (mỗi tổ tính mức tối đa riêng)", font=BOLD),
                   _cell(ws, "Tổng các tổ", font=BOLD), None, None,
                   _cell(ws, a.due_total_vnd, money=True, font=BOLD),
                   _cell(ws, a.paid_total_vnd, money=True, font=BOLD)])
    if a.unverified_days:
        ws.append([_cell(ws, unverified_days_notice(a.unverified_days), font=BOLD)])
    ws.append([])
    ws.append([_cell(ws, "Tổ", font=BOLD), _cell(ws, "Kỳ tính mức tối đa", font=BOLD),
               _cell(ws, "Quy định", font=BOLD), _cell(ws, "Mức tối đa (đồng)", font=BOLD),
               _cell(ws, "Đã dùng trước kỳ báo cáo", font=BOLD),
               _cell(ws, "Dùng trong kỳ báo cáo", font=BOLD), _cell(ws, "Còn lại", font=BOLD)])
    for t in a.teams:
        for c in t.cap_uses:
            ws.append([_cell(ws, t.team_name), _cell(ws, c.label), _cell(ws, c.rule_name),
                       _cell(ws, c.cap_vnd, money=True), _cell(ws, c.used_before_vnd, money=True),
                       _cell(ws, c.used_in_period_vnd, money=True),
                       _cell(ws, c.remaining_vnd, money=True)])
    for t in a.teams:
        notes = []
        if t.unknown:
            notes.append("bản ghi từ gói dữ liệu cũ của một máy chưa rõ thuộc tổ nào: hãy kiểm "
                         "tra trước khi chi")
        if t.days_without_rule:
            notes.append("ngày có hoạt động nhưng không có quy định hỗ trợ (0 đồng): "
                         + ", ".join(fmt_day(d) for d in t.days_without_rule))
        for note in notes:
            ws.append([_cell(ws, t.team_name), _cell(ws, note.capitalize())])
    ws.append([])
    for r in a.rules:
        ws.append([_cell(ws, r.name, font=BOLD), _cell(ws, f"{r.validity_label}: {r.summary}")])
        if r.share_summary:
            ws.append([None, _cell(ws, r.share_summary)])
        ws.append([None, _cell(ws, r.source)])
    ws.append([])
    ws.append([_cell(ws, "Chi tiết theo ngày", font=BOLD)])
    ws.append([_cell(ws, c.header_vi, font=BOLD) for c in ALLOWANCE_COLUMNS])
    rows = allowance_rows(a)
    money = {i for i, c in enumerate(ALLOWANCE_COLUMNS) if c.name in ("due_vnd", "paid_vnd")}
    for row in rows:
        row[-1] = "Có" if row[-1] else ""
        ws.append([_cell(ws, v, money=i in money) for i, v in enumerate(row)])
    log.debug("allowance sheet: %d teams, total %s", len(a.teams), vnd(a.paid_total_vnd))
    return len(rows)


@contextmanager
def _unraisable_logged() -> Iterator[None]:
    """Log, instead of printing, what Python reports from finalisers inside the block.

    When a write-only workbook fails half way (a full disk, a folder that cannot be
    written), openpyxl's sheet generators and the half-written zip are finalised later and
    the interpreter prints "Exception ignored … Traceback" on stderr: noise under the one
    ``Lỗi:`` line the person needs. The failure itself is still raised as :class:`OutputError`.
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


def _discard(wb: Workbook) -> None:
    """Close a failed workbook's sheet streams and delete their temporary files."""
    for ws in wb.worksheets:
        rows, writer = getattr(ws, "_rows", None), getattr(ws, "_writer", None)
        for gen in (rows, getattr(writer, "xf", None)):
            if gen is not None:
                with suppress(Exception):
                    gen.close()
        out = getattr(writer, "out", None)
        if isinstance(out, str):
            with suppress(OSError):
                os.remove(out)


def save_workbook(wb: Workbook, path: Path, mode: int | None = None) -> None:
    """Save atomically; on failure raise one :class:`OutputError` and leave nothing behind."""
    message = None
    with _unraisable_logged():
        try:
            with atomic_output(path, mode=mode) as tmp:
                wb.save(tmp)
        except OutputError as exc:
            message, en = str(exc), exc.message("en")
            _discard(wb)
    # Raised outside the block so the failed zip and its traceback are already finalised.
    if message is not None:
        raise OutputError(message, en=en)


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
    wb = Workbook(write_only=True)
    rows = 0
    for kind in kinds:
        if kind is What.SUMMARY:
            f = compute_figures(actor, store, period, titles)
            demo = demo or f.includes_demo
            rows += _summary_sheet(wb, f, help_point, commune)
        elif kind is What.RECORDS:
            n = _records_sheet(wb, store, period, include_contacts, report, done, total)
            rows += n
            done += n
        else:
            a = compute_allowance(actor, store, period)
            demo = demo or a.includes_demo
            rows += _allowance_sheet(wb, a, help_point, commune)
        done += 1
        report(done, total)
    path = Path(path)
    private = include_contacts and What.RECORDS in kinds
    save_workbook(wb, path, PRIVATE_MODE if private else None)
    what_label = "all" if what is None else kinds[0].value
    record_export(store, actor, "xlsx", what_label, period, path, rows, include_contacts)
    return ExportResult(path, "xlsx", what_label, rows, demo, owner_only=private)
