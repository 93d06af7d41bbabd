"""Staff tab "Thôn/tổ dân phố": the help point's commune and the local list of villages.

* The help point's commune-level unit, matched from the settings (``config.commune``) by its
  current or former name, and a searchable box to look at any of Da Nang's commune-level
  units instead ("hai" finds "Hải Vân": case and diacritics do not matter).
* The villages (thôn / tổ dân phố) of the chosen unit in use today, with their former names
  and since when they are in use.
* Add a village, rename one from a day (the old name stays in history, as the service does)
  or stop offering one after its last day (after a confirmation).

The commune list itself is official data (``resources/lists/communes-danang.toml``) and is
not edited here. Every read and change goes through :class:`kiosk.places.PlaceService` on
the "db" lane with the signed-in actor; the service checks the role and writes the audit
entry. Its KioskError messages (PlaceError, PermissionDenied) are shown as they are.
GUI thread only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QDate,
    QEvent,
    Qt,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Config
from kiosk.errors import KioskError, user_message
from kiosk.places import (
    COMMUNES_FILE,
    VILLAGE_KINDS,
    PlaceInfo,
    PlaceService,
    match_place,
    vi_date,
)
from ui import theme
from ui.ops import Latest, Op
from ui.state import KioskState
from ui.tasks import TaskRunner
from ui.widgets.ask_dialog import AskDialog, ask
from ui.widgets.big_button import BigButton
from ui.widgets.place_search import PlaceSearchBox

# Below this width the list and the forms stack instead of standing side by side.
TWO_COLUMNS_PX = 1500
MAX_TABLE_ROWS = 8


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


@dataclass(frozen=True)
class HomeCommune:
    """The help point's unit as the settings name it; ``by_former`` when an old name did."""

    setting: str
    place: PlaceInfo | None
    by_former: bool = False


def match_home(setting: str, communes: Sequence[PlaceInfo]) -> HomeCommune:
    """The help point's unit as ``config.commune`` names it (:func:`kiosk.places.match_place`)."""
    found = match_place(communes, setting)
    if found is None:
        return HomeCommune(setting, None)
    return HomeCommune(setting, found.place, by_former=found.by_former)


@dataclass
class Loaded:
    """What one refresh read on the db lane, as plain values."""

    today: date
    communes: list[PlaceInfo]
    home: HomeCommune
    chosen: PlaceInfo | None
    villages: list[PlaceInfo] = field(default_factory=list)
    problem: str = ""


class StaffPlacesTab(QWidget):
    """The staff tab: built once by ``ui.features.places``; reads the places when shown."""

    def __init__(self, state: KioskState, tasks: TaskRunner, places: PlaceService,
                 config: Config) -> None:
        super().__init__()
        self.setObjectName("staffPlacesTab")
        self.state, self.tasks, self.places, self.config = state, tasks, places, config
        self.loaded: Loaded | None = None
        self.chosen_id: int | None = None  # None: the help point's own unit
        self.selected: PlaceInfo | None = None
        self._requests = Latest()
        self._two_columns: bool | None = None

        outer = QVBoxLayout(self)
        outer.setSpacing(14)

        # -- the commune-level unit --------------------------------------------------------
        self.home = self._label("spHome")
        self.home.setTextFormat(Qt.TextFormat.RichText)
        self.search_label = self._label("spSearchLabel", bold=True)
        self.search_label.setWordWrap(False)
        self.search = PlaceSearchBox(self)
        self.search.setObjectName("spCommuneSearch")
        self.search.lineEdit().setObjectName("spCommuneSearchText")
        self.search.chosen.connect(self._on_search_chosen)
        self.search_hint = self._label("spSearchHint", "muted")
        self.load_message = self._message("spLoadMessage")
        search_row = QHBoxLayout()
        search_row.setSpacing(16)
        search_row.addWidget(self.search_label, 0)
        search_row.addWidget(self.search, 2)
        search_row.addWidget(self.search_hint, 3)
        outer.addWidget(self.home)
        outer.addLayout(search_row)
        outer.addWidget(self.load_message)

        # -- the villages in use today -----------------------------------------------------
        left = QVBoxLayout()
        left.setSpacing(10)
        self.villages_heading = self._label("spVillagesHeading", bold=True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("spVillages")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setStyleSheet("QTableView::item { padding: 0px 12px; }")  # room, no colour
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.itemSelectionChanged.connect(self._on_table_selection)
        self.empty = self._label("spVillagesEmpty", "muted")
        self.empty.hide()
        left.addWidget(self.villages_heading)
        left.addWidget(self.table)
        left.addWidget(self.empty)
        left.addStretch(1)

        # -- renaming and retiring the selected village --------------------------------------
        change_card, change_col = self._card("spChangeCard")
        self.selected_label = self._label("spSelected", bold=True)
        self.new_name = self._line("spNewName")
        self.rename_from = self._date("spRenameFrom")
        self.last_day = self._date("spLastDay")
        self.new_name_label = self._label("spNewNameLabel")
        self.rename_from_label = self._label("spRenameFromLabel")
        self.last_day_label = self._label("spLastDayLabel")
        self.rename_btn = self._button("spRename", "repeat")
        self.retire_btn = self._button("spRetire", "lock", role="danger")
        self.change_message = self._message("spChangeMessage")
        rename_row = QHBoxLayout()
        rename_row.setSpacing(16)
        rename_row.addWidget(self._block(self.new_name_label, self.new_name), 3)
        rename_row.addWidget(self._block(self.rename_from_label, self.rename_from), 2)
        retire_row = QHBoxLayout()
        retire_row.setSpacing(16)
        retire_row.addWidget(self._block(self.last_day_label, self.last_day), 1)
        retire_row.addWidget(self.retire_btn, 1, Qt.AlignmentFlag.AlignBottom)
        change_col.addWidget(self.selected_label)
        change_col.addLayout(rename_row)
        change_col.addWidget(self.rename_btn)
        change_col.addWidget(self._rule())
        change_col.addLayout(retire_row)
        change_col.addWidget(self.change_message)

        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(24)
        self.body.addLayout(left, 3)
        self.body.addWidget(change_card, 2, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(self.body)

        # -- adding ------------------------------------------------------------------------
        add_card, add_col = self._card("spAddCard")
        self.add_heading = self._label("spAddHeading", bold=True)
        self.add_name = self._line("spAddName")
        self.add_kind = QComboBox(self)
        self.add_kind.setObjectName("spAddKind")
        for kind in VILLAGE_KINDS:
            self.add_kind.addItem(kind, kind)
        self.add_former = self._line("spAddFormer")
        self.add_former.setMaxLength(400)
        self.add_from = self._date("spAddFrom")
        self.add_name_label = self._label("spAddNameLabel")
        self.add_kind_label = self._label("spAddKindLabel")
        self.add_former_label = self._label("spAddFormerLabel")
        self.add_from_label = self._label("spAddFromLabel")
        self.add_btn = self._button("spAdd", "document")
        self.add_message = self._message("spAddMessage")
        self.add_cells: list[tuple[QWidget, int]] = [
            (self._block(self.add_name_label, self.add_name), 3),
            (self._block(self.add_kind_label, self.add_kind), 2),
            (self._block(self.add_former_label, self.add_former), 4),
            (self._block(self.add_from_label, self.add_from), 2)]
        self.add_grid = QGridLayout()
        self.add_grid.setHorizontalSpacing(16)
        self.add_grid.setVerticalSpacing(10)
        add_col.addWidget(self.add_heading)
        add_col.addLayout(self.add_grid)
        add_col.addWidget(self.add_message)
        outer.addWidget(add_card)

        self.note = self._label("spNote", "muted")  # the official commune list
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.local_note = self._label("spLocalNote", "muted")
        outer.addWidget(self.note)
        outer.addWidget(self.local_note)
        outer.addStretch(1)

        self.add_btn.clicked.connect(self.add_village)
        self.add_name.returnPressed.connect(self.add_village)
        self.rename_btn.clicked.connect(self.rename_village)
        self.new_name.returnPressed.connect(self.rename_village)
        self.retire_btn.clicked.connect(self.retire_village)
        state.actor_changed.connect(self._on_actor_changed)
        state.look_changed.connect(self.restyle)
        self.restyle()
        self.retranslate()
        self.clear()

    # -- building blocks ---------------------------------------------------------------------
    def _label(self, name: str, role: str = "", bold: bool = False) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        if role:
            label.setProperty("role", role)
        if bold:
            label.setStyleSheet("font-weight: bold;")
        label.setWordWrap(True)
        return label

    def _block(self, label: QLabel, field: QWidget) -> QWidget:
        """A field with its words above it (rows stay short on a 1366×768 screen)."""
        block = QWidget(self)
        col = QVBoxLayout(block)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(4)
        col.addWidget(label)
        col.addWidget(field)
        label.setBuddy(field)
        return block

    def _message(self, name: str) -> QLabel:
        label = self._label(name, "tip")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        return label

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setMaxLength(80)
        return edit

    def _date(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    def _button(self, name: str, icon: str, role: str = "") -> BigButton:
        return BigButton("", icon, object_name=name, role=role, beside=True, icon_px=40,
                         parent=self)

    def _card(self, name: str) -> tuple[QFrame, QVBoxLayout]:
        card = QFrame(self)
        card.setObjectName("Card")
        card.setProperty("cardName", name)
        col = QVBoxLayout(card)
        col.setSpacing(12)
        pad = max(12, round(20 * theme.scale_for(1920, 1080)))
        col.setContentsMargins(pad, pad, pad, pad)
        return card, col

    def _rule(self) -> QFrame:
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        return line

    def _say(self, label: QLabel, text: str, role: str = "tip") -> None:
        label.setText(text)
        label.setProperty("role", role)
        label.style().unpolish(label)
        label.style().polish(label)
        label.show()
        area = self._scroll_area()
        if area is not None:
            area.ensureWidgetVisible(label)

    def _scroll_area(self) -> QScrollArea | None:
        w = self.parentWidget()
        while w is not None and not isinstance(w, QScrollArea):
            w = w.parentWidget()
        return w

    # -- reading -----------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._fit()
        self.refresh()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        two = self.width() >= TWO_COLUMNS_PX
        if two != self._two_columns:
            self._two_columns = two
            self.body.setDirection(QBoxLayout.Direction.LeftToRight if two
                                   else QBoxLayout.Direction.TopToBottom)
            self._place_add_cells(two)
        target = theme.current_target()
        for b in self.findChildren(BigButton):
            b.setMinimumHeight(target)
        self.table.verticalHeader().setMinimumSectionSize(round(target * 0.7))
        self._fit_table()

    def _place_add_cells(self, wide: bool) -> None:
        """One row on a wide screen; two rows of two fields and the button below if not."""
        grid = self.add_grid
        for widget, _stretch in self.add_cells:
            grid.removeWidget(widget)
        grid.removeWidget(self.add_btn)
        for c in range(6):
            grid.setColumnStretch(c, 0)
        columns = 4 if wide else 2
        for i, (widget, stretch) in enumerate(self.add_cells):
            grid.addWidget(widget, i // columns, i % columns)
            grid.setColumnStretch(i % columns, stretch if wide else 1)
        if wide:
            grid.addWidget(self.add_btn, 0, 4, Qt.AlignmentFlag.AlignBottom)
            grid.setColumnStretch(4, 2)
        else:
            grid.addWidget(self.add_btn, 2, 0, 1, 2)

    def refresh(self) -> None:
        """Read the units, the help point's unit and the chosen unit's villages (db lane)."""
        places, setting, chosen_id = self.places, self.config.commune, self.chosen_id

        def work() -> Loaded:
            today = places.today()
            communes = places.communes(today)
            home = match_home(setting, communes)
            chosen = next((c for c in communes if c.id == chosen_id), None) \
                if chosen_id is not None else home.place
            loaded = Loaded(today, communes, home, chosen)
            if chosen is not None:
                loaded.villages = places.villages(chosen.id, today)
            return loaded

        def problem(exc: KioskError) -> None:
            self._say(self.load_message, user_message(exc, self.state.language), "warning")

        Op(work).on("db").success(self._show).problem(problem).latest_only(self._requests) \
            .run(self.tasks)

    def _show(self, loaded: Loaded) -> None:
        first = self.loaded is None or self.loaded.today != loaded.today
        self.loaded = loaded
        if first:
            for edit in (self.add_from, self.rename_from, self.last_day):
                edit.setDate(qdate(loaded.today))
        self.search.set_places(loaded.communes, loaded.chosen.id if loaded.chosen else None)
        self.load_message.hide()
        if not loaded.communes:
            self._say(self.load_message, self.tr(
                "Chưa có danh sách xã/phường/đặc khu trên máy này: tệp {file} có lỗi. Hãy chạy "
                "lệnh “help-kiosk places check” để xem lỗi, sửa tệp rồi mở lại kiosk."
            ).replace("{file}", COMMUNES_FILE), "warning")
        self._show_home(loaded.home)
        self._show_villages(loaded)
        can_edit = loaded.chosen is not None
        for w in (self.add_btn, self.rename_btn, self.retire_btn):
            w.setEnabled(can_edit)
        if can_edit and not self.add_name.text():
            self.add_kind.setCurrentIndex(self.add_kind.findData(self._usual_kind(loaded)))
        self.retranslate()

    @staticmethod
    def _usual_kind(loaded: Loaded) -> str:
        kinds = [v.kind for v in loaded.villages]
        if kinds:
            return max(VILLAGE_KINDS, key=kinds.count)
        chosen = loaded.chosen
        return "thôn" if chosen is not None and chosen.kind == "xã" else "tổ dân phố"

    def _show_home(self, home: HomeCommune) -> None:
        def esc(text: str) -> str:
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

        if home.place is None:
            text = self.tr("Phần Cài đặt chưa ghi xã/phường của điểm hỗ trợ; hãy ghi ở thẻ "
                           "“Cài đặt”, ví dụ “Hải Vân”.") if not home.setting.strip() else self.tr(
                "Cài đặt ghi xã/phường “{name}”, không có trong danh sách. Hãy sửa ở thẻ "
                "“Cài đặt”, ví dụ ghi “Hải Vân”.").replace("{name}", esc(home.setting))
            self.home.setText(text)
            return
        p = home.place
        text = self.tr("Điểm hỗ trợ thuộc <b>{unit}</b>").replace("{unit}", esc(p.label))
        if home.by_former:
            text += " " + self.tr("(cài đặt ghi “{name}”, tên trước 1/7/2025)").replace(
                "{name}", esc(home.setting))
        lines = [text + "."]
        if p.former_names:
            lines.append(self.tr("Trước 1/7/2025 gồm: {names}.").replace(
                "{names}", esc(", ".join(p.former_names))))
        self.home.setText(" ".join(lines))

    def _show_villages(self, loaded: Loaded) -> None:
        keep = self.selected.id if self.selected is not None else None
        self.table.blockSignals(True)
        self.table.clearContents()
        self.table.setRowCount(len(loaded.villages))
        for row, v in enumerate(loaded.villages):
            since = self.tr("từ {day}").replace("{day}", vi_date(v.valid_from)) \
                if v.valid_from else ""
            if v.valid_to is not None:
                since = f"{since} – {vi_date(v.valid_to)}".strip(" –")
            cells = (v.name, self._kind_text(v.kind), ", ".join(v.former_names) or "—", since)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, v)
                self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        self.table.setVisible(bool(loaded.villages))
        self.empty.setVisible(not loaded.villages)
        again = next((r for r, v in enumerate(loaded.villages) if v.id == keep), -1)
        if again >= 0:
            self.table.selectRow(again)
        else:
            self.table.clearSelection()
            self._select(None)
        self._fit_table()

    def _fit_table(self) -> None:
        """As tall as its rows (up to MAX_TABLE_ROWS): the tab scrolls, not the table."""
        table = self.table
        table.resizeRowsToContents()
        rows = min(table.rowCount(), MAX_TABLE_ROWS)
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(rows))
        table.setFixedHeight(height + 2)

    def _kind_text(self, kind: str) -> str:
        return {"thôn": self.tr("thôn"), "tổ dân phố": self.tr("tổ dân phố")}.get(kind, kind)

    def _label_of(self, p: PlaceInfo) -> str:
        return f"{self._kind_text(p.kind)} {p.name}"

    # -- choosing ----------------------------------------------------------------------------
    def _on_search_chosen(self, place_id: int) -> None:
        if self.loaded is not None and self.loaded.chosen is not None \
                and self.loaded.chosen.id == place_id:
            return
        self.chosen_id = place_id
        self.selected = None
        for label in (self.add_message, self.change_message):
            label.hide()
        self.refresh()

    def _on_table_selection(self) -> None:
        items = self.table.selectedItems()
        self._select(items[0].data(Qt.ItemDataRole.UserRole) if items else None)

    def _select(self, village: PlaceInfo | None) -> None:
        self.selected = village
        if village is None:
            self.selected_label.setText(self.tr(
                "Chạm vào một dòng trong danh sách để đổi tên hoặc ngừng dùng."))
            self.selected_label.setProperty("role", "muted")
        else:
            self.selected_label.setText(self.tr("Đã chọn: {label}").replace(
                "{label}", self._label_of(village)))
            self.selected_label.setProperty("role", "")
        self.selected_label.style().unpolish(self.selected_label)
        self.selected_label.style().polish(self.selected_label)

    # -- changing ----------------------------------------------------------------------------
    def _run(self, work: Callable[[], Any], done: Callable[[Any], None], label: QLabel) -> None:
        buttons = (self.add_btn, self.rename_btn, self.retire_btn)

        def ok(value: Any) -> None:
            done(value)
            self.refresh()  # enables the buttons again

        def enable() -> None:
            for b in buttons:
                b.setEnabled(True)

        def shown(exc: KioskError) -> None:
            enable()
            self._say(label, exc.message(self.state.language), "warning")

        def broken(exc: BaseException) -> None:
            enable()
            raise exc  # the error funnel logs it and shows a calm message

        for b in buttons:  # one change at a time: no double add from a double tap
            b.setEnabled(False)
        self._say(label, self.tr("Đang lưu…"))
        Op(work).on("db").success(ok).problem(shown).failure(broken).run(self.tasks)

    def _chosen(self) -> PlaceInfo | None:
        return self.loaded.chosen if self.loaded is not None else None

    def add_village(self) -> None:
        commune = self._chosen()
        if commune is None:
            self._say(self.add_message, self.tr("Hãy chọn xã/phường/đặc khu trước."), "warning")
            return
        actor = self.state.actor
        name, kind = self.add_name.text(), str(self.add_kind.currentData())
        former = [f for f in re.split(r"[;,]", self.add_former.text()) if f.strip()]
        since = pydate(self.add_from.date())
        today = self.loaded.today if self.loaded is not None else since

        def done(v: PlaceInfo) -> None:
            self.add_name.clear()
            self.add_former.clear()
            text = self.tr("Đã thêm {village} vào {commune}, dùng từ ngày {day}.").replace(
                "{village}", self._label_of(v)).replace("{commune}", commune.label).replace(
                "{day}", vi_date(since))
            if since > today:
                text += " " + self.tr("Đến ngày đó mới có trong danh sách để chọn.")
            self._say(self.add_message, text)

        self._run(lambda: self.places.add_village(actor, commune.id, name, kind, former, since),
                  done, self.add_message)

    def _need_selection(self) -> PlaceInfo | None:
        if self.selected is None:
            self._say(self.change_message, self.tr(
                "Hãy chạm chọn một thôn/tổ dân phố trong danh sách trước."), "warning")
        return self.selected

    def rename_village(self) -> None:
        village = self._need_selection()
        if village is None:
            return
        actor, new_name = self.state.actor, self.new_name.text()
        since = pydate(self.rename_from.date())

        def done(new: PlaceInfo) -> None:
            self.new_name.clear()
            self.selected = None
            self._say(self.change_message, self.tr(
                "Từ ngày {day}, {old} có tên mới là “{new}”. Tên cũ “{name}” vẫn được giữ: "
                "bản ghi và báo cáo trước ngày đó vẫn dùng tên cũ.").replace(
                "{day}", vi_date(since)).replace("{old}", self._label_of(village)).replace(
                "{new}", new.name).replace("{name}", village.name))

        self._run(lambda: self.places.rename_village(actor, village.id, new_name, since),
                  done, self.change_message)

    def retire_village(self) -> None:
        village = self._need_selection()
        if village is None:
            return
        last = pydate(self.last_day.date())
        label = self._label_of(village)

        def retire(_reason: str) -> None:
            actor = self.state.actor

            def done(_v: PlaceInfo) -> None:
                self.selected = None
                self._say(self.change_message, self.tr(
                    "{label} dùng đến hết ngày {last}; từ ngày {next} không còn trong danh "
                    "sách để chọn. Bản ghi cũ vẫn giữ tên này.").replace(
                    "{label}", label[:1].upper() + label[1:]).replace(
                    "{last}", vi_date(last)).replace("{next}", vi_date(last + timedelta(1))))

            self._run(lambda: self.places.retire_village(actor, village.id, last), done,
                      self.change_message)

        question = self.tr(
            "Ngừng dùng {label} sau ngày {last}? Từ ngày {next}, tên này không còn trong danh "
            "sách để chọn; bản ghi cũ vẫn giữ tên này.").replace("{label}", label).replace(
            "{last}", vi_date(last)).replace("{next}", vi_date(last + timedelta(1)))
        ask(self, "spRetireDialog", self.tr("Ngừng dùng thôn/tổ dân phố"), question,
            self.tr("Ngừng dùng"), retire, danger=True)

    # -- housekeeping ------------------------------------------------------------------------
    def restyle(self) -> None:
        """The chosen row in the theme's "tip" colours: Qt's default blue is too pale under
        white words, and the primary blue would merge with the table's header. Read from
        the state, as the application restyles only after this slot."""
        p = theme.palette(self.state.high_contrast)
        for view in (self.table, self.search.finder.popup(), self.search.view()):
            pal = view.palette()
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                pal.setColor(group, QPalette.ColorRole.Highlight, QColor(p.tip_bg))
                pal.setColor(group, QPalette.ColorRole.HighlightedText, QColor(p.tip_text))
            view.setPalette(pal)

    def _on_actor_changed(self, _actor: Any) -> None:
        if not self.state.is_staff:
            self.clear()

    def clear(self) -> None:
        """Forget what was typed and chosen (sign-out, idle reset)."""
        for dialog in self.findChildren(AskDialog):
            dialog.reject()
        for edit in (self.add_name, self.add_former, self.new_name):
            edit.clear()
        for label in (self.add_message, self.change_message):
            label.clear()
            label.hide()
        if self.chosen_id is not None:
            self.chosen_id = None
            if self.isVisible():
                self.refresh()
        if self.loaded is not None:
            for day_edit in (self.add_from, self.rename_from, self.last_day):
                day_edit.setDate(qdate(self.loaded.today))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        loaded = self.loaded
        self.search_label.setText(self.tr("Xem đơn vị:"))
        self.search.setAccessibleName(self.tr("Chọn xã/phường/đặc khu để xem"))
        self.search.lineEdit().setAccessibleName(self.tr("Gõ tên xã/phường/đặc khu để tìm"))
        self.search.finder.popup().setAccessibleName(self.tr("Các xã/phường/đặc khu tìm được"))
        self.search.lineEdit().setPlaceholderText(self.tr("Gõ vài chữ, ví dụ: hai van"))
        self.search_hint.setText(self.tr(
            "Gõ vài chữ, có dấu hay không dấu đều được: gõ “hai” sẽ thấy Hải Vân."))
        chosen = loaded.chosen if loaded is not None else None
        if loaded is None or chosen is None:
            self.villages_heading.setText(self.tr("Thôn/tổ dân phố"))
        else:
            self.villages_heading.setText(self.tr(
                "Thôn/tổ dân phố của {unit} đang dùng hôm nay ({day})").replace(
                "{unit}", chosen.label).replace("{day}", vi_date(loaded.today)))
        self.table.setHorizontalHeaderLabels([self.tr("Tên"), self.tr("Loại"),
                                              self.tr("Tên cũ"), self.tr("Thời gian dùng")])
        self.table.setAccessibleName(self.tr("Danh sách thôn/tổ dân phố đang dùng"))
        self.empty.setText(self.tr("Chưa có thôn/tổ dân phố nào. Hãy thêm ở phía dưới.")
                           if chosen is not None else
                           self.tr("Hãy chọn một xã/phường/đặc khu ở ô “Xem đơn vị” phía trên."))
        self.add_heading.setText(self.tr("Thêm thôn/tổ dân phố"))
        self.add_name_label.setText(self.tr("Tên"))
        self.add_name.setAccessibleName(self.tr("Tên thôn/tổ dân phố mới"))
        self.add_name.setPlaceholderText(self.tr("Ví dụ: Nam Mỹ"))
        self.add_kind_label.setText(self.tr("Loại"))
        self.add_kind.setAccessibleName(self.tr("Loại: thôn hay tổ dân phố"))
        for i in range(self.add_kind.count()):
            self.add_kind.setItemText(i, self._kind_text(str(self.add_kind.itemData(i))))
        self.add_former_label.setText(self.tr("Tên cũ, nếu có"))
        self.add_former.setAccessibleName(self.tr("Tên cũ của thôn/tổ dân phố mới"))
        self.add_former.setPlaceholderText(self.tr("Cách nhau bằng dấu phẩy"))
        self.add_former.setToolTip(self.add_former.placeholderText())
        self.add_from_label.setText(self.tr("Dùng từ ngày"))
        self.add_from.setAccessibleName(self.tr("Thôn/tổ dân phố mới dùng từ ngày"))
        self.add_btn.set_label(self.tr("Thêm vào danh sách"),
                               self.tr("Thêm thôn/tổ dân phố này vào danh sách của địa bàn."))
        if self.selected is None:
            self._select(None)
        else:
            self._select(self.selected)
        self.new_name_label.setText(self.tr("Tên mới"))
        self.new_name.setAccessibleName(self.tr("Tên mới của thôn/tổ dân phố đã chọn"))
        self.rename_from_label.setText(self.tr("Từ ngày"))
        self.rename_from.setAccessibleName(self.tr("Dùng tên mới từ ngày"))
        self.rename_btn.set_label(self.tr("Đổi tên"), self.tr(
            "Đổi tên thôn/tổ dân phố đã chọn; tên cũ vẫn được giữ."))
        self.last_day_label.setText(self.tr("Ngày cuối còn dùng"))
        self.last_day.setAccessibleName(self.tr("Ngày cuối còn dùng thôn/tổ dân phố đã chọn"))
        self.retire_btn.set_label(self.tr("Ngừng dùng"), self.tr(
            "Thôi đưa thôn/tổ dân phố đã chọn vào danh sách sau ngày cuối."))
        count = len(loaded.communes) if loaded is not None else 0
        # Two sentences, two strings: shorter for translators (and for the pseudo-locale).
        self.note.setText(self.tr(
            "Danh sách {n} xã/phường/đặc khu của thành phố Đà Nẵng (từ 1/7/2025, không còn cấp "
            "quận/huyện) là dữ liệu chính thức trong tệp resources/lists/{file}.").replace(
            "{n}", str(count)).replace("{file}", COMMUNES_FILE) + " " + self.tr(
            "Chỉ sửa tệp đó bằng trình soạn thảo văn bản, rồi kiểm tra bằng lệnh “help-kiosk "
            "places check”."))
        self.local_note.setText(self.tr(
            "Danh sách thôn/tổ dân phố là của riêng điểm hỗ trợ: sửa ngay tại đây. Mọi thay đổi "
            "được ghi vào nhật ký."))
