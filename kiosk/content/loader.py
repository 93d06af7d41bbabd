"""Load and check tutorial packs: ``<dir>/<id>/tutorial.toml`` plus images and audio.

Loading and validating are one pass: every problem is collected with the file and the field
it concerns, and a broken tutorial is skipped while the others load. The same code runs at
start-up, in ``help-kiosk content check`` and for extra content folders (a USB pack).
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.content.glossary import Term, check_terms, load_glossary
from kiosk.content.model import (
    COVERABLE,
    DEFAULT_LANG,
    PRACTICE_KINDS,
    Catalogue,
    Category,
    PhoneScreen,
    Practice,
    PracticeButton,
    PracticeEntry,
    PracticeField,
    Problem,
    Said,
    Source,
    Step,
    Text,
    Tutorial,
    said_in,
)
from kiosk.content.parsed import ParsedToml

log = logging.getLogger(__name__)

TUTORIAL_FILE = "tutorial.toml"
PRACTICE_FILE = "practice.toml"
CATEGORIES_FILE = "categories.toml"
PRONUNCIATION_FILE = "pronunciation.toml"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
LANG_RE = re.compile(r"^[a-z]{2,3}$")
AUDIO_RE = re.compile(r"^step-(\d{2})\.([a-z]{2,3})\.(wav|ogg|mp3)$")
URL_RE = re.compile(r"^https?://[^\s]+$")
IMAGE_EXTS = {".svg", ".png", ".jpg", ".jpeg"}
MAX_TOML_BYTES = 256 * 1024
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_AUDIO_BYTES = 20 * 1024 * 1024
MAX_STEPS = 12
# What fits on the step screen at the largest text size, measured on 1366×768.
LIMITS = {"title": 60, "summary": 180, "step.title": 70, "step.text": 320, "step.voice": 600,
          "step.warning": 180, "step.tip": 180, "bring": 80,
          # A practice (practice.toml): the phone frame and the instruction beside it.
          "practice.title": 60, "practice.intro": 300, "practice.done": 300,
          "practice.heading": 40, "practice.body": 300, "practice.ask": 240,
          "practice.right": 200, "practice.hint": 240, "practice.label": 48,
          "practice.value": 60, "practice.voice": 600}
# Bounds of a practice, like MAX_STEPS: what fits the phone frame and a visit.
MAX_PRACTICE_SCREENS = 12
MAX_PRACTICE_BUTTONS = 4
MAX_PRACTICE_FIELDS = 4
PRACTICE_ENTRY_LENGTHS = range(4, 13)

TUTORIAL_KEYS = {"id", "category", "icon", "minutes", "title", "summary", "bring",
                 "last_reviewed", "sources", "steps", "official_link", "order"}
STEP_KEYS = {"title", "text", "image", "voice", "warning", "tip", "link", "sources",
             "unconfirmed", "voice_covers", "audio_covers"}
SOURCE_KEYS = {"key", "url", "title"}
PRACTICE_KEYS = {"title", "intro", "intro_voice", "done", "done_voice", "screens"}
SCREEN_KEYS = {"id", "kind", "heading", "body", "body_voice", "ask", "ask_voice", "right",
               "right_voice", "fields", "buttons", "entry", "unconfirmed"}
BUTTON_KEYS = {"id", "label", "next", "hint", "hint_voice"}
ENTRY_KEYS = {"label", "length", "answer", "next", "hint", "hint_voice"}
FIELD_KEYS = {"label", "value"}
PART_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
TYPE_NAMES = {str: "chuỗi chữ", int: "số nguyên", list: "danh sách", dict: "bảng",
              date: "ngày (YYYY-MM-DD)", bool: "true/false"}


@dataclass
class ProblemLog:
    """Collects every problem found in one file, so a check reports all of them at once."""

    file: Path
    problems: list[Problem] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.file, where, message))


def _typed(ctx: ProblemLog, data: Mapping[str, Any], key: str, typ: type, where: str,
           required: bool = True) -> Any:
    value = data.get(key)
    if value is None:
        if required:
            ctx.add(where, f"thiếu mục bắt buộc “{key}” ({TYPE_NAMES[typ]})")
        return None
    if typ is int and isinstance(value, bool) or not isinstance(value, typ):
        ctx.add(where, f"“{key}” có kiểu sai: cần {TYPE_NAMES[typ]}, "
                       f"đang là {type(value).__name__}")
        return None
    return value


def _text(ctx: ProblemLog, data: Mapping[str, Any], key: str, where: str, limit_key: str,
          required: bool = True) -> Text | None:
    value = _typed(ctx, data, key, dict, where, required)
    if value is None:
        return None
    out: dict[str, str] = {}
    for lang, text in value.items():
        if not LANG_RE.match(lang):
            ctx.add(f"{where}.{lang}", f"mã ngôn ngữ lạ “{lang}” (dùng vi, en, ...)")
        elif not isinstance(text, str):
            ctx.add(f"{where}.{lang}", "cần một chuỗi chữ")
        elif not text.strip():
            ctx.add(f"{where}.{lang}", "đang để trống")
        elif len(text) > LIMITS[limit_key]:
            ctx.add(f"{where}.{lang}", f"dài quá cho màn hình: {len(text)} ký tự, "
                                       f"tối đa {LIMITS[limit_key]}")
        else:
            out[lang] = text.strip()
    if DEFAULT_LANG not in value:
        ctx.add(where, "thiếu bản tiếng Việt (vi)")
        return None
    return Text(out) if DEFAULT_LANG in out else None


def _unknown(ctx: ProblemLog, data: Mapping[str, Any], allowed: set[str], where: str) -> None:
    for key in sorted(set(data) - allowed):
        ctx.add(f"{where}.{key}" if where else key,
                f"mục lạ “{key}”; các mục được dùng: {', '.join(sorted(allowed))}")


def tables(ctx: ProblemLog, data: Mapping[str, Any], key: str, allowed: set[str], noun: str,
           hint: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Each ``[[key]]`` table of a content file with where it is (``key[i]``).

    The one way every content file (tutorials' sources, categories, the glossary, phrase sets)
    reads an array of tables: a value that is not a list, an entry that is not a table and
    keys not in ``allowed`` are added to ``ctx`` and skipped, so a file reports every problem
    at once. ``noun`` names one entry in the messages ("nguồn", "thuật ngữ").
    """
    raw = data.get(key, [])
    if not isinstance(raw, list):
        ctx.add(key, f"cần các bảng [[{key}]] (mỗi {noun} một bảng)")
        return
    for i, item in enumerate(raw):
        where = f"{key}[{i}]"
        if not isinstance(item, dict):
            ctx.add(where, f"mỗi {noun} là một bảng [[{key}]]{hint}")
            continue
        _unknown(ctx, item, allowed, where)
        yield where, item


def safe_child(folder: Path, relative: str) -> Path | None:
    """``folder/relative`` if it stays inside ``folder`` (no absolute path, ``..`` or link out)."""
    if not relative or relative.startswith(("/", "\\")) or ":" in relative:
        return None
    parts = Path(relative.replace("\\", "/")).parts
    if ".." in parts:
        return None
    candidate = folder / Path(*parts)
    # With no absolute path and no "..", only a symbolic link below ``folder`` can lead out of
    # it: look at those few names, and resolve both paths only when one is a link (resolving
    # every step's picture was a third of loading 1,525 tutorials).
    below = folder
    for part in parts:
        below = below / part
        if below.is_symlink():
            break
    else:
        return candidate
    try:
        candidate.resolve().relative_to(folder.resolve())
    except ValueError:
        return None
    return candidate


def _url(ctx: ProblemLog, value: Any, where: str) -> str:
    if not isinstance(value, str) or not URL_RE.match(value):
        ctx.add(where, "địa chỉ web không hợp lệ (cần bắt đầu bằng https://)")
        return ""
    return value


def read_toml(ctx: ProblemLog, path: Path, parsed: ParsedToml | None = None
              ) -> dict[str, Any] | None:
    """A content/list TOML file, or None with the reason in ``ctx`` (size, syntax, encoding).

    ``parsed``: the tables of unchanged files from the last load (the kiosk's data dir); the
    table is checked by the caller exactly as if it had just been parsed.
    """
    try:
        if path.stat().st_size > MAX_TOML_BYTES:
            ctx.add("", f"tệp quá lớn (tối đa {MAX_TOML_BYTES // 1024} KB)")
            return None
        if parsed is None:
            return tomllib.loads(path.read_text(encoding="utf-8"))
        table = parsed.get(path)
        if table is None:
            stamp = parsed.stamp(path)
            table = tomllib.loads(path.read_text(encoding="utf-8"))
            parsed.put(path, stamp, table)
        return table
    except FileNotFoundError:
        ctx.add("", "không có tệp này; hãy kiểm tra tên và thư mục")
    except tomllib.TOMLDecodeError as exc:
        ctx.add("", f"không đọc được TOML: {exc}")
    except RecursionError:  # arrays nested thousands deep
        ctx.add("", "không đọc được TOML: lồng nhau quá sâu")
    except UnicodeDecodeError:
        ctx.add("", "tệp không phải UTF-8; hãy lưu lại với mã hóa UTF-8")
    except ValueError:  # an integer past Python's 4,300-digit limit
        ctx.add("", "không đọc được TOML: có số quá lớn")
    except OSError as exc:
        ctx.add("", f"không mở được tệp: {exc.strerror}")
    return None


def load_tutorial(folder: Path, categories: set[str] | None = None,
                  parsed: ParsedToml | None = None) -> tuple[Tutorial | None, list[Problem]]:
    path = folder / TUTORIAL_FILE
    ctx = ProblemLog(path)
    if not path.is_file():
        ctx.add("", f"thiếu tệp {TUTORIAL_FILE} trong thư mục {folder.name}")
        return None, ctx.problems
    data = read_toml(ctx, path, parsed)
    if data is None:
        return None, ctx.problems
    _unknown(ctx, data, TUTORIAL_KEYS, "")
    tid = _typed(ctx, data, "id", str, "id")
    if tid is not None:
        if not ID_RE.match(tid):
            ctx.add("id", "mã chỉ gồm chữ thường không dấu, số và dấu gạch (-), 2–63 ký tự")
        elif tid != folder.name:
            ctx.add("id", f"mã “{tid}” phải trùng tên thư mục “{folder.name}”")
    category = _typed(ctx, data, "category", str, "category")
    if category is not None and categories is not None and category not in categories:
        ctx.add("category", f"nhóm “{category}” không có trong {CATEGORIES_FILE}; "
                            f"có: {', '.join(sorted(categories))}")
    icon = _typed(ctx, data, "icon", str, "icon") or ""
    minutes = _typed(ctx, data, "minutes", int, "minutes")
    if minutes is not None and not 1 <= minutes <= 120:
        ctx.add("minutes", "số phút phải từ 1 đến 120")
    order = _typed(ctx, data, "order", int, "order", required=False)
    title = _text(ctx, data, "title", "title", "title")
    summary = _text(ctx, data, "summary", "summary", "summary")
    reviewed = data.get("last_reviewed")
    if reviewed is None:
        ctx.add("last_reviewed", "thiếu ngày kiểm tra lại nội dung (last_reviewed = YYYY-MM-DD)")
    elif not isinstance(reviewed, date) or hasattr(reviewed, "hour"):
        ctx.add("last_reviewed", "cần một ngày TOML, ví dụ last_reviewed = 2026-11-20 "
                                 "(không có dấu ngoặc kép)")
        reviewed = None
    official = data.get("official_link", "")
    if official:
        official = _url(ctx, official, "official_link")
    bring = _bring(ctx, data)
    sources = _sources(ctx, data)
    steps = _steps(ctx, folder, data, {s.key for s in sources})
    if ctx.problems:
        return None, ctx.problems
    assert tid and category and minutes and title and summary and reviewed
    # A broken practice is reported and left out; the tutorial itself still loads.
    practice, practice_problems = load_practice(folder, tid, parsed)
    return Tutorial(id=tid, category=category, icon=icon, minutes=minutes, title=title,
                    summary=summary, bring=bring, last_reviewed=reviewed, sources=sources,
                    steps=steps, folder=folder, official_link=official,
                    order=order if order is not None else 100,
                    practice=practice), ctx.problems + practice_problems


def load_practice(folder: Path, tutorial_id: str, parsed: ParsedToml | None = None
                  ) -> tuple[Practice | None, list[Problem]]:
    """``<folder>/practice.toml`` if there is one: (None, []) when there is none, (None,
    problems) when it is refused. Read bounded like a tutorial, then checked whole by
    :func:`kiosk.content.validate.practice_problems` (reachable screens, a hint on every
    wrong path, pretend numbers only, everything speakable)."""
    from kiosk.content.validate import practice_problems  # validate imports this module

    path = folder / PRACTICE_FILE
    if not path.exists():
        return None, []
    ctx = ProblemLog(path)
    if path.is_symlink() or not path.is_file():
        ctx.add("", f"{PRACTICE_FILE} phải là tệp thường trong thư mục của bài")
        return None, ctx.problems
    data = read_toml(ctx, path, parsed)
    if data is None:
        return None, ctx.problems
    _unknown(ctx, data, PRACTICE_KEYS, "")
    title = _text(ctx, data, "title", "title", "practice.title")
    intro = _said(ctx, data, "intro", "", "practice.intro")
    done = _said(ctx, data, "done", "", "practice.done")
    raw = _typed(ctx, data, "screens", list, "screens")
    screens: list[PhoneScreen] = []
    if raw is not None:
        if not raw:
            ctx.add("screens", "cần ít nhất một màn hình [[screens]]")
        if len(raw) > MAX_PRACTICE_SCREENS:
            ctx.add("screens", f"quá nhiều màn hình ({len(raw)}); tối đa "
                               f"{MAX_PRACTICE_SCREENS}, hãy tách bài tập")
        for where, item in tables(ctx, data, "screens", SCREEN_KEYS, "màn hình"):
            screen = _practice_screen(ctx, item, where)
            if screen is not None:
                screens.append(screen)
    if ctx.problems or title is None or intro is None or done is None:
        return None, ctx.problems
    practice = Practice(tutorial_id, title, intro, done, tuple(screens))
    problems = practice_problems(practice, path)
    return (None if problems else practice), problems


def _said(ctx: ProblemLog, data: Mapping[str, Any], key: str, where: str, limit_key: str,
          required: bool = True) -> Said | None:
    """``key`` and its optional ``key_voice`` (how to say it where the text reads badly)."""
    at = f"{where}.{key}" if where else key
    text = _text(ctx, data, key, at, limit_key, required)
    voice = _text(ctx, data, f"{key}_voice", f"{at}_voice", "practice.voice", required=False)
    if voice is not None and text is None:
        return None
    return Said(text, voice) if text is not None else None


def _part_id(ctx: ProblemLog, item: Mapping[str, Any], where: str) -> str:
    value = _typed(ctx, item, "id", str, f"{where}.id")
    if value is not None and not PART_ID_RE.match(value):
        ctx.add(f"{where}.id", "mã chỉ gồm chữ thường không dấu, số và dấu gạch (-), "
                               "tối đa 32 ký tự")
        return ""
    return value or ""


def _practice_screen(ctx: ProblemLog, item: Mapping[str, Any], where: str
                     ) -> PhoneScreen | None:
    sid = _part_id(ctx, item, where)
    kind = _typed(ctx, item, "kind", str, f"{where}.kind")
    if kind is not None and kind not in PRACTICE_KINDS:
        ctx.add(f"{where}.kind", f"loại màn hình lạ “{kind}”; dùng: {', '.join(PRACTICE_KINDS)}")
    heading = _text(ctx, item, "heading", f"{where}.heading", "practice.heading")
    body = _said(ctx, item, "body", where, "practice.body", required=False)
    ask = _said(ctx, item, "ask", where, "practice.ask")
    right = _said(ctx, item, "right", where, "practice.right")
    unconfirmed = _typed(ctx, item, "unconfirmed", bool, f"{where}.unconfirmed",
                         required=False) or False
    fields: list[PracticeField] = []
    raw_fields = item.get("fields", [])
    if isinstance(raw_fields, list) and len(raw_fields) > MAX_PRACTICE_FIELDS:
        ctx.add(f"{where}.fields", f"quá nhiều ô ({len(raw_fields)}); tối đa "
                                   f"{MAX_PRACTICE_FIELDS}")
    for at, f in tables(ctx, item, "fields", FIELD_KEYS, "ô"):
        label = _text(ctx, f, "label", f"{where}.{at}.label", "practice.label")
        value = _text(ctx, f, "value", f"{where}.{at}.value", "practice.value")
        if label and value:
            fields.append(PracticeField(label, value))
    buttons: list[PracticeButton] = []
    raw_buttons = item.get("buttons", [])
    if isinstance(raw_buttons, list) and len(raw_buttons) > MAX_PRACTICE_BUTTONS:
        ctx.add(f"{where}.buttons", f"quá nhiều nút ({len(raw_buttons)}); tối đa "
                                    f"{MAX_PRACTICE_BUTTONS}")
    for at, b in tables(ctx, item, "buttons", BUTTON_KEYS, "nút"):
        bwhere = f"{where}.{at}"
        bid = _part_id(ctx, b, bwhere)
        label = _text(ctx, b, "label", f"{bwhere}.label", "practice.label")
        nxt = _typed(ctx, b, "next", str, f"{bwhere}.next", required=False) or ""
        hint = _said(ctx, b, "hint", bwhere, "practice.hint", required=False)
        if bid and label:
            buttons.append(PracticeButton(bid, label, nxt, hint))
    entry = None
    raw_entry = item.get("entry")
    if raw_entry is not None:
        if not isinstance(raw_entry, dict):
            ctx.add(f"{where}.entry", "cần một bảng [screens.entry]")
        else:
            entry = _practice_entry(ctx, raw_entry, f"{where}.entry")
    if not (sid and kind and heading and ask and right):
        return None
    return PhoneScreen(sid, kind, heading, ask, right, body, tuple(fields), tuple(buttons),
                          entry, unconfirmed)


def _practice_entry(ctx: ProblemLog, item: Mapping[str, Any], where: str
                    ) -> PracticeEntry | None:
    _unknown(ctx, item, ENTRY_KEYS, where)
    label = _text(ctx, item, "label", f"{where}.label", "practice.label")
    length = _typed(ctx, item, "length", int, f"{where}.length")
    if length is not None and length not in PRACTICE_ENTRY_LENGTHS:
        ctx.add(f"{where}.length", f"số chữ số phải từ {PRACTICE_ENTRY_LENGTHS.start} đến "
                                   f"{PRACTICE_ENTRY_LENGTHS.stop - 1}")
        length = None
    answer = _typed(ctx, item, "answer", str, f"{where}.answer", required=False) or ""
    if answer and (not answer.isascii() or not answer.isdigit()):
        ctx.add(f"{where}.answer", "đáp án chỉ gồm chữ số 0–9, không dấu cách")
    elif answer and length is not None and len(answer) != length:
        ctx.add(f"{where}.answer", f"đáp án có {len(answer)} chữ số nhưng length = {length}")
    nxt = _typed(ctx, item, "next", str, f"{where}.next", required=False) or ""
    if bool(answer) != bool(nxt):
        ctx.add(where, "“answer” và “next” đi cùng nhau: có đáp án thì phải nói màn hình "
                       "tiếp theo (next), và ngược lại")
    hint = _said(ctx, item, "hint", where, "practice.hint")
    if label is None or length is None or hint is None:
        return None
    return PracticeEntry(label, length, hint, answer, nxt)


def _bring(ctx: ProblemLog, data: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    raw = _typed(ctx, data, "bring", dict, "bring")
    out: dict[str, tuple[str, ...]] = {}
    if raw is None:
        return out
    for lang, items in raw.items():
        where = f"bring.{lang}"
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip()
                                                  for i in items):
            ctx.add(where, "cần danh sách các món cần mang, mỗi món là một chuỗi chữ")
            continue
        for i, item in enumerate(items):
            if len(item) > LIMITS["bring"]:
                ctx.add(f"{where}[{i}]", f"dài quá: tối đa {LIMITS['bring']} ký tự")
        out[lang] = tuple(i.strip() for i in items)
    if DEFAULT_LANG not in raw:
        ctx.add("bring", "thiếu danh sách tiếng Việt (bring.vi); để [] nếu không cần mang gì")
    return out


def _sources(ctx: ProblemLog, data: Mapping[str, Any]) -> tuple[Source, ...]:
    raw = _typed(ctx, data, "sources", list, "sources")
    if raw is None:
        return ()
    if not raw:
        ctx.add("sources", "cần ít nhất một nguồn ([[sources]] với key và url)")
    out: list[Source] = []
    for where, item in tables(ctx, data, "sources", SOURCE_KEYS, "nguồn", " có key, url, title"):
        key = _typed(ctx, item, "key", str, where)
        url = _url(ctx, item.get("url"), f"{where}.url")
        title = item.get("title", "")
        if key and url:
            out.append(Source(key, url, title if isinstance(title, str) else ""))
    return tuple(out)


def _steps(ctx: ProblemLog, folder: Path, data: Mapping[str, Any], source_keys: set[str]
           ) -> tuple[Step, ...]:
    raw = _typed(ctx, data, "steps", list, "steps")
    if raw is None:
        return ()
    if not raw:
        ctx.add("steps", "danh sách bước đang trống: cần ít nhất một [[steps]]")
        return ()
    if len(raw) > MAX_STEPS:
        ctx.add("steps", f"quá nhiều bước ({len(raw)}); tối đa {MAX_STEPS}, hãy tách bài")
    audio = _audio_files(ctx, folder, len(raw))
    steps: list[Step] = []
    for i, item in enumerate(raw):
        where = f"steps[{i + 1}]"
        if not isinstance(item, dict):
            ctx.add(where, "mỗi bước là một bảng [[steps]]")
            continue
        _unknown(ctx, item, STEP_KEYS, where)
        title = _text(ctx, item, "title", f"{where}.title", "step.title")
        text = _text(ctx, item, "text", f"{where}.text", "step.text")
        voice = _text(ctx, item, "voice", f"{where}.voice", "step.voice", required=False)
        warning = _text(ctx, item, "warning", f"{where}.warning", "step.warning", required=False)
        tip = _text(ctx, item, "tip", f"{where}.tip", "step.tip", required=False)
        image = _image(ctx, folder, item, where)
        link = _url(ctx, item["link"], f"{where}.link") if item.get("link") else ""
        keys = _typed(ctx, item, "sources", list, f"{where}.sources", required=False) or []
        for key in keys:
            if not isinstance(key, str) or key not in source_keys:
                ctx.add(f"{where}.sources", f"nguồn “{key}” không có trong [[sources]]")
        unconfirmed = _typed(ctx, item, "unconfirmed", bool, f"{where}.unconfirmed",
                             required=False) or False
        voice_covers = _covers(ctx, item, "voice_covers", where)
        audio_covers = _covers(ctx, item, "audio_covers", where)
        if voice_covers and voice is None:
            ctx.add(f"{where}.voice_covers", "chỉ dùng khi bước có “voice”")
        if title and text:
            step = Step(title=title, text=text, image=image, voice=voice, warning=warning,
                        tip=tip, link=link, sources=tuple(str(k) for k in keys),
                        unconfirmed=unconfirmed, audio=audio.get(i + 1, {}),
                        voice_covers=voice_covers, audio_covers=audio_covers)
            _check_spoken(ctx, step, where)
            steps.append(step)
    return tuple(steps)


def _covers(ctx: ProblemLog, item: Mapping[str, Any], key: str, where: str) -> frozenset[str]:
    raw = _typed(ctx, item, key, list, f"{where}.{key}", required=False) or []
    bad = [v for v in raw if v not in COVERABLE]
    if bad:
        ctx.add(f"{where}.{key}", f"giá trị lạ {bad}; chỉ dùng: {', '.join(COVERABLE)}")
    return frozenset(v for v in raw if v in COVERABLE)


def _check_spoken(ctx: ProblemLog, step: Step, where: str) -> None:
    """Every warning and tip a reader sees must also be heard, in every language and audio.

    The model says them after a `voice` text unless `voice_covers` lists them; this checks that
    such a claim is true (the words are in the voice text) and that a recorded audio file
    declares, in `audio_covers`, that it says the warning and the tip (it is played alone).
    """
    for name, value in (("title", step.title), ("warning", step.warning), ("tip", step.tip)):
        if value is None:
            continue
        for lang in sorted(set(value.values) | {DEFAULT_LANG}):
            if not step.has_voice(lang) or name not in step.voice_covers:
                continue
            if not said_in(value.get(lang), step.voice.get(lang) if step.voice else ""):
                ctx.add(f"{where}.voice.{lang}",
                        f"“voice_covers” nói bước đã đọc {name} nhưng câu “{value.get(lang)}” "
                        "không có trong voice; hãy chép nguyên câu vào voice hoặc bỏ "
                        f"“{name}” khỏi voice_covers")
        if name == "title":
            continue
        for lang in sorted(step.audio):
            if name not in step.audio_covers:
                ctx.add(f"{where}.audio_covers",
                        f"bước có tệp ghi âm ({lang}) và có {name}: tệp ghi âm phải đọc cả "
                        f"{name}, rồi ghi audio_covers = [\"warning\", \"tip\"]")


def _image(ctx: ProblemLog, folder: Path, item: Mapping[str, Any], where: str) -> Path | None:
    rel = _typed(ctx, item, "image", str, f"{where}.image")
    if rel is None:
        return None
    path = safe_child(folder, rel)
    if path is None:
        ctx.add(f"{where}.image", f"đường dẫn không an toàn “{rel}”: ảnh phải nằm trong thư mục "
                                  "của bài (không dùng ../ hay đường dẫn tuyệt đối)")
        return None
    if path.suffix.lower() not in IMAGE_EXTS:
        ctx.add(f"{where}.image", f"loại ảnh không hỗ trợ “{path.suffix}”; dùng .svg hoặc .png")
        return None
    if not path.is_file():
        ctx.add(f"{where}.image", f"không tìm thấy tệp ảnh “{rel}”")
        return None
    if path.stat().st_size > MAX_IMAGE_BYTES:
        ctx.add(f"{where}.image", "ảnh quá lớn (tối đa 5 MB)")
        return None
    return path


def _audio_files(ctx: ProblemLog, folder: Path, n_steps: int) -> dict[int, dict[str, Path]]:
    out: dict[int, dict[str, Path]] = {}
    audio_dir = folder / "audio"
    if not audio_dir.is_dir():
        return out
    for f in sorted(audio_dir.iterdir()):
        m = AUDIO_RE.match(f.name)
        where = f"audio/{f.name}"
        if f.is_symlink() or not f.is_file():
            ctx.add(where, "tệp âm thanh phải là tệp thường trong thư mục audio/")
        elif not m:
            ctx.add(where, "tên tệp âm thanh phải có dạng step-03.vi.wav (bước, ngôn ngữ, đuôi)")
        elif not 1 <= int(m.group(1)) <= n_steps:
            ctx.add(where, f"bước {int(m.group(1))} không tồn tại (bài có {n_steps} bước)")
        elif f.stat().st_size > MAX_AUDIO_BYTES:
            ctx.add(where, "tệp âm thanh quá lớn (tối đa 20 MB)")
        else:
            out.setdefault(int(m.group(1)), {})[m.group(2)] = f
    return out


def load_categories(root: Path) -> tuple[list[Category], list[Problem]]:
    path = root / CATEGORIES_FILE
    if not path.is_file():
        return [], []
    ctx = ProblemLog(path)
    data = read_toml(ctx, path) or {}
    out: list[Category] = []
    for where, item in tables(ctx, data, "category", {"id", "icon", "title", "order"}, "nhóm"):
        cid = _typed(ctx, item, "id", str, where)
        title = _text(ctx, item, "title", f"{where}.title", "title")
        icon = _typed(ctx, item, "icon", str, where) or ""
        order = _typed(ctx, item, "order", int, where, required=False)
        if cid and title:
            out.append(Category(cid, icon, title, order if order is not None else 100))
    return out, ctx.problems


def load_pronunciation(root: Path) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    path = root / PRONUNCIATION_FILE
    if not path.is_file():
        return {}, []
    ctx = ProblemLog(path)
    data = read_toml(ctx, path) or {}
    out: dict[str, dict[str, str]] = {}
    for lang, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            ctx.add(lang, "mỗi ngôn ngữ là một bảng: \"chữ viết\" = \"cách đọc\"")
            continue
        out[lang] = dict(table)
    return out, ctx.problems


def load_catalogue(roots: Iterable[Path], *, first_overrides: bool = False,
                   parsed: ParsedToml | None = None) -> Catalogue:
    """Load every pack under ``roots`` (first root = bundled content). Never raises.

    ``first_overrides``: the first root is a content pack from the hub
    (:mod:`kiosk.content.packs`); its tutorials replace later roots' tutorials with the same
    id without a "duplicate" problem (the pack is the corrected version of them).
    ``parsed``: tables of unchanged tutorial files from the last load
    (:class:`kiosk.content.parsed.ParsedToml`); every one is still checked.
    """
    roots = [Path(r) for r in roots]
    overriding: set[str] = set()
    categories: dict[str, Category] = {}
    pronunciation: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for root in roots:
        cats, probs = load_categories(root)
        problems += probs
        for c in cats:
            categories.setdefault(c.id, c)
        table, probs = load_pronunciation(root)
        problems += probs
        for lang, entries in table.items():
            pronunciation.setdefault(lang, {}).update(entries)
    terms: list[Term] = []
    for root in roots:
        found, probs = load_glossary(root)
        problems += probs
        terms += found
    tutorials: dict[str, Tutorial] = {}
    for root in roots:
        if not root.is_dir():
            problems.append(Problem(root, "", "không tìm thấy thư mục nội dung"))
            continue
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            if folder.name.startswith((".", "_")):
                continue
            tut, probs = load_tutorial(folder, set(categories) or None, parsed)
            problems += probs
            if tut is None:
                log.warning("tutorial skipped: %s (%d problems)", folder.name, len(probs))
                continue
            if first_overrides and root == roots[0]:
                overriding.add(tut.id)
            elif tut.id in overriding:
                continue
            if tut.id in tutorials:
                problems.append(Problem(folder / TUTORIAL_FILE, "id",
                                        f"mã “{tut.id}” bị trùng với "
                                        f"{tutorials[tut.id].folder / TUTORIAL_FILE}"))
                continue
            tutorials[tut.id] = tut
            # Vocabulary slips are reported but do not hide the tutorial from citizens.
            problems += check_terms(tut, tuple(terms))
    ordered = sorted(tutorials.values(), key=lambda t: (t.order, t.id))
    cats = sorted(categories.values(), key=lambda c: (c.order, c.id))
    return Catalogue(tuple(cats), tuple(ordered), tuple(problems), pronunciation)
