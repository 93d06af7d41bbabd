"""The records CSV is byte for byte what the reference path writes, on awkward data.

The reference is the ORM path (:func:`kiosk.reports.export_csv._iter_records_orm`, one ORM
object per record, every cell through :func:`kiosk.csv_cells.csv_cell`, written by
``csv.writer``): the code every export went through before the speed work, kept for other
databases. The fast SQLite path (issue #18: SQLite builds the lines) must give the very same
bytes: diacritics, text a spreadsheet would run, commas/quotes/new lines in free text, NULLs,
soft-deleted and demo rows, unknown services and members, a ticket, times just under a minute,
an edit long after the period, contacts on and off, small chunks (clean and dirty ones mixed),
and local zones other than Viet Nam's (a DST zone, a half-hour zone).
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from db.models import Assistance, Service, Ticket, Volunteer
from kiosk import clock as clock_module
from kiosk.auth import Actor
from kiosk.queue import seed_default_services
from kiosk.reports import export_csv as export_csv_module
from kiosk.reports.export_csv import export_csv, record_columns
from kiosk.reports.periods import Period
from kiosk.store import Store

SPRING = Period(date(2026, 3, 1), date(2026, 4, 30))
AWKWARD_TEXT = [
    "Thôn Phú Túc – Hòa Ninh", "=HYPERLINK(\"http://x\",\"bấm\")", "+84905", "-2+3 gọi lại",
    "@SUM(A1)", "\tthụt đầu dòng", "\rvề đầu", "dấu phẩy, ở giữa", "ngoặc \"kép\" ở giữa",
    "hai\ndòng", "cuối dòng\r\n", "'đã có nháy", "", "Xã Bà Nà", "ẞ𝔘 ký tự ngoài BMP 🙂",
]


def reference_bytes(store: Store, period: Period, include_contacts: bool) -> bytes:
    """What the CSV records export wrote before the speed work (the ORM path)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in record_columns(include_contacts)])
    for batch in export_csv_module._iter_records_orm(store, period, include_contacts, 3):
        writer.writerows([export_csv_module.csv_cell(v) for v in row] for row in batch)
    return buffer.getvalue().encode("utf-8-sig")


def seed(store: Store) -> None:
    """About 60 records over two months (one a DST change in Europe), every awkward case."""
    seed_default_services(store)
    with store.write() as s:
        s.add(Service(code="odd,code", name_vi="=Dịch vụ, có \"dấu\"", prefix="Z",
                      sort=99))
        members = []
        for name in ("Tình nguyện viên Hùng", "=cmd|' /C calc'!A0", "Lê Thị, Hoa"):
            v = Volunteer(display_name=name, role="volunteer", pin_hash="!test", active=True,
                          created_at=datetime(2026, 1, 1))
            s.add(v)
            members.append(v)
        s.flush()
        ticket = Ticket(device_id=store.device_id, day=date(2026, 3, 29), prefix="A", number=7,
                        service_code="vneid", issued_at=datetime(2026, 3, 29, 0, 59))
        s.add(ticket)
        s.flush()
        base = datetime(2026, 2, 28, 16, 30)  # 23:30 on 28 Feb in Viet Nam
        for i in range(60):
            text = AWKWARD_TEXT[i % len(AWKWARD_TEXT)]
            # Through the DST change in Europe (29 March 01:00 UTC) hour by hour, then a
            # day and a bit at a time up to the end of April.
            start = (datetime(2026, 3, 28, 22, 0) + timedelta(minutes=37 * (i - 20))
                     if 20 <= i < 30 else base + timedelta(hours=26 * i + (i % 5)))
            start += timedelta(seconds=59, microseconds=999_999 if i % 3 else 500_000)
            s.add(Assistance(
                uuid=f"{i:02d}-" + "a" * 30 if i != 7 else "=not-a-uuid",
                device_id=store.device_id if i % 11 else "+thiết bị khác",
                created_at=start, started_at=start,
                ended_at=start + timedelta(minutes=i % 45, microseconds=-(i % 2)),
                updated_at=(start + timedelta(days=400)) if i % 13 == 0 else start,
                volunteer_uuids=([members[i % 3].uuid, "0123456789abcdef-unknown"]
                                 if i % 4 else []),
                services=(["vneid", "dvc"] if i % 3 == 0 else
                          ["odd,code", "unknown-service"] if i % 3 == 1 else []),
                tutorial_id=None if i % 2 else ("=tut" if i % 8 == 0 else "vneid-install"),
                ticket_uuid=ticket.uuid if i == 22 else None,
                outcome=("done", "partial", "referred", "follow_up", "=odd")[i % 5],
                channel=("help_point", "home_visit", "phone", "unknown")[i % 4],
                commune=text if i % 2 else "Hải Vân", village=AWKWARD_TEXT[-i % 15],
                age_band=("60-74", "-18", "")[i % 3], gender=("nu", "nam", "")[i % 3],
                first_visit=(None, True, False)[i % 3],
                satisfaction=(None, 1, 5, -1)[i % 4],
                note=text, is_demo=i % 6 == 0, unverified=i % 9 == 0,
                deleted_at=start if i % 10 == 5 else None,
                contact_name=text if i % 2 else None,
                contact_phone="0905123456" if i % 2 else None,
                contact_consent_at=start + timedelta(days=500) if i % 2 else None,
                contact_consent_purpose=AWKWARD_TEXT[(i + 3) % 15] if i % 2 else None))
        # Plain records (chunks with nothing to quote or guard), each ending a hair before
        # or after a whole minute across an hour, a day, a month.
        for i, start in enumerate(datetime(2026, 3, 31, 16, 59, 59, 999_999) + timedelta(
                hours=h) for h in range(0, 40, 2)):
            s.add(Assistance(
                uuid=f"plain-{i:02d}", device_id=store.device_id, created_at=start,
                started_at=start, ended_at=start + timedelta(minutes=1 + i, microseconds=i % 3 - 1),
                updated_at=start, volunteer_uuids=[members[0].uuid], services=["vneid"],
                outcome="done", channel="help_point", commune="Hòa Bắc", village="Tà Lang",
                age_band="60-74", gender="nu", note="", is_demo=False))


@pytest.fixture
def seeded(store: Store) -> Store:
    seed(store)
    return store


@pytest.mark.parametrize("zone", ["Asia/Ho_Chi_Minh", "Europe/Berlin", "Asia/Kolkata"])
@pytest.mark.parametrize("contacts", [False, True])
@pytest.mark.parametrize("chunk", [2000, 7])
def test_records_csv_is_byte_identical_to_the_reference(
        seeded: Store, staff: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        zone: str, contacts: bool, chunk: int) -> None:
    monkeypatch.setattr(clock_module, "LOCAL_TZ", ZoneInfo(zone))
    monkeypatch.setattr(export_csv_module, "CHUNK", chunk)
    seen: dict[str, int] = {"lines": 0, "mixed": 0}

    def spy(name: str) -> None:
        original = getattr(export_csv_module, name)

        def counted(*args: Any, **kw: Any) -> Any:
            seen["lines" if name == "_record_lines_sqlite" else "mixed"] += 1
            return original(*args, **kw)
        monkeypatch.setattr(export_csv_module, name, counted)

    spy("_record_lines_sqlite")
    spy("_mixed_lines")
    expected = reference_bytes(seeded, SPRING, contacts)
    got = export_csv(staff, seeded, SPRING, tmp_path / "r.csv", include_contacts=contacts)
    data = (tmp_path / "r.csv").read_bytes()
    assert data == expected
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert got.rows == len(rows) - 1 >= 65  # 80 seeded, 6 soft-deleted, a few in May
    assert got.includes_demo
    # SQLite built the lines wherever the zone allows (whole hours, changed on the hour);
    # some chunks needed the cell-by-cell rebuild, some (with 7 rows a chunk) did not.
    assert seen["lines"] == (0 if zone == "Asia/Kolkata" else 1)
    if seen["lines"]:
        assert 0 < seen["mixed"] < (2 if chunk > 100 else got.rows // chunk)


def test_the_reference_really_holds_the_awkward_cases(seeded: Store, staff: Actor,
                                                      tmp_path: Path) -> None:
    """So that the comparison above cannot pass on data that avoids them."""
    export_csv(staff, seeded, SPRING, tmp_path / "r.csv", include_contacts=True)
    text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert {r["village"] for r in rows} >= {"'=HYPERLINK(\"http://x\",\"bấm\")", "hai\ndòng",
                                           "dấu phẩy, ở giữa", "Thôn Phú Túc – Hòa Ninh"}
    assert "'=Dịch vụ, có \"dấu\"" in {r["service_names"].split("; ")[0] for r in rows}
    assert "A007" in {r["ticket"] for r in rows}
    assert {r["satisfaction"] for r in rows} == {"", "1", "5", "-1"}
    assert {r["first_visit"] for r in rows} == {"", "1", "0"}
    assert "'=not-a-uuid" in {r["record_id"] for r in rows}
    assert any(r["updated_at"] > "2027" for r in rows)
    assert {r["verification"] for r in rows} == {"", "chưa xác thực"}
