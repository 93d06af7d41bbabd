"""Simulated kiosks for hub tests: real keys, real signed and sealed batches, valid records.

Shared by tests/hub, tests/hub_web and benchmarks/hub_load.py. No Qt, no kiosk database: a
kiosk here is its key pair, an identity and a sequence number.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from db.models import ActivityDay, Assistance
from kiosk.sync.batch import build_batch
from kiosk.sync.keys import DeviceKeys
from kiosk.sync.merge import dt_out

_ASSISTANCE_COLUMNS = frozenset(Assistance.__table__.columns.keys())
_DAY_COLUMNS = frozenset(ActivityDay.__table__.columns.keys())


@dataclass(frozen=True)
class SimIdentity:
    help_point_id: str
    help_point_name: str
    team_id: str
    commune_code: str


def record(device_id: str, volunteer: str, started: datetime, ident: SimIdentity | None = None,
           **over: Any) -> dict[str, Any]:
    """A valid payload record (every key validate_payload wants), with ``over`` applied."""
    r: dict[str, Any] = {
        "uuid": str(uuid.uuid4()), "device_id": device_id, "created_at": dt_out(started),
        "updated_at": dt_out(started + timedelta(minutes=15)), "started_at": dt_out(started),
        "ended_at": dt_out(started + timedelta(minutes=12)), "volunteer_uuids": [volunteer],
        "services": ["vneid"], "tutorial_id": None, "ticket_uuid": None, "outcome": "done",
        "channel": "help_point", "commune": "Hòa Khánh", "village": "Tổ 12",
        "age_band": "60-74", "gender": "nu", "ethnic_group": None, "ethnic_consent_at": None,
        "first_visit": True, "satisfaction": 5, "note": "", "contact_name": None,
        "contact_phone": None, "contact_consent_at": None, "contact_consent_purpose": None,
        "deleted_at": None,
    }
    if ident is not None:
        for key in ("help_point_id", "team_id", "commune_code"):
            if key in _ASSISTANCE_COLUMNS:
                r[key] = getattr(ident, key)
    r.update(over)
    return r


@dataclass
class SimKiosk:
    """One help point's device: pair it with :meth:`pair_body`, then send :meth:`batch`es."""

    data_dir: Path
    commune_code: str = "20194"
    name: str = "Điểm hỗ trợ số Hòa Khánh"
    device_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    volunteer: str = field(default_factory=lambda: str(uuid.uuid4()))
    seq: int = 0
    hub_box_public: str = ""

    def __post_init__(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.keys = DeviceKeys.load_or_create(self.data_dir, self.device_id)
        self.identity = SimIdentity(str(uuid.uuid4()), self.name, str(uuid.uuid4()),
                                    self.commune_code)

    def pair_body(self, code: str) -> dict[str, Any]:
        return {"code": code, "device_id": self.device_id,
                "verify_key": self.keys.verify_key_b64(),
                "box_public": self.keys.box_public_b64(), "help_point_name": self.name,
                "commune_code": self.commune_code, "app_version": "0.1.0"}

    def record(self, started: datetime, **over: Any) -> dict[str, Any]:
        return record(self.device_id, self.volunteer, started, self.identity, **over)

    def payload(self, records: list[dict[str, Any]], counts: list[dict[str, Any]] | None = None,
                days: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        return {"records": records, "activity_days": days or [],
                "volunteers": [{"uuid": self.volunteer, "display_name": "Nguyễn Thị Hoa",
                                "role": "volunteer"}],
                "daily_counts": counts or [],
                "status": {"app_version": "0.1.0", "content_version": "1", "printer_ok": True,
                           "voice_ok": True, "outbox_waiting": 0}}

    def day(self, day: str, source: str = "record") -> dict[str, Any]:
        d: dict[str, Any] = {"uuid": str(uuid.uuid4()), "volunteer_uuid": self.volunteer,
                             "day": day, "source": source}
        for key in ("help_point_id", "team_id", "commune_code"):
            if key in _DAY_COLUMNS:
                d[key] = getattr(self.identity, key)
        return d

    def batch(self, payload: dict[str, Any], *, created: datetime,
              seq: int | None = None) -> bytes:
        if seq is None:
            self.seq += 1
            seq = self.seq
        assert self.hub_box_public, "pair first"
        return build_batch(payload, self.identity, self.keys, seq, self.hub_box_public,
                           contacts=False, created=created)


def pair(client: Any, hub_app: Any, kiosk: SimKiosk) -> None:
    """Pair ``kiosk`` with the hub behind ``client`` through a code made in the database."""
    from hub.pairing import create_code

    hub = hub_app.state.hub
    with hub.transaction() as s:
        code = create_code(s, hub.settings.data_dir, kiosk.commune_code, hub.clock.now()).code
    r = client.post("/api/v1/pair", json=kiosk.pair_body(code))
    assert r.status_code == 200, r.text
    kiosk.hub_box_public = r.json()["hub_box_public"]
