"""The merge rule as the database applies it (``INSERT … ON CONFLICT (uuid) DO UPDATE … WHERE
excluded.updated_at > assistance.updated_at`` in kiosk/sync/merge.py), on SQLite and on
PostgreSQL: the one statement the kiosk's USB import and the hub's ingest both run.

Each test states a rule by the rows a person would find afterwards, whatever the order in
which batches arrived.
"""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from db.models import Assistance, Service
from kiosk.sync.merge import merge_payload, validate_payload
from tests.unit.test_sync_merge import NOW, VOL, payload, record

#: What a report shows of a record (everything the merge writes that a person could see).
SHOWN = ("outcome", "note", "village", "updated_at", "deleted_at", "team_id")


@pytest.fixture
def hub(hub_app: Any) -> Any:
    ctx = hub_app.state.hub
    with ctx.transaction() as s:
        if s.get(Service, "vneid") is None:
            s.add(Service(code="vneid", prefix="A", name_vi="Tài khoản định danh VNeID"))
    return ctx


def merge(hub: Any, *records: dict[str, Any]) -> tuple[int, int, int]:
    with hub.transaction() as s:
        valid = validate_payload(s, json.loads(json.dumps(payload(*records))), NOW)
        m = merge_payload(s, valid, unverified=False, now=NOW)
    return m.added, m.updated, m.skipped


def shown(hub: Any) -> dict[str, tuple[Any, ...]]:
    with hub.transaction() as s:
        return {a.uuid: tuple(getattr(a, k) for k in SHOWN)
                for a in s.scalars(select(Assistance))}


def at(minutes: int) -> datetime:
    return NOW - timedelta(hours=1) + timedelta(minutes=minutes)


def test_a_replayed_batch_changes_nothing(hub: Any) -> None:
    batch = [record(1, at(0)), record(2, at(0), note="lần đầu")]
    assert merge(hub, *batch) == (2, 0, 0)
    first = shown(hub)
    assert merge(hub, *batch) == (0, 0, 2)
    assert merge(hub, *batch) == (0, 0, 2)
    assert shown(hub) == first


def test_two_batches_in_either_order_end_in_the_same_rows(hub: Any) -> None:
    # Kiosk edits record 1 (and record 11, its twin for the other order) after sending it.
    old = [record(1, at(0)), record(11, at(0))]
    new = [record(1, at(5), outcome="partial", note="sửa"),
           record(11, at(5), outcome="partial", note="sửa")]
    merge(hub, old[0])
    merge(hub, new[0])       # in order
    merge(hub, new[1])
    merge(hub, old[1])       # the older one arrives last
    rows = shown(hub)
    one, eleven = rows[record(1)["uuid"]], rows[record(11)["uuid"]]
    assert one == eleven == ("partial", "sửa", "", at(5), None, one[-1])


def test_an_older_version_never_overwrites_a_newer_one(hub: Any) -> None:
    assert merge(hub, record(1, at(10), outcome="referred")) == (1, 0, 0)
    assert merge(hub, record(1, at(9), outcome="done", note="cũ hơn")) == (0, 0, 1)
    assert shown(hub)[record(1)["uuid"]][:2] == ("referred", "")


def test_equal_updated_at_keeps_what_arrived_first(hub: Any) -> None:
    """The tie-break: only a strictly newer ``updated_at`` replaces, so two different
    versions with the same time keep the one already stored, whichever machine sent it."""
    assert merge(hub, record(1, at(3), note="máy A")) == (1, 0, 0)
    assert merge(hub, record(1, at(3), note="máy B")) == (0, 0, 1)
    assert shown(hub)[record(1)["uuid"]][1] == "máy A"


def test_a_soft_delete_after_an_update_stays_deleted(hub: Any) -> None:
    uid = record(1)["uuid"]
    deleted = record(1, at(20), note="sửa", deleted_at=at(20).isoformat() + "Z")
    assert merge(hub, record(1, at(0))) == (1, 0, 0)
    assert merge(hub, record(1, at(10), note="sửa")) == (0, 1, 0)
    assert merge(hub, deleted) == (0, 1, 0)
    assert shown(hub)[uid][3:5] == (at(20), at(20))
    # The edit and the creation replayed later (a batch from last month) undelete nothing.
    assert merge(hub, record(1, at(10), note="sửa"), record(1 + 100, at(0))) == (1, 0, 1)
    assert merge(hub, record(1, at(0))) == (0, 0, 1)
    assert shown(hub)[uid][3:5] == (at(20), at(20))


def test_a_batch_mixing_new_newer_and_stale_records_counts_each(hub: Any) -> None:
    merge(hub, record(1, at(0)), record(2, at(5)))
    assert merge(hub, record(1, at(1), outcome="partial"), record(2, at(4)),
                 record(3, at(0))) == (1, 1, 1)
    rows = shown(hub)
    assert [rows[record(n)["uuid"]][0] for n in (1, 2, 3)] == ["partial", "done", "done"]


def test_records_without_identity_keep_the_identity_already_stored(hub: Any) -> None:
    """A v1 bundle's record carries no identity columns: its update must not blank them."""
    team = "33333333-3333-4333-8333-333333333333"
    merge(hub, record(1, at(0), team_id=team, help_point_id=team, commune_code="20194"))
    v1 = record(1, at(5), note="từ gói cũ")
    merge(hub, v1, record(2, at(0), team_id=team, help_point_id=team, commune_code="20194"))
    rows = shown(hub)
    assert rows[record(1)["uuid"]][1] == "từ gói cũ"
    assert rows[record(1)["uuid"]][-1] == team
    assert rows[record(2)["uuid"]][-1] == team


def test_two_batches_racing_on_one_record_both_succeed_newest_wins(hub: Any) -> None:
    """Two help points' batches carrying the same record (one USB bundle imported on both)
    at the same moment: neither fails, and the newer version is what remains."""
    versions = [record(1, at(m), note=f"phiên bản {m}") for m in range(1, 9)]
    errors: list[BaseException] = []
    start = threading.Barrier(len(versions))

    def push(r: dict[str, Any]) -> None:
        try:
            start.wait()
            merge(hub, r)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=push, args=(r,)) for r in versions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if hub.engine.dialect.name == "sqlite":
        # SQLite has one writer at a time: a busy database is an error the hub retries.
        errors = [e for e in errors if "locked" not in str(e)]
    assert errors == []
    assert shown(hub)[record(1)["uuid"]][1] in {r["note"] for r in versions}
    if hub.engine.dialect.name == "postgresql":
        assert shown(hub)[record(1)["uuid"]][1] == "phiên bản 8"


def test_the_volunteer_a_batch_names_is_added_once(hub: Any) -> None:
    from db.models import Volunteer

    merge(hub, record(1, at(0)))
    merge(hub, record(2, at(0)))
    with hub.transaction() as s:
        assert list(s.scalars(select(Volunteer.uuid))) == [VOL]
