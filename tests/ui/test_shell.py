"""The citizen shell: lock, idle reset, error funnel, language, PIN, roles, accessibility names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QMessageBox, QWidget

from kiosk.auth import Role
from ui.app import DEMO_STAFF_PIN, DEMO_VOLUNTEER_PIN, Kiosk
from ui.navigator import ScreenId


def enter_pin(qtbot, k: Kiosk, pin: str) -> None:
    k.window.staff_gesture.emit()
    assert k.nav.current_id is ScreenId.PIN
    pad = k.screens[ScreenId.PIN]
    for d in pin:
        qtbot.mouseClick(k.window.findChild(QAbstractButton, f"pinDigit{d}"),
                         Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.ok_btn, Qt.MouseButton.LeftButton)


def test_home_shows_large_tiles_with_words(kiosk: Kiosk) -> None:
    texts = {b.text() for b in kiosk.screens[ScreenId.HOME].tiles.values()}
    assert {"Học từng bước", "In hướng dẫn"} <= texts
    assert kiosk.window.home_btn.text() == "Màn hình chính"


@pytest.mark.parametrize("attempt", ["close", "escape", "alt_f4"])
def test_citizen_cannot_leave_the_kiosk(qtbot, kiosk: Kiosk, attempt: str) -> None:
    with qtbot.waitSignal(kiosk.window.close_refused):
        if attempt == "close":
            kiosk.window.close()
        elif attempt == "escape":
            qtbot.keyClick(kiosk.window, Qt.Key.Key_Escape)
        else:
            qtbot.keyClick(kiosk.window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert kiosk.window.isVisible()


def test_idle_countdown_then_home_clears_typed_data_and_signs_out(qtbot, kiosk: Kiosk) -> None:
    enter_pin(qtbot, kiosk, DEMO_VOLUNTEER_PIN)
    assert kiosk.state.actor.role is Role.VOLUNTEER
    kiosk.nav.go_to(ScreenId.CATALOGUE)
    search = kiosk.window.findChild(QLineEdit, "catalogueSearch")
    qtbot.keyClicks(search, "vneid")
    assert search.text() == "vneid"
    kiosk.idle._tick.setInterval(20)
    kiosk.idle.timeout_ms = 50
    kiosk.idle.reset()
    with qtbot.waitSignal(kiosk.idle.warning_started, timeout=3000):
        pass
    assert kiosk.idle.overlay.isVisible()
    assert "giây" in kiosk.idle.overlay.label.text()
    with qtbot.waitSignal(kiosk.idle.timed_out, timeout=3000):
        pass
    assert kiosk.nav.current_id is ScreenId.HOME
    assert search.text() == ""
    assert kiosk.state.actor.role is Role.CITIZEN
    assert ("", "stop") in kiosk.speaker.history


def test_more_time_button_extends(qtbot, kiosk: Kiosk) -> None:
    kiosk.nav.go_to(ScreenId.CATALOGUE)
    kiosk.idle._tick.setInterval(200)
    kiosk.idle.timeout_ms = 30
    kiosk.idle.reset()
    with qtbot.waitSignal(kiosk.idle.warning_started, timeout=3000):
        pass
    kiosk.idle.timeout_ms = 60_000
    qtbot.mouseClick(kiosk.idle.overlay.button, Qt.MouseButton.LeftButton)
    assert not kiosk.idle.overlay.isVisible()
    assert kiosk.nav.current_id is ScreenId.CATALOGUE


def test_voice_mode_doubles_the_timeout(kiosk: Kiosk) -> None:
    base = kiosk.idle.effective_timeout_ms
    kiosk.state.set_voice(True)
    assert kiosk.idle.effective_timeout_ms == 2 * base


@pytest.mark.qt_no_exception_capture
def test_unexpected_exception_shows_calm_message_and_returns_home(qtbot, kiosk: Kiosk) -> None:
    kiosk.nav.go_to(ScreenId.CATALOGUE)
    boom = QAbstractButton.__new__(QAbstractButton)  # noqa: F841 - just to keep Qt imported

    def explode() -> None:
        raise RuntimeError("secret internal detail")

    kiosk.window.lang_btn.clicked.disconnect()
    kiosk.window.lang_btn.clicked.connect(explode)
    with qtbot.waitSignal(kiosk.funnel.error) as blocker:
        qtbot.mouseClick(kiosk.window.lang_btn, Qt.MouseButton.LeftButton)
    assert kiosk.nav.current_id is ScreenId.HOME
    message = blocker.args[0]
    assert "trục trặc" in message and "secret" not in message
    box = kiosk.window.findChild(QMessageBox, "calmMessage")
    assert box is not None and "Traceback" not in box.text()


def test_language_switch_changes_visible_texts(qtbot, kiosk: Kiosk) -> None:
    home = kiosk.screens[ScreenId.HOME]
    assert home.tiles["learn"].text() == "Học từng bước"
    qtbot.mouseClick(kiosk.window.lang_btn, Qt.MouseButton.LeftButton)
    assert kiosk.state.language == "en"
    assert home.tiles["learn"].text() == "Learn step by step"
    assert kiosk.window.home_btn.text() == "Home"
    qtbot.mouseClick(kiosk.window.lang_btn, Qt.MouseButton.LeftButton)
    assert home.tiles["learn"].text() == "Học từng bước"


def test_staff_pin_opens_management_and_volunteer_pin_does_not(qtbot, kiosk: Kiosk) -> None:
    enter_pin(qtbot, kiosk, DEMO_VOLUNTEER_PIN)
    assert "staff" not in kiosk.screens[ScreenId.HOME].tiles
    kiosk.nav.go_to(ScreenId.STAFF)
    assert kiosk.nav.current_id is ScreenId.PIN  # staff screen asks for a staff PIN
    qtbot.mouseClick(kiosk.window.signout_btn, Qt.MouseButton.LeftButton)
    enter_pin(qtbot, kiosk, DEMO_STAFF_PIN)
    assert kiosk.state.is_staff
    assert "staff" in kiosk.screens[ScreenId.HOME].tiles
    assert "Đang đăng nhập" in kiosk.window.who_label.text()


def test_wrong_pin_shows_tries_left_and_lockout(qtbot, kiosk: Kiosk) -> None:
    pad = kiosk.screens[ScreenId.PIN]
    for _i in range(5):
        enter_pin(qtbot, kiosk, "0000")
    assert "khóa" in pad.message.text()
    assert kiosk.state.actor.role is Role.CITIZEN


def test_every_interactive_widget_is_named(kiosk: Kiosk) -> None:
    missing = []
    for sid in kiosk.screens:
        if sid in (ScreenId.STEP, ScreenId.FINISH):
            continue
        kiosk.nav.go_to(sid)
        for w in kiosk.window.findChildren(QWidget):
            interactive = isinstance(w, QAbstractButton | QLineEdit) and w.isVisible()
            if interactive and (not w.objectName() or not w.accessibleName()):
                missing.append((sid.name, type(w).__name__, w.objectName(), w.text()))
    assert missing == []


def test_text_size_and_contrast_switch_restyle(qtbot, kiosk: Kiosk) -> None:
    before = kiosk.app.styleSheet()
    qtbot.mouseClick(kiosk.window.contrast_btn, Qt.MouseButton.LeftButton)
    assert kiosk.state.high_contrast
    assert "#ffff00" in kiosk.app.styleSheet() and kiosk.app.styleSheet() != before
    qtbot.mouseClick(kiosk.window.size_btn, Qt.MouseButton.LeftButton)
    assert kiosk.state.text_size == 2
    assert "font-size: 30pt" in kiosk.app.styleSheet()


def test_text_size_steps_one_way_per_button_and_shows_the_level(qtbot, kiosk: Kiosk) -> None:
    window = kiosk.window
    larger, smaller = window.size_btn, window.size_down_btn
    assert kiosk.state.text_size == 1 and window.size_level.text() == "Cỡ chữ 2/3"
    qtbot.mouseClick(larger, Qt.MouseButton.LeftButton)
    assert kiosk.state.text_size == 2 and window.size_level.text() == "Cỡ chữ 3/3"
    assert not larger.isEnabled()  # the largest: a further tap can never shrink the text
    qtbot.mouseClick(larger, Qt.MouseButton.LeftButton)
    assert kiosk.state.text_size == 2
    for expected in (1, 0):
        qtbot.mouseClick(smaller, Qt.MouseButton.LeftButton)
        assert kiosk.state.text_size == expected
    assert not smaller.isEnabled() and window.size_level.text() == "Cỡ chữ 1/3"
    assert window.contrast_btn.text() == "Đổi màu"


def test_staff_content_tab_marks_co_tu_placeholders(kiosk: Kiosk) -> None:
    """Issue 15 item 7: a placeholder chime is never taken for a Cơ Tu recording."""
    text = kiosk.screens[ScreenId.STAFF].content.toPlainText()
    assert "Nội dung hợp lệ" in text
    assert "Âm thanh Cơ Tu (ktv)" in text and "BẢN TẠM" in text


def test_places_are_seeded_by_the_root_and_one_queue_service_is_shared(
        make_kiosk) -> None:
    from kiosk.places import PlaceService

    bare = make_kiosk(features=[])  # no quick log, no places tab: still seeded (kiosk.startup)
    assert PlaceService(bare.store).communes()
    full = make_kiosk()
    quick_log, console = full.screens[ScreenId.QUICK_LOG], full.screens[ScreenId.VOLUNTEER]
    assert quick_log.queue() is console.feature.queue  # one QueueService, shared


@pytest.mark.parametrize("high_contrast", [False, True])
def test_the_speaker_icon_stays_visible_when_voice_is_on(qtbot, kiosk: Kiosk,
                                                         high_contrast: bool) -> None:
    """Voice on (the speaker button checked): the bar's style kept the button's unchecked
    background while the icon took the checked colour, so the speaker vanished into a blank
    square (white on white; black on black in high contrast) the moment a citizen turned
    the voice on."""
    from PySide6.QtGui import QColor

    from ui import theme

    kiosk.state.set_high_contrast(high_contrast)
    btn = kiosk.window.speaker_btn
    for on in (False, True):
        kiosk.state.set_voice(on)
        qtbot.waitUntil(lambda on=on: btn.isChecked() is on)
        image = btn.grab().toImage()
        # Just inside the border, beside the icon: what the icon is drawn on.
        inside = theme.BORDER_PX + 3
        background = image.pixelColor(inside + 2, image.height() // 2).name()
        icon = QColor(btn._colour).name()
        ratio = theme.contrast_ratio(icon, background)
        assert ratio >= 3, (on, icon, background, ratio)


@pytest.mark.parametrize("high_contrast", [False, True])
def test_keyboard_focus_on_every_bar_button_shows_the_focus_ring(
        qtbot, kiosk: Kiosk, high_contrast: bool) -> None:
    """A keyboard or switch user must see which bar button has focus. The bars' style (an id
    selector) outranked ':focus' as it had outranked ':checked' (the speaker, session 5):
    a focused bar button kept its thin blue (white in high contrast) border."""
    from PySide6.QtGui import QColor

    from kiosk.auth import AuthService
    from ui import theme

    kiosk.state.set_high_contrast(high_contrast)
    kiosk.state.sign_in(AuthService(kiosk.store).sign_in(DEMO_VOLUNTEER_PIN))  # "Đăng xuất"
    kiosk.window.activateWindow()
    qtbot.waitUntil(lambda: kiosk.window.isActiveWindow())
    focus = QColor(theme.palette(high_contrast).focus)
    bars = (kiosk.window.top, kiosk.window.bottom)
    buttons = [b for bar in bars for b in bar.findChildren(QAbstractButton) if b.isVisible()]
    assert {b.objectName() for b in buttons} >= {
        "languageButton", "textSmallerButton", "textLargerButton", "contrastButton",
        "speakerButton", "backButton", "signOutButton", "homeButton"}
    for speaker_on in (False, True):  # the checked look keeps the ring too
        kiosk.state.set_voice(speaker_on)
        for btn in buttons:
            if not btn.isEnabled():
                continue
            btn.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(btn.hasFocus)
            image = btn.grab().toImage()
            # 1 px in from the left edge, half-way down (clear of the rounded corners): on
            # the 5 px ring, on the 3 px plain border without it.
            seen = image.pixelColor(1, image.height() // 2)
            assert seen == focus, (btn.objectName(), speaker_on, seen.name(), focus.name())


def test_no_bar_button_wears_the_focus_ring_until_the_keyboard_brings_it(
        qtbot, kiosk: Kiosk) -> None:
    """The ring (orange, as a chosen button's) means keyboard focus. When the window opened,
    Qt gave focus to its first button, so "English" looked chosen to every citizen; a tapped
    "Đổi màu" kept the ring too. Taps leave the bars' focus alone; Tab reaches every one."""
    from PySide6.QtWidgets import QApplication

    kiosk.window.activateWindow()
    qtbot.waitUntil(lambda: kiosk.window.isActiveWindow())
    bars = (kiosk.window.top, kiosk.window.bottom)

    def on_a_bar() -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and any(bar.isAncestorOf(focus) for bar in bars)

    assert not on_a_bar(), QApplication.focusWidget()
    qtbot.mouseClick(kiosk.window.contrast_btn, Qt.MouseButton.LeftButton)
    assert kiosk.state.high_contrast and not on_a_bar()
    kiosk.nav.go_to(ScreenId.CATALOGUE)
    qtbot.mouseClick(kiosk.window.back_btn, Qt.MouseButton.LeftButton)
    assert kiosk.nav.current_id is ScreenId.HOME and not on_a_bar()
    reached: set[str] = set()
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget() or kiosk.window, Qt.Key.Key_Tab)
        if on_a_bar():
            reached.add(QApplication.focusWidget().objectName())
    assert {"languageButton", "textSmallerButton", "contrastButton",
            "speakerButton"} <= reached, reached
