"""Batches in: open, verify, validate and merge one sealed batch in ONE database transaction.

The checks and the merge are the kiosk's own (:func:`kiosk.sync.batch.open_batch`,
:func:`kiosk.sync.merge.validate_payload`, :func:`~kiosk.sync.merge.merge_payload`), the same
code a USB bundle goes through on a kiosk. What only a hub keeps is written here, in the same
transaction: each help point's daily counts, the device's last status and sequence number, and
one ``ingest_log`` row. So a batch is either wholly in the database with its log row, or not at
all: a hub killed mid-batch leaves PostgreSQL to roll the open transaction back, and the kiosk,
which got no answer, sends the batch again (idempotent by record uuid + ``updated_at``).

A refused batch writes nothing but its ``ingest_log`` row (ids, sizes and the refusal code;
never record contents) in a transaction of its own.

Called from the API's worker threads; any number at once (the database arbitrates).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import msgspec
from sqlalchemy import Table, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from db.models import Team
from hub import summary as daily_summary
from hub.context import HubContext
from hub.models import DailyCount, Device, IngestLog
from kiosk.identity import remember_team
from kiosk.sync.batch import OpenedBatch, open_batch, refuse_revoked
from kiosk.sync.errors import BatchRefused
from kiosk.sync.merge import (
    DAILY_COUNT_KEYS,
    DAILY_COUNT_MORE,
    merge_payload,
    validate_payload,
)

log = logging.getLogger(__name__)

#: HTTP status for each refusal code (the body always says which and why).
STATUS_FOR = {"too_big": 413, "unknown_device": 403, "revoked_device": 403,
              "bad_signature": 403, "tampered": 403, "wrong_commune": 403}
#: Two batches carrying the same new record (a USB bundle imported on two kiosks) may race
#: to insert it; the loser's transaction fails whole and is simply run again.
RETRIES = 3


@dataclass(frozen=True)
class IngestResult:
    seq: int
    added: int
    updated: int
    skipped: int
    device_id: str

    def as_json(self) -> dict[str, Any]:
        return {"accepted": True, "seq": self.seq, "added": self.added,
                "updated": self.updated, "skipped": self.skipped}


class _Devices:
    """The sender's ``device`` row, read once per batch and held: the session's identity map
    is weak, so three ``session.get`` calls (key, commune, update) were three SELECTs."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.rows: dict[str, Device | None] = {}

    def get(self, device_id: str) -> Device | None:
        if device_id not in self.rows:
            self.rows[device_id] = self.session.get(Device, device_id)
        return self.rows[device_id]

    def verify_key_for(self, device_id: str) -> str | None:
        device = self.get(device_id)
        if device is None:
            return None
        if device.revoked_at is not None:
            raise refuse_revoked()
        return device.verify_key

    def commune_for(self, device_id: str) -> str | None:
        device = self.get(device_id)
        return device.commune_code if device is not None else None


#: The daily counts' columns a batch sets, besides who and when.
_COUNT_VALUES = (*DAILY_COUNT_KEYS, *DAILY_COUNT_MORE, "detail")


def _upsert_counts(session: Session, opened: OpenedBatch, counts: list[dict[str, Any]],
                   reported_at: datetime) -> list[dict[str, Any]]:
    """Whole-day totals: the newest report per (help point, day) wins, a replay cannot undo.

    Returns the days' counts that were stored AND differ from what was there: only those
    need their summary rows written again (a kiosk re-sends its last seven days in every
    batch, nearly always unchanged). What was there is read first in one SELECT; the upsert
    says which days it really wrote (RETURNING), so a concurrent newer report is never
    overwritten in the summary either."""
    if not counts:
        return []
    m = opened.manifest
    hp = m["help_point_id"] or opened.device_id
    c = DailyCount.__table__.c
    # The days' span, not an IN list of them (a statement psycopg keeps prepared).
    days = [x["day"] for x in counts]
    have: dict[date, tuple[Any, ...]] = {
        _as_date(row[0]): tuple(row[1:]) for row in session.execute(
            select(c.day, c.reported_at, c.team_id, c.commune_code,
                   *(c[k] for k in _COUNT_VALUES))
            .where(c.help_point_id == hp, c.day >= min(days), c.day <= max(days)))}
    newer: list[dict[str, Any]] = []
    differ: set[date] = set()
    for x in counts:
        old = have.get(x["day"])
        if old is not None and _as_naive(old[0]) > reported_at:
            continue  # an older report than the one stored: nothing to do
        newer.append(x)
        if old is None or old[1:] != (m["team_id"], m["commune_code"],
                                      *(x[k] for k in _COUNT_VALUES)):
            differ.add(x["day"])
    if not newer:
        return []
    rows = [{"help_point_id": hp, "device_id": opened.device_id, "team_id": m["team_id"],
             "commune_code": m["commune_code"], "reported_at": reported_at, **x}
            for x in newer]
    columns = tuple(rows[0])
    result: Any
    if session.get_bind().dialect.name == "postgresql":
        # One json parameter (as the merge's records): a catch-up batch carries 62 days.
        result = session.connection().exec_driver_sql(
            _postgresql_counts_upsert(session.get_bind().dialect, columns),
            {"rows": msgspec.json.encode(rows).decode()})
    else:
        result = session.execute(_counts_upsert(_dialect_insert(session, DailyCount),
                                                columns).returning(c.day), rows)
    written = {_as_date(day) for day in result.scalars()}
    return [x for x in newer if x["day"] in differ and x["day"] in written]


def _counts_upsert(stmt: Any, columns: tuple[str, ...]) -> Any:
    """The newest report per (help point, day) wins: THE rule for both databases."""
    return stmt.on_conflict_do_update(
        index_elements=["help_point_id", "day"],
        set_={col: stmt.excluded[col] for col in columns if col not in ("help_point_id", "day")},
        where=DailyCount.reported_at <= stmt.excluded.reported_at)


@functools.lru_cache(maxsize=4)
def _postgresql_counts_upsert(dialect: Any, columns: tuple[str, ...]) -> str:
    from sqlalchemy import JSON, bindparam, cast, column, func, literal_column
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    table: Table = DailyCount.__table__  # type: ignore[assignment]
    rows = func.json_populate_recordset(literal_column(f"NULL::{table.name}"),
                                        cast(bindparam("rows"), JSON))
    stmt = pg_insert(table).from_select(
        list(columns), select(*[column(c) for c in columns]).select_from(rows.alias("r")),
        include_defaults=False)
    return str(_counts_upsert(stmt, columns).returning(table.c.day).compile(dialect=dialect))


def _as_naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None) if value.tzinfo is not None else value


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _dialect_insert(session: Session, model: Any) -> Any:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(model)
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(model)
    raise RuntimeError(f"the hub needs PostgreSQL or SQLite, not {dialect}")  # pragma: no cover


def _ingest_once(hub: HubContext, blob: bytes, now: datetime) -> IngestResult:
    with hub.transaction() as s:
        devices = _Devices(s)
        opened = open_batch(blob, hub.keys(), devices.verify_key_for, now,
                            expected_commune_for=devices.commune_for)
        valid = validate_payload(s, opened.for_validation(), now, any_service=True)
        summary = merge_payload(s, valid, unverified=False, now=now)
        m = opened.manifest
        created = _created(m)
        counts = _upsert_counts(s, opened, valid.daily_counts, created)
        daily_summary.after_ingest(s, summary.changed, counts, (
            m["help_point_id"] or opened.device_id, m["commune_code"], m["team_id"]))
        device = devices.get(opened.device_id)
        assert device is not None  # open_batch found its key
        device.last_seen_at = now
        if m["seq"] >= device.last_seq:
            device.last_seq = m["seq"]
            if valid.status:
                device.last_status = dict(valid.status)
            if m["help_point_id"]:
                device.help_point_id = m["help_point_id"]
            if m["team_id"]:
                device.team_id = m["team_id"]
        if m["team_id"]:
            # Team names for the allowance per team. A batch without one keeps the name a
            # team already has; a team never named is called after its help point, which an
            # officer recognises ("Tổ khác (5d0c8a2e)" says nothing).
            name = m.get("team_name", "")
            team = s.get(Team, m["team_id"])  # held: remember_team gets it from the map
            if not name and team is None:
                name = f"Tổ CNSCĐ – {m['help_point_name']}"[:120]
            remember_team(s, m["team_id"], name, m["commune_code"], m["help_point_name"])
        s.add(IngestLog(received_at=now, device_id=opened.device_id, seq=m["seq"],
                        size_bytes=len(blob), result="accepted", added=summary.added,
                        updated=summary.updated, skipped=summary.skipped, message=""))
        return IngestResult(m["seq"], summary.added, summary.updated, summary.skipped,
                            opened.device_id)


def _created(manifest: dict[str, Any]) -> datetime:
    from kiosk.sync.merge import parse_dt

    created = parse_dt(manifest["created"])
    assert created is not None  # open_batch checked it
    return created


def ingest_batch(hub: HubContext, blob: bytes) -> IngestResult:
    """Take one sealed batch; raises BatchRefused (logged) if any part of it is refused."""
    now = hub.clock.now()
    for attempt in range(1, RETRIES + 1):
        try:
            result = _ingest_once(hub, blob, now)
        except BatchRefused as refused:
            log_refusal(hub, refused, size=len(blob), now=now)
            raise
        except sa_exc.IntegrityError:
            if attempt == RETRIES:
                raise
            log.info("batch collided with a concurrent one; trying again (%d)", attempt)
            continue
        except sa_exc.DBAPIError as exc:
            # A pooled connection that died under the batch (a restarted server): the pool
            # drops it, nothing was written, the batch goes again on a fresh one.
            if not exc.connection_invalidated or attempt == RETRIES:
                raise
            log.info("database connection lost; trying the batch again (%d)", attempt)
            continue
        log.info("batch %s/%s accepted: %d added, %d updated, %d skipped", result.device_id,
                 result.seq, result.added, result.updated, result.skipped)
        return result
    raise AssertionError("unreachable")


def log_refusal(hub: HubContext, refused: BatchRefused, *, size: int,
                now: datetime | None = None, device_id: str = "") -> None:
    """One ``ingest_log`` row for a refused batch (its own transaction; never the contents)."""
    log.warning("batch refused (%s), %d bytes", refused.code, size)
    try:
        with hub.transaction() as s:
            s.add(IngestLog(received_at=now or hub.clock.now(), device_id=device_id, seq=None,
                            size_bytes=size, result=refused.code, added=0, updated=0,
                            skipped=0, message=str(refused)[:1000]))
    except sa_exc.SQLAlchemyError:
        log.exception("could not log a refused batch")

