"""The staff screen (PIN, staff role): members, settings, content warnings, audit trail.

Every action goes through a kiosk service that checks the role again; this screen only makes
the services easy to reach. More tabs (reports, exports, sheets, places, backups) plug in via
``add_tab`` from the composition root.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk import audit
from kiosk.auth import AuthService, PermissionDenied, Role, VolunteerInfo
from kiosk.config import Config, save_config
from kiosk.content.model import Catalogue
from kiosk.errors import KioskError
from kiosk.paths import resource_path
from kiosk.places import code_for_commune
from kiosk.speech.phrases import PhraseSet, load_phrase_sets
from ui.navigator import Navigator, ScreenId
from ui.ops import Op
from ui.screens.base import BaseScreen, SpeakerLike
from ui.state import KioskState
from ui.tasks import TaskRunner
from ui.widgets.big_button import BigButton
from ui.widgets.side_tabs import SideTabs
from ui.widgets.wrapped_list import wrap_rows


def scrolled(widget: QWidget) -> QScrollArea:
    """Staff forms scroll instead of forcing the window taller than a 1366×768 screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


# Where the features' tab names are translated (``QCoreApplication.translate`` contexts).
_TAB_CONTEXTS = ("StaffSheetsTab", "StaffPlacesTab", "StaffReports", "QueueFeature",
                 "StaffRecordsTab", "StaffSyncTab", "HomeVisitsTab")


def _translated(source: str) -> str:
    """A feature's Vietnamese tab name in the current language ("&&" kept as it was given)."""
    plain = source.replace("&&", "&")
    for context in _TAB_CONTEXTS:
        text = QCoreApplication.translate(context, plain)
        if text != plain:
            return text.replace("&", "&&")
    return source


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class MembersTab(QWidget):
    def __init__(self, state: KioskState, auth: AuthService, tasks: TaskRunner) -> None:
        super().__init__()
        self.state, self.auth, self.tasks = state, auth, tasks
        layout = QHBoxLayout(self)
        self.list = QListWidget(self)
        _named(self.list, "membersList", "Danh sách thành viên")
        wrap_rows(self.list)  # "Tình nguyện viên …" at the largest text ran off sideways
        layout.addWidget(self.list, 1)
        form_box = QWidget(self)
        form = QFormLayout(form_box)
        self.name = QLineEdit(form_box)
        _named(self.name, "memberName", "Tên thành viên")
        self.role = QComboBox(form_box)
        _named(self.role, "memberRole", "Vai trò")
        self.role.addItem("", Role.VOLUNTEER)
        self.role.addItem("", Role.STAFF)
        self.pin = QLineEdit(form_box)
        _named(self.pin, "memberPin", "Mã PIN mới")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.labels = [QLabel(form_box) for _ in range(3)]
        form.addRow(self.labels[0], self.name)
        form.addRow(self.labels[1], self.role)
        form.addRow(self.labels[2], self.pin)
        self.add_btn = BigButton("", "volunteer", object_name="memberAdd",
                                 beside=True, icon_px=40)
        self.toggle_btn = BigButton("", "lock", object_name="memberToggle",
                                    role="secondary", beside=True, icon_px=40)
        self.reset_btn = BigButton("", "key", object_name="memberResetPin",
                                   role="secondary", beside=True, icon_px=40)
        form.addRow(self.add_btn)
        form.addRow(self.toggle_btn)
        form.addRow(self.reset_btn)
        self.message = QLabel(form_box)
        self.message.setObjectName("membersMessage")
        self.message.setWordWrap(True)
        form.addRow(self.message)
        layout.addWidget(form_box, 1)
        self.add_btn.clicked.connect(self._add)
        self.toggle_btn.clicked.connect(self._toggle)
        self.reset_btn.clicked.connect(self._reset_pin)
        self.retranslate()

    def retranslate(self) -> None:
        self.role.setItemText(0, self.tr("Tình nguyện viên"))
        self.role.setItemText(1, self.tr("Cán bộ"))
        for label, text in zip(self.labels, (self.tr("Tên"), self.tr("Vai trò"),
                                             self.tr("Mã PIN (4–8 số)")), strict=True):
            label.setText(text)
        self.add_btn.set_label(self.tr("Thêm thành viên"))
        self.toggle_btn.set_label(self.tr("Tắt / bật"))
        self.reset_btn.set_label(self.tr("Đặt lại PIN"))
        if self.state.is_staff:
            self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        try:
            members = self.auth.list_members(self.state.actor)
        except PermissionDenied as exc:
            self.message.setText(exc.message(self.state.language))
            return
        for m in members:
            role = self.tr("Cán bộ") if m.role is Role.STAFF else self.tr("Tình nguyện viên")
            status = "" if m.active else self.tr(" (đã tắt)")
            item = QListWidgetItem(f"{m.name} — {role}{status}")
            item.setData(256, m)
            self.list.addItem(item)

    def _selected(self) -> VolunteerInfo | None:
        item = self.list.currentItem()
        return item.data(256) if item is not None else None

    def _run(self, fn: Any, done_text: str) -> None:
        def ok(_v: object) -> None:
            self.message.setText(done_text)
            self.pin.clear()
            self.refresh()

        def shown(exc: KioskError) -> None:
            self.message.setText(exc.message(self.state.language))

        Op(fn).on("db").success(ok).problem(shown).run(self.tasks)

    def _add(self) -> None:
        name, pin, role = self.name.text(), self.pin.text(), self.role.currentData()
        actor = self.state.actor
        self._run(lambda: self.auth.add_member(actor, name, role, pin),
                  self.tr("Đã thêm “{name}”.").replace("{name}", name.strip()))
        self.name.clear()

    def _toggle(self) -> None:
        m = self._selected()
        if m is None:
            self.message.setText(self.tr("Hãy chọn một thành viên trong danh sách."))
            return
        actor = self.state.actor
        self._run(lambda: self.auth.set_active(actor, m.uuid, not m.active),
                  (self.tr("Đã tắt “{name}”.") if m.active else self.tr("Đã bật “{name}”."))
                  .replace("{name}", m.name))

    def _reset_pin(self) -> None:
        m = self._selected()
        if m is None:
            self.message.setText(self.tr("Hãy chọn một thành viên, rồi nhập mã PIN mới."))
            return
        actor, pin = self.state.actor, self.pin.text()
        self._run(lambda: self.auth.reset_pin(actor, m.uuid, pin),
                  self.tr("Đã đặt lại mã PIN cho “{name}”.").replace("{name}", m.name))

    def reset(self) -> None:
        self.name.clear()
        self.pin.clear()
        self.message.clear()


class SettingsTab(QWidget):
    FIELDS = (("help_point_name", "Tên điểm hỗ trợ"), ("commune", "Xã/phường/đặc khu"),
              ("commune_code", "Mã xã/phường (5 chữ số)"), ("team_name", "Tên tổ CNSCĐ"),
              ("village", "Thôn/tổ dân phố"), ("hotline", "Liên hệ in trên tờ hướng dẫn"))
    NUMBERS = (("desk_count", "Số bàn hỗ trợ", 1, 9), ("idle_timeout_s", "Chờ về màn hình chính "
               "(giây)", 30, 900), ("speech_rate", "Tốc độ đọc", 80, 260),
               ("daily_print_quota", "Số tờ in mỗi ngày", 0, 10000),
               ("contact_retention_days", "Giữ thông tin liên hệ (ngày)", 1, 3650))

    def __init__(self, data_dir: Path, config: Config,
                 phrase_sets: Mapping[str, PhraseSet] | None = None) -> None:
        super().__init__()
        self.data_dir, self.config = data_dir, config
        self.phrase_sets = dict(phrase_sets or {})
        form = QFormLayout(self)
        # A label too long to leave its field room ("Contact printed on the guide sheets" at
        # the largest text) puts the field under it, not off the side of the tab.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.edits: dict[str, QLineEdit] = {}
        self.spins: dict[str, QSpinBox] = {}
        self.labels: dict[str, QLabel] = {}
        for key, label in self.FIELDS:
            e = QLineEdit(self)
            _named(e, f"setting_{key}", label)
            self.edits[key] = e
            self.labels[key] = QLabel(label, self)
            form.addRow(self.labels[key], e)
        for key, label, lo, hi in self.NUMBERS:
            s = QSpinBox(self)
            _named(s, f"setting_{key}", label)
            s.setRange(lo, hi)
            self.spins[key] = s
            self.labels[key] = QLabel(label, self)
            form.addRow(self.labels[key], s)
        # Recorded phrases (Cơ Tu) around the voice: a set that is still placeholders says so,
        # under the choice (in the choice, "… còn BẢN TẠM …" was cut in its box).
        self.phrase_language = QComboBox(self)
        _named(self.phrase_language, "setting_phrase_language", "Âm thanh ghi sẵn")
        # As wide as its longest choice, so each reads whole: the row wraps (the choice under
        # its label) where the tab is too narrow for both.
        self.phrase_language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.labels["phrase_language"] = QLabel("Âm thanh ghi sẵn", self)
        form.addRow(self.labels["phrase_language"], self.phrase_language)
        self.phrase_note = QLabel(self)
        self.phrase_note.setObjectName("settingPhraseNote")
        self.phrase_note.setProperty("role", "muted")
        self.phrase_note.setWordWrap(True)
        form.addRow(self.phrase_note)
        self.save_btn = BigButton("", "done", object_name="settingsSave",
                                  beside=True, icon_px=40)
        self.save_btn.clicked.connect(self.save)
        self.message = QLabel(self)
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        form.addRow(self.save_btn)
        form.addRow(self.message)
        self.load()
        self.retranslate()

    def retranslate(self) -> None:
        names = {"help_point_name": self.tr("Tên điểm hỗ trợ"),
                 "commune": self.tr("Xã/phường/đặc khu"),
                 "commune_code": self.tr("Mã xã/phường (5 chữ số)"),
                 "team_name": self.tr("Tên tổ CNSCĐ"),
                 "village": self.tr("Thôn/tổ dân phố"),
                 "hotline": self.tr("Liên hệ in trên tờ hướng dẫn"),
                 "desk_count": self.tr("Số bàn hỗ trợ"),
                 "idle_timeout_s": self.tr("Chờ về màn hình chính (giây)"),
                 "speech_rate": self.tr("Tốc độ đọc"),
                 "daily_print_quota": self.tr("Số tờ in mỗi ngày"),
                 "contact_retention_days": self.tr("Giữ thông tin liên hệ (ngày)"),
                 "phrase_language": self.tr("Âm thanh ghi sẵn (đọc to)")}
        for key, label in self.labels.items():
            label.setText(names[key])
        self.save_btn.set_label(self.tr("Lưu cài đặt"))
        self._fill_phrase_languages()

    def _fill_phrase_languages(self) -> None:
        chosen = self.phrase_language.currentData()
        if chosen is None:
            chosen = self.config.phrase_language
        self.phrase_language.clear()
        self.phrase_language.addItem(self.tr("Không (chỉ giọng đọc)"), "")
        notes = []
        for code, s in sorted(self.phrase_sets.items()):
            text = self.tr("{name} ({code}): ghi âm trước giọng đọc").replace(
                "{name}", s.name).replace("{code}", code)
            self.phrase_language.addItem(text, code)
            if s.placeholders():
                notes.append(self.tr("{name} ({code}) còn BẢN TẠM, chưa phải lời {name}.")
                             .replace("{name}", s.name).replace("{code}", code))
        self.phrase_note.setText(" ".join(notes))
        self.phrase_note.setVisible(bool(notes))
        self.phrase_language.setCurrentIndex(max(0, self.phrase_language.findData(chosen)))

    def load(self) -> None:
        for key, e in self.edits.items():
            e.setText(getattr(self.config, key))
        for key, s in self.spins.items():
            s.setValue(getattr(self.config, key))
        self.phrase_language.setCurrentIndex(
            max(0, self.phrase_language.findData(self.config.phrase_language)))

    def save(self) -> None:
        changes: dict[str, Any] = {k: e.text().strip() for k, e in self.edits.items()}
        changes.update({k: s.value() for k, s in self.spins.items()})
        if not changes["commune_code"]:
            # The official code from the commune's name (current or former), when it is one.
            changes["commune_code"] = code_for_commune(changes["commune"]) or ""
            self.edits["commune_code"].setText(changes["commune_code"])
        changes["phrase_language"] = self.phrase_language.currentData() or ""
        try:
            new = self.config.replace(**changes)
        except ValueError as exc:
            self.message.setText(str(exc))
            return
        save_config(self.data_dir, new)
        self.config.values.update(new.values)
        self.message.setText(self.tr("Đã lưu. Một số thay đổi có hiệu lực khi mở lại kiosk."))


class StaffScreen(BaseScreen):
    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 auth: AuthService, tasks: TaskRunner, data_dir: Path, config: Config,
                 catalogue: Catalogue) -> None:
        super().__init__(state, nav, speaker, "staff")
        self.auth = auth
        self._pending: list[tuple[QWidget | Callable[[], QWidget], str]] = []
        # The tab names as a list down the side: all eleven stay in view at 1366×768 (a tab
        # bar hid two of them behind tiny scroll arrows). No title: the list says where.
        self.title.hide()
        self.tabs = SideTabs("staffTabs", self)
        self.tabs.setAccessibleName("Các mục quản lý")
        self.tabs.names.setAccessibleName("Các mục quản lý")
        self.members = MembersTab(state, auth, tasks)
        self.members.setObjectName("staffMembers")
        # Recorded phrase sets (Cơ Tu): every placeholder is named, never passed off as Cơ Tu.
        self.phrase_sets, self.phrase_problems = load_phrase_sets(resource_path("phrases"))
        self.catalogue = catalogue
        self.settings = SettingsTab(data_dir, config, self.phrase_sets)
        self.settings.setObjectName("staffSettings")
        self.content = QPlainTextEdit(self)
        _named(self.content, "contentProblems", "Cảnh báo nội dung")
        self.content.setReadOnly(True)
        self.content.setPlainText(self._content_text())
        self.audit = QPlainTextEdit(self)
        _named(self.audit, "auditLog", "Nhật ký hoạt động")
        self.audit.setReadOnly(True)
        self._tab_sources: list[str] = []
        for page in (scrolled(self.members), scrolled(self.settings), self.content, self.audit):
            self.tabs.addTab(page, "")
            self._tab_sources.append("")
        self._retranslate_tabs()
        wrapper = QVBoxLayout()
        wrapper.addWidget(self.tabs)
        self.outer.addLayout(wrapper, 1)

    def add_tab(self, widget: QWidget | Callable[[], QWidget], label: str) -> None:
        """Add a staff tab. A factory is called the first time the staff screen opens, so
        start-up does not build (or import) tabs nobody has opened yet; order is kept."""
        if not isinstance(widget, QWidget) or self._pending:
            self._pending.append((widget, label))
            return
        self._add_built(widget, label)

    def _add_built(self, widget: QWidget, label: str) -> None:
        # A tab that keeps its main action pinned (export) scrolls its own choices.
        holder = widget if getattr(widget, "scrolls_itself", False) else scrolled(widget)
        self.tabs.addTab(holder, label)
        self._tab_sources.append(label)  # translated again on a language change

    def _retranslate_tabs(self) -> None:
        # Counted now, not when the screen was made: the content may have arrived since.
        problems = len(self.catalogue.problems)
        own = [self.tr("Thành viên"), self.tr("Cài đặt"),
               self.tr("Nội dung ({n} cảnh báo)").replace("{n}", str(problems))
               if problems else self.tr("Nội dung"), self.tr("Nhật ký")]
        for i, source in enumerate(self._tab_sources):
            self.tabs.setTabText(i, own[i] if i < len(own) else _translated(source))

    def _content_text(self) -> str:
        """The content check as staff read it; the problems are quoted as the validator wrote
        them (for whoever edits the Vietnamese files), the rest in the kiosk's language."""
        problems = [*self.catalogue.problems, *self.phrase_problems]
        if self.catalogue.loading:  # opened just after start-up, before the content arrived
            lines = [self.tr("Đang tải bài học…")]
        elif problems:
            lines = [self.tr("Nội dung có {n} cảnh báo. Sửa tệp được nêu rồi chạy "
                             "“help-kiosk content check”:").replace("{n}", str(len(problems)))]
            lines += [str(p) for p in problems]
        else:
            lines = [self.tr("Nội dung hợp lệ: {n} bài hướng dẫn.").replace(
                "{n}", str(len(self.catalogue.tutorials)))]
        lang = self.state.language
        return "\n".join(lines + [s.status_line(lang) for s in self.phrase_sets.values()])

    def retranslate(self) -> None:
        """The tab names and every tab's texts (the tabs are built once, in Vietnamese)."""
        self._retranslate_tabs()
        self.content.setPlainText(self._content_text())
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            inner = page.widget() if isinstance(page, QScrollArea) else page
            if inner is not None and hasattr(inner, "retranslate"):
                inner.retranslate()

    def content_changed(self) -> None:
        """The content arrived (or a pack was swapped in) while this screen is on show: the
        count, the warnings and every tab that lists tutorials follow it."""
        self._retranslate_tabs()
        self.content.setPlainText(self._content_text())
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            inner = page.widget() if isinstance(page, QScrollArea) else page
            if inner is not None and hasattr(inner, "content_changed"):
                inner.content_changed()

    def build_pending_tabs(self) -> None:
        pending, self._pending = self._pending, []
        for make, label in pending:
            self._add_built(make if isinstance(make, QWidget) else make(), label)

    def on_enter(self, **context: Any) -> None:
        self.build_pending_tabs()
        if not self.state.is_staff:
            self.nav.go_to(ScreenId.PIN, remember=False, next=ScreenId.STAFF)
            return
        self.title.setText(self.tr("Quản lý điểm hỗ trợ"))
        self.retranslate()
        rows = audit.entries(self.auth.store, limit=50)
        self.audit.setPlainText("\n".join(f"{at}  {actor}  {action}" for at, actor, action in rows))

    def reset(self) -> None:
        self.members.reset()

    def announcement(self) -> str:
        return self.tr("Quản lý điểm hỗ trợ.")
