"""The help point's queue: services, numbered tickets, desks calling, and queue figures.

Why it is built this way:

- Numbers restart each *local* day (Asia/Ho_Chi_Minh) per prefix: A001, A002 … B001.
  The next number is ``max(number) + 1`` for (day, prefix), read and written in ONE
  ``Store.write()`` transaction (BEGIN IMMEDIATE). So a restart continues the day, two desks or
  two processes never get the same ticket, and a clock that jumps backwards never repeats a
  number (the database's unique (day, prefix, number) constraint backs this up).
- Every mutation is one transaction; a bad request raises :class:`QueueError` (Vietnamese
  text for the screen) before anything is committed, so nothing changes.
- Citizens act without signing in (take a number, cancel it, rate the help); volunteers call and
  serve; only staff edit services. Role checks live here so the CLI and the GUI agree.
- Callers get frozen dataclasses (:class:`TicketInfo`, :class:`ServiceInfo`, ...), never ORM rows.

Thread: any. Calls block on the database; the GUI runs them on its database lane.
"""

from __future__ import annotations

import logging
import math
import re
import statistics
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Service, Ticket
from kiosk import audit
from kiosk.attendance import mark_active_in
from kiosk.auth import Actor, Role, require
from kiosk.bring import BringItem
from kiosk.clock import local_day, to_local
from kiosk.errors import KioskError
from kiosk.identity import columns_of, stamp
from kiosk.paths import resource_path
from kiosk.speech.pronounce import number_words, ticket_words
from kiosk.store import Store

log = logging.getLogger(__name__)

DEFAULT_MAX_RECALLS = 2
#: At most this many priority numbers are called in a row before one regular number (when a
#: regular one waits). The help point sets it as ``priority_every`` (1..10).
DEFAULT_PRIORITY_EVERY = 3
MAX_PRIORITY_EVERY = 10
#: How many of today's finished tickets of a service feed its "minutes per person" median.
RECENT_SERVICE_TIMES = 10
#: How many numbers the now-serving board lists as "recently called" and "next".
BOARD_LENGTH = 5

_CODE_RE = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
_PREFIX_RE = re.compile(r"^[A-Z]$")
_TUTORIAL_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class QueueError(KioskError):
    """A queue request that cannot be done. The message is Vietnamese and shown as is."""


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"  # called to a desk and being served there
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"

    def label(self, lang: str = "vi") -> str:
        """Words for a screen or a report: "Đang chờ", "Đang ở bàn", ..."""
        return _STATUS_WORDS[self][1 if lang == "en" else 0]


_STATUS_WORDS = {
    TicketStatus.WAITING: ("Đang chờ", "Waiting"),
    TicketStatus.CALLED: ("Đang ở bàn", "At a desk"),
    TicketStatus.DONE: ("Đã xong", "Done"),
    TicketStatus.NO_SHOW: ("Vắng mặt", "Did not come"),
    TicketStatus.CANCELLED: ("Đã hủy", "Cancelled"),
}


# -- plain values handed to callers ----------------------------------------------------------


@dataclass(frozen=True)
class ServiceInfo:
    """A kind of help the queue offers, as staff configured it."""

    code: str
    prefix: str
    name_vi: str
    name_en: str = ""
    icon: str = ""
    tutorials: tuple[str, ...] = ()
    desks: tuple[int, ...] = ()  # empty: every desk serves it
    avg_minutes: int = 10
    official_url: str = ""
    enabled: bool = True
    sort: int = 0

    def name(self, lang: str = "vi") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_vi


@dataclass(frozen=True)
class TicketInfo:
    """One queue number as a citizen, a volunteer or the display board sees it.

    ``ahead`` and ``wait_minutes`` are meaningful while the ticket is waiting (0 otherwise).
    ``issued_at`` is local time (Asia/Ho_Chi_Minh, timezone-aware).
    """

    uuid: str
    label: str
    prefix: str
    number: int
    day: date
    service_code: str
    service_name_vi: str
    service_name_en: str
    issued_at: datetime
    ahead: int
    wait_minutes: int
    desk: int | None
    status: TicketStatus
    official_url: str
    recalls: int
    tutorial_id: str | None
    tutorial_step: int | None
    priority: bool = False
    #: What to have ready (:func:`kiosk.bring.bring_items`); filled in where the content is
    #: known (the GUI's queue desk), empty from the queue service itself.
    bring: tuple[BringItem, ...] = ()
    #: The resume code (:mod:`kiosk.resume`) of a number taken with "Hỏi tình nguyện viên"
    #: midway through a tutorial or practice: printed on the ticket, so the citizen can come
    #: back to the same step another day. Not stored with the ticket.
    resume_code: str | None = None

    def service_name(self, lang: str = "vi") -> str:
        return self.service_name_en if lang == "en" and self.service_name_en else \
            self.service_name_vi

    def marked_label(self, lang: str = "vi") -> str:
        """The label with the priority mark, where a number is shown: "A005 ƯT" ("A005 P" in
        English); a regular number is just "A005". Letters, not a symbol: the bundled font
        has no star, and a thermal printer or the board must never show a blank box."""
        if not self.priority:
            return self.label
        return f"{self.label} {_PRIORITY_SHORT['en' if lang == 'en' else 'vi']}"


@dataclass(frozen=True)
class DeskNow:
    desk: int
    ticket: TicketInfo | None  # the number being served there, if any


@dataclass(frozen=True)
class NowServing:
    """What the display board shows: each desk, the last numbers called, the next ones."""

    desks: tuple[DeskNow, ...]
    recent: tuple[TicketInfo, ...]  # newest call first
    next_up: tuple[TicketInfo, ...]  # next to be called, in queue order
    waiting_count: int


_PRIORITY_SHORT = {"vi": "ƯT", "en": "P"}


def ticket_label(prefix: str, number: int) -> str:
    """"A", 5 → "A005" (as printed and shown; the voice says "A năm")."""
    return f"{prefix}{number:03d}"


def call_sentence(ticket: TicketInfo, desk: int | None = None, lang: str = "vi") -> str:
    """What the voice says when a number is called, in words (never digit by digit).

    ``call_sentence(A005, 1)`` → "Mời số A năm, đến bàn số một."
    English: "Number A five, please go to desk one."
    A priority number: "Mời số ưu tiên A năm, …" / "Priority number A five, …".
    """
    desk = desk if desk is not None else ticket.desk
    if desk is None:
        raise QueueError(f"Số {ticket.label} chưa được gọi đến bàn nào.",
                         en=f"Number {ticket.label} has not been called to a desk.")
    if lang == "en":
        return (f"{'Priority number' if ticket.priority else 'Number'} "
                f"{ticket_words(ticket.prefix, ticket.number, 'en')}, "
                f"please go to desk {number_words(desk, 'en')}.")
    return (f"Mời số {'ưu tiên ' if ticket.priority else ''}"
            f"{ticket_words(ticket.prefix, ticket.number)}, "
            f"đến bàn số {number_words(desk)}.")


# -- the service list (data file and checks) -------------------------------------------------


def service_problems(info: ServiceInfo, desk_count: int | None = None) -> list[str]:
    """Everything wrong with a service definition, in Vietnamese (empty list: fine)."""
    p: list[str] = []
    if not isinstance(info.code, str) or not _CODE_RE.match(info.code):
        p.append(f"Mã dịch vụ “{info.code}” không hợp lệ: dùng chữ thường không dấu, số và "
                 "dấu gạch ngang (tối đa 32 ký tự), ví dụ “vneid”.")
    if not isinstance(info.prefix, str) or not _PREFIX_RE.match(info.prefix):
        p.append(f"Chữ đầu số “{info.prefix}” không hợp lệ: phải là MỘT chữ cái in hoa "
                 "không dấu (A đến Z).")
    if not isinstance(info.name_vi, str) or not info.name_vi.strip() or len(info.name_vi) > 120:
        p.append("Tên tiếng Việt của dịch vụ phải có từ 1 đến 120 ký tự.")
    if not isinstance(info.name_en, str) or len(info.name_en) > 120:
        p.append("Tên tiếng Anh của dịch vụ dài quá 120 ký tự.")
    if not isinstance(info.icon, str) or len(info.icon) > 64:
        p.append("Tên biểu tượng dài quá 64 ký tự.")
    bad_tutorials = [t for t in info.tutorials
                     if not isinstance(t, str) or not _TUTORIAL_RE.match(t)]
    if bad_tutorials:
        p.append("Mã bài hướng dẫn không hợp lệ: " + ", ".join(map(str, bad_tutorials)))
    for d in info.desks:
        if isinstance(d, bool) or not isinstance(d, int) or d < 1:
            p.append(f"Số bàn “{d}” không hợp lệ: phải là số nguyên từ 1 trở lên.")
        elif desk_count is not None and d > desk_count:
            p.append(f"Không có bàn số {d}: điểm này có {desk_count} bàn.")
    if len(set(info.desks)) != len(info.desks):
        p.append("Danh sách bàn có số bị lặp lại.")
    avg = info.avg_minutes
    if isinstance(avg, bool) or not isinstance(avg, int) or not 1 <= avg <= 240:
        p.append("Thời gian trung bình cho một người phải từ 1 đến 240 phút.")
    url = info.official_url
    if not isinstance(url, str) or len(url) > 300 or (url and not url.startswith("https://")):
        p.append("Địa chỉ trang chính thức phải bắt đầu bằng “https://” (hoặc để trống).")
    if isinstance(info.sort, bool) or not isinstance(info.sort, int):
        p.append("Thứ tự hiển thị phải là số nguyên.")
    return p


def default_services_file() -> Path:
    return resource_path("lists", "services.toml")


def load_service_list(path: Path | None = None) -> list[ServiceInfo]:
    """Read and check a services TOML file (the shipped default set unless ``path`` is given).

    Raises QueueError naming the file and every problem, so staff can fix it in an editor.
    """
    path = path or default_services_file()
    where = f"Tệp danh sách dịch vụ “{path}”"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise QueueError(f"{where} không tồn tại. Hãy cài lại kiosk.",
                         en=f"The service list file “{path}” does not exist. Please reinstall the "
                            "kiosk.") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise QueueError(f"{where} bị lỗi, không đọc được ({exc}). Hãy sửa tệp.",
                         en=f"The service list file “{path}” is damaged and cannot be read "
                            f"({exc}). Please fix the file.") from exc
    entries = raw.get("service")
    if not isinstance(entries, list) or not entries:
        raise QueueError(f"{where} không có mục [[service]] nào.",
                         en=f"The service list file “{path}” has no [[service]] entry.")
    services: list[ServiceInfo] = []
    problems: list[str] = []
    for i, entry in enumerate(entries, start=1):
        try:
            info = _service_from_toml(entry)
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"dịch vụ thứ {i}: thiếu hoặc sai mục ({exc})")
            continue
        problems += [f"dịch vụ thứ {i} ({info.code}): {msg}" for msg in service_problems(info)]
        services.append(info)
    for attr, what in (("code", "Mã dịch vụ"), ("prefix", "Chữ đầu số")):
        seen: set[str] = set()
        for info in services:
            value = getattr(info, attr)
            if value in seen:
                problems.append(f"{what} “{value}” bị dùng cho hai dịch vụ.")
            seen.add(value)
    if problems:
        raise QueueError(f"{where} có lỗi cần sửa: " + "; ".join(problems),
                         en=f"The service list file “{path}” has problems to fix: "
                            + "; ".join(problems))
    return services


def _service_from_toml(entry: Any) -> ServiceInfo:
    if not isinstance(entry, dict):
        raise TypeError("không phải một bảng")
    name = entry["name"]
    if not isinstance(name, dict):
        raise TypeError("name phải là { vi = \"...\", en = \"...\" }")
    known = {"code", "prefix", "name", "icon", "tutorials", "desks", "avg_minutes",
             "official_url", "enabled", "sort"}
    unknown = sorted(set(entry) - known)
    if unknown:
        raise ValueError("mục lạ: " + ", ".join(unknown))
    return ServiceInfo(
        code=entry["code"], prefix=entry["prefix"], name_vi=name["vi"],
        name_en=name.get("en", ""), icon=entry.get("icon", ""),
        tutorials=tuple(entry.get("tutorials", ())), desks=tuple(entry.get("desks", ())),
        avg_minutes=entry.get("avg_minutes", 10), official_url=entry.get("official_url", ""),
        enabled=bool(entry.get("enabled", True)), sort=entry.get("sort", 0))


def seed_default_services(store: Store, path: Path | None = None) -> int:
    """Copy the default service set into an EMPTY service table; return how many were added.

    Runs in one write transaction, so two processes starting together seed once.
    """
    with store.write() as s:
        if s.scalar(select(func.count()).select_from(Service)):
            return 0
        services = load_service_list(path)
        for info in services:
            s.add(_service_row(info))
        audit.record(s, store, "setup", "service.seed", count=len(services))
    log.info("seeded %d queue services", len(services))
    return len(services)


def _service_row(info: ServiceInfo, row: Service | None = None) -> Service:
    row = row or Service(code=info.code)
    row.prefix = info.prefix
    row.name_vi = info.name_vi.strip()
    row.name_en = info.name_en.strip()
    row.icon = info.icon
    row.tutorials = list(info.tutorials)
    row.desks = list(info.desks)
    row.avg_minutes = info.avg_minutes
    row.official_url = info.official_url
    row.enabled = info.enabled
    row.sort = info.sort
    return row


def _service_info(row: Service) -> ServiceInfo:
    return ServiceInfo(code=row.code, prefix=row.prefix, name_vi=row.name_vi,
                       name_en=row.name_en or "", icon=row.icon or "",
                       tutorials=tuple(row.tutorials or ()), desks=tuple(row.desks or ()),
                       avg_minutes=row.avg_minutes, official_url=row.official_url or "",
                       enabled=row.enabled, sort=row.sort)


# -- the queue -------------------------------------------------------------------------------


def _queue_key(t: Ticket) -> tuple[datetime, str, int]:
    """Queue order: oldest first; ties (same instant) by prefix then number."""
    return (t.issued_at, t.prefix, t.number)


def _minutes(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 60.0


W = TypeVar("W")


@dataclass(frozen=True)
class Place(Generic[W]):
    """Where one waiting number stands in the calling order.

    ``ahead``: numbers called before it (any service, any desk); ``desk``: the desk expected to
    call it; ``starts_in``: minutes from now until that call, if every person takes the
    minutes the service usually takes.
    """

    item: W
    ahead: int
    desk: int
    starts_in: float


def calling_order(waiting: Sequence[W], desk_free_in: dict[int, float],
                  serves: Callable[[int, W], bool],
                  minutes: Callable[[W], float],
                  is_priority: Callable[[W], bool] | None = None,
                  priority_every: int = DEFAULT_PRIORITY_EVERY,
                  streak: int = 0) -> list[Place[W]]:
    """THE calling rule, in one place: the order in which the desks will call ``waiting``.

    ``waiting`` is in queue order (oldest first). Whenever a desk becomes free (the one free
    soonest; ties to the lower desk number) it calls the oldest waiting number of a service it
    serves, and is busy for ``minutes(number)``. "Gọi số tiếp theo" is this rule with only the
    calling desk free (see :meth:`QueueService.call_next`); the ticket's "people ahead", the
    wait estimate, the volunteer's waiting list and the display's "next" list all read the
    same order, so they cannot disagree. With every desk serving every service (the shipped
    default) this is simply oldest first, across services.

    Priority numbers (``is_priority``) go first: the desk calls the oldest priority number it
    serves, unless ``priority_every`` priority numbers have just been called in a row (across
    all desks; ``streak`` is how many were, before this order starts) and a regular number it
    serves is waiting: then it calls the oldest regular number, and the count starts again.
    So however many priority numbers are taken, a regular number is called at least once
    every ``priority_every + 1`` calls. Nothing regular waiting: priority numbers go on.

    A desk that serves nothing still waiting drops out; a number that no desk serves is never
    called and is left out of the result.
    """
    every = max(1, priority_every)
    remaining = list(waiting)
    free = dict(desk_free_in)
    order: list[Place[W]] = []
    while remaining and free:
        desk = min(free, key=lambda d: (free[d], d))
        mine = [t for t in remaining if serves(desk, t)]
        if not mine:
            del free[desk]
            continue
        pick = mine[0]
        if is_priority is not None:
            urgent = [t for t in mine if is_priority(t)]
            regular = [t for t in mine if not is_priority(t)]
            pick = urgent[0] if urgent and (streak < every or not regular) else regular[0]
            streak = streak + 1 if is_priority(pick) else 0
        remaining.remove(pick)
        order.append(Place(pick, len(order), desk, free[desk]))
        free[desk] += max(0.0, minutes(pick))
    return order


def priority_streak(called: Iterable[bool]) -> int:
    """How many priority numbers were called in a row most recently: ``called`` is today's
    calls' priority flags, newest first."""
    streak = 0
    for priority in called:
        if not priority:
            break
        streak += 1
    return streak


class _Today:
    """One transaction's view of today's queue: the calling order, ahead counts and waits."""

    def __init__(self, session: Session, day: date, desk_count: int,
                 now: datetime | None = None,
                 priority_every: int = DEFAULT_PRIORITY_EVERY) -> None:
        self.services = {row.code: row for row in session.scalars(select(Service))}
        self.desk_count = desk_count
        self.now = now
        self.priority_every = priority_every
        self.streak = priority_streak(session.scalars(
            select(Ticket.priority).where(Ticket.day == day, Ticket.called_at.is_not(None),
                                          Ticket.status != TicketStatus.WAITING.value)
            .order_by(Ticket.called_at.desc(), Ticket.number.desc())))
        self.waiting = sorted(session.scalars(select(Ticket).where(
            Ticket.day == day, Ticket.status == TicketStatus.WAITING.value)), key=_queue_key)
        self.at_desks = {t.desk: t for t in session.scalars(select(Ticket).where(
            Ticket.day == day, Ticket.status == TicketStatus.CALLED.value))}
        self._service_times: dict[str, list[float]] = {}
        done = session.execute(
            select(Ticket.service_code, Ticket.called_at, Ticket.finished_at)
            .where(Ticket.day == day, Ticket.status == TicketStatus.DONE.value,
                   Ticket.called_at.is_not(None), Ticket.finished_at.is_not(None))
            .order_by(Ticket.finished_at.desc()))
        for code, called, finished in done:
            times = self._service_times.setdefault(code, [])
            minutes = _minutes(called, finished)
            if minutes > 0 and len(times) < RECENT_SERVICE_TIMES:
                times.append(minutes)
        self._order: list[Place[Ticket]] | None = None
        self._places: dict[str, Place[Ticket]] = {}

    def serves(self, desk: int, ticket: Ticket) -> bool:
        service = self.services.get(ticket.service_code)
        return service is not None and (not service.desks or desk in service.desks)

    def minutes_per_person(self, service: Service) -> float:
        times = self._service_times.get(service.code)
        return statistics.median(times) if times else float(service.avg_minutes)

    def _ticket_minutes(self, ticket: Ticket) -> float:
        return self.minutes_per_person(self.services[ticket.service_code])

    def desk_free_in(self) -> dict[int, float]:
        """Minutes until each desk is free: 0 if free now, else the rest of its usual time."""
        free: dict[int, float] = {}
        for desk in range(1, self.desk_count + 1):
            current = self.at_desks.get(desk)
            if current is None or current.called_at is None or self.now is None:
                free[desk] = 0.0
                continue
            spent = _minutes(current.called_at, self.now)
            free[desk] = max(0.0, self._ticket_minutes(current) - spent)
        return free

    def order(self) -> list[Place[Ticket]]:
        """Today's waiting numbers in the order the desks will call them."""
        if self._order is None:
            self._order = calling_order(self.waiting, self.desk_free_in(), self.serves,
                                        self._ticket_minutes, _is_priority,
                                        self.priority_every, self.streak)
            self._places = {p.item.uuid: p for p in self._order}
        return self._order

    def next_for_desk(self, desk: int) -> Ticket | None:
        """What "Gọi số tiếp theo" at ``desk`` calls: the calling rule with that desk free."""
        first = calling_order(self.waiting, {desk: 0.0}, self.serves, self._ticket_minutes,
                              _is_priority, self.priority_every, self.streak)
        return first[0].item if first else None

    def called_in_order(self) -> list[Ticket]:
        """Waiting numbers in calling order; numbers no desk serves come last."""
        placed = [p.item for p in self.order()]
        return placed + [t for t in self.waiting if t.uuid not in self._places]

    def place(self, ticket: Ticket) -> tuple[int, int]:
        """(people ahead, minutes until the call) for a waiting ticket; (0, 0) otherwise."""
        if ticket.status != TicketStatus.WAITING.value:
            return 0, 0
        self.order()
        found = self._places.get(ticket.uuid)
        if found is None:  # no desk serves this service: everyone waiting is ahead
            return len(self.waiting) - 1, 0
        return found.ahead, math.ceil(round(found.starts_in, 6))

    def info(self, ticket: Ticket) -> TicketInfo:
        service = self.services[ticket.service_code]
        ahead, wait = self.place(ticket)
        return TicketInfo(
            uuid=ticket.uuid, label=ticket_label(ticket.prefix, ticket.number),
            prefix=ticket.prefix, number=ticket.number, day=ticket.day,
            service_code=service.code, service_name_vi=service.name_vi,
            service_name_en=service.name_en or "", issued_at=to_local(ticket.issued_at),
            ahead=ahead, wait_minutes=wait, desk=ticket.desk,
            status=TicketStatus(ticket.status), official_url=service.official_url or "",
            recalls=ticket.recalls, tutorial_id=ticket.tutorial_id,
            tutorial_step=ticket.tutorial_step, priority=bool(ticket.priority))


def _is_priority(ticket: Ticket) -> bool:
    return bool(ticket.priority)


TicketRef = TicketInfo | str


def _uuid_of(ticket: TicketRef) -> str:
    return ticket.uuid if isinstance(ticket, TicketInfo) else ticket


class QueueService:
    """Take numbers, call them to desks, and keep the services list.

    Args:
        store: the database.
        desk_count: desks at this help point (numbered 1..desk_count), from the settings.
        max_recalls: recalls a volunteer must make before marking a person absent.
        services_file: default service list seeded into an empty database.
        demo: mark new tickets as demo data (kept out of reports).
        priority_every: at most this many priority numbers called in a row before a regular
            one (:func:`calling_order`); 1..10.
    """

    def __init__(self, store: Store, desk_count: int = 2,
                 max_recalls: int = DEFAULT_MAX_RECALLS, services_file: Path | None = None,
                 demo: bool = False, priority_every: int = DEFAULT_PRIORITY_EVERY) -> None:
        if isinstance(desk_count, bool) or not isinstance(desk_count, int) or desk_count < 1:
            raise QueueError("Số bàn hỗ trợ phải từ 1 trở lên. Hãy sửa trong phần cài đặt.",
                             en="There must be at least 1 help desk. Change it in the settings.")
        if max_recalls < 0:
            raise QueueError("Số lần gọi lại không được âm.",
                             en="The number of recalls cannot be negative.")
        if (isinstance(priority_every, bool) or not isinstance(priority_every, int)
                or not 1 <= priority_every <= MAX_PRIORITY_EVERY):
            raise QueueError(f"Số số ưu tiên gọi liền nhau phải từ 1 đến {MAX_PRIORITY_EVERY}. "
                             "Hãy sửa trong phần cài đặt.",
                             en="Priority numbers called in a row must be from 1 to "
                                f"{MAX_PRIORITY_EVERY}. Change it in the settings.")
        self.priority_every = priority_every
        self.store = store
        self.desk_count = desk_count
        self.max_recalls = max_recalls
        self.demo = demo
        seed_default_services(store, services_file)

    # -- services ----------------------------------------------------------------------------
    def services(self, include_disabled: bool = False) -> list[ServiceInfo]:
        """Services in screen order (enabled only unless asked). Anyone may read this."""
        with self.store.read() as s:
            q = select(Service).order_by(Service.sort, Service.prefix)
            if not include_disabled:
                q = q.where(Service.enabled.is_(True))
            return [_service_info(row) for row in s.scalars(q)]

    def save_service(self, actor: Actor, info: ServiceInfo) -> ServiceInfo:
        """Add a service, or edit the one with the same code. Staff only; audited."""
        require(actor, Role.STAFF)
        problems = service_problems(info, self.desk_count)
        if problems:
            raise QueueError(" ".join(problems),
                             en="This service cannot be saved: check its letter, name, tutorials "
                                "and desks.")
        with self.store.write() as s:
            clash = s.scalar(select(Service).where(Service.prefix == info.prefix,
                                                   Service.code != info.code))
            if clash is not None:
                raise QueueError(f"Chữ “{info.prefix}” đã dùng cho dịch vụ “{clash.name_vi}”. "
                                 "Hãy chọn chữ khác.",
                                 en=f"The letter “{info.prefix}” is already used for the service "
                                    f"“{clash.name_vi}”. Choose another letter.")
            row = s.get(Service, info.code)
            action = "service.add" if row is None else "service.edit"
            row = _service_row(info, row)
            s.add(row)
            s.flush()
            audit.record(s, self.store, actor.audit_name, action, service=info.code)
            return _service_info(row)

    def set_service_enabled(self, actor: Actor, code: str, enabled: bool) -> ServiceInfo:
        """Show or hide a service on the ticket screen. Staff only; audited.

        Tickets already waiting for a disabled service are still called.
        """
        require(actor, Role.STAFF)
        with self.store.write() as s:
            row = self._service(s, code)
            row.enabled = enabled
            audit.record(s, self.store, actor.audit_name,
                         "service.enable" if enabled else "service.disable", service=code)
            return _service_info(row)

    # -- citizens ----------------------------------------------------------------------------
    def issue(self, service_code: str, tutorial_id: str | None = None,
              step: int | None = None, priority: bool = False) -> TicketInfo:
        """Give the next number of today for this service (a citizen may do this).

        ``priority``: the citizen chose "Ưu tiên" (the screen says who may); why is never asked
        nor stored.
        """
        if not isinstance(priority, bool):
            raise QueueError("Lựa chọn ưu tiên không hợp lệ.",
                             en="The priority choice is not valid.")
        if tutorial_id is not None and (not isinstance(tutorial_id, str)
                                        or not _TUTORIAL_RE.match(tutorial_id)):
            raise QueueError("Mã bài hướng dẫn không hợp lệ.",
                             en="The tutorial code is not valid.")
        if step is not None and (isinstance(step, bool) or not isinstance(step, int)
                                 or step < 0):
            raise QueueError("Số bước không hợp lệ.",
                             en="The step number is not valid.")
        with self.store.write() as s:
            service = self._enabled_service(s, service_code)
            ticket = self._new_ticket(s, service, tutorial_id, step, priority)
            info = self._view(s, ticket.day).info(ticket)
        log.info("ticket %s issued%s", info.label, " (priority)" if priority else "")
        return info

    def cancel(self, ticket: TicketRef) -> TicketInfo:
        """A citizen gives back a number they just took (only while it is still waiting)."""
        with self.store.write() as s:
            t = self._ticket(s, ticket)
            if t.status != TicketStatus.WAITING.value:
                raise QueueError(f"Số {ticket_label(t.prefix, t.number)} đã được gọi hoặc đã "
                                 "xong, không hủy được nữa. Hãy hỏi tình nguyện viên.",
                                 en=f"Number {ticket_label(t.prefix, t.number)} has already been "
                                    "called or is done, so it cannot be cancelled. Please ask a "
                                    "volunteer.")
            t.status = TicketStatus.CANCELLED.value
            t.finished_at = self.store.clock.now()
            audit.record(s, self.store, "citizen", "ticket.cancel", ticket=t.uuid)
            return self._info(s, t)

    def rate(self, ticket: TicketRef, score: int) -> TicketInfo:
        """The citizen's satisfaction (1 = not happy … 5 = very happy) after being helped."""
        _check_score(score)
        with self.store.write() as s:
            t = self._ticket(s, ticket)
            if t.status != TicketStatus.DONE.value:
                raise QueueError("Chỉ đánh giá được sau khi đã được hỗ trợ xong.",
                                 en="A rating can only be given after the help is finished.")
            t.satisfaction = score
            return self._info(s, t)

    def ticket(self, ticket: TicketRef) -> TicketInfo:
        """A fresh view of one ticket (its place in the queue changes as others are called)."""
        with self.store.read() as s:
            return self._info(s, self._ticket(s, ticket))

    def now_serving(self) -> NowServing:
        """The display board: each desk's current number, recent calls, the next numbers."""
        with self.store.read() as s:
            today = self._today()
            view = self._view(s, today)
            current = {t.desk: t for t in s.scalars(select(Ticket).where(
                Ticket.day == today, Ticket.status == TicketStatus.CALLED.value)
                .order_by(Ticket.called_at))}
            desks = tuple(DeskNow(d, view.info(current[d]) if d in current else None)
                          for d in range(1, self.desk_count + 1))
            recent = s.scalars(select(Ticket).where(
                Ticket.day == today, Ticket.called_at.is_not(None),
                Ticket.status != TicketStatus.WAITING.value)
                .order_by(Ticket.called_at.desc(), Ticket.number.desc()).limit(BOARD_LENGTH))
            return NowServing(
                desks=desks, recent=tuple(view.info(t) for t in recent),
                next_up=tuple(view.info(t) for t in view.called_in_order()[:BOARD_LENGTH]),
                waiting_count=len(view.waiting))

    # -- volunteers --------------------------------------------------------------------------
    def waiting(self, actor: Actor) -> list[TicketInfo]:
        """Today's waiting numbers in the order they will be called."""
        require(actor, Role.VOLUNTEER)
        with self.store.read() as s:
            view = self._view(s, self._today())
            return [view.info(t) for t in view.called_in_order()]

    def call_next(self, actor: Actor, desk: int) -> TicketInfo:
        """Call the oldest waiting number this desk serves (:func:`calling_order` with this desk
        free). One transaction: never twice."""
        require(actor, Role.VOLUNTEER)
        self._check_desk(desk)
        with self.store.write() as s:
            today = self._today()
            self._check_desk_free(s, today, desk)
            t = self._view(s, today).next_for_desk(desk)
            if t is None:
                raise QueueError(f"Hiện không có ai chờ ở bàn số {desk}. Khi có người lấy số, "
                                 "hãy bấm “Gọi số tiếp theo” lại.",
                                 en=f"Nobody is waiting for desk {desk} now. When someone takes a "
                                    "number, press “Call next number” again.")
            t.status = TicketStatus.CALLED.value
            t.desk = desk
            t.called_at = self.store.clock.now()
            t.recalls = 0
            audit.record(s, self.store, actor.audit_name, "ticket.call", ticket=t.uuid,
                         desk=desk)
            info = self._info(s, t)
        log.info("ticket %s called to desk %d", info.label, desk)
        return info

    def recall(self, actor: Actor, ticket: TicketRef) -> TicketInfo:
        """Call the same number again (up to ``max_recalls`` times)."""
        require(actor, Role.VOLUNTEER)
        with self.store.write() as s:
            t = self._called_ticket(s, ticket)
            label = ticket_label(t.prefix, t.number)
            if t.recalls >= self.max_recalls:
                raise QueueError(f"Đã gọi lại số {label} {t.recalls} lần. Nếu người này không "
                                 "đến, hãy bấm “Vắng mặt” rồi gọi số tiếp theo.",
                                 en=f"Number {label} has been called again {t.recalls} times. If "
                                    "the person does not come, press “Absent”, then call the "
                                    "next number.")
            t.recalls += 1
            audit.record(s, self.store, actor.audit_name, "ticket.recall", ticket=t.uuid,
                         recalls=t.recalls)
            return self._info(s, t)

    def skip(self, actor: Actor, ticket: TicketRef) -> TicketInfo:
        """Mark a called person absent (status no_show), after ``max_recalls`` recalls."""
        require(actor, Role.VOLUNTEER)
        with self.store.write() as s:
            t = self._called_ticket(s, ticket)
            missing = self.max_recalls - t.recalls
            if missing > 0:
                raise QueueError(f"Hãy gọi lại số {ticket_label(t.prefix, t.number)} thêm "
                                 f"{missing} lần nữa trước khi đánh dấu vắng mặt.",
                                 en=f"Call number {ticket_label(t.prefix, t.number)} again "
                                    f"{missing} more time(s) before marking it absent.")
            t.status = TicketStatus.NO_SHOW.value
            t.finished_at = self.store.clock.now()
            audit.record(s, self.store, actor.audit_name, "ticket.no_show", ticket=t.uuid,
                         desk=t.desk)
            return self._info(s, t)

    no_show = skip

    def transfer(self, actor: Actor, ticket: TicketRef, service_code: str) -> TicketInfo:
        """Move a number to another service's queue. It keeps its number and its place
        (issue time), so the person does not wait from the start again."""
        require(actor, Role.VOLUNTEER)
        with self.store.write() as s:
            t = self._ticket(s, ticket)
            label = ticket_label(t.prefix, t.number)
            if t.status not in (TicketStatus.WAITING.value, TicketStatus.CALLED.value):
                raise QueueError(f"Số {label} đã xong hoặc đã hủy, không chuyển được.",
                                 en=f"Number {label} is done or cancelled; it cannot be moved.")
            target = self._enabled_service(s, service_code)
            if target.code == t.service_code:
                raise QueueError(f"Số {label} đã thuộc dịch vụ “{target.name_vi}”.",
                                 en=f"Number {label} already belongs to the service "
                                    f"“{target.name_en or target.name_vi}”.")
            old = t.service_code
            t.service_code = target.code
            t.status = TicketStatus.WAITING.value
            t.desk = None
            t.called_at = None
            t.recalls = 0
            s.flush()
            audit.record(s, self.store, actor.audit_name, "ticket.transfer", ticket=t.uuid,
                         from_service=old, to_service=target.code)
            return self._info(s, t)

    def serve_walk_in(self, actor: Actor, desk: int, service_code: str) -> TicketInfo:
        """Someone came straight to the desk: give a number and mark it called there."""
        require(actor, Role.VOLUNTEER)
        self._check_desk(desk)
        with self.store.write() as s:
            today = self._today()
            self._check_desk_free(s, today, desk)
            service = self._enabled_service(s, service_code)
            t = self._new_ticket(s, service, None, None)
            t.status = TicketStatus.CALLED.value
            t.desk = desk
            t.called_at = t.issued_at
            audit.record(s, self.store, actor.audit_name, "ticket.walk_in", ticket=t.uuid,
                         desk=desk)
            return self._info(s, t)

    def finish(self, actor: Actor, ticket: TicketRef,
               satisfaction: int | None = None) -> TicketInfo:
        """The help at the desk is over; the desk is free for the next number."""
        require(actor, Role.VOLUNTEER)
        if satisfaction is not None:
            _check_score(satisfaction)
        with self.store.write() as s:
            t = self._called_ticket(s, ticket)
            t.status = TicketStatus.DONE.value
            t.finished_at = self.store.clock.now()
            if satisfaction is not None:
                t.satisfaction = satisfaction
            # Serving a citizen is work: the one place a desk day becomes an active day.
            mark_active_in(s, columns_of(t), actor.uuid, self._today(), "ticket",
                           bool(t.is_demo))
            audit.record(s, self.store, actor.audit_name, "ticket.finish", ticket=t.uuid,
                         desk=t.desk)
            return self._info(s, t)

    # -- internals ---------------------------------------------------------------------------
    def _today(self) -> date:
        return local_day(self.store.clock.now())

    def _info(self, s: Session, t: Ticket) -> TicketInfo:
        return self._view(s, t.day).info(t)

    def _view(self, s: Session, day: date) -> _Today:
        return _Today(s, day, self.desk_count, self.store.clock.now(), self.priority_every)

    def _new_ticket(self, s: Session, service: Service, tutorial_id: str | None,
                    step: int | None, priority: bool = False) -> Ticket:
        now = self.store.clock.now()
        day = local_day(now)
        # max + 1 (not a counter): a clock moved backwards can never hand out a number twice.
        last = s.scalar(select(func.max(Ticket.number)).where(Ticket.day == day,
                                                               Ticket.prefix == service.prefix))
        t = Ticket(device_id=self.store.device_id, **stamp(self.store), day=day,
                   prefix=service.prefix,
                   number=(last or 0) + 1, service_code=service.code,
                   status=TicketStatus.WAITING.value, issued_at=now, recalls=0,
                   tutorial_id=tutorial_id, tutorial_step=step, is_demo=self.demo,
                   priority=priority)
        s.add(t)
        s.flush()
        return t

    @staticmethod
    def _service(s: Session, code: str) -> Service:
        row = s.get(Service, code) if isinstance(code, str) else None
        if row is None:
            raise QueueError(f"Không có dịch vụ “{code}”. Hãy chọn một dịch vụ trên màn hình.",
                             en=f"There is no service “{code}”. Please choose a service on the "
                                "screen.")
        return row

    def _enabled_service(self, s: Session, code: str) -> Service:
        row = self._service(s, code)
        if not row.enabled:
            raise QueueError(f"Dịch vụ “{row.name_vi}” đang tạm ngừng. Hãy chọn dịch vụ khác "
                             "hoặc hỏi tình nguyện viên.",
                             en=f"The service “{row.name_en or row.name_vi}” is paused. Choose "
                                "another service or ask a volunteer.")
        return row

    @staticmethod
    def _ticket(s: Session, ticket: TicketRef) -> Ticket:
        t = s.get(Ticket, _uuid_of(ticket))
        if t is None:
            raise QueueError("Không tìm thấy phiếu số này. Hãy lấy số mới hoặc hỏi tình "
                             "nguyện viên.",
                             en="This ticket was not found. Take a new number or ask a volunteer.")
        return t

    def _called_ticket(self, s: Session, ticket: TicketRef) -> Ticket:
        t = self._ticket(s, ticket)
        if t.status != TicketStatus.CALLED.value:
            raise QueueError(f"Số {ticket_label(t.prefix, t.number)} không đang ở bàn nào "
                             "(chưa được gọi hoặc đã xong).",
                             en=f"Number {ticket_label(t.prefix, t.number)} is not at any desk "
                                "(not called yet, or done).")
        return t

    def _check_desk(self, desk: int) -> None:
        if isinstance(desk, bool) or not isinstance(desk, int) or not 1 <= desk <= self.desk_count:
            raise QueueError(f"Không có bàn số {desk}. Điểm này có {self.desk_count} bàn "
                             f"(từ 1 đến {self.desk_count}).",
                             en=f"There is no desk {desk}. This help point has {self.desk_count} "
                                f"desks (1 to {self.desk_count}).")

    @staticmethod
    def _check_desk_free(s: Session, day: date, desk: int) -> None:
        busy = s.scalar(select(Ticket).where(Ticket.day == day, Ticket.desk == desk,
                                             Ticket.status == TicketStatus.CALLED.value))
        if busy is not None:
            raise QueueError(f"Bàn số {desk} đang phục vụ số "
                             f"{ticket_label(busy.prefix, busy.number)}. Hãy bấm “Xong” hoặc "
                             "“Vắng mặt” trước khi gọi số tiếp theo.",
                             en=f"Desk {desk} is serving number "
                                f"{ticket_label(busy.prefix, busy.number)}. Press “Done” or "
                                "“Absent” before calling the next number.")


def _check_score(score: int) -> None:
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise QueueError("Mức hài lòng phải từ 1 đến 5 sao.",
                         en="Satisfaction must be from 1 to 5 stars.")


# -- desk actions (the keypad's two keys) ----------------------------------------------------


class DeskOutcome(StrEnum):
    """What a desk's recall key did."""

    RECALLED = "recalled"  # the same number called again
    ABSENT = "absent"  # the last recall was used up: the number is marked absent
    NOTHING = "nothing"  # the desk is serving no number


@dataclass(frozen=True)
class DeskResult:
    outcome: DeskOutcome
    ticket: TicketInfo | None = None


def desk_next(queue: QueueService, actor: Actor, desk: int) -> TicketInfo:
    """The "next" key: finish what ``desk`` is serving (if anything), then call the next number.

    Raises QueueError (Vietnamese) when nobody waits for this desk; the finish has then
    already gone through, as a volunteer pressing the key expects.
    """
    current = queue.now_serving().desks[desk - 1].ticket
    if current is not None:
        queue.finish(actor, current.uuid)
    return queue.call_next(actor, desk)


def desk_recall(queue: QueueService, actor: Actor, desk: int) -> DeskResult:
    """The "again" key: call ``desk``'s number again; after the last allowed recall
    (``queue.max_recalls``) mark it absent instead, so the desk can call the next one."""
    current = queue.now_serving().desks[desk - 1].ticket
    if current is None:
        return DeskResult(DeskOutcome.NOTHING)
    if current.recalls >= queue.max_recalls:
        return DeskResult(DeskOutcome.ABSENT, queue.skip(actor, current.uuid))
    return DeskResult(DeskOutcome.RECALLED, queue.recall(actor, current.uuid))


def service_for_tutorial(services: Sequence[ServiceInfo], tutorial_id: str
                         ) -> ServiceInfo | None:
    """Where a citizen stuck in a tutorial queues: the service that lists the tutorial; else
    "other help" (prefix D); else the last service; None when there is no service at all."""
    for svc in services:
        if tutorial_id in svc.tutorials:
            return svc
    for svc in services:
        if svc.prefix == "D":
            return svc
    return services[-1] if services else None


# -- figures for reports ---------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceFigures:
    code: str
    prefix: str
    name_vi: str
    name_en: str
    tickets: int  # every number issued (cancelled included)
    served: int  # status done
    no_shows: int
    cancelled: int
    median_wait_minutes: float | None
    priority_tickets: int = 0  # of ``tickets``, priority numbers
    priority_served: int = 0  # of ``served``, priority numbers


@dataclass(frozen=True)
class QueueFigures:
    """Queue figures for local days ``start_day``..``end_day`` (both included).

    Waits run from taking the number to the first call at the desk (walk-ins wait 0);
    service times from the call to "done". Minutes, not rounded; ``None`` when there is no data.
    The 90th percentile interpolates linearly between ranks (like a spreadsheet's
    PERCENTILE.INC).
    """

    start_day: date
    end_day: date
    tickets: int
    served: int
    no_shows: int
    cancelled: int
    not_finished: int  # still waiting or at a desk (at the end of the period)
    by_service: tuple[ServiceFigures, ...]
    median_wait_minutes: float | None
    p90_wait_minutes: float | None
    median_service_minutes: float | None
    satisfaction_counts: dict[int, int] = field(default_factory=dict)  # score 1..5 → count
    satisfaction_average: float | None = None
    priority_tickets: int = 0  # priority numbers issued (cancelled included); never why
    priority_served: int = 0  # priority numbers helped to the end (status done)


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolation percentile (0 ≤ q ≤ 1); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _median(values: Iterable[float]) -> float | None:
    values = list(values)
    return statistics.median(values) if values else None


def queue_figures(store: Store, start_day: date, end_day: date,
                  include_demo: bool = False) -> QueueFigures:
    """Read-only summary of the queue between two local days, for the reports."""
    with store.read() as s:
        return queue_figures_in(s, start_day, end_day, include_demo)


def queue_figures_in(s: Session, start_day: date, end_day: date, include_demo: bool = False,
                     where: Sequence[Any] = ()) -> QueueFigures:
    """:func:`queue_figures` on an open session, for tickets matching ``where`` too (the
    report figures pass a help point or commune filter here)."""
    if end_day < start_day:
        raise QueueError("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.",
                         en="The end day must be on or after the start day.")
    services = {row.code: row for row in s.scalars(select(Service))}
    q = select(Ticket).where(Ticket.day >= start_day, Ticket.day <= end_day, *where)
    if not include_demo:
        q = q.where(Ticket.is_demo.is_(False))
    tickets = list(s.scalars(q))

    def waits(ts: Iterable[Ticket]) -> list[float]:
        return [max(0.0, _minutes(t.issued_at, t.called_at)) for t in ts
                if t.called_at is not None]

    def count(ts: Iterable[Ticket], status: TicketStatus) -> int:
        return sum(1 for t in ts if t.status == status.value)

    by_service = []
    for code in sorted({t.service_code for t in tickets},
                       key=lambda c: (services[c].sort, services[c].prefix)):
        row = services[code]
        mine = [t for t in tickets if t.service_code == code]
        by_service.append(ServiceFigures(
            code=code, prefix=row.prefix, name_vi=row.name_vi, name_en=row.name_en or "",
            tickets=len(mine), served=count(mine, TicketStatus.DONE),
            no_shows=count(mine, TicketStatus.NO_SHOW),
            cancelled=count(mine, TicketStatus.CANCELLED),
            median_wait_minutes=_median(waits(mine)),
            priority_tickets=sum(1 for t in mine if t.priority),
            priority_served=count((t for t in mine if t.priority), TicketStatus.DONE)))
    all_waits = waits(tickets)
    service_times = [max(0.0, _minutes(t.called_at, t.finished_at)) for t in tickets
                     if t.status == TicketStatus.DONE.value and t.called_at is not None
                     and t.finished_at is not None]
    scores = [t.satisfaction for t in tickets if t.satisfaction is not None]
    return QueueFigures(
        start_day=start_day, end_day=end_day, tickets=len(tickets),
        served=count(tickets, TicketStatus.DONE), no_shows=count(tickets, TicketStatus.NO_SHOW),
        cancelled=count(tickets, TicketStatus.CANCELLED),
        not_finished=sum(1 for t in tickets if t.status in (TicketStatus.WAITING.value,
                                                             TicketStatus.CALLED.value)),
        by_service=tuple(by_service), median_wait_minutes=_median(all_waits),
        p90_wait_minutes=percentile(all_waits, 0.9),
        median_service_minutes=_median(service_times),
        satisfaction_counts={score: scores.count(score) for score in range(1, 6)},
        satisfaction_average=(sum(scores) / len(scores)) if scores else None,
        priority_tickets=sum(1 for t in tickets if t.priority),
        priority_served=count((t for t in tickets if t.priority), TicketStatus.DONE))
