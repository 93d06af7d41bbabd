"""The hub's pages in each language: numbers written as the language writes them (kiosk.numbers)
and the fixed lists (age bands, genders, channels, scam kinds) and tutorial titles in English
on the English pages. Before, the English pages showed "4.5" correctly but the Vietnamese ones
"4.5" too (Vietnamese writes 4,5 and 1.234), and age bands, scam kinds and tutorial titles
stayed Vietnamese in English."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from hub.web.demo import demo_help_points, make_demo_kiosk, sync_demo_kiosk
from hub.web.routes import templates
from kiosk.reports.figures import tutorial_titles
from kiosk.scam_check import scam_labels


def _synced(hub_app: Any, tmp_path: Path) -> Any:
    hub = hub_app.state.hub
    hp = demo_help_points()[1]
    store = make_demo_kiosk(hp, tmp_path / "kiosk", hub.clock)
    try:
        sync_demo_kiosk(hub, hp, store, tmp_path / "kiosk", hub.clock)
    finally:
        store.close()
    return hp


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)
def test_numbers_and_lists_in_each_language(hub_app: Any, client_for: Any,
                                            tmp_path: Path) -> None:
    hp = _synced(hub_app, tmp_path)
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
