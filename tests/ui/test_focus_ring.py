"""The focus ring is for the keyboard, and it is not the look of a chosen button.

To an elderly citizen a button wearing the thick ring looks chosen: a tap must never leave it
on the tapped button or on the one focus moves to, while Tab reaches every button and shows
it. A chosen toggle (``:checked``) has its own look, so it does not look focused.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QApplication

from ui import theme
from ui.app import Kiosk
from ui.navigator import ScreenId
from ui.widgets.big_button import BigButton


def edge(btn: QAbstractButton) -> QColor:
    """1 px in from the left edge, half-way down (clear of the rounded corners): on the 5 px
    ring when there is one."""
    image = btn.grab().toImage()
    return image.pixelColor(1, image.height() // 2)


def shown_buttons(k: Kiosk) -> list[BigButton]:
    return [b for b in k.window.findChildren(BigButton) if b.isVisible()]


def assert_no_ring(k: Kiosk, focus_colour: QColor) -> None:
    focus = QApplication.focusWidget()
    assert not isinstance(focus, QAbstractButton), focus.objectName()
    ringed = [b.objectName() for b in shown_buttons(k) if edge(b) == focus_colour]
    assert ringed == []


def focus_by_tab(qtbot, k: Kiosk, inside) -> QAbstractButton:
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget() or k.window, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if isinstance(focus, QAbstractButton) and inside.isAncestorOf(focus):
            return focus
    raise AssertionError("Tab never reached a button on the screen")


def test_a_tap_leaves_no_ring_and_tab_still_shows_it(qtbot, kiosk: Kiosk) -> None:
    """A tapped PIN digit (the screen stays open) and a tapped home tile (the screen changes)
    leave no button wearing the ring; Tab then brings it to a screen's button."""
    focus_colour = QColor(theme.palette(False).focus)
    kiosk.window.activateWindow()
    qtbot.waitUntil(lambda: kiosk.window.isActiveWindow())

    home = kiosk.screens[ScreenId.HOME]
    tile = next(iter(home.tiles.values()))
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert kiosk.nav.current_id is not ScreenId.HOME
    assert_no_ring(kiosk, focus_colour)

    kiosk.window.staff_gesture.emit()
    assert kiosk.nav.current_id is ScreenId.PIN
    digit = kiosk.window.findChild(QAbstractButton, "pinDigit1")
    qtbot.mouseClick(digit, Qt.MouseButton.LeftButton)
    assert kiosk.nav.current_id is ScreenId.PIN
    assert not digit.hasFocus()
    assert_no_ring(kiosk, focus_colour)

    pad = kiosk.screens[ScreenId.PIN]
    tabbed = focus_by_tab(qtbot, kiosk, pad)
    assert edge(tabbed) == focus_colour, tabbed.objectName()


@pytest.mark.parametrize("high_contrast", [False, True])
def test_a_checked_button_does_not_look_focused(qtbot, kiosk: Kiosk,
                                                high_contrast: bool) -> None:
    """The speaker (voice on) and a chosen toggle on a screen wore the same 5 px ring as
    keyboard focus. Checked without focus: filled, no ring; focused: the ring."""
    p = theme.palette(high_contrast)
    focus_colour = QColor(p.focus)
    kiosk.state.set_high_contrast(high_contrast)
    kiosk.window.activateWindow()
    qtbot.waitUntil(lambda: kiosk.window.isActiveWindow())
    kiosk.state.set_voice(True)
    speaker = kiosk.window.speaker_btn
    toggle = BigButton("Ưu tiên", "star", object_name="testToggle", role="secondary",
                       beside=True, icon_px=44, parent=kiosk.screens[ScreenId.HOME])
    toggle.setCheckable(True)
    toggle.setChecked(True)
    toggle.show()
    for btn in (speaker, toggle):
        assert btn.isChecked() and not btn.hasFocus()
        seen = edge(btn)
        assert seen != focus_colour, (btn.objectName(), seen.name())
        # Still filled with the chosen colour inside its border.
        image = btn.grab().toImage()
        assert image.pixelColor(8, image.height() // 2) == QColor(p.primary), btn.objectName()
        btn.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(btn.hasFocus)
        assert edge(btn) == focus_colour, btn.objectName()
        btn.clearFocus()
