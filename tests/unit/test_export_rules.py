"""The one export the staff tab and ``help-kiosk export`` share: rules, names, dispatch."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kiosk.auth import Actor
from kiosk.reports.export import (
    ExportRequest,
    allowed_contents,
    contacts_allowed,
    default_content,
    file_name,
    run_export,
)
from kiosk.reports.export_csv import ExportError
from kiosk.reports.periods import Period
from kiosk.store import Store

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def test_a_pdf_never_lists_citizens_and_only_xlsx_holds_all_three() -> None:
    assert allowed_contents("pdf") == ("summary", "allowance")
    assert allowed_contents("csv") == ("records", "summary", "allowance")
    assert allowed_contents("xlsx") == ("records", "summary", "allowance", "all")
    assert [default_content(f) for f in ("csv", "xlsx", "pdf")] == ["records", "all", "summary"]


@pytest.mark.parametrize(("fmt", "what", "ok"), [
    ("csv", "records", True), ("xlsx", "all", True), ("xlsx", "records", True),
    ("csv", "summary", False), ("xlsx", "allowance", False), ("pdf", "summary", False)])
def test_contacts_only_with_records_in_a_spreadsheet(fmt: str, what: str, ok: bool) -> None:
    assert contacts_allowed(fmt, what) is ok


@pytest.mark.parametrize(("request_", "said"), [
    (ExportRequest("docx"), "Không có định dạng “docx”"),
    (ExportRequest("csv", "people"), "Không có loại xuất “people”"),
    (ExportRequest("csv", "all"), "Không có loại xuất “all” cho csv"),
    (ExportRequest("pdf", "records"), "không liệt kê từng bản ghi"),
    (ExportRequest("pdf", None, include_contacts=True), "chỉ dùng khi xuất bản ghi"),
    (ExportRequest("csv", "summary", include_contacts=True), "chỉ dùng khi xuất bản ghi"),
])
def test_refused_requests_say_what_to_change(request_: ExportRequest, said: str) -> None:
    with pytest.raises(ExportError, match=said):
        request_.check()


def test_check_normalises_the_format() -> None:
    assert ExportRequest(" XLSX ").check() == ExportRequest("xlsx")


@pytest.mark.parametrize(("req", "period", "name"), [
    (ExportRequest("xlsx"), MARCH, "bao-cao-2026-03.xlsx"),
    (ExportRequest("csv", "records", True), Period(date(2026, 1, 1), date(2026, 12, 31)),
     "ban-ghi-2026-lien-he.csv"),
    (ExportRequest("pdf", "allowance"), Period(date(2026, 3, 5), date(2026, 3, 5)),
     "kinh-phi-2026-03-05.pdf"),
    (ExportRequest("pdf"), Period(date(2026, 3, 2), date(2026, 3, 8)),
     f"bao-cao-{Period(date(2026, 3, 2), date(2026, 3, 8)).slug}.pdf"),
])
def test_file_names_say_what_and_when(req: ExportRequest, period: Period, name: str) -> None:
    assert file_name(req, period) == name


def test_run_export_picks_the_writer_and_refuses_before_writing(
        store: Store, staff: Actor, tmp_path: Path) -> None:
    book = run_export(staff, store, MARCH, tmp_path / "a.xlsx", ExportRequest("xlsx"))
    assert book.format == "xlsx"
    assert len(load_workbook(book.path, read_only=True).sheetnames) == 3
    csv_ = run_export(staff, store, MARCH, tmp_path / "a.csv", ExportRequest("csv", "summary"))
    assert csv_.path.read_text(encoding="utf-8-sig").strip()
    with pytest.raises(ExportError):
        run_export(staff, store, MARCH, tmp_path / "b.pdf", ExportRequest("pdf", "records"))
    assert not (tmp_path / "b.pdf").exists()
