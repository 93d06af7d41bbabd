"""The GUI operation helper: answers arrive on the GUI thread, stale ones are dropped, a
KioskError is shown calmly and anything else reaches the error funnel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kiosk.errors import KioskError
from ui.ops import Latest, Op


class HeldTasks:
    """Runs each job when told to, in any order: how a slow answer overtakes a fast one."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Any, Any, str]] = []

    def run_in_background(self, fn: Callable[[], Any], on_success: Any = None,
                          on_error: Any = None, lane: str = "default") -> None:
        self.jobs.append((fn, on_success, on_error, lane))

    def finish(self, index: int) -> None:
        fn, ok, failed, _lane = self.jobs[index]
        try:
            value = fn()
        except Exception as exc:
            failed(exc)
            return
        ok(value)


def test_only_the_newest_answer_is_delivered() -> None:
    tasks, latest, shown = HeldTasks(), Latest(), []
    Op(lambda: "March").on("db").success(shown.append).latest_only(latest).run(tasks)
    Op(lambda: "April").on("db").success(shown.append).latest_only(latest).run(tasks)
    tasks.finish(1)
    tasks.finish(0)  # the old request answers last: dropped
    assert shown == ["April"]
    assert [job[3] for job in tasks.jobs] == ["db", "db"]


def test_cancel_drops_an_answer_on_its_way() -> None:
    tasks, latest, shown = HeldTasks(), Latest(), []
    Op(lambda: 1).success(shown.append).latest_only(latest).run(tasks)
    latest.cancel()
    tasks.finish(0)
    assert shown == []


def test_a_kiosk_error_goes_to_problem_anything_else_to_the_funnel() -> None:
    tasks, said = HeldTasks(), []

    def refuse() -> None:
        raise KioskError("Không có quyền. Hãy đăng nhập cán bộ.")

    def crash() -> None:
        raise RuntimeError("bug")

    Op(refuse).problem(lambda exc: said.append(exc.user_message)).run(tasks)
    Op(crash).problem(lambda exc: said.append(exc.user_message)).run(tasks)
    tasks.finish(0)
    assert said == ["Không có quyền. Hãy đăng nhập cán bộ."]
    with pytest.raises(RuntimeError):
        tasks.finish(1)


def test_failure_takes_what_problem_does_not_and_always_runs_first() -> None:
    tasks, seen = HeldTasks(), []

    def jammed() -> None:
        raise OSError("paper jam")

    def refuse() -> None:
        raise KioskError("Hết giấy.")

    for fn in (jammed, refuse, lambda: 7):
        Op(fn).on("print").always(lambda: seen.append("always")) \
            .success(lambda v: seen.append(f"ok {v}")) \
            .failure(lambda exc: seen.append(f"failure {type(exc).__name__}")).run(tasks)
    for i in range(3):
        tasks.finish(i)
    # no problem handler: a KioskError goes to failure too (the screen explains its device)
    assert seen == ["always", "failure OSError", "always", "failure KioskError",
                    "always", "ok 7"]


def test_or_log_keeps_a_chore_quiet(caplog: pytest.LogCaptureFixture) -> None:
    tasks = HeldTasks()

    def broken() -> None:
        raise RuntimeError("database is locked for note 0905123456")

    Op(broken).on("db").or_log("usage event not recorded").run(tasks)
    tasks.finish(0)  # does not raise: the funnel never interrupts a citizen for a chore
    assert "usage event not recorded: RuntimeError" in caplog.text
    assert "0905123456" not in caplog.text  # the type only, nothing personal
