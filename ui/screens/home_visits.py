"""The home-visit list (ScreenId.HOME_VISITS, issue #23 item 5): who asked the mobile team to
come, by village; take a visit, mark it done, add a request.

Two pages:

* the list: the villages on the left (with how many requests each), the requests of the chosen
  village on the right, and four large buttons: "Thêm yêu cầu", "Nhận việc", "Đã xong" and
  "Hủy yêu cầu". "Đã xong" logs the assistance record (channel "home visit") at once;
* the entry form: the village, who (a name or a household description), what is needed, the
  best time, and the phone behind an explicit consent choice (:class:`PhoneGate`): the phone
  box opens only after the citizen agreed on the consent screen, with the contact notice of
  :mod:`kiosk.privacy`, and a request without consent carries no phone.

Every rule (roles, consent, bounded text, places) is checked again by
:class:`kiosk.home_visits.HomeVisitService`; database work runs on the "db" lane through
:class:`ui.ops.Op`. Context for ``on_enter``: ``consent`` (the consent screen's answer).
GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.actors import Role
from kiosk.auth import AuthService
from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.home_visits import (
    BEST_TIME_MAX,
    HOUSEHOLD_MAX,
    NEEDS_MAX,
    HomeVisitService,
    VillageVisits,
    VisitDraft,
    VisitInfo,
)
from kiosk.places import PlaceService
from kiosk.privacy import consent_notice
from kiosk.queue import QueueService, ServiceInfo
from ui import theme
from ui.navigator import Navigator, ScreenId
from ui.ops import Latest, Op
from ui.screens.base import BaseScreen, SpeakerLike
from ui.screens.consent import ConsentGate
from ui.state import KioskState
from ui.tasks import TaskRunner
from ui.widgets.big_button import BigButton
from ui.widgets.whole_combo import WholeComboBox

PAGE_LIST, PAGE_FORM = 0, 1


@dataclass
class _Loaded:
    groups: list[VillageVisits]
    services: list[ServiceInfo]
    villages: list[str]
    #: Active members staff may give a visit to, (uuid, name); empty for a volunteer.
    members: list[tuple[str, str]]


class PhoneGate(ConsentGate):
    """"Xin số điện thoại": the phone box, open only after the citizen agreed (the contact
    notice: who keeps it, what for, how long, how to withdraw)."""

    kind = "contact"

    def __init__(self, parent: QWidget | None = None) -> None:
        self.phone = QLineEdit()
        super().__init__("hvPhoneGate", "phone", parent)
        self.phone.setParent(self.fields)
        self.phone.setObjectName("hvPhone")
        self.phone.setMaxLength(20)
        self.phone.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.grid.addWidget(self.phone, 0, 0)
        self.phone.textChanged.connect(lambda _t: self.changed.emit())
        self.retranslate()
        self._set_open(False)

    def clear_fields(self) -> None:
        self.phone.clear()

    def values(self) -> tuple[str | None, bool]:
        """(phone, consent): no phone at all unless the citizen agreed."""
        text = self.phone.text().strip() if self.consented else ""
        return (text or None, bool(text) and self.consented)

    def retranslate(self) -> None:
        self.toggle.set_label(self.tr("Xin số điện thoại"),
                              self.tr("Hỏi người dân có đồng ý cho lưu số điện thoại không."))
        self.phone.setPlaceholderText(self.tr("Số điện thoại"))
        self.phone.setAccessibleName(self.tr("Số điện thoại của người cần đến nhà"))
        super().retranslate()

    def _status_text(self, on: bool) -> str:
        return (self.tr("Người dân đã đồng ý. Ghi số điện thoại:") if on
                else self.tr("Chỉ ghi khi người dân đồng ý."))


class HomeVisitsScreen(BaseScreen):
    """The list by village and the entry form (see the module docstring).

    Args:
        visits: the home-visit service.
        queue: returns the queue service (the list of services); called on the db lane.
        places: the villages of the help point's commune for the village box.
        config: the settings in force (commune, help point name, retention days).
        notify: a calm confirmation after "Đã xong" (the window's message box).
    """

    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 tasks: TaskRunner, visits: HomeVisitService,
                 queue: Callable[[], QueueService], places: PlaceService, config: Config,
                 notify: Callable[[str], None] | None = None) -> None:
        super().__init__(state, nav, speaker, "homeVisits")
        self.tasks = tasks
        self.visits = visits
        self.queue = queue
        self.places = places
        self.config = config
        self.notify = notify or (lambda _text: None)
        self.loaded: _Loaded | None = None
        self.village = ""
        self.busy = False
        self._loads = Latest()
        self.message = QLabel(self)
        self.message.setObjectName("hvMessage")
        self.message.setProperty("role", "tip")
        self.message.setWordWrap(True)
        self.message.hide()
        self.outer.addWidget(self.message)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("hvPages")
        self.outer.addWidget(self.pages, 1)
        self.pages.addWidget(self._build_list())
        self.pages.addWidget(self._build_form())
        # The form has its own "Quay lại danh sách": the bar hides its Back there.
        self.pages.currentChanged.connect(lambda _i: nav.chrome_changed.emit())
        self.retranslate()

    # -- building ----------------------------------------------------------------------------
    def _build_list(self) -> QWidget:
        page = QWidget(self.pages)
        page.setObjectName("hvListPage")
        col = QVBoxLayout(page)
        col.setContentsMargins(0, 0, 0, 0)
        body = QHBoxLayout()
        body.setSpacing(24)
        self.village_list = QListWidget(page)
        self.village_list.setObjectName("hvVillages")
        self.village_list.setWordWrap(True)
        self.village_list.setSpacing(4)
        self.visit_list = QListWidget(page)
        self.visit_list.setObjectName("hvVisits")
        self.visit_list.setWordWrap(True)
        self.visit_list.setSpacing(6)
        self.visit_list.setAlternatingRowColors(True)
        self.empty = QLabel(page)
        self.empty.setObjectName("hvEmpty")
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        body.addWidget(self.village_list, 1)
        body.addWidget(self.visit_list, 2)
        body.addWidget(self.empty, 2)
        col.addLayout(body, 1)
        # Staff only: whom "Giao việc" gives the chosen visit to (a volunteer takes it himself).
        self.assignee_row = QWidget(page)
        self.assignee_row.setObjectName("hvAssigneeRow")
        assignee = QHBoxLayout(self.assignee_row)
        assignee.setContentsMargins(0, 0, 0, 0)
        self.assignee_label = QLabel(self.assignee_row)
        self.assignee_label.setObjectName("hvAssigneeLabel")
        self.assignee = QComboBox(self.assignee_row)
        self.assignee.setObjectName("hvAssignee")
        assignee.addWidget(self.assignee_label, 0)
        assignee.addWidget(self.assignee, 1)
        self.assignee_row.hide()
        col.addWidget(self.assignee_row)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        self.add_btn = BigButton("", "document", object_name="hvAdd", beside=True, icon_px=40)
        self.take_btn = BigButton("", "volunteer", object_name="hvTake", role="secondary",
                                  beside=True, icon_px=40)
        self.done_btn = BigButton("", "done", object_name="hvDone", beside=True, icon_px=40)
        self.cancel_btn = BigButton("", "no", object_name="hvCancel", role="secondary",
                                    beside=True, icon_px=40)
        for b in (self.add_btn, self.take_btn, self.done_btn, self.cancel_btn):
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            buttons.addWidget(b, 1)
        col.addLayout(buttons)
        self.village_list.currentRowChanged.connect(self._on_village_chosen)
        self.visit_list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.assignee.currentIndexChanged.connect(lambda _i: self._on_assignee_changed())
        self.add_btn.clicked.connect(self.open_form)
        self.take_btn.clicked.connect(self.take)
        self.done_btn.clicked.connect(self.mark_done)
        self.cancel_btn.clicked.connect(self.cancel)
        return page

    def _build_form(self) -> QWidget:
        """The fields on the left, Save and Back in a column on the right: every field and
        both actions on screen at 1366×768 with the largest text, nothing scrolls."""
        page = QWidget(self.pages)
        page.setObjectName("hvFormPage")
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(24)
        form = QGridLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        self.f_village = QComboBox(page)
        self.f_village.setObjectName("hvVillage")
        self.f_village.setEditable(True)
        self.f_village.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.f_village.lineEdit()
        if line is not None:
            line.setMaxLength(80)
            line.setObjectName("hvVillageText")
        self.f_household = QLineEdit(page)
        self.f_household.setObjectName("hvHousehold")
        self.f_household.setMaxLength(HOUSEHOLD_MAX)
        self.f_service = WholeComboBox(page)
        self.f_service.setObjectName("hvService")
        self.f_needs = QLineEdit(page)
        self.f_needs.setObjectName("hvNeeds")
        self.f_needs.setMaxLength(NEEDS_MAX)
        self.f_time = QLineEdit(page)
        self.f_time.setObjectName("hvBestTime")
        self.f_time.setMaxLength(BEST_TIME_MAX)
        self.phone_gate = PhoneGate(page)
        self.phone_gate.requested.connect(self._ask_consent)
        self.form_labels: dict[str, QLabel] = {}
        # The service has a row of its own: sharing one with the notes box cut its name
        # ("Tài khoản định dan…") at 1366×768 with the largest text. The list that opens is
        # as wide as its longest name (up to the screen) and wraps what is longer still.
        self.f_service.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.f_service.setMinimumContentsLength(12)
        rows: list[tuple[str, QWidget]] = [
            ("village", self.f_village), ("household", self.f_household),
            ("service", self.f_service), ("needs", self.f_needs), ("time", self.f_time),
            ("phone", self.phone_gate)]
        for i, (key, widget) in enumerate(rows):
            label = QLabel(page)
            label.setObjectName(f"hvLabel_{key}")
            # One line each: wrapped labels let the grid narrow this column after A−/A+ and
            # every row grew a line taller, pushing the phone row off a 1366×768 screen.
            self.form_labels[key] = label
            form.addWidget(label, i, 0)
            form.addWidget(widget, i, 1)
        form.setColumnStretch(1, 1)
        form.setRowStretch(len(rows), 1)
        row.addLayout(form, 1)
        side = QVBoxLayout()
        side.setSpacing(16)
        self.save_btn = BigButton("", "done", object_name="hvSave", beside=True, icon_px=56)
        self.save_btn.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.form_back_btn = BigButton("", "back", object_name="hvFormBack", role="secondary",
                                       beside=True, icon_px=40)
        self.form_back_btn.setSizePolicy(QSizePolicy.Policy.Expanding,
                                         QSizePolicy.Policy.Maximum)
        side.addWidget(self.save_btn, 1)
        side.addStretch(1)
        side.addWidget(self.form_back_btn, 0)
        self.side = QWidget(page)
        self.side.setObjectName("hvFormSide")
        self.side.setLayout(side)
        row.addWidget(self.side, 0)
        self.save_btn.clicked.connect(self.save)
        self.form_back_btn.clicked.connect(self.show_list)
        return page

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        self.side.setFixedWidth(max(260, self.width() // 5))
        self.save_btn.setMaximumHeight(max(theme.current_target(), self.height() // 3))
        super().resizeEvent(event)

    @property
    def own_back(self) -> bool:  # type: ignore[override]
        return self.pages.currentIndex() == PAGE_FORM

    # -- navigation --------------------------------------------------------------------------
    def on_enter(self, **context: Any) -> None:
        if not self.state.is_helper:
            self.nav.go_to(ScreenId.PIN, remember=False, next=ScreenId.HOME_VISITS)
            return
        answer = context.get("consent")
        if isinstance(answer, tuple) and len(answer) == 2:
            # Back from the consent screen: the form is as the volunteer left it.
            self._on_consent_answered(bool(answer[1]))
            return
        self._say("")
        self.pages.setCurrentIndex(PAGE_LIST)
        self.retranslate()
        self.refresh()

    def reset(self) -> None:
        """Idle or sign-out: forget the form and the list (names of people to visit)."""
        self._loads.cancel()
        self._clear_form()
        self.loaded = None
        self.village = ""
        self.village_list.clear()
        self.visit_list.clear()
        self.assignee.clear()
        self.assignee_row.hide()
        self._say("")
        self.pages.setCurrentIndex(PAGE_LIST)

    def show_list(self) -> None:
        self.pages.setCurrentIndex(PAGE_LIST)
        self._say("")
        self.retranslate()

    def open_form(self) -> None:
        self._clear_form()
        self._say("")
        self.pages.setCurrentIndex(PAGE_FORM)
        if self.village:
            self.f_village.setEditText(self.village)
        elif self.config.village:
            self.f_village.setEditText(self.config.village)
        self.retranslate()
        self.f_household.setFocus()

    # -- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        actor = self.state.actor

        def read() -> _Loaded:  # on the db lane
            groups = self.visits.by_village(actor)
            services = self.queue().services()
            villages: list[str] = []
            if self.config.commune:
                try:
                    villages = [p.name for p in self.places.villages(self.config.commune)]
                except KioskError:
                    villages = []  # no place list for this commune: free text
            members: list[tuple[str, str]] = []
            if actor.role is Role.STAFF:
                members = [(m.uuid, m.name) for m in AuthService(self.visits.store)
                           .list_members(actor) if m.active]
            return _Loaded(groups, services, villages, members)

        Op(read).on("db").success(self._apply).problem(self._problem) \
            .latest_only(self._loads).run(self.tasks)

    def _apply(self, loaded: _Loaded) -> None:
        self.loaded = loaded
        known = [g.village for g in loaded.groups]
        if self.village not in known:
            self.village = known[0] if known else ""
        self.village_list.blockSignals(True)
        self.village_list.clear()
        for g in loaded.groups:
            item = QListWidgetItem(f"{g.village} ({len(g.visits)})")
            item.setData(Qt.ItemDataRole.UserRole, g.village)
            self.village_list.addItem(item)
        if self.village:
            self.village_list.setCurrentRow(known.index(self.village))
        self.village_list.blockSignals(False)
        self._fill_form_choices(loaded)
        self._fill_members(loaded)
        self._show_visits()

    def _fill_form_choices(self, loaded: _Loaded) -> None:
        chosen = self.f_service.currentData()
        self.f_service.clear()
        english = self.state.language == "en"
        for svc in loaded.services:
            self.f_service.addItem(svc.name_en if english and svc.name_en else svc.name_vi,
                                   svc.code)
        if chosen is not None:
            self.f_service.setCurrentIndex(max(0, self.f_service.findData(chosen)))
        typed = self.f_village.currentText()
        self.f_village.clear()
        self.f_village.addItems(loaded.villages)
        self.f_village.setEditText(typed)

    def _fill_members(self, loaded: _Loaded) -> None:
        chosen = self.assignee.currentData() or self.state.actor.uuid
        self.assignee.clear()
        for uuid, name in loaded.members:
            self.assignee.addItem(name, uuid)
        self.assignee.setCurrentIndex(max(0, self.assignee.findData(chosen)))
        self.assignee_row.setVisible(bool(loaded.members))

    def _group(self) -> VillageVisits | None:
        if self.loaded is None:
            return None
        return next((g for g in self.loaded.groups if g.village == self.village), None)

    def _show_visits(self) -> None:
        group = self._group()
        keep = self.selected()
        self.visit_list.clear()
        for v in group.visits if group is not None else ():
            item = QListWidgetItem(self._describe(v))
            item.setData(Qt.ItemDataRole.UserRole, v.uuid)
            self.visit_list.addItem(item)
        if self.visit_list.count():
            uuids = [v.uuid for v in group.visits] if group is not None else []
            row = uuids.index(keep.uuid) if keep is not None and keep.uuid in uuids else 0
            self.visit_list.setCurrentRow(row)
        has_any = bool(self.loaded and self.loaded.groups)
        self.village_list.setVisible(has_any)
        self.visit_list.setVisible(has_any)
        self.empty.setVisible(not has_any)
        self._update_buttons()

    def _describe(self, v: VisitInfo) -> str:
        lines = [v.household or self.tr("(đã xóa thông tin người cần hỗ trợ)"),
                 v.service_name + (f": {v.needs}" if v.needs else "")]
        extra = []
        if v.best_time:
            extra.append(self.tr("Lúc: {t}").replace("{t}", v.best_time))
        if v.phone:
            extra.append(self.tr("ĐT: {p}").replace("{p}", v.phone))
        if extra:
            lines.append(" · ".join(extra))
        if v.status == "assigned":
            lines.append(self.tr("Đã có người nhận: {name}").replace(
                "{name}", v.assigned_name or "?"))
        else:
            lines.append(self.tr("Chưa có người nhận"))
        return "\n".join(lines)

    def selected(self) -> VisitInfo | None:
        group = self._group()
        item = self.visit_list.currentItem()
        if group is None or item is None:
            return None
        uuid = item.data(Qt.ItemDataRole.UserRole)
        return next((v for v in group.visits if v.uuid == uuid), None)

    def _on_village_chosen(self, row: int) -> None:
        item = self.village_list.item(row)
        if item is not None:
            self.village = str(item.data(Qt.ItemDataRole.UserRole))
            self._show_visits()

    def _on_assignee_changed(self) -> None:
        self.retranslate()
        self._update_buttons()

    def _update_buttons(self) -> None:
        v = self.selected()
        actor = self.state.actor
        staff = actor.role is Role.STAFF
        to = self._assign_to()
        self.take_btn.setEnabled(not self.busy and v is not None
                                 and (v.assigned_to is None or (staff and v.assigned_to != to)))
        self.done_btn.setEnabled(not self.busy and v is not None
                                 and (staff or v.assigned_to in (None, actor.uuid)))
        self.cancel_btn.setEnabled(not self.busy and v is not None
                                   and (staff or v.created_by == actor.uuid))
        self.add_btn.setEnabled(not self.busy)
        self.save_btn.setEnabled(not self.busy)

    # -- actions -----------------------------------------------------------------------------
    def _run(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.busy = True
        self._update_buttons()

        def finished() -> None:
            self.busy = False
            self._update_buttons()

        Op(fn).on("db").always(finished).success(done).problem(self._problem).run(self.tasks)

    def _assign_to(self) -> str:
        """Whom "Nhận việc"/"Giao việc" gives the visit to: staff choose, a volunteer is it."""
        if self.state.actor.role is Role.STAFF and not self.assignee_row.isHidden():
            return str(self.assignee.currentData() or self.state.actor.uuid)
        return self.state.actor.uuid

    def take(self) -> None:
        v = self.selected()
        if v is None:
            return
        actor = self.state.actor
        to = self._assign_to()

        def taken(info: VisitInfo) -> None:
            if to == actor.uuid:
                self._say(self.tr("Bạn đã nhận việc: {who}.").replace("{who}", info.household))
            else:
                self._say(self.tr("Đã giao việc cho {name}: {who}.").replace(
                    "{name}", info.assigned_name).replace("{who}", info.household))
            self.refresh()

        self._run(lambda: self.visits.assign(actor, v.uuid, to), taken)

    def mark_done(self) -> None:
        v = self.selected()
        if v is None:
            return
        actor = self.state.actor

        def done(_result: Any) -> None:
            text = self.tr("Đã xong. Lượt hỗ trợ tại nhà đã được ghi vào sổ.")
            self._say(text)
            self.notify(text)
            self.refresh()

        self._run(lambda: self.visits.mark_done(actor, v.uuid), done)

    def cancel(self) -> None:
        v = self.selected()
        if v is None:
            return
        actor = self.state.actor

        def cancelled(_info: VisitInfo) -> None:
            self._say(self.tr("Đã hủy yêu cầu. Tên và số điện thoại đã được xóa."))
            self.refresh()

        self._run(lambda: self.visits.cancel(actor, v.uuid), cancelled)

    def draft(self) -> VisitDraft:
        phone, consent = self.phone_gate.values()
        return VisitDraft(village=self.f_village.currentText(),
                          household=self.f_household.text(),
                          service_code=str(self.f_service.currentData() or ""),
                          needs=self.f_needs.text(), best_time=self.f_time.text(),
                          phone=phone, phone_consent=consent)

    def save(self) -> None:
        actor = self.state.actor
        draft = self.draft()

        def saved(info: VisitInfo) -> None:
            self._clear_form()
            self.village = info.village
            self.pages.setCurrentIndex(PAGE_LIST)
            self._say(self.tr("Đã ghi yêu cầu đến nhà ở {village}.").replace(
                "{village}", info.village))
            self.retranslate()
            self.refresh()

        self._run(lambda: self.visits.create(actor, draft), saved)

    # -- consent -----------------------------------------------------------------------------
    def _ask_consent(self, kind: str) -> None:
        notice = consent_notice(kind, self.config.help_point_name, self.config.commune,
                                int(self.config.contact_retention_days), self.state.language)
        self.nav.go_to(ScreenId.CONSENT, remember=False, notice=notice,
                       answer_to=ScreenId.HOME_VISITS)

    def _on_consent_answered(self, agreed: bool) -> None:
        self.pages.setCurrentIndex(PAGE_FORM)
        if agreed:
            self.phone_gate.grant()
            self._say(self.tr("Người dân đã đồng ý. Hãy ghi số điện thoại."))
            self.phone_gate.phone.setFocus()
        else:
            self.phone_gate.decline()
            self._say(self.tr("Không lưu số điện thoại. Yêu cầu vẫn được ghi."))
        self.retranslate()

    # -- helpers -----------------------------------------------------------------------------
    def _clear_form(self) -> None:
        for w in (self.f_household, self.f_needs, self.f_time):
            w.clear()
        self.f_village.setEditText("")
        if self.f_service.count():
            self.f_service.setCurrentIndex(0)
        self.phone_gate.reset()

    def _problem(self, exc: KioskError) -> None:
        self._say(exc.message(self.state.language))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def retranslate(self) -> None:
        on_form = self.pages.currentIndex() == PAGE_FORM
        self.title.setText(self.tr("Thêm yêu cầu đến nhà") if on_form
                           else self.tr("Danh sách đến nhà hỗ trợ"))
        # The form needs the title's height for its fields; "Lưu yêu cầu" says what it is.
        self.title.setVisible(not on_form)
        self.village_list.setAccessibleName(self.tr("Thôn, tổ dân phố có yêu cầu"))
        self.visit_list.setAccessibleName(self.tr("Yêu cầu đến nhà ở thôn đã chọn"))
        self.empty.setText(self.tr("Chưa có yêu cầu đến nhà nào. Bấm “Thêm yêu cầu” khi có "
                                   "người cần tổ đến tận nhà hỗ trợ."))
        self.add_btn.set_label(self.tr("Thêm yêu cầu"),
                               self.tr("Ghi một người cần tổ đến tận nhà hỗ trợ."))
        if self._assign_to() == self.state.actor.uuid:
            self.take_btn.set_label(self.tr("Nhận việc"), self.tr("Bạn sẽ đến nhà này."))
        else:
            self.take_btn.set_label(self.tr("Giao việc"),
                                    self.tr("Người đã chọn sẽ đến nhà này."))
        self.assignee_label.setText(self.tr("Người đến nhà:"))
        self.assignee.setAccessibleName(self.tr("Người đến nhà"))
        self.done_btn.set_label(self.tr("Đã xong"),
                                self.tr("Đã đến hỗ trợ: ghi lượt hỗ trợ tại nhà."))
        self.cancel_btn.set_label(self.tr("Hủy yêu cầu"),
                                  self.tr("Không cần đến nữa: xóa tên và số điện thoại."))
        self.save_btn.set_label(self.tr("Lưu yêu cầu"), self.tr("Ghi yêu cầu vào danh sách."))
        self.form_back_btn.set_label(self.tr("Quay lại danh sách"),
                                     self.tr("Không lưu, trở về danh sách."))
        labels = {"village": self.tr("Thôn/tổ dân phố"),
                  "household": self.tr("Người cần hỗ trợ"),
                  "service": self.tr("Cần hỗ trợ việc gì"), "needs": self.tr("Ghi thêm"),
                  "time": self.tr("Thời gian thuận tiện"), "phone": self.tr("Điện thoại")}
        for key, text in labels.items():
            self.form_labels[key].setText(text)
        self.f_village.setAccessibleName(self.tr("Thôn/tổ dân phố"))
        line = self.f_village.lineEdit()
        if line is not None:
            line.setAccessibleName(self.tr("Thôn/tổ dân phố"))
        self.f_household.setAccessibleName(self.tr("Người cần hỗ trợ"))
        self.f_household.setPlaceholderText(self.tr("Tên hoặc mô tả nhà, ví dụ: bà Tư, cạnh "
                                                    "nhà văn hóa"))
        self.f_service.setAccessibleName(self.tr("Cần hỗ trợ việc gì"))
        self.f_needs.setAccessibleName(self.tr("Ghi thêm việc cần hỗ trợ"))
        self.f_needs.setPlaceholderText(self.tr("Ví dụ: kích hoạt tài khoản mức 2"))
        self.f_time.setAccessibleName(self.tr("Thời gian thuận tiện"))
        self.f_time.setPlaceholderText(self.tr("Ví dụ: sáng thứ Bảy"))
        self.phone_gate.retranslate()
        if self.loaded is not None:
            group = self._group()
            for i, v in enumerate(group.visits if group is not None else ()):
                item = self.visit_list.item(i)
                if item is not None:
                    item.setText(self._describe(v))

    def announcement(self) -> str:
        return self.title.text()
