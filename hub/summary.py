"""Daily summary rows: the records' counts per help point, local day and dimension.

Why: the city page over a year of 500 help points (7.3 million records) must answer in under
a second (issue #21 item 10). Running the kiosk's GROUP BY queries over every record took
3.2 s at 50 help points. So the hub keeps, per help point × local day × dimension (people,
outcome, channel, village, age band with gender, satisfaction score, first visits, demo and
unverified records, service, volunteer, demo activity days) → count, and adds whole months up
once more (``monthly_summary``). A page sums the whole months of its period from the monthly
rows and the days at either end from the daily rows, then hands the totals to the kiosk's own
:func:`kiosk.reports.figures.figures_from` as a :class:`~kiosk.reports.figures.RecordCounts`:
the labels, sorting and averages are the kiosk dashboard's, so one help point's numbers agree
exactly on both (``tests/hub_web/test_summary.py``).

The rows are written by :func:`after_ingest` inside the ingest transaction, for only what a
batch changed: the records' rows of the days its changed records had before and after the
merge (so an edit that moves a record to another day, or a soft delete, is counted right),
counted in SQL inside the database (one INSERT … SELECT per run of days), and the rows of the
daily counts that changed, from their values; a replay writes nothing. :func:`rebuild`
counts existing data (``help-kiosk-hub rebuild-summary``, and hub migration ``h0006``).

The counting rules are the kiosk's (``kiosk.reports.figures``): soft-deleted records are left
out; a record listing a service or volunteer twice counts once under it; a record's day is
its local start day. Counts only: no names, phones or notes.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    and_,
    bindparam,
    cast,
    delete,
    false,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from db.models import ActivityDay, Assistance
from hub.models import DailyCount, HubBase
from kiosk.clock import local_day, local_midnight_utc, to_local
from kiosk.queue import QueueFigures
from kiosk.reports.figures import (
    CountFigures,
    FigureScope,
    PracticeCounts,
    PracticeFigures,
    RecordCounts,
    TutorialCounts,
    TutorialFigures,
    practice_figures_from,
    tutorial_figures_from,
)
from kiosk.reports.periods import Period
from kiosk.reports.waits import BINS
from kiosk.sync.merge import DAILY_COUNT_KEYS, DAILY_COUNT_MORE

log = logging.getLogger(__name__)

# Dimensions (the ``dim`` column). The key is "" where the dimension has only one.
PEOPLE = "people"
OUTCOME = "outcome"
CHANNEL = "channel"
VILLAGE = "village"
AGE_GENDER = "age_gender"  # key "<age band>|<gender>" ("" for not recorded)
SATISFACTION = "satisfaction"  # key "1".."5"; records without a score have no row
FIRST_VISIT = "first_visit"
DEMO = "demo"
UNVERIFIED = "unverified"
SERVICE = "service"
VOLUNTEER = "volunteer"
DEMO_ACTIVITY = "demo_activity"  # demo activity days (not records)
DIMENSIONS = (PEOPLE, OUTCOME, CHANNEL, VILLAGE, AGE_GENDER, SATISFACTION, FIRST_VISIT,
              DEMO, UNVERIFIED, SERVICE, VOLUNTEER, DEMO_ACTIVITY)
# From the daily counts the kiosks send (hub.models.DailyCount, issue #21 item 2).
QUEUE = "q"  # key: a DailyCount column (tickets_issued, no_shows, priority_tickets, …)
WAIT = "wait"  # key: the waits histogram's bin, "00".."19" (kiosk.reports.waits)
T_OPENED = "t_opened"  # key: tutorial id
T_FINISHED = "t_finished"
T_STOPPED = "t_stopped"
T_ASKS = "t_asks"
T_STOP = "t_stop"  # key "<tutorial id>|<step>": unfinished runs that stopped at that step
SCAM = "scam"  # key: kind of scam check
P_STARTED = "p_started"  # key: practice id (issue #22's practices)
P_FINISHED = "p_finished"
P_WRONG = "p_wrong"  # key "<practice id>|<screen>": wrong touches on that screen
STALE = "stale"  # a commune's rows of that day await :func:`settle`
COUNT_DIMENSIONS = (QUEUE, WAIT, T_OPENED, T_FINISHED, T_STOPPED, T_ASKS, T_STOP, SCAM,
                    P_STARTED, P_FINISHED, P_WRONG)
QUEUE_KEYS = (*DAILY_COUNT_KEYS, *DAILY_COUNT_MORE)
_TUTORIAL_DIMS = {"opened": T_OPENED, "finished": T_FINISHED, "stopped": T_STOPPED,
                  "asks": T_ASKS}
KEY_MAX = 120
#: ``help_point_id`` and ``team_id`` of a commune's rows: its help points' rows added up, so
#: the city and commune pages read a row per commune instead of one per help point (no help
#: point id is "*": they are uuids).
ALL = "*"  # the longest key: a village name (merge.PLACE_MAX) or a service code


def _covering_key(period: str) -> PrimaryKeyConstraint:
    """The one index of a summary table, for writing and reading (hub migration
    h0009_ingest): it leads with what the pages filter on (help point, "*" for a commune's
    rows; ``period``, the day or month; dimension) and carries the count, so a page's sums
    are index-only scans on PostgreSQL, and every summary row an ingest writes maintains one
    wide index instead of two (a separate read index cost about a fifth of the summary's
    PostgreSQL time, hub_load.py)."""
    return PrimaryKeyConstraint("help_point_id", period, "dim", "key", "commune_code",
                                "team_id", postgresql_include=["n"])


class _SummaryRow:
    """The columns both summary tables share, declared once; each table adds its period
    column (``day`` or ``month``) as the second.

    The column order is the tables' as made by hub migration h0006 (from these classes) and
    matters to the summary statements (``_COLUMNS``, ``json_populate_recordset`` over the
    table's row type): ``sort_order`` puts the help point before the class's own period
    column and the rest after it (SQLAlchemy puts a mixin's columns after the class's own
    otherwise). ``tests/hub/test_schema.py`` checks both the order and that the models and
    the migrations agree."""

    help_point_id: Mapped[str] = mapped_column(String(36), sort_order=-1)
    commune_code: Mapped[str] = mapped_column(String(8), sort_order=1)
    team_id: Mapped[str] = mapped_column(String(36), sort_order=1)
    dim: Mapped[str] = mapped_column(String(16), sort_order=1)
    key: Mapped[str] = mapped_column(String(KEY_MAX), sort_order=1)
    n: Mapped[int] = mapped_column(Integer, sort_order=1)


class DailySummary(_SummaryRow, HubBase):
    """Records of one help point on one local day, counted per dimension and key."""

    __tablename__ = "daily_summary"
    __table_args__ = (
        _covering_key("day"),
        # Communes' days awaiting settle (few rows).
        Index("ix_daily_summary_stale", "commune_code", "day",
              postgresql_where=literal_column("dim = 'stale'"),
              sqlite_where=literal_column("dim = 'stale'")),
        # The people-per-day chart: one row per help point (or commune) and day.
        Index("ix_daily_summary_people", "help_point_id", "day",
              postgresql_where=literal_column("dim = 'people'"),
              sqlite_where=literal_column("dim = 'people'"),
              postgresql_include=["commune_code", "n"]),
    )
    day: Mapped[date] = mapped_column(Date)


class MonthlySummary(_SummaryRow, HubBase):
    """The daily rows of one calendar month added up (``month`` = its first day)."""

    __tablename__ = "monthly_summary"
    __table_args__ = (_covering_key("month"),)
    month: Mapped[date] = mapped_column(Date)


#: The two tables as Core tables (for INSERT … SELECT and DELETE in the server).
DAILY: Table = DailySummary.__table__  # type: ignore[assignment]
MONTHLY: Table = MonthlySummary.__table__  # type: ignore[assignment]
_COLUMNS = ("help_point_id", "commune_code", "team_id", "day", "dim", "key", "n")
_IN_CHUNK = 500


# -- writing ---------------------------------------------------------------------------------


def local_days(hours: Iterable[datetime]) -> dict[datetime, tuple[date, ...]]:
    """The local day(s) of each UTC start hour: one, unless the hour spans local midnight
    (a zone with a half-hour offset), then both (counting a day too many again is harmless).
    """
    out: dict[datetime, tuple[date, ...]] = {}
    for hour in hours:
        if hour not in out:
            first, last = local_day(hour), local_day(hour + _HOUR_END)
            out[hour] = (first,) if first == last else (first, last)
    return out


_HOUR_END = timedelta(hours=1, microseconds=-1)


def after_ingest(session: Session, changed: Iterable[tuple[str, str, datetime]],
                 counts: Sequence[Mapping[str, Any]], counts_at: tuple[str, str, str]) -> None:
    """Count again what one batch changed, in the ingest's transaction, after the merge and
    the daily counts' upsert.

    ``changed`` is the merge's (help point, commune, UTC start hour) of every record version
    it wrote or replaced (:attr:`kiosk.sync.merge.MergeSummary.changed`): the records'
    dimensions of those days are counted again from the records (an edit that moves a
    record to another day or help point, or a soft delete, counts right). ``counts`` are the
    daily counts the batch stored that differ from what was there, kept under
    ``counts_at`` = (help point, commune, team): their rows are written from the values
    themselves. A replay changes nothing and costs nothing here. Activity days from a batch
    are never demo, so they never change a summary row.

    Per help point: one DELETE, one INSERT … SELECT per run of days for the records, one
    INSERT of the counts' rows, and one statement marking the communes' rows stale
    (:func:`settle`). The monthly rows follow the daily rows: on PostgreSQL each of those
    statements adds what it removed or wrote to the months in the same statement (the
    daily rows it changed, added up per month, ``ON CONFLICT … n + excluded.n``), so a
    month is never counted again from its days and always equals their sum, whatever
    other batches do meanwhile; months left at 0 go. SQLite (one writer) counts the
    touched months again from their days (a DELETE and an INSERT … SELECT)."""
    record_days: dict[str, set[date]] = {}
    stale: set[tuple[str, date]] = set()
    changed = list(changed)
    days_of = local_days(hour for _hp, _commune, hour in changed)
    for hp, commune, hour in changed:
        record_days.setdefault(hp or "", set()).update(days_of[hour])
        stale.update((commune or "", day) for day in days_of[hour])
    count_hp, count_commune, count_team = counts_at
    count_days = {c["day"] for c in counts}
    stale.update((count_commune, day) for day in count_days)
    points = set(record_days) | ({count_hp} if count_days else set())
    follow = session.get_bind().dialect.name == "postgresql"
    for hp in sorted(points):
        rdays = sorted(record_days.get(hp, ()))
        cdays = sorted(count_days) if hp == count_hp else []
        removed = _delete_days(session, hp, rdays, cdays, months=follow)
        for first, last in _runs(rdays):
            _insert_days(session, first, last, hp, months=follow)
        if cdays:
            _write_counts(session, counts, count_hp, count_commune, count_team)
        months = {day.replace(day=1) for day in (*rdays, *cdays)}
        if not follow:
            _roll_up_months(session, hp, months)
        elif removed:
            _drop_empty_months(session, hp, months)
    by_commune: dict[str, set[date]] = {}
    for commune, day in stale:
        by_commune.setdefault(commune, set()).add(day)
    _mark_stale_pairs(session, by_commune)


#: The dimensions counted from the records (and demo activity days) of a day.
RECORD_DIMENSIONS = DIMENSIONS


def _delete_days(session: Session, hp: str, record_days: Sequence[date],
                 count_days: Sequence[date], *, months: bool = False) -> bool:
    """One DELETE: the records' rows of ``record_days``, the counts' of ``count_days``.

    ``months`` (PostgreSQL): the same statement takes what it deleted off the monthly rows
    (:func:`_follow_months`); returns whether it deleted anything."""
    d = DAILY
    parts: list[Any] = []
    for days, dims in ((record_days, RECORD_DIMENSIONS), (count_days, COUNT_DIMENSIONS)):
        # Runs of days (a batch's days are mostly one run): a few parameters, so the
        # statement's text is the same from batch to batch and psycopg keeps it prepared.
        for first, last in _plain_runs(days):
            parts.append(and_(d.c.day >= first, d.c.day <= last, d.c.dim.in_(dims)))
    if not parts:
        return False
    stmt = delete(d).where(d.c.help_point_id == hp, or_(*parts))
    if not months:
        session.execute(stmt)
        return False
    gone = stmt.returning(*(d.c[name] for name in _COLUMNS)).cte("gone")
    return session.execute(_follow_months(gone, -1)).first() is not None


def count_rows(count: Mapping[str, Any], hp: str, commune: str, team: str
               ) -> list[dict[str, Any]]:
    """The summary rows of one day's counts (as ``kiosk.sync.merge`` validated them)."""
    base = {"help_point_id": hp, "commune_code": commune, "team_id": team,
            "day": count["day"]}
    rows = [{**base, "dim": QUEUE, "key": key, "n": count[key]}
            for key in QUEUE_KEYS if count.get(key)]
    rows.extend({**base, "dim": dim, "key": key, "n": n}
                for dim, key, n in detail_rows(count.get("detail") or {}) if n)
    return rows


def _write_counts(session: Session, counts: Sequence[Mapping[str, Any]], hp: str,
                  commune: str, team: str) -> None:
    """The counts' rows; on PostgreSQL added to the months in the same statement."""
    rows = [row for c in counts for row in count_rows(c, hp, commune, team)]
    if not rows:
        return
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql":
        import msgspec

        session.connection().exec_driver_sql(_counts_rows_sql(dialect),
                                             {"rows": msgspec.json.encode(rows).decode()})
        return
    session.execute(insert(DAILY), rows)


@functools.lru_cache(maxsize=2)
def _counts_rows_sql(dialect: Any) -> str:
    """PostgreSQL: daily rows from ONE json parameter (read by the server into the table's
    row type; a short statement psycopg prepares once), added to the months as well."""
    rows = func.json_populate_recordset(literal_column(f"NULL::{DAILY.name}"),
                                        cast(bindparam("rows"), JSON)).alias("j")
    written = insert(DAILY).from_select(
        list(_COLUMNS),
        select(*(literal_column(f"j.{name}") for name in _COLUMNS)).select_from(rows),
    ).returning(*(DAILY.c[name] for name in _COLUMNS)).cte("written")
    return str(_follow_months(written, 1).compile(dialect=dialect))


def _follow_months(rows: Any, sign: int) -> Any:
    """PostgreSQL: add (``sign`` 1) or take off (-1) the daily rows ``rows`` (a CTE of a
    statement that wrote or deleted them) to or from their months' rows: one INSERT …
    ON CONFLICT DO UPDATE SET n = n + excluded.n, in the same statement as the change, so
    the months always equal the sum of their days. Rows go in key order: two batches adding
    to the same months take their row locks in the same order (no deadlock)."""
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    m = MONTHLY
    # The day as a timestamp: date_trunc of a bare date goes through the session's zone.
    month = cast(func.date_trunc(literal_column("'month'"), cast(rows.c.day, DateTime)), Date)
    total = func.sum(rows.c.n)
    keys = (rows.c.help_point_id, rows.c.commune_code, rows.c.team_id, month, rows.c.dim,
            rows.c.key)
    stmt = pg_insert(m).from_select(
        ["help_point_id", "commune_code", "team_id", "month", "dim", "key", "n"],
        select(*keys, total if sign > 0 else -total).group_by(*keys).order_by(
            rows.c.help_point_id, month, rows.c.dim, rows.c.key, rows.c.commune_code,
            rows.c.team_id))
    return stmt.on_conflict_do_update(
        index_elements=[m.c.help_point_id, m.c.month, m.c.dim, m.c.key, m.c.commune_code,
                        m.c.team_id],
        set_={"n": m.c.n + stmt.excluded.n}).returning(m.c.n)


def _drop_empty_months(session: Session, hp: str, months: set[date]) -> None:
    """PostgreSQL: monthly rows a batch's deletions left at 0 (the roll-up never wrote
    those: a month without the records has no row, on both databases)."""
    m = MONTHLY
    session.execute(delete(m).where(m.c.help_point_id == hp, m.c.month.in_(sorted(months)),
                                    m.c.n == 0))


def _month_of(day: Any, dialect: str) -> Any:
    if dialect == "sqlite":
        return func.date(day, "start of month")
    return cast(func.date_trunc("month", day), Date)


def _roll_up_months(session: Session, hp: str, months: set[date]) -> None:
    """One help point's monthly rows of ``months`` again from its daily rows: one DELETE
    and one INSERT … SELECT for all of them."""
    if not months:
        return
    d, m = DAILY, MONTHLY
    wanted = sorted(months)
    session.execute(delete(m).where(m.c.help_point_id == hp, m.c.month.in_(wanted)))
    month = _month_of(d.c.day, session.get_bind().dialect.name)
    session.execute(insert(m).from_select(
        ["help_point_id", "commune_code", "team_id", "month", "dim", "key", "n"],
        select(d.c.help_point_id, d.c.commune_code, d.c.team_id, month, d.c.dim, d.c.key,
               func.sum(d.c.n))
        .where(d.c.help_point_id == hp, d.c.dim != STALE,
               or_(*(and_(d.c.day >= first, d.c.day < _next_month(first))
                     for first in wanted)))
        .group_by(d.c.help_point_id, d.c.commune_code, d.c.team_id, month, d.c.dim,
                  d.c.key)))


def _mark_stale_pairs(session: Session, by_commune: Mapping[str, set[date]]) -> None:
    rows = [{"help_point_id": ALL, "commune_code": c, "team_id": ALL, "day": day,
             "dim": STALE, "key": "", "n": 1}
            for c in sorted(by_commune) for day in sorted(by_commune[c])]
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        _json_insert(session, rows, "ON CONFLICT DO NOTHING")
        return
    session.execute(_insert_of(session).on_conflict_do_nothing(), rows)


def _json_insert(session: Session, rows: list[dict[str, Any]], tail: str = "") -> None:
    """PostgreSQL: daily rows as ONE json parameter the server reads into the table's row
    type (as the merge's records): a short statement psycopg prepares once, where an
    executemany of hundreds of rows became one long statement parsed again every time."""
    import msgspec

    cols = ", ".join(_COLUMNS)
    session.connection().exec_driver_sql(
        f"INSERT INTO {DAILY.name} ({cols}) SELECT {cols} FROM "
        f"json_populate_recordset(NULL::{DAILY.name}, %(rows)s::json) {tail}",
        {"rows": msgspec.json.encode(rows).decode()})


def _insert_of(session: Session) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(DAILY)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(DAILY)


#: An arbitrary constant of this module: the PostgreSQL advisory lock one settle holds.
_SETTLE_LOCK = 0x68756273  # "hubs"


def settle(session: Session) -> int:
    """Add up again the communes' rows that ingests marked stale; returns the commune-days.

    The pages call this before reading (a few hundred rows after a day of batches; nothing
    when nothing changed). One settle at a time on PostgreSQL (an advisory lock; another
    page meanwhile reads the rows as they are)."""
    d = DAILY
    if session.get_bind().dialect.name == "postgresql" and not session.scalar(
            select(func.pg_try_advisory_xact_lock(_SETTLE_LOCK))):
        return 0
    stale = session.execute(select(d.c.commune_code, d.c.day).where(
        d.c.dim == STALE, d.c.help_point_id == ALL)).all()
    if not stale:
        return 0
    per_commune: dict[str, set[date]] = {}
    for commune, day in stale:
        per_commune.setdefault(commune, set()).add(_as_date(day))
    for commune, days in per_commune.items():
        _commune_rows(session, {commune}, sorted(days))
        _roll_up(session, {day.replace(day=1) for day in days}, ALL, {commune})
    return len(stale)


def _commune_rows(session: Session, communes: set[str] | None,
                  days: Sequence[date] | None) -> None:
    """The communes' rows (help point "*") of ``days`` again from their help points' rows
    (some communes or all; some days or all)."""
    d = DAILY
    where_all: list[Any] = [d.c.help_point_id == ALL]
    where_points: list[Any] = [d.c.help_point_id != ALL]
    if communes is not None:
        if not communes:
            return
        where_all.append(d.c.commune_code.in_(sorted(communes)))
        where_points.append(d.c.commune_code.in_(sorted(communes)))
    chunks: list[list[date] | None] = [None] if days is None else [
        list(days[i:i + _IN_CHUNK]) for i in range(0, len(days), _IN_CHUNK)]
    for chunk in chunks:
        in_days = [] if chunk is None else [d.c.day.in_(chunk)]
        session.execute(delete(d).where(*where_all, *in_days))
        session.execute(insert(d).from_select(list(_COLUMNS), select(
            literal_column(f"'{ALL}'"), d.c.commune_code, literal_column(f"'{ALL}'"), d.c.day,
            d.c.dim, d.c.key, func.sum(d.c.n))
            .where(*where_points, *in_days)
            .group_by(d.c.commune_code, d.c.day, d.c.dim, d.c.key)))


def rebuild(session: Session, help_point_ids: Sequence[str] | None = None) -> int:
    """Count everything again (all help points, or those listed); returns the daily rows.

    For existing data (``help-kiosk-hub rebuild-summary``, migration ``h0006``) and after
    rows were changed other than by ingest (the demo marks its help points ``is_demo``)."""
    d, m = DAILY, MONTHLY
    a = Assistance.__table__.c
    communes: set[str] | None = None
    if help_point_ids is None:
        session.execute(delete(d))
        session.execute(delete(m))
        points: list[str | None] = [None]
    else:
        points = list(help_point_ids)
        communes = set()
        for hp in points:
            communes.update(session.scalars(select(d.c.commune_code).distinct().where(
                d.c.help_point_id == hp)))
            session.execute(delete(d).where(d.c.help_point_id == hp))
            session.execute(delete(m).where(m.c.help_point_id == hp))
    all_months: set[date] = set()
    written = 0
    for hp in points:
        where = [] if hp is None else [a.help_point_id == hp]
        first_at, last_at = session.execute(select(
            func.min(a.started_at), func.max(a.started_at)).where(*where)).one()
        first_day = session.scalar(select(func.min(ActivityDay.day)).where(
            *([] if hp is None else [ActivityDay.help_point_id == hp])))
        last_day = session.scalar(select(func.max(ActivityDay.day)).where(
            *([] if hp is None else [ActivityDay.help_point_id == hp])))
        c = DailyCount.__table__.c
        first_count, last_count = session.execute(select(func.min(c.day), func.max(c.day)).where(
            *([] if hp is None else [c.help_point_id == hp]))).one()
        ends = [x for x in (first_at and local_day(first_at), last_at and local_day(last_at),
                            first_day, last_day, first_count, last_count) if x]
        if not ends:
            continue
        for first, last in _runs_of_range(min(ends), max(ends)):
            _insert_days(session, first, last, hp)
        _insert_counts(session, hp, None)
        months = set()
        month = min(ends).replace(day=1)
        while month <= max(ends):
            months.add(month)
            month = _next_month(month)
        all_months |= months
        if hp is not None:
            _roll_up(session, months, hp)
            assert communes is not None
            communes.update(session.scalars(select(d.c.commune_code).distinct().where(
                d.c.help_point_id == hp)))
    _commune_rows(session, communes, None)
    if help_point_ids is None:
        _roll_up(session, all_months, None)  # every help point's and commune's months
    else:
        _roll_up(session, all_months, ALL, communes)
    written = session.scalar(select(func.count()).select_from(d)) or 0
    log.info("daily summary rebuilt: %d rows", written)
    return int(written)


def _next_month(month: date) -> date:
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def _runs(days: Sequence[date]) -> list[tuple[date, date]]:
    """Sorted days as runs of consecutive days with one UTC offset each."""
    return [piece for first, last in _plain_runs(days)
            for piece in _runs_of_range(first, last)]


def _plain_runs(days: Sequence[date]) -> list[tuple[date, date]]:
    """Sorted days as runs of consecutive days."""
    runs: list[tuple[date, date]] = []
    for day in days:
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _offset(day: date) -> timedelta:
    offset = to_local(local_midnight_utc(day)).utcoffset()
    return offset if offset is not None else timedelta(0)


def _runs_of_range(first: date, last: date) -> list[tuple[date, date]]:
    """Split first..last where the zone's offset changes (never, for Viet Nam since 1975):
    within a run every record's local day is its UTC start plus one offset."""
    if _offset(first) == _offset(last) == _offset(last + timedelta(days=1)):
        return [(first, last)]
    out: list[tuple[date, date]] = []
    day = first
    while day <= last:  # day by day: a single day needs no offset at all
        out.append((day, day))
        day += timedelta(days=1)
    return out


def _insert_days(session: Session, first: date, last: date, hp: str | None, *,
                 months: bool = False) -> None:
    """INSERT … SELECT the daily rows of first..last (one help point, or all) in the server.

    The statement is built once per shape (one day or a run, one help point or all, the
    zone's offset) with the dates and the help point as parameters. On PostgreSQL it is
    compiled once, too, and sent as text: building and keying the twelve-part statement
    for every batch was a third of the hub's CPU for a day's batch. ``months``
    (PostgreSQL): the same statement adds the rows it wrote to the months
    (:func:`_follow_months`)."""
    single = first == last
    minutes = 0 if single else int(_offset(first).total_seconds() // 60)
    dialect = session.get_bind().dialect
    params = {"utc_from": local_midnight_utc(first),
              "utc_to": local_midnight_utc(last + timedelta(days=1)),
              "first": first, "last": last, "hp": hp}
    if dialect.name == "postgresql":
        sql, defaults = _insert_days_sql(dialect, single, minutes, hp is None, months)
        session.connection().exec_driver_sql(sql, {**defaults, **params})
        return
    session.execute(_insert_days_stmt(dialect.name, single, minutes, hp is None), params)


@functools.lru_cache(maxsize=16)
def _insert_days_sql(dialect: Any, single: bool, minutes: int, all_points: bool,
                     months: bool = False) -> tuple[str, dict[str, Any]]:
    stmt = _insert_days_stmt(dialect.name, single, minutes, all_points)
    if months:
        stmt = _follow_months(
            stmt.returning(*(DAILY.c[name] for name in _COLUMNS)).cte("written"), 1)
    compiled = stmt.compile(dialect=dialect)
    return str(compiled), dict(compiled.params)


@functools.lru_cache(maxsize=16)
def _insert_days_stmt(dialect: str, single: bool, minutes: int, all_points: bool) -> Any:
    a = Assistance.__table__.c
    where = [a.deleted_at.is_(None), a.started_at >= bindparam("utc_from"),
             a.started_at < bindparam("utc_to")]
    if not all_points:
        where.append(a.help_point_id == bindparam("hp"))
    day: Any
    if single:
        day = bindparam("first", type_=Date)
    else:
        if dialect == "sqlite":
            day = func.date(a.started_at, f"{minutes:+d} minutes")
        else:
            day = cast(a.started_at + timedelta(minutes=minutes), Date)
    r = select(a.uuid, a.help_point_id, a.commune_code, a.team_id, day.label("day"),
               a.outcome, a.channel, a.village, a.age_band, a.gender, a.satisfaction,
               a.first_visit, a.is_demo, a.unverified, a.services,
               a.volunteer_uuids).where(*where).cte("r")
    ids = (r.c.help_point_id, r.c.commune_code, r.c.team_id, r.c.day)

    def dim(name: str, key: Any = None, *cond: Any) -> Any:
        key_col = literal_column("''") if key is None else key
        return (select(*ids, literal_column(f"'{name}'").label("dim"), key_col.label("key"),
                       func.count().label("n"))
                .where(*cond).group_by(*ids, *(() if key is None else (key,))))

    def text(col: Any) -> Any:
        return func.coalesce(col, "")

    def each(col: Any, name: str) -> Any:
        # A record listing a code twice counts once under it (count of distinct records).
        if dialect == "sqlite":  # json_each's own column "value"; no column list
            elems = func.json_each(col).table_valued("value").alias(f"e_{name}")
        else:
            elems = func.json_array_elements_text(col).table_valued("value").render_derived(
                name=f"e_{name}")
        cond = [] if dialect == "sqlite" else [func.json_typeof(col) == "array"]
        return (select(*ids, literal_column(f"'{name}'").label("dim"),
                       cast(elems.c.value, String).label("key"),
                       func.count(r.c.uuid.distinct()).label("n"))
                .select_from(r.join(elems, true())).where(*cond)
                .group_by(*ids, elems.c.value))

    parts = [
        dim(PEOPLE),
        dim(OUTCOME, text(r.c.outcome)),
        dim(CHANNEL, text(r.c.channel)),
        dim(VILLAGE, text(r.c.village)),
        dim(AGE_GENDER, text(r.c.age_band) + "|" + text(r.c.gender)),
        dim(SATISFACTION, cast(r.c.satisfaction, String), r.c.satisfaction.is_not(None)),
        dim(FIRST_VISIT, None, r.c.first_visit.is_(True)),
        dim(DEMO, None, r.c.is_demo.is_(True)),
        dim(UNVERIFIED, None, r.c.unverified.is_(True)),
        each(r.c.services, SERVICE),
        each(r.c.volunteer_uuids, VOLUNTEER),
    ]
    ad = ActivityDay.__table__.c
    ad_where = [ad.is_demo.is_(True), ad.day >= bindparam("first"),
                ad.day <= bindparam("last")]
    if not all_points:
        ad_where.append(ad.help_point_id == bindparam("hp"))
    parts.append(select(ad.help_point_id, ad.commune_code, ad.team_id, ad.day,
                        literal_column(f"'{DEMO_ACTIVITY}'").label("dim"),
                        literal_column("''").label("key"), func.count().label("n"))
                 .where(*ad_where)
                 .group_by(ad.help_point_id, ad.commune_code, ad.team_id, ad.day))
    return insert(DAILY).from_select(list(_COLUMNS), union_all(*parts))


def _insert_counts(session: Session, hp: str | None, days: Sequence[date] | None) -> None:
    """The daily counts' rows (one help point, or all; some days, or all) from ``daily_count``.

    The plain totals are written by the server (INSERT … SELECT); the detail (waits
    histogram, tutorials, scam checks: validated JSON) is unpacked here."""
    c = DailyCount.__table__.c
    where: list[Any] = []
    if hp is not None:
        where.append(c.help_point_id == hp)
    if days is not None:
        where.append(c.day.in_(list(days)))
    ids = (c.help_point_id, c.commune_code, c.team_id, c.day)
    session.execute(insert(DAILY).from_select(list(_COLUMNS), union_all(*(
        select(*ids, literal_column(f"'{QUEUE}'").label("dim"),
               literal_column(f"'{key}'").label("key"), c[key].label("n"))
        .where(*where, c[key] > 0) for key in QUEUE_KEYS))))
    rows: list[dict[str, Any]] = []
    for help_point_id, commune_code, team_id, day, detail in session.execute(
            select(*ids, c.detail).where(*where)).yield_per(2000):
        if not detail:
            continue
        base = {"help_point_id": help_point_id, "commune_code": commune_code,
                "team_id": team_id, "day": day}
        rows.extend({**base, "dim": dim, "key": key, "n": n}
                    for dim, key, n in detail_rows(detail) if n)
        if len(rows) >= 5000:
            session.execute(insert(DAILY), rows)
            rows = []
    if rows:
        session.execute(insert(DAILY), rows)


def detail_rows(detail: Any) -> Iterable[tuple[str, str, int]]:
    """(dim, key, count) of one day's detail (as kiosk.sync.merge validated it)."""
    for index, n in enumerate(detail.get("wait_histogram") or []):
        yield WAIT, f"{index:02d}", int(n)
    for tutorial_id, t in (detail.get("tutorials") or {}).items():
        for name, dim_name in _TUTORIAL_DIMS.items():
            yield dim_name, tutorial_id, int(t.get(name, 0))
        for step, n in (t.get("stops") or {}).items():
            yield T_STOP, f"{tutorial_id}|{int(step)}", int(n)
    for kind, n in (detail.get("scam_checks") or {}).items():
        yield SCAM, kind, int(n)
    for practice_id, p in (detail.get("practices") or {}).items():
        yield P_STARTED, practice_id, int(p.get("started", 0))
        yield P_FINISHED, practice_id, int(p.get("finished", 0))
        for screen, n in (p.get("wrong") or {}).items():
            yield P_WRONG, f"{practice_id}|{int(screen)}", int(n)


def _roll_up(session: Session, months: set[date], hp: str | None,
             communes: set[str] | None = None) -> None:
    """The monthly rows of ``months`` again from the daily rows (one help point, or all;
    with ``communes``, only theirs)."""
    d, m = DAILY, MONTHLY
    if communes is not None and not communes:
        return
    for month in sorted(months):
        end = _next_month(month)
        where_d = [d.c.day >= month, d.c.day < end]
        where_m = [m.c.month == month]
        if hp is not None:
            where_d.append(d.c.help_point_id == hp)
            where_m.append(m.c.help_point_id == hp)
        if communes is not None:
            where_d.append(d.c.commune_code.in_(sorted(communes)))
            where_m.append(m.c.commune_code.in_(sorted(communes)))
        session.execute(delete(m).where(*where_m))
        session.execute(insert(m).from_select(
            ["help_point_id", "commune_code", "team_id", "month", "dim", "key", "n"],
            select(d.c.help_point_id, d.c.commune_code, d.c.team_id,
                   literal(month, Date), d.c.dim, d.c.key, func.sum(d.c.n))
            .where(*where_d, d.c.dim != STALE)
            .group_by(d.c.help_point_id, d.c.commune_code, d.c.team_id, d.c.dim, d.c.key)))


# -- reading ---------------------------------------------------------------------------------


def _pieces(period: Period) -> tuple[list[date], list[tuple[date, date]]]:
    """The whole calendar months inside ``period`` and the day ranges around them."""
    months: list[date] = []
    edges: list[tuple[date, date]] = []
    day = period.start
    while day <= period.end:
        end = _next_month(day.replace(day=1)) - timedelta(days=1)
        if day.day == 1 and end <= period.end:
            months.append(day)
        else:
            last = min(end, period.end)
            if edges and edges[-1][1] + timedelta(days=1) == day:
                edges[-1] = (edges[-1][0], last)
            else:
                edges.append((day, last))
        day = end + timedelta(days=1)
    return months, edges


def _totals(s: Any, period: Period, scope: FigureScope | None,
            dims: Sequence[str]) -> list[tuple[str, str, int]]:
    """(dim, key, count) summed over ``period`` for ``scope``: whole months from the monthly
    rows, the days around them from the daily rows."""
    d, m = DAILY, MONTHLY
    months, edges = _pieces(period)
    parts = []
    if months:
        parts.append(select(m.c.dim, m.c.key, m.c.n).where(
            m.c.month >= months[0], m.c.month <= months[-1], m.c.dim.in_(dims),
            *_rows_of(m, scope)))
    for first, last in edges:
        parts.append(select(d.c.dim, d.c.key, d.c.n).where(
            d.c.day >= first, d.c.day <= last, d.c.dim.in_(dims), *_rows_of(d, scope)))
    return [(dim, key, int(n)) for dim, key, n in s.execute(_sum_by_key(parts))]


def _rows_of(table: Table, scope: FigureScope | None) -> list[Any]:
    """Which rows a scope reads: its help points' own, or (city, communes) the communes'."""
    if scope is not None and scope.help_point_ids is not None:
        return [table.c.help_point_id != ALL, *scope.conditions(table)]
    return [table.c.help_point_id == ALL, *(scope.conditions(table) if scope else [])]


def summary_records(s: Any, period: Period, scope: FigureScope | None) -> RecordCounts:
    """The records' counts of ``period`` for ``scope`` from the summary rows: a
    :data:`~kiosk.reports.figures.RecordSource` for :func:`figures_from` on the hub."""
    d = DAILY
    totals = _totals(s, period, scope, DIMENSIONS)
    per_day = s.execute(
        select(d.c.day, func.sum(d.c.n)).where(
            d.c.dim == PEOPLE, d.c.day >= period.start, d.c.day <= period.end,
            *_rows_of(d, scope))
        .group_by(d.c.day)).all()
    return counts_from_rows(totals, per_day)


def summary_counts(s: Any, period: Period, titles: Mapping[str, str],
                   scope: FigureScope | None) -> CountFigures:
    """Queue, tutorial, print and scam-check figures from the daily counts the kiosks sent:
    a :data:`~kiosk.reports.figures.CountSource` for :func:`figures_from` on the hub.

    Tickets never leave a help point, so waits are a histogram (a median is then a range,
    :func:`kiosk.reports.waits.quantile_range`) and there is no per-service queue table."""
    by: dict[str, Counter[str]] = {name: Counter() for name in COUNT_DIMENSIONS}
    for dim_name, key, n in _totals(s, period, scope, COUNT_DIMENSIONS):
        by[dim_name][key] += n
    q = by[QUEUE]
    queue = QueueFigures(
        start_day=period.start, end_day=period.end, tickets=q["tickets_issued"],
        served=q["tickets_served"], no_shows=q["no_shows"], cancelled=q["cancelled"],
        not_finished=q["not_finished"], by_service=(), median_wait_minutes=None,
        p90_wait_minutes=None, median_service_minutes=None,
        priority_tickets=q["priority_tickets"], priority_served=q["priority_served"])
    tutorials: dict[str, TutorialCounts] = {}
    for dim_name, field_name in ((T_OPENED, "opened"), (T_FINISHED, "finished"),
                                 (T_STOPPED, "stopped"), (T_ASKS, "asks")):
        for tutorial_id, n in by[dim_name].items():
            t = tutorials.setdefault(tutorial_id, TutorialCounts())
            setattr(t, field_name, getattr(t, field_name) + n)
    for key, n in by[T_STOP].items():
        tutorial_id, _sep, step = key.rpartition("|")
        if step.isdigit():
            tutorials.setdefault(tutorial_id, TutorialCounts()).stops[int(step)] += n
    table = tutorial_figures_from(tutorials, titles)
    opened, finished = q["tutorials_opened"], q["tutorials_finished"]
    if not table and (opened or finished):
        # Counts from a kiosk that sends only the day's totals (before issue #21 item 2).
        table = (TutorialFigures(
            tutorial_id="", title="Tất cả bài hướng dẫn", opened=opened, finished=finished,
            completion_rate=(finished / opened) if opened else 0.0, stop_step=None,
            stopped_runs=max(0, opened - finished), asks=0),)
    hist = tuple(by[WAIT][f"{i:02d}"] for i in range(BINS))
    sheets = q["sheets_printed"]
    return CountFigures(queue=queue, tutorials=table,
                        printed_by_tutorial={"": sheets} if sheets else {},
                        scam_checks=dict(by[SCAM]),
                        practices=_practices(by, titles),
                        wait_histogram=hist if any(hist) else ())


def _practices(by: Mapping[str, Counter[str]], titles: Mapping[str, str]
               ) -> tuple[PracticeFigures, ...]:
    """The practices' rows from their dimensions, by the kiosk's own rule."""
    counts: dict[str, PracticeCounts] = {}
    for practice_id, n in by[P_STARTED].items():
        counts.setdefault(practice_id, PracticeCounts()).started += n
    for practice_id, n in by[P_FINISHED].items():
        counts.setdefault(practice_id, PracticeCounts()).finished += n
    for key, n in by[P_WRONG].items():
        practice_id, _sep, screen = key.rpartition("|")
        if screen.isdigit():
            counts.setdefault(practice_id, PracticeCounts()).wrong[int(screen)] += n
    return practice_figures_from(counts, titles)


def _sum_by_key(parts: list[Any]) -> Any:
    if not parts:
        return select(literal_column("''").label("dim"), literal_column("''").label("key"),
                      literal(0).label("n")).where(false())
    u = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
    return select(u.c.dim, u.c.key, func.sum(u.c.n)).group_by(u.c.dim, u.c.key)


def counts_from_rows(totals: Iterable[tuple[str, str, Any]],
                     per_day: Iterable[tuple[Any, Any]]) -> RecordCounts:
    """Fold (dim, key, count) totals and (day, people) rows into a RecordCounts."""
    by: dict[str, Counter[str]] = {name: Counter() for name in DIMENSIONS}
    for dim_name, key, n in totals:
        if dim_name in by and n:
            by[dim_name][key or ""] += int(n)
    age_gender: Counter[tuple[str, str]] = Counter()
    for key, n in by[AGE_GENDER].items():
        age, _sep, gender = key.partition("|")
        age_gender[(age, gender)] += n
    return RecordCounts(
        people=by[PEOPLE][""], by_outcome=by[OUTCOME], by_channel=by[CHANNEL],
        by_village=by[VILLAGE], by_age_gender=age_gender,
        ratings=Counter({int(k): n for k, n in by[SATISFACTION].items() if k.isdigit()}),
        first_visits=by[FIRST_VISIT][""], demo_records=by[DEMO][""],
        unverified=by[UNVERIFIED][""], by_service=by[SERVICE], by_volunteer=by[VOLUNTEER],
        per_day=Counter({_as_date(day): int(n) for day, n in per_day}),
        demo_activity_days=by[DEMO_ACTIVITY][""])


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def people_per_place(s: Any, period: Period, by: str, *, commune_code: str | None = None
                     ) -> dict[str, int]:
    """People helped per commune (``by="commune_code"``) or per help point of a commune
    (``by="help_point_id"``), for the lists on the city and commune pages."""
    d, m = DAILY, MONTHLY
    months, edges = _pieces(period)
    # Per commune: the communes' rows; per help point: the help points' own.
    own = (lambda t: t.c.help_point_id == ALL) if by == "commune_code" else (
        lambda t: t.c.help_point_id != ALL)
    parts = []
    if months:
        parts.append(select(m.c[by].label("place"), m.c.n).where(
            m.c.dim == PEOPLE, m.c.month >= months[0], m.c.month <= months[-1], own(m),
            *([m.c.commune_code == commune_code] if commune_code is not None else [])))
    for first, last in edges:
        parts.append(select(d.c[by].label("place"), d.c.n).where(
            d.c.dim == PEOPLE, d.c.day >= first, d.c.day <= last, own(d),
            *([d.c.commune_code == commune_code] if commune_code is not None else [])))
    if not parts:
        return {}
    u = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
    return {place: int(n) for place, n in s.execute(
        select(u.c.place, func.sum(u.c.n)).group_by(u.c.place))}
