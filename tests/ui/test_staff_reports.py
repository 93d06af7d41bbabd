"""Staff reports: the dashboard, the allowance tab and exports, as a staff member sees them.

The test clock is Tuesday 10/03/2026 (local), so "this month" is March 2026, under the
NQ 26/2025 rule (50.000 đ per member per day, at most 300.000 đ per team per month).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

import ui.printing
from db.models import ActivityDay, Assistance, PolicyRule, Team, Volunteer
from kiosk.auth import Actor, Role
from kiosk.demo import generate_demo
from kiosk.queue import QueueService
from kiosk.reports.periods import PeriodKind
from kiosk.store import Store
from tests.ui.conftest import MakeKiosk
from ui.app import Kiosk
from ui.features import reports
from ui.navigator import ScreenId
from ui.printing import FakePrinter
from ui.screens.reports import AllowanceTab, ExportTab, ReportsTab, money
from ui.tasks import TaskRunner
from ui.widgets.bar_chart import fmt_int


@pytest.fixture
def targets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A fake USB drive and Documents folder instead of scanning this machine's mounts."""
    usb, docs = tmp_path / "USB-KINGSTON", tmp_path / "Documents"
    usb.mkdir()
    docs.mkdir()
    monkeypatch.setattr(ui.printing, "save_targets", lambda: [usb, docs])
    return usb, docs


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk, targets: tuple[Path, Path]) -> Kiosk:
    return make_kiosk(printer=FakePrinter(), features=[reports.install], staff=True)


def open_tab(k: Kiosk, cls: type) -> Any:
    staff = k.screens[ScreenId.STAFF]
    for i in range(staff.tabs.count()):
        page = staff.tabs.widget(i)
        inner = page.widget() if hasattr(page, "widget") else page
        if isinstance(inner, cls):
            staff.tabs.setCurrentIndex(i)
            return inner
    raise AssertionError(f"no staff tab {cls.__name__}")


class DeferredTasks(TaskRunner):
    """Holds background work until the test says so, to see what shows meanwhile."""

    def __init__(self) -> None:
        super().__init__()
        self.jobs: list[tuple[Callable[[], Any], Any, Any]] = []

    def run_in_background(self, fn: Callable[[], Any], on_success: Any = None,
                          on_error: Any = None, lane: str = "default") -> None:
        assert lane == "db"
        self.jobs.append((fn, on_success, on_error))

    def run_all(self) -> None:
        while self.jobs:
            fn, ok, _fail = self.jobs.pop(0)
            ok(fn())


def test_dashboard_shows_the_figures_of_demo_data(qtbot, kiosk: Kiosk, store: Store) -> None:
    generate_demo(store, days=10, per_day=5)
    with store.read() as s:
        records = s.scalar(select(func.count()).select_from(Assistance)
                           .where(Assistance.deleted_at.is_(None)))
    assert records == 50
    tab = open_tab(kiosk, ReportsTab)
    assert tab.picker.buttons[PeriodKind.THIS_MONTH].isChecked()  # March: all ten days
    assert tab.citizens_label.text() == fmt_int(records)
    assert tab.demo_banner.isVisible()
    assert tab.demo_banner.text().startswith("Có dữ liệu mẫu (demo)")
    assert not tab.empty.isVisible()
    service = tab.charts["Service"].chart
    assert not service.is_empty
    assert sum(b.total for b in service.bars) >= records  # two services count under each
    assert sum(b.total for b in tab.daily.chart.bars) == records

    # Another period: "Đang tính…" while the db lane works, then the new figures.
    tab.tasks = deferred = DeferredTasks()
    tab.picker.buttons[PeriodKind.TODAY].click()
    assert tab.status.text() == "Đang tính…"
    deferred.run_all()
    assert tab.status.text() == ""
    assert tab.citizens_label.text() == "5"
    assert tab.period_label.text() == "Ngày 10/03/2026"


def test_an_empty_period_shows_no_data_not_an_error(qtbot, kiosk: Kiosk) -> None:
    tab = open_tab(kiosk, ReportsTab)
    assert tab.citizens_label.text() == "0"
    assert tab.empty.isVisible()
    assert "Chưa có dữ liệu" in tab.empty.text()
    assert tab.charts["Village"].chart.is_empty
    assert tab.charts["Village"].chart.accessibleDescription() == "Chưa có dữ liệu"
    assert not tab.error.isVisible()
    assert not tab.demo_banner.isVisible()

    # A custom period back to front is explained, and nothing else changes.
    tab.picker.buttons[PeriodKind.CUSTOM].click()
    assert tab.picker.custom_row.isVisible()
    tab.picker.from_edit.setDate(date(2026, 3, 9))
    tab.picker.to_edit.setDate(date(2026, 3, 1))
    tab.picker.apply_btn.click()
    assert tab.picker.error.isVisible()
    assert "Ngày bắt đầu (09/03/2026) sau ngày kết thúc" in tab.picker.error.text()


def _member(store: Store, name: str) -> str:
    with store.write() as s:
        v = Volunteer(display_name=name, role="volunteer", pin_hash="!test", active=True,
                      created_at=store.clock.now())
        s.add(v)
        s.flush()
        return v.uuid


def test_allowance_lists_a_volunteer_with_the_expected_amount(qtbot, kiosk: Kiosk,
                                                              store: Store) -> None:
    an = _member(store, "Tình nguyện viên An")
    with store.write() as s:
        for d, source in ((2, "ticket"), (2, "record"), (3, "record"), (4, "outreach")):
            s.add(ActivityDay(volunteer_uuid=an, day=date(2026, 3, d), source=source))
    tab = open_tab(kiosk, AllowanceTab)
    rows = [[tab.table.item(r, c).text() for c in range(4)] for r in range(tab.table.rowCount())]
    # Three active days (two rows on 2/3 count once) × 50.000 đ, under the 300.000 đ cap.
    assert ["Tình nguyện viên An", "3", money(150_000), money(150_000)] in rows
    assert money(150_000) == "150.000\u00a0đ"
    assert rows[-1] == ["Cả tổ", "3", money(150_000), money(150_000)]
    assert money(150_000) in tab.total.text()
    assert "Còn lại trong tháng 3/2026: " + money(150_000) in tab.remaining.text()
    assert not tab.no_rule.isVisible()
    rules_text = " ".join(
        lab.text() for lab in tab.rules_card.findChildren(type(tab.total))
        if lab.objectName().startswith("allowanceRule"))
    assert "Nghị quyết 26/2025" in rules_text
    # The reading of NQ 26/2025's split is shown and marked unverified (outputs review 14).
    assert "Phần trả cho thành viên" in rules_text
    assert "chưa xác minh" in rules_text


def test_a_merged_database_shows_each_team_with_its_own_cap(qtbot, kiosk: Kiosk,
                                                            store: Store) -> None:
    """Another team's days (from its bundle) are capped on their own, chosen by team."""
    an, binh = _member(store, "Tình nguyện viên An"), _member(store, "Hội viên Bình")
    other = "4d1c1f0e-8f5b-4f3e-9d4c-2b7a3c9e1a11"
    with store.write() as s:
        s.add(Team(team_id=other, name="Tổ CNSCĐ thôn Tà Lang"))
        for d in range(2, 9):  # 7 days each: 350.000 đ due per team, 300.000 đ paid
            s.add(ActivityDay(volunteer_uuid=an, day=date(2026, 3, d), source="record",
                              team_id=store.team_id))
            s.add(ActivityDay(volunteer_uuid=binh, day=date(2026, 3, d), source="record",
                              team_id=other))
    tab = open_tab(kiosk, AllowanceTab)
    assert tab.team_pick.isVisible() and tab.team_pick.count() == 2
    assert tab.team_pick.itemText(1) == "Tổ CNSCĐ thôn Tà Lang"
    assert "2 tổ, mỗi tổ tính mức tối đa riêng" in tab.teams_line.text()
    assert tab.teams_line.text().count(money(300_000)) == 2
    assert money(300_000) in tab.total.text()
    tab.team_pick.setCurrentIndex(1)
    tab.team_pick.activated.emit(1)
    rows = [[tab.table.item(r, c).text() for c in range(4)] for r in range(tab.table.rowCount())]
    assert rows[0] == ["Hội viên Bình", "7", money(350_000), money(300_000)]


def test_adding_an_overlapping_rule_shows_why_not(qtbot, kiosk: Kiosk, store: Store) -> None:
    tab = open_tab(kiosk, AllowanceTab)
    tab.rule_name.setText("Quy định thử")
    tab.rule_from.setDate(date(2026, 6, 1))
    tab.rule_open.setChecked(True)
    assert not tab.rule_to.isEnabled()
    tab.rule_rate.setValue(60_000)
    tab.rule_cap.setValue(400_000)
    tab.add_btn.click()
    assert tab.rule_message.isVisible()
    assert tab.rule_message.property("role") == "warning"
    assert "Thời gian hiệu lực trùng với quy định “Nghị quyết 26/2025" in tab.rule_message.text()
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(PolicyRule)) == 2

    # A rule that fits is added, listed and announced.
    tab.rule_from.setDate(date(2028, 1, 1))
    tab.add_btn.click()
    assert tab.rule_message.property("role") == "tip"
    assert "Đã thêm quy định “Quy định thử”" in tab.rule_message.text()
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(PolicyRule)) == 3


def test_export_csv_to_a_folder_with_progress(qtbot, kiosk: Kiosk, store: Store,
                                              tmp_path: Path,
                                              targets: tuple[Path, Path]) -> None:
    generate_demo(store, days=3, per_day=4)
    tab = open_tab(kiosk, ExportTab)
    usb, _docs = targets
    assert tab.folder == usb  # USB drives first
    assert [b.text() for b in tab.target_buttons] == ["USB “USB-KINGSTON”", "Thư mục Tài liệu"]
    assert not tab.contacts.isChecked()
    tab.set_choice("pdf", "summary")
    assert not tab.what_buttons["records"].isEnabled()
    assert not tab.contacts.isEnabled()
    tab.set_choice("csv", "records")
    assert tab.contacts.isEnabled() and not tab.contacts.isChecked()

    out = tmp_path / "bao-cao"
    out.mkdir()
    tab.set_folder(out)
    seen: list[tuple[int, int]] = []
    tab._relay.changed.connect(lambda done, total: seen.append((done, total)))
    values: list[int] = []
    tab.progress.valueChanged.connect(values.append)
    tab.export_btn.click()
    assert seen[-1] == (12, 12)  # the export's own progress callback
    assert tab.progress.value() == 100
    assert 100 in values
    written = out / "ban-ghi-2026-03.csv"
    assert written.exists()
    assert tab.last_result is not None and tab.last_result.path == written
    assert tab.result.isVisible() and str(written) in tab.result.text()
    header = written.read_text(encoding="utf-8-sig").splitlines()[0]
    assert "contact_phone" not in header

    # The same again does not overwrite the first file.
    tab.export_btn.click()
    assert (out / "ban-ghi-2026-03-2.csv").exists()


def test_a_pulled_out_usb_drive_is_said_plainly(qtbot, kiosk: Kiosk,
                                                targets: tuple[Path, Path]) -> None:
    tab = open_tab(kiosk, ExportTab)
    usb, _docs = targets
    assert tab.folder == usb
    usb.rmdir()
    tab.export_btn.click()
    assert tab.error.isVisible()
    assert tab.error.text().startswith("USB đã bị rút")
    assert tab.progress.value() == 0
    assert not tab.result.isVisible()


def test_dashboard_counts_priority_numbers_never_why(qtbot, kiosk: Kiosk, store: Store) -> None:
    queue = QueueService(store, desk_count=1)
    queue.issue("vneid", priority=True)
    queue.issue("dvc")
    queue.issue("other", priority=True)
    volunteer = Actor(Role.VOLUNTEER, uuid="v-test", name="Hùng")
    queue.finish(volunteer, queue.call_next(volunteer, 1))  # the first priority number
    tab = open_tab(kiosk, ReportsTab)
    card = tab.cards["Priority"]
    assert card.heading.text() == "Số ưu tiên đã phát"
    assert (card.value.text(), card.detail.text()) == ("2", "đã phục vụ xong 1")
    assert tab.cards["Tickets"].value.text() == "3"


def test_dashboard_shows_practice_counts_from_demo_data(qtbot, kiosk: Kiosk, store: Store
                                                        ) -> None:
    """Issue #22 item 5: practices started, finished and the screen wrong most, next to
    tutorial completion, from the demo data alone."""
    from db.models import TutorialEvent

    generate_demo(store, days=10, per_day=5)
    with store.read() as s:
        started = s.scalar(select(func.count()).select_from(TutorialEvent)
                           .where(TutorialEvent.kind == "practice_open"))
        done = s.scalar(select(func.count()).select_from(TutorialEvent)
                        .where(TutorialEvent.kind == "practice_done"))
    assert started and done and done < started
    tab = open_tab(kiosk, ReportsTab)
    card = tab.cards["Practices"]
    assert card.heading.text() == "Lượt tập thử"
    assert card.value.text() == fmt_int(started)
    table = tab.practice_table
    assert table.isVisible() and table.rowCount() >= 1
    assert sum(int(table.item(r, 1).text()) for r in range(table.rowCount())) == started
    assert sum(int(table.item(r, 2).text()) for r in range(table.rowCount())) == done
    worst = [table.item(r, 4).text() for r in range(table.rowCount())]
    assert any(w.startswith("màn ") and "lần" in w for w in worst), worst
    # practice runs are never tutorial runs
    opened = sum(f.opened for f in tab.figures.tutorials)
    with store.read() as s:
        tutorial_runs = s.scalar(select(func.count()).select_from(TutorialEvent)
                                 .where(TutorialEvent.kind == "opened"))
    assert opened == tutorial_runs


def test_dashboard_shows_home_visits_done_and_waiting(qtbot, kiosk: Kiosk, store: Store
                                                      ) -> None:
    """The count comes from kiosk.home_visits.visit_figures_in; the card only shows it."""
    from kiosk.assistance import AssistanceService
    from kiosk.auth import AuthService
    from kiosk.home_visits import HomeVisitService, VisitDraft
    from ui.app import DEMO_VOLUNTEER_PIN

    QueueService(store, desk_count=1)  # the services, as the kiosk's first start seeds them
    volunteer = AuthService(store).sign_in(DEMO_VOLUNTEER_PIN)
    visits = HomeVisitService(store, AssistanceService(store, "xã Hòa Vang"), "xã Hòa Vang")
    made = [visits.create(volunteer, VisitDraft(village="Tà Lang", household=who,
                                                service_code="vneid"))
            for who in ("Bà Tư", "Ông Hai", "Bà Ba")]
    visits.mark_done(volunteer, made[0].uuid)
    tab = open_tab(kiosk, ReportsTab)
    card = tab.cards["HomeVisits"]
    assert card.heading.text() == "Đến nhà hỗ trợ đã xong"
    assert (card.value.text(), card.detail.text()) == ("1", "3 yêu cầu mới · 2 còn chờ")
    assert card.isVisible()
