"""One way to run a GUI operation off the GUI thread (in the spirit of Anki's ``QueryOp``).

    Op(lambda: service.compute(...)).on("db").success(self.show).problem(self.say) \\
        .latest_only(self.requests).run(self.tasks)

* ``fn`` runs in a lane of the :class:`ui.tasks.TaskRunner` and never touches widgets;
* ``success`` and ``problem`` run on the GUI thread;
* :meth:`Op.latest_only` drops the answer (success or failure) of a request that a newer one
  of the same :class:`Latest` has replaced, e.g. a period the staff member already left;
* a :class:`kiosk.errors.KioskError` goes to ``problem`` (what a person can act on, shown
  calmly); anything else, or a KioskError with no ``problem``, is raised again so the error
  funnel logs it and shows its apology;
* :meth:`Op.failure` takes what ``problem`` does not, instead of the funnel: a device whose
  failure the screen explains itself (a printer, a USB drive), and :meth:`Op.or_log` a
  background chore that must never interrupt a citizen (a usage event, the daily backup);
* :meth:`Op.always` runs first whatever the outcome (a "busy" flag, buttons enabled again).

This is the only place in ``ui/`` that calls ``TaskRunner.run_in_background``
(``tests/unit/test_layers.py::test_ui_runs_background_work_only_through_op``).

GUI thread only (building and running an Op).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from kiosk.errors import KioskError

log = logging.getLogger(__name__)


class Latest:
    """Request numbers for one owner: only the newest request's answer is delivered."""

    def __init__(self) -> None:
        self._n = 0

    def take(self) -> int:
        self._n += 1
        return self._n

    def is_current(self, n: int) -> bool:
        return n == self._n

    def cancel(self) -> None:
        """Drop whatever answer is still on its way (a reset, leaving the screen)."""
        self._n += 1


class Op:
    def __init__(self, fn: Callable[[], Any]) -> None:
        self._fn = fn
        self._lane = "default"
        self._success: Callable[[Any], None] | None = None
        self._problem: Callable[[KioskError], None] | None = None
        self._latest: Latest | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._always: Callable[[], None] | None = None

    def on(self, lane: str) -> Op:
        self._lane = lane
        return self

    def success(self, callback: Callable[[Any], None]) -> Op:
        self._success = callback
        return self

    def problem(self, callback: Callable[[KioskError], None]) -> Op:
        self._problem = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op:
        """Handle any exception ``problem`` does not take (the callback may raise it again)."""
        self._failure = callback
        return self

    def or_log(self, what: str) -> Op:
        """A chore: a failure is logged as a warning (type only, nothing personal), no more."""
        return self.failure(lambda exc: log.warning("%s: %s", what, type(exc).__name__))

    def always(self, callback: Callable[[], None]) -> Op:
        """Run on the GUI thread before ``success``/``problem``/``failure``, whatever happened."""
        self._always = callback
        return self

    def latest_only(self, latest: Latest) -> Op:
        self._latest = latest
        return self

    def run(self, tasks: Any) -> None:
        latest = self._latest
        ticket = latest.take() if latest is not None else 0
        success, problem, failure, always = (self._success, self._problem, self._failure,
                                             self._always)

        def stale() -> bool:
            return latest is not None and not latest.is_current(ticket)

        def ok(value: Any) -> None:
            if stale():
                return
            if always is not None:
                always()
            if success is not None:
                success(value)

        def failed(exc: BaseException) -> None:
            if stale():
                return
            if always is not None:
                always()
            if isinstance(exc, KioskError) and problem is not None:
                problem(exc)
            elif failure is not None:
                failure(exc)
            else:
                raise exc  # the error funnel logs it and shows a calm message

        tasks.run_in_background(self._fn, ok, failed, lane=self._lane)
