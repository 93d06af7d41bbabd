"""Resume by code on screen (issue #22 item 4), by accessible names: Home midway shows the
code in large digits and reads it digit by digit; the keypad brings the citizen back to the
same tutorial and step; an expired code is refused kindly; the slip is printed and counted in
the print quota; no code for a citizen who did no step or finished."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel
from sqlalchemy import select

from db.models import PrintEvent
from kiosk import printing_quota
from kiosk.clock import FakeClock
from kiosk.config import defaults
from tests.ui.conftest import MakeKiosk
from ui.app import Kiosk, demo_config
from ui.navigator import ScreenId
from ui.printing import FakePrinter

LEFT = Qt.MouseButton.LeftButton


def button(kiosk: Kiosk, name: str) -> QAbstractButton:
    """The visible button a person would touch, found by its accessible name."""
    found = [b for b in kiosk.window.findChildren(QAbstractButton)
             if b.accessibleName() == name and b.isVisible()]
    assert len(found) == 1, f"{name!r}: {len(found)} visible buttons"
    return found[0]


def touch(qtbot: Any, kiosk: Kiosk, name: str) -> None:
    b = button(kiosk, name)
    assert b.isEnabled(), name
    qtbot.mouseClick(b, LEFT)


def shown_code(kiosk: Kiosk) -> str:
    digits = kiosk.window.findChild(QLabel, "resumeCodeDigits")
    assert digits is not None and digits.isVisible()
    return digits.text().replace(" ", "")


def leave_at_step(qtbot: Any, kiosk: Kiosk, steps_done: int) -> None:
    touch(qtbot, kiosk, "Học từng bước")
    touch(qtbot, kiosk, "Tài khoản định danh VNeID")  # the sample content's category
    touch(qtbot, kiosk, "Bài mẫu: mở ứng dụng khoảng 5 phút")
    for _ in range(steps_done):
        touch(qtbot, kiosk, "Bước tiếp")
    touch(qtbot, kiosk, "Màn hình chính")


def type_code(qtbot: Any, kiosk: Kiosk, code: str) -> None:
    for digit in code:
        touch(qtbot, kiosk, digit)
    touch(qtbot, kiosk, "Học tiếp")


def practice_kiosk(make_kiosk: MakeKiosk) -> tuple[Kiosk, Any]:
    """A kiosk with the shipped tutorials (the sample content has no practice) and the
    first tutorial that has one."""
    from kiosk.content.loader import load_catalogue
    from kiosk.paths import resource_path

    kiosk = make_kiosk(catalogue=load_catalogue([resource_path("tutorials")]))
    return kiosk, next(t for t in kiosk.catalogue.tutorials if t.practice is not None)


def test_leave_midway_code_is_shown_and_spoken_then_brings_back_the_same_step(
        qtbot: Any, kiosk: Kiosk) -> None:
    leave_at_step(qtbot, kiosk, 2)  # on step 3 of 3, "Xong" not pressed
    assert kiosk.nav.current_id is ScreenId.RESUME_CODE
    code = shown_code(kiosk)
    assert len(code) == 4 and code.isdigit()
    words = kiosk.window.findChild(QLabel, "resumeCodeWhat").text()
    assert "bước 3/3" in words
    # Read aloud one digit at a time, even without voice mode (it is the thing to remember).
    names = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
    digits = ", ".join(names[int(d)] for d in code)
    assert any(digits in said for said in kiosk.speaker.texts())
    touch(qtbot, kiosk, "Màn hình chính")
    assert kiosk.nav.current_id is ScreenId.HOME

    touch(qtbot, kiosk, "Học từng bước")
    touch(qtbot, kiosk, "Tiếp tục bài đang học")
    assert kiosk.nav.current_id is ScreenId.RESUME_ENTRY
    type_code(qtbot, kiosk, code)
    assert kiosk.nav.current_id is ScreenId.STEP
    step = kiosk.screens[ScreenId.STEP]
    assert step.tutorial.id == "sample-basic"
    assert step.progress_label.text() == "Bước 3/3"


def test_leaving_again_after_coming_back_keeps_the_same_code(
        qtbot: Any, kiosk: Kiosk) -> None:
    leave_at_step(qtbot, kiosk, 1)
    code = shown_code(kiosk)
    touch(qtbot, kiosk, "Màn hình chính")
    touch(qtbot, kiosk, "Học từng bước")
    touch(qtbot, kiosk, "Tiếp tục bài đang học")
    type_code(qtbot, kiosk, code)
    touch(qtbot, kiosk, "Bước tiếp")
    touch(qtbot, kiosk, "Màn hình chính")
    assert shown_code(kiosk) == code  # the slip in their pocket still works
    assert "bước 3/3" in kiosk.window.findChild(QLabel, "resumeCodeWhat").text()


def test_voice_mode_reads_the_code_with_how_to_use_it(qtbot: Any, kiosk: Kiosk) -> None:
    kiosk.state.set_voice(True)
    kiosk.nav.go_to(ScreenId.STEP, tutorial_id="sample-basic", step=1)
    kiosk.window.home_btn.click()
    assert kiosk.nav.current_id is ScreenId.RESUME_CODE
    said = kiosk.speaker.texts()[-1]
    assert said.startswith("Mã để học tiếp của bạn là: ")
    assert "Tiếp tục bài đang học" in said


def test_no_code_for_nothing_done_or_for_a_finished_tutorial(qtbot: Any, kiosk: Kiosk) -> None:
    leave_at_step(qtbot, kiosk, 0)  # Home on step one: no nagging
    assert kiosk.nav.current_id is ScreenId.HOME
    kiosk.nav.go_to(ScreenId.STEP, tutorial_id="sample-basic", step=2)
    touch(qtbot, kiosk, "Xong")
    assert kiosk.nav.current_id is ScreenId.FINISH
    touch(qtbot, kiosk, "Màn hình chính")  # the bar's Home on the finish screen
    assert kiosk.nav.current_id is ScreenId.HOME


def test_the_idle_reset_shows_no_code_to_the_next_visitor(qtbot: Any, kiosk: Kiosk) -> None:
    kiosk.nav.go_to(ScreenId.STEP, tutorial_id="sample-basic", step=2)
    kiosk.idle.timed_out.emit()
    assert kiosk.nav.current_id is ScreenId.HOME


def test_an_expired_code_is_refused_kindly_and_offers_the_guide_from_the_start(
        qtbot: Any, kiosk: Kiosk, clock: FakeClock) -> None:
    leave_at_step(qtbot, kiosk, 1)
    code = shown_code(kiosk)
    touch(qtbot, kiosk, "Màn hình chính")
    clock.advance(days=31)
    kiosk.state.set_voice(True)
    kiosk.nav.go_to(ScreenId.RESUME_ENTRY)
    for digit in code:  # voice mode: the first touch says the key, the second presses it
        qtbot.mouseClick(button(kiosk, digit), LEFT)
        qtbot.mouseClick(button(kiosk, digit), LEFT)
    qtbot.mouseClick(button(kiosk, "Học tiếp"), LEFT)
    qtbot.mouseClick(button(kiosk, "Học tiếp"), LEFT)
    assert kiosk.nav.current_id is ScreenId.RESUME_ENTRY
    message = kiosk.window.findChild(QLabel, "resumeEntryMessage").text()
    assert "đã hết hạn" in message and "học lại bài này từ đầu" in message
    assert kiosk.speaker.texts()[-1] == message  # refused out loud too
    kiosk.state.set_voice(False)
    touch(qtbot, kiosk, "Học lại từ đầu")
    assert kiosk.nav.current_id is ScreenId.STEP
    assert kiosk.screens[ScreenId.STEP].progress_label.text() == "Bước 1/3"


def test_an_unknown_code_is_refused_and_can_be_typed_again(qtbot: Any, kiosk: Kiosk) -> None:
    kiosk.nav.go_to(ScreenId.RESUME_ENTRY)
    assert not button(kiosk, "Học tiếp").isEnabled()  # four digits first
    type_code(qtbot, kiosk, "1234")
    message = kiosk.window.findChild(QLabel, "resumeEntryMessage").text()
    assert "Không tìm thấy mã 1 2 3 4" in message
    assert not kiosk.window.findChild(QAbstractButton, "resumeStartAgain").isVisible()
    touch(qtbot, kiosk, "5")
    touch(qtbot, kiosk, "6")
    touch(qtbot, kiosk, "Xóa số cuối")
    digits = kiosk.window.findChild(QLabel, "resumeEntryDigits")
    assert digits.text() == "5 _ _ _"


def test_continue_now_goes_straight_back(qtbot: Any, kiosk: Kiosk) -> None:
    leave_at_step(qtbot, kiosk, 1)
    touch(qtbot, kiosk, "Học tiếp bây giờ")
    assert kiosk.nav.current_id is ScreenId.STEP
    assert kiosk.screens[ScreenId.STEP].progress_label.text() == "Bước 2/3"


def test_in_ma_prints_a_slip_counted_in_the_print_quota(
        qtbot: Any, make_kiosk: MakeKiosk) -> None:
    printer = FakePrinter()
    kiosk = make_kiosk(printer=printer)
    leave_at_step(qtbot, kiosk, 1)
    touch(qtbot, kiosk, "In mã")
    assert len(printer.printed) == 1
    status = kiosk.window.findChild(QLabel, "resumeCodeStatus")
    assert status.isVisible() and "Đã in mã" in status.text()
    with kiosk.store.read() as s:
        kinds = s.scalars(select(PrintEvent.kind)).all()
    assert kinds == [printing_quota.RESUME_SLIP]
    assert printing_quota.quota_status(kiosk.store, 100).printed == 1


def test_no_slip_when_todays_quota_is_used_up(qtbot: Any, make_kiosk: MakeKiosk) -> None:
    printer = FakePrinter()
    kiosk = make_kiosk(printer=printer,
                       config=demo_config(defaults()).replace(daily_print_quota=0))
    leave_at_step(qtbot, kiosk, 1)
    touch(qtbot, kiosk, "In mã")
    assert printer.printed == []
    status = kiosk.window.findChild(QLabel, "resumeCodeStatus")
    assert "in hết số giấy" in status.text() and "chép lại" in status.text()


def test_a_printer_fault_says_to_copy_the_code(qtbot: Any, make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(printer=FakePrinter(fail_with="Máy in hết giấy"))
    leave_at_step(qtbot, kiosk, 1)
    touch(qtbot, kiosk, "In mã")
    status = kiosk.window.findChild(QLabel, "resumeCodeStatus")
    assert "Máy in đang gặp sự cố" in status.text() and "chép lại" in status.text()


def test_a_practice_left_midway_gets_a_code_that_opens_the_same_screen(
        qtbot: Any, make_kiosk: MakeKiosk) -> None:
    kiosk, tutorial = practice_kiosk(make_kiosk)
    practice = tutorial.practice
    kiosk.nav.go_to(ScreenId.PRACTICE, tutorial_id=tutorial.id, screen=1)
    touch(qtbot, kiosk, "Màn hình chính")
    assert kiosk.nav.current_id is ScreenId.RESUME_CODE
    code = shown_code(kiosk)
    words = kiosk.window.findChild(QLabel, "resumeCodeWhat").text()
    assert f"Tập thử: {practice.title.get('vi')}" in words
    assert f"bước 2/{len(practice.screens)}" in words
    touch(qtbot, kiosk, "Màn hình chính")

    touch(qtbot, kiosk, "Học từng bước")
    touch(qtbot, kiosk, "Tiếp tục bài đang học")
    type_code(qtbot, kiosk, code)
    assert kiosk.nav.current_id is ScreenId.PRACTICE
    page = kiosk.screens[ScreenId.PRACTICE]
    assert (page.tutorial.id, page.index) == (tutorial.id, 1)
    # Going on one screen the right way and leaving again renews the same code.
    shown = page.screen
    if shown.entry is not None and shown.entry.answer:
        for digit in shown.entry.answer:
            page.press(digit)
    else:
        page.touch(next(b.id for b in shown.buttons if b.right))
    assert page.index == practice.index_of(
        shown.entry.next if shown.entry is not None and shown.entry.answer
        else next(b.next for b in shown.buttons if b.right))
    touch(qtbot, kiosk, "Màn hình chính")
    assert shown_code(kiosk) == code
    # A practice opened afresh (not with the code) gets a code of its own.
    touch(qtbot, kiosk, "Màn hình chính")
    kiosk.nav.go_to(ScreenId.PRACTICE, tutorial_id=tutorial.id, screen=1)
    touch(qtbot, kiosk, "Màn hình chính")
    assert shown_code(kiosk) != code


def test_no_code_for_a_practice_left_on_its_first_screen(qtbot: Any,
                                                         make_kiosk: MakeKiosk) -> None:
    kiosk, tutorial = practice_kiosk(make_kiosk)
    kiosk.nav.go_to(ScreenId.PRACTICE, tutorial_id=tutorial.id, screen=0)
    touch(qtbot, kiosk, "Màn hình chính")
    assert kiosk.nav.current_id is ScreenId.HOME


def test_with_the_co_tu_phrases_the_code_follows_your_number_is(
        qtbot: Any, make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(config=demo_config(defaults()).replace(phrase_language="ktv"))
    kiosk.state.set_voice(True)
    kiosk.nav.go_to(ScreenId.STEP, tutorial_id="sample-basic", step=1)
    kiosk.window.home_btn.click()
    assert kiosk.nav.current_id is ScreenId.RESUME_CODE
    said = [(t, c) for t, c in kiosk.speaker.history if c in ("recording", "narration")]
    recording, words = said[-2:]
    assert recording == ("your_number_is.placeholder.wav", "recording")
    assert words[0].startswith("Mã để học tiếp của bạn là: ")  # the digits in Vietnamese


def test_english_mode_says_the_digits_in_english(qtbot: Any, make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(config=demo_config(defaults()).replace(language="en"))
    kiosk.nav.go_to(ScreenId.STEP, tutorial_id="sample-basic", step=1)
    kiosk.window.home_btn.click()
    code = kiosk.screens[ScreenId.RESUME_CODE].issued.code
    names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    assert kiosk.speaker.texts()[-1] == (
        "Your code to continue is: {d}. Once more: {d}.".format(
            d=", ".join(names[int(c)] for c in code)))


def open_sample(qtbot: Any, kiosk: Kiosk, steps_done: int) -> None:
    touch(qtbot, kiosk, "Học từng bước")
    touch(qtbot, kiosk, "Tài khoản định danh VNeID")
    touch(qtbot, kiosk, "Bài mẫu: mở ứng dụng khoảng 5 phút")
    for _ in range(steps_done):
        touch(qtbot, kiosk, "Bước tiếp")


def test_asking_a_volunteer_midway_puts_the_resume_code_on_the_ticket(
        qtbot: Any, make_kiosk: MakeKiosk, tmp_path: Any) -> None:
    """The number taken with "Hỏi tình nguyện viên" on step 2 carries a code that opens step
    2 again: on the printed ticket, on the ticket screen and in voice mode's words."""
    import subprocess

    printer = FakePrinter()
    kiosk = make_kiosk(printer=printer)
    open_sample(qtbot, kiosk, 1)
    touch(qtbot, kiosk, "Hỏi tình nguyện viên")
    assert kiosk.nav.current_id is ScreenId.TICKET
    ticket = kiosk.screens[ScreenId.TICKET]
    code = ticket.ticket.resume_code
    assert code is not None and len(code) == 4 and code.isdigit()
    spaced = " ".join(code)
    assert f"Mã học tiếp: {spaced}" in ticket.details.text()
    names = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
    assert f"Mã học tiếp của bạn là {', '.join(names[int(d)] for d in code)}." in \
        ticket.announcement()
    [pdf] = printer.printed
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Mã học tiếp bài đang học:" in text and spaced in text
    assert "Tiếp tục bài đang học" in text

    touch(qtbot, kiosk, "Xong, về màn hình chính")
    touch(qtbot, kiosk, "Học từng bước")
    touch(qtbot, kiosk, "Tiếp tục bài đang học")
    type_code(qtbot, kiosk, code)
    assert kiosk.nav.current_id is ScreenId.STEP
    assert kiosk.screens[ScreenId.STEP].progress_label.text() == "Bước 2/3"
    # Leaving midway now renews the same code: one code per citizen.
    touch(qtbot, kiosk, "Màn hình chính")
    assert shown_code(kiosk) == code


def test_no_code_on_a_ticket_asked_for_on_step_one_or_after_finishing(
        qtbot: Any, make_kiosk: MakeKiosk) -> None:
    printer = FakePrinter()
    kiosk = make_kiosk(printer=printer)
    open_sample(qtbot, kiosk, 0)
    touch(qtbot, kiosk, "Hỏi tình nguyện viên")
    ticket = kiosk.screens[ScreenId.TICKET]
    assert ticket.ticket.resume_code is None
    assert "Mã học tiếp" not in ticket.details.text()
    kiosk.nav.home()
    open_sample(qtbot, kiosk, 2)
    touch(qtbot, kiosk, "Xong")
    assert kiosk.nav.current_id is ScreenId.FINISH
    touch(qtbot, kiosk, "Hỏi tình nguyện viên")
    assert kiosk.nav.current_id is ScreenId.TICKET
    assert ticket.ticket.resume_code is None


def test_asking_a_volunteer_midway_through_a_practice_puts_its_code_on_the_ticket(
        qtbot: Any, make_kiosk: MakeKiosk) -> None:
    kiosk, tutorial = practice_kiosk(make_kiosk)
    kiosk.nav.go_to(ScreenId.PRACTICE, tutorial_id=tutorial.id, screen=1)
    touch(qtbot, kiosk, "Hỏi tình nguyện viên")
    assert kiosk.nav.current_id is ScreenId.TICKET
    code = kiosk.screens[ScreenId.TICKET].ticket.resume_code
    assert code is not None
    touch(qtbot, kiosk, "Xong, về màn hình chính")
    touch(qtbot, kiosk, "Học từng bước")
    touch(qtbot, kiosk, "Tiếp tục bài đang học")
    type_code(qtbot, kiosk, code)
    page = kiosk.screens[ScreenId.PRACTICE]
    assert kiosk.nav.current_id is ScreenId.PRACTICE
    assert (page.tutorial.id, page.index) == (tutorial.id, 1)


def test_a_code_past_the_end_of_a_shortened_tutorial_says_why_it_is_the_last_step(
        qtbot: Any, kiosk: Kiosk) -> None:
    """A newer content pack made the tutorial shorter: the code lands on its last step, and
    the citizen is told so on screen and, in voice mode, before the step is read."""
    from kiosk.resume import ResumeService

    # Given out when the tutorial had 8 steps or more; the sample has 3 now.
    code = ResumeService(kiosk.store).issue("tutorial", "sample-basic", 7).code
    touch(qtbot, kiosk, "Học từng bước")
    touch(qtbot, kiosk, "Tiếp tục bài đang học")
    type_code(qtbot, kiosk, code)
    step = kiosk.screens[ScreenId.STEP]
    assert kiosk.nav.current_id is ScreenId.STEP
    assert step.progress_label.text() == "Bước 3/3"
    notice = kiosk.window.findChild(QLabel, "stepNotice")
    assert notice.isVisible()
    assert notice.text().startswith("Bài này vừa được cập nhật và ngắn hơn trước")
    assert "(bước 3/3)" in notice.text()
    # Voice mode: "Nghe lại" says why first, then the step.
    kiosk.state.set_voice(True)
    step.read_aloud()
    said = kiosk.speaker.texts()[-1]
    assert said.startswith(notice.text().replace("3/3", "3 trên 3"))
    assert said.endswith(step.step.spoken("vi"))
    # Moving on: the notice has done its job.
    kiosk.state.set_voice(False)
    touch(qtbot, kiosk, "Bước trước")
    assert not notice.isVisible()
    touch(qtbot, kiosk, "Bước tiếp")
    assert not notice.isVisible()


def test_a_code_that_still_fits_shows_no_notice(qtbot: Any, kiosk: Kiosk) -> None:
    from kiosk.resume import ResumeService

    code = ResumeService(kiosk.store).issue("tutorial", "sample-basic", 1).code
    touch(qtbot, kiosk, "Học từng bước")
    touch(qtbot, kiosk, "Tiếp tục bài đang học")
    type_code(qtbot, kiosk, code)
    assert kiosk.screens[ScreenId.STEP].progress_label.text() == "Bước 2/3"
    assert not kiosk.window.findChild(QLabel, "stepNotice").isVisible()


def test_a_practice_code_past_its_end_says_why_it_is_the_last_screen(
        qtbot: Any, make_kiosk: MakeKiosk) -> None:
    from kiosk.resume import ResumeService

    kiosk, tutorial = practice_kiosk(make_kiosk)
    total = len(tutorial.practice.screens)
    code = ResumeService(kiosk.store).issue("practice", tutorial.id, total + 3).code
    touch(qtbot, kiosk, "Học từng bước")
    touch(qtbot, kiosk, "Tiếp tục bài đang học")
    type_code(qtbot, kiosk, code)
    page = kiosk.screens[ScreenId.PRACTICE]
    assert kiosk.nav.current_id is ScreenId.PRACTICE and page.index == total - 1
    feedback = kiosk.window.findChild(QLabel, "practiceFeedback")
    assert feedback.isVisible()
    assert feedback.text().startswith("Bài tập thử này vừa được cập nhật")
    assert kiosk.speaker.texts()[-1].startswith(feedback.text().replace(
        f"{total}/{total}", f"{total} trên {total}"))
