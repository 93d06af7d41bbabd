"""Mobile-team bundles: one file that carries records from a laptop to the help point.

A bundle is a zip with exactly two members:

* ``manifest.json``: ``{"format": "help-kiosk-bundle", "version": 1, "device_id", "created",
  "since", "counts", "sha256"}`` where ``sha256`` is the hex digest of ``records.json``,
  plus the sender's identity (``help_point_id``, ``team_id``, ``commune_code``,
  ``team_name``, ``help_point_name``; :mod:`kiosk.identity`);
* ``records.json``: ``{"records": [...], "activity_days": [...], "volunteers": [...]}``:
  assistance records (including soft-deleted ones, so deletions travel), volunteer activity
  days, and the volunteers those reference (uuid, display name and role only; never a PIN
  hash). Demo data never leaves the machine. Records and activity days carry their
  ``help_point_id``, ``team_id`` and ``commune_code``.

Identity travels with every row, so a PC that merges two teams' bundles pays each team its
own allowance cap. Rows of an older bundle without identity get the identity this database
already knows for the sending device, else an "unknown team" made from its device id
(:func:`kiosk.identity.sender_identity`), never this kiosk's own team.

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
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db.models import ActivityDay, Assistance, Volunteer
from kiosk import audit
from kiosk.auth import Actor, Role, require
from kiosk.clock import local_midnight_utc
from kiosk.errors import user_message
from kiosk.files import PRIVATE_MODE, atomic_output
from kiosk.identity import columns_of, fill_identity, load_identity, sender_identity, stamp
from kiosk.store import Store
from kiosk.sync.errors import BatchRefused
from kiosk.sync.merge import (
    REFUSED,
    MergeSummary,
    day_out,
    dt_out,
    load_json,
    merge_payload,
    record_out,
    validate_payload,
)

log = logging.getLogger(__name__)

BUNDLE_FORMAT = "help-kiosk-bundle"
BUNDLE_VERSION = 1
MANIFEST_NAME = "manifest.json"
RECORDS_NAME = "records.json"
MAX_RECORDS_BYTES = 50 * 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024
#: Records written per transaction on import, so the kiosk keeps working during a long one.
IMPORT_CHUNK = 500
#: Pause between chunks: SQLite's busy handler polls (up to every 100 ms), so a writer that
#: is waiting gets its turn instead of the importer taking the lock straight back.
IMPORT_PAUSE_S = 0.12

_SHA256 = re.compile(r"[0-9a-f]{64}")


class BundleError(BatchRefused):
    """The bundle cannot be written or read. Vietnamese message; nothing was written.

    A :class:`BatchRefused`, so its ``code`` says why in the same words the hub uses.
    """

    def __init__(self, message: str, code: str = "bad_zip", *, en: str = "") -> None:
        super().__init__(message, code, en=en)


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


class BundleService:
    """Write and merge mobile-team bundles (staff only: bundles carry personal data)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def export_bundle(self, actor: Actor, since: date, path: Path) -> ExportSummary:
        """Write one bundle file with everything changed since local day ``since``."""
        require(actor, Role.STAFF)
        path = Path(path)
        start = local_midnight_utc(since)
        local = stamp(self.store)
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
                # A row with no team yet can only be this kiosk's (columns_of).
                "records": [{**record_out(r), **columns_of(r, local)} for r in rows],
                "activity_days": [{**day_out(d), **columns_of(d, local)} for d in days],
                "volunteers": volunteers,
            }
            records_bytes = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
            if len(records_bytes) > MAX_RECORDS_BYTES:
                raise BundleError("Gói dữ liệu quá lớn (trên 50 MB). Hãy chọn ngày bắt đầu "
                                  "gần hơn để chia thành nhiều gói.",
                                  en="The data bundle is too large (over 50 MB). Choose a later "
                                     "start day to split it into several bundles.")
            now = self.store.clock.now()
            me = load_identity(self.store, self.store.config)
            manifest = {
                "format": BUNDLE_FORMAT, "version": BUNDLE_VERSION,
                "device_id": self.store.device_id, **me.stamp(), "team_name": me.team_name,
                "help_point_name": me.help_point_name, "created": dt_out(now),
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
            try:
                valid = validate_payload(s, payload, now)
            except BatchRefused as exc:
                raise BundleError(str(exc), exc.code, en=user_message(exc, "en")) from exc
        with self.store.write() as s:
            sender = sender_identity(s, manifest, self.store.device_id, stamp(self.store))
            fill_identity(s, [*valid.records, *valid.activity_days], sender)
        total = MergeSummary()
        for n, part in enumerate(valid.chunks(IMPORT_CHUNK)):
            if n > 1 and part.records:
                time.sleep(IMPORT_PAUSE_S)
            with self.store.write() as s:
                total += merge_payload(s, part, unverified=False, now=now)
        added, updated, skipped = total.added, total.updated, total.skipped
        days_added, volunteers_added = total.activity_days_added, total.volunteers_added
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
                          "khác.",
                          en=f"The folder “{path.parent}” does not exist. Plug in the USB drive "
                             "or choose another folder.")
    stamp = now.timetuple()[:6]
    # Bundles carry records with contacts: owner-only, like the contact exports.
    with atomic_output(path, mode=PRIVATE_MODE) as tmp, \
            zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in ((MANIFEST_NAME, manifest), (RECORDS_NAME, records)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)


# -- reading and checking --------------------------------------------------------------------

def _refuse(problem: str, advice: str = "Hãy xuất lại gói từ máy của tổ lưu động.",
            code: str = "bad_zip") -> BundleError:
    return BundleError(f"{problem} {REFUSED} {advice}", code)


def read_bundle(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Open and check the container: members, sizes, format, version, checksum.

    Returns (manifest, payload). Field values are checked later, against the database.
    """
    if not path.is_file():
        raise BundleError(f"Không tìm thấy tệp “{path.name}”. Hãy kiểm tra USB và tên tệp.",
                          en=f"The file “{path.name}” was not found. Check the USB drive and the "
                             "file name.")
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
        manifest = load_json(data[MANIFEST_NAME])
    except ValueError as exc:  # bad UTF-8/JSON, huge ints, deep nesting
        raise _refuse("Phần mô tả của gói dữ liệu bị hỏng.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
        raise _refuse("Tệp này không phải gói dữ liệu của kiosk Điểm hỗ trợ số.")
    version = manifest.get("version")
    if type(version) is not int or version != BUNDLE_VERSION:
        raise _refuse(f"Gói dữ liệu có phiên bản {version!r} mà kiosk này không đọc được.",
                      "Hãy cập nhật kiosk trên cả hai máy cho cùng phiên bản.",
                      code="unknown_version")
    device = manifest.get("device_id")
    if not isinstance(device, str) or not 1 <= len(device) <= 36:
        raise _refuse("Phần mô tả của gói dữ liệu thiếu mã máy.")
    digest = manifest.get("sha256")
    if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
        raise _refuse("Phần mô tả của gói dữ liệu thiếu mã kiểm tra.")
    if hashlib.sha256(data[RECORDS_NAME]).hexdigest() != digest:
        raise _refuse("Mã kiểm tra không khớp: gói dữ liệu đã bị sửa hoặc bị hỏng sau khi xuất.",
                      code="tampered")
    try:
        payload = load_json(data[RECORDS_NAME])
    except ValueError as exc:  # bad UTF-8/JSON, huge ints, deep nesting
        raise _refuse("Phần dữ liệu của gói bị hỏng.") from exc
    if not isinstance(payload, dict) or set(payload) != {"records", "activity_days",
                                                         "volunteers"}:
        raise _refuse("Phần dữ liệu của gói không đúng mẫu.", code="invalid_field")
    return manifest, payload

