"""Asking a citizen's consent before anything personal is kept (shared/domain/facts.md §5).

Two pieces, used by the quick-log screen:

* :class:`ConsentPanel`: a whole page the volunteer turns towards the citizen. It shows the
  consent text from :mod:`kiosk.privacy` (who keeps what, why, for how long, the person's
  rights), reads it aloud, and offers two equal, clear choices: "Tôi đồng ý" and
  "Không đồng ý". Nothing is ever chosen in advance.
* :class:`ConsentGate` (and :class:`ContactGate`, :class:`EthnicGate`): a toggle on the form
  ("Cần liên hệ lại", "Ghi dân tộc") plus the fields it guards. The fields stay disabled until
  the citizen has agreed on the panel; declining or untoggling clears them, so the record
  stays anonymous.

The rule that nothing is stored without consent also lives in kiosk.assistance (the service
refuses a contact or an ethnic group without ``*_consent=True``); these widgets only make the
clear act easy to perform and impossible to skip. GUI thread only.
"""

from __future__ import annotations

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
from kiosk.privacy import CONTACT_PURPOSE_VI
from ui.screens.base import SpeakerLike
from ui.widgets.big_button import BigButton

# A few groups the help points of Da Nang meet most; the box also accepts any other name.
ETHNIC_CHOICES = ("Kinh", "Cơ Tu", "Hoa", "Tày", "Nùng", "Ê Đê", "Gia Rai", "Xơ Đăng")


def _named(widget: QWidget, name: str) -> QWidget:
    widget.setObjectName(name)
    return widget


class ConsentPanel(QFrame):
    """The consent page: the text, read aloud, and two clear choices. Never pre-answered."""

    agreed = Signal(str)  # kind ("contact" | "ethnic")
    declined = Signal(str)

    def __init__(self, speaker: SpeakerLike, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentPanel")
        self.speaker = speaker
        self.kind = ""
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        _named(self.heading, "consentHeading")
        self.heading.setProperty("role", "title")
        self.heading.setWordWrap(True)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel(self)
        _named(self.hint, "consentHint")
        self.hint.setProperty("role", "tip")
        self.hint.setWordWrap(True)
        self.text = QLabel()
        _named(self.text, "consentText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("consentScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.text)
        self.listen_btn = BigButton("", "speaker", object_name="consentListen",
                                    role="secondary", beside=True, icon_px=48)
        self.decline_btn = BigButton("", "back", object_name="consentDecline",
                                     role="secondary", beside=True, icon_px=48)
        self.agree_btn = BigButton("", "done", object_name="consentAgree", beside=True,
                                   icon_px=56)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.listen_btn, 2)
        buttons.addWidget(self.decline_btn, 3)
        buttons.addWidget(self.agree_btn, 3)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        self.listen_btn.clicked.connect(self.read_aloud)
        self.agree_btn.clicked.connect(lambda: self.agreed.emit(self.kind))
        self.decline_btn.clicked.connect(lambda: self.declined.emit(self.kind))
        self.retranslate()

    def ask(self, kind: str, heading: str, text: str) -> None:
        """Show ``text`` for consent ``kind`` and read it aloud."""
        self.kind = kind
        self.heading.setText(heading)
        self.text.setText(text)
        self.scroll.verticalScrollBar().setValue(0)
        self.read_aloud()

    def read_aloud(self) -> None:
        if self.text.text():
            self.speaker.say(self.text.text())

    def retranslate(self) -> None:
        self.hint.setText(self.tr("Mời người dân đọc hoặc nghe lời xin phép dưới đây, rồi tự "
                                  "chọn. Không đồng ý thì vẫn được hỗ trợ như bình thường."))
        self.listen_btn.set_label(self.tr("Nghe lại"), self.tr("Đọc to lời xin phép."))
        self.decline_btn.set_label(self.tr("Không đồng ý"),
                                   self.tr("Không lưu thông tin này. Bản ghi vẫn ẩn danh."))
        self.agree_btn.set_label(self.tr("Tôi đồng ý"),
                                 self.tr("Người dân đồng ý cho lưu thông tin này."))


class ConsentGate(QWidget):
    """A toggle and the fields it guards; the fields open only after ``grant()``.

    ``requested`` asks the screen to show the consent panel. The screen answers with
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
        self.grid = QGridLayout(self.fields)
        self.grid.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle, 2)
        layout.addWidget(self.fields, 3)
        self.status = QLabel(self.fields)
        self.status.setObjectName(f"{object_name}Status")
        self.status.setProperty("role", "muted")
        self.status.setWordWrap(True)
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
            # Stays unticked until the citizen answers on the consent panel.
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
        self.grid.addWidget(self.status, 0, 0, 1, 2)
        self.grid.addWidget(self.name, 1, 0)
        self.grid.addWidget(self.phone, 1, 1)
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
        self.grid.addWidget(self.status, 0, 0)
        self.grid.addWidget(self.group, 1, 0)
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
