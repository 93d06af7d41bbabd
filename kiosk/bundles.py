"""Mobile-team bundles: one file that carries records from a laptop to the help point.

A bundle is a zip with exactly two members:

* ``manifest.json``: ``{"format": "help-kiosk-bundle", "version": 1, "device_id", "created",
  "since", "counts", "sha256"}`` where ``sha256`` is the hex digest of ``records.json``;
* ``records.json``: ``{"records": [...], "activity_days": [...], "volunteers": [...]}``:
  assistance records (including soft-deleted ones, so deletions travel), volunteer activity
  days, and the volunteers those reference (uuid, display name and role only; never a PIN
  hash). Demo data never leaves the machine.

Import merges by UUID: a record not seen before is added; a known record is replaced only
when the bundle's ``updated_at`` is newer; so importing the same bundle twice adds nothing.
Activity days merge by (volunteer, day, source). Volunteers not known here are added as
inactive members without a PIN (they appear in reports, and cannot sign in here).

A bundle is refused as a whole, with a Vietnamese message and nothing written, when it is not
a readable zip (corrupt or truncated), holds any member other than the two names above
(zip-slip and friends), has an oversized member, an unknown format or version, a checksum that
does not match (tampered), or any invalid field value.

The bundle holds personal data (contact details given with consent): the CLI and the UI must
say so where they write it. Call from the database lane or the CLI.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
import uuid as uuid_mod
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import ActivityDay, Assistance, Service, Volunteer
from kiosk import audit
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
from kiosk.auth import Actor, Role, require
from kiosk.clock import local_midnight_utc
from kiosk.errors import KioskError
from kiosk.files import PRIVATE_MODE, atomic_output
from kiosk.privacy import (
    NOTE_MAX_CHARS,
    PhoneNumberError,
    PrivacyError,
    check_note,
    normalize_phone,
)
from kiosk.store import Store

log = logging.getLogger(__name__)

BUNDLE_FORMAT = "help-kiosk-bundle"
BUNDLE_VERSION = 1
MANIFEST_NAME = "manifest.json"
RECORDS_NAME = "records.json"
MAX_RECORDS_BYTES = 50 * 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024
# A bundle written on a laptop whose clock runs far ahead would win every later conflict.
MAX_CLOCK_SKEW = timedelta(days=1)
#: Records written per transaction on import, so the kiosk keeps working during a long one.
IMPORT_CHUNK = 500
#: Pause between chunks: SQLite's busy handler polls (up to every 100 ms), so a writer that
#: is waiting gets its turn instead of the importer taking the lock straight back.
IMPORT_PAUSE_S = 0.12
#: No record of this kiosk is older than this: a date before it (0001-01-01) is a forgery.
EARLIEST = datetime(2020, 1, 1)

_ROLES = (Role.VOLUNTEER.value, Role.STAFF.value)
_SHA256 = re.compile(r"[0-9a-f]{64}")
_RECORD_KEYS = frozenset({
    "uuid", "device_id", "created_at", "updated_at", "started_at", "ended_at",
    "volunteer_uuids", "services", "tutorial_id", "ticket_uuid", "outcome", "channel",
    "commune", "village", "age_band", "gender", "ethnic_group", "ethnic_consent_at",
    "first_visit", "satisfaction", "note", "contact_name", "contact_phone",
    "contact_consent_at", "contact_consent_purpose", "deleted_at",
})
_DATETIME_KEYS = ("created_at", "updated_at", "started_at", "ended_at", "ethnic_consent_at",
                  "contact_consent_at", "deleted_at")


class BundleError(KioskError):
    """The bundle cannot be written or read. Vietnamese message; nothing was written."""


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    records: int
    activity_days: int
    volunteers: int


@dataclass(frozen=True)
class ImportSummary:
    """Assistance records added, updated (bundle was newer) and skipped (same or older)."""

    added: int
    updated: int
    skipped: int
    activity_days_added: int = 0
    volunteers_added: int = 0
    source_device: str = ""


# -- serialisation ---------------------------------------------------------------------------


def _dt_out(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat() + "Z"


def _record_out(r: Assistance) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in sorted(_RECORD_KEYS):
        value = getattr(r, key)
        if key in _DATETIME_KEYS:
            value = _dt_out(value)
        elif key in ("volunteer_uuids", "services"):
            value = list(value or [])
        out[key] = value
    return out


class BundleService:
    """Write and merge mobile-team bundles (staff only: bundles carry personal data)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def export_bundle(self, actor: Actor, since: date, path: Path) -> ExportSummary:
        """Write one bundle file with everything changed since local day ``since``."""
        require(actor, Role.STAFF)
        path = Path(path)
        start = local_midnight_utc(since)
        with self.store.write() as s:
            rows = list(s.scalars(select(Assistance).where(
                Assistance.updated_at >= start, Assistance.is_demo.is_(False))
                .order_by(Assistance.started_at, Assistance.uuid)))
            days = list(s.scalars(select(ActivityDay).where(
                ActivityDay.day >= since, ActivityDay.is_demo.is_(False))
                .order_by(ActivityDay.day, ActivityDay.volunteer_uuid, ActivityDay.source)))
            wanted = sorted({v for r in rows for v in (r.volunteer_uuids or [])}
                            | {d.volunteer_uuid for d in days})
            found = {v.uuid: v for v in s.scalars(
                select(Volunteer).where(Volunteer.uuid.in_(wanted)))}
            volunteers = []
            for u in wanted:
                v = found.get(u)
                volunteers.append({"uuid": u,
                                   "display_name": v.display_name if v else "(không rõ tên)",
                                   "role": v.role if v else Role.VOLUNTEER.value})
            payload = {
                "records": [_record_out(r) for r in rows],
                "activity_days": [{"uuid": d.uuid, "volunteer_uuid": d.volunteer_uuid,
                                   "day": d.day.isoformat(), "source": d.source}
                                  for d in days],
                "volunteers": volunteers,
            }
            records_bytes = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
            if len(records_bytes) > MAX_RECORDS_BYTES:
                raise BundleError("Gói dữ liệu quá lớn (trên 50 MB). Hãy chọn ngày bắt đầu "
                                  "gần hơn để chia thành nhiều gói.")
            now = self.store.clock.now()
            manifest = {
                "format": BUNDLE_FORMAT, "version": BUNDLE_VERSION,
                "device_id": self.store.device_id, "created": _dt_out(now),
                "since": since.isoformat(),
                "counts": {"records": len(rows), "activity_days": len(days),
                           "volunteers": len(volunteers)},
                "sha256": hashlib.sha256(records_bytes).hexdigest(),
            }
            manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            _write_zip(path, manifest_bytes, records_bytes, now)
            audit.record(s, self.store, actor.audit_name, "bundle.export", records=len(rows),
                         activity_days=len(days), since=since.isoformat())
        log.info("bundle exported: %d records, %d activity days", len(rows), len(days))
        return ExportSummary(path, len(rows), len(days), len(volunteers))

    def import_bundle(self, actor: Actor, path: Path) -> ImportSummary:
        """Merge a bundle into this database: refused whole on any problem in it; written in
        short chunks (see below), so a crash mid-way leaves whole records and a re-import
        completes it."""
        require(actor, Role.STAFF)
        manifest, payload = read_bundle(Path(path))
        # A machine that never opened the queue has an empty service table; the default
        # services are what the sending laptop had, so seed them before checking codes.
        from kiosk.queue import seed_default_services

        seed_default_services(self.store)
        # Validate the whole bundle first (refused whole, nothing written), then write it in
        # chunks of IMPORT_CHUNK records, each its own short transaction: a 48 MB bundle in
        # one transaction held the write lock for minutes and tickets and PIN sign-ins failed
        # with "database is locked". A crash between chunks leaves whole records only; the
        # same bundle imported again completes it (records merge by uuid).
        with self.store.read() as s:
            now = self.store.clock.now()
            records, days, volunteers = _validate_payload(s, payload, now)
        volunteers_added = 0
        with self.store.write() as s:
            for v in volunteers:
                if s.scalar(select(Volunteer.id).where(Volunteer.uuid == v["uuid"])) is None:
                    # No PIN travels in a bundle: an empty hash never verifies, and the member
                    # stays inactive until staff give them a PIN on this machine.
                    s.add(Volunteer(uuid=v["uuid"], display_name=v["display_name"],
                                    role=v["role"], pin_hash="", active=False, created_at=now))
                    volunteers_added += 1
        added = updated = skipped = 0
        for start in range(0, len(records), IMPORT_CHUNK):
            if start:
                time.sleep(IMPORT_PAUSE_S)
            with self.store.write() as s:
                for rec in records[start:start + IMPORT_CHUNK]:
                    row = s.get(Assistance, rec["uuid"])
                    if row is None:
                        s.add(Assistance(is_demo=False, **rec))
                        added += 1
                    elif rec["updated_at"] > row.updated_at:
                        for key, value in rec.items():
                            setattr(row, key, value)
                        updated += 1
                    else:
                        skipped += 1
        days_added = 0
        for start in range(0, len(days), IMPORT_CHUNK):
            with self.store.write() as s:
                for d in days[start:start + IMPORT_CHUNK]:
                    exists = s.scalar(select(ActivityDay.id).where(
                        ActivityDay.volunteer_uuid == d["volunteer_uuid"],
                        ActivityDay.day == d["day"], ActivityDay.source == d["source"]))
                    clash = s.scalar(select(ActivityDay.id).where(ActivityDay.uuid == d["uuid"]))
                    if exists is None:
                        s.add(ActivityDay(uuid=d["uuid"] if clash is None
                                          else str(uuid_mod.uuid4()),
                                          volunteer_uuid=d["volunteer_uuid"], day=d["day"],
                                          source=d["source"], is_demo=False))
                        s.flush()
                        days_added += 1
        with self.store.write() as s:
            audit.record(s, self.store, actor.audit_name, "bundle.import",
                         source_device=manifest["device_id"], added=added, updated=updated,
                         skipped=skipped, activity_days_added=days_added,
                         volunteers_added=volunteers_added)
        log.info("bundle imported: %d added, %d updated, %d skipped", added, updated, skipped)
        return ImportSummary(added, updated, skipped, days_added, volunteers_added,
                             manifest["device_id"])


def _write_zip(path: Path, manifest: bytes, records: bytes, now: datetime) -> None:
    """Write the zip whole or not at all (:func:`kiosk.files.atomic_output`)."""
    if not path.parent.is_dir():
        raise BundleError(f"Không có thư mục “{path.parent}”. Hãy cắm USB hoặc chọn thư mục "
                          "khác.")
    stamp = now.timetuple()[:6]
    # Bundles carry records with contacts: owner-only, like the contact exports.
    with atomic_output(path, mode=PRIVATE_MODE) as tmp, \
            zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in ((MANIFEST_NAME, manifest), (RECORDS_NAME, records)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)


# -- reading and checking --------------------------------------------------------------------

_REFUSED = "Không có gì được ghi vào máy này."


def _refuse(problem: str, advice: str = "Hãy xuất lại gói từ máy của tổ lưu động.") -> BundleError:
    return BundleError(f"{problem} {_REFUSED} {advice}")


def read_bundle(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Open and check the container: members, sizes, format, version, checksum.

    Returns (manifest, payload). Field values are checked later, against the database.
    """
    if not path.is_file():
        raise BundleError(f"Không tìm thấy tệp “{path.name}”. Hãy kiểm tra USB và tên tệp.")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = [i.filename for i in infos]
            if len(names) != len(set(names)) or set(names) != {MANIFEST_NAME, RECORDS_NAME}:
                raise _refuse("Tệp có nội dung lạ, không phải gói dữ liệu của kiosk (chỉ được "
                              f"có “{MANIFEST_NAME}” và “{RECORDS_NAME}”).")
            limits = {MANIFEST_NAME: MAX_MANIFEST_BYTES, RECORDS_NAME: MAX_RECORDS_BYTES}
            data: dict[str, bytes] = {}
            for info in infos:
                if info.flag_bits & 0x1:
                    raise _refuse("Gói dữ liệu bị đặt mật khẩu, kiosk không đọc được.")
                limit = limits[info.filename]
                if info.file_size > limit:
                    raise _refuse("Gói dữ liệu có phần quá lớn (trên 50 MB).",
                                  "Hãy xuất thành nhiều gói nhỏ hơn.")
                with zf.open(info) as fh:
                    # Read at most one byte past the limit: the declared size may lie.
                    blob = fh.read(limit + 1)
                if len(blob) > limit:
                    raise _refuse("Gói dữ liệu có phần quá lớn (trên 50 MB).",
                                  "Hãy xuất thành nhiều gói nhỏ hơn.")
                data[info.filename] = blob
    except BundleError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError,
            OSError) as exc:
        raise _refuse("Tệp bị hỏng hoặc chép chưa hết, không đọc được gói dữ liệu.",
                      "Hãy chép lại tệp từ máy của tổ lưu động rồi thử lại.") from exc

    try:
        manifest = json.loads(data[MANIFEST_NAME].decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # bad UTF-8/JSON, huge ints, deep nesting
        raise _refuse("Phần mô tả của gói dữ liệu bị hỏng.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
        raise _refuse("Tệp này không phải gói dữ liệu của kiosk Điểm hỗ trợ số.")
    version = manifest.get("version")
    if type(version) is not int or version != BUNDLE_VERSION:
        raise _refuse(f"Gói dữ liệu có phiên bản {version!r} mà kiosk này không đọc được.",
                      "Hãy cập nhật kiosk trên cả hai máy cho cùng phiên bản.")
    device = manifest.get("device_id")
    if not isinstance(device, str) or not 1 <= len(device) <= 36:
        raise _refuse("Phần mô tả của gói dữ liệu thiếu mã máy.")
    digest = manifest.get("sha256")
    if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
        raise _refuse("Phần mô tả của gói dữ liệu thiếu mã kiểm tra.")
    if hashlib.sha256(data[RECORDS_NAME]).hexdigest() != digest:
        raise _refuse("Mã kiểm tra không khớp: gói dữ liệu đã bị sửa hoặc bị hỏng sau khi xuất.")
    try:
        payload = json.loads(data[RECORDS_NAME].decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # bad UTF-8/JSON, huge ints, deep nesting
        raise _refuse("Phần dữ liệu của gói bị hỏng.") from exc
    if not isinstance(payload, dict) or set(payload) != {"records", "activity_days",
                                                         "volunteers"}:
        raise _refuse("Phần dữ liệu của gói không đúng mẫu.")
    return manifest, payload


class _Invalid(Exception):
    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


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
    if not isinstance(value, str) or len(value) > 40:
        raise _Invalid(field)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise _Invalid(field) from exc
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def _str(value: Any, field: str, limit: int, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise _Invalid(field)
    return value


def _check_record(raw: Any, now: datetime, services: set[str],
                  volunteers: set[str]) -> dict[str, Any]:
    if not isinstance(raw, dict) or set(raw) != _RECORD_KEYS:
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
    for key in _DATETIME_KEYS:
        if r[key] is not None and not EARLIEST <= r[key] <= now + MAX_CLOCK_SKEW:
            raise _Invalid(key)
    vols = raw["volunteer_uuids"]
    if not isinstance(vols, list) or not vols:
        raise _Invalid("volunteer_uuids")
    r["volunteer_uuids"] = [_uuid(v, "volunteer_uuids") for v in vols]
    if any(v not in volunteers for v in r["volunteer_uuids"]):
        raise _Invalid("volunteer_uuids")
    svc = raw["services"]
    if not isinstance(svc, list) or not svc or not all(isinstance(c, str) for c in svc):
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
    unknown = [c for c in r["services"] if c not in services]
    if unknown:
        raise BundleError(f"Gói dữ liệu có dịch vụ “{unknown[0]}” mà máy này chưa có. "
                          f"{_REFUSED} Hãy thêm dịch vụ đó trên màn hình cán bộ rồi nhập lại.")
    return r


def _validate_payload(s: Session, payload: dict[str, Any], now: datetime
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                 list[dict[str, Any]]]:
    """Check every field of every item; raise BundleError naming the first bad one."""
    at: dict[str, Any] = {"section": "volunteers", "index": 0}
    try:
        vols_raw = payload["volunteers"]
        if not isinstance(vols_raw, list):
            raise _Invalid("(danh sách)")
        volunteers: list[dict[str, Any]] = []
        for i, v in enumerate(vols_raw, start=1):
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
        known = set(s.scalars(select(Volunteer.uuid))) | {v["uuid"] for v in volunteers}
        services = set(s.scalars(select(Service.code)))

        at.update(section="records", index=0)
        recs_raw = payload["records"]
        if not isinstance(recs_raw, list):
            raise _Invalid("(danh sách)")
        records = []
        for i, raw in enumerate(recs_raw, start=1):
            at["index"] = i
            records.append(_check_record(raw, now, services, known))
        if len({r["uuid"] for r in records}) != len(records):
            raise _Invalid("uuid")

        at.update(section="activity_days", index=0)
        days_raw = payload["activity_days"]
        if not isinstance(days_raw, list):
            raise _Invalid("(danh sách)")
        days = []
        for i, d in enumerate(days_raw, start=1):
            at["index"] = i
            if not isinstance(d, dict) or set(d) != {"uuid", "volunteer_uuid", "day", "source"}:
                raise _Invalid("(cấu trúc)")
            vu = _uuid(d["volunteer_uuid"], "volunteer_uuid")
            if vu not in known:
                raise _Invalid("volunteer_uuid")
            if not isinstance(d["day"], str):
                raise _Invalid("day")
            try:
                day = date.fromisoformat(d["day"])
            except ValueError as exc:
                raise _Invalid("day") from exc
            if not EARLIEST.date() <= day <= (now + MAX_CLOCK_SKEW).date():
                raise _Invalid("day")
            if d["source"] not in ACTIVITY_SOURCES:
                raise _Invalid("source")
            days.append({"uuid": _uuid(d["uuid"], "uuid"), "volunteer_uuid": vu, "day": day,
                         "source": d["source"]})
    except _Invalid as bad:
        where = {"volunteers": "người hỗ trợ", "records": "bản ghi",
                 "activity_days": "ngày hoạt động"}[at["section"]]
        number = f" số {at['index']}" if at["index"] else ""
        hint = ""
        if bad.field in ("created_at", "updated_at", "started_at", "ended_at"):
            hint = " (có thể đồng hồ của máy kia bị sai)"
        raise _refuse(f"Gói dữ liệu có giá trị sai ở {where}{number}, mục “{bad.field}”{hint}."
                      ) from bad
    return records, days, volunteers
