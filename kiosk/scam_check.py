"""Scam check ("Kiểm tra tin nhắn lạ"): the list of kinds, and the anonymous daily tally.

The kinds are data (``resources/lists/scam-check.toml``): a staff member fixes a verdict
with a text editor and ``help-kiosk content check``. The file is bounded and validated, and
refused whole with a Vietnamese reason: a half-read list could tell a citizen the wrong
thing about money.

The tally keeps one number per kind per local day and nothing else: never the message,
never a phone number, never the time of day. It feeds the staff report for the commune
police (:func:`tally_in`, used by :mod:`kiosk.reports.figures`).

Loading is pure and needs no database (the Home tile is decided before the first paint,
when SQLAlchemy is not loaded yet); :func:`record_check` writes (call it from the database
lane).
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.errors import KioskError
from kiosk.paths import resource_path

if TYPE_CHECKING:
    from kiosk.store import Store

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 64 * 1024
MAX_KINDS = 12
MAX_ACTIONS = 5
MAX_TEXT = 200
MAX_SOURCES = 40
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_LANGS = ("vi", "en")


class ScamListError(KioskError):
    """The scam-check list cannot be used; the message names the file and what to fix."""


@dataclass(frozen=True)
class Source:
    key: str
    url: str
    title: str


@dataclass(frozen=True)
class ScamKind:
    """One choice on the scam-check screen and what the kiosk says about it."""

    id: str
    icon: str
    tutorial: str
    choice: dict[str, str]
    verdict: dict[str, str]
    actions: dict[str, tuple[str, ...]]
    sources: tuple[Source, ...]

    def spoken(self, lang: str) -> str:
        """What is read aloud: the verdict, then each thing to do."""
        lang = lang if lang in _LANGS else "vi"
        return " ".join((self.verdict[lang], *self.actions[lang]))


def default_path() -> Path:
    return resource_path("lists", "scam-check.toml")


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: cần một câu chữ, không được để trống")
    if len(value) > MAX_TEXT:
        raise ValueError(f"{where}: dài quá {MAX_TEXT} ký tự")
    return value.strip()


def _pair(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or set(value) != set(_LANGS):
        raise ValueError(f"{where}: cần đúng hai ngôn ngữ {{ vi = \"...\", en = \"...\" }}")
    return {lang: _text(value[lang], f"{where}.{lang}") for lang in _LANGS}


def _parse_sources(raw: Any) -> dict[str, Source]:
    if not isinstance(raw, list) or not raw or len(raw) > MAX_SOURCES:
        raise ValueError(f"[[sources]]: cần từ 1 đến {MAX_SOURCES} nguồn")
    out: dict[str, Source] = {}
    for i, src in enumerate(raw, 1):
        where = f"nguồn thứ {i}"
        if not isinstance(src, dict):
            raise ValueError(f"{where}: sai dạng")
        key = _text(src.get("key"), f"{where}.key")
        url = _text(src.get("url"), f"{where}.url")
        if not url.startswith("https://") and not url.startswith("http://"):
            raise ValueError(f"{where}.url: phải bắt đầu bằng https://")
        if key in out:
            raise ValueError(f"{where}: khóa “{key}” bị trùng")
        out[key] = Source(key, url, _text(src.get("title"), f"{where}.title"))
    return out


def _parse_kind(raw: Any, i: int, sources: dict[str, Source], icons_dir: Path,
                tutorials_dir: Path) -> ScamKind:
    where = f"loại thứ {i}"
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: sai dạng")
    kind_id = raw.get("id")
    if not isinstance(kind_id, str) or not _ID.match(kind_id):
        raise ValueError(f"{where}: id phải là chữ thường, số và dấu gạch nối")
    where = f"loại “{kind_id}”"
    unknown = set(raw) - {"id", "icon", "tutorial", "choice", "verdict", "actions", "sources"}
    if unknown:
        raise ValueError(f"{where}: trường lạ {', '.join(sorted(unknown))}")
    icon = raw.get("icon")
    if not isinstance(icon, str) or not _ID.match(icon) \
            or not (icons_dir / f"{icon}.svg").is_file():
        raise ValueError(f"{where}: không có biểu tượng “{icon}”")
    tutorial = raw.get("tutorial")
    if not isinstance(tutorial, str) or not _ID.match(tutorial) \
            or not (tutorials_dir / tutorial / "tutorial.toml").is_file():
        raise ValueError(f"{where}: không có bài hướng dẫn “{tutorial}”")
    actions_raw = raw.get("actions")
    if not isinstance(actions_raw, dict) or set(actions_raw) != set(_LANGS):
        raise ValueError(f"{where}.actions: cần vi = [...] và en = [...]")
    actions: dict[str, tuple[str, ...]] = {}
    for lang in _LANGS:
        items = actions_raw[lang]
        if not isinstance(items, list) or not 1 <= len(items) <= MAX_ACTIONS:
            raise ValueError(f"{where}.actions.{lang}: cần từ 1 đến {MAX_ACTIONS} câu")
        actions[lang] = tuple(_text(t, f"{where}.actions.{lang}") for t in items)
    if len(actions["vi"]) != len(actions["en"]):
        raise ValueError(f"{where}.actions: số câu tiếng Việt và tiếng Anh phải bằng nhau")
    keys = raw.get("sources")
    if not isinstance(keys, list) or not keys:
        raise ValueError(f"{where}: cần ít nhất một nguồn")
    missing = [k for k in keys if k not in sources]
    if missing:
        raise ValueError(f"{where}: nguồn chưa khai báo {', '.join(map(str, missing))}")
    return ScamKind(id=kind_id, icon=icon, tutorial=tutorial,
                    choice=_pair(raw.get("choice"), f"{where}.choice"),
                    verdict=_pair(raw.get("verdict"), f"{where}.verdict"),
                    actions=actions, sources=tuple(sources[k] for k in keys))


def load_scam_kinds(path: Path | None = None, *, icons_dir: Path | None = None,
                    tutorials_dir: Path | None = None) -> tuple[ScamKind, ...]:
    """The kinds in ``path`` (default: the bundled list), in file order.

    Raises :class:`ScamListError` for any problem: the whole file is refused.
    """
    path = path or default_path()
    icons_dir = icons_dir or resource_path("images", "icons")
    tutorials_dir = tutorials_dir or resource_path("tutorials")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValueError(f"tệp lớn quá {MAX_FILE_BYTES // 1024} KB")
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
        if data.get("schema") != 1:
            raise ValueError("cần dòng schema = 1")
        sources = _parse_sources(data.get("sources"))
        raw_kinds = data.get("kind")
        if not isinstance(raw_kinds, list) or not 1 <= len(raw_kinds) <= MAX_KINDS:
            raise ValueError(f"cần từ 1 đến {MAX_KINDS} mục [[kind]]")
        kinds = tuple(_parse_kind(k, i, sources, icons_dir, tutorials_dir)
                      for i, k in enumerate(raw_kinds, 1))
        ids = [k.id for k in kinds]
        if len(set(ids)) != len(ids):
            raise ValueError("có hai loại trùng id")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError) as exc:
        log.warning("scam-check list refused: %s: %s", path.name, exc)
        raise ScamListError(
            f"Danh sách kiểm tra tin nhắn lạ ({path.name}) không dùng được: {exc}. "
            "Hãy sửa tệp rồi chạy “help-kiosk content check”.",
            en=f"The scam-check list ({path.name}) cannot be used: {exc}. "
               "Fix the file, then run “help-kiosk content check”.") from exc
    return kinds


def record_check(store: Store, kind_id: str) -> None:
    """Count one check of ``kind_id`` today (local day). Only the count is kept."""
    if not _ID.match(kind_id):
        raise ValueError("a scam kind is a short id, never free text")
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    from db.models import ScamCheckCount
    from kiosk.clock import local_day  # zoneinfo: not needed to show the choices

    today = local_day(store.clock.now())
    stmt = sqlite_insert(ScamCheckCount).values(day=today, kind=kind_id, count=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=[ScamCheckCount.day, ScamCheckCount.kind],
        set_={"count": ScamCheckCount.count + 1})
    with store.write() as s:
        s.execute(stmt)
    log.info("scam check counted: kind=%s", kind_id)


def tally_in(s: Any, start: date, end: date) -> Counter[str]:
    """Checks per kind between local days ``start`` and ``end`` (inclusive), on a session."""
    from sqlalchemy import func, select

    from db.models import ScamCheckCount

    rows = s.execute(select(ScamCheckCount.kind, func.sum(ScamCheckCount.count))
                     .where(ScamCheckCount.day >= start, ScamCheckCount.day <= end)
                     .group_by(ScamCheckCount.kind)).all()
    return Counter({kind: int(n) for kind, n in rows})


def tally(store: Store, start: date, end: date) -> Counter[str]:
    with store.read() as s:
        return tally_in(s, start, end)


def scam_labels(lang: str = "vi") -> dict[str, str]:
    """Names of the bundled kinds in ``lang`` (Vietnamese where a kind has no such name) for
    report tables; {} if the list is refused (the report then shows the stored ids, and
    ``content check`` names the problem)."""
    try:
        return {k.id: k.choice.get(lang) or k.choice["vi"] for k in load_scam_kinds()}
    except ScamListError:
        return {}
