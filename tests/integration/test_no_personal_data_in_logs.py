"""No citizen's name, phone number or note ever reaches a log file, even at DEBUG.

The kiosk's log (``<data_dir>/logs/kiosk.log``) is read by technicians and sent with bug
reports, so it must hold ids and counts only. This runs the paths that handle personal data
(logging a help with contact details, a refused note, a data-subject request, a bundle export
and import, a backup and a restore) with the root logger at DEBUG into a file, then reads the
file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from db.models import Service
from kiosk.assistance import AssistanceDraft, AssistanceService
from kiosk.auth import Actor, AuthService, Role
from kiosk.backup import backup_now, restore_backup, run_daily_backup
from kiosk.bundles import BundleService
from kiosk.privacy import CONTACT_PURPOSE_VI, PrivacyError
from kiosk.queue import QueueService
from kiosk.store import Store
from tests.conftest import STAFF_PIN, VOLUNTEER_PIN

CITIZEN_NAME = "Nguyễn Thị Hoa"
PHONE = "0912 345 678"
PHONE_DIGITS = "0912345678"
NOTE = "Bà cần học thêm cách quét mã QR thanh toán tiền điện"
REFUSED_NOTE = "Số căn cước 012345678901 của bà"
VOLUNTEER_NAME = "Trần Văn Hùng"
STAFF_NAME = "Lê Thị Lan"
SECRETS = (CITIZEN_NAME, PHONE, PHONE_DIGITS, "912345678", "0912.345.678", NOTE,
           "quét mã QR thanh toán", "012345678901", VOLUNTEER_NAME, STAFF_NAME, STAFF_PIN,
           VOLUNTEER_PIN)


@pytest.fixture
def debug_log(tmp_path: Path) -> Iterator[Path]:
    """Everything logged anywhere, DEBUG and up, into one file (as ``help-kiosk -v`` would)."""
    path = tmp_path / "logs" / "kiosk.log"
    path.parent.mkdir()
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()


def _members(store: Store) -> tuple[Actor, Actor]:
    auth = AuthService(store)
    auth.add_member(None, STAFF_NAME, Role.STAFF, STAFF_PIN)
    staff = auth.sign_in(STAFF_PIN)
    auth.add_member(staff, VOLUNTEER_NAME, Role.VOLUNTEER, VOLUNTEER_PIN)
    return staff, auth.sign_in(VOLUNTEER_PIN)


def test_no_personal_data_in_the_debug_log(debug_log: Path, tmp_path: Path) -> None:
    laptop = Store.open(tmp_path / "laptop")
    staff, volunteer = _members(laptop)
    with laptop.write() as s:
        s.add(Service(code="vneid", prefix="A", name_vi="Tài khoản định danh VNeID"))
    records = AssistanceService(laptop)
    now = laptop.clock.now()
    draft = AssistanceDraft(
        started_at=now - timedelta(minutes=20), ended_at=now, services=("vneid",),
        channel="home_visit", note=NOTE, contact_name=CITIZEN_NAME, contact_phone=PHONE,
        contact_consent=True, contact_consent_purpose=CONTACT_PURPOSE_VI)
    records.log(volunteer, draft)
    with pytest.raises(PrivacyError):
        records.log(volunteer, AssistanceDraft(
            started_at=now - timedelta(minutes=5), ended_at=now, services=("vneid",),
            note=REFUSED_NOTE))
    assert len(records.find_by_phone(staff, PHONE)) == 1
    records.export_person(staff, PHONE, tmp_path / "person.json")
    bundle = tmp_path / "bundle.zip"
    point = Store.open(tmp_path / "point")
    sender = BundleService(laptop)
    sender.export_bundle(staff, date(2020, 1, 1), bundle,
                         to_key=BundleService(point).keys().box_public_b64())
    laptop.close()

    point_staff, _ = _members(point)
    QueueService(point)
    BundleService(point).import_bundle(point_staff, bundle,
                                       trust_key=sender.keys().verify_key_b64())
    run_daily_backup(point, tmp_path / "point", point.clock)
    saved = backup_now(point, tmp_path / "point" / "backups", point.clock)
    point.close()
    restore_backup(point_staff, tmp_path / "point", saved.path, point.clock)

    text = debug_log.read_text(encoding="utf-8")
    # The run really logged (so an empty file cannot pass for a clean one) ...
    assert "bundle exported: 1 records" in text
    assert "bundle imported: 1 added" in text
    assert "database restored from" in text
    # ... and none of it names a person.
    leaked = [s for s in SECRETS if s.casefold() in text.casefold()]
    assert not leaked, f"personal data in the log: {leaked}"
