"""The one validator and the one merge for records arriving from another machine.

A USB bundle (v1 or v2) imported on a kiosk and a batch ingested by the hub both end here:
:func:`validate_payload` checks every field of every item against this database and refuses
the whole payload (:class:`~kiosk.sync.errors.BatchRefused`, code ``invalid_field``) naming
the first bad one, before anything is written; :func:`merge_payload` then writes it:

* assistance records by uuid: a record not seen before is added; a known record is replaced
  only when the incoming ``updated_at`` is newer, so the same payload twice (a replay) or two
  payloads in either order end in the same rows;
* activity days by (volunteer, day, source);
* volunteers not known here are added inactive and without a PIN (they appear in reports
  and cannot sign in here; a PIN hash never travels);
* home-visit requests (kiosk.home_visits) by uuid, the newer ``updated_at`` wins, like
  records. Only a USB bundle carries them (``validate_payload(..., home_visits=True)``): the
  hub neither asks for nor keeps them, so a payload for the hub that has them is refused.

The caller owns the transaction: the hub merges one batch in ONE transaction; the kiosk's
bundle import merges :meth:`ValidPayload.chunks` each in its own short transaction so the GUI
can take tickets meanwhile. Call from the database lane, the CLI or the hub's request worker.

:func:`load_json` is the bounded JSON reader every container (bundle, batch) uses on bytes
from outside: bad UTF-8, deep nesting, 5,000-digit numbers and NaN are refused, never raised
as RecursionError or OverflowError.
"""

from __future__ import annotations

import functools
import logging
import operator
import re
import uuid as uuid_mod
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

import msgspec
from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Integer,
    String,
    Table,
    column,
    select,
    text,
)
from sqlalchemy.orm import Session

from db.models import ActivityDay, Assistance, HomeVisit, Service, Volunteer
from kiosk.assistance import (
    AGE_BANDS,
    CHANNELS,
    ETHNIC_MAX,
    GENDERS,
    NAME_MAX,
    OUTCOMES,
    PLACE_MAX,
    PURPOSE_MAX,
    TUTORIAL_ID,
)
from kiosk.attendance import ACTIVITY_SOURCES
from kiosk.auth import Role
from kiosk.home_visits import BEST_TIME_MAX, HOUSEHOLD_MAX, NEEDS_MAX, STATUSES
from kiosk.home_visits import PURPOSE_MAX as VISIT_PURPOSE_MAX
from kiosk.identity import is_team_id
from kiosk.plain_text import NO_CONTROL_PATTERN, has_control
from kiosk.privacy import (
    NOTE_MAX_CHARS,
    PhoneNumberError,
    PrivacyError,
    check_note,
    normalize_phone,
)
from kiosk.reports.waits import BINS as WAIT_BINS
from kiosk.sync.errors import BatchRefused

log = logging.getLogger(__name__)

# A record written on a machine whose clock runs far ahead would win every later conflict.
MAX_CLOCK_SKEW = timedelta(days=1)
#: No record of this kiosk is older than this: a date before it (0001-01-01) is a forgery.
EARLIEST = datetime(2020, 1, 1)
#: Deeper JSON than any payload we write (4 levels) is hostile, not data.
MAX_JSON_DEPTH = 16
#: A daily count above this is not a help point's day.
MAX_DAILY_COUNT = 1_000_000

REFUSED = "Không có gì được ghi vào máy này."
ADVICE = "Hãy xuất lại gói từ máy của tổ lưu động."
CONTROL_ADVICE = "Hãy sửa mục đó trên máy gửi rồi gửi lại."

_ROLES = (Role.VOLUNTEER.value, Role.STAFF.value)
#: The keys every record carries (the v1 bundle's record).
RECORD_KEYS = frozenset({
    "uuid", "device_id", "created_at", "updated_at", "started_at", "ended_at",
    "volunteer_uuids", "services", "tutorial_id", "ticket_uuid", "outcome", "channel",
    "commune", "village", "age_band", "gender", "ethnic_group", "ethnic_consent_at",
    "first_visit", "satisfaction", "note", "contact_name", "contact_phone",
    "contact_consent_at", "contact_consent_purpose", "deleted_at",
})
#: Who the record belongs to (issue #20 item 0) and whether it came unverified: optional so
#: v1 bundles written before them still import.
IDENTITY_KEYS = ("help_point_id", "team_id", "commune_code")
OPTIONAL_RECORD_KEYS = frozenset({*IDENTITY_KEYS, "unverified"})
#: Contact fields a hub batch without contacts leaves empty.
CONTACT_KEYS = ("contact_name", "contact_phone", "contact_consent_at", "contact_consent_purpose")
DATETIME_KEYS = ("created_at", "updated_at", "started_at", "ended_at", "ethnic_consent_at",
                 "contact_consent_at", "deleted_at")
DAY_KEYS = frozenset({"uuid", "volunteer_uuid", "day", "source"})
PAYLOAD_KEYS_V1 = frozenset({"records", "activity_days", "volunteers"})
PAYLOAD_KEYS_V2 = PAYLOAD_KEYS_V1 | {"daily_counts", "status"}
#: A USB bundle with home-visit requests (kiosk.home_visits); never sent to the hub.
HOME_VISITS = "home_visits"
PAYLOAD_KEYS_V2_VISITS = PAYLOAD_KEYS_V2 | {HOME_VISITS}
VISIT_KEYS = frozenset({
    "uuid", "device_id", "created_at", "updated_at", "created_by", "commune", "village",
    "household", "phone", "phone_consent_at", "phone_consent_purpose", "service_code", "needs",
    "best_time", "status", "assigned_to", "assigned_at", "done_at", "assistance_uuid",
    "deleted_at", *IDENTITY_KEYS,
})
VISIT_DATETIME_KEYS = ("created_at", "updated_at", "phone_consent_at", "assigned_at",
                       "done_at", "deleted_at")
DAILY_COUNT_KEYS = ("tickets_issued", "tickets_served", "no_shows", "tutorials_opened",
                    "tutorials_finished", "sheets_printed")
#: Added later (issue #21 item 2); optional, so a kiosk from before them still syncs. A hub
#: must be updated before its kiosks: any other key refuses the batch whole.
DAILY_COUNT_MORE = ("cancelled", "not_finished", "priority_tickets", "priority_served")
#: Bounds of a day's detail: more is not a help point's day.
MAX_DAY_TUTORIALS = 300
MAX_DAY_STOPS = 200
MAX_DAY_SCAM_KINDS = 100
STATUS_KEYS = frozenset({"app_version", "content_version", "printer_ok", "voice_ok",
                         "outbox_waiting"})
_COMMUNE_CODE = re.compile(r"[0-9]{0,8}")



def _columns(model: type) -> frozenset[str]:
    return frozenset(model.__table__.columns.keys())  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ValidPayload:
    """A payload every field of which was checked; plain values ready for the models."""

    records: list[dict[str, Any]]
    activity_days: list[dict[str, Any]]
    volunteers: list[dict[str, Any]]
    daily_counts: list[dict[str, Any]] = field(default_factory=list)
    status: dict[str, Any] = field(default_factory=dict)
    #: The payload's volunteers this database already had when it was validated: the merge
    #: does not send them again (a kiosk's every batch names the same few).
    known_volunteers: frozenset[str] = frozenset()
    home_visits: list[dict[str, Any]] = field(default_factory=list)

    def chunks(self, size: int) -> Iterator[ValidPayload]:
        """Volunteers first, then records, then activity days, then home visits, at most
        ``size`` items each: merged one chunk per transaction, every chunk leaves whole,
        consistent rows (a visit done names its record, which is already there)."""
        yield ValidPayload([], [], self.volunteers, known_volunteers=self.known_volunteers)
        for start in range(0, len(self.records), size):
            yield ValidPayload(self.records[start:start + size], [], [])
        for start in range(0, len(self.activity_days), size):
            yield ValidPayload([], self.activity_days[start:start + size], [])
        for start in range(0, len(self.home_visits), size):
            yield ValidPayload([], [], [], home_visits=self.home_visits[start:start + size])


@dataclass(frozen=True)
class MergeSummary:
    """Records added, updated (incoming was newer) and skipped (same or older)."""

    added: int = 0
    updated: int = 0
    skipped: int = 0
    activity_days_added: int = 0
    volunteers_added: int = 0
    home_visits_added: int = 0
    home_visits_updated: int = 0
    #: (help point, commune, start hour in UTC) of every record version the merge added,
    #: replaced or replaced away: where counts kept per day (the hub's daily summary) must
    #: be counted again. Empty when nothing changed (a replay).
    changed: frozenset[tuple[str, str, datetime]] = frozenset()

    def __add__(self, other: MergeSummary) -> MergeSummary:
        return MergeSummary(self.added + other.added, self.updated + other.updated,
                            self.skipped + other.skipped,
                            self.activity_days_added + other.activity_days_added,
                            self.volunteers_added + other.volunteers_added,
                            self.home_visits_added + other.home_visits_added,
                            self.home_visits_updated + other.home_visits_updated,
                            self.changed | other.changed)


# -- bytes from outside ----------------------------------------------------------------------


#: JSON strings (escapes included), removed before the brackets are counted.
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
#: Every byte but the four brackets, deleted by ``bytes.translate``.
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def _depth(blob: bytes) -> int:
    """How deep the arrays and objects of valid JSON text nest (strings skipped): counted
    on the text, so a day's batch is not walked value by value in Python."""
    depth = deepest = 0
    for ch in _JSON_STRING.sub(b"", blob).translate(None, _NOT_BRACKETS):
        if ch in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def load_json(blob: bytes, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse bytes from outside; ValueError for anything that is not bounded, finite JSON.

    msgspec's reader refuses bad UTF-8, NaN/Infinity, numbers out of range (1e999, an int
    past 64 bits) with a ValueError and deep nesting with RecursionError (turned into
    ValueError here); depth beyond ``max_depth`` is ours.
    """
    try:
        value = msgspec.json.decode(blob)
    except RecursionError as exc:
        raise ValueError("nesting too deep") from exc
    if _depth(blob) > max_depth:
        raise ValueError("nesting too deep")
    return value


# -- serialisation ---------------------------------------------------------------------------


def dt_out(value: datetime | None) -> str | None:
    """A stored naive-UTC datetime as the ISO text bundles and batches carry."""
    return None if value is None else value.isoformat() + "Z"


def record_out(r: Assistance, *, contacts: bool = True) -> dict[str, Any]:
    """One assistance record as a payload dict (identity and unverified included once the
    columns exist); ``contacts=False`` empties the contact fields (the hub variant)."""
    columns = _columns(Assistance)
    out: dict[str, Any] = {}
    for key in sorted(RECORD_KEYS | (OPTIONAL_RECORD_KEYS & columns)):
        value = getattr(r, key)
        if key in DATETIME_KEYS:
            value = dt_out(value)
        elif key in ("volunteer_uuids", "services"):
            value = list(value or [])
        elif key == "unverified":
            value = bool(value)
        out[key] = value
    if not contacts:
        for key in CONTACT_KEYS:
            out[key] = None
    return out


def visit_out(v: HomeVisit) -> dict[str, Any]:
    """One home-visit request as a payload dict (USB bundles only)."""
    out: dict[str, Any] = {}
    for key in sorted(VISIT_KEYS):
        value = getattr(v, key)
        out[key] = dt_out(value) if key in VISIT_DATETIME_KEYS else value
    return out


def day_out(d: ActivityDay) -> dict[str, Any]:
    """One activity day as a payload dict (with its identity once the columns exist)."""
    out: dict[str, Any] = {"uuid": d.uuid, "volunteer_uuid": d.volunteer_uuid,
                           "day": d.day.isoformat(), "source": d.source}
    for key in IDENTITY_KEYS:
        if key in _columns(ActivityDay):
            out[key] = getattr(d, key)
    return out


# -- checking --------------------------------------------------------------------------------


class _Invalid(Exception):
    """The first bad field; ``control``: bad because it holds a control character."""

    def __init__(self, field: str, *, control: bool = False) -> None:
        super().__init__(field)
        self.field = field
        self.control = control


def refuse(problem: str, advice: str = ADVICE, code: str = "invalid_field", *,
           en: str = "") -> BatchRefused:
    """A refusal with the house wording: what is wrong, nothing written, what to do."""
    return BatchRefused(f"{problem} {REFUSED} {advice}", code, en=en)


def parse_dt(value: Any) -> datetime | None:
    """ISO text to naive UTC, or None if it is not a bounded ISO datetime."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


# -- the schema ------------------------------------------------------------------------------
#
# Types, lengths and numeric bounds of every field are declared once here and checked by
# msgspec in C while the payload is converted (a day's batch of 40 records took 2.8 ms of
# per-field Python on the hub; benchmarks/hub_load.py). What a type cannot say (one date
# after another, a known volunteer, a note without an ID number, consent for a contact) is
# checked in :func:`_check_record` and friends below. A missing or unknown key is a
# structure error, as before. ``gc=False``: decoded JSON can hold no reference cycle, so
# the collector need not track thousands of structs a batch (msgspec's own advice).


# Every text is one line without control characters (kiosk.plain_text): PostgreSQL cannot
# store a NUL, and the hub failed on one with a database error instead of a refusal.
_PLAIN = NO_CONTROL_PATTERN
_Str8 = Annotated[str, msgspec.Meta(max_length=8, pattern=_PLAIN)]
_Str16 = Annotated[str, msgspec.Meta(max_length=16, pattern=_PLAIN)]
_Str20 = Annotated[str, msgspec.Meta(max_length=20, pattern=_PLAIN)]
_Str32 = Annotated[str, msgspec.Meta(max_length=32, pattern=_PLAIN)]
_Str36 = Annotated[str, msgspec.Meta(max_length=36, pattern=_PLAIN)]
_Str40 = Annotated[str, msgspec.Meta(max_length=40, pattern=_PLAIN)]
_Str64 = Annotated[str, msgspec.Meta(max_length=64, pattern=_PLAIN)]
_Str80 = Annotated[str, msgspec.Meta(max_length=80, pattern=_PLAIN)]
_Place = Annotated[str, msgspec.Meta(max_length=PLACE_MAX, pattern=_PLAIN)]
_Name = Annotated[str, msgspec.Meta(max_length=NAME_MAX, pattern=_PLAIN)]
_Ethnic = Annotated[str, msgspec.Meta(max_length=ETHNIC_MAX, pattern=_PLAIN)]
_Purpose = Annotated[str, msgspec.Meta(max_length=PURPOSE_MAX, pattern=_PLAIN)]
_Note = Annotated[str, msgspec.Meta(max_length=NOTE_MAX_CHARS, pattern=_PLAIN)]


class _RecordIn(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    uuid: uuid_mod.UUID
    device_id: Annotated[str, msgspec.Meta(min_length=1, max_length=36, pattern=_PLAIN)]
    created_at: datetime
    updated_at: datetime
    started_at: datetime
    ended_at: datetime
    volunteer_uuids: Annotated[list[uuid_mod.UUID], msgspec.Meta(min_length=1, max_length=50)]
    services: Annotated[list[_Str32], msgspec.Meta(min_length=1, max_length=50)]
    tutorial_id: _Str64 | None
    ticket_uuid: uuid_mod.UUID | None
    outcome: _Str16
    channel: _Str16
    commune: _Place
    village: _Place
    age_band: _Str16
    gender: _Str8
    ethnic_group: _Ethnic | None
    ethnic_consent_at: datetime | None
    first_visit: bool | None
    satisfaction: Annotated[int, msgspec.Meta(ge=1, le=5)] | None
    note: _Note
    contact_name: _Name | None
    contact_phone: _Str20 | None
    contact_consent_at: datetime | None
    contact_consent_purpose: _Purpose | None
    deleted_at: datetime | None
    # Optional: v1 bundles written before identity (issue #20 item 0) and ``unverified``.
    help_point_id: _Str36 | msgspec.UnsetType = msgspec.UNSET
    team_id: _Str36 | msgspec.UnsetType = msgspec.UNSET
    commune_code: _Str8 | msgspec.UnsetType = msgspec.UNSET
    unverified: bool | msgspec.UnsetType = msgspec.UNSET


class _DayIn(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    uuid: uuid_mod.UUID
    volunteer_uuid: uuid_mod.UUID
    day: date
    source: _Str16
    help_point_id: _Str36 | msgspec.UnsetType = msgspec.UNSET
    team_id: _Str36 | msgspec.UnsetType = msgspec.UNSET
    commune_code: _Str8 | msgspec.UnsetType = msgspec.UNSET


class _VolunteerIn(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    uuid: uuid_mod.UUID
    display_name: _Str80
    role: _Str16


_Count = Annotated[int, msgspec.Meta(ge=0, le=MAX_DAILY_COUNT)]


_TutorialId = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
_ScamKind = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
_Step = Annotated[str, msgspec.Meta(pattern=r"^(0|[1-9][0-9]{0,3})$")]


class _TutorialDayIn(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """One tutorial's runs on one day (kiosk.reports.figures.count_tutorial_runs)."""

    opened: _Count
    finished: _Count
    stopped: _Count
    asks: _Count
    stops: Annotated[dict[_Step, _Count], msgspec.Meta(max_length=MAX_DAY_STOPS)]


class _PracticeDayIn(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """One practice's runs on one day (kiosk.reports.figures.count_practice_runs)."""

    started: _Count
    finished: _Count
    wrong: Annotated[dict[_Step, _Count], msgspec.Meta(max_length=MAX_DAY_STOPS)]


class _CountIn(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    day: date
    tickets_issued: _Count
    tickets_served: _Count
    no_shows: _Count
    tutorials_opened: _Count
    tutorials_finished: _Count
    sheets_printed: _Count
    # Optional (issue #21 item 2; kiosks from before send none of them).
    cancelled: _Count = 0
    not_finished: _Count = 0
    priority_tickets: _Count = 0
    priority_served: _Count = 0
    wait_histogram: Annotated[list[_Count], msgspec.Meta(max_length=WAIT_BINS)] = (
        msgspec.field(default_factory=list))
    tutorials: Annotated[dict[_TutorialId, _TutorialDayIn],
                         msgspec.Meta(max_length=MAX_DAY_TUTORIALS)] = (
        msgspec.field(default_factory=dict))
    scam_checks: Annotated[dict[_ScamKind, _Count], msgspec.Meta(max_length=MAX_DAY_SCAM_KINDS)
                           ] = msgspec.field(default_factory=dict)
    # Optional (issue #22's practices, hubpolish 00:30): a hub from before refuses it, so
    # hubs are updated before their kiosks (HUB-SPEC "Changes").
    practices: Annotated[dict[_TutorialId, _PracticeDayIn],
                         msgspec.Meta(max_length=MAX_DAY_TUTORIALS)] = (
        msgspec.field(default_factory=dict))


def _count_out(c: _CountIn) -> dict[str, Any]:
    """A day's counts as plain values: the ten totals, and ``detail`` (waits histogram,
    tutorials, scam checks) for the hub's ``daily_count.detail``."""
    if len(c.wait_histogram) not in (0, WAIT_BINS):
        raise _Invalid("wait_histogram")
    out: dict[str, Any] = {"day": c.day}
    for key in (*DAILY_COUNT_KEYS, *DAILY_COUNT_MORE):
        out[key] = getattr(c, key)
    out["detail"] = {
        "wait_histogram": list(c.wait_histogram),
        "tutorials": {tid: msgspec.structs.asdict(t) for tid, t in c.tutorials.items()},
        "scam_checks": dict(c.scam_checks)}
    if c.practices:  # issue #22; kept out otherwise, so a day's detail is as before
        out["detail"]["practices"] = {tid: msgspec.structs.asdict(p)
                                      for tid, p in c.practices.items()}
    return out


class _StatusIn(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    app_version: _Str40 | None | msgspec.UnsetType = msgspec.UNSET
    content_version: _Str40 | None | msgspec.UnsetType = msgspec.UNSET
    printer_ok: bool | None | msgspec.UnsetType = msgspec.UNSET
    voice_ok: bool | None | msgspec.UnsetType = msgspec.UNSET
    outbox_waiting: Annotated[int, msgspec.Meta(ge=0, le=10**9)] | msgspec.UnsetType = (
        msgspec.UNSET)


class _PayloadIn(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    volunteers: list[_VolunteerIn]
    records: list[_RecordIn]
    activity_days: list[_DayIn]
    daily_counts: list[_CountIn] | msgspec.UnsetType = msgspec.UNSET
    status: _StatusIn | msgspec.UnsetType = msgspec.UNSET
    # USB bundles only (kiosk.home_visits); each checked by _check_visit.
    home_visits: list[Any] | msgspec.UnsetType = msgspec.UNSET


_PAYLOAD_DECODER = msgspec.json.Decoder(_PayloadIn)


def decode_payload(blob: bytes) -> _PayloadIn | None:
    """The payload bytes decoded straight into the schema, when they fit it whole and carry
    no home visits; None otherwise (the caller then reads them with :func:`load_json`, and
    :func:`validate_payload` names the first bad field, as for any dict).

    The fast path of a batch (hub ingest): one pass in C instead of a generic decode, a
    depth count on the text and a conversion; the schema's types bound the nesting, so no
    depth count is needed. :func:`validate_payload` takes what this returns as it takes a
    dict."""
    try:
        decoded = _PAYLOAD_DECODER.decode(blob)
    except (msgspec.DecodeError, RecursionError):  # ValidationError is a DecodeError
        return None
    if decoded.home_visits is not msgspec.UNSET:
        return None
    return decoded


def carries_contacts(decoded: _PayloadIn) -> bool:
    """Whether any record of a decoded payload has a contact field set."""
    return any(r.contact_name is not None or r.contact_phone is not None
               or r.contact_consent_at is not None or r.contact_consent_purpose is not None
               for r in decoded.records)


def is_v2(decoded: _PayloadIn) -> bool:
    """A batch's payload (version 2): daily counts and status, both."""
    return decoded.daily_counts is not msgspec.UNSET and decoded.status is not msgspec.UNSET


#: ``$.records[3].volunteer_uuids[0]`` -> ("records", 3, "volunteer_uuids"); also a bad
#: dict key ("at `key` in `$.daily_counts[0].practices[...].wrong`").
_ERROR_PATH = re.compile(r"`\$\.(\w+)(?:\[(\d+)\])?(?:\.(\w+))?")


def _schema_error(exc: msgspec.ValidationError, at: dict[str, Any], payload: dict[str, Any]
                  ) -> _Invalid:
    """Where msgspec found the first bad value, in the words of the refusal: the section,
    the item's number and the field, or "(cấu trúc)" for a missing or unknown key; and
    whether it was a control character (its own, plainer refusal)."""
    found = _ERROR_PATH.search(str(exc))
    if found is None:  # the payload itself: a missing or unknown section
        return _Invalid("(cấu trúc)")
    section, index, name = found.groups()
    at["section"] = section if section in _SECTIONS else "payload"
    at["index"] = int(index) + 1 if index is not None else 0
    if name is not None:
        return _Invalid(name, control="matching regex" in str(exc)
                        and _holds_control(payload, section, index, name))
    if index is None and section != "status":
        return _Invalid("(danh sách)")
    return _Invalid("(cấu trúc)")


def _holds_control(payload: dict[str, Any], section: str, index: str | None,
                   name: str) -> bool:
    """Whether the value msgspec refused (``payload[section][index][name]``, a text or a
    list of texts) holds a control character: read again only on a refusal."""
    try:
        item = payload[section]
        if index is not None:
            item = item[int(index)]
        value = item[name]
    except (KeyError, IndexError, TypeError, ValueError):
        return False
    texts = value if isinstance(value, list) else [value]
    return any(isinstance(t, str) and has_control(t) for t in texts)


_OUTCOMES = frozenset(OUTCOMES)
_CHANNELS = frozenset(CHANNELS)
_AGE_BANDS = frozenset(("", *AGE_BANDS))
_GENDERS = frozenset(("", *GENDERS))
_SOURCES = frozenset(ACTIVITY_SOURCES)


def _naive(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is None:
        return value
    if value.tzinfo is UTC:  # "…Z", as every kiosk writes them: no conversion needed
        return value.replace(tzinfo=None)
    return value.astimezone(UTC).replace(tzinfo=None)


class _Ids:
    """``is_team_id`` once per distinct id: a batch's records all carry the same few."""

    def __init__(self) -> None:
        self.good: set[str] = {""}

    def check(self, value: str, field: str) -> str:
        if value not in self.good:
            if not is_team_id(value):
                raise _Invalid(field)
            self.good.add(value)
        return value


def _identity(raw: Any, out: dict[str, Any], ids: _Ids) -> None:
    """Optional identity fields: ids are uuids or unknown-team ids (or "" before identity),
    the code digits."""
    if raw.help_point_id is not msgspec.UNSET:
        out["help_point_id"] = ids.check(raw.help_point_id, "help_point_id")
    if raw.team_id is not msgspec.UNSET:
        out["team_id"] = ids.check(raw.team_id, "team_id")
    if raw.commune_code is not msgspec.UNSET:
        if not _COMMUNE_CODE.fullmatch(raw.commune_code):
            raise _Invalid("commune_code")
        out["commune_code"] = raw.commune_code


def _check_record(raw: _RecordIn, now: datetime, services: set[str] | None,
                  volunteers: set[str], ids: _Ids) -> dict[str, Any]:
    """What the schema cannot say about one record; the plain values for the model."""
    latest = now + MAX_CLOCK_SKEW
    r: dict[str, Any] = {"uuid": str(raw.uuid), "device_id": raw.device_id}
    for key in DATETIME_KEYS:
        value = _naive(getattr(raw, key))
        # Every date is bounded: a consent date 9999-12-31 kept its contact for ever (never
        # purged) and crashed the person and contacts exports with OverflowError; a record
        # "written" tomorrow on a machine whose clock runs ahead would win every conflict.
        if value is not None and not EARLIEST <= value <= latest:
            raise _Invalid(key)
        r[key] = value
    if r["ended_at"] < r["started_at"]:
        raise _Invalid("ended_at")
    if r["updated_at"] < r["created_at"]:
        raise _Invalid("updated_at")
    r["volunteer_uuids"] = vols = [str(v) for v in raw.volunteer_uuids]
    if not volunteers.issuperset(vols):
        raise _Invalid("volunteer_uuids")
    r["services"] = raw.services
    tutorial = raw.tutorial_id
    if tutorial is not None and not TUTORIAL_ID.fullmatch(tutorial):
        raise _Invalid("tutorial_id")
    r["tutorial_id"] = tutorial
    r["ticket_uuid"] = None if raw.ticket_uuid is None else str(raw.ticket_uuid)
    if raw.outcome not in _OUTCOMES:
        raise _Invalid("outcome")
    if raw.channel not in _CHANNELS:
        raise _Invalid("channel")
    if raw.age_band not in _AGE_BANDS:
        raise _Invalid("age_band")
    if raw.gender not in _GENDERS:
        raise _Invalid("gender")
    r.update(outcome=raw.outcome, channel=raw.channel, age_band=raw.age_band,
             gender=raw.gender, commune=raw.commune, village=raw.village,
             first_visit=raw.first_visit, satisfaction=raw.satisfaction, note=raw.note,
             ethnic_group=raw.ethnic_group, contact_name=raw.contact_name,
             contact_consent_purpose=raw.contact_consent_purpose)
    if raw.note:
        try:
            check_note(raw.note)
        except PrivacyError as exc:
            raise _Invalid("note") from exc
    if raw.ethnic_group is not None and r["ethnic_consent_at"] is None:
        raise _Invalid("ethnic_consent_at")
    phone = raw.contact_phone
    if phone is not None:
        try:
            if normalize_phone(phone) != phone:
                raise _Invalid("contact_phone")
        except PhoneNumberError as exc:
            raise _Invalid("contact_phone") from exc
    r["contact_phone"] = phone
    if (raw.contact_name is not None or phone is not None) and (
            r["contact_consent_at"] is None or not raw.contact_consent_purpose):
        raise _Invalid("contact_consent_at")
    _identity(raw, r, ids)
    if raw.unverified is not msgspec.UNSET:
        r["unverified"] = raw.unverified
    if services is not None:
        unknown = [c for c in raw.services if c not in services]
        if unknown:
            raise refuse(f"Gói dữ liệu có dịch vụ “{unknown[0]}” mà máy này chưa có.",
                         "Hãy thêm dịch vụ đó trên màn hình cán bộ rồi nhập lại.",
                         en=f"The data bundle has a service “{unknown[0]}” this computer does "
                            "not have. Nothing was written. Add that service on the staff "
                            "screen, then import again.")
    return r


def _uuid(value: Any, field: str) -> str:
    if not isinstance(value, str) or len(value) != 36:
        raise _Invalid(field)
    try:
        return str(uuid_mod.UUID(value))
    except ValueError as exc:
        raise _Invalid(field) from exc


def _dt(value: Any, field: str, optional: bool = False) -> datetime | None:
    if value is None and optional:
        return None
    parsed = parse_dt(value)
    if parsed is None:
        raise _Invalid(field)
    return parsed


def _str(value: Any, field: str, limit: int, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise _Invalid(field)
    if has_control(value):
        raise _Invalid(field, control=True)
    return value


def _identity_of_dict(raw: dict[str, Any], out: dict[str, Any]) -> None:
    """:func:`_identity` for an item checked field by field (a home visit)."""
    for key in ("help_point_id", "team_id"):
        if key in raw:
            value = _str(raw[key], key, 36)
            if value and not is_team_id(value):
                raise _Invalid(key)
            out[key] = value
    if "commune_code" in raw:
        code = _str(raw["commune_code"], "commune_code", 8)
        if not _COMMUNE_CODE.fullmatch(code or ""):
            raise _Invalid("commune_code")
        out["commune_code"] = code


def _check_visit(raw: Any, now: datetime, services: set[str] | None,
                 volunteers: set[str]) -> dict[str, Any]:
    """A home-visit request from another machine, checked like the local service would."""
    if not isinstance(raw, dict) or set(raw) != VISIT_KEYS:
        raise _Invalid("(cấu trúc)")
    v: dict[str, Any] = {"uuid": _uuid(raw["uuid"], "uuid")}
    v["device_id"] = _str(raw["device_id"], "device_id", 36)
    if not v["device_id"]:
        raise _Invalid("device_id")
    for key in VISIT_DATETIME_KEYS:
        v[key] = _dt(raw[key], key, optional=key not in ("created_at", "updated_at"))
        if v[key] is not None and not EARLIEST <= v[key] <= now + MAX_CLOCK_SKEW:
            raise _Invalid(key)
    if v["updated_at"] < v["created_at"]:
        raise _Invalid("updated_at")
    v["created_by"] = _uuid(raw["created_by"], "created_by")
    if v["created_by"] not in volunteers:
        raise _Invalid("created_by")
    assigned = raw["assigned_to"]
    v["assigned_to"] = None if assigned is None else _uuid(assigned, "assigned_to")
    if v["assigned_to"] is not None and v["assigned_to"] not in volunteers:
        raise _Invalid("assigned_to")
    if raw["status"] not in STATUSES:
        raise _Invalid("status")
    v["status"] = raw["status"]
    if v["status"] in ("assigned", "done") and v["assigned_to"] is None:
        raise _Invalid("assigned_to")
    record = raw["assistance_uuid"]
    v["assistance_uuid"] = None if record is None else _uuid(record, "assistance_uuid")
    if (v["status"] == "done") != (v["assistance_uuid"] is not None):
        raise _Invalid("assistance_uuid")
    v["commune"] = _str(raw["commune"], "commune", PLACE_MAX)
    v["village"] = _str(raw["village"], "village", PLACE_MAX)
    if not v["village"]:
        raise _Invalid("village")
    for key, limit in (("household", HOUSEHOLD_MAX), ("needs", NEEDS_MAX),
                       ("best_time", BEST_TIME_MAX)):
        text = _str(raw[key], key, limit, optional=key == "household")
        try:
            check_note(text or "")
        except PrivacyError as exc:
            raise _Invalid(key) from exc
        v[key] = text
    code = _str(raw["service_code"], "service_code", 32)
    if not code or (services is not None and code not in services):
        raise _Invalid("service_code")
    v["service_code"] = code
    phone = _str(raw["phone"], "phone", 20, optional=True)
    if phone is not None:
        try:
            if normalize_phone(phone) != phone:
                raise _Invalid("phone")
        except PhoneNumberError as exc:
            raise _Invalid("phone") from exc
    v["phone"] = phone
    v["phone_consent_purpose"] = _str(raw["phone_consent_purpose"], "phone_consent_purpose",
                                      VISIT_PURPOSE_MAX, optional=True)
    # The consent rule of the local service: no phone without a recorded consent.
    if phone is not None and (v["phone_consent_at"] is None
                              or not v["phone_consent_purpose"]):
        raise _Invalid("phone_consent_at")
    _identity_of_dict(raw, v)
    return v


def _check_day(d: _DayIn, now: datetime, known: set[str], ids: _Ids) -> dict[str, Any]:
    vu = str(d.volunteer_uuid)
    if vu not in known:
        raise _Invalid("volunteer_uuid")
    _bounded_day(d.day, now)
    if d.source not in _SOURCES:
        raise _Invalid("source")
    out = {"uuid": str(d.uuid), "volunteer_uuid": vu, "day": d.day, "source": d.source}
    _identity(d, out, ids)
    return out


def _bounded_day(day: date, now: datetime) -> None:
    if not EARLIEST.date() <= day <= (now + MAX_CLOCK_SKEW).date():
        raise _Invalid("day")


def _check_status(raw: _StatusIn) -> dict[str, Any]:
    return {key: value for key in STATUS_KEYS
            if (value := getattr(raw, key)) is not msgspec.UNSET}


_SECTIONS_EN = {"payload": "the bundle", "volunteers": "helper", "records": "record",
                "activity_days": "activity day", "daily_counts": "daily count",
                "status": "device status", "home_visits": "home-visit request"}
_SECTIONS = {"payload": "gói dữ liệu", "volunteers": "người hỗ trợ", "records": "bản ghi",
             "activity_days": "ngày hoạt động", "daily_counts": "số liệu ngày",
             "status": "trạng thái máy", "home_visits": "yêu cầu đến nhà"}


def _known_volunteers(session: Session, wanted: set[str]) -> set[str]:
    """Which of ``wanted`` this database has (only those: the hub has thousands)."""
    return _existing(session, Volunteer.uuid, sorted(wanted))


def validate_payload(session: Session, payload: Any, now: datetime, *,
                     any_service: bool = False, home_visits: bool = False) -> ValidPayload:
    """Check every field of every item against this database; whole or nothing.

    ``payload`` is the parsed ``records.json`` of a v1 bundle or ``payload.json`` of a batch.
    Raises :class:`BatchRefused` (``invalid_field``) naming the first bad item and field.
    ``any_service``: take any well-formed service code, not only this database's. The hub
    passes it: staff may add their own service on a kiosk and the hub cannot know it, so
    looking codes up would refuse every batch of that help point for ever. A kiosk importing
    a USB bundle keeps the look-up (staff add the service there first, as the refusal says).
    ``home_visits``: a USB bundle may carry home-visit requests (the kiosk's import passes
    it); without it (the hub) a payload that has them is refused.
    """
    at: dict[str, Any] = {"section": "payload", "index": 0}
    if now.tzinfo is not None:
        now = now.astimezone(UTC).replace(tzinfo=None)
    try:
        if isinstance(payload, _PayloadIn):  # decode_payload's: checked while decoded
            p = payload
        elif not isinstance(payload, dict):
            raise _Invalid("(cấu trúc)")
        else:
            try:
                p = msgspec.convert(payload, _PayloadIn)
            except msgspec.ValidationError as exc:
                raise _schema_error(exc, at, payload) from exc
        if (p.daily_counts is msgspec.UNSET) != (p.status is msgspec.UNSET) or (
                p.home_visits is not msgspec.UNSET and p.status is msgspec.UNSET):
            raise _Invalid("(cấu trúc)")  # v1 has neither, v2 both (and maybe visits)
        if p.home_visits is not msgspec.UNSET and not home_visits:
            raise _Invalid(HOME_VISITS)
        at["section"] = "volunteers"
        volunteers: list[dict[str, Any]] = []
        for i, v in enumerate(p.volunteers, start=1):
            at["index"] = i
            name = v.display_name.strip()
            if not name:
                raise _Invalid("display_name")
            if v.role not in _ROLES:
                raise _Invalid("role")
            volunteers.append({"uuid": str(v.uuid), "display_name": name, "role": v.role})
        sent = {v["uuid"] for v in volunteers}
        if len(sent) != len(volunteers):
            raise _Invalid("uuid")
        named = {str(u) for r in p.records for u in r.volunteer_uuids} | {
            str(d.volunteer_uuid) for d in p.activity_days}
        here = _known_volunteers(session, named | sent)
        known = here | sent
        services = None if any_service else set(session.scalars(select(Service.code)))
        ids = _Ids()

        at.update(section="records", index=0)
        records = []
        for i, raw in enumerate(p.records, start=1):
            at["index"] = i
            records.append(_check_record(raw, now, services, known, ids))
        if len({r["uuid"] for r in records}) != len(records):
            raise _Invalid("uuid")

        at.update(section="activity_days", index=0)
        days = []
        for i, d in enumerate(p.activity_days, start=1):
            at["index"] = i
            days.append(_check_day(d, now, known, ids))

        counts: list[dict[str, Any]] = []
        status: dict[str, Any] = {}
        if p.daily_counts is not msgspec.UNSET and p.status is not msgspec.UNSET:
            at.update(section="daily_counts", index=0)
            for i, c in enumerate(p.daily_counts, start=1):
                at["index"] = i
                _bounded_day(c.day, now)
                counts.append(_count_out(c))
            if len({c["day"] for c in counts}) != len(counts):
                raise _Invalid("day")
            at.update(section="status", index=0)
            status = _check_status(p.status)
        visits: list[dict[str, Any]] = []
        if p.home_visits is not msgspec.UNSET:
            at.update(section="home_visits", index=0)
            for i, raw in enumerate(p.home_visits, start=1):
                at["index"] = i
                visits.append(_check_visit(raw, now, services, known))
            if len({v["uuid"] for v in visits}) != len(visits):
                raise _Invalid("uuid")
    except _Invalid as bad:
        where = _SECTIONS[at["section"]]
        number = f" số {at['index']}" if at["index"] else ""
        number_en = f" no. {at['index']}" if at["index"] else ""
        started = _record_started(payload, at["index"]) if at["section"] == "records" else None
        local = _local_or_none(started)
        if local is not None:
            # "bản ghi số 2" alone is not something staff can find; its local start is.
            number += f" (lúc {local:%H:%M} ngày {local:%d/%m/%Y})"
            number_en += f" (started {local:%H:%M} on {local:%d/%m/%Y})"
        hint = ""
        if bad.field in ("created_at", "updated_at", "started_at", "ended_at"):
            hint = " (có thể đồng hồ của máy kia bị sai)"
        where_en = _SECTIONS_EN[at["section"]] + number_en
        hint_en = " (the other computer's clock may be wrong)" if hint else ""
        if bad.control:
            raise refuse(
                f"Gói dữ liệu có ký tự điều khiển (ví dụ ký tự NUL) ở {where}{number}, mục "
                f"“{bad.field}”.", CONTROL_ADVICE,
                en=f"The data bundle has a control character (such as NUL) in {where_en}, "
                   f"field “{bad.field}”. Nothing was written. Correct that field on the "
                   "sending computer, then send again.") from bad
        raise refuse(f"Gói dữ liệu có giá trị sai ở {where}{number}, mục “{bad.field}”{hint}.",
                     en=f"The data bundle has a wrong value in {where_en}, field "
                        f"“{bad.field}”{hint_en}. Nothing was written. Export the bundle again "
                        "from the mobile team's computer.") from bad
    return ValidPayload(records, days, volunteers, counts, status,
                        frozenset(here & sent), visits)


def _record_started(payload: Any, index: int) -> datetime | None:
    """When record no. ``index`` (from 1) of a refused payload started (naive UTC), or None
    when that cannot be read: read again only to name the record in the refusal."""
    if index < 1:
        return None
    try:
        if isinstance(payload, _PayloadIn):
            value: Any = payload.records[index - 1].started_at
        else:
            value = payload["records"][index - 1]["started_at"]
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    return parse_dt(value)


def _local_or_none(started: datetime | None) -> datetime | None:
    """``started`` in local time, or None when no calendar holds it there: a forged
    31/12/9999 23:59 UTC is past the last day once seven hours are added, and the refusal
    must still be said, naming the record by its number alone."""
    if started is None:
        return None
    from kiosk.clock import to_local

    try:
        return to_local(started)
    except (OverflowError, ValueError):
        return None


# -- merging ---------------------------------------------------------------------------------


_ASSISTANCE: Table = Assistance.__table__  # type: ignore[assignment]
_VOLUNTEER: Table = Volunteer.__table__  # type: ignore[assignment]
_ACTIVITY_DAY: Table = ActivityDay.__table__  # type: ignore[assignment]
#: Ids per IN (...) list: well under SQLite's and PostgreSQL's parameter limits.
_IN_CHUNK = 500


def _existing(session: Session, column: Any, values: list[str]) -> set[str]:
    """Which of ``values`` are already in ``column`` (a unique column), in chunked queries."""
    found: set[str] = set()
    for start in range(0, len(values), _IN_CHUNK):
        found.update(session.scalars(select(column).where(
            column.in_(values[start:start + _IN_CHUNK]))))
    return found


def _insert_for(session: Session) -> Any:
    """The dialect's ``insert`` (with ``on_conflict_do_update``/``_do_nothing``): the kiosk
    and the hub run on SQLite, the hub on PostgreSQL; both speak ``ON CONFLICT``."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert
    raise RuntimeError(f"the merge needs PostgreSQL or SQLite, not {dialect}")


def _newer_wins(insert_stmt: Any, columns: tuple[str, ...]) -> Any:
    """THE rule, once, for both databases: a new uuid is inserted; a known one is replaced
    only when the incoming ``updated_at`` is strictly newer (equal or older changes nothing,
    so a replay, a duplicate and either order of two batches end in the same rows; a soft
    delete is an update with ``deleted_at`` set and a newer ``updated_at``). The database
    applies it row by row under its own locks, so two batches racing on one record cannot
    both win, and neither fails."""
    table = _ASSISTANCE
    return insert_stmt.on_conflict_do_update(
        index_elements=[table.c.uuid],
        set_={c: insert_stmt.excluded[c] for c in columns if c not in ("uuid", "is_demo")},
        where=insert_stmt.excluded.updated_at > table.c.updated_at,
    )


def _hour(at: datetime) -> datetime:
    return at.replace(minute=0, second=0, microsecond=0)


#: PostgreSQL: the session's own staging table for incoming records (binary ``COPY`` in;
#: emptied by the server at every commit, and before each use).
_STAGE = "incoming_assistance"
#: Its columns are the table's, without NOT NULL (a v1 record lacks the identity columns;
#: the upsert names only the columns the rows have, so the table's defaults fill them).
_STAGE_DDL = (f"CREATE TEMPORARY TABLE IF NOT EXISTS {_STAGE} ON COMMIT DELETE ROWS AS "
              f"SELECT * FROM {_ASSISTANCE.name} WITH NO DATA")


def _copy_type(column: Any) -> str:
    """The PostgreSQL type psycopg dumps a column's values as, in binary ``COPY``."""
    kind = column.type
    if isinstance(kind, Boolean):
        return "bool"
    if isinstance(kind, DateTime):
        return "timestamp"
    if isinstance(kind, Integer):
        return "int4"
    if isinstance(kind, JSON):
        return "json"
    if isinstance(kind, String):
        return "text"
    raise TypeError(f"no COPY type for {column.name}")  # pragma: no cover - a new column kind


def _stage_records(session: Session, columns: tuple[str, ...],
                   rows: list[dict[str, Any]]) -> None:
    """PostgreSQL: the rows into the staging table by binary ``COPY`` (psycopg's, in C): the
    server reads them more cheaply than the same rows as one json parameter
    (``json_populate_recordset`` parsed every field of every row as text): the upsert's
    PostgreSQL CPU went from about 24 to 20 µs a record, and the hub's from 6 to 4.6
    (docs/benchmarks.md, "session 5")."""
    from psycopg.types.json import set_json_dumps

    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    table = _ASSISTANCE.c
    values = operator.itemgetter(*columns)
    with raw.cursor() as cur:  # type: ignore[attr-defined]
        # Made again if a rolled-back transaction took it; emptied (an earlier set of
        # columns in this transaction may have left rows: nothing to delete otherwise).
        cur.execute(f"{_STAGE_DDL}; DELETE FROM {_STAGE}")
        set_json_dumps(msgspec.json.encode, context=cur)
        with cur.copy(f"COPY {_STAGE} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
                      ) as copy:
            copy.set_types([_copy_type(table[c]) for c in columns])
            for row in rows:
                copy.write_row(values(row))


@functools.lru_cache(maxsize=8)
def _postgresql_upsert(dialect: Any, columns: tuple[str, ...]) -> str:
    """PostgreSQL: the rows come from the staging table (:func:`_stage_records`), so a batch
    is one short statement that psycopg prepares once. The statement also answers what it
    did (``before`` sees the table as it was when the statement began): its first row counts
    what it added and replaced, the others are the distinct (help point, commune, start
    hour) of every version it wrote or replaced, so no second round trip asks what was
    there. Compiled once: SQLAlchemy does not cache ``ON CONFLICT`` statements."""
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    table = _ASSISTANCE
    stmt = pg_insert(table).from_select(
        list(columns), select(*[column(c) for c in columns]).select_from(text("r")),
        include_defaults=False)  # every value comes from the rows, none from Python
    c = table.c
    upsert = str(_newer_wins(stmt, columns).returning(
        c.uuid, c.help_point_id, c.commune_code, c.started_at).compile(dialect=dialect))
    return (f"WITH r AS (SELECT * FROM {_STAGE}), "
            f"before AS (SELECT uuid, help_point_id, commune_code, started_at "
            f"FROM {table.name} WHERE uuid IN (SELECT uuid FROM r)), "
            f"w AS ({upsert}) "
            "SELECT count(*) FILTER (WHERE b.uuid IS NULL), "
            "count(*) FILTER (WHERE b.uuid IS NOT NULL), NULL, NULL, NULL "
            "FROM w LEFT JOIN before b ON b.uuid = w.uuid "
            "UNION ALL SELECT DISTINCT NULL::bigint, NULL::bigint, t.help_point_id, "
            "t.commune_code, date_trunc('hour', t.started_at) FROM ("
            "SELECT help_point_id, commune_code, started_at FROM w UNION ALL "
            "SELECT b.help_point_id, b.commune_code, b.started_at "
            "FROM w JOIN before b ON b.uuid = w.uuid) AS t")


def _upsert_records(session: Session, rows: list[dict[str, Any]]
                    ) -> tuple[int, int, set[tuple[str, str, datetime]]]:
    """Write records by :func:`_newer_wins`, one statement per set of columns; (added,
    replaced, changed: see :attr:`MergeSummary.changed`). SQLite (one writer at a time)
    counts by looking first."""
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:  # v1 bundles may lack the optional identity columns
        by_columns.setdefault(tuple(row), []).append(row)
    dialect = session.get_bind().dialect
    added = updated = 0
    changed: set[tuple[str, str, datetime]] = set()
    for columns, group in by_columns.items():
        if dialect.name == "postgresql":
            _stage_records(session, columns, group)
            result = session.connection().exec_driver_sql(
                _postgresql_upsert(dialect, columns)).all()
            for new, replaced, hp, commune, hour in result:
                if new is not None:
                    added += new
                    updated += replaced
                else:
                    changed.add((hp, commune, hour))
            continue
        a = Assistance.__table__.c
        before: dict[str, tuple[datetime, str, str, datetime]] = {}
        uuids = [r["uuid"] for r in group]
        for start in range(0, len(uuids), _IN_CHUNK):
            before.update((uuid, (at, hp, commune, started)) for uuid, at, hp, commune, started
                          in session.execute(select(
                              a.uuid, a.updated_at, a.help_point_id, a.commune_code,
                              a.started_at).where(a.uuid.in_(uuids[start:start + _IN_CHUNK]))))
        for r in group:
            here = before.get(r["uuid"])
            if here is None:
                added += 1
                old_hp = old_commune = ""
            elif r["updated_at"] > here[0]:
                updated += 1
                old_hp, old_commune = here[1], here[2]
                changed.add((old_hp, old_commune, _hour(here[3])))
            else:
                continue
            changed.add((r.get("help_point_id", old_hp), r.get("commune_code", old_commune),
                         _hour(r["started_at"])))
        session.execute(_newer_wins(_insert_for(session)(_ASSISTANCE), columns), group)
    return added, updated, changed


def merge_payload(session: Session, valid: ValidPayload, *, unverified: bool,
                  now: datetime | None = None) -> MergeSummary:
    """Write a validated payload in the caller's transaction; see the module docstring.

    ``unverified`` (an old unsigned bundle imported by an explicit staff choice) marks every
    record it adds or updates, and a record arriving marked unverified stays so. Daily counts
    and status are not merged here: the kiosk has no table for them, the hub keeps them.
    """
    now = now or datetime.now(UTC).replace(tzinfo=None)
    columns = _columns(Assistance)
    day_columns = _columns(ActivityDay)
    insert_ = _insert_for(session)
    # Set-based: volunteers and records go in with INSERT … ON CONFLICT (a few statements a
    # payload, whatever its size), not one ORM object and round trip per row; a day's batch
    # cost the hub 12 statements and 13 ms before (benchmarks/hub_load.py). Same rules.
    with session.no_autoflush:
        volunteers_added = 0
        new_volunteers = [{**v, "pin_hash": "", "active": False, "created_at": now}
                          for v in valid.volunteers if v["uuid"] not in valid.known_volunteers]
        if new_volunteers:
            # No PIN travels: an empty hash never verifies, and the member stays inactive
            # until staff give them a PIN on this machine. One already here is left alone.
            vt = _VOLUNTEER
            volunteers_added = len(session.execute(
                insert_(vt).on_conflict_do_nothing(index_elements=[vt.c.uuid])
                .returning(vt.c.uuid), new_volunteers).all())
        rows: list[dict[str, Any]] = []
        fits: dict[frozenset[str], bool] = {}
        for rec in valid.records:
            keys = frozenset(rec)
            if keys not in fits:  # a batch's records carry one or two sets of keys
                fits[keys] = keys <= columns
            values = dict(rec) if fits[keys] else {
                k: v for k, v in rec.items() if k in columns}
            if "unverified" in columns:
                values["unverified"] = unverified or bool(rec.get("unverified"))
            values["is_demo"] = False
            rows.append(values)
        added, updated, changed = _upsert_records(session, rows) if rows else (0, 0, set())
        skipped = len(rows) - added - updated
        days = valid.activity_days
        have_days: set[tuple[str, Any, str]] = set()
        volunteers_of_days = sorted({d["volunteer_uuid"] for d in days})
        for start in range(0, len(volunteers_of_days), _IN_CHUNK):
            part = volunteers_of_days[start:start + _IN_CHUNK]
            have_days.update(session.execute(
                select(ActivityDay.volunteer_uuid, ActivityDay.day, ActivityDay.source)
                .where(ActivityDay.volunteer_uuid.in_(part))).tuples())
        taken = _existing(session, ActivityDay.uuid, [d["uuid"] for d in days])
        new_days: list[dict[str, Any]] = []
        for d in days:
            day_key = (d["volunteer_uuid"], d["day"], d["source"])
            if day_key in have_days:
                continue
            values = {k: v for k, v in d.items() if k in day_columns}
            if "unverified" in day_columns:
                values["unverified"] = unverified
            if values["uuid"] in taken:
                values["uuid"] = str(uuid_mod.uuid4())
            new_days.append({"is_demo": False, **values})
            have_days.add(day_key)
            taken.add(values["uuid"])
        days_added = 0
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for values in new_days:
            by_columns.setdefault(tuple(values), []).append(values)
        for group in by_columns.values():
            # A day a concurrent batch added meanwhile is that batch's: nothing to add.
            days_added += len(session.execute(
                insert_(_ACTIVITY_DAY).on_conflict_do_nothing()
                .returning(_ACTIVITY_DAY.c.id), group).all())
        visits_added, visits_updated = _merge_visits(session, valid.home_visits)
    session.flush()
    return MergeSummary(added, updated, skipped, days_added, volunteers_added, visits_added,
                        visits_updated, frozenset(changed))


def _merge_visits(session: Session, visits: list[dict[str, Any]]) -> tuple[int, int]:
    """Home-visit requests by uuid, the newer ``updated_at`` wins (as records): a visit
    taken on the laptop and cancelled later at the help point ends cancelled on both."""
    if not visits:
        return 0, 0
    rows: dict[str, HomeVisit] = {}
    uuids = [v["uuid"] for v in visits]
    for start in range(0, len(uuids), _IN_CHUNK):
        rows.update((r.uuid, r) for r in session.scalars(
            select(HomeVisit).where(HomeVisit.uuid.in_(uuids[start:start + _IN_CHUNK]))))
    columns = _columns(HomeVisit)
    added = updated = 0
    for v in visits:
        values = {k: val for k, val in v.items() if k in columns}
        row = rows.get(v["uuid"])
        if row is None:
            session.add(HomeVisit(is_demo=False, **values))
            added += 1
        elif v["updated_at"] > row.updated_at:
            for key, value in values.items():
                setattr(row, key, value)
            updated += 1
    return added, updated

