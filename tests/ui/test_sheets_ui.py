"""How-to sheets: preview, print (quota, success, failure → save), staff batch export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from db.models import PrintEvent
from kiosk.auth import AuthService
from kiosk.printing_quota import record_print
from tests.conftest import STAFF_PIN
from tests.ui.conftest import MakeKiosk
from ui import printing
from ui.app import Kiosk
from ui.features import sheets
from ui.navigator import ScreenId
from ui.printing import FakePrinter
from ui.screens.sheet_preview import SheetPreviewScreen
from ui.screens.staff_sheets import StaffSheetsTab
from ui.state import BusyReason

TUTORIAL = "sample-basic"
SUCCESS = "Đã in xong. Mời bạn lấy tờ hướng dẫn ở máy in."
OVER_QUOTA = "Hôm nay đã in hết số tờ cho phép. Vui lòng hỏi tình nguyện viên."


class WatchedPrinter(FakePrinter):
    """A fake printer that notes whether the kiosk counted itself busy while printing."""

    def __init__(self) -> None:
        super().__init__()
        self.busy_seen: list[set[str]] = []
        self.state = None

    def print_pdf(self, pdf: Path, copies: int = 1) -> int:
        if self.state is not None:
            self.busy_seen.append(set(self.state.busy_reasons))
        return super().print_pdf(pdf, copies)


@pytest.fixture
def targets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Save targets in a temp folder: tests never scan /media or write to a real folder."""
    usb, docs = tmp_path / "KINGSTON", tmp_path / "Documents"
    usb.mkdir()
    docs.mkdir()
    monkeypatch.setattr(printing, "save_targets", lambda documents_dir=None: [usb, docs])
    return [usb, docs]


@pytest.fixture
def printer() -> WatchedPrinter:
    return WatchedPrinter()


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk, printer: WatchedPrinter, targets: list[Path]) -> Kiosk:
    k = make_kiosk(printer=printer, features=[sheets.install])
    printer.state = k.state
    return k


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_preview(qtbot, kiosk: Kiosk) -> SheetPreviewScreen:
    """The citizen's way in: finish the tutorial, then "In hướng dẫn này"."""
    kiosk.nav.go_to(ScreenId.FINISH, tutorial_id=TUTORIAL)
    click(qtbot, kiosk.screens[ScreenId.FINISH].print_btn)
    assert kiosk.nav.current_id is ScreenId.SHEET_PREVIEW
    preview = kiosk.screens[ScreenId.SHEET_PREVIEW]
    qtbot.waitUntil(lambda: preview.prepared is not None)
    return preview


def print_events(kiosk: Kiosk) -> list[tuple[str, str | None, int, bool]]:
    with kiosk.store.read() as s:
        return [(e.kind, e.tutorial_id, e.sheets, e.ok)
                for e in s.scalars(select(PrintEvent).order_by(PrintEvent.id))]


def test_preview_shows_the_sheet_and_options_make_a_new_one(qtbot, kiosk: Kiosk,
                                                            data_dir: Path) -> None:
    preview = open_preview(qtbot, kiosk)
    assert preview.title.text() == "In tờ hướng dẫn: Bài mẫu: mở ứng dụng"
    assert preview.pages[0].has_image and preview.pages[1].has_image  # the sample has 2 pages
    assert preview.pages[0].pixmap() is not None and not preview.pages[0].pixmap().isNull()
    assert preview.cards[0].isVisible() and preview.cards[1].isVisible()
    assert not preview.status.isVisible()
    assert preview.info.text().startswith("2 trang, khổ A4.")
    assert "Hôm nay còn in được 100 tờ." in preview.info.text()
    assert preview.print_btn.isEnabled()
    assert (data_dir / "cache" / "sheets" / f"{TUTORIAL}.pdf").read_bytes()[:4] == b"%PDF"

    click(qtbot, preview.a5_btn)
    click(qtbot, preview.large_btn)
    qtbot.waitUntil(lambda: preview.prepared is not None
                    and preview.prepared.choice.size == "A5" and preview.prepared.choice.large)
    assert (data_dir / "cache" / "sheets" / f"{TUTORIAL}-a5-chu-to.pdf").is_file()
    assert "khổ A5" in preview.info.text()
    assert preview.pages[0].has_image

    kiosk.state.set_language("en")  # the sheet follows the screen's language
    qtbot.waitUntil(lambda: preview.prepared is not None
                    and preview.prepared.choice.lang == "en")
    assert (data_dir / "cache" / "sheets" / f"{TUTORIAL}-a5-chu-to-en.pdf").is_file()


def test_print_records_the_sheet_and_says_where_to_collect_it(qtbot, kiosk: Kiosk,
                                                              printer: WatchedPrinter) -> None:
    preview = open_preview(qtbot, kiosk)
    click(qtbot, preview.print_btn)
    qtbot.waitUntil(lambda: preview.message.text() == SUCCESS)
    assert len(printer.printed) == 1
    assert printer.busy_seen == [{BusyReason.SHEET_PRINTING}]
    assert kiosk.state.busy_reasons == set()
    assert print_events(kiosk) == [("sheet", TUTORIAL, 1, True)]
    assert preview.message.property("role") == "tip"
    assert "Hôm nay còn in được 99 tờ." in preview.info.text()


def test_printer_failure_offers_to_save_the_pdf(qtbot, kiosk: Kiosk, printer: WatchedPrinter,
                                                targets: list[Path]) -> None:
    printer.fail_with = "Không tìm thấy máy in."
    preview = open_preview(qtbot, kiosk)
    click(qtbot, preview.print_btn)
    qtbot.waitUntil(lambda: len(preview.save_buttons) == 2)
    assert preview.message.text() == ("Chưa in được: máy in đang gặp sự cố. "
                                      "Không tìm thấy máy in.")
    assert preview.message.property("role") == "warning"
    assert [b.text() for b in preview.save_buttons] == [
        "Lưu vào thư mục “KINGSTON”", "Lưu vào thư mục “Documents”"]
    assert preview.save_label.isVisible() and preview.print_btn.text() == "In lại"
    assert kiosk.state.busy_reasons == set()
    assert print_events(kiosk) == [("sheet", TUTORIAL, 2, False)]  # kept, not counted

    click(qtbot, preview.save_buttons[0])
    saved = targets[0] / f"{TUTORIAL}.pdf"
    qtbot.waitUntil(lambda: preview.message.text().startswith("Đã lưu"))
    assert preview.message.text() == f"Đã lưu tờ hướng dẫn vào: {saved}"
    assert saved.read_bytes()[:4] == b"%PDF"
    assert not [p for p in targets[0].iterdir() if p.suffix == ".part"]


def test_quota_used_up_blocks_printing_until_staff_allow_more(qtbot, kiosk: Kiosk,
                                                              printer: WatchedPrinter) -> None:
    record_print(kiosk.store, tutorial_id="other", sheets=100)  # the default daily quota
    preview = open_preview(qtbot, kiosk)
    click(qtbot, preview.print_btn)
    qtbot.waitUntil(lambda: preview.message.text() == OVER_QUOTA)
    assert printer.printed == []
    assert preview.override_btn.isHidden()  # a citizen cannot lift the quota
    assert kiosk.state.busy_reasons == set()

    kiosk.state.sign_in(AuthService(kiosk.store).sign_in(STAFF_PIN))
    assert preview.override_btn.isVisible()
    click(qtbot, preview.override_btn)
    qtbot.waitUntil(lambda: preview.message.text().startswith("Đã cho phép in thêm 10 tờ"))
    click(qtbot, preview.print_btn)
    qtbot.waitUntil(lambda: preview.message.text() == SUCCESS)
    assert len(printer.printed) == 1


def staff_tab(qtbot, kiosk: Kiosk) -> StaffSheetsTab:
    kiosk.state.sign_in(AuthService(kiosk.store).sign_in(STAFF_PIN))
    kiosk.nav.go_to(ScreenId.STAFF)
    tabs = kiosk.screens[ScreenId.STAFF].tabs
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == "Tờ hướng dẫn")
    tabs.setCurrentIndex(index)
    tab = tabs.widget(index).widget()
    assert isinstance(tab, StaffSheetsTab)
    qtbot.waitUntil(lambda: bool(tab.quota_label.text()))
    return tab


def test_staff_export_a_booklet_with_progress(qtbot, kiosk: Kiosk, targets: list[Path],
                                              tmp_path: Path) -> None:
    record_print(kiosk.store, tutorial_id=TUTORIAL, sheets=3)
    tab = staff_tab(qtbot, kiosk)
    assert tab.quota_label.text().startswith("Hôm nay đã in 3/100 tờ hướng dẫn được phép")
    assert tab.folder.text() == str(targets[0])  # first save target by default
    qtbot.keyClicks(tab.folder, "/etc")  # chosen from the drive list, never typed
    assert tab.folder.isReadOnly() and tab.folder.text() == str(targets[0])
    seen: list[int] = []
    tab.progress.valueChanged.connect(seen.append)

    click(qtbot, tab.export_btn)
    assert tab.message.text() == "Hãy chọn ít nhất một bài hướng dẫn."
    click(qtbot, tab.all_btn)
    assert [t.id for t in tab.chosen()] == [TUTORIAL]
    assert tab.all_btn.text() == "Bỏ chọn tất cả"
    tab.mode.setCurrentIndex(tab.mode.findData("booklet"))
    tab.size.setCurrentIndex(tab.size.findData("A5"))
    click(qtbot, tab.export_btn)
    qtbot.waitUntil(lambda: tab.result.isVisible())
    booklet = targets[0] / "so-tay-huong-dan-a5.pdf"
    assert booklet.read_bytes()[:4] == b"%PDF"
    assert tab.progress.value() == 100
    assert seen[-1] == 100 and any(0 < v < 100 for v in seen)
    assert str(booklet) in tab.result.text()
    assert tab.result.text().startswith("Đã ghi sổ tay (")
    assert tab.export_btn.isEnabled() and tab.export_btn.text() == "Xuất PDF"

    tab.folder.setText(str(tmp_path / "rút USB ra rồi"))
    click(qtbot, tab.export_btn)
    qtbot.waitUntil(lambda: tab.message.isVisible())
    assert "không tồn tại" in tab.message.text()
    assert tab.progress.value() == 0
