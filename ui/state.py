"""What the kiosk is doing right now for the person in front of it (UI state, not data).

One object, created in the composition root and handed to the screens that need it: who is
signed in, whether voice mode is on, the language, text size and contrast. Signals tell the
shell to restyle or retranslate; screens never poke each other.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from kiosk.actors import CITIZEN, Actor, Role


class BusyReason(StrEnum):
    """Why the idle reset must wait. One member per job, so two jobs never clear each other's
    reason: a ticket that finishes printing must not end the guard of a sheet still printing."""

    TICKET_PRINTING = "ticket-printing"
    SHEET_PRINTING = "sheet-printing"
    NARRATION = "narration"


class KioskState(QObject):
    actor_changed = Signal(object)
    voice_changed = Signal(bool)
    language_changed = Signal(str)
    look_changed = Signal()

    def __init__(self, language: str = "vi", text_size: int = 1, high_contrast: bool = False,
                 kiosk_mode: bool = True) -> None:
        super().__init__()
        self.actor: Actor = CITIZEN
        self.voice_on = False
        self.language = language
        self.text_size = text_size
        self.high_contrast = high_contrast
        self.kiosk_mode = kiosk_mode
        self.busy_reasons: set[BusyReason] = set()  # while any is here: no idle reset

    @property
    def is_staff(self) -> bool:
        return self.actor.role is Role.STAFF

    @property
    def is_helper(self) -> bool:
        return self.actor.role in (Role.VOLUNTEER, Role.STAFF)

    def sign_in(self, actor: Actor) -> None:
        self.actor = actor
        self.actor_changed.emit(actor)

    def sign_out(self) -> None:
        if self.actor is not CITIZEN:
            self.actor = CITIZEN
            self.actor_changed.emit(CITIZEN)

    def set_voice(self, on: bool) -> None:
        if on != self.voice_on:
            self.voice_on = on
            self.voice_changed.emit(on)

    def set_language(self, lang: str) -> None:
        if lang != self.language:
            self.language = lang
            self.language_changed.emit(lang)

    def set_text_size(self, level: int) -> None:
        self.text_size = max(0, min(2, level))
        self.look_changed.emit()

    def set_high_contrast(self, on: bool) -> None:
        self.high_contrast = on
        self.look_changed.emit()
