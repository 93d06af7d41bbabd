"""Demo data for training and for showing the staff reports: ``help-kiosk demo-data``.

It fills a data dir with believable days at a help point — assistance records, queue
tickets, tutorial runs, volunteers' active days — all marked ``is_demo`` so every report and
export says "CÓ DỮ LIỆU MẪU". It refuses to touch a data dir that already holds real
(non-demo) records or tickets: mixing the two would spoil a real report.

The generator is a seeded ``random.Random``: the same seed, days and clock give the same
data. Rows are inserted in bulk (one transaction per kind) because hundreds of ORM objects
one by one would take seconds on an old help-point PC.

Demo volunteers are named "Tình nguyện viên …". The ``volunteer`` table has no ``is_demo``
column, so they are recognised by :data:`DEMO_PIN_HASH`, a value that is not an argon2
hash: nobody can sign in as a demo volunteer. Villages come from
``resources/lists/villages.toml`` when it is there. Contact details in demo records are
obviously fake (phone numbers 0900 000 xxx) and carry a recorded consent, so the
``--include-contacts`` path can be shown too.
"""

from __future__ import annotations

import logging
import random
import tomllib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from db.models import ActivityDay, Assistance, Service, Ticket, TutorialEvent, Volunteer
from kiosk import audit
from kiosk.assistance import AGE_BANDS, CHANNELS, GENDERS, OUTCOMES
from kiosk.clock import local_day, local_midnight_utc, to_local
from kiosk.errors import KioskError
from kiosk.identity import stamp
from kiosk.paths import resource_path
from kiosk.queue import seed_default_services
from kiosk.store import Store

log = logging.getLogger(__name__)

DEMO_PIN_HASH = "!demo-volunteer-no-pin"
DEMO_NAMES = ("Hùng", "Lan", "Minh", "Trang", "Phúc", "Hoa", "Dũng", "Thảo", "Quang")
DEFAULT_VILLAGES = ("Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 5", "Thôn An Trạch",
                    "Thôn Phú Sơn")
FALLBACK_TUTORIALS = (("vneid-install", 7), ("vneid-activate", 8), ("vneid-level2", 6),
                      ("vneid-forgot", 7), ("dvc-login", 6))
OPEN_FROM = time(7, 30)
OPEN_TO = time(17, 0)
# Rough shape of a help point's week: who comes, how it ends, how satisfied they are.
OUTCOME_WEIGHTS = {"done": 72, "partial": 13, "follow_up": 9, "referred": 6}
CHANNEL_WEIGHTS = {"help_point": 78, "home_visit": 14, "phone": 8}
AGE_WEIGHTS = {"<18": 3, "18-39": 14, "40-59": 30, "60-74": 36, "75+": 17}
GENDER_WEIGHTS = {"nam": 45, "nu": 54, "khac": 1}
SATISFACTION_WEIGHTS = {None: 30, 3: 6, 4: 24, 5: 40}


class DemoRefused(KioskError):
    """The data dir holds real records; the message says so in Vietnamese."""


@dataclass(frozen=True)
class DemoSummary:
    days: int
    volunteers: int
    records: int
    tickets: int
    tutorial_events: int
    activity_days: int


def has_real_records(store: Store) -> bool:
    """True when any non-demo assistance record (even deleted) or ticket exists."""
    with store.read() as s:
        real_records = s.scalar(select(func.count()).select_from(Assistance)
                                .where(Assistance.is_demo.is_(False)))
        real_tickets = s.scalar(select(func.count()).select_from(Ticket)
                                .where(Ticket.is_demo.is_(False)))
    return bool(real_records or real_tickets)


def load_village_names(path: Path | None = None) -> list[tuple[str, str]]:
    """(commune, village) pairs from ``villages.toml`` (``[[village]]`` tables), if present."""
    path = path or resource_path("lists", "villages.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return []
    out = []
    for v in data.get("village", []):
        if isinstance(v, dict) and isinstance(v.get("name"), str) and v["name"].strip():
            out.append((str(v.get("commune", "")).strip(), v["name"].strip()))
    return out


def _tutorials() -> list[tuple[str, int]]:
    try:
        from kiosk.content.loader import load_catalogue

        cat = load_catalogue([resource_path("tutorials")])
        found = [(t.id, len(t.steps)) for t in cat.tutorials if t.steps]
    except Exception:  # content problems must never stop a demo
        log.warning("tutorial catalogue not readable; demo uses built-in tutorial ids")
        found = []
    return found or list(FALLBACK_TUTORIALS)


def _practices() -> list[tuple[str, int]]:
    """(tutorial id, screens) of the shipped practices ("Tập thử"); [] if unreadable."""
    try:
        from kiosk.content.loader import load_catalogue

        cat = load_catalogue([resource_path("tutorials")])
        return [(t.id, len(t.practice.screens)) for t in cat.tutorials if t.practice]
    except Exception:  # content problems must never stop a demo
        log.warning("tutorial catalogue not readable; demo has no practice runs")
        return []


def _practice_events(rng: random.Random, new_uuid: Any, practices: list[tuple[str, int]],
                     starts: list[datetime], base: dict[str, Any]) -> list[dict[str, Any]]:
    """Believable practice runs: most finish, some leave midway; wrong touches gather on
    one screen per practice (the one the dashboard then names)."""
    out: list[dict[str, Any]] = []
    for at in starts:
        tid, screens = rng.choice(practices)
        hard = 1 + sum(ord(c) for c in tid) % screens  # the same screen every run
        run = new_uuid()

        def event(kind: str, step: int | None, when: datetime, tid: str = tid,
                  run: str = run) -> dict[str, Any]:
            return dict(uuid=new_uuid(), **base, at=when, run_id=run, tutorial_id=tid,
                        kind=kind, step=step, is_demo=True)

        out.append(event("practice_open", None, at))
        reach = screens if rng.random() < 0.7 else rng.randint(1, screens)
        for screen in range(1, reach + 1):
            at += timedelta(seconds=rng.randint(15, 90))
            wrong = rng.random() < (0.6 if screen == hard else 0.12)
            for _ in range(rng.randint(1, 2) if wrong else 0):
                out.append(event("practice_wrong", screen, at))
        done = reach == screens
        out.append(event("practice_done" if done else "practice_left",
                         screens if done else reach, at + timedelta(seconds=20)))
    return out


def _pick(rng: random.Random, weights: dict[Any, int], allowed: Sequence[Any] | None = None
          ) -> Any:
    keys = [k for k in weights if allowed is None or k is None or k in allowed]
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _utc(day: date, at: time) -> datetime:
    """Naive UTC of a local wall-clock time on ``day``."""
    return local_midnight_utc(day) + timedelta(hours=at.hour, minutes=at.minute)


def _ensure_services(store: Store) -> list[tuple[str, str]]:
    """(code, prefix) of enabled services, seeding the shipped list into an empty table."""
    seed_default_services(store)
    with store.read() as s:
        return [(c, p) for c, p in s.execute(
            select(Service.code, Service.prefix).where(Service.enabled.is_(True))
            .order_by(Service.sort, Service.prefix))]


def _ensure_volunteers(store: Store, count: int, now: datetime) -> list[str]:
    names = [f"Tình nguyện viên {n}" for n in DEMO_NAMES[:count]]
    with store.write() as s:
        existing = {name: u for name, u in s.execute(
            select(Volunteer.display_name, Volunteer.uuid)
            .where(Volunteer.pin_hash == DEMO_PIN_HASH))}
        for name in names:
            if name not in existing:
                v = Volunteer(display_name=name, role="volunteer", pin_hash=DEMO_PIN_HASH,
                              active=True, created_at=now)
                s.add(v)
                s.flush()
                existing[name] = v.uuid
    return [existing[n] for n in names]


def generate_demo(store: Store, days: int, per_day: int, *, seed: int = 2026,
                  commune: str = "", actor_name: str = "system",
                  villages: Sequence[tuple[str, str]] | None = None) -> DemoSummary:
    """Add ``days`` days (ending today, local) of ``per_day`` demo records each.

    Raises :class:`DemoRefused` when real records exist and ``ValueError`` for silly sizes.
    """
    if not 1 <= days <= 3660:
        raise ValueError("Số ngày phải từ 1 đến 3660.")
    if not 0 <= per_day <= 500:
        raise ValueError("Số bản ghi mỗi ngày phải từ 0 đến 500.")
    if has_real_records(store):
        raise DemoRefused("Thư mục dữ liệu này đã có bản ghi thật. Không tạo dữ liệu mẫu ở đây, "
                          "để báo cáo thật không bị lẫn số liệu mẫu. Hãy dùng một thư mục dữ "
                          "liệu khác (--data-dir).",
                          en="This data folder already has real records. No demo data is made "
                             "here, so real reports never mix with demo figures. Use another "
                             "data folder (--data-dir).")
    rng = random.Random(seed)
    now = store.clock.now()
    today = local_day(now)
    services = _ensure_services(store)
    if not services:
        raise DemoRefused("Chưa có dịch vụ nào đang mở. Hãy bật ít nhất một dịch vụ rồi chạy lại.",
                          en="No service is open. Turn on at least one service, then run it "
                             "again.")
    team = _ensure_volunteers(store, 7, now)
    places = list(villages) if villages is not None else load_village_names()
    if not places:
        places = [(commune, v) for v in DEFAULT_VILLAGES]
    tutorials = _tutorials()

    # UUIDs come from their own stream, seeded also by this dir's device and what is already
    # there: a second run with the same seed must not reuse the first run's ids.
    with store.read() as s:
        existing = s.scalar(select(func.count()).select_from(Assistance)) or 0
    id_rng = random.Random(f"{seed}:{store.device_id}:{existing}")
    ident = stamp(store)  # demo rows belong to this kiosk's team like real ones

    def new_uuid() -> str:
        return str(uuid.UUID(int=id_rng.getrandbits(128), version=4))

    with store.read() as s:
        last_numbers = {(d, p): n for d, p, n in s.execute(
            select(Ticket.day, Ticket.prefix, func.max(Ticket.number))
            .where(Ticket.day > today - timedelta(days=days))
            .group_by(Ticket.day, Ticket.prefix))}
        known_activity = set(s.execute(
            select(ActivityDay.volunteer_uuid, ActivityDay.day, ActivityDay.source)
            .where(ActivityDay.day > today - timedelta(days=days))).tuples())

    full_day = (OPEN_TO.hour * 60 + OPEN_TO.minute) - (OPEN_FROM.hour * 60 + OPEN_FROM.minute)
    local_now = to_local(now)
    minutes_open_now = (local_now.hour * 60 + local_now.minute
                        - (OPEN_FROM.hour * 60 + OPEN_FROM.minute) - 40)
    service_weights = [max(1, 6 - 2 * i) for i in range(len(services))]
    records: list[dict[str, Any]] = []
    tickets: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    activity: list[dict[str, Any]] = []
    for back in range(days - 1, -1, -1):
        day = today - timedelta(days=back)
        on_duty = rng.sample(team, k=rng.randint(2, 4))
        open_minutes = full_day
        if day == today:  # today: only up to now (at least half an hour, for tiny clocks)
            open_minutes = min(full_day, max(30, minutes_open_now))
        starts = sorted(rng.randrange(open_minutes) for _ in range(per_day))
        numbers = {p: last_numbers.get((day, p), 0) for _c, p in services}
        helpers_today: set[str] = set()
        for minute in starts:
            started = _utc(day, OPEN_FROM) + timedelta(minutes=minute)
            ended = started + timedelta(minutes=rng.randint(6, 35))
            code, prefix = rng.choices(services, weights=service_weights)[0]
            codes = [code]
            if rng.random() < 0.12:
                extra = rng.choice(services)[0]
                if extra != code:
                    codes.append(extra)
            helpers = rng.sample(on_duty, k=2 if rng.random() < 0.15 else 1)
            helpers_today.update(helpers)
            channel = _pick(rng, CHANNEL_WEIGHTS, CHANNELS)
            outcome = _pick(rng, OUTCOME_WEIGHTS, OUTCOMES)
            satisfaction = _pick(rng, SATISFACTION_WEIGHTS)
            place_commune, village = rng.choice(places)
            ticket_uuid = None
            if channel == "help_point" and rng.random() < 0.8:
                numbers[prefix] += 1
                ticket_uuid = new_uuid()
                issued = started - timedelta(minutes=rng.randint(1, 25))
                tickets.append(dict(
                    uuid=ticket_uuid, device_id=store.device_id, **ident, day=day, prefix=prefix,
                    number=numbers[prefix], service_code=code, status="done",
                    issued_at=issued, called_at=started, desk=rng.randint(1, 2), recalls=0,
                    finished_at=ended, satisfaction=satisfaction, tutorial_id=None,
                    tutorial_step=None, is_demo=True))
            with_contact = outcome == "follow_up" or rng.random() < 0.05
            n = len(records) + 1
            records.append(dict(
                uuid=new_uuid(), device_id=store.device_id, **ident,
                created_at=ended, updated_at=ended,
                started_at=started, ended_at=ended, volunteer_uuids=helpers, services=codes,
                tutorial_id=rng.choice(tutorials)[0] if rng.random() < 0.4 else None,
                ticket_uuid=ticket_uuid, outcome=outcome, channel=channel,
                commune=place_commune or commune, village=village,
                age_band=_pick(rng, AGE_WEIGHTS, AGE_BANDS),
                gender=_pick(rng, GENDER_WEIGHTS, GENDERS), ethnic_group=None,
                ethnic_consent_at=None, first_visit=rng.random() < 0.55,
                satisfaction=satisfaction,
                note="Dữ liệu mẫu: hẹn quay lại khi có tin nhắn." if with_contact else "",
                contact_name=f"Công dân mẫu {n}" if with_contact else None,
                contact_phone=f"0900{n % 1000000:06d}" if with_contact else None,
                contact_consent_at=started if with_contact else None,
                contact_consent_purpose="Liên hệ lại về lần hỗ trợ này" if with_contact
                else None, deleted_at=None, is_demo=True))
        # A few people take a number and leave before being called.
        for _ in range(rng.randint(0, max(1, per_day // 8))):
            code, prefix = rng.choice(services)
            numbers[prefix] += 1
            issued = _utc(day, OPEN_FROM) + timedelta(minutes=rng.randrange(open_minutes))
            tickets.append(dict(
                uuid=new_uuid(), device_id=store.device_id, **ident, day=day, prefix=prefix,
                number=numbers[prefix], service_code=code, status="no_show", issued_at=issued,
                called_at=issued + timedelta(minutes=rng.randint(5, 30)), desk=1, recalls=2,
                finished_at=None, satisfaction=None, tutorial_id=None, tutorial_step=None,
                is_demo=True))
        # Citizens using the tutorials on the kiosk by themselves.
        for _ in range(max(1, round(per_day * rng.uniform(0.5, 1.0)))):
            tid, steps = rng.choice(tutorials)
            run = new_uuid()
            at = _utc(day, OPEN_FROM) + timedelta(minutes=rng.randrange(open_minutes))
            events.append(dict(uuid=new_uuid(), device_id=store.device_id, **ident,
                               at=at, run_id=run,
                               tutorial_id=tid, kind="opened", step=None, is_demo=True))
            reach = steps if rng.random() < 0.55 else rng.randint(1, steps)
            for step in range(1, reach + 1):
                at += timedelta(seconds=rng.randint(20, 120))
                events.append(dict(uuid=new_uuid(), device_id=store.device_id, **ident, at=at,
                                   run_id=run, tutorial_id=tid, kind="step", step=step,
                                   is_demo=True))
                if rng.random() < 0.04:
                    events.append(dict(uuid=new_uuid(), device_id=store.device_id, **ident, at=at,
                                       run_id=run, tutorial_id=tid, kind="ask", step=step,
                                       is_demo=True))
            kind = "finished" if reach == steps and rng.random() < 0.9 else "abandoned"
            events.append(dict(uuid=new_uuid(), device_id=store.device_id, **ident,
                               at=at + timedelta(seconds=30), run_id=run, tutorial_id=tid,
                               kind=kind, step=reach, is_demo=True))
        for v in on_duty:
            sources = ["ticket"] + (["record"] if v in helpers_today else [])
            for source in sources:
                if (v, day, source) not in known_activity:
                    activity.append(dict(uuid=new_uuid(), **ident, volunteer_uuid=v, day=day,
                                         source=source, is_demo=True))

    # Practices ("Tập thử") on their own random streams, so the rows above stay what the same
    # seed always made.
    practices = _practices()
    if practices:
        p_rng = random.Random(f"{seed}:practice")
        p_ids = random.Random(f"{seed}:{store.device_id}:{existing}:practice")

        def practice_uuid() -> str:
            return str(uuid.UUID(int=p_ids.getrandbits(128), version=4))

        practice_starts = [_utc(today - timedelta(days=back), OPEN_FROM)
                  + timedelta(minutes=p_rng.randrange(full_day if back else
                                                      max(30, min(full_day, minutes_open_now))))
                  for back in range(days - 1, -1, -1)
                  for _ in range(p_rng.randint(1, max(1, per_day // 3)))]
        events += _practice_events(p_rng, practice_uuid, practices, practice_starts,
                                   dict(device_id=store.device_id, **ident))

    with store.write() as s:
        if tickets:
            s.execute(insert(Ticket), tickets)
        if records:
            s.execute(insert(Assistance), records)
        if events:
            s.execute(insert(TutorialEvent), events)
        if activity:
            s.execute(insert(ActivityDay), activity)
        audit.record(s, store, actor_name, "demo.generate", days=days, records=len(records),
                     tickets=len(tickets), tutorial_events=len(events),
                     activity_days=len(activity))
    log.info("demo data: %d records over %d days", len(records), days)
    return DemoSummary(days=days, volunteers=len(team), records=len(records),
                       tickets=len(tickets), tutorial_events=len(events),
                       activity_days=len(activity))


def is_demo_volunteer(pin_hash: str) -> bool:
    return pin_hash == DEMO_PIN_HASH


def demo_data_present(store: Store) -> bool:
    """Whether any demo row exists (the staff screen shows a banner then)."""
    with store.read() as s:
        return bool(s.scalar(select(func.count()).select_from(Assistance).where(
            Assistance.is_demo.is_(True))))
