"""Which of a tutorial's sources a printed sheet cites, and which official page it points to.

Authors keep every source they used in ``tutorial.toml`` (press articles included), but a
sheet handed to a citizen who is being taught "only trust official pages" prints official
pages first: :func:`printed_sources` gives the official ones, or the established press when
no official source exists, and never anything else (a game/how-to blog, a commercial news
aggregator). The domain lists live in ``resources/lists/source-domains.toml`` so staff can
extend them without a developer. :func:`official_page` is the address the sheet's QR code
opens: the tutorial's ``official_link``, else its first official source. Pure; any thread.
"""

from __future__ import annotations

import logging
import tomllib
from enum import StrEnum
from functools import cache
from urllib.parse import urlsplit

from kiosk.content.model import Source, Tutorial
from kiosk.paths import resource_path

DOMAINS_FILE = ("lists", "source-domains.toml")
log = logging.getLogger(__name__)


class SourceKind(StrEnum):
    OFFICIAL = "official"
    PRESS = "press"
    OTHER = "other"


@cache
def _domains() -> tuple[tuple[str, ...], tuple[str, ...]]:
    try:
        data = tomllib.loads(resource_path(*DOMAINS_FILE).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        # A sheet still prints: government pages only, never an unknown site.
        log.warning("source domain list unreadable (%s); printing gov.vn sources only",
                    type(exc).__name__)
        data = {"official": ["gov.vn"], "press": []}
    official = tuple(str(d).lower().strip(".") for d in data.get("official", []))
    press = tuple(str(d).lower().strip(".") for d in data.get("press", []))
    return official, press


def _matches(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def source_kind(url: str) -> SourceKind:
    """Official (government, police, BHXH, banks), established press, or other."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return SourceKind.OTHER
    official, press = _domains()
    if host and _matches(host, official):
        return SourceKind.OFFICIAL
    if host and _matches(host, press):
        return SourceKind.PRESS
    return SourceKind.OTHER


def printed_sources(tutorial: Tutorial) -> tuple[Source, ...]:
    """The sources a sheet prints: official ones; press only if there is no official one."""
    official = tuple(s for s in tutorial.sources if source_kind(s.url) is SourceKind.OFFICIAL)
    if official:
        return official
    return tuple(s for s in tutorial.sources if source_kind(s.url) is SourceKind.PRESS)


def official_page(tutorial: Tutorial) -> str:
    """The official page the sheet's QR code opens ("" when the tutorial has none)."""
    if tutorial.official_link:
        return tutorial.official_link
    for s in tutorial.sources:
        if source_kind(s.url) is SourceKind.OFFICIAL:
            return s.url
    return ""
