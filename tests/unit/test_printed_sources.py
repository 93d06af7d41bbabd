"""Sheets cite official sources first (outputs review, defect 12).

Sheets teach "only trust official pages", so "Nguồn" on paper lists government, police,
BHXH and bank pages; press articles only when no official source exists; never a site like
gamehov.com. Every tutorial with an official page gets a QR code to it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.content.loader import load_catalogue
from kiosk.content.model import Source, Text, Tutorial
from kiosk.content.sources import SourceKind, official_page, printed_sources, source_kind
from kiosk.paths import resource_path


@pytest.mark.parametrize(("url", "kind"), [
    ("https://vneid.gov.vn/", SourceKind.OFFICIAL),
    ("http://eaphe.krongpac.daklak.gov.vn/huong-dan-5142.html", SourceKind.OFFICIAL),
    ("https://baohiemxahoi.gov.vn/", SourceKind.OFFICIAL),
    ("https://www.sbv.gov.vn/", SourceKind.OFFICIAL),
    ("https://portal.vietcombank.com.vn/", SourceKind.OFFICIAL),
    ("https://chinhphu.vn/", SourceKind.OFFICIAL),
    ("https://amp.cand.com.vn/su-kien", SourceKind.PRESS),
    ("https://dantri.com.vn/x.htm", SourceKind.PRESS),
    ("https://gamehov.com/instructions-for-retrieving-vneid-account-password/",
     SourceKind.OTHER),
    ("https://cafef.vn/x.chn", SourceKind.OTHER),
    ("https://thuvienphapluat.vn/x", SourceKind.OTHER),
    ("https://gov.vn.example.com/", SourceKind.OTHER),   # look-alike: not a gov.vn host
    ("https://fakegov.vn/", SourceKind.OTHER),
    ("not a url", SourceKind.OTHER),
])
def test_source_kind(url: str, kind: SourceKind) -> None:
    assert source_kind(url) is kind


def _tutorial(*urls: str, link: str = "") -> Tutorial:
    return Tutorial(id="t", category="c", icon="i", minutes=1, title=Text({"vi": "T"}),
                    summary=Text({"vi": "S"}), bring={}, last_reviewed=date(2026, 1, 1),
                    sources=tuple(Source(f"S{i}", u) for i, u in enumerate(urls)), steps=(),
                    folder=Path("."), official_link=link)


def test_official_sources_crowd_out_press_and_others() -> None:
    t = _tutorial("https://dantri.com.vn/a", "https://gamehov.com/b",
                  "https://dean06.hanam.gov.vn/c")
    assert [s.url for s in printed_sources(t)] == ["https://dean06.hanam.gov.vn/c"]


def test_press_only_when_there_is_no_official_source_and_never_other_sites() -> None:
    t = _tutorial("https://cafef.vn/a", "https://plo.vn/b", "https://gamehov.com/c")
    assert [s.url for s in printed_sources(t)] == ["https://plo.vn/b"]
    assert printed_sources(_tutorial("https://gamehov.com/c")) == ()


def test_the_qr_opens_the_official_link_else_the_first_official_source() -> None:
    assert official_page(_tutorial("https://x.gov.vn/a", link="https://vneid.gov.vn/")) == \
        "https://vneid.gov.vn/"
    assert official_page(_tutorial("https://plo.vn/b", "https://x.gov.vn/a")) == \
        "https://x.gov.vn/a"
    assert official_page(_tutorial("https://plo.vn/b")) == ""


@pytest.fixture(scope="module")
def bundled() -> tuple[Tutorial, ...]:
    cat = load_catalogue([resource_path("tutorials")])
    return cat.tutorials


def test_no_bundled_sheet_prints_a_site_that_is_neither_official_nor_press(
        bundled: tuple[Tutorial, ...]) -> None:
    for t in bundled:
        kinds = {source_kind(s.url) for s in printed_sources(t)}
        assert SourceKind.OTHER not in kinds, t.id
        assert not any("gamehov" in s.url for s in printed_sources(t)), t.id


def test_vssid_has_an_official_page_for_its_qr(bundled: tuple[Tutorial, ...]) -> None:
    vssid = next(t for t in bundled if t.id == "vssid-with-vneid")
    assert source_kind(official_page(vssid)) is SourceKind.OFFICIAL
    assert all(source_kind(s.url) is SourceKind.OFFICIAL for s in printed_sources(vssid))


def test_every_tutorial_with_an_official_source_gets_a_qr(
        bundled: tuple[Tutorial, ...]) -> None:
    for t in bundled:
        if any(source_kind(s.url) is SourceKind.OFFICIAL for s in t.sources):
            assert official_page(t), t.id
