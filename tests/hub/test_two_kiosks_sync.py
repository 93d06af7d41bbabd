"""The lead's "done when" for sync (#20): two kiosk data dirs paired to one hub (SQLite and a
real PostgreSQL); records logged on both appear on the hub after ``sync now``, once each.

The kiosks talk real HTTP to the real FastAPI hub, served by uvicorn on a free loopback port in
a thread, through the same client and outbox the GUI's timer and ``help-kiosk sync now`` use.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.models import Assistance
from kiosk.assistance import AssistanceDraft, AssistanceService
from kiosk.auth import AuthService, Role
from kiosk.clock import FakeClock
from kiosk.config import defaults
from kiosk.queue import QueueService
from kiosk.store import Store
from kiosk.sync import outbox
from kiosk.sync.client import SyncError
from tests.hub.conftest import HUB_NOW

COMMUNE = "20194"


@pytest.fixture
def hub_url(hub_app: Any) -> Iterator[str]:
    """The hub served over real HTTP on 127.0.0.1 (a free port), stopped afterwards."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(hub_app, host="127.0.0.1", port=0,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    started = threading.Event()
    for _ in range(500):
        if server.started:
            started.set()
            break
        started.wait(0.01)
    assert server.started, "uvicorn did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@dataclasses.dataclass
class Kiosk:
    data_dir: Path
    store: Store
    config: Any
    staff: Any
    volunteer: Any

    def log_help(self, minutes_ago: int) -> str:
        now = self.store.clock.now()
        service = QueueService(self.store).services()[0].code
        draft = AssistanceDraft(started_at=now - timedelta(minutes=minutes_ago + 20),
                                ended_at=now - timedelta(minutes=minutes_ago),
                                services=(service,), channel="help_point",
                                age_band="60-74", gender="nu")
        return AssistanceService(self.store).log(self.volunteer, draft).uuid


def make_kiosk(tmp_path: Path, name: str) -> Kiosk:
    data_dir = tmp_path / name
    data_dir.mkdir()
    config = defaults().replace(help_point_name=f"Điểm hỗ trợ số {name}", commune="Hòa Khánh",
                                commune_code=COMMUNE)
    store = Store.open(data_dir, clock=FakeClock(HUB_NOW), config=config)
    auth = AuthService(store)
    auth.add_member(None, "Cán bộ Lan", Role.STAFF, "2468")
    staff = auth.sign_in("2468")
    auth.add_member(staff, "Tình nguyện viên Hùng", Role.VOLUNTEER, "1357")
    return Kiosk(data_dir, store, config, staff, auth.sign_in("1357"))


@pytest.fixture
def kiosks(tmp_path: Path) -> Iterator[list[Kiosk]]:
    made = [make_kiosk(tmp_path, n) for n in ("Tà Lang", "Giàn Bí")]
    yield made
    for k in made:
        k.store.close()


def pair_code(hub_app: Any) -> str:
    from hub.pairing import create_code

    hub = hub_app.state.hub
    with hub.transaction() as s:
        return create_code(s, hub.settings.data_dir, COMMUNE, hub.clock.now()).code


def hub_records(hub_app: Any) -> dict[str, str]:
    """uuid -> device_id of every record the hub holds."""
    with hub_app.state.hub.sessions() as s:
        return {u: d for u, d in s.execute(select(Assistance.uuid, Assistance.device_id))}


def test_records_logged_on_two_paired_kiosks_appear_on_the_hub_after_sync(
        hub_app: Any, hub_url: str, kiosks: list[Kiosk]) -> None:
    made: dict[str, str] = {}
    for k in kiosks:
        outbox.pair(k.staff, k.store, k.config, k.data_dir, hub_url, pair_code(hub_app))
        for minutes in (90, 60, 30):
            made[k.log_help(minutes)] = k.store.device_id
    for k in kiosks:
        report = outbox.sync_now(k.store, k.config, k.data_dir)
        assert report.added == 3 and report.waiting == 0
    assert hub_records(hub_app) == made
    # A second run sends only the day's counts: nothing doubled, nothing waiting.
    for k in kiosks:
        again = outbox.sync_now(k.store, k.config, k.data_dir)
        assert (again.sent, again.added) == (0, 0)
        assert outbox.status(k.store).waiting == 0
    assert hub_records(hub_app) == made


def test_a_revoked_kiosk_is_told_why_and_keeps_its_records(
        hub_app: Any, hub_url: str, kiosks: list[Kiosk]) -> None:
    from hub.pairing import revoke

    k = kiosks[0]
    outbox.pair(k.staff, k.store, k.config, k.data_dir, hub_url, pair_code(hub_app))
    k.log_help(30)
    hub = hub_app.state.hub
    with hub.transaction() as s:
        assert revoke(s, k.store.device_id, hub.clock.now())
    with pytest.raises(SyncError) as refused:
        outbox.sync_now(k.store, k.config, k.data_dir)
    assert refused.value.code == "revoked_device"
    st = outbox.status(k.store)
    assert "thu hồi" in st.last_error_message and st.waiting_records == 1
    assert hub_records(hub_app) == {}


def test_a_pack_published_on_the_hub_reaches_a_paired_kiosk_and_a_tampered_one_does_not(
        hub_app: Any, hub_url: str, kiosks: list[Kiosk], tmp_path: Path) -> None:
    """#21 item 6 end to end: hub validates, signs and publishes; the kiosk fetches it on
    sync, checks the hub's signature, validates again and switches; a pack whose bytes were
    changed after signing is refused and the kiosk keeps the one it has."""
    from hub.packs import ContentPack, check_pack, publish_pack
    from kiosk.content.packs import current_pack, load_content
    from kiosk.paths import resource_path
    from tests.unit.test_content_packs import FIXED_TITLE, pack_zip

    k = kiosks[0]
    outbox.pair(k.staff, k.store, k.config, k.data_dir, hub_url, pair_code(hub_app))
    hub = hub_app.state.hub

    def publish(data: bytes) -> str:
        checked = check_pack(data, tmp_path / "hub-work")
        with hub.transaction() as s:
            info = publish_pack(s, hub.settings.data_dir, checked, sign=hub.keys().sign,
                                communes=(COMMUNE,), by="admin", now=hub.clock.now())
        return info.version

    first = publish(pack_zip())
    report = outbox.sync_now(k.store, k.config, k.data_dir)
    assert report.pack_version == first
    assert outbox.status(k.store).content_version == first
    shown = load_content(k.data_dir, [resource_path("tutorials")]).by_id("dvc-login")
    assert shown is not None and shown.title.get("vi") == FIXED_TITLE

    hub.clock.advance(minutes=5)
    second = publish(pack_zip(title="Bản thứ hai"))
    stored = hub.settings.data_dir / "packs" / f"{second}.zip"
    data = bytearray(stored.read_bytes())
    data[200] ^= 1  # changed on the hub's disk and in its table after it was signed, by
    stored.write_bytes(bytes(data))  # someone without the hub's key: only the kiosk can tell
    with hub.transaction() as s:
        row = s.scalar(select(ContentPack).where(ContentPack.version == second))
        row.sha256 = hashlib.sha256(bytes(data)).hexdigest()
    report = outbox.sync_now(k.store, k.config, k.data_dir)
    assert report.pack_version == "" and "Chữ ký" in report.pack_problem
    assert current_pack(k.data_dir)[0] == first
    assert outbox.status(k.store).content_version == first


def test_a_code_for_the_same_team_puts_a_second_computer_in_that_team(
        hub_app: Any, hub_url: str, kiosks: list[Kiosk]) -> None:
    """The mobile team's laptop paired with a code made "for the same team as" the help
    point: its rows carry the help point's team on the hub, so one allowance cap, not two."""
    from hub.errors import HubRefused
    from hub.models import Device
    from hub.pairing import create_code

    point, laptop = kiosks
    hub = hub_app.state.hub
    outbox.pair(point.staff, point.store, point.config, point.data_dir, hub_url,
                pair_code(hub_app))
    with hub.transaction() as s, pytest.raises(HubRefused) as early:
        create_code(s, hub.settings.data_dir, COMMUNE, hub.clock.now(),
                    same_team_as=point.store.device_id)
    assert early.value.code == "team_not_known_yet"  # the hub learns a team from a sync
    point.log_help(30)
    outbox.sync_now(point.store, point.config, point.data_dir)
    laptop_before = laptop.log_help(45)  # made before pairing: moves with the laptop
    assert laptop.store.team_id != point.store.team_id
    with hub.transaction() as s:
        new = create_code(s, hub.settings.data_dir, COMMUNE, hub.clock.now(),
                          same_team_as=point.store.device_id)
    assert new.team_of == "Điểm hỗ trợ số Tà Lang"
    outbox.pair(laptop.staff, laptop.store, laptop.config, laptop.data_dir, hub_url, new.code)
    assert laptop.store.team_id == point.store.team_id
    laptop.log_help(10)
    assert outbox.sync_now(laptop.store, laptop.config, laptop.data_dir).added == 2
    with hub.sessions() as s:
        teams = set(s.scalars(select(Assistance.team_id)))
        on_hub = s.scalar(select(Assistance.team_id).where(Assistance.uuid == laptop_before))
        device_team = s.get(Device, laptop.store.device_id).team_id
    assert teams == {point.store.team_id} and on_hub == device_team == point.store.team_id


def _poison(k: Kiosk, uuid: str, note: str) -> None:
    """Write a note as a kiosk from before the control-character rule could (pasted text)."""
    from sqlalchemy import update

    with k.store.write() as s:
        s.execute(update(Assistance).where(Assistance.uuid == uuid).values(note=note))


def test_a_record_with_a_nul_is_named_by_time_and_service_then_cleaned_and_sent(
        hub_app: Any, hub_url: str, kiosks: list[Kiosk]) -> None:
    """A kiosk database that already holds a NUL: before, every batch came back refused as
    "bản ghi số N" (no one can find that record) for ever. Now the kiosk names the record by
    its local time and service, sends nothing, and after ``clean_text`` the batch lands with
    every visible character kept."""
    from kiosk.clock import to_local

    k = kiosks[0]
    outbox.pair(k.staff, k.store, k.config, k.data_dir, hub_url, pair_code(hub_app))
    good = k.log_help(90)
    bad = k.log_help(30)
    _poison(k, bad, "Đã cài VNeID\x00 cho bà\nHoa")
    with k.store.read() as s:
        started = to_local(s.get(Assistance, bad).started_at)
    with pytest.raises(SyncError) as refused:
        outbox.sync_now(k.store, k.config, k.data_dir)
    message = str(refused.value)
    assert f"lúc {started:%H:%M} ngày {started:%d/%m/%Y}" in message
    service = QueueService(k.store).services()[0].name_vi
    assert f"ngày {started:%d/%m/%Y} ({service[:40]}" in message
    assert "“Ghi chú”" in message and "help-kiosk sync clean-text" in message
    assert "Hoa" not in message and "bản ghi số" not in message
    assert refused.value.en.startswith(f"The help record of {started:%H:%M}")
    st = outbox.status(k.store)
    assert (st.last_error_code, st.last_error_message) == ("control_text", message)
    assert st.last_error_message_en == refused.value.en
    assert hub_records(hub_app) == {}  # nothing sent, nothing half-stored

    cleaned = outbox.clean_text(k.staff, k.store)
    assert len(cleaned) == 1 and cleaned[0].startswith(f"Bản ghi hỗ trợ lúc {started:%H:%M}")
    report = outbox.sync_now(k.store, k.config, k.data_dir)
    assert report.added == 2 and report.waiting == 0
    assert set(hub_records(hub_app)) == {good, bad}
    with hub_app.state.hub.sessions() as s:
        assert s.get(Assistance, bad).note == "Đã cài VNeID cho bà Hoa"
    assert outbox.status(k.store).last_error_code == ""
