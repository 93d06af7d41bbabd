"""Pairing, hub side: one-time codes from the CLI, POST /api/v1/pair, throttling, revocation."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from hub.cli import main as hub_cli
from hub.models import Device, PairingCode
from hub.pairing import ALPHABET, verify_key_for
from kiosk.sync.keys import DeviceKeys

CODE = re.compile(r"\b([2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4})\b")


def make_code(hub_app: Any, capsys: pytest.CaptureFixture[str], commune: str = "20194") -> str:
    s = hub_app.state.hub.settings
    assert hub_cli(["pair-code", "--commune", commune, "--data-dir", str(s.data_dir),
                    "--database-url", s.resolved_database_url()]) == 0
    out = capsys.readouterr().out
    found = CODE.search(out)
    assert found, out
    return found.group(1)


def pair_body(keys: DeviceKeys, code: str, device_id: str = "dev-1",
              commune: str = "20194") -> dict[str, Any]:
    return {"code": code, "device_id": device_id, "verify_key": keys.verify_key_b64(),
            "box_public": keys.box_public_b64(), "help_point_name": "Điểm hỗ trợ số Hòa Khánh",
            "commune_code": commune, "app_version": "0.1.0"}


@pytest.fixture
def kiosk_keys(tmp_path: Path) -> DeviceKeys:
    (tmp_path / "kiosk-a").mkdir()
    return DeviceKeys.load_or_create(tmp_path / "kiosk-a")


def test_code_is_shown_once_and_stored_only_hashed(hub_app: Any, hub_client: Any,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code = make_code(hub_app, capsys)
    assert all(ch in ALPHABET for ch in code.replace("-", ""))
    assert not set(code) & set("01OIL")
    with hub_app.state.hub.sessions() as s:
        row = s.scalars(select(PairingCode)).one()
    assert code.replace("-", "") not in row.code_hash and code not in row.code_hash
    assert row.expires_at - row.created_at == timedelta(hours=24)
    assert row.commune_code == "20194"


def test_pairing_stores_the_device_and_returns_the_hubs_keys(
        hub_app: Any, hub_client: Any, kiosk_keys: DeviceKeys,
        capsys: pytest.CaptureFixture[str]) -> None:
    code = make_code(hub_app, capsys)
    # Staff may type it in lower case and without the dash.
    r = hub_client.post("/api/v1/pair", json=pair_body(kiosk_keys, code.replace("-", "").lower()))
    assert r.status_code == 200, r.text
    hub = hub_app.state.hub
    assert r.json() == {"hub_id": hub.hub_id, "hub_name": hub.hub_name(),
                        "hub_box_public": hub.keys().box_public_b64(),
                        "hub_verify_key": hub.keys().verify_key_b64(), "commune_code": "20194",
                        "team_id": ""}  # the code names no team: the kiosk keeps its own
    with hub.sessions() as s:
        device = s.get(Device, "dev-1")
        assert device is not None
        assert device.verify_key == kiosk_keys.verify_key_b64()
        assert device.help_point_name == "Điểm hỗ trợ số Hòa Khánh"
        assert verify_key_for(s, "dev-1") == kiosk_keys.verify_key_b64()
    # One-time: the same code again is refused, even for the same device.
    again = hub_client.post("/api/v1/pair", json=pair_body(kiosk_keys, code))
    assert again.status_code == 403
    assert again.json()["error"] == "bad_code"
    assert "mã mới" in again.json()["message"]


def test_expired_code_is_refused(hub_app: Any, hub_client: Any, hub_clock: Any,
                                 kiosk_keys: DeviceKeys,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    hub_app.state.hub.clock = hub_clock
    code = make_code(hub_app, capsys)  # the CLI uses the real clock: move ours past it
    with hub_app.state.hub.sessions() as s:
        hub_clock.set(s.scalars(select(PairingCode.expires_at)).one() + timedelta(seconds=1))
    r = hub_client.post("/api/v1/pair", json=pair_body(kiosk_keys, code))
    assert (r.status_code, r.json()["error"]) == (403, "expired_code")
    with hub_app.state.hub.sessions() as s:
        assert s.get(Device, "dev-1") is None


def test_code_for_another_commune_is_refused(hub_app: Any, hub_client: Any,
                                             kiosk_keys: DeviceKeys,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code = make_code(hub_app, capsys, commune="20194")
    r = hub_client.post("/api/v1/pair", json=pair_body(kiosk_keys, code, commune="20200"))
    assert (r.status_code, r.json()["error"]) == (403, "wrong_commune")
    # The code was not used up by the refused attempt.
    ok = hub_client.post("/api/v1/pair", json=pair_body(kiosk_keys, code))
    assert ok.status_code == 200


def test_guessing_is_throttled_per_address(hub_app: Any, hub_client: Any, hub_clock: Any,
                                           kiosk_keys: DeviceKeys,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code = make_code(hub_app, capsys)
    limit = hub_app.state.hub.settings.pair_attempts_per_window
    for _ in range(limit):
        r = hub_client.post("/api/v1/pair", json=pair_body(kiosk_keys, "AAAA-AAAA"))
        assert r.json()["error"] == "bad_code"
    r = hub_client.post("/api/v1/pair", json=pair_body(kiosk_keys, code))
    assert r.status_code == 429
    assert r.json()["error"] == "too_many_attempts"
    assert "phút" in r.json()["message"]
    hub_clock.advance(seconds=hub_app.state.hub.settings.pair_window_seconds)
    assert hub_client.post("/api/v1/pair", json=pair_body(kiosk_keys, code)).status_code == 200


@pytest.mark.parametrize("bad", [
    {"code": 12345678},
    {"device_id": "../../etc/passwd"},
    {"verify_key": "not base64!"},
    {"box_public": "QUJD"},  # base64, but not 32 bytes
    {"help_point_name": "x" * 121},
    {"help_point_name": "=HYPERLINK(\"http://x\")\x07"},
    {"commune_code": ["20194"]},
    {"extra": "field"},
])
def test_malformed_pair_requests_are_refused_naming_the_field(
        hub_client: Any, kiosk_keys: DeviceKeys, bad: dict[str, Any]) -> None:
    body = pair_body(kiosk_keys, "ABCD-EFGH") | bad
    r = hub_client.post("/api/v1/pair", json=body)
    assert r.status_code == 400, r.text
    assert r.json()["error"] == "invalid_field"
    assert "“" in r.json()["message"]
    assert "passwd" not in r.text and "HYPERLINK" not in r.text  # never echoed


def test_not_json_at_all_is_refused(hub_client: Any) -> None:
    r = hub_client.post("/api/v1/pair", content=b"{not json",
                        headers={"content-type": "application/json"})
    assert (r.status_code, r.json()["error"]) == (400, "invalid_field")


def test_revoked_device_loses_its_key_and_can_pair_again_with_a_new_code(
        hub_app: Any, hub_client: Any, kiosk_keys: DeviceKeys,
        capsys: pytest.CaptureFixture[str]) -> None:
    s = hub_app.state.hub.settings
    args = ["--data-dir", str(s.data_dir), "--database-url", s.resolved_database_url()]
    first = hub_client.post("/api/v1/pair", json=pair_body(kiosk_keys, make_code(hub_app, capsys)))
    assert first.status_code == 200
    assert hub_cli(["revoke", "dev-1", *args]) == 0
    assert "Đã thu hồi" in capsys.readouterr().out
    with hub_app.state.hub.sessions() as session:
        assert verify_key_for(session, "dev-1") is None
    assert hub_cli(["devices", *args]) == 0
    assert "ĐÃ THU HỒI" in capsys.readouterr().out
    assert hub_cli(["revoke", "no-such-device", *args]) == 1
    capsys.readouterr()
    # Only an officer's fresh code brings it back.
    r = hub_client.post("/api/v1/pair", json=pair_body(kiosk_keys, make_code(hub_app, capsys)))
    assert r.status_code == 200
    with hub_app.state.hub.sessions() as session:
        assert verify_key_for(session, "dev-1") == kiosk_keys.verify_key_b64()


def test_pair_code_refuses_a_commune_that_is_not_a_code(hub_app: Any,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    s = hub_app.state.hub.settings
    assert hub_cli(["pair-code", "--commune", "Hòa Khánh", "--data-dir", str(s.data_dir),
                    "--database-url", s.resolved_database_url()]) == 1
    assert "mã số chính thức" in capsys.readouterr().err
