"""Home-visit list on screen (issue #23 item 5), found and touched by accessible names as a
volunteer would: console → "Đến nhà hỗ trợ" → "Thêm yêu cầu" (the phone only after the
citizen's "Tôi đồng ý") → "Nhận việc" → "Đã xong" (the home-visit record is logged)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QListWidget
from sqlalchemy import select

from db.models import Assistance, HomeVisit
from kiosk.auth import AuthService
from tests.ui.conftest import MakeKiosk
from ui.app import DEMO_STAFF_PIN, DEMO_VOLUNTEER_PIN, Kiosk
from ui.navigator import ScreenId

LEFT = Qt.MouseButton.LeftButton
PHONE = "0905123456"


def button(k: Kiosk, name: str) -> QAbstractButton:
    found = [b for b in k.window.findChildren(QAbstractButton)
             if b.accessibleName() == name and b.isVisible()]
    assert len(found) == 1, f"{name!r}: {len(found)} visible buttons"
    return found[0]


def field(k: Kiosk, name: str) -> QLineEdit:
    found = [w for w in k.window.findChildren(QLineEdit)
             if w.accessibleName() == name and w.isVisible()]
    assert len(found) == 1, f"{name!r}: {len(found)} visible fields"
    return found[0]


def listing(k: Kiosk, name: str) -> QListWidget:
    found = [w for w in k.window.findChildren(QListWidget)
             if w.accessibleName() == name and w.isVisible()]
    assert len(found) == 1, f"{name!r}: {len(found)} visible lists"
    return found[0]


def sign_in(k: Kiosk, pin: str = DEMO_VOLUNTEER_PIN) -> None:
    k.state.sign_in(AuthService(k.store).sign_in(pin))


def open_list(qtbot, k: Kiosk) -> None:
    sign_in(k)
    k.nav.go_to(ScreenId.VOLUNTEER)
    qtbot.mouseClick(button(k, "Đến nhà hỗ trợ"), LEFT)
    assert k.nav.current_id is ScreenId.HOME_VISITS


def fill_request(qtbot, k: Kiosk, who: str) -> None:
    qtbot.mouseClick(button(k, "Thêm yêu cầu"), LEFT)
    # setText: QTest's key clicks abort on letters outside Latin-1 (Vietnamese "ạ", "ả").
    field(k, "Thôn/tổ dân phố").setText("Tà Lang")
    field(k, "Người cần hỗ trợ").setText(who)
    field(k, "Ghi thêm việc cần hỗ trợ").setText("Kích hoạt mức 2")
    field(k, "Thời gian thuận tiện").setText("Sáng thứ Bảy")


def visits(k: Kiosk) -> list[HomeVisit]:
    with k.store.read() as s:
        rows = list(s.scalars(select(HomeVisit).order_by(HomeVisit.created_at)))
        s.expunge_all()
        return rows


def test_without_consent_the_phone_box_stays_shut_and_no_phone_is_stored(
        qtbot, make_kiosk: MakeKiosk) -> None:
    k = make_kiosk()
    open_list(qtbot, k)
    fill_request(qtbot, k, "Bà Tư, cạnh nhà văn hóa")
    phone = [w for w in k.window.findChildren(QLineEdit)
             if w.accessibleName() == "Số điện thoại của người cần đến nhà"]
    assert len(phone) == 1 and not phone[0].isEnabled()
    # The citizen is asked on the consent screen and says no.
    qtbot.mouseClick(button(k, "Xin số điện thoại"), LEFT)
    assert k.nav.current_id is ScreenId.CONSENT
    assert "số điện thoại" in k.screens[ScreenId.CONSENT].title.text()
    qtbot.mouseClick(button(k, "Không đồng ý"), LEFT)
    assert k.nav.current_id is ScreenId.HOME_VISITS
    assert not phone[0].isEnabled()
    assert field(k, "Người cần hỗ trợ").text() == "Bà Tư, cạnh nhà văn hóa"  # form kept
    qtbot.mouseClick(button(k, "Lưu yêu cầu"), LEFT)
    [row] = visits(k)
    assert (row.household, row.phone, row.phone_consent_at) == (
        "Bà Tư, cạnh nhà văn hóa", None, None)
    shown = listing(k, "Yêu cầu đến nhà ở thôn đã chọn")
    assert shown.item(0).text().startswith("Bà Tư, cạnh nhà văn hóa")
    assert listing(k, "Thôn, tổ dân phố có yêu cầu").item(0).text() == "Tà Lang (1)"


def test_with_consent_the_phone_is_kept_then_take_and_done_log_the_visit(
        qtbot, make_kiosk: MakeKiosk) -> None:
    k = make_kiosk()
    open_list(qtbot, k)
    assert "Chưa có yêu cầu" in k.screens[ScreenId.HOME_VISITS].empty.text()
    fill_request(qtbot, k, "Ông Hai")
    qtbot.mouseClick(button(k, "Xin số điện thoại"), LEFT)
    qtbot.mouseClick(button(k, "Tôi đồng ý"), LEFT)
    phone = field(k, "Số điện thoại của người cần đến nhà")
    assert phone.isEnabled()
    qtbot.keyClicks(phone, "0905 123 456")
    qtbot.mouseClick(button(k, "Lưu yêu cầu"), LEFT)
    [row] = visits(k)
    assert row.phone == PHONE and row.phone_consent_at is not None

    qtbot.mouseClick(button(k, "Nhận việc"), LEFT)
    assert visits(k)[0].status == "assigned"
    item = listing(k, "Yêu cầu đến nhà ở thôn đã chọn").item(0).text()
    assert "Đã có người nhận: Tình nguyện viên Hùng (mẫu)" in item
    assert PHONE in item  # the one who visits sees the whole number
    qtbot.mouseClick(button(k, "Đã xong"), LEFT)
    [row] = visits(k)
    assert row.status == "done"
    with k.store.read() as s:
        record = s.get(Assistance, row.assistance_uuid)
        assert record is not None and record.channel == "home_visit"
    screen = k.screens[ScreenId.HOME_VISITS]
    assert "Lượt hỗ trợ tại nhà đã được ghi" in screen.message.text()
    assert screen.empty.isVisible()  # nothing left to visit


def test_a_phone_number_typed_in_the_description_is_refused_in_vietnamese(
        qtbot, make_kiosk: MakeKiosk) -> None:
    k = make_kiosk()
    open_list(qtbot, k)
    fill_request(qtbot, k, "Ông Năm 0905 123 456")
    qtbot.mouseClick(button(k, "Lưu yêu cầu"), LEFT)
    assert visits(k) == []
    message = k.screens[ScreenId.HOME_VISITS].message.text()
    assert "số điện thoại" in message and "đồng ý" in message
    assert k.screens[ScreenId.HOME_VISITS].pages.currentIndex() == 1  # still on the form


def test_staff_reach_the_list_from_their_tab(qtbot, make_kiosk: MakeKiosk) -> None:
    k = make_kiosk(staff=True)
    staff = k.screens[ScreenId.STAFF]
    names = [staff.tabs.tabText(i) for i in range(staff.tabs.count())]
    staff.tabs.setCurrentIndex(names.index("Đến nhà hỗ trợ"))
    qtbot.mouseClick(button(k, "Mở danh sách đến nhà"), LEFT)
    assert k.nav.current_id is ScreenId.HOME_VISITS
    assert k.state.actor.uuid == AuthService(k.store).sign_in(DEMO_STAFF_PIN).uuid
    assert button(k, "Thêm yêu cầu").isEnabled()


def test_signing_out_forgets_the_names_on_screen(qtbot, make_kiosk: MakeKiosk) -> None:
    k = make_kiosk()
    open_list(qtbot, k)
    fill_request(qtbot, k, "Chị Ba")
    qtbot.mouseClick(button(k, "Lưu yêu cầu"), LEFT)
    k.state.sign_out()
    screen = k.screens[ScreenId.HOME_VISITS]
    screen.reset()
    assert screen.visit_list.count() == 0 and screen.f_household.text() == ""
    # A citizen cannot open it: the PIN pad comes first.
    k.nav.go_to(ScreenId.HOME_VISITS)
    assert k.nav.current_id is ScreenId.PIN


def test_staff_give_a_visit_to_a_volunteer_who_then_sees_the_phone(
        qtbot, make_kiosk: MakeKiosk) -> None:
    k = make_kiosk()
    open_list(qtbot, k)
    fill_request(qtbot, k, "Bà Sáu")
    qtbot.mouseClick(button(k, "Xin số điện thoại"), LEFT)
    qtbot.mouseClick(button(k, "Tôi đồng ý"), LEFT)
    qtbot.keyClicks(field(k, "Số điện thoại của người cần đến nhà"), PHONE)
    qtbot.mouseClick(button(k, "Lưu yêu cầu"), LEFT)
    volunteer = k.state.actor
    k.state.sign_out()
    sign_in(k, DEMO_STAFF_PIN)
    k.nav.go_to(ScreenId.HOME_VISITS)
    screen = k.screens[ScreenId.HOME_VISITS]
    who = [w for w in screen.findChildren(type(screen.assignee))
           if w.accessibleName() == "Người đến nhà" and w.isVisible()]
    assert len(who) == 1
    who[0].setCurrentIndex(who[0].findData(volunteer.uuid))
    qtbot.mouseClick(button(k, "Giao việc"), LEFT)
    [row] = visits(k)
    assert (row.status, row.assigned_to) == ("assigned", volunteer.uuid)
    assert "Đã giao việc cho Tình nguyện viên Hùng (mẫu)" in screen.message.text()
    # The volunteer who now has it sees the whole number (others see it masked).
    k.state.sign_out()
    sign_in(k)
    k.nav.go_to(ScreenId.HOME_VISITS)
    assert PHONE in listing(k, "Yêu cầu đến nhà ở thôn đã chọn").item(0).text()
    assert not screen.assignee_row.isVisible()  # volunteers take their own


def test_staff_find_and_erase_a_person_known_only_from_a_visit_request(
        qtbot, make_kiosk: MakeKiosk) -> None:
    """A phone kept only on the visit list is still found, exported and erased from the
    staff tab "Hồ sơ & dữ liệu cá nhân" (the buttons used to stay hidden: 0 records)."""
    from PySide6.QtWidgets import QWidget

    from ui.screens.staff_records import StaffRecordsTab

    k = make_kiosk()
    open_list(qtbot, k)
    fill_request(qtbot, k, "Bà Bảy")
    qtbot.mouseClick(button(k, "Xin số điện thoại"), LEFT)
    qtbot.mouseClick(button(k, "Tôi đồng ý"), LEFT)
    qtbot.keyClicks(field(k, "Số điện thoại của người cần đến nhà"), PHONE)
    qtbot.mouseClick(button(k, "Lưu yêu cầu"), LEFT)
    k.state.sign_out()
    sign_in(k, DEMO_STAFF_PIN)
    k.nav.go_to(ScreenId.STAFF)
    tab = k.window.findChild(StaffRecordsTab, "staffRecordsTab")
    assert tab is not None
    qtbot.keyClicks(tab.phone, "0905 123 456")
    qtbot.mouseClick(tab.find_btn, LEFT)
    assert "1 yêu cầu đến nhà" in tab.person_message.text()
    assert not tab.export_btn.isHidden() and not tab.erase_btn.isHidden()
    assert tab.edit_btn.isHidden()  # no record to edit
    qtbot.mouseClick(tab.erase_btn, LEFT)
    dialog = tab.findChild(QWidget, "srEraseDialog")
    qtbot.mouseClick(dialog.findChild(QAbstractButton, "srEraseDialogOk"), LEFT)
    [row] = visits(k)
    assert (row.household, row.phone) == (None, None)
    assert row.village == "Tà Lang"


def test_every_service_reads_whole_in_the_form_at_1366_with_the_largest_text(
        qtbot, make_kiosk: MakeKiosk) -> None:
    """The service box showed "Tài khoản định dan…" at 1366×768 with A+ at its largest: it
    shared a row with the notes box. Every option must read whole in the box and in its
    list, and Save/Back stay on screen."""
    from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

    from ui import layout_rule

    k = make_kiosk(size=(1366, 768))
    k.state.set_text_size(2)
    open_list(qtbot, k)
    qtbot.mouseClick(button(k, "Thêm yêu cầu"), LEFT)
    qtbot.waitUntil(layout_rule.Steady(k.window), timeout=5000)
    [combo] = [c for c in k.window.findChildren(QComboBox)
               if c.accessibleName() == "Cần hỗ trợ việc gì" and c.isVisible()]
    names = [combo.itemText(i) for i in range(combo.count())]
    assert "Tài khoản định danh VNeID" in names
    for i, name in enumerate(names):
        combo.setCurrentIndex(i)
        opt = QStyleOptionComboBox()
        combo.initStyleOption(opt)
        field_rect = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField,
            combo)
        width = combo.fontMetrics().horizontalAdvance(opt.currentText)
        assert opt.currentText == name
        assert width <= field_rect.width(), f"{name!r}: {width}px in {field_rect.width()}px"
    # the list that opens shows every option whole (as wide as the longest, or wrapped)
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    for i in range(combo.count()):
        rect = view.visualRect(view.model().index(i, 0))
        assert view.fontMetrics().horizontalAdvance(names[i]) <= rect.width(), names[i]
    combo.hidePopup()
    assert layout_rule.problems(k.window, "home-visits-form") == []
    for name in ("Lưu yêu cầu", "Quay lại danh sách"):
        b = button(k, name)
        rect = b.rect().translated(b.mapTo(k.window, b.rect().topLeft()))
        assert k.window.rect().contains(rect), name
