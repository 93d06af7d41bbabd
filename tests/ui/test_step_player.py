"""Step player: navigation, progress, finish, reading aloud, usage events, idle mid-tutorial."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from db.models import TutorialEvent
from ui.app import Kiosk
from ui.navigator import ScreenId


def events(kiosk: Kiosk) -> list[tuple[str, int | None]]:
    with kiosk.store.read() as s:
        return [(e.kind, e.step) for e in s.scalars(select(TutorialEvent).order_by(
            TutorialEvent.id))]


def open_sample(qtbot, kiosk: Kiosk) -> None:
    home = kiosk.screens[ScreenId.HOME]
    qtbot.mouseClick(home.tiles["learn"], Qt.MouseButton.LeftButton)
    cat = kiosk.screens[ScreenId.CATALOGUE]
    vneid = next(b for b in cat.buttons if b.objectName() == "category_vneid")
    qtbot.mouseClick(vneid, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(cat.buttons[0], Qt.MouseButton.LeftButton)  # the sample tutorial
    assert kiosk.nav.current_id is ScreenId.STEP


def test_next_back_progress_and_finish(qtbot, kiosk: Kiosk) -> None:
    open_sample(qtbot, kiosk)
    step = kiosk.screens[ScreenId.STEP]
    assert step.title.text() == "Mở ứng dụng VNeID"
    assert step.progress_label.text() == "Bước 1/3"
    assert not step.warning.isVisible()
    qtbot.mouseClick(step.next_btn, Qt.MouseButton.LeftButton)
    assert step.progress_label.text() == "Bước 2/3" and step.progress.value() == 2
    assert step.warning.isVisible()
    assert "Không bao giờ đọc mã OTP" in step.warning.text()
    qtbot.mouseClick(step.prev_btn, Qt.MouseButton.LeftButton)
    assert step.progress_label.text() == "Bước 1/3"
    for _ in range(2):
        qtbot.mouseClick(step.next_btn, Qt.MouseButton.LeftButton)
    assert step.next_btn.text() == "Xong"
    qtbot.mouseClick(step.next_btn, Qt.MouseButton.LeftButton)
    assert kiosk.nav.current_id is ScreenId.FINISH
    assert kiosk.screens[ScreenId.FINISH].title.text() == "Bạn đã làm xong!"
    assert events(kiosk) == [("opened", None), ("step", 1), ("step", 2), ("step", 1),
                             ("step", 2), ("step", 3), ("finished", 3)]


def double_tap(qtbot, widget) -> None:
    """In voice mode the first touch speaks, the second acts."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_voice_on_reads_each_step_and_navigation_stops_it(qtbot, kiosk: Kiosk) -> None:
    kiosk.state.set_voice(True)
    kiosk.nav.go_to(ScreenId.STEP, tutorial_id="sample-basic", step=0)
    step = kiosk.screens[ScreenId.STEP]
    assert kiosk.speaker.texts()[-1] == ("Mở ứng dụng VNeID. Chạm vào biểu tượng VNeID trên "
                                         "màn hình điện thoại.")
    double_tap(qtbot, step.next_btn)
    assert kiosk.speaker.texts()[-1].startswith("Bấm nút Bắt đầu.")
    kiosk.speaker.history.clear()
    double_tap(qtbot, kiosk.window.home_btn)
    # Home after a step: the code to come back with (tests/ui/test_resume_codes.py)
    assert kiosk.nav.current_id is ScreenId.RESUME_CODE
    assert ("", "stop") in kiosk.speaker.history


def test_listen_again_repeats_the_step(qtbot, kiosk: Kiosk) -> None:
    open_sample(qtbot, kiosk)
    step = kiosk.screens[ScreenId.STEP]
    qtbot.mouseClick(step.again_btn, Qt.MouseButton.LeftButton)
    assert kiosk.speaker.texts()[-1].startswith("Mở ứng dụng VNeID.")


def test_home_mid_tutorial_records_where_the_citizen_stopped(qtbot, kiosk: Kiosk) -> None:
    open_sample(qtbot, kiosk)
    step = kiosk.screens[ScreenId.STEP]
    qtbot.mouseClick(step.next_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(step.ask_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.window.home_btn, Qt.MouseButton.LeftButton)
    assert kiosk.nav.current_id is ScreenId.HOME
    assert events(kiosk)[-2:] == [("ask", 2), ("abandoned", 2)]


def test_idle_reset_mid_tutorial_returns_home_and_stops_speech(qtbot, kiosk: Kiosk) -> None:
    kiosk.state.set_voice(True)
    kiosk.nav.go_to(ScreenId.STEP, tutorial_id="sample-basic", step=0)
    kiosk.idle._tick.setInterval(20)
    kiosk.idle.timeout_ms = 20
    kiosk.idle.reset()
    with qtbot.waitSignal(kiosk.idle.timed_out, timeout=5000):
        pass
    assert kiosk.nav.current_id is ScreenId.HOME
    assert ("", "stop") in kiosk.speaker.history
    assert not kiosk.state.voice_on
    assert events(kiosk)[-1] == ("abandoned", 1)


def test_broken_image_shows_placeholder(qtbot, kiosk: Kiosk, tmp_path) -> None:
    from ui.widgets.step_image import StepImage

    broken = tmp_path / "broken.svg"
    broken.write_text("<svg><nope", encoding="utf-8")
    img = StepImage()
    qtbot.addWidget(img)
    img.resize(400, 300)
    img.set_image(broken, "x")
    assert img.loaded_ok is False
    assert img.pixmap() is not None and not img.pixmap().isNull()
