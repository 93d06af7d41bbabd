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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from db.models import Assistance
from hub.accounts import AccessDenied, AccountService, Officer
from hub.context import HubContext
from hub.models import Device
from hub.summary import people_per_place, settle, summary_counts, summary_records
from kiosk.numbers import fmt_int
from kiosk.paths import resource_path
from kiosk.reports.figures import (
    Figures,
    FigureScope,
    figures_from,
    tutorial_titles,
)
from kiosk.reports.periods import Period

log = logging.getLogger(__name__)

SILENT_AFTER = timedelta(days=3)
@dataclass(frozen=True)
class ContentNames:
    """What the bundled content calls each numbered place the kiosks count, in one language:
    per tutorial its steps' titles, per practice its screens' headings, in order (the kiosk
    counts step ``n`` = ``steps[n - 1]``, ``ui/screens/step_player.py``, and a wrong touch on
    screen ``n`` = ``screens[n - 1]``, ``ui/screens/practice.py``)."""

    steps: dict[str, tuple[str, ...]]
    screens: dict[str, tuple[str, ...]]


def content_names(lang: str = "vi") -> ContentNames:
    """:class:`ContentNames` in ``lang`` (the Vietnamese where a text has no other); empty if
    the content cannot be read: the numbers still say which step or screen."""
    from kiosk.content.loader import load_catalogue

    loader_log = logging.getLogger("kiosk.content")
    level = loader_log.level
    loader_log.setLevel(logging.ERROR)  # content problems are `content check`'s business
    try:
        cat = load_catalogue([resource_path("tutorials")])
        return ContentNames(
            steps={t.id: tuple(st.title.get(lang) for st in t.steps) for t in cat.tutorials},
            screens={t.id: tuple(sc.heading.get(lang) for sc in t.practice.screens)
                     for t in cat.tutorials if t.practice is not None})
    except Exception:  # names are a help; the numbers still say which step or screen
        log.warning("step and screen names not available for the dashboards")
        return ContentNames({}, {})
    finally:
        loader_log.setLevel(level)


def _nth(names: Sequence[str], n: int) -> str:
    return names[n - 1] if 1 <= n <= len(names) else ""


def stop_step_text(step: int, names: Sequence[str], lang: str = "vi") -> str:
    """ "bước 3: Mở ứng dụng VNeID" / "step 3: …" for where unfinished runs stop most (read
    after its label "Hay dừng ở" / "Most stop at", as the kiosk's dashboard says "bước 3");
    "bước 3" where the hub's content lacks that step."""
    from hub.web.i18n import tr

    name = _nth(names, step)
    text = tr("bước {n}: {name}" if name else "bước {n}", lang)
    return text.replace("{n}", fmt_int(step, lang)).replace("{name}", name)


def wrong_screen_text(screen: int, times: int, names: Sequence[str], lang: str = "vi") -> str:
    """ "Màn hình 2: Nhập passcode (31 lần)" / "Screen 2: Enter the passcode (31 times)": an
    officer cannot tell what a bare screen number is. Without the screen's name (a practice
    the hub's content lacks, or a screen past its end) "Màn hình 2 (31 lần)"."""
    from hub.web.i18n import tr

    name = _nth(names, screen)
    text = tr("Màn hình {n}: {name} ({times} lần)" if name else "Màn hình {n} ({times} lần)",
              lang)
    return (text.replace("{n}", fmt_int(screen, lang)).replace("{times}", fmt_int(times, lang))
            .replace("{name}", name))


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


#: Queue, tutorial, print and scam-check figures from the kiosks' daily counts.
hub_counts = summary_counts


class HubReports:
    """Scopes, figures and health for one hub, with the role rules applied."""

    def __init__(self, hub: HubContext, accounts: AccountService) -> None:
        self.hub = hub
        self.accounts = accounts
        self._titles: dict[str, dict[str, str]] = {}
        self._names: dict[str, ContentNames] = {}

    def titles(self, lang: str = "vi") -> dict[str, str]:
        """Tutorial titles in ``lang`` (the Vietnamese title where a tutorial has no other)."""
        if lang not in self._titles:
            self._titles[lang] = tutorial_titles(lang)
        return self._titles[lang]

    def names(self, lang: str = "vi") -> ContentNames:
        """The content's step titles and screen headings in ``lang`` (read once)."""
        if lang not in self._names:
            self._names[lang] = content_names(lang)
        return self._names[lang]

    def wrong_screens(self, figures: Figures, lang: str = "vi") -> dict[str, str]:
        """Per practice id, its "screen most often wrong" in words of ``lang``
        (:func:`wrong_screen_text`)."""
        names = self.names(lang).screens
        return {p.tutorial_id: wrong_screen_text(p.most_wrong_screen, p.most_wrong_count,
                                                 names.get(p.tutorial_id, ()), lang)
                for p in figures.practices if p.most_wrong_screen is not None}

    def stop_steps(self, figures: Figures, lang: str = "vi") -> dict[str, str]:
        """Per tutorial id, the step most unfinished runs stop at, in words of ``lang``
        (:func:`stop_step_text`)."""
        names = self.names(lang).steps
        return {tu.tutorial_id: stop_step_text(tu.stop_step, names.get(tu.tutorial_id, ()),
                                               lang)
                for tu in figures.tutorials if tu.stop_step is not None}

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

    def figures(self, officer: Officer, scope: Scope, period: Period,
                lang: str = "vi") -> Figures:
        """The scope's figures, labelled in ``lang`` (the page's language)."""
        self._recheck(officer, scope)
        self._settle()
        with self.hub.sessions() as s:
            return figures_from(s, period, self.titles(lang), scope.figure_scope, hub_counts,
                                summary_records, lang=lang)

    def _settle(self) -> None:
        """Bring the communes' summary rows up to the latest batches (hub.summary.settle)."""
        try:
            with self.hub.transaction() as s:
                settle(s)
        except SQLAlchemyError:  # another page is settling the same rows: read them as they are
            log.warning("summary rows not settled now; the page shows them as they are")

    def _recheck(self, officer: Officer, scope: Scope) -> None:
        if scope.kind == "city":
            self.accounts.require_city(officer, "city")
        elif not officer.may_see_commune(scope.commune_code):
            self.accounts.require_commune(officer, scope.commune_code, scope.kind)

    def places(self, officer: Officer, scope: Scope, period: Period) -> list[PlaceRow]:
        """The communes of the city, or the help points of a commune, with people helped."""
        self._recheck(officer, scope)
        if scope.kind == "help_point":
            return []
        self._settle()
        # The summary rows (hub.summary), which the BI views read too.
        with self.hub.sessions() as s:
            if scope.kind == "city":
                people = people_per_place(s, period, "commune_code")
                codes = set(people) | set(s.scalars(select(Device.commune_code).distinct()))
                names = commune_names()
                return sorted((PlaceRow(c, commune_label(c, names), int(people.get(c) or 0),
                                        f"/commune/{c}") for c in codes if c),
                              key=lambda r: (-r.people, r.label))
            people = people_per_place(s, period, "help_point_id", commune_code=scope.key)
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
