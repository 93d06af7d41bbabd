"""The kiosk's outbox against a hub on a real loopback socket (tests/fake_hub.py, which opens
and merges batches with the real batch and merge code): pairing, sync, and every fault the
issue names (#20 item 4): hub down, slow, failing mid-batch, refusing; weeks offline; a
replayed batch. The outbox must keep everything and never send anything twice into the hub."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select

from db.models import Assistance, Meta, PrintEvent, Service, Volunteer
from kiosk.assistance import AssistanceDraft, AssistanceService
from kiosk.auth import Actor, PermissionDenied
from kiosk.clock import FakeClock, local_day
from kiosk.config import Config, defaults
from kiosk.content.packs import current_pack
from kiosk.privacy import CONTACT_PURPOSE_VI
from kiosk.store import Store
from kiosk.sync import outbox
from kiosk.sync.client import HubClient, SyncError
from tests.fake_hub import GOOD_CODE, FakeHub
from tests.unit.test_content_packs import pack_zip


@pytest.fixture
def config() -> Config:
    return defaults().replace(help_point_name="Điểm hỗ trợ số thôn Tà Lang")


@pytest.fixture
def hub(tmp_path: Path, clock: FakeClock) -> Iterator[FakeHub]:
    h = FakeHub(tmp_path / "hub", clock=clock)
    yield h
    h.close()


@pytest.fixture
def kiosk(store: Store) -> Store:
    with store.write() as s:
        s.add(Service(code="vneid", prefix="A", name_vi="Tài khoản định danh VNeID"))
        s.add(Service(code="dvc", prefix="B", name_vi="Dịch vụ công trực tuyến"))
    return store


@pytest.fixture
def paired(kiosk: Store, staff: Actor, config: Config, data_dir: Path,
           hub: FakeHub) -> outbox.Pairing:
    return outbox.pair(staff, kiosk, config, data_dir, hub.url, GOOD_CODE)


def log_help(store: Store, volunteer: Actor, **changes: Any) -> str:
    now = store.clock.now()
    draft = AssistanceDraft(started_at=now - timedelta(minutes=30),
                            ended_at=now - timedelta(minutes=5), services=("vneid",),
                            channel="help_point", age_band="60-74", gender="nu")
    return AssistanceService(store).log(volunteer, dataclasses.replace(draft, **changes)).uuid


def bulk_records(store: Store, volunteer: Actor, n: int, start: datetime) -> None:
    """``n`` records spread over the days from ``start`` (a busy help point offline)."""
    with store.read() as s:
        vol = s.scalar(select(Volunteer.uuid).where(Volunteer.display_name != ""))
    rows = []
    for i in range(n):
        at = start + timedelta(minutes=15 * i)
        rows.append({"uuid": str(uuid.uuid4()), "device_id": store.device_id, "created_at": at,
                     "updated_at": at, "started_at": at, "ended_at": at + timedelta(minutes=10),
                     "volunteer_uuids": [vol], "services": ["dvc"], "outcome": "done",
                     "channel": "help_point", "commune": "", "village": "", "age_band": "",
                     "gender": "", "note": "", "is_demo": False})
    with store.write() as s:
        s.execute(insert(Assistance), rows)


def sync(store: Store, config: Config, data_dir: Path, **kw: Any) -> outbox.SyncReport:
    return outbox.sync_now(store, config, data_dir, **kw)


# -- pairing ---------------------------------------------------------------------------------


def test_pairing_stores_the_hubs_address_and_keys_and_the_hub_knows_this_kiosk(
        kiosk: Store, paired: outbox.Pairing, hub: FakeHub) -> None:
    assert paired.hub_url == hub.url and paired.hub_name == "Hub phường Hải Châu"
    assert kiosk.device_id in hub.devices
    st = outbox.status(kiosk)
    assert st.paired and st.pairing == paired


def test_a_wrong_code_is_said_plainly_and_nothing_is_stored(
        kiosk: Store, staff: Actor, config: Config, data_dir: Path, hub: FakeHub) -> None:
    with pytest.raises(SyncError) as refused:
        outbox.pair(staff, kiosk, config, data_dir, hub.url, "WXYZ-2345")
    assert refused.value.code == "bad_code"
    assert "Mã ghép nối không đúng" in str(refused.value)
    assert not outbox.status(kiosk).paired


def test_only_staff_may_pair(kiosk: Store, volunteer: Actor, config: Config, data_dir: Path,
                             hub: FakeHub) -> None:
    with pytest.raises(PermissionDenied):
        outbox.pair(volunteer, kiosk, config, data_dir, hub.url, GOOD_CODE)
    assert hub.requests == []


@pytest.mark.parametrize("url", ["ftp://hub.vn", "https://user:pw@hub.vn", "", "http://"])
def test_an_address_that_is_not_a_hub_is_refused_before_any_request(
        kiosk: Store, staff: Actor, config: Config, data_dir: Path, url: str) -> None:
    with pytest.raises(SyncError, match="Địa chỉ hub không hợp lệ"):
        outbox.pair(staff, kiosk, config, data_dir, url, GOOD_CODE)


def test_unpair_forgets_the_hub_and_keeps_the_records(kiosk: Store, staff: Actor,
                                                      volunteer: Actor,
                                                      paired: outbox.Pairing) -> None:
    log_help(kiosk, volunteer)
    outbox.unpair(staff, kiosk)
    st = outbox.status(kiosk)
    assert not st.paired and st.waiting_records == 1
    with pytest.raises(outbox.NotPaired):
        outbox.sync_now(kiosk, defaults(), Path("."))


# -- a sync ----------------------------------------------------------------------------------


def test_records_soft_deletes_and_activity_days_reach_the_hub_without_contacts_or_pins(
        kiosk: Store, volunteer: Actor, staff: Actor, config: Config, data_dir: Path,
        paired: outbox.Pairing, hub: FakeHub) -> None:
    kept = log_help(kiosk, volunteer, contact_name="Lê Văn Tư", contact_phone="0905111222",
                    contact_consent=True, contact_consent_purpose=CONTACT_PURPOSE_VI)
    gone = log_help(kiosk, volunteer)
    AssistanceService(kiosk).delete(staff, gone, "ghi nhầm")
    assert outbox.status(kiosk).waiting >= 2
    report = sync(kiosk, config, data_dir)
    assert report.batches == 1 and report.added == 2 and report.waiting == 0
    with hub.store.read() as s:
        rows = {r.uuid: r for r in s.scalars(select(Assistance))}
        pins = set(s.scalars(select(Volunteer.pin_hash)))
    assert set(rows) == {kept, gone}
    assert rows[gone].deleted_at is not None
    assert rows[kept].contact_phone is None and rows[kept].contact_name is None
    assert pins == {""}
    st = outbox.status(kiosk)
    assert st.last_ok == kiosk.clock.now() and st.waiting == 0 and st.last_error_code == ""
    counts = hub.batches[-1]["counts"]
    assert counts["daily_counts"] >= outbox.COUNT_DAYS


def test_a_record_changed_after_a_sync_is_sent_again_and_updates_the_hub(
        kiosk: Store, volunteer: Actor, staff: Actor, config: Config, data_dir: Path,
        paired: outbox.Pairing, hub: FakeHub, clock: FakeClock) -> None:
    rec = log_help(kiosk, volunteer)
    sync(kiosk, config, data_dir)
    clock.advance(minutes=10)
    AssistanceService(kiosk).delete(staff, rec, "ghi nhầm")
    assert outbox.status(kiosk).waiting_records == 1
    report = sync(kiosk, config, data_dir)
    assert (report.added, report.updated) == (0, 1)
    with hub.store.read() as s:
        assert s.get(Assistance, rec).deleted_at is not None


# -- faults ----------------------------------------------------------------------------------


def test_hub_down_keeps_everything_and_says_so_in_vietnamese(
        kiosk: Store, volunteer: Actor, config: Config, data_dir: Path,
        paired: outbox.Pairing, hub: FakeHub) -> None:
    log_help(kiosk, volunteer)
    hub.close()  # connection refused from now on
    with pytest.raises(SyncError) as failed:
        sync(kiosk, config, data_dir, fetch_pack=False)
    assert failed.value.code == "hub_unreachable"
    st = outbox.status(kiosk)
    assert st.waiting_records == 1 and st.failures == 1 and st.last_ok is None
    assert st.last_error_message.startswith("Không kết nối được tới hub")
    assert "tự thử lại" in st.last_error_message


def test_a_slow_hub_times_out_and_the_next_try_sends_it_once(
        kiosk: Store, volunteer: Actor, config: Config, data_dir: Path,
        paired: outbox.Pairing, hub: FakeHub) -> None:
    log_help(kiosk, volunteer)
    hub.next_faults.append("slow")
    with HubClient(hub.url, timeout=0.3) as client, pytest.raises(SyncError) as failed:
        sync(kiosk, config, data_dir, client=client)
    assert failed.value.code == "hub_slow"
    assert outbox.status(kiosk).waiting_records == 1
    hub.release.set()
    sync(kiosk, config, data_dir)
    assert hub.record_count() == 1 and outbox.status(kiosk).waiting_records == 0


def test_a_hub_failing_mid_run_loses_nothing_and_doubles_nothing(
        kiosk: Store, volunteer: Actor, config: Config, data_dir: Path,
        paired: outbox.Pairing, hub: FakeHub) -> None:
    made = {log_help(kiosk, volunteer) for _ in range(5)}
    # batch 1 accepted; batch 2 the hub stores but its answer is lost (a 500 after commit)
    hub.next_faults += ["", "500-after-commit"]
    with pytest.raises(SyncError) as failed:
        sync(kiosk, config, data_dir, limit=2, fetch_pack=False)
    assert failed.value.code == "hub_error"
    assert hub.record_count() == 4  # batch 2 arrived although the kiosk never heard so
    assert outbox.status(kiosk).waiting_records == 3  # only an acknowledgement counts
    hub.next_faults.append("500")  # the next try fails at once, before the hub reads it
    with pytest.raises(SyncError):
        sync(kiosk, config, data_dir, limit=2, fetch_pack=False)
    assert outbox.status(kiosk).waiting_records == 3
    report = sync(kiosk, config, data_dir, limit=2)
    assert hub.record_count() == 5 and hub.record_uuids() == made
    assert report.skipped == 2  # batch 2's records sent again: merged to nothing
    assert outbox.status(kiosk).waiting == 0
    assert outbox.status(kiosk).failures == 0
    seqs = [m["seq"] for m in hub.batches]
    assert len(seqs) == len(set(seqs))  # a resent batch goes under a new number


@pytest.mark.parametrize(("code", "words"), [
    ("revoked_device", "thu hồi"), ("unknown_device", "ghép nối lại"),
    ("clock_skew", "ngày giờ"), ("tampered", "chữ ký hoặc định dạng"),
    ("something_new", "something_new")])
def test_a_refusal_is_stored_and_shown_in_plain_vietnamese(
        kiosk: Store, volunteer: Actor, config: Config, data_dir: Path,
        paired: outbox.Pairing, hub: FakeHub, code: str, words: str) -> None:
    log_help(kiosk, volunteer)
    hub.next_faults.append(f"refuse:{code}")
    with pytest.raises(SyncError):
        sync(kiosk, config, data_dir)
    st = outbox.status(kiosk)
    assert st.last_error_code == code and words in st.last_error_message
    assert st.waiting_records == 1
    sync(kiosk, config, data_dir)  # the hub lets it in again: the error goes away
    st = outbox.status(kiosk)
    assert st.last_error_code == "" and st.waiting == 0 and hub.record_count() == 1


def test_six_weeks_offline_catch_up_in_several_bounded_batches(
        kiosk: Store, volunteer: Actor, config: Config, data_dir: Path,
        paired: outbox.Pairing, hub: FakeHub, clock: FakeClock) -> None:
    start = clock.now() - timedelta(days=47)
    bulk_records(kiosk, volunteer, 4500, start)
    with kiosk.write() as s:  # a sheet printed on the first offline day
        s.add(PrintEvent(device_id=kiosk.device_id, at=start, day=local_day(start),
                         kind="sheet", tutorial_id="dvc-login", sheets=2, ok=True))
    assert outbox.status(kiosk).waiting_records == 4500
    report = sync(kiosk, config, data_dir)
    assert report.batches == 3 and report.sent == 4500 and report.waiting == 0
    assert [m["counts"]["records"] for m in hub.batches] == [2000, 2000, 500]
    assert hub.record_count() == 4500
    # the daily counts of every offline day went too (the hub replaces them per day)
    days = {c["day"] for p in hub.payloads for c in p["daily_counts"]}
    assert len(days) == 48 and local_day(start).isoformat() in days
    first = next(c for p in hub.payloads for c in p["daily_counts"]
                 if c["day"] == local_day(start).isoformat())
    assert first["sheets_printed"] == 2


def test_a_replayed_batch_changes_nothing_on_the_hub(
        kiosk: Store, volunteer: Actor, staff: Actor, config: Config, data_dir: Path,
        paired: outbox.Pairing, hub: FakeHub, clock: FakeClock) -> None:
    rec = log_help(kiosk, volunteer)
    sent: list[bytes] = []
    client = HubClient(hub.url)
    push = client.push_batch
    client.push_batch = lambda blob: (sent.append(blob), push(blob))[1]  # type: ignore[method-assign]
    sync(kiosk, config, data_dir, client=client)
    clock.advance(minutes=5)
    AssistanceService(kiosk).delete(staff, rec, "ghi nhầm")
    sync(kiosk, config, data_dir, client=client)
    # an attacker (or a confused proxy) sends the first, older batch again
    try:
        again = client.push_batch(sent[0])
    except SyncError:
        again = None  # refused is fine too
    finally:
        client.close()
    assert again is None or (again.added, again.updated) == (0, 0)
    with hub.store.read() as s:
        assert s.get(Assistance, rec).deleted_at is not None  # not undone by the old batch
    assert hub.record_count() == 1


def test_a_record_merged_in_below_the_mark_is_still_sent(
        kiosk: Store, volunteer: Actor, config: Config, data_dir: Path,
        paired: outbox.Pairing, hub: FakeHub, clock: FakeClock) -> None:
    """A mobile team's bundle imported after a sync keeps its laptop's older updated_at."""
    log_help(kiosk, volunteer)
    sync(kiosk, config, data_dir)
    bulk_records(kiosk, volunteer, 1, clock.now() - timedelta(days=3))
    assert outbox.status(kiosk).waiting_records == 2  # noticed: everything goes again
    sync(kiosk, config, data_dir)
    assert hub.record_count() == 2 and outbox.status(kiosk).waiting_records == 0


def test_marks_never_move_without_the_hubs_answer(kiosk: Store, volunteer: Actor,
                                                  config: Config, data_dir: Path,
                                                  paired: outbox.Pairing,
                                                  hub: FakeHub) -> None:
    log_help(kiosk, volunteer)
    hub.next_faults.append("500")
    with pytest.raises(SyncError):
        sync(kiosk, config, data_dir)
    with kiosk.read() as s:
        keys = set(s.scalars(select(Meta.key)))
    assert outbox.MARK_RECORDS not in keys and outbox.LAST_OK not in keys


# -- back-off --------------------------------------------------------------------------------


def test_back_off_starts_at_30_seconds_doubles_with_jitter_and_stops_at_30_minutes() -> None:
    assert outbox.next_delay_s(0) == 300
    assert outbox.next_delay_s(1, rng=lambda: 1.0) == 30
    assert outbox.next_delay_s(1, rng=lambda: 0.0) == 15
    assert outbox.next_delay_s(3, rng=lambda: 1.0) == 120
    assert outbox.next_delay_s(50, rng=lambda: 1.0) == 1800
    assert 900 <= outbox.next_delay_s(50) <= 1800


# -- content packs on sync -------------------------------------------------------------------


def test_sync_fetches_a_signed_pack_and_shows_its_version(
        kiosk: Store, config: Config, data_dir: Path, paired: outbox.Pairing,
        hub: FakeHub) -> None:
    hub.sign_pack("2026.12.05", pack_zip())
    report = sync(kiosk, config, data_dir)
    assert report.pack_version == "2026.12.05"
    assert outbox.status(kiosk).content_version == "2026.12.05"
    assert current_pack(data_dir)[0] == "2026.12.05"
    again = sync(kiosk, config, data_dir)  # the hub says 204: nothing newer
    assert again.pack_version == "" and hub.requests.count("GET /api/v1/packs/latest") == 2


def test_a_pack_with_a_bad_signature_is_refused_and_the_kiosk_keeps_its_content(
        kiosk: Store, config: Config, data_dir: Path, paired: outbox.Pairing,
        hub: FakeHub) -> None:
    hub.sign_pack("v-good", pack_zip())
    sync(kiosk, config, data_dir)
    hub.sign_pack("v-bad", pack_zip(title="Bản giả"))
    assert hub.pack is not None
    hub.pack = dataclasses.replace(hub.pack, data=pack_zip(title="Bản bị sửa"))
    report = sync(kiosk, config, data_dir)
    assert report.pack_version == "" and "Chữ ký" in report.pack_problem
    st = outbox.status(kiosk)
    assert st.content_version == "v-good" and "Chữ ký" in st.content_problem
    assert current_pack(data_dir)[0] == "v-good"
    sync(kiosk, config, data_dir)  # not downloaded again every five minutes
    assert hub.requests.count("GET /api/v1/packs/latest") == 2


def test_a_batch_too_big_for_the_hub_is_sent_again_in_smaller_ones(
        kiosk: Store, volunteer: Actor, config: Config, data_dir: Path,
        paired: outbox.Pairing, hub: FakeHub, clock: FakeClock) -> None:
    """A hub with a lower body limit answers 413 too_big: halve, nothing lost or doubled."""
    bulk_records(kiosk, volunteer, 300, clock.now() - timedelta(days=5))
    hub.next_faults += ["refuse:too_big", "refuse:too_big"]
    report = sync(kiosk, config, data_dir, limit=200)
    assert [m["counts"]["records"] for m in hub.batches] == [50] * 6 + [0]  # then caught up
    assert report.sent == 300 and hub.record_count() == 300
    assert outbox.status(kiosk).last_error_code == ""
