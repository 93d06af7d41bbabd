"""Voice mode: touch to hear, touch again to act; announcements; PIN privacy; invitation."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.app import Kiosk
from ui.navigator import ScreenId


def test_outside_voice_mode_one_touch_acts(qtbot, kiosk: Kiosk) -> None:
    tile = kiosk.screens[ScreenId.HOME].tiles["learn"]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert kiosk.nav.current_id is ScreenId.CATALOGUE


def test_first_touch_on_idle_home_invites_once(qtbot, kiosk: Kiosk) -> None:
    kiosk.nav.home()
    kiosk.speaker.history.clear()
    title = kiosk.screens[ScreenId.HOME].title
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
    invitations = [t for t in kiosk.speaker.texts() if "hình cái loa" in t]
    assert invitations == ["Chạm vào hình cái loa để nghe hướng dẫn"]


def test_speaker_button_turns_voice_on_with_one_touch_and_announces(qtbot, kiosk: Kiosk
                                                                    ) -> None:
    qtbot.mouseClick(kiosk.window.speaker_btn, Qt.MouseButton.LeftButton)
    assert kiosk.state.voice_on
    said = " ".join(kiosk.speaker.texts())
    assert "Chạm một lần để nghe, chạm lần nữa để chọn" in said
    assert "Màn hình chính. Bạn có thể chọn: " in said


def test_touch_to_hear_then_touch_again_to_activate(qtbot, kiosk: Kiosk) -> None:
    kiosk.state.set_voice(True)
    tile = kiosk.screens[ScreenId.HOME].tiles["learn"]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert kiosk.nav.current_id is ScreenId.HOME  # only spoken
    assert kiosk.speaker.texts()[-1] == "Học từng bước. Xem và nghe hướng dẫn từng bước."
    assert tile.property("armed") is True
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert kiosk.nav.current_id is ScreenId.CATALOGUE
    # the new screen says what it is and what can be chosen
    assert kiosk.speaker.texts()[-1].startswith("Học từng bước: chọn chủ đề.")


def test_touching_another_button_moves_the_arming(qtbot, kiosk: Kiosk) -> None:
    kiosk.state.set_voice(True)
    home = kiosk.screens[ScreenId.HOME]
    qtbot.mouseClick(home.tiles["learn"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(home.tiles["print"], Qt.MouseButton.LeftButton)
    assert kiosk.nav.current_id is ScreenId.HOME
    assert home.tiles["learn"].property("armed") is False
    assert kiosk.speaker.texts()[-1].startswith("In hướng dẫn.")


def test_pin_digits_are_never_spoken(qtbot, kiosk: Kiosk) -> None:
    kiosk.state.set_voice(True)
    kiosk.nav.go_to(ScreenId.PIN)
    pad = kiosk.screens[ScreenId.PIN]
    kiosk.speaker.history.clear()
    for b in pad.digit_buttons:
        qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    said = kiosk.speaker.texts()
    assert said.count("một chữ số") == 10
    assert not any(ch.isdigit() for t in said for ch in t)
    assert len(pad.pin) == 8  # the second touches entered digits (max 8)


def test_keypad_key_toggles_voice_mode(qtbot, kiosk: Kiosk) -> None:
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Period, Qt.KeyboardModifier.KeypadModifier)
    assert kiosk.state.voice_on
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Period, Qt.KeyboardModifier.KeypadModifier)
    assert not kiosk.state.voice_on
