"""CSV and XLSX exports read back with the csv module and openpyxl, as a recipient would."""

from __future__ import annotations

import csv
import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db.models import ActivityDay, Assistance, AuditEvent, Volunteer
from kiosk.auth import Actor, PermissionDenied
from kiosk.csv_cells import csv_cell, neutralise
from kiosk.files import OutputError
from kiosk.queue import seed_default_services
from kiosk.reports import export_csv as export_csv_module
from kiosk.reports.export_csv import (
    CONTACT_COLUMNS,
    RECORD_COLUMNS,
    ExportError,
    cli_actor,
    export_csv,
)
from kiosk.reports.export_xlsx import SHEET_ALLOWANCE, SHEET_RECORDS, SHEET_SUMMARY, export_xlsx
from kiosk.reports.periods import Period
from kiosk.store import Store

ROOT = Path(__file__).resolve().parents[2]
MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
EVIL = "=HYPERLINK(\"http://x\",\"bấm\")"


def add_member(store: Store, name: str) -> str:
    with store.write() as s:
        v = Volunteer(display_name=name, role="volunteer", pin_hash="!test", active=True,
                      created_at=store.clock.now())
        s.add(v)
        s.flush()
        return v.uuid


def add_record(store: Store, local_start: datetime, *, village: str = "Tà Lang",
               volunteers: tuple[str, ...] = (), contact: tuple[str, str] | None = None,
               note: str = "", is_demo: bool = False, services: tuple[str, ...] = ("vneid",),
               deleted: bool = False) -> str:
    start = local_start - timedelta(hours=7)
    with store.write() as s:
        a = Assistance(device_id=store.device_id, created_at=start, updated_at=start,
                       started_at=start, ended_at=start + timedelta(minutes=20),
                       volunteer_uuids=list(volunteers), services=list(services),
                       outcome="done", channel="help_point", commune="Hải Vân", village=village,
                       age_band="60-74", gender="nu", first_visit=True, satisfaction=5,
                       note=note, is_demo=is_demo,
                       deleted_at=start if deleted else None,
                       contact_name=contact[0] if contact else None,
                       contact_phone=contact[1] if contact else None,
                       contact_consent_at=start if contact else None,
                       contact_consent_purpose="Liên hệ lại" if contact else None)
        s.add(a)
        s.flush()
        return a.uuid


@pytest.fixture
def filled(store: Store) -> dict[str, str]:
    seed_default_services(store)
    hung = add_member(store, "Tình nguyện viên Hùng")
    ids = {
        "plain": add_record(store, datetime(2026, 3, 2, 9, 0), volunteers=(hung,),
                            services=("vneid", "dvc")),
        "evil": add_record(store, datetime(2026, 3, 3, 9, 0), village=EVIL,
                           contact=("@Nguyễn Văn A", "0905123456"), note="-2+3 gọi lại"),
        "demo": add_record(store, datetime(2026, 3, 4, 9, 0), is_demo=True),
    }
    add_record(store, datetime(2026, 3, 5, 9, 0), deleted=True)
    add_record(store, datetime(2026, 4, 1, 9, 0))
    with store.write() as s:
        s.add(ActivityDay(volunteer_uuid=hung, day=date(2026, 3, 2), source="record"))
    ids["hung"] = hung
    return ids


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def audit_rows(store: Store, action: str) -> list[tuple[str, dict[str, object]]]:
    with store.read() as s:
        return [(e.actor, json.loads(e.detail)) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))]


# -- neutralisation --------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["=1+1", "+84905", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_text_a_spreadsheet_would_run_is_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Tà Lang", "0905 123 456", "", " =x", -5, 3.5, None])
def test_other_values_are_left_alone(value: object) -> None:
    assert neutralise(value) == value


# -- CSV -------------------------------------------------------------------------------------

def test_records_csv_has_a_bom_the_documented_columns_and_no_contacts(
        store: Store, staff: Actor, filled: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "records.csv"
    result = export_csv(staff, store, MARCH, out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(out)
    assert list(rows[0]) == [c.name for c in RECORD_COLUMNS]
    assert not {c.name for c in CONTACT_COLUMNS} & set(rows[0])
    assert "0905123456" not in out.read_text(encoding="utf-8-sig")
    assert "gọi lại" not in out.read_text(encoding="utf-8-sig")
    by_id = {r["record_id"]: r for r in rows}
    assert set(by_id) == {filled["plain"], filled["evil"], filled["demo"]}
    plain = by_id[filled["plain"]]
    assert plain["day"] == "2026-03-02"
    assert plain["started_at"] == "2026-03-02 09:00"
    assert plain["duration_min"] == "20"
    assert plain["services"] == "vneid;dvc"
    assert plain["service_names"] == "Tài khoản định danh VNeID; Dịch vụ công trực tuyến"
    assert plain["volunteers"] == "Tình nguyện viên Hùng"
    assert plain["outcome_label"] == "Đã xong"
    assert plain["is_demo"] == "0"
    assert by_id[filled["demo"]]["is_demo"] == "1"
    assert by_id[filled["evil"]]["village"] == "'" + EVIL
    assert (result.rows, result.includes_demo) == (3, True)


def test_contacts_only_when_asked_and_still_neutralised(
        store: Store, staff: Actor, filled: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "with-contacts.csv"
    export_csv(staff, store, MARCH, out, include_contacts=True)
    rows = {r["record_id"]: r for r in read_csv(out)}
    evil = rows[filled["evil"]]
    assert evil["contact_name"] == "'@Nguyễn Văn A"
    assert evil["contact_phone"] == "0905123456"
    assert evil["note"] == "'-2+3 gọi lại"
    assert rows[filled["plain"]]["contact_name"] == ""
    (who, detail), = audit_rows(store, "export.csv")
    assert who == staff.audit_name
    assert detail["include_contacts"] is True
    assert detail["rows"] == 3
    assert detail["where"] == str(out)
    assert "Nguyễn" not in json.dumps(detail, ensure_ascii=False)


def test_the_documented_columns_match_the_docs_page() -> None:
    doc = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)`", doc, flags=re.MULTILINE))
    names = {c.name for c in RECORD_COLUMNS + CONTACT_COLUMNS}
    assert names <= documented
    for name in names:
        assert name in (export_csv_module.__doc__ or "")


def test_summary_and_allowance_csv(store: Store, staff: Actor, filled: dict[str, str],
                                   tmp_path: Path) -> None:
    export_csv(staff, store, MARCH, tmp_path / "s.csv", what="summary")
    rows = read_csv(tmp_path / "s.csv")
    assert list(rows[0]) == ["section", "key", "label", "value"]
    assert rows[0]["section"] == "notice"  # demo banner first
    values = {(r["section"], r["key"]): r["value"] for r in rows}
    assert values[("overview", "citizens_helped")] == "3"
    assert values[("service", "vneid")] == "3"
    assert values[("daily", "2026-03-04")] == "1"

    export_csv(staff, store, MARCH, tmp_path / "a.csv", what="allowance")
    (line,) = read_csv(tmp_path / "a.csv")
    assert line == {"team_id": store.team_id, "team_name": "Tổ CNSCĐ",
                    "day": "2026-03-02", "rule": "Nghị quyết 26/2025 của HĐND TP Đà Nẵng",
                    "volunteer_id": filled["hung"], "volunteer_name": "Tình nguyện viên Hùng",
                    "due_vnd": "50000", "paid_vnd": "50000", "is_demo": "0",
                    "verification": ""}


def test_an_empty_period_still_gives_a_header(store: Store, staff: Actor,
                                              tmp_path: Path) -> None:
    result = export_csv(staff, store, MARCH, tmp_path / "empty.csv")
    assert result.rows == 0
    assert (tmp_path / "empty.csv").read_text(encoding="utf-8-sig").splitlines() == [
        ",".join(c.name for c in RECORD_COLUMNS)]


def test_progress_reports_every_chunk(store: Store, staff: Actor, filled: dict[str, str],
                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_csv_module, "CHUNK", 2)
    seen: list[tuple[int, int]] = []
    export_csv(staff, store, MARCH, tmp_path / "p.csv", progress=lambda d, t: seen.append((d, t)))
    # The total counts the soft-deleted record too (the index alone); the end says 3 of 3.
    assert seen == [(0, 4), (2, 4), (3, 4), (3, 3)]
    assert len(read_csv(tmp_path / "p.csv")) == 3


def test_a_failure_half_way_leaves_no_file_and_keeps_the_old_one(
        store: Store, staff: Actor, filled: dict[str, str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    out = usb / "records.csv"
    out.write_text("old report", encoding="utf-8")

    def broken(*_args: object, **_kw: object):  # type: ignore[no-untyped-def]
        yield "partial,row\r\n", 1, False
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(export_csv_module, "iter_record_lines", broken)
    with pytest.raises(RuntimeError):
        export_csv(staff, store, MARCH, out)
    assert out.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in usb.iterdir()] == ["records.csv"]  # no temporary file left
    assert audit_rows(store, "export.csv") == []


def test_a_missing_folder_is_a_clear_error_and_no_file(store: Store, staff: Actor,
                                                       tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="không tồn tại"):
        export_csv(staff, store, MARCH, tmp_path / "no-such-usb" / "r.csv")
    assert not (tmp_path / "no-such-usb").exists()


def test_unknown_content_and_non_staff_are_refused(store: Store, volunteer: Actor,
                                                   staff: Actor, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="records"):
        export_csv(staff, store, MARCH, tmp_path / "x.csv", what="everything")
    with pytest.raises(PermissionDenied):
        export_csv(volunteer, store, MARCH, tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()


def test_the_cli_actor_is_audited_by_os_login(store: Store, filled: dict[str, str],
                                              tmp_path: Path) -> None:
    export_csv(cli_actor("lan"), store, MARCH, tmp_path / "r.csv")
    (who, detail), = audit_rows(store, "export.csv")
    assert who == "staff:os-user:lan"
    assert detail["period_from"] == "2026-03-01"
    assert detail["what"] == "records"


# -- XLSX ------------------------------------------------------------------------------------

def test_xlsx_has_three_vietnamese_sheets_real_dates_and_frozen_headers(
        store: Store, staff: Actor, filled: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    seen: list[tuple[int, int]] = []
    result = export_xlsx(staff, store, MARCH, out, help_point="Điểm hỗ trợ số Tà Lang",
                         commune="Phường Hải Vân", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (6, 6)  # 3 records + 3 sheets
    wb = load_workbook(out)
    assert wb.sheetnames == [SHEET_SUMMARY, SHEET_RECORDS, SHEET_ALLOWANCE]

    recs = wb[SHEET_RECORDS]
    assert recs.freeze_panes == "A2"
    header = [c.value for c in recs[1]]
    assert header == [c.header_vi for c in RECORD_COLUMNS]
    assert "Họ tên liên hệ" not in header
    # 38 characters wide (the file holds Excel's width with the cell padding, 38.71)
    assert 38 <= recs.column_dimensions["A"].width < 39
    rows = {r[0]: r for r in recs.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {filled["plain"], filled["evil"], filled["demo"]}
    col = {name: i for i, name in enumerate(c.name for c in RECORD_COLUMNS)}
    plain = rows[filled["plain"]]
    assert plain[col["day"]] == datetime(2026, 3, 2)
    assert plain[col["started_at"]] == datetime(2026, 3, 2, 9, 0)
    assert rows[filled["demo"]][col["is_demo"]] == "Có"
    assert plain[col["is_demo"]] in ("", None)
    day_cell = recs.cell(row=2, column=col["day"] + 1)
    assert day_cell.is_date
    assert day_cell.number_format == "DD/MM/YYYY"
    evil_village = rows[filled["evil"]][col["village"]]
    assert evil_village == "'" + EVIL
    for row in recs.iter_rows(min_row=2):
        assert all(c.data_type != "f" for c in row)

    summary = wb[SHEET_SUMMARY]
    assert summary.freeze_panes == "A6"
    texts = [c.value for row in summary.iter_rows() for c in row if c.value is not None]
    assert "Điểm hỗ trợ số Tà Lang, Phường Hải Vân" in texts
    assert any(isinstance(t, str) and t.startswith("CÓ DỮ LIỆU MẪU") for t in texts)
    pairs = {r[1]: r[2] for r in summary.iter_rows(min_row=6, values_only=True)}
    assert pairs["Số lượt người dân được hỗ trợ"] == 3

    allowance = wb[SHEET_ALLOWANCE]
    lines = list(allowance.iter_rows(min_row=6, values_only=True))
    assert lines[0][:6] == ("Tổ CNSCĐ", "Tình nguyện viên Hùng", 1, 0, 50_000, 50_000)
    assert lines[1][:2] == ("Tổ CNSCĐ", "Tổng cộng")
    assert lines[1][5] == 50_000
    assert result.includes_demo is True
    (who, detail), = audit_rows(store, "export.xlsx")
    assert who == staff.audit_name
    assert detail["what"] == "all"


def test_xlsx_contacts_only_when_asked(store: Store, staff: Actor, filled: dict[str, str],
                                       tmp_path: Path) -> None:
    export_xlsx(staff, store, MARCH, tmp_path / "c.xlsx", what="records",
                include_contacts=True)
    wb = load_workbook(tmp_path / "c.xlsx")
    assert wb.sheetnames == [SHEET_RECORDS]
    ws = wb[SHEET_RECORDS]
    header = [c.value for c in ws[1]]
    assert header[-5:] == [c.header_vi for c in CONTACT_COLUMNS]
    names = [r[header.index("Họ tên liên hệ")] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert "'@Nguyễn Văn A" in names


def test_xlsx_drops_characters_a_workbook_cannot_hold(store: Store, staff: Actor,
                                                      tmp_path: Path) -> None:
    add_record(store, datetime(2026, 3, 2, 9, 0), village="Tà\x00 Lang\x07")
    export_xlsx(staff, store, MARCH, tmp_path / "ctl.xlsx", what="records")
    ws = load_workbook(tmp_path / "ctl.xlsx")[SHEET_RECORDS]
    header = [c.value for c in ws[1]]
    assert ws.cell(row=2, column=header.index("Thôn/TDP") + 1).value == "Tà Lang"


def test_records_with_the_same_start_time_are_each_exported_once(
        store: Store, staff: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    same = datetime(2026, 3, 2, 9, 0)
    ids = {add_record(store, same) for _ in range(5)}
    monkeypatch.setattr(export_csv_module, "CHUNK", 2)
    export_csv(staff, store, MARCH, tmp_path / "same.csv")
    exported = [r["record_id"] for r in read_csv(tmp_path / "same.csv")]
    assert sorted(exported) == sorted(ids)


def test_the_fast_sqlite_rows_equal_the_orm_rows_cell_for_cell(
        store: Store, filled: dict[str, str]) -> None:
    """The records export reads SQLite with one formatted select (the speed path); every
    other database takes the ORM path. Both must give the same cells, typed and as CSV."""
    with store.write() as s:
        a = s.get(Assistance, filled["plain"])
        assert a is not None
        # Odd cases: a start late in the UTC day (next local day), fractional seconds just
        # under a whole minute, a member unknown here, a ticket-less record.
        a.started_at = datetime(2026, 3, 9, 17, 30, 0, 500_000)
        a.ended_at = datetime(2026, 3, 9, 17, 42, 0, 499_999)
        a.volunteer_uuids = [*a.volunteer_uuids, "0123456789abcdef"]
    slow = export_csv_module._iter_records_orm  # the reference path
    for contacts in (False, True):
        fast_typed = [r for b in export_csv_module.iter_records(store, MARCH, contacts, 2)
                      for r in b]
        orm_typed = [r for b in slow(store, MARCH, contacts, 2) for r in b]
        assert fast_typed == orm_typed
        fast_text = [r for b in export_csv_module.iter_records(store, MARCH, contacts,
                                                               as_text=True) for r in b]
        assert fast_text == [[csv_cell(v) for v in r]
                             for r in orm_typed]
    assert len(fast_text) == 3
    assert any(r[RECORD_COLUMNS.index(next(c for c in RECORD_COLUMNS if c.name == "village"))]
               == "'" + EVIL for r in fast_text)
