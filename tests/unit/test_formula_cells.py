"""No file the kiosk writes hands a spreadsheet a formula, whichever way the text came in.

Regression: the per-person data export (``records export``, the staff tab) had its own CSV
writer without the formula guard, so a note ``=HYPERLINK(...)`` went out as a live formula.
Every writer now goes through one cell rule (:mod:`kiosk.csv_cells`); this test drives each
file the project writes: the report CSV and XLSX, the person export, and the exports made
after a mobile team's bundle was merged.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kiosk.assistance import AssistanceService
from kiosk.auth import Actor, AuthService, Role
from kiosk.bundles import BundleService
from kiosk.clock import FakeClock
from kiosk.plain_text import has_control
from kiosk.queue import seed_default_services
from kiosk.reports.export_csv import export_csv
from kiosk.reports.export_xlsx import export_xlsx
from kiosk.reports.periods import Period
from kiosk.store import Store
from tests.conftest import STAFF_PIN
from tests.unit.test_exports import add_member, add_record

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
PHONE = "0905123456"
PAYLOADS = [
    '=HYPERLINK("http://x","bấm")',
    "=cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "+1",
    "-1",
    "\tghi chú",
]
RUNS = ("=", "+", "-", "@", "\t", "\r")
#: What can arrive in a bundle: a text with a control character (the tab) is refused whole
#: by the one validator (kiosk.plain_text), so it never reaches the other machine's files.
TRAVELLING = [p for p in PAYLOADS if not has_control(p)]


def fill(store: Store, payloads: list[str] = PAYLOADS) -> None:
    seed_default_services(store)
    hung = add_member(store, "Tình nguyện viên Hùng")
    for day, note in enumerate(payloads, start=2):
        add_record(store, datetime(2026, 3, day, 9, 0), note=note,
                   contact=(note, PHONE), village=note, volunteers=(hung,))


def cells_of(path: Path) -> Iterator[str]:
    if path.suffix == ".xlsx":
        wb = load_workbook(path, read_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                yield from (v for v in row if isinstance(v, str))
        wb.close()
        return
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            yield from row


def assert_no_formula(path: Path, payloads: list[str] = PAYLOADS) -> None:
    cells = list(cells_of(path))
    for payload in payloads:
        carrying = [c for c in cells if payload.strip() in c]
        assert carrying, f"{payload!r} missing from {path.name}"
        for cell in carrying:
            assert not cell.startswith(RUNS), f"{path.name}: {cell!r} would run as a formula"


def write_every_file(store: Store, staff: Actor, out: Path) -> list[Path]:
    out.mkdir()
    files = [
        export_csv(staff, store, MARCH, out / "records.csv", include_contacts=True).path,
        export_xlsx(staff, store, MARCH, out / "report.xlsx", include_contacts=True).path,
    ]
    AssistanceService(store).export_person(staff, PHONE, out / "person.csv")
    files.append(out / "person.csv")
    return files


def test_report_csv_xlsx_and_person_export_carry_no_formula(
        store: Store, staff: Actor, tmp_path: Path) -> None:
    fill(store)
    for path in write_every_file(store, staff, tmp_path / "out"):
        assert_no_formula(path)


@pytest.fixture
def second_kiosk(tmp_path: Path, clock: FakeClock) -> Iterator[tuple[Store, Actor]]:
    other = tmp_path / "hub"
    other.mkdir()
    store = Store.open(other, clock=clock)
    auth = AuthService(store)
    auth.add_member(None, "Cán bộ Mai", Role.STAFF, STAFF_PIN)
    yield store, auth.sign_in(STAFF_PIN)
    store.close()


def test_exports_after_a_bundle_merge_carry_no_formula(
        store: Store, staff: Actor, second_kiosk: tuple[Store, Actor], tmp_path: Path) -> None:
    fill(store, TRAVELLING)
    bundle = tmp_path / "bundle.zip"
    hub, hub_staff = second_kiosk
    sender = BundleService(store)
    sender.export_bundle(staff, date(2026, 3, 1), bundle,
                         to_key=BundleService(hub).keys().box_public_b64())
    seed_default_services(hub)
    BundleService(hub).import_bundle(hub_staff, bundle,
                                     trust_key=sender.keys().verify_key_b64())
    for path in write_every_file(hub, hub_staff, tmp_path / "hub-out"):
        assert_no_formula(path, TRAVELLING)
