"""Anonymous tutorial usage: opened, step reached, finished, abandoned at step N, asked for help.

Rows hold a random run id (one citizen's pass through one tutorial), never anything about the
person. Staff reports turn them into completion rates and "where people stop".

Practices ("Tập thử") are recorded in the same table with their own kinds
(:data:`PRACTICE_KINDS`; ``step`` is the pretend phone's screen number), so a practice run
never counts as a tutorial run. Nothing typed on the pretend keypad is ever part of an event.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from db.models import TutorialEvent
from kiosk.identity import stamp
from kiosk.store import Store

KINDS = ("opened", "step", "finished", "abandoned", "ask")
#: A practice opened, a wrong touch or entry on screen N, finished, left at screen N, asked
#: for help at screen N.
PRACTICE_KINDS = ("practice_open", "practice_wrong", "practice_done", "practice_left",
                  "practice_ask")


@dataclass(frozen=True)
class Run:
    run_id: str
    tutorial_id: str


class UsageRecorder:
    def __init__(self, store: Store) -> None:
        self.store = store

    def record(self, run: Run, kind: str, step: int | None = None) -> None:
        if kind not in KINDS and kind not in PRACTICE_KINDS:
            raise ValueError(f"unknown usage event {kind!r}")
        with self.store.write() as s:
            s.add(TutorialEvent(device_id=self.store.device_id, **stamp(self.store),
                                at=self.store.clock.now(),
                                run_id=run.run_id, tutorial_id=run.tutorial_id, kind=kind,
                                step=step))

    @staticmethod
    def new_run(tutorial_id: str) -> Run:
        """A fresh anonymous run id; made on the caller's thread so events keep their order."""
        return Run(str(uuid.uuid4()), tutorial_id)
