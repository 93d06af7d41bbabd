"""What officers see on the hub: scopes, figures, health. Role checks happen here.

Every page asks this module, never the database directly, and every method takes the
signed-in :class:`~hub.accounts.Officer` first: a commune officer asking for another
commune's help point is refused (and audited) here, whatever the template or URL says.

Figures are :func:`kiosk.reports.figures.figures_from`, the kiosk dashboard's own code, run
on the hub's copy of the records with a :class:`~kiosk.reports.figures.FigureScope`; the
queue, tutorial and print parts come from the ``daily_count`` rows the kiosks send
(:func:`hub_counts`), since tickets and tutorial events never leave the help point.
"""

from __future__ import annotations

import functools
import logging
import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Date, Integer, String, column, func, select, table
from sqlalchemy.orm import Session

from db.models import Assistance
from hub.accounts import AccessDenied, AccountService, Officer
from hub.context import HubContext
from hub.models import DailyCount, Device
from kiosk.paths import resource_path
from kiosk.queue import QueueFigures
from kiosk.reports.figures import (
    CountFigures,
    Figures,
    FigureScope,
    TutorialFigures,
    figures_from,
    tutorial_titles,
)
from kiosk.reports.periods import Period

log = logging.getLogger(__name__)

SILENT_AFTER = timedelta(days=3)
#: The daily summary view per help point (hub migration h0004_web_views).
DAILY_HELP_POINT = table("hub_daily_help_point", column("day", Date()),
                         column("commune_code", String()), column("help_point_id", String()),
                         column("team_id", String()), column("people", Integer()))


class NotFound(Exception):
    """No such help point or commune on this hub (HTTP 404)."""


@dataclass(frozen=True)
class Scope:
    """What a page shows: ``city``, one ``commune`` (key = its code) or one ``help_point``
    (key = its help point id)."""

    kind: str
    key: str
    label: str
    commune_code: str = ""

    @property
    def figure_scope(self) -> FigureScope | None:
        if self.kind == "help_point":
            return FigureScope(help_point_ids=(self.key,))
        if self.kind == "commune":
            return FigureScope(commune_codes=(self.key,))
        return None

    @property
    def path(self) -> str:
        if self.kind == "help_point":
            return f"/help-point/{self.key}"
        if self.kind == "commune":
            return f"/commune/{self.key}"
        return "/city"


@dataclass(frozen=True)
class HealthRow:
    help_point_id: str
    name: str
    commune_code: str
    device_id: str
    last_seen_at: datetime | None
    silent_for: timedelta | None  # None = never synced
    app_version: str
    content_version: str
    printer_ok: bool | None
    voice_ok: bool | None
    outbox_waiting: int | None
    revoked: bool

    @property
    def never_synced(self) -> bool:
        return self.last_seen_at is None

    @property
    def red(self) -> bool:
        """Silent for more than three days, or never synced: someone should call."""
        return not self.revoked and (self.silent_for is None or self.silent_for > SILENT_AFTER)


@dataclass(frozen=True)
class PlaceRow:
    """A commune or help point in a list, with its people helped in the period."""

    key: str
    label: str
    people: int
    path: str


@functools.lru_cache(maxsize=1)
def commune_names() -> dict[str, str]:
    """Official code → name from ``resources/lists/communes-danang.toml`` (units that carry a
    ``code``); {} when the list has no codes yet."""
    try:
        data = tomllib.loads(resource_path("lists", "communes-danang.toml").read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    out = {}
    for unit in data.get("unit", []):
        if isinstance(unit, dict) and unit.get("code") and unit.get("name"):
            out[str(unit["code"])] = f"{unit.get('kind', '')} {unit['name']}".strip()
    return out


def commune_label(code: str, names: dict[str, str] | None = None) -> str:
    name = (names if names is not None else dict(commune_names())).get(code)
    if name:
        return f"{name[0].upper()}{name[1:]} ({code})"
    return f"Xã/phường mã {code}" if code else "Chưa rõ xã/phường"


def hub_counts(s: Any, period: Period, titles: Any, scope: FigureScope | None) -> CountFigures:
    """Queue, tutorial and print figures from the daily counts the kiosks sent."""
    where = scope.conditions(DailyCount) if scope is not None else []
    row = s.execute(select(
        func.coalesce(func.sum(DailyCount.tickets_issued), 0),
        func.coalesce(func.sum(DailyCount.tickets_served), 0),
        func.coalesce(func.sum(DailyCount.no_shows), 0),
        func.coalesce(func.sum(DailyCount.tutorials_opened), 0),
        func.coalesce(func.sum(DailyCount.tutorials_finished), 0),
        func.coalesce(func.sum(DailyCount.sheets_printed), 0),
    ).where(DailyCount.day >= period.start, DailyCount.day <= period.end, *where)).one()
    issued, served, no_shows, opened, finished, sheets = (int(v) for v in row)
    queue = QueueFigures(start_day=period.start, end_day=period.end, tickets=issued,
                         served=served, no_shows=no_shows, cancelled=0, not_finished=0,
                         by_service=(), median_wait_minutes=None, p90_wait_minutes=None,
                         median_service_minutes=None)
    tutorials = (TutorialFigures(
        tutorial_id="", title="Tất cả bài hướng dẫn", opened=opened, finished=finished,
        completion_rate=(finished / opened) if opened else 0.0, stop_step=None,
        stopped_runs=max(0, opened - finished), asks=0),) if opened or finished else ()
    return CountFigures(queue=queue, tutorials=tutorials,
                        printed_by_tutorial={"": sheets} if sheets else {})


class HubReports:
    """Scopes, figures and health for one hub, with the role rules applied."""

    def __init__(self, hub: HubContext, accounts: AccountService) -> None:
        self.hub = hub
        self.accounts = accounts
        self._titles: dict[str, str] | None = None

    def titles(self) -> dict[str, str]:
        if self._titles is None:
            self._titles = tutorial_titles()
        return self._titles

    # ------------------------------------------------------------ scopes

    def home_scope(self, officer: Officer) -> Scope:
        if officer.sees_all_communes:
            return self.scope(officer, "city", "")
        return self.scope(officer, "commune", officer.commune_code)

    def scope(self, officer: Officer, kind: str, key: str) -> Scope:
        """The scope asked for, if this officer may see it; else AccessDenied (audited)."""
        if kind == "city":
            self.accounts.require_city(officer, "city")
            return Scope("city", "", "Toàn thành phố")
        if kind == "commune":
            if not (key.isdigit() and len(key) <= 8):
                raise NotFound(key)
            self.accounts.require_commune(officer, key, "commune")
            return Scope("commune", key, commune_label(key), key)
        if kind == "help_point":
            with self.hub.sessions() as s:
                device = s.scalars(select(Device).where(
                    (Device.help_point_id == key) | (Device.device_id == key))
                    .order_by(Device.paired_at.desc())).first()
                commune = device.commune_code if device is not None else s.scalar(
                    select(Assistance.commune_code).where(Assistance.help_point_id == key)
                    .limit(1))
            if device is None and commune is None:
                # Unknown ids are refused like other communes' for a commune officer, so
                # the answer never tells which help points exist elsewhere.
                if not officer.sees_all_communes:
                    self.accounts.require_commune(officer, "?", "help_point")
                raise NotFound(key)
            self.accounts.require_commune(officer, commune or "", "help_point")
            name = device.help_point_name if device is not None else key[:8]
            return Scope("help_point", key, name, commune or "")
        raise NotFound(kind)

    # ------------------------------------------------------------ figures

    def figures(self, officer: Officer, scope: Scope, period: Period) -> Figures:
        self._recheck(officer, scope)
        with self.hub.sessions() as s:
            return figures_from(s, period, self.titles(), scope.figure_scope, hub_counts)

    def _recheck(self, officer: Officer, scope: Scope) -> None:
        if scope.kind == "city":
            self.accounts.require_city(officer, "city")
        elif not officer.may_see_commune(scope.commune_code):
            self.accounts.require_commune(officer, scope.commune_code, scope.kind)

    def unverified_records(self, officer: Officer, scope: Scope, period: Period) -> int:
        """Records in the scope that came from an old unsigned bundle (0 until the column
        exists)."""
        self._recheck(officer, scope)
        col = getattr(Assistance, "unverified", None)
        if col is None:
            return 0
        utc_from, utc_to = period.utc_bounds()
        fs = scope.figure_scope
        with self.hub.sessions() as s:
            return int(s.scalar(select(func.count()).select_from(Assistance).where(
                col.is_(True), Assistance.deleted_at.is_(None),
                Assistance.started_at >= utc_from, Assistance.started_at < utc_to,
                *(fs.conditions(Assistance) if fs else []))) or 0)

    def places(self, officer: Officer, scope: Scope, period: Period) -> list[PlaceRow]:
        """The communes of the city, or the help points of a commune, with people helped."""
        self._recheck(officer, scope)
        if scope.kind == "help_point":
            return []
        # The daily summary view (migration h0004) is what a BI tool reads too.
        v = DAILY_HELP_POINT.c
        in_period = (v.day >= period.start, v.day <= period.end)
        with self.hub.sessions() as s:
            if scope.kind == "city":
                people = dict(s.execute(select(v.commune_code, func.sum(v.people))
                                        .where(*in_period)
                                        .group_by(v.commune_code)).tuples().all())
                codes = set(people) | set(s.scalars(select(Device.commune_code).distinct()))
                names = commune_names()
                return sorted((PlaceRow(c, commune_label(c, names), int(people.get(c) or 0),
                                        f"/commune/{c}") for c in codes if c),
                              key=lambda r: (-r.people, r.label))
            people = dict(s.execute(select(v.help_point_id, func.sum(v.people))
                                    .where(*in_period, v.commune_code == scope.key)
                                    .group_by(v.help_point_id)).tuples().all())
            devices = {d.help_point_id or d.device_id: d.help_point_name for d in s.scalars(
                select(Device).where(Device.commune_code == scope.key))}
        keys = set(people) | set(devices)
        return sorted((PlaceRow(k, devices.get(k, f"Điểm {k[:8]}"), int(people.get(k) or 0),
                                f"/help-point/{k}") for k in keys if k),
                      key=lambda r: (-r.people, r.label))

    # ------------------------------------------------------------ health

    def health(self, officer: Officer, scope: Scope) -> list[HealthRow]:
        """Every paired device in the scope, the one silent longest first."""
        self._recheck(officer, scope)
        now = self.hub.clock.now()
        with self.hub.sessions() as s:
            q = select(Device)
            if scope.kind == "commune":
                q = q.where(Device.commune_code == scope.key)
            elif scope.kind == "help_point":
                q = q.where((Device.help_point_id == scope.key)
                            | (Device.device_id == scope.key))
            rows = [_health_row(d, now) for d in s.scalars(q)]
        # Never synced first, then the longest silence; revoked devices last.
        rows.sort(key=lambda r: (r.revoked, r.silent_for is not None,
                                 -(r.silent_for.total_seconds() if r.silent_for else 0.0),
                                 r.name))
        return rows

    def devices(self, officer: Officer) -> list[HealthRow]:
        """Paired devices this officer may manage (pairing page)."""
        scope = self.home_scope(officer)
        return self.health(officer, scope)

    def device_commune(self, session: Session, device_id: str) -> str | None:
        device = session.get(Device, device_id)
        return device.commune_code if device is not None else None


def _health_row(d: Device, now: datetime) -> HealthRow:
    status = d.last_status if isinstance(d.last_status, dict) else {}

    def flag(key: str) -> bool | None:
        value = status.get(key)
        return value if isinstance(value, bool) else None

    waiting = status.get("outbox_waiting")
    return HealthRow(
        help_point_id=d.help_point_id or d.device_id, name=d.help_point_name,
        commune_code=d.commune_code, device_id=d.device_id, last_seen_at=d.last_seen_at,
        silent_for=(now - d.last_seen_at) if d.last_seen_at else None,
        app_version=str(status.get("app_version") or d.app_version or ""),
        content_version=str(status.get("content_version") or ""),
        printer_ok=flag("printer_ok"), voice_ok=flag("voice_ok"),
        outbox_waiting=waiting if isinstance(waiting, int) else None,
        revoked=d.revoked_at is not None)


__all__ = ["AccessDenied", "HealthRow", "HubReports", "NotFound", "PlaceRow", "Scope"]
