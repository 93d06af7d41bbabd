"""Exporting assistance records: kiosk.reports CSV and XLSX against the sqlite3 tool's CSV.

The table is filled with ``session.execute(insert(Assistance), dicts)`` (the bulk path; ORM
objects one by one would take minutes).

- CSV: the floor is the ``sqlite3`` command-line tool writing the same rows (the export's
  period, not deleted, in the export's order) as CSV (``-csv -header``), the cheapest CSV this
  machine can make. The kiosk's export does more (local times, labels, names, formula
  neutralising, BOM, atomic write with fsync, an audit event): the ratio is the price of that.
- XLSX: the floor is a bare openpyxl write-only workbook of the same values (one sheet, no
  styles), as issue #18 item 4 sets it; the kiosk writes with XlsxWriter (constant memory), so
  the note also gives the ratio to a bare XlsxWriter workbook of the same values.
- Dashboard: ``compute_figures`` over a year of a busy help point (about 15,000 records),
  then a change of period (a month), absolute goals.
"""

from __future__ import annotations

import csv
import random
import resource
import shutil
import sqlite3
import subprocess
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from .common import Row, median, time_ms

YEAR = 2026


def assistance_rows(n: int, device_id: str, seed: int = 2026) -> list[dict[str, Any]]:
    from kiosk.assistance import CHANNEL_LABELS_VI, OUTCOME_LABELS_VI

    rng = random.Random(seed)
    outcomes, channels = list(OUTCOME_LABELS_VI), list(CHANNEL_LABELS_VI)
    volunteers = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(12)]
    start = datetime(YEAR, 1, 1, 1, 0)
    rows = []
    for _ in range(n):
        started = start + timedelta(minutes=rng.randrange(0, 360 * 24 * 60))
        ended = started + timedelta(minutes=rng.randrange(5, 60))
        rows.append({
            "uuid": str(uuid.UUID(int=rng.getrandbits(128))), "device_id": device_id,
            "created_at": ended, "updated_at": ended, "started_at": started, "ended_at": ended,
            "volunteer_uuids": rng.sample(volunteers, rng.randint(1, 2)),
            "services": rng.sample(["vneid", "dvc", "vssid", "bank"], rng.randint(1, 2)),
            "tutorial_id": rng.choice([None, "vneid-install", "dvc-login"]),
            "ticket_uuid": None, "outcome": rng.choice(outcomes),
            "channel": rng.choice(channels), "commune": "Hòa Bắc", "village": "Tà Lang",
            "age_band": rng.choice(["18-29", "30-44", "45-59", "60-74", "75+"]),
            "gender": rng.choice(["nam", "nu", ""]), "ethnic_group": None,
            "ethnic_consent_at": None, "first_visit": rng.random() < 0.4,
            "satisfaction": rng.choice([None, 1, 2, 3]), "note": "",
            "contact_name": None, "contact_phone": None, "contact_consent_at": None,
            "contact_consent_purpose": None, "deleted_at": None, "is_demo": False,
        })
    return rows


def export(tmp: Path, n: int, xlsx_n: int, repeat: int) -> list[Row]:
    from sqlalchemy import delete, insert

    from db.engine import DB_FILE
    from db.models import Assistance
    from kiosk.auth import AuthService, Role
    from kiosk.reports.export_csv import export_csv
    from kiosk.reports.export_xlsx import export_xlsx
    from kiosk.reports.periods import custom
    from kiosk.store import Store

    data = tmp / "export-data"
    store = Store.open(data)
    try:
        auth = AuthService(store)
        auth.add_member(None, "Cán bộ đo", Role.STAFF, "2468")
        staff = auth.sign_in("2468")
        rows = assistance_rows(n, store.device_id)
        t0 = time.perf_counter()
        with store.write() as s:
            s.execute(insert(Assistance), rows)
        insert_s = time.perf_counter() - t0
        period = custom(date(YEAR, 1, 1), date(YEAR, 12, 31))

        csv_runs = [_cpu_timed(lambda: export_csv(staff, store, period, tmp / "records.csv"))
                    for _ in range(repeat)]
        csv_ms, csv_cpu = median([w for w, _ in csv_runs]), median([c for _, c in csv_runs])
        csv_peak = _peak_mb(lambda: export_csv(staff, store, period, tmp / "records.csv"))
        # Memory flat: the same peak for a tenth of the records (the first 36 days).
        tenth = custom(date(YEAR, 1, 1), date(YEAR, 2, 5))
        tenth_n = export_csv(staff, store, tenth, tmp / "tenth.csv").rows
        tenth_peak = _peak_mb(lambda: export_csv(staff, store, tenth, tmp / "tenth.csv"))
        sqlite_cpu: list[float] = []
        sqlite_ms = _sqlite_floor(data / DB_FILE, tmp / "sqlite.csv", repeat, period, sqlite_cpu)
        plain_ms = median([_timed(lambda: _plain_python_csv(data / DB_FILE, tmp / "plain.csv"))
                           for _ in range(repeat)])
        out = [Row(f"CSV export of {n:,} records (median of {repeat})", csv_ms, "ms",
                   sqlite_ms, "sqlite3 tool's CSV", "≤ 2× floor",
                   None if sqlite_ms is None else csv_ms <= 2 * sqlite_ms,
                   note=f"bulk insert took {insert_s:.1f} s; Python heap peak during the "
                        f"export (tracemalloc) {tenth_peak:.1f} MB at {tenth_n:,} records, "
                        f"{csv_peak:.1f} MB at {n:,}; CPU time (less exposed to the shared "
                        f"machine's load): export {csv_cpu:.0f} ms, sqlite3 tool "
                        f"{median(sqlite_cpu) if sqlite_cpu else float('nan'):.0f} ms, "
                        f"{csv_cpu / median(sqlite_cpu) if sqlite_cpu else float('nan'):.2f}×"),
               Row("Same table as plain Python CSV (sqlite3 + csv.writer)", plain_ms, "ms",
                   sqlite_ms, "sqlite3 tool's CSV",
                   note="SELECT * with no formatting: what Python itself costs")]
        if xlsx_n < n:  # keep the slow XLSX run to its own size
            with store.write() as s:
                keep = [r["uuid"] for r in rows[:xlsx_n]]
                s.execute(delete(Assistance).where(Assistance.uuid.not_in(keep)))
        xlsx_ms, xlsx_cpu = _cpu_timed(lambda: export_xlsx(
            staff, store, period, tmp / "records.xlsx", what="records"))
        bare_ms, bare_cpu = _bare_openpyxl(store, period, tmp / "bare.xlsx")
        bare_xw_ms, bare_xw_cpu = _bare_xlsxwriter(store, period, tmp / "bare-xw.xlsx")
        out.append(Row(f"XLSX export of {xlsx_n:,} records", xlsx_ms, "ms", bare_ms,
                       "bare openpyxl write-only", "≤ 1.5× floor", xlsx_ms <= 1.5 * bare_ms,
                       note=f"XlsxWriter (constant memory), the kiosk's writer: the export is "
                            f"{xlsx_ms / bare_xw_ms:.2f}× a bare XlsxWriter workbook of the same "
                            f"values ({bare_xw_ms:.0f} ms); bare XlsxWriter / bare openpyxl "
                            f"{bare_xw_ms / bare_ms:.2f}×; CPU time: export {xlsx_cpu:.0f} ms, "
                            f"bare openpyxl {bare_cpu:.0f} ms ({xlsx_cpu / bare_cpu:.2f}×), "
                            f"bare XlsxWriter {bare_xw_cpu:.0f} ms "
                            f"({xlsx_cpu / bare_xw_cpu:.2f}×)"))
        return out
    finally:
        store.close()


def _timed(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def _cpu_timed(fn: Any) -> tuple[float, float]:
    """(wall ms, this process's CPU ms) of ``fn``: CPU time moves far less than wall time
    with the shared machine's load (nine agents on two cores)."""
    c0, t0 = time.process_time(), time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000


def _plain_python_csv(db: Path, out: Path) -> None:
    conn = sqlite3.connect(str(db))
    try:
        cur = conn.execute("SELECT * FROM assistance")
        with out.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([d[0] for d in cur.description])
            writer.writerows(cur)
    finally:
        conn.close()


def _peak_mb(fn: Any) -> float:
    """Peak Python heap growth while ``fn`` runs (tracemalloc): flat means it streams."""
    import tracemalloc

    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _bare_openpyxl(store: Any, period: Any, out: Path) -> tuple[float, float]:
    """The same values in a bare write-only workbook: the cheapest XLSX of this data."""
    from openpyxl import Workbook

    from kiosk.reports.export_csv import iter_records

    rows = [r for batch in iter_records(store, period, False) for r in batch]

    def write() -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Bản ghi")
        for r in rows:
            ws.append(r)
        wb.save(str(out))

    return _cpu_timed(write)


def _bare_xlsxwriter(store: Any, period: Any, out: Path) -> tuple[float, float]:
    """The same values in a bare XlsxWriter workbook (constant memory, no formats; dates need
    a number format in XlsxWriter, so they get one): the kiosk's own writer at its cheapest."""
    from xlsxwriter import Workbook

    from kiosk.reports.export_csv import iter_records

    rows = [r for batch in iter_records(store, period, False) for r in batch]

    def write() -> None:
        wb = Workbook(str(out), {"constant_memory": True, "strings_to_formulas": False,
                                 "strings_to_numbers": False, "strings_to_urls": False,
                                 "default_date_format": "DD/MM/YYYY HH:MM"})
        ws = wb.add_worksheet("Bản ghi")
        for i, r in enumerate(rows):
            ws.write_row(i, 0, r)
        wb.close()

    return _cpu_timed(write)


def _sqlite_floor(db: Path, out: Path, repeat: int, period: Any,
                  cpu: list[float] | None = None) -> float | None:
    """Median wall ms of the sqlite3 tool's CSV; its CPU ms (rusage) appended to ``cpu``."""
    tool = shutil.which("sqlite3")
    if tool is None:
        return None
    utc_from, utc_to = period.utc_bounds()
    same_rows = ("SELECT * FROM assistance WHERE deleted_at IS NULL "
                 f"AND started_at >= '{utc_from:%Y-%m-%d %H:%M:%S.%f}' "
                 f"AND started_at < '{utc_to:%Y-%m-%d %H:%M:%S.%f}' "
                 "ORDER BY started_at, uuid;")

    def run() -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        with out.open("wb") as fh:
            subprocess.run([tool, "-csv", "-header", str(db), same_rows], stdout=fh,
                           check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if cpu is not None:
            cpu.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
                       * 1000)

    return median([_timed(run) for _ in range(repeat)])


def dashboard(tmp: Path, n: int, repeat: int) -> list[Row]:
    """The staff dashboard's figures over a year of ``n`` records, then a period change."""
    from sqlalchemy import insert

    from db.models import Assistance
    from kiosk.auth import AuthService, Role
    from kiosk.reports.figures import compute_figures
    from kiosk.reports.periods import custom
    from kiosk.store import Store

    store = Store.open(tmp / f"dashboard-{n}")
    try:
        auth = AuthService(store)
        auth.add_member(None, "Cán bộ đo", Role.STAFF, "2468")
        staff = auth.sign_in("2468")
        with store.write() as s:
            s.execute(insert(Assistance), assistance_rows(n, store.device_id))
        year = custom(date(YEAR, 1, 1), date(YEAR, 12, 31))
        month = custom(date(YEAR, 6, 1), date(YEAR, 6, 30))
        year_ms = median(time_ms(lambda: compute_figures(staff, store, year), repeat))
        month_ms = median(time_ms(lambda: compute_figures(staff, store, month), repeat))
    finally:
        store.close()
    return [Row(f"Dashboard figures, a year of {n:,} records (median of {repeat})", year_ms,
                "ms", goal="< 300 ms", met=year_ms < 300),
            Row(f"Dashboard period change to one month (median of {repeat})", month_ms, "ms",
                goal="< 100 ms", met=month_ms < 100)]
