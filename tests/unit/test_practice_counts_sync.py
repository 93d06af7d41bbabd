"""Practice runs (issue #22) travel in the daily counts as the optional key ``practices``:
the one producer (kiosk.sync.batch.daily_counts) sends them only on days that have some (a
hub from before this key refuses it, HUB-SPEC), the one validator checks their shape."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from kiosk.reports.figures import compute_figures
from kiosk.reports.periods import Period
from kiosk.store import Store
from kiosk.sync.batch import daily_counts
from kiosk.sync.errors import BatchRefused
from kiosk.sync.merge import validate_payload
from kiosk.usage import UsageRecorder
from tests.unit.test_sync_merge import NOW, payload

DAY = {"day": "2026-03-10", "tickets_issued": 1, "tickets_served": 1, "no_shows": 0,
       "tutorials_opened": 0, "tutorials_finished": 0, "sheets_printed": 0}


def _practise(store: Store) -> None:
    usage = UsageRecorder(store)
    run = usage.new_run("vneid-kich-hoat")
    usage.record(run, "practice_open", 1)
    usage.record(run, "practice_wrong", 2)
    usage.record(run, "practice_wrong", 2)
    usage.record(run, "practice_wrong", 3)
    usage.record(run, "practice_done", 4)
    usage.record(usage.new_run("vneid-kich-hoat"), "practice_open", 1)


def test_practice_runs_are_counted_per_day_as_the_dashboard_counts_them(
        store: Store, staff: Any) -> None:
    today = store.clock.now().date()
    with store.read() as s:
        assert "practices" not in daily_counts(s, today, today)[0]  # none: no key at all
    _practise(store)
    with store.read() as s:
        (day,) = daily_counts(s, today, today)
    assert day["practices"] == {"vneid-kich-hoat": {"started": 2, "finished": 1,
                                                    "wrong": {"2": 2, "3": 1}}}
    assert day["tutorials"] == {}  # practice runs are not tutorial runs
    figures = compute_figures(staff, store, Period(today, today))
    (practice,) = figures.practices
    assert (practice.started, practice.finished, practice.wrong_touches,
            practice.most_wrong_screen) == (2, 1, 3, 2)


def test_the_validator_takes_practices_and_refuses_a_bad_one(store: Store) -> None:
    good = dict(DAY, practices={"vneid-kich-hoat": {"started": 2, "finished": 1,
                                                   "wrong": {"2": 2}}})
    status = {"app_version": "1"}
    with store.read() as s:
        valid = validate_payload(s, json.loads(json.dumps(payload(
            daily_counts=[good], status=status))), NOW)
        (count,) = valid.daily_counts
        assert count["day"] == date(2026, 3, 10)
        assert count["detail"]["practices"] == {
            "vneid-kich-hoat": {"started": 2, "finished": 1, "wrong": {"2": 2}}}
        old = validate_payload(s, payload(daily_counts=[DAY], status=status), NOW)
        assert "practices" not in old.daily_counts[0]["detail"]  # an older kiosk sends none
        for bad in ({"started": -1, "finished": 0, "wrong": {}},
                    {"started": 1, "finished": 0, "wrong": {"screen-2": 1}},
                    {"started": 1, "finished": 0, "wrong": {}, "message": "x"}):
            with pytest.raises(BatchRefused) as err:
                validate_payload(s, payload(daily_counts=[dict(DAY, practices={"p": bad})],
                                            status=status), NOW)
            assert err.value.code == "invalid_field" and "practices" in str(err.value)
