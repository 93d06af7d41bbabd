"""Staff tab "Đồng bộ": the hub this kiosk sends to, how it is going, pair and unpair.

It shows what :func:`kiosk.sync.outbox.status` says (paired hub, last successful sync in
local time, items waiting, the last error in plain Vietnamese with what to do, the content
version) and offers "Đồng bộ ngay", pairing with an address and a one-time code, and
unpairing. Every action goes through the :class:`ui.features.sync.SyncScheduler` or the
outbox's rules (staff role, audit) on a background lane: the tab never waits on the network.
GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.clock import to_local
from kiosk.errors import KioskError
from kiosk.sync.outbox import CONTROL_TEXT, SyncReport, SyncStatus
from ui.layout_rule import mark_reading
from ui.state import KioskState
from ui.widgets.ask_dialog import ask
from ui.widgets.big_button import BigButton
from ui.widgets.hint_field import HintField


class StaffSyncTab(QWidget):
    """The panel. ``scheduler`` is the feature's :class:`ui.features.sync.SyncScheduler`."""

    def __init__(self, state: KioskState, scheduler: Any) -> None:
        super().__init__()
        self.setObjectName("staffSync")
        self.state, self.scheduler = state, scheduler
        self.status: SyncStatus | None = None
        col = QVBoxLayout(self)
        col.setSpacing(10)
        # Compact on purpose: everything, pairing included, fits at 1366×768 with the
        # largest text without scrolling (tests/ui/test_layout_rule.py): what is known on the
        # left, what to do (and how it went) on the right.
        top = QHBoxLayout()
        top.setSpacing(20)
        left = QVBoxLayout()
        left.setSpacing(4)
        self.facts: dict[str, QLabel] = {}
        for key in ("hub", "last_ok", "waiting", "content"):
            value = self._label(f"syncFact_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts[key] = value
            left.addWidget(value)
        # The last error and a refused pack can be long: they are reading text in their own
        # scroll area (allowed by the layout rule), so the actions never leave the screen.
        self.error = self._label("syncError", "warning")
        self.error.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.error_area = QScrollArea(self)
        self.error_area.setObjectName("syncErrorArea")
        self.error_area.setWidgetResizable(True)
        self.error_area.setFrameShape(QFrame.Shape.NoFrame)
        self.error_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.error_area.setWidget(self.error)
        self.error_area.setMinimumHeight(self.fontMetrics().lineSpacing() * 2)
        # Takes the room that is left, never asks for more (the tab would scroll instead).
        self.error_area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        mark_reading(self.error_area)
        self.error_area.viewport().installEventFilter(self)
        self.error_area.hide()
        left.addWidget(self.error_area, 1)
        left.addStretch(0)
        right = QVBoxLayout()
        right.setSpacing(8)
        self.sync_btn = BigButton("", "repeat", object_name="syncNow", beside=True,
                                  icon_px=40, parent=self)
        self.unpair_btn = BigButton("", "no", object_name="syncUnpair", role="secondary",
                                    beside=True, icon_px=40, parent=self)
        # Only while the last sync stopped on stored text with control characters.
        self.clean_btn = BigButton("", "shield", object_name="syncCleanText", beside=True,
                                   icon_px=40, parent=self)
        self.clean_btn.hide()
        self.message = self._label("syncMessage", "tip")
        self.message.hide()
        self._words: Callable[[], str] | None = None
        self._words_role = "tip"
        right.addWidget(self.clean_btn)
        right.addWidget(self.sync_btn)
        right.addWidget(self.unpair_btn)
        right.addWidget(self.message)
        right.addStretch(1)
        top.addLayout(left, 2)
        top.addLayout(right, 1)
        col.addLayout(top)
        self.top, self.right = top, right

        # -- pairing -------------------------------------------------------------------------
        self.pair_box = QFrame(self)
        self.pair_box.setObjectName("syncPairBox")
        pair_col = QVBoxLayout(self.pair_box)
        pair_col.setContentsMargins(0, 0, 0, 0)
        self.pair_hint = self._label("syncPairHint", "muted", self.pair_box)
        self.url = HintField(self.pair_box)
        self.url.setObjectName("syncHubUrl")
        self.url.setMaxLength(200)
        self.url.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly)
        self.code = HintField(self.pair_box)
        self.code.setObjectName("syncPairCode")
        self.code.setMaxLength(20)
        self.code.setInputMethodHints(Qt.InputMethodHint.ImhPreferUppercase
                                      | Qt.InputMethodHint.ImhNoPredictiveText)
        self.url_label = self._label("syncHubUrlLabel", "", self.pair_box)
        self.code_label = self._label("syncPairCodeLabel", "", self.pair_box)
        self.url_label.setWordWrap(False)
        self.code_label.setWordWrap(False)
        self.pair_btn = BigButton("", "key", object_name="syncPair", beside=True, icon_px=40,
                                  parent=self.pair_box)
        # Address above, code and "Ghép nối" below: side by side at 1366×768 with the
        # largest text the code field got a quarter of one row and cut its "ABCD-EFGH" hint
        # (HintField now asks for its hint's width; the address's does not fit beside it).
        row = QGridLayout()
        row.addWidget(self.url_label, 0, 0)
        row.addWidget(self.url, 0, 1, 1, 2)
        row.addWidget(self.code_label, 1, 0)
        row.addWidget(self.code, 1, 1)
        row.addWidget(self.pair_btn, 1, 2)
        row.setColumnStretch(1, 1)
        pair_col.addWidget(self.pair_hint)
        pair_col.addLayout(row)
        self.pair_col = pair_col
        col.addWidget(self.pair_box)
        col.addStretch(1)

        self.sync_btn.clicked.connect(self.sync_now)
        self.clean_btn.clicked.connect(self.clean_text)
        self.pair_btn.clicked.connect(self.pair)
        self.code.returnPressed.connect(self.pair)
        self.unpair_btn.clicked.connect(self.unpair)
        scheduler.status_changed.connect(self.show_status)
        scheduler.running_changed.connect(self._on_running)
        scheduler.finished.connect(self._on_finished)
        self.retranslate()
        if scheduler.status is not None:
            self.show_status(scheduler.status)

    def _label(self, name: str, role: str = "", parent: QWidget | None = None) -> QLabel:
        label = QLabel(parent or self)
        label.setObjectName(name)
        label.setWordWrap(True)
        if role:
            label.setProperty("role", role)
        return label

    @staticmethod
    def _restyle(label: QLabel, role: str) -> None:
        label.setProperty("role", role)
        label.style().unpolish(label)
        label.style().polish(label)

    def _say(self, words: Callable[[], str] | None, role: str = "tip") -> None:
        """Show a message beside the actions. ``words`` makes the text in the language of the
        moment and is kept, so a language switch says the same thing again in the other
        language (a text set once stayed Vietnamese after "English" was tapped)."""
        self._words, self._words_role = words, role
        self._show_words()

    def _show_words(self) -> None:
        text = self._words() if self._words is not None else ""
        self.message.setText(text)
        self._restyle(self.message, self._words_role)
        self.message.setVisible(bool(text))

    # -- texts ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.sync_btn.set_label(self.tr("Đồng bộ ngay"))
        self.unpair_btn.set_label(self.tr("Bỏ ghép nối"))
        self.clean_btn.set_label(self.tr("Làm sạch ký tự ẩn"))
        self.pair_hint.setText(self.tr(
            "Cán bộ xã tạo mã ghép nối trên hub (dùng một lần, trong 24 giờ). Nhập địa chỉ hub "
            "và mã đó."))
        self.url_label.setText(self.tr("Địa chỉ hub"))
        self.code_label.setText(self.tr("Mã ghép nối"))
        self.error_area.setAccessibleName(self.tr("Lỗi đồng bộ gần nhất"))
        self.url.setAccessibleName(self.tr("Địa chỉ hub"))
        self.code.setAccessibleName(self.tr("Mã ghép nối"))
        self.url.setPlaceholderText("https://hub.xa.danang.gov.vn")
        self.code.setPlaceholderText("ABCD-EFGH")
        self.pair_btn.set_label(self.tr("Ghép nối"))
        if self.status is not None:
            self.show_status(self.status)
        if self._words is not None:
            self._show_words()

    def show_status(self, st: SyncStatus) -> None:
        self.status = st
        paired = st.pairing is not None
        if st.pairing is not None:
            hub = st.pairing.hub_name or urlsplit(st.pairing.hub_url).netloc
        else:
            hub = self.tr("chưa ghép nối")
        last_ok = to_local(st.last_ok).strftime("%H:%M %d/%m/%Y") if st.last_ok \
            else self.tr("chưa lần nào")
        def n(value: int) -> str:
            return f"{value:,}".replace(",", ".")  # 4.500, as Vietnamese write it

        waiting = self.tr("{r} bản ghi, {d} ngày hoạt động").replace(
            "{r}", n(st.waiting_records)).replace("{d}", n(st.waiting_days))
        content = self.tr("bản {v} từ hub").replace("{v}", st.content_version) \
            if st.content_version else self.tr("đi kèm phần mềm")
        for key, label, value in (
                ("hub", self.tr("Hub"), hub),
                ("last_ok", self.tr("Gửi thành công lúc"), last_ok),
                ("waiting", self.tr("Đang chờ gửi"), waiting),
                ("content", self.tr("Nội dung"), content)):
            self.facts[key].setText(f"<b>{escape(label)}:</b> {escape(value)}")
        error = st.last_error_message
        if error and self.state.language == "en":  # the outbox keeps the Vietnamese words
            from kiosk.sync.client import english_for  # httpx: not for reading the status

            host = urlsplit(st.pairing.hub_url).netloc if st.pairing else ""
            error = english_for(st.last_error_code, host) or st.last_error_message_en or error
        problems = [p for p in (error, st.content_problem) if p]
        if error and st.last_error_at:
            when = to_local(st.last_error_at).strftime("%H:%M %d/%m/%Y")
            problems[0] = self.tr("Lần thử lúc {t} không thành công: ").replace(
                "{t}", when) + error
        self.error.setText("\n".join(problems))
        self.error_area.setVisible(bool(problems))
        self._fit_error()
        self.sync_btn.setVisible(paired)
        self.clean_btn.setVisible(st.last_error_code == CONTROL_TEXT)
        self.unpair_btn.setVisible(paired)
        self.pair_box.setVisible(not paired)
        self.facts["last_ok"].setVisible(paired or st.last_ok is not None)
        # Paired: the error's reading area gets the rest of the height; unpaired: the
        # pairing form follows the facts directly.
        col = self.layout()
        if isinstance(col, QVBoxLayout):
            col.setStretchFactor(self.top, 1 if paired else 0)
            col.setStretch(col.count() - 1, 0 if paired else 1)  # the closing stretch
        # Unpaired, the facts take the whole width and the message goes under the form.
        self.top.setStretch(1, 1 if paired else 0)
        shown = not self.message.isHidden()  # a new parent hides a widget: keep it as it was
        if paired and self.message.parentWidget() is not self:
            self.right.insertWidget(3, self.message)
        elif not paired and self.message.parentWidget() is not self.pair_box:
            self.pair_col.addWidget(self.message)
        self.message.setVisible(shown)
        self.sync_btn.setEnabled(paired and not self.scheduler.running)

    def _fit_error(self) -> None:
        """The error's area grows to its text and no further (then it scrolls)."""
        self.error.ensurePolished()
        width = max(120, self.error_area.viewport().width())
        self.error_area.setMaximumHeight(max(self.error_area.minimumHeight(),
                                             self.error.heightForWidth(width) + 4))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.error_area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_error()  # its width is known only now
        return super().eventFilter(watched, event)

    # -- actions -------------------------------------------------------------------------------
    def sync_now(self) -> None:
        self.scheduler.run_now()

    def _on_running(self, running: bool) -> None:
        self.sync_btn.setEnabled(not running and self.status is not None
                                 and self.status.paired)
        if running:
            self._say(lambda: self.tr("Đang đồng bộ… Kiosk vẫn dùng được bình thường."))

    def _on_finished(self, outcome: object) -> None:
        if isinstance(outcome, SyncReport):
            report = outcome

            def sent() -> str:
                text = self.tr("Đã gửi {n} mục lên hub.").replace("{n}", str(report.sent)) \
                    if report.sent else self.tr("Hub đã nhận đủ; không còn gì chờ gửi.")
                if report.pack_version:
                    text += " " + self.tr("Đã nhận nội dung mới (phiên bản {v}); kiosk dùng "
                                          "nội dung này từ lần về màn hình chính tới.").replace(
                        "{v}", report.pack_version)
                return text

            self._say(sent)
        elif isinstance(outcome, KioskError) and getattr(outcome, "code", ""):
            # Kept by the outbox and shown in full beside the facts: not twice.
            self._say(lambda: self.tr("Chưa đồng bộ được (xem lý do bên trái)."), "warning")
        elif isinstance(outcome, KioskError):
            self._problem(outcome)

    def clean_text(self) -> None:
        self._say(lambda: self.tr("Đang làm sạch…"))
        self.scheduler.clean_text(self.state.actor, self._cleaned, self._problem)

    def _cleaned(self, cleaned: list[str]) -> None:
        self._say(lambda: self.tr("Đã xóa ký tự ẩn ở {n} mục (chữ nhìn thấy được giữ "
                                  "nguyên); đang gửi lại.").replace("{n}", str(len(cleaned))))

    def pair(self) -> None:
        url, code = self.url.text(), self.code.text()
        if not url.strip() or not code.strip():
            self._say(lambda: self.tr("Hãy nhập cả địa chỉ hub và mã ghép nối."), "warning")
            return
        self._say(lambda: self.tr("Đang ghép nối…"))
        self.scheduler.pair(self.state.actor, url, code, self._paired, self._problem)

    def _paired(self, _result: object) -> None:
        self.code.clear()
        self._say(lambda: self.tr("Đã ghép nối. Kiosk sẽ tự gửi dữ liệu mỗi 5 phút khi có "
                                  "mạng."))

    def _problem(self, exc: KioskError) -> None:
        self._say(lambda: exc.message(self.state.language), "warning")

    def unpair(self) -> None:
        ask(self, "syncUnpairAsk", self.tr("Bỏ ghép nối?"),
            self.tr("Kiosk sẽ thôi gửi dữ liệu lên hub này. Dữ liệu trên máy vẫn còn nguyên. "
                    "Muốn gửi lại phải có mã ghép nối mới."),
            self.tr("Bỏ ghép nối"), lambda _reason: self.scheduler.unpair(
                self.state.actor, lambda _v: self._say(lambda: self.tr("Đã bỏ ghép nối.")),
                self._problem), danger=True)

    def reset(self) -> None:
        self.code.clear()
        self._say(None)
