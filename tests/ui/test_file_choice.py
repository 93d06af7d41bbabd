"""Issue #16 item 3: a staff file dialog never outlives the idle reset, and it is the kiosk's
own (Qt) dialog, read only, never the system one."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QFileDialog

from ui.file_choice import kiosk_file_dialog


def _open_file_dialogs() -> list[QFileDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QFileDialog) and w.isVisible()]


def test_the_idle_reset_closes_an_open_file_dialog(qtbot, kiosk) -> None:
    dlg = QFileDialog(kiosk.window, "Chọn gói dữ liệu")  # as a screen opened it before
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dlg.open()
    qtbot.waitUntil(lambda: dlg.isVisible())
    kiosk.idle.timed_out.emit()
    assert _open_file_dialogs() == []
    dlg.deleteLater()


def test_the_kiosks_file_dialog_is_its_own_and_read_only(qtbot) -> None:
    dlg = kiosk_file_dialog(None, "Chọn gói dữ liệu", folder=False,
                            name_filter="Gói dữ liệu (*.zip)")
    qtbot.addWidget(dlg)
    assert dlg.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert dlg.testOption(QFileDialog.Option.ReadOnly)  # no delete, rename, new folder
