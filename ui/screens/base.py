"""What every screen shares: a title, what voice mode says on entering, reset on idle."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ui.first_paint import set_enum
from ui.navigator import Navigator
from ui.speech import FakeSpeaker, Speaker
from ui.state import KioskState
from ui.widgets.fit import keep_text_visible

SpeakerLike = Speaker | FakeSpeaker


class BaseScreen(QWidget):
    """A screen: ``on_enter``/``on_leave`` from the navigator, ``retranslate`` on language
    change, ``reset`` on idle timeout (clear anything typed), ``announcement`` for voice mode."""

    #: True when the screen has its own way back (the step player's "Bước trước") or must not
    #: offer one (the ticket: Back would invite a second number): the bottom bar then hides
    #: its "Quay lại", so a first-time user never meets two Backs with the same arrow.
    own_back = False

    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 object_name: str) -> None:
        super().__init__()
        self.setObjectName("Screen")
        self.setProperty("screenName", object_name)
        self.setAccessibleName(object_name)
        self.state = state
        self.nav = nav
        self.speaker = speaker
        self.outer = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName(f"{object_name}Title")
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        set_enum(self.title, "alignment", "AlignCenter")
        self.outer.addWidget(self.title)
        keep_text_visible(self.title)

    def on_enter(self, **context: Any) -> None:
        self.retranslate()

    def on_leave(self) -> None:
        pass

    def reset(self) -> None:
        """Forget anything a person typed or chose here (idle timeout, Home)."""

    def retranslate(self) -> None:
        """Set every visible string again through ``self.tr`` (language switch)."""

    def announcement(self) -> str:
        """What voice mode says when this screen opens: what it is and what can be done."""
        return self.title.text()


def grid(parent: QWidget, widgets: list[QWidget], columns: int) -> QGridLayout:
    layout = QGridLayout()
    layout.setSpacing(24)
    for i, w in enumerate(widgets):
        w.setParent(parent)
        layout.addWidget(w, i // columns, i % columns)
    return layout


def clear_layout(layout: QGridLayout | QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            # Hidden now: deleteLater waits for the event loop, and until then the old tile
            # would still paint under the new ones (the "ghost cards" of old screenshots).
            widget.hide()
            widget.deleteLater()
