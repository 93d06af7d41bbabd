"""The now-serving display: a separate window for a TV or second monitor in the waiting area.

It shows the number at each desk very large (readable from about five metres), the last
numbers called and the next ones. It refreshes when the queue feature says something changed
(a call, a recall, a new ticket) and every few seconds while shown, so calls made from another
kiosk of the same help point appear too. The desk called most recently is highlighted.

Opened from the volunteer console ("Mở màn hình gọi số"): full-screen on a second screen if
there is one, else an ordinary window. Closing it never closes the kiosk.

Thread: GUI thread only; the board is read on the "db" lane.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.queue import NowServing, QueueService
from ui.ops import Op
from ui.state import KioskState
from ui.theme import set_role

if TYPE_CHECKING:
    from ui.queue_desk import QueueEvents
    from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

REFRESH_MS = 5000


class NowServingWindow(QWidget):
    """Each desk's number, the recent calls and the next numbers, in very large type."""

    def __init__(self, state: KioskState, queue: QueueService, events: QueueEvents,
                 tasks: TaskRunner, help_point_name: str = "") -> None:
        super().__init__(None)
        self.setObjectName("NowServingWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.state, self.queue, self.tasks = state, queue, tasks
        self.help_point_name = help_point_name
        self.board: NowServing | None = None
        self._loading = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget(self)
        body.setObjectName("Screen")
        body.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer.addWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(16)

        self.heading = QLabel(body)
        self.heading.setObjectName("nowServingHeading")
        self.heading.setProperty("role", "title")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.heading)

        self.desk_grid = QGridLayout()
        self.desk_grid.setSpacing(24)
        self.desk_cards: list[tuple[QLabel, QLabel, QLabel]] = []  # (desk, number, service)
        columns = min(3, queue.desk_count)
        for i in range(queue.desk_count):
            card = QFrame(body)
            card.setObjectName("Card")
            box = QVBoxLayout(card)
            desk = QLabel(card)
            desk.setObjectName(f"nowServingDesk{i + 1}Name")
            desk.setAlignment(Qt.AlignmentFlag.AlignCenter)
            number = QLabel(card)
            number.setObjectName(f"nowServingDesk{i + 1}")
            number.setProperty("role", "huge")
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            # Sized from the window (see _fit); it must not push the window bigger itself.
            number.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            number.setMinimumSize(120, 60)
            service = QLabel(card)
            service.setObjectName(f"nowServingDesk{i + 1}Service")
            service.setAlignment(Qt.AlignmentFlag.AlignCenter)
            service.setWordWrap(True)
            box.addWidget(desk)
            box.addWidget(number, 1)
            box.addWidget(service)
            self.desk_grid.addWidget(card, i // columns, i % columns)
            self.desk_cards.append((desk, number, service))
        layout.addLayout(self.desk_grid, 3)

        lists = QHBoxLayout()
        lists.setSpacing(24)
        self.recent_title, self.recent = self._list_card(body, lists, "nowServingRecent")
        self.next_title, self.next_up = self._list_card(body, lists, "nowServingNext")
        layout.addLayout(lists, 1)
        self.waiting = QLabel(body)
        self.waiting.setObjectName("nowServingWaiting")
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting.setWordWrap(True)  # the priority key is long: wrap, never widen the board
        layout.addWidget(self.waiting)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        events.changed.connect(self.refresh)
        events.ticket_called.connect(lambda _info, _desk: self.refresh())
        state.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()
        self.resize(1280, 720)

    @staticmethod
    def _list_card(parent: QWidget, row: QHBoxLayout, name: str) -> tuple[QLabel, QLabel]:
        card = QFrame(parent)
        card.setObjectName("Card")
        box = QVBoxLayout(card)
        title = QLabel(card)
        title.setObjectName(f"{name}Title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        numbers = QLabel(card)
        numbers.setObjectName(name)
        numbers.setAlignment(Qt.AlignmentFlag.AlignCenter)
        numbers.setWordWrap(True)
        box.addWidget(title)
        box.addWidget(numbers, 1)
        row.addWidget(card, 1)
        return title, numbers

    # -- showing ---------------------------------------------------------------------------------
    def show_on_best_screen(self) -> None:
        """Full-screen on a second screen if there is one; else an ordinary window."""
        primary = QGuiApplication.primaryScreen()
        others = [s for s in QGuiApplication.screens() if s is not primary]
        if others:
            self.setGeometry(others[0].geometry())
            self.showFullScreen()
        else:
            self.showNormal()
        self.raise_()
        self.refresh()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().hideEvent(event)
        self.timer.stop()

    def refresh(self) -> None:
        if not self.isVisible() or self._loading:
            return
        self._loading = True

        def failed(exc: BaseException) -> None:
            self._loading = False
            log.warning("now-serving board not read: %s", type(exc).__name__)

        Op(self.queue.now_serving).on("db").success(self.show_board).failure(failed) \
            .run(self.tasks)

    def show_board(self, board: NowServing) -> None:
        self._loading = False
        self.board = board
        lang = self.state.language
        latest = board.recent[0].desk if board.recent else None
        for d in board.desks:
            if not 1 <= d.desk <= len(self.desk_cards):
                continue
            _desk, number, service = self.desk_cards[d.desk - 1]
            if d.ticket is None:
                number.setText("—")
                number.setAccessibleName(self.tr("Bàn {desk}: chưa gọi số")
                                         .replace("{desk}", str(d.desk)))
                service.setText("")
                set_role(number, "huge")
            else:
                number.setText(d.ticket.marked_label(lang))
                said = (self.tr("Bàn {desk}: số ưu tiên {label}") if d.ticket.priority
                        else self.tr("Bàn {desk}: số {label}"))
                number.setAccessibleName(said.replace("{desk}", str(d.desk))
                                         .replace("{label}", d.ticket.label))
                service.setText(d.ticket.service_name(lang))
                # The desk called last stands out, so eyes find the new number at once.
                set_role(number, "banner" if d.desk == latest else "huge")
        # "A005 ƯT": a priority number is marked wherever it is listed.
        self.recent.setText("   ".join(t.marked_label(lang) for t in board.recent) or "—")
        self.next_up.setText("   ".join(t.marked_label(lang) for t in board.next_up) or "—")
        waiting = self.tr("Đang chờ: {n} người").replace("{n}", str(board.waiting_count))
        shown = [d.ticket for d in board.desks if d.ticket is not None]
        if any(t.priority for t in [*shown, *board.recent, *board.next_up]):
            # What the mark means, while a marked number is on the board: people in the
            # queue see "ƯT" jump ahead and must know why (issue #23 item 1).
            waiting += "   ·   " + self.tr("ƯT = số ưu tiên (người cao tuổi, người khuyết "
                                           "tật, phụ nữ mang thai, người đi cùng trẻ dưới 6 tuổi)")
        self.waiting.setText(waiting)
        self._fit()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Màn hình gọi số"))
        heading = self.tr("MỜI SỐ")
        if self.help_point_name:
            heading = f"{heading} — {self.help_point_name}"
        self.heading.setText(heading)
        for i, (desk, _number, _service) in enumerate(self.desk_cards):
            desk.setText(self.tr("Bàn {desk}").replace("{desk}", str(i + 1)))
        self.recent_title.setText(self.tr("Vừa gọi"))
        self.next_title.setText(self.tr("Số tiếp theo"))
        if self.board is not None:
            self.show_board(self.board)

    # -- size ------------------------------------------------------------------------------------
    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Type sized from the window, not the kiosk's text size: a board is read from afar.
        Only sizes are set here; the colours stay with the theme."""
        h, w = max(self.height(), 300), max(self.width(), 400)
        rows = (len(self.desk_cards) + 2) // 3
        columns = min(3, len(self.desk_cards))
        number_px = max(48, min(h // (4 * rows), w // (5 * columns)))
        label_px = max(20, h // 22)
        list_px = max(28, h // 14)
        for desk, number, service in self.desk_cards:
            desk.setStyleSheet(f"font-size: {label_px}px; font-weight: bold;")
            number.setStyleSheet(f"font-size: {number_px}px;")
            service.setStyleSheet(f"font-size: {max(18, label_px * 3 // 4)}px;")
        for title in (self.recent_title, self.next_title, self.waiting):
            title.setStyleSheet(f"font-size: {label_px}px; font-weight: bold;")
        for numbers in (self.recent, self.next_up):
            numbers.setStyleSheet(f"font-size: {list_px}px; font-weight: bold;")
        self.heading.setStyleSheet(f"font-size: {label_px}px;")
