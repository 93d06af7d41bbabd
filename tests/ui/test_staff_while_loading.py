"""The staff screen opened while the content is still being read (``ui.content``: read on a
task lane after the first paint, swapped in through ``ContentSwap``). It said "Nội dung hợp
lệ: 0 bài hướng dẫn." and listed no tutorial to print, and kept saying so after the content
arrived; it must say it is loading, then show the real count once the swap lands."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QScrollArea

from kiosk.auth import AuthService
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue
from kiosk.paths import resource_path
from tests.ui.conftest import MakeKiosk
from ui.app import DEMO_STAFF_PIN
from ui.navigator import ScreenId
from ui.tasks import TaskRunner


def _tab(staff, name: str):
    for i in range(staff.tabs.count()):
        page = staff.tabs.widget(i)
        inner = page.widget() if isinstance(page, QScrollArea) else page
        if inner is not None and inner.objectName() == name:
            return i, inner
    raise AssertionError(f"no staff tab {name}")


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """Holds the content read; always let go at the end (a failed test must not leave the
    read lane waiting)."""
    held = threading.Event()
    yield held
    held.set()


def _loading_kiosk(make_kiosk: MakeKiosk, gate: threading.Event):
    def read() -> Catalogue:
        gate.wait(60)  # still reading while the test looks at the staff screen
        return load_catalogue([resource_path("tutorials")])

    k = make_kiosk(catalogue=read, start_later=True, tasks=TaskRunner())
    k.finish_start()  # what ui.app.run does after the first paint: the read starts
    k.state.sign_in(AuthService(k.store).sign_in(DEMO_STAFF_PIN))
    return k


def test_staff_screen_says_loading_then_shows_the_tutorials_when_they_arrive(
        qtbot, make_kiosk: MakeKiosk, gate: threading.Event) -> None:
    k = _loading_kiosk(make_kiosk, gate)
    k.nav.go_to(ScreenId.STAFF)
    staff = k.screens[ScreenId.STAFF]
    assert k.nav.current_id is ScreenId.STAFF and k.content.loading
    assert "Đang tải" in staff.content.toPlainText()
    assert "0 bài hướng dẫn" not in staff.content.toPlainText()
    _, sheets = _tab(staff, "staffSheetsTab")
    assert "Đang tải" in sheets.list_label.text() and sheets.list.count() == 0

    with qtbot.waitSignal(k.content.changed, timeout=60000):
        gate.set()
    n = len(k.catalogue.tutorials)
    assert n > 10
    # The screen on show refreshed itself: no need to leave and come back.
    assert not k.catalogue.problems  # the shipped content is clean
    assert staff.content.toPlainText().startswith(f"Nội dung hợp lệ: {n} bài hướng dẫn.")
    assert "Đang tải" not in staff.content.toPlainText()
    assert sheets.list.count() == n
    assert sheets.list_label.text() == "Chọn bài hướng dẫn:"
    first = k.catalogue.tutorials[0]
    assert sheets.list.item(0).text() == first.title.get("vi")
    _, reports = _tab(staff, "reports")
    assert reports.titles.get(first.id) == first.title.get("vi")  # reports name tutorials


def test_staff_screen_opened_before_the_content_arrived_is_right_when_opened_again(
        qtbot, make_kiosk: MakeKiosk, gate: threading.Event) -> None:
    k = _loading_kiosk(make_kiosk, gate)
    k.nav.go_to(ScreenId.STAFF)
    staff = k.screens[ScreenId.STAFF]
    assert "Đang tải" in staff.content.toPlainText()
    k.state.set_language("en")
    assert staff.content.toPlainText().startswith("Loading the lessons…")
    k.nav.home()  # staff leave; the content arrives while Home is on show
    with qtbot.waitSignal(k.content.changed, timeout=60000):
        gate.set()
    k.nav.go_to(ScreenId.STAFF)
    n = len(k.catalogue.tutorials)
    assert "Loading" not in staff.content.toPlainText()
    assert staff.content.toPlainText().startswith(f"Content is valid: {n} tutorials.")
    _, sheets = _tab(staff, "staffSheetsTab")
    assert sheets.list.count() == n
