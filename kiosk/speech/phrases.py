"""Recorded phrase sets for languages no speech engine speaks (first: Cơ Tu, ISO 639-3 ``ktv``).

There is no Cơ Tu text-to-speech and two competing spellings (shared/domain/facts.md §7), so the
kiosk never writes or synthesises Cơ Tu: a speaker from the community records a small fixed set
of phrases, and the kiosk plays them. Until someone records them, each file is a placeholder
(a neutral tone, not words) and ``placeholder = true`` says so; the staff content tab shows every
placeholder so nobody takes a tone for a translation. How to record: docs/co-tu-recording.md.

Layout: ``resources/phrases/<lang>/phrases.toml`` plus one audio file per phrase.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.loader import LANG_RE, ProblemLog, read_toml, safe_child, tables
from kiosk.content.model import Problem

log = logging.getLogger(__name__)

PHRASES_FILE = "phrases.toml"
# The fixed set (content review §3.5, issue 15 item 7): what a Cơ Tu speaker must be able to
# hear at the help point. The Vietnamese meaning is what the recorder is asked to say.
PHRASE_IDS: Mapping[str, str] = {
    "greeting": "Xin chào, mời bác vào. Ở đây có người giúp dùng điện thoại.",
    "please_wait": "Xin bác chờ một chút.",
    "your_number_is": "Số của bác là… (sau đó máy đọc số bằng tiếng Việt)",
    "ask_volunteer": "Bác hỏi tình nguyện viên nhé, họ sẽ giúp.",
}
AUDIO_EXTS = {".wav", ".ogg", ".mp3"}
MAX_AUDIO_BYTES = 5 * 1024 * 1024
SET_KEYS = {"language", "name", "speaker_lang", "phrase"}
PHRASE_KEYS = {"id", "file", "placeholder", "recorded_by", "recorded_on", "meaning_vi", "note"}


@dataclass(frozen=True)
class Phrase:
    id: str
    audio: Path
    placeholder: bool
    meaning_vi: str


@dataclass(frozen=True)
class PhraseSet:
    """One language's recordings; ``speaker_lang`` is the TTS language used around them."""

    language: str
    name: str
    speaker_lang: str
    phrases: Mapping[str, Phrase] = field(default_factory=dict)

    def audio(self, phrase_id: str) -> Path | None:
        phrase = self.phrases.get(phrase_id)
        return phrase.audio if phrase is not None else None

    def placeholders(self) -> list[str]:
        return [p.id for p in self.phrases.values() if p.placeholder]

    def status_line(self, lang: str = "vi") -> str:
        """What the staff content tab (in ``lang``) and ``content check`` (Vietnamese) show,
        so a placeholder is never mistaken for Cơ Tu."""
        temp = self.placeholders()
        n, name, ids = len(self.phrases), self.name, ", ".join(temp)
        if lang == "en":
            line = f"{name} audio ({self.language}): {n} recorded phrases"
            if temp:
                return (line + f"; {len(temp)} are PLACEHOLDERS (a chime, not {name} words): "
                        f"{ids}. A {name} speaker needs to record them "
                        "(see docs/co-tu-recording.md).")
            return line + ", all recorded."
        line = f"Âm thanh {name} ({self.language}): {n} câu ghi âm"
        if temp:
            return (line + f"; {len(temp)} câu là BẢN TẠM (tiếng chuông, chưa phải lời "
                    f"{name}): {ids}. Cần người {name} ghi âm "
                    "(xem docs/co-tu-recording.md).")
        return line + ", đã ghi âm đủ."


def load_phrase_sets(root: Path) -> tuple[dict[str, PhraseSet], list[Problem]]:
    """Every ``root/<lang>/phrases.toml``; a set with any problem is refused whole."""
    sets: dict[str, PhraseSet] = {}
    problems: list[Problem] = []
    if not root.is_dir():
        return sets, problems
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        found, probs = _load_set(folder)
        problems += probs
        if found is not None:
            sets[found.language] = found
    return sets, problems


def _load_set(folder: Path) -> tuple[PhraseSet | None, list[Problem]]:
    ctx = ProblemLog(folder / PHRASES_FILE)
    data = read_toml(ctx, folder / PHRASES_FILE)
    if data is None:
        return None, ctx.problems
    for key in sorted(set(data) - SET_KEYS):
        ctx.add(key, f"mục lạ “{key}”; dùng: {', '.join(sorted(SET_KEYS))}")
    lang = data.get("language")
    if not isinstance(lang, str) or not LANG_RE.match(lang) or lang != folder.name:
        ctx.add("language", f"mã ngôn ngữ phải trùng tên thư mục “{folder.name}”")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        ctx.add("name", "cần tên ngôn ngữ, ví dụ name = \"Cơ Tu\"")
    speaker_lang = data.get("speaker_lang", "vi")
    phrases: dict[str, Phrase] = {}
    for where, item in tables(ctx, data, "phrase", PHRASE_KEYS, "câu"):
        pid, rel, placeholder = item.get("id"), item.get("file"), item.get("placeholder")
        if not isinstance(pid, str) or pid not in PHRASE_IDS:
            ctx.add(f"{where}.id", f"câu lạ “{pid}”; có: {', '.join(PHRASE_IDS)}")
            continue
        if not isinstance(placeholder, bool):
            ctx.add(f"{where}.placeholder", "ghi rõ placeholder = true (bản tạm) hoặc false")
            continue
        if not placeholder and not (item.get("recorded_by") and item.get("recorded_on")):
            ctx.add(where, "bản ghi thật cần recorded_by và recorded_on (ai ghi, ngày nào)")
        path = safe_child(folder, rel) if isinstance(rel, str) else None
        if path is None or path.suffix.lower() not in AUDIO_EXTS or not path.is_file():
            ctx.add(f"{where}.file", f"không có tệp âm thanh hợp lệ “{rel}” (.wav, .ogg, .mp3 "
                                     "trong thư mục này)")
            continue
        if path.is_symlink() or path.stat().st_size > MAX_AUDIO_BYTES:
            ctx.add(f"{where}.file", "tệp âm thanh phải là tệp thường, tối đa 5 MB")
            continue
        phrases[pid] = Phrase(pid, path, placeholder, PHRASE_IDS[pid])
    missing = [p for p in PHRASE_IDS if p not in phrases]
    if missing and not ctx.problems:
        ctx.add("phrase", f"thiếu câu: {', '.join(missing)}")
    if ctx.problems:
        log.warning("phrase set refused: %s (%d problems)", folder.name, len(ctx.problems))
        return None, ctx.problems
    return PhraseSet(str(lang), str(name), str(speaker_lang), phrases), []
