"""The staff panel "Đồng bộ" (#20 item 4): pair through it, see the status and the last error
in plain Vietnamese, "Đồng bộ ngay"; and the GUI stays responsive while a sync waits on a
slow hub (real task lanes, a real loopback hub from tests/fake_hub.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QScrollArea, QWidget
from sqlalchemy import select

from kiosk.assistance import AssistanceDraft, AssistanceService
from kiosk.auth import Actor
from kiosk.clock import FakeClock
from kiosk.queue import QueueService
from kiosk.store import Store
from kiosk.sync import outbox
from tests.fake_hub import GOOD_CODE, FakeHub
from ui.app import Kiosk
from ui.navigator import ScreenId
from ui.screens.staff_sync import StaffSyncTab
from ui.tasks import TaskRunner

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def hub(tmp_path: Path, clock: FakeClock) -> Iterator[FakeHub]:
    h = FakeHub(tmp_path / "hub", clock=clock)
    yield h
    h.close()


def open_panel(qtbot, k: Kiosk) -> StaffSyncTab:
    tabs = k.screens[ScreenId.STAFF].tabs
    for i in range(tabs.count()):
        page = tabs.widget(i)
        inner = page.widget() if isinstance(page, QScrollArea) else page
        if isinstance(inner, StaffSyncTab):
            tabs.setCurrentIndex(i)
            qtbot.waitUntil(lambda p=inner: p.status is not None)
            return inner
    raise AssertionError("no Đồng bộ tab")


def click(qtbot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, LEFT, pos=QPoint(widget.width() // 2, widget.height() // 2))


def text(panel: StaffSyncTab, name: str) -> str:
    label = panel.findChild(QLabel, name)
    assert label is not None, name
    return label.text() if label.isVisible() else ""


def log_help(store: Store, volunteer: Actor) -> None:
    now = store.clock.now()
    from kiosk.queue import QueueService

    code = QueueService(store).services()[0].code
    hub_has = AssistanceDraft(started_at=now - timedelta(minutes=30),
                              ended_at=now - timedelta(minutes=5), services=(code,),
                              channel="help_point", age_band="60-74", gender="nu")
    AssistanceService(store).log(volunteer, dataclasses.replace(hub_has))


def seed_hub_services(hub: FakeHub, store: Store) -> None:
    from db.models import Service
    from kiosk.queue import QueueService

    with store.read() as s, hub.store.write() as h:
        for svc in QueueService(store).services():
            if h.get(Service, svc.code) is None:
                row = s.get(Service, svc.code)
                h.add(Service(code=row.code, prefix=row.prefix, name_vi=row.name_vi))


def test_staff_pair_through_the_panel_and_sync_now(qtbot, make_kiosk, hub: FakeHub,
                                                   store: Store, volunteer: Actor,
                                                   clock: FakeClock) -> None:
    k = make_kiosk(staff=True, size=(1366, 768))
    panel = open_panel(qtbot, k)
    assert "chưa ghép nối" in text(panel, "syncFact_hub")
    assert not panel.sync_btn.isVisible()
    qtbot.keyClicks(panel.url, hub.url)
    qtbot.keyClicks(panel.code, "wxyz-2345")
    click(qtbot, panel.pair_btn)
    assert "Mã ghép nối không đúng" in text(panel, "syncMessage")
    panel.code.clear()
    qtbot.keyClicks(panel.code, GOOD_CODE.lower())
    seed_hub_services(hub, store)
    log_help(store, volunteer)
    click(qtbot, panel.pair_btn)  # pairs, then sends at once
    assert "Hub phường Hải Châu" in text(panel, "syncFact_hub")
    assert hub.record_count() == 1
    assert "0 bản ghi" in text(panel, "syncFact_waiting")
    assert "10:00 10/03/2026" in text(panel, "syncFact_last_ok")
    assert not panel.pair_box.isVisible() and panel.code.text() == ""
    clock.advance(minutes=10)
    log_help(store, volunteer)
    panel.scheduler.refresh()
    assert "1 bản ghi" in text(panel, "syncFact_waiting")
    click(qtbot, panel.sync_btn)
    assert "Đã gửi 1 mục" in text(panel, "syncMessage")  # same helper, same day: 1 record
    assert hub.record_count() == 2
    # the hub's health page learns how the printer and the voice are (#21 item 4)
    status = hub.payloads[-1]["status"]
    assert status["printer_ok"] is True and status["voice_ok"] is True
    assert status["outbox_waiting"] == 1 and status["content_version"] == ""


def test_a_refusal_is_shown_with_what_to_do_and_goes_away_after_a_good_sync(
        qtbot, make_kiosk, hub: FakeHub, store: Store, staff: Actor, data_dir: Path,
        volunteer: Actor) -> None:
    outbox.pair(staff, store, store.config, data_dir, hub.url, GOOD_CODE)
    seed_hub_services(hub, store)
    log_help(store, volunteer)
    panel = open_panel(qtbot, make_kiosk(staff=True))
    hub.next_faults.append("refuse:revoked_device")
    click(qtbot, panel.sync_btn)
    error = text(panel, "syncError")
    assert "không thành công" in error and "thu hồi" in error and "liên hệ cán bộ xã" in error
    assert "1 bản ghi" in text(panel, "syncFact_waiting")
    panel.state.set_language("en")  # kept in Vietnamese, shown in English by its code
    assert "has revoked this kiosk" in text(panel, "syncError")
    panel.state.set_language("vi")
    click(qtbot, panel.sync_btn)
    assert text(panel, "syncError") == ""
    assert "0 bản ghi" in text(panel, "syncFact_waiting")


def test_the_panel_stays_responsive_while_a_sync_waits_on_a_slow_hub(
        qtbot, make_kiosk, hub: FakeHub, store: Store, staff: Actor, data_dir: Path,
        volunteer: Actor) -> None:
    """Real task lanes: the network wait happens off the GUI thread."""
    outbox.pair(staff, store, store.config, data_dir, hub.url, GOOD_CODE)
    seed_hub_services(hub, store)
    log_help(store, volunteer)
    k = make_kiosk(staff=True, tasks=TaskRunner())
    panel = open_panel(qtbot, k)
    hub.next_faults.append("slow")
    click(qtbot, panel.sync_btn)
    qtbot.waitUntil(lambda: "POST /api/v1/batches" in hub.requests, timeout=10000)
    # The hub holds the batch; the GUI thread must still run timers, clicks and tab changes.
    assert panel.scheduler.running and not panel.sync_btn.isEnabled()
    assert "Đang đồng bộ" in text(panel, "syncMessage")
    ticked: list[bool] = []
    QTimer.singleShot(0, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: bool(ticked), timeout=500)
    tabs = k.screens[ScreenId.STAFF].tabs
    tabs.setCurrentIndex(0)
    assert tabs.currentIndex() == 0
    assert not panel.scheduler.run_now()  # a second press starts nothing new
    assert not hub.release.is_set() and hub.record_count() == 0
    hub.release.set()
    qtbot.waitUntil(lambda: not panel.scheduler.running, timeout=15000)
    qtbot.waitUntil(lambda: "0 bản ghi" in panel.facts["waiting"].text(),
                    timeout=5000)
    assert hub.record_count() == 1
    assert "Đã gửi 2 mục" in panel.message.text()


def test_a_pack_fetched_by_a_sync_is_shown_from_the_next_home_screen(
        qtbot, make_kiosk, hub: FakeHub, store: Store, staff: Actor, data_dir: Path) -> None:
    """#21 item 6: switched between visitors, never under a citizen's finger."""
    from tests.unit.test_content_packs import FIXED_TITLE, pack_zip

    outbox.pair(staff, store, store.config, data_dir, hub.url, GOOD_CODE)
    hub.sign_pack("2026.12.05", pack_zip())
    k = make_kiosk(staff=True)
    assert k.catalogue.by_id("dvc-login") is None  # the sample content the test kiosk shows
    panel = open_panel(qtbot, k)
    click(qtbot, panel.sync_btn)
    assert "phiên bản 2026.12.05" in text(panel, "syncMessage")
    assert "bản 2026.12.05 từ hub" in text(panel, "syncFact_content")
    k.nav.home()
    assert k.catalogue.by_id("dvc-login") is None  # not while a helper is signed in
    k.state.sign_out()  # the next visitor (the idle reset does the same)
    k.nav.home()
    shown = k.catalogue.by_id("dvc-login")
    assert shown is not None and shown.title.get("vi") == FIXED_TITLE


def test_unpair_asks_first_then_forgets_the_hub_and_offers_pairing_again(
        qtbot, make_kiosk, hub: FakeHub, store: Store, staff: Actor, data_dir: Path) -> None:
    from ui.widgets.ask_dialog import AskDialog

    outbox.pair(staff, store, store.config, data_dir, hub.url, GOOD_CODE)
    panel = open_panel(qtbot, make_kiosk(staff=True))
    click(qtbot, panel.unpair_btn)
    dialog = panel.findChild(AskDialog, "syncUnpairAsk")
    assert dialog is not None and dialog.isVisible()
    click(qtbot, dialog.cancel_btn)
    assert outbox.status(store).paired  # "Hủy": nothing changes
    click(qtbot, panel.unpair_btn)
    dialog = next(d for d in panel.findChildren(AskDialog, "syncUnpairAsk") if d.isVisible())
    click(qtbot, dialog.ok_btn)
    assert not outbox.status(store).paired
    assert "Đã bỏ ghép nối" in text(panel, "syncMessage")
    assert panel.pair_btn.isVisible() and not panel.sync_btn.isVisible()


def test_the_timer_looks_after_start_then_every_5_minutes_or_backs_off_after_a_failure(
        qtbot, make_kiosk, hub: FakeHub, store: Store, staff: Actor, data_dir: Path) -> None:
    from ui.features.sync import FIRST_LOOK_MS, FIRST_RUN_MS

    outbox.pair(staff, store, store.config, data_dir, hub.url, GOOD_CODE)
    k = make_kiosk()
    scheduler = next(c for c in k.window.findChildren(QObject)
                     if type(c).__name__ == "SyncScheduler")
    assert scheduler.timer.isActive() and scheduler.timer.interval() == FIRST_LOOK_MS
    scheduler.timer.timeout.emit()  # 3 s after start: is this kiosk paired?
    assert scheduler.timer.isActive() and scheduler.timer.interval() == FIRST_RUN_MS
    hub.next_faults.append("500")
    scheduler.timer.timeout.emit()  # the first sync fails: back off 15–30 s
    assert 15_000 <= scheduler.timer.interval() <= 30_000
    scheduler.timer.timeout.emit()  # the next one works: every 5 minutes again
    assert scheduler.timer.interval() == 300_000
    assert outbox.status(store).last_error_code == ""


def test_a_record_with_hidden_characters_is_named_and_cleaned_from_the_panel(
        qtbot, make_kiosk, hub: FakeHub, store: Store, staff: Actor, data_dir: Path,
        volunteer: Actor) -> None:
    """A database from before the control-character rule: the panel names the record by its
    time and service (not "bản ghi số 1"), offers "Làm sạch ký tự ẩn", and after it the
    record reaches the hub."""
    from sqlalchemy import update

    from db.models import Assistance

    outbox.pair(staff, store, store.config, data_dir, hub.url, GOOD_CODE)
    seed_hub_services(hub, store)
    log_help(store, volunteer)
    with store.write() as s:
        s.execute(update(Assistance).values(note="Bà Hoa\x00"))
    panel = open_panel(qtbot, make_kiosk(staff=True, size=(1366, 768)))
    assert not panel.clean_btn.isVisible()
    click(qtbot, panel.sync_btn)
    error = text(panel, "syncError")
    assert "Bản ghi hỗ trợ lúc 09:30 ngày 10/03/2026" in error and "“Ghi chú”" in error
    assert "Bà Hoa" not in error and hub.record_count() == 0
    assert panel.clean_btn.isVisible()
    panel.state.set_language("en")
    error = text(panel, "syncError")
    assert "The help record of 09:30 on 10/03/2026" in error and "“Note”" in error
    service = QueueService(store).services()[0]
    assert f"({(service.name_en or service.name_vi)[:40]}" in error  # the English name
    assert panel.clean_btn.text() == "Clean hidden characters"
    panel.state.set_language("vi")
    click(qtbot, panel.clean_btn)
    assert hub.record_count() == 1  # cleaned, then sent at once
    assert text(panel, "syncError") == "" and not panel.clean_btn.isVisible()
    with store.read() as s:
        assert s.scalar(select(Assistance.note)) == "Bà Hoa"


def test_the_message_beside_the_actions_follows_a_language_switch(
        qtbot, make_kiosk, hub: FakeHub, store: Store, staff: Actor, data_dir: Path,
        volunteer: Actor) -> None:
    """The right-hand message ("Đã gửi 1 mục lên hub.", a refused pairing code, …) was set
    once in the language of the moment and stayed Vietnamese after "English" was tapped,
    while every other text of the panel changed."""
    panel = open_panel(qtbot, make_kiosk(staff=True, size=(1366, 768)))
    click(qtbot, panel.pair_btn)  # nothing typed: the kiosk asks for both
    assert text(panel, "syncMessage") == "Hãy nhập cả địa chỉ hub và mã ghép nối."
    panel.state.set_language("en")
    assert text(panel, "syncMessage") == "Enter both the hub address and the pairing code."
    panel.state.set_language("vi")
    qtbot.keyClicks(panel.url, hub.url)
    qtbot.keyClicks(panel.code, "wxyz-2345")
    click(qtbot, panel.pair_btn)  # the hub refuses the code (a KioskError with two languages)
    assert "Mã ghép nối không đúng" in text(panel, "syncMessage")
    panel.state.set_language("en")
    message = text(panel, "syncMessage")
    assert message and "Mã ghép nối" not in message and "pairing code" in message.lower()
    panel.state.set_language("vi")
    panel.code.clear()
    qtbot.keyClicks(panel.code, GOOD_CODE)
    seed_hub_services(hub, store)
    log_help(store, volunteer)
    click(qtbot, panel.pair_btn)  # pairs, then sends at once
    assert text(panel, "syncMessage") == "Đã gửi 2 mục lên hub."
    panel.state.set_language("en")
    assert text(panel, "syncMessage") == "Sent 2 items to the hub."
    panel.state.set_language("vi")
    assert text(panel, "syncMessage") == "Đã gửi 2 mục lên hub."


def placeholder_room(field: QLineEdit) -> tuple[int, int]:
    """The width the placeholder needs and the width the field shows text in: inside its
    border and padding (the style's contents rectangle), less Qt's 2 px a side."""
    from PySide6.QtWidgets import QStyle, QStyleOptionFrame

    opt = QStyleOptionFrame()
    field.initStyleOption(opt)
    inner = field.style().subElementRect(QStyle.SubElement.SE_LineEditContents, opt, field)
    margins = field.textMargins()
    room = inner.width() - margins.left() - margins.right() - 2 * 2
    return field.fontMetrics().horizontalAdvance(field.placeholderText()), room


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_pairing_code_hint_is_whole_at_1366_with_the_largest_text(
        qtbot, make_kiosk, lang: str) -> None:
    """The pairing-code field showed "ABCD-EF" of its "ABCD-EFGH" hint at 1366×768 with the
    largest text: the address took three quarters of the row and the labels the rest."""
    k = make_kiosk(staff=True, size=(1366, 768))
    panel = open_panel(qtbot, k)
    k.state.set_language(lang)
    k.state.set_text_size(2)
    qtbot.waitUntil(lambda: panel.code.isVisible())
    for field in (panel.code, panel.url):
        QApplication.sendPostedEvents()
        need, room = placeholder_room(field)
        assert need <= room, (field.objectName(), lang, need, room)
