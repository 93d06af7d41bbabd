"""``GET /api/v1/packs/latest``: a paired kiosk gets the newest pack for its commune, signed
by the hub; unknown, revoked, forged and far-off-clock requests are refused."""

from __future__ import annotations

import base64
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from nacl.signing import VerifyKey

from hub import packs
from tests.hub.kiosks import SimKiosk, pair
from tests.hub_web.test_packs import good_pack

PATH = "/api/v1/packs/latest"


def signed_headers(kiosk: SimKiosk, when: str, path: str = PATH) -> dict[str, str]:
    signature = kiosk.keys.sign(f"GET\n{path}\n{when}".encode())
    return {"X-Device-Id": kiosk.device_id, "X-Device-Date": when,
            "X-Device-Signature": base64.b64encode(signature).decode()}


def stamp(hub_app: Any, delta: timedelta = timedelta(0)) -> str:
    return (hub_app.state.hub.clock.now() + delta).strftime("%Y-%m-%dT%H:%M:%SZ")


def publish(hub_app: Any, tmp_path: Path, communes: tuple[str, ...]) -> packs.PackInfo:
    hub = hub_app.state.hub
    checked = packs.check_pack(good_pack(tmp_path), tmp_path / "work")
    with hub.transaction() as s:
        return packs.publish_pack(s, hub.settings.data_dir, checked, sign=hub.keys().sign,
                                  communes=communes, by="admin", now=hub.clock.now())


def test_a_paired_kiosk_gets_the_signed_pack_once(hub_client: Any, hub_app: Any,
                                                  tmp_path: Path) -> None:
    kiosk = SimKiosk(tmp_path / "kiosk", commune_code="20194")
    pair(hub_client, hub_app, kiosk)
    assert hub_client.get(PATH, headers=signed_headers(kiosk, stamp(hub_app))).status_code == 204
    info = publish(hub_app, tmp_path, ("20194",))
    r = hub_client.get(PATH, headers=signed_headers(kiosk, stamp(hub_app)))
    assert r.status_code == 200
    assert r.headers["X-Pack-Version"] == info.version
    hub_key = hub_client.get("/api/v1/health").json()  # the hub answers; its key came at pairing
    assert hub_key["ok"]
    VerifyKey(base64.b64decode(hub_app.state.hub.keys().verify_key_b64())).verify(
        r.content, base64.b64decode(r.headers["X-Pack-Signature"]))
    again = hub_client.get(f"{PATH}?have={info.version}",
                           headers=signed_headers(kiosk, stamp(hub_app)))
    assert again.status_code == 204


def test_a_pack_for_another_commune_is_not_sent(hub_client: Any, hub_app: Any,
                                               tmp_path: Path) -> None:
    kiosk = SimKiosk(tmp_path / "kiosk", commune_code="20227")
    pair(hub_client, hub_app, kiosk)
    publish(hub_app, tmp_path, ("20194",))
    assert hub_client.get(PATH, headers=signed_headers(kiosk, stamp(hub_app))).status_code == 204


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)
def test_refusals(hub_client: Any, hub_app: Any, tmp_path: Path) -> None:
    kiosk = SimKiosk(tmp_path / "kiosk", commune_code="20194")
    stranger = SimKiosk(tmp_path / "stranger", commune_code="20194")
    pair(hub_client, hub_app, kiosk)
    publish(hub_app, tmp_path, ())

    def error(headers: dict[str, str]) -> str:
        r = hub_client.get(PATH, headers=headers)
        assert r.status_code == 403
        return str(r.json()["error"])

    assert error({}) == "unknown_device"
    assert error(signed_headers(stranger, stamp(hub_app))) == "unknown_device"
    forged = signed_headers(kiosk, stamp(hub_app))
    forged["X-Device-Signature"] = signed_headers(stranger, stamp(hub_app))[
        "X-Device-Signature"]
    assert error(forged) == "bad_signature"
    assert error(signed_headers(kiosk, stamp(hub_app), path="/other")) == "bad_signature"
    assert error(signed_headers(kiosk, stamp(hub_app, timedelta(days=2)))) == "clock_skew"
    from hub.pairing import revoke

    hub = hub_app.state.hub
    with hub.transaction() as s:
        revoke(s, kiosk.device_id, hub.clock.now())
    assert error(signed_headers(kiosk, stamp(hub_app))) == "revoked_device"
