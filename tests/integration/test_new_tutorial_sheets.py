"""The ten tutorials added for issue #15 print as real sheets: every QR code decodes (zbarimg) to
an official government page, and every warning and "ask a volunteer" tip is on the paper."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest

from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue
from kiosk.paths import resource_path
from kiosk.sheets import render_sheet
from tests.unit.test_catalogue_coverage import NEXT_TEN

PLACE = {"help_point": "Điểm hỗ trợ số thôn Tà Lang", "commune": "Phường Hải Vân",
         "hotline": "0236 3 123 456"}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue([resource_path("tutorials")])


def qr_codes(pdf: Path, tmp: Path) -> list[str]:
    """Every QR code zbarimg finds on every page, rendered at 150 dpi."""
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(tmp / "page")], check=True)
    found: list[str] = []
    for png in sorted(tmp.glob("page*.png")):
        res = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True,
                             text=True)
        if res.returncode == 0:
            found += [line for line in res.stdout.splitlines() if line.strip()]
    return found


def words_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("tid", NEXT_TEN)
def test_sheet_qr_codes_are_official_and_warnings_are_printed(catalogue: Catalogue, tid: str,
                                                              lang: str, tmp_path: Path) -> None:
    t = catalogue.by_id(tid)
    assert t is not None, tid
    pdf = render_sheet(t, tmp_path / f"{tid}.pdf", lang=lang, **PLACE).path
    codes = qr_codes(pdf, tmp_path)
    expected = ([t.official_link] if t.official_link else []) + [s.link for s in t.steps
                                                                  if s.link]
    assert sorted(codes) == sorted(expected)
    for url in codes:
        host = urlparse(url).hostname or ""
        assert url.startswith("https://") and host.endswith(".gov.vn"), url
    text = words_of(pdf)
    assert t.title.get(lang).split()[0] in text
    for n, step in enumerate(t.steps, 1):
        for extra in (step.warning, step.tip):
            if extra is not None:
                assert " ".join(extra.get(lang).split()) in text, (tid, n)
