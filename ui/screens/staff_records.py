"""Staff tab "Hồ sơ & dữ liệu cá nhân": a person's data requests, mobile bundles, retention.

* Find everything kept about one phone number, export it for that person (to a folder staff
  choose, CSV for reading and JSON for machines), erase it (after a confirmation), or open
  one record to edit or delete it with a reason.
* Import a mobile-team bundle from a USB stick (a summary of what was added, updated and
  skipped; a refused bundle shows the Vietnamese reason and nothing is written) and export a
  bundle of everything since a day.
* Erase contact details kept longer than the retention period.

Every action goes through kiosk.assistance / kiosk.bundles (role checks and audit entries
live there) on the "db" lane. Results that show personal data are cleared as soon as the
staff member signs out or the kiosk resets. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.assistance import (
    CHANNEL_LABELS_VI,
    OUTCOME_LABELS_VI,
    AssistanceService,
    RecordInfo,
    purge_expired_contacts,
)
from kiosk.auth import Actor
from kiosk.bundles import BundleService, ImportSummary
from kiosk.clock import local_day, to_local
from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.store import Store
from ui.file_choice import choose
from ui.navigator import Navigator, ScreenId
from ui.ops import Op
from ui.state import KioskState
from ui.tasks import TaskRunner
from ui.widgets.ask_dialog import AskDialog, ask
from ui.widgets.big_button import BigButton

Then = Callable[[str], object]


def choose_folder(parent: QWidget, title: str, then: Then, note: str = "") -> None:
    """A USB drive to save to (the kiosk names the file): the kiosk's own list."""
    choose(parent, title, then, folder=True, note=note)


#: Bundles: ``.hkb`` (signed and sealed, issue #20) and the old ``.zip``.
BUNDLE_SUFFIXES = (".hkb", ".zip")


def choose_bundle(parent: QWidget, title: str, then: Then, note: str = "") -> None:
    """A bundle on a USB drive: the kiosk's own list, never a file dialog."""
    choose(parent, title, then, folder=False, suffixes=BUNDLE_SUFFIXES, note=note)


class StaffRecordsTab(QWidget):
    """The staff tab. ``choose_folder``/``choose_file`` are attributes so tests replace them."""

    def __init__(self, state: KioskState, nav: Navigator, tasks: TaskRunner,
                 assistance: AssistanceService, bundles: BundleService, store: Store,
                 config: Config,
                 service_names: Callable[[], dict[str, str]] | None = None) -> None:
        super().__init__()
        self.setObjectName("staffRecordsTab")
        self.state, self.nav, self.tasks = state, nav, tasks
        self.assistance, self.bundles, self.store, self.config = (assistance, bundles, store,
                                                                  config)
        self.service_names = service_names or dict
        self.names: dict[str, str] = {}
        self.choose_folder: Callable[..., None] = choose_folder
        self.choose_file: Callable[..., None] = choose_bundle
        self.found_phone = ""
        self.found_visits = 0  # home-visit requests keeping the phone found (kiosk.home_visits)
        col = QVBoxLayout(self)
        col.setSpacing(16)

        # -- a person's request --------------------------------------------------------------
        self.person_heading = self._heading("srPersonHeading")
        self.person_hint = self._hint("srPersonHint")
        self.phone = QLineEdit(self)
        self.phone.setObjectName("srPhone")
        self.phone.setMaxLength(20)
        self.phone.returnPressed.connect(self.find)
        self.find_btn = self._button("srFind", "help")
        find_row = QHBoxLayout()
        find_row.addWidget(self.phone, 3)
        find_row.addWidget(self.find_btn, 1)
        self.results = QListWidget(self)
        self.results.setObjectName("srResults")
        self.results.setWordWrap(True)
        self.results.setMinimumHeight(160)
        self.export_btn = self._button("srExportPerson", "document")
        self.erase_btn = self._button("srErasePerson", "warning", role="danger")
        self.edit_btn = self._button("srEditRecord", "key", role="secondary")
        self.delete_btn = self._button("srDeleteRecord", "warning", role="secondary")
        person_buttons = QHBoxLayout()
        for b in (self.export_btn, self.erase_btn, self.edit_btn, self.delete_btn):
            person_buttons.addWidget(b)
        self.person_message = self._message("srPersonMessage")
        col.addWidget(self.person_heading)
        col.addWidget(self.person_hint)
        col.addLayout(find_row)
        col.addWidget(self.results)
        col.addLayout(person_buttons)
        col.addWidget(self.person_message)
        col.addWidget(self._line())

        # -- bundles -------------------------------------------------------------------------
        self.bundle_heading = self._heading("srBundleHeading")
        self.bundle_hint = self._hint("srBundleHint")
        self.import_btn = self._button("srImportBundle", "document")
        self.since = QDateEdit(self)
        self.since.setObjectName("srSince")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("dd/MM/yyyy")
        self.export_bundle_btn = self._button("srExportBundle", "document", role="secondary")
        bundle_row = QHBoxLayout()
        bundle_row.addWidget(self.import_btn, 2)
        self.since_label = QLabel(self)
        self.since_label.setObjectName("srSinceLabel")
        bundle_row.addWidget(self.since_label, 0)
        bundle_row.addWidget(self.since, 1)
        bundle_row.addWidget(self.export_bundle_btn, 2)
        self.bundle_message = self._message("srBundleMessage")
        col.addWidget(self.bundle_heading)
        col.addWidget(self.bundle_hint)
        col.addLayout(bundle_row)
        col.addWidget(self.bundle_message)
        col.addWidget(self._line())

        # -- retention -----------------------------------------------------------------------
        self.purge_heading = self._heading("srPurgeHeading")
        self.purge_hint = self._hint("srPurgeHint")
        self.purge_btn = self._button("srPurge", "lock", role="secondary")
        self.purge_message = self._message("srPurgeMessage")
        col.addWidget(self.purge_heading)
        col.addWidget(self.purge_hint)
        col.addWidget(self.purge_btn)
        col.addWidget(self.purge_message)
        col.addStretch(1)

        self.find_btn.clicked.connect(self.find)
        self.export_btn.clicked.connect(self.export_person)
        self.erase_btn.clicked.connect(self.erase_person)
        self.edit_btn.clicked.connect(self.edit_record)
        self.delete_btn.clicked.connect(self.delete_record)
        self.import_btn.clicked.connect(self.import_bundle)
        self.export_bundle_btn.clicked.connect(self.export_bundle)
        self.purge_btn.clicked.connect(self.purge)
        state.actor_changed.connect(self._on_actor_changed)
        self.clear()
        self.retranslate()

    # -- building blocks -------------------------------------------------------------------------
    def _heading(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setProperty("role", "title")
        label.setWordWrap(True)
        return label

    def _hint(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setProperty("role", "muted")
        label.setWordWrap(True)
        return label

    def _message(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setProperty("role", "tip")  # polished with its padding from the start
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        return label

    def _button(self, name: str, icon: str, role: str = "") -> BigButton:
        return BigButton("", icon, object_name=name, role=role, beside=True, icon_px=40,
                         parent=self)

    def _line(self) -> QFrame:
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        return line

    @staticmethod
    def _say(label: QLabel, text: str, role: str = "tip") -> None:
        label.setText(text)
        label.setProperty("role", role)
        label.style().unpolish(label)
        label.style().polish(label)
        label.show()

    def _run(self, fn: Callable[[], Any], on_ok: Callable[[Any], None], label: QLabel) -> None:
        def shown(exc: KioskError) -> None:
            self._say(label, exc.message(self.state.language), "warning")

        self._say(label, self.tr("Đang làm…"))
        Op(fn).on("db").success(on_ok).problem(shown).run(self.tasks)

    # -- a person's data -------------------------------------------------------------------------
    def find(self) -> None:
        actor, phone = self.state.actor, self.phone.text()

        def work() -> tuple[list[RecordInfo], dict[str, str], int]:
            from kiosk.home_visits import count_with_phone

            records = self.assistance.find_by_phone(actor, phone)
            # The home-visit list may keep the number too; export and erase cover it.
            return records, self.service_names(), count_with_phone(self.store, actor, phone)

        def done(found: tuple[list[RecordInfo], dict[str, str], int]) -> None:
            records, self.names, visits = found
            self.found_phone = phone
            self._show_records(records, visits)
            text = (self.tr("Có {n} bản ghi lưu số điện thoại này.").replace(
                "{n}", str(len(records))) if records or visits
                else self.tr("Không có bản ghi nào lưu số điện thoại này."))
            if visits:
                text += " " + self.tr("Danh sách đến nhà: {v} yêu cầu đến nhà.").replace(
                    "{v}", str(visits))
            self._say(self.person_message, text)

        self.found_phone = ""
        self._show_records([])
        self._run(work, done, self.person_message)

    def _show_records(self, records: list[RecordInfo], visits: int = 0) -> None:
        self.results.clear()
        for r in records:
            item = QListWidgetItem(self.describe(r))
            item.setData(Qt.ItemDataRole.UserRole, r)
            self.results.addItem(item)
        if records:
            self.results.setCurrentRow(0)
        # Hidden rather than greyed out: nothing to act on, nothing to read. A phone kept only
        # on the home-visit list can still be exported and erased (no record to edit).
        self.found_visits = visits
        has = bool(records)
        for b in (self.export_btn, self.erase_btn):
            b.setVisible(has or visits > 0)
        for b in (self.edit_btn, self.delete_btn):
            b.setVisible(has)
        self.results.setVisible(has)

    def describe(self, r: RecordInfo) -> str:
        when = to_local(r.started_at).strftime("%d/%m/%Y %H:%M")
        who = " ".join(x for x in (r.contact_name or "", r.contact_phone or "") if x)
        services = ", ".join(self.names.get(c, c) for c in r.services)
        return " · ".join(x for x in (when, services,
                                      OUTCOME_LABELS_VI.get(r.outcome, r.outcome),
                                      CHANNEL_LABELS_VI.get(r.channel, r.channel), who) if x)

    def export_person(self) -> None:
        if not self.found_phone:
            return
        stamp = to_local(self.store.clock.now()).strftime("%Y%m%d-%H%M")
        self.choose_folder(
            self, self.tr("Chọn USB để lưu dữ liệu của người dân"),
            lambda folder: self._export_person_to(Path(folder), stamp),
            self.tr("Kiosk lưu hai tệp: {name}.csv và {name}.json").replace(
                "{name}", f"du-lieu-ca-nhan-{stamp}"))

    def _export_person_to(self, folder: Path, stamp: str) -> None:
        if not self.found_phone:
            return
        actor, phone = self.state.actor, self.found_phone
        csv_path = folder / f"du-lieu-ca-nhan-{stamp}.csv"
        json_path = folder / f"du-lieu-ca-nhan-{stamp}.json"

        def work() -> int:
            n = self.assistance.export_person(actor, phone, csv_path)
            self.assistance.export_person(actor, phone, json_path)
            return n

        def done(n: int) -> None:
            self._say(self.person_message, self.tr(
                "Đã xuất {n} bản ghi vào “{csv}” và “{json}”. Tệp có thông tin cá nhân: hãy "
                "trao cho đúng người và xóa khỏi máy sau đó.").replace("{n}", str(n)).replace(
                "{csv}", str(csv_path)).replace("{json}", json_path.name))

        self._run(work, done, self.person_message)

    def erase_person(self) -> None:
        if not self.found_phone:
            return
        actor, phone = self.state.actor, self.found_phone
        count = self.results.count() + self.found_visits

        def erase(_reason: str) -> None:
            def done(n: int) -> None:
                self._show_records([])
                self.found_phone = ""
                self._say(self.person_message, self.tr(
                    "Đã xóa họ tên, số điện thoại, ghi chú và dân tộc trên {n} bản ghi. Phần "
                    "không nêu tên vẫn được giữ để thống kê.").replace("{n}", str(n)))

            self._run(lambda: self.assistance.erase_person(actor, phone), done,
                      self.person_message)

        ask(self, "srEraseDialog", self.tr("Xóa dữ liệu cá nhân"),
            self.tr("Xóa thông tin cá nhân của người này trên {n} bản ghi? Việc này không hoàn "
                    "tác được.").replace("{n}", str(count)),
            self.tr("Xóa dữ liệu"), erase, danger=True)

    def _selected(self) -> RecordInfo | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def edit_record(self) -> None:
        r = self._selected()
        if r is not None:
            self.nav.go_to(ScreenId.QUICK_LOG, edit_uuid=r.uuid, return_to=ScreenId.STAFF)

    def delete_record(self) -> None:
        r = self._selected()
        if r is None:
            return
        actor = self.state.actor

        def delete(reason: str) -> None:
            def done(_info: RecordInfo) -> None:
                self.results.takeItem(self.results.currentRow())
                self._say(self.person_message, self.tr("Đã xóa bản ghi."))

            self._run(lambda: self.assistance.delete(actor, r.uuid, reason), done,
                      self.person_message)

        ask(self, "srDeleteDialog", self.tr("Xóa bản ghi"),
            self.tr("Xóa bản ghi này? Bản ghi sẽ không còn trong báo cáo. Hãy ghi lý do."),
            self.tr("Xóa bản ghi"), delete, with_reason=True, danger=True)

    # -- bundles ---------------------------------------------------------------------------------
    def import_bundle(self) -> None:
        self.choose_file(self, self.tr("Chọn gói dữ liệu trên USB"), self._import_from)

    def _import_from(self, path: str) -> None:
        actor = self.state.actor

        def refused(exc: KioskError) -> None:
            self._say(self.bundle_message, exc.message(self.state.language), "warning")
            if getattr(exc, "code", "") == "not_sealed":
                # An old unsigned bundle: only by a clear, explicit choice of staff.
                ask(self, "srUnverifiedDialog", self.tr("Gói dữ liệu chưa xác thực"),
                    self.tr("Gói này là kiểu cũ, không có chữ ký: máy không thể biết chắc gói "
                            "đến từ đâu và có bị sửa hay không. Chỉ nhập khi anh/chị biết rõ "
                            "người gửi. Mọi bản ghi trong gói sẽ được ghi “chưa xác thực” "
                            "trong báo cáo và tệp xuất."),
                    self.tr("Nhập gói chưa xác thực"),
                    lambda _reason: self._import(actor, path, unverified_ok=True))

        self._say(self.bundle_message, self.tr("Đang làm…"))
        Op(lambda: self.bundles.import_bundle(actor, Path(path))).on("db").success(
            lambda s: self._say(self.bundle_message, self.import_summary(s))).problem(
            refused).run(self.tasks)

    def _import(self, actor: Actor, path: str, *, unverified_ok: bool) -> None:
        self._run(lambda: self.bundles.import_bundle(actor, Path(path),
                                                     unverified_ok=unverified_ok),
                  lambda s: self._say(self.bundle_message, self.import_summary(s)),
                  self.bundle_message)

    def import_summary(self, s: ImportSummary) -> str:
        text = self.tr("Đã thêm {a}, cập nhật {u}, bỏ qua {k} bản ghi (đã có).").replace(
            "{a}", str(s.added)).replace("{u}", str(s.updated)).replace("{k}", str(s.skipped))
        if s.activity_days_added or s.volunteers_added:
            text += " " + self.tr("Thêm {d} ngày hoạt động và {v} thành viên mới (chưa có mã PIN "
                                  "trên máy này).").replace(
                "{d}", str(s.activity_days_added)).replace("{v}", str(s.volunteers_added))
        if s.unverified:
            text += " " + self.tr("Các bản ghi này được ghi “chưa xác thực”.")
        return text

    def export_bundle(self) -> None:
        q = self.since.date()
        since = date(q.year(), q.month(), q.day())
        name = f"goi-du-lieu-tu-{since.isoformat()}.hkb"
        self.choose_folder(self, self.tr("Chọn USB để lưu gói dữ liệu"),
                           lambda folder: self._export_bundle_to(Path(folder) / name, since),
                           self.tr("Kiosk lưu tệp: {name}").replace("{name}", name))

    def _export_bundle_to(self, path: Path, since: date) -> None:
        actor = self.state.actor

        def done(summary: Any) -> None:
            self._say(self.bundle_message, self.tr(
                "Đã xuất {n} bản ghi, {d} ngày hoạt động vào “{path}”. Tệp đã được ký và mã "
                "hóa: chỉ máy nhận mở được. Vẫn nên xóa khỏi USB sau khi nhập xong.").replace(
                "{n}", str(summary.records)).replace("{d}", str(summary.activity_days)).replace(
                "{path}", str(summary.path)))

        self._run(lambda: self.bundles.export_bundle(actor, since, path), done,
                  self.bundle_message)

    # -- retention -------------------------------------------------------------------------------
    def purge(self) -> None:
        days = int(self.config.contact_retention_days)
        self._run(lambda: purge_expired_contacts(self.store, days),
                  lambda n: self._say(self.purge_message, self.tr(
                      "Đã xóa thông tin liên hệ của {n} bản ghi đã giữ quá {d} ngày. Các bản "
                      "ghi vẫn được giữ để thống kê.").replace("{n}", str(n)).replace(
                      "{d}", str(days))),
                  self.purge_message)

    # -- housekeeping ----------------------------------------------------------------------------
    def _on_actor_changed(self, actor: Actor) -> None:
        if not self.state.is_staff:
            self.clear()

    def clear(self) -> None:
        """Forget the phone number and results (sign-out, idle reset)."""
        for dialog in self.findChildren(AskDialog):
            dialog.reject()
        self.phone.clear()
        self.found_phone = ""
        self._show_records([])
        for label in (self.person_message, self.bundle_message, self.purge_message):
            label.clear()
            label.hide()
        today = local_day(self.store.clock.now())
        start = today - timedelta(days=30)
        self.since.setDate(QDate(start.year, start.month, start.day))

    def retranslate(self) -> None:
        self.person_heading.setText(self.tr("Yêu cầu của người dân về dữ liệu cá nhân"))
        self.person_hint.setText(self.tr(
            "Tìm theo số điện thoại người dân đã cho lưu. Có thể xuất dữ liệu cho họ, hoặc xóa "
            "khi họ yêu cầu. Mọi việc đều được ghi vào nhật ký."))
        self.phone.setPlaceholderText(self.tr("Số điện thoại, ví dụ 0905 123 456"))
        self.phone.setAccessibleName(self.tr("Số điện thoại cần tìm"))
        self.find_btn.set_label(self.tr("Tìm"), self.tr("Tìm các bản ghi lưu số này."))
        self.results.setAccessibleName(self.tr("Các bản ghi tìm được"))
        self.export_btn.set_label(self.tr("Xuất cho người này"),
                                  self.tr("Lưu dữ liệu của người này ra tệp."))
        self.erase_btn.set_label(self.tr("Xóa dữ liệu người này"),
                                 self.tr("Xóa thông tin cá nhân trên mọi bản ghi của họ."))
        self.edit_btn.set_label(self.tr("Sửa bản ghi"), self.tr("Mở bản ghi đã chọn để sửa."))
        self.delete_btn.set_label(self.tr("Xóa bản ghi"),
                                  self.tr("Xóa bản ghi đã chọn, cần ghi lý do."))
        self.bundle_heading.setText(self.tr("Gói dữ liệu của tổ lưu động"))
        self.bundle_hint.setText(self.tr(
            "Nhập gói từ USB của máy tổ lưu động. Gói hỏng hoặc bị sửa sẽ bị từ chối, không "
            "ghi gì vào máy này."))
        self.import_btn.set_label(self.tr("Nhập gói từ USB"),
                                  self.tr("Chọn tệp gói dữ liệu để gộp vào máy này."))
        self.since_label.setText(self.tr("Từ ngày"))
        self.since.setAccessibleName(self.tr("Xuất gói từ ngày"))
        self.export_bundle_btn.set_label(self.tr("Xuất gói"),
                                         self.tr("Lưu các bản ghi từ ngày đã chọn ra USB."))
        self.purge_heading.setText(self.tr("Thời hạn lưu thông tin liên hệ"))
        self.purge_hint.setText(self.tr(
            "Họ tên và số điện thoại được giữ {d} ngày kể từ khi người dân đồng ý, sau đó bị "
            "xóa (kiosk tự làm mỗi lần mở).").replace(
            "{d}", str(self.config.contact_retention_days)))
        self.purge_btn.set_label(self.tr("Xóa thông tin liên hệ quá hạn"),
                                 self.tr("Xóa ngay họ tên, số điện thoại đã quá thời hạn."))
