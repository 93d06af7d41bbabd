"""Plain, frozen values for tutorial content: what the screen, the voice and the sheet share."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

DEFAULT_LANG = "vi"
# Parts of a step a `voice` text or a recorded audio file may declare it already says.
COVERABLE = ("title", "warning", "tip")


@dataclass(frozen=True)
class Text:
    """A text in several languages. Vietnamese is required; others fall back to it."""

    values: Mapping[str, str]

    def get(self, lang: str) -> str:
        return self.values.get(lang) or self.values.get(DEFAULT_LANG, "")

    def has(self, lang: str) -> bool:
        return bool(self.values.get(lang))


@dataclass(frozen=True)
class Source:
    key: str
    url: str
    title: str = ""


@dataclass(frozen=True)
class Step:
    title: Text
    text: Text
    image: Path | None
    voice: Text | None = None
    warning: Text | None = None
    tip: Text | None = None
    link: str = ""
    sources: tuple[str, ...] = ()
    unconfirmed: bool = False
    audio: Mapping[str, Path] = field(default_factory=dict)

    # What the step's own `voice` text already says (so it is not said twice).
    voice_covers: frozenset[str] = frozenset()
    # What a recorded audio file says besides title and text; the validator demands that it
    # covers the warning and the tip, since nothing is read after a recording.
    audio_covers: frozenset[str] = frozenset()

    def has_voice(self, lang: str) -> bool:
        """A `voice` text in exactly this language (never the Vietnamese one in English mode)."""
        return self.voice is not None and self.voice.has(lang)

    def spoken_parts(self, lang: str) -> list[str]:
        """The sentences the voice says, in order: title, text (or its `voice` form), warning, tip.

        A `voice` text replaces only the written text. The title, the warning and the tip are
        always said too, unless the step lists them in ``voice_covers`` (the validator then
        checks that the voice text really contains them), because audio-first users must hear
        every warning a reader sees.
        """
        voiced = self.has_voice(lang)
        covers = self.voice_covers if voiced else frozenset()
        body = self.voice.get(lang) if voiced and self.voice is not None else self.text.get(lang)
        parts = [] if "title" in covers else [self.title.get(lang)]
        parts.append(body)
        for name, value in (("warning", self.warning), ("tip", self.tip)):
            if value is not None and name not in covers:
                parts.append(value.get(lang))
        return [_sentence(p) for p in parts if p.strip()]

    def spoken(self, lang: str) -> str:
        """What the voice says for this step, as one text (see :meth:`spoken_parts`)."""
        return " ".join(self.spoken_parts(lang))


def said_in(needle: str, haystack: str) -> bool:
    """Whether ``needle``'s words appear, in order and together, in ``haystack``.

    Case, punctuation and spacing are ignored, so "Đừng bấm link!" is said in "... đừng bấm
    link, hãy ...". Used to check a `voice` text that claims to say a step's warning.
    """
    words = _words(needle)
    return bool(words) and f" {words} " in f" {_words(haystack)} "


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?:" else text + "."


@dataclass(frozen=True)
class Said:
    """A text shown on screen, with an optional `voice` form for where it reads badly aloud
    (an unaccented SMS, a code, a symbol). Spoken in the same language as it is shown."""

    text: Text
    voice: Text | None = None

    def shown(self, lang: str) -> str:
        return self.text.get(lang)

    def said(self, lang: str) -> str:
        if self.voice is not None and self.voice.has(lang):
            return self.voice.get(lang)
        return self.text.get(lang)


#: A practice button or entry whose ``next`` is this ends the practice (it is not a screen).
PRACTICE_DONE = "done"
#: What a pretend phone screen shows: a text message, an incoming call, an app, a web page.
PRACTICE_KINDS = ("sms", "call", "app", "web")


@dataclass(frozen=True)
class PracticeButton:
    """A touch on the pretend phone. With ``next`` it is right (go to that screen, or
    :data:`PRACTICE_DONE`); without, it is a wrong touch and ``hint`` says why, gently."""

    id: str
    label: Text
    next: str = ""
    hint: Said | None = None

    @property
    def right(self) -> bool:
        return bool(self.next)


@dataclass(frozen=True)
class PracticeEntry:
    """Pretend digits typed on the kiosk's keypad (an OTP, a passcode, a phone number).

    ``answer`` is the pretend code asked for; without one every entry is wrong (the screen
    teaches a button instead, e.g. "Quên passcode"). The typed digits live only in the
    player's memory: never stored, never logged.
    """

    label: Text
    length: int
    hint: Said
    answer: str = ""
    next: str = ""


@dataclass(frozen=True)
class PracticeField:
    label: Text
    value: Text


@dataclass(frozen=True)
class PhoneScreen:
    id: str
    kind: str
    heading: Text
    ask: Said
    right: Said
    body: Said | None = None
    fields: tuple[PracticeField, ...] = ()
    buttons: tuple[PracticeButton, ...] = ()
    entry: PracticeEntry | None = None
    unconfirmed: bool = False

    def spoken_parts(self, lang: str) -> list[str]:
        """What the voice says on this screen: the phone's heading and message, then the
        instruction, so a first-time user can follow by ear alone."""
        parts = [self.heading.get(lang)]
        if self.body is not None:
            parts.append(self.body.said(lang))
        parts += [f"{f.label.get(lang)}: {f.value.get(lang)}" for f in self.fields]
        parts.append(self.ask.said(lang))
        return [_sentence(p) for p in parts if p.strip()]

    def spoken(self, lang: str) -> str:
        return " ".join(self.spoken_parts(lang))

    def ways_on(self) -> list[str]:
        """The screens (or :data:`PRACTICE_DONE`) a right touch or entry leads to."""
        out = [b.next for b in self.buttons if b.next]
        if self.entry is not None and self.entry.next:
            out.append(self.entry.next)
        return out


@dataclass(frozen=True)
class Practice:
    """A safe rehearsal next to a tutorial (``<id>/practice.toml``): screens of a pretend
    phone, what to do on each, a hint after a wrong touch and praise after a right one."""

    tutorial_id: str
    title: Text
    intro: Said
    done: Said
    screens: tuple[PhoneScreen, ...]

    def index_of(self, screen_id: str) -> int:
        return next((i for i, s in enumerate(self.screens) if s.id == screen_id), -1)


@dataclass(frozen=True)
class Tutorial:
    id: str
    category: str
    icon: str
    minutes: int
    title: Text
    summary: Text
    bring: Mapping[str, tuple[str, ...]]
    last_reviewed: date
    sources: tuple[Source, ...]
    steps: tuple[Step, ...]
    folder: Path
    official_link: str = ""
    order: int = 100
    practice: Practice | None = None

    def bring_list(self, lang: str) -> tuple[str, ...]:
        return self.bring.get(lang) or self.bring.get(DEFAULT_LANG, ())

    def languages(self) -> set[str]:
        langs = set(self.title.values)
        for step in self.steps:
            langs &= set(step.text.values) | {DEFAULT_LANG}
        return langs


@dataclass(frozen=True)
class Category:
    id: str
    icon: str
    title: Text
    order: int = 100


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a content pack, phrased for the person who edits the file."""

    file: Path
    where: str
    message: str

    def __str__(self) -> str:
        where = f" [{self.where}]" if self.where else ""
        return f"{self.file}{where}: {self.message}"


@dataclass(frozen=True)
class Catalogue:
    categories: tuple[Category, ...]
    tutorials: tuple[Tutorial, ...]
    problems: tuple[Problem, ...] = ()
    pronunciation: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: Still being read (:meth:`pending`): the screens say "loading", not "no tutorials".
    loading: bool = False

    @classmethod
    def pending(cls) -> Catalogue:
        """The empty catalogue a kiosk holds while its content is read off the GUI thread;
        the content read is then :meth:`adopt`-ed into it (``ui.content``)."""
        return cls((), (), loading=True)

    def adopt(self, other: Catalogue) -> None:
        """Take ``other``'s content in place.

        Every screen holds this one object; the content read after start-up, and a content
        pack from the hub between visitors, are switched in by the GUI thread
        (``ui.content.ContentSwap``) so that each screen's next fill shows it. The only
        mutation of a catalogue; nothing else changes one.
        """
        for f in fields(self):
            object.__setattr__(self, f.name, getattr(other, f.name))

    def by_id(self, tutorial_id: str) -> Tutorial | None:
        return next((t for t in self.tutorials if t.id == tutorial_id), None)

    def in_category(self, category_id: str) -> tuple[Tutorial, ...]:
        return tuple(t for t in self.tutorials if t.category == category_id)
