"""POST /api/v1/batches: one transaction per batch, idempotent, every refusal whole and logged."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db.models import Assistance
from hub.models import DailyCount, Device, IngestLog
from hub.pairing import revoke
from tests.hub.conftest import HUB_NOW
from tests.hub.kiosks import SimKiosk

OCTET = {"content-type": "application/octet-stream"}


def post(client: Any, blob: bytes) -> Any:
    return client.post("/api/v1/batches", content=blob, headers=OCTET)


def count(hub_app: Any, model: Any = Assistance) -> int:
    with hub_app.state.hub.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def log_results(hub_app: Any) -> list[str]:
    with hub_app.state.hub.sessions() as s:
        return list(s.scalars(select(IngestLog.result).order_by(IngestLog.id)))


def test_a_batch_is_merged_counted_and_logged(hub_app: Any, hub_client: Any,
                                              kiosk: SimKiosk) -> None:
    start = HUB_NOW - timedelta(hours=2)
    records = [kiosk.record(start + timedelta(minutes=20 * i)) for i in range(3)]
    counts = [{"day": "2026-03-10", "tickets_issued": 9, "tickets_served": 8, "no_shows": 1,
               "tutorials_opened": 4, "tutorials_finished": 3, "sheets_printed": 2}]
    r = post(hub_client, kiosk.batch(kiosk.payload(records, counts, [kiosk.day("2026-03-10")]),
                                     created=HUB_NOW))
    assert r.status_code == 200, r.text
    assert r.json() == {"accepted": True, "seq": 1, "added": 3, "updated": 0, "skipped": 0}
    hub = hub_app.state.hub
    with hub.sessions() as s:
        uuids = set(s.scalars(select(Assistance.uuid)))
        assert uuids == {rec["uuid"] for rec in records}
        dc = s.scalars(select(DailyCount)).one()
        assert (dc.tickets_issued, dc.sheets_printed, dc.commune_code) == (9, 2, "20194")
        assert dc.help_point_id == kiosk.identity.help_point_id
        device = s.get(Device, kiosk.device_id)
        assert device is not None
        assert (device.last_seq, device.last_seen_at) == (1, HUB_NOW)
        assert device.last_status["printer_ok"] is True
        entry = s.scalars(select(IngestLog)).one()
        assert (entry.result, entry.device_id, entry.seq, entry.added) == (
            "accepted", kiosk.device_id, 1, 3)


def test_replayed_and_reordered_batches_change_nothing(hub_app: Any, hub_client: Any,
                                                       kiosk: SimKiosk) -> None:
    rec = kiosk.record(HUB_NOW - timedelta(hours=3))
    first = kiosk.batch(kiosk.payload([rec]), created=HUB_NOW)
    edited = dict(rec, outcome="partial", updated_at=(HUB_NOW - timedelta(hours=1)
                                                     ).isoformat() + "Z")
    second = kiosk.batch(kiosk.payload([edited]), created=HUB_NOW)
    assert post(hub_client, second).json()["added"] == 1  # the newer one arrives first
    again = post(hub_client, first)  # the older one, late: skipped
    assert again.json() == {"accepted": True, "seq": 1, "added": 0, "updated": 0, "skipped": 1}
    assert post(hub_client, second).json()["skipped"] == 1  # an exact replay
    with hub_app.state.hub.sessions() as s:
        assert s.get(Assistance, rec["uuid"]).outcome == "partial"  # type: ignore[union-attr]
        assert s.get(Device, kiosk.device_id).last_seq == 2  # type: ignore[union-attr]
    assert count(hub_app) == 1


def test_a_batch_replayed_from_last_month_is_refused(hub_app: Any, hub_client: Any,
                                                     hub_clock: Any, kiosk: SimKiosk) -> None:
    old = kiosk.batch(kiosk.payload([kiosk.record(HUB_NOW - timedelta(hours=3))]),
                      created=HUB_NOW)
    assert post(hub_client, old).status_code == 200
    hub_clock.advance(days=30)
    r = post(hub_client, old)
    assert (r.status_code, r.json()["error"]) == (400, "clock_skew")
    assert "Đồng hồ" in r.json()["message"]
    assert log_results(hub_app) == ["accepted", "clock_skew"]
    assert count(hub_app) == 1


@pytest.mark.parametrize(("skew", "accepted"), [
    (timedelta(hours=23), True), (-timedelta(hours=23), True),
    (timedelta(hours=25), False), (-timedelta(hours=25), False),
])
def test_clock_skew_of_a_day_either_way(hub_app: Any, hub_client: Any, kiosk: SimKiosk,
                                        skew: timedelta, accepted: bool) -> None:
    # The kiosk's clock is off by ``skew``: its batch and its records say so.
    rec = kiosk.record(HUB_NOW + skew - timedelta(hours=1))
    r = post(hub_client, kiosk.batch(kiosk.payload([rec]), created=HUB_NOW + skew))
    if accepted:
        assert r.status_code == 200, r.text
        assert count(hub_app) == 1
    else:
        assert (r.status_code, r.json()["error"]) == (400, "clock_skew")
        assert count(hub_app) == 0


def test_a_revoked_device_is_refused_and_nothing_written(hub_app: Any, hub_client: Any,
                                                         kiosk: SimKiosk) -> None:
    hub = hub_app.state.hub
    with hub.transaction() as s:
        assert revoke(s, kiosk.device_id, HUB_NOW)
    r = post(hub_client, kiosk.batch(kiosk.payload([kiosk.record(HUB_NOW)]), created=HUB_NOW))
    assert (r.status_code, r.json()["error"]) == (403, "revoked_device")
    assert "thu hồi" in r.json()["message"]
    assert count(hub_app) == 0
    assert log_results(hub_app) == ["revoked_device"]


def test_an_unpaired_device_and_a_forged_one_are_refused(tmp_path: Path, hub_app: Any,
                                                         hub_client: Any, kiosk: SimKiosk
                                                         ) -> None:
    stranger = SimKiosk(tmp_path / "stranger", hub_box_public=kiosk.hub_box_public)
    r = post(hub_client, stranger.batch(stranger.payload([stranger.record(HUB_NOW)]),
                                        created=HUB_NOW))
    assert (r.status_code, r.json()["error"]) == (403, "unknown_device")
    # A forger who knows a paired device's id but not its key.
    forger = SimKiosk(tmp_path / "forger", device_id=kiosk.device_id,
                      hub_box_public=kiosk.hub_box_public)
    r = post(hub_client, forger.batch(forger.payload([forger.record(HUB_NOW)]),
                                      created=HUB_NOW))
    assert (r.status_code, r.json()["error"]) == (403, "bad_signature")
    assert count(hub_app) == 0


def test_a_batch_claiming_another_commune_is_refused(hub_app: Any, hub_client: Any,
                                                     kiosk: SimKiosk) -> None:
    kiosk.identity = type(kiosk.identity)(kiosk.identity.help_point_id, kiosk.name,
                                          kiosk.identity.team_id, "20200")
    r = post(hub_client, kiosk.batch(kiosk.payload([kiosk.record(HUB_NOW)]), created=HUB_NOW))
    assert (r.status_code, r.json()["error"]) == (403, "wrong_commune")
    assert count(hub_app) == 0


@pytest.mark.parametrize("body", [
    b"", b"{\"records\": []}", b"HKB2\n" + b"\x00" * 200, b"PK\x03\x04garbage",
])
def test_bodies_that_are_not_batches_are_refused(hub_app: Any, hub_client: Any,
                                                 kiosk: SimKiosk, body: bytes) -> None:
    r = post(hub_client, body)
    assert r.status_code == 400
    assert r.json()["error"] in ("not_sealed", "undecryptable")
    assert r.json()["message"]
    assert count(hub_app) == 0


def test_a_flipped_byte_is_refused(hub_app: Any, hub_client: Any, kiosk: SimKiosk) -> None:
    blob = bytearray(kiosk.batch(kiosk.payload([kiosk.record(HUB_NOW)]), created=HUB_NOW))
    blob[len(blob) // 2] ^= 0x01
    r = post(hub_client, bytes(blob))
    assert (r.status_code, r.json()["error"]) == (400, "undecryptable")
    assert count(hub_app) == 0


@pytest.mark.parametrize(("field", "value"), [
    ("satisfaction", "5"), ("satisfaction", 9), ("first_visit", "yes"), ("services", "vneid"),
    ("services", ["x" * 33]), ("services", [7]), ("started_at", "yesterday"), ("outcome", 1),
    ("volunteer_uuids", [None]), ("commune", ["Hòa Khánh"]), ("note", 12),
    ("started_at", "9999-12-31T00:00:00Z"),
])
def test_one_bad_field_refuses_the_whole_batch(hub_app: Any, hub_client: Any, kiosk: SimKiosk,
                                               field: str, value: Any) -> None:
    good = kiosk.record(HUB_NOW - timedelta(hours=1))
    bad = kiosk.record(HUB_NOW - timedelta(hours=2), **{field: value})
    r = post(hub_client, kiosk.batch(kiosk.payload([good, bad]), created=HUB_NOW))
    assert (r.status_code, r.json()["error"]) == (400, "invalid_field"), r.text
    assert count(hub_app) == 0  # not even the good one
    assert log_results(hub_app) == ["invalid_field"]


def test_a_service_the_help_point_added_itself_is_accepted(hub_app: Any, hub_client: Any,
                                                           kiosk: SimKiosk) -> None:
    """Staff may add their own service on the kiosk (Quản lý → Hàng chờ); the hub cannot know
    it. Refusing such a record would refuse every batch of that help point for ever, so the hub
    takes any well-formed code (a USB import on a kiosk still asks staff to add it first)."""
    own = kiosk.record(HUB_NOW - timedelta(hours=1), services=["ho-tro-nong-san"])
    r = post(hub_client, kiosk.batch(kiosk.payload([own]), created=HUB_NOW))
    assert r.status_code == 200, r.text
    with hub_app.state.hub.sessions() as s:
        assert s.scalars(select(Assistance.services)).one() == ["ho-tro-nong-san"]


HOSTILE = ["'; DROP TABLE assistance; --", "=HYPERLINK(\"http://evil\",\"x\")", "+1+1",
           "@SUM(A1)", "-2+3", "\" OR 1=1 --", "Robert'); DELETE FROM device;--"]


@pytest.mark.parametrize("text", HOSTILE)
def test_sql_and_formula_text_is_stored_as_text(hub_app: Any, hub_client: Any,
                                                kiosk: SimKiosk, text: str) -> None:
    rec = kiosk.record(HUB_NOW - timedelta(hours=1), commune=text[:80], village=text[:80],
                       note=text[:280])
    kiosk.name = text[:120]
    r = post(hub_client, kiosk.batch(kiosk.payload([rec]), created=HUB_NOW))
    assert r.status_code == 200, r.text
    with hub_app.state.hub.sessions() as s:
        row = s.get(Assistance, rec["uuid"])
        assert row is not None
        assert (row.commune, row.village, row.note) == (text[:80], text[:80], text[:280])
        assert s.get(Device, kiosk.device_id) is not None  # tables intact
    assert count(hub_app) == 1
    # The hub's export (the kiosk's writer) defuses spreadsheet formulas.
    from hub.cli import main as hub_cli

    out = hub_app.state.hub.settings.data_dir.parent / "records.csv"
    settings = hub_app.state.hub.settings
    assert hub_cli(["export", "--from", "2026-03-10", "--to", "2026-03-10", "--format", "csv",
                    "--out", str(out), "--data-dir", str(settings.data_dir),
                    "--database-url", settings.resolved_database_url()]) == 0
    import csv

    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1
    cell = rows[0]["commune"]
    if text[0] in "=+-@":
        assert cell == "'" + text[:80]
    else:
        assert cell == text[:80]


def test_newest_daily_count_wins_and_a_late_old_report_cannot_lower_it(
        hub_app: Any, hub_client: Any, kiosk: SimKiosk) -> None:
    def counts(n: int) -> list[dict[str, Any]]:
        return [{"day": "2026-03-09", "tickets_issued": n, "tickets_served": n,
                 "no_shows": 0, "tutorials_opened": 0, "tutorials_finished": 0,
                 "sheets_printed": 0}]
    early = kiosk.batch(kiosk.payload([], counts(5)), created=HUB_NOW - timedelta(hours=5))
    late = kiosk.batch(kiosk.payload([], counts(7)), created=HUB_NOW - timedelta(hours=1))
    assert post(hub_client, late).status_code == 200
    assert post(hub_client, early).status_code == 200
    with hub_app.state.hub.sessions() as s:
        assert s.scalars(select(DailyCount.tickets_issued)).one() == 7


def _signed_with_payload(kiosk: SimKiosk, payload: bytes) -> bytes:
    """A batch correctly signed by a paired device whose payload.json is ``payload`` as is."""
    import base64
    import hashlib
    import io
    import json
    import zipfile

    from nacl.public import PublicKey, SealedBox

    from kiosk.sync.batch import BATCH_FORMAT, BATCH_VERSION, MAGIC

    manifest = json.dumps({
        "format": BATCH_FORMAT, "version": BATCH_VERSION, "device_id": kiosk.device_id,
        "help_point_id": kiosk.identity.help_point_id, "team_id": kiosk.identity.team_id,
        "commune_code": kiosk.commune_code, "help_point_name": kiosk.name,
        "created": HUB_NOW.isoformat() + "Z", "seq": 1, "contacts": False, "counts": {},
        "payload_sha256": hashlib.sha256(payload).hexdigest()}).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("manifest.json", manifest)
        zf.writestr("payload.json", payload)
        zf.writestr("signature", kiosk.keys.sign(manifest))
    box = SealedBox(PublicKey(base64.b64decode(kiosk.hub_box_public)))
    return MAGIC + box.encrypt(buf.getvalue())


@pytest.mark.parametrize("payload", [
    b'{"records": [', b"[1, 2, 3]", b'{"records": "x", "activity_days": [], "volunteers": []}',
    b"[" * 5000 + b"]" * 5000, b'{"records": [NaN]}', b'{"records": [' + b"9" * 5000 + b"]}",
    "{\"records\": []}".encode("utf-16"), b"\xff\xfe\x00garbage",
])
def test_malformed_json_from_a_paired_device_is_refused(hub_app: Any, hub_client: Any,
                                                        kiosk: SimKiosk, payload: bytes) -> None:
    r = post(hub_client, _signed_with_payload(kiosk, payload))
    assert (r.status_code, r.json()["error"]) == (400, "invalid_field"), r.text
    assert r.json()["message"]
    assert count(hub_app) == 0
    assert log_results(hub_app) == ["invalid_field"]


def test_a_batch_on_a_connection_the_server_dropped_is_taken_on_a_fresh_one(
        hub_app: Any, hub_client: Any, kiosk: SimKiosk) -> None:
    """Pooled connections in steady use are not pinged (a round trip a batch under load):
    one the server dropped meanwhile (a restart, an administrator) fails the batch's first
    statement, and the ingest runs the batch again on a fresh connection."""
    hub = hub_app.state.hub
    if hub.engine.dialect.name != "postgresql":
        pytest.skip("a server dropping connections: PostgreSQL")
    first = kiosk.record(HUB_NOW - timedelta(hours=2))
    assert post(hub_client, kiosk.batch(kiosk.payload([first]), created=HUB_NOW)
                ).status_code == 200
    with hub.engine.connect() as conn:  # drops every other connection of the hub's pool
        conn.exec_driver_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()")
    second = kiosk.record(HUB_NOW - timedelta(hours=1))
    r = post(hub_client, kiosk.batch(kiosk.payload([second]), created=HUB_NOW))
    assert r.status_code == 200, r.text
    assert count(hub_app) == 2
    assert log_results(hub_app) == ["accepted", "accepted"]


def test_a_replayed_batch_writes_no_summary_rows(hub_app: Any, hub_client: Any,
                                                 kiosk: SimKiosk) -> None:
    """The daily summary is counted again only for what a batch changed: the same batch
    again (its records and counts unchanged) leaves every summary row as it was."""
    from hub import summary

    start = HUB_NOW - timedelta(hours=2)
    records = [kiosk.record(start + timedelta(minutes=20 * i)) for i in range(3)]
    counts = [{"day": "2026-03-10", "tickets_issued": 9, "tickets_served": 8, "no_shows": 1,
               "tutorials_opened": 4, "tutorials_finished": 3, "sheets_printed": 2}]
    blob = kiosk.batch(kiosk.payload(records, counts), created=HUB_NOW)
    assert post(hub_client, blob).status_code == 200
    hub = hub_app.state.hub

    def rows() -> list[Any]:
        with hub.sessions() as s:
            return sorted(s.execute(select(summary.DAILY)).tuples().all())

    before = rows()
    assert ("q", "tickets_issued", 9) in {(r[4], r[5], r[6]) for r in before}
    assert (summary.PEOPLE, "", 3) in {(r[4], r[5], r[6]) for r in before}
    statements: list[str] = []
    from sqlalchemy import event

    def seen(*args: Any) -> None:
        statements.append(args[2])

    event.listen(hub.engine, "before_cursor_execute", seen)
    try:
        again = kiosk.batch(kiosk.payload(records, counts), created=HUB_NOW)
        assert post(hub_client, again).json()["skipped"] == 3
    finally:
        event.remove(hub.engine, "before_cursor_execute", seen)
    assert rows() == before
    assert not [st for st in statements if "daily_summary" in st or "monthly_summary" in st]
