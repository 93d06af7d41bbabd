"""One unit of transfer, over HTTP and on USB alike: a signed zip sealed to its recipient.

A batch is ``b"HKB2\\n"`` + ``SealedBox(recipient box key).encrypt(zip)``; the zip holds exactly

* ``manifest.json``: format, version 2, who sent it (device, help point, team, commune), when
  (``created``, UTC), the sender's ``seq``, whether contacts are included, counts and the
  ``payload_sha256`` of ``payload.json``;
* ``payload.json``: records (incl. soft deletes), activity days, volunteers (never a PIN hash),
  daily queue/tutorial/print counts and the sender's status (HUB-SPEC "the batch");
* ``signature``: the sender's Ed25519 signature (64 raw bytes) over the exact manifest bytes.

So a lost USB stick shows nothing but random bytes (only the recipient's private box key opens
it), and a batch whose manifest was not signed by a known, unrevoked device, or whose payload
does not match the signed digest, is refused whole. :func:`open_batch` checks everything that
needs no database, cheapest first: size (before decrypting), seal, zip members and sizes,
version, device, signature, digest, clock, commune, manifest fields; then the caller runs
:func:`kiosk.sync.merge.validate_payload` and :func:`~kiosk.sync.merge.merge_payload` in one
transaction. Every refusal is a :class:`BatchRefused` with a ``code`` and Vietnamese words.

Pure functions; any thread. ``collect_payload`` needs a session (database lane or CLI).
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import io
import json
import logging
import re
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from nacl.exceptions import BadSignatureError, CryptoError
from nacl.public import SealedBox
from nacl.signing import VerifyKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import (
    ActivityDay,
    Assistance,
    HomeVisit,
    PrintEvent,
    ScamCheckCount,
    Ticket,
    TutorialEvent,
    Volunteer,
)
from kiosk.auth import Role
from kiosk.clock import local_day, local_midnight_utc
from kiosk.identity import columns_of, is_team_id
from kiosk.plain_text import has_control
from kiosk.printing_quota import COUNTED
from kiosk.sync.errors import REFUSAL_CODES, BatchRefused
from kiosk.sync.keys import DeviceKeys, public_key_from_b64
from kiosk.sync.merge import (
    CONTACT_KEYS,
    CONTROL_ADVICE,
    DAILY_COUNT_KEYS,
    DAILY_COUNT_MORE,
    HOME_VISITS,
    MAX_CLOCK_SKEW,
    PAYLOAD_KEYS_V2,
    PAYLOAD_KEYS_V2_VISITS,
    REFUSED,
    carries_contacts,
    day_out,
    decode_payload,
    dt_out,
    is_v2,
    load_json,
    parse_dt,
    record_out,
    visit_out,
)

__all__ = ["MAX_BATCH_BYTES", "REFUSAL_CODES", "BatchRefused", "OpenedBatch", "build_batch",
           "collect_payload", "open_batch", "refuse_revoked"]

log = logging.getLogger(__name__)

MAGIC = b"HKB2\n"
BATCH_FORMAT = "help-kiosk-batch"
BATCH_VERSION = 2
MAX_BATCH_BYTES = 16 * 1024 * 1024
#: Unpacked sizes: JSON compresses about 10:1, a bomb far more; read at most this much.
MAX_MANIFEST_BYTES = 64 * 1024
MAX_PAYLOAD_BYTES = 10 * MAX_BATCH_BYTES
MANIFEST_NAME = "manifest.json"
PAYLOAD_NAME = "payload.json"
SIGNATURE_NAME = "signature"
MEMBERS = (MANIFEST_NAME, PAYLOAD_NAME, SIGNATURE_NAME)
MANIFEST_KEYS = frozenset({"format", "version", "device_id", "help_point_id", "team_id",
                           "commune_code", "help_point_name", "created", "seq", "contacts",
                           "counts", "payload_sha256"})

_SHA256 = re.compile(r"[0-9a-f]{64}")
_COMMUNE_CODE = re.compile(r"[0-9]{0,8}")


class IdentityLike(Protocol):
    """What a batch says about its sender (``kiosk.identity.Identity`` has these)."""

    @property
    def help_point_id(self) -> str: ...
    @property
    def help_point_name(self) -> str: ...
    @property
    def team_id(self) -> str: ...
    @property
    def commune_code(self) -> str: ...


@dataclass(frozen=True)
class OpenedBatch:
    """A batch whose seal, signature and digest checked out; payload not yet validated.

    ``decoded`` is the payload already decoded into the validator's schema
    (:func:`kiosk.sync.merge.decode_payload`) when it fit it, else None: pass
    :meth:`for_validation` to :func:`~kiosk.sync.merge.validate_payload`. ``payload`` (the
    plain dict) is read from the bytes only when asked for."""

    manifest: dict[str, Any]
    payload_json: bytes
    device_id: str
    decoded: Any = None

    @functools.cached_property
    def payload(self) -> dict[str, Any]:
        return load_json(self.payload_json)  # type: ignore[no-any-return]

    def for_validation(self) -> Any:
        """What :func:`~kiosk.sync.merge.validate_payload` should check."""
        return self.decoded if self.decoded is not None else self.payload


#: The English of each refusal (the kiosk's staff screens can be in English; the hub's API
#: message stays Vietnamese). "Nothing was written" is the same promise as the Vietnamese.
_EN = {
    "too_big": "The data bundle is too large (over 16 MB). Nothing was written. Split it into "
               "smaller bundles (choose a later start day).",
    "not_sealed": "This is not a signed and encrypted data bundle (version 2). Nothing was "
                  "written. Export it again with an updated kiosk.",
    "undecryptable": "The data bundle was not encrypted for this computer (or it is damaged), "
                     "so it cannot be opened. Nothing was written. Export it again with this "
                     "receiving computer's key.",
    "bad_zip": "The data bundle is damaged or holds something unexpected. Nothing was written. "
               "Send or copy it again from the sending computer.",
    "unknown_version": "The data bundle has a version this computer cannot read. Nothing was "
                       "written. Update the software on both computers.",
    "unknown_device": "The data bundle comes from a computer that is not paired. Nothing was "
                      "written. Pair that computer first (or trust it explicitly), then send "
                      "again.",
    "revoked_device": "The sending computer's right to send data was revoked. Nothing was "
                      "written. If this is a mistake, pair that computer with the server "
                      "again.",
    "bad_signature": "The data bundle's signature is wrong: it was forged or changed. Nothing "
                     "was written. Export it again from the right sending computer.",
    "tampered": "The data in the bundle does not match its signed checksum: it was changed. "
                "Nothing was written. Export it again from the sending computer.",
    "clock_skew": "The sending computer's clock is more than a day off. Nothing was written. "
                  "Set the date and time on the sending computer, then send again.",
    "wrong_commune": "The data bundle names a different commune from the one the sending "
                     "computer was paired with. Nothing was written. Check the commune code in "
                     "the sending computer's settings.",
}


def _refused(code: str, problem: str, advice: str, en: str = "") -> BatchRefused:
    return BatchRefused(f"{problem} {REFUSED} {advice}", code, en=en or _EN.get(code, ""))


def refuse_revoked() -> BatchRefused:
    """For a ``verify_key_for`` callback that knows the device was revoked: raise this."""
    return _refused("revoked_device", "Máy gửi đã bị thu hồi quyền gửi dữ liệu.",
                    "Nếu đây là nhầm lẫn, hãy ghép nối lại máy đó với máy chủ.")


# -- building --------------------------------------------------------------------------------


def _zip(members: dict[str, bytes], created: datetime) -> bytes:
    buf = io.BytesIO()
    stamp = created.timetuple()[:6]
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()


def build_batch(payload: dict[str, Any], identity: IdentityLike, keys: DeviceKeys, seq: int,
                recipient_box_public_b64: str, contacts: bool, *,
                created: datetime | None = None) -> bytes:
    """Sign ``payload`` as this device and seal it to the recipient; the bytes to send/write.

    ``contacts=False`` (the hub variant) empties every contact field before signing, so the
    signed batch itself says it carries none. Raises :class:`BatchRefused` ``too_big`` when
    the sealed batch would exceed :data:`MAX_BATCH_BYTES` (send fewer days at a time).
    """
    recipient = public_key_from_b64(recipient_box_public_b64)
    if not contacts:
        # Home-visit requests are names and phones of people to visit: never in a batch
        # without contacts (the hub's), whatever the caller collected.
        payload = {k: v for k, v in payload.items() if k != HOME_VISITS}
        payload = {**payload, "records": [
            {**r, "contact_name": None, "contact_phone": None, "contact_consent_at": None,
             "contact_consent_purpose": None} for r in payload["records"]]}
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    when = (created or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    manifest = {
        "format": BATCH_FORMAT, "version": BATCH_VERSION, "device_id": keys.device_id,
        "help_point_id": identity.help_point_id, "team_id": identity.team_id,
        "commune_code": identity.commune_code, "help_point_name": identity.help_point_name,
        **({"team_name": team_name} if (team_name := getattr(identity, "team_name", "")) else {}),
        "created": dt_out(when), "seq": seq, "contacts": contacts,
        "counts": {k: len(payload.get(k, [])) for k in ("records", "activity_days",
                                                         "volunteers", "daily_counts",
                                                         HOME_VISITS)
                   if k in payload or k != HOME_VISITS},
        "payload_sha256": hashlib.sha256(body).hexdigest(),
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    zipped = _zip({MANIFEST_NAME: manifest_bytes, PAYLOAD_NAME: body,
                   SIGNATURE_NAME: keys.sign(manifest_bytes)}, when)
    blob = MAGIC + bytes(SealedBox(recipient).encrypt(zipped))
    if len(blob) > MAX_BATCH_BYTES:
        raise _refused("too_big", "Gói dữ liệu quá lớn (trên 16 MB).",
                       "Hãy chia thành nhiều gói nhỏ hơn (chọn ngày bắt đầu gần hơn).")
    return blob


# -- opening ---------------------------------------------------------------------------------


def _members(zipped: bytes) -> dict[str, bytes]:
    """The three members, bounded; BatchRefused ``bad_zip`` for anything else."""
    bad = _refused("bad_zip", "Gói dữ liệu bị hỏng hoặc có nội dung lạ.",
                   "Hãy gửi lại hoặc chép lại gói từ máy gửi.")
    limits = {MANIFEST_NAME: MAX_MANIFEST_BYTES, PAYLOAD_NAME: MAX_PAYLOAD_BYTES,
              SIGNATURE_NAME: 64}
    try:
        with zipfile.ZipFile(io.BytesIO(zipped)) as zf:
            infos = zf.infolist()
            names = [i.filename for i in infos]
            if sorted(names) != sorted(MEMBERS):  # also: no duplicates, no ../ tricks
                raise bad
            data: dict[str, bytes] = {}
            for info in infos:
                limit = limits[info.filename]
                if info.flag_bits & 0x1 or info.file_size > limit:
                    raise bad
                with zf.open(info) as fh:
                    blob = fh.read(limit + 1)  # the declared size may lie
                if len(blob) > limit:
                    raise bad
                data[info.filename] = blob
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError,
            OSError) as exc:
        raise bad from exc
    return data


def _invalid(field: str) -> BatchRefused:
    return _refused("invalid_field", f"Phần mô tả của gói dữ liệu có giá trị sai (mục "
                    f"“{field}”).", "Hãy cập nhật kiosk gửi rồi gửi lại.",
                    en=f"The data bundle's description has a wrong value (field “{field}”). "
                       "Nothing was written. Update the sending kiosk, then send again.")


def _control(field: str) -> BatchRefused:
    return _refused("invalid_field", f"Phần mô tả của gói dữ liệu có ký tự điều khiển (ví dụ "
                    f"ký tự NUL) ở mục “{field}”.", CONTROL_ADVICE,
                    en=f"The data bundle's description has a control character (such as NUL) "
                       f"in field “{field}”. Nothing was written. Correct that field on the "
                       "sending computer, then send again.")


def _check_manifest(m: dict[str, Any]) -> None:
    if not MANIFEST_KEYS <= set(m) <= MANIFEST_KEYS | {"team_name"}:
        raise _invalid("(cấu trúc)")
    for key in ("help_point_name", "team_name", "created"):
        if isinstance(m.get(key), str) and has_control(m[key]):
            raise _control(key)
    if not isinstance(m.get("team_name", ""), str) or len(m.get("team_name", "")) > 120:
        raise _invalid("team_name")
    for key in ("help_point_id", "team_id"):
        if not isinstance(m[key], str) or (m[key] and not is_team_id(m[key])):
            raise _invalid(key)
    if not isinstance(m["commune_code"], str) or not _COMMUNE_CODE.fullmatch(m["commune_code"]):
        raise _invalid("commune_code")
    if not isinstance(m["help_point_name"], str) or len(m["help_point_name"]) > 120:
        raise _invalid("help_point_name")
    if type(m["seq"]) is not int or not 0 <= m["seq"] <= 2**53:
        raise _invalid("seq")
    if not isinstance(m["contacts"], bool):
        raise _invalid("contacts")
    counts = m["counts"]
    if not isinstance(counts, dict) or len(counts) > 8 or not all(
            isinstance(k, str) and type(v) is int and 0 <= v <= 10**7 for k, v in counts.items()):
        raise _invalid("counts")
    if not isinstance(m["payload_sha256"], str) or not _SHA256.fullmatch(m["payload_sha256"]):
        raise _invalid("payload_sha256")


def open_batch(blob: bytes, recipient: DeviceKeys,
               verify_key_for: Callable[[str], str | None], now: datetime, *,
               expected_commune_for: Callable[[str], str | None] | None = None,
               max_age: timedelta = MAX_CLOCK_SKEW) -> OpenedBatch:
    """Open, verify and parse a batch; :class:`BatchRefused` with a code for anything wrong.

    ``verify_key_for(device_id)`` gives the sender's Ed25519 key (base64), ``None`` for a
    device never paired; for a revoked one it raises :func:`refuse_revoked`.
    ``expected_commune_for(device_id)`` (optional) gives the commune code the device was
    paired with: a batch claiming another is refused (``wrong_commune``). ``now`` is UTC
    (naive or aware): a batch ``created`` more than a day after it, or more than ``max_age``
    before it (a day for the hub, which gets batches built at send time; longer for a USB
    bundle carried for days), is refused (``clock_skew``).
    """
    if len(blob) > MAX_BATCH_BYTES:
        raise _refused("too_big", "Gói dữ liệu quá lớn (trên 16 MB).",
                       "Hãy chia thành nhiều gói nhỏ hơn.")
    if not blob.startswith(MAGIC):
        raise _refused("not_sealed", "Đây không phải gói dữ liệu đã ký và mã hóa (phiên bản 2).",
                       "Hãy xuất lại gói bằng kiosk đã cập nhật.")
    try:
        zipped = recipient.unseal(blob[len(MAGIC):])
    except (CryptoError, ValueError, TypeError) as exc:
        raise _refused("undecryptable", "Gói dữ liệu không được mã hóa cho máy này (hoặc đã bị "
                       "hỏng), nên không mở được.",
                       "Hãy xuất lại gói với khóa của máy nhận này.") from exc
    data = _members(zipped)
    try:
        manifest = load_json(data[MANIFEST_NAME])
    except ValueError as exc:
        raise _invalid("manifest.json") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != BATCH_FORMAT \
            or type(manifest.get("version")) is not int or manifest["version"] != BATCH_VERSION:
        version = manifest.get("version") if isinstance(manifest, dict) else None
        raise _refused("unknown_version", f"Gói dữ liệu có phiên bản {version!r} mà máy này "
                       "không đọc được.", "Hãy cập nhật phần mềm trên cả hai máy.")
    device_id = manifest.get("device_id")
    if not isinstance(device_id, str) or not 1 <= len(device_id) <= 36:
        raise _invalid("device_id")
    if has_control(device_id):  # a NUL would reach the database in the look-up below
        raise _control("device_id")
    key_b64 = verify_key_for(device_id)
    if key_b64 is None:
        raise _refused("unknown_device", "Gói dữ liệu đến từ một máy chưa được ghép nối.",
                       "Hãy ghép nối máy đó trước (hoặc tin cậy máy đó rõ ràng) rồi gửi lại.")
    try:
        VerifyKey(base64.b64decode(key_b64, validate=True)).verify(data[MANIFEST_NAME],
                                                                   data[SIGNATURE_NAME])
    except (BadSignatureError, binascii.Error, ValueError, TypeError) as exc:
        raise _refused("bad_signature", "Chữ ký của gói dữ liệu không đúng: gói bị giả mạo "
                       "hoặc bị sửa.", "Hãy xuất lại gói từ đúng máy gửi.") from exc
    _check_manifest(manifest)
    if hashlib.sha256(data[PAYLOAD_NAME]).hexdigest() != manifest["payload_sha256"]:
        raise _refused("tampered", "Dữ liệu trong gói không khớp với mã kiểm tra đã ký: gói "
                       "đã bị sửa.", "Hãy xuất lại gói từ máy gửi.")
    created = parse_dt(manifest["created"])
    if created is None:
        raise _invalid("created")
    if now.tzinfo is not None:
        now = now.astimezone(UTC).replace(tzinfo=None)
    if created > now + MAX_CLOCK_SKEW or created < now - max_age:
        raise _refused("clock_skew", "Đồng hồ của máy gửi lệch quá một ngày so với máy nhận.",
                       "Hãy chỉnh ngày giờ trên máy gửi rồi gửi lại.")
    if expected_commune_for is not None:
        expected = expected_commune_for(device_id)
        if expected is not None and expected != manifest["commune_code"]:
            raise _refused("wrong_commune", "Gói dữ liệu ghi một xã/phường khác với xã/phường "
                           "mà máy gửi đã được ghép nối.",
                           "Hãy kiểm tra mã xã/phường trong cài đặt của máy gửi.")
    decoded = decode_payload(data[PAYLOAD_NAME])
    if decoded is not None and is_v2(decoded):
        if not manifest["contacts"] and carries_contacts(decoded):
            raise _invalid("contacts")  # a hub variant must not carry what it says it does not
        return OpenedBatch(manifest, data[PAYLOAD_NAME], device_id, decoded)
    try:
        payload = load_json(data[PAYLOAD_NAME])
    except ValueError as exc:
        raise _invalid("payload.json") from exc
    if not isinstance(payload, dict) or set(payload) not in (PAYLOAD_KEYS_V2,
                                                             PAYLOAD_KEYS_V2_VISITS):
        raise _invalid("payload.json")
    records = payload["records"] if isinstance(payload["records"], list) else []
    if not manifest["contacts"] and (HOME_VISITS in payload or any(
            isinstance(r, dict) and any(r.get(k) is not None for k in CONTACT_KEYS)
            for r in records)):
        raise _invalid("contacts")  # a hub variant must not carry what it says it does not
    opened = OpenedBatch(manifest, data[PAYLOAD_NAME], device_id)
    opened.__dict__["payload"] = payload  # read already (cached_property's own slot)
    return opened


# -- what changed ----------------------------------------------------------------------------


def _volunteers(session: Session, wanted: list[str]) -> list[dict[str, Any]]:
    found = {v.uuid: v for v in session.scalars(select(Volunteer).where(
        Volunteer.uuid.in_(wanted)))}
    out = []
    for u in wanted:
        v = found.get(u)
        out.append({"uuid": u, "display_name": v.display_name if v else "(không rõ tên)",
                    "role": v.role if v else Role.VOLUNTEER.value})
    return out


def daily_counts(session: Session, first: date | None,
                 last: date | None = None) -> list[dict[str, Any]]:
    """Queue, tutorial, print and scam-check counts per local day, from ``first`` (None = the
    first day there is) to ``last`` (None = the last there is).

    The one definition the USB bundle and the hub outbox send, so that the hub's figures agree
    with the kiosk's dashboard: "sheets printed" are how-to sheets and take-home slips
    (:data:`kiosk.printing_quota.COUNTED`; a queue ticket is not a sheet); tickets by status and
    priority, their waits as a histogram (:mod:`kiosk.reports.waits`); each tutorial's runs
    counted as the dashboard counts them (:func:`kiosk.reports.figures.count_tutorial_runs`:
    opened, finished, the step unfinished runs stopped at); scam checks per kind. Counts only,
    never a ticket, a time of day or a message. With both ends given every day in between is
    listed, zeros too: the receiver replaces a day's counts, so a day whose counts went to zero
    must say so.
    """
    from kiosk.reports.figures import count_practice_runs, count_tutorial_runs
    from kiosk.reports.waits import BINS, wait_bin
    from kiosk.usage import KINDS as TUTORIAL_KINDS
    from kiosk.usage import PRACTICE_KINDS, run_events

    counts: dict[date, dict[str, Any]] = defaultdict(_empty_day)
    if first is not None and last is not None:
        for i in range((last - first).days + 1):
            counts[first + timedelta(days=i)] = _empty_day()
    tickets = select(Ticket.day, Ticket.status, Ticket.priority, Ticket.issued_at,
                     Ticket.called_at).where(Ticket.is_demo.is_(False))
    prints = select(PrintEvent.day, func.sum(PrintEvent.sheets)).where(
        PrintEvent.ok.is_(True), PrintEvent.kind.in_(COUNTED)).group_by(PrintEvent.day)
    scams = select(ScamCheckCount.day, ScamCheckCount.kind, ScamCheckCount.count)
    if first is not None:
        tickets = tickets.where(Ticket.day >= first)
        prints = prints.where(PrintEvent.day >= first)
        scams = scams.where(ScamCheckCount.day >= first)
    if last is not None:
        tickets = tickets.where(Ticket.day <= last)
        prints = prints.where(PrintEvent.day <= last)
        scams = scams.where(ScamCheckCount.day <= last)
    for day, status, priority, issued_at, called_at in session.execute(tickets):
        c = counts[day]
        c["tickets_issued"] += 1
        if status == "done":
            c["tickets_served"] += 1
        elif status == "no_show":
            c["no_shows"] += 1
        elif status == "cancelled":
            c["cancelled"] += 1
        elif status in ("waiting", "called"):
            c["not_finished"] += 1
        if priority:
            c["priority_tickets"] += 1
            c["priority_served"] += status == "done"
        if called_at is not None:
            if not c["wait_histogram"]:
                c["wait_histogram"] = [0] * BINS
            c["wait_histogram"][wait_bin((called_at - issued_at).total_seconds() / 60.0)] += 1
    per_day_events: dict[date, list[Any]] = defaultdict(list)
    # A run counts on the day it started, all of it (kiosk.usage.run_events: one rule with the
    # dashboard), so a run across midnight is not half on each day.
    events = run_events(session,
                        local_midnight_utc(first) if first is not None else None,
                        local_midnight_utc(last + timedelta(days=1)) if last is not None
                        else None, [TutorialEvent.is_demo.is_(False)])
    for row in events:
        day = local_day(row.started)
        per_day_events[day].append(row)
        if row.kind in ("opened", "finished"):
            counts[day][f"tutorials_{row.kind}"] += 1
    for day, rows in per_day_events.items():
        practices = count_practice_runs(e for e in rows if e.kind in PRACTICE_KINDS)
        if practices:  # only then: a hub from before this key refuses it (HUB-SPEC)
            counts[day]["practices"] = {
                tutorial_id: {"started": p.started, "finished": p.finished,
                              "wrong": {str(screen): n for screen, n in sorted(p.wrong.items())}}
                for tutorial_id, p in sorted(practices.items())}
        rows = [e for e in rows if e.kind in TUTORIAL_KINDS]  # practice runs are not runs
        counts[day]["tutorials"] = {
            tutorial_id: {"opened": t.opened, "finished": t.finished, "stopped": t.stopped,
                          "asks": t.asks,
                          "stops": {str(step): n for step, n in sorted(t.stops.items())}}
            for tutorial_id, t in sorted(count_tutorial_runs(rows).items())}
    for day, sheets in session.execute(prints):
        counts[day]["sheets_printed"] += int(sheets or 0)
    for day, kind, n in session.execute(scams):
        counts[day]["scam_checks"][kind] = counts[day]["scam_checks"].get(kind, 0) + int(n)
    return [{"day": d.isoformat(), **counts[d]} for d in sorted(counts)]


def _empty_day() -> dict[str, Any]:
    return {**dict.fromkeys(DAILY_COUNT_KEYS, 0), **dict.fromkeys(DAILY_COUNT_MORE, 0),
            "wait_histogram": [], "tutorials": {}, "scam_checks": {}}


def collect_payload(session: Session, identity: IdentityLike | None, since: datetime | None,
                    contacts: bool, status: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything changed since ``since`` (UTC; None = everything): the batch payload.

    Records by ``updated_at`` (soft deletes included, so deletions travel), activity days and
    daily counts from the local day of ``since`` on (a day's counts are re-sent whole: the
    receiver keeps the latest per day), the volunteers those name. Demo data never leaves.
    Rows carry their own identity columns; one with no team yet gets ``identity``'s (it can
    only have been made here). ``contacts=False`` empties contact fields.

    With ``contacts`` (a USB bundle for the mobile laptop and back) the home-visit requests
    changed since ``since`` come too, under ``"home_visits"`` (only when there are some, so a
    receiver not yet updated still takes a bundle without them). Never without contacts: the
    hub does not keep the visit list.
    """
    # A row with no team yet can only be this kiosk's (kiosk.identity.columns_of).
    local = None if identity is None else {
        "help_point_id": identity.help_point_id, "team_id": identity.team_id,
        "commune_code": identity.commune_code}
    rows = select(Assistance).where(Assistance.is_demo.is_(False))
    days = select(ActivityDay).where(ActivityDay.is_demo.is_(False))
    first_day = None if since is None else local_day(since)
    if since is not None:
        rows = rows.where(Assistance.updated_at >= since)
        days = days.where(ActivityDay.day >= first_day)
    records = list(session.scalars(rows.order_by(Assistance.updated_at, Assistance.uuid)))
    day_rows = list(session.scalars(days.order_by(ActivityDay.day, ActivityDay.volunteer_uuid,
                                                  ActivityDay.source)))
    visits: list[HomeVisit] = []
    if contacts:
        visit_rows = select(HomeVisit).where(HomeVisit.is_demo.is_(False))
        if since is not None:
            visit_rows = visit_rows.where(HomeVisit.updated_at >= since)
        visits = list(session.scalars(visit_rows.order_by(HomeVisit.updated_at,
                                                          HomeVisit.uuid)))
    wanted = sorted({v for r in records for v in (r.volunteer_uuids or [])}
                    | {d.volunteer_uuid for d in day_rows}
                    | {v.created_by for v in visits}
                    | {v.assigned_to for v in visits if v.assigned_to})
    from kiosk import __version__

    out = {
        "records": [{**record_out(r, contacts=contacts), **columns_of(r, local)}
                    for r in records],
        "activity_days": [{**day_out(d), **columns_of(d, local)} for d in day_rows],
        "volunteers": _volunteers(session, wanted),
        "daily_counts": daily_counts(session, first_day),
        "status": status if status is not None else {"app_version": __version__},
    }
    if visits:
        out[HOME_VISITS] = [{**visit_out(v), **columns_of(v, local)} for v in visits]
    return out

