"""A NUL or another control character in any text of a batch is refused whole, by name.

PostgreSQL cannot store a NUL at all: before the one rule (kiosk.plain_text) reached the
validator, such a batch failed inside the database (a 500 and a psycopg DataError), on
SQLite it was stored. Both databases now give the same plain refusal naming the field, and
nothing is written.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db.models import Assistance, Volunteer
from hub.models import Device, IngestLog
from kiosk.clock import to_local
from tests.hub.conftest import HUB_NOW
from tests.hub.kiosks import SimIdentity, SimKiosk

OCTET = {"content-type": "application/octet-stream"}


def _count(hub_app: Any, model: Any) -> int:
    with hub_app.state.hub.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _refused(hub_app: Any, hub_client: Any, blob: bytes, field: str, where: str) -> None:
    r = hub_client.post("/api/v1/batches", content=blob, headers=OCTET)
    assert (r.status_code, r.json()["error"]) == (400, "invalid_field"), r.text
    message = r.json()["message"]
    assert "ký tự điều khiển" in message
    assert f"“{field}”" in message
    assert where in message
    assert "Không có gì được ghi" in message
    assert _count(hub_app, Assistance) == 0
    with hub_app.state.hub.sessions() as s:
        assert list(s.scalars(select(IngestLog.result))) == ["invalid_field"]


@pytest.mark.parametrize(("field", "value"), [
    ("note", "Đã cài VNeID\x00"), ("village", "Tổ\x0712"), ("commune", "Hòa\x1bKhánh"),
    ("outcome", "done\x00"), ("age_band", "60-74\x00"),
])
def test_a_control_character_in_a_record_is_refused_by_name(
        hub_app: Any, hub_client: Any, kiosk: SimKiosk, field: str, value: str) -> None:
    rec = kiosk.record(HUB_NOW - timedelta(hours=1), **{field: value})
    good = kiosk.record(HUB_NOW - timedelta(hours=2))
    blob = kiosk.batch(kiosk.payload([good, rec]), created=HUB_NOW)
    _refused(hub_app, hub_client, blob, field, "bản ghi số 2")
    # Named as staff can find it (an older kiosk shows the hub's words as they are).
    started = to_local(HUB_NOW - timedelta(hours=1))
    r = hub_client.post("/api/v1/batches", content=blob, headers=OCTET)
    assert (f"bản ghi số 2 (lúc {started:%H:%M} ngày {started:%d/%m/%Y}), mục “{field}”"
            in r.json()["message"]), r.json()["message"]


def test_a_nul_in_a_volunteer_name_or_the_status_is_refused(
        hub_app: Any, hub_client: Any, kiosk: SimKiosk) -> None:
    payload = kiosk.payload([kiosk.record(HUB_NOW - timedelta(hours=1))])
    payload["volunteers"][0]["display_name"] = "Hoa\x00"
    _refused(hub_app, hub_client, kiosk.batch(payload, created=HUB_NOW), "display_name",
             "người hỗ trợ số 1")
    assert _count(hub_app, Volunteer) == 0
    payload = kiosk.payload([kiosk.record(HUB_NOW - timedelta(hours=1))])
    payload["status"]["app_version"] = "1.0\x00"
    r = hub_client.post("/api/v1/batches", content=kiosk.batch(payload, created=HUB_NOW),
                        headers=OCTET)
    assert r.json()["error"] == "invalid_field"
    assert "ký tự điều khiển" in r.json()["message"] and "“app_version”" in r.json()["message"]


def test_a_nul_in_the_help_point_name_of_the_manifest_is_refused(
        hub_app: Any, hub_client: Any, kiosk: SimKiosk) -> None:
    ident = kiosk.identity
    kiosk.identity = SimIdentity(ident.help_point_id, "Điểm\x00 Hòa Khánh", ident.team_id,
                                 ident.commune_code)
    blob = kiosk.batch(kiosk.payload([kiosk.record(HUB_NOW - timedelta(hours=1))]),
                       created=HUB_NOW)
    _refused(hub_app, hub_client, blob, "help_point_name", "Phần mô tả")
    with hub_app.state.hub.sessions() as s:
        device = s.get(Device, kiosk.device_id)
        assert device is not None and "\x00" not in device.help_point_name


def test_pairing_refuses_control_characters_without_a_database_error(
        tmp_path: Path, hub_app: Any, hub_client: Any) -> None:
    from hub.pairing import create_code

    hub = hub_app.state.hub
    k = SimKiosk(tmp_path / "kiosk-b")
    with hub.transaction() as s:
        code = create_code(s, hub.settings.data_dir, k.commune_code, hub.clock.now()).code
    for over in ({"app_version": "0.1\x00"}, {"help_point_name": "Điểm\x7f"},
                 {"commune_code": "2019\x00"}):
        r = hub_client.post("/api/v1/pair", json={**k.pair_body(code), **over})
        assert r.status_code in (400, 422), (over, r.text)
    assert _count(hub_app, Device) == 0
