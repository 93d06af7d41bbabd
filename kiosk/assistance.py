"""The assistance log: one record per helped citizen, and the data-subject requests on it.

A volunteer logs a help in a few taps (``AssistanceService.log``; ``draft_from_ticket`` fills
the draft from a queue ticket). The record keeps what the statistics and the support-policy
report need and nothing more (shared/domain/facts.md §5):

* a profile for statistics only: age band, gender, first visit, place (commune-level unit and
  village/residential group; there is no district level since 1/7/2025);
* the ethnic group only with explicit consent (``ethnic_consent_at``);
* a contact name/phone only with explicit consent and a purpose (``contact_consent_*``),
  erased after ``contact_retention_days`` by :func:`purge_expired_contacts`;
* a short note, checked for ID numbers, phone numbers, passwords and OTPs.

Edits: the record's own volunteer may edit it freely on the same local day; any other edit
and every deletion needs staff and a reason. Every change leaves an audit entry (ids, field
names and the reason; never names, phones or notes). Logging also marks the record's
volunteers active on the day of the help, in the same transaction.

Data-subject requests (staff): find, export and erase everything kept about one phone number.

Every method runs one short transaction through ``Store``; call it from the database lane.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import logging
import re
import unicodedata
import uuid as uuid_mod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.models import Assistance, Place, Service, Ticket, Volunteer
from kiosk import audit
from kiosk.attendance import mark_active_in
from kiosk.auth import Actor, PermissionDenied, Role, require
from kiosk.clock import local_day, local_midnight_utc, to_local
from kiosk.csv_cells import csv_cell
from kiosk.errors import KioskError
from kiosk.files import PRIVATE_MODE, write_atomic
from kiosk.identity import columns_of, stamp
from kiosk.places import match_commune, match_place, place_info
from kiosk.plain_text import check_plain
from kiosk.privacy import (
    NOTE_MAX_CHARS,
    PrivacyError,
    check_note,
    contact_cutoff,
    contact_expired,
    normalize_phone,
)
from kiosk.store import Store

log = logging.getLogger(__name__)

OUTCOMES = ("done", "partial", "referred", "follow_up")
CHANNELS = ("help_point", "home_visit", "phone")
AGE_BANDS = ("<18", "18-39", "40-59", "60-74", "75+")
GENDERS = ("nam", "nu", "khac")

OUTCOME_LABELS_VI = {"done": "Đã xong", "partial": "Xong một phần",
                     "referred": "Chuyển nơi khác", "follow_up": "Cần hỗ trợ tiếp"}
CHANNEL_LABELS_VI = {"help_point": "Tại điểm hỗ trợ", "home_visit": "Đến tận nhà",
                     "phone": "Qua điện thoại"}
#: The same in English (the hub's English pages; kiosk.reports.figures.labels_for).
OUTCOME_LABELS_EN = {"done": "Done", "partial": "Partly done", "referred": "Referred elsewhere",
                     "follow_up": "Needs more help"}
CHANNEL_LABELS_EN = {"help_point": "At the help point", "home_visit": "Home visit",
                     "phone": "By phone"}

FUTURE_TOLERANCE = timedelta(minutes=5)
MAX_DURATION = timedelta(hours=12)
NAME_MAX = 80
PLACE_MAX = 80
ETHNIC_MAX = 40
PURPOSE_MAX = 200
REASON_MAX = 200
TUTORIAL_ID = re.compile(r"[a-z0-9][a-z0-9_\-]{0,63}")


class AssistanceError(KioskError, ValueError):
    """Input that cannot be saved. The message is Vietnamese and says what to fix."""


class RecordNotFound(AssistanceError):
    """No such assistance record."""


@dataclass(frozen=True)
class AssistanceDraft:
    """What the quick-log screen collects. Times are naive UTC (or timezone-aware).

    Consent flags default to False and must be set by the person's own clear act (an unticked
    box they tick): a draft never carries a pre-ticked consent.
    """

    started_at: datetime
    ended_at: datetime
    services: tuple[str, ...]
    outcome: str = "done"
    channel: str = "help_point"
    volunteer_uuids: tuple[str, ...] = ()
    tutorial_id: str | None = None
    ticket_uuid: str | None = None
    commune: str = ""
    village: str = ""
    age_band: str = ""
    gender: str = ""
    first_visit: bool | None = None
    satisfaction: int | None = None
    note: str = ""
    ethnic_group: str | None = None
    ethnic_consent: bool = False
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_consent: bool = False
    contact_consent_purpose: str | None = None
    is_demo: bool = False


DRAFT_FIELDS = frozenset(f.name for f in dataclasses.fields(AssistanceDraft))


@dataclass(frozen=True)
class RecordInfo:
    """One assistance record as the screens and the CLI see it. Times are naive UTC."""

    uuid: str
    device_id: str
    created_at: datetime
    updated_at: datetime
    started_at: datetime
    ended_at: datetime
    volunteer_uuids: tuple[str, ...]
    services: tuple[str, ...]
    tutorial_id: str | None
    ticket_uuid: str | None
    outcome: str
    channel: str
    commune: str
    village: str
    age_band: str
    gender: str
    ethnic_group: str | None
    ethnic_consent_at: datetime | None
    first_visit: bool | None
    satisfaction: int | None
    note: str
    contact_name: str | None
    contact_phone: str | None
    contact_consent_at: datetime | None
    contact_consent_purpose: str | None
    deleted_at: datetime | None
    is_demo: bool

    @property
    def local_day(self) -> date:
        return local_day(self.started_at)

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_name or self.contact_phone)


def _info(row: Assistance) -> RecordInfo:
    return RecordInfo(
        uuid=row.uuid, device_id=row.device_id, created_at=row.created_at,
        updated_at=row.updated_at, started_at=row.started_at, ended_at=row.ended_at,
        volunteer_uuids=tuple(row.volunteer_uuids or ()), services=tuple(row.services or ()),
        tutorial_id=row.tutorial_id, ticket_uuid=row.ticket_uuid, outcome=row.outcome,
        channel=row.channel, commune=row.commune, village=row.village, age_band=row.age_band,
        gender=row.gender, ethnic_group=row.ethnic_group,
        ethnic_consent_at=row.ethnic_consent_at, first_visit=row.first_visit,
        satisfaction=row.satisfaction, note=row.note, contact_name=row.contact_name,
        contact_phone=row.contact_phone, contact_consent_at=row.contact_consent_at,
        contact_consent_purpose=row.contact_consent_purpose, deleted_at=row.deleted_at,
        is_demo=bool(row.is_demo))


def _draft_of(row: Assistance) -> AssistanceDraft:
    return AssistanceDraft(
        started_at=row.started_at, ended_at=row.ended_at, services=tuple(row.services or ()),
        outcome=row.outcome, channel=row.channel,
        volunteer_uuids=tuple(row.volunteer_uuids or ()), tutorial_id=row.tutorial_id,
        ticket_uuid=row.ticket_uuid, commune=row.commune, village=row.village,
        age_band=row.age_band, gender=row.gender, first_visit=row.first_visit,
        satisfaction=row.satisfaction, note=row.note, ethnic_group=row.ethnic_group,
        ethnic_consent=row.ethnic_consent_at is not None, contact_name=row.contact_name,
        contact_phone=row.contact_phone, contact_consent=row.contact_consent_at is not None,
        contact_consent_purpose=row.contact_consent_purpose, is_demo=bool(row.is_demo))


#: The field names ``_text``/``_utc_naive`` get, in English (for the English form of an error).
_EN_LABELS = {
    "Lý do": "The reason", "Tên xã/phường": "The commune name",
    "Tên thôn/tổ dân phố": "The village name", "Ghi chú": "The note",
    "Dân tộc": "The ethnic group", "Họ tên liên hệ": "The contact name",
    "Số điện thoại": "The phone number", "Mục đích": "The purpose",
    "Giờ bắt đầu": "The start time", "Giờ kết thúc": "The end time",
}


def _en_label(what: str) -> str:
    return _EN_LABELS.get(what, "This field")


def _utc_naive(value: Any, what: str) -> datetime:
    if not isinstance(value, datetime):
        raise AssistanceError(f"{what} không phải là ngày giờ. Hãy chọn lại giờ.",
                              en=f"{_en_label(what)} is not a date and time. Choose the time "
                                 "again.")
    if value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _text(value: Any, limit: int, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise AssistanceError(f"{what} phải là chữ.",
                              en=f"{_en_label(what)} must be text.")
    text = unicodedata.normalize("NFC", value).strip()
    if len(text) > limit:
        raise AssistanceError(f"{what} dài {len(text)} ký tự, tối đa {limit} ký tự. "
                              "Hãy viết ngắn lại.",
                              en=f"{_en_label(what)} is {len(text)} characters long; at most "
                                 f"{limit}. Please shorten it.")
    return check_plain(text, what, _en_label(what), AssistanceError)


class AssistanceService:
    """Log, edit, delete and look up assistance records; answer data-subject requests.

    Args:
        store: the database.
        default_commune / default_village: the help point's place from the config, used by
            :meth:`draft_from_ticket`.
    """

    def __init__(self, store: Store, default_commune: str = "",
                 default_village: str = "") -> None:
        self.store = store
        self.default_commune = default_commune
        self.default_village = default_village

    # -- drafting ----------------------------------------------------------------------------
    def new_draft(self, actor: Actor, services: Iterable[str] = (),
                  minutes: int = 10) -> AssistanceDraft:
        """An empty draft for a walk-in: ended now, started ``minutes`` ago, by ``actor``."""
        require(actor, Role.VOLUNTEER)
        now = self.store.clock.now()
        return AssistanceDraft(started_at=now - timedelta(minutes=minutes), ended_at=now,
                               services=tuple(services), volunteer_uuids=(actor.uuid,),
                               commune=self.default_commune, village=self.default_village)

    def draft_from_ticket(self, actor: Actor, ticket_uuid: str) -> AssistanceDraft:
        """A draft prefilled from a queue ticket: service, times, tutorial, satisfaction."""
        require(actor, Role.VOLUNTEER)
        with self.store.read() as s:
            t = s.get(Ticket, ticket_uuid)
            if t is None:
                raise RecordNotFound("Không tìm thấy số thứ tự này. Hãy ghi lượt hỗ trợ "
                                     "mà không chọn số.",
                                     en="This queue number was not found. Log the visit without "
                                        "choosing a number.")
            now = self.store.clock.now()
            ended = t.finished_at or now
            started = t.called_at or t.issued_at
            if started > ended:
                started = ended
            return AssistanceDraft(
                started_at=started, ended_at=ended, services=(t.service_code,),
                volunteer_uuids=(actor.uuid,), tutorial_id=t.tutorial_id, ticket_uuid=t.uuid,
                channel="help_point", commune=self.default_commune,
                village=self.default_village, satisfaction=t.satisfaction,
                is_demo=bool(t.is_demo))

    # -- log / edit / delete -----------------------------------------------------------------
    def log(self, actor: Actor, draft: AssistanceDraft) -> RecordInfo:
        """Save a new record (volunteer or staff). Nothing is written if anything is wrong."""
        with self.store.write() as s:
            return self.log_in(s, actor, draft)

    def log_in(self, s: Session, actor: Actor, draft: AssistanceDraft) -> RecordInfo:
        """:meth:`log` inside the caller's transaction: a service whose change must commit
        with the record (a home visit marked done, kiosk.home_visits) calls this."""
        require(actor, Role.VOLUNTEER)
        if not draft.volunteer_uuids:
            draft = dataclasses.replace(draft, volunteer_uuids=(actor.uuid,))
        now = self.store.clock.now()
        values = self._validate(s, actor, draft, now, existing=None)
        row = Assistance(uuid=str(uuid_mod.uuid4()), device_id=self.store.device_id,
                         created_at=now, updated_at=now, deleted_at=None, **values,
                         **stamp(self.store))
        s.add(row)
        s.flush()
        day = local_day(row.started_at)
        for v in row.volunteer_uuids:
            mark_active_in(s, columns_of(row), v, day, "record", bool(row.is_demo))
        audit.record(s, self.store, actor.audit_name, "assistance.log", record=row.uuid)
        return _info(row)

    def needs_reason(self, actor: Actor, record: RecordInfo) -> bool:
        """True when editing ``record`` needs staff and a reason (the UI asks for one)."""
        return not self._own_same_day(actor, record.volunteer_uuids, record.created_at)

    def _own_same_day(self, actor: Actor, volunteers: Iterable[str], created: datetime) -> bool:
        now = self.store.clock.now()
        return (actor.role is not Role.CITIZEN and actor.uuid in tuple(volunteers)
                and local_day(created) == local_day(now))

    def edit(self, actor: Actor, record_uuid: str, changes: Mapping[str, Any],
             reason: str | None = None) -> RecordInfo:
        """Change fields of a record (keys are :class:`AssistanceDraft` field names).

        The record's own volunteer may edit on the day it was logged without a reason; any
        other edit needs staff and a reason. Every edit is audited with the changed field
        names (and the reason), never the values.
        """
        require(actor, Role.VOLUNTEER)
        unknown = sorted(set(changes) - DRAFT_FIELDS)
        if unknown:
            raise AssistanceError(f"Không sửa được mục “{unknown[0]}”.",
                                  en=f"The field “{unknown[0]}” cannot be changed.")
        clean_reason = self._reason(reason)
        with self.store.write() as s:
            row = self._row(s, record_uuid)
            if row.deleted_at is not None:
                raise AssistanceError("Bản ghi này đã bị xóa, không sửa được.",
                                      en="This record was deleted; it cannot be edited.")
            free = self._own_same_day(actor, row.volunteer_uuids or (), row.created_at)
            if not free:
                if actor.role is not Role.STAFF:
                    raise PermissionDenied(
                        "Bạn chỉ sửa được bản ghi của mình trong ngày đã ghi. Bản ghi này cần "
                        "cán bộ xã/phường sửa và ghi lý do.",
                        en="You can only edit your own records on the day they were logged. This "
                           "record needs commune staff to edit it and give a reason.")
                if clean_reason is None:
                    raise AssistanceError("Hãy ghi lý do sửa bản ghi này.",
                                          en="Please write why this record is edited.")
            now = self.store.clock.now()
            draft = dataclasses.replace(_draft_of(row), **dict(changes))
            values = self._validate(s, actor, draft, now, existing=row)
            changed = sorted(k for k, v in values.items() if getattr(row, k) != v)
            if not changed:
                return _info(row)
            for k in changed:
                setattr(row, k, values[k])
            row.updated_at = now
            detail: dict[str, Any] = {"record": row.uuid, "fields": changed}
            if clean_reason is not None:
                detail["reason"] = clean_reason
            audit.record(s, self.store, actor.audit_name, "assistance.edit", **detail)
            day = local_day(row.started_at)
            for v in row.volunteer_uuids:
                mark_active_in(s, columns_of(row), v, day, "record", bool(row.is_demo))
            return _info(row)

    def delete(self, actor: Actor, record_uuid: str, reason: str) -> RecordInfo:
        """Soft-delete a record (staff, with a reason). Its personal fields are erased too.

        The row stays (``deleted_at``) so the audit trail and bundle merges stay consistent;
        reports skip it.
        """
        require(actor, Role.STAFF)
        clean_reason = self._reason(reason)
        if clean_reason is None:
            raise AssistanceError("Hãy ghi lý do xóa bản ghi này.",
                                  en="Please write why this record is deleted.")
        with self.store.write() as s:
            row = self._row(s, record_uuid)
            if row.deleted_at is not None:
                raise AssistanceError("Bản ghi này đã bị xóa trước đó.",
                                      en="This record was already deleted.")
            now = self.store.clock.now()
            _erase_personal(row)
            row.deleted_at = now
            row.updated_at = now
            audit.record(s, self.store, actor.audit_name, "assistance.delete",
                         record=row.uuid, reason=clean_reason)
            return _info(row)

    # -- reading -----------------------------------------------------------------------------
    def get(self, actor: Actor, record_uuid: str) -> RecordInfo:
        """One record. Volunteers see the records they helped with; staff see all."""
        require(actor, Role.VOLUNTEER)
        with self.store.read() as s:
            row = self._row(s, record_uuid)
            if actor.role is not Role.STAFF and actor.uuid not in (row.volunteer_uuids or ()):
                raise PermissionDenied("Bạn chỉ xem được bản ghi của mình. Hãy nhờ cán bộ "
                                       "xã/phường.",
                                       en="You can only see your own records. Please ask commune "
                                          "staff.")
            return _info(row)

    def list_today(self, actor: Actor) -> list[RecordInfo]:
        """Today's (local day) records, oldest first. Volunteers see their own; staff all."""
        require(actor, Role.VOLUNTEER)
        today = local_day(self.store.clock.now())
        start = local_midnight_utc(today)
        end = local_midnight_utc(today + timedelta(days=1))
        with self.store.read() as s:
            rows = s.scalars(select(Assistance).where(
                Assistance.started_at >= start, Assistance.started_at < end,
                Assistance.deleted_at.is_(None)).order_by(Assistance.started_at))
            out = [_info(r) for r in rows]
        if actor.role is not Role.STAFF:
            out = [r for r in out if actor.uuid in r.volunteer_uuids]
        return out

    # -- activity days -----------------------------------------------------------------------
    def add_outreach_day(self, actor: Actor, volunteer_uuid: str, day: date) -> bool:
        """Staff records that a volunteer worked away from the help point on ``day``.

        Returns False when that day was already recorded as outreach for them.
        """
        require(actor, Role.STAFF)
        today = local_day(self.store.clock.now())
        if day > today:
            raise AssistanceError("Ngày hoạt động ở tương lai. Hãy chọn hôm nay hoặc một "
                                  "ngày đã qua.",
                                  en="The activity day is in the future. Choose today or a past "
                                     "day.")
        with self.store.write() as s:
            if s.scalar(select(Volunteer.id).where(Volunteer.uuid == volunteer_uuid)) is None:
                raise AssistanceError("Không tìm thấy thành viên tổ này. Hãy chọn lại.",
                                      en="This team member was not found. Please choose again.")
            added = mark_active_in(s, stamp(self.store), volunteer_uuid, day, "outreach")
            if added:
                audit.record(s, self.store, actor.audit_name, "activity.outreach",
                             member=volunteer_uuid, day=day.isoformat())
            return added

    # -- data-subject requests (staff) -------------------------------------------------------
    def find_by_phone(self, actor: Actor, phone: str) -> list[RecordInfo]:
        """Every (not deleted) record that keeps this phone number, oldest first."""
        require(actor, Role.STAFF)
        canon = normalize_phone(phone)
        with self.store.write() as s:
            rows = list(s.scalars(select(Assistance).where(
                Assistance.contact_phone == canon, Assistance.deleted_at.is_(None))
                .order_by(Assistance.started_at)))
            audit.record(s, self.store, actor.audit_name, "records.find", count=len(rows))
            return [_info(r) for r in rows]

    def export_person(self, actor: Actor, phone: str, path: Path) -> int:
        """Write everything kept about one phone number to ``path`` (.json or .csv).

        Returns the number of records and home-visit requests (kiosk.home_visits) with it.
        Raises AssistanceError when there is none (and writes nothing), OutputError when the
        file cannot be written. The file is written whole or not at all.
        """
        require(actor, Role.STAFF)
        canon = normalize_phone(phone)
        path = Path(path)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in ("json", "csv"):
            raise AssistanceError("Tên tệp phải kết thúc bằng .json hoặc .csv.",
                                  en="The file name must end in .json or .csv.")
        from kiosk.home_visits import person_visits_in

        with self.store.write() as s:
            rows = list(s.scalars(select(Assistance).where(
                Assistance.contact_phone == canon, Assistance.deleted_at.is_(None))
                .order_by(Assistance.started_at)))
            names = {svc.code: svc.name_vi for svc in s.scalars(select(Service))}
            # Home-visit requests keep the phone too (kiosk.home_visits), in the same columns.
            visits = person_visits_in(s, canon, names)
            if not rows and not visits:
                raise AssistanceError("Không có bản ghi nào lưu số điện thoại này.",
                                      en="No record keeps this phone number.")
            people = [_person_view(r, names) for r in rows]
            now = self.store.clock.now()
            if fmt == "json":
                payload = {"phone": canon, "exported_at": _iso_local(now), "records": people,
                           "home_visits": visits}
                data = json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
            else:
                data = _person_csv(people + visits)
            write_atomic(path, data, mode=PRIVATE_MODE)  # one person's contacts
            audit.record(s, self.store, actor.audit_name, "records.export_person",
                         count=len(rows), home_visits=len(visits), format=fmt)
            return len(rows) + len(visits)

    def erase_person(self, actor: Actor, phone: str) -> int:
        """Erase what identifies the person on every record with this phone number.

        Contact name and phone, consent details, the note and the ethnic group are erased; the
        anonymous rest (service, time, age band...) stays for the statistics. Home-visit
        requests with this phone lose who and the phone too. Returns the number of rows changed.
        """
        require(actor, Role.STAFF)
        canon = normalize_phone(phone)
        from kiosk.home_visits import erase_phone_in

        with self.store.write() as s:
            rows = list(s.scalars(select(Assistance).where(Assistance.contact_phone == canon)))
            now = self.store.clock.now()
            for r in rows:
                _erase_personal(r)
                r.updated_at = now
            visits = erase_phone_in(s, canon, now)
            audit.record(s, self.store, actor.audit_name, "records.erase_person",
                         count=len(rows), home_visits=visits)
            return len(rows) + visits

    # -- helpers -----------------------------------------------------------------------------
    @staticmethod
    def _row(s: Session, record_uuid: str) -> Assistance:
        row = s.get(Assistance, record_uuid)
        if row is None:
            raise RecordNotFound("Không tìm thấy bản ghi này. Có thể nó đã bị xóa hẳn.",
                                 en="This record was not found. It may have been deleted for "
                                    "good.")
        return row

    @staticmethod
    def _reason(reason: str | None) -> str | None:
        if reason is None:
            return None
        text = _text(reason, REASON_MAX, "Lý do")
        if not text:
            return None
        return check_note(text, "Lý do")

    def _validate(self, s: Session, actor: Actor, d: AssistanceDraft, now: datetime,
                  existing: Assistance | None) -> dict[str, Any]:
        """Check a draft; return the column values to store. Raises with a Vietnamese message."""
        started = _utc_naive(d.started_at, "Giờ bắt đầu")
        ended = _utc_naive(d.ended_at, "Giờ kết thúc")
        if ended < started:
            raise AssistanceError("Giờ kết thúc sớm hơn giờ bắt đầu. Hãy kiểm tra lại giờ.",
                                  en="The end time is before the start time. Please check the "
                                     "times.")
        if started > now + FUTURE_TOLERANCE or ended > now + FUTURE_TOLERANCE:
            raise AssistanceError("Giờ hỗ trợ nằm ở tương lai. Hãy kiểm tra lại ngày giờ "
                                  "(và đồng hồ của máy).",
                                  en="The help time is in the future. Please check the date and "
                                     "time (and the computer's clock).")
        if ended - started > MAX_DURATION:
            raise AssistanceError("Một lượt hỗ trợ không thể dài quá 12 giờ. Hãy kiểm tra lại "
                                  "giờ bắt đầu và giờ kết thúc.",
                                  en="One visit cannot last more than 12 hours. Please check the "
                                     "start and end times.")

        volunteers = tuple(dict.fromkeys(d.volunteer_uuids))
        if not volunteers:
            raise AssistanceError("Hãy chọn ít nhất một người đã hỗ trợ.",
                                  en="Choose at least one person who helped.")
        if actor.role is Role.VOLUNTEER and actor.uuid not in volunteers:
            raise AssistanceError("Bạn phải là một trong những người đã hỗ trợ. Hãy chọn lại "
                                  "người hỗ trợ hoặc nhờ cán bộ xã/phường ghi.",
                                  en="You must be one of the people who helped. Choose the "
                                     "helpers again, or ask commune staff to log it.")
        known = set(s.scalars(select(Volunteer.uuid).where(Volunteer.uuid.in_(volunteers))))
        for v in volunteers:
            if v not in known:
                raise AssistanceError("Không tìm thấy thành viên tổ đã hỗ trợ. Hãy chọn lại "
                                      "người hỗ trợ.",
                                      en="A team member who helped was not found. Choose the "
                                         "helpers again.")

        services = tuple(dict.fromkeys(d.services))
        if not services:
            raise AssistanceError("Hãy chọn ít nhất một dịch vụ đã hỗ trợ.",
                                  en="Choose at least one service that was given.")
        known_services = set(s.scalars(select(Service.code).where(Service.code.in_(services))))
        for code in services:
            if code not in known_services:
                raise AssistanceError(f"Dịch vụ “{code}” không có trong danh sách dịch vụ. "
                                      "Hãy chọn dịch vụ khác hoặc nhờ cán bộ thêm dịch vụ.",
                                      en=f"The service “{code}” is not in the list of services. "
                                         "Choose another service or ask staff to add it.")

        if d.outcome not in OUTCOMES:
            raise AssistanceError("Kết quả không hợp lệ. Hãy chọn: đã xong, xong một phần, "
                                  "chuyển nơi khác hoặc cần hỗ trợ tiếp.",
                                  en="The outcome is not valid. Choose: done, partly done, "
                                     "referred elsewhere or needs more help.")
        if d.channel not in CHANNELS:
            raise AssistanceError("Hình thức hỗ trợ không hợp lệ. Hãy chọn: tại điểm hỗ trợ, "
                                  "đến tận nhà hoặc qua điện thoại.",
                                  en="The way of helping is not valid. Choose: at the help "
                                     "point, home visit or by phone.")

        tutorial = d.tutorial_id or None
        if tutorial is not None and not (isinstance(tutorial, str)
                                         and TUTORIAL_ID.fullmatch(tutorial)):
            raise AssistanceError("Mã bài hướng dẫn không hợp lệ. Hãy chọn lại bài.",
                                  en="The tutorial code is not valid. Choose the tutorial again.")
        ticket = d.ticket_uuid or None
        # Imported records point at tickets and places of another device: check only what
        # this edit changes.
        if ticket is not None and (existing is None or ticket != existing.ticket_uuid):
            if s.get(Ticket, ticket) is None:
                raise AssistanceError("Không tìm thấy số thứ tự này. Hãy bỏ chọn số.",
                                      en="This queue number was not found. Please unselect the "
                                         "number.")
            q = select(Assistance.uuid).where(Assistance.ticket_uuid == ticket,
                                              Assistance.deleted_at.is_(None))
            if existing is not None:
                q = q.where(Assistance.uuid != existing.uuid)
            if s.scalar(q) is not None:
                raise AssistanceError("Lượt hỗ trợ cho số thứ tự này đã được ghi. Hãy sửa bản "
                                      "ghi đã có thay vì ghi thêm.",
                                      en="A visit for this queue number is already logged. Edit "
                                         "that record instead of logging another.")

        commune = _text(d.commune, PLACE_MAX, "Tên xã/phường")
        village = _text(d.village, PLACE_MAX, "Tên thôn/tổ dân phố")
        if existing is None or (commune, village) != (existing.commune, existing.village):
            self.check_place(s, commune, village)

        if d.age_band not in ("", *AGE_BANDS):
            raise AssistanceError("Nhóm tuổi không hợp lệ. Hãy chọn lại nhóm tuổi.",
                                  en="The age group is not valid. Choose the age group again.")
        if d.gender not in ("", *GENDERS):
            raise AssistanceError("Giới tính không hợp lệ. Hãy chọn nam, nữ hoặc khác.",
                                  en="The gender is not valid. Choose male, female or other.")
        if d.first_visit is not None and not isinstance(d.first_visit, bool):
            raise AssistanceError("Mục “lần đầu đến” phải là có hoặc không.",
                                  en="“First visit” must be yes or no.")
        sat = d.satisfaction
        if sat is not None and (isinstance(sat, bool) or not isinstance(sat, int)
                                or not 1 <= sat <= 5):
            raise AssistanceError("Mức hài lòng phải từ 1 đến 5.",
                                  en="Satisfaction must be from 1 to 5.")

        note = _text(d.note, 10_000, "Ghi chú")
        if len(note) > NOTE_MAX_CHARS:
            raise AssistanceError(f"Ghi chú dài {len(note)} ký tự, tối đa {NOTE_MAX_CHARS} ký "
                                  "tự. Hãy viết ngắn lại.",
                                  en=f"The note is {len(note)} characters long; at most "
                                     f"{NOTE_MAX_CHARS}. Please shorten it.")
        note = check_note(note)

        # Consent: a clear act (True, not merely truthy), never assumed from data being present.
        ethnic = _text(d.ethnic_group, ETHNIC_MAX, "Dân tộc") or None
        ethnic_consent_at: datetime | None = None
        if ethnic is not None:
            if d.ethnic_consent is not True:
                raise PrivacyError("Chỉ được ghi dân tộc khi người dân đồng ý rõ ràng. Hãy đọc "
                                   "lời xin đồng ý và để người dân tự chọn, hoặc bỏ trống mục "
                                   "dân tộc.",
                                   en="An ethnic group may only be recorded with the citizen's "
                                      "clear consent. Read the consent text and let the citizen "
                                      "choose, or leave the ethnic group empty.")
            kept = existing.ethnic_consent_at if existing is not None else None
            ethnic_consent_at = kept or now

        name = _text(d.contact_name, NAME_MAX, "Họ tên liên hệ") or None
        phone_raw = _text(d.contact_phone, 40, "Số điện thoại") or None
        phone = normalize_phone(phone_raw) if phone_raw is not None else None
        if name is not None:
            check_note(name, "Họ tên liên hệ")
        contact_consent_at: datetime | None = None
        purpose: str | None = None
        if name is not None or phone is not None:
            if d.contact_consent is not True:
                raise PrivacyError("Chỉ được lưu họ tên, số điện thoại khi người dân đồng ý rõ "
                                   "ràng. Hãy đọc lời xin đồng ý và để người dân tự chọn, hoặc "
                                   "bỏ trống thông tin liên hệ.",
                                   en="A name and phone number may only be kept with the "
                                      "citizen's clear consent. Read the consent text and let "
                                      "the citizen choose, or leave the contact details empty.")
            purpose = _text(d.contact_consent_purpose, PURPOSE_MAX, "Mục đích") or None
            if purpose is None:
                raise PrivacyError("Hãy ghi mục đích lưu thông tin liên hệ (ví dụ: liên hệ lại "
                                   "về lần hỗ trợ này).",
                                   en="Please write why the contact details are kept (for "
                                      "example: to call back about this visit).")
            kept = existing.contact_consent_at if existing is not None else None
            contact_consent_at = kept or now

        return {
            "started_at": started, "ended_at": ended, "volunteer_uuids": list(volunteers),
            "services": list(services), "tutorial_id": tutorial, "ticket_uuid": ticket,
            "outcome": d.outcome, "channel": d.channel, "commune": commune, "village": village,
            "age_band": d.age_band, "gender": d.gender, "ethnic_group": ethnic,
            "ethnic_consent_at": ethnic_consent_at, "first_visit": d.first_visit,
            "satisfaction": sat, "note": note, "contact_name": name, "contact_phone": phone,
            "contact_consent_at": contact_consent_at, "contact_consent_purpose": purpose,
            "is_demo": bool(d.is_demo),
        }

    @staticmethod
    def check_place(s: Session, commune: str, village: str) -> None:
        """When the place list is filled in, the names must come from it.

        Any row matches, current or retired, and former names too: a record may be logged
        days later, and kiosk.places keeps renamed places as separate rows.
        """
        communes = [place_info(p) for p in s.scalars(select(Place).where(
            Place.level == "commune"))]
        if not communes or not commune:
            if village and not commune and communes:
                raise AssistanceError("Hãy chọn xã/phường trước khi chọn thôn/tổ dân phố.",
                                      en="Choose the commune before the village or residential "
                                         "group.")
            return
        match = match_commune(communes, commune)
        if match is None:
            raise AssistanceError(f"Không có xã/phường “{commune}” trong danh sách địa bàn. "
                                  "Hãy chọn lại từ danh sách.",
                                  en=f"The commune “{commune}” is not in the list of places. "
                                     "Choose again from the list.")
        if not village:
            return
        villages = [place_info(v) for v in s.scalars(select(Place).where(
            Place.level == "village", Place.parent_id == match.id))]
        if villages and match_place(villages, village) is None:
            raise AssistanceError(f"Không có thôn/tổ dân phố “{village}” thuộc {match.name}. "
                                  "Hãy chọn lại từ danh sách.",
                                  en=f"There is no village or residential group “{village}” in "
                                     f"{match.name}. Choose again from the list.")


def _erase_personal(row: Assistance) -> None:
    row.contact_name = None
    row.contact_phone = None
    row.contact_consent_at = None
    row.contact_consent_purpose = None
    row.note = ""
    row.ethnic_group = None
    row.ethnic_consent_at = None


# -- retention -------------------------------------------------------------------------------


def purge_expired_contacts(store: Store, retention_days: int) -> int:
    """Erase contact details kept longer than ``retention_days`` since consent.

    The one retention run for every table with contacts: assistance records and home-visit
    requests (who and the phone, :func:`kiosk.home_visits.erase_expired_contacts_in`), by the
    one rule :func:`kiosk.privacy.contact_expired`. The rows stay for the statistics. Audited
    with the counts only. Returns how many rows were changed.
    Safe to run at every start-up and from ``help-kiosk records purge``.
    """
    from kiosk.home_visits import erase_expired_contacts_in

    with store.write() as s:
        now = store.clock.now()
        cutoff = contact_cutoff(now, retention_days)
        rows = list(s.scalars(select(Assistance).where(
            or_(Assistance.contact_name.is_not(None), Assistance.contact_phone.is_not(None),
                Assistance.contact_consent_at.is_not(None)))))
        expired = [r for r in rows if contact_expired(r.contact_consent_at, r.created_at,
                                                      cutoff)]
        for r in expired:
            r.contact_name = None
            r.contact_phone = None
            r.contact_consent_at = None
            r.contact_consent_purpose = None
            r.updated_at = now
        visits = erase_expired_contacts_in(s, cutoff, now)
        audit.record(s, store, "system", "records.purge_contacts", count=len(expired),
                     home_visits=visits, retention_days=retention_days)
    if expired or visits:
        log.info("erased contact details of %d record(s) and %d home visit(s) past retention",
                 len(expired), visits)
    return len(expired) + visits


# -- export helpers --------------------------------------------------------------------------


def _iso_local(utc_naive: datetime | None) -> str | None:
    if utc_naive is None:
        return None
    return to_local(utc_naive).replace(microsecond=0).isoformat()


_PERSON_COLUMNS = (
    ("record", "Mã bản ghi"), ("started", "Bắt đầu"), ("ended", "Kết thúc"),
    ("services", "Dịch vụ"), ("outcome", "Kết quả"), ("channel", "Hình thức"),
    ("commune", "Xã/phường"), ("village", "Thôn/tổ dân phố"), ("age_band", "Nhóm tuổi"),
    ("gender", "Giới tính"), ("ethnic_group", "Dân tộc"),
    ("ethnic_consent_at", "Đồng ý ghi dân tộc lúc"), ("first_visit", "Lần đầu đến"),
    ("satisfaction", "Mức hài lòng"), ("note", "Ghi chú"), ("contact_name", "Họ tên"),
    ("contact_phone", "Số điện thoại"), ("contact_consent_at", "Đồng ý lưu liên hệ lúc"),
    ("contact_consent_purpose", "Mục đích"),
)


def _person_view(r: Assistance, service_names: Mapping[str, str]) -> dict[str, Any]:
    return {
        "record": r.uuid, "started": _iso_local(r.started_at), "ended": _iso_local(r.ended_at),
        "services": [service_names.get(c, c) for c in (r.services or [])],
        "outcome": OUTCOME_LABELS_VI.get(r.outcome, r.outcome),
        "channel": CHANNEL_LABELS_VI.get(r.channel, r.channel),
        "commune": r.commune, "village": r.village, "age_band": r.age_band,
        "gender": {"nam": "Nam", "nu": "Nữ", "khac": "Khác"}.get(r.gender, r.gender),
        "ethnic_group": r.ethnic_group, "ethnic_consent_at": _iso_local(r.ethnic_consent_at),
        "first_visit": r.first_visit, "satisfaction": r.satisfaction, "note": r.note,
        "contact_name": r.contact_name, "contact_phone": r.contact_phone,
        "contact_consent_at": _iso_local(r.contact_consent_at),
        "contact_consent_purpose": r.contact_consent_purpose,
    }


def _person_csv(people: list[dict[str, Any]]) -> bytes:
    """The person's records as CSV, through the one cell rule (no formula goes out)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([label for _k, label in _PERSON_COLUMNS])
    for p in people:
        row = []
        for key, _label in _PERSON_COLUMNS:
            v = p[key]
            if isinstance(v, list):
                v = "; ".join(v)
            elif isinstance(v, bool):
                v = "Có" if v else "Không"
            row.append(csv_cell(v))
        w.writerow(row)
    # A BOM so Excel shows the Vietnamese correctly.
    return buf.getvalue().encode("utf-8-sig")
