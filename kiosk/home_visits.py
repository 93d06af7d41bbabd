"""The mobile team's home-visit list (issue #23 item 5).

A volunteer at the help point records a request for a home visit for someone who cannot come:
the village, who (a name or a household description, "bà cụ sống một mình cạnh nhà văn
hóa"), the phone number only if the citizen agrees, what is needed (a service and a few
words) and the best time. Staff and volunteers see the open requests grouped by village,
a volunteer takes one ("Nhận việc", staff may give it to anyone), and marking it done
("Đã xong") creates the assistance record with channel ``home_visit`` through
:meth:`kiosk.assistance.AssistanceService.log_in`, in the same transaction, so a visit is
never done without its record nor recorded twice.

Personal data follows the contact rules of :mod:`kiosk.assistance`, not a copy of them:

* the phone is kept only with ``phone_consent=True`` (a clear act; a request without consent
  stores no phone number, whatever was typed) and a purpose, validated and stored in the
  canonical form by :func:`kiosk.privacy.normalize_phone`;
* the household description, the needs and the best time are checked by
  :func:`kiosk.privacy.check_note` (no ID numbers, phones, OTPs, passwords in free text);
* who and the phone are erased after ``contact_retention_days`` by the one retention rule
  (:func:`kiosk.privacy.contact_expired`, run by
  :func:`kiosk.assistance.purge_expired_contacts`), and at once when a request is cancelled;
  a data-subject erasure by phone number erases them too.

Audit entries carry ids and counts only. Requests travel in USB bundles (kiosk.bundles) and
merge by uuid, newer ``updated_at`` wins (kiosk.sync.merge); they never go to the hub.

Every method runs one short transaction through ``Store``; call it from the database lane.
"""

from __future__ import annotations

import logging
import unicodedata
import uuid as uuid_mod
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import HomeVisit, Service, Volunteer
from kiosk import audit
from kiosk.assistance import (
    OUTCOMES,
    PLACE_MAX,
    AssistanceDraft,
    AssistanceService,
    RecordInfo,
)
from kiosk.auth import Actor, PermissionDenied, Role, require
from kiosk.errors import KioskError
from kiosk.identity import stamp
from kiosk.places import vi_sort_key
from kiosk.plain_text import check_plain
from kiosk.privacy import (
    CONTACT_PURPOSE_VI,
    PrivacyError,
    check_note,
    contact_expired,
    mask_phone,
    normalize_phone,
)
from kiosk.store import Store

log = logging.getLogger(__name__)

STATUSES = ("open", "assigned", "done", "cancelled")
#: The requests the list shows: still to be visited.
OPEN_STATUSES = ("open", "assigned")
STATUS_LABELS_VI = {"open": "Chưa có người nhận", "assigned": "Đã có người nhận",
                    "done": "Đã xong", "cancelled": "Đã hủy"}
STATUS_LABELS_EN = {"open": "Not taken yet", "assigned": "Taken", "done": "Done",
                    "cancelled": "Cancelled"}
HOUSEHOLD_MAX = 120
NEEDS_MAX = 200
BEST_TIME_MAX = 80
PURPOSE_MAX = 200
#: Minutes a visit is logged as lasting when nobody says otherwise.
DEFAULT_VISIT_MINUTES = 30
MAX_VISIT_MINUTES = 12 * 60
#: The purpose stored with a phone consent: the contact consent's own (the screen asks with
#: the contact notice of kiosk.privacy, which states this purpose), one text for both.
PHONE_PURPOSE_VI = CONTACT_PURPOSE_VI


class HomeVisitError(KioskError, ValueError):
    """A request that cannot be saved or changed. Vietnamese message (and ``en``)."""


@dataclass(frozen=True)
class VisitDraft:
    """What the entry form collects. ``phone_consent`` is False unless the citizen agreed on
    the consent screen; without it no phone number is stored."""

    village: str
    household: str
    service_code: str
    needs: str = ""
    best_time: str = ""
    phone: str | None = None
    phone_consent: bool = False
    commune: str = ""
    is_demo: bool = False


@dataclass(frozen=True)
class VisitInfo:
    """One request as the screens see it. ``phone`` is the whole number only for staff and
    for the volunteer who took the visit (they call to arrange it); others see it masked."""

    uuid: str
    created_at: datetime
    updated_at: datetime
    created_by: str
    commune: str
    village: str
    household: str
    phone: str | None
    has_phone: bool
    service_code: str
    service_name: str
    needs: str
    best_time: str
    status: str
    assigned_to: str | None
    assigned_name: str
    assistance_uuid: str | None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class VisitLine:
    """One request in a staff listing (``help-kiosk visits list``): when, where, what, its
    state and who took it. ``contact`` (who and the phone) is ``None`` unless the listing was
    asked for contacts and the request is still to be arranged (see
    :meth:`HomeVisitService.listing`)."""

    uuid: str
    created_at: datetime
    done_at: datetime | None
    commune: str
    village: str
    service_name: str
    service_name_en: str
    status: str
    assigned_name: str
    has_phone: bool
    contact: str | None = None

    def status_label(self, language: str = "vi") -> str:
        labels = STATUS_LABELS_EN if language == "en" else STATUS_LABELS_VI
        return labels.get(self.status, self.status)


@dataclass(frozen=True)
class VillageVisits:
    """The open requests of one village, oldest first."""

    village: str
    visits: tuple[VisitInfo, ...]


_EN = {"Tên thôn/tổ dân phố": "The village name", "Tên xã/phường": "The commune name",
       "Người cần hỗ trợ": "Who to visit", "Việc cần hỗ trợ": "What is needed",
       "Thời gian thuận tiện": "The best time", "Số điện thoại": "The phone number"}


def _text(value: Any, limit: int, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise HomeVisitError(f"{what} phải là chữ.", en=f"{_EN.get(what, what)} must be text.")
    text = unicodedata.normalize("NFC", value).strip()
    if len(text) > limit:
        raise HomeVisitError(f"{what} dài {len(text)} ký tự, tối đa {limit} ký tự. Hãy viết "
                             "ngắn lại.",
                             en=f"{_EN.get(what, what)} is {len(text)} characters long; at "
                                f"most {limit}. Please shorten it.")
    return check_plain(text, what, _EN.get(what, what), HomeVisitError)


def _free_text(value: Any, limit: int, what: str) -> str:
    """Bounded text with no ID number, phone, OTP or password in it (kiosk.privacy)."""
    text = _text(value, limit, what)
    try:
        return check_note(text, what)
    except PrivacyError as exc:
        raise PrivacyError(
            f"{what} có số điện thoại, số giấy tờ hoặc mã bí mật. Hãy xóa phần đó rồi lưu lại "
            "(số điện thoại chỉ ghi ở ô riêng, khi người dân đồng ý).", exc.findings,
            en=f"{_EN.get(what, what)} has a phone number, an ID number or a secret code. "
               "Remove it and save again (a phone number goes only in its own box, with the "
               "citizen's consent).") from exc


def _erase_personal(row: HomeVisit) -> None:
    """Who and how to reach them; the village, the service and the state stay (statistics)."""
    row.household = None
    row.phone = None
    row.phone_consent_at = None
    row.phone_consent_purpose = None


class HomeVisitService:
    """Record, list, assign, finish and cancel home-visit requests.

    Args:
        store: the database.
        assistance: the assistance service whose :meth:`~AssistanceService.log_in` writes the
            record when a visit is done (its place rules check the village too).
        default_commune: the help point's commune from the config, for new requests.
    """

    def __init__(self, store: Store, assistance: AssistanceService,
                 default_commune: str = "") -> None:
        self.store = store
        self.assistance = assistance
        self.default_commune = default_commune

    # -- create ------------------------------------------------------------------------------
    def create(self, actor: Actor, draft: VisitDraft) -> VisitInfo:
        """Save a new request (volunteer or staff). Nothing is written if anything is wrong."""
        require(actor, Role.VOLUNTEER)
        with self.store.write() as s:
            now = self.store.clock.now()
            values = self._validate(s, draft, now)
            row = HomeVisit(uuid=str(uuid_mod.uuid4()), device_id=self.store.device_id,
                            created_at=now, updated_at=now, created_by=actor.uuid,
                            status="open", assigned_to=None, assigned_at=None, done_at=None,
                            assistance_uuid=None, deleted_at=None, **values,
                            **stamp(self.store))
            s.add(row)
            s.flush()
            audit.record(s, self.store, actor.audit_name, "home_visit.create", visit=row.uuid,
                         phone=row.phone is not None)
            return self._info(s, actor, row)

    def _validate(self, s: Session, d: VisitDraft, now: datetime) -> dict[str, Any]:
        commune = _text(d.commune or self.default_commune, PLACE_MAX, "Tên xã/phường")
        village = _text(d.village, PLACE_MAX, "Tên thôn/tổ dân phố")
        if not village:
            raise HomeVisitError("Hãy chọn thôn/tổ dân phố của người cần đến nhà.",
                                 en="Choose the village or residential group of the person "
                                    "to visit.")
        AssistanceService.check_place(s, commune, village)
        household = _free_text(d.household, HOUSEHOLD_MAX, "Người cần hỗ trợ")
        if not household:
            raise HomeVisitError("Hãy ghi tên hoặc mô tả hộ gia đình để tổ tìm được nhà (ví dụ: "
                                 "“bà Tư, nhà cạnh nhà văn hóa thôn”).",
                                 en="Write a name or describe the household so the team can "
                                    "find the house (for example: “Mrs Tu, the house next to "
                                    "the village hall”).")
        code = _text(d.service_code, 32, "Việc cần hỗ trợ")
        if not code or s.get(Service, code) is None:
            raise HomeVisitError("Hãy chọn việc cần hỗ trợ trong danh sách dịch vụ.",
                                 en="Choose what is needed from the list of services.")
        needs = _free_text(d.needs, NEEDS_MAX, "Việc cần hỗ trợ")
        best_time = _free_text(d.best_time, BEST_TIME_MAX, "Thời gian thuận tiện")
        # Consent is a clear act (True, not merely truthy). Without it the phone is dropped,
        # never stored: the citizen said no, or nobody asked.
        phone: str | None = None
        consent_at: datetime | None = None
        purpose: str | None = None
        raw = _text(d.phone, 40, "Số điện thoại") if d.phone_consent is True else ""
        if raw:
            phone = normalize_phone(raw)
            consent_at = now
            purpose = PHONE_PURPOSE_VI
        return {"commune": commune, "village": village, "household": household,
                "service_code": code, "needs": needs, "best_time": best_time, "phone": phone,
                "phone_consent_at": consent_at, "phone_consent_purpose": purpose,
                "is_demo": bool(d.is_demo)}

    # -- reading -----------------------------------------------------------------------------
    def by_village(self, actor: Actor) -> list[VillageVisits]:
        """The requests still to visit, grouped by village (alphabetical), oldest first."""
        require(actor, Role.VOLUNTEER)
        with self.store.read() as s:
            rows = list(s.scalars(select(HomeVisit).where(
                HomeVisit.status.in_(OPEN_STATUSES), HomeVisit.deleted_at.is_(None))
                .order_by(HomeVisit.created_at, HomeVisit.uuid)))
            infos = self._infos(s, actor, rows)
        groups: dict[str, list[VisitInfo]] = {}
        for info in infos:
            groups.setdefault(info.village, []).append(info)
        return [VillageVisits(v, tuple(groups[v]))
                for v in sorted(groups, key=vi_sort_key)]

    def listing(self, actor: Actor, *, closed: bool = False,
                contacts: bool = False) -> list[VisitLine]:
        """Every request still to visit (and the done and cancelled ones with ``closed``), by
        village then date, for staff: date, place, service, state and who took it.

        No contact details by default: a listing is read on a terminal or piped to a file,
        which the contact consent ("Liên hệ lại về lần hỗ trợ này") does not cover. With
        ``contacts`` staff get who and the phone of the requests still to arrange (the reason
        they were kept: to arrange the visit, the same rule as :class:`VisitInfo`, where staff
        see the whole number), never of a closed one; the audit log records that contacts
        were listed, and how many.
        """
        require(actor, Role.STAFF)
        states = STATUSES if closed else OPEN_STATUSES
        query = select(HomeVisit).where(HomeVisit.status.in_(states))
        if not closed:
            query = query.where(HomeVisit.deleted_at.is_(None))
        with self.store.read() as s:
            rows = list(s.scalars(query.order_by(HomeVisit.created_at, HomeVisit.uuid)))
            infos = {i.uuid: i for i in self._infos(s, actor, rows)}
            names_en = {code: name for code, name in s.execute(
                select(Service.code, Service.name_en).where(
                    Service.code.in_({r.service_code for r in rows})))}
        lines = []
        for r in rows:
            info = infos[r.uuid]
            contact = None
            if contacts and info.is_open and (info.household or info.phone):
                contact = " · ".join(x for x in (info.household, info.phone) if x)
            lines.append(VisitLine(
                uuid=r.uuid, created_at=r.created_at, done_at=r.done_at, commune=r.commune,
                village=r.village, service_name=info.service_name,
                service_name_en=names_en.get(r.service_code) or info.service_name,
                status=r.status, assigned_name=info.assigned_name, has_phone=info.has_phone,
                contact=contact))
        lines.sort(key=lambda v: vi_sort_key(v.village))  # stable: oldest first in a village
        if contacts:
            shown = sum(1 for v in lines if v.contact)
            with self.store.write() as s:
                audit.record(s, self.store, actor.audit_name, "home_visit.list_contacts",
                             count=shown)
        return lines

    def get(self, actor: Actor, visit_uuid: str) -> VisitInfo:
        require(actor, Role.VOLUNTEER)
        with self.store.read() as s:
            return self._info(s, actor, self._row(s, visit_uuid))

    # -- changes -----------------------------------------------------------------------------
    def assign(self, actor: Actor, visit_uuid: str, to: str | None = None) -> VisitInfo:
        """Give the visit to ``to`` (a member's uuid; default: the actor, "Nhận việc").

        A volunteer may take an open visit for themselves; only staff give a visit to someone
        else or take it from the member who has it.
        """
        require(actor, Role.VOLUNTEER)
        to = to or actor.uuid
        with self.store.write() as s:
            row = self._open_row(s, visit_uuid)
            if actor.role is not Role.STAFF:
                if to != actor.uuid:
                    raise PermissionDenied("Chỉ cán bộ xã/phường giao việc cho người khác. Hãy "
                                           "tự nhận việc, hoặc nhờ cán bộ giao.",
                                           en="Only commune staff give a visit to someone else. "
                                              "Take it yourself, or ask staff.")
                if row.assigned_to not in (None, actor.uuid):
                    raise PermissionDenied("Việc này đã có người nhận. Hãy chọn việc khác, hoặc "
                                           "nhờ cán bộ xã/phường giao lại.",
                                           en="Someone has already taken this visit. Choose "
                                              "another, or ask commune staff to reassign it.")
            member = s.scalar(select(Volunteer).where(Volunteer.uuid == to))
            if member is None or not member.active:
                raise HomeVisitError("Không tìm thấy thành viên tổ này (hoặc đã ngừng hoạt "
                                     "động). Hãy chọn người khác.",
                                     en="This team member was not found (or is inactive). "
                                        "Choose someone else.")
            if row.assigned_to == to:
                return self._info(s, actor, row)
            now = self.store.clock.now()
            row.assigned_to = to
            row.assigned_at = now
            row.status = "assigned"
            row.updated_at = now
            audit.record(s, self.store, actor.audit_name, "home_visit.assign", visit=row.uuid,
                         member=to)
            return self._info(s, actor, row)

    def mark_done(self, actor: Actor, visit_uuid: str, *,
                  minutes: int = DEFAULT_VISIT_MINUTES,
                  outcome: str = "done") -> tuple[VisitInfo, RecordInfo]:
        """The visit happened: close it and log its assistance record (channel "home_visit").

        The member who took the visit (a volunteer marking an untaken visit takes it now)
        is the record's helper; the record ends now and lasted ``minutes``. One transaction:
        the visit is done and its record exists, or neither.
        """
        require(actor, Role.VOLUNTEER)
        if isinstance(minutes, bool) or not isinstance(minutes, int) \
                or not 1 <= minutes <= MAX_VISIT_MINUTES:
            raise HomeVisitError("Thời gian hỗ trợ phải từ 1 phút đến 12 giờ.",
                                 en="The visit must last from 1 minute to 12 hours.")
        if outcome not in OUTCOMES:
            raise HomeVisitError("Kết quả không hợp lệ. Hãy chọn lại.",
                                 en="The outcome is not valid. Choose again.")
        with self.store.write() as s:
            row = self._open_row(s, visit_uuid)
            helper = row.assigned_to or actor.uuid
            if actor.role is not Role.STAFF and helper != actor.uuid:
                raise PermissionDenied("Việc này do người khác nhận. Chỉ người đã nhận hoặc cán "
                                       "bộ xã/phường đánh dấu xong.",
                                       en="Someone else took this visit. Only they or commune "
                                          "staff can mark it done.")
            now = self.store.clock.now()
            draft = AssistanceDraft(
                started_at=now - timedelta(minutes=minutes), ended_at=now,
                services=(row.service_code,), outcome=outcome, channel="home_visit",
                volunteer_uuids=(helper,), commune=row.commune, village=row.village,
                is_demo=bool(row.is_demo))
            record = self.assistance.log_in(s, actor, draft)
            row.assigned_to = helper
            row.assigned_at = row.assigned_at or now
            row.status = "done"
            row.done_at = now
            row.assistance_uuid = record.uuid
            row.updated_at = now
            audit.record(s, self.store, actor.audit_name, "home_visit.done", visit=row.uuid,
                         record=record.uuid)
            return self._info(s, actor, row), record

    def cancel(self, actor: Actor, visit_uuid: str) -> VisitInfo:
        """No visit is needed any more (staff, or the member who recorded it).

        Who and the phone are erased at once (nothing needs them now); the row stays, deleted,
        so the cancellation reaches the other machine in the next bundle.
        """
        require(actor, Role.VOLUNTEER)
        with self.store.write() as s:
            row = self._open_row(s, visit_uuid)
            if actor.role is not Role.STAFF and row.created_by != actor.uuid:
                raise PermissionDenied("Chỉ người đã ghi yêu cầu hoặc cán bộ xã/phường hủy được "
                                       "yêu cầu này.",
                                       en="Only the member who recorded this request or commune "
                                          "staff can cancel it.")
            now = self.store.clock.now()
            _erase_personal(row)
            row.status = "cancelled"
            row.deleted_at = now
            row.updated_at = now
            audit.record(s, self.store, actor.audit_name, "home_visit.cancel", visit=row.uuid)
            return self._info(s, actor, row)

    # -- helpers -----------------------------------------------------------------------------
    @staticmethod
    def _row(s: Session, visit_uuid: str) -> HomeVisit:
        row = s.get(HomeVisit, visit_uuid)
        if row is None:
            raise HomeVisitError("Không tìm thấy yêu cầu này. Có thể nó vừa được cập nhật từ "
                                 "máy khác; hãy mở lại danh sách.",
                                 en="This request was not found. It may have just been updated "
                                    "from another computer; open the list again.")
        return row

    def _open_row(self, s: Session, visit_uuid: str) -> HomeVisit:
        row = self._row(s, visit_uuid)
        if row.status not in OPEN_STATUSES or row.deleted_at is not None:
            label = STATUS_LABELS_VI.get(row.status, row.status).lower()
            raise HomeVisitError(f"Yêu cầu này {label}, không thay đổi được nữa. Hãy mở lại "
                                 "danh sách.",
                                 en="This request is already closed (done or cancelled); it "
                                    "cannot be changed. Open the list again.")
        return row

    def _info(self, s: Session, actor: Actor, row: HomeVisit) -> VisitInfo:
        return self._infos(s, actor, [row])[0]

    def _infos(self, s: Session, actor: Actor, rows: list[HomeVisit]) -> list[VisitInfo]:
        codes = {r.service_code for r in rows}
        names = {code: name for code, name in s.execute(
            select(Service.code, Service.name_vi).where(Service.code.in_(codes)))}
        members = {r.assigned_to for r in rows if r.assigned_to}
        people = {uuid: name for uuid, name in s.execute(
            select(Volunteer.uuid, Volunteer.display_name).where(
                Volunteer.uuid.in_(members)))} if members else {}
        out = []
        for r in rows:
            sees_phone = actor.role is Role.STAFF or (bool(actor.uuid)
                                                      and r.assigned_to == actor.uuid)
            phone = r.phone if (r.phone is None or sees_phone) else mask_phone(r.phone)
            out.append(VisitInfo(
                uuid=r.uuid, created_at=r.created_at, updated_at=r.updated_at,
                created_by=r.created_by, commune=r.commune, village=r.village,
                household=r.household or "", phone=phone, has_phone=r.phone is not None,
                service_code=r.service_code,
                service_name=names.get(r.service_code, r.service_code), needs=r.needs,
                best_time=r.best_time, status=r.status, assigned_to=r.assigned_to,
                assigned_name=people.get(r.assigned_to or "", ""),
                assistance_uuid=r.assistance_uuid))
        return out


# -- the contact rules, applied to visits (called by kiosk.assistance) ------------------------


def erase_expired_contacts_in(s: Session, cutoff: datetime, now: datetime) -> int:
    """Erase who and the phone of requests kept past ``cutoff`` (the contact retention rule,
    :func:`kiosk.privacy.contact_expired`); the rest stays. Returns how many changed."""
    rows = s.scalars(select(HomeVisit).where(
        (HomeVisit.household.is_not(None)) | (HomeVisit.phone.is_not(None))))
    expired = [r for r in rows if contact_expired(r.phone_consent_at, r.created_at, cutoff)]
    for r in expired:
        _erase_personal(r)
        r.updated_at = now
    return len(expired)


def erase_phone_in(s: Session, phone: str, now: datetime) -> int:
    """A data-subject erasure: every request that keeps this (canonical) phone number loses
    who and the phone. Returns how many changed."""
    rows = list(s.scalars(select(HomeVisit).where(HomeVisit.phone == phone)))
    for r in rows:
        _erase_personal(r)
        r.updated_at = now
    return len(rows)


def person_visits_in(s: Session, phone: str,
                     service_names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Every request that keeps this (canonical) phone, in the columns of a person's data
    export (kiosk.assistance ``_PERSON_COLUMNS``), so staff hand over one file."""
    from kiosk.assistance import _iso_local

    rows = s.scalars(select(HomeVisit).where(HomeVisit.phone == phone)
                     .order_by(HomeVisit.created_at))
    out = []
    for r in rows:
        status = STATUS_LABELS_VI.get(r.status, r.status)
        note = "; ".join(x for x in (r.needs, r.best_time) if x)
        out.append({
            "record": r.uuid, "started": _iso_local(r.created_at),
            "ended": _iso_local(r.done_at),
            "services": [service_names.get(r.service_code, r.service_code)],
            "outcome": status, "channel": f"Yêu cầu đến nhà ({status})",
            "commune": r.commune, "village": r.village, "age_band": "", "gender": "",
            "ethnic_group": None, "ethnic_consent_at": None, "first_visit": None,
            "satisfaction": None, "note": note, "contact_name": r.household,
            "contact_phone": r.phone, "contact_consent_at": _iso_local(r.phone_consent_at),
            "contact_consent_purpose": r.phone_consent_purpose})
    return out


def count_with_phone(store: Store, actor: Actor, phone: str) -> int:
    """How many requests keep this phone number (staff: a person's data request, which
    :meth:`kiosk.assistance.AssistanceService.export_person`/``erase_person`` then cover)."""
    require(actor, Role.STAFF)
    canon = normalize_phone(phone)
    with store.read() as s:
        return len(list(s.scalars(select(HomeVisit.uuid).where(HomeVisit.phone == canon))))


def count_open(store: Store) -> int:
    """How many requests are still to visit (the console's button shows it)."""
    with store.read() as s:
        return len(list(s.scalars(select(HomeVisit.uuid).where(
            HomeVisit.status.in_(OPEN_STATUSES), HomeVisit.deleted_at.is_(None)))))


# -- the report's figures ---------------------------------------------------------------------


@dataclass(frozen=True)
class HomeVisitFigures:
    """The home-visit requests of a report period (counts only, nothing personal).

    ``requested``: recorded in the period; ``done``: marked "Đã xong" in the period (each
    also logged a record with channel "home_visit", counted in the citizens helped);
    ``cancelled``: cancelled in the period; ``waiting``: still to visit at the period's end
    (recorded before it, neither done nor cancelled by then), so a past period says what was
    waiting then, not now.
    """

    requested: int = 0
    done: int = 0
    cancelled: int = 0
    waiting: int = 0
    includes_demo: bool = False

    @property
    def any(self) -> bool:
        return bool(self.requested or self.done or self.cancelled or self.waiting)


def visit_figures_in(s: Session, utc_from: datetime, utc_to: datetime,
                     where: list[Any] | None = None) -> HomeVisitFigures:
    """:class:`HomeVisitFigures` for the UTC half-open range ``[utc_from, utc_to)`` (a report
    period's bounds), over the rows matching ``where`` (a report's scope)."""
    h = HomeVisit.__table__.c
    scope = list(where or [])

    def count(*cond: Any) -> int:
        return int(s.scalar(select(func.count()).select_from(HomeVisit)
                            .where(*scope, *cond)) or 0)

    def within(col: Any) -> tuple[Any, Any]:
        return col >= utc_from, col < utc_to

    created, done = within(h.created_at), within(h.done_at)
    demo = count(h.is_demo.is_(True), (created[0] & created[1]) | (done[0] & done[1]))
    return HomeVisitFigures(
        requested=count(*within(h.created_at)),
        done=count(h.status == "done", *within(h.done_at)),
        # A cancelled request keeps its cancellation time in deleted_at (see cancel()).
        cancelled=count(h.status == "cancelled", *within(h.deleted_at)),
        waiting=count(h.created_at < utc_to,
                      (h.done_at.is_(None)) | (h.done_at >= utc_to),
                      (h.deleted_at.is_(None)) | (h.deleted_at >= utc_to)),
        includes_demo=demo > 0)
