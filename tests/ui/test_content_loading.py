"""A kiosk with a big content library stays responsive (issue #18 item 6): the content is read
on a task lane after the first paint and swapped in when ready (``ui.content``); the
catalogue makes its cards page by page."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer

from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue
from kiosk.paths import resource_path
from kiosk.store import Store
from tests.conftest import SAMPLE_CONTENT
from tests.ui.conftest import MakeKiosk
from ui import layout_rule
from ui.navigator import ScreenId
from ui.tasks import TaskRunner

LEFT = Qt.MouseButton.LeftButton


def big_library(root: Path, copies: int) -> Path:
    from benchmarks.content import make_library

    make_library(root, copies)
    return root


def test_the_window_keeps_turning_while_a_big_library_loads_then_the_catalogue_fills(
        qtbot, make_kiosk: MakeKiosk, store: Store, tmp_path: Path) -> None:
    library = big_library(tmp_path / "library", 4)  # the real tutorials ×4, ~100
    gate = threading.Event()
    reads: list[str] = []

    def read() -> Catalogue:
        reads.append(threading.current_thread().name)
        gate.wait(60)  # still reading, for as long as the test looks at the window
        return load_catalogue([resource_path("tutorials"), library])

    k = make_kiosk(catalogue=read, start_later=True, tasks=TaskRunner())
    ticks: list[int] = []
    timer = QTimer(k.window)
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    k.finish_start()  # what ui.app.run does after the first paint: returns at once
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=10000)  # the event loop turns
    assert reads and reads[0] != threading.main_thread().name
    assert k.content.loading

    # A citizen presses "Học từng bước" meanwhile: handled, and told calmly to wait.
    qtbot.mouseClick(k.screens[ScreenId.HOME].tiles["learn"], LEFT)
    cat = k.screens[ScreenId.CATALOGUE]
    assert k.nav.current_id is ScreenId.CATALOGUE
    assert cat.loading_label.isVisible() and not cat.grid.isVisible()
    assert "Đang tải bài học…" in cat.loading_label.text()
    assert cat.buttons == [] and not cat.resume_btn.isVisible()

    gate.set()
    during = len(ticks)
    qtbot.waitUntil(lambda: not k.content.loading, timeout=60000)
    timer.stop()
    assert len(ticks) > during  # it kept turning while the library was read too
    assert len(k.catalogue.tutorials) > 100
    # The screen on show filled itself: no need to go back and in again.
    assert not cat.loading_label.isVisible() and cat.grid.isVisible()
    assert {b.objectName() for b in cat.buttons} >= {"category_vneid"}
    home = k.window.home_btn
    qtbot.mouseClick(home, LEFT)
    assert k.nav.current_id is ScreenId.HOME


def test_a_read_that_fails_says_so_calmly_instead_of_loading_forever(
        qtbot, make_kiosk: MakeKiosk) -> None:
    def read() -> Catalogue:
        raise OSError(5, "Input/output error")

    k = make_kiosk(catalogue=read, start_later=True, tasks=TaskRunner())
    k.finish_start()
    qtbot.waitUntil(lambda: not k.content.loading, timeout=10000)
    k.nav.go_to(ScreenId.CATALOGUE)
    cat = k.screens[ScreenId.CATALOGUE]
    assert cat.loading_label.isVisible()
    assert "Chưa có bài hướng dẫn nào" in cat.loading_label.text()
    assert k.catalogue.problems  # listed for staff
    assert k.nav.current_id is ScreenId.CATALOGUE  # no crash, no funnel apology


def test_new_content_waits_for_home_while_a_tutorial_is_open(
        make_kiosk: MakeKiosk) -> None:
    """The one way new content arrives (start-up read, hub pack): between visitors."""
    k = make_kiosk()
    first = k.catalogue.tutorials[0]
    k.nav.go_to(ScreenId.STEP, tutorial_id=first.id, step=0)
    renamed = replace(first, title=replace(first.title, values={"vi": "Bản mới"}))
    k.content.offer(replace(load_catalogue([SAMPLE_CONTENT]),
                            tutorials=(renamed, *k.catalogue.tutorials[1:])))
    assert k.catalogue.by_id(first.id).title.get("vi") != "Bản mới"
    k.nav.home()
    assert k.catalogue.by_id(first.id).title.get("vi") == "Bản mới"


def many_in_one_category(n: int) -> Catalogue:
    """The real content with ``n`` more tutorials in its first category (in memory)."""
    real = load_catalogue([resource_path("tutorials")])
    base = real.in_category(real.categories[0].id)[0]
    more = tuple(replace(base, id=f"{base.id}-c{i:04d}", order=1000 + i,
                         title=replace(base.title, values={**base.title.values,
                                                           "vi": f"Bài số {i + 1}"}))
                 for i in range(n))
    return replace(real, tutorials=real.tutorials + more)


def test_the_biggest_category_makes_one_page_of_cards_and_pages_by_touch(
        qtbot, make_kiosk: MakeKiosk) -> None:
    content = many_in_one_category(400)
    first_cat = content.categories[0].id
    tiles = [name for t in content.in_category(first_cat) for name in
             (f"tutorial_{t.id}", *([f"practice_{t.id}"] if t.practice else []))]
    for size, text_size in (((1366, 768), 2), ((1920, 1080), 0), ((1920, 1080), 2)):
        k = make_kiosk(catalogue=content, size=size)
        k.state.set_text_size(text_size)
        k.nav.go_to(ScreenId.CATALOGUE, category=first_cat)
        cat = k.screens[ScreenId.CATALOGUE]
        qtbot.waitUntil(layout_rule.Steady(k.window), timeout=5000)
        grid = cat.grid
        per_page = len(grid.visible_items())
        assert 1 <= per_page <= 12 and len(grid.items) == per_page  # not 400 cards
        assert grid.pages >= len(tiles) // per_page > 10
        assert grid.page_label.text() == f"Trang 1/{grid.pages}"
        assert f"Trang 1/{grid.pages}" in cat.announcement()  # voice mode says where
        assert layout_rule.problems(k.window, "catalogue page 1") == []
        qtbot.mouseClick(k.window.findChild(type(grid.next_btn), "catalogueGridNext"), LEFT)
        assert grid.page_label.text() == f"Trang 2/{grid.pages}"
        if text_size == 2:  # voice mode says the new page's cards and where it is
            k.state.set_voice(True)
            grid.show_page(2)
            said = k.speaker.history[-1][0]
            assert said.endswith(f"Trang 3/{grid.pages}."), said
            assert all(b.text().split("\n")[0] in said for b in grid.visible_items())
            k.state.set_voice(False)
            grid.show_page(1)
        names = [b.objectName() for b in grid.visible_items()]
        assert names == tiles[per_page:2 * per_page]  # the cards that come next
        assert len(grid.items) == per_page  # page 1's cards went
        grid.show_page(grid.pages - 1)
        qtbot.waitUntil(layout_rule.Steady(k.window), timeout=5000)
        last = [b.objectName() for b in grid.visible_items()]
        assert last == tiles[(grid.pages - 1) * per_page:]
        assert not grid.next_btn.isEnabled() and grid.prev_btn.isEnabled()
        assert layout_rule.problems(k.window, "catalogue last page") == []
        k.window.hide()
