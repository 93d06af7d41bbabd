"""Choosing a file or folder in the kiosk: a Qt dialog inside the app, never the system one.

The system dialog (on Windows an Explorer window: the whole disk) is out of the kiosk's reach:
it outlived the idle reset and a citizen deleted a file through it (issue #16 item 3). So
every file choice goes through here: Qt's own widget dialog (``DontUseNativeDialog``), read
only (no delete, rename or new folder inside it), and :func:`close_dialogs` shuts it with every
other dialog when the idle reset runs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget


def kiosk_file_dialog(parent: QWidget | None, title: str, *, folder: bool,
                      start: str = "", name_filter: str = "") -> QFileDialog:
    """The one way a screen builds a file dialog (not shown yet)."""
    dlg = QFileDialog(parent, title, start)
    dlg.setObjectName("kioskFileChoice")
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dlg.setOption(QFileDialog.Option.ReadOnly, True)
    if folder:
        dlg.setFileMode(QFileDialog.FileMode.Directory)
        dlg.setOption(QFileDialog.Option.ShowDirsOnly, True)
    else:
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        if name_filter:
            dlg.setNameFilter(name_filter)
    return dlg


def choose(parent: QWidget | None, title: str, *, folder: bool, start: str = "",
           name_filter: str = "") -> str:
    """Run the dialog; the chosen path, or "" when cancelled or closed by the idle reset."""
    dlg = kiosk_file_dialog(parent, title, folder=folder, start=start, name_filter=name_filter)
    try:
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.selectedFiles():
            return dlg.selectedFiles()[0]
        return ""
    finally:
        dlg.deleteLater()


def close_dialogs() -> int:
    """Reject every open dialog (file choices, questions): nothing outlives the idle reset."""
    closed = 0
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QDialog) and w.isVisible():
            w.reject()
            closed += 1
    return closed
