"""What to have ready for a queue service: the bring-list printed on the ticket and said aloud.

A citizen who queues without the chip căn cước or the phone with their own SIM wastes the
trip, so the ticket says what to have ready. The list is not written twice: it comes from the
``bring`` lists of the service's tutorials (``resources/tutorials/*/tutorial.toml``), the same
lines the how-to sheet prints under "Cần mang theo".

The rule (:func:`bring_items`), in one place for the ticket PDF, the ticket screen and the
voice:

- the tutorial the citizen came from (a number taken with "Hỏi tình nguyện viên"), then the
  service's tutorials in the order staff listed them;
- the first line of every tutorial before the second line of any (authors put the most
  important thing first), so one long list cannot crowd out the others;
- a line already on the list is not repeated: compared without case, accents, extra spaces or a
  trailing "(bản gốc)"-style remark in brackets ("Thẻ căn cước gắn chip (bản gốc)" and "Thẻ
  căn cước gắn chip" are one line), nor a line that only adds words after another ("Điện
  thoại có VNeID đã kích hoạt" after "Điện thoại có VNeID");
- the tutorial the citizen came from keeps all its lines first; then a thing several
  tutorials ask for goes first;
- at most :data:`MAX_ITEMS` lines, each at most :data:`MAX_CHARS` characters (the content
  loader already bounds a line at 80), so it fits a 58 mm ticket and the ticket screen at
  1366×768.

Vietnamese decides what is a duplicate; the English of the same line (same position in the
tutorial's ``en`` list) is shown in English. Pure; any thread.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.content.model import Tutorial
    from kiosk.queue import ServiceInfo

#: Lines on a ticket: what fits a 58 mm roll without the ticket turning into a receipt scroll,
#: and what the ticket screen shows beside the number at 1366×768.
MAX_ITEMS = 4
#: Characters of one line (the content loader bounds ``bring`` lines at 80 already).
MAX_CHARS = 80

_BRACKETS = re.compile(r"\s*\([^)]*\)\s*")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class BringItem:
    """One thing to have ready, in Vietnamese and English (English may be empty)."""

    vi: str
    en: str = ""

    def text(self, lang: str = "vi") -> str:
        return self.en if lang == "en" and self.en else self.vi


def _key(text: str) -> str:
    """What makes two lines "the same thing": no case, accents, brackets or extra spaces."""
    plain = _BRACKETS.sub(" ", text)
    decomposed = unicodedata.normalize("NFD", plain.casefold().replace("đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare).strip(" .,;:")


def _same(a: str, b: str) -> bool:
    """One line says the same as the other, or the other with more words after it ("Điện
    thoại có VNeID" and "Điện thoại có VNeID đã kích hoạt")."""
    short, long_ = sorted((a, b), key=len)
    return bool(short) and (long_ == short or long_.startswith(short + " ")
                            or long_.startswith(short + ","))


def _clip(text: str) -> str:
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS - 1].rstrip() + "…"


def bring_items(service: ServiceInfo, tutorial: Callable[[str], Tutorial | None],
                tutorial_id: str | None = None, limit: int = MAX_ITEMS
                ) -> tuple[BringItem, ...]:
    """The things to have ready for ``service`` (see the module docstring for the rule).

    ``tutorial`` looks a tutorial up by id (``catalogue.by_id``); unknown ids are skipped.
    ``tutorial_id``: the tutorial the ticket was taken from, if any (its lines come first).
    """
    ids: list[str] = []
    for tid in ([tutorial_id] if tutorial_id else []) + list(service.tutorials):
        if tid not in ids:
            ids.append(tid)
    lists: list[tuple[bool, tuple[str, ...], tuple[str, ...]]] = []
    for tid in ids:
        t = tutorial(tid)
        if t is not None:
            lists.append((tid == tutorial_id, tuple(t.bring.get("vi", ())),
                          tuple(t.bring.get("en", ()))))
    order: list[BringItem] = []
    keys: list[str] = []
    asked: list[int] = []  # how many tutorials ask for each item
    own: list[bool] = []  # asked for by the tutorial the citizen came from
    longest = max((len(vi) for _own, vi, _en in lists), default=0)
    for row in range(longest):  # round robin: every first line, then every second line, ...
        for mine, vi_list, en_list in lists:
            if row >= len(vi_list) or not vi_list[row].strip():
                continue
            key = _key(vi_list[row])
            same = next((i for i, k in enumerate(keys) if _same(k, key)), None)
            if same is not None:
                asked[same] += 1
                own[same] = own[same] or mine
                continue
            keys.append(key)
            order.append(BringItem(_clip(vi_list[row]),
                                   _clip(en_list[row]) if row < len(en_list) else ""))
            asked.append(1)
            own.append(mine)
    # Stable sort: the citizen's own tutorial first, then what most tutorials ask for; ties
    # keep the round-robin order.
    ranked = sorted(range(len(order)), key=lambda i: (not own[i], -asked[i]))
    return tuple(order[i] for i in ranked[:max(0, limit)])


def bring_list_for(service: ServiceInfo, tutorial: Callable[[str], Tutorial | None],
                   lang: str = "vi", tutorial_id: str | None = None,
                   limit: int = MAX_ITEMS) -> list[str]:
    """:func:`bring_items` as the lines of one language."""
    return [item.text(lang) for item in bring_items(service, tutorial, tutorial_id, limit)]
