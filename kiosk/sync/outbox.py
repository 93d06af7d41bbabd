"""The outbox: what this kiosk still owes the hub, pushed in bounded, signed batches.

Nothing is copied into a separate queue: the kiosk's own tables are the outbox, and a
high-water mark per kind in ``meta`` says how far the hub has acknowledged:

* assistance records (soft deletes included, since a deletion is an update): ordered by
  ``(updated_at, uuid)``, mark ``sync_mark_records``. A record that arrives *below* the mark
  (a mobile team's bundle merged here keeps its laptop's ``updated_at``) is noticed by the
  number of records at or below the mark (``sync_count_records``): when it grew, the mark is
  reset and everything is sent again, which the hub's merge (uuid + ``updated_at``) makes
  harmless;
* activity days (insert-only): ordered by ``id``, mark ``sync_mark_activity``;
* volunteers: those the batch's records and days name (uuid, name, role; never a PIN hash);
* daily queue/tutorial/print counts: recomputed for every local day since the last
  acknowledged one, and always for the last :data:`COUNT_DAYS` days (the hub replaces them
  per device and day).

A mark moves only after the hub's 200 for the batch that carried it, in one transaction with
the batch's sequence number. A batch that fails (hub down, slow, 500, refusal) changes no
mark, so the next attempt sends the same data again; a batch the hub stored but whose answer
was lost is sent again and merges to nothing. Each batch holds at most :data:`BATCH_LIMIT`
records, so weeks offline catch up in several batches within one run.

Retries: :func:`next_delay_s` (exponential from 30 s, capped at 30 min, with jitter) is what
the GUI's timer waits after a failure; the CLI's ``sync now`` tries at once.

Any thread; blocks on the network: the GUI calls :func:`sync_now` from a background lane.
Nothing personal is logged. No Qt.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from db.models import (
    ActivityDay,
    Assistance,
    Meta,
    PrintEvent,
    Service,
    Ticket,
    TutorialEvent,
    Volunteer,
)
from kiosk import audit
from kiosk.auth import Actor, Role, require
from kiosk.clock import local_day
from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.store import Store
from kiosk.sync.batch import daily_counts
from kiosk.sync.merge import record_out
from kiosk.text_cleanup import (
    StoredText,
    clean_control_text,
    control_text_problem,
    describe,
    first_in_payload,
)

if TYPE_CHECKING:
    # httpx (and the CLI libraries it loads when present) only when the kiosk talks to a hub:
    # reading the sync status, as the kiosk does after every start, needs none of it.
    from kiosk.sync.client import HubClient, PairResult

log = logging.getLogger(__name__)

BATCH_LIMIT = 2000
MIN_BATCH = 50  # halved down to this when a batch is too big, then the refusal is shown
COUNT_DAYS = 7
MAX_COUNT_DAYS_PER_BATCH = 62
MAX_BATCHES_PER_RUN = 100
INTERVAL_S = 5 * 60
BACKOFF_START_S = 30.0
BACKOFF_CAP_S = 30 * 60.0
MAX_MESSAGE = 250  # a meta value holds 256 characters

# meta keys (HUB-SPEC "Changes", 18:35 syncclient)
HUB_KEYS = ("hub_url", "hub_id", "hub_name", "hub_box_public", "hub_verify_key",
            "hub_commune_code")
SEQ = "sync_seq"
MARK_RECORDS = "sync_mark_records"
COUNT_RECORDS = "sync_count_records"
MARK_ACTIVITY = "sync_mark_activity"
COUNTS_FROM = "sync_counts_from"
LAST_OK = "sync_last_ok"
LAST_ERROR = "sync_last_error"
LAST_ERROR_MESSAGE = "sync_last_error_message"
LAST_ERROR_AT = "sync_last_error_at"
LAST_ERROR_MESSAGE_EN = "sync_last_error_message_en"  # when the message names a record
FAILURES = "sync_failures"
CONTENT_VERSION = "content_version"
CONTENT_REFUSED = "content_refused"  # "<version>|<UTC ISO>": not fetched again for a while
CONTENT_REFUSED_MESSAGE = "content_refused_message"
REFUSED_PACK_PAUSE = timedelta(hours=6)
PROGRESS_KEYS = (MARK_RECORDS, COUNT_RECORDS, MARK_ACTIVITY, COUNTS_FROM)
ERROR_KEYS = (LAST_ERROR, LAST_ERROR_MESSAGE, LAST_ERROR_AT, FAILURES, LAST_ERROR_MESSAGE_EN)
#: The error code of a batch the kiosk would not send: a record holds control characters.
CONTROL_TEXT = "control_text"


class NotPaired(KioskError):
    def __init__(self) -> None:
        super().__init__("Kiosk chưa ghép nối với hub. Vào Quản lý → Đồng bộ, nhập địa chỉ hub "
                         "và mã ghép nối do cán bộ xã tạo.",
                         en="This kiosk is not paired with a hub. Open Staff → Sync.")


@dataclass(frozen=True)
class Pairing:
    hub_url: str
    hub_id: str
    hub_name: str
    hub_box_public: str
    hub_verify_key: str
    commune_code: str


@dataclass(frozen=True)
class SyncStatus:
    """What the staff panel and ``help-kiosk sync status`` show."""

    pairing: Pairing | None
    last_ok: datetime | None       # naive UTC
    last_error_code: str
    last_error_message: str
    last_error_at: datetime | None
    failures: int
    waiting_records: int           # records the hub has not acknowledged
    waiting_days: int              # activity days the hub has not acknowledged
    content_version: str           # "" = the content shipped with the kiosk
    content_problem: str = ""      # why the last pack from the hub was refused
    last_error_message_en: str = ""  # the English form, kept when it names a record

    @property
    def paired(self) -> bool:
        return self.pairing is not None

    @property
    def waiting(self) -> int:
        return self.waiting_records + self.waiting_days


@dataclass(frozen=True)
class SyncReport:
    batches: int
    sent: int        # records + activity days carried by acknowledged batches
    added: int
    updated: int
    skipped: int
    waiting: int     # still waiting after this run (0 = caught up)
    pack_version: str = ""   # a content pack installed in this run
    pack_problem: str = ""   # a content pack refused in this run (the kiosk kept its own)


# -- meta ------------------------------------------------------------------------------------


def read_meta(session: Session, keys: Iterable[str]) -> dict[str, str]:
    keys = list(keys)
    rows = session.scalars(select(Meta).where(Meta.key.in_(keys)))
    return {r.key: r.value for r in rows}


def write_meta(session: Session, values: dict[str, str | None]) -> None:
    """Set (or, for None, remove) meta keys in ``session``'s transaction."""
    rows = {r.key: r for r in session.scalars(select(Meta).where(Meta.key.in_(list(values))))}
    for key, value in values.items():
        row = rows.get(key)
        if value is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(Meta(key=key, value=value[:256]))
        else:
            row.value = value[:256]


def _dt(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.rstrip("Z"))
    except ValueError:
        return None


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(text) if text else default
    except ValueError:
        return default


def _iso(value: datetime) -> str:
    return value.replace(tzinfo=None).isoformat(timespec="microseconds")


# -- pairing ---------------------------------------------------------------------------------


def pairing(session: Session) -> Pairing | None:
    meta = read_meta(session, HUB_KEYS)
    if not all(meta.get(k) for k in ("hub_url", "hub_id", "hub_box_public", "hub_verify_key")):
        return None
    return Pairing(meta["hub_url"], meta["hub_id"], meta.get("hub_name", ""),
                   meta["hub_box_public"], meta["hub_verify_key"],
                   meta.get("hub_commune_code", ""))


def _identity(store: Store, config: Config) -> Any:
    from kiosk.identity import load_identity

    return load_identity(store, config)


def _keys(data_dir: Path, device_id: str) -> Any:
    from kiosk.sync.keys import DeviceKeys

    return DeviceKeys.load_or_create(data_dir, device_id)


def pair(actor: Actor, store: Store, config: Config, data_dir: Path, url: str,
         code: str, *, client: HubClient | None = None) -> Pairing:
    """Pair with the hub at ``url`` using a one-time ``code``; store its address and keys.

    The kiosk's own keys stay in its data dir; the hub learns only the public halves. Pairing
    again (a new hub, or the same one after a revocation) starts the outbox from the
    beginning: the new hub merges what it already has to nothing.
    """
    from kiosk import __version__
    from kiosk.sync.client import HubClient, SyncError, normalise_hub_url

    require(actor, Role.STAFF)
    code = "".join(code.split()).upper()
    if not 4 <= len(code) <= 20:
        raise SyncError("Mã ghép nối gồm 8 ký tự (ví dụ ABCD-EFGH). Hãy nhập lại.",
                        code="bad_code", retry=False,
                        en="The pairing code has 8 characters (e.g. ABCD-EFGH).")
    keys = _keys(data_dir, store.device_id)
    identity = _identity(store, config)
    own = client is None
    hub = client or HubClient(normalise_hub_url(url))
    try:
        result: PairResult = hub.pair(
            code=code, device_id=store.device_id, verify_key=keys.verify_key_b64(),
            box_public=keys.box_public_b64(),
            help_point_name=config.help_point_name.strip() or "Điểm hỗ trợ số",
            commune_code=identity.commune_code, app_version=__version__[:32])
    finally:
        if own:
            hub.close()
    done = Pairing(hub.base_url, result.hub_id, result.hub_name, result.hub_box_public,
                   result.hub_verify_key, result.commune_code)
    with store.write() as s:
        write_meta(s, {"hub_url": done.hub_url, "hub_id": done.hub_id,
                       "hub_name": done.hub_name, "hub_box_public": done.hub_box_public,
                       "hub_verify_key": done.hub_verify_key,
                       "hub_commune_code": done.commune_code,
                       **dict.fromkeys(PROGRESS_KEYS + ERROR_KEYS)})
        audit.record(s, store, actor.audit_name, "sync.pair",
                     hub=done.hub_url, hub_id=done.hub_id)
    if result.team_id and result.team_id != store.team_id:
        # The officer made the code for an existing team (the help point this laptop works
        # for): this kiosk's rows join it before anything is sent, so the hub sees one team
        # and pays one allowance cap (hub.pairing.create_code).
        from kiosk.identity import join_team

        join_team(actor, store, result.team_id)
    log.info("paired with hub %s", done.hub_id)
    return done


def unpair(actor: Actor, store: Store) -> None:
    """Forget the hub (its address and keys, the marks, the last error). Records stay."""
    require(actor, Role.STAFF)
    with store.write() as s:
        write_meta(s, dict.fromkeys(HUB_KEYS + PROGRESS_KEYS + ERROR_KEYS))
        audit.record(s, store, actor.audit_name, "sync.unpair")
    log.info("unpaired from the hub")


# -- what is waiting -------------------------------------------------------------------------


def _records_after(mark: str | None) -> ColumnElement[bool]:
    cond: ColumnElement[bool] = Assistance.is_demo.is_(False)
    at_text, _, uuid = (mark or "").partition("|")
    at = _dt(at_text)
    if at is not None:
        cond = and_(cond, or_(Assistance.updated_at > at,
                              and_(Assistance.updated_at == at, Assistance.uuid > uuid)))
    return cond


def _records_at_or_below(s: Session, mark: str | None) -> int:
    at_text, _, uuid = (mark or "").partition("|")
    at = _dt(at_text)
    if at is None:
        return 0
    return s.scalar(select(func.count()).select_from(Assistance).where(
        Assistance.is_demo.is_(False),
        or_(Assistance.updated_at < at,
            and_(Assistance.updated_at == at, Assistance.uuid <= uuid)))) or 0


def _checked_marks(s: Session, meta: dict[str, str]) -> dict[str, str]:
    """The marks, with the records mark dropped when records arrived below it."""
    mark = meta.get(MARK_RECORDS)
    if mark and _records_at_or_below(s, mark) > _int(meta.get(COUNT_RECORDS), 1 << 62):
        log.info("records arrived below the sync mark: sending all records again")
        meta = {k: v for k, v in meta.items() if k not in (MARK_RECORDS, COUNT_RECORDS)}
    return meta


def waiting_parts(s: Session) -> tuple[int, int]:
    """(records, activity days) the hub has not acknowledged yet."""
    meta = _checked_marks(s, read_meta(s, PROGRESS_KEYS))
    records = s.scalar(select(func.count()).select_from(Assistance).where(
        _records_after(meta.get(MARK_RECORDS)))) or 0
    days = s.scalar(select(func.count()).select_from(ActivityDay).where(
        ActivityDay.is_demo.is_(False),
        ActivityDay.id > _int(meta.get(MARK_ACTIVITY)))) or 0
    return records, days


def waiting(s: Session) -> int:
    """Records and activity days the hub has not acknowledged yet."""
    return sum(waiting_parts(s))


def status(store: Store) -> SyncStatus:
    with store.read() as s:
        meta = read_meta(s, ERROR_KEYS + (LAST_OK, CONTENT_VERSION, CONTENT_REFUSED_MESSAGE))
        return SyncStatus(pairing(s), _dt(meta.get(LAST_OK)), meta.get(LAST_ERROR, ""),
                          meta.get(LAST_ERROR_MESSAGE, ""), _dt(meta.get(LAST_ERROR_AT)),
                          _int(meta.get(FAILURES)), *waiting_parts(s),
                          meta.get(CONTENT_VERSION, ""),
                          meta.get(CONTENT_REFUSED_MESSAGE, ""),
                          meta.get(LAST_ERROR_MESSAGE_EN, ""))


# -- one batch -------------------------------------------------------------------------------


def _first_count_day(s: Session, today: date) -> date:
    firsts = [s.scalar(select(func.min(Ticket.day)).where(Ticket.is_demo.is_(False))),
              s.scalar(select(func.min(PrintEvent.day))),
              (lambda at: local_day(at) if at else None)(
                  s.scalar(select(func.min(TutorialEvent.at)).where(
                      TutorialEvent.is_demo.is_(False))))]
    found = [d for d in firsts if d is not None]
    return min([*found, today - timedelta(days=COUNT_DAYS - 1)])


@dataclass(frozen=True)
class PendingBatch:
    payload: dict[str, Any]
    items: int                    # records + activity days in it
    progress: dict[str, str]      # the marks to store once the hub acknowledged it


def next_batch(s: Session, today: date, *, limit: int = BATCH_LIMIT,
               status_extra: dict[str, Any] | None = None) -> PendingBatch:
    """The next batch's payload (never empty of counts) and the marks it moves to."""
    meta = _checked_marks(s, read_meta(s, PROGRESS_KEYS))
    rows = list(s.scalars(select(Assistance).where(_records_after(meta.get(MARK_RECORDS)))
                          .order_by(Assistance.updated_at, Assistance.uuid).limit(limit)))
    days = list(s.scalars(select(ActivityDay).where(
        ActivityDay.is_demo.is_(False), ActivityDay.id > _int(meta.get(MARK_ACTIVITY)))
        .order_by(ActivityDay.id).limit(max(0, limit - len(rows)))))
    wanted = sorted({v for r in rows for v in (r.volunteer_uuids or [])}
                    | {d.volunteer_uuid for d in days})
    found = {v.uuid: v for v in s.scalars(select(Volunteer).where(Volunteer.uuid.in_(wanted)))}
    volunteers = [{"uuid": u, "display_name": found[u].display_name if u in found
                   else "(không rõ tên)", "role": found[u].role if u in found else "volunteer"}
                  for u in wanted]
    first = min(_dt_day(meta.get(COUNTS_FROM)) or _first_count_day(s, today),
                today - timedelta(days=COUNT_DAYS - 1))
    last = min(today, first + timedelta(days=MAX_COUNT_DAYS_PER_BATCH - 1))
    progress = dict(meta)
    if rows:
        progress[MARK_RECORDS] = f"{_iso(rows[-1].updated_at)}|{rows[-1].uuid}"
        progress[COUNT_RECORDS] = str(_records_at_or_below(s, progress[MARK_RECORDS]))
    if days:
        progress[MARK_ACTIVITY] = str(days[-1].id)
    progress[COUNTS_FROM] = (last + timedelta(days=1) if last < today
                             else today - timedelta(days=COUNT_DAYS - 1)).isoformat()
    identity_cols = ("help_point_id", "team_id", "commune_code")
    payload = {
        # The hub variant carries no citizen's contact details (HUB-SPEC "batch").
        "records": [record_out(r, contacts=False) for r in rows],
        "activity_days": [{"uuid": d.uuid, "volunteer_uuid": d.volunteer_uuid,
                           "day": d.day.isoformat(), "source": d.source,
                           **{k: getattr(d, k) or "" for k in identity_cols if hasattr(d, k)}}
                          for d in days],
        "volunteers": volunteers,
        "daily_counts": daily_counts(s, first, last),
        "status": {**(status_extra or {}), "outbox_waiting": waiting(s)},
    }
    return PendingBatch(payload, len(rows) + len(days), progress)


def _dt_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


# -- a run -----------------------------------------------------------------------------------


def next_delay_s(failures: int, rng: Callable[[], float] = random.random) -> float:
    """Seconds until the next automatic try: every 5 minutes when all is well; after
    ``failures`` failed runs in a row 30 s, 60 s, 120 s … capped at 30 minutes, each with
    jitter (50–100 %) so a commune's kiosks do not all knock at once after an outage."""
    if failures <= 0:
        return float(INTERVAL_S)
    delay = min(BACKOFF_CAP_S, BACKOFF_START_S * 2 ** min(failures - 1, 16))
    return delay * (0.5 + 0.5 * rng())


def _record_failure(store: Store, exc: KioskError, now: datetime) -> None:
    code = getattr(exc, "code", "") or "error"
    with store.write() as s:
        failures = _int(read_meta(s, (FAILURES,)).get(FAILURES)) + 1
        write_meta(s, {LAST_ERROR: code, LAST_ERROR_MESSAGE: str(exc)[:MAX_MESSAGE],
                       LAST_ERROR_MESSAGE_EN: exc.en[:MAX_MESSAGE] or None,
                       LAST_ERROR_AT: _iso(now), FAILURES: str(failures)})
    log.warning("sync failed: %s (failure %d in a row)", code, failures)


def _control_text_error(s: Session, found: StoredText) -> KioskError:
    from kiosk.sync.client import SyncError

    names = {sv.code: (sv.name_vi, sv.name_en) for sv in s.scalars(select(Service))}
    vi, en = control_text_problem(
        found, names, stopped="chưa gửi lên hub được", stopped_en="nothing was sent",
        advice="Hãy bấm “Làm sạch ký tự ẩn” hoặc chạy “help-kiosk sync clean-text”, rồi "
               "đồng bộ lại.",
        advice_en="Press “Clean hidden characters” or run “help-kiosk sync clean-text”, then "
                  "sync again.")
    return SyncError(vi, code=CONTROL_TEXT, retry=False, en=en)


def clean_text(actor: Actor, store: Store) -> list[str]:
    """Clean stored text holding control characters (:mod:`kiosk.text_cleanup`): staff only,
    audited with counts (never the text). Returns what was cleaned, named for staff."""
    require(actor, Role.STAFF)
    with store.write() as s:
        cleaned = clean_control_text(s.connection(), store.clock.now())
        names = {sv.code: sv.name_vi for sv in s.scalars(select(Service))}
        if cleaned:
            counts: dict[str, int] = {}
            for found in cleaned:
                counts[found.table] = counts.get(found.table, 0) + 1
            audit.record(s, store, actor.audit_name, "sync.clean_text", **counts)
    return [describe(found, names) for found in cleaned]


def sync_now(store: Store, config: Config, data_dir: Path, *,
             client: HubClient | None = None, limit: int = BATCH_LIMIT,
             fetch_pack: bool = True,
             device_status: dict[str, bool | None] | None = None) -> SyncReport:
    """Push every waiting batch to the paired hub, then fetch a newer content pack.

    ``device_status``: ``printer_ok``/``voice_ok`` as the GUI sees them (None = unknown, as
    from the command line), shown on the hub's health page.

    Stops at the first failure: the error is stored for the staff panel (``status``) and
    raised; every mark stays where the hub last acknowledged it.
    """
    from kiosk import __version__
    from kiosk.sync.batch import build_batch
    from kiosk.sync.client import HubClient, SyncError
    from kiosk.sync.errors import BatchRefused

    with store.read() as s:
        paired = pairing(s)
    if paired is None:
        raise NotPaired()
    keys = _keys(data_dir, store.device_id)
    identity = _identity(store, config)
    own = client is None
    hub = client or HubClient(paired.hub_url)
    batches = sent = added = updated = skipped = 0
    pack_version = pack_problem = ""
    try:
        size = limit
        for _ in range(MAX_BATCHES_PER_RUN):
            now = store.clock.now()
            with store.write() as s:
                # The sequence number is taken (and kept) before sending: a batch whose
                # answer was lost is sent again under a new number, never a used one.
                seq = _int(read_meta(s, (SEQ,)).get(SEQ)) + 1
                write_meta(s, {SEQ: str(seq)})
            with store.read() as s:
                batch = next_batch(s, local_day(now), limit=size, status_extra={
                    "app_version": __version__,
                    "content_version": read_meta(s, (CONTENT_VERSION,)).get(
                        CONTENT_VERSION, ""),
                    "printer_ok": (device_status or {}).get("printer_ok"),
                    "voice_ok": (device_status or {}).get("voice_ok")})
                found = first_in_payload(batch.payload)
                if found is not None:
                    # The hub would refuse the whole batch ("bản ghi số N", which staff
                    # cannot find): say which record it is and how to clean it, send nothing.
                    raise _control_text_error(s, found)
            try:
                blob = build_batch(batch.payload, identity, keys, seq, paired.hub_box_public,
                                   False, created=now.replace(tzinfo=UTC))
                result = hub.push_batch(blob)
            except (BatchRefused, SyncError) as exc:
                # Too big for the batch format or for this hub's limit (long notes): the
                # same records go again in smaller batches; nothing was stored.
                if getattr(exc, "code", "") != "too_big" or size <= MIN_BATCH:
                    raise
                size = max(MIN_BATCH, size // 2)
                log.info("sync batch too big; trying %d records a batch", size)
                continue
            with store.write() as s:
                write_meta(s, {**batch.progress, LAST_OK: _iso(store.clock.now()),
                               **dict.fromkeys(ERROR_KEYS)})
            batches += 1
            sent += batch.items
            added, updated, skipped = (added + result.added, updated + result.updated,
                                       skipped + result.skipped)
            log.info("sync batch %d acknowledged: %d items", seq, batch.items)
            if batch.items < size:
                break
        if fetch_pack:
            pack_version, pack_problem = _fetch_pack(store, data_dir, hub, paired, keys)
    except KioskError as exc:
        _record_failure(store, exc, store.clock.now())
        raise
    finally:
        if own:
            hub.close()
    with store.read() as s:
        left = waiting(s)
    return SyncReport(batches, sent, added, updated, skipped, left, pack_version, pack_problem)


def _fetch_pack(store: Store, data_dir: Path, hub: HubClient, paired: Pairing,
                keys: Any) -> tuple[str, str]:
    """(installed version, "") or ("", why refused); ("", "") when nothing was fetched."""
    from kiosk.content.packs import PackRefused, install_pack
    from kiosk.sync.client import SyncError

    now = store.clock.now()
    with store.read() as s:
        meta = read_meta(s, (CONTENT_VERSION, CONTENT_REFUSED))
    have = meta.get(CONTENT_VERSION, "")
    refused_version, _, refused_at = meta.get(CONTENT_REFUSED, "").partition("|")
    when = _dt(refused_at)
    if when is not None and now - when < REFUSED_PACK_PAUSE:
        return "", ""  # a refused pack is not downloaded again every five minutes
    try:
        download = hub.latest_pack(device_id=store.device_id, have=have, sign=keys.sign,
                                   now=now)
    except SyncError as exc:
        # The records went; a pack that could not be fetched is tried at the next sync (a
        # hub without packs answers 404). Not a failed sync.
        log.info("content pack not fetched: %s", exc.code)
        return "", ""
    if download is None or download.version == have:
        return "", ""
    try:
        installed = install_pack(data_dir, download.data, download.version,
                                 download.signature, paired.hub_verify_key)
    except PackRefused as exc:
        log.warning("content pack refused; keeping the current content")
        with store.write() as s:
            write_meta(s, {CONTENT_REFUSED: f"{download.version[:64]}|{_iso(now)}",
                           CONTENT_REFUSED_MESSAGE: str(exc)[:MAX_MESSAGE]})
        return "", str(exc)
    with store.write() as s:
        write_meta(s, {CONTENT_VERSION: installed.version, CONTENT_REFUSED: None,
                       CONTENT_REFUSED_MESSAGE: None})
    return installed.version, ""
