"""The one validator and merge (kiosk/sync/merge.py), called the way the hub calls it: one
session, one transaction per payload. Bundle import through it is in test_bundles.py."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from db.models import ActivityDay, Assistance, Service, Volunteer
from kiosk.clock import FakeClock
from kiosk.store import Store
from kiosk.sync.errors import BatchRefused
from kiosk.sync.merge import load_json, merge_payload, validate_payload

NOW = datetime(2026, 3, 10, 3, 0, 0)
VOL = "11111111-1111-4111-8111-111111111111"


def record(n: int, updated: datetime = NOW, **changes: Any) -> dict[str, Any]:
    r: dict[str, Any] = {
        "uuid": str(uuid.UUID(int=n, version=4)), "device_id": "dev-a",
        "created_at": "2026-03-10T02:00:00Z", "updated_at": updated.isoformat() + "Z",
        "started_at": "2026-03-10T02:00:00Z", "ended_at": "2026-03-10T02:30:00Z",
        "volunteer_uuids": [VOL], "services": ["vneid"], "tutorial_id": None,
        "ticket_uuid": None, "outcome": "done", "channel": "help_point", "commune": "xã Hòa Vang",
        "village": "", "age_band": "75+", "gender": "nam", "ethnic_group": None,
        "ethnic_consent_at": None, "first_visit": None, "satisfaction": None,
        "note": "", "contact_name": None, "contact_phone": None, "contact_consent_at": None,
        "contact_consent_purpose": None, "deleted_at": None,
    }
    r.update(changes)
    return r


def payload(*records: dict[str, Any], **extra: Any) -> dict[str, Any]:
    p: dict[str, Any] = {
        "records": list(records),
        "activity_days": [{"uuid": str(uuid.uuid4()), "volunteer_uuid": VOL,
                           "day": "2026-03-10", "source": "record"}],
        "volunteers": [{"uuid": VOL, "display_name": "Đoàn viên Nam", "role": "volunteer"}],
    }
    p.update(extra)
    return p


@pytest.fixture
def hub_like(store: Store) -> Store:
    with store.write() as s:
        s.add(Service(code="vneid", prefix="A", name_vi="Tài khoản định danh VNeID"))
    return store


def ingest(store: Store, p: Any) -> tuple[int, int, int]:
    with store.write() as s:
        valid = validate_payload(s, json.loads(json.dumps(p)), NOW)
        m = merge_payload(s, valid, unverified=False, now=NOW)
    return m.added, m.updated, m.skipped


def rows(store: Store) -> dict[str, str]:
    with store.read() as s:
        return {a.uuid: a.outcome for a in s.scalars(select(Assistance))}


def test_replay_and_reorder_end_in_the_same_rows(hub_like: Store, clock: FakeClock) -> None:
    old = payload(record(1), record(2))
    new = payload(record(1, NOW + timedelta(minutes=5), outcome="partial"))
    assert ingest(hub_like, old) == (2, 0, 0)
    assert ingest(hub_like, new) == (0, 1, 0)
    assert ingest(hub_like, old) == (0, 0, 2)  # replayed last month's batch: changes nothing
    assert ingest(hub_like, new) == (0, 0, 1)
    assert rows(hub_like) == {record(1)["uuid"]: "partial", record(2)["uuid"]: "done"}
    with hub_like.read() as s:
        assert s.scalar(select(func.count()).select_from(ActivityDay)) == 1
        v = s.scalar(select(Volunteer).where(Volunteer.uuid == VOL))
        assert v is not None
        assert (v.active, v.pin_hash) == (False, "")


def test_v2_payload_with_counts_and_status_is_accepted(hub_like: Store) -> None:
    p = payload(record(1), daily_counts=[{"day": "2026-03-10", "tickets_issued": 4,
                                          "tickets_served": 3, "no_shows": 1,
                                          "tutorials_opened": 2, "tutorials_finished": 1,
                                          "sheets_printed": 0}],
                status={"app_version": "1.0", "content_version": "7", "printer_ok": True,
                        "voice_ok": None, "outbox_waiting": 0})
    with hub_like.read() as s:
        valid = validate_payload(s, p, NOW)
    assert valid.daily_counts[0]["tickets_served"] == 3
    assert valid.status["printer_ok"] is True


@pytest.mark.parametrize(("mutate", "match"), [
    (lambda p: p["records"][0].update(outcome="'; DROP TABLE assistance; --"), "outcome"),
    (lambda p: p["records"][0].update(commune_code="=1+1"), "commune_code"),
    (lambda p: p["records"][0].update(team_id="not-a-uuid"), "team_id"),
    (lambda p: p["records"][0].update(unverified="no"), "unverified"),
    (lambda p: p.update(daily_counts=[{"day": "2026-03-10", "tickets_issued": -1,
                                       "tickets_served": 0, "no_shows": 0,
                                       "tutorials_opened": 0, "tutorials_finished": 0,
                                       "sheets_printed": 0}], status={}), "tickets_issued"),
    (lambda p: p.update(daily_counts=[], status={"outbox_waiting": 10**12}), "outbox_waiting"),
    (lambda p: p.update(extra=[]), "cấu trúc"),
    (lambda p: p["records"][0].update(updated_at="2026-03-12T00:00:00Z"), "updated_at"),
])
def test_a_bad_field_refuses_everything_with_invalid_field(hub_like: Store, mutate: Any,
                                                          match: str) -> None:
    p = payload(record(1), record(2))
    mutate(p)
    with pytest.raises(BatchRefused, match=match) as err:
        ingest(hub_like, p)
    assert err.value.code == "invalid_field"
    assert match in err.value.message("en")
    assert "Nothing was written" in err.value.message("en")
    assert rows(hub_like) == {}


def test_formula_and_sql_text_survives_as_data(hub_like: Store) -> None:
    hostile = "=HYPERLINK(\"x\");'; DROP TABLE assistance; --"
    ingest(hub_like, payload(record(1, commune=hostile[:80], village="+1-1", note="@SUM(A1)")))
    with hub_like.read() as s:
        a = s.scalar(select(Assistance))
        assert a is not None
        assert (a.commune, a.village, a.note) == (hostile[:80], "+1-1", "@SUM(A1)")


@pytest.mark.parametrize("blob", [
    b"[" * 100_000 + b"]" * 100_000, b"[" * 40 + b"]" * 40, b'{"a": 1e999}', b'{"a": NaN}',
    b'{"a": ' + b"9" * 5000 + b"}", b"\xff\xfe", b"",
])
def test_load_json_refuses_unbounded_input_with_value_error(blob: bytes) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - any ValueError: the caller words it
        load_json(blob)


def test_load_json_reads_ordinary_json() -> None:
    assert load_json('{"a": [1, 2.5, "ả"]}'.encode()) == {"a": [1, 2.5, "ả"]}


@pytest.mark.parametrize("team_id", ["", "33333333-3333-4333-8333-333333333333",
                                     "unknown-" + "0123456789abcdef" + "0123456789ab"])
def test_identity_ids_kiosk_identity_makes_are_accepted(hub_like: Store, team_id: str) -> None:
    with hub_like.read() as s:
        valid = validate_payload(s, payload(record(1, team_id=team_id, commune_code="20308")),
                                 NOW)
    assert valid.records[0]["team_id"] == team_id


BASE_COUNT = {"day": "2026-03-10", "tickets_issued": 4, "tickets_served": 3, "no_shows": 1,
              "tutorials_opened": 2, "tutorials_finished": 1, "sheets_printed": 0}
STATUS = {"app_version": "1.0"}


def test_daily_counts_with_queue_tutorial_and_scam_detail_are_accepted(hub_like: Store
                                                                       ) -> None:
    """Issue #21 item 2: the optional keys travel; a kiosk from before sends none of them."""
    full = {**BASE_COUNT, "cancelled": 1, "not_finished": 0, "priority_tickets": 2,
            "priority_served": 2, "wait_histogram": [0, 1] + [0] * 18,
            "tutorials": {"vneid-activate": {"opened": 2, "finished": 1, "stopped": 1,
                                             "asks": 0, "stops": {"3": 1}}},
            "scam_checks": {"sms-link": 2}}
    with hub_like.read() as s:
        valid = validate_payload(s, payload(daily_counts=[full], status=STATUS), NOW)
        old = validate_payload(s, payload(daily_counts=[BASE_COUNT], status=STATUS), NOW)
    c = valid.daily_counts[0]
    assert (c["priority_tickets"], c["cancelled"]) == (2, 1)
    assert c["detail"] == {"wait_histogram": [0, 1] + [0] * 18,
                           "tutorials": {"vneid-activate": {
                               "opened": 2, "finished": 1, "stopped": 1, "asks": 0,
                               "stops": {"3": 1}}},
                           "scam_checks": {"sms-link": 2}}
    assert old.daily_counts[0]["priority_tickets"] == 0
    assert old.daily_counts[0]["detail"] == {"wait_histogram": [], "tutorials": {},
                                             "scam_checks": {}}


@pytest.mark.parametrize("extra", [
    {"wait_histogram": [1, 2, 3]},                                  # not the 20 bins
    {"wait_histogram": [0] * 21},
    {"tutorials": {"../etc": {"opened": 1, "finished": 0, "stopped": 1, "asks": 0,
                              "stops": {}}}},                        # not an id
    {"tutorials": {"a": {"opened": 1, "finished": 0, "stopped": 1, "asks": 0,
                         "stops": {"03": 1}}}},                      # not a step
    {"tutorials": {"a": {"opened": 1, "finished": 0, "stopped": 1, "asks": 0,
                         "stops": {}, "who": "x"}}},                 # unknown key
    {"scam_checks": {"=HYPERLINK()": 1}},
    {"scam_checks": {"sms-link": 10**7}},                           # over the bound
    {"scam_checks": {f"k{i}": 1 for i in range(101)}},              # too many kinds
    {"priority_tickets": "2"},
    {"unknown_count": 1},                                           # unknown: refused whole
])
def test_bad_daily_count_detail_refuses_the_whole_batch(hub_like: Store,
                                                        extra: dict[str, Any]) -> None:
    p = payload(record(1), daily_counts=[{**BASE_COUNT, **extra}], status=STATUS)
    with pytest.raises(BatchRefused) as err:
        ingest(hub_like, p)
    assert err.value.code == "invalid_field"
    assert rows(hub_like) == {}
