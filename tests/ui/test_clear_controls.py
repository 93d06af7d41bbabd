"""Controls a first-time user cannot misread (issue #14 item 7): one Back on the step
screen, no Back to a second number on the ticket, faces that start unanswered, and the
volunteer's own buttons out of a citizen's reach on the screens turned towards them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.auth import AuthService
from tests.ui.conftest import MakeKiosk
from ui.app import DEMO_VOLUNTEER_PIN, Kiosk
from ui.navigator import ScreenId

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk) -> Kiosk:
    return make_kiosk(size=(1366, 768))


def test_the_step_screen_has_one_back(kiosk: Kiosk) -> None:
    kiosk.nav.go_to(ScreenId.CATALOGUE)
    kiosk.nav.go_to(ScreenId.STEP, tutorial_id="sample-basic", step=0)
    step = kiosk.screens[ScreenId.STEP]
    assert step.prev_btn.isVisible()
    assert not kiosk.window.back_btn.isVisible()
    assert kiosk.window.home_btn.isVisible()
    step.prev_btn.click()  # at step one, "Bước trước" goes back to the list
    assert kiosk.nav.current_id is ScreenId.CATALOGUE
    assert kiosk.window.back_btn.isVisible()


def test_the_ticket_screen_offers_no_way_back_to_a_second_number(qtbot, kiosk: Kiosk) -> None:
    kiosk.nav.go_to(ScreenId.TAKE_TICKET)
    take = kiosk.screens[ScreenId.TAKE_TICKET]
    qtbot.waitUntil(lambda: bool(take.tiles))
    qtbot.mouseClick(next(iter(take.tiles.values())), LEFT)
    assert kiosk.nav.current_id is ScreenId.TICKET
    assert not kiosk.window.back_btn.isVisible()
    ticket = kiosk.screens[ScreenId.TICKET]
    assert ticket.cancel_btn.icon_name != "back"  # "Hủy số này" is not a way back
    qtbot.mouseClick(ticket.done_btn, LEFT)
    assert kiosk.nav.current_id is ScreenId.HOME


def test_faces_start_unanswered_and_hide_the_volunteers_buttons(qtbot, kiosk: Kiosk) -> None:
    kiosk.state.sign_in(AuthService(kiosk.store).sign_in(DEMO_VOLUNTEER_PIN))
    console = kiosk.screens[ScreenId.VOLUNTEER]
    console.feature.queue.issue("vneid")
    kiosk.nav.go_to(ScreenId.VOLUNTEER)
    console.choose_desk(1)
    qtbot.mouseClick(console.call_btn, LEFT)
    qtbot.mouseClick(console.finish_btn, LEFT)
    assert console.pages.currentWidget() is console.faces
    qtbot.waitUntil(lambda: QApplication.focusWidget() is console.faces)
    assert not any(f.hasFocus() or f.isChecked() for f in console.faces.faces.values())
    window = kiosk.window
    assert not window.signout_btn.isVisible() and not window.home_btn.isVisible()
    assert not window.back_btn.isVisible()
    qtbot.mouseClick(console.faces.skip_btn, LEFT)
    assert window.signout_btn.isVisible() and window.home_btn.isVisible()
