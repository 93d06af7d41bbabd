"""Choosing where to save or what to open: the kiosk's own list of USB drives and files.

No file dialog at all, not the system one (on Windows an Explorer window: the whole disk) and
not Qt's own either: a citizen deleted a file through a staff dialog left open over Home
(issue #16 item 3). Every place that chose a file or folder calls :func:`choose`, which shows
a :class:`~ui.widgets.drive_picker.DrivePicker` inside the kiosk window: removable drives
(:func:`kiosk.drives.removable_drives`) and, to open, the files of the wanted kind on one.
A windowed kiosk (a staff laptop) also offers the Documents and Downloads folders.
:func:`close_dialogs` cancels it with every dialog when the idle reset runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from kiosk.drives import Drive, removable_drives
from ui.widgets.drive_picker import DrivePicker


def list_drives() -> list[Drive]:
    """The removable drives now (tests replace this)."""
    return removable_drives()


def _places(parent: QWidget) -> list[Drive]:
    places = list_drives()
    state = getattr(parent.window(), "state", None)
    if state is not None and not getattr(state, "kiosk_mode", True):
        for loc, label in ((QStandardPaths.StandardLocation.DocumentsLocation,
                            QCoreApplication.translate("DrivePicker", "Thư mục Tài liệu")),
                           (QStandardPaths.StandardLocation.DownloadLocation,
                            QCoreApplication.translate("DrivePicker", "Thư mục Tải về"))):
            folder = QStandardPaths.writableLocation(loc)
            if folder and Path(folder).is_dir():
                places.append(Drive(Path(folder), label, removable=False))
    return places


def choose(parent: QWidget, title: str, then: Callable[[str], object], *, folder: bool,
           suffixes: Sequence[str] = (".zip",), note: str = "") -> DrivePicker:
    """Show the picker in ``parent``'s window; ``then(path)`` once a drive (``folder``) or a
    file with one of ``suffixes`` is chosen. Nothing is called on cancel or idle reset."""
    picker = DrivePicker(parent, title, drives=lambda: _places(parent),
                         suffixes=() if folder else tuple(suffixes), note=note)
    picker.chosen.connect(then)
    picker.open()
    return picker


def close_dialogs() -> int:
    """Reject every open dialog and cancel every drive picker: nothing outlives the idle
    reset."""
    closed = 0
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QDialog) and w.isVisible():
            w.reject()
            closed += 1
        for picker in w.findChildren(DrivePicker):
            if picker.isVisible() and not picker.done:
                picker.cancel()
                closed += 1
    return closed
