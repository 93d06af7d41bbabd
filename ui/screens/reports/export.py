"""The "Xuất dữ liệu" tab: records, summary or allowance to CSV, XLSX or PDF on a USB drive.

Exports run on the ``print`` lane; the export's ``progress(done, total)`` callback is emitted
from that thread on a relay signal, which Qt queues to the progress bar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.files import OutputError, unique_path
from kiosk.reports.export import (
    CONTENTS,
    ExportRequest,
    allowed_contents,
    contacts_allowed,
    file_name,
    run_export,
)
from kiosk.reports.export_csv import ExportResult
from kiosk.reports.periods import Period
from kiosk.store import Store
from ui import theme
from ui.file_choice import choose
from ui.ops import Op
from ui.screens.reports.base import ReportTab
from ui.screens.reports.period import ReportPeriod, period_text
from ui.state import KioskState
from ui.tasks import ProgressRelay, TaskRunner
from ui.widgets.bar_chart import fmt_int
from ui.widgets.big_button import BigButton
from ui.widgets.reflow_grid import ReflowGrid
from ui.widgets.target_button import TargetButton
from ui.widgets.text import label, named

log = logging.getLogger(__name__)


# -- tab 3: exports --------------------------------------------------------------------------

FORMATS = (("csv", "CSV"), ("xlsx", "Excel (XLSX)"), ("pdf", "PDF"))


WHATS = CONTENTS


class ExportTab(ReportTab):
    """"Xuất dữ liệu": format, content, where to, contacts or not; progress; the path."""

    scrolls_itself = True  # the staff screen must not wrap it: "Xuất" stays pinned

    def __init__(self, state: KioskState, tasks: TaskRunner, store: Store,
                 model: ReportPeriod, config: Config, titles: Mapping[str, str] | None = None,
                 save_targets: Callable[[], list[Path]] | None = None) -> None:
        super().__init__("export", state, tasks, store, model)
        self.config = config
        # Kept, not copied: the features pass a live view of the content.
        self.titles: Mapping[str, str] = titles if titles is not None else {}
        if save_targets is None:
            from ui.printing import save_targets as default_targets

            save_targets = default_targets
        self._targets_fn = save_targets
        self.targets: list[Path] = []
        self.usb: set[Path] = set()
        self.folder: Path | None = None
        self.exporting = False
        self.last_result: ExportResult | None = None
        self._relay = ProgressRelay(self)
        self._relay.changed.connect(self._on_progress)

        page = QWidget(self)
        body = QVBoxLayout(page)
        body.setContentsMargins(0, 0, 8, 0)
        body.setSpacing(12)
        self.format_label = label(page, "exportFormatLabel")
        body.addWidget(self.format_label)
        self.format_group, self.format_buttons, row = self._toggles(
            page, [(key, f"exportFormat{key.capitalize()}") for key, _t in FORMATS])
        body.addLayout(row)
        self.what_label = label(page, "exportWhatLabel")
        body.addWidget(self.what_label)
        self.what_group, self.what_buttons, row = self._toggles(
            page, [(key, f"exportWhat{key.capitalize()}") for key in WHATS])
        body.addLayout(row)
        self.where_label = label(page, "exportWhereLabel")
        body.addWidget(self.where_label)
        self.targets_grid = ReflowGrid(20, max_columns=4, parent=page)
        body.addWidget(self.targets_grid)
        self.target_group = QButtonGroup(self)
        self.target_group.setExclusive(True)
        self.target_buttons: list[BigButton] = []
        tools = QHBoxLayout()
        self.rescan_btn = TargetButton("", "repeat", object_name="exportRescan", role="secondary",
                                       beside=True, icon_px=32, parent=page)
        self.browse_btn = TargetButton("", "document", object_name="exportBrowse",
                                       role="secondary", beside=True, icon_px=32, parent=page)
        for b in (self.rescan_btn, self.browse_btn):
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            tools.addWidget(b)
        body.addLayout(tools)
        self.folder_label = label(page, "exportFolder", "muted")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body.addWidget(self.folder_label)
        self.contacts = named(QCheckBox(page), "exportContacts", "Kèm thông tin liên hệ")
        self.contacts.setProperty("role", "secondary")
        self.contacts.setStyleSheet("QCheckBox::indicator { width: 32px; height: 32px; }")
        body.addWidget(self.contacts)
        self.contacts_note = label(page, "exportContactsNote", "muted")
        body.addWidget(self.contacts_note)
        self.file_label = label(page, "exportFileName", "muted")
        body.addWidget(self.file_label)
        action = QHBoxLayout()
        action.setSpacing(16)
        self.export_btn = TargetButton("", "print", object_name="exportRun", beside=True,
                                       icon_px=40, parent=page)
        self.export_btn.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.progress = named(QProgressBar(page), "exportProgress", "Tiến độ xuất tệp")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        action.addWidget(self.export_btn, 1)
        action.addWidget(self.progress, 1)
        self.result = label(self, "exportResult", "tip")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        body.addStretch(1)
        self.page = page
        # The choices scroll when they must (1366×768, large text); "Xuất", its progress and
        # the result stay pinned under them, on screen at both sizes.
        self.choices = QScrollArea(self)
        self.choices.setObjectName("exportChoices")
        self.choices.setWidgetResizable(True)
        self.choices.setFrameShape(QFrame.Shape.NoFrame)
        self.choices.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.choices.setMinimumHeight(1)
        self.choices.setWidget(page)
        self.outer.addWidget(self.choices, 1)
        self.outer.addLayout(action)
        self.outer.addWidget(self.result)

        self.format_buttons["csv"].setChecked(True)
        self.what_buttons["records"].setChecked(True)
        self.format_group.buttonClicked.connect(lambda _b: self._on_format())
        self.what_group.buttonClicked.connect(lambda _b: self._update_choices())
        self.contacts.toggled.connect(lambda _on: self._update_choices())
        self.rescan_btn.clicked.connect(self.load_targets)
        self.browse_btn.clicked.connect(self._browse)
        self.export_btn.clicked.connect(self.export)
        self.retranslate()
        self.restyle()
        self._update_choices()

    def _toggles(self, page: QWidget, keys: list[tuple[str, str]]
                 ) -> tuple[QButtonGroup, dict[str, BigButton], QHBoxLayout]:
        group = QButtonGroup(self)
        group.setExclusive(True)
        buttons: dict[str, BigButton] = {}
        row = QHBoxLayout()
        row.setSpacing(10)
        for key, name in keys:
            b = TargetButton("", object_name=name, role="secondary", beside=True, parent=page)
            b.setCheckable(True)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setProperty("choice", key)
            group.addButton(b)
            buttons[key] = b
            row.addWidget(b)
        return group, buttons, row

    # -- strings -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        super().retranslate()
        self.format_label.setText(self.tr("1. Định dạng tệp"))
        self.what_label.setText(self.tr("2. Nội dung"))
        self.where_label.setText(self.tr("3. Lưu vào (USB trước, hoặc thư mục Tài liệu)"))
        for key, text in FORMATS:
            self.format_buttons[key].set_label(text, self.tr("Chọn định dạng tệp."))
        whats = {"records": self.tr("Bản ghi"), "summary": self.tr("Tổng hợp"),
                 "allowance": self.tr("Kinh phí hỗ trợ"), "all": self.tr("Cả ba (một tệp)")}
        for key, text in whats.items():
            self.what_buttons[key].set_label(text, self.tr("Chọn nội dung cần xuất."))
        self.rescan_btn.set_label(self.tr("Tìm lại USB"),
                                  self.tr("Tìm lại các USB vừa cắm vào máy."))
        self.browse_btn.set_label(self.tr("Chọn thư mục…"),
                                  self.tr("Chọn một thư mục khác để lưu tệp."))
        self.contacts.setText(self.tr("Kèm thông tin liên hệ"))
        self.export_btn.set_label(self.tr("Đang xuất…") if self.exporting else self.tr("Xuất"),
                                  self.tr("Ghi tệp vào nơi đã chọn."))
        self._make_target_buttons()
        self._update_choices()

    def restyle(self) -> None:
        super().restyle()
        p = theme.palette(self.state.high_contrast)
        for b in (*self.format_buttons.values(), *self.what_buttons.values(),
                  *self.target_buttons, self.rescan_btn, self.browse_btn, self.export_btn):
            b.apply_palette(p)

    # -- choices -----------------------------------------------------------------------------
    @property
    def fmt(self) -> str:
        b = self.format_group.checkedButton()
        return str(b.property("choice")) if b is not None else "csv"

    @property
    def what(self) -> str:
        b = self.what_group.checkedButton()
        return str(b.property("choice")) if b is not None else "records"

    def set_choice(self, fmt: str, what: str) -> None:
        self.format_buttons[fmt].setChecked(True)
        self._on_format()
        self.what_buttons[what].setChecked(True)
        self._update_choices()

    def _on_format(self) -> None:
        if self.what not in allowed_contents(self.fmt):
            self.what_buttons["summary" if self.fmt == "pdf" else "records"].setChecked(True)
        self._update_choices()

    @property
    def request(self) -> ExportRequest:
        return ExportRequest(self.fmt, self.what, self.contacts.isChecked())

    def _update_choices(self) -> None:
        allowed = allowed_contents(self.fmt)
        for key, b in self.what_buttons.items():
            b.setEnabled(key in allowed)
        contacts_ok = contacts_allowed(self.fmt, self.what)
        if not contacts_ok and self.contacts.isChecked():
            self.contacts.setChecked(False)
        self.contacts.setEnabled(contacts_ok)
        if self.contacts.isChecked():
            self.contacts_note.setText(self.tr(
                "Tệp sẽ có tên, số điện thoại và ghi chú của người dân đã đồng ý. Chỉ đưa cho "
                "người có trách nhiệm, xóa khi không cần nữa."))
        elif contacts_ok:
            self.contacts_note.setText(self.tr("Không chọn: tệp không có tên hay số điện "
                                               "thoại của ai."))
        else:
            self.contacts_note.setText(self.tr("Tổng hợp, kinh phí và báo cáo PDF không bao "
                                               "giờ có thông tin liên hệ."))
        self._update_file_label()

    def _update_file_label(self) -> None:
        name = file_name(self.request, self.model.period)
        self.file_label.setText(self.tr("Tên tệp: {name}").replace("{name}", name))
        if self.folder is None:
            self.folder_label.setText(self.tr("Chưa chọn nơi lưu."))
        else:
            usb = self.tr(" (USB)") if self.folder in self.usb else ""
            self.folder_label.setText(self.tr("Nơi lưu: {path}").replace(
                "{path}", str(self.folder)) + usb)

    def _on_period_changed(self, period: Period) -> None:
        self.period_label.setText(period_text(period, self.state.language))
        self._update_file_label()

    # -- where to ----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.period_label.setText(period_text(self.model.period, self.state.language))
        self._update_file_label()
        self.load_targets()

    def load_targets(self) -> None:
        """Look for USB drives and Documents off the GUI thread (mounts can be slow)."""

        Op(self._targets_fn).success(self._on_targets).or_log("no save targets") \
            .run(self.tasks)

    def _on_targets(self, targets: list[Path]) -> None:
        self.targets = list(targets)
        self.usb = set(self.targets[:-1])  # save_targets lists USB drives first, then Documents
        self._make_target_buttons()
        if self.folder is None and self.targets:
            self.set_folder(self.targets[0])

    def _make_target_buttons(self) -> None:
        for b in self.target_buttons:
            self.target_group.removeButton(b)
            self.targets_grid.items.remove(b)
            self.targets_grid.grid.removeWidget(b)
            b.deleteLater()
        self.target_buttons = []
        p = theme.palette(self.state.high_contrast)
        for i, path in enumerate(self.targets):
            if path in self.usb:
                text, icon = self.tr("USB “{name}”").replace("{name}", path.name), "document"
            else:
                text, icon = self.tr("Thư mục Tài liệu"), "document"
            b = TargetButton(text, icon, object_name=f"exportTarget{i}", role="secondary",
                             beside=True, icon_px=32,
                             what_it_does=self.tr("Lưu tệp vào {path}.").replace(
                                 "{path}", str(path)))
            b.setCheckable(True)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setToolTip(str(path))
            b.setChecked(path == self.folder)
            b.clicked.connect(lambda _=False, path=path: self.set_folder(path))
            b.apply_palette(p)
            self.target_group.addButton(b)
            self.target_buttons.append(b)
            self.targets_grid.add(b)
        self.fit_targets()

    def set_folder(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.target_group.setExclusive(False)
        for b, path in zip(self.target_buttons, self.targets, strict=False):
            b.setChecked(path == self.folder)
        self.target_group.setExclusive(True)
        self._update_file_label()

    def _browse(self) -> None:
        choose(self, self.tr("Chọn USB để lưu tệp"), lambda f: self.set_folder(Path(f)),
               folder=True)

    # -- exporting ---------------------------------------------------------------------------
    def export(self) -> None:
        if self.exporting:
            return
        if self.folder is None:
            self.show_error(self.tr("Hãy chọn nơi lưu tệp (USB hoặc thư mục)."))
            return
        actor, store, cfg = self.state.actor, self.store, self.config
        period, request = self.model.period, self.request
        titles, folder = dict(self.titles), self.folder  # the content as it is now
        name = file_name(request, period)
        usb = folder in self.usb
        usb_gone = self.tr("USB đã bị rút hoặc không còn ghi được. Hãy cắm lại USB rồi bấm "
                           "“Tìm lại USB”, hoặc chọn nơi lưu khác.")
        emit = self._relay.changed.emit

        def work() -> ExportResult:
            if not folder.is_dir():
                raise OutputError(usb_gone if usb else
                                  f"Thư mục “{folder}” không còn nữa. Hãy chọn nơi lưu khác.")
            return run_export(actor, store, period, unique_path(folder, name), request,
                              help_point=cfg.help_point_name, commune=cfg.commune,
                              village=cfg.village, titles=titles, progress=emit)

        def fail(exc: BaseException) -> None:
            self._set_exporting(False)
            self.progress.setValue(0)
            if usb and not folder.is_dir():
                self.show_error(usb_gone)
            elif isinstance(exc, KioskError):
                self.show_error(exc.message(self.state.language))
            else:
                log.error("export failed: %s", type(exc).__name__)
                self.show_error(self.tr("Không xuất được tệp. Hãy thử lại, hoặc chọn nơi lưu "
                                        "khác."))

        self._set_exporting(True)
        self.progress.setValue(0)
        self.error.hide()
        self.result.hide()
        Op(work).on("print").success(self._on_exported).failure(fail).run(self.tasks)

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setValue(min(100, round(100 * done / total)))

    def _on_exported(self, r: ExportResult) -> None:
        self._set_exporting(False)
        self.progress.setValue(100)
        self.last_result = r
        text = (self.tr("Đã ghi tệp ({n} dòng):").replace("{n}", fmt_int(r.rows))
                + f"\n{r.path}")
        if r.includes_demo:
            text += "\n" + self.tr("Tệp có dữ liệu mẫu (demo) và được đánh dấu rõ.")
        self.result.setText(text)
        self.result.show()

    def _set_exporting(self, on: bool) -> None:
        self.exporting = on
        self.export_btn.setEnabled(not on)
        self.export_btn.set_label(self.tr("Đang xuất…") if on else self.tr("Xuất"),
                                  self.export_btn.what_it_does)

    def reset(self) -> None:
        super().reset()
        self.contacts.setChecked(False)
        self.result.hide()
        self.progress.setValue(0)
