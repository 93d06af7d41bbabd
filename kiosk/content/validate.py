"""``help-kiosk content check``: every problem in a content pack, or a summary when clean.

Also the rules a practice (``<tutorial>/practice.toml``) must keep, checked whole when it is
loaded (:func:`practice_problems`): every screen reachable and every one leading on to the
end, a spoken hint on every wrong path, only pretend phone numbers and codes (nothing that
looks like a real phone number or a personal ID number), and every text speakable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.loader import load_catalogue
from kiosk.content.model import PRACTICE_DONE, Catalogue, Practice, Problem, Said, Text

#: Pretend phone numbers a practice may show or ask for. Each starts with 000: no Vietnamese
#: number does (a national number starts 0 + a non-zero code; 00 begins an international
#: call), so none of them can ring a real person.
PRETEND_PHONES = frozenset({"0000123456", "0000111222", "0000999888"})
#: Pretend OTPs, passcodes and PINs: patterns no one would take for a code they received.
PRETEND_CODES = frozenset({"1234", "123456", "246810", "135790", "112233", "654321"})
# Digits with spaces, dots or hyphens between groups ("0000 123 456", "0790.1234.5678").
_GROUPED_DIGITS = re.compile(r"(?<![\d])\+?\d(?:[ .\-]?\d)*(?![\d])")
_DIGIT_RUN = re.compile(r"\d+")
# What a voice cannot say well: a text with one of these needs a `*_voice` form without.
# ("xã/phường" is fine: the pronunciation table says it.)
UNSPEAKABLE = re.compile(r"://|www\.|[<>\[\]{}|\\^~*_=+@#$%&→←•…]")


@dataclass(frozen=True)
class Summary:
    tutorials: int
    steps: int
    languages: tuple[str, ...]
    images: int
    audio: int
    practices: int = 0

    def __str__(self) -> str:
        return (f"Nội dung hợp lệ: {self.tutorials} bài hướng dẫn, {self.steps} bước, "
                f"ngôn ngữ: {', '.join(self.languages)}, {self.images} hình, "
                f"{self.audio} tệp âm thanh, {self.practices} bài tập thử.")


def summarise(cat: Catalogue) -> Summary:
    langs: set[str] = set()
    steps = images = audio = 0
    for t in cat.tutorials:
        langs |= set(t.title.values)
        steps += len(t.steps)
        images += sum(1 for s in t.steps if s.image)
        audio += sum(len(s.audio) for s in t.steps)
    practices = sum(1 for t in cat.tutorials if t.practice is not None)
    return Summary(len(cat.tutorials), steps, tuple(sorted(langs)), images, audio, practices)


def check(roots: Iterable[Path]) -> tuple[Catalogue, Summary]:
    cat = load_catalogue(roots)
    return cat, summarise(cat)


# -- practices ---------------------------------------------------------------------------------

def practice_problems(practice: Practice, path: Path) -> list[Problem]:
    """Every rule a practice breaks (empty when it may be shown), naming the screen/field."""
    out: list[Problem] = []

    def add(where: str, message: str) -> None:
        out.append(Problem(path, where, message))

    ids = [s.id for s in practice.screens]
    for sid in sorted({i for i in ids if ids.count(i) > 1}):
        add("screens", f"mã màn hình “{sid}” bị trùng")
    if PRACTICE_DONE in ids:
        add("screens", f"“{PRACTICE_DONE}” là tên dành cho kết thúc, không đặt cho màn hình")
    known = set(ids) | {PRACTICE_DONE}
    for n, screen in enumerate(practice.screens, 1):
        where = f"screens[{n - 1}] ({screen.id})"
        bids = [b.id for b in screen.buttons]
        for bid in sorted({b for b in bids if bids.count(b) > 1}):
            add(where, f"mã nút “{bid}” bị trùng")
        for b in screen.buttons:
            if b.next and b.next not in known:
                add(f"{where}.buttons.{b.id}.next", f"không có màn hình “{b.next}”")
            if b.next and b.hint is not None:
                add(f"{where}.buttons.{b.id}", "nút đúng (có next) không cần hint; nút sai "
                                               "(không có next) mới cần hint")
            if not b.next and b.hint is None:
                add(f"{where}.buttons.{b.id}", "chạm sai mà không có gợi ý: thêm “hint” (câu "
                                               "đọc to khi người dân bấm nút này)")
        entry = screen.entry
        if entry is not None and entry.next and entry.next not in known:
            add(f"{where}.entry.next", f"không có màn hình “{entry.next}”")
        if not screen.ways_on():
            add(where, "màn hình không có đường đi tiếp: cần một nút có “next” hoặc ô nhập "
                       "có “answer” và “next”")
    if out:
        return out
    graph = {s.id: s.ways_on() for s in practice.screens}
    reachable = _reach(graph, practice.screens[0].id) if practice.screens else set()
    for s in practice.screens:
        if s.id not in reachable:
            add(f"screens ({s.id})", "không đi tới được màn hình này từ màn hình đầu")
        elif PRACTICE_DONE not in _reach(graph, s.id):
            add(f"screens ({s.id})", "từ màn hình này không đi tới được kết thúc (done)")
    for where, value in _practice_texts(practice):
        for problem in pretend_number_problems(value):
            add(where, problem)
    for where, said in _said_parts(practice):
        for lang in sorted(set(said.text.values) | set(said.voice.values if said.voice else {})):
            spoken = said.said(lang)
            if UNSPEAKABLE.search(spoken):
                add(f"{where}.{lang}", f"câu đọc to có ký hiệu giọng đọc không nói được: "
                                       f"“{spoken[:60]}”; thêm bản “_voice” viết thành lời")
    for s in practice.screens:
        if s.entry is not None and s.entry.answer and \
                s.entry.answer not in PRETEND_CODES | PRETEND_PHONES:
            add(f"screens ({s.id}).entry.answer",
                f"đáp án “{s.entry.answer}” không có trong danh sách số tập; dùng một trong: "
                f"{', '.join(sorted(PRETEND_CODES | PRETEND_PHONES))}")
    return out


def pretend_number_problems(text: str) -> list[str]:
    """Why ``text`` shows a number that could be real (a phone, an ID number, a code)."""
    out: list[str] = []
    for m in _GROUPED_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if digits in PRETEND_PHONES:
            continue
        if len(digits) == 12:
            out.append(f"“{m.group(0)}” trông như số định danh cá nhân (12 số): không dùng; "
                       "ghi “(số tập, đã điền sẵn)”")
        elif len(digits) in (10, 11) and digits.startswith(("0", "84")):
            out.append(f"“{m.group(0)}” trông như số điện thoại thật; chỉ dùng số tập: "
                       f"{', '.join(sorted(PRETEND_PHONES))}")
        elif len(digits) > 12:
            out.append(f"“{m.group(0)}”: dãy số dài trông như số thật")
    for m in _DIGIT_RUN.finditer(text):
        run = m.group(0)
        if 6 <= len(run) <= 8 and run not in PRETEND_CODES:
            out.append(f"mã “{run}” trông như mã thật; chỉ dùng mã tập: "
                       f"{', '.join(sorted(PRETEND_CODES))}")
        elif len(run) == 9:
            out.append(f"“{run}” trông như số chứng minh nhân dân (9 số): không dùng")
    return out


def _reach(graph: dict[str, list[str]], start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in graph.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _said_parts(practice: Practice) -> Iterator[tuple[str, Said]]:
    """Every text the voice says, with where it is (for the speakable rule)."""
    yield "intro", practice.intro
    yield "done", practice.done
    for i, s in enumerate(practice.screens):
        where = f"screens[{i}] ({s.id})"
        yield f"{where}.heading", Said(s.heading)
        if s.body is not None:
            yield f"{where}.body", s.body
        yield f"{where}.ask", s.ask
        yield f"{where}.right", s.right
        for f in s.fields:
            yield f"{where}.fields", Said(f.label)
            yield f"{where}.fields", Said(f.value)
        for b in s.buttons:
            yield f"{where}.buttons.{b.id}.label", Said(b.label)
            if b.hint is not None:
                yield f"{where}.buttons.{b.id}.hint", b.hint
        if s.entry is not None:
            yield f"{where}.entry.label", Said(s.entry.label)
            yield f"{where}.entry.hint", s.entry.hint


def _practice_texts(practice: Practice) -> Iterator[tuple[str, str]]:
    """Every text a practice shows or says, in every language (for the pretend-number rule)."""
    def texts(where: str, value: Text | Said | None) -> Iterator[tuple[str, str]]:
        if isinstance(value, Said):
            yield from texts(where, value.text)
            yield from texts(f"{where}_voice", value.voice)
        elif value is not None:
            for lang, text in value.values.items():
                yield f"{where}.{lang}", text

    yield from texts("title", practice.title)
    yield from texts("intro", practice.intro)
    yield from texts("done", practice.done)
    for i, s in enumerate(practice.screens):
        where = f"screens[{i}] ({s.id})"
        for name, value in (("heading", s.heading), ("body", s.body), ("ask", s.ask),
                            ("right", s.right)):
            yield from texts(f"{where}.{name}", value)
        for f in s.fields:
            yield from texts(f"{where}.fields", f.label)
            yield from texts(f"{where}.fields", f.value)
        for b in s.buttons:
            yield from texts(f"{where}.buttons.{b.id}", b.label)
            yield from texts(f"{where}.buttons.{b.id}.hint", b.hint)
        if s.entry is not None:
            yield from texts(f"{where}.entry.label", s.entry.label)
            yield from texts(f"{where}.entry.hint", s.entry.hint)
