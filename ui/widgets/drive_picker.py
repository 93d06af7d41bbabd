"""The kiosk's own choice of a USB drive (to save to) or a file on it (to open).

A panel inside the kiosk window, never a window of its own and never a file dialog: it lists
the removable drives (:mod:`kiosk.drives`) and, to open, the files of the wanted kind on the
chosen drive. There is nothing to navigate, delete or rename, and no way above a drive's
root (issue #16 item 3). The idle reset cancels it like every dialog
(:func:`ui.file_choice.close_dialogs`).

It covers the whole window (a dim backdrop that takes every click) with a card in the middle.
Listing runs on the GUI thread: it is bounded by :data:`kiosk.drives.MAX_FILES` and
:data:`kiosk.drives.MAX_DEPTH`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.clock import to_local
from kiosk.drives import Drive, DriveFile, files_on, within
from kiosk.numbers import fmt_dec
from ui.widgets.big_button import BigButton

log = logging.getLogger(__name__)

ROLE = Qt.ItemDataRole.UserRole


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{fmt_dec(n / (1024 * 1024), 1)} MB"
    return f"{max(1, n // 1024)} KB"


class DrivePicker(QWidget):
    """Pick a drive (``suffixes`` empty: a place to save) or a file on one (to open).

    ``chosen`` carries the drive's root or the file's path; ``cancelled`` when closed without
    a choice (Hủy, or the idle reset).
    """

    chosen = Signal(str)
    cancelled = Signal()

    def __init__(self, host: QWidget, title: str, *, drives: Callable[[], Sequence[Drive]],
                 suffixes: Sequence[str] = (), note: str = "") -> None:
        window = host.window()
        super().__init__(window)
        self.setObjectName("drivePicker")
        self.setAccessibleName(title)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#drivePicker { background: rgba(0, 0, 0, 110); }")
        self._drives_fn = drives
        self.suffixes = tuple(suffixes)
        self.done = False
        outer = QVBoxLayout(self)
        self.card = QWidget(self)
        self.card.setObjectName("Overlay")
        self.card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignCenter)
        col = QVBoxLayout(self.card)
        col.setSpacing(12)
        self.title = QLabel(title, self.card)
        self.title.setObjectName("pickerTitle")
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.note = QLabel(note, self.card)
        self.note.setObjectName("pickerNote")
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        self.drive_list = QListWidget(self.card)
        self.drive_list.setObjectName("pickerDrives")
        self.drive_list.setAccessibleName(self.tr("Các ổ USB"))
        self.file_heading = QLabel(self.card)
        self.file_heading.setObjectName("pickerFilesHeading")
        self.file_list = QListWidget(self.card)
        self.file_list.setObjectName("pickerFiles")
        self.file_list.setAccessibleName(self.tr("Các tệp trên USB"))
        self.message = QLabel(self.card)
        self.message.setObjectName("pickerMessage")
        self.message.setWordWrap(True)
        for w, stretch in ((self.title, 0), (self.note, 0), (self.drive_list, 1),
                           (self.file_heading, 0), (self.file_list, 2), (self.message, 0)):
            col.addWidget(w, stretch)
        buttons = QWidget(self.card)
        buttons.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        self.refresh_btn = BigButton(self.tr("Tìm lại USB"), "repeat",
                                     object_name="pickerRefresh", beside=True)
        self.cancel_btn = BigButton(self.tr("Hủy"), "back", object_name="pickerCancel",
                                    beside=True)
        self.ok_btn = BigButton(self.tr("Chọn"), "done", object_name="pickerChoose",
                                beside=True)
        for b in (self.refresh_btn, self.cancel_btn, self.ok_btn):
            b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            row.addWidget(b)
        col.addWidget(buttons)
        self.file_heading.setVisible(bool(self.suffixes))
        self.file_list.setVisible(bool(self.suffixes))
        self.refresh_btn.clicked.connect(self.refresh)
        self.cancel_btn.clicked.connect(self.cancel)
        self.ok_btn.clicked.connect(self.choose)
        self.drive_list.currentItemChanged.connect(self._on_drive_changed)
        self.file_list.currentItemChanged.connect(lambda *_: self._update_ok())
        self.file_list.itemDoubleClicked.connect(lambda *_: self.choose())
        window.installEventFilter(self)
        self.hide()

    # -- showing ---------------------------------------------------------------------------
    def open(self) -> None:
        self._fit()
        self.refresh()
        self.show()
        self.raise_()
        self.drive_list.setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.setGeometry(parent.rect())
        self.card.setFixedSize(int(parent.width() * 0.7), int(parent.height() * 0.8))

    def drives(self) -> list[Drive]:
        return [self.drive_list.item(i).data(ROLE) for i in range(self.drive_list.count())]

    def files(self) -> list[DriveFile]:
        return [self.file_list.item(i).data(ROLE) for i in range(self.file_list.count())]

    def refresh(self) -> None:
        """List the drives again (a stick plugged in since)."""
        try:
            drives = list(self._drives_fn())
        except OSError as exc:
            log.warning("could not list drives: %s", exc)
            drives = []
        self.drive_list.clear()
        for d in drives:
            item = QListWidgetItem(self.tr("USB “{name}”").replace("{name}", d.label)
                                   if d.removable else d.label)
            item.setData(ROLE, d)
            item.setToolTip(str(d.root))
            self.drive_list.addItem(item)
        if drives:
            self.message.setText("")
            self.drive_list.setCurrentRow(0)
        else:
            self.message.setText(self.tr("Không thấy USB nào. Hãy cắm USB vào máy, chờ vài "
                                         "giây rồi bấm “Tìm lại USB”."))
            self.file_list.clear()
        self._update_ok()

    def _on_drive_changed(self, *_: object) -> None:
        if not self.suffixes:
            self._update_ok()
            return
        self.file_list.clear()
        item = self.drive_list.currentItem()
        if item is None:
            self._update_ok()
            return
        drive: Drive = item.data(ROLE)
        found = files_on(drive.root, self.suffixes)
        kinds = ", ".join(self.suffixes)
        self.file_heading.setText(self.tr("Các tệp {kinds} trên USB này:").replace(
            "{kinds}", kinds))
        for f in found:
            text = f"{f.relative}   ({_size(f.size)}, " \
                   f"{to_local(f.modified).strftime('%d/%m/%Y %H:%M')})"
            row = QListWidgetItem(text)
            row.setData(ROLE, f)
            self.file_list.addItem(row)
        if found:
            self.file_list.setCurrentRow(0)
            self.message.setText("")
        else:
            self.message.setText(self.tr("USB này không có tệp {kinds}. Hãy chọn USB khác "
                                         "hoặc chép tệp vào USB.").replace("{kinds}", kinds))
        self._update_ok()

    def _update_ok(self) -> None:
        ready = self.file_list.currentItem() if self.suffixes else \
            self.drive_list.currentItem()
        self.ok_btn.setEnabled(ready is not None)

    # -- ending ----------------------------------------------------------------------------
    def choose(self) -> None:
        drive_item = self.drive_list.currentItem()
        if drive_item is None:
            return
        drive: Drive = drive_item.data(ROLE)
        if self.suffixes:
            file_item = self.file_list.currentItem()
            if file_item is None:
                return
            path = file_item.data(ROLE).path
            if not within(drive.root, path):  # never above the drive's root
                log.warning("a file outside its drive was refused")
                return
        else:
            path = drive.root
        self._finish()
        self.chosen.emit(str(Path(path)))

    def cancel(self) -> None:
        if self.done:
            return
        self._finish()
        self.cancelled.emit()

    def _finish(self) -> None:
        self.done = True
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.hide()
        self.deleteLater()
