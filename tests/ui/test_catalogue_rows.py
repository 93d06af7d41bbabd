"""The catalogue's pages of cards (ui/widgets/paged_grid.py): the cards of a row are one
height, the rows of a page as even as the room allows, and no page leaves room for the next
row unused. Before: the tallest card of the whole category ("Tập thử: …", four lines at
1920×1080 with the largest text) set the height of every row of every page, so each page
held one row above a band of empty space.
"""

from __future__ import annotations

import pytest

from kiosk.content.loader import load_catalogue
from kiosk.paths import resource_path
from tests.ui.conftest import MakeKiosk
from ui import layout_rule
from ui.navigator import ScreenId
from ui.widgets.paged_grid import BAR_GAP, SPACING, even_rows, plan_pages


def test_pages_take_whole_rows_while_they_fit() -> None:
    assert plan_pages([240, 295, 350], 605) == [range(0, 2), range(2, 3)]
    assert plan_pages([240, 240, 240], 800) == [range(0, 3)]
    assert plan_pages([700, 100], 605) == [range(0, 1), range(1, 2)]  # too tall: alone
    assert plan_pages([], 605) == []


def test_the_room_left_goes_to_the_shortest_rows_first() -> None:
    assert even_rows([240, 295], 605) == [286, 295]  # 46 px left: the short row takes it
    assert even_rows([240, 240], 605, cap=380) == [290, 290]
    assert even_rows([240], 605, cap=380) == [380]  # never taller than the cap
    assert even_rows([400, 240], 900, cap=380) == [400, 380]  # a row's need beats the cap
    assert even_rows([300, 300], 500) == [300, 300]  # no room left: the needs


def _row_needs(grid) -> list[int]:
    """Each shown row's need (its tallest words at the width the cards have), top down."""
    rows: dict[int, list[int]] = {}
    for b in grid.visible_items():
        rows.setdefault(b.y(), []).append(max(b.heightForWidth(b.width()),
                                              b.minimumSizeHint().height()))
    return [max(rows[y]) for y in sorted(rows)]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_rows_are_even_and_no_page_wastes_a_row_at_the_largest_text(
        qtbot, make_kiosk: MakeKiosk, size: tuple[int, int], lang: str) -> None:
    content = load_catalogue([resource_path("tutorials")])  # with its "Tập thử" cards
    k = make_kiosk(catalogue=content, size=size)
    k.state.set_language(lang)
    k.state.set_text_size(2)
    found: list[str] = []
    for category in content.categories:
        k.nav.go_to(ScreenId.CATALOGUE, category=category.id)
        qtbot.waitUntil(layout_rule.Steady(k.window), timeout=5000)
        grid = k.screens[ScreenId.CATALOGUE].grid
        room = grid.height() - ((grid.next_btn.height() + BAR_GAP)
                                if grid.next_btn.isVisible() else 0)
        for page in range(grid.pages):
            grid.show_page(page)
            qtbot.waitUntil(layout_rule.Steady(k.window), timeout=5000)
            where = f"{category.id} page {page + 1}/{grid.pages}"
            found += layout_rule.problems(k.window, where)  # every word whole, on screen
            tops: dict[int, set[int]] = {}
            for b in grid.visible_items():
                tops.setdefault(b.y(), set()).add(b.height())
            found += [f"{where}: a row of cards with heights {sorted(h)}"
                      for h in tops.values() if len(h) > 1]
            if page + 1 < grid.pages:
                needs = _row_needs(grid)
                grid.show_page(page + 1)
                qtbot.waitUntil(layout_rule.Steady(k.window), timeout=5000)
                needs.append(_row_needs(grid)[0])
                if sum(needs) + SPACING * (len(needs) - 1) <= room:
                    found.append(f"{where}: room left for the next row ({needs}, {room} px)")
    assert found == [], "\n".join(found)
