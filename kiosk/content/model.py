"""Plain, frozen values for tutorial content: what the screen, the voice and the sheet share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

DEFAULT_LANG = "vi"


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

    def spoken(self, lang: str) -> str:
        """What the voice says for this step: voice text if given, else title, text, warning."""
        if self.voice is not None and self.voice.get(lang):
            return self.voice.get(lang)
        parts = [self.title.get(lang), self.text.get(lang)]
        if self.warning is not None:
            parts.append(self.warning.get(lang))
        if self.tip is not None:
            parts.append(self.tip.get(lang))
        return " ".join(_sentence(p) for p in parts if p)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?:" else text + "."


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

    def by_id(self, tutorial_id: str) -> Tutorial | None:
        return next((t for t in self.tutorials if t.id == tutorial_id), None)

    def in_category(self, category_id: str) -> tuple[Tutorial, ...]:
        return tuple(t for t in self.tutorials if t.category == category_id)
