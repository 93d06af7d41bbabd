""""How was the help?": four large faces with words under each, and a way to skip.

Shown to the citizen after a volunteer presses "Xong". Touching a face emits ``rated`` with a
score on the queue's 1–5 scale; "Bỏ qua" emits ``skipped``. Rating is always optional.

The faces are drawn from small SVG strings in one ink colour, so high contrast recolours them
like every other icon (``BigButton.apply_palette`` calls :meth:`FaceButton.recolour`).

Thread: GUI thread only.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui import icons
from ui.widgets.big_button import BigButton

#: (score on the 1–5 scale, words under the face). "Chưa hài lòng" is the bottom of the scale
#: (1), not 2: a report average must not make unhappy citizens look half-happy.
FACES: tuple[tuple[int, str], ...] = (
    (5, QT_TRANSLATE_NOOP("SatisfactionFaces", "Rất hài lòng")),
    (4, QT_TRANSLATE_NOOP("SatisfactionFaces", "Hài lòng")),
    (3, QT_TRANSLATE_NOOP("SatisfactionFaces", "Bình thường")),
    (1, QT_TRANSLATE_NOOP("SatisfactionFaces", "Chưa hài lòng")),
)

# Mouth for each score: a quadratic curve from (20, y) to (44, y) bending to (32, control).
_MOUTHS = {5: (40, 58), 4: (42, 52), 3: (44, 44), 2: (46, 40), 1: (48, 36)}


def face_svg(score: int, colour: str = icons.INK) -> str:
    """An SVG face for ``score`` (5 = big smile … 1 = frown) drawn in ``colour``."""
    y, control = _MOUTHS.get(score, _MOUTHS[3])
    fill = f' fill="{colour}"' if score == 5 else ' fill="none"'
    close = " Z" if score == 5 else ""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">'
        f'<circle cx="32" cy="32" r="28" fill="none" stroke="{colour}" stroke-width="4"/>'
        f'<circle cx="23" cy="26" r="4" fill="{colour}"/>'
        f'<circle cx="41" cy="26" r="4" fill="{colour}"/>'
        f'<path d="M20 {y} Q32 {control} 44 {y}{close}" stroke="{colour}" stroke-width="4" '
        f'stroke-linecap="round" stroke-linejoin="round"{fill}/>'
        '</svg>')


@lru_cache(maxsize=64)
def face_pixmap(score: int, colour: str, size: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(face_svg(score, colour).encode("utf-8")))
    pm = QPixmap(QSize(size, size))
    pm.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pm)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pm


class FaceButton(BigButton):
    """A tile with a drawn face above its words."""

    def __init__(self, score: int, *, icon_px: int = 128, parent: QWidget | None = None) -> None:
        self.score = score
        super().__init__("", f"face-{score}", object_name=f"satisfactionFace{score}",
                         role="tile", parent=parent, icon_px=icon_px)

    def recolour(self, colour: str) -> None:
        self._colour = colour
        self.setIcon(QIcon(face_pixmap(self.score, colour, self.shown_icon_px)))


class SatisfactionFaces(QWidget):
    """The question, the faces in a row, and "Bỏ qua"."""

    rated = Signal(int)  # score 1..5
    skipped = Signal()

    def __init__(self, parent: QWidget | None = None, icon_px: int = 128) -> None:
        super().__init__(parent)
        self.setObjectName("satisfactionFaces")
        layout = QVBoxLayout(self)
        self.question = QLabel(self)
        self.question.setObjectName("satisfactionQuestion")
        self.question.setProperty("role", "title")
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.question)
        row = QHBoxLayout()
        row.setSpacing(24)
        self.faces: dict[int, FaceButton] = {}
        for score, _words in FACES:
            b = FaceButton(score, icon_px=icon_px, parent=self)
            b.clicked.connect(lambda _=False, s=score: self.rated.emit(s))
            self.faces[score] = b
            row.addWidget(b)
        layout.addLayout(row, 1)
        self.skip_btn = BigButton("", "next", object_name="satisfactionSkip", role="secondary",
                                  beside=True, icon_px=40, parent=self)
        self.skip_btn.clicked.connect(self.skipped)
        skip_row = QHBoxLayout()
        skip_row.addStretch(1)
        skip_row.addWidget(self.skip_btn)
        skip_row.addStretch(1)
        layout.addLayout(skip_row)
        # The panel itself takes focus when it opens, so no face wears the focus ring (a
        # thick border that looks "chosen" to a citizen) before the citizen touches one.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate()

    def ask(self) -> None:
        """Show the faces with none chosen: focus on the panel, not on the first face."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self) -> None:
        self.question.setText(self.tr("Bạn có hài lòng với sự hỗ trợ hôm nay không? "
                                      "Chạm vào một khuôn mặt."))
        for score, words in FACES:
            # ``words`` were marked with QT_TRANSLATE_NOOP in this class's context.
            self.faces[score].set_label(self.tr(words), self.tr("Chọn mức hài lòng này."))
        self.skip_btn.set_label(self.tr("Bỏ qua"), self.tr("Không đánh giá lần này."))

    def spoken(self) -> str:
        """What voice mode says when the faces appear."""
        words = ", ".join(self.faces[s].text() for s, _w in FACES)
        return f"{self.question.text()} {words}."
