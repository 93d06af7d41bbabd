"""Staff tab "Thôn/tổ dân phố": the help point's commune and its local list of villages.

The demo settings name the commune "Hòa Bắc (cũ)", which since 1/7/2025 is part of phường
Hải Vân; the bundled villages.toml seeds five thôn there. The test clock is 10/03/2026.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from kiosk import places as place_data
from kiosk.auth import AuthService
from kiosk.store import Store
from tests.ui.conftest import MakeKiosk
from ui import theme
from ui.app import (
    DEMO_VOLUNTEER_PIN,
    Kiosk,
)
from ui.features import assistance, places
from ui.navigator import ScreenId
from ui.printing import FakePrinter
from ui.screens.staff_places import StaffPlacesTab, match_home
from ui.widgets.ask_dialog import AskDialog
from ui.widgets.big_button import BigButton

SEEDED = ["Giàn Bí", "Lộc Mỹ", "Nam Yên", "Phò Nam", "Tà Lang"]
NEEDS_STAFF = "Việc này cần cán bộ xã/phường đăng nhập bằng mã PIN."


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk) -> Kiosk:
    return make_kiosk(printer=FakePrinter(), features=[assistance.install, places.install],
                      staff=True)


@pytest.fixture
def tab(kiosk: Kiosk) -> StaffPlacesTab:
    staff = kiosk.screens[ScreenId.STAFF]
    for i in range(staff.tabs.count()):
        page = staff.tabs.widget(i)
        inner = page.widget() if isinstance(page, QScrollArea) else page
        if isinstance(inner, StaffPlacesTab):
            assert staff.tabs.tabText(i) == "Thôn/tổ dân phố"
            staff.tabs.setCurrentIndex(i)
            return inner
    raise AssertionError("no staff tab for villages")


def names_on_screen(tab: StaffPlacesTab) -> list[str]:
    return [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]


def row_of(tab: StaffPlacesTab, name: str) -> list[str]:
    r = names_on_screen(tab).index(name)
    return [tab.table.item(r, c).text() for c in range(tab.table.columnCount())]


def select(tab: StaffPlacesTab, name: str) -> None:
    tab.table.selectRow(names_on_screen(tab).index(name))
    assert tab.selected_label.text() == f"Đã chọn: thôn {name}"


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def in_hai_van(store: Store) -> list[str]:
    return [v.name for v in place_data.villages(store, "Hải Vân")]


def answer_retire(qtbot, tab: StaffPlacesTab) -> None:
    dialog = tab.findChild(AskDialog, "spRetireDialog")
    assert dialog is not None and dialog.isVisible()
    click(qtbot, dialog.ok_btn)


def test_tab_shows_the_help_point_commune_and_its_villages(tab: StaffPlacesTab) -> None:
    home = tab.home.text()
    assert "Điểm hỗ trợ thuộc <b>phường Hải Vân</b>" in home
    assert "“Hòa Bắc (cũ)”, tên trước 1/7/2025" in home
    assert "xã Hòa Bắc" in home
    assert tab.search.count() == 94
    assert tab.search.currentText() == "phường Hải Vân"
    assert tab.villages_heading.text() == ("Thôn/tổ dân phố của phường Hải Vân đang dùng hôm "
                                           "nay (10/03/2026)")
    assert names_on_screen(tab) == SEEDED
    assert row_of(tab, "Tà Lang") == ["Tà Lang", "thôn", "—", "từ 01/07/2025"]
    assert "resources/lists/communes-danang.toml" in tab.note.text()
    assert "help-kiosk places check" in tab.note.text()
    assert tab.add_from.date() == QDate(2026, 3, 10)
    unnamed = [w for w in tab.findChildren(QWidget)
               if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisible()
               and not w.objectName().startswith("qt_") and not isinstance(w, QLabel)
               and not (w.objectName() and w.accessibleName())]
    assert unnamed == []
    target = theme.current_target()
    assert all(b.height() >= target and b.width() >= target
               for b in tab.findChildren(BigButton) if b.isVisible())


def test_search_ignores_case_and_diacritics(qtbot, tab: StaffPlacesTab) -> None:
    edit = tab.search.lineEdit()
    edit.selectAll()
    qtbot.keyClicks(edit, "hai")
    found = tab.search.matches()
    assert "phường Hải Vân" in found
    assert "phường Hải Châu" in found
    now = [name for name in found if "trước đây" not in name]
    assert now == ["phường An Hải", "phường Hải Châu", "phường Hải Vân", "xã Tam Hải"]
    assert "phường Ngũ Hành Sơn (trước đây: phường Hòa Hải)" in found[len(now):]
    assert not [name for name in found if "Thái" in name], "“hai” starts a word, not “Thái”"
    edit.selectAll()
    qtbot.keyClicks(edit, "BA NA")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert tab.search.currentText() == "xã Bà Nà"
    assert tab.villages_heading.text().startswith("Thôn/tổ dân phố của xã Bà Nà ")
    assert tab.empty.isVisible() and not tab.table.isVisible()
    assert tab.add_kind.currentText() == "thôn"  # a xã usually has thôn
    # A former name finds the unit that took it in; picking it in the pop-up opens it.
    edit.selectAll()
    qtbot.keyClicks(edit, "hoa bac")
    assert tab.search.matches() == ["phường Hải Vân (trước đây: xã Hòa Bắc)"]
    popup = tab.search.finder.popup()
    assert popup.isVisible()
    popup.setCurrentIndex(popup.model().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert tab.search.currentText() == "phường Hải Vân"
    assert names_on_screen(tab) == SEEDED


def test_adding_a_village_lists_it(qtbot, kiosk: Kiosk, tab: StaffPlacesTab) -> None:
    tab.add_name.setText("  Nam  Mỹ ")
    tab.add_former.setText("An Mỹ, Mỹ Hạ")
    click(qtbot, tab.add_btn)
    assert tab.add_message.property("role") == "tip"
    assert tab.add_message.text() == ("Đã thêm thôn Nam Mỹ vào phường Hải Vân, dùng từ ngày "
                                      "10/03/2026.")
    assert row_of(tab, "Nam Mỹ") == ["Nam Mỹ", "thôn", "An Mỹ, Mỹ Hạ", "từ 10/03/2026"]
    assert tab.add_name.text() == ""
    added = next(v for v in place_data.villages(kiosk.store, "Hải Vân") if v.name == "Nam Mỹ")
    assert (added.kind, added.former_names) == ("thôn", ("An Mỹ", "Mỹ Hạ"))


def test_duplicate_name_shows_the_service_message(qtbot, kiosk: Kiosk,
                                                  tab: StaffPlacesTab) -> None:
    tab.add_name.setText("tà lang")
    click(qtbot, tab.add_btn)
    assert tab.add_message.property("role") == "warning"
    assert tab.add_message.text() == "Phường Hải Vân đã có thôn “Tà Lang”."
    assert tab.add_message.isVisible()
    assert tab.add_name.text() == "tà lang", "what was typed stays to be corrected"
    assert in_hai_van(kiosk.store) == SEEDED


def test_renaming_keeps_the_former_name(qtbot, kiosk: Kiosk, tab: StaffPlacesTab) -> None:
    tab.new_name.setText("Tà Lang Mới")
    click(qtbot, tab.rename_btn)
    assert tab.change_message.text() == ("Hãy chạm chọn một thôn/tổ dân phố trong danh sách "
                                         "trước.")
    select(tab, "Tà Lang")
    click(qtbot, tab.rename_btn)
    assert tab.change_message.property("role") == "tip"
    assert tab.change_message.text().startswith(
        "Từ ngày 10/03/2026, thôn Tà Lang có tên mới là “Tà Lang Mới”. Tên cũ “Tà Lang” vẫn "
        "được giữ")
    assert "Tà Lang" not in names_on_screen(tab)
    assert row_of(tab, "Tà Lang Mới") == ["Tà Lang Mới", "thôn", "Tà Lang", "từ 10/03/2026"]
    renamed = next(v for v in place_data.villages(kiosk.store, "Hải Vân")
                   if v.name == "Tà Lang Mới")
    assert renamed.former_names == ("Tà Lang",)


def test_retiring_removes_it_from_todays_list(qtbot, kiosk: Kiosk,
                                              tab: StaffPlacesTab) -> None:
    select(tab, "Giàn Bí")
    tab.last_day.setDate(QDate(2026, 3, 9))
    click(qtbot, tab.retire_btn)
    answer_retire(qtbot, tab)
    assert tab.change_message.property("role") == "tip"
    assert tab.change_message.text() == (
        "Thôn Giàn Bí dùng đến hết ngày 09/03/2026; từ ngày 10/03/2026 không còn trong danh "
        "sách để chọn. Bản ghi cũ vẫn giữ tên này.")
    assert names_on_screen(tab) == ["Lộc Mỹ", "Nam Yên", "Phò Nam", "Tà Lang"]
    assert "Giàn Bí" not in in_hai_van(kiosk.store)


def test_a_volunteer_cannot_change_anything(qtbot, kiosk: Kiosk, tab: StaffPlacesTab) -> None:
    kiosk.state.sign_in(AuthService(kiosk.store).sign_in(DEMO_VOLUNTEER_PIN))
    tab.add_name.setText("Thử Nghiệm")
    click(qtbot, tab.add_btn)
    assert (tab.add_message.property("role"), tab.add_message.text()) == ("warning",
                                                                          NEEDS_STAFF)
    select(tab, "Tà Lang")
    tab.new_name.setText("Tên Khác")
    click(qtbot, tab.rename_btn)
    assert (tab.change_message.property("role"), tab.change_message.text()) == ("warning",
                                                                                NEEDS_STAFF)
    tab.change_message.clear()
    click(qtbot, tab.retire_btn)
    answer_retire(qtbot, tab)
    assert tab.change_message.text() == NEEDS_STAFF
    assert in_hai_van(kiosk.store) == SEEDED
    assert names_on_screen(tab) == SEEDED


def test_the_setting_is_matched_by_current_or_former_name(store: Store) -> None:
    place_data.seed_places(store)
    service = place_data.PlaceService(store)
    units = service.communes()

    def found(setting: str) -> tuple[str, bool] | None:
        home = match_home(setting, units)
        return (home.place.label, home.by_former) if home.place is not None else None

    assert found("Hải Vân") == ("phường Hải Vân", False)
    assert found("xã Hoà Vang") == ("xã Hòa Vang", False)
    assert found("Hòa Bắc (cũ)") == ("phường Hải Vân", True)
    assert found("Atlantis") is None
    assert found("  ") is None
