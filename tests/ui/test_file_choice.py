"""Issue #16 item 3: no file dialog in the kiosk at all. Every file or folder choice is the
kiosk's own list of USB drives and files, a panel inside the kiosk window, closed by the idle
reset; there is nothing to navigate, delete or rename, and no way above a drive's root."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

import ui.file_choice
from kiosk.drives import Drive
from tests.conftest import ROOT
from ui.app import Kiosk
from ui.navigator import ScreenId
from ui.screens.reports.export import ExportTab
from ui.screens.staff_records import StaffRecordsTab
from ui.screens.staff_sheets import StaffSheetsTab
from ui.widgets.drive_picker import DrivePicker


def _pickers(kiosk: Kiosk) -> list[DrivePicker]:
    return [p for p in kiosk.window.findChildren(DrivePicker) if p.isVisible()]


def _windows() -> list[object]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


@pytest.fixture
def usb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    stick = tmp_path / "media" / "lan" / "KINGSTON"
    (stick / "to-luu-dong").mkdir(parents=True)
    (stick / "to-luu-dong" / "goi-thang-3.zip").write_bytes(b"PK")
    (stick / "anh.jpg").write_bytes(b"x")
    (tmp_path / "secret.zip").write_bytes(b"PK")
    os.symlink(tmp_path / "secret.zip", stick / "link.zip")
    monkeypatch.setattr(ui.file_choice, "list_drives", lambda: [Drive(stick, "KINGSTON")])
    return stick


def _tab(kiosk: Kiosk, cls: type) -> object:
    kiosk.nav.go_to(ScreenId.STAFF)
    (tab,) = kiosk.window.findChildren(cls)
    return tab


def test_no_file_dialog_anywhere_in_the_kiosk() -> None:
    used = [p for p in (ROOT / "ui").rglob("*.py") if "QFileDialog" in p.read_text("utf-8")]
    assert used == []


def test_import_lists_only_bundles_on_the_usb_inside_the_window(
        qtbot, make_kiosk, usb: Path) -> None:
    kiosk = make_kiosk(staff=True)
    before = _windows()
    tab = _tab(kiosk, StaffRecordsTab)
    chosen: list[str] = []
    tab._import_from = chosen.append  # the import itself is tested in test_quick_log
    tab.import_bundle()
    (picker,) = _pickers(kiosk)
    assert _windows() == before  # a panel of the kiosk window, not a window of its own
    assert [d.label for d in picker.drives()] == ["KINGSTON"]
    # Only .zip files, under the drive's root, never through a link.
    assert [f.relative for f in picker.files()] == ["to-luu-dong/goi-thang-3.zip"]
    picker.ok_btn.click()
    assert chosen == [str(usb / "to-luu-dong" / "goi-thang-3.zip")]
    assert _pickers(kiosk) == []


def test_every_save_choice_is_a_usb_drive_named_by_the_kiosk(
        qtbot, make_kiosk, usb: Path) -> None:
    kiosk = make_kiosk(staff=True)
    records = _tab(kiosk, StaffRecordsTab)
    saved: list[Path] = []
    records._export_bundle_to = lambda path, _since: saved.append(path)
    records.export_bundle()
    (picker,) = _pickers(kiosk)
    assert not picker.file_list.isVisible()  # a drive only: the kiosk makes the file name
    assert "goi-du-lieu-tu-" in picker.note.text()
    picker.ok_btn.click()
    assert saved and saved[0].parent == usb and saved[0].name.startswith("goi-du-lieu-tu-")

    for cls in (ExportTab, StaffSheetsTab):
        tab = _tab(kiosk, cls)
        tab.browse_btn.click()
        (picker,) = _pickers(kiosk)
        assert [d.root for d in picker.drives()] == [usb]
        picker.ok_btn.click()
    assert _tab(kiosk, StaffSheetsTab).folder.text() == str(usb)


def test_no_usb_says_what_to_do(qtbot, make_kiosk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui.file_choice, "list_drives", lambda: [])
    kiosk = make_kiosk(staff=True)
    tab = _tab(kiosk, StaffRecordsTab)
    tab.import_bundle()
    (picker,) = _pickers(kiosk)
    assert "Hãy cắm USB" in picker.message.text()
    assert not picker.ok_btn.isEnabled()
    picker.cancel_btn.click()
    assert _pickers(kiosk) == []


def test_the_idle_reset_closes_the_usb_list_and_any_dialog(qtbot, make_kiosk,
                                                           usb: Path) -> None:
    kiosk = make_kiosk(staff=True)
    tab = _tab(kiosk, StaffRecordsTab)
    chosen: list[str] = []
    tab._import_from = chosen.append
    tab.import_bundle()
    dlg = QDialog(kiosk.window)  # a question left open, as a screen may open one
    dlg.open()
    qtbot.waitUntil(lambda: dlg.isVisible())
    kiosk.idle.timed_out.emit()
    assert _pickers(kiosk) == [] and not dlg.isVisible()
    assert kiosk.nav.current_id == ScreenId.HOME and chosen == []
    assert [w for w in _windows() if isinstance(w, QFileDialog)] == []
    dlg.deleteLater()
