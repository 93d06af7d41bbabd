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

import json
import logging
import math
import re
import uuid as uuid_mod
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
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
from kiosk.privacy import (
    NOTE_MAX_CHARS,
    PhoneNumberError,
    PrivacyError,
    check_note,
    normalize_phone,
)
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
    home_visits: list[dict[str, Any]] = field(default_factory=list)

    def chunks(self, size: int) -> Iterator[ValidPayload]:
        """Volunteers first, then records, then activity days, then home visits, at most
        ``size`` items each: merged one chunk per transaction, every chunk leaves whole,
        consistent rows (a visit done names its record, which is already there)."""
        yield ValidPayload([], [], self.volunteers)
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

    def __add__(self, other: MergeSummary) -> MergeSummary:
        return MergeSummary(self.added + other.added, self.updated + other.updated,
                            self.skipped + other.skipped,
                            self.activity_days_added + other.activity_days_added,
                            self.volunteers_added + other.volunteers_added,
                            self.home_visits_added + other.home_visits_added,
                            self.home_visits_updated + other.home_visits_updated)


# -- bytes from outside ----------------------------------------------------------------------


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 parses to inf
        raise ValueError("number out of range")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def load_json(blob: bytes, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse bytes from outside; ValueError for anything that is not bounded, finite JSON.

    Python's own limits do part of it (4,300-digit ints raise ValueError; deep nesting
    RecursionError, turned into ValueError here); depth and non-finite numbers are ours.
    """
    try:
        value = json.loads(blob.decode("utf-8"), parse_float=_finite,
                           parse_constant=_no_constant)
    except RecursionError as exc:
        raise ValueError("nesting too deep") from exc
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > max_depth:
                raise ValueError("nesting too deep")
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
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
    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def refuse(problem: str, advice: str = ADVICE, code: str = "invalid_field", *,
           en: str = "") -> BatchRefused:
    """A refusal with the house wording: what is wrong, nothing written, what to do."""
    return BatchRefused(f"{problem} {REFUSED} {advice}", code, en=en)


def _uuid(value: Any, field: str) -> str:
    if not isinstance(value, str) or len(value) != 36:
        raise _Invalid(field)
    try:
        return str(uuid_mod.UUID(value))
    except ValueError as exc:
        raise _Invalid(field) from exc


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
    return value


def _identity(raw: dict[str, Any], out: dict[str, Any]) -> None:
    """Optional identity fields: ids are uuids or unknown-team ids (or "" before identity),
    the code digits."""
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


def _check_record(raw: Any, now: datetime, services: set[str] | None,
                  volunteers: set[str]) -> dict[str, Any]:
    if not isinstance(raw, dict) or not RECORD_KEYS <= set(raw) <= (
            RECORD_KEYS | OPTIONAL_RECORD_KEYS):
        raise _Invalid("(cấu trúc)")
    r: dict[str, Any] = {"uuid": _uuid(raw["uuid"], "uuid")}
    r["device_id"] = _str(raw["device_id"], "device_id", 36)
    if not r["device_id"]:
        raise _Invalid("device_id")
    for key in ("created_at", "updated_at", "started_at", "ended_at"):
        r[key] = _dt(raw[key], key)
    for key in ("ethnic_consent_at", "contact_consent_at", "deleted_at"):
        r[key] = _dt(raw[key], key, optional=True)
    if r["ended_at"] < r["started_at"]:
        raise _Invalid("ended_at")
    if r["updated_at"] < r["created_at"]:
        raise _Invalid("updated_at")
    for key in ("created_at", "updated_at", "started_at", "ended_at"):
        if r[key] > now + MAX_CLOCK_SKEW:
            raise _Invalid(key)
    # Every date is bounded: a consent date 9999-12-31 kept its contact for ever (never purged)
    # and crashed the person and contacts exports with OverflowError.
    for key in DATETIME_KEYS:
        if r[key] is not None and not EARLIEST <= r[key] <= now + MAX_CLOCK_SKEW:
            raise _Invalid(key)
    vols = raw["volunteer_uuids"]
    if not isinstance(vols, list) or not vols or len(vols) > 50:
        raise _Invalid("volunteer_uuids")
    r["volunteer_uuids"] = [_uuid(v, "volunteer_uuids") for v in vols]
    if any(v not in volunteers for v in r["volunteer_uuids"]):
        raise _Invalid("volunteer_uuids")
    svc = raw["services"]
    if (not isinstance(svc, list) or not svc or len(svc) > 50
            or not all(isinstance(c, str) and len(c) <= 32 for c in svc)):
        raise _Invalid("services")
    r["services"] = list(svc)
    tutorial = raw["tutorial_id"]
    if tutorial is not None and not (isinstance(tutorial, str)
                                     and TUTORIAL_ID.fullmatch(tutorial)):
        raise _Invalid("tutorial_id")
    r["tutorial_id"] = tutorial
    r["ticket_uuid"] = None if raw["ticket_uuid"] is None else _uuid(raw["ticket_uuid"],
                                                                      "ticket_uuid")
    if raw["outcome"] not in OUTCOMES:
        raise _Invalid("outcome")
    if raw["channel"] not in CHANNELS:
        raise _Invalid("channel")
    if raw["age_band"] not in ("", *AGE_BANDS):
        raise _Invalid("age_band")
    if raw["gender"] not in ("", *GENDERS):
        raise _Invalid("gender")
    r.update(outcome=raw["outcome"], channel=raw["channel"], age_band=raw["age_band"],
             gender=raw["gender"])
    r["commune"] = _str(raw["commune"], "commune", PLACE_MAX)
    r["village"] = _str(raw["village"], "village", PLACE_MAX)
    if raw["first_visit"] is not None and not isinstance(raw["first_visit"], bool):
        raise _Invalid("first_visit")
    r["first_visit"] = raw["first_visit"]
    sat = raw["satisfaction"]
    if sat is not None and (type(sat) is not int or not 1 <= sat <= 5):
        raise _Invalid("satisfaction")
    r["satisfaction"] = sat
    note = _str(raw["note"], "note", NOTE_MAX_CHARS)
    try:
        check_note(note or "")
    except PrivacyError as exc:
        raise _Invalid("note") from exc
    r["note"] = note
    r["ethnic_group"] = _str(raw["ethnic_group"], "ethnic_group", ETHNIC_MAX, optional=True)
    if r["ethnic_group"] is not None and r["ethnic_consent_at"] is None:
        raise _Invalid("ethnic_consent_at")
    r["contact_name"] = _str(raw["contact_name"], "contact_name", NAME_MAX, optional=True)
    phone = _str(raw["contact_phone"], "contact_phone", 20, optional=True)
    if phone is not None:
        try:
            if normalize_phone(phone) != phone:
                raise _Invalid("contact_phone")
        except PhoneNumberError as exc:
            raise _Invalid("contact_phone") from exc
    r["contact_phone"] = phone
    r["contact_consent_purpose"] = _str(raw["contact_consent_purpose"],
                                        "contact_consent_purpose", PURPOSE_MAX, optional=True)
    if (r["contact_name"] is not None or phone is not None) and (
            r["contact_consent_at"] is None or not r["contact_consent_purpose"]):
        raise _Invalid("contact_consent_at")
    _identity(raw, r)
    if "unverified" in raw:
        if not isinstance(raw["unverified"], bool):
            raise _Invalid("unverified")
        r["unverified"] = raw["unverified"]
    unknown = [c for c in r["services"] if services is not None and c not in services]
    if unknown:
        raise refuse(f"Gói dữ liệu có dịch vụ “{unknown[0]}” mà máy này chưa có.",
                     "Hãy thêm dịch vụ đó trên màn hình cán bộ rồi nhập lại.",
                     en=f"The data bundle has a service “{unknown[0]}” this computer does not "
                        "have. Nothing was written. Add that service on the staff screen, then "
                        "import again.")
    return r


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
    _identity(raw, v)
    return v


def _check_day(d: Any, now: datetime, known: set[str]) -> dict[str, Any]:
    if not isinstance(d, dict) or not DAY_KEYS <= set(d) <= DAY_KEYS | set(IDENTITY_KEYS):
        raise _Invalid("(cấu trúc)")
    vu = _uuid(d["volunteer_uuid"], "volunteer_uuid")
    if vu not in known:
        raise _Invalid("volunteer_uuid")
    day = _day(d["day"], now)
    if d["source"] not in ACTIVITY_SOURCES:
        raise _Invalid("source")
    out = {"uuid": _uuid(d["uuid"], "uuid"), "volunteer_uuid": vu, "day": day,
           "source": d["source"]}
    _identity(d, out)
    return out


def _day(value: Any, now: datetime) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise _Invalid("day")
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise _Invalid("day") from exc
    if not EARLIEST.date() <= day <= (now + MAX_CLOCK_SKEW).date():
        raise _Invalid("day")
    return day


def _check_count(c: Any, now: datetime) -> dict[str, Any]:
    if not isinstance(c, dict) or set(c) != {"day", *DAILY_COUNT_KEYS}:
        raise _Invalid("(cấu trúc)")
    out: dict[str, Any] = {"day": _day(c["day"], now)}
    for key in DAILY_COUNT_KEYS:
        n = c[key]
        if type(n) is not int or not 0 <= n <= MAX_DAILY_COUNT:
            raise _Invalid(key)
        out[key] = n
    return out


def _check_status(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict) or not set(raw) <= STATUS_KEYS:
        raise _Invalid("(cấu trúc)")
    out: dict[str, Any] = {}
    for key in ("app_version", "content_version"):
        if key in raw:
            out[key] = _str(raw[key], key, 40, optional=True)
    for key in ("printer_ok", "voice_ok"):
        if key in raw:
            if raw[key] is not None and not isinstance(raw[key], bool):
                raise _Invalid(key)
            out[key] = raw[key]
    if "outbox_waiting" in raw:
        n = raw["outbox_waiting"]
        if type(n) is not int or not 0 <= n <= 10**9:
            raise _Invalid("outbox_waiting")
        out["outbox_waiting"] = n
    return out


def _list(payload: dict[str, Any], key: str) -> list[Any]:
    value = payload[key]
    if not isinstance(value, list):
        raise _Invalid("(danh sách)")
    return value


_SECTIONS_EN = {"payload": "the bundle", "volunteers": "helper", "records": "record",
                "activity_days": "activity day", "daily_counts": "daily count",
                "status": "device status", "home_visits": "home-visit request"}
_SECTIONS = {"payload": "gói dữ liệu", "volunteers": "người hỗ trợ", "records": "bản ghi",
             "activity_days": "ngày hoạt động", "daily_counts": "số liệu ngày",
             "status": "trạng thái máy", "home_visits": "yêu cầu đến nhà"}


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
    try:
        if not isinstance(payload, dict) or set(payload) not in (
                PAYLOAD_KEYS_V1, PAYLOAD_KEYS_V2, PAYLOAD_KEYS_V2_VISITS):
            raise _Invalid("(cấu trúc)")
        if HOME_VISITS in payload and not home_visits:
            raise _Invalid(HOME_VISITS)
        at["section"] = "volunteers"
        volunteers: list[dict[str, Any]] = []
        for i, v in enumerate(_list(payload, "volunteers"), start=1):
            at["index"] = i
            if not isinstance(v, dict) or set(v) != {"uuid", "display_name", "role"}:
                raise _Invalid("(cấu trúc)")
            name = _str(v["display_name"], "display_name", 80)
            if not name or not name.strip():
                raise _Invalid("display_name")
            if v["role"] not in _ROLES:
                raise _Invalid("role")
            volunteers.append({"uuid": _uuid(v["uuid"], "uuid"), "display_name": name.strip(),
                               "role": v["role"]})
        if len({v["uuid"] for v in volunteers}) != len(volunteers):
            raise _Invalid("uuid")
        known = set(session.scalars(select(Volunteer.uuid))) | {v["uuid"] for v in volunteers}
        services = None if any_service else set(session.scalars(select(Service.code)))

        at.update(section="records", index=0)
        records = []
        for i, raw in enumerate(_list(payload, "records"), start=1):
            at["index"] = i
            records.append(_check_record(raw, now, services, known))
        if len({r["uuid"] for r in records}) != len(records):
            raise _Invalid("uuid")

        at.update(section="activity_days", index=0)
        days = []
        for i, d in enumerate(_list(payload, "activity_days"), start=1):
            at["index"] = i
            days.append(_check_day(d, now, known))

        counts: list[dict[str, Any]] = []
        status: dict[str, Any] = {}
        if "daily_counts" in payload:
            at.update(section="daily_counts", index=0)
            for i, c in enumerate(_list(payload, "daily_counts"), start=1):
                at["index"] = i
                counts.append(_check_count(c, now))
            if len({c["day"] for c in counts}) != len(counts):
                raise _Invalid("day")
            at.update(section="status", index=0)
            status = _check_status(payload["status"])
        visits: list[dict[str, Any]] = []
        if HOME_VISITS in payload:
            at.update(section="home_visits", index=0)
            for i, raw in enumerate(_list(payload, HOME_VISITS), start=1):
                at["index"] = i
                visits.append(_check_visit(raw, now, services, known))
            if len({v["uuid"] for v in visits}) != len(visits):
                raise _Invalid("uuid")
    except _Invalid as bad:
        where = _SECTIONS[at["section"]]
        number = f" số {at['index']}" if at["index"] else ""
        hint = ""
        if bad.field in ("created_at", "updated_at", "started_at", "ended_at"):
            hint = " (có thể đồng hồ của máy kia bị sai)"
        where_en = _SECTIONS_EN[at["section"]] + (f" no. {at['index']}" if at["index"] else "")
        hint_en = " (the other computer's clock may be wrong)" if hint else ""
        raise refuse(f"Gói dữ liệu có giá trị sai ở {where}{number}, mục “{bad.field}”{hint}.",
                     en=f"The data bundle has a wrong value in {where_en}, field "
                        f"“{bad.field}”{hint_en}. Nothing was written. Export the bundle again "
                        "from the mobile team's computer.") from bad
    return ValidPayload(records, days, volunteers, counts, status, visits)


# -- merging ---------------------------------------------------------------------------------


#: Ids per IN (...) list: well under SQLite's and PostgreSQL's parameter limits.
_IN_CHUNK = 500


def _existing(session: Session, column: Any, values: list[str]) -> set[str]:
    """Which of ``values`` are already in ``column`` (a unique column), in chunked queries."""
    found: set[str] = set()
    for start in range(0, len(values), _IN_CHUNK):
        found.update(session.scalars(select(column).where(
            column.in_(values[start:start + _IN_CHUNK]))))
    return found


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
    # What is already here is read in a few IN queries and everything new is flushed once at
    # the end (no autoflush): one round trip per record made a day's batch on the hub's
    # PostgreSQL cost 88 statements (benchmarks/hub_load.py). The rules are unchanged.
    with session.no_autoflush:
        known_volunteers = _existing(session, Volunteer.uuid,
                                     [v["uuid"] for v in valid.volunteers])
        volunteers_added = 0
        for v in valid.volunteers:
            if v["uuid"] not in known_volunteers:
                # No PIN travels: an empty hash never verifies, and the member stays inactive
                # until staff give them a PIN on this machine.
                session.add(Volunteer(uuid=v["uuid"], display_name=v["display_name"],
                                      role=v["role"], pin_hash="", active=False,
                                      created_at=now))
                known_volunteers.add(v["uuid"])
                volunteers_added += 1
        rows: dict[str, Assistance] = {}
        uuids = [rec["uuid"] for rec in valid.records]
        for start in range(0, len(uuids), _IN_CHUNK):
            part = uuids[start:start + _IN_CHUNK]
            rows.update((r.uuid, r) for r in session.scalars(
                select(Assistance).where(Assistance.uuid.in_(part))))
        added = updated = skipped = 0
        new_rows: list[dict[str, Any]] = []
        for rec in valid.records:
            values = {k: v for k, v in rec.items() if k in columns}
            if "unverified" in columns:
                values["unverified"] = unverified or bool(rec.get("unverified"))
            row = rows.get(rec["uuid"])
            if row is None:
                new_rows.append({"is_demo": False, **values})
                added += 1
            elif rec["updated_at"] > row.updated_at:
                for key, value in values.items():
                    setattr(row, key, value)
                updated += 1
            else:
                skipped += 1
        if new_rows:
            # ORM bulk INSERT (a few multi-row statements); no ORM objects for new records.
            session.execute(insert(Assistance), new_rows)
        days = valid.activity_days
        have_days: set[tuple[str, Any, str]] = set()
        volunteers_of_days = sorted({d["volunteer_uuid"] for d in days})
        for start in range(0, len(volunteers_of_days), _IN_CHUNK):
            part = volunteers_of_days[start:start + _IN_CHUNK]
            have_days.update(session.execute(
                select(ActivityDay.volunteer_uuid, ActivityDay.day, ActivityDay.source)
                .where(ActivityDay.volunteer_uuid.in_(part))).tuples())
        taken = _existing(session, ActivityDay.uuid, [d["uuid"] for d in days])
        days_added = 0
        for d in days:
            day_key = (d["volunteer_uuid"], d["day"], d["source"])
            if day_key in have_days:
                continue
            values = {k: v for k, v in d.items() if k in day_columns}
            if "unverified" in day_columns:
                values["unverified"] = unverified
            if values["uuid"] in taken:
                values["uuid"] = str(uuid_mod.uuid4())
            session.add(ActivityDay(is_demo=False, **values))
            have_days.add(day_key)
            taken.add(values["uuid"])
            days_added += 1
        visits_added, visits_updated = _merge_visits(session, valid.home_visits)
    session.flush()
    return MergeSummary(added, updated, skipped, days_added, volunteers_added, visits_added,
                        visits_updated)


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

