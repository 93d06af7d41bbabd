"""Mobile-team bundles between two data dirs: round trip, idempotence, conflicts, refusals."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db.models import ActivityDay, Assistance, AuditEvent, Service, Volunteer
from kiosk import bundles
from kiosk.assistance import AssistanceDraft, AssistanceService, RecordInfo
from kiosk.auth import Actor, AuthService, PermissionDenied, Role
from kiosk.bundles import BundleError, BundleService
from kiosk.clock import FakeClock
from kiosk.privacy import CONTACT_PURPOSE_VI
from kiosk.store import Store

MOBILE_STAFF_PIN = "5555"
MOBILE_VOLUNTEER_PIN = "7777"
SINCE = date(2026, 3, 1)


def add_services(store: Store) -> None:
    with store.write() as s:
        s.add(Service(code="vneid", prefix="A", name_vi="Tài khoản định danh VNeID"))
        s.add(Service(code="dvc", prefix="B", name_vi="Dịch vụ công trực tuyến"))


@dataclasses.dataclass
class Device:
    store: Store
    clock: FakeClock
    staff: Actor
    volunteer: Actor
    records: AssistanceService
    bundles: BundleService


@pytest.fixture
def help_point(store: Store, clock: FakeClock, staff: Actor, volunteer: Actor) -> Device:
    add_services(store)
    return Device(store, clock, staff, volunteer, AssistanceService(store), BundleService(store))


@pytest.fixture
def mobile(tmp_path: Path) -> Iterator[Device]:
    clock = FakeClock(datetime(2026, 3, 10, 3, 0, 0))
    d = tmp_path / "mobile-data"
    d.mkdir()
    store = Store.open(d, clock=clock)
    auth = AuthService(store)
    auth.add_member(None, "Tổ trưởng Phú", Role.STAFF, MOBILE_STAFF_PIN)
    staff = auth.sign_in(MOBILE_STAFF_PIN)
    auth.add_member(staff, "Đoàn viên Nam", Role.VOLUNTEER, MOBILE_VOLUNTEER_PIN)
    volunteer = auth.sign_in(MOBILE_VOLUNTEER_PIN)
    add_services(store)
    yield Device(store, clock, staff, volunteer, AssistanceService(store), BundleService(store))
    store.close()


def home_visit(dev: Device, **changes: Any) -> RecordInfo:
    now = dev.clock.now()
    draft = AssistanceDraft(started_at=now - timedelta(minutes=40),
                            ended_at=now - timedelta(minutes=5), services=("vneid",),
                            channel="home_visit", age_band="75+", gender="nam",
                            commune="xã Hòa Vang", village="thôn Phú Sơn",
                            note="Kích hoạt VNeID tại nhà.")
    return dev.records.log(dev.volunteer, dataclasses.replace(draft, **changes))


def count(store: Store, model: type) -> int:
    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def snapshot(store: Store) -> tuple[int, int, int, int]:
    return (count(store, Assistance), count(store, ActivityDay), count(store, Volunteer),
            count(store, AuditEvent))


def write_bundle(path: Path, payload: dict[str, Any], manifest: dict[str, Any] | None = None,
                 extra: dict[str, bytes] | None = None) -> Path:
    """A hand-made bundle with a correct checksum unless the manifest says otherwise."""
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    m = {"format": "help-kiosk-bundle", "version": 1, "device_id": "dev-x",
         "created": "2026-03-10T03:00:00Z", "sha256": hashlib.sha256(body).hexdigest()}
    m.update(manifest or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(m))
        zf.writestr("records.json", body)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def read_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


@pytest.fixture
def exported(mobile: Device, tmp_path: Path) -> Path:
    home_visit(mobile, contact_name="Lê Văn Tư", contact_phone="0905 111 222",
               contact_consent=True, contact_consent_purpose=CONTACT_PURPOSE_VI)
    home_visit(mobile, services=("dvc",), outcome="follow_up")
    out = tmp_path / "goi.zip"
    summary = mobile.bundles.export_unsigned_bundle(mobile.staff, SINCE, out)
    assert summary.records == 2
    return out


# -- the file --------------------------------------------------------------------------------


def test_export_writes_one_zip_with_manifest_and_records(mobile: Device, exported: Path) -> None:
    members = read_members(exported)
    assert sorted(members) == ["manifest.json", "records.json"]
    manifest = json.loads(members["manifest.json"])
    assert manifest["format"] == "help-kiosk-bundle"
    assert manifest["version"] == 1
    assert manifest["device_id"] == mobile.store.device_id
    assert manifest["created"] == "2026-03-10T03:00:00Z"
    assert manifest["sha256"] == hashlib.sha256(members["records.json"]).hexdigest()
    payload = json.loads(members["records.json"])
    assert len(payload["records"]) == 2
    # Only work is an activity day: the records, not the two sign-ins.
    assert {d["source"] for d in payload["activity_days"]} == {"record"}
    # Members referenced by a record or an activity day.
    assert {v["display_name"] for v in payload["volunteers"]} == {"Đoàn viên Nam"}
    assert all(set(v) == {"uuid", "display_name", "role"} for v in payload["volunteers"])
    text = members["records.json"].decode("utf-8")
    assert "argon2" not in text
    assert "pin_hash" not in text


def test_export_leaves_out_older_changes_and_demo_records(mobile: Device, tmp_path: Path) -> None:
    home_visit(mobile)
    mobile.clock.advance(days=3)
    home_visit(mobile, is_demo=True)
    newer = home_visit(mobile)
    out = tmp_path / "b.zip"
    summary = mobile.bundles.export_unsigned_bundle(mobile.staff, date(2026, 3, 12), out)
    payload = json.loads(read_members(out)["records.json"])
    assert [r["uuid"] for r in payload["records"]] == [newer.uuid]
    assert summary.records == 1


def test_only_staff_may_export_or_import(mobile: Device, help_point: Device, exported: Path,
                                         tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        mobile.bundles.export_unsigned_bundle(mobile.volunteer, SINCE, tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()
    with pytest.raises(PermissionDenied):
        help_point.bundles.import_bundle(help_point.volunteer, exported, unverified_ok=True)
    assert count(help_point.store, Assistance) == 0


# -- merging ---------------------------------------------------------------------------------


def test_round_trip_between_two_data_dirs(mobile: Device, help_point: Device,
                                          exported: Path) -> None:
    summary = help_point.bundles.import_bundle(help_point.staff, exported, unverified_ok=True)
    assert (summary.added, summary.updated, summary.skipped) == (2, 0, 0)
    assert summary.volunteers_added == 1
    assert summary.source_device == mobile.store.device_id

    found = help_point.records.find_by_phone(help_point.staff, "0905111222")
    assert len(found) == 1
    rec = found[0]
    original = mobile.records.get(mobile.staff, rec.uuid)
    assert rec == original  # every field, the device id included
    assert rec.device_id == mobile.store.device_id

    with help_point.store.read() as s:
        v = s.scalar(select(Volunteer).where(Volunteer.uuid == mobile.volunteer.uuid))
        assert v is not None
        assert (v.display_name, v.role, v.active, v.pin_hash) == (
            "Đoàn viên Nam", "volunteer", False, "")
        days = {(d.volunteer_uuid, d.day, d.source) for d in s.scalars(select(ActivityDay))}
    assert (mobile.volunteer.uuid, date(2026, 3, 10), "record") in days
    # The imported member cannot sign in here with the PIN from the other machine.
    with pytest.raises(Exception, match="Mã PIN không đúng"):
        AuthService(help_point.store).sign_in(MOBILE_VOLUNTEER_PIN)

    with help_point.store.read() as s:
        e = s.scalar(select(AuditEvent).where(AuditEvent.action == "bundle.import"))
        assert e is not None
        assert json.loads(e.detail)["added"] == 2
        assert "0905111222" not in e.detail


def test_importing_twice_adds_nothing(help_point: Device, exported: Path) -> None:
    help_point.bundles.import_bundle(help_point.staff, exported, unverified_ok=True)
    before = snapshot(help_point.store)
    again = help_point.bundles.import_bundle(help_point.staff, exported, unverified_ok=True)
    assert (again.added, again.updated, again.skipped) == (0, 0, 2)
    assert again.activity_days_added == 0
    assert again.volunteers_added == 0
    after = snapshot(help_point.store)
    assert after[:3] == before[:3]
    assert after[3] == before[3] + 1  # only the audit entry of the second import


def test_newer_update_wins_in_both_directions(mobile: Device, help_point: Device,
                                              tmp_path: Path) -> None:
    a = home_visit(mobile)
    b = home_visit(mobile, services=("dvc",))
    first = tmp_path / "1.zip"
    mobile.bundles.export_unsigned_bundle(mobile.staff, SINCE, first)
    help_point.bundles.import_bundle(help_point.staff, first, unverified_ok=True)

    # Later: the mobile team corrects A; the help point's staff corrects B even later.
    mobile.clock.advance(hours=1)
    mobile.records.edit(mobile.volunteer, a.uuid, {"outcome": "partial"})
    help_point.clock.advance(hours=2)
    help_point.records.edit(help_point.staff, b.uuid, {"outcome": "referred"},
                            reason="Đã chuyển lên xã")
    mobile.clock.advance(hours=2)  # mobile edits B too, but before the help point did
    second = tmp_path / "2.zip"
    mobile.bundles.export_unsigned_bundle(mobile.staff, SINCE, second)

    summary = help_point.bundles.import_bundle(help_point.staff, second, unverified_ok=True)
    assert (summary.added, summary.updated, summary.skipped) == (0, 1, 1)
    assert help_point.records.get(help_point.staff, a.uuid).outcome == "partial"
    assert help_point.records.get(help_point.staff, b.uuid).outcome == "referred"


def test_deletions_travel_with_the_bundle(mobile: Device, help_point: Device,
                                          tmp_path: Path) -> None:
    a = home_visit(mobile)
    mobile.bundles.export_unsigned_bundle(mobile.staff, SINCE, tmp_path / "1.zip")
    help_point.bundles.import_bundle(help_point.staff, tmp_path / "1.zip", unverified_ok=True)
    mobile.clock.advance(minutes=10)
    mobile.records.delete(mobile.staff, a.uuid, "Ghi trùng")
    mobile.bundles.export_unsigned_bundle(mobile.staff, SINCE, tmp_path / "2.zip")
    summary = help_point.bundles.import_bundle(help_point.staff, tmp_path / "2.zip",
                                               unverified_ok=True)
    assert summary.updated == 1
    assert help_point.records.get(help_point.staff, a.uuid).deleted_at is not None
    assert help_point.records.list_today(help_point.staff) == []


def test_an_erased_contact_is_not_brought_back_by_an_old_bundle(
        help_point: Device, exported: Path) -> None:
    help_point.bundles.import_bundle(help_point.staff, exported, unverified_ok=True)
    help_point.clock.advance(minutes=1)
    assert help_point.records.erase_person(help_point.staff, "0905111222") == 1
    help_point.bundles.import_bundle(help_point.staff, exported, unverified_ok=True)
    assert help_point.records.find_by_phone(help_point.staff, "0905111222") == []


# -- refusals --------------------------------------------------------------------------------


def refused(dev: Device, path: Path, match: str) -> None:
    before = snapshot(dev.store)
    with pytest.raises(BundleError, match=match) as err:
        dev.bundles.import_bundle(dev.staff, path, unverified_ok=True)
    assert "Không có gì được ghi" in str(err.value) or "Không tìm thấy tệp" in str(err.value)
    assert snapshot(dev.store) == before


def test_tampered_bundle_is_refused(help_point: Device, exported: Path, tmp_path: Path) -> None:
    members = read_members(exported)
    payload = json.loads(members["records.json"])
    payload["records"][0]["outcome"] = "referred"
    bad = tmp_path / "tampered.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("manifest.json", members["manifest.json"])
        zf.writestr("records.json", json.dumps(payload, ensure_ascii=False))
    refused(help_point, bad, "Mã kiểm tra không khớp")


def test_truncated_bundle_is_refused(help_point: Device, exported: Path,
                                     tmp_path: Path) -> None:
    data = exported.read_bytes()
    for cut in (len(data) // 2, len(data) - 10, 30):
        bad = tmp_path / f"cut-{cut}.zip"
        bad.write_bytes(data[:cut])
        refused(help_point, bad, "bị hỏng hoặc chép chưa hết")


def test_corrupt_bytes_inside_the_zip_are_refused(help_point: Device, exported: Path,
                                                  tmp_path: Path) -> None:
    data = bytearray(exported.read_bytes())
    data[80:120] = bytes(40)  # inside the first member's compressed data
    bad = tmp_path / "corrupt.zip"
    bad.write_bytes(bytes(data))
    refused(help_point, bad, "Không có gì được ghi")


def test_a_file_that_is_not_a_zip_is_refused(help_point: Device, tmp_path: Path) -> None:
    bad = tmp_path / "notes.zip"
    bad.write_text("xin chào", encoding="utf-8")
    refused(help_point, bad, "bị hỏng hoặc chép chưa hết")


def test_missing_file_is_reported(help_point: Device, tmp_path: Path) -> None:
    refused(help_point, tmp_path / "khong-co.zip", "Không tìm thấy tệp “khong-co.zip”")


@pytest.mark.parametrize("evil", ["../../evil.json", "/etc/cron.d/x", "records.json/../x",
                                  "..\\manifest.json", "extra.txt"])
def test_unknown_or_path_trick_members_are_refused(help_point: Device, tmp_path: Path,
                                                   evil: str) -> None:
    path = write_bundle(tmp_path / "slip.zip",
                        {"records": [], "activity_days": [], "volunteers": []},
                        extra={evil: b"{}"})
    refused(help_point, path, "nội dung lạ")
    assert not (tmp_path.parent / "evil.json").exists()


def test_a_bundle_with_a_missing_member_is_refused(help_point: Device, tmp_path: Path) -> None:
    path = tmp_path / "half.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", "{}")
    refused(help_point, path, "nội dung lạ")


@pytest.mark.parametrize(("manifest", "match"), [
    ({"version": 2}, "phiên bản 2"),
    ({"version": "1"}, "phiên bản '1'"),
    ({"format": "other-app"}, "không phải gói dữ liệu"),
    ({"sha256": "abc"}, "thiếu mã kiểm tra"),
    ({"device_id": ""}, "thiếu mã máy"),
])
def test_unknown_format_or_version_is_refused(help_point: Device, tmp_path: Path,
                                              manifest: dict[str, Any], match: str) -> None:
    path = write_bundle(tmp_path / "v.zip", {"records": [], "activity_days": [],
                                             "volunteers": []}, manifest)
    refused(help_point, path, match)


def test_oversized_members_are_refused(help_point: Device, exported: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundles, "MAX_RECORDS_BYTES", 100)
    refused(help_point, exported, "quá lớn")


def test_a_member_whose_header_lies_about_its_size_is_refused(
        help_point: Device, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A highly compressible member whose central directory entry claims a tiny size, so the
    # size check passes: the data must still not be accepted (here zipfile's CRC check
    # catches it; the reader also never reads more than the limit).
    monkeypatch.setattr(bundles, "MAX_RECORDS_BYTES", 1000)
    body = b"[" + b" " * 5000 + b"]"
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", "{}")
        zf.writestr("records.json", body)
    data = bytearray(path.read_bytes())
    cd = data.rfind(b"PK\x01\x02")  # last central directory entry: records.json
    data[cd + 24:cd + 28] = (10).to_bytes(4, "little")  # claimed uncompressed size
    path.write_bytes(bytes(data))
    refused(help_point, path, "Không có gì được ghi")


def valid_payload(mobile: Device, exported: Path) -> dict[str, Any]:
    return json.loads(read_members(exported)["records.json"])


@pytest.mark.parametrize(("field", "value", "match"), [
    ("outcome", "xong", "mục “outcome”"),
    ("channel", None, "mục “channel”"),
    ("satisfaction", 9, "mục “satisfaction”"),
    ("note", "x" * 281, "mục “note”"),
    ("note", "CCCD 048190001234", "mục “note”"),
    ("contact_phone", "12345", "mục “contact_phone”"),
    ("contact_consent_at", None, "mục “contact_consent_at”"),
    ("started_at", "hôm qua", "mục “started_at”"),
    ("updated_at", "2030-01-01T00:00:00Z", "đồng hồ của máy kia"),
    ("uuid", "../../x", "mục “uuid”"),
    ("volunteer_uuids", ["00000000-0000-4000-8000-000000000000"], "mục “volunteer_uuids”"),
])
def test_invalid_field_values_refuse_the_whole_bundle(
        mobile: Device, help_point: Device, exported: Path, tmp_path: Path, field: str,
        value: Any, match: str) -> None:
    payload = valid_payload(mobile, exported)
    with_contact = next(r for r in payload["records"] if r["contact_phone"])
    with_contact[field] = value
    path = write_bundle(tmp_path / "bad.zip", payload)
    refused(help_point, path, match)


def test_unknown_services_refuse_the_bundle(mobile: Device, help_point: Device,
                                            exported: Path, tmp_path: Path) -> None:
    payload = valid_payload(mobile, exported)
    payload["records"][1]["services"] = ["vneid", "ngan-hang"]
    refused(help_point, write_bundle(tmp_path / "svc.zip", payload), "dịch vụ “ngan-hang”")


def test_extra_or_missing_keys_refuse_the_bundle(mobile: Device, help_point: Device,
                                                 exported: Path, tmp_path: Path) -> None:
    payload = valid_payload(mobile, exported)
    payload["records"][0]["pin_hash"] = "x"
    refused(help_point, write_bundle(tmp_path / "k1.zip", payload), "bản ghi số 1")
    payload = valid_payload(mobile, exported)
    payload["volunteers"][0]["role"] = "admin"
    refused(help_point, write_bundle(tmp_path / "k2.zip", payload), "người hỗ trợ số 1")
    payload = valid_payload(mobile, exported)
    payload["activity_days"][0]["source"] = "magic"
    refused(help_point, write_bundle(tmp_path / "k3.zip", payload), "ngày hoạt động số 1")


def test_a_failed_export_leaves_no_file(mobile: Device, tmp_path: Path) -> None:
    home_visit(mobile)
    with pytest.raises(BundleError, match="Không có thư mục"):
        mobile.bundles.export_unsigned_bundle(mobile.staff, SINCE,
                                              tmp_path / "no-such-dir" / "b.zip")
    assert list(tmp_path.glob("**/*.zip")) == []
    assert list(tmp_path.glob("**/.tmp-*")) == []
    assert list(tmp_path.glob("**/*.part")) == []


def test_bundle_reader_rejects_non_json_records(help_point: Device, tmp_path: Path) -> None:
    body = b"\xff\xfe not json"
    m = {"format": "help-kiosk-bundle", "version": 1, "device_id": "d",
         "created": "2026-03-10T03:00:00Z", "sha256": hashlib.sha256(body).hexdigest()}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("manifest.json", json.dumps(m))
        zf.writestr("records.json", body)
    path = tmp_path / "nj.zip"
    path.write_bytes(buf.getvalue())
    refused(help_point, path, "Phần dữ liệu của gói bị hỏng")


# -- issue #16 item 7: dates and numbers from outside are bounded ------------------------------


@pytest.mark.parametrize(("field", "value"), [
    ("contact_consent_at", "9999-12-31T00:00:00"),  # its contact would never be purged
    ("ethnic_consent_at", "9999-12-31T00:00:00"),
    ("deleted_at", "9999-12-31T23:59:59"),
    ("contact_consent_at", "0001-01-01T00:00:00"),
    ("created_at", "0001-01-01T00:00:00"),
])
def test_dates_far_outside_the_kiosks_life_refuse_the_bundle(
        mobile: Device, help_point: Device, exported: Path, tmp_path: Path, field: str,
        value: str) -> None:
    payload = valid_payload(mobile, exported)
    with_contact = next(r for r in payload["records"] if r["contact_phone"])
    with_contact[field] = value
    refused(help_point, write_bundle(tmp_path / "date.zip", payload), f"mục “{field}”")


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_activity_days_far_outside_are_refused(mobile: Device, help_point: Device,
                                               exported: Path, tmp_path: Path,
                                               day: str) -> None:
    payload = valid_payload(mobile, exported)
    payload["activity_days"][0]["day"] = day
    refused(help_point, write_bundle(tmp_path / "day.zip", payload), "mục “day”")


def _raw_bundle(path: Path, body: bytes) -> Path:
    m = {"format": "help-kiosk-bundle", "version": 1, "device_id": "dev-x",
         "created": "2026-03-10T03:00:00Z", "sha256": hashlib.sha256(body).hexdigest()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(m))
        zf.writestr("records.json", body)
    return path


@pytest.mark.parametrize("body", [
    b"[" * 100_000 + b"]" * 100_000,  # nesting deeper than the parser's recursion
    b'{"records": [], "activity_days": [], "volunteers": [], "x": ' + b"9" * 5000 + b"}",
    b'{"records": [' + b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"]}",
])
def test_hostile_json_is_refused_clearly(help_point: Device, tmp_path: Path,
                                         body: bytes) -> None:
    """Deep nesting and a 5,000-digit number used to raise RecursionError / ValueError."""
    refused(help_point, _raw_bundle(tmp_path / "hostile.zip", body), "bị hỏng")


# -- issue #16 item 10: a long import lets the kiosk keep working ------------------------------


def test_a_long_import_lets_other_writers_in(mobile: Device, help_point: Device,
                                            exported: Path, tmp_path: Path,
                                            data_dir: Path) -> None:
    """Another connection (the GUI taking tickets while the CLI imports) asks for the write
    lock over and over, waiting as long as the kiosk's own connections do, during a
    6,000-record import: it must never get "database is locked", and it must get in *between*
    the import's chunks (one transaction for the whole import held the lock for minutes, so
    the other writer got in only once the import was over). Counting turns instead of timing
    them keeps the test true on a loaded machine."""
    import sqlite3
    import threading
    import uuid as uuid_mod

    from db.engine import BUSY_TIMEOUT_S, DB_FILE

    payload = valid_payload(mobile, exported)
    base = next(r for r in payload["records"] if not r["contact_phone"])
    payload["records"] = [{**base, "uuid": str(uuid_mod.uuid4())} for _ in range(6000)]
    path = write_bundle(tmp_path / "big.zip", payload)
    result: list[Any] = []
    importer = threading.Thread(
        target=lambda: result.append(help_point.bundles.import_bundle(
            help_point.staff, path, unverified_ok=True)))
    other = sqlite3.connect(data_dir / DB_FILE, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    counted = "SELECT count(*) FROM assistance WHERE is_demo = 0"
    before = other.execute(counted).fetchone()[0]
    between = locked = 0
    seen = -1
    try:
        importer.start()
        while importer.is_alive():
            # Like the GUI, ask for the lock once per change, not in a tight loop that would
            # starve the importer: wait (reading, which WAL never blocks) for the count to move.
            now_added = other.execute(counted).fetchone()[0] - before
            if now_added == seen:
                continue
            try:
                other.execute("BEGIN IMMEDIATE")
                seen = other.execute(counted).fetchone()[0] - before
                other.execute("COMMIT")
            except sqlite3.OperationalError:
                locked += 1
                continue
            if 0 < seen < 6000:
                between += 1  # holding the lock while the import is part-way through
        importer.join()
    finally:
        other.close()
    assert result and result[0].added == 6000
    assert locked == 0
    assert between >= 2, "the import never let another writer in part-way through"


# -- issue #20 item 5: bundles signed by the device and sealed to the receiver ---------------

NAME, PHONE, NOTE = "Lê Văn Tư", "0905111222", "Kích hoạt VNeID tại nhà."


@pytest.fixture
def sealed(mobile: Device, help_point: Device, tmp_path: Path) -> Path:
    """A v2 bundle from the mobile laptop, sealed to the help point's box key."""
    home_visit(mobile, contact_name=NAME, contact_phone="0905 111 222", contact_consent=True,
               contact_consent_purpose=CONTACT_PURPOSE_VI)
    home_visit(mobile, services=("dvc",), outcome="follow_up")
    out = tmp_path / "goi.hkb"
    summary = mobile.bundles.export_bundle(mobile.staff, SINCE, out,
                                           to_key=help_point.bundles.keys().box_public_b64())
    assert (summary.records, summary.volunteers) == (2, 1)
    return out


def refused_code(dev: Device, path: Path, code: str, **kw: Any) -> BundleError:
    before = snapshot(dev.store)
    with pytest.raises(BundleError) as err:
        dev.bundles.import_bundle(dev.staff, path, **kw)
    assert err.value.code == code, str(err.value)
    assert "Không có gì được ghi vào máy này." in str(err.value)
    assert snapshot(dev.store) == before
    return err.value


def test_v2_from_an_unknown_device_is_refused_until_staff_trust_it(
        mobile: Device, help_point: Device, sealed: Path) -> None:
    err = refused_code(help_point, sealed, "unknown_device")
    assert mobile.store.device_id in str(err)  # staff can compare it with the sender's screen
    assert "help-kiosk bundle trust" in str(err)
    keys = mobile.bundles.keys()
    help_point.bundles.trust_device(help_point.staff, keys.device_id, keys.verify_key_b64())
    summary = help_point.bundles.import_bundle(help_point.staff, sealed)
    assert (summary.added, summary.updated, summary.skipped) == (2, 0, 0)
    assert summary.unverified is False
    assert summary.source_device == mobile.store.device_id
    found = help_point.records.find_by_phone(help_point.staff, PHONE)
    assert found[0] == mobile.records.get(mobile.staff, found[0].uuid)
    again = help_point.bundles.import_bundle(help_point.staff, sealed)  # a replay
    assert (again.added, again.updated, again.skipped) == (0, 0, 2)


def test_first_contact_trust_key_is_kept_only_if_it_verifies(
        mobile: Device, help_point: Device, sealed: Path) -> None:
    wrong = help_point.bundles.keys().verify_key_b64()  # a real key, but not the sender's
    refused_code(help_point, sealed, "bad_signature", trust_key=wrong)
    assert help_point.bundles.trusted_key(mobile.store.device_id) is None
    right = mobile.bundles.keys().verify_key_b64()
    assert help_point.bundles.import_bundle(help_point.staff, sealed, trust_key=right).added == 2
    assert help_point.bundles.trusted_key(mobile.store.device_id) == right


def test_v2_sealed_to_another_machine_cannot_be_opened(
        mobile: Device, help_point: Device, tmp_path: Path) -> None:
    home_visit(mobile)
    out = tmp_path / "khac.hkb"
    mobile.bundles.export_bundle(mobile.staff, SINCE, out,
                                 to_key=mobile.bundles.keys().box_public_b64())
    refused_code(help_point, out, "undecryptable",
                 trust_key=mobile.bundles.keys().verify_key_b64())


def test_a_lost_stick_leaks_nothing(mobile: Device, sealed: Path) -> None:
    import zlib

    blob = sealed.read_bytes()
    secrets = [NAME, PHONE, "0905 111 222", NOTE, "Đoàn viên Nam", "Hòa Vang", "Phú Sơn",
               mobile.volunteer.uuid]
    candidates = [blob]
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(sealed)
    # Inflate from every offset, as a curious finder's recovery tool would.
    for start in range(len(blob)):
        try:
            candidates.append(zlib.decompressobj(-15).decompress(blob[start:], 1 << 20))
        except zlib.error:
            continue
    for data in candidates:
        for secret in secrets:
            for enc in ("utf-8", "utf-16-le", "utf-16-be", "cp1258"):
                try:
                    needle = secret.encode(enc)
                except UnicodeEncodeError:
                    continue
                assert needle not in data
            assert json.dumps(secret).encode() not in data


def test_old_unsigned_bundles_need_an_explicit_choice_and_are_marked(
        mobile: Device, help_point: Device, exported: Path) -> None:
    err = refused_code(help_point, exported, "not_sealed")
    assert "chưa xác thực" in str(err)
    summary = help_point.bundles.import_bundle(help_point.staff, exported, unverified_ok=True)
    assert summary.unverified is True
    assert summary.added == 2


def test_export_without_a_recipient_key_is_refused_with_advice(mobile: Device,
                                                              tmp_path: Path) -> None:
    home_visit(mobile)
    with pytest.raises(BundleError, match="help-kiosk bundle key"):
        mobile.bundles.export_bundle(mobile.staff, SINCE, tmp_path / "x.hkb")
    assert not (tmp_path / "x.hkb").exists()
    with pytest.raises(BundleError, match="base64"):
        mobile.bundles.export_bundle(mobile.staff, SINCE, tmp_path / "x.hkb", to_key="abc")


def test_export_seals_to_the_paired_hub_by_default(mobile: Device, help_point: Device,
                                                   tmp_path: Path) -> None:
    from db.models import Meta

    home_visit(mobile)
    with mobile.store.write() as s:
        s.add(Meta(key=bundles.META_HUB_BOX, value=help_point.bundles.keys().box_public_b64()))
    out = tmp_path / "hub.hkb"
    mobile.bundles.export_bundle(mobile.staff, SINCE, out)
    keys = mobile.bundles.keys()
    assert help_point.bundles.import_bundle(help_point.staff, out,
                                            trust_key=keys.verify_key_b64()).added == 1


def test_no_private_key_in_a_bundle_backup_or_export(mobile: Device, sealed: Path,
                                                     tmp_path: Path) -> None:
    import base64

    from kiosk.backup import backup_now
    from kiosk.sync.keys import BOX_FILE, SIGNING_FILE

    assert mobile.store.data_dir is not None
    exported = tmp_path / "cu.zip"
    mobile.bundles.export_unsigned_bundle(mobile.staff, SINCE, exported)
    backup = backup_now(mobile.store, tmp_path / "backups", mobile.clock).path
    person = tmp_path / "person.json"
    mobile.records.export_person(mobile.staff, PHONE, person)
    for name in (SIGNING_FILE, BOX_FILE):
        text = (mobile.store.data_dir / name).read_text(encoding="ascii").strip()
        seed = base64.b64decode(text)
        for path in (sealed, exported, backup, person):
            data = path.read_bytes()
            assert seed not in data, (name, path.name)
            assert text.encode() not in data, (name, path.name)


# -- records from an old unsigned bundle say "chưa xác thực" everywhere ----------------------


def test_unverified_records_are_marked_in_every_report_and_export(
        mobile: Device, help_point: Device, exported: Path, tmp_path: Path) -> None:
    import csv

    import openpyxl
    from pypdf import PdfReader

    from kiosk.reports.export import ExportRequest, run_export
    from kiosk.reports.periods import Period

    help_point.bundles.import_bundle(help_point.staff, exported, unverified_ok=True)
    home_visit(help_point, channel="help_point")  # one of its own: verified
    with help_point.store.read() as s:
        assert sorted(a.unverified for a in s.scalars(select(Assistance))) == [False, True, True]
        assert {d.unverified for d in s.scalars(select(ActivityDay)).all()
                if d.volunteer_uuid == mobile.volunteer.uuid} == {True}
    period = Period(date(2026, 3, 1), date(2026, 3, 31))

    def export(fmt: str, what: str) -> Path:
        path = tmp_path / f"{what}.{fmt}"
        run_export(help_point.staff, help_point.store, period, path, ExportRequest(fmt, what))
        return path

    with export("csv", "records").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["verification"] for r in rows) == ["", "chưa xác thực", "chưa xác thực"]
    summary = export("csv", "summary").read_text(encoding="utf-8-sig")
    assert "Có 2 bản ghi chưa xác thực" in summary
    with export("csv", "allowance").open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.DictReader(fh))
    assert [(r["volunteer_name"], r["verification"]) for r in lines
            if r["verification"]] == [("Đoàn viên Nam", "chưa xác thực")]
    ws = openpyxl.load_workbook(export("xlsx", "records")).worksheets[0]
    cells = [c.value for row in ws.iter_rows() for c in row]
    assert "Xác thực" in cells
    assert cells.count("chưa xác thực") == 2
    text = "".join(p.extract_text() for p in PdfReader(export("pdf", "summary")).pages)
    assert "Có 2 bản ghi chưa xác thực" in " ".join(text.split())
    assert "chưa xác thực" in " ".join(text.split()).split("KINH PHÍ HỖ TRỢ")[-1]


def test_a_signed_newer_version_clears_the_mark(mobile: Device, help_point: Device,
                                                exported: Path, tmp_path: Path) -> None:
    help_point.bundles.import_bundle(help_point.staff, exported, unverified_ok=True)
    mobile.clock.advance(minutes=5)
    uid = mobile.records.list_today(mobile.staff)[0].uuid
    mobile.records.edit(mobile.staff, uid, {"outcome": "partial"}, reason="Sửa")
    out = tmp_path / "moi.hkb"
    mobile.bundles.export_bundle(mobile.staff, SINCE, out,
                                 to_key=help_point.bundles.keys().box_public_b64())
    help_point.bundles.import_bundle(help_point.staff, out,
                                     trust_key=mobile.bundles.keys().verify_key_b64())
    with help_point.store.read() as s:
        marks = {a.uuid: a.unverified for a in s.scalars(select(Assistance))}
    assert marks[uid] is False
    assert sorted(marks.values()) == [False, True]  # the other record is still only v1's
