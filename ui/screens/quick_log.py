"""Quick log: a volunteer records one helped citizen in a few taps (ScreenId.QUICK_LOG).

One screen of large toggle buttons. The common case from the volunteer console (the ticket's
service and "Xong" already chosen) is: age band, gender, "Lưu". Nothing personal is ever
chosen in advance; a contact or an ethnic group needs the citizen's consent first
(:mod:`ui.screens.consent`). Today's records can be opened again and edited the same day; an
older record, someone else's record or a deletion needs staff and a reason.

Context for ``on_enter``: ``ticket_uuid`` (prefill from the queue ticket), ``tutorial_id``,
``service`` (a service code to preselect), ``edit_uuid`` (open a saved record) and
``return_to`` (a ScreenId to go back to after saving; by default the volunteer console when
a ticket was given, else Home).

Every rule (roles, consent, note privacy, places) is checked again by
:class:`kiosk.assistance.AssistanceService`; all database work runs on the "db" lane and
callbacks arrive on the GUI thread.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
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

from kiosk.assistance import (
    AGE_BANDS,
    CHANNELS,
    GENDERS,
    OUTCOMES,
    AssistanceDraft,
    AssistanceService,
    RecordInfo,
    RecordNotFound,
)
from kiosk.auth import Actor
from kiosk.clock import to_local
from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.places import PlaceInfo, PlaceService, match_commune, match_place
from kiosk.privacy import (
    NOTE_MAX_CHARS,
    PrivacyError,
    check_note,
    consent_notice,
)
from kiosk.queue import QueueError, QueueService, ServiceInfo
from ui import theme
from ui.navigator import Navigator, ScreenId
from ui.ops import Latest, Op
from ui.screens.base import BaseScreen, SpeakerLike
from ui.screens.consent import ContactGate, EthnicGate
from ui.state import KioskState
from ui.take_home import SlipPrinter
from ui.tasks import TaskRunner
from ui.widgets.ask_dialog import AskDialog, ask
from ui.widgets.big_button import BigButton
from ui.widgets.choices import ChoiceGroup, two_lines

log = logging.getLogger(__name__)

PAGE_FORM, PAGE_TODAY = 0, 1
#: The form's sheets: what the commune reports count first, then the rest.
SHEET_MAIN, SHEET_DETAILS, SHEET_CONTACT = 0, 1, 2


def _row_label(parent: QWidget, object_name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return label


# -- what the screen loads ---------------------------------------------------------------------
@dataclass
class _Loaded:
    services: list[ServiceInfo]
    communes: list[PlaceInfo]
    commune: PlaceInfo | None
    villages: list[PlaceInfo]
    draft: AssistanceDraft | None = None
    record: RecordInfo | None = None
    ticket_label: str = ""
    problem: str = ""
    village_text: str = ""


def match_village(villages: Sequence[PlaceInfo], text: str) -> PlaceInfo | None:
    found = match_place(villages, text)
    return found.place if found is not None else None


class QuickLogScreen(BaseScreen):
    """Log one helped citizen; open, edit or delete today's records.

    Args:
        assistance: the assistance log service.
        queue: returns the queue service (services list, ticket labels); called on the db lane.
        places: communes and villages for the place boxes.
        config: the kiosk settings in force (help point, place, mode, retention).
        notify: shows a calm confirmation after a save (the window's message box).
        slips: prints the take-home slip "Hôm nay đã làm" of a saved record
            (:class:`ui.take_home.SlipPrinter`): "Lưu và in phiếu" on the form, "In phiếu mang
            về" for a record chosen in today's list. None: no such buttons.
    """

    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 tasks: TaskRunner, assistance: AssistanceService,
                 queue: Callable[[], QueueService], places: PlaceService, config: Config,
                 notify: Callable[[str], None] | None = None,
                 slips: SlipPrinter | None = None) -> None:
        super().__init__(state, nav, speaker, "quickLog")
        self.tasks = tasks
        self.assistance = assistance
        self.queue = queue
        self.places = places
        self.config = config
        self.notify = notify or (lambda _text: None)
        self.slips = slips  # prints "Hôm nay đã làm" for a saved record (None: no printer)
        self.context: dict[str, Any] = {}
        self._entry_context: dict[str, Any] = {}
        self.loaded: _Loaded | None = None
        self.draft: AssistanceDraft | None = None
        self.editing: RecordInfo | None = None
        self.return_to = ScreenId.HOME
        self.saving = False
        self._loads = Latest()  # a newer load (or a cleared form) drops an older answer
        self.service_infos: dict[str, ServiceInfo] = {}

        # One heading line (what, and the ticket) instead of a title and a subtitle: the
        # three-tap sheet needs the height at 1366×768. A message takes the same line.
        self.title.hide()
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("quickLogSubtitle")
        self.subtitle.setProperty("role", "muted")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle.setWordWrap(True)
        self.outer.addWidget(self.subtitle)
        # Errors and confirmations, full width in the heading's place, so a long privacy
        # message reads in one or two lines and never pushes the Save button away.
        self.message = QLabel(self)
        self.message.setObjectName("qlMessage")
        self.message.setProperty("role", "tip")
        self.message.setWordWrap(True)
        self.message.hide()
        self.outer.addWidget(self.message)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("quickLogPages")
        self.outer.addWidget(self.pages, 1)
        self._build_form_page()
        self._build_today_page()
        state.look_changed.connect(self._restyle_choices)
        self.retranslate()

    # -- building --------------------------------------------------------------------------------
    def _build_form_page(self) -> None:
        """Three sheets beside one Save column, never a scroll area: on entry the services,
        the age band, the gender and "Lưu" are all on screen (three taps at 1366×768); the
        details and the note/contact are one tap away, and no field moves when it gets focus.
        """
        page = QWidget(self.pages)
        page.setObjectName("quickLogFormPage")
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(24)
        self.sheets = QStackedWidget(page)
        self.sheets.setObjectName("quickLogSheets")
        row.addWidget(self.sheets, 1)

        self.services = ChoiceGroup("qlService", exclusive=False)
        self.outcome = ChoiceGroup("qlOutcome", required=True, wrap=40)
        self.age = ChoiceGroup("qlAge")
        self.gender = ChoiceGroup("qlGender")
        self.channel = ChoiceGroup("qlChannel", required=True)
        self.first_visit = ChoiceGroup("qlFirstVisit", wrap=40)
        self.satisfaction = ChoiceGroup("qlSatisfaction")
        self.outcome.set_choices([(o, o, "", "") for o in OUTCOMES])
        self.age.set_choices([(a, a, "", "") for a in AGE_BANDS])
        self.gender.set_choices([(g, g, "", "") for g in GENDERS])
        self.channel.set_choices([(c, c, "", "") for c in CHANNELS])
        self.first_visit.set_choices([("yes", "yes", "", ""), ("no", "no", "", "")])
        self.satisfaction.set_choices([(str(n), str(n), "", "") for n in range(1, 6)])

        self.place = QWidget()
        self.place.setObjectName("qlPlace")
        place_row = QHBoxLayout(self.place)
        place_row.setContentsMargins(0, 0, 0, 0)
        self.commune = QComboBox(self.place)
        self.commune.setObjectName("qlCommune")
        self.village = QComboBox(self.place)
        self.village.setObjectName("qlVillage")
        place_row.addWidget(self.commune, 1)
        place_row.addWidget(self.village, 1)
        self.commune.activated.connect(lambda _i: self._on_commune_chosen())

        self.ethnic = EthnicGate()
        self.contact = ContactGate()
        self.ethnic.requested.connect(self._ask_consent)
        self.contact.requested.connect(self._ask_consent)
        self.note = QLineEdit()
        self.note.setObjectName("qlNote")
        self.note.setMaxLength(NOTE_MAX_CHARS)

        self.row_labels: dict[str, QLabel] = {}
        sheets: list[list[tuple[str, QWidget]]] = [
            [("service", self.services), ("age", self.age), ("gender", self.gender)],
            [("outcome", self.outcome), ("channel", self.channel),
             ("first_visit", self.first_visit), ("satisfaction", self.satisfaction)],
            [("note", self.note), ("contact", self.contact), ("ethnic", self.ethnic),
             ("place", self.place)],
        ]
        self.sheet_of: dict[str, int] = {}
        for index, rows in enumerate(sheets):
            sheet = QWidget(self.sheets)
            sheet.setObjectName(f"quickLogSheet{index + 1}")
            col = QVBoxLayout(sheet)
            col.setContentsMargins(0, 0, 0, 0)
            col.setSpacing(14)
            for key, widget in rows:
                line = QHBoxLayout()
                line.setSpacing(16)
                label = _row_label(sheet, f"qlLabel_{key}")
                self.row_labels[key] = label
                widget.setParent(sheet)
                line.addWidget(label, 0)
                line.addWidget(widget, 1)
                col.addLayout(line)
                self.sheet_of[key] = index
            col.addStretch(1)
            self.sheets.addWidget(sheet)

        side = QWidget(page)
        side.setObjectName("quickLogSide")
        side_col = QVBoxLayout(side)
        side_col.setContentsMargins(0, 0, 0, 0)
        side_col.setSpacing(8)  # 8, not 16: room for "Lưu và in phiếu" at the largest text
        # Icon beside the word: still a big block, but it needs little height on 1366×768.
        self.save_btn = BigButton("", "done", object_name="qlSave", beside=True, icon_px=56)
        self.save_btn.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.more_btn = BigButton("", "next", object_name="qlMore", role="secondary",
                                  beside=True, icon_px=40)
        self.today_btn = BigButton("", "document", object_name="qlTodayButton",
                                   role="secondary", beside=True, icon_px=40)
        # Save, then print the take-home slip for the citizen (one touch instead of "Lưu").
        self.save_print_btn = BigButton("", "print", object_name="qlSavePrint",
                                        role="secondary", beside=True, icon_px=40)
        self.save_print_btn.setVisible(self.slips is not None)
        self.cancel_edit_btn = BigButton("", "back", object_name="qlCancelEdit",
                                         role="secondary", beside=True, icon_px=40)
        self.cancel_edit_btn.hide()
        for b in (self.more_btn, self.today_btn, self.cancel_edit_btn, self.save_print_btn):
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        side_col.addWidget(self.save_btn, 1)
        side_col.addWidget(self.save_print_btn, 0)
        side_col.addWidget(self.more_btn, 0)
        side_col.addStretch(0)
        side_col.addWidget(self.cancel_edit_btn, 0)
        side_col.addWidget(self.today_btn, 0)
        row.addWidget(side, 0)
        self.side = side
        self.save_btn.clicked.connect(lambda: self.save())
        self.save_print_btn.clicked.connect(self.save_and_print)
        self.more_btn.clicked.connect(lambda: self.show_sheet((self.sheets.currentIndex() + 1)
                                                             % self.sheets.count()))
        self.today_btn.clicked.connect(self.show_today)
        self.cancel_edit_btn.clicked.connect(self._cancel_edit)
        self.pages.addWidget(page)

    def show_sheet(self, index: int) -> None:
        """Turn to a sheet of the form; the values on the others stay as they are."""
        self.sheets.setCurrentIndex(index)
        self.retranslate()

    def _build_today_page(self) -> None:
        page = QWidget(self.pages)
        page.setObjectName("quickLogTodayPage")
        col = QVBoxLayout(page)
        col.setContentsMargins(0, 0, 0, 0)
        self.today_heading = QLabel(page)
        self.today_heading.setObjectName("qlTodayHeading")
        self.today_heading.setWordWrap(True)
        self.today_list = QListWidget(page)
        self.today_list.setObjectName("qlTodayList")
        self.today_list.setWordWrap(True)
        self.today_list.setSpacing(6)
        self.today_message = QLabel(page)
        self.today_message.setObjectName("qlTodayMessage")
        self.today_message.setWordWrap(True)
        self.today_message.setProperty("role", "tip")
        self.today_message.hide()
        buttons = QHBoxLayout()
        self.today_back_btn = BigButton("", "back", object_name="qlTodayBack",
                                        role="secondary", beside=True, icon_px=40)
        self.today_edit_btn = BigButton("", "key", object_name="qlTodayEdit", beside=True,
                                        icon_px=40)
        self.today_delete_btn = BigButton("", "warning", object_name="qlTodayDelete",
                                          role="danger", beside=True, icon_px=40)
        self.today_print_btn = BigButton("", "print", object_name="qlTodayPrint",
                                         role="secondary", beside=True, icon_px=40)
        buttons.addWidget(self.today_back_btn)
        buttons.addWidget(self.today_edit_btn)
        buttons.addWidget(self.today_print_btn)
        buttons.addWidget(self.today_delete_btn)
        col.addWidget(self.today_heading)
        col.addWidget(self.today_list, 1)
        col.addWidget(self.today_message)
        col.addLayout(buttons)
        self.today_back_btn.clicked.connect(lambda: self._show_page(PAGE_FORM))
        self.today_edit_btn.clicked.connect(self._edit_selected)
        self.today_print_btn.clicked.connect(self._print_selected)
        self.today_delete_btn.clicked.connect(self._delete_selected)
        self.today_list.itemDoubleClicked.connect(lambda _i: self._edit_selected())
        self.pages.addWidget(page)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        # The Save column: enough for its words on one or two lines at the largest text; the
        # rest is the sheet, wide enough for the five age bands in one row at 1366×768.
        self.side.setFixedWidth(max(260, self.width() // 6))
        # Save grows to a quarter of the screen, but never forces the screen taller.
        self.save_btn.setMaximumHeight(max(theme.current_target(), self.height() // 4))
        super().resizeEvent(event)

    # -- navigation ------------------------------------------------------------------------------
    def on_enter(self, **context: Any) -> None:
        if not self.state.is_helper:
            self.nav.go_to(ScreenId.PIN, remember=False, next=ScreenId.QUICK_LOG)
            return
        answer = context.get("consent")
        if isinstance(answer, tuple) and len(answer) == 2:
            # Back from the consent screen: the form is as the volunteer left it.
            kind, agreed = answer
            self._on_consent_answered(str(kind), bool(agreed))
            return
        self._entry_context = dict(context)
        given = context.get("return_to")
        if isinstance(given, ScreenId) and self.nav.has(given):
            self.return_to = given
        elif context.get("ticket_uuid") and self.nav.has(ScreenId.VOLUNTEER):
            self.return_to = ScreenId.VOLUNTEER
        else:
            self.return_to = ScreenId.HOME
        self._open(self._entry_context)

    def _open(self, context: dict[str, Any]) -> None:
        """Show the form for ``context`` (a new help, a ticket, or a record to edit)."""
        self.context = dict(context)
        self._clear_form()
        self.loaded = None
        self._show_page(PAGE_FORM)
        self.retranslate()
        self._load()

    def reset(self) -> None:
        for dialog in self.findChildren(AskDialog):
            dialog.reject()
        self._clear_form()
        self.context = {}
        self._entry_context = {}
        self._show_page(PAGE_FORM)

    def _go_back(self) -> None:
        if self.return_to is ScreenId.HOME:
            self.nav.home()
        else:
            self.nav.go_to(self.return_to, remember=False)

    # -- loading ---------------------------------------------------------------------------------
    def _load(self) -> None:
        actor = self.state.actor
        ctx = dict(self.context)
        self.save_btn.setEnabled(False)

        def shown(exc: KioskError) -> None:
            self.save_btn.setEnabled(True)
            self._show_problem(exc.message(self.state.language))

        Op(lambda: self._read(actor, ctx)).on("db").success(self._apply).problem(shown) \
            .latest_only(self._loads).run(self.tasks)

    def _read(self, actor: Actor, ctx: dict[str, Any]) -> _Loaded:
        """Runs on the db lane: everything the form needs, as plain values."""
        queue = self.queue()
        services = queue.services(include_disabled=True)
        communes = self.places.communes()
        loaded = _Loaded(services=services, communes=communes, commune=None, villages=[])
        commune_text, village_text = self.config.commune, self.config.village
        if ctx.get("edit_uuid"):
            loaded.record = self.assistance.get(actor, str(ctx["edit_uuid"]))
            commune_text, village_text = loaded.record.commune, loaded.record.village
        elif ctx.get("ticket_uuid"):
            try:
                loaded.draft = self.assistance.draft_from_ticket(actor, str(ctx["ticket_uuid"]))
                loaded.ticket_label = queue.ticket(str(ctx["ticket_uuid"])).label
            except (RecordNotFound, QueueError) as exc:
                loaded.problem = exc.message(self.state.language)
        loaded.commune = match_commune(communes, commune_text)
        if loaded.commune is not None:
            loaded.villages = self.places.villages(loaded.commune.id)
        loaded.village_text = village_text
        return loaded

    def _apply(self, loaded: _Loaded) -> None:
        self.loaded = loaded
        self.service_infos = {s.code: s for s in loaded.services}
        self.draft = loaded.draft
        self.editing = loaded.record
        self._fill_services()
        self._fill_places(loaded)
        if loaded.record is not None:
            self._show_record(loaded.record)
        else:
            self._prefill_new(loaded)
        if loaded.problem:
            self._show_problem(loaded.problem)
        self.save_btn.setEnabled(True)
        self.retranslate()

    def _fill_services(self) -> None:
        lang = self.state.language
        wanted = set(self.services.values())
        if self.editing is not None:
            wanted |= set(self.editing.services)
        choices = [(s.code, s.name(lang), s.icon, "") for s in self.service_infos.values()
                   if s.enabled or s.code in wanted]
        self.services.set_choices(choices, self._palette())

    def _fill_places(self, loaded: _Loaded) -> None:
        self.commune.clear()
        self.village.clear()
        if not loaded.communes:
            # No place list yet: free text, as the service accepts any name then.
            self.commune.setEditable(True)
            self.village.setEditable(True)
            self.commune.setEditText(self.config.commune if loaded.record is None
                                     else loaded.record.commune)
            self.village.setEditText(self.config.village if loaded.record is None
                                     else loaded.record.village)
            return
        self.commune.setEditable(False)
        self.village.setEditable(False)
        self.commune.addItem(self.tr("(Không ghi xã/phường)"), "")
        for p in loaded.communes:
            self.commune.addItem(p.label, p.name)
        record = loaded.record
        if loaded.commune is not None:
            self.commune.setCurrentIndex(max(0, self.commune.findData(loaded.commune.name)))
        elif record is not None and record.commune:
            # A record from elsewhere (a bundle) keeps its place unless someone changes it.
            self.commune.addItem(record.commune, record.commune)
            self.commune.setCurrentIndex(self.commune.count() - 1)
        self._set_villages(loaded.villages, loaded.village_text, keep=record is not None)

    def _set_villages(self, villages: Sequence[PlaceInfo], wanted: str,
                      keep: bool = False) -> None:
        self.village.clear()
        self.village.setEditable(False)
        self.village.addItem(self.tr("(Không ghi thôn/tổ)"), "")
        for v in villages:
            self.village.addItem(v.label, v.name)
        match = match_village(villages, wanted) if wanted else None
        if match is not None:
            self.village.setCurrentIndex(max(0, self.village.findData(match.name)))
        elif keep and wanted:
            self.village.addItem(wanted, wanted)
            self.village.setCurrentIndex(self.village.count() - 1)
        self.village.setEnabled(self.village.count() > 1)

    def _on_commune_chosen(self) -> None:
        name = self.commune.currentData()
        if not name:
            self._set_villages([], "")
            return

        def failed(exc: BaseException) -> None:
            self._set_villages([], "")
            log.warning("villages of the chosen commune not loaded: %s", type(exc).__name__)

        Op(lambda: self.places.villages(name)).on("db") \
            .success(lambda vs: self._set_villages(vs, "")).failure(failed).run(self.tasks)

    def _prefill_new(self, loaded: _Loaded) -> None:
        """Only what the ticket or the context already says; nothing about the person."""
        self.outcome.set_value("done")
        mobile = self.config.mode == "mobile"
        self.channel.set_value("home_visit" if mobile and loaded.draft is None
                               else "help_point")
        code = ""
        if loaded.draft is not None and loaded.draft.services:
            code = loaded.draft.services[0]
        elif self.context.get("service"):
            code = str(self.context["service"])
        elif self.context.get("tutorial_id"):
            tid = str(self.context["tutorial_id"])
            code = next((s.code for s in loaded.services if s.enabled and tid in s.tutorials),
                        "")
        if code in self.services.buttons:
            self.services.set_value(code)
        if loaded.draft is not None and loaded.draft.satisfaction is not None:
            self.satisfaction.set_value(str(loaded.draft.satisfaction))

    def _show_record(self, r: RecordInfo) -> None:
        self.services.set_values(r.services)
        self.outcome.set_value(r.outcome)
        self.channel.set_value(r.channel)
        self.age.set_value(r.age_band)
        self.gender.set_value(r.gender)
        self.first_visit.set_value("" if r.first_visit is None
                                   else ("yes" if r.first_visit else "no"))
        self.satisfaction.set_value("" if r.satisfaction is None else str(r.satisfaction))
        self.note.setText(r.note)
        self.ethnic.set_values(r.ethnic_group, r.ethnic_consent_at is not None)
        self.contact.set_values(r.contact_name, r.contact_phone,
                                r.contact_consent_at is not None)
        self.cancel_edit_btn.show()

    # -- the form --------------------------------------------------------------------------------
    def _clear_form(self) -> None:
        self._loads.cancel()
        self.draft = None
        self.editing = None
        self.saving = False
        for g in (self.services, self.outcome, self.age, self.gender, self.channel,
                  self.first_visit, self.satisfaction):
            g.clear()
        self.note.clear()
        self.ethnic.reset()
        self.contact.reset()
        self._hide_message()
        self.cancel_edit_btn.hide()
        self.save_btn.setEnabled(True)
        self.sheets.setCurrentIndex(SHEET_MAIN)

    def form_values(self) -> dict[str, Any]:
        """The form as AssistanceDraft fields (what a person chose; times are not here)."""
        first = self.first_visit.value()
        sat = self.satisfaction.value()
        values: dict[str, Any] = {
            "services": self.services.values(),
            "outcome": self.outcome.value() or "done",
            "channel": self.channel.value() or "help_point",
            "commune": self._combo_value(self.commune),
            "village": self._combo_value(self.village),
            "age_band": self.age.value(),
            "gender": self.gender.value(),
            "first_visit": None if not first else first == "yes",
            "satisfaction": int(sat) if sat else None,
            "note": self.note.text(),
        }
        values.update(self.ethnic.values())
        values.update(self.contact.values())
        return values

    @staticmethod
    def _combo_value(combo: QComboBox) -> str:
        if combo.isEditable():
            return combo.currentText().strip()
        return str(combo.currentData() or "")

    # -- saving ----------------------------------------------------------------------------------
    def save(self, print_slip: bool = False) -> None:
        """Save the form; ``print_slip``: then print the take-home slip of the record."""
        if self.saving:
            return  # a second tap must never log the help twice
        values = self.form_values()
        try:
            check_note(values["note"])
        except PrivacyError as exc:
            self._show_problem(exc.message(self.state.language))
            self._point_at_note(exc)
            return
        actor = self.state.actor
        if self.editing is not None:
            record = self.editing
            changes = values
            if self.state.is_staff and self.assistance.needs_reason(actor, record):
                ask(self, "qlReasonDialog", self.tr("Lý do sửa"),
                    self.tr("Bản ghi này cần ghi lý do khi sửa. Vì sao cần sửa?"),
                    self.tr("Lưu thay đổi"),
                    lambda reason: self._run_save(
                        lambda: self.assistance.edit(actor, record.uuid, changes, reason),
                        edited=True, print_slip=print_slip),
                    with_reason=True)
                return
            self._run_save(lambda: self.assistance.edit(actor, record.uuid, changes),
                           edited=True, print_slip=print_slip)
            return
        draft = self.draft
        tutorial = self.context.get("tutorial_id")

        def log_it() -> RecordInfo:
            base = draft or self.assistance.new_draft(actor)
            extra: dict[str, Any] = {}
            if draft is None and tutorial:
                extra["tutorial_id"] = str(tutorial)
            return self.assistance.log(actor, dataclasses.replace(base, **values, **extra))

        self._run_save(log_it, edited=False, print_slip=print_slip)

    def _run_save(self, fn: Callable[[], RecordInfo], edited: bool,
                  print_slip: bool = False) -> None:
        self.saving = True
        self.save_btn.setEnabled(False)
        self.save_print_btn.setEnabled(False)
        self._show_info(self.tr("Đang lưu…"))

        def answered() -> None:
            self.saving = False
            self.save_btn.setEnabled(True)
            self.save_print_btn.setEnabled(True)

        def done(record: RecordInfo) -> None:
            if print_slip:  # the answer arrives later, in its own calm message
                self._print_slip(record, self.notify)
            if edited:
                self.notify(self.tr("Đã lưu thay đổi của bản ghi."))
                if isinstance(self.context.get("return_to"), ScreenId):
                    self._clear_form()
                    self._go_back()
                else:
                    self._open(self._entry_context)
                    self.show_today()
                return
            self.notify(self.tr("Đã lưu lượt hỗ trợ. Cảm ơn bạn!"))
            self._clear_form()
            self._go_back()

        def shown(exc: KioskError) -> None:  # the form keeps every value
            self._show_problem(exc.message(self.state.language))
            if isinstance(exc, PrivacyError):
                self._point_at_note(exc)

        Op(fn).on("db").always(answered).success(done).problem(shown).run(self.tasks)

    def save_and_print(self) -> None:
        """"Lưu và in phiếu": save as "Lưu" does, then print the take-home slip."""
        self.save(print_slip=True)

    def _print_slip(self, record: RecordInfo, tell: Callable[[str], None]) -> None:
        if self.slips is not None:
            self.slips.print_record(record, lambda message, _ok: tell(message))

    def _print_selected(self) -> None:
        r = self._selected_record()
        if r is None:
            self._today_problem(self.tr("Hãy chọn một bản ghi trong danh sách."))
            return
        self._today_info(self.tr("Đang in phiếu “Hôm nay đã làm”…"))
        if self.slips is not None:
            self.slips.print_record(r, lambda message, ok: (
                self._today_info(message) if ok else self._today_problem(message)))

    def _point_at_note(self, exc: PrivacyError) -> None:
        if not exc.findings:
            return
        text = self.note.text()
        lead = len(text) - len(text.lstrip())
        f = exc.findings[0]
        self.show_sheet(self.sheet_of["note"])
        self.note.setFocus()
        self.note.setSelection(lead + f.start, f.end - f.start)

    # -- consent ---------------------------------------------------------------------------------
    def _consent_commune(self) -> str:
        loaded = self.loaded
        if loaded is not None and loaded.commune is not None:
            return loaded.commune.label
        return self.config.commune

    def _ask_consent(self, kind: str) -> None:
        notice = consent_notice(kind, self.config.help_point_name, self._consent_commune(),
                                int(self.config.contact_retention_days), self.state.language)
        self.nav.go_to(ScreenId.CONSENT, remember=False, notice=notice,
                       answer_to=ScreenId.QUICK_LOG)

    def _on_consent_answered(self, kind: str, agreed: bool) -> None:
        gate = self.contact if kind == "contact" else self.ethnic
        self.show_sheet(self.sheet_of[kind])
        if not agreed:
            gate.decline()
            self._show_info(self.tr("Không lưu thông tin này. Bản ghi vẫn ẩn danh."))
            return
        gate.grant()
        self._show_info(self.tr("Người dân đã đồng ý. Hãy ghi thông tin."))
        if kind == "contact":
            self.contact.name.setFocus()
        else:
            self.ethnic.group.setFocus()

    # -- today's records -------------------------------------------------------------------------
    def show_today(self) -> None:
        actor = self.state.actor
        self._show_page(PAGE_TODAY)
        self.today_message.hide()
        self.today_delete_btn.setVisible(self.state.is_staff)

        def done(records: list[RecordInfo]) -> None:
            self.today_list.clear()
            for r in records:
                item = QListWidgetItem(self.describe(r))
                item.setData(Qt.ItemDataRole.UserRole, r)
                self.today_list.addItem(item)
            if records:
                self.today_list.setCurrentRow(len(records) - 1)
            self.today_edit_btn.setVisible(bool(records))
            self.today_print_btn.setVisible(bool(records) and self.slips is not None)
            self.today_delete_btn.setVisible(bool(records) and self.state.is_staff)
            self.today_heading.setText(
                self.tr("Bản ghi hôm nay ({n}). Chọn một bản ghi để sửa.").replace(
                    "{n}", str(len(records))) if records
                else self.tr("Hôm nay chưa có bản ghi nào."))

        Op(lambda: self.assistance.list_today(actor)).on("db").success(done) \
            .problem(self._today_problem_of).run(self.tasks)

    def describe(self, r: RecordInfo) -> str:
        lang = self.state.language
        names = ", ".join(self.service_infos[c].name(lang) if c in self.service_infos else c
                          for c in r.services)
        person = ", ".join(x for x in (self._age_label(r.age_band),
                                       self._gender_label(r.gender)) if x)
        parts = [to_local(r.started_at).strftime("%H:%M"), names,
                 self._outcome_label(r.outcome)]
        if person:
            parts.append(person)
        if r.has_contact:
            parts.append(self.tr("có thông tin liên hệ"))
        return " · ".join(parts)

    def _selected_record(self) -> RecordInfo | None:
        item = self.today_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _edit_selected(self) -> None:
        r = self._selected_record()
        if r is None:
            self._today_problem(self.tr("Hãy chọn một bản ghi trong danh sách."))
            return
        if self.assistance.needs_reason(self.state.actor, r) and not self.state.is_staff:
            self._today_problem(self.tr("Bản ghi này cần cán bộ xã/phường sửa và ghi lý do."))
            return
        self._open({"edit_uuid": r.uuid})

    def _cancel_edit(self) -> None:
        if isinstance(self.context.get("return_to"), ScreenId):
            self._clear_form()
            self._go_back()
            return
        self._open(self._entry_context)

    def _delete_selected(self) -> None:
        r = self._selected_record()
        if r is None or not self.state.is_staff:
            return
        actor = self.state.actor

        def delete(reason: str) -> None:
            def done(_info: RecordInfo) -> None:
                self.show_today()
                self._today_info(self.tr("Đã xóa bản ghi."))

            Op(lambda: self.assistance.delete(actor, r.uuid, reason)).on("db").success(done) \
                .problem(self._today_problem_of).run(self.tasks)

        ask(self, "qlDeleteDialog", self.tr("Xóa bản ghi"),
            self.tr("Xóa bản ghi lúc {time}? Bản ghi sẽ không còn trong báo cáo. Hãy ghi lý do."
                    ).replace("{time}", to_local(r.started_at).strftime("%H:%M")),
            self.tr("Xóa bản ghi"), delete, with_reason=True, danger=True)

    # -- messages --------------------------------------------------------------------------------
    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        if index == PAGE_TODAY:
            self._hide_message()

    def _show_problem(self, text: str) -> None:
        self.subtitle.hide()  # the message takes its line: the form keeps its height
        self._message(self.message, text, "warning")

    def _show_info(self, text: str) -> None:
        self.subtitle.hide()
        self._message(self.message, text, "tip")

    def _today_problem(self, text: str) -> None:
        self._message(self.today_message, text, "warning")

    def _today_problem_of(self, exc: KioskError) -> None:
        self._today_problem(exc.message(self.state.language))

    def _today_info(self, text: str) -> None:
        self._message(self.today_message, text, "tip")

    def _hide_message(self) -> None:
        self.message.clear()
        self.message.hide()
        self.subtitle.show()

    @staticmethod
    def _message(label: QLabel, text: str, role: str) -> None:
        label.setText(text)
        label.setProperty("role", role)
        label.style().unpolish(label)
        label.style().polish(label)
        label.show()

    # -- words -----------------------------------------------------------------------------------
    def _outcome_label(self, value: str) -> str:
        return {"done": self.tr("Xong"), "partial": self.tr("Làm được một phần"),
                "referred": self.tr("Chuyển nơi khác"),
                "follow_up": self.tr("Cần đến thăm lại")}.get(value, value)

    def _age_label(self, value: str) -> str:
        return {"<18": self.tr("Dưới 18"), "18-39": self.tr("18–39"),
                "40-59": self.tr("40–59"), "60-74": self.tr("60–74"),
                "75+": self.tr("Từ 75")}.get(value, value)

    def _gender_label(self, value: str) -> str:
        return {"nam": self.tr("Nam"), "nu": self.tr("Nữ"), "khac": self.tr("Khác")}.get(
            value, value)

    def _channel_label(self, value: str) -> str:
        return {"help_point": self.tr("Tại điểm hỗ trợ"), "home_visit": self.tr("Đến nhà"),
                "phone": self.tr("Qua điện thoại")}.get(value, value)

    def _palette(self) -> Any:
        return theme.palette(self.state.high_contrast)

    def _restyle_choices(self) -> None:
        p = self._palette()
        for g in (self.services, self.outcome, self.age, self.gender, self.channel,
                  self.first_visit, self.satisfaction):
            g.restyle(p)

    def retranslate(self) -> None:
        if self.editing is not None:
            self.title.setText(self.tr("Sửa bản ghi lúc {time}").replace(
                "{time}", to_local(self.editing.started_at).strftime("%H:%M")))
        else:
            self.title.setText(self.tr("Ghi nhận hỗ trợ"))
        loaded = self.loaded
        if self.editing is not None:
            sub = self.tr("Sửa rồi bấm “Lưu thay đổi”.")
        elif self.draft is not None and loaded is not None and loaded.ticket_label:
            sub = self.tr("Số {label}. Chọn nhóm tuổi, giới tính rồi bấm “Lưu”.").replace(
                "{label}", loaded.ticket_label)
        else:
            sub = self.tr("Chọn dịch vụ, nhóm tuổi, giới tính rồi bấm “Lưu”.")
        sheet = self.sheets.currentIndex()
        if sheet == SHEET_DETAILS:
            sub = self.tr("Chi tiết (không bắt buộc). Xong thì bấm “Lưu”.")
        elif sheet == SHEET_CONTACT:
            sub = self.tr("Ghi chú, liên hệ (không bắt buộc). Xong thì bấm “Lưu”.")
        self.subtitle.setText(sub)
        labels = {
            "service": self.tr("Dịch vụ"), "outcome": self.tr("Kết quả"),
            "age": self.tr("Nhóm tuổi"), "gender": self.tr("Giới tính"),
            "channel": self.tr("Hình thức"), "first_visit": self.tr("Lần đầu đến?"),
            "place": self.tr("Nơi ở"), "satisfaction": self.tr("Hài lòng"),
            "ethnic": self.tr("Dân tộc"), "contact": self.tr("Liên hệ lại"),
            "note": self.tr("Ghi chú"),
        }
        widths = [0] * self.sheets.count()
        for key, label in self.row_labels.items():
            label.setText(labels[key])
            metrics = label.fontMetrics()
            # As wide as the longest label of its sheet, but never wider than about six
            # letters: long ones wrap onto two lines instead of squeezing the buttons.
            of = self.sheet_of[key]
            widths[of] = max(widths[of],
                                min(metrics.horizontalAdvance(labels[key]),
                                    metrics.horizontalAdvance("M" * 6)),
                                metrics.horizontalAdvance(max(labels[key].split(), key=len)))
        for key, label in self.row_labels.items():
            label.setFixedWidth(widths[self.sheet_of[key]] + 8)
        self.outcome.relabel({o: (self._outcome_label(o), "") for o in OUTCOMES})
        self.age.relabel({a: (self._age_label(a), self.tr("Nhóm tuổi")) for a in AGE_BANDS})
        self.gender.relabel({g: (self._gender_label(g), self.tr("Giới tính")) for g in GENDERS})
        self.channel.relabel({c: (self._channel_label(c), "") for c in CHANNELS})
        self.first_visit.relabel({"yes": (self.tr("Có, lần đầu"), ""),
                                  "no": (self.tr("Không, đã đến trước"), "")})
        self.satisfaction.relabel({str(n): (str(n), self.tr("Mức hài lòng"))
                                   for n in range(1, 6)})
        lang = self.state.language
        self.services.relabel({c: (s.name(lang), "") for c, s in self.service_infos.items()})
        self.commune.setAccessibleName(self.tr("Xã/phường"))
        self.village.setAccessibleName(self.tr("Thôn/tổ dân phố"))
        self.note.setAccessibleName(self.tr("Ghi chú ngắn"))
        self.note.setPlaceholderText(self.tr("Ghi chú ngắn. Không ghi số giấy tờ, số điện "
                                             "thoại, mật khẩu hay mã OTP."))
        self.save_btn.set_label(self.tr("Lưu thay đổi") if self.editing is not None
                                else self.tr("Lưu"), self.tr("Lưu lượt hỗ trợ này."))
        self.save_print_btn.set_label(self.tr("Lưu và in phiếu"),
                                      self.tr("Lưu, rồi in phiếu “Hôm nay đã làm” cho người dân "
                                              "mang về."))
        self.today_print_btn.set_label(self.tr("In phiếu mang về"),
                                       self.tr("In phiếu “Hôm nay đã làm” của bản ghi đã chọn."))
        self.today_btn.set_label(self.tr("Bản ghi hôm nay"),
                                 self.tr("Xem và sửa các bản ghi hôm nay."))
        self.cancel_edit_btn.set_label(self.tr("Hủy sửa"), self.tr("Không lưu thay đổi."))
        self.today_back_btn.set_label(self.tr("Ghi lượt mới"), self.tr("Về biểu mẫu ghi mới."))
        self.today_edit_btn.set_label(self.tr("Sửa bản ghi này"),
                                      self.tr("Mở bản ghi đã chọn để sửa."))
        self.today_delete_btn.set_label(self.tr("Xóa bản ghi này"),
                                        self.tr("Cán bộ xóa bản ghi, cần ghi lý do."))
        self.today_list.setAccessibleName(self.tr("Các bản ghi hôm nay"))
        self.ethnic.retranslate()
        self.contact.retranslate()
        names = (self.tr("Cơ bản"), self.tr("Chi tiết"), self.tr("Ghi chú, liên hệ"))
        following = names[(sheet + 1) % len(names)]
        self.more_btn.set_label(
            two_lines(following, 12),
            self.tr("Sang trang {name} của biểu mẫu.").replace("{name}", following))

    def announcement(self) -> str:
        return f"{self.title.text()}. {self.subtitle.text()}"
