"""Scam check on screen (issue #23 item 4), found and touched by accessible names as a person
would: Home → "Kiểm tra tin nhắn lạ" → a picture → the verdict, read aloud → the tutorial."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit

from kiosk.content.loader import load_catalogue
from kiosk.paths import resource_path
from kiosk.scam_check import tally
from tests.ui.conftest import MakeKiosk
from ui.app import Kiosk
from ui.navigator import ScreenId

LEFT = Qt.MouseButton.LeftButton
TODAY = date(2026, 3, 10)  # the clock fixture's local day


def button(k: Kiosk, name: str) -> QAbstractButton:
    found = [b for b in k.window.findChildren(QAbstractButton)
             if b.accessibleName() == name and b.isVisible()]
    assert len(found) == 1, f"{name!r}: {len(found)} visible buttons"
    return found[0]


def real_kiosk(make_kiosk: MakeKiosk) -> Kiosk:
    # the shipped tutorials: the verdict links to a real one
    return make_kiosk(catalogue=load_catalogue([resource_path("tutorials")]))


def test_home_to_a_spoken_verdict_to_the_matching_tutorial(qtbot,
                                                           make_kiosk: MakeKiosk) -> None:
    k = real_kiosk(make_kiosk)
    qtbot.mouseClick(button(k, "Kiểm tra tin nhắn lạ"), LEFT)
    assert k.nav.current_id is ScreenId.SCAM_CHECK
    # nothing to type: the kiosk never asks for the message or a phone number
    page = k.screens[ScreenId.SCAM_CHECK]
    assert not page.findChildren(QLineEdit) and not page.findChildren(QTextEdit) \
        and not page.findChildren(QPlainTextEdit)
    qtbot.mouseClick(button(k, "Cuộc gọi tự xưng là công an"), LEFT)
    assert k.nav.current_id is ScreenId.SCAM_VERDICT
    verdict = k.screens[ScreenId.SCAM_VERDICT]
    assert verdict.title.text() == "Đây là lừa đảo."
    assert "Hãy tắt máy." in verdict.actions.text()
    spoken = k.speaker.texts()
    assert spoken[-1].startswith("Đây là lừa đảo. Công an không giải quyết việc")
    assert "156" in spoken[-1]
    assert tally(k.store, TODAY, TODAY) == {"police-call": 1}

    qtbot.mouseClick(button(k, "Nghe lại"), LEFT)
    assert k.speaker.texts()[-1] == spoken[-1]
    qtbot.mouseClick(button(k, "Xem hướng dẫn"), LEFT)
    assert k.nav.current_id is ScreenId.STEP
    assert k.screens[ScreenId.STEP].tutorial.id == "scam-fake-police"


def test_back_returns_to_the_choices_and_home_goes_home(qtbot, make_kiosk: MakeKiosk) -> None:
    k = real_kiosk(make_kiosk)
    k.nav.go_to(ScreenId.SCAM_CHECK)
    qtbot.mouseClick(button(k, "Người thân nhắn hỏi vay tiền"), LEFT)
    assert k.screens[ScreenId.SCAM_VERDICT].title.text() == "Có thể là lừa đảo."
    assert "số điện thoại cũ" in k.screens[ScreenId.SCAM_VERDICT].actions.text()
    k.nav.back()
    assert k.nav.current_id is ScreenId.SCAM_CHECK
    qtbot.mouseClick(button(k, "Mã QR bảo trả “phí”"), LEFT)
    qtbot.mouseClick(button(k, "Màn hình chính"), LEFT)  # the bottom bar's Home
    assert k.nav.current_id is ScreenId.HOME
    assert k.speaker.history[-1] == ("", "stop")  # leaving silences the verdict
    assert tally(k.store, TODAY, TODAY) == {"relative-money": 1, "qr-fee": 1}


def test_english_comes_from_the_list(qtbot, make_kiosk: MakeKiosk) -> None:
    k = real_kiosk(make_kiosk)
    k.state.set_language("en")
    k.nav.go_to(ScreenId.SCAM_CHECK)
    qtbot.mouseClick(button(k, "Someone asks for your OTP code"), LEFT)
    assert k.screens[ScreenId.SCAM_VERDICT].title.text() == "This is a scam."
    assert k.speaker.texts()[-1].startswith("This is a scam. Never tell anyone your OTP")
    assert button(k, "Open the guide").isVisible()


def test_a_refused_list_leaves_the_feature_out(qtbot, make_kiosk: MakeKiosk,
                                               monkeypatch) -> None:
    import ui.features.scam_check as feature
    from kiosk.scam_check import ScamListError

    def refuse(*_a: object, **_k: object) -> None:
        raise ScamListError("Danh sách kiểm tra tin nhắn lạ không dùng được.")

    monkeypatch.setattr(feature, "load_scam_kinds", refuse)
    k = make_kiosk()
    assert not k.nav.has(ScreenId.SCAM_CHECK)
    assert "scam" not in k.screens[ScreenId.HOME].tiles


def test_the_staff_dashboard_shows_checks_per_kind(qtbot, make_kiosk: MakeKiosk) -> None:
    from kiosk.scam_check import record_check
    from tests.ui.test_staff_reports import open_tab
    from ui.screens.reports import ReportsTab

    k = make_kiosk(staff=True)
    for kind in ("qr-fee", "qr-fee", "otp-request"):
        record_check(k.store, kind)
    tab = open_tab(k, ReportsTab)
    tab.refresh()
    chart = tab.charts["ScamChart"]
    assert chart.heading.text() == "Kiểm tra tin nhắn lạ, theo loại (chỉ đếm số lượt)"
    assert [(b.label, b.total) for b in chart.chart.bars] == [
        ("Mã QR bảo trả “phí”", 2), ("Có người hỏi mã OTP", 1)]
