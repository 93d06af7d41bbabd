"""A mobile laptop's bundle merges into a commune PC that never opened the queue screen."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import Assistance
from kiosk.assistance import AssistanceService
from kiosk.auth import AuthService, Role
from kiosk.cli import main
from kiosk.queue import QueueService
from kiosk.store import Store
from kiosk.sync.keys import DeviceKeys


def test_bundle_moves_between_two_data_dirs_twice(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    laptop, office = tmp_path / "laptop", tmp_path / "office"
    for d in (laptop, office):
        d.mkdir()
        store = Store.open(d)
        AuthService(store).add_member(None, "Cán bộ xã", Role.STAFF, "2468")
        store.close()
    store = Store.open(laptop)
    auth = AuthService(store)
    auth.add_member(auth.sign_in("2468"), "Tình nguyện viên Hùng", Role.VOLUNTEER, "1357")
    volunteer = auth.sign_in("1357")
    service = AssistanceService(store)
    code = QueueService(store).services()[0].code
    for _ in range(3):
        draft = replace(service.new_draft(volunteer, services=(code,)), age_band="60-74",
                        gender="nu", outcome="done", channel="home_visit")
        service.log(volunteer, draft)
    store.close()

    monkeypatch.setenv("KIOSK_STAFF_PIN", "2468")
    # A v2 bundle: sealed to the office PC's key, signed by the laptop, whose key the office
    # staff trust the first time (compared with the laptop's "help-kiosk bundle key").
    office_key = DeviceKeys.load_or_create(office).box_public_b64()
    laptop_key = DeviceKeys.load_or_create(laptop).verify_key_b64()
    bundle = tmp_path / "bundle.hkb"
    assert main(["--data-dir", str(laptop), "bundle", "export", "--since", "2026-01-01",
                 "--out", str(bundle), "--to-key", office_key]) == 0
    assert main(["--data-dir", str(office), "bundle", "import", str(bundle),
                 "--trust-key", laptop_key]) == 0
    # importing the same bundle again adds nothing (the sender is trusted now)
    assert main(["--data-dir", str(office), "bundle", "import", str(bundle)]) == 0
    office_store = Store.open(office)
    with office_store.read() as s:
        assert s.scalar(select(func.count()).select_from(Assistance)) == 3
    office_store.close()
