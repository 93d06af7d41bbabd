"""``help-kiosk content check``: every problem in a content pack, or a summary when clean."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue


@dataclass(frozen=True)
class Summary:
    tutorials: int
    steps: int
    languages: tuple[str, ...]
    images: int
    audio: int

    def __str__(self) -> str:
        return (f"Nội dung hợp lệ: {self.tutorials} bài hướng dẫn, {self.steps} bước, "
                f"ngôn ngữ: {', '.join(self.languages)}, {self.images} hình, "
                f"{self.audio} tệp âm thanh.")


def summarise(cat: Catalogue) -> Summary:
    langs: set[str] = set()
    steps = images = audio = 0
    for t in cat.tutorials:
        langs |= set(t.title.values)
        steps += len(t.steps)
        images += sum(1 for s in t.steps if s.image)
        audio += sum(len(s.audio) for s in t.steps)
    return Summary(len(cat.tutorials), steps, tuple(sorted(langs)), images, audio)


def check(roots: Iterable[Path]) -> tuple[Catalogue, Summary]:
    cat = load_catalogue(roots)
    return cat, summarise(cat)
