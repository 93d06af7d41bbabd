"""The hub's own tables, on their own declarative base (``HubBase``).

The kiosk tables the hub stores (assistance, activity_day, volunteer, service, policy_rule,
place) come from :mod:`db.models` unchanged, so the kiosk's figures and exports run on the
hub's database as they are. The tables here are what only a hub has: paired devices, pairing
codes, the ingest log, the hub's key/value facts and each help point's daily counts. The web
front end adds its tables (accounts, sessions, audit, content packs) on the same ``HubBase``.

No personal data lives here: a device row is a help point's name and public keys; the ingest
log holds ids, counts and refusal codes, never record contents.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class HubBase(DeclarativeBase):
    type_annotation_map = {datetime: DateTime(timezone=False)}


class HubMeta(HubBase):
    """Key/value facts about this hub (hub id, hub name)."""

    __tablename__ = "hub_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(256))


class Device(HubBase):
    """A paired kiosk (or mobile-team laptop): its public keys, its help point and commune.

    ``revoked_at`` set = every later batch and request from it is refused.
    """

    __tablename__ = "device"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    verify_key: Mapped[str] = mapped_column(String(64))  # Ed25519 public key, base64
    box_public: Mapped[str] = mapped_column(String(64))  # X25519 public key, base64
    help_point_name: Mapped[str] = mapped_column(String(120))
    commune_code: Mapped[str] = mapped_column(String(8), index=True)
    help_point_id: Mapped[str] = mapped_column(String(36), default="")
    team_id: Mapped[str] = mapped_column(String(36), default="")
    app_version: Mapped[str] = mapped_column(String(32), default="")
    paired_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    last_seen_at: Mapped[datetime | None]
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)  # a batch's seq is < 2^53
    #: The kiosk's last reported status (app/content version, printer, voice, outbox size).
    last_status: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)


class PairingCode(HubBase):
    """A one-time pairing code, stored only as a salted hash (see :mod:`hub.pairing`)."""

    __tablename__ = "pairing_code"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(128), unique=True)
    commune_code: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by: Mapped[str | None] = mapped_column(String(36))  # device_id
    # The team the device joins ("" = it keeps its own): see hub.pairing.create_code.
    team_id: Mapped[str] = mapped_column(String(36), default="", server_default="")


class IngestLog(HubBase):
    """One row per batch received, accepted or refused. Ids, counts and codes only."""

    __tablename__ = "ingest_log"
    __table_args__ = (Index("ix_ingest_log_device_seq", "device_id", "seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    received_at: Mapped[datetime] = mapped_column(index=True)
    device_id: Mapped[str] = mapped_column(String(36), default="")  # "" when unreadable
    seq: Mapped[int | None] = mapped_column(BigInteger)
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)  # a refused 2 GB body too
    result: Mapped[str] = mapped_column(String(32))  # "accepted" or a BatchRefused code
    added: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")  # our own Vietnamese reason


class DailyCount(HubBase):
    """A help point's counts for one local day, as its kiosk last reported them.

    The kiosk sends whole-day totals, so the newest report for (help point, day) replaces
    the older one; a replayed older batch cannot lower a later count (``reported_at``).
    """

    __tablename__ = "daily_count"
    __table_args__ = (UniqueConstraint("help_point_id", "day", name="uq_daily_count"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    help_point_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    team_id: Mapped[str] = mapped_column(String(36), default="")
    commune_code: Mapped[str] = mapped_column(String(8), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    reported_at: Mapped[datetime]
    tickets_issued: Mapped[int] = mapped_column(Integer, default=0)
    tickets_served: Mapped[int] = mapped_column(Integer, default=0)
    no_shows: Mapped[int] = mapped_column(Integer, default=0)
    tutorials_opened: Mapped[int] = mapped_column(Integer, default=0)
    tutorials_finished: Mapped[int] = mapped_column(Integer, default=0)
    sheets_printed: Mapped[int] = mapped_column(Integer, default=0)
    # Since h0006 (issue #21 item 2); 0 / empty from kiosks that do not send them yet.
    cancelled: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    not_finished: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    priority_tickets: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    priority_served: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: {"wait_histogram": [...], "tutorials": {id: {...}}, "scam_checks": {kind: n}}, as
    #: validated by kiosk.sync.merge; the dashboards read it through hub.summary.
    detail: Mapped[dict[str, object]] = mapped_column(JSON, default=dict, server_default="{}")
