"""Typed SQLAlchemy models.

Every row that may leave the machine (tickets, assistance records, events, audit entries)
carries a UUID and the device id so that merging bundles from a mobile team is idempotent.
Times are stored in UTC; "today" is computed in Asia/Ho_Chi_Minh by the services.
Personal data is kept to the minimum described in shared/domain/facts.md §5: there is no
column for an ID number, a card photo, a password, a passcode or an OTP, by design.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def new_uuid() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    type_annotation_map = {datetime: DateTime(timezone=False)}


class Meta(Base):
    """Key/value facts about this installation (device id, schema notes)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(256))


class IdentityColumns:
    """Which help point and team (Tổ CNSCĐ) a row belongs to, and the commune's official
    code (kiosk.identity): the allowance cap is paid per team even in a merged database."""

    help_point_id: Mapped[str] = mapped_column(String(36), server_default="")
    team_id: Mapped[str] = mapped_column(String(36), server_default="")
    commune_code: Mapped[str] = mapped_column(String(8), server_default="")


class Team(Base):
    """A team's name as reports show it, remembered from the bundles that named it."""

    __tablename__ = "team"
    team_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    commune_code: Mapped[str] = mapped_column(String(8), default="")
    help_point_name: Mapped[str] = mapped_column(String(80), default="")


class Volunteer(Base):
    """A team member who may sign in: role 'volunteer' or 'staff'. The PIN is only a hash."""

    __tablename__ = "volunteer"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class PinPadState(Base):
    """Failed-PIN counter and lock, kept in the database so a restart does not reset it."""

    __tablename__ = "pin_pad_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]


class AuditEvent(Base):
    """Who did what, when. ``detail`` never holds personal data (ids and counts only)."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    device_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(64), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")


class Service(Base):
    """A kind of help the queue offers (A: VNeID, B: online public services, ...)."""

    __tablename__ = "service"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    prefix: Mapped[str] = mapped_column(String(1), unique=True)
    name_vi: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    icon: Mapped[str] = mapped_column(String(64), default="")
    tutorials: Mapped[list[str]] = mapped_column(JSON, default=list)
    desks: Mapped[list[int]] = mapped_column(JSON, default=list)
    avg_minutes: Mapped[int] = mapped_column(Integer, default=10)
    official_url: Mapped[str] = mapped_column(String(300), default="")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    sort: Mapped[int] = mapped_column(Integer, default=0)


class Ticket(IdentityColumns, Base):
    """A queue number. (day, prefix, number) is unique: one transaction hands each out."""

    __tablename__ = "ticket"
    __table_args__ = (UniqueConstraint("day", "prefix", "number", name="uq_ticket_day_number"),)
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    device_id: Mapped[str] = mapped_column(String(36))
    day: Mapped[date] = mapped_column(Date, index=True)
    prefix: Mapped[str] = mapped_column(String(1))
    number: Mapped[int] = mapped_column(Integer)
    service_code: Mapped[str] = mapped_column(ForeignKey("service.code"))
    status: Mapped[str] = mapped_column(String(16), default="waiting", index=True)
    issued_at: Mapped[datetime]
    called_at: Mapped[datetime | None]
    desk: Mapped[int | None]
    recalls: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None]
    satisfaction: Mapped[int | None]
    tutorial_id: Mapped[str | None] = mapped_column(String(64))
    tutorial_step: Mapped[int | None]
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    # Priority (elderly, disability, pregnant, with a small child). Only THAT it is priority is
    # kept, never why: the reason is personal and nothing needs it.
    priority: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Assistance(IdentityColumns, Base):
    """One assisted citizen. Contact fields exist only with consent and are erased later."""

    __tablename__ = "assistance"
    # Reports and exports select a period of started_at, exports in (started_at, uuid) order.
    __table_args__ = (Index("ix_assistance_started_uuid", "started_at", "uuid"),)
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    device_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime] = mapped_column(index=True)
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime]
    volunteer_uuids: Mapped[list[str]] = mapped_column(JSON, default=list)
    services: Mapped[list[str]] = mapped_column(JSON, default=list)
    tutorial_id: Mapped[str | None] = mapped_column(String(64))
    ticket_uuid: Mapped[str | None] = mapped_column(String(36))
    outcome: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16))
    commune: Mapped[str] = mapped_column(String(80), default="")
    village: Mapped[str] = mapped_column(String(80), default="")
    age_band: Mapped[str] = mapped_column(String(16), default="")
    gender: Mapped[str] = mapped_column(String(8), default="")
    ethnic_group: Mapped[str | None] = mapped_column(String(40))
    ethnic_consent_at: Mapped[datetime | None]
    first_visit: Mapped[bool | None]
    satisfaction: Mapped[int | None]
    note: Mapped[str] = mapped_column(String(280), default="")
    contact_name: Mapped[str | None] = mapped_column(String(80))
    contact_phone: Mapped[str | None] = mapped_column(String(20), index=True)
    contact_consent_at: Mapped[datetime | None]
    contact_consent_purpose: Mapped[str | None] = mapped_column(String(200))
    deleted_at: Mapped[datetime | None]
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Came in an old unsigned (v1) bundle imported by an explicit staff choice: nobody can
    #: vouch for it, so every report and export says "chưa xác thực" (kiosk.sync.merge).
    unverified: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ActivityDay(IdentityColumns, Base):
    """A volunteer active on a local day: a record, a served ticket, or outreach added by staff.

    ``source`` is one of :data:`kiosk.attendance.ACTIVITY_SOURCES`; legacy "signin" rows are
    kept but never counted.
    """

    __tablename__ = "activity_day"
    __table_args__ = (UniqueConstraint("volunteer_uuid", "day", "source", name="uq_activity"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    volunteer_uuid: Mapped[str] = mapped_column(String(36), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    source: Mapped[str] = mapped_column(String(16))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    #: From an unsigned (v1) bundle imported by staff choice; the allowance table says so.
    unverified: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class TutorialEvent(IdentityColumns, Base):
    """Anonymous usage: opened, step, finished, abandoned, ask (at step N). No person data."""

    __tablename__ = "tutorial_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    device_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(index=True)
    run_id: Mapped[str] = mapped_column(String(36), index=True)
    tutorial_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    step: Mapped[int | None]
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


class PrintEvent(IdentityColumns, Base):
    """A printed how-to sheet or ticket, counted for the quota and the support report."""

    __tablename__ = "print_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    device_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime]
    day: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    tutorial_id: Mapped[str | None] = mapped_column(String(64))
    sheets: Mapped[int] = mapped_column(Integer, default=1)
    ok: Mapped[bool] = mapped_column(Boolean, default=True)


class PolicyRule(Base):
    """A support-policy rule (data, because the city changes it): rate, cap and cap period."""

    __tablename__ = "policy_rule"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    daily_rate_vnd: Mapped[int] = mapped_column(Integer)
    cap_vnd: Mapped[int] = mapped_column(Integer)
    cap_period: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(Text, default="")
    # The most of cap_vnd per cap period that pays members' daily amounts (the rest funds
    # telecom, stationery…); None = the whole cap. A reading of the source, hence the note
    # and whether it has been checked against the full text.
    member_share_vnd: Mapped[int | None] = mapped_column(Integer, nullable=True)
    member_share_note: Mapped[str] = mapped_column(Text, default="")
    member_share_verified: Mapped[bool] = mapped_column(Boolean, default=False)


class Place(Base):
    """Commune-level units and villages/residential groups, editable, with validity dates."""

    __tablename__ = "place"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    level: Mapped[str] = mapped_column(String(16))  # "commune" or "village"
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16), default="")  # xã / phường / đặc khu / thôn / TDP
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("place.id"))
    former_names: Mapped[str] = mapped_column(String(400), default="")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    parent: Mapped[Place | None] = relationship(remote_side=[id])


class ScamCheckCount(Base):
    """How many scam checks of one kind were made on one local day: a count and nothing else.

    No message text, no phone number, no time of day (issue #23: the scam check never stores
    the message). Stays on this machine; the staff report shows it for the commune police.
    """

    __tablename__ = "scam_check_count"
    __table_args__ = (UniqueConstraint("day", "kind", name="uq_scam_check_day_kind"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(40))
    count: Mapped[int] = mapped_column(Integer, default=0)


class ResumeCode(Base):
    """A short code that brings a citizen back to a step of a tutorial or practice.

    Only the code, what it opens (kind, content id, 0-based position) and when it was made
    and ends: nothing about the person (issue #22 item 4). The code is the key, so a code is
    never handed out twice while its row exists. The table stays on this machine: it is in
    no bundle and no sync batch (a code works "at this help point"); expired rows are
    deleted by the start-up data chores (kiosk.resume.purge_expired).
    """

    __tablename__ = "resume_code"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    content_id: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class HomeVisit(IdentityColumns, Base):
    """A request for the mobile team to visit a citizen at home (issue #23 item 5).

    Who to visit is a name or a household description ("bà cụ sống một mình cạnh nhà văn
    hoá"); a phone number is kept only with the citizen's consent (``phone_consent_at`` and a
    purpose), and both are erased after the contact retention period like an assistance
    record's contact (kiosk.assistance.purge_expired_contacts). Done creates an assistance
    record with channel "home_visit" (``assistance_uuid``). Travels in USB bundles between the
    help point and the mobile laptop: merged by uuid, the newer ``updated_at`` wins; a
    cancelled request is soft-deleted (``deleted_at``) so the cancellation travels too.
    """

    __tablename__ = "home_visit"
    __table_args__ = (Index("ix_home_visit_status_village", "status", "village"),)
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    device_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime] = mapped_column(index=True)
    created_by: Mapped[str] = mapped_column(String(36))
    commune: Mapped[str] = mapped_column(String(80), default="")
    village: Mapped[str] = mapped_column(String(80))
    household: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    phone_consent_at: Mapped[datetime | None]
    phone_consent_purpose: Mapped[str | None] = mapped_column(String(200))
    service_code: Mapped[str] = mapped_column(String(32))
    needs: Mapped[str] = mapped_column(String(200), default="")
    best_time: Mapped[str] = mapped_column(String(80), default="")
    status: Mapped[str] = mapped_column(String(16), default="open")
    assigned_to: Mapped[str | None] = mapped_column(String(36))
    assigned_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    assistance_uuid: Mapped[str | None] = mapped_column(String(36))
    deleted_at: Mapped[datetime | None]
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
