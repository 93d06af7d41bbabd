"""The hub's pages in each language: numbers written as the language writes them (kiosk.numbers)
and the fixed lists (age bands, genders, channels, scam kinds) and tutorial titles in English
on the English pages. Before, the English pages showed "4.5" correctly but the Vietnamese ones
"4.5" too (Vietnamese writes 4,5 and 1.234), and age bands, scam kinds and tutorial titles
stayed Vietnamese in English."""

from __future__ import annotations

import re
from typing import Any

import pytest

from hub.web.routes import templates
from kiosk.reports.figures import tutorial_titles
from kiosk.scam_check import scam_labels


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)
def test_numbers_and_lists_in_each_language(client_for: Any, synced_demo: Any) -> None:
    hp, _ = synced_demo()
    city = client_for("thanhpho")
    path = f"/help-point/{hp.help_point_id}?period=year"
    vi = city.get(path)
    assert vi.status_code == 200
    rating = re.search(r'id="kpi-satisfaction">([^<]+)<', vi.text)
    assert rating is not None and re.fullmatch(r"\d,\d", rating.group(1)), rating
    vi_text = _text(vi.text)
    assert "Dưới 18" in vi_text or "75 trở lên" in vi_text

    city.cookies.set("hk_lang", "en")
    en = city.get(path)
    rating = re.search(r'id="kpi-satisfaction">([^<]+)<', en.text)
    assert rating is not None and re.fullmatch(r"\d\.\d", rating.group(1)), rating
    text = _text(en.text)
    # Age bands, genders and channels in English, none of the Vietnamese left.
    assert "Under 18" in text or "75 and over" in text
    for vietnamese in ("Dưới 18", "75 trở lên", " Nữ ", "Tại điểm hỗ trợ", "Đến tận nhà"):
        assert vietnamese not in text, vietnamese
    assert "Female" in text and "At the help point" in text
    # Tutorial titles: the English title the content has.
    titles_en, titles_vi = tutorial_titles("en"), tutorial_titles("vi")
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>', en.text.split('id="tutorials-table"')[1]
                      .split("</table>")[0])
    assert rows, "the demo has tutorial runs"
    for title in rows:
        assert title in titles_en.values() or title not in titles_vi.values(), title
    assert any(t in titles_en.values() and t not in titles_vi.values() for t in rows)
    # Scam kinds by their English names, where the demo has any.
    kinds_vi, kinds_en = scam_labels("vi"), scam_labels("en")
    shown = [k for k in kinds_en.values() if k in text]
    assert not [k for k in kinds_vi.values() if k in text and k not in kinds_en.values()]
    assert shown or not any(k in vi_text for k in kinds_vi.values())
    assert "Whole city" in en.text


def test_the_number_filters_follow_the_page_language() -> None:
    page = templates.env.from_string("{{ 1234 | num }} · {{ 4.5 | dec }} · {{ 1234.5 | dec }}")
    assert page.render(lang="vi") == "1.234 · 4,5 · 1.234,5"
    assert page.render(lang="en") == "1,234 · 4.5 · 1,234.5"


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)
def test_exports_keep_numbers_as_numbers_in_either_language(client_for: Any,
                                                            synced_demo: Any) -> None:
    """The page language changes how the pages write numbers, never the files: an XLSX
    holds numbers as numbers and a CSV plain digits, from a Vietnamese or English page."""
    import csv
    import io

    from openpyxl import load_workbook

    hp, _ = synced_demo()
    city = client_for("thanhpho")
    path = f"/help-point/{hp.help_point_id}?period=year"
    formatted = re.compile(r"^-?\d{1,3}([.,]\d{3})+$|^-?\d+,\d+$")  # 1.234, 1,234 or 4,5
    for lang in ("vi", "en"):
        city.cookies.set("hk_lang", lang)
        page = city.get(path).text
        form = {name: re.search(rf'name="{name}" value="([^"]*)"', page).group(1)  # type: ignore[union-attr]
                for name in ("csrf_token", "scope_kind", "scope_key", "from", "to")}
        xlsx = city.post("/export", data={**form, "period": "custom", "fmt": "xlsx",
                                          "what": "summary"})
        assert xlsx.status_code == 200, xlsx.text[:300]
        book = load_workbook(io.BytesIO(xlsx.content), read_only=True)
        values = [v for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                  for v in row if v is not None]
        assert any(isinstance(v, int) and v >= 100 for v in values), lang
        assert not [v for v in values if isinstance(v, str) and formatted.match(v)], lang
        records = city.post("/export", data={**form, "period": "custom", "fmt": "csv",
                                             "what": "records"})
        rows = list(csv.reader(io.StringIO(records.content.decode("utf-8-sig"))))
        assert len(rows) > 100
        assert not [v for row in rows for v in row if formatted.match(v)], lang
