"""The ticket's bring-list (issue #23 item 2): what to have ready, from the service's tutorials'
``bring`` lists, deduplicated and bounded (kiosk.bring)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from kiosk.bring import MAX_CHARS, MAX_ITEMS, BringItem, bring_items, bring_list_for
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue
from kiosk.paths import resource_path
from kiosk.queue import ServiceInfo, load_service_list


@dataclass(frozen=True)
class FakeTutorial:
    id: str
    bring: dict[str, tuple[str, ...]] = field(default_factory=dict)


def lookup(*tutorials: FakeTutorial) -> Callable[[str], FakeTutorial | None]:
    by_id = {t.id: t for t in tutorials}
    return by_id.get


def service(*tutorials: str) -> ServiceInfo:
    return ServiceInfo(code="x", prefix="X", name_vi="Dịch vụ", tutorials=tutorials)


@cache
def shipped() -> Catalogue:
    return load_catalogue([resource_path("tutorials")])


def shipped_service(code: str) -> ServiceInfo:
    return next(s for s in load_service_list() if s.code == code)


def test_vneid_ticket_asks_for_the_chip_card_and_the_phone_with_the_registered_number() -> None:
    lines = bring_list_for(shipped_service("vneid"), shipped().by_id)
    # Two tutorials ask for the chip card: it comes first, once.
    assert lines[0] == "Thẻ căn cước gắn chip (bản gốc)"
    assert sum("Thẻ căn cước" in line for line in lines) == 1
    assert "Điện thoại có số đã đăng ký với công an" in lines
    assert len(lines) == MAX_ITEMS
    english = bring_list_for(shipped_service("vneid"), shipped().by_id, "en")
    assert english[0] == "Your chip ID card (the original)"
    assert len(english) == len(lines)


def test_every_shipped_service_gets_a_bounded_list_of_unique_lines() -> None:
    for svc in load_service_list():
        lines = bring_list_for(svc, shipped().by_id)
        assert len(lines) <= MAX_ITEMS
        assert all(0 < len(line) <= MAX_CHARS for line in lines)
        assert len({line.casefold() for line in lines}) == len(lines)
    assert bring_list_for(shipped_service("other"), shipped().by_id) == []  # no tutorials


def test_same_thing_in_other_words_is_listed_once_and_first() -> None:
    a = FakeTutorial("a", {"vi": ("Điện thoại có VNeID", "Giấy chứng sinh"),
                           "en": ("A phone with VNeID", "Birth notice")})
    b = FakeTutorial("b", {"vi": ("Mã hồ sơ", "Điện thoại có VNeID đã kích hoạt"),
                           "en": ("Dossier code", "A phone with an activated VNeID")})
    c = FakeTutorial("c", {"vi": ("THẺ CĂN CƯỚC (bản gốc)", "điện thoại  có vneid."),
                           "en": ("ID card", "Phone")})
    items = bring_items(service("a", "b", "c"), lookup(a, b, c))
    assert items == (BringItem("Điện thoại có VNeID", "A phone with VNeID"),
                     BringItem("Mã hồ sơ", "Dossier code"),
                     BringItem("THẺ CĂN CƯỚC (bản gốc)", "ID card"),
                     BringItem("Giấy chứng sinh", "Birth notice"))


def test_round_robin_keeps_one_long_list_from_crowding_out_the_others() -> None:
    long_ = FakeTutorial("long", {"vi": tuple(f"Thứ {i}" for i in range(1, 8))})
    short = FakeTutorial("short", {"vi": ("Điện thoại",)})
    lines = bring_list_for(service("long", "short"), lookup(long_, short))
    assert lines == ["Thứ 1", "Điện thoại", "Thứ 2", "Thứ 3"]


def test_the_tutorial_the_citizen_came_from_goes_first() -> None:
    svc = shipped_service("vneid")
    lines = bring_list_for(svc, shipped().by_id, tutorial_id="vneid-level2")
    level2 = list(shipped().by_id("vneid-level2").bring["vi"])  # type: ignore[union-attr]
    assert lines[:3] == level2


def test_unknown_tutorials_empty_lists_and_missing_english_are_harmless() -> None:
    t = FakeTutorial("t", {"vi": ("Điện thoại", "  "), "en": ()})
    items = bring_items(service("gone", "t", "t"), lookup(t))
    assert items == (BringItem("Điện thoại", ""),)
    assert items[0].text("en") == "Điện thoại"  # no English: the Vietnamese, never blank
    assert bring_items(service("t"), lookup(t), limit=0) == ()


def test_an_overlong_line_is_cut_to_fit_the_ticket() -> None:
    t = FakeTutorial("t", {"vi": ("Giấy tờ " * 30,)})
    (item,) = bring_items(service("t"), lookup(t))
    assert len(item.vi) == MAX_CHARS and item.vi.endswith("…")
