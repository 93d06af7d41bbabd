"""CSV exports (records, summary, allowance) and what every export shares.

The same functions serve ``help-kiosk export`` and the staff screen (which passes a
``progress(done, total)`` callback and runs them off the GUI thread). Every export:

* needs a staff actor (the CLI acts as ``staff:os-user:<login>``, see :func:`cli_actor`);
* leaves contact details out unless ``include_contacts=True``;
* marks demo rows (a column) and demo-tainted summaries (a banner row);
* neutralises spreadsheet formulas: a text cell starting with ``=``, ``+``, ``-``, ``@``,
  a tab or a carriage return gets a leading ``'`` (the one cell rule, :mod:`kiosk.csv_cells`);
* writes to a temporary file and moves it into place, so a failure leaves nothing partial;
* is recorded in the audit log (who, when, which format and content, which path, how many
  rows), after the file is in place.

CSV files are UTF-8 with a BOM (Excel needs it to show Vietnamese), comma-separated,
``\\r\\n`` line ends, one header row. Dates are ISO ``YYYY-MM-DD``; times are local
(Asia/Ho_Chi_Minh) ``YYYY-MM-DD HH:MM``. Column names are stable; new columns are only ever
added at the end. They are also listed in ``docs/exports.md``.

Records (``--what records``), one row per assistance record (soft-deleted rows left out):

=====================  ==============================================================
record_id              the record's UUID (same on every machine after a merge)
device_id              the machine that made the record
is_demo                1 for demo data made by ``help-kiosk demo-data``, else 0
day                    local day the help started
started_at, ended_at   local start / end time
duration_min           whole minutes
services               service codes, ``;``-separated
service_names          service names, ``; ``-separated
outcome                outcome code (done, partial, referred, follow_up)
outcome_label          outcome in Vietnamese
channel                where/how (help_point, home_visit, phone)
channel_label          channel in Vietnamese
commune                xã/phường/đặc khu
village                thôn/tổ dân phố
age_band               age band code as recorded
gender                 gender code as recorded
first_visit            1 first visit, 0 returning, empty unknown
satisfaction           the citizen's rating, empty if not asked
tutorial_id            the tutorial used, if any
ticket                 queue number (e.g. A005), if any
volunteers             team members who helped, ``; ``-separated
volunteer_ids          their UUIDs, ``;``-separated
updated_at             local time of the last change
verification           "chưa xác thực" for a record from an old unsigned bundle, else ""
=====================  ==============================================================

Only with ``include_contacts=True`` (a staff PIN), appended after those: ``contact_name``,
``contact_phone``, ``contact_consent_at``, ``contact_consent_purpose``, ``note`` (free text
can hold personal details, so it travels with the contacts). The ethnic group is never
exported per record (sensitive data, facts.md §5).

Summary (``--what summary``): columns ``section, key, label, value``; sections ``notice``
(only when demo data is included), ``overview``, ``service``, ``outcome``, ``channel``,
``village``, ``age_gender`` (key ``age|gender``), ``volunteer``, ``daily``, ``queue_service``,
``tutorial`` (key ``<id>.opened|finished|completion_pct|stop_step``), ``printed``,
``satisfaction``.

Allowance (``--what allowance``): one row per member per active day, team by team:
``team_id, team_name, day, rule, volunteer_id, volunteer_name, due_vnd, paid_vnd, is_demo,
verification``.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, literal_column, or_, select
from sqlalchemy.orm import Session

from db.models import Assistance, Service, Ticket, Volunteer
from kiosk import audit
from kiosk.auth import Actor, Role, require
from kiosk.clock import local_day, to_local
from kiosk.csv_cells import DANGEROUS_START, csv_cell, neutralise
from kiosk.errors import KioskError
from kiosk.files import PRIVATE_MODE, atomic_output
from kiosk.reports.allowance import Allowance, TeamAllowance, compute_allowance
from kiosk.reports.figures import CHANNEL_LABELS, OUTCOME_LABELS, Figures, compute_figures
from kiosk.reports.periods import Period
from kiosk.store import Store

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
CHUNK = 2000


class What(StrEnum):
    RECORDS = "records"
    SUMMARY = "summary"
    ALLOWANCE = "allowance"


class ExportError(KioskError, ValueError):
    """A request that cannot be exported as asked (Vietnamese text says what to change)."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    what: str
    rows: int
    includes_demo: bool
    owner_only: bool = False  # holds contacts: readable by the owner only (say so)


@dataclass(frozen=True)
class Column:
    """A record column: stable CSV name, Vietnamese header, kind (text/int/date/datetime)."""

    name: str
    header_vi: str
    kind: str = "text"
    width: int = 14


RECORD_COLUMNS: tuple[Column, ...] = (
    Column("record_id", "Mã bản ghi", width=38),
    Column("device_id", "Mã máy", width=38),
    Column("is_demo", "Dữ liệu mẫu", "int", 10),
    Column("day", "Ngày", "date", 12),
    Column("started_at", "Bắt đầu", "datetime", 17),
    Column("ended_at", "Kết thúc", "datetime", 17),
    Column("duration_min", "Số phút", "int", 9),
    Column("services", "Mã dịch vụ", width=16),
    Column("service_names", "Dịch vụ", width=36),
    Column("outcome", "Mã kết quả", width=12),
    Column("outcome_label", "Kết quả", width=22),
    Column("channel", "Mã hình thức", width=12),
    Column("channel_label", "Hình thức", width=20),
    Column("commune", "Xã/phường", width=20),
    Column("village", "Thôn/TDP", width=20),
    Column("age_band", "Nhóm tuổi", width=10),
    Column("gender", "Giới tính", width=10),
    Column("first_visit", "Lần đầu", "int", 8),
    Column("satisfaction", "Mức hài lòng", "int", 10),
    Column("tutorial_id", "Bài hướng dẫn", width=22),
    Column("ticket", "Số thứ tự", width=10),
    Column("volunteers", "Thành viên hỗ trợ", width=30),
    Column("volunteer_ids", "Mã thành viên", width=38),
    Column("updated_at", "Sửa lần cuối", "datetime", 17),
    # "chưa xác thực" for a record from an old unsigned bundle (kiosk.sync.merge), else "".
    Column("verification", "Xác thực", width=14),
)
#: The cell of the ``verification`` column for a record that nobody can vouch for.
UNVERIFIED_VI = "chưa xác thực"
CONTACT_COLUMNS: tuple[Column, ...] = (
    Column("contact_name", "Họ tên liên hệ", width=24),
    Column("contact_phone", "Số điện thoại", width=14),
    Column("contact_consent_at", "Đồng ý lúc", "datetime", 17),
    Column("contact_consent_purpose", "Mục đích liên hệ", width=30),
    Column("note", "Ghi chú", width=40),
)
ALLOWANCE_COLUMNS: tuple[Column, ...] = (
    Column("team_id", "Mã tổ", width=38),
    Column("team_name", "Tổ", width=30),
    Column("day", "Ngày", "date", 12),
    Column("rule", "Quy định áp dụng", width=34),
    Column("volunteer_id", "Mã thành viên", width=38),
    Column("volunteer_name", "Thành viên", width=28),
    Column("due_vnd", "Mức theo ngày (đồng)", "int", 16),
    Column("paid_vnd", "Được hỗ trợ (đồng)", "int", 16),
    Column("is_demo", "Dữ liệu mẫu", "int", 10),
    Column("verification", "Xác thực", width=14),
)
SUMMARY_COLUMNS: tuple[Column, ...] = (
    Column("section", "Mục"), Column("key", "Mã"), Column("label", "Nội dung", width=44),
    Column("value", "Giá trị", width=14),
)


def record_columns(include_contacts: bool) -> tuple[Column, ...]:
    return RECORD_COLUMNS + (CONTACT_COLUMNS if include_contacts else ())


def cli_actor(os_user: str) -> Actor:
    """The actor the command line works as: whoever can open the data dir, by OS login."""
    return Actor(Role.STAFF, uuid=f"os-user:{os_user}", name=os_user)


def record_export(store: Store, actor: Actor, fmt: str, what: str, period: Period, path: Path,
                  rows: int, include_contacts: bool) -> None:
    """The audit entry for a finished export (ids, counts and the path only)."""
    with store.write() as s:
        audit.record(s, store, actor.audit_name, f"export.{fmt}", what=what,
                     period_from=period.start, period_to=period.end, where=str(path),
                     rows=rows, include_contacts=include_contacts)
    log.info("export %s/%s written: %d rows", fmt, what, rows)


# -- records ---------------------------------------------------------------------------------

def count_records(store: Store, period: Period) -> tuple[int, bool]:
    """(number of records, any of them demo) in the period."""
    utc_from, utc_to = period.utc_bounds()
    with store.read() as s:
        n, demo = s.execute(
            select(func.count(), func.max(Assistance.is_demo))
            .where(Assistance.deleted_at.is_(None), Assistance.started_at >= utc_from,
                   Assistance.started_at < utc_to)).one()
    return int(n), bool(demo)


def records_started_in(store: Store, period: Period) -> int:
    """Records started in the period, soft-deleted ones included: an upper bound of what an
    export writes, counted from the (started_at, uuid) index alone."""
    utc_from, utc_to = period.utc_bounds()
    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(Assistance).where(
            Assistance.started_at >= utc_from, Assistance.started_at < utc_to)) or 0)


def _local(dt: datetime | None) -> datetime | None:
    return to_local(dt).replace(tzinfo=None, second=0, microsecond=0) if dt else None


def iter_records(store: Store, period: Period, include_contacts: bool,
                 chunk: int = CHUNK, *, as_text: bool = False) -> Iterator[list[list[Any]]]:
    """Records in :func:`record_columns` order, ``chunk`` rows at a time.

    ``as_text=False``: typed rows (str/int/date/datetime/None), for the workbook.
    ``as_text=True``: rows of ready CSV cells (``str``, formulas neutralised); the CSV export
    itself takes :func:`iter_record_lines` (lines made by SQLite).

    On SQLite (every kiosk) one plain Core ``select()`` streams the rows with the local
    times, the day and the ticket number already formatted by SQLite itself, and the rest is
    precomputed lookups (labels, service and member names per distinct list): no ORM objects
    and no per-value type tests, so a year of records costs about what reading them costs
    (docs/benchmarks.md). Memory stays flat: rows are fetched and written ``chunk`` at a time.
    One read transaction: under WAL it never holds the kiosk's writers up. Other databases
    (the hub's PostgreSQL) take the ORM path below, which gives the same rows.
    """
    offset = _fixed_utc_offset(period)
    if store.engine.dialect.name != "sqlite" or offset is None:
        for batch in _iter_records_orm(store, period, include_contacts, chunk):
            yield [_text_row(r) for r in batch] if as_text else batch
        return
    yield from _iter_records_sqlite(store, period, include_contacts, chunk, offset, as_text)


def iter_record_lines(store: Store, period: Period, include_contacts: bool,
                      chunk: int | None = None) -> Iterator[tuple[str, int, bool]]:
    """The records as finished CSV text, ``chunk`` rows at a time: (lines, rows, any demo).

    Each piece ends in ``\r\n`` and is exactly what ``csv.writer`` writes for the rows of
    :func:`iter_records` ``as_text=True`` (``tests/unit/test_export_csv_identical.py``). On
    SQLite, whenever the local zone's offsets are whole hours changing on the hour (Viet Nam's
    and most zones, DST or not), SQLite itself builds every line (:func:`_record_lines_sqlite`),
    so Python does no per-cell work; elsewhere the rows are written by ``csv.writer``.
    """
    size = CHUNK if chunk is None else chunk
    if store.engine.dialect.name == "sqlite":
        hours = _hour_table(store, period)
        if hours is not None:
            yield from _record_lines_sqlite(store, period, include_contacts, size, hours)
            return
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    demo_i = [c.name for c in RECORD_COLUMNS].index("is_demo")
    for batch in iter_records(store, period, include_contacts, size, as_text=True):
        writer.writerows(batch)
        yield buffer.getvalue(), len(batch), any(r[demo_i] == "1" for r in batch)
        buffer.seek(0)
        buffer.truncate()


#: Local hours are looked up for the stored UTC hours of this span around the first and last
#: start: one row per hour (a year is under 9,000). A time outside it (an edit long after the
#: period) is converted by a Python function SQLite calls for that value only.
_HOUR_TABLE_MARGIN = timedelta(days=1)


def _hour_table(store: Store, period: Period) -> list[tuple[str, str, int]] | None:
    """(stored UTC hour ``YYYY-MM-DD HH:``, local hour ``YYYY-MM-DD HH``, hours since 1970)
    for every hour around the period's records, exact from the zone database (a DST change
    is just another row), or None when the zone has an offset that is not whole hours or
    changes off the hour (then a local minute is not "local hour + stored minute")."""
    utc_from, utc_to = period.utc_bounds()
    with store.read() as s:
        first = s.scalar(select(func.min(Assistance.started_at)).where(
            Assistance.started_at >= utc_from, Assistance.started_at < utc_to))
        last = s.scalar(select(func.max(Assistance.started_at)).where(
            Assistance.started_at >= utc_from, Assistance.started_at < utc_to))
    lo = (first or utc_from).replace(minute=0, second=0, microsecond=0) - _HOUR_TABLE_MARGIN
    hi = (last or utc_from) + _HOUR_TABLE_MARGIN
    hour = timedelta(hours=1)
    tick = timedelta(microseconds=1)
    rows: list[tuple[str, str, int]] = []
    h, previous = lo, None
    ep = (lo - _EPOCH) // hour
    while h <= hi:
        offset = to_local(h).utcoffset()
        if offset is None or offset % hour:
            return None
        if offset != previous:
            if previous is not None and to_local(h - tick).utcoffset() != previous:
                return None  # the offset changed inside the hour before
            previous = offset
        rows.append((h.isoformat(" ", "hours") + ":", (h + offset).isoformat(" ", "hours"), ep))
        h += hour
        ep += 1
    return rows


def _sql_text(value: str) -> str:
    """A constant as an SQL string literal (our own label tables, never outside input)."""
    return "'" + value.replace("'", "''") + "'"


_LINE, _DEMO = itemgetter(0), itemgetter(2)  # of a fetched (line, rowid, is_demo)
_DANGEROUS_CODES = ", ".join(str(ord(c)) for c in DANGEROUS_START)


def _plain_lines(lines: str, rows: int, commas: int) -> bool:
    """True when ``rows`` lines (joined with nothing between) need no quoting: every comma
    is a separator, no quote, no line break (each a fast C scan of the whole chunk). The
    formula guard is already in the SQL."""
    return ('"' not in lines and "\n" not in lines and "\r" not in lines
            and lines.count(",") == commas * rows)


def _record_lines_sqlite(store: Store, period: Period, include_contacts: bool, chunk: int,
                         hours: list[tuple[str, str, int]]) -> Iterator[tuple[str, int, bool]]:
    """One SELECT that gives each record as its finished CSV line, so Python does no per-cell
    work (docs/benchmarks.md, "CSV"): SQLite's ``printf`` joins the cells; local times come
    from the hour table joined per time column; whole minutes are integer arithmetic on it;
    labels are small CASE tables; the formula guard (:func:`kiosk.csv_cells.neutralise`) is a
    CASE on each text cell's first character; service and member lists come from a memoised
    ``dict.__getitem__`` SQLite calls per row. Python joins a chunk of lines, checks with a
    few C string scans that no cell needs quoting (a comma, a quote, a line break) and writes
    it; a line that does (a village "Thôn 1, xã X", a note) is rebuilt from the reference
    path (:func:`_record_row`, :func:`csv_cell`, ``csv.writer``), so the file is the same
    byte for byte either way (``tests/unit/test_export_csv_identical.py``)."""
    utc_from, utc_to = period.utc_bounds()
    a, t = Assistance.__tablename__, Ticket.__tablename__
    local_text = _LocalText()

    def guard(cell: str) -> str:  # kiosk.csv_cells.neutralise, in SQL
        return (f"CASE WHEN unicode({cell}) IN ({_DANGEROUS_CODES}) THEN '''' || {cell} "
                f"ELSE {cell} END")

    def local(col: str, n: int, nullable: bool = False) -> str:
        cell = f"coalesce(h{n}.local || substr(a.{col}, 14, 3), kiosk_local(a.{col}))"
        return f"CASE WHEN a.{col} IS NULL THEN '' ELSE {cell} END" if nullable else cell

    # Whole minutes from start to end, exact: the whole minutes between their minutes (from
    # the hour table's hours since 1970), less one when the end's "SS.ffffff" is earlier in
    # its minute than the start's (fixed width, so compared as text); never negative.
    minutes = ("CASE WHEN length(a.started_at) = 26 AND length(a.ended_at) = 26 THEN "
               "max(0, (h1.ep - h0.ep) * 60 + substr(a.ended_at, 15, 2) "
               "- substr(a.started_at, 15, 2) - (substr(a.ended_at, 18) < substr(a.started_at, "
               "18))) END")

    def labels(col: str, table: Mapping[str, str]) -> str:
        whens = " ".join(f"WHEN {_sql_text(k)} THEN {_sql_text(neutralise(v))}"
                         for k, v in table.items())
        return f"CASE a.{col} {whens} ELSE {guard('a.' + col)} END"

    cells = [
        guard("a.uuid"), guard("a.device_id"), "CASE WHEN a.is_demo THEN '1' ELSE '0' END",
        "substr(coalesce(h0.local, kiosk_local(a.started_at)), 1, 10)",
        local("started_at", 0), local("ended_at", 1),
        f"coalesce({minutes}, kiosk_minutes(a.started_at, a.ended_at))",
        "kiosk_services(a.services)", guard("a.outcome"), labels("outcome", OUTCOME_LABELS),
        guard("a.channel"), labels("channel", CHANNEL_LABELS), guard("a.commune"),
        guard("a.village"), guard("a.age_band"), guard("a.gender"),
        "coalesce(a.first_visit, '')", "coalesce(a.satisfaction, '')",
        guard("coalesce(a.tutorial_id, '')"),
        guard("coalesce(t.prefix || printf('%03d', t.number), '')"),
        "kiosk_members(a.volunteer_uuids)", local("updated_at", 2),
        f"CASE WHEN a.unverified THEN {_sql_text(UNVERIFIED_VI)} ELSE '' END",
    ]
    if include_contacts:
        cells += [guard("coalesce(a.contact_name, '')"), guard("coalesce(a.contact_phone, '')"),
                  local("contact_consent_at", 3, nullable=True),
                  guard("coalesce(a.contact_consent_purpose, '')"), guard("a.note")]
    commas = len(record_columns(include_contacts)) - 1  # the lists give two cells each
    joins = "".join(f" LEFT OUTER JOIN temp.kiosk_hours AS h{n} ON h{n}.utc = "
                    f"substr(a.{col}, 1, 14)"
                    for n, col in enumerate(("started_at", "ended_at", "updated_at",
                                             "contact_consent_at")[:4 if include_contacts
                                                                   else 3]))
    line = f"printf('{','.join(['%s'] * len(cells))}', {', '.join(cells)})"  # one allocation
    sql = (f"SELECT {line}, a.rowid, a.is_demo FROM {a} AS a "
           f"LEFT OUTER JOIN {t} AS t ON t.uuid = a.ticket_uuid{joins} "
           "WHERE a.deleted_at IS NULL AND a.started_at >= ? AND a.started_at < ? "
           "ORDER BY a.started_at, a.uuid")
    bounds = (f"{utc_from:%Y-%m-%d %H:%M:%S.%f}", f"{utc_to:%Y-%m-%d %H:%M:%S.%f}")
    with store.read() as s:
        services = dict(s.execute(select(Service.code, Service.name_vi)).tuples().all())
        names = dict(s.execute(select(Volunteer.uuid, Volunteer.display_name)).tuples().all())
        # dict.__getitem__ as the SQL function: a value seen before costs no Python frame.
        service_cells = _ListCells(lambda c: services.get(c, c), names_first=False)
        member_cells = _ListCells(lambda v: names.get(v, v[:8]), names_first=True)
        conn: Any = s.connection().connection.driver_connection
        for name, n_args, fn in (("kiosk_local", 1, local_text.__getitem__),
                                 ("kiosk_minutes", 2, _minutes_between),
                                 ("kiosk_services", 1, service_cells.__getitem__),
                                 ("kiosk_members", 1, member_cells.__getitem__)):
            conn.create_function(name, n_args, fn, deterministic=True)
        cursor = conn.cursor()
        try:
            cursor.execute("DROP TABLE IF EXISTS temp.kiosk_hours")
            cursor.execute("CREATE TABLE temp.kiosk_hours (utc TEXT PRIMARY KEY, "
                           "local TEXT NOT NULL, ep INTEGER NOT NULL) WITHOUT ROWID")
            cursor.executemany("INSERT INTO temp.kiosk_hours VALUES (?, ?, ?)", hours)
            cursor.execute(sql, bounds)
            while fetched := cursor.fetchmany(chunk):
                lines = list(map(_LINE, fetched))  # C loops: no Python frame per row
                try:
                    plain = _plain_lines("".join(lines), len(lines), commas)
                except TypeError:  # no line (cannot happen): rebuild from the reference
                    plain = False
                text = ("\r\n".join(lines) if plain
                        else _mixed_lines(s, fetched, commas, include_contacts))
                yield text + "\r\n", len(lines), any(map(_DEMO, fetched))
        finally:
            cursor.close()
            with suppress(Exception):
                conn.execute("DROP TABLE IF EXISTS temp.kiosk_hours")


def _mixed_lines(s: Session, fetched: Sequence[tuple[str | None, int, int]], commas: int,
                 include_contacts: bool) -> str:
    """The lines of a chunk where some cells need quoting: those records are written cell by
    cell from the reference path, the others as SQLite made them."""
    dirty = [rowid for line, rowid, _demo in fetched
             if line is None or not _plain_lines(line, 1, commas)]
    uuids: dict[int, str] = dict(s.execute(select(literal_column("rowid"), Assistance.uuid)
                           .where(literal_column("rowid").in_(dirty))).tuples().all())
    rows = _reference_rows(s, list(uuids.values()), include_contacts)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    wanted = set(dirty)
    for line, rowid, _demo in fetched:
        if rowid in wanted:
            writer.writerow([csv_cell(v) for v in rows[uuids[rowid]]])
        else:
            buffer.write(line or "")
            buffer.write("\r\n")
    return buffer.getvalue()[:-2]


def _reference_rows(s: Session, uuids: Sequence[str],
                    include_contacts: bool) -> dict[str, list[Any]]:
    """Typed rows of these records by the reference path (ORM objects, :func:`_record_row`)."""
    services = dict(s.execute(select(Service.code, Service.name_vi)).tuples().all())
    names = dict(s.execute(select(Volunteer.uuid, Volunteer.display_name)).tuples().all())
    batch = list(s.scalars(select(Assistance).where(Assistance.uuid.in_(uuids))))
    ticket_ids = {r.ticket_uuid for r in batch if r.ticket_uuid}
    tickets = ({u: f"{p}{n:03d}" for u, p, n in s.execute(
        select(Ticket.uuid, Ticket.prefix, Ticket.number)
        .where(Ticket.uuid.in_(ticket_ids)))} if ticket_ids else {})
    return {r.uuid: _record_row(r, services, names, tickets, include_contacts) for r in batch}


class _LocalText(dict[str, str]):
    """A stored UTC time → local ``YYYY-MM-DD HH:MM``: what SQLite calls for a time outside
    the hour table (exact, from the zone database; memoised, bounded)."""

    def __missing__(self, stored: str) -> str:
        local = _local(datetime.fromisoformat(stored))
        text = local.strftime("%Y-%m-%d %H:%M") if local else ""
        if len(self) < 100_000:
            self[stored] = text
        return text


def _minutes_between(start: str, end: str) -> int:
    """Whole minutes from ``start`` to ``end`` (stored UTC texts), never negative."""
    us = (datetime.fromisoformat(end) - datetime.fromisoformat(start)) // timedelta(
        microseconds=1)
    return us // 60_000_000 if us > 0 else 0


class _ListCells(dict[str, str]):
    """A stored JSON list (service codes, member ids) → its two CSV cells, ids ``;``-joined
    and labels ``; ``-joined (``labels,ids`` when ``names_first``), each formula-guarded,
    memoised per distinct stored value (a year has a few dozen; bounded)."""

    def __init__(self, label: Callable[[str], str], names_first: bool) -> None:
        super().__init__()
        self._label = label
        self._names_first = names_first

    def __missing__(self, stored: str) -> str:
        items = [str(x) for x in (json.loads(stored) if stored else []) or []]
        ids = neutralise(";".join(items))
        labels = neutralise("; ".join(self._label(x) for x in items))
        cells = f"{labels},{ids}" if self._names_first else f"{ids},{labels}"
        if len(self) < 10_000:
            self[stored] = cells
        return cells


def _fixed_utc_offset(period: Period) -> timedelta | None:
    """The local zone's UTC offset if it is the same all through the period (Viet Nam has
    had one offset since 1975), else None (then times are converted row by row)."""
    utc_from, utc_to = period.utc_bounds()
    first = to_local(utc_from).utcoffset()
    last = to_local(utc_to).utcoffset()
    return first if first == last else None


_EPOCH = datetime(1970, 1, 1)


class _LocalTimes(dict[str, tuple[str, int]]):
    """A stored UTC time's leading part (up to the hour, or the minute when the zone's offset
    is not whole hours) → (the local time's same leading part, microseconds since 1970 at that
    point). A year has under 9,000 hours, so nearly every time is one dict lookup and a
    slice instead of a datetime parsed, shifted and formatted (or SQLite's ``strftime``)."""

    def __init__(self, offset: timedelta) -> None:
        super().__init__()
        self.offset = offset
        self.key = 13 if offset % timedelta(hours=1) == timedelta(0) else 16

    def __missing__(self, key: str) -> tuple[str, int]:
        utc = datetime.fromisoformat(key + (":00" if self.key == 13 else ""))
        local = (utc + self.offset).strftime("%Y-%m-%d %H:%M")[:self.key]
        value = (local, (utc - _EPOCH) // timedelta(microseconds=1))
        if len(self) < 100_000:  # bounded: memory stays flat on any data
            self[key] = value
        return value

    def text(self, stored: str | None) -> str:
        """Local ``YYYY-MM-DD HH:MM`` of a stored UTC time ('' for none)."""
        if not stored:
            return ""
        return self[stored[:self.key]][0] + stored[self.key:16]

    def micros(self, stored: str) -> int:
        """Microseconds since 1970 of a stored UTC time (exact: integers only)."""
        if len(stored) == 26 and self.key == 13:  # 'YYYY-MM-DD HH:MM:SS.ffffff'
            return (self[stored[:13]][1] + int(stored[14:16]) * 60_000_000
                    + int(stored[17:19] + stored[20:26]))
        return (datetime.fromisoformat(stored) - _EPOCH) // timedelta(microseconds=1)


def _iter_records_sqlite(store: Store, period: Period, include_contacts: bool, chunk: int,
                         offset: timedelta, as_text: bool) -> Iterator[list[list[Any]]]:
    utc_from, utc_to = period.utc_bounds()
    a, t = Assistance.__tablename__, Ticket.__tablename__
    contact_cols = (", a.contact_name, a.contact_phone, a.contact_consent_at, "
                    "a.contact_consent_purpose, a.note") if include_contacts else ""
    # The stored values as they are (text, integers): the DB-API cursor hands them over
    # without SQLAlchemy's result processing, and the lookups below do the rest.
    sql = ("SELECT a.uuid, a.device_id, a.is_demo, a.started_at, a.ended_at, a.services, "
           "a.outcome, a.channel, a.commune, a.village, a.age_band, a.gender, a.first_visit, "
           "a.satisfaction, a.tutorial_id, t.prefix || printf('%03d', t.number), "
           f"a.volunteer_uuids, a.updated_at, a.unverified{contact_cols} "
           f"FROM {a} AS a LEFT OUTER JOIN {t} AS t ON t.uuid = a.ticket_uuid "
           "WHERE a.deleted_at IS NULL AND a.started_at >= ? AND a.started_at < ? "
           "ORDER BY a.started_at, a.uuid")
    bounds = (f"{utc_from:%Y-%m-%d %H:%M:%S.%f}", f"{utc_to:%Y-%m-%d %H:%M:%S.%f}")
    times = _LocalTimes(offset)
    with store.read() as s:
        services = dict(s.execute(select(Service.code, Service.name_vi)).tuples().all())
        names = dict(s.execute(select(Volunteer.uuid, Volunteer.display_name)).tuples().all())
        # Cells of text (for the CSV) are guarded against formulas; typed rows are not (the
        # workbook guards every text cell itself).
        guard: Callable[[Any], Any] = neutralise if as_text else (lambda v: v)
        service_cells = _JsonListCells(lambda c: services.get(c, c), guard)
        member_cells = _JsonListCells(lambda v: names.get(v, v[:8]), guard)
        outcome_cells = _CodeCells(OUTCOME_LABELS, guard)
        channel_cells = _CodeCells(CHANNEL_LABELS, guard)
        few = _FewValues(neutralise)  # columns with a handful of distinct values
        danger = frozenset(DANGEROUS_START)
        text, micros, key = times.text, times.micros, times.key
        whole_hours = key == 13
        cursor = s.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql, bounds)
            while True:
                fetched = cursor.fetchmany(chunk)
                if not fetched:
                    return
                out: list[list[Any]] = []
                for (uid, device, demo, start, end, svc, outc, chan, commune, village, age,
                     gender, first, sat, tut, ticket, vols, upd, unver, *contact) in fetched:
                    codes, svc_names = service_cells(svc)
                    vol_ids, vol_names = member_cells(vols)
                    outc, outc_label = outcome_cells(outc)
                    chan, chan_label = channel_cells(chan)
                    # text() and micros() written out: this loop runs once per record.
                    st, en = times[start[:key]], times[end[:key]]
                    start_l, end_l = st[0] + start[key:16], en[0] + end[key:16]
                    if whole_hours and len(start) == 26 == len(end):
                        us = (en[1] - st[1] + (int(end[14:16]) - int(start[14:16])) * 60_000_000
                              + int(end[17:19] + end[20:26]) - int(start[17:19] + start[20:26]))
                    else:
                        us = micros(end) - micros(start)
                    minutes = us // 60_000_000 if us > 0 else 0
                    if as_text:
                        row: list[Any] = [
                            "'" + uid if uid[:1] in danger else uid, few[device],
                            "1" if demo else "0", start_l[:10], start_l, end_l, str(minutes),
                            codes, svc_names, outc, outc_label, chan, chan_label, few[commune],
                            few[village], few[age], few[gender],
                            "" if first is None else str(first),
                            "" if sat is None else str(sat), few[tut or ""],
                            few[ticket or ""], vol_names, vol_ids,
                            times[upd[:key]][0] + upd[key:16] if upd else "",
                            UNVERIFIED_VI if unver else ""]
                        if contact:
                            row += [guard(contact[0] or ""), guard(contact[1] or ""),
                                    text(contact[2]), guard(contact[3] or ""),
                                    guard(contact[4] or "")]
                    else:
                        row = [uid, device, int(bool(demo)), date.fromisoformat(start_l[:10]),
                               _minute(start_l), _minute(end_l), minutes, codes, svc_names,
                               outc, outc_label, chan, chan_label, commune, village, age,
                               gender, None if first is None else int(first), sat, tut or "",
                               ticket or "", vol_names, vol_ids, _minute(text(upd)),
                               UNVERIFIED_VI if unver else ""]
                        if contact:
                            row += [contact[0] or "", contact[1] or "",
                                    _minute(text(contact[2])), contact[3] or "",
                                    contact[4] or ""]
                    out.append(row)
                yield out
        finally:
            cursor.close()


class _FewValues(dict[str, str]):
    """Memoised guard for columns with few distinct values (commune, village, age band…):
    ``few[value]`` is one dict lookup; bounded, so memory stays flat on any data."""

    LIMIT = 10_000

    def __init__(self, guard: Callable[[Any], Any]) -> None:
        super().__init__()
        self._guard = guard

    def __missing__(self, value: str) -> str:
        cell: str = self._guard(value)
        if len(self) < self.LIMIT:
            self[value] = cell
        return cell


def _minute(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class _JsonListCells:
    """A stored JSON list (service codes, member ids) → (ids ``;``-joined, labels
    ``; ``-joined), memoised per distinct stored value: a year has a few dozen distinct
    lists, not one per record. ``guard`` is applied once per distinct value."""

    def __init__(self, label: Callable[[str], str], guard: Callable[[Any], Any]) -> None:
        self._label = label
        self._guard = guard
        self._memo: dict[str | None, tuple[str, str]] = {}

    def __call__(self, stored: str | None) -> tuple[str, str]:
        try:
            return self._memo[stored]
        except KeyError:
            pass
        items = [str(x) for x in (json.loads(stored) if stored else []) or []]
        cells = (self._guard(";".join(items)),
                 self._guard("; ".join(self._label(x) for x in items)))
        self._memo[stored] = cells
        return cells


class _CodeCells:
    """A code → (code cell, label cell), precomputed for the known codes."""

    def __init__(self, labels: Mapping[str, str], guard: Callable[[Any], Any]) -> None:
        self._guard = guard
        self._labels = labels
        self._memo = {k: (guard(k), guard(v)) for k, v in labels.items()}

    def __call__(self, code: str) -> tuple[str, str]:
        try:
            return self._memo[code]
        except KeyError:
            cells = (self._guard(code), self._guard(self._labels.get(code, code)))
            self._memo[code] = cells
            return cells


def _text_row(row: list[Any]) -> list[str]:
    return [csv_cell(v) for v in row]


def _iter_records_orm(store: Store, period: Period, include_contacts: bool,
                      chunk: int = CHUNK) -> Iterator[list[list[Any]]]:
    """The same rows through ORM objects, in keyset chunks (any database)."""
    utc_from, utc_to = period.utc_bounds()
    with store.read() as s:
        services = dict(s.execute(select(Service.code, Service.name_vi)).tuples().all())
        names = dict(s.execute(select(Volunteer.uuid, Volunteer.display_name)).tuples().all())
    after: tuple[datetime, str] | None = None
    while True:
        q = (select(Assistance)
             .where(Assistance.deleted_at.is_(None), Assistance.started_at >= utc_from,
                    Assistance.started_at < utc_to)
             .order_by(Assistance.started_at, Assistance.uuid).limit(chunk))
        if after is not None:
            q = q.where(or_(Assistance.started_at > after[0],
                            and_(Assistance.started_at == after[0],
                                 Assistance.uuid > after[1])))
        with store.read() as s:
            batch = list(s.scalars(q))
            ticket_ids = {a.ticket_uuid for a in batch if a.ticket_uuid}
            tickets = ({u: f"{p}{n:03d}" for u, p, n in s.execute(
                select(Ticket.uuid, Ticket.prefix, Ticket.number)
                .where(Ticket.uuid.in_(ticket_ids)))} if ticket_ids else {})
            rows = [_record_row(a, services, names, tickets, include_contacts) for a in batch]
        if not rows:
            return
        yield rows
        if len(batch) < chunk:
            return
        after = (batch[-1].started_at, batch[-1].uuid)


def _record_row(a: Assistance, services: Mapping[str, str], names: Mapping[str, str],
                tickets: Mapping[str, str], include_contacts: bool) -> list[Any]:
    codes = list(a.services or [])
    vols = list(a.volunteer_uuids or [])
    row: list[Any] = [
        a.uuid, a.device_id, int(bool(a.is_demo)), local_day(a.started_at),
        _local(a.started_at), _local(a.ended_at),
        max(0, int((a.ended_at - a.started_at).total_seconds() // 60)),
        ";".join(codes), "; ".join(services.get(c, c) for c in codes),
        a.outcome, OUTCOME_LABELS.get(a.outcome, a.outcome),
        a.channel, CHANNEL_LABELS.get(a.channel, a.channel),
        a.commune, a.village, a.age_band, a.gender,
        None if a.first_visit is None else int(a.first_visit),
        a.satisfaction, a.tutorial_id or "", tickets.get(a.ticket_uuid or "", ""),
        "; ".join(names.get(v, v[:8]) for v in vols), ";".join(vols), _local(a.updated_at),
        UNVERIFIED_VI if a.unverified else "",
    ]
    if include_contacts:
        row += [a.contact_name or "", a.contact_phone or "", _local(a.contact_consent_at),
                a.contact_consent_purpose or "", a.note or ""]
    return row


# -- summary and allowance as rows -----------------------------------------------------------

@dataclass(frozen=True)
class SummaryRow:
    section: str
    key: str
    label: str
    value: Any


SECTION_LABELS = {
    "notice": "Lưu ý", "overview": "Tổng quan", "service": "Theo dịch vụ",
    "outcome": "Theo kết quả", "channel": "Theo hình thức", "village": "Theo thôn/TDP",
    "age_gender": "Theo độ tuổi và giới tính", "volunteer": "Theo thành viên",
    "daily": "Theo ngày", "queue_service": "Số thứ tự theo dịch vụ",
    "tutorial": "Bài hướng dẫn", "printed": "Tờ hướng dẫn đã in",
    "satisfaction": "Mức hài lòng", "practice": "Tập thử",
}
DEMO_NOTICE = "CÓ DỮ LIỆU MẪU (DEMO) — không dùng để báo cáo chính thức"


def unverified_notice(n: int) -> str:
    """The note every report carries when records came from an old unsigned bundle."""
    return (f"Có {n} bản ghi chưa xác thực (nhập từ gói dữ liệu kiểu cũ không có chữ ký, theo "
            "lựa chọn của cán bộ): chưa đủ căn cứ để đề nghị hỗ trợ")


def unverified_days_notice(n: int) -> str:
    """The note under every allowance table with member-days from an old unsigned bundle."""
    return (f"Lưu ý: {n} ngày hoạt động của thành viên đến từ gói dữ liệu kiểu cũ không có chữ "
            "ký (chưa xác thực). Các ngày này vẫn được tính ở bảng dưới; hãy kiểm tra với tổ "
            "gửi trước khi chi.")


def summary_rows(f: Figures) -> list[SummaryRow]:
    """The figures flattened to (section, key, label, value), in report order."""
    out: list[SummaryRow] = []
    if f.includes_demo:
        out.append(SummaryRow("notice", "includes_demo", DEMO_NOTICE, 1))
    if f.unverified_records:
        out.append(SummaryRow("notice", "unverified_records", unverified_notice(
            f.unverified_records), f.unverified_records))
    q = f.queue
    overview: list[tuple[str, str, Any]] = [
        ("period_from", "Từ ngày", f.period.start), ("period_to", "Đến ngày", f.period.end),
        ("citizens_helped", "Số lượt người dân được hỗ trợ", f.citizens_helped),
        ("demo_records", "Trong đó: bản ghi mẫu (demo)", f.demo_records),
        ("tickets_issued", "Số thứ tự đã phát", q.tickets),
        ("tickets_served", "Số thứ tự đã phục vụ xong", q.served),
        ("tickets_no_show", "Số thứ tự vắng mặt", q.no_shows),
        ("priority_tickets_issued", "Số ưu tiên đã phát", q.priority_tickets),
        ("priority_tickets_served", "Số ưu tiên đã phục vụ xong", q.priority_served),
        ("median_wait_min", "Thời gian chờ (trung vị, phút)",
         round(q.median_wait_minutes, 1) if q.median_wait_minutes is not None else ""),
        ("p90_wait_min", "Thời gian chờ của 90% người dân không quá (phút)",
         round(q.p90_wait_minutes, 1) if q.p90_wait_minutes is not None else ""),
        ("tutorials_opened", "Lượt mở bài hướng dẫn", sum(t.opened for t in f.tutorials)),
        ("tutorials_finished", "Lượt học hết bài", sum(t.finished for t in f.tutorials)),
        ("printed_sheets", "Số tờ hướng dẫn đã in", f.printed_sheets),
        ("home_visits_requested", "Yêu cầu đến nhà hỗ trợ mới", f.home_visits.requested),
        ("home_visits_done", "Đến nhà hỗ trợ đã xong", f.home_visits.done),
        ("home_visits_cancelled", "Yêu cầu đến nhà đã hủy", f.home_visits.cancelled),
        ("home_visits_waiting", "Yêu cầu đến nhà còn chờ (cuối kỳ)", f.home_visits.waiting),
        ("satisfaction_answered", "Số người trả lời mức hài lòng", f.satisfaction.answered),
        ("satisfaction_avg", "Mức hài lòng trung bình",
         round(f.satisfaction.average, 2) if f.satisfaction.average is not None else ""),
    ]
    out += [SummaryRow("overview", k, lbl, v) for k, lbl, v in overview]
    for section, rows in (("service", f.by_service), ("outcome", f.by_outcome),
                          ("channel", f.by_channel), ("village", f.by_village),
                          ("volunteer", f.by_volunteer)):
        out += [SummaryRow(section, r.key, r.label, r.count) for r in rows]
    out += [SummaryRow("queue_service", sf.code, sf.name_vi, sf.tickets) for sf in q.by_service]
    out += [SummaryRow("age_gender", f"{r.age_band}|{r.gender}",
                       f"{r.age_label} – {r.gender_label}", r.count) for r in f.by_age_gender]
    out += [SummaryRow("daily", d.day.isoformat(), d.day.strftime("%d/%m/%Y"), d.count)
            for d in f.daily]
    for t in f.tutorials:
        out += [SummaryRow("tutorial", f"{t.tutorial_id}.opened", f"{t.title}: lượt mở",
                           t.opened),
                SummaryRow("tutorial", f"{t.tutorial_id}.finished", f"{t.title}: học hết",
                           t.finished),
                SummaryRow("tutorial", f"{t.tutorial_id}.completion_pct",
                           f"{t.title}: tỉ lệ học hết (%)", round(t.completion_rate * 100, 1)),
                SummaryRow("tutorial", f"{t.tutorial_id}.stop_step",
                           f"{t.title}: bước hay dừng nhất",
                           t.stop_step if t.stop_step is not None else "")]
    out += [SummaryRow("printed", r.key, r.label, r.count) for r in f.printed_by_tutorial]
    out += [SummaryRow("satisfaction", r.key, f"Mức {r.label}", r.count)
            for r in f.satisfaction.distribution]
    # Added last (docs/exports.md: new rows only at the end, so old readers keep working).
    if f.practices:
        out += [SummaryRow("practice", "total.started", "Lượt tập thử",
                           sum(p.started for p in f.practices)),
                SummaryRow("practice", "total.finished", "Lượt tập xong",
                           sum(p.finished for p in f.practices))]
    for p in f.practices:
        out += [SummaryRow("practice", f"{p.tutorial_id}.started", f"{p.title}: lượt tập thử",
                           p.started),
                SummaryRow("practice", f"{p.tutorial_id}.finished", f"{p.title}: tập xong",
                           p.finished),
                SummaryRow("practice", f"{p.tutorial_id}.wrong_touches",
                           f"{p.title}: số lần bấm sai", p.wrong_touches),
                SummaryRow("practice", f"{p.tutorial_id}.most_wrong_screen",
                           f"{p.title}: màn hay bấm sai nhất",
                           p.most_wrong_screen if p.most_wrong_screen is not None else "")]
    return out


def allowance_rows(a: Allowance | TeamAllowance) -> list[list[Any]]:
    """One row per member per active day, team by team (each team capped on its own)."""
    teams = a.teams if isinstance(a, Allowance) else (a,)
    return [[t.team_id, t.team_name, ln.day, ln.rule_name or "Không có quy định",
             ln.volunteer_uuid, ln.name, ln.due_vnd, ln.paid_vnd, int(ln.is_demo),
             UNVERIFIED_VI if ln.unverified else ""]
            for t in teams for ln in t.lines]


# -- the CSV writer --------------------------------------------------------------------------

def _write_csv(tmp: Path, header: Sequence[str], rows: Iterator[Any],
               ready: bool = False) -> None:
    """Write a CSV; ``ready`` rows are pieces of finished CSV text (the records)."""
    with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(header)
        if ready:
            for text in rows:  # one encode and one write per chunk of lines
                fh.write(text)
            return
        for row in rows:
            w.writerow([csv_cell(v) for v in row])


def parse_what(what: str | What | None, default: What) -> What:
    if what is None:
        return default
    try:
        return What(what)
    except ValueError as exc:
        raise ExportError(f"Không có loại xuất “{what}”. Chọn một trong: records (bản ghi), "
                          "summary (tổng hợp), allowance (kinh phí hỗ trợ).",
                          en=f"There is no export kind “{what}”. Choose one of: records, summary, "
                             "allowance.") from exc


def export_csv(actor: Actor, store: Store, period: Period, path: Path, *,
               what: str | What = What.RECORDS, include_contacts: bool = False,
               progress: Progress | None = None,
               titles: Mapping[str, str] | None = None) -> ExportResult:
    """Write one CSV file (records, summary or allowance) atomically and audit it. Staff."""
    require(actor, Role.STAFF)
    kind = parse_what(what, What.RECORDS)
    path = Path(path)
    report = progress or (lambda _d, _t: None)
    if kind is What.RECORDS:
        # The progress total is the records started in the period as the index counts them
        # (soft-deleted ones too: counting only the others reads every row, a tenth of the
        # export's time); the last report is (rows, rows).
        total = records_started_in(store, period)
        done, demo = 0, False
        report(0, total)

        def chunks() -> Iterator[str]:
            nonlocal done, demo
            for text, n, any_demo in iter_record_lines(store, period, include_contacts):
                yield text
                done += n
                demo = demo or any_demo
                report(done, max(total, done))

        with atomic_output(path, mode=PRIVATE_MODE if include_contacts else None) as tmp:
            _write_csv(tmp, [c.name for c in record_columns(include_contacts)], chunks(),
                       ready=True)
        rows = done
        if done != total:
            report(done, done)
    elif kind is What.SUMMARY:
        report(0, 1)
        figures = compute_figures(actor, store, period, titles)
        srows = summary_rows(figures)
        with atomic_output(path) as tmp:
            _write_csv(tmp, [c.name for c in SUMMARY_COLUMNS],
                       iter([[r.section, r.key, r.label, r.value] for r in srows]))
        rows, demo = len(srows), figures.includes_demo
        report(1, 1)
    else:
        report(0, 1)
        allowance = compute_allowance(actor, store, period)
        arows = allowance_rows(allowance)
        with atomic_output(path) as tmp:
            _write_csv(tmp, [c.name for c in ALLOWANCE_COLUMNS], iter(arows))
        rows, demo = len(arows), allowance.includes_demo
        report(1, 1)
    record_export(store, actor, "csv", kind.value, period, path, rows, include_contacts)
    return ExportResult(path, "csv", kind.value, rows, demo,
                        owner_only=include_contacts and kind is What.RECORDS)
