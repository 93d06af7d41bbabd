"""The volunteer console: choose my desk, see who is waiting, call, recall, serve, finish.

Needs a volunteer or staff member signed in (otherwise the PIN pad opens and comes back
here). The desk is remembered for the volunteer's session. The waiting list refreshes every
few seconds while the console is shown and after each action. Every call and recall is said
aloud (chime first) and shown on the now-serving display. "Xong" finishes the number, turns the
screen to the citizen with the satisfaction faces (optional), then opens the quick help log
for that ticket when that screen exists.

Pages: the console itself, a service chooser (for "Chuyển dịch vụ" and "Phục vụ người không
có số") and the satisfaction faces.

Thread: GUI thread only; the queue feature runs the service on the "db" lane.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.queue import ServiceInfo, TicketInfo
from ui.navigator import Navigator, ScreenId
from ui.screens.base import BaseScreen, SpeakerLike, clear_layout
from ui.state import KioskState
from ui.theme import set_role
from ui.widgets.big_button import BigButton
from ui.widgets.satisfaction import SatisfactionFaces

if TYPE_CHECKING:
    from ui.queue_desk import ConsoleView, QueueDesk

REFRESH_MS = 4000
PAGE_CONSOLE, PAGE_SERVICES, PAGE_RATING = 0, 1, 2


class VolunteerConsoleScreen(BaseScreen):
    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 feature: QueueDesk) -> None:
        super().__init__(state, nav, speaker, "volunteer")
        self.title.hide()  # the top bar says who is signed in; the desk row heads the page
        self.feature = feature
        self.view: ConsoleView | None = None
        self.current: TicketInfo | None = None
        self.services: list[ServiceInfo] = []
        self.service_mode = ""  # "transfer" | "walk_in"
        self.transfer_ticket: TicketInfo | None = None
        self.rating_ticket: TicketInfo | None = None
        self.busy = False

        self.pages = QStackedWidget(self)
        self.pages.setObjectName("volunteerPages")
        self.outer.addWidget(self.pages, 1)
        self.pages.addWidget(self._build_console())
        self.pages.addWidget(self._build_services())
        self.pages.addWidget(self._build_rating())
        self.pages.currentChanged.connect(lambda _i: nav.chrome_changed.emit())

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        feature.events.changed.connect(self._on_queue_changed)

    # -- building ----------------------------------------------------------------------------
    def _build_console(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("volunteerConsolePage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)

        # Left: what this desk is serving and the actions. Right: my desk, the last message,
        # who is waiting, the display. (Two columns keep it within 1366×768.)
        desk_row = QGridLayout()
        desk_row.setSpacing(12)
        self.desk_label = QLabel(page)
        self.desk_label.setObjectName("volunteerDeskLabel")
        desk_row.addWidget(self.desk_label, 0, 0)
        self.desk_buttons: dict[int, BigButton] = {}
        for d in range(1, self.feature.desk_count + 1):
            b = BigButton("", "", object_name=f"volunteerDesk{d}", role="secondary",
                          parent=page)
            b.setCheckable(True)
            b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            b.clicked.connect(lambda _=False, d=d: self.choose_desk(d))
            self.desk_buttons[d] = b
            desk_row.addWidget(b, (d - 1) // 4, 1 + (d - 1) % 4)
        self.display_btn = BigButton("", "ticket", object_name="volunteerOpenDisplay",
                                     role="secondary", beside=True, icon_px=40, parent=page)
        self.display_btn.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.display_btn.clicked.connect(self.feature.open_display)
        # The mobile team's home-visit list (ui.features.home_visits), when this kiosk has it.
        self.visits_btn = BigButton("", "volunteer", object_name="volunteerHomeVisits",
                                    role="secondary", beside=True, icon_px=40, parent=page)
        self.visits_btn.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.visits_btn.clicked.connect(lambda: self.nav.go_to(ScreenId.HOME_VISITS))

        body = QHBoxLayout()
        body.setSpacing(24)
        left = QVBoxLayout()
        card = QFrame(page)
        card.setObjectName("Card")
        card_box = QHBoxLayout(card)
        self.serving = QLabel(card)
        self.serving.setObjectName("volunteerServing")
        self.serving.setProperty("role", "title")
        words = QVBoxLayout()
        self.serving_title = QLabel(card)
        self.serving_title.setObjectName("volunteerServingTitle")
        self.serving_title.setProperty("role", "muted")
        self.serving_detail = QLabel(card)
        self.serving_detail.setObjectName("volunteerServingDetail")
        self.serving_detail.setWordWrap(True)
        words.addWidget(self.serving_title)
        words.addWidget(self.serving_detail)
        card_box.addWidget(self.serving)
        card_box.addLayout(words, 1)
        left.addWidget(card)
        self.message = QLabel(page)
        self.message.setObjectName("volunteerMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        actions = QGridLayout()
        actions.setSpacing(16)

        def action(name: str, role: str = "") -> BigButton:
            # Words only, wrapping onto two lines ("Phục vụ người không có số" is never cut):
            # with icons six buttons would not fit under the waiting number at 1366×768.
            return BigButton("", "", object_name=name, role=role, parent=page)

        self.call_btn = action("volunteerCallNext")
        self.recall_btn = action("volunteerRecall", "secondary")
        self.skip_btn = action("volunteerSkip", "secondary")
        self.finish_btn = action("volunteerFinish")
        self.transfer_btn = action("volunteerTransfer", "secondary")
        self.walk_in_btn = action("volunteerWalkIn", "secondary")
        for i, b in enumerate((self.call_btn, self.recall_btn, self.skip_btn,
                               self.finish_btn, self.transfer_btn, self.walk_in_btn)):
            actions.addWidget(b, i // 3, i % 3)
        for c in range(3):
            actions.setColumnStretch(c, 1)
        left.addLayout(actions, 1)
        body.addLayout(left, 2)

        right = QVBoxLayout()
        # My desk and the display button on one line across the top, so the actions on the
        # left keep their height at 1366×768; the last message heads the right column.
        top = QHBoxLayout()
        top.setSpacing(24)
        top.addLayout(desk_row, 0)
        top.addStretch(1)
        top.addWidget(self.visits_btn, 0)
        top.addWidget(self.display_btn, 0)
        layout.addLayout(top)
        right.addWidget(self.message)
        self.waiting_title = QLabel(page)
        self.waiting_title.setObjectName("volunteerWaitingTitle")
        self.waiting_title.setProperty("role", "title")
        self.waiting_list = QListWidget(page)
        self.waiting_list.setObjectName("volunteerWaitingList")
        self.waiting_list.setWordWrap(True)
        self.waiting_list.setAlternatingRowColors(True)
        self.waiting_list.setSpacing(2)
        self.waiting_empty = QLabel(page)
        self.waiting_empty.setObjectName("volunteerWaitingEmpty")
        self.waiting_empty.setWordWrap(True)
        self.waiting_empty.setProperty("role", "muted")
        self.waiting_empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.waiting_title)
        # An empty queue shows a sentence in the list's place (not under it): no wasted rows.
        right.addWidget(self.waiting_list, 1)
        right.addWidget(self.waiting_empty, 1)
        body.addLayout(right, 1)
        layout.addLayout(body, 1)

        self.call_btn.clicked.connect(self.call_next)
        self.recall_btn.clicked.connect(self.recall)
        self.skip_btn.clicked.connect(self.skip)
        self.transfer_btn.clicked.connect(self.start_transfer)
        self.walk_in_btn.clicked.connect(self.start_walk_in)
        self.finish_btn.clicked.connect(self.finish)
        return page

    def _build_services(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("volunteerServicesPage")
        layout = QVBoxLayout(page)
        self.services_title = QLabel(page)
        self.services_title.setObjectName("volunteerServicesTitle")
        self.services_title.setProperty("role", "title")
        self.services_title.setWordWrap(True)
        self.services_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.services_title)
        self.services_box = QWidget(page)
        self.services_grid = QGridLayout(self.services_box)
        self.services_grid.setSpacing(16)
        layout.addWidget(self.services_box, 1)
        self.services_cancel = BigButton("", "back", object_name="volunteerServicesCancel",
                                         role="secondary", beside=True, icon_px=40, parent=page)
        self.services_cancel.clicked.connect(self._show_console)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.services_cancel)
        row.addStretch(1)
        layout.addLayout(row)
        self.service_buttons: dict[str, BigButton] = {}
        return page

    def _build_rating(self) -> QWidget:
        self.faces = SatisfactionFaces(self, icon_px=112)
        self.faces.rated.connect(self._on_faces_rated)
        self.faces.skipped.connect(self._after_rating)
        return self.faces

    @property
    def citizen_facing(self) -> bool:
        """The faces are the citizen's: the bars hide the volunteer's Back, Home, sign-out."""
        return self.pages.currentIndex() == PAGE_RATING

    # -- navigation ----------------------------------------------------------------------------
    def on_enter(self, **context: Any) -> None:
        if not self.state.is_helper:
            self.nav.go_to(ScreenId.PIN, remember=False, next=ScreenId.VOLUNTEER)
            return
        self.busy = False
        self.pages.setCurrentIndex(PAGE_CONSOLE)
        self.message.hide()
        self.retranslate()
        if self.feature.desk is None:
            self._say(self.tr("Hãy chọn bàn của bạn trước."), "tip")
        self.refresh()
        self.timer.start()

    def on_leave(self) -> None:
        self.timer.stop()

    def reset(self) -> None:
        self.timer.stop()
        self.view = None
        self.current = None
        self.rating_ticket = None
        self.transfer_ticket = None
        self.message.hide()
        self.pages.setCurrentIndex(PAGE_CONSOLE)

    # -- data --------------------------------------------------------------------------------------
    def _on_queue_changed(self) -> None:
        if self.nav.current_id is ScreenId.VOLUNTEER and self.state.is_helper:
            self.refresh()

    def refresh(self) -> None:
        if not self.state.is_helper:
            return
        self.feature.snapshot(self.state.actor, self._show_view, self._on_problem)

    def _show_view(self, view: ConsoleView) -> None:
        self.view = view
        desk = self.feature.desk
        self.current = None
        if desk is not None and 1 <= desk <= len(view.board.desks):
            self.current = view.board.desks[desk - 1].ticket
        self._show_current()
        self._show_waiting()
        self._update_buttons()

    def _show_current(self) -> None:
        desk = self.feature.desk
        t = self.current
        if desk is None:
            self.serving_title.setText(self.tr("Chưa chọn bàn"))
        else:
            self.serving_title.setText(self.tr("Bàn {desk} đang phục vụ:")
                                       .replace("{desk}", str(desk)))
        if t is None:
            self.serving.setText("—")
            self.serving.setAccessibleName(self.tr("Chưa phục vụ số nào"))
            # One short line: a second one would push the actions off a 1366×768 screen.
            self.serving_detail.setText(self.tr("Chưa có ai. Bấm “Gọi số tiếp theo”."))
            return
        self.serving.setText(t.marked_label(self.state.language))
        self.serving.setAccessibleName(self.tr("Đang phục vụ số {label}")
                                       .replace("{label}", t.label))
        lines = [t.service_name(self.state.language)]
        if t.tutorial_id:
            lines.append(self._stuck_at(t))
        if t.recalls:
            lines.append(self.tr("Đã gọi lại {n} lần").replace("{n}", str(t.recalls)))
        self.serving_detail.setText("\n".join(lines))

    def _stuck_at(self, t: TicketInfo) -> str:
        title = self.feature.tutorial_title(t.tutorial_id)
        if t.tutorial_step:
            return self.tr("Cần giúp: {title}, bước {step}").replace("{title}", title) \
                .replace("{step}", str(t.tutorial_step))
        return self.tr("Cần giúp: {title}").replace("{title}", title)

    def _show_waiting(self) -> None:
        view = self.view
        selected = self._selected_uuid()
        self.waiting_list.clear()
        waiting = view.waiting if view is not None else ()
        self.waiting_title.setText(self.tr("Đang chờ: {n} người").replace("{n}",
                                                                          str(len(waiting))))
        lang = self.state.language
        for t in waiting:
            waited = self._waited_minutes(t, view.now) if view is not None else 0
            lines = [f"{t.marked_label(lang)}  {t.service_name(lang)}",
                     self.tr("đã chờ {m} phút").replace("{m}", str(waited))]
            if t.tutorial_id:
                lines[1] += " · " + self._stuck_at(t)
            item = QListWidgetItem("\n".join(lines))
            item.setData(Qt.ItemDataRole.UserRole, t)
            self.waiting_list.addItem(item)
            if t.uuid == selected:
                self.waiting_list.setCurrentItem(item)
        self.waiting_list.setAccessibleName(self.waiting_title.text())
        self.waiting_list.setVisible(bool(waiting))
        self.waiting_empty.setVisible(not waiting)
        self.waiting_empty.setText(self.tr("Chưa có ai đang chờ. Khi có người lấy số, số sẽ "
                                           "hiện ở đây."))

    @staticmethod
    def _waited_minutes(t: TicketInfo, now: datetime) -> int:
        return max(0, int((now - t.issued_at).total_seconds() // 60))

    def _selected_uuid(self) -> str | None:
        item = self.waiting_list.currentItem()
        t = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return t.uuid if isinstance(t, TicketInfo) else None

    def _selected_waiting(self) -> TicketInfo | None:
        item = self.waiting_list.currentItem()
        t = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return t if isinstance(t, TicketInfo) else None

    def _update_buttons(self) -> None:
        has_desk = self.feature.desk is not None
        serving = self.current is not None
        for d, b in self.desk_buttons.items():
            b.setChecked(d == self.feature.desk)
        self.call_btn.setEnabled(has_desk and not self.busy)
        self.walk_in_btn.setEnabled(has_desk and not self.busy)
        for b in (self.recall_btn, self.skip_btn, self.finish_btn):
            b.setEnabled(has_desk and serving and not self.busy)
        self.transfer_btn.setEnabled(has_desk and not self.busy)

    # -- actions -----------------------------------------------------------------------------------
    def choose_desk(self, desk: int) -> None:
        self.feature.desk = desk
        self._say(self.tr("Bạn đang ở bàn {desk}.").replace("{desk}", str(desk)), "tip")
        if self.view is not None:
            self._show_view(self.view)
        self.refresh()

    def _start(self) -> bool:
        if self.feature.desk is None:
            self._say(self.tr("Hãy chọn bàn của bạn trước."), "warning")
            return False
        self.busy = True
        self._update_buttons()
        return True

    def _done(self) -> None:
        self.busy = False
        self._update_buttons()

    def _on_problem(self, message: str) -> None:
        self._done()
        self._say(message, "warning")
        self.refresh()

    def call_next(self) -> None:
        if not self._start():
            return
        desk = self.feature.desk
        assert desk is not None

        def ok(t: TicketInfo) -> None:
            self._done()
            self._say(self.tr("Đã mời số {label} đến bàn {desk}.").replace("{label}", t.label)
                      .replace("{desk}", str(desk)), "tip")

        self.feature.call_next(self.state.actor, desk, ok, self._on_problem)

    def recall(self) -> None:
        t = self.current
        if t is None or not self._start():
            return

        def ok(info: TicketInfo) -> None:
            self._done()
            self._say(self.tr("Đã gọi lại số {label} (lần {n}).").replace("{label}", info.label)
                      .replace("{n}", str(info.recalls)), "tip")

        self.feature.recall(self.state.actor, t, ok, self._on_problem)

    def skip(self) -> None:
        t = self.current
        if t is None or not self._start():
            return

        def ok(info: TicketInfo) -> None:
            self._done()
            self._say(self.tr("Đã ghi số {label} vắng mặt. Bạn có thể gọi số tiếp theo.")
                      .replace("{label}", info.label), "tip")

        self.feature.skip(self.state.actor, t, ok, self._on_problem)

    def finish(self) -> None:
        t = self.current
        if t is None or not self._start():
            return
        self.feature.finish(self.state.actor, t, self._on_finished, self._on_problem)

    def _on_finished(self, info: TicketInfo) -> None:
        self._done()
        self.rating_ticket = info
        self.faces.retranslate()
        self.pages.setCurrentIndex(PAGE_RATING)
        self.faces.ask()
        if self.state.voice_on:
            self.speaker.say(self.faces.spoken())

    def _on_faces_rated(self, score: int) -> None:
        t = self.rating_ticket
        if t is None:
            self._after_rating()
            return

        def problem(message: str) -> None:
            self._after_rating()
            self._say(message, "warning")

        self.feature.rate(t.uuid, score, lambda _info: self._after_rating(thanks=True),
                          problem)

    def _after_rating(self, thanks: bool = False) -> None:
        t, self.rating_ticket = self.rating_ticket, None
        self.pages.setCurrentIndex(PAGE_CONSOLE)
        if t is not None and self.nav.has(ScreenId.QUICK_LOG):
            self.nav.go_to(ScreenId.QUICK_LOG, ticket_uuid=t.uuid)
            return
        if t is not None:
            text = self.tr("Đã xong số {label}.").replace("{label}", t.label)
            if thanks:
                text += " " + self.tr("Cảm ơn bạn đã đánh giá.")
            self._say(text, "tip")
        self.refresh()

    # -- choosing a service ----------------------------------------------------------------------
    def start_transfer(self) -> None:
        t = self.current or self._selected_waiting()
        if t is None:
            self._say(self.tr("Hãy chọn một số trong danh sách chờ, hoặc gọi một số trước, "
                              "rồi bấm “Chuyển dịch vụ”."), "warning")
            return
        self.transfer_ticket = t
        self._open_services("transfer")

    def start_walk_in(self) -> None:
        if self.feature.desk is None:
            self._say(self.tr("Hãy chọn bàn của bạn trước."), "warning")
            return
        self._open_services("walk_in")

    def _open_services(self, mode: str) -> None:
        self.service_mode = mode
        if mode == "transfer" and self.transfer_ticket is not None:
            self.services_title.setText(self.tr("Chuyển số {label} sang dịch vụ nào?")
                                        .replace("{label}", self.transfer_ticket.label))
        else:
            self.services_title.setText(self.tr("Người đến trực tiếp cần hỗ trợ việc gì?"))
        self.services_cancel.set_label(self.tr("Thôi, quay lại"), "")
        self.pages.setCurrentIndex(PAGE_SERVICES)
        self.feature.load_services(self._fill_services)

    def _fill_services(self, services: list[ServiceInfo]) -> None:
        self.services = services
        clear_layout(self.services_grid)
        self.service_buttons = {}
        lang = self.state.language
        current_code = self.transfer_ticket.service_code if (
            self.service_mode == "transfer" and self.transfer_ticket is not None) else None
        for i, svc in enumerate(services):
            b = BigButton(svc.name(lang), svc.icon or "help",
                          object_name=f"volunteerService_{svc.code}", role="tile",
                          icon_px=72, parent=self.services_box)
            b.setEnabled(svc.code != current_code)
            b.clicked.connect(lambda _=False, code=svc.code: self._on_service_chosen(code))
            self.service_buttons[svc.code] = b
            self.services_grid.addWidget(b, i // 2, i % 2)

    def _on_service_chosen(self, code: str) -> None:
        mode = self.service_mode
        self._show_console()
        if mode == "transfer":
            t = self.transfer_ticket
            self.transfer_ticket = None
            if t is None or not self._start():
                return

            def moved(info: TicketInfo) -> None:
                self._done()
                self._say(self.tr("Đã chuyển số {label} sang “{service}”. Số vẫn giữ chỗ "
                                  "trong hàng chờ.").replace("{label}", info.label)
                          .replace("{service}", info.service_name(self.state.language)),
                          "tip")

            self.feature.transfer(self.state.actor, t, code, moved, self._on_problem)
        elif mode == "walk_in":
            desk = self.feature.desk
            if desk is None or not self._start():
                return

            def served(info: TicketInfo) -> None:
                self._done()
                self._say(self.tr("Đang phục vụ người đến trực tiếp với số {label}.")
                          .replace("{label}", info.label), "tip")

            self.feature.walk_in(self.state.actor, desk, code, served, self._on_problem)

    def _show_console(self) -> None:
        self.pages.setCurrentIndex(PAGE_CONSOLE)

    # -- words -----------------------------------------------------------------------------------
    def _say(self, text: str, role: str) -> None:
        set_role(self.message, role)
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.show()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Bàn tình nguyện viên"))
        self.desk_label.setText(self.tr("Bàn của tôi:"))
        for d, b in self.desk_buttons.items():
            b.set_label(self.tr("Bàn {desk}").replace("{desk}", str(d)),
                        self.tr("Chọn bàn bạn đang ngồi."))
        self.display_btn.set_label(self.tr("Mở màn hình gọi số"),
                                   self.tr("Mở màn hình số đang phục vụ cho người chờ xem."))
        self.visits_btn.set_label(self.tr("Đến nhà hỗ trợ"),
                                  self.tr("Danh sách người cần tổ đến tận nhà."))
        self.visits_btn.setVisible(self.nav.has(ScreenId.HOME_VISITS))
        self.call_btn.set_label(self.tr("Gọi số tiếp theo"),
                                self.tr("Mời người chờ lâu nhất đến bàn của bạn."))
        self.recall_btn.set_label(self.tr("Gọi lại"), self.tr("Gọi lại số đang phục vụ."))
        self.skip_btn.set_label(self.tr("Vắng mặt"),
                                self.tr("Người này không đến sau khi đã gọi lại."))
        self.transfer_btn.set_label(self.tr("Chuyển dịch vụ"),
                                    self.tr("Chuyển số sang dịch vụ khác, giữ chỗ chờ."))
        self.walk_in_btn.set_label(self.tr("Phục vụ người không có số"),
                                   self.tr("Cấp số cho người đến thẳng bàn và phục vụ ngay."))
        self.finish_btn.set_label(self.tr("Xong"), self.tr("Kết thúc lượt hỗ trợ này."))
        self.faces.retranslate()
        if self.view is not None:
            self._show_view(self.view)
        else:
            self._show_current()
            self._show_waiting()
            self._update_buttons()

    def announcement(self) -> str:
        return self.tr("Bàn tình nguyện viên.")
