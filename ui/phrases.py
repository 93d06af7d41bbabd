"""The recorded phrase set chosen in config.toml (``phrase_language``, e.g. Cơ Tu), spoken
around the kiosk's own voice.

No engine speaks Cơ Tu, so a speaker records four short phrases (docs/co-tu-recording.md) and
the kiosk plays them where it says those things, in voice mode, with the Vietnamese words
after them (speakers are bilingual; numbers stay in Vietnamese):

* the home screen: ``greeting``;
* a queue number: ``your_number_is`` before it, ``please_wait`` after it (the citizen now
  waits to be called);
* a number taken with "Hỏi tình nguyện viên", or that button with no queue: ``ask_volunteer``
  first.

With no phrase set chosen, every method says only the words. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the content loader is not needed before the first paint
    from kiosk.speech.phrases import PhraseSet

GREETING = "greeting"
PLEASE_WAIT = "please_wait"
YOUR_NUMBER_IS = "your_number_is"
ASK_VOLUNTEER = "ask_volunteer"


class PhraseVoice:
    """Says a text with the chosen set's recordings before and after it (voice mode only)."""

    def __init__(self, state: Any, speaker: Any,
                 phrase_set: PhraseSet | Callable[[], PhraseSet | None] | None) -> None:
        self.state, self.speaker = state, speaker
        # A function is asked the first time a phrase is needed (the kiosk reads the set
        # after the first paint, not at start-up).
        self._source = phrase_set
        self._set: PhraseSet | None = None if callable(phrase_set) else phrase_set

    @property
    def phrase_set(self) -> PhraseSet | None:
        if callable(self._source):
            self._set, self._source = self._source(), None
        return self._set

    def recording(self, phrase_id: str | None) -> Path | None:
        if self.phrase_set is None or phrase_id is None:
            return None
        return self.phrase_set.audio(phrase_id)

    def say(self, text: str, first: str | None = None, after: str | None = None) -> None:
        """In voice mode: the ``first`` recording, ``text`` in the kiosk's voice, then the
        ``after`` recording; without a phrase set just ``text``."""
        if not self.state.voice_on or not text:
            return
        before, closing = self.recording(first), self.recording(after)
        self.speaker.say(text, audio=before, then_text=before is not None, after=closing)

    def for_ticket(self, ticket: Any) -> tuple[str, str]:
        """(first, after) for the screen that shows a new queue number."""
        asked = getattr(ticket, "tutorial_id", None) is not None  # "Hỏi tình nguyện viên"
        return (ASK_VOLUNTEER if asked else YOUR_NUMBER_IS), PLEASE_WAIT
