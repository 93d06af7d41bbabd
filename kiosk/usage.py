"""Anonymous tutorial usage: opened, step reached, finished, abandoned at step N, asked for help.

Rows hold a random run id (one citizen's pass through one tutorial), never anything about the
person. Staff reports turn them into completion rates and "where people stop".

Practices ("Tập thử") are recorded in the same table with their own kinds
(:data:`PRACTICE_KINDS`; ``step`` is the pretend phone's screen number), so a practice run
never counts as a tutorial run. Nothing typed on the pretend keypad is ever part of an event.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import select

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


#: The longest a run is looked for around a report's range. A run is one citizen at the
#: kiosk: the idle reset ends it after 90 s without a touch, so a day is far more than enough.
RUN_REACH = timedelta(days=1)


class RunEvent(NamedTuple):
    """One event of a counted run, with the run's start (its first event). A named tuple:
    a year of events is ~100,000 of them."""

    at: datetime
    run_id: str
    tutorial_id: str
    kind: str
    step: int | None
    is_demo: bool
    started: datetime


def run_events(s: Any, utc_from: datetime | None, utc_to: datetime | None,
               where: Sequence[Any] = ()) -> list[RunEvent]:
    """Every event of the runs that *started* in ``[utc_from, utc_to)`` (None: no bound), each
    with its run's start as ``started``; ``where`` narrows the events (a report's scope, no
    demo data).

    The one rule for counting runs by day, for the dashboard and the daily counts the hub
    receives: a run belongs to the day it started (its first event), as a record belongs to
    the day its help started. A run opened at 23:58 and finished at 00:02 is one finished run
    of the first day, not a run stopped on the first day and one finished without being
    opened on the second.

    One range scan on the indexed ``at``, :data:`RUN_REACH` wider on each side, and the
    starts worked out here (a GROUP BY per run in SQL took 1.6x as long on a year of demo
    data).
    """
    e = TutorialEvent
    bounds = ([e.at >= utc_from - RUN_REACH] if utc_from is not None else []) + \
        ([e.at < utc_to + RUN_REACH] if utc_to is not None else [])
    rows = s.execute(select(e.at, e.run_id, e.tutorial_id, e.kind, e.step, e.is_demo)
                     .where(*bounds, *where)).all()
    first: dict[str, datetime] = {}
    for at, run_id, *_rest in rows:
        if run_id not in first or at < first[run_id]:
            first[run_id] = at
    keep = {run_id: at for run_id, at in first.items()
            if (utc_from is None or at >= utc_from) and (utc_to is None or at < utc_to)}
    return [RunEvent(at, run_id, tutorial_id, kind, step, bool(is_demo), keep[run_id])
            for at, run_id, tutorial_id, kind, step, is_demo in rows if run_id in keep]
