"""``help-kiosk export`` and ``help-kiosk demo-data`` run as a staff member would run them."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from db.models import ActivityDay, Assistance, AuditEvent, Ticket, TutorialEvent, Volunteer
from kiosk.auth import Actor, Role
from kiosk.clock import FakeClock
from kiosk.demo import DemoRefused, generate_demo
from kiosk.queue import seed_default_services
from kiosk.reports.allowance import compute_allowance
from kiosk.reports.figures import compute_figures
from kiosk.reports.periods import Period
from kiosk.store import Store
from tests.conftest import STAFF_PIN

ROOT = Path(__file__).resolve().parents[2]


def run(data_dir: Path, *args: str, pin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("KIOSK_STAFF_PIN", None)
    if pin is not None:
        env["KIOSK_STAFF_PIN"] = pin
    return subprocess.run([sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), *args],
                          cwd=ROOT, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)


def export(data_dir: Path, out: Path, *extra: str, fmt: str = "csv",
           pin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run(data_dir, "export", "--from", "2026-03-01", "--to", "31/03/2026", "--format",
               fmt, "--out", str(out), *extra, pin=pin)


def add_record(store: Store, local_start: datetime, *, contact: bool = False,
               is_demo: bool = False) -> None:
    start = local_start - timedelta(hours=7)
    with store.write() as s:
        s.add(Assistance(device_id=store.device_id, created_at=start, updated_at=start,
                         started_at=start, ended_at=start + timedelta(minutes=10),
                         volunteer_uuids=[], services=["vneid"], outcome="done",
                         channel="help_point", village="Tà Lang", is_demo=is_demo,
                         contact_name="Trần Thị B" if contact else None,
                         contact_phone="0905000111" if contact else None,
                         contact_consent_at=start if contact else None,
                         contact_consent_purpose="Liên hệ lại" if contact else None))


@pytest.fixture
def with_records(store: Store, staff: Actor) -> Store:
    seed_default_services(store)
    add_record(store, datetime(2026, 3, 2, 9, 0), contact=True)
    add_record(store, datetime(2026, 3, 3, 9, 0))
    return store


def audit_actions(store: Store, action: str) -> list[str]:
    with store.read() as s:
        return list(s.scalars(select(AuditEvent.actor).where(AuditEvent.action == action)))


# -- export ----------------------------------------------------------------------------------

def test_csv_export_succeeds_and_is_audited_under_the_os_login(
        data_dir: Path, with_records: Store, tmp_path: Path) -> None:
    out = tmp_path / "thang-3.csv"
    done = export(data_dir, out)
    assert done.returncode == 0, done.stderr
    assert "Đã xuất Tháng 3/2026 (2 dòng)" in done.stdout
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 2
    assert "contact_phone" not in rows[0]
    (actor,) = audit_actions(with_records, "export.csv")
    assert actor.startswith("staff:os-user:")


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "2026-03-31", "--to", "2026-03-01", "--format", "csv"], "sau ngày kết thúc"),
    (["--from", "2026-03-01", "--to", "2026-03-31", "--format", "docx"], "Không có định dạng"),
    (["--from", "2026-03-01", "--to", "2026-03-31", "--format", "csv", "--what", "all"],
     "Không có loại xuất"),
    (["--from", "hôm qua", "--to", "2026-03-31", "--format", "csv"], "Không hiểu ngày"),
    (["--to", "2026-03-31", "--format", "csv"], "--from"),
    (["--period", "month", "--format", "pdf", "--what", "records"], "không liệt kê"),
    (["--period", "month", "--format", "pdf", "--include-contacts"], "chỉ dùng khi xuất"),
])
def test_mistakes_exit_1_with_a_vietnamese_line_and_no_file(
        data_dir: Path, with_records: Store, tmp_path: Path, args: list[str],
        message: str) -> None:
    out = tmp_path / "out" / "r.csv"
    out.parent.mkdir()
    done = run(data_dir, "export", *args, "--out", str(out))
    assert done.returncode == 1
    assert done.stderr.startswith("Lỗi: ")
    assert message in done.stderr
    assert list(out.parent.iterdir()) == []


@pytest.mark.parametrize("where", ["missing-folder/r.csv", "a-file.txt/r.csv", "a-folder"])
def test_an_unwritable_path_exits_1_and_writes_nothing(data_dir: Path, with_records: Store,
                                                       tmp_path: Path, where: str) -> None:
    (tmp_path / "a-file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a-folder").mkdir()
    before = sorted(p.name for p in tmp_path.rglob("*") if "data" not in p.parts)
    done = export(data_dir, tmp_path / where)
    assert done.returncode == 1
    assert done.stderr.startswith("Lỗi: ")
    assert sorted(p.name for p in tmp_path.rglob("*") if "data" not in p.parts) == before
    assert audit_actions(with_records, "export.csv") == []


def test_contacts_are_refused_without_the_right_staff_pin(
        data_dir: Path, with_records: Store, tmp_path: Path) -> None:
    out = tmp_path / "lien-he.csv"
    refused = export(data_dir, out, "--include-contacts", pin="9999")
    assert refused.returncode == 1
    assert "Mã PIN không đúng" in refused.stderr
    assert not out.exists()
    no_pin = export(data_dir, out, "--include-contacts")  # no terminal to type it on
    assert no_pin.returncode == 1
    assert "mã PIN" in no_pin.stderr
    assert not out.exists()


def test_contacts_with_the_staff_pin(data_dir: Path, with_records: Store,
                                     tmp_path: Path) -> None:
    out = tmp_path / "lien-he.csv"
    done = export(data_dir, out, "--include-contacts", pin=STAFF_PIN)
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["contact_phone"] for r in rows} == {"0905000111", ""}
    # Owner-only, and the person is told so (outputs review defect 11).
    assert "chỉ tài khoản của bạn mở được" in done.stdout
    if os.name != "nt":
        assert out.stat().st_mode & 0o077 == 0
    (actor,) = audit_actions(with_records, "export.csv")
    assert actor.startswith("staff:") and "os-user" not in actor


def test_xlsx_from_the_command_line(data_dir: Path, with_records: Store,
                                    tmp_path: Path) -> None:
    xlsx = tmp_path / "r.xlsx"
    assert export(data_dir, xlsx, fmt="xlsx").returncode == 0
    assert load_workbook(xlsx).sheetnames == ["Tổng hợp", "Bản ghi", "Kinh phí hỗ trợ"]


def test_pdf_from_the_command_line(data_dir: Path, with_records: Store,
                                   tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    done = export(data_dir, pdf, fmt="pdf")
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Kỳ báo cáo: Tháng 3/2026" in text
    assert "Tổ trưởng Tổ CNSCĐ" in text


# -- demo data -------------------------------------------------------------------------------

def test_demo_data_fills_an_empty_dir_and_everything_is_marked(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo-data"
    done = run(data_dir, "demo-data", "--days", "3", "--per-day", "5")
    assert done.returncode == 0, done.stderr
    assert "Đã tạo dữ liệu mẫu cho 3 ngày: 15 lượt hỗ trợ" in done.stdout
    store = Store.open(data_dir)
    try:
        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(Assistance)) == 15
            assert s.scalar(select(func.count()).select_from(Assistance)
                            .where(Assistance.is_demo.is_(False))) == 0
            assert s.scalar(select(func.count()).select_from(Ticket)
                            .where(Ticket.is_demo.is_(False))) == 0
            assert s.scalar(select(func.count()).select_from(TutorialEvent)
                            .where(TutorialEvent.is_demo.is_(False))) == 0
            assert s.scalar(select(func.count()).select_from(ActivityDay)
                            .where(ActivityDay.is_demo.is_(False))) == 0
            names = set(s.scalars(select(Volunteer.display_name)))
            villages = set(s.scalars(select(Assistance.village)))
        assert "Tình nguyện viên Hùng" in names
        assert villages & {"Tà Lang", "Giàn Bí", "Nam Yên"}  # from resources/lists/villages.toml
    finally:
        store.close()
    again = run(data_dir, "demo-data", "--days", "2", "--per-day", "1")
    assert again.returncode == 0, again.stderr  # a demo-only dir may get more demo data


def test_demo_data_refuses_a_dir_with_real_records(data_dir: Path, with_records: Store) -> None:
    done = run(data_dir, "demo-data", "--days", "2", "--per-day", "3")
    assert done.returncode == 1
    assert "bản ghi thật" in done.stderr
    with with_records.read() as s:
        assert s.scalar(select(func.count()).select_from(Assistance)) == 2


def test_demo_generation_is_seeded_and_reports_flag_it(tmp_path: Path) -> None:
    def make(name: str) -> tuple[Store, list[tuple[object, ...]]]:
        (tmp_path / name).mkdir()
        store = Store.open(tmp_path / name, clock=FakeClock(datetime(2026, 3, 10, 3, 0)))
        generate_demo(store, 10, 6, seed=7)
        with store.read() as s:
            rows = sorted((tuple(r) for r in s.execute(
                select(Assistance.started_at, Assistance.services, Assistance.village,
                       Assistance.outcome, Assistance.age_band))), key=repr)
        return store, rows

    first, rows_a = make("a")
    second, rows_b = make("b")
    try:
        assert rows_a == rows_b
        assert len(rows_a) == 60
        # Nothing after "now" (10:00 local on the last day).
        assert max(r[0] for r in rows_a) <= datetime(2026, 3, 10, 3, 0)  # type: ignore[type-var]
        staff = Actor(role=Role.STAFF, uuid="t")
        period = Period(date(2026, 3, 1), date(2026, 3, 31))
        f = compute_figures(staff, first, period)
        assert f.includes_demo is True
        assert f.demo_records == f.citizens_helped > 0
        a = compute_allowance(staff, first, period)
        assert a.includes_demo is True
        with first.read() as s:
            distinct = s.execute(select(ActivityDay.volunteer_uuid, ActivityDay.day)
                                 .where(ActivityDay.day >= period.start).distinct()).all()
            total_rows = s.scalar(select(func.count()).select_from(ActivityDay)
                                  .where(ActivityDay.day >= period.start))
        assert total_rows > len(distinct)  # sign-in and record on the same day …
        assert sum(v.active_days for v in a.teams[0].volunteers) == len(distinct)  # … count once
        # A dir with real records is refused, in-process too.
        add_record(second, datetime(2026, 3, 10, 8, 0))
        with pytest.raises(DemoRefused):
            generate_demo(second, 1, 1)
    finally:
        first.close()
        second.close()
