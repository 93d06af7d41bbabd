"""Batches: build on one data dir, open on another; every refusal code; tampering; replay.

The sender is a real kiosk data dir (records logged through AssistanceService); the receiver
is a second data dir standing in for the hub (its own DeviceKeys, a verify-key lookup).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nacl.public import PublicKey, SealedBox
from sqlalchemy import func, select

from db.models import Assistance, Service
from kiosk.assistance import AssistanceDraft, AssistanceService
from kiosk.auth import Actor, AuthService, Role
from kiosk.clock import FakeClock
from kiosk.privacy import CONTACT_PURPOSE_VI
from kiosk.store import Store
from kiosk.sync import batch as batch_mod
from kiosk.sync.batch import (
    MAGIC,
    BatchRefused,
    OpenedBatch,
    build_batch,
    collect_payload,
    open_batch,
    refuse_revoked,
)
from kiosk.sync.keys import BOX_FILE, SIGNING_FILE, DeviceKeys
from kiosk.sync.merge import merge_payload, validate_payload

NOW = datetime(2026, 3, 10, 3, 0, 0)
NAME = "Lê Văn Tư"
PHONE = "0905111222"
NOTE = "Kích hoạt VNeID tại nhà cho bà"


@dataclasses.dataclass(frozen=True)
class StubIdentity:
    """Until kiosk/identity.py lands: the HUB-SPEC fields batch.py reads."""

    help_point_id: str = "22222222-2222-4222-8222-222222222222"
    help_point_name: str = "Điểm hỗ trợ số thôn Phú Sơn"
    team_id: str = "33333333-3333-4333-8333-333333333333"
    team_name: str = "Tổ CNSCĐ xã Hòa Vang"
    commune_code: str = "20308"
    commune_name: str = "xã Hòa Vang"


@dataclasses.dataclass
class Kiosk:
    store: Store
    keys: DeviceKeys
    staff: Actor
    volunteer: Actor


def add_services(store: Store) -> None:
    with store.write() as s:
        s.add(Service(code="vneid", prefix="A", name_vi="Tài khoản định danh VNeID"))


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    d = tmp_path / "kiosk"
    d.mkdir()
    store = Store.open(d, clock=FakeClock(NOW))
    auth = AuthService(store)
    auth.add_member(None, "Tổ trưởng Phú", Role.STAFF, "5555")
    staff = auth.sign_in("5555")
    auth.add_member(staff, "Đoàn viên Nam", Role.VOLUNTEER, "7777")
    volunteer = auth.sign_in("7777")
    add_services(store)
    records = AssistanceService(store)
    base = AssistanceDraft(started_at=NOW - timedelta(minutes=40),
                           ended_at=NOW - timedelta(minutes=5), services=("vneid",),
                           channel="home_visit", age_band="75+", gender="nam",
                           commune="xã Hòa Vang", village="thôn Phú Sơn", note=NOTE)
    records.log(volunteer, dataclasses.replace(
        base, contact_name=NAME, contact_phone=PHONE, contact_consent=True,
        contact_consent_purpose=CONTACT_PURPOSE_VI))
    records.log(volunteer, base)
    yield Kiosk(store, DeviceKeys.load_or_create(d, device_id=store.device_id), staff, volunteer)
    store.close()


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[tuple[Store, DeviceKeys]]:
    d = tmp_path / "hub"
    d.mkdir()
    store = Store.open(d, clock=FakeClock(NOW))
    add_services(store)
    yield store, DeviceKeys.load_or_create(d, device_id="hub")
    store.close()


def make(kiosk: Kiosk, hub_keys: DeviceKeys, *, contacts: bool = True, seq: int = 1,
         created: datetime = NOW, since: datetime | None = None) -> bytes:
    with kiosk.store.read() as s:
        payload = collect_payload(s, StubIdentity(), since, contacts)
    return build_batch(payload, StubIdentity(), kiosk.keys, seq, hub_keys.box_public_b64(),
                       contacts, created=created)


def lookup(kiosk: Kiosk) -> Callable[[str], str | None]:
    return {kiosk.keys.device_id: kiosk.keys.verify_key_b64()}.get


def open_(blob: bytes, kiosk: Kiosk, hub_keys: DeviceKeys, now: datetime = NOW,
          **kw: Any) -> OpenedBatch:
    return open_batch(blob, hub_keys, lookup(kiosk), now, **kw)


def ingest(store: Store, opened: OpenedBatch) -> tuple[int, int, int]:
    with store.write() as s:
        valid = validate_payload(s, opened.payload, NOW)
        m = merge_payload(s, valid, unverified=False, now=NOW)
    return m.added, m.updated, m.skipped


def refused(code: str, fn: Callable[[], object]) -> BatchRefused:
    with pytest.raises(BatchRefused) as err:
        fn()
    assert err.value.code == code, str(err.value)
    assert "Không có gì được ghi" in str(err.value)
    assert "Nothing was written" in err.value.message("en")  # the staff screen in English
    return err.value


def craft(kiosk: Kiosk, hub_keys: DeviceKeys, blob: bytes, *,
          manifest: Callable[[dict[str, Any]], None] | None = None,
          payload: Callable[[dict[str, Any]], None] | None = None,
          members: Callable[[dict[str, bytes]], None] | None = None,
          sign: DeviceKeys | None = None, resign: bool = True) -> bytes:
    """Open a good batch with the hub's key, change it, re-sign (by default) and re-seal."""
    with zipfile.ZipFile(io.BytesIO(hub_keys.unseal(blob[len(MAGIC):]))) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    if payload is not None:
        p = json.loads(parts["payload.json"])
        payload(p)
        parts["payload.json"] = json.dumps(p).encode()
    if manifest is not None:
        m = json.loads(parts["manifest.json"])
        manifest(m)
        parts["manifest.json"] = json.dumps(m).encode()
    if resign:
        parts["signature"] = (sign or kiosk.keys).sign(parts["manifest.json"])
    if members is not None:
        members(parts)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, data in parts.items():
            zf.writestr(n, data)
    box = PublicKey(base64.b64decode(hub_keys.box_public_b64()))
    return MAGIC + SealedBox(box).encrypt(buf.getvalue())


# -- round trip ------------------------------------------------------------------------------


def test_round_trip_replay_and_reorder(kiosk: Kiosk, hub: tuple[Store, DeviceKeys]) -> None:
    store, hub_keys = hub
    first = make(kiosk, hub_keys, seq=1)
    opened = open_(first, kiosk, hub_keys)
    assert opened.device_id == kiosk.store.device_id
    m = opened.manifest
    assert (m["format"], m["version"], m["seq"], m["contacts"]) == ("help-kiosk-batch", 2, 1,
                                                                     True)
    assert (m["commune_code"], m["team_id"]) == ("20308", StubIdentity.team_id)
    assert m["counts"]["records"] == 2
    assert ingest(store, opened) == (2, 0, 0)
    assert ingest(store, open_(first, kiosk, hub_keys)) == (0, 0, 2)  # replay: nothing new

    # A later edit travels in batch 2; batch 1 arriving after it changes nothing.
    kiosk.store.clock.advance(minutes=10)  # type: ignore[attr-defined]
    svc = AssistanceService(kiosk.store)
    uuid = svc.list_today(kiosk.staff)[0].uuid
    svc.edit(kiosk.volunteer, uuid, {"outcome": "partial"})
    second = make(kiosk, hub_keys, seq=2, created=NOW + timedelta(minutes=10))
    assert ingest(store, open_(second, kiosk, hub_keys)) == (0, 1, 1)
    assert ingest(store, open_(first, kiosk, hub_keys)) == (0, 0, 2)
    with store.read() as s:
        assert s.scalar(select(Assistance.outcome).where(Assistance.uuid == uuid)) == "partial"
        assert s.scalar(select(func.count()).select_from(Assistance)) == 2


def test_daily_counts_and_status_travel(kiosk: Kiosk, hub: tuple[Store, DeviceKeys]) -> None:
    from kiosk.queue import QueueService

    QueueService(kiosk.store).issue("vneid")
    store, hub_keys = hub
    opened = open_(make(kiosk, hub_keys), kiosk, hub_keys)
    assert opened.payload["daily_counts"][0]["tickets_issued"] == 1
    assert opened.payload["daily_counts"][0]["day"] == "2026-03-10"
    with store.read() as s:
        valid = validate_payload(s, opened.payload, NOW)
    assert valid.daily_counts[0]["tickets_issued"] == 1
    assert valid.status["app_version"]


def test_hub_variant_carries_no_contacts(kiosk: Kiosk, hub: tuple[Store, DeviceKeys]) -> None:
    store, hub_keys = hub
    blob = make(kiosk, hub_keys, contacts=False)
    opened = open_(blob, kiosk, hub_keys)
    text = json.dumps(opened.payload, ensure_ascii=False)
    assert NAME not in text
    assert PHONE not in text
    assert CONTACT_PURPOSE_VI not in text
    assert opened.manifest["contacts"] is False
    assert ingest(store, opened) == (2, 0, 0)


def test_a_batch_claiming_no_contacts_but_carrying_them_is_refused(
        kiosk: Kiosk, hub: tuple[Store, DeviceKeys]) -> None:
    _, hub_keys = hub
    blob = make(kiosk, hub_keys)  # with contacts
    bad = craft(kiosk, hub_keys, blob, manifest=lambda m: m.update(contacts=False))
    refused("invalid_field", lambda: open_(bad, kiosk, hub_keys))


# -- every refusal code ----------------------------------------------------------------------


def test_too_big_is_refused_before_decrypting(kiosk: Kiosk, hub: tuple[Store, DeviceKeys],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _, hub_keys = hub
    calls: list[bytes] = []
    monkeypatch.setattr(DeviceKeys, "unseal", lambda self, b: calls.append(b) or b"")
    refused("too_big", lambda: open_(MAGIC + b"\0" * batch_mod.MAX_BATCH_BYTES, kiosk,
                                     hub_keys))
    assert calls == []


def test_not_sealed_and_undecryptable(kiosk: Kiosk, hub: tuple[Store, DeviceKeys],
                                      tmp_path: Path) -> None:
    _, hub_keys = hub
    refused("not_sealed", lambda: open_(b"PK\x03\x04 a v1 zip", kiosk, hub_keys))
    refused("not_sealed", lambda: open_(b"", kiosk, hub_keys))
    (tmp_path / "other").mkdir()
    other = DeviceKeys.load_or_create(tmp_path / "other")
    for_other = build_batch(collect_payload_of(kiosk), StubIdentity(), kiosk.keys, 1,
                            other.box_public_b64(), True, created=NOW)
    refused("undecryptable", lambda: open_(for_other, kiosk, hub_keys))
    refused("undecryptable", lambda: open_(MAGIC + b"short", kiosk, hub_keys))


def collect_payload_of(kiosk: Kiosk) -> dict[str, Any]:
    with kiosk.store.read() as s:
        return collect_payload(s, StubIdentity(), None, True)


def test_bad_zip(kiosk: Kiosk, hub: tuple[Store, DeviceKeys]) -> None:
    _, hub_keys = hub
    box = PublicKey(base64.b64decode(hub_keys.box_public_b64()))
    refused("bad_zip", lambda: open_(MAGIC + SealedBox(box).encrypt(b"not a zip"), kiosk,
                                     hub_keys))
    blob = make(kiosk, hub_keys)
    for change in (lambda p: p.update({"../evil": b"x"}), lambda p: p.pop("signature"),
                   lambda p: p.update(signature=b"x" * 65)):
        bad = craft(kiosk, hub_keys, blob, members=change)
        refused("bad_zip", lambda bad=bad: open_(bad, kiosk, hub_keys))


@pytest.mark.parametrize(("change", "code"), [
    (lambda m: m.update(version=3), "unknown_version"),
    (lambda m: m.update(version="2"), "unknown_version"),
    (lambda m: m.update(format="help-kiosk-bundle"), "unknown_version"),
    (lambda m: m.update(seq=-1), "invalid_field"),
    (lambda m: m.update(seq=True), "invalid_field"),
    (lambda m: m.update(commune_code="=1+2"), "invalid_field"),
    (lambda m: m.update(team_id="'; DROP TABLE x; --"), "invalid_field"),
    (lambda m: m.update(created="9999-12-31T00:00:00Z"), "clock_skew"),
    (lambda m: m.update(created="not a date"), "invalid_field"),
    (lambda m: m.update(extra=1), "invalid_field"),
])
def test_manifest_problems(kiosk: Kiosk, hub: tuple[Store, DeviceKeys], change: Any,
                           code: str) -> None:
    _, hub_keys = hub
    bad = craft(kiosk, hub_keys, make(kiosk, hub_keys), manifest=change)
    refused(code, lambda: open_(bad, kiosk, hub_keys))


def test_unknown_and_revoked_device(kiosk: Kiosk, hub: tuple[Store, DeviceKeys]) -> None:
    _, hub_keys = hub
    blob = make(kiosk, hub_keys)
    refused("unknown_device", lambda: open_batch(blob, hub_keys, lambda d: None, NOW))

    def revoked(device_id: str) -> str | None:
        raise refuse_revoked()

    err = refused("revoked_device", lambda: open_batch(blob, hub_keys, revoked, NOW))
    assert "thu hồi" in str(err)


def test_bad_signature(kiosk: Kiosk, hub: tuple[Store, DeviceKeys], tmp_path: Path) -> None:
    _, hub_keys = hub
    d = tmp_path / "forger"
    d.mkdir()
    forger = DeviceKeys.load_or_create(d, device_id=kiosk.keys.device_id)
    blob = make(kiosk, hub_keys)
    # A forger with its own key claims to be the paired kiosk.
    forged = craft(kiosk, hub_keys, blob, manifest=lambda m: m.update(seq=99), sign=forger)
    refused("bad_signature", lambda: open_(forged, kiosk, hub_keys))
    # The manifest changed after signing (more records claimed for the allowance).
    edited = craft(kiosk, hub_keys, blob, manifest=lambda m: m.update(seq=99), resign=False)
    refused("bad_signature", lambda: open_(edited, kiosk, hub_keys))


def test_tampered_payload(kiosk: Kiosk, hub: tuple[Store, DeviceKeys]) -> None:
    store, hub_keys = hub
    blob = make(kiosk, hub_keys)
    bad = craft(kiosk, hub_keys, blob,
                payload=lambda p: p["records"].append(dict(p["records"][0], uuid="x")))
    refused("tampered", lambda: open_(bad, kiosk, hub_keys))
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Assistance)) == 0


def test_wrong_commune(kiosk: Kiosk, hub: tuple[Store, DeviceKeys]) -> None:
    _, hub_keys = hub
    blob = make(kiosk, hub_keys)
    refused("wrong_commune", lambda: open_(blob, kiosk, hub_keys,
                                           expected_commune_for=lambda d: "20314"))
    assert open_(blob, kiosk, hub_keys, expected_commune_for=lambda d: "20308")
    assert open_(blob, kiosk, hub_keys, expected_commune_for=lambda d: None)


@pytest.mark.parametrize("skew", [timedelta(days=1), -timedelta(days=1),
                                  timedelta(hours=23, minutes=59), -timedelta(hours=5)])
def test_clock_skew_of_a_day_is_accepted(kiosk: Kiosk, hub: tuple[Store, DeviceKeys],
                                         skew: timedelta) -> None:
    _, hub_keys = hub
    assert open_(make(kiosk, hub_keys), kiosk, hub_keys, now=NOW + skew)


@pytest.mark.parametrize("skew", [timedelta(days=1, seconds=1), -timedelta(days=1, seconds=1),
                                  timedelta(days=30)])
def test_clock_skew_beyond_a_day_is_refused(kiosk: Kiosk, hub: tuple[Store, DeviceKeys],
                                            skew: timedelta) -> None:
    _, hub_keys = hub
    blob = make(kiosk, hub_keys)
    refused("clock_skew", lambda: open_(blob, kiosk, hub_keys, now=NOW + skew))


def test_invalid_field_in_payload_is_refused_by_the_validator(
        kiosk: Kiosk, hub: tuple[Store, DeviceKeys]) -> None:
    store, hub_keys = hub
    bad = craft(kiosk, hub_keys, make(kiosk, hub_keys), payload=lambda p: (
        p["records"][0].update(satisfaction=10**6)))

    # Re-sign with a matching digest, as a buggy (not malicious) sender would.
    def fix_digest(parts: dict[str, bytes]) -> None:
        man = json.loads(parts["manifest.json"])
        man["payload_sha256"] = hashlib.sha256(parts["payload.json"]).hexdigest()
        parts["manifest.json"] = json.dumps(man).encode()
        parts["signature"] = kiosk.keys.sign(parts["manifest.json"])
    fixed = craft(kiosk, hub_keys, bad, resign=False, members=fix_digest)
    opened = open_(fixed, kiosk, hub_keys)
    with store.write() as s:
        refused("invalid_field", lambda: validate_payload(s, opened.payload, NOW))


# -- what a lost stick or a copied batch shows -----------------------------------------------


def test_sealed_bytes_hold_no_personal_data_nor_private_keys(
        kiosk: Kiosk, hub: tuple[Store, DeviceKeys], tmp_path: Path) -> None:
    _, hub_keys = hub
    blob = make(kiosk, hub_keys)
    for secret in (NAME, PHONE, "0905 111 222", NOTE, "Đoàn viên Nam", "vneid"):
        for enc in ("utf-8", "utf-16-le", "utf-16-be"):
            assert secret.encode(enc) not in blob
        assert json.dumps(secret).encode() not in blob  # \\u escapes
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(blob))
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(blob[len(MAGIC):]))
    # The private keys of both ends are in neither the sealed nor the opened bytes.
    opened_zip = hub_keys.unseal(blob[len(MAGIC):])
    for folder in (tmp_path / "kiosk", tmp_path / "hub"):
        for name in (SIGNING_FILE, BOX_FILE):
            text = (folder / name).read_text(encoding="ascii").strip()
            for data in (blob, opened_zip):
                assert base64.b64decode(text) not in data
                assert text.encode() not in data


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_changed_byte_is_refused(kiosk: Kiosk, hub: tuple[Store, DeviceKeys],
                                     data: st.DataObject) -> None:
    _, hub_keys = hub
    blob = bytearray(make_cached(kiosk, hub_keys))
    offset = data.draw(st.integers(0, len(blob) - 1))
    flip = data.draw(st.integers(1, 255))
    blob[offset] ^= flip
    with pytest.raises(BatchRefused) as err:
        open_(bytes(blob), kiosk, hub_keys)
    assert err.value.code in ("not_sealed", "undecryptable")


_CACHE: dict[str, bytes] = {}


def make_cached(kiosk: Kiosk, hub_keys: DeviceKeys) -> bytes:
    key = kiosk.keys.verify_key_b64() + hub_keys.box_public_b64()
    if key not in _CACHE:
        _CACHE[key] = make(kiosk, hub_keys)
    return _CACHE[key]


def test_formula_and_sql_strings_survive_a_round_trip_as_data(
        kiosk: Kiosk, hub: tuple[Store, DeviceKeys]) -> None:
    hostile = ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(1)", "'; DROP TABLE assistance;--",
               "\t=1", "Robert'); DELETE FROM volunteer;--"]
    store, hub_keys = hub
    svc = AssistanceService(kiosk.store)
    for text in hostile:
        svc.log(kiosk.volunteer, AssistanceDraft(
            started_at=NOW - timedelta(minutes=9), ended_at=NOW - timedelta(minutes=1),
            services=("vneid",), commune=text, village=text, note=text,
            contact_name=text, contact_phone=PHONE, contact_consent=True,
            contact_consent_purpose=text))
    ingest(store, open_(make(kiosk, hub_keys), kiosk, hub_keys))

    def texts(st: Store) -> set[tuple[str | None, ...]]:
        with st.read() as s:
            return {(a.commune, a.village, a.note, a.contact_name, a.contact_consent_purpose)
                    for a in s.scalars(select(Assistance).where(Assistance.note != NOTE))}

    sent = texts(kiosk.store)
    assert len(sent) == len(hostile)
    assert ("'; DROP TABLE assistance;--",) * 5 in sent  # stored as typed, byte for byte
    assert texts(store) == sent


def test_printed_tickets_are_not_counted_as_sheets(kiosk: Kiosk) -> None:
    """The USB bundle and the hub outbox count a day the same way as the kiosk's dashboard:
    "sheets printed" is how-to sheets only (a printed queue ticket is not a sheet); the bundle's
    counter once added tickets in, so the hub showed more sheets than the kiosk."""
    from kiosk.printing_quota import TICKET, printed_counts_in, record_print
    from kiosk.sync.batch import daily_counts
    from kiosk.sync.outbox import daily_counts as outbox_daily_counts

    record_print(kiosk.store, tutorial_id="vneid-activate", sheets=3)
    record_print(kiosk.store, tutorial_id=None, sheets=1, kind=TICKET)
    day = NOW.date()
    with kiosk.store.read() as s:
        dashboard = sum(printed_counts_in(s, day, day).values())
        in_bundle = [c for c in collect_payload(s, StubIdentity(), None, True)["daily_counts"]
                     if c["day"] == day.isoformat()]
        in_outbox = [c for c in outbox_daily_counts(s, day, day) if c["day"] == day.isoformat()]
        one_rule = daily_counts(s, day, day)
    assert dashboard == 3
    assert in_bundle[0]["sheets_printed"] == 3
    assert in_outbox == in_bundle == one_rule
