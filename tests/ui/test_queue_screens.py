"""The queue screens: take a number (printed or not), cancel it, ask a volunteer, the console,
the desk keypad, the now-serving display, satisfaction faces and the staff tab."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from kiosk import audit, printing_quota
from kiosk.auth import Actor, Role
from kiosk.queue import TicketStatus
from kiosk.store import Store
from tests.ui.conftest import MakeKiosk
from ui.app import BuildContext, Kiosk
from ui.features import queue as queue_feature
from ui.navigator import ScreenId
from ui.printing import FakePrinter
from ui.queue_desk import QueueDesk
from ui.state import BusyReason

VOLUNTEER = Actor(Role.VOLUNTEER, uuid="v-test", name="Tình nguyện viên Hùng")
STAFF = Actor(Role.STAFF, uuid="s-test", name="Cán bộ Lan")
PRINTER_DOWN = "Máy in đang gặp sự cố, vui lòng nhớ số của bạn"


class WatchingPrinter(FakePrinter):
    """A fake printer that also notes whether the kiosk knew it was printing."""

    def __init__(self) -> None:
        super().__init__()
        self.busy_while_printing: list[bool] = []
        self.state: Any = None

    def print_pdf(self, pdf: Path, copies: int = 1) -> int:
        self.busy_while_printing.append(BusyReason.TICKET_PRINTING in self.state.busy_reasons)
        return super().print_pdf(pdf, copies)


class QuickLogStandIn(QWidget):
    """Stands in for the quick log screen: remembers the context it was opened with."""

    def __init__(self) -> None:
        super().__init__()
        self.context: dict[str, Any] = {}

    def on_enter(self, **context: Any) -> None:
        self.context = context

    def reset(self) -> None:
        pass

    def retranslate(self) -> None:
        pass


def _build(make_kiosk: MakeKiosk, printer: FakePrinter,
           extra: list[Any] | None = None) -> Kiosk:
    k = make_kiosk(kiosk_mode=False, printer=printer,
                   features=[queue_feature.install, *(extra or [])])
    if isinstance(printer, WatchingPrinter):
        printer.state = k.state
    return k


def _dispose(k: Kiosk) -> None:
    """Delete the display window now (make_kiosk shuts the kiosk down): a deleteLater()
    posted outside an event loop would wait for ever, and every later test would restyle the
    leftovers (tests slow down test by test)."""
    feature = feature_of(k)
    if feature.display is not None:
        feature.display.close()
        feature.display.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def printer() -> WatchingPrinter:
    return WatchingPrinter()


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk, printer: FakePrinter) -> Iterator[Kiosk]:
    k = _build(make_kiosk, printer)
    yield k
    _dispose(k)


def feature_of(k: Kiosk) -> QueueDesk:
    return k.screens[ScreenId.VOLUNTEER].feature


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def take_ticket(qtbot, k: Kiosk, code: str = "vneid") -> None:
    click(qtbot, k.screens[ScreenId.HOME].tiles["ticket"])
    assert k.nav.current_id is ScreenId.TAKE_TICKET
    click(qtbot, k.screens[ScreenId.TAKE_TICKET].tiles[code])


def open_console(qtbot, k: Kiosk, desk: int = 1) -> Any:
    k.state.sign_in(VOLUNTEER)
    k.nav.go_to(ScreenId.VOLUNTEER)
    console = k.screens[ScreenId.VOLUNTEER]
    click(qtbot, console.desk_buttons[desk])
    return console


# -- citizens --------------------------------------------------------------------------------


def test_take_a_ticket_prints_it_and_shows_the_number(qtbot, kiosk: Kiosk,
                                                      printer: WatchingPrinter,
                                                      store: Store) -> None:
    assert kiosk.screens[ScreenId.HOME].tiles["ticket"].text() == "Lấy số thứ tự"
    take_ticket(qtbot, kiosk)
    tiles = kiosk.screens[ScreenId.TAKE_TICKET].tiles
    assert tiles["vneid"].text() == "Tài khoản định danh VNeID"  # names, not codes

    screen = kiosk.screens[ScreenId.TICKET]
    assert kiosk.nav.current_id is ScreenId.TICKET
    assert screen.number.text() == "A001"
    assert screen.service.text() == "Tài khoản định danh VNeID"
    assert "Không có ai chờ trước bạn." in screen.details.text()
    assert "Lấy số lúc 10:00" in screen.details.text()
    assert not screen.qr.pixmap().isNull()
    assert screen.qr_address.text() == "vneid.gov.vn"
    assert screen.status.text() == "Mời bạn lấy phiếu số ở máy in và ngồi chờ gọi số."
    assert screen.home_timer.isActive() and screen.home_timer.interval() == 10_000

    assert len(printer.printed) == 1
    assert printer.printed[0].read_bytes().startswith(b"%PDF")
    assert printer.busy_while_printing == [True]  # no idle reset while printing …
    assert BusyReason.TICKET_PRINTING not in kiosk.state.busy_reasons  # … and back afterwards
    assert printing_quota.printed_today(store, kind=printing_quota.TICKET) == 1


def test_second_ticket_says_who_is_ahead(qtbot, kiosk: Kiosk) -> None:
    take_ticket(qtbot, kiosk)
    kiosk.nav.home()
    take_ticket(qtbot, kiosk)
    details = kiosk.screens[ScreenId.TICKET].details.text()
    assert kiosk.screens[ScreenId.TICKET].number.text() == "A002"
    assert "Có 1 người chờ trước bạn." in details
    assert "Chờ khoảng vài phút." in details  # desk 2 is free: called as soon as A001 is


def test_ticket_screen_ahead_matches_the_display_order_across_services(
        qtbot, kiosk: Kiosk, printer: WatchingPrinter) -> None:
    # gui-review item 2: D001 said "nobody ahead" while A001, B001 and C001 were called first.
    said: dict[str, str] = {}
    for code in ("vneid", "dvc", "payment", "other"):
        take_ticket(qtbot, kiosk, code)
        screen = kiosk.screens[ScreenId.TICKET]
        said[screen.number.text()] = screen.details.text()
        kiosk.nav.home()
    assert "Không có ai chờ trước bạn." in said["A001"]
    assert "Có 3 người chờ trước bạn." in said["D001"]
    feature = feature_of(kiosk)
    board = feature.queue.now_serving()
    assert [t.label for t in board.next_up] == ["A001", "B001", "C001", "D001"]
    for ahead, label in enumerate(["B001", "C001", "D001"], start=1):
        assert f"Có {ahead} người chờ trước bạn." in said[label]
    # The printed tickets say the same.
    printed = [subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout for pdf in printer.printed]
    assert [next(line for line in text.splitlines() if "chờ trước bạn" in line)
            for text in printed] == [f"Số người chờ trước bạn: {n}" for n in range(4)]
    # And the desks then call them in that order.
    called = []
    for desk in (1, 2, 1, 2):
        board = feature.queue.now_serving()
        busy = board.desks[desk - 1].ticket
        if busy is not None:
            feature.queue.finish(VOLUNTEER, busy)
        called.append(feature.queue.call_next(VOLUNTEER, desk).label)
    assert called == ["A001", "B001", "C001", "D001"]


def test_a_finished_ticket_print_does_not_end_a_sheet_print_guard(
        qtbot, kiosk: Kiosk, printer: WatchingPrinter) -> None:
    # Both used to share the busy reason "printing": the first to finish cleared the idle
    # guard for the other, so an idle reset could cut a sheet still printing.
    kiosk.state.busy_reasons.add(BusyReason.SHEET_PRINTING)
    take_ticket(qtbot, kiosk)
    assert len(printer.printed) == 1
    assert kiosk.state.busy_reasons == {BusyReason.SHEET_PRINTING}


def test_printer_failure_keeps_the_number_on_screen_and_the_queue_intact(
        qtbot, kiosk: Kiosk, printer: WatchingPrinter, store: Store) -> None:
    printer.fail_with = "Máy in báo lỗi."
    take_ticket(qtbot, kiosk)
    screen = kiosk.screens[ScreenId.TICKET]
    assert kiosk.nav.current_id is ScreenId.TICKET
    assert screen.number.text() == "A001"
    assert screen.status.text() == f"{PRINTER_DOWN}: A001"
    assert screen.status.property("role") == "warning"
    assert screen.home_timer.interval() == 30_000  # longer, to remember the number
    assert BusyReason.TICKET_PRINTING not in kiosk.state.busy_reasons
    feature = feature_of(kiosk)
    assert feature.queue.ticket(screen.ticket.uuid).status is TicketStatus.WAITING
    assert [t.label for t in feature.queue.waiting(VOLUNTEER)] == ["A001"]
    assert printing_quota.printed_today(store, kind=printing_quota.TICKET) == 0


def test_any_printing_exception_is_handled_the_same_way(qtbot, kiosk: Kiosk,
                                                        printer: WatchingPrinter) -> None:
    def broken(pdf: Path, copies: int = 1) -> int:
        raise OSError("driver crashed")

    printer.print_pdf = broken  # type: ignore[method-assign]
    take_ticket(qtbot, kiosk)
    assert kiosk.screens[ScreenId.TICKET].status.text() == f"{PRINTER_DOWN}: A001"


def test_voice_mode_says_the_number_twice(qtbot, kiosk: Kiosk) -> None:
    kiosk.state.set_voice(True)
    kiosk.nav.go_to(ScreenId.TAKE_TICKET)
    kiosk.screens[ScreenId.TAKE_TICKET].tiles["vneid"].click()  # the "act" touch
    said = kiosk.speaker.texts()[-1]
    assert said.startswith("Số của bạn là A một. A một.")
    assert "Không có ai chờ trước bạn." in said


def test_citizen_can_cancel_with_a_second_touch(qtbot, kiosk: Kiosk) -> None:
    take_ticket(qtbot, kiosk)
    screen = kiosk.screens[ScreenId.TICKET]
    uuid = screen.ticket.uuid
    assert screen.cancel_btn.text() == "Hủy số này"
    click(qtbot, screen.cancel_btn)
    assert screen.cancel_btn.text() == "Chạm lần nữa để hủy số"  # nothing cancelled yet
    assert feature_of(kiosk).queue.ticket(uuid).status is TicketStatus.WAITING
    click(qtbot, screen.cancel_btn)
    assert feature_of(kiosk).queue.ticket(uuid).status is TicketStatus.CANCELLED
    assert screen.status.text().startswith("Đã hủy số A001.")
    assert not screen.cancel_btn.isVisible()


def test_ask_a_volunteer_issues_a_tagged_ticket(qtbot, kiosk: Kiosk) -> None:
    kiosk.nav.go_to(ScreenId.STEP, tutorial_id="sample-basic", step=1)
    click(qtbot, kiosk.screens[ScreenId.STEP].ask_btn)
    screen = kiosk.screens[ScreenId.TICKET]
    assert kiosk.nav.current_id is ScreenId.TICKET
    # No service lists this tutorial: "Hỗ trợ khác" (D) takes it.
    assert screen.number.text() == "D001"
    info = feature_of(kiosk).queue.ticket(screen.ticket.uuid)
    assert (info.tutorial_id, info.tutorial_step) == ("sample-basic", 2)

    # A tutorial a service lists goes to that service.
    feature_of(kiosk).ask_volunteer("vneid-activate", 3)
    assert screen.number.text() == "A001"
    assert (screen.ticket.tutorial_id, screen.ticket.tutorial_step) == ("vneid-activate", 3)


# -- volunteers ------------------------------------------------------------------------------


def test_console_needs_a_signed_in_volunteer(kiosk: Kiosk) -> None:
    kiosk.nav.go_to(ScreenId.VOLUNTEER)
    assert kiosk.nav.current_id is ScreenId.PIN


def test_console_calls_and_recalls_and_the_display_shows_it(qtbot, kiosk: Kiosk) -> None:
    feature = feature_of(kiosk)
    feature.queue.issue("vneid")
    feature.queue.issue("dvc")
    console = open_console(qtbot, kiosk)
    assert console.waiting_title.text() == "Đang chờ: 2 người"
    assert console.waiting_list.count() == 2

    click(qtbot, console.display_btn)
    display = feature.display
    assert display is not None and display.isVisible()
    desk1 = display.findChild(QLabel, "nowServingDesk1")
    assert desk1.text() == "—"

    click(qtbot, console.call_btn)
    assert kiosk.speaker.texts("announce")[-1] == "Mời số A một, đến bàn số một."
    assert console.serving.text() == "A001"
    assert console.message.text() == "Đã mời số A001 đến bàn 1."
    assert console.waiting_title.text() == "Đang chờ: 1 người"
    assert desk1.text() == "A001"
    assert display.findChild(QLabel, "nowServingNext").text() == "B001"
    assert display.findChild(QLabel, "nowServingRecent").text() == "A001"

    click(qtbot, console.recall_btn)
    assert kiosk.speaker.texts("announce")[-1] == "Mời số A một, đến bàn số một."
    assert len(kiosk.speaker.texts("announce")) == 2
    assert "Đã gọi lại 1 lần" in console.serving_detail.text()

    # Absent only after the recalls allowed (2): the service says how many are missing.
    click(qtbot, console.skip_btn)
    assert console.message.property("role") == "warning"
    assert "thêm 1 lần nữa" in console.message.text()


def test_empty_queue_says_so_plainly(qtbot, kiosk: Kiosk) -> None:
    console = open_console(qtbot, kiosk)
    assert console.waiting_empty.isVisible()
    assert console.waiting_empty.text().startswith("Chưa có ai đang chờ.")
    click(qtbot, console.call_btn)
    assert console.message.text().startswith("Hiện không có ai chờ ở bàn số 1.")
    assert console.message.property("role") == "warning"
    assert kiosk.speaker.texts("announce") == []


def test_desk_keypad_does_nothing_unsigned_by_default(qtbot, kiosk: Kiosk, store: Store) -> None:
    """Issue #16 item 8: keys on Home called and finished tickets with no one signed in."""
    feature = feature_of(kiosk)
    assert kiosk.config.desk_keypads is False  # the default
    feature.queue.issue("vneid")
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Plus, Qt.KeyboardModifier.KeypadModifier)
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Minus, Qt.KeyboardModifier.KeypadModifier)
    assert kiosk.speaker.texts("announce") == []
    assert not [a for _at, _who, a in audit.entries(store) if a.startswith("ticket.call")]


def test_desk_keypad_calls_next_without_sign_in(qtbot, kiosk: Kiosk, store: Store) -> None:
    feature = feature_of(kiosk)
    kiosk.config.values["desk_keypads"] = True  # the setting on (config.toml)
    first = feature.queue.issue("vneid")
    feature.queue.issue("vneid")
    assert kiosk.state.actor.role is Role.CITIZEN  # the citizen screen stays
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Plus, Qt.KeyboardModifier.KeypadModifier)
    assert kiosk.speaker.texts("announce")[-1] == "Mời số A một, đến bàn số một."
    assert feature.banner.isVisible()
    assert feature.banner.text() == "Mời số A001 đến bàn 1"
    assert kiosk.nav.current_id is ScreenId.HOME

    # "+" again: desk 1 is done with A001 and calls A002.
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Plus, Qt.KeyboardModifier.KeypadModifier)
    assert kiosk.speaker.texts("announce")[-1] == "Mời số A hai, đến bàn số một."
    assert feature.queue.ticket(first.uuid).status is TicketStatus.DONE
    # "-" recalls at desk 1; desk 2's "*" finds nobody waiting.
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Minus, Qt.KeyboardModifier.KeypadModifier)
    assert len(kiosk.speaker.texts("announce")) == 3
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Asterisk, Qt.KeyboardModifier.KeypadModifier)
    assert feature.banner.text().startswith("Hiện không có ai chờ ở bàn số 2.")
    actors = {actor for _at, actor, action in audit.entries(store)
              if action.startswith("ticket.")}
    assert actors == {"desk:1"}  # audited as the desk; desk 2 changed nothing


def test_finish_offers_faces_and_stores_the_rating(qtbot, kiosk: Kiosk) -> None:
    feature = feature_of(kiosk)
    ticket = feature.queue.issue("vneid")
    console = open_console(qtbot, kiosk)
    click(qtbot, console.call_btn)
    click(qtbot, console.finish_btn)
    assert console.pages.currentWidget() is console.faces
    words = [console.faces.faces[s].text() for s in (5, 4, 3, 1)]
    assert words == ["Rất hài lòng", "Hài lòng", "Bình thường", "Chưa hài lòng"]
    click(qtbot, console.faces.faces[5])
    info = feature.queue.ticket(ticket.uuid)
    assert info.status is TicketStatus.DONE
    with feature.store.read() as s:
        from db.models import Ticket

        assert s.get(Ticket, ticket.uuid).satisfaction == 5
    assert console.pages.currentIndex() == 0
    assert console.message.text() == "Đã xong số A001. Cảm ơn bạn đã đánh giá."


def test_finish_then_quick_log_when_it_exists(qtbot, make_kiosk: MakeKiosk) -> None:
    stand_in = QuickLogStandIn()

    def add_quick_log(ctx: BuildContext) -> None:
        ctx.screens[ScreenId.QUICK_LOG] = stand_in

    k = _build(make_kiosk, FakePrinter(), [add_quick_log])
    try:
        ticket = feature_of(k).queue.issue("dvc")
        console = open_console(qtbot, k)
        click(qtbot, console.call_btn)
        click(qtbot, console.finish_btn)
        click(qtbot, console.faces.skip_btn)  # rating is optional
        assert k.nav.current_id is ScreenId.QUICK_LOG
        assert stand_in.context == {"ticket_uuid": ticket.uuid}
    finally:
        _dispose(k)


# -- staff -----------------------------------------------------------------------------------


def test_staff_turns_a_service_off_and_prints_a_test_ticket(qtbot, kiosk: Kiosk,
                                                            printer: WatchingPrinter) -> None:
    feature = feature_of(kiosk)
    kiosk.state.sign_in(STAFF)
    kiosk.nav.go_to(ScreenId.STAFF)
    staff = kiosk.screens[ScreenId.STAFF]
    index = next(i for i in range(staff.tabs.count()) if staff.tabs.tabText(i) == "Hàng đợi")
    staff.tabs.setCurrentIndex(index)
    tab = staff.tabs.widget(index).widget()
    qtbot.waitUntil(lambda: "payment" in tab.toggles)

    click(qtbot, tab.toggles["payment"])
    assert tab.message.text().startswith("Đã tạm ngừng dịch vụ “Thanh toán")
    assert tab.toggles["payment"].text() == "Tạm ngừng"
    kiosk.nav.go_to(ScreenId.TAKE_TICKET)
    assert "payment" not in kiosk.screens[ScreenId.TAKE_TICKET].tiles

    kiosk.nav.go_to(ScreenId.STAFF)
    staff.tabs.setCurrentIndex(index)
    click(qtbot, tab.test_buttons["vneid"])
    assert len(printer.printed) == 1
    assert tab.message.text().startswith("Đã gửi phiếu thử")
    assert feature.queue.waiting(VOLUNTEER) == []  # a test print takes no number

    printer.fail_with = "Không tìm thấy máy in."
    click(qtbot, tab.test_buttons["vneid"])
    assert tab.message.text().startswith("Không in được phiếu thử:")
    assert "Không tìm thấy máy in" in tab.message.text()
    printer.fail_with_en = "No printer was found."  # in English, the reason is English too
    kiosk.state.set_language("en")
    click(qtbot, tab.test_buttons["vneid"])
    assert tab.message.text() == ("Could not print the test ticket: No printer was found. Check "
                                  "that the printer is on, has paper and is plugged in.")


def test_the_desk_is_made_by_the_first_keypad_key_not_at_start(qtbot, kiosk: Kiosk,
                                                                store: Store) -> None:
    """The keypads' keys are there from the start, but the desk behind them (its service,
    printer and banner) is made by the first key: made at start only for its keys it was a
    third of the window's pause after the first paint."""
    assert kiosk.window.findChild(QLabel, "queueBanner") is None  # no desk yet
    kiosk.config.values["desk_keypads"] = True
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Plus, Qt.KeyboardModifier.KeypadModifier)
    banner = kiosk.window.findChild(QLabel, "queueBanner")
    assert banner is not None and banner.isVisible()  # the desk answered the key
    assert banner.text().startswith("Hiện không có ai chờ ở bàn số 1.")


def test_keypad_keys_typed_into_a_text_field_stay_there(qtbot, kiosk: Kiosk) -> None:
    feature_of(kiosk).queue.issue("vneid")
    kiosk.state.sign_in(VOLUNTEER)
    kiosk.nav.go_to(ScreenId.CATALOGUE)
    search = kiosk.window.findChild(QLineEdit, "catalogueSearch")
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_Plus, Qt.KeyboardModifier.KeypadModifier)
    assert search.text() == "+"
    assert kiosk.speaker.texts("announce") == []


# -- priority numbers (issue #23 item 1) ------------------------------------------------------


def by_name(screen: QWidget, name: str) -> QWidget:
    """The widget a screen reader finds by its accessible name."""
    found = [w for w in screen.findChildren(QWidget) if w.accessibleName() == name]
    assert found, f"nothing named {name!r}"
    return found[0]


def test_take_a_priority_number_it_is_marked_called_first_and_spoken(
        qtbot, kiosk: Kiosk, printer: WatchingPrinter) -> None:
    feature = feature_of(kiosk)
    feature.queue.issue("vneid")  # someone already waits with a regular number
    click(qtbot, kiosk.screens[ScreenId.HOME].tiles["ticket"])
    take = kiosk.screens[ScreenId.TAKE_TICKET]
    assert "người cao tuổi, người khuyết tật, phụ nữ mang thai" in take.priority_note.text()
    click(qtbot, by_name(take, "Ưu tiên"))
    assert take.title.text() == "Lấy số ưu tiên: bạn cần hỗ trợ việc gì?"
    click(qtbot, take.tiles["dvc"])

    screen = kiosk.screens[ScreenId.TICKET]
    assert kiosk.nav.current_id is ScreenId.TICKET
    assert screen.number.text() == "B001 ƯT"
    assert by_name(screen, "★ ƯU TIÊN – SỐ CỦA BẠN") is screen.your_number
    assert by_name(screen, "Số ưu tiên của bạn: B001") is screen.number
    assert "Không có ai chờ trước bạn." in screen.details.text()  # ahead of A001
    assert len(printer.printed) == 1
    pdf_text = subprocess.run(["pdftotext", "-layout", str(printer.printed[0]), "-"],
                              check=True, capture_output=True, text=True).stdout
    assert "B001 ƯT" in pdf_text and "SỐ ƯU TIÊN" in pdf_text

    # The next visitor starts with a regular number again.
    kiosk.nav.home()
    click(qtbot, kiosk.screens[ScreenId.HOME].tiles["ticket"])
    assert not take.priority_btn.isChecked()

    console = open_console(qtbot, kiosk)
    assert console.waiting_list.item(0).text().startswith("B001 ƯT")
    click(qtbot, console.display_btn)
    click(qtbot, console.call_btn)
    assert kiosk.speaker.texts("announce")[-1] == "Mời số ưu tiên B một, đến bàn số một."
    assert console.serving.text() == "B001 ƯT"
    display = feature.display
    assert display is not None
    assert display.findChild(QLabel, "nowServingDesk1").text() == "B001 ƯT"
    assert display.findChild(QLabel, "nowServingDesk1").accessibleName() == \
        "Bàn 1: số ưu tiên B001"
    assert display.findChild(QLabel, "nowServingNext").text() == "A001"
    # the board says what the mark means while a marked number is on it
    assert "ƯT = số ưu tiên" in display.findChild(QLabel, "nowServingWaiting").text()
    display.resize(1366, 768)  # the long key wraps: the board is never wider than its screen
    qtbot.waitUntil(lambda: display.width() == 1366)


def test_a_regular_number_shows_no_priority_mark(qtbot, kiosk: Kiosk) -> None:
    take_ticket(qtbot, kiosk)
    screen = kiosk.screens[ScreenId.TICKET]
    assert screen.number.text() == "A001"
    assert screen.your_number.text() == "SỐ CỦA BẠN"


def test_a_longer_number_after_a_short_one_still_fits(qtbot, kiosk: Kiosk) -> None:
    # "A002 ƯT" shown after "A001" kept A001's font size and was cut off on both sides.
    take_ticket(qtbot, kiosk)
    kiosk.nav.home()
    click(qtbot, kiosk.screens[ScreenId.HOME].tiles["ticket"])
    take = kiosk.screens[ScreenId.TAKE_TICKET]
    take.priority_btn.setChecked(True)
    click(qtbot, take.tiles["vneid"])
    number = kiosk.screens[ScreenId.TICKET].number
    assert number.text() == "A002 ƯT"
    qtbot.waitUntil(lambda: number.fontMetrics().horizontalAdvance(number.text())
                    <= number.width())


# -- what to have ready (issue #23 item 2) ---------------------------------------------------


@pytest.fixture
def shipped_kiosk(make_kiosk: MakeKiosk, printer: WatchingPrinter) -> Iterator[Kiosk]:
    """The queue with the shipped tutorials, whose ``bring`` lists the tickets use."""
    from kiosk.content.loader import load_catalogue
    from kiosk.paths import resource_path

    k = make_kiosk(kiosk_mode=False, printer=printer, features=[queue_feature.install],
                   catalogue=load_catalogue([resource_path("tutorials")]))
    printer.state = k.state
    yield k
    _dispose(k)


def test_the_ticket_shows_prints_and_says_what_to_have_ready(
        qtbot, shipped_kiosk: Kiosk, printer: WatchingPrinter) -> None:
    k = shipped_kiosk
    k.state.set_voice(True)
    k.nav.go_to(ScreenId.TAKE_TICKET)
    by_name(k.screens[ScreenId.TAKE_TICKET], "Tài khoản định danh VNeID").click()  # act touch

    screen = k.screens[ScreenId.TICKET]
    bring = by_name(screen, "Chuẩn bị sẵn: Thẻ căn cước gắn chip (bản gốc); Điện thoại thông "
                            "minh của bạn; Điện thoại có số đã đăng ký với công an; Điện "
                            "thoại đã cài VNeID, tài khoản mức 2")
    assert bring is screen.bring and bring.isVisible()
    assert bring.text().startswith("<b>Chuẩn bị sẵn:</b> Thẻ căn cước gắn chip (bản gốc) · ")
    # Said with the number, before the wait (and so before the citizen takes the paper).
    said = k.speaker.texts()[-1]
    assert said.startswith("Số của bạn là A một. A một. Tài khoản định danh VNeID. Hãy chuẩn "
                           "bị sẵn: Thẻ căn cước gắn chip (bản gốc); Điện thoại thông minh")
    assert said.index("Hãy chuẩn bị sẵn") < said.index("Không có ai chờ trước bạn.")
    # The printed ticket has the same lines.
    pdf_text = subprocess.run(["pdftotext", "-raw", str(printer.printed[0]), "-"],
                              check=True, capture_output=True, text=True).stdout
    assert "Chuẩn bị sẵn:" in pdf_text and "Thẻ căn cước gắn chip (bản gốc)" in pdf_text

    # English: the same things in English, on screen and aloud.
    k.state.set_language("en")
    assert screen.bring_text().startswith("Have ready: Your chip ID card (the original);")
    assert "Please have ready: Your chip ID card (the original);" in screen.announcement()


def test_a_priority_ticket_has_the_bring_list_too_and_voice_off_says_nothing(
        qtbot, shipped_kiosk: Kiosk, printer: WatchingPrinter) -> None:
    k = shipped_kiosk
    click(qtbot, k.screens[ScreenId.HOME].tiles["ticket"])
    take = k.screens[ScreenId.TAKE_TICKET]
    click(qtbot, by_name(take, "Ưu tiên"))
    click(qtbot, by_name(take, "Thanh toán và ứng dụng ngân hàng"))
    screen = k.screens[ScreenId.TICKET]
    assert screen.number.text() == "C001 ƯT"
    assert screen.bring_text() == "Chuẩn bị sẵn: Điện thoại có ứng dụng ngân hàng của bạn"
    # Voice mode off: only the one-time invitation to touch the speaker, nothing read aloud.
    assert k.speaker.texts() == ["Chạm vào hình cái loa để nghe hướng dẫn"]
    pdf_text = subprocess.run(["pdftotext", "-raw", str(printer.printed[0]), "-"],
                              check=True, capture_output=True, text=True).stdout
    assert "SỐ ƯU TIÊN" in pdf_text
    assert "Điện thoại có ứng dụng ngân hàng của bạn" in " ".join(pdf_text.split())


def test_a_service_with_nothing_to_bring_shows_no_heading(qtbot, shipped_kiosk: Kiosk) -> None:
    take_ticket(qtbot, shipped_kiosk, "other")
    screen = shipped_kiosk.screens[ScreenId.TICKET]
    assert screen.number.text() == "D001"
    assert not screen.bring.isVisible() and screen.bring_text() == ""
    assert screen.bring_sentence() == ""
    assert "chuẩn bị" not in screen.announcement()


def test_largest_text_on_1366x768_shows_the_bring_list_where_the_qr_code_was(
        qtbot, make_kiosk: MakeKiosk, printer: WatchingPrinter) -> None:
    from kiosk.content.loader import load_catalogue
    from kiosk.paths import resource_path

    k = make_kiosk(kiosk_mode=False, printer=printer, features=[queue_feature.install],
                   catalogue=load_catalogue([resource_path("tutorials")]), size=(1366, 768))
    printer.state = k.state
    take_ticket(qtbot, k)
    screen = k.screens[ScreenId.TICKET]
    assert screen.bring.isVisible() and screen.qr.isVisible()  # the usual text size: both
    assert screen.left_col.indexOf(screen.bring) >= 0
    k.state.set_text_size(2)
    qtbot.waitUntil(lambda: not screen.qr.isVisible())
    assert screen.bring.isVisible() and screen.right_col.indexOf(screen.bring) >= 0
    assert not screen.qr_caption.isVisible() and not screen.qr_address.isVisible()
    pdf_text = subprocess.run(["pdftotext", "-raw", str(printer.printed[0]), "-"],
                              check=True, capture_output=True, text=True).stdout
    assert "vneid.gov.vn" in pdf_text  # the paper keeps the QR code and the address
    k.state.set_text_size(1)
    qtbot.waitUntil(lambda: screen.qr.isVisible())
    assert screen.left_col.indexOf(screen.bring) >= 0
    _dispose(k)


def test_voice_mode_keeps_the_ticket_up_long_enough_to_hear_the_bring_list(
        qtbot, shipped_kiosk: Kiosk) -> None:
    # espeak-ng at 150 words/min says a VNeID ticket with its four things to bring in about
    # 23 s; the screen went Home after 20 s and cut the sentence off.
    from ui.screens.ticket import BRING_VOICE_MS, SHOW_VOICE_MS

    k = shipped_kiosk
    k.state.set_voice(True)
    k.nav.go_to(ScreenId.TAKE_TICKET)
    k.screens[ScreenId.TAKE_TICKET].tiles["vneid"].click()
    screen = k.screens[ScreenId.TICKET]
    assert len(screen.ticket.bring) == 4
    assert screen.home_timer.interval() == SHOW_VOICE_MS + 4 * BRING_VOICE_MS >= 30_000
