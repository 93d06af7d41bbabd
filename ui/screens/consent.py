"""Asking a citizen's consent before anything personal is kept (shared/domain/facts.md §5).

Two pieces, used by the quick-log screen:

* :class:`ConsentScreen` (ScreenId.CONSENT): its own screen the volunteer turns towards the
  citizen. It shows the notice from :func:`kiosk.privacy.consent_notice` (who keeps it, what
  for, for how long, how to withdraw: in writing), reads it aloud, and offers two equal,
  clear choices: "Không đồng ý" and "Tôi đồng ý". Nothing is ever chosen in advance.
* :class:`ConsentGate` (and :class:`ContactGate`, :class:`EthnicGate`): a toggle on the form
  ("Cần liên hệ lại", "Ghi dân tộc") plus the fields it guards. The fields stay disabled until
  the citizen has agreed on the consent screen; declining or untoggling clears them, so the record
  stays anonymous.

The rule that nothing is stored without consent also lives in kiosk.assistance (the service
refuses a contact or an ethnic group without ``*_consent=True``); these widgets only make the
clear act easy to perform and impossible to skip. GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.assistance import ETHNIC_MAX, NAME_MAX
from kiosk.privacy import CONTACT_PURPOSE_VI, ConsentNotice
from ui.layout_rule import mark_reading
from ui.navigator import Navigator, ScreenId
from ui.screens.base import BaseScreen, SpeakerLike
from ui.state import KioskState
from ui.widgets.big_button import BigButton

# A few groups the help points of Da Nang meet most; the box also accepts any other name.
ETHNIC_CHOICES = ("Kinh", "Cơ Tu", "Hoa", "Tày", "Nùng", "Ê Đê", "Gia Rai", "Xơ Đăng")


def _named(widget: QWidget, name: str) -> QWidget:
    widget.setObjectName(name)
    return widget


class ConsentScreen(BaseScreen):
    """Its own screen, turned towards the citizen: the heading, four plain blocks (who keeps
    it, what for, for how long, how to withdraw), read aloud, and two equal choices.

    Context for ``on_enter``: ``notice`` (a :class:`kiosk.privacy.ConsentNotice`) and
    ``answer_to`` (the ScreenId that asked). The answer goes back as
    ``go_to(answer_to, consent=(kind, agreed))``. Nothing is ever chosen in advance: neither
    choice has focus or a filled look when the screen opens. The bars hide Back, Home and
    "Đăng xuất" here (``citizen_facing``): the volunteer's session is not the citizen's to end.
    """

    own_back = True
    citizen_facing = True

    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike) -> None:
        super().__init__(state, nav, speaker, "consent")
        self.notice: ConsentNotice | None = None
        self.answer_to: ScreenId = ScreenId.HOME
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.title.setObjectName("consentHeading")
        self.hint = QLabel(self)
        _named(self.hint, "consentHint")
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.outer.addWidget(self.hint)
        body = QWidget()
        body.setObjectName("consentBody")
        self.blocks = QGridLayout(body)
        self.blocks.setContentsMargins(0, 0, 12, 0)
        self.blocks.setHorizontalSpacing(24)
        self.blocks.setVerticalSpacing(16)
        self.questions: list[QLabel] = []
        self.answers: list[QLabel] = []
        for i in range(4):
            q = QLabel(body)
            _named(q, f"consentQuestion{i + 1}")
            q.setStyleSheet("font-weight: bold;")
            q.setWordWrap(True)
            q.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            a = QLabel(body)
            _named(a, f"consentAnswer{i + 1}")
            a.setWordWrap(True)
            a.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.blocks.addWidget(q, i, 0)
            self.blocks.addWidget(a, i, 1)
            self.questions.append(q)
            self.answers.append(a)
        self.closing = QLabel(body)
        _named(self.closing, "consentClosing")
        self.closing.setProperty("role", "tip")
        self.closing.setWordWrap(True)
        self.blocks.addWidget(self.closing, 4, 0, 1, 2)
        self.blocks.setColumnStretch(1, 1)
        self.blocks.setRowStretch(5, 1)
        # Long reading text may scroll at the largest text size; the choices never do.
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("consentScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setMinimumHeight(1)
        self.scroll.setWidget(body)
        mark_reading(self.scroll)
        self.outer.addWidget(self.scroll, 1)
        self.listen_btn = BigButton("", "speaker", object_name="consentListen",
                                    role="secondary", beside=True, icon_px=48)
        # The two answers look the same and weigh the same: neither is the "default".
        self.decline_btn = BigButton("", "no", object_name="consentDecline", role="secondary",
                                     beside=True, icon_px=56)
        self.agree_btn = BigButton("", "yes", object_name="consentAgree", role="secondary",
                                   beside=True, icon_px=56)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.listen_btn, 2)
        buttons.addWidget(self.decline_btn, 3)
        buttons.addWidget(self.agree_btn, 3)
        self.outer.addLayout(buttons)
        self.listen_btn.clicked.connect(self.read_aloud)
        self.agree_btn.clicked.connect(lambda: self._answer(True))
        self.decline_btn.clicked.connect(lambda: self._answer(False))

    @property
    def text(self) -> str:
        """The whole notice as shown and read aloud."""
        return self.notice.text if self.notice is not None else ""

    def on_enter(self, **context: Any) -> None:
        notice = context.get("notice")
        if not isinstance(notice, ConsentNotice):
            self.nav.home()
            return
        self.notice = notice
        answer_to = context.get("answer_to", ScreenId.HOME)
        self.answer_to = answer_to if isinstance(answer_to, ScreenId) else ScreenId.HOME
        self.retranslate()
        self.scroll.verticalScrollBar().setValue(0)
        self.setFocus()  # no choice wears the focus ring (it looks like "chosen")
        self.read_aloud()

    def on_leave(self) -> None:
        self.speaker.stop_narration()

    def reset(self) -> None:
        self.notice = None

    def read_aloud(self) -> None:
        if self.text:
            self.speaker.say(self.text)

    def _answer(self, agreed: bool) -> None:
        notice = self.notice
        if notice is None:
            return
        self.speaker.stop_narration()
        self.nav.go_to(self.answer_to, remember=False, consent=(notice.kind, agreed))

    def retranslate(self) -> None:
        self.hint.setText(self.tr("Mời bạn đọc hoặc nghe, rồi tự chọn."))
        self.listen_btn.set_label(self.tr("Nghe lại"), self.tr("Đọc to lời xin phép."))
        self.decline_btn.set_label(self.tr("Không đồng ý"),
                                   self.tr("Không lưu thông tin này. Bạn vẫn được hỗ trợ."))
        self.agree_btn.set_label(self.tr("Tôi đồng ý"), self.tr("Cho phép lưu thông tin này."))
        notice = self.notice
        if notice is None:
            return
        self.title.setText(notice.heading)
        for (q, a), q_label, a_label in zip(notice.blocks, self.questions, self.answers,
                                            strict=True):
            q_label.setText(q)
            a_label.setText(a)
        self.closing.setText(notice.closing)

    def announcement(self) -> str:
        return ""  # on_enter reads the whole notice


class ConsentGate(QWidget):
    """A toggle and the fields it guards; the fields open only after ``grant()``.

    ``requested`` asks the screen to show the consent screen. The screen answers with
    :meth:`grant` (the citizen tapped "Tôi đồng ý") or :meth:`decline`.
    """

    requested = Signal(str)  # kind
    changed = Signal()

    kind = ""

    def __init__(self, object_name: str, icon: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.consented = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        self.toggle = BigButton("", icon, object_name=f"{object_name}Toggle", role="secondary",
                                beside=True, icon_px=40)
        self.toggle.setCheckable(True)
        self.fields = QWidget(self)
        self.fields.setObjectName(f"{object_name}Fields")
        # The status sentence above the inputs in a box layout (which gives wrapped words
        # their height); the inputs in a grid under it.
        column = QVBoxLayout(self.fields)
        column.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle, 2)
        layout.addWidget(self.fields, 3)
        self.status = QLabel(self.fields)
        self.status.setObjectName(f"{object_name}Status")
        self.status.setProperty("role", "muted")
        self.status.setWordWrap(True)
        column.addWidget(self.status)
        column.addLayout(self.grid)
        self.toggle.toggled.connect(self._on_toggle_toggled)
        self._set_open(False)

    # -- what the screen calls -----------------------------------------------------------------
    def grant(self) -> None:
        """The citizen agreed by a clear act: open the fields."""
        self.consented = True
        self._checked(True)
        self._set_open(True)
        self.changed.emit()

    def decline(self) -> None:
        """No consent (declined, withdrawn or reset): nothing personal is kept."""
        self.consented = False
        self._checked(False)
        self.clear_fields()
        self._set_open(False)
        self.changed.emit()

    def reset(self) -> None:
        self.decline()

    # -- to override ---------------------------------------------------------------------------
    def clear_fields(self) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        self._set_open(self.consented)

    # -- internals -----------------------------------------------------------------------------
    def _checked(self, on: bool) -> None:
        self.toggle.blockSignals(True)
        self.toggle.setChecked(on)
        self.toggle.blockSignals(False)

    def _on_toggle_toggled(self, on: bool) -> None:
        if on and not self.consented:
            # Stays unticked until the citizen answers on the consent screen.
            self._checked(False)
            self.requested.emit(self.kind)
        elif not on:
            self.decline()

    def _set_open(self, on: bool) -> None:
        for w in self.fields.findChildren(QWidget):
            if w is not self.status:
                w.setEnabled(on)
        self.status.setText(self._status_text(on))

    def _status_text(self, on: bool) -> str:
        return ""


class ContactGate(ConsentGate):
    """"Cần liên hệ lại": name and phone, only with the citizen's consent."""

    kind = "contact"

    def __init__(self, parent: QWidget | None = None) -> None:
        self.name = QLineEdit()
        self.phone = QLineEdit()
        super().__init__("contactGate", "phone", parent)
        self.name.setParent(self.fields)
        self.phone.setParent(self.fields)
        self.name.setObjectName("contactName")
        self.name.setMaxLength(NAME_MAX)
        self.phone.setObjectName("contactPhone")
        self.phone.setMaxLength(20)
        self.phone.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.grid.addWidget(self.name, 0, 0)
        self.grid.addWidget(self.phone, 0, 1)
        self.name.textChanged.connect(lambda _t: self.changed.emit())
        self.phone.textChanged.connect(lambda _t: self.changed.emit())
        self.retranslate()
        self._set_open(False)

    def clear_fields(self) -> None:
        self.name.clear()
        self.phone.clear()

    def set_values(self, name: str | None, phone: str | None, consented: bool) -> None:
        """Show a saved record's contact (its consent was given when it was logged)."""
        if consented and (name or phone):
            self.grant()
            self.name.setText(name or "")
            self.phone.setText(phone or "")
        else:
            self.decline()

    def values(self) -> dict[str, object]:
        name = self.name.text().strip() if self.consented else ""
        phone = self.phone.text().strip() if self.consented else ""
        if not (name or phone):
            return {"contact_name": None, "contact_phone": None, "contact_consent": False,
                    "contact_consent_purpose": None}
        return {"contact_name": name or None, "contact_phone": phone or None,
                "contact_consent": True, "contact_consent_purpose": CONTACT_PURPOSE_VI}

    def retranslate(self) -> None:
        self.toggle.set_label(self.tr("Cần liên hệ lại"),
                              self.tr("Xin phép người dân lưu họ tên và số điện thoại."))
        self.name.setPlaceholderText(self.tr("Họ tên"))
        self.name.setAccessibleName(self.tr("Họ tên người cần liên hệ lại"))
        self.phone.setPlaceholderText(self.tr("Số điện thoại"))
        self.phone.setAccessibleName(self.tr("Số điện thoại người cần liên hệ lại"))
        super().retranslate()

    def _status_text(self, on: bool) -> str:
        return (self.tr("Người dân đã đồng ý. Ghi họ tên và số điện thoại:") if on
                else self.tr("Chỉ ghi khi người dân đồng ý."))


class EthnicGate(ConsentGate):
    """"Ghi dân tộc": sensitive data, only with the citizen's consent."""

    kind = "ethnic"

    def __init__(self, parent: QWidget | None = None) -> None:
        self.group = QComboBox()
        super().__init__("ethnicGate", "language", parent)
        self.group.setParent(self.fields)
        self.group.setObjectName("ethnicGroup")
        self.group.setEditable(True)
        self.group.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.group.addItem("")
        self.group.addItems(list(ETHNIC_CHOICES))
        line = self.group.lineEdit()
        if line is not None:
            line.setMaxLength(ETHNIC_MAX)
            line.setObjectName("ethnicGroupText")
        self.grid.addWidget(self.group, 0, 0)
        self.group.currentTextChanged.connect(lambda _t: self.changed.emit())
        self.retranslate()
        self._set_open(False)

    def clear_fields(self) -> None:
        self.group.setCurrentIndex(0)
        self.group.setEditText("")

    def set_values(self, group: str | None, consented: bool) -> None:
        if consented and group:
            self.grant()
            self.group.setEditText(group)
        else:
            self.decline()

    def values(self) -> dict[str, object]:
        text = self.group.currentText().strip() if self.consented else ""
        if not text:
            return {"ethnic_group": None, "ethnic_consent": False}
        return {"ethnic_group": text, "ethnic_consent": True}

    def retranslate(self) -> None:
        self.toggle.set_label(self.tr("Ghi dân tộc"),
                              self.tr("Xin phép người dân ghi dân tộc (không bắt buộc)."))
        self.group.setAccessibleName(self.tr("Dân tộc"))
        line = self.group.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Chọn hoặc gõ tên dân tộc"))
            line.setAccessibleName(self.tr("Dân tộc"))
        super().retranslate()

    def _status_text(self, on: bool) -> str:
        return (self.tr("Người dân đã đồng ý. Chọn dân tộc:") if on
                else self.tr("Không bắt buộc. Chỉ ghi khi người dân đồng ý."))
