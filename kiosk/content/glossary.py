"""One vocabulary for every tutorial: ``resources/tutorials/glossary.toml``.

Elderly users learn a word once ("tài khoản mức 2", "passcode", "thẻ căn cước"); a second name
for the same thing makes them think it is a second thing. The glossary lists, per language, the
preferred term and the words to avoid; ``help-kiosk content check`` names every place where an
avoided word appears, with the word to use instead. Matching is case-sensitive (so "Công an
xã/phường" can be preferred over "công an xã/phường") and on whole words; a phrase listed in
``allow`` (e.g. "thẻ căn cước công dân cũ") is not flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kiosk.content.model import DEFAULT_LANG, Problem, Text, Tutorial

GLOSSARY_FILE = "glossary.toml"
TERM_KEYS = {"lang", "preferred", "avoid", "allow", "note"}


@dataclass(frozen=True)
class Term:
    lang: str
    preferred: str
    avoid: tuple[str, ...]
    allow: tuple[str, ...] = ()
    note: str = ""

    def found_in(self, text: str) -> list[str]:
        """The avoided words in ``text`` (outside any allowed phrase)."""
        for phrase in self.allow:
            text = text.replace(phrase, " ")
        # A plain substring test first: a word that is not in the text at all (nearly every
        # word of every text) needs no regular expression. Loading 1,525 tutorials spent half
        # its time here building and running them (docs/benchmarks.md, session 4).
        return [word for word in self.avoid if word in text and _whole_word(word).search(text)]


@cache
def _whole_word(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")


def load_glossary(root: Path) -> tuple[tuple[Term, ...], list[Problem]]:
    """The terms in ``root/glossary.toml`` (none if the file is absent) and its problems."""
    from kiosk.content.loader import (  # loader imports us
        LANG_RE,
        ProblemLog,
        read_toml,
        tables,
    )

    path = root / GLOSSARY_FILE
    if not path.is_file():
        return (), []
    ctx = ProblemLog(path)
    data = read_toml(ctx, path) or {}
    terms: list[Term] = []
    for where, item in tables(ctx, data, "term", TERM_KEYS, "thuật ngữ"):
        lang = item.get("lang", DEFAULT_LANG)
        preferred = item.get("preferred")
        avoid = item.get("avoid")
        allow = item.get("allow", [])
        if not isinstance(lang, str) or not LANG_RE.match(lang):
            ctx.add(f"{where}.lang", "mã ngôn ngữ lạ (dùng vi, en, ...)")
        elif not isinstance(preferred, str) or not preferred.strip():
            ctx.add(f"{where}.preferred", "cần từ nên dùng (một chuỗi chữ)")
        elif not _strings(avoid) or not avoid:
            ctx.add(f"{where}.avoid", "cần danh sách các từ tránh dùng")
        elif not _strings(allow):
            ctx.add(f"{where}.allow", "cần danh sách các cụm từ được phép")
        else:
            terms.append(Term(lang, preferred, tuple(avoid), tuple(allow),
                              str(item.get("note", ""))))
    return tuple(terms), ctx.problems


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _texts(t: Tutorial) -> Iterator[tuple[str, Text | None]]:
    yield "title", t.title
    yield "summary", t.summary
    for n, step in enumerate(t.steps, 1):
        for name in ("title", "text", "voice", "warning", "tip"):
            yield f"steps[{n}].{name}", getattr(step, name)


def check_terms(t: Tutorial, terms: tuple[Term, ...]) -> list[Problem]:
    """One problem per avoided word in a tutorial, naming the field and the word to use."""
    path = t.folder / "tutorial.toml"
    out: list[Problem] = []
    for where, text in _texts(t):
        if text is None:
            continue
        for term in terms:
            value = text.values.get(term.lang)
            for word in term.found_in(value or ""):
                note = f" ({term.note})" if term.note else ""
                out.append(Problem(path, f"{where}.{term.lang}",
                                   f"dùng “{term.preferred}” thay cho “{word}” "
                                   f"theo {GLOSSARY_FILE}{note}"))
    for lang, items in t.bring.items():
        for term in (x for x in terms if x.lang == lang):
            for item in items:
                for word in term.found_in(item):
                    out.append(Problem(path, f"bring.{lang}",
                                       f"dùng “{term.preferred}” thay cho “{word}” "
                                       f"theo {GLOSSARY_FILE}"))
    return out
