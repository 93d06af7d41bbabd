"""The take-home summary slip "Hôm nay đã làm": what goes on it, decided once for every front end.

Citizens go home and forget what was done and what comes next. After a record is logged the
volunteer may print a small slip (ticket-printer width, :func:`kiosk.tickets.render_summary`):

- the help point's name and the local day;
- per service helped: its name, what comes next, a QR code to the service's official page
  and, when the record names the tutorial that was done, its how-to sheet (title, and a QR
  code to the official page the sheet itself points to, when that is another page);
- the help point's hotline (config ``hotline``; no line when there is none).

What comes next is DATA with sources (``resources/lists/next-steps.toml``, one entry per
tutorial, every entry with official or press sources, refused whole otherwise). A service
whose task has no sourced entry, or a record that is not "done", gets "ask the volunteer
again" — never a guess (facts.md: unconfirmed items are never printed as fact).

Never personal data: :func:`summary_slip` reads only the record's services, tutorial, outcome
and day — not the name, phone, village, age, note or anything else — so nothing personal can
reach the paper. Pure; any thread.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.clock import local_day
from kiosk.content.sources import SourceKind, official_page, source_kind
from kiosk.errors import KioskError
from kiosk.paths import resource_path

if TYPE_CHECKING:
    from datetime import datetime

    from kiosk.assistance import RecordInfo
    from kiosk.content.model import Tutorial
    from kiosk.queue import ServiceInfo

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 64 * 1024
MAX_TEXT = 200
MAX_SERVICES = 4  # a slip stays a slip: more services than this are named, not detailed
_TUTORIAL_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "title": "HÔM NAY ĐÃ LÀM",
        "day": "Ngày {date}",
        "next": "Việc tiếp theo:",
        "ask": "Cần làm gì tiếp, hãy hỏi lại tình nguyện viên.",
        "not_done": "Việc chưa xong: hãy hỏi lại tình nguyện viên.",
        "official": "Trang chính thức:",
        "sheet": "Tờ hướng dẫn: {title}",
        "sheet_page": "Trang mà tờ hướng dẫn chỉ đến:",
        "hotline": "Cần hỏi thêm, gọi:|{phone}",
        "keep": "Phiếu này không ghi thông tin cá nhân.",
        "more": "Và: {names}",
    },
    "en": {
        "title": "DONE TODAY",
        "day": "On {date}",
        "next": "Next:",
        "ask": "For what comes next, ask the volunteer again.",
        "not_done": "Not finished yet: ask the volunteer again.",
        "official": "Official page:",
        "sheet": "How-to sheet: {title}",
        "sheet_page": "The page the how-to sheet points to:",
        "hotline": "Questions? Call:|{phone}",
        "keep": "This slip holds no personal data.",
        "more": "Also: {names}",
    },
}


class NextStepsError(KioskError):
    """The next-steps list cannot be used; the message says which entry and why."""


@dataclass(frozen=True)
class NextStep:
    tutorial: str
    text: Mapping[str, str]
    sources: tuple[str, ...]

    def say(self, lang: str) -> str:
        return self.text.get(lang) or self.text["vi"]


@dataclass(frozen=True)
class SlipService:
    """One service on the slip, in the slip's language."""

    name: str
    next_step: str
    sourced: bool  # the next step comes from next-steps.toml (False: "ask the volunteer")
    official_url: str
    sheet_title: str = ""
    sheet_url: str = ""  # the official page of the matching how-to sheet, if not official_url


@dataclass(frozen=True)
class SummarySlip:
    """Everything printed on the slip; nothing else reaches the paper."""

    lang: str
    help_point: str
    day: date
    services: tuple[SlipService, ...]
    more: tuple[str, ...]  # names of services past MAX_SERVICES
    hotline: str

    def label(self, key: str, **values: str) -> str:
        text = TEXTS["en" if self.lang == "en" else "vi"][key]
        for name, value in values.items():
            text = text.replace("{" + name + "}", value)
        return text

    def urls(self) -> list[str]:
        """Every address a QR code on the slip opens, in print order."""
        out: list[str] = []
        for s in self.services:
            out += [u for u in (s.official_url, s.sheet_url) if u]
        return out


def default_path() -> Path:
    return resource_path("lists", "next-steps.toml")


def _entry(raw: Any, where: str) -> NextStep:
    if not isinstance(raw, dict):
        raise NextStepsError(f"{where}: không phải một bảng [[step]].",
                             en=f"{where}: not a [[step]] table.")
    unknown = sorted(set(raw) - {"tutorial", "text", "sources"})
    if unknown:
        raise NextStepsError(f"{where}: mục lạ {', '.join(unknown)}.",
                             en=f"{where}: unknown keys {', '.join(unknown)}.")
    tutorial = raw.get("tutorial")
    if not isinstance(tutorial, str) or not _TUTORIAL_RE.match(tutorial):
        raise NextStepsError(f"{where}: mã bài hướng dẫn không hợp lệ.",
                             en=f"{where}: the tutorial id is not valid.")
    text = raw.get("text")
    if not isinstance(text, dict) or not isinstance(text.get("vi"), str) or \
            not text["vi"].strip():
        raise NextStepsError(f"{where} ({tutorial}): thiếu text.vi.",
                             en=f"{where} ({tutorial}): text.vi is missing.")
    for lang, value in text.items():
        if lang not in ("vi", "en") or not isinstance(value, str) or len(value) > MAX_TEXT:
            raise NextStepsError(
                f"{where} ({tutorial}): text.{lang} phải là chữ, tối đa {MAX_TEXT} ký tự.",
                en=f"{where} ({tutorial}): text.{lang} must be text of at most {MAX_TEXT} "
                   "characters.")
    sources = raw.get("sources")
    if not isinstance(sources, list) or not sources:
        raise NextStepsError(f"{where} ({tutorial}): thiếu nguồn. Chỉ in điều có nguồn.",
                             en=f"{where} ({tutorial}): no source. Only sourced steps are "
                                "printed.")
    for url in sources:
        if not isinstance(url, str) or not url.startswith("https://") or \
                source_kind(url) is SourceKind.OTHER:
            raise NextStepsError(
                f"{where} ({tutorial}): nguồn “{url}” không phải trang nhà nước hoặc báo chí "
                "(https).",
                en=f"{where} ({tutorial}): source “{url}” is not a government or press page "
                   "(https).")
    return NextStep(tutorial, {k: v.strip() for k, v in text.items()}, tuple(sources))


def load_next_steps(path: Path | None = None) -> dict[str, NextStep]:
    """Read and check the next-steps list; tutorial id → step. Refused whole on any problem."""
    path = path or default_path()
    try:
        data = path.read_bytes()
        if len(data) > MAX_FILE_BYTES:
            raise NextStepsError(f"Tệp “{path.name}” lớn quá (tối đa {MAX_FILE_BYTES} byte).",
                                 en=f"The file “{path.name}” is too large.")
        raw = tomllib.loads(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise NextStepsError(f"Không đọc được tệp “{path.name}” ({exc}).",
                             en=f"The file “{path.name}” cannot be read ({exc}).") from exc
    entries = raw.get("step", [])
    if not isinstance(entries, list):
        raise NextStepsError("Tệp việc tiếp theo phải có các mục [[step]].",
                             en="The next-steps file must hold [[step]] entries.")
    steps: dict[str, NextStep] = {}
    for i, entry in enumerate(entries, start=1):
        step = _entry(entry, f"mục thứ {i}")
        if step.tutorial in steps:
            raise NextStepsError(f"Bài “{step.tutorial}” có hai mục việc tiếp theo.",
                                 en=f"The tutorial “{step.tutorial}” has two next steps.")
        steps[step.tutorial] = step
    return steps


@cache
def shipped_next_steps() -> Mapping[str, NextStep]:
    """The bundled list; an unusable file prints "ask the volunteer" everywhere (logged)."""
    try:
        return load_next_steps()
    except NextStepsError as exc:
        log.warning("next steps not used: %s", exc.message("en"))
        return {}


def _matching_tutorial(service: ServiceInfo, tutorial_id: str | None,
                       single: bool) -> str | None:
    """The tutorial the record says was done, if it belongs to this service (or the record
    has only this service)."""
    if not tutorial_id:
        return None
    if tutorial_id in service.tutorials or single:
        return tutorial_id
    return None


def summary_slip(*, services: Sequence[str], tutorial_id: str | None, outcome: str,
                 started_at: datetime, known: Sequence[ServiceInfo],
                 tutorial: Callable[[str], Tutorial | None],
                 next_steps: Mapping[str, NextStep] | None = None,
                 help_point: str = "", hotline: str = "", lang: str = "vi") -> SummarySlip:
    """What the slip says about one record (see the module docstring for the rule).

    Only these fields of the record are taken, by name, so a caller cannot hand over more:
    ``services`` (codes), ``tutorial_id``, ``outcome`` and ``started_at`` (naive UTC).
    ``known``: the help point's services (names, official pages, tutorials).
    """
    lang = "en" if lang == "en" else "vi"
    steps = shipped_next_steps() if next_steps is None else next_steps
    texts = TEXTS[lang]
    by_code = {s.code: s for s in known}
    shown: list[SlipService] = []
    more: list[str] = []
    codes = list(dict.fromkeys(services))
    for code in codes:
        svc = by_code.get(code)
        name = svc.name(lang) if svc is not None else code
        if len(shown) >= MAX_SERVICES:
            more.append(name)
            continue
        if svc is None:
            shown.append(SlipService(name, texts["ask"], False, ""))
            continue
        tid = _matching_tutorial(svc, tutorial_id, len(codes) == 1)
        t = tutorial(tid) if tid else None
        step = steps.get(tid) if tid else None
        if outcome != "done":
            next_text, sourced = texts["not_done"], False
        elif step is not None:
            next_text, sourced = step.say(lang), True
        else:
            next_text, sourced = texts["ask"], False
        sheet_title = t.title.get(lang) if t is not None else ""
        page = official_page(t) if t is not None else ""
        official = svc.official_url or page
        shown.append(SlipService(name, next_text, sourced, official, sheet_title,
                                 page if page and page != official else ""))
    return SummarySlip(lang=lang, help_point=help_point.strip(),
                       day=local_day(started_at), services=tuple(shown), more=tuple(more),
                       hotline=hotline.strip())


def slip_for_record(record: RecordInfo, known: Sequence[ServiceInfo],
                    tutorial: Callable[[str], Tutorial | None], *, help_point: str = "",
                    hotline: str = "", lang: str = "vi",
                    next_steps: Mapping[str, NextStep] | None = None) -> SummarySlip:
    """:func:`summary_slip` for a saved record: hands over its services, tutorial, outcome and
    start time, and nothing else of it."""
    return summary_slip(services=record.services, tutorial_id=record.tutorial_id,
                        outcome=record.outcome, started_at=record.started_at, known=known,
                        tutorial=tutorial, next_steps=next_steps, help_point=help_point,
                        hotline=hotline, lang=lang)
