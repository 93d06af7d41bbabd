"""English is complete where a person can switch to it (gui-review item 8).

Walks every screen a citizen, a volunteer and a staff member reach, in English started by
config.toml and in English switched by the button, and looks at every visible text (labels,
buttons, tabs, group boxes, table headers, list items, line-edit placeholders). A text with a
Vietnamese-only letter (đ, ă, â, ê, ô, ơ, ư or a tone mark) is Vietnamese left on screen,
unless it is a proper name in the small allow-list below (names of people, places and the
help point, the "Tiếng Việt" button, tutorial content written only in Vietnamese).
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QWidget,
)

from kiosk.config import defaults
from tests.ui.conftest import MakeKiosk
from ui.app import DEMO_STAFF_PIN, Kiosk, demo_config
from ui.navigator import ScreenId

# Vietnamese-only letters: đ, and the vowels with a breve, circumflex, horn or a tone mark.
_VI_ONLY = set("đĐăĂâÂêÊôÔơƠưƯ")
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

# Proper names that stay Vietnamese in English (people, places, the help point itself).
ALLOWED = [
    "Tiếng Việt",  # the language button offers Vietnamese in Vietnamese
    "Điểm hỗ trợ số thôn Tà Lang", "Tổ CNSCĐ thôn Tà Lang", "Hòa Bắc (cũ)",
    "Cán bộ xã (mẫu)", "Tình nguyện viên Hùng (mẫu)",
    "xã Hòa Liên (một phần)",  # a former commune's name as the official list spells it
    "Cơ Tu",  # the language's own name (recorded phrases, staff settings and content tabs)
]


# An amount in dong keeps its currency sign in English: "300.000 đ".
_MONEY = re.compile(r"\d[\d.]*\s?đ(?!\w)")
# Place names: two or more capitalised words ("Hải Vân", "Điện Bàn Bắc"), with the
# administrative word before them ("phường Hải Vân", "xã Bà Nà", "đặc khu Hoàng Sa").
_PLACE = re.compile(r"(?:(?:xã|phường|đặc khu|thôn|tổ dân phố)\s+)?"
                    r"(?:[A-ZĐÂĂÊÔƠƯÀ-Ỹ][^\W\d_]*)(?:\s+[A-ZĐÂĂÊÔƠƯÀ-Ỹ][^\W\d_]*)+")
_ADMIN_NAME = re.compile(r"^(?:xã|phường|đặc khu)\s+\S.*$")


def is_vietnamese(text: str) -> bool:
    for name in ALLOWED:
        text = text.replace(name, "")
    text = _MONEY.sub("", text)
    if _ADMIN_NAME.match(text):  # a commune or ward in a list of places
        return False
    text = _PLACE.sub("", text)
    decomposed = unicodedata.normalize("NFD", text)
    return any(c in _VI_ONLY for c in text) or any(c in _TONE_MARKS for c in decomposed)


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(objectName or class, text) of every text a person can see under ``root``."""
    found: list[tuple[str, str]] = []

    def name(w: QWidget) -> str:
        return w.objectName() or type(w).__name__

    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root) or not w.isVisible():
            continue
        if isinstance(w, QLabel | QAbstractButton):
            found.append((name(w), w.text()))
        elif isinstance(w, QGroupBox):
            found.append((name(w), w.title()))
        elif isinstance(w, QLineEdit):
            found.append((name(w), w.placeholderText()))
        elif isinstance(w, QComboBox):
            found += [(name(w), w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            found += [(name(w), w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QPlainTextEdit):  # the staff content check and audit log
            found += [(name(w), line) for line in w.toPlainText().splitlines()]
        elif isinstance(w, QListWidget):
            found += [(name(w), w.item(i).text()) for i in range(w.count())]
        elif isinstance(w, QTableView) and w.model() is not None:
            m = w.model()
            found += [(name(w), str(m.headerData(c, Qt.Orientation.Horizontal) or ""))
                      for c in range(m.columnCount())]
    return found


def vietnamese_on(root: QWidget) -> list[tuple[str, str]]:
    return [(n, t) for n, t in visible_texts(root) if t and is_vietnamese(t)]


@pytest.fixture(params=["config", "button"])
def english(request, qtbot, make_kiosk: MakeKiosk) -> Kiosk:
    language = "en" if request.param == "config" else "vi"
    k = make_kiosk(size=(1366, 768), config=demo_config(defaults()).replace(language=language))
    if request.param == "button":
        qtbot.mouseClick(k.window.lang_btn, Qt.MouseButton.LeftButton)
    assert k.state.language == "en"
    return k


def click(qtbot, w: QWidget) -> None:
    qtbot.mouseClick(w, Qt.MouseButton.LeftButton)


def pin(qtbot, k: Kiosk, digits: str) -> None:
    k.window.staff_gesture.emit()
    for d in digits:
        click(qtbot, k.window.findChild(QAbstractButton, f"pinDigit{d}"))
    click(qtbot, k.screens[ScreenId.PIN].ok_btn)


def test_every_screen_is_english_in_english_mode(qtbot, english: Kiosk) -> None:
    k = english
    seen: dict[str, list[tuple[str, str]]] = {}
    shown: dict[str, int] = {}

    def look(scene: str) -> None:
        qtbot.waitUntil(lambda: k.window.isVisible())
        seen[scene] = vietnamese_on(k.window)
        shown[scene] = len(visible_texts(k.window))

    look("home")
    for sid in (ScreenId.CATALOGUE, ScreenId.TAKE_TICKET):
        k.nav.go_to(sid)
        look(sid.name.lower())
    tutorial = k.catalogue.tutorials[0]
    k.nav.go_to(ScreenId.STEP, tutorial_id=tutorial.id)
    look("step")
    k.nav.home()
    click(qtbot, k.screens[ScreenId.HOME].tiles["ticket"])
    click(qtbot, next(iter(k.screens[ScreenId.TAKE_TICKET].tiles.values())))
    look("ticket")
    k.idle.overlay.retranslate()
    k.idle.overlay.show_seconds(7)
    look("idle countdown")
    k.idle.overlay.hide()
    pin(qtbot, k, "0000")
    look("pin error")
    pin(qtbot, k, DEMO_STAFF_PIN)
    assert k.state.is_staff
    k.nav.go_to(ScreenId.STAFF)
    assert k.nav.current_id is ScreenId.STAFF
    look("staff")
    tabs = k.screens[ScreenId.STAFF].tabs
    for i in range(tabs.count()):
        tabs.names.setCurrentRow(i)
        look(f"staff tab {i} {tabs.tabText(i)}")
    k.nav.go_to(ScreenId.VOLUNTEER)
    look("volunteer console")
    console = k.screens[ScreenId.VOLUNTEER]
    click(qtbot, console.display_btn)
    display = console.feature.display
    qtbot.waitUntil(display.isVisible)
    seen["now-serving display"] = vietnamese_on(display)
    shown["now-serving display"] = len(visible_texts(display))
    display.close()
    display.deleteLater()
    console.feature.display = None
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    k.nav.go_to(ScreenId.QUICK_LOG)
    assert k.nav.current_id is ScreenId.QUICK_LOG
    look("quick log")
    k.screens[ScreenId.QUICK_LOG]._ask_consent("contact")  # what ticking "contact" opens
    assert k.nav.current_id is ScreenId.CONSENT
    look("consent")
    k.nav.go_to(ScreenId.FINISH, tutorial_id=tutorial.id)
    assert k.nav.current_id is ScreenId.FINISH
    look("finish")
    k.nav.go_to(ScreenId.STEP, tutorial_id=tutorial.id, step=1)
    k.window.home_btn.click()  # Home midway: the code to come back with
    assert k.nav.current_id is ScreenId.RESUME_CODE
    look("resume code")
    code = k.screens[ScreenId.RESUME_CODE].issued.code
    k.nav.go_to(ScreenId.RESUME_ENTRY)
    entry = k.screens[ScreenId.RESUME_ENTRY]
    look("resume keypad")
    for d in "0000" if code != "0000" else "1111":
        click(qtbot, k.window.findChild(QAbstractButton, f"resumeDigit{d}"))
    click(qtbot, entry.ok_btn)
    assert entry.refusal is not None  # an unknown code, refused in English
    look("resume refused")
    assert all(shown.values())  # every scene had texts to look at
    left = {scene: texts for scene, texts in seen.items() if texts}
    assert left == {}


def test_the_detector_sees_vietnamese_and_lets_names_and_money_through() -> None:
    assert is_vietnamese("Thêm thời gian")
    assert is_vietnamese("Xong") is False  # no Vietnamese-only letter: cannot be told apart
    assert is_vietnamese("Remaining in tháng 12/2026: 250.000 đ")
    assert is_vietnamese("Mã PIN không đúng. Còn 4 lần thử.")
    assert not is_vietnamese("Remaining in month 12/2026: 250.000\u00a0đ")
    assert not is_vietnamese("Villages of phường Hải Vân")
    assert not is_vietnamese("xã Bà Nà")
    assert not is_vietnamese("English")


def test_pin_errors_and_privacy_refusals_have_english(qtbot, english: Kiosk) -> None:
    pin(qtbot, english, "0000")
    assert english.screens[ScreenId.PIN].message.text() == "Wrong PIN. 4 tries left."
    from kiosk.privacy import PrivacyError, check_note

    with pytest.raises(PrivacyError) as err:
        check_note("CCCD012345678901")
    assert err.value.message("en").startswith("The note has a number like a citizen ID")
    assert err.value.message("vi") == str(err.value)


def test_one_person_ahead_reads_as_english(qtbot, english: Kiosk) -> None:
    details = []
    for code in ("vneid", "dvc"):
        english.nav.home()
        click(qtbot, english.screens[ScreenId.HOME].tiles["ticket"])
        click(qtbot, english.screens[ScreenId.TAKE_TICKET].tiles[code])
        details.append(english.screens[ScreenId.TICKET].details.text())
    assert "Nobody is waiting ahead of you." in details[0]
    assert "1 person is waiting ahead of you." in details[1]


def test_period_and_reason_refusals_are_english(qtbot, english: Kiosk) -> None:
    from datetime import date

    from kiosk.reports.periods import PeriodKind
    from ui.screens.reports.period import PeriodPicker
    from ui.widgets.ask_dialog import ask

    pin(qtbot, english, DEMO_STAFF_PIN)
    english.nav.go_to(ScreenId.STAFF)
    staff = english.screens[ScreenId.STAFF]
    picker = staff.findChildren(PeriodPicker)[0]
    picker._choose(PeriodKind.CUSTOM, date(2026, 3, 10), date(2026, 3, 1))
    assert picker.error.text().startswith("The start day")
    dialog = ask(staff.members, "tAsk", "t", "q", "ok", lambda _r: None, with_reason=True)
    assert dialog.reason is not None
    dialog.reason.setText("gọi lại 0905123456")
    click(qtbot, dialog.ok_btn)
    assert not is_vietnamese(dialog.warning.text()) and dialog.warning.text()
    dialog.close()
    dialog.deleteLater()
