"""Taking a queue number: the services as large tiles, then the ticket shown full-screen.

``TakeTicketScreen`` lists the enabled services (names in the current language, with their
icon) and an "Ưu tiên" switch that says who may use it (elderly, disability, pregnant, with a
child under 6); only that the number is priority is kept, never why (the calling rule is
:func:`kiosk.queue.calling_order`). Touching a service issues a number through the queue
feature, which opens ``TicketScreen`` and prints the ticket on the print lane. The ticket
screen shows the number very large, the service, the time, how many people are ahead, the
estimated wait, what to have ready (the ticket's bring-list, :mod:`kiosk.bring`; said aloud in
voice mode) and a QR code to the service's official site, then goes Home by itself after
a short while (longer when the printer failed, so the citizen can remember the number). The
citizen can give the number back ("Hủy số này", touched twice so a stray touch never cancels
it).

Context for ``TicketScreen.on_enter``: ``ticket`` (a :class:`kiosk.queue.TicketInfo`).
Thread: GUI thread only.
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import qrcode
from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.queue import ServiceInfo, TicketInfo
from kiosk.speech.pronounce import ticket_words
from ui.navigator import Navigator, ScreenId
from ui.screens.base import BaseScreen, SpeakerLike, clear_layout
from ui.state import KioskState
from ui.theme import set_role
from ui.widgets.big_button import BigButton
from ui.widgets.fitted_number import FittedNumber

if TYPE_CHECKING:
    from ui.queue_desk import QueueDesk

log = logging.getLogger(__name__)

#: A ticket screen shorter than this (1366×768 leaves about 570 px) with the largest text
#: shows the bring-list where the QR code was.
SHORT_SCREEN_PX = 700
SHOW_MS = 10_000  # the ticket stays on screen this long, then Home
SHOW_VOICE_MS = 20_000  # voice mode: time to hear the number twice and the wait
#: Voice mode: more time per thing to have ready (espeak-ng at 150 words/min says a VNeID
#: ticket with four of them in about 23 s; going Home cuts the voice off).
BRING_VOICE_MS = 3_000
SHOW_AFTER_PRINT_FAILURE_MS = 30_000  # no paper ticket: time to remember the number
SHOW_AFTER_CANCEL_MS = 5_000
DISARM_MS = 5_000  # "touch again to cancel" is forgotten after this


def qr_pixmap(url: str, size: int, dark: str, light: str) -> QPixmap:
    """A QR code for ``url`` as a square pixmap about ``size`` px wide (quiet zone included)."""
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    n = len(matrix)
    cell = max(1, size // n)
    pm = QPixmap(cell * n, cell * n)
    pm.fill(QColor(light))
    painter = QPainter(pm)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(dark))
    for y, row in enumerate(matrix):
        for x, on in enumerate(row):
            if on:
                painter.drawRect(QRect(x * cell, y * cell, cell, cell))
    painter.end()
    return pm


def shown_address(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/") or url


class QrCode(QLabel):
    """A QR code filling the square the layout gives it (always black on white)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.url = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(160, 160)  # a constant: the picture follows the size, never the reverse

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(120, 120)

    def set_url(self, url: str) -> None:
        self.url = url
        self._render()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._render()

    def _render(self) -> None:
        if not self.url:
            self.clear()
            return
        side = max(100, min(self.width(), self.height(), 480))
        self.setPixmap(qr_pixmap(self.url, side, "#000000", "#ffffff"))


class TakeTicketScreen(BaseScreen):
    """Choose what you need help with; each service is one large tile."""

    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 feature: QueueDesk) -> None:
        super().__init__(state, nav, speaker, "takeTicket")
        self.feature = feature
        self.services: list[ServiceInfo] = []
        self.tiles: dict[str, BigButton] = {}
        self.busy = False
        self.message = QLabel(self)
        self.message.setObjectName("takeTicketMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        # The message takes the title's place (not a row of its own), so the tiles keep
        # their room at 1366×768.
        self.outer.insertWidget(1, self.message)
        self.grid_box = QWidget(self)
        self.grid = QGridLayout(self.grid_box)
        self.grid.setSpacing(24)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.outer.addWidget(self.grid_box, 1)
        # "Ưu tiên": a switch under the tiles, with who may use it beside it.
        priority_row = QHBoxLayout()
        priority_row.setSpacing(24)
        self.priority_btn = BigButton("", "star", object_name="takeTicketPriority",
                                      role="secondary", beside=True, icon_px=44)
        self.priority_btn.setCheckable(True)
        self.priority_btn.toggled.connect(self._on_priority_toggled)
        self.priority_note = QLabel(self)
        self.priority_note.setObjectName("takeTicketPriorityNote")
        self.priority_note.setWordWrap(True)
        priority_row.addWidget(self.priority_btn, 1)
        priority_row.addWidget(self.priority_note, 3)
        self.outer.addLayout(priority_row)
        feature.events.changed.connect(self._on_queue_changed)

    def on_enter(self, **context: Any) -> None:
        self.busy = False
        self.priority_btn.setChecked(False)
        self._hide_message()
        self.retranslate()
        self.feature.load_services(self._fill)

    def _on_priority_toggled(self, _on: bool) -> None:
        self.retranslate()

    def _on_queue_changed(self) -> None:
        if self.isVisible() and not self.busy:
            self.feature.load_services(self._fill)

    def _fill(self, services: list[ServiceInfo]) -> None:
        self.services = services
        clear_layout(self.grid)
        self.tiles = {}
        lang = self.state.language
        columns = 2 if len(services) <= 4 else 3
        for i, svc in enumerate(services):
            b = BigButton(svc.name(lang), svc.icon or "help", object_name=f"service_{svc.code}",
                          role="tile", icon_px=80,  # 80, not 96: room for "Ưu tiên"
                          what_it_does=self.tr("Lấy số cho việc này."))
            b.setParent(self.grid_box)
            b.clicked.connect(lambda _=False, code=svc.code: self.choose(code))
            self.tiles[svc.code] = b
            self.grid.addWidget(b, i // columns, i % columns)
        if not services:
            self._show_message(self.tr("Hiện chưa lấy số được. Vui lòng giơ tay hoặc đến bàn "
                                       "hỗ trợ, tình nguyện viên sẽ giúp bạn."), "warning")

    def choose(self, service_code: str) -> None:
        if self.busy:
            return  # one number per touch, even when a finger bounces
        self.busy = True
        for b in self.tiles.values():
            b.setEnabled(False)
        self._show_message(self.tr("Đang lấy số…"), "tip")
        self.feature.take_ticket(service_code, on_problem=self._on_problem,
                                 priority=self.priority_btn.isChecked())

    def _on_problem(self, message: str) -> None:
        self.busy = False
        for b in self.tiles.values():
            b.setEnabled(True)
        self._show_message(message, "warning")
        if self.state.voice_on:
            self.speaker.say(message)
        self.feature.load_services(self._fill)

    def _show_message(self, text: str, role: str) -> None:
        set_role(self.message, role)
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.title.hide()
        self.message.show()

    def _hide_message(self) -> None:
        self.message.hide()
        self.title.show()

    def on_leave(self) -> None:
        self.busy = False
        for b in self.tiles.values():
            b.setEnabled(True)
        self.priority_btn.setChecked(False)
        self._hide_message()

    def retranslate(self) -> None:
        if self.priority_btn.isChecked():
            self.title.setText(self.tr("Lấy số ưu tiên: bạn cần hỗ trợ việc gì?"))
            self.priority_btn.set_label(self.tr("Ưu tiên: đã chọn"),
                                        self.tr("Chạm lần nữa để lấy số thường."))
            note = self.tr("Số của bạn sẽ là số ưu tiên. Bây giờ hãy chọn việc bạn cần.")
        else:
            self.title.setText(self.tr("Lấy số thứ tự: bạn cần hỗ trợ việc gì?"))
            self.priority_btn.set_label(self.tr("Ưu tiên"),
                                        self.tr("Chạm vào đây trước, rồi chọn việc, để lấy "
                                                "số ưu tiên."))
            note = self.tr("Số ưu tiên dành cho người cao tuổi, người khuyết tật, phụ nữ "
                           "mang thai, người đi cùng trẻ dưới 6 tuổi.")
        self.priority_note.setText(note)
        self.priority_note.setAccessibleName(note)
        lang = self.state.language
        for svc in self.services:
            b = self.tiles.get(svc.code)
            if b is not None:
                b.set_label(svc.name(lang), self.tr("Lấy số cho việc này."))

    def announcement(self) -> str:
        names = ", ".join(b.text() for b in self.tiles.values())
        return (self.tr("Lấy số thứ tự. Chọn việc bạn cần: {names}.").replace("{names}", names)
                + " " + self.priority_note.text())


class TicketScreen(BaseScreen):
    """The number, very large, with everything printed on the ticket (and a QR code)."""

    own_back = True  # no "Quay lại" to the service tiles: one number per visit

    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 feature: QueueDesk) -> None:
        super().__init__(state, nav, speaker, "ticket")
        self.feature = feature
        self.ticket: TicketInfo | None = None
        self.cancelled = False
        self.confirming = False  # "Hủy số này" touched once: the next touch cancels
        self.print_state = ""  # "" | "printing" | "printed" | "failed"
        self.print_message = ""
        self.title.hide()  # the number is the title here

        body = QHBoxLayout()
        body.setSpacing(32)
        left = QVBoxLayout()
        left.setSpacing(8)
        self.your_number = QLabel(self)
        self.your_number.setObjectName("ticketYourNumber")
        self.your_number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = FittedNumber(self)
        self.number.setObjectName("ticketNumber")
        self.number.setProperty("role", "huge")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.service = QLabel(self)
        self.service.setObjectName("ticketService")
        self.service.setProperty("role", "title")
        self.service.setWordWrap(True)
        self.service.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details = QLabel(self)
        self.details.setObjectName("ticketDetails")
        self.details.setWordWrap(False)  # short lines; wrapped labels ask for odd heights
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel(self)
        self.status.setObjectName("ticketStatus")
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # What to have ready (kiosk.bring), the same lines as the printed ticket: one short
        # paragraph ("Chuẩn bị sẵn: a · b · c") under the service. With the largest text on a
        # short screen (1366×768) there is no room for it there: it takes the QR code's place
        # on the right instead (the printed ticket keeps the QR code); see _place_bring.
        self.bring = QLabel(self)
        self.bring.setObjectName("ticketBring")
        self.bring.setWordWrap(True)
        self.bring.setTextFormat(Qt.TextFormat.RichText)
        self.bring.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bring.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        # Left: the number as large as possible, the service, what to have ready, the
        # printer's news. Right: the wait, then the QR code (read after the number, so it may
        # be smaller).
        for w in (self.your_number, self.number, self.service, self.bring, self.status):
            left.addWidget(w)
        left.setStretch(1, 1)
        body.addLayout(left, 3)
        self.left_col = left

        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.details)
        self.qr_caption = QLabel(self)
        self.qr_caption.setObjectName("ticketQrCaption")
        self.qr_caption.setWordWrap(False)
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr = QrCode(self)
        self.qr.setObjectName("ticketQr")
        self.qr_address = QLabel(self)
        self.qr_address.setObjectName("ticketQrAddress")
        self.qr_address.setWordWrap(False)
        self.qr_address.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for w in (self.details, self.qr_caption, self.qr_address):
            w.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        # The gap above the QR code belongs to its caption: hidden with it (see _place_bring).
        self.qr_caption.setContentsMargins(0, 16, 0, 0)
        right.addWidget(self.qr_caption)
        right.addWidget(self.qr, 1)
        right.addWidget(self.qr_address)
        body.addLayout(right, 2)
        self.right_col = right
        self.outer.addLayout(body, 1)


        buttons = QHBoxLayout()
        self.cancel_btn = BigButton("", "no", object_name="ticketCancel", role="secondary",
                                    beside=True, icon_px=44)
        self.done_btn = BigButton("", "done", object_name="ticketDone", beside=True,
                                  icon_px=44)
        buttons.addWidget(self.cancel_btn)
        buttons.addWidget(self.done_btn)
        self.outer.addLayout(buttons)
        self.cancel_btn.clicked.connect(self._on_cancel_clicked)
        self.done_btn.clicked.connect(self.nav.home)

        self.home_timer = QTimer(self)
        self.home_timer.setSingleShot(True)
        self.home_timer.timeout.connect(self._on_home_timer)
        self.disarm_timer = QTimer(self)
        self.disarm_timer.setSingleShot(True)
        self.disarm_timer.timeout.connect(self._disarm)
        feature.events.ticket_printed.connect(self._on_ticket_printed)
        feature.events.ticket_print_failed.connect(self._on_ticket_print_failed)
        state.look_changed.connect(self._place_bring)  # A+/A− while the ticket shows

    # -- navigation ----------------------------------------------------------------------------
    def on_enter(self, **context: Any) -> None:
        ticket = context.get("ticket")
        if not isinstance(ticket, TicketInfo):
            log.warning("ticket screen opened without a ticket")
            self.nav.home()
            return
        self.ticket = ticket
        self.cancelled = False
        self.print_state = "printing"
        self.print_message = ""
        self._disarm()
        self.cancel_btn.show()
        self.retranslate()
        self._start_home_timer(SHOW_VOICE_MS + BRING_VOICE_MS * len(ticket.bring)
                               if self.state.voice_on else SHOW_MS)

    def on_leave(self) -> None:
        self.home_timer.stop()
        self.disarm_timer.stop()

    def reset(self) -> None:
        self.ticket = None
        self.home_timer.stop()

    def _start_home_timer(self, ms: int) -> None:
        self.home_timer.start(max(ms, self.home_timer.remainingTime()
                                  if self.home_timer.isActive() else 0))

    def _on_home_timer(self) -> None:
        if self.nav.current_id is ScreenId.TICKET:
            self.nav.home()

    # -- printing ------------------------------------------------------------------------------
    def _on_ticket_printed(self, uuid: str) -> None:
        if self.ticket is None or uuid != self.ticket.uuid:
            return
        self.print_state = "printed"
        self._show_status()

    def _on_ticket_print_failed(self, uuid: str, message: str) -> None:
        if self.ticket is None or uuid != self.ticket.uuid:
            return
        self.print_state = "failed"
        self.print_message = message
        self._show_status()
        if self.nav.current_id is ScreenId.TICKET:
            self.home_timer.start(SHOW_AFTER_PRINT_FAILURE_MS)
            if self.state.voice_on:
                self.speaker.say(f"{message}. {self._number_sentence()}")

    # -- cancel ----------------------------------------------------------------------------------
    def _on_cancel_clicked(self) -> None:
        if self.ticket is None or self.cancelled:
            return
        # Voice mode already asks for two touches (hear, then act): no third one here.
        if not self.confirming and not self.state.voice_on:
            self.confirming = True
            self.cancel_btn.setProperty("armed", True)
            self.cancel_btn.style().unpolish(self.cancel_btn)
            self.cancel_btn.style().polish(self.cancel_btn)
            self.cancel_btn.set_label(self.tr("Chạm lần nữa để hủy số"),
                                      self.tr("Chạm lần nữa để trả lại số này."))
            self.disarm_timer.start(DISARM_MS)
            self._start_home_timer(DISARM_MS + 2000)
            return
        self._disarm()
        self.cancel_btn.setEnabled(False)
        self.feature.cancel(self.ticket, self._on_cancelled, self._on_cancel_problem)

    def _disarm(self) -> None:
        self.disarm_timer.stop()
        self.cancel_btn.setEnabled(True)
        self.confirming = False
        if self.cancel_btn.property("armed"):
            self.cancel_btn.setProperty("armed", False)
            self.cancel_btn.style().unpolish(self.cancel_btn)
            self.cancel_btn.style().polish(self.cancel_btn)
        self.cancel_btn.set_label(self.tr("Hủy số này"),
                                  self.tr("Trả lại số này nếu bạn không cần chờ nữa."))

    def _on_cancelled(self, info: TicketInfo) -> None:
        self.ticket = info
        self.cancelled = True
        self.cancel_btn.hide()
        self._show_status()
        self.home_timer.start(SHOW_AFTER_CANCEL_MS)
        if self.state.voice_on:
            self.speaker.say(self.status.text())

    def _on_cancel_problem(self, message: str) -> None:
        self.cancel_btn.setEnabled(True)
        set_role(self.status, "warning")
        self.status.setText(message)

    # -- words -----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.ticket
        self.done_btn.set_label(self.tr("Xong, về màn hình chính"),
                                self.tr("Về màn hình chính. Hãy giữ phiếu số của bạn."))
        if not self.confirming:
            self.cancel_btn.set_label(self.tr("Hủy số này"),
                                      self.tr("Trả lại số này nếu bạn không cần chờ nữa."))
        if t is None:
            return
        lang = self.state.language
        self.number.setText(t.marked_label(lang))
        # The priority mark shares the caption's line: a row of its own would squeeze the
        # number and the service at 1366×768 with the largest text.
        if t.priority:
            self.your_number.setText(self.tr("★ ƯU TIÊN – SỐ CỦA BẠN"))
            self.number.setAccessibleName(self.tr("Số ưu tiên của bạn: {label}")
                                          .replace("{label}", t.label))
        else:
            self.your_number.setText(self.tr("SỐ CỦA BẠN"))
            self.number.setAccessibleName(self.tr("Số của bạn: {label}").replace("{label}",
                                                                                t.label))
        self.your_number.setAccessibleName(self.your_number.text())
        self.service.setText(t.service_name(lang))
        self.details.setText("\n".join(self._detail_lines(t)))
        self.details.setAccessibleName(self.details.text())
        self._show_bring(t)
        self._show_status()
        self._place_bring()

    def _detail_lines(self, t: TicketInfo, code: bool = True) -> list[str]:
        # Short lines: they must fit beside the number at 1366×768 without wrapping.
        lines = [self.tr("Lấy số lúc {time}").replace("{time}", t.issued_at.strftime("%H:%M"))]
        if t.ahead == 0:
            lines.append(self.tr("Không có ai chờ trước bạn."))
        elif t.ahead == 1:  # English needs "1 person is", not "1 people are"
            lines.append(self.tr("Có 1 người chờ trước bạn."))
        else:
            lines.append(self.tr("Có {n} người chờ trước bạn.").replace("{n}", str(t.ahead)))
        if t.wait_minutes > 0:
            lines.append(self.tr("Chờ khoảng {m} phút.").replace("{m}", str(t.wait_minutes)))
        else:
            lines.append(self.tr("Chờ khoảng vài phút."))
        if code and t.resume_code:
            # Asked for a volunteer midway: the resume code, in the place of the time the
            # number was taken (printed on the ticket anyway); a fourth line pushed the
            # bring-list off a 1366×768 screen with the largest text.
            from kiosk.resume import shown

            lines[0] = self.tr("Mã học tiếp: {code}").replace("{code}", shown(t.resume_code))
        return lines

    def _bring_lines(self, t: TicketInfo) -> list[str]:
        return [item.text(self.state.language).rstrip(" .") for item in t.bring]

    def _show_bring(self, t: TicketInfo) -> None:
        lines = self._bring_lines(t)
        self.bring.setVisible(bool(lines))
        heading = self.tr("Chuẩn bị sẵn:")
        self.bring.setText(f"<b>{html.escape(heading)}</b> "
                           + " · ".join(html.escape(line) for line in lines) if lines else "")
        self.bring.setAccessibleName(f"{heading} {'; '.join(lines)}" if lines else "")

    def bring_text(self) -> str:
        """The bring-list as shown, in plain text ("" when there is none)."""
        return self.bring.accessibleName() if self.bring.isVisibleTo(self) else ""

    def bring_sentence(self) -> str:
        """What the voice says about the bring-list ("" when there is nothing to bring)."""
        t = self.ticket
        lines = self._bring_lines(t) if t is not None else []
        if not lines:
            return ""
        return self.tr("Hãy chuẩn bị sẵn: {items}.").replace("{items}", "; ".join(lines))

    def _show_status(self) -> None:
        t = self.ticket
        if t is None:
            return
        if self.cancelled:
            set_role(self.status, "tip")
            text = self.tr("Đã hủy số {label}. Cảm ơn bạn. Bạn có thể lấy số khác khi cần."
                           ).replace("{label}", t.label)
        elif self.print_state == "failed":
            set_role(self.status, "warning")
            text = self.print_message or self.tr("Máy in đang gặp sự cố, vui lòng nhớ số "
                                                 "của bạn")
            text = f"{text}: {t.label}"
        elif self.print_state == "printed":
            set_role(self.status, "tip")
            text = self.tr("Mời bạn lấy phiếu số ở máy in và ngồi chờ gọi số.")
        else:
            set_role(self.status, "tip")
            text = self.tr("Đang in phiếu số…")
        self.status.setText(text)
        self.status.setAccessibleName(text)

    def bring_replaces_qr(self) -> bool:
        """The largest text on a short screen (1366×768): the bring-list takes the QR code's
        place on screen, or the number, the list and the printer's news would not fit."""
        return bool(self.ticket and self.ticket.bring) and self.state.text_size >= 2 and \
            self.height() < SHORT_SCREEN_PX

    def _place_bring(self) -> None:
        in_right = self.right_col.indexOf(self.bring) >= 0
        wanted = self.bring_replaces_qr()
        if wanted != in_right:
            (self.right_col if in_right else self.left_col).removeWidget(self.bring)
            if wanted:
                self.right_col.insertWidget(1, self.bring)  # under the wait
            else:
                self.left_col.insertWidget(3, self.bring)  # under the service
            self.bring.setAlignment(Qt.AlignmentFlag.AlignLeft if wanted
                                    else Qt.AlignmentFlag.AlignCenter)
        if self.ticket is not None:
            self._show_qr(self.ticket)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._place_bring()

    def _show_qr(self, t: TicketInfo) -> None:
        has_qr = bool(t.official_url) and not self.bring_replaces_qr()
        for w in (self.qr_caption, self.qr, self.qr_address):
            w.setVisible(has_qr)
        if not has_qr:
            return
        self.qr_caption.setText(self.tr("Quét mã để mở trang chính thức:"))
        self.qr.set_url(t.official_url)
        self.qr.setAccessibleName(self.tr("Mã QR đến trang chính thức {address}")
                                  .replace("{address}", shown_address(t.official_url)))
        self.qr_address.setText(shown_address(t.official_url))

    def _number_sentence(self) -> str:
        t = self.ticket
        if t is None:
            return ""
        words = ticket_words(t.prefix, t.number, self.state.language)
        if t.priority:
            return self.tr("Số ưu tiên của bạn là {words}. {words}.").replace("{words}", words)
        return self.tr("Số của bạn là {words}. {words}.").replace("{words}", words)

    def _code_sentence(self) -> str:
        """The resume code digit by digit ("bốn, tám, hai, bảy"), as the code screen says it."""
        t = self.ticket
        if t is None or not t.resume_code:
            return ""
        from kiosk.resume import spoken

        return self.tr("Mã học tiếp của bạn là {digits}. Mã này có in trên phiếu.").replace(
            "{digits}", spoken(t.resume_code, self.state.language))

    def announcement(self) -> str:
        """Voice mode: the number twice, slowly, the service, what to have ready (said as the
        ticket starts printing, so the citizen hears it before taking the paper), then the
        wait."""
        t = self.ticket
        if t is None:
            return ""
        # The code is said digit by digit in its own sentence, not read off its line.
        details = " ".join(line.rstrip(".") + "." for line in self._detail_lines(t, code=False))
        parts = [self._number_sentence(), f"{self.service.text()}.", self.bring_sentence(),
                 details, self._code_sentence()]
        return " ".join(p for p in parts if p)
