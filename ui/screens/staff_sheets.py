"""Staff tab "Tờ hướng dẫn": export how-to sheets as PDF files for printing elsewhere.

Staff choose tutorials, paper size, language and large print, then either one booklet (title
page and contents) or one PDF per tutorial, into a folder (a USB drive or Documents by
default). Rendering runs on the printing lane; ``render_booklet`` reports progress from that
thread and a queued signal carries it to the progress bar. Exports are files, not prints:
they do not count against the daily print quota, which this tab shows for reference.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QBoxLayout,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Config
from kiosk.content.model import Catalogue, Tutorial
from kiosk.errors import user_message
from kiosk.files import OutputError
from kiosk.printing_quota import QuotaStatus, quota_status
from kiosk.store import Store
from ui import printing, theme
from ui.file_choice import choose
from ui.ops import Op
from ui.state import KioskState
from ui.tasks import ProgressRelay, TaskRunner
from ui.widgets.big_button import BigButton
from ui.widgets.wrapped_list import wrap_rows

log = logging.getLogger(__name__)



@dataclass(frozen=True)
class ExportResult:
    paths: tuple[Path, ...]
    pages: int
    booklet: bool


def _named(widget: QWidget, name: str, accessible: str) -> Any:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class StaffSheetsTab(QWidget):
    def __init__(self, state: KioskState, catalogue: Catalogue, tasks: TaskRunner,
                 store: Store, config: Config) -> None:
        super().__init__()
        self.setObjectName("staffSheetsTab")
        self.state, self.catalogue, self.tasks = state, catalogue, tasks
        self.store, self.config = store, config
        self.exporting = False
        self.quota: QuotaStatus | None = None
        self._relay = ProgressRelay(self)
        self._relay.changed.connect(self._on_progress)

        outer = QVBoxLayout(self)
        self.quota_label = QLabel(self)
        self.quota_label.setObjectName("sheetsQuota")
        self.quota_label.setProperty("role", "muted")
        self.quota_label.setWordWrap(True)

        # The list beside the form where both fit, the list above the form where they do
        # not (1366×768 with the largest text): never a tab that scrolls sideways.
        columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        columns.setSpacing(24)
        left = QVBoxLayout()
        self.list_label = QLabel(self)
        self.list_label.setObjectName("sheetsListLabel")
        self.list_label.setWordWrap(True)
        outer.addWidget(self.quota_label)
        left.addWidget(self.list_label)
        self.list = _named(QListWidget(self), "sheetsTutorials", "Bài hướng dẫn")
        self.list.setMinimumHeight(260)
        self.list.setSpacing(4)
        wrap_rows(self.list)  # long titles wrap at the list's width, never run off sideways
        # A box a finger can see; the whole row toggles anyway (no colours set here).
        self.list.setStyleSheet("QListView::indicator { width: 28px; height: 28px; }")
        self._fill_list()
        self.list.itemClicked.connect(self._on_item_clicked)
        left.addWidget(self.list, 1)
        self.all_btn = BigButton("", "done", object_name="sheetsSelectAll", role="secondary",
                                 beside=True, icon_px=40)
        left.addWidget(self.all_btn)
        columns.addLayout(left, 1)

        right = QVBoxLayout()
        form = QGridLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        self.size = _named(QComboBox(self), "sheetsSize", "Khổ giấy")
        self.size.addItem("A4", "A4")
        self.size.addItem("A5", "A5")
        self.lang = _named(QComboBox(self), "sheetsLanguage", "Ngôn ngữ")
        self.lang.addItem("Tiếng Việt", "vi")
        self.lang.addItem("English", "en")
        self.large = BigButton("", "textsize", object_name="sheetsLargePrint", role="secondary",
                               beside=True, icon_px=40)
        self.large.setCheckable(True)
        self.mode = _named(QComboBox(self), "sheetsMode", "Cách xuất")
        self.mode.addItem("", "booklet")
        self.mode.addItem("", "separate")
        self.folder = _named(QLineEdit(self), "sheetsFolder", "Thư mục lưu")
        # Chosen, never typed: the kiosk's own drive list (the button beside it) or the first
        # save target, so a PDF cannot be written to a path typed by hand (issue #16 item 3).
        self.folder.setReadOnly(True)
        self.browse_btn = BigButton("", "document", object_name="sheetsBrowse",
                                    role="secondary", beside=True, icon_px=40)
        self.size_label, self.lang_label = QLabel(self), QLabel(self)
        self.mode_label, self.folder_label = QLabel(self), QLabel(self)
        # One field a row, and the two buttons under them: paper size and language side by
        # side, and the two buttons in one row, made the form wider than the tab at 1366×768
        # with the largest text (it scrolled sideways).
        for row, (label, field) in enumerate(((self.size_label, self.size),
                                              (self.lang_label, self.lang),
                                              (self.mode_label, self.mode),
                                              (self.folder_label, self.folder))):
            form.addWidget(label, row, 0)
            form.addWidget(field, row, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addWidget(self.large, 1)
        buttons.addWidget(self.browse_btn, 1)
        form.addLayout(buttons, 4, 0, 1, 2)
        form.setColumnStretch(1, 1)
        right.addLayout(form)
        self.export_btn = BigButton("", "print", object_name="sheetsExport", beside=True,
                                    icon_px=48)
        self.progress = _named(QProgressBar(self), "sheetsProgress", "Tiến độ xuất PDF")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)  # the percentage is on the button while it runs
        action = QHBoxLayout()
        action.setSpacing(16)
        action.addWidget(self.export_btn, 1)
        action.addWidget(self.progress, 1)
        right.addLayout(action)
        self.message = QLabel(self)
        self.message.setObjectName("sheetsMessage")
        self.message.setProperty("role", "warning")
        self.message.setWordWrap(True)
        self.message.hide()
        right.addWidget(self.message)
        self.result = _named(QLabel(self), "sheetsResult", "Các tệp đã ghi")
        self.result.setProperty("role", "tip")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        right.addWidget(self.result)
        right.addStretch(1)
        columns.addLayout(right, 2)
        outer.addLayout(columns, 1)
        self.columns, self.left_column, self.right_column = columns, left, right
        self._watched: QWidget | None = None

        self.all_btn.clicked.connect(self._toggle_all)
        self.browse_btn.clicked.connect(self._browse)
        self.export_btn.clicked.connect(self.export)
        self.large.toggled.connect(
            lambda _on: self.large.apply_palette(theme.palette(self.state.high_contrast)))
        self.retranslate()

    def _fill_list(self) -> None:
        """One row per tutorial of the catalogue as it is now (ticks kept by id)."""
        ticked = {i.data(Qt.ItemDataRole.UserRole) for i in self._items()
                  if i.checkState() == Qt.CheckState.Checked}
        self.list.clear()
        for t in self.catalogue.tutorials:
            item = QListWidgetItem(t.title.get(self.state.language))
            # The whole row toggles (a bigger target than the box); see _on_item_clicked.
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked if t.id in ticked
                               else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            item.setToolTip(t.id)
            self.list.addItem(item)

    def content_changed(self) -> None:
        """The content was read (or a pack swapped in) after this tab was made: list it."""
        self._fill_list()
        self.retranslate()

    # -- strings -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        tutorials = self.catalogue.tutorials
        if self.list.count() != len(tutorials):  # made while the content was still read
            self._fill_list()
        for i, t in enumerate(tutorials):
            item = self.list.item(i)
            if item is not None:  # the title in the screen's language (Vietnamese if none)
                item.setText(t.title.get(self.state.language))
        # Made while the content is still read (just after start-up): say so, not "none".
        self.list_label.setText(self.tr("Đang tải bài học…") if self.catalogue.loading
                                else self.tr("Chọn bài hướng dẫn:"))
        self.size_label.setText(self.tr("Khổ giấy"))
        self.lang_label.setText(self.tr("Ngôn ngữ"))
        self.mode_label.setText(self.tr("Cách xuất"))
        self.folder_label.setText(self.tr("Thư mục lưu"))
        self.large.set_label(self.tr("Chữ to"), self.tr("In chữ to hơn, ít bước hơn mỗi trang."))
        self.mode.setItemText(0, self.tr("Một tập (sổ tay có mục lục)"))
        self.mode.setItemText(1, self.tr("Mỗi bài một tệp PDF"))
        self.browse_btn.set_label(self.tr("Chọn thư mục…"),
                                  self.tr("Chọn nơi lưu các tệp PDF."))
        self.export_btn.set_label(self.tr("Xuất PDF"), self.tr("Ghi các tờ hướng dẫn đã chọn "
                                                               "thành tệp PDF."))
        self._update_all_btn()
        self._update_quota()

    # -- the two columns or one ---------------------------------------------------------------
    def _room(self) -> int:
        """The width this tab can have without scrolling sideways: its scroll area's, less a
        vertical scroll bar whether shown or not (so showing one cannot flip the choice)."""
        viewport = self.parentWidget()
        area = viewport.parentWidget() if viewport is not None else None
        if not isinstance(area, QAbstractScrollArea) or area.viewport() is not viewport:
            return self.width()
        return area.width() - 2 * area.frameWidth() - \
            area.verticalScrollBar().sizeHint().width()

    def _fit_columns(self) -> None:
        margins = self.layout().contentsMargins()
        # The list beside the form only when its titles get about 16 characters a line.
        left = max(self.left_column.minimumSize().width(),
                   self.fontMetrics().averageCharWidth() * 16)
        need = margins.left() + margins.right() + left + self.columns.spacing() + \
            self.right_column.minimumSize().width()
        side_by_side = self._room() >= need
        direction = QBoxLayout.Direction.LeftToRight if side_by_side \
            else QBoxLayout.Direction.TopToBottom
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
            self.columns.setStretch(1, 2 if side_by_side else 0)  # stacked: the list grows

    def event(self, event: QEvent) -> bool:
        # A new text size or language changes the widths asked for (LayoutRequest).
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize):
            self._fit_columns()
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._watched and event.type() == QEvent.Type.Resize:
            self._fit_columns()  # the scroll area narrower while this tab keeps its width
        return super().eventFilter(watched, event)

    # -- quota and default folder, fetched when the tab is shown -----------------------------
    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        viewport = self.parentWidget()
        if viewport is not None and self._watched is not viewport:
            self._watched = viewport
            viewport.installEventFilter(self)
        self._fit_columns()
        self.refresh()

    def refresh(self) -> None:
        quota = self.config.daily_print_quota
        Op(lambda: quota_status(self.store, quota)).on("db").success(self._on_quota) \
            .or_log("print quota unavailable").run(self.tasks)
        if not self.folder.text().strip():
            Op(printing.save_targets).success(self._on_targets).or_log("no save targets") \
                .run(self.tasks)

    def _on_quota(self, status: QuotaStatus) -> None:
        self.quota = status
        self._update_quota()

    def _update_quota(self) -> None:
        s = self.quota
        if s is None:
            self.quota_label.setText("")
            return
        text = (self.tr("Hôm nay đã in {printed}/{quota} tờ hướng dẫn được phép (còn "
                        "{remaining} tờ).")
                .replace("{printed}", str(s.printed)).replace("{quota}", str(s.quota))
                .replace("{remaining}", str(s.remaining)))
        if s.overridden:
            text += " " + self.tr("Hạn mức hôm nay đã được cán bộ thay đổi (thường ngày: "
                                  "{n} tờ).").replace("{n}", str(s.configured))
        text += " " + self.tr("Xuất PDF không tính vào số này.")
        self.quota_label.setText(text)

    def _on_targets(self, targets: list[Path]) -> None:
        if targets and not self.folder.text().strip():
            self.folder.setText(str(targets[0]))
            self.folder.setCursorPosition(0)

    # -- choosing ----------------------------------------------------------------------------
    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        on = item.checkState() != Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._update_all_btn()

    def set_checked(self, tutorial_ids: list[str] | None) -> None:
        """Tick these tutorials (None = all)."""
        for item in self._items():
            on = tutorial_ids is None or item.data(Qt.ItemDataRole.UserRole) in tutorial_ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._update_all_btn()

    def _all_checked(self) -> bool:
        items = self._items()
        return bool(items) and all(i.checkState() == Qt.CheckState.Checked for i in items)

    def _toggle_all(self) -> None:
        if self._all_checked():
            self.set_checked([])
        else:
            self.set_checked(None)

    def _update_all_btn(self) -> None:
        if self._all_checked():
            self.all_btn.set_label(self.tr("Bỏ chọn tất cả"), self.tr("Bỏ chọn mọi bài."))
        else:
            self.all_btn.set_label(self.tr("Chọn tất cả"), self.tr("Chọn mọi bài hướng dẫn."))

    def chosen(self) -> list[Tutorial]:
        ids = [i.data(Qt.ItemDataRole.UserRole) for i in self._items()
               if i.checkState() == Qt.CheckState.Checked]
        return [t for t in (self.catalogue.by_id(tid) for tid in ids) if t is not None]

    def _browse(self) -> None:
        choose(self, self.tr("Chọn USB để lưu tệp PDF"), self.folder.setText, folder=True)

    # -- exporting ---------------------------------------------------------------------------
    def export(self) -> None:
        if self.exporting:
            return
        tutorials = self.chosen()
        if not tutorials:
            self._show_error(self.tr("Hãy chọn ít nhất một bài hướng dẫn."))
            return
        text = self.folder.text().strip()
        if not text:
            self._show_error(self.tr("Hãy chọn thư mục lưu tệp PDF."))
            return
        folder = Path(text).expanduser()
        size, lang = self.size.currentData(), self.lang.currentData()
        large = self.large.isChecked()
        booklet = self.mode.currentData() == "booklet"
        cfg = self.config
        place = {"help_point": cfg.help_point_name, "commune": cfg.commune,
                 "hotline": cfg.hotline}
        relay = self._relay

        def work() -> ExportResult:
            from kiosk.sheets import (  # reportlab: on use, not at start-up
                BOOKLET_STEM,
                render_booklet,
                render_sheets,
                sheet_file_name,
            )

            if not folder.is_dir():
                raise OutputError(f"Thư mục “{folder}” không tồn tại. Hãy chọn thư mục khác "
                                  "hoặc cắm lại USB.")
            if booklet:
                name = sheet_file_name(BOOKLET_STEM, size, large, lang)
                book = render_booklet(tutorials, folder / name, size=size, lang=lang,
                                      large=large, progress=relay.changed.emit, **place)
                return ExportResult((book.path,), book.pages, True)
            many = render_sheets(tutorials, folder,
                                 file_name=lambda t: sheet_file_name(t.id, size, large, lang),
                                 progress=relay.changed.emit, size=size, lang=lang,
                                 large=large, **place)
            return ExportResult(many.paths, many.pages, False)

        self._set_exporting(True)
        self.progress.setValue(0)
        self.message.hide()
        self.result.hide()
        Op(work).on("print").success(self._on_exported).failure(self._on_export_failed) \
            .run(self.tasks)

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setValue(round(100 * done / total))
            if self.exporting:
                self.export_btn.set_label(self.tr("Đang xuất… {p}%").replace(
                    "{p}", str(self.progress.value())), self.export_btn.what_it_does)

    def _on_exported(self, result: ExportResult) -> None:
        self._set_exporting(False)
        self.progress.setValue(100)
        if result.booklet:
            head = self.tr("Đã ghi sổ tay ({pages} trang):").replace("{pages}",
                                                                    str(result.pages))
        else:
            head = (self.tr("Đã ghi {n} tệp PDF ({pages} trang):")
                    .replace("{n}", str(len(result.paths))).replace("{pages}",
                                                                   str(result.pages)))
        self.result.setText("\n".join([head, *(str(p) for p in result.paths)]))
        self.result.show()

    def _on_export_failed(self, exc: BaseException) -> None:
        self._set_exporting(False)
        self.progress.setValue(0)
        if isinstance(exc, OutputError | ValueError):
            self._show_error(user_message(exc, self.state.language))
        else:
            log.error("sheet export failed", exc_info=exc)
            self._show_error(self.tr("Không xuất được tệp PDF. Hãy thử lại hoặc chọn thư mục "
                                     "khác."))

    def _show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _set_exporting(self, on: bool) -> None:
        self.exporting = on
        self.export_btn.setEnabled(not on)
        if on:
            self.export_btn.set_label(self.tr("Đang xuất… {p}%").replace("{p}", "0"),
                                      self.export_btn.what_it_does)
        else:
            self.export_btn.set_label(self.tr("Xuất PDF"), self.export_btn.what_it_does)

    def reset(self) -> None:
        self.message.hide()
        self.result.hide()
        self.progress.setValue(0)
