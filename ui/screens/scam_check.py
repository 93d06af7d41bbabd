"""Scam check ("Kiểm tra tin nhắn lạ"): pick what happened from big pictures, hear a verdict.

Two screens, one thing each: :class:`ScamCheckScreen` (the choices) and
:class:`ScamVerdictScreen` (the verdict, what to do, the matching tutorial). Back on the
verdict returns to the choices. The kinds and every word said come from
``resources/lists/scam-check.toml`` through :mod:`kiosk.scam_check`; the screen only shows
them. Nothing is typed here: the kiosk never asks for the message or a phone number, and the
only thing kept is one count per kind per day (``record_check`` on the database lane).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.content.model import Catalogue
from kiosk.scam_check import ScamKind
from ui import icons, theme
from ui.layout_rule import mark_reading
from ui.navigator import Navigator, ScreenId
from ui.screens.base import BaseScreen, SpeakerLike, grid
from ui.state import KioskState
from ui.widgets.big_button import BigButton
from ui.widgets.text import label


class ScamCheckScreen(BaseScreen):
    """The choices: one big picture button per kind."""

    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 kinds: tuple[ScamKind, ...], on_chosen: Callable[[str], None]) -> None:
        super().__init__(state, nav, speaker, "scamCheck")
        self.kinds = kinds
        self.on_chosen = on_chosen
        self.hint = label(self, "scamCheckHint", "muted")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.outer.addWidget(self.hint)
        self.tiles: dict[str, BigButton] = {}
        for kind in kinds:
            b = BigButton("", kind.icon, object_name=f"scamKind_{kind.id}", role="tile",
                          icon_px=88)  # six tiles in two rows fit 1366×768 at the largest text
            b.clicked.connect(lambda _=False, kid=kind.id: self.choose(kid))
            self.tiles[kind.id] = b
        tiles = grid(self, list(self.tiles.values()), 3)
        tiles.setSpacing(16)
        self.outer.addLayout(tiles, 1)
        self.retranslate()

    def choose(self, kind_id: str) -> None:
        self.on_chosen(kind_id)
        self.nav.go_to(ScreenId.SCAM_VERDICT, kind_id=kind_id)

    def retranslate(self) -> None:
        lang = self.state.language if self.state.language in ("vi", "en") else "vi"
        self.title.setText(self.tr("Kiểm tra tin nhắn lạ"))
        self.hint.setText(self.tr("Chọn điều đã xảy ra. Không cần gõ tin nhắn."))
        for kind in self.kinds:
            self.tiles[kind.id].set_label(kind.choice[lang], kind.verdict[lang])

    def announcement(self) -> str:
        return self.tr("Kiểm tra tin nhắn lạ. Hãy chọn điều đã xảy ra với bạn.")


class ScamVerdictScreen(BaseScreen):
    """The verdict for one kind, read aloud, with a way to the matching tutorial."""

    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 kinds: tuple[ScamKind, ...], catalogue: Catalogue) -> None:
        super().__init__(state, nav, speaker, "scamVerdict")
        self.kinds = {k.id: k for k in kinds}
        self.catalogue = catalogue
        self.kind: ScamKind | None = None
        self.title.setProperty("role", "huge")
        self.title.setObjectName("scamVerdictText")
        self.title.setAccessibleName("scamVerdictText")
        body = QHBoxLayout()
        self.picture = QLabel(self)
        self.picture.setObjectName("scamVerdictPicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.addWidget(self.picture, 1)
        self.actions = label(self, "scamVerdictActions")
        self.actions.setAccessibleName("scamVerdictActions")
        self.actions.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.actions.setTextFormat(Qt.TextFormat.PlainText)
        words = QWidget()
        words.setObjectName("scamVerdictWords")
        box = QVBoxLayout(words)
        box.setContentsMargins(0, 0, 8, 0)
        box.addWidget(self.actions)
        box.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("scamVerdictScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setMinimumHeight(1)
        self.scroll.setWidget(words)
        mark_reading(self.scroll)
        body.addWidget(self.scroll, 4)
        self.outer.addLayout(body, 1)
        row = QHBoxLayout()
        self.again_btn = BigButton("", "speaker", object_name="scamListenAgain",
                                   role="secondary", beside=True)
        self.tutorial_btn = BigButton("", "learn", object_name="scamOpenTutorial", beside=True)
        # Home and Back are the bottom bar's: a third button here would be a second Home.
        for b in (self.again_btn, self.tutorial_btn):
            row.addWidget(b)
        self.outer.addLayout(row)
        self.again_btn.clicked.connect(self.read_aloud)
        self.tutorial_btn.clicked.connect(self._open_tutorial)

    @property
    def lang(self) -> str:
        return self.state.language if self.state.language in ("vi", "en") else "vi"

    def on_enter(self, **context: Any) -> None:
        self.kind = self.kinds.get(str(context.get("kind_id", "")))
        if self.kind is None:  # never reached by a touch; a stale context goes back
            self.nav.go_to(ScreenId.SCAM_CHECK, remember=False)
            return
        self.tutorial_btn.setVisible(self.catalogue.by_id(self.kind.tutorial) is not None)
        self.retranslate()
        self.read_aloud()

    def on_leave(self) -> None:
        self.speaker.stop_narration()

    def read_aloud(self) -> None:
        """The verdict is always read: many who ask "is this a scam?" read with difficulty."""
        if self.kind is not None:
            self.speaker.say(self.kind.spoken(self.lang), lang=self.lang)

    def _open_tutorial(self) -> None:
        if self.kind is not None:
            self.nav.go_to(ScreenId.STEP, tutorial_id=self.kind.tutorial, step=0)

    def retranslate(self) -> None:
        self.again_btn.set_label(self.tr("Nghe lại"), self.tr("Đọc to lời khuyên này."))
        self.tutorial_btn.set_label(self.tr("Xem hướng dẫn"),
                                    self.tr("Học từng bước cách phòng tránh."))
        kind = self.kind
        if kind is None:
            return
        colour = theme.palette(self.state.high_contrast).text  # contrast may have changed
        # The warning sign, not the choice's picture: a shield with a tick would read "safe".
        self.picture.setPixmap(icons.pixmap("warning", colour, 160))
        self.picture.setAccessibleName(kind.choice[self.lang])
        self.title.setText(kind.verdict[self.lang])
        self.actions.setText("\n".join(f"• {a}" for a in kind.actions[self.lang]))

    def announcement(self) -> str:
        return self.kind.spoken(self.lang) if self.kind is not None else ""
