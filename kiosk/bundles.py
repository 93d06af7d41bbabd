"""Bundles: one file that carries records between machines on a USB stick.

Version 2 (what ``help-kiosk bundle export`` and the staff screen write) is a batch
(:mod:`kiosk.sync.batch`), the same unit the kiosk sends to the hub over HTTP: signed by this
device's Ed25519 key and sealed to the receiver's box key (the paired hub's, or a commune PC's
given with ``--to-key``). A lost stick shows random bytes; only the receiver opens it, and it
accepts it only from a sender staff trusted (:meth:`BundleService.trust_device`, or
``trust_key`` on first contact, kept only if the bundle verifies with it).

Version 1 (the old format) is a zip with exactly two members:

* ``manifest.json``: ``{"format": "help-kiosk-bundle", "version": 1, "device_id", "created",
  "since", "counts", "sha256"}`` where ``sha256`` is the hex digest of ``records.json``;
* ``records.json``: ``{"records": [...], "activity_days": [...], "volunteers": [...]}``.

Anyone can write one, so it imports only by an explicit staff choice (``unverified_ok``) and
its records are marked unverified. Both versions go through the one validator and merge
(:mod:`kiosk.sync.merge`): records by UUID, newer ``updated_at`` wins, so importing the same
bundle twice adds nothing; activity days by (volunteer, day, source); volunteers not known
here are added inactive without a PIN. Demo data never leaves the machine.

Identity travels with every row, so a PC that merges two teams' bundles pays each team its
own allowance cap. Rows of an older bundle without identity get the identity this database
already knows for the sending device, else an "unknown team" made from its device id
(:func:`kiosk.identity.sender_identity`), never this kiosk's own team.

A bundle is refused as a whole, with a Vietnamese message, a :class:`BundleError` ``code``
(the hub's refusal codes) and nothing written, when it is not readable, holds any other
member (zip-slip and friends), an oversized member, an unknown format or version, a checksum
or signature that does not match, comes from an untrusted device, or has any invalid field.

Call from the database lane or the CLI.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import time
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from nacl.exceptions import CryptoError
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import ActivityDay, Assistance, Meta, Service, Volunteer
from kiosk import audit
from kiosk.auth import Actor, Role, require
from kiosk.clock import local_midnight_utc
from kiosk.errors import KioskError, user_message
from kiosk.files import PRIVATE_MODE, atomic_output, write_atomic
from kiosk.identity import columns_of, fill_identity, load_identity, sender_identity, stamp
from kiosk.store import Store
from kiosk.sync.batch import (
    MAGIC,
    MAX_BATCH_BYTES,
    OpenedBatch,
    build_batch,
    collect_payload,
    open_batch,
)
from kiosk.sync.errors import BatchRefused
from kiosk.sync.keys import DeviceKeys, public_key_from_b64
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
from kiosk.text_cleanup import control_text_problem, first_in_payload

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
#: Meta keys: the paired hub's box key (written by pairing), the last ``--to-key`` used, and
#: one per trusted sender device (its Ed25519 verify key, base64).
META_HUB_BOX = "hub_box_public"
META_RECIPIENT = "bundle_recipient_box_public"
TRUST_PREFIX = "trusted_device:"
#: A USB bundle may travel for weeks; one made more than a year before it arrives is refused.
MAX_BUNDLE_AGE = timedelta(days=366)
UNSIGNED_REFUSAL = (
    "Đây là gói dữ liệu kiểu cũ: không có chữ ký, nên không biết chắc gói đến từ đâu và có bị "
    "sửa hay không. Không có gì được ghi vào máy này. Chỉ nhập khi anh/chị biết rõ người gửi: "
    "chọn “Nhập gói chưa xác thực” (dòng lệnh: thêm --unverified). Các bản ghi nhập như vậy "
    "được ghi “chưa xác thực” trong mọi báo cáo.")
UNSIGNED_REFUSAL_EN = (
    "This is an old-style bundle: it has no signature, so nobody can tell for sure where it "
    "came from or whether it was changed. Nothing was written on this computer. Import it only "
    "if you know the sender: choose “Import unverified bundle” (command line: add "
    "--unverified). Records imported so are marked “unverified” in every report.")


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
    #: Home-visit requests carried (kiosk.home_visits): to the mobile laptop and back.
    home_visits: int = 0


@dataclass(frozen=True)
class ImportSummary:
    """Assistance records added, updated (bundle was newer) and skipped (same or older)."""

    added: int
    updated: int
    skipped: int
    activity_days_added: int = 0
    volunteers_added: int = 0
    source_device: str = ""
    #: An old unsigned bundle imported by staff choice: its records are marked unverified.
    unverified: bool = False
    #: Home-visit requests added / replaced by a newer copy (kiosk.home_visits).
    home_visits_added: int = 0
    home_visits_updated: int = 0


class BundleService:
    """Write and merge mobile-team bundles (staff only: bundles carry personal data)."""

    def __init__(self, store: Store, keys: DeviceKeys | None = None) -> None:
        self.store = store
        self._keys = keys

    # -- keys and trust ----------------------------------------------------------------------

    def keys(self) -> DeviceKeys:
        """This machine's keys (made in its data dir the first time)."""
        if self._keys is None:
            if self.store.data_dir is None:
                raise BundleError("Không tìm thấy thư mục dữ liệu của máy này để đọc khóa. "
                                  "Hãy mở kiosk bằng thư mục dữ liệu của nó rồi thử lại.",
                                  en="This computer's data folder, where its keys are, was not "
                                     "found. Open the kiosk with its data folder and try again.")
            self._keys = DeviceKeys.load_or_create(self.store.data_dir,
                                                   device_id=self.store.device_id)
        return self._keys

    def _meta(self, key: str) -> str | None:
        with self.store.read() as s:
            return s.scalar(select(Meta.value).where(Meta.key == key))

    def _set_meta(self, s: Session, key: str, value: str) -> None:
        row = s.get(Meta, key)
        if row is None:
            s.add(Meta(key=key, value=value))
        else:
            row.value = value

    def recipient_key(self) -> str | None:
        """Where bundles go unless told: the paired hub's box key, else the last ``--to-key``."""
        return self._meta(META_HUB_BOX) or self._meta(META_RECIPIENT)

    def trusted_key(self, device_id: str) -> str | None:
        """The verify key staff trusted for ``device_id`` (None: unknown device)."""
        return self._meta(TRUST_PREFIX + device_id)

    def trust_device(self, actor: Actor, device_id: str, verify_key_b64: str) -> None:
        """Staff say: bundles signed by this key come from this device (first contact)."""
        require(actor, Role.STAFF)
        device_id = device_id.strip()
        if not 1 <= len(device_id) <= 36:
            raise BundleError("Mã máy không đúng (1–36 ký tự). Hãy chép lại mã máy từ máy gửi "
                              "(lệnh “help-kiosk bundle key” trên máy đó).", "invalid_field",
                              en="The device id is not right (1 to 36 characters). Copy it again "
                                 "from the sending computer (command “help-kiosk bundle key”).")
        verify_key_b64 = _check_verify_key(verify_key_b64)
        with self.store.write() as s:
            self._set_meta(s, TRUST_PREFIX + device_id, verify_key_b64)
            audit.record(s, self.store, actor.audit_name, "bundle.trust", device=device_id)
        log.info("bundle sender trusted: %s", device_id)

    # -- export ------------------------------------------------------------------------------

    def export_bundle(self, actor: Actor, since: date, path: Path, *,
                      to_key: str | None = None) -> ExportSummary:
        """Write a v2 bundle: everything changed since local day ``since``, signed by this
        device and sealed to ``to_key`` (a box public key, base64), else to the paired hub.

        The file is random bytes to anyone without the recipient's private key.
        """
        require(actor, Role.STAFF)
        path = Path(path)
        recipient = (to_key or "").strip() or self.recipient_key()
        if not recipient:
            raise BundleError("Chưa biết khóa của máy nhận, nên không mã hóa được gói. Hãy ghép "
                              "nối máy này với máy chủ của xã, hoặc lấy khóa của máy nhận "
                              "(lệnh “help-kiosk bundle key” trên máy đó) rồi xuất với "
                              "“--to-key KHÓA”.", "undecryptable",
                              en="The receiving computer's key is not known, so the bundle "
                                 "cannot be encrypted. Pair this computer with the commune "
                                 "server, or get the receiver's key (command “help-kiosk bundle "
                                 "key” there) and export with “--to-key KEY”.")
        try:
            public_key_from_b64(recipient)
        except KioskError as exc:
            raise BundleError(str(exc), "invalid_field", en=user_message(exc, "en")) from exc
        if not path.parent.is_dir():
            raise BundleError(f"Không có thư mục “{path.parent}”. Hãy cắm USB hoặc chọn thư mục "
                              "khác.",
                              en=f"The folder “{path.parent}” does not exist. Plug in the USB "
                                 "drive or choose another folder.")
        keys = self.keys()
        now = self.store.clock.now()
        identity = load_identity(self.store, self.store.config)
        with self.store.read() as s:
            payload = collect_payload(s, identity, local_midnight_utc(since), contacts=True)
            found = first_in_payload(payload)
            if found is not None:
                # The receiving kiosk would refuse the whole bundle: say which record here.
                vi, en = control_text_problem(
                    found, {sv.code: (sv.name_vi, sv.name_en) for sv in s.scalars(select(Service))},
                    stopped="chưa xuất gói được", stopped_en="no bundle was written",
                    advice="Hãy chạy “help-kiosk sync clean-text” (cần PIN cán bộ) rồi xuất "
                           "lại.",
                    advice_en="Run “help-kiosk sync clean-text” (staff PIN), then export "
                              "again.")
                raise BundleError(vi, "invalid_field", en=en)
        try:
            blob = build_batch(payload, identity, keys, 0, recipient, contacts=True, created=now)
        except BatchRefused as exc:
            raise BundleError(str(exc), exc.code, en=user_message(exc, "en")) from exc
        # Sealed, but still a file about people: owner-only like the contact exports.
        write_atomic(path, blob, mode=PRIVATE_MODE)
        counts = (len(payload["records"]), len(payload["activity_days"]),
                  len(payload["volunteers"]), len(payload.get("home_visits", [])))
        with self.store.write() as s:
            if to_key:
                self._set_meta(s, META_RECIPIENT, recipient)
            audit.record(s, self.store, actor.audit_name, "bundle.export", records=counts[0],
                         activity_days=counts[1], home_visits=counts[3],
                         since=since.isoformat(), version=2)
        log.info("bundle exported: %d records, %d activity days, %d home visits (v2, sealed)",
                 counts[0], counts[1], counts[3])
        return ExportSummary(path, *counts)

    def export_unsigned_bundle(self, actor: Actor, since: date, path: Path) -> ExportSummary:
        """The old v1 format (unsigned, unencrypted zip), for a receiving kiosk not yet updated
        and for tests of the old path. No screen or command writes it; importing it needs an
        explicit staff choice and marks its records unverified."""
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

    def import_bundle(self, actor: Actor, path: Path, *, unverified_ok: bool = False,
                      trust_key: str | None = None) -> ImportSummary:
        """Merge a bundle into this database: refused whole on any problem in it; written in
        short chunks (see below), so a crash mid-way leaves whole records and a re-import
        completes it.

        A v2 bundle must be sealed to this machine and signed by a device staff trusted
        (:meth:`trust_device`; ``trust_key`` trusts the sender's key on first contact, kept
        only if the bundle verifies with it). A v1 bundle (unsigned) imports only with
        ``unverified_ok`` (an explicit staff choice); its records are marked unverified.
        """
        require(actor, Role.STAFF)
        path = Path(path)
        if not path.is_file():
            raise BundleError(f"Không tìm thấy tệp “{path.name}”. Hãy kiểm tra USB và tên tệp.",
                              en=f"The file “{path.name}” was not found. Check the USB drive and "
                                 "the file name.")
        unverified = not _is_v2(path)
        if unverified:
            if not unverified_ok:
                raise BundleError(UNSIGNED_REFUSAL, "not_sealed", en=UNSIGNED_REFUSAL_EN)
            manifest, payload = read_bundle(path)
            device_id = str(manifest["device_id"])
        else:
            opened = self._open_v2(path, trust_key)
            manifest, payload, device_id = opened.manifest, opened.payload, opened.device_id
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
                valid = validate_payload(s, payload, now, home_visits=True)
            except BatchRefused as exc:
                raise BundleError(str(exc), exc.code, en=user_message(exc, "en")) from exc
        with self.store.write() as s:
            sender = sender_identity(s, manifest, self.store.device_id, stamp(self.store))
            fill_identity(s, [*valid.records, *valid.activity_days, *valid.home_visits],
                          sender)
        total = MergeSummary()
        for n, part in enumerate(valid.chunks(IMPORT_CHUNK)):
            if n > 1 and part.records:
                time.sleep(IMPORT_PAUSE_S)
            with self.store.write() as s:
                total += merge_payload(s, part, unverified=unverified, now=now)
        added, updated, skipped = total.added, total.updated, total.skipped
        days_added, volunteers_added = total.activity_days_added, total.volunteers_added
        with self.store.write() as s:
            if trust_key and not unverified and self.trusted_key(device_id) is None:
                self._set_meta(s, TRUST_PREFIX + device_id, trust_key.strip())
                audit.record(s, self.store, actor.audit_name, "bundle.trust", device=device_id)
            audit.record(s, self.store, actor.audit_name, "bundle.import",
                         source_device=device_id, added=added, updated=updated,
                         skipped=skipped, activity_days_added=days_added,
                         volunteers_added=volunteers_added,
                         home_visits_added=total.home_visits_added,
                         home_visits_updated=total.home_visits_updated,
                         verified=not unverified)
        log.info("bundle imported: %d added, %d updated, %d skipped%s", added, updated, skipped,
                 " (unverified)" if unverified else "")
        return ImportSummary(added, updated, skipped, days_added, volunteers_added,
                             device_id, unverified, total.home_visits_added,
                             total.home_visits_updated)

    def _open_v2(self, path: Path, trust_key: str | None) -> OpenedBatch:
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise _refuse("Không đọc được tệp.", "Hãy chép lại tệp rồi thử lại.") from exc
        if size > MAX_BATCH_BYTES:  # checked before reading, let alone decrypting
            raise BundleError(f"Gói dữ liệu quá lớn (trên 16 MB). {REFUSED} Hãy xuất thành "
                              "nhiều gói nhỏ hơn.", "too_big",
                              en="The data bundle is too large (over 16 MB). Nothing was "
                                 "written on this computer. Export it as several smaller "
                                 "bundles.")
        blob = path.read_bytes()
        typed = _check_verify_key(trust_key) if trust_key else None

        def verify_key_for(device_id: str) -> str | None:
            if device_id == self.store.device_id:  # a bundle this machine wrote itself
                return self.keys().verify_key_b64()
            return self.trusted_key(device_id) or typed

        try:
            return open_batch(blob, self.keys(), verify_key_for, self.store.clock.now(),
                              max_age=MAX_BUNDLE_AGE)
        except BatchRefused as exc:
            message = str(exc)
            if exc.code == "unknown_device":
                message = unknown_sender_message(blob, self.keys())
            raise BundleError(message, exc.code, en=user_message(exc, "en")) from exc


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



def _is_v2(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError as exc:
        raise _refuse("Không đọc được tệp.", "Hãy chép lại tệp rồi thử lại.") from exc


def _check_verify_key(text: str) -> str:
    """A verify key typed by staff: 32 bytes in base64, else a BundleError saying so."""
    try:
        public_key_from_b64(text)
    except KioskError as exc:
        raise BundleError(str(exc), "invalid_field", en=user_message(exc, "en")) from exc
    return text.strip()


def unknown_sender_message(blob: bytes, keys: DeviceKeys) -> str:
    """Why a bundle from a device not trusted here is refused, naming that device (read from
    the still unverified manifest) and how to trust it."""
    device = "?"
    try:
        with zipfile.ZipFile(io.BytesIO(keys.unseal(blob[len(MAGIC):]))) as zf:
            m = load_json(zf.read("manifest.json")[:65536])
        if isinstance(m, dict) and isinstance(m.get("device_id"), str):
            device = m["device_id"][:36]
    except (CryptoError, zipfile.BadZipFile, KeyError, ValueError, zlib.error, EOFError,
            OSError):
        pass  # open_batch already read these bytes; this only looks for a name to show
    return (f"Gói dữ liệu đến từ máy “{device}” mà máy này chưa tin cậy. {REFUSED} Hãy xem "
            "mã máy và khóa ký trên máy gửi (lệnh “help-kiosk bundle key”), so khớp mã máy, "
            f"rồi tin cậy máy đó: “help-kiosk bundle trust {device} KHÓA”, hoặc nhập với "
            "“--trust-key KHÓA”.")

