"""A calm question with two big buttons, opened without blocking (``ask``).

With ``with_reason`` a one-line reason is required (edits and deletions by staff); the reason
passes the same privacy check as a note (no ID numbers, phone numbers or passwords).

Thread: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.privacy import PrivacyError, check_note
from ui.widgets.big_button import BigButton


class AskDialog(QDialog):
    """A calm question with two big buttons, opened without blocking (``open()``).

    With ``with_reason`` a one-line reason is required (edits and deletions by staff).
    ``answered`` carries the reason ("" without one) when the person confirms.
    """

    answered = Signal(str)

    def __init__(self, parent: QWidget, object_name: str, title: str, question: str,
                 ok_text: str, *, with_reason: bool = False, danger: bool = False,
                 lang: str = "vi") -> None:
        super().__init__(parent)
        self.lang = lang  # for a refused reason (PrivacyError's English)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(min(900, max(480, parent.width() * 2 // 3)))
        layout = QVBoxLayout(self)
        self.question = QLabel(question, self)
        self.question.setObjectName(f"{object_name}Question")
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        self.reason: QLineEdit | None = None
        if with_reason:
            self.reason = QLineEdit(self)
            self.reason.setObjectName(f"{object_name}Reason")
            self.reason.setAccessibleName(self.tr("Lý do"))
            self.reason.setPlaceholderText(self.tr("Ghi lý do (bắt buộc)"))
            self.reason.setMaxLength(200)
            layout.addWidget(self.reason)
        self.warning = QLabel(self)
        self.warning.setObjectName(f"{object_name}Warning")
        self.warning.setProperty("role", "warning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        layout.addWidget(self.warning)
        row = QHBoxLayout()
        self.cancel_btn = BigButton(self.tr("Hủy"), "back", object_name=f"{object_name}Cancel",
                                    role="secondary", beside=True, icon_px=40)
        self.ok_btn = BigButton(ok_text, "done", object_name=f"{object_name}Ok",
                                role="danger" if danger else "", beside=True, icon_px=40)
        row.addWidget(self.cancel_btn)
        row.addWidget(self.ok_btn)
        layout.addLayout(row)
        self.cancel_btn.clicked.connect(self.reject)
        self.ok_btn.clicked.connect(self._confirm)
        self.finished.connect(lambda _r: self.deleteLater())

    def _confirm(self) -> None:
        text = self.reason.text().strip() if self.reason is not None else ""
        if self.reason is not None:
            if not text:
                self.warning.setText(self.tr("Hãy ghi lý do trước khi tiếp tục."))
                self.warning.show()
                return
            try:
                check_note(text, "Lý do")
            except PrivacyError as exc:
                self.warning.setText(exc.message(self.lang))
                self.warning.show()
                return
        self.accept()
        self.answered.emit(text)


def ask(parent: QWidget, object_name: str, title: str, question: str, ok_text: str,
        on_yes: Callable[[str], None], *, with_reason: bool = False,
        danger: bool = False) -> AskDialog:
    # The screens and tabs that ask all hold the kiosk's state: answer in its language.
    lang = getattr(getattr(parent, "state", None), "language", "vi")
    dialog = AskDialog(parent, object_name, title, question, ok_text,
                       with_reason=with_reason, danger=danger, lang=lang)
    dialog.answered.connect(on_yes)
    dialog.open()
    return dialog
