"""Places as data: Da Nang's commune-level units and the help point's villages.

Since 1 July 2025 local government has two levels (city → xã/phường/đặc khu), so a place is
either a commune-level unit (``level="commune"``: phường, xã, đặc khu) or a village inside
one (``level="village"``: thôn, tổ dân phố). There is no district level anywhere.

The lists are content, not code: ``resources/lists/communes-danang.toml`` and
``resources/lists/villages.toml`` are edited with a text editor and checked with
``help-kiosk places check``. Loading and checking are one pass; every problem names the file
and the field, and a broken entry is skipped while the others load (as for tutorials).

On first start :func:`seed_places` copies the files into the ``place`` table. After that
staff keep the villages up to date on the kiosk (:class:`PlaceService`: add, rename,
retire), each change audited. A rename does not rewrite history: the old row ends the day
before the new name starts, and the new row keeps the old name in ``former_names``, so a
report for last year still shows last year's name.

Validity: ``valid_from`` and ``valid_to`` are both inclusive local days; ``valid_to=None``
means "still in use". Names compare the way people type them: Unicode NFC, any case, extra
spaces ignored, and both tone placements (“Hòa”/“Hoà”) accepted.

Everything goes through :class:`~kiosk.store.Store`, so it is safe from any thread.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from db.models import Place
from kiosk import audit
from kiosk.auth import Actor, Role, require
from kiosk.clock import local_day
from kiosk.content.loader import ProblemLog, read_toml
from kiosk.content.model import Problem
from kiosk.errors import KioskError
from kiosk.paths import resource_path
from kiosk.store import Store

log = logging.getLogger(__name__)

COMMUNES_FILE = "communes-danang.toml"
VILLAGES_FILE = "villages.toml"
LEVEL_COMMUNE = "commune"
LEVEL_VILLAGE = "village"
COMMUNE_KINDS = ("phường", "xã", "đặc khu")
VILLAGE_KINDS = ("thôn", "tổ dân phố")
# Assistance.village and Assistance.commune hold at most 80 characters.
MAX_NAME = 80
# Place.former_names is one string of at most 400 characters, names joined by "; ".
FORMER_SEP = "; "
MAX_FORMER_TEXT = 400
MAX_TOML_BYTES = 256 * 1024
URL_RE = re.compile(r"^https?://\S+$")
# Kinds and keys that belonged to the district level, abolished on 1 July 2025.
DISTRICT_KINDS = {"quận", "huyện", "thị xã"}
DISTRICT_KEYS = {"district", "quan", "huyen", "quận", "huyện", "quan_huyen", "district_name"}

COMMUNE_TOP_KEYS = {"valid_from", "province", "sources", "complete", "expected_count", "unit"}
UNIT_KEYS = {"name", "kind", "former", "code"}
#: The official code of a commune-level unit: 5 digits (kiosk.identity.COMMUNE_CODE).
UNIT_CODE = re.compile(r"[0-9]{5}")
VILLAGE_TOP_KEYS = {"village"}
VILLAGE_KEYS = {"name", "kind", "commune", "former_names", "valid_from", "sources"}
TYPE_NAMES: dict[type, str] = {str: "chuỗi chữ", int: "số nguyên", list: "danh sách",
                               bool: "true/false", date: "ngày (YYYY-MM-DD)"}

_PREFIXES = ("tổ dân phố ", "đặc khu ", "phường ", "xã ", "thôn ", "tdp ")
# Old ("hòa") and new ("hoà") tone placement: both are in use, so both must match.
_TONE_PAIRS = (("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
               ("oè", "òe"), ("oé", "óe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
               ("uỳ", "ùy"), ("uý", "úy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy"))
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


class PlaceError(KioskError):
    """A place edit or lookup that cannot be done; the Vietnamese message says why."""


# -- plain values -----------------------------------------------------------------------------
@dataclass(frozen=True)
class CommuneUnit:
    name: str
    kind: str
    former: tuple[str, ...] = ()
    code: str = ""  # official 5-digit code ("" when the list does not give it)


@dataclass(frozen=True)
class CommuneList:
    file: Path
    valid_from: date
    province: str
    sources: tuple[str, ...]
    complete: bool
    expected_count: int
    units: tuple[CommuneUnit, ...]

    def count(self, kind: str) -> int:
        return sum(1 for u in self.units if u.kind == kind)


@dataclass(frozen=True)
class VillageEntry:
    name: str
    kind: str
    commune: str
    valid_from: date
    former_names: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlaceLists:
    communes: CommuneList | None
    villages: tuple[VillageEntry, ...]
    problems: tuple[Problem, ...] = ()

    def summary(self) -> str:
        if self.communes is None:
            return "Chưa có danh sách xã/phường dùng được."
        c = self.communes
        kinds = ", ".join(f"{c.count(k)} {k}" for k in COMMUNE_KINDS)
        text = (f"{c.province} (từ {vi_date(c.valid_from)}): {len(c.units)} đơn vị cấp xã "
                f"({kinds}), {sum(1 for u in c.units if u.code)} có mã số; "
                f"{len(self.villages)} thôn/tổ dân phố.")
        if not c.complete:
            text += (f" Danh sách CHƯA ĐỦ: có {len(c.units)}/{c.expected_count} đơn vị "
                     f"(complete = false).")
        return text


@dataclass(frozen=True)
class PlaceInfo:
    """A row of the place table as the screens and reports see it."""

    id: int
    level: str
    name: str
    kind: str
    parent_id: int | None
    parent_name: str
    former_names: tuple[str, ...]
    valid_from: date | None
    valid_to: date | None

    @property
    def label(self) -> str:
        """The name with its kind, e.g. “phường Hải Vân”, “thôn Tà Lang”."""
        return f"{self.kind} {self.name}" if self.kind else self.name


@dataclass(frozen=True)
class SeedResult:
    seeded: bool
    communes: int = 0
    villages: int = 0
    problems: tuple[Problem, ...] = ()


# -- names and dates --------------------------------------------------------------------------
def clean_name(value: str) -> str:
    """NFC, trimmed, single spaces: how a name is stored."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def name_key(value: str) -> str:
    """A comparison key: case, spacing, tone placement and a leading kind word ignored."""
    key = clean_name(value).casefold()
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix):]
            break
    for new, old in _TONE_PAIRS:
        key = key.replace(new, old)
    return key


def without_brackets(text: str) -> str:
    """``"Hòa Bắc (cũ)"`` → ``"Hòa Bắc"``: a note in brackets is not part of the name."""
    return re.sub(r"\s*\([^)]*\)", "", text).strip()


@dataclass(frozen=True)
class PlaceMatch:
    """The place a typed or configured name means; ``by_former`` when an old name did."""

    place: PlaceInfo
    by_former: bool = False


def match_place(places: Sequence[PlaceInfo], text: str) -> PlaceMatch | None:
    """The place ``text`` names: by current name first, then by a former name.

    The one rule for "which commune (or village) is this?", used by the quick log, the
    places tab, the assistance log and the settings: compared with :func:`name_key` (case,
    spacing, tone placement and a kind word ignored), and a note in brackets ignored, so
    "Hòa Bắc (cũ)" finds phường Hải Vân, which took in xã Hòa Bắc on 1/7/2025.
    """
    text = " ".join((text or "").split())
    if not text or not places:
        return None
    keys = {name_key(text), name_key(without_brackets(text))} - {""}
    for p in places:
        if name_key(p.name) in keys:
            return PlaceMatch(p)
    for p in places:
        if any(name_key(f) in keys or name_key(without_brackets(f)) in keys
               for f in p.former_names):
            return PlaceMatch(p, by_former=True)
    return None


def match_commune(communes: Sequence[PlaceInfo], text: str) -> PlaceInfo | None:
    """:func:`match_place`'s place, or None."""
    found = match_place(communes, text)
    return found.place if found is not None else None


def code_for_commune(text: str, communes: CommuneList | None = None) -> str | None:
    """The official code of the commune-level unit ``text`` names, by :func:`match_place`'s
    rule (current or former name, any case and tone placement), from the bundled list
    unless ``communes`` is given; None when nothing matches or the list has no code.

    How the settings fill ``commune_code`` from the commune name staff typed.
    """
    if communes is None:
        communes, _problems = load_communes(resource_path("lists", COMMUNES_FILE))
        if communes is None:
            return None
    units = [u for u in communes.units if u.code]
    infos = [PlaceInfo(i, LEVEL_COMMUNE, u.name, u.kind, None, "", u.former, None, None)
             for i, u in enumerate(units)]
    found = match_place(infos, text)
    return units[found.place.id].code if found is not None else None


def vi_sort_key(value: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Vietnamese alphabetical order (a ă â … d đ …), then tones, for lists on screen."""
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFC", value.casefold()):
        parts = unicodedata.normalize("NFD", ch)
        tone = next((_TONES[m] for m in parts if m in _TONES), 0)
        letter = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES))
        index = _ALPHABET.find(letter) if letter else -1
        if ch.isspace():
            index = -1
        elif index < 0:
            index = 100 + ord(letter[0]) if letter else 0
        letters.append(index)
        tones.append(tone)
    return tuple(letters), tuple(tones)


def vi_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _in_force(day: date) -> ColumnElement[bool]:
    return and_(or_(Place.valid_from.is_(None), Place.valid_from <= day),
                or_(Place.valid_to.is_(None), Place.valid_to >= day))


# -- loading the files ------------------------------------------------------------------------
def _typed(ctx: ProblemLog, data: Mapping[str, Any], key: str, typ: type, where: str,
           required: bool = True) -> Any:
    full = f"{where}.{key}" if where else key
    value = data.get(key)
    if value is None:
        if required:
            ctx.add(full, f"thiếu mục bắt buộc “{key}” ({TYPE_NAMES[typ]})")
        return None
    if typ is date:
        if not isinstance(value, date) or hasattr(value, "hour"):
            ctx.add(full, f"cần một ngày TOML, ví dụ {key} = 2025-07-01 "
                          f"(không có dấu ngoặc kép, không có giờ)")
            return None
        return value
    if (typ is int and isinstance(value, bool)) or not isinstance(value, typ):
        ctx.add(full, f"“{key}” có kiểu sai: cần {TYPE_NAMES[typ]}")
        return None
    return value


def _unknown_keys(ctx: ProblemLog, data: Mapping[str, Any], allowed: set[str], where: str) -> None:
    for key in sorted(set(data) - allowed):
        full = f"{where}.{key}" if where else key
        if name_key(key) in DISTRICT_KEYS or key.casefold() in DISTRICT_KEYS:
            ctx.add(full, "từ 1/7/2025 không còn cấp quận/huyện; hãy bỏ mục này")
        else:
            ctx.add(full, f"mục lạ “{key}”; các mục được dùng: {', '.join(sorted(allowed))}")


def _name(ctx: ProblemLog, data: Mapping[str, Any], key: str, where: str) -> str | None:
    raw = _typed(ctx, data, key, str, where)
    if raw is None:
        return None
    name = clean_name(raw)
    full = f"{where}.{key}"
    if not name:
        ctx.add(full, "tên đang để trống")
        return None
    if len(name) > MAX_NAME:
        ctx.add(full, f"tên dài quá: {len(name)} ký tự, tối đa {MAX_NAME}")
        return None
    if ";" in name:
        ctx.add(full, "tên không được chứa dấu chấm phẩy (;)")
        return None
    return name


def _name_list(ctx: ProblemLog, data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    raw = _typed(ctx, data, key, list, where, required=False)
    if raw is None:
        return ()
    out: list[str] = []
    for i, item in enumerate(raw, start=1):
        full = f"{where}.{key}[{i}]"
        if not isinstance(item, str) or not clean_name(item):
            ctx.add(full, "cần một tên (chuỗi chữ, không để trống)")
        elif ";" in item:
            ctx.add(full, "tên không được chứa dấu chấm phẩy (;)")
        elif name_key(item).startswith(("quận ", "huyện ")):
            ctx.add(full, "từ 1/7/2025 không còn cấp quận/huyện; chỉ ghi tên cũ cấp xã")
        else:
            out.append(clean_name(item))
    if len(FORMER_SEP.join(out)) > MAX_FORMER_TEXT:
        ctx.add(f"{where}.{key}", f"các tên cũ dài quá (tối đa {MAX_FORMER_TEXT} ký tự cộng lại)")
        return ()
    return tuple(out)


def _sources(ctx: ProblemLog, data: Mapping[str, Any], where: str,
             required: bool) -> tuple[str, ...]:
    raw = _typed(ctx, data, "sources", list, where, required=required)
    if raw is None:
        return ()
    full = f"{where}.sources" if where else "sources"
    if required and not raw:
        ctx.add(full, "cần ít nhất một nguồn (địa chỉ web)")
    out: list[str] = []
    for i, url in enumerate(raw, start=1):
        if isinstance(url, str) and URL_RE.match(url):
            out.append(url)
        else:
            ctx.add(f"{full}[{i}]", "địa chỉ web không hợp lệ (cần bắt đầu bằng https://)")
    return tuple(out)


def _kind(ctx: ProblemLog, data: Mapping[str, Any], where: str,
          allowed: Sequence[str]) -> str | None:
    raw = _typed(ctx, data, "kind", str, where)
    if raw is None:
        return None
    kind = clean_name(raw).casefold()
    if kind in allowed:
        return kind
    choices = ", ".join(f"“{k}”" for k in allowed)
    if kind in DISTRICT_KINDS:
        ctx.add(f"{where}.kind", f"loại “{raw}” là cấp quận/huyện, đã bỏ từ 1/7/2025; "
                                 f"chỉ dùng: {choices}")
    else:
        ctx.add(f"{where}.kind", f"loại lạ “{raw}”; chỉ dùng: {choices}")
    return None


def _unit_code(ctx: ProblemLog, raw: Mapping[str, Any], where: str,
               seen: dict[str, str]) -> str | None:
    """The unit's optional official code: 5 digits, used by one unit only."""
    code = _typed(ctx, raw, "code", str, where, required=False)
    if code is None:
        return None
    if not UNIT_CODE.fullmatch(code):
        ctx.add(f"{where}.code", f"mã “{code}” phải gồm đúng 5 chữ số (ví dụ \"20194\")")
        return None
    if code in seen:
        ctx.add(f"{where}.code", f"mã “{code}” bị trùng với {seen[code]}")
        return None
    seen[code] = where
    return code


def load_communes(path: Path) -> tuple[CommuneList | None, list[Problem]]:
    """Read and check the commune-level list. Broken units are left out and reported."""
    ctx = ProblemLog(path)
    data = read_toml(ctx, path)
    if data is None:
        return None, ctx.problems
    _unknown_keys(ctx, data, COMMUNE_TOP_KEYS, "")
    valid_from = _typed(ctx, data, "valid_from", date, "")
    province = _typed(ctx, data, "province", str, "")
    if province is not None and not clean_name(province):
        ctx.add("province", "tên tỉnh/thành phố đang để trống")
        province = None
    complete = _typed(ctx, data, "complete", bool, "")
    expected = _typed(ctx, data, "expected_count", int, "")
    if expected is not None and expected < 1:
        ctx.add("expected_count", "số đơn vị phải lớn hơn 0")
        expected = None
    sources = _sources(ctx, data, "", required=True)
    raw_units = _typed(ctx, data, "unit", list, "")
    units: list[CommuneUnit] = []
    seen: dict[str, str] = {}
    codes: dict[str, str] = {}
    for i, raw in enumerate(raw_units or [], start=1):
        where = f"unit[{i}]"
        if not isinstance(raw, dict):
            ctx.add(where, "mỗi đơn vị phải là một bảng [[unit]]")
            continue
        before = len(ctx.problems)
        _unknown_keys(ctx, raw, UNIT_KEYS, where)
        name = _name(ctx, raw, "name", where)
        kind = _kind(ctx, raw, where, COMMUNE_KINDS)
        former = _name_list(ctx, raw, "former", where)
        code = _unit_code(ctx, raw, where, codes)
        if name is not None:
            key = name_key(name)
            if key in seen:
                ctx.add(f"{where}.name", f"tên “{name}” bị trùng với {seen[key]}")
            else:
                seen[key] = where
        if len(ctx.problems) == before and name is not None and kind is not None:
            units.append(CommuneUnit(name, kind, former, code or ""))
    if raw_units is not None and not raw_units:
        ctx.add("unit", "chưa có đơn vị nào; thêm các mục [[unit]]")
    if raw_units is not None and complete is not None and expected is not None:
        listed = len(raw_units)
        if complete and listed != expected:
            ctx.add("complete", f"ghi complete = true nhưng có {listed} đơn vị, cần đúng "
                                f"{expected}; hãy bổ sung hoặc ghi complete = false")
        elif not complete and listed > expected:
            ctx.add("expected_count", f"có {listed} đơn vị, nhiều hơn expected_count = "
                                      f"{expected}")
    if valid_from is None or province is None or complete is None or expected is None:
        return None, ctx.problems
    return CommuneList(path, valid_from, clean_name(province), sources, complete, expected,
                       tuple(units)), ctx.problems


def load_villages(path: Path, communes: CommuneList | None
                  ) -> tuple[tuple[VillageEntry, ...], list[Problem]]:
    """Read and check the village list against the commune list it belongs to."""
    ctx = ProblemLog(path)
    data = read_toml(ctx, path)
    if data is None:
        return (), ctx.problems
    _unknown_keys(ctx, data, VILLAGE_TOP_KEYS, "")
    by_key = {name_key(u.name): u for u in communes.units} if communes else {}
    former_of = {name_key(f): u for u in (communes.units if communes else ())
                 for f in u.former}
    raw_list = _typed(ctx, data, "village", list, "", required=False) or []
    out: list[VillageEntry] = []
    seen: dict[tuple[str, str], str] = {}
    for i, raw in enumerate(raw_list, start=1):
        where = f"village[{i}]"
        if not isinstance(raw, dict):
            ctx.add(where, "mỗi thôn/tổ dân phố phải là một bảng [[village]]")
            continue
        before = len(ctx.problems)
        _unknown_keys(ctx, raw, VILLAGE_KEYS, where)
        name = _name(ctx, raw, "name", where)
        kind = _kind(ctx, raw, where, VILLAGE_KINDS)
        commune_name = _name(ctx, raw, "commune", where)
        former = _name_list(ctx, raw, "former_names", where)
        valid_from = _typed(ctx, raw, "valid_from", date, where)
        sources = _sources(ctx, raw, where, required=False)
        unit = None
        if commune_name is not None and communes is not None:
            unit = by_key.get(name_key(commune_name))
            if unit is None:
                old = former_of.get(name_key(commune_name))
                if old is not None:
                    ctx.add(f"{where}.commune", f"“{commune_name}” là tên trước 1/7/2025, nay "
                                                f"thuộc {old.kind} {old.name}; hãy ghi "
                                                f"commune = \"{old.name}\"")
                else:
                    ctx.add(f"{where}.commune", f"không có xã/phường/đặc khu tên "
                                                f"“{commune_name}” trong {communes.file.name}")
        if unit is not None and valid_from is not None and communes is not None \
                and valid_from < communes.valid_from:
            ctx.add(f"{where}.valid_from", f"ngày {vi_date(valid_from)} sớm hơn ngày "
                                           f"{unit.kind} {unit.name} bắt đầu "
                                           f"({vi_date(communes.valid_from)})")
        if unit is not None and name is not None:
            key = (name_key(unit.name), name_key(name))
            if key in seen:
                ctx.add(f"{where}.name", f"“{name}” bị trùng với {seen[key]} "
                                         f"(cùng {unit.kind} {unit.name})")
            else:
                seen[key] = where
        if (len(ctx.problems) == before and unit is not None and name is not None
                and kind is not None and valid_from is not None):
            out.append(VillageEntry(name, kind, unit.name, valid_from, former, sources))
    return tuple(out), ctx.problems


def load_places(communes_path: Path | None = None,
                villages_path: Path | None = None) -> PlaceLists:
    """Both lists, from the bundled resources unless other files are named."""
    communes_path = communes_path or resource_path("lists", COMMUNES_FILE)
    villages_path = villages_path or resource_path("lists", VILLAGES_FILE)
    communes, problems = load_communes(communes_path)
    villages, village_problems = load_villages(villages_path, communes)
    return PlaceLists(communes, villages, tuple(problems + village_problems))


# -- the database -----------------------------------------------------------------------------
def _split(former: str) -> tuple[str, ...]:
    return tuple(n for n in (p.strip() for p in former.split(";")) if n)


def place_info(row: Place, parent_name: str = "") -> PlaceInfo:
    """A place row as the plain value screens and other services see."""
    return PlaceInfo(id=row.id, level=row.level, name=row.name, kind=row.kind,
                     parent_id=row.parent_id, parent_name=parent_name,
                     former_names=_split(row.former_names or ""),
                     valid_from=row.valid_from, valid_to=row.valid_to)


def seed_places(store: Store, lists: PlaceLists | None = None) -> SeedResult:
    """Fill an empty ``place`` table from the files; do nothing if it already has rows.

    Valid entries are seeded and problems returned for the screen or the CLI to show. With
    no usable commune list nothing is written, so a fixed file seeds on the next start.
    """
    with store.read() as s:
        if s.scalar(select(func.count()).select_from(Place)):
            return SeedResult(seeded=False)
    lists = lists or load_places()
    if lists.communes is None:
        log.warning("places not seeded: %d problem(s) in the lists", len(lists.problems))
        return SeedResult(seeded=False, problems=lists.problems)
    c = lists.communes
    with store.write() as s:
        if s.scalar(select(func.count()).select_from(Place)):
            return SeedResult(seeded=False)
        ids: dict[str, int] = {}
        for unit in c.units:
            row = Place(level=LEVEL_COMMUNE, name=unit.name, kind=unit.kind,
                        former_names=FORMER_SEP.join(unit.former), valid_from=c.valid_from)
            s.add(row)
            s.flush()
            ids[name_key(unit.name)] = row.id
        for v in lists.villages:
            s.add(Place(level=LEVEL_VILLAGE, name=v.name, kind=v.kind,
                        parent_id=ids[name_key(v.commune)],
                        former_names=FORMER_SEP.join(v.former_names), valid_from=v.valid_from))
        audit.record(s, store, "setup", "places.seed", communes=len(c.units),
                     villages=len(lists.villages))
    log.info("places seeded: %d communes, %d villages", len(c.units), len(lists.villages))
    return SeedResult(True, len(c.units), len(lists.villages), lists.problems)


class PlaceService:
    """Reading places for the screens and reports; staff-only edits of villages."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def today(self) -> date:
        return local_day(self.store.clock.now())

    # -- reading ------------------------------------------------------------------------------
    def communes(self, on: date | None = None) -> list[PlaceInfo]:
        """Commune-level units in force on ``on`` (default: today), in Vietnamese order."""
        day = on or self.today()
        with self.store.read() as s:
            rows = s.scalars(select(Place).where(Place.level == LEVEL_COMMUNE, _in_force(day)))
            return sorted((place_info(r) for r in rows), key=lambda p: vi_sort_key(p.name))

    def villages(self, commune: str | int, on: date | None = None) -> list[PlaceInfo]:
        """Villages of one commune-level unit (by name or id) in force on ``on``."""
        day = on or self.today()
        with self.store.read() as s:
            parent = self._commune(s, commune, day)
            rows = s.scalars(select(Place).where(Place.level == LEVEL_VILLAGE,
                                                 Place.parent_id == parent.id, _in_force(day)))
            return sorted((place_info(r, parent.name) for r in rows),
                          key=lambda p: vi_sort_key(p.name))

    def find_commune(self, commune: str | int, on: date | None = None) -> PlaceInfo:
        """One commune-level unit by name (any tone placement, “phường …” allowed) or id."""
        with self.store.read() as s:
            return place_info(self._commune(s, commune, on or self.today()))

    def get(self, place_id: int) -> PlaceInfo:
        with self.store.read() as s:
            row = s.get(Place, place_id)
            if row is None:
                raise PlaceError("Không tìm thấy địa danh này.",
                                 en="This place was not found.")
            parent = s.get(Place, row.parent_id) if row.parent_id else None
            return place_info(row, parent.name if parent else "")

    # -- staff edits --------------------------------------------------------------------------
    def add_village(self, actor: Actor, commune: str | int, name: str, kind: str,
                    former: Iterable[str] = (), valid_from: date | None = None) -> PlaceInfo:
        """Add a thôn/tổ dân phố to a commune-level unit, in use from ``valid_from``."""
        require(actor, Role.STAFF)
        clean = _check_name(name)
        kind = _check_kind(kind)
        former_names = _check_former(former)
        day = valid_from or self.today()
        with self.store.write() as s:
            parent = self._commune(s, commune, day)
            self._no_duplicate(s, parent, clean, day)
            row = Place(level=LEVEL_VILLAGE, name=clean, kind=kind, parent_id=parent.id,
                        former_names=FORMER_SEP.join(former_names), valid_from=day)
            s.add(row)
            s.flush()
            audit.record(s, self.store, actor.audit_name, "place.village_add", place=row.id,
                         commune=parent.id)
            return place_info(row, parent.name)

    def rename_village(self, actor: Actor, place_id: int, new_name: str,
                       valid_from: date) -> PlaceInfo:
        """Give a village a new name from ``valid_from``; the old name stays in history.

        The old row ends the day before; a new row starts that day and lists the old name
        in ``former_names``. Returns the new row.
        """
        require(actor, Role.STAFF)
        clean = _check_name(new_name)
        with self.store.write() as s:
            old = self._village(s, place_id)
            if old.valid_from is not None and valid_from <= old.valid_from:
                raise PlaceError(f"Ngày đổi tên phải sau ngày tên cũ bắt đầu dùng "
                                 f"({vi_date(old.valid_from)}).",
                                 en="The renaming day must be after the day the old name came "
                                    f"into use ({vi_date(old.valid_from)}).")
            if old.valid_to is not None and valid_from > old.valid_to:
                raise PlaceError(f"{old.kind.capitalize()} “{old.name}” đã ngừng dùng sau ngày "
                                 f"{vi_date(old.valid_to)}; không đổi tên được.",
                                 en=f"“{old.name}” stopped being used after "
                                    f"{vi_date(old.valid_to)}; it cannot be renamed.")
            if name_key(clean) == name_key(old.name):
                raise PlaceError("Tên mới giống tên cũ.",
                                 en="The new name is the same as the old one.")
            parent = s.get(Place, old.parent_id) if old.parent_id else None
            if parent is None:
                raise PlaceError("Thôn/tổ dân phố này không thuộc xã/phường nào.",
                                 en="This village or residential group belongs to no commune.")
            self._no_duplicate(s, parent, clean, valid_from, ignore=old.id)
            former = [*_split(old.former_names or "")]
            if all(name_key(f) != name_key(old.name) for f in former):
                former.append(old.name)
            if len(FORMER_SEP.join(former)) > MAX_FORMER_TEXT:
                raise PlaceError("Danh sách tên cũ đã quá dài; hãy nhờ người quản trị rút gọn.",
                                 en="The list of former names is too long; ask the administrator "
                                    "to shorten it.")
            new = Place(level=LEVEL_VILLAGE, name=clean, kind=old.kind, parent_id=parent.id,
                        former_names=FORMER_SEP.join(former), valid_from=valid_from,
                        valid_to=old.valid_to)
            old.valid_to = valid_from - timedelta(days=1)
            s.add(new)
            s.flush()
            audit.record(s, self.store, actor.audit_name, "place.village_rename",
                         place=old.id, new_place=new.id)
            return place_info(new, parent.name)

    def retire_village(self, actor: Actor, place_id: int, valid_to: date) -> PlaceInfo:
        """Stop offering a village after ``valid_to`` (the last day it is still listed)."""
        require(actor, Role.STAFF)
        with self.store.write() as s:
            row = self._village(s, place_id)
            if row.valid_to is not None:
                raise PlaceError(f"{row.kind.capitalize()} “{row.name}” đã ngừng dùng sau "
                                 f"ngày {vi_date(row.valid_to)}.",
                                 en=f"“{row.name}” stopped being used after "
                                    f"{vi_date(row.valid_to)}.")
            if row.valid_from is not None and valid_to < row.valid_from:
                raise PlaceError(f"Ngày ngừng dùng không được trước ngày bắt đầu "
                                 f"({vi_date(row.valid_from)}).",
                                 en="The end day cannot be before the start day "
                                    f"({vi_date(row.valid_from)}).")
            row.valid_to = valid_to
            audit.record(s, self.store, actor.audit_name, "place.village_retire", place=row.id)
            parent = s.get(Place, row.parent_id) if row.parent_id else None
            return place_info(row, parent.name if parent else "")

    # -- helpers ------------------------------------------------------------------------------
    @staticmethod
    def _commune(s: Session, commune: str | int, day: date) -> Place:
        if isinstance(commune, int):
            row = s.get(Place, commune)
            if row is None or row.level != LEVEL_COMMUNE:
                raise PlaceError("Không tìm thấy xã/phường/đặc khu này.",
                                 en="This commune or ward was not found.")
            return row
        key = name_key(commune)
        rows = list(s.scalars(select(Place).where(Place.level == LEVEL_COMMUNE,
                                                  _in_force(day))))
        for row in rows:
            if name_key(row.name) == key:
                return row
        for row in rows:
            if any(name_key(f) == key for f in _split(row.former_names or "")):
                raise PlaceError(f"“{clean_name(commune)}” là tên trước 1/7/2025; nay thuộc "
                                 f"{row.kind} {row.name}.",
                                 en=f"“{clean_name(commune)}” is a name from before 1/7/2025; it "
                                    f"is now part of {row.kind} {row.name}.")
        raise PlaceError(f"Không có xã/phường/đặc khu tên “{clean_name(commune)}” vào ngày "
                         f"{vi_date(day)}.",
                         en=f"There is no commune or ward named “{clean_name(commune)}” on "
                            f"{vi_date(day)}.")

    @staticmethod
    def _village(s: Session, place_id: int) -> Place:
        row = s.get(Place, place_id)
        if row is None or row.level != LEVEL_VILLAGE:
            raise PlaceError("Không tìm thấy thôn/tổ dân phố này.",
                             en="This village or residential group was not found.")
        return row

    @staticmethod
    def _no_duplicate(s: Session, parent: Place, name: str, day: date,
                      ignore: int | None = None) -> None:
        key = name_key(name)
        rows = s.scalars(select(Place).where(
            Place.level == LEVEL_VILLAGE, Place.parent_id == parent.id,
            or_(Place.valid_to.is_(None), Place.valid_to >= day)))
        for row in rows:
            if row.id != ignore and name_key(row.name) == key:
                raise PlaceError(f"{parent.kind.capitalize()} {parent.name} đã có "
                                 f"{row.kind} “{row.name}”.",
                                 en=f"{parent.name} already has “{row.name}”.")


def _check_name(name: str) -> str:
    clean = clean_name(name)
    if not clean:
        raise PlaceError("Hãy nhập tên thôn/tổ dân phố.",
                         en="Please type the name of the village or residential group.")
    if len(clean) > MAX_NAME:
        raise PlaceError(f"Tên dài quá: tối đa {MAX_NAME} ký tự.",
                         en=f"The name is too long: at most {MAX_NAME} characters.")
    if ";" in clean:
        raise PlaceError("Tên không được chứa dấu chấm phẩy (;).",
                         en="A name cannot contain a semicolon (;).")
    return clean


def _check_kind(kind: str) -> str:
    clean = clean_name(kind).casefold()
    if clean not in VILLAGE_KINDS:
        raise PlaceError(f"Loại “{kind}” không dùng được; chọn “thôn” hoặc “tổ dân phố”.",
                         en=f"The kind “{kind}” cannot be used; choose “thôn” (village) or “tổ "
                            "dân phố” (residential group).")
    return clean


def _check_former(former: Iterable[str]) -> tuple[str, ...]:
    names = tuple(_check_name(f) for f in former)
    if len(FORMER_SEP.join(names)) > MAX_FORMER_TEXT:
        raise PlaceError(f"Các tên cũ dài quá (tối đa {MAX_FORMER_TEXT} ký tự cộng lại).",
                         en=f"The former names are too long (at most {MAX_FORMER_TEXT} characters "
                            "together).")
    return names


# -- module-level shortcuts (the names the screens and reports use) ---------------------------
def communes(store: Store, on: date | None = None) -> list[PlaceInfo]:
    return PlaceService(store).communes(on)


def villages(store: Store, commune_name: str, on: date | None = None) -> list[PlaceInfo]:
    return PlaceService(store).villages(commune_name, on)
