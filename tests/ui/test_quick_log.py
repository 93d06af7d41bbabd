"""The assistance log GUI: three taps, privacy of notes, consent, roles, staff data requests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget
from sqlalchemy import select

import ui.file_choice
from db.models import ActivityDay, Assistance
from kiosk.assistance import AssistanceService
from kiosk.auth import Actor, AuthService
from kiosk.bundles import BundleService
from kiosk.clock import local_day
from kiosk.drives import Drive
from kiosk.privacy import CONTACT_PURPOSE_VI
from kiosk.queue import QueueService
from tests.ui.conftest import MakeKiosk
from ui.app import (
    DEMO_STAFF_PIN,
    DEMO_VOLUNTEER_PIN,
    Kiosk,
)
from ui.features import assistance
from ui.navigator import ScreenId
from ui.printing import FakePrinter
from ui.screens.consent import ConsentScreen
from ui.screens.quick_log import QuickLogScreen
from ui.screens.staff_records import StaffRecordsTab
from ui.widgets.drive_picker import DrivePicker

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk) -> Kiosk:
    return make_kiosk(printer=FakePrinter(), features=[assistance.install])


def sign_in(k: Kiosk, pin: str) -> Actor:
    actor = AuthService(k.store).sign_in(pin)
    k.state.sign_in(actor)
    return actor


def screen(k: Kiosk) -> QuickLogScreen:
    return k.screens[ScreenId.QUICK_LOG]


def rows(k: Kiosk) -> list[Assistance]:
    with k.store.read() as s:
        return list(s.scalars(select(Assistance)))


def finished_ticket(k: Kiosk, volunteer: Actor) -> str:
    q = QueueService(k.store)
    t = q.issue("vneid")
    q.call_next(volunteer, 1)
    q.finish(volunteer, t)
    return t.uuid


def messages(k: Kiosk) -> list[str]:
    return [b.text() for b in k.window.findChildren(QMessageBox, "calmMessage")
            if b.isVisible()]


def test_three_taps_log_the_ticket_and_mark_the_volunteer_active(qtbot, kiosk: Kiosk) -> None:
    volunteer = sign_in(kiosk, DEMO_VOLUNTEER_PIN)
    ticket = finished_ticket(kiosk, volunteer)
    kiosk.nav.go_to(ScreenId.QUICK_LOG, ticket_uuid=ticket)
    ql = screen(kiosk)
    assert kiosk.nav.current_id is ScreenId.QUICK_LOG
    assert "A001" in ql.subtitle.text()
    # Prefilled from the ticket: the service and "Xong"; nothing about the person.
    assert ql.services.values() == ("vneid",)
    assert ql.outcome.value() == "done"
    assert ql.age.value() == "" and ql.gender.value() == ""
    assert not ql.contact.consented and not ql.contact.toggle.isChecked()

    qtbot.mouseClick(ql.age.buttons["60-74"], LEFT)
    qtbot.mouseClick(ql.gender.buttons["nu"], LEFT)
    qtbot.mouseClick(ql.save_btn, LEFT)

    [row] = rows(kiosk)
    assert (row.age_band, row.gender, row.services, row.outcome) == ("60-74", "nu", ["vneid"],
                                                                     "done")
    assert row.ticket_uuid == ticket and row.volunteer_uuids == [volunteer.uuid]
    assert (row.commune, row.village) == ("Hải Vân", "Tà Lang")  # from the config, matched
    assert row.contact_name is None and row.contact_phone is None and row.ethnic_group is None
    today = local_day(kiosk.store.clock.now())
    with kiosk.store.read() as s:
        active = s.scalar(select(ActivityDay).where(
            ActivityDay.volunteer_uuid == volunteer.uuid, ActivityDay.day == today,
            ActivityDay.source == "record"))
    assert active is not None
    # A calm confirmation, and back where the volunteer came from (Home: no console here).
    assert kiosk.nav.current_id is ScreenId.HOME
    assert any("Đã lưu lượt hỗ trợ" in m for m in messages(kiosk))


def test_a_note_with_an_id_number_is_refused_and_nothing_is_lost(qtbot, kiosk: Kiosk) -> None:
    sign_in(kiosk, DEMO_VOLUNTEER_PIN)
    kiosk.nav.go_to(ScreenId.QUICK_LOG, service="dvc")
    ql = screen(kiosk)
    qtbot.mouseClick(ql.age.buttons["40-59"], LEFT)
    ql.note.setText("Số CCCD 012345678901 của bà")
    qtbot.mouseClick(ql.save_btn, LEFT)

    assert rows(kiosk) == []
    assert kiosk.nav.current_id is ScreenId.QUICK_LOG
    assert ql.message.isVisible() and ql.message.property("role") == "warning"
    assert "căn cước" in ql.message.text() and "xóa phần đó" in ql.message.text()
    assert "012345678901" not in ql.message.text()
    assert ql.note.selectedText() == "012345678901"  # points at what to remove
    # The form keeps every value.
    assert ql.services.values() == ("dvc",) and ql.age.value() == "40-59"
    assert ql.note.text() == "Số CCCD 012345678901 của bà"


def consent_screen(k: Kiosk) -> ConsentScreen:
    return k.screens[ScreenId.CONSENT]


def test_contact_fields_open_only_after_the_citizen_agrees(qtbot, kiosk: Kiosk) -> None:
    sign_in(kiosk, DEMO_VOLUNTEER_PIN)
    kiosk.nav.go_to(ScreenId.QUICK_LOG, service="vneid")
    ql = screen(kiosk)
    consent = consent_screen(kiosk)
    gate = ql.contact
    assert not gate.name.isEnabled() and not gate.phone.isEnabled()

    # Declining keeps the record anonymous.
    qtbot.mouseClick(gate.toggle, LEFT)
    assert kiosk.nav.current_id is ScreenId.CONSENT  # its own screen, not part of the form
    assert not gate.toggle.isChecked()  # nothing ticked before the citizen answers
    qtbot.mouseClick(consent.decline_btn, LEFT)
    assert kiosk.nav.current_id is ScreenId.QUICK_LOG
    assert not gate.consented and not gate.name.isEnabled() and not gate.toggle.isChecked()
    assert ql.services.values() == ("vneid",)  # the form is as the volunteer left it

    # Asking again shows and reads the consent text; agreeing opens the fields.
    qtbot.mouseClick(gate.toggle, LEFT)
    text = consent.text
    assert "Điểm hỗ trợ số thôn Tà Lang" in text and "180 ngày" in text
    assert "bằng văn bản" in text  # withdrawal in writing (facts §5)
    assert text in kiosk.speaker.texts()
    assert not gate.name.isEnabled()
    qtbot.mouseClick(consent.agree_btn, LEFT)
    assert kiosk.nav.current_id is ScreenId.QUICK_LOG
    assert gate.consented and gate.toggle.isChecked()
    assert gate.name.isEnabled() and gate.phone.isEnabled()
    assert gate.isVisible()  # the sheet that holds the contact is the one shown
    gate.name.setText("Bà Lan")  # QTest cannot type letters outside Latin-1
    qtbot.keyClicks(gate.phone, "0905 123 456")
    # The ethnic group: the same clear act, with its own text.
    qtbot.mouseClick(ql.ethnic.toggle, LEFT)
    assert "Dân tộc là thông tin nhạy cảm" in consent.text
    assert not ql.ethnic.group.isEnabled()
    qtbot.mouseClick(consent.agree_btn, LEFT)
    ql.ethnic.group.setEditText("Cơ Tu")
    ql.show_sheet(0)
    qtbot.mouseClick(ql.gender.buttons["nu"], LEFT)
    qtbot.mouseClick(ql.save_btn, LEFT)

    [row] = rows(kiosk)
    assert row.ethnic_group == "Cơ Tu" and row.ethnic_consent_at is not None
    assert (row.contact_name, row.contact_phone) == ("Bà Lan", "0905123456")
    assert row.contact_consent_at is not None
    assert row.contact_consent_purpose == CONTACT_PURPOSE_VI


def test_consent_screen_says_who_why_how_long_and_offers_two_equal_choices(
        qtbot, kiosk: Kiosk) -> None:
    sign_in(kiosk, DEMO_VOLUNTEER_PIN)
    kiosk.nav.go_to(ScreenId.QUICK_LOG, service="vneid")
    qtbot.mouseClick(screen(kiosk).contact.toggle, LEFT)
    consent = consent_screen(kiosk)
    assert consent.title.text() == "Xin phép lưu họ tên và số điện thoại của bạn"
    assert [q.text() for q in consent.questions] == [
        "Ai giữ thông tin?", "Để làm gì?", "Giữ bao lâu?", "Muốn rút lại?"]
    assert "văn bản" in consent.answers[3].text() and "15 ngày" in consent.answers[3].text()
    agree, decline = consent.agree_btn, consent.decline_btn
    # Equal: same look, same size, neither chosen or focused in advance.
    assert agree.property("role") == decline.property("role") == "secondary"
    assert abs(agree.width() - decline.width()) <= 2 and agree.height() == decline.height()
    assert not agree.hasFocus() and not decline.hasFocus()
    # The citizen's screen: no Back, Home or the volunteer's "Đăng xuất" in reach.
    window = kiosk.window
    assert not window.back_btn.isVisible() and not window.home_btn.isVisible()
    assert not window.signout_btn.isVisible()
    qtbot.mouseClick(decline, LEFT)
    assert window.home_btn.isVisible() and window.signout_btn.isVisible()


def test_quick_log_has_no_scroll_area_and_three_taps_on_the_first_sheet(
        qtbot, kiosk: Kiosk) -> None:
    from PySide6.QtWidgets import QScrollArea

    sign_in(kiosk, DEMO_VOLUNTEER_PIN)
    kiosk.nav.go_to(ScreenId.QUICK_LOG, service="dvc")
    ql = screen(kiosk)
    assert ql.findChildren(QScrollArea) == []  # nothing scrolls, so nothing jumps on focus
    first = (*ql.services.buttons.values(), *ql.age.buttons.values(),
             *ql.gender.buttons.values(), ql.save_btn)
    qtbot.waitUntil(lambda: all(w.isVisible() for w in first))


def test_a_citizen_cannot_open_the_quick_log(kiosk: Kiosk) -> None:
    assert "quicklog" not in kiosk.screens[ScreenId.HOME].tiles
    kiosk.nav.go_to(ScreenId.QUICK_LOG, service="vneid")
    assert kiosk.nav.current_id is ScreenId.PIN
    assert kiosk.screens[ScreenId.PIN].next_screen is ScreenId.QUICK_LOG
    sign_in(kiosk, DEMO_VOLUNTEER_PIN)
    assert "quicklog" in kiosk.screens[ScreenId.HOME].tiles


def test_edit_today_then_staff_delete_needs_a_reason(qtbot, kiosk: Kiosk) -> None:
    volunteer = sign_in(kiosk, DEMO_VOLUNTEER_PIN)
    kiosk.nav.go_to(ScreenId.QUICK_LOG, service="vneid")
    ql = screen(kiosk)
    qtbot.mouseClick(ql.gender.buttons["nam"], LEFT)
    qtbot.mouseClick(ql.save_btn, LEFT)
    kiosk.nav.go_to(ScreenId.QUICK_LOG)
    qtbot.mouseClick(ql.today_btn, LEFT)
    assert ql.today_list.count() == 1 and not ql.today_delete_btn.isVisible()
    qtbot.mouseClick(ql.today_edit_btn, LEFT)
    assert ql.gender.value() == "nam" and ql.save_btn.text() == "Lưu thay đổi"
    qtbot.mouseClick(ql.gender.buttons["nu"], LEFT)
    qtbot.mouseClick(ql.save_btn, LEFT)
    [row] = rows(kiosk)
    assert row.gender == "nu" and row.volunteer_uuids == [volunteer.uuid]

    sign_in(kiosk, DEMO_STAFF_PIN)
    qtbot.mouseClick(ql.today_btn, LEFT)
    assert ql.today_delete_btn.isVisible()
    qtbot.mouseClick(ql.today_delete_btn, LEFT)
    dialog = ql.findChild(QWidget, "qlDeleteDialog")
    ok = dialog.findChild(QAbstractButton, "qlDeleteDialogOk")
    qtbot.mouseClick(ok, LEFT)  # no reason yet: refused, nothing deleted
    assert dialog.isVisible() and rows(kiosk)[0].deleted_at is None
    dialog.findChild(QWidget, "qlDeleteDialogReason").setText("Ghi nhầm hai lần")
    qtbot.mouseClick(ok, LEFT)
    assert rows(kiosk)[0].deleted_at is not None
    assert ql.today_list.count() == 0


def staff_tab(k: Kiosk) -> StaffRecordsTab:
    sign_in(k, DEMO_STAFF_PIN)
    k.nav.go_to(ScreenId.STAFF)
    tab = k.window.findChild(StaffRecordsTab, "staffRecordsTab")
    assert tab is not None
    return tab


def test_staff_find_and_erase_a_person_by_phone(qtbot, kiosk: Kiosk) -> None:
    volunteer = AuthService(kiosk.store).sign_in(DEMO_VOLUNTEER_PIN)
    QueueService(kiosk.store)  # seeds the default services
    svc = AssistanceService(kiosk.store)
    draft = svc.new_draft(volunteer, ["vneid"])
    svc.log(volunteer, replace(draft, contact_name="Ông Ba", contact_phone="0905123456",
                               contact_consent=True, contact_consent_purpose="Liên hệ lại"))
    tab = staff_tab(kiosk)
    qtbot.keyClicks(tab.phone, "+84 905 123 456")
    qtbot.mouseClick(tab.find_btn, LEFT)
    assert tab.results.count() == 1 and "Ông Ba" in tab.results.item(0).text()
    qtbot.mouseClick(tab.erase_btn, LEFT)
    dialog = tab.findChild(QWidget, "srEraseDialog")
    qtbot.mouseClick(dialog.findChild(QAbstractButton, "srEraseDialogOk"), LEFT)

    [row] = rows(kiosk)
    assert row.contact_name is None and row.contact_phone is None
    assert row.services == ["vneid"]  # the anonymous rest stays for the statistics
    assert "trên 1 bản ghi" in tab.person_message.text()
    assert tab.results.count() == 0
    # Signing out forgets the phone number typed on the staff screen.
    kiosk.state.sign_out()
    assert tab.phone.text() == ""


def _pick(kiosk: Kiosk, name: str) -> None:
    """In the kiosk's own USB list (no file dialog): the one drive, then the file ``name``."""
    (picker,) = [p for p in kiosk.window.findChildren(DrivePicker) if p.isVisible()]
    rows = [f.relative for f in picker.files()]
    picker.file_list.setCurrentRow(rows.index(name))
    picker.ok_btn.click()


def test_bundle_import_summary_and_refusal(qtbot, kiosk: Kiosk, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    volunteer = AuthService(kiosk.store).sign_in(DEMO_VOLUNTEER_PIN)
    staff = AuthService(kiosk.store).sign_in(DEMO_STAFF_PIN)
    QueueService(kiosk.store)  # seeds the default services
    svc = AssistanceService(kiosk.store)
    svc.log(volunteer, svc.new_draft(volunteer, ["dvc"]))
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(ui.file_choice, "list_drives", lambda: [Drive(usb, "KINGSTON")])
    bundle = usb / "goi.hkb"
    # A v2 bundle this kiosk sealed to itself (its own signature is trusted here).
    own = BundleService(kiosk.store)
    own.export_bundle(staff, date(2026, 3, 1), bundle, to_key=own.keys().box_public_b64())
    tab = staff_tab(kiosk)
    qtbot.mouseClick(tab.import_btn, LEFT)
    _pick(kiosk, "goi.hkb")
    assert tab.bundle_message.text() == "Đã thêm 0, cập nhật 0, bỏ qua 1 bản ghi (đã có)."

    broken = usb / "hong.hkb"
    broken.write_bytes(bundle.read_bytes()[:200])
    qtbot.mouseClick(tab.import_btn, LEFT)
    _pick(kiosk, "hong.hkb")
    assert tab.bundle_message.property("role") == "warning"
    assert "Không có gì được ghi vào máy này." in tab.bundle_message.text()


def test_old_unsigned_bundle_imports_only_after_a_clear_confirm(qtbot, kiosk: Kiosk,
                                                                 tmp_path: Path) -> None:
    volunteer = AuthService(kiosk.store).sign_in(DEMO_VOLUNTEER_PIN)
    staff = AuthService(kiosk.store).sign_in(DEMO_STAFF_PIN)
    QueueService(kiosk.store)
    svc = AssistanceService(kiosk.store)
    svc.log(volunteer, svc.new_draft(volunteer, ["dvc"]))
    old = tmp_path / "goi-cu.zip"
    BundleService(kiosk.store).export_unsigned_bundle(staff, date(2026, 3, 1), old)
    tab = staff_tab(kiosk)
    tab.choose_file = lambda _parent, _title, then, _note="": then(str(old))
    qtbot.mouseClick(tab.import_btn, LEFT)
    assert tab.bundle_message.property("role") == "warning"
    assert "kiểu cũ" in tab.bundle_message.text()
    dialog = tab.findChild(QWidget, "srUnverifiedDialog")
    assert dialog is not None and dialog.isVisible()
    assert "chưa xác thực" in dialog.findChild(QAbstractButton, "srUnverifiedDialogOk").text()
    qtbot.mouseClick(dialog.findChild(QAbstractButton, "srUnverifiedDialogOk"), LEFT)
    assert tab.bundle_message.text() == ("Đã thêm 0, cập nhật 0, bỏ qua 1 bản ghi (đã có). "
                                         "Các bản ghi này được ghi “chưa xác thực”.")


# -- the take-home slip "Hôm nay đã làm" (issue #23 item 3) ------------------------------------


def button(parent: QWidget, text: str) -> QAbstractButton:
    found = [b for b in parent.findChildren(QAbstractButton)
             if b.text() == text and b.isVisible()]
    assert len(found) == 1, f"{len(found)} visible buttons named {text!r}"
    return found[0]


def pdf_text(path: Path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_save_and_print_gives_the_citizen_a_slip_with_nothing_personal(
        qtbot, make_kiosk: MakeKiosk) -> None:
    from kiosk import printing_quota

    printer = FakePrinter()
    k = make_kiosk(printer=printer, features=[assistance.install])
    sign_in(k, DEMO_VOLUNTEER_PIN)
    k.nav.go_to(ScreenId.QUICK_LOG, service="vneid", tutorial_id="sample-basic")
    ql = screen(k)
    qtbot.mouseClick(ql.age.buttons["75+"], LEFT)
    qtbot.mouseClick(ql.gender.buttons["nam"], LEFT)
    ql.note.setText("bác Tư cần quay lại")
    qtbot.mouseClick(button(ql, "Lưu và in phiếu"), LEFT)

    [row] = rows(k)
    assert row.services == ["vneid"] and row.tutorial_id == "sample-basic"
    qtbot.waitUntil(lambda: len(printer.printed) == 1)
    text = " ".join(pdf_text(printer.printed[0]).split())
    assert "HÔM NAY ĐÃ LÀM" in text and "Tài khoản định danh VNeID" in text
    assert "hỏi lại tình nguyện viên" in text  # the sample tutorial has no sourced next step
    assert "Tờ hướng dẫn: Bài mẫu: mở ứng dụng" in text  # the sheet of the tutorial done
    # The help point's own name and hotline; nothing of the citizen (the note, the age band,
    # the record's id; the village is the help point's own here, so it is not checked).
    assert "Cần hỏi thêm, gọi: 0236 3 123 456" in text
    for personal in ("bác Tư", "quay lại", "75", "Nam", row.uuid):
        assert personal not in text, personal
    qtbot.waitUntil(lambda: any("Đã in phiếu “Hôm nay đã làm”" in m for m in messages(k)))
    assert printing_quota.printed_today(k.store, printing_quota.SUMMARY) == 1
    assert printing_quota.quota_status(k.store, 100).printed == 1  # in the day's quota
    assert k.nav.current_id is ScreenId.HOME  # saved and back, as "Lưu" does


def test_print_a_slip_later_from_todays_records_and_the_quota_is_kept(
        qtbot, make_kiosk: MakeKiosk) -> None:
    from kiosk import printing_quota
    from kiosk.config import defaults
    from ui.app import demo_config

    printer = FakePrinter()
    k = make_kiosk(printer=printer, features=[assistance.install],
                   config=demo_config(defaults()).replace(daily_print_quota=1))
    sign_in(k, DEMO_VOLUNTEER_PIN)
    k.nav.go_to(ScreenId.QUICK_LOG, service="dvc")
    ql = screen(k)
    qtbot.mouseClick(ql.age.buttons["40-59"], LEFT)
    qtbot.mouseClick(ql.save_btn, LEFT)
    assert printer.printed == []  # "Lưu" alone prints nothing

    k.nav.go_to(ScreenId.QUICK_LOG)
    qtbot.mouseClick(button(ql, "Bản ghi hôm nay"), LEFT)
    qtbot.mouseClick(button(ql, "In phiếu mang về"), LEFT)
    qtbot.waitUntil(lambda: len(printer.printed) == 1)
    assert "Dịch vụ công trực tuyến" in pdf_text(printer.printed[0])
    assert ql.today_message.text() == ("Đã in phiếu “Hôm nay đã làm”. Hãy đưa phiếu cho người "
                                       "dân.")
    # The quota of 1 is used up: the next slip is refused with what to do.
    qtbot.mouseClick(button(ql, "In phiếu mang về"), LEFT)
    qtbot.waitUntil(lambda: "đã in hết" in ql.today_message.text())
    assert "cán bộ" in ql.today_message.text()
    assert len(printer.printed) == 1
    assert printing_quota.printed_today(k.store, printing_quota.SUMMARY) == 1
