"""Old stored text with control characters (kiosk.text_cleanup): the one repair and
``help-kiosk sync clean-text``.

A database written before the control-character rule may hold a NUL pasted into a note;
the hub refuses every batch carrying it, so without a repair such a kiosk never syncs again.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from db.models import Assistance, AuditEvent, Volunteer
from kiosk.assistance import AssistanceDraft, AssistanceService
from kiosk.auth import Actor, PermissionDenied
from kiosk.cli import main
from kiosk.clock import FakeClock, to_local
from kiosk.plain_text import strip_control
from kiosk.queue import QueueService
from kiosk.store import Store
from kiosk.sync import outbox
from tests.conftest import STAFF_PIN


@pytest.mark.parametrize(("text", "clean"), [
    ("Đã cài VNeID\x00", "Đã cài VNeID"),
    ("Tổ\n12", "Tổ 12"),
    ("Hòa\r\n\tKhánh", "Hòa Khánh"),
    ("\x1b[31mHoa\x7f\x07", "[31mHoa"),
    ("Không có gì lạ", "Không có gì lạ"),
    ("  giữ nguyên khoảng trắng  ", "  giữ nguyên khoảng trắng  "),  # untouched: no control
])
def test_strip_control_keeps_every_visible_character(text: str, clean: str) -> None:
    assert strip_control(text) == clean


def _log(store: Store, actor: Actor, minutes_ago: int, note: str = "") -> str:
    now = store.clock.now()
    service = QueueService(store).services()[0].code
    return AssistanceService(store).log(actor, AssistanceDraft(
        started_at=now - timedelta(minutes=minutes_ago + 20),
        ended_at=now - timedelta(minutes=minutes_ago), services=(service,),
        channel="help_point", note=note)).uuid


def _poison(store: Store, uuid: str, **values: object) -> None:
    """Write what a kiosk from before the rule could store (pasted text)."""
    with store.write() as s:
        s.execute(update(Assistance).where(Assistance.uuid == uuid).values(**values))


def test_clean_text_cleans_records_and_members_once_and_bumps_updated_at(
        store: Store, staff: Actor, clock: FakeClock) -> None:
    clean = _log(store, staff, 90, note="Đã hướng dẫn")
    dirty = _log(store, staff, 30)
    _poison(store, dirty, note="Đã cài VNeID\x00 cho bà\nHoa", village="Tổ\x0712")
    with store.write() as s:
        s.execute(update(Volunteer).values(display_name=Volunteer.display_name + "\t"))
        before = {a.uuid: a.updated_at for a in s.scalars(select(Assistance))}
    clock.advance(minutes=5)
    done = outbox.clean_text(staff, store)
    assert len(done) == 2 and done[1] == "Thành viên “Cán bộ Lan”, mục “Tên thành viên”"
    with store.read() as s:
        rows = {a.uuid: a for a in s.scalars(select(Assistance))}
        assert (rows[dirty].note, rows[dirty].village) == ("Đã cài VNeID cho bà Hoa", "Tổ12")
        assert rows[dirty].updated_at > before[dirty]   # sent again, and wins everywhere
        assert (rows[clean].note, rows[clean].updated_at) == ("Đã hướng dẫn", before[clean])
        assert s.scalar(select(Volunteer.display_name)) == "Cán bộ Lan"
    assert outbox.clean_text(staff, store) == []  # nothing left


def test_clean_text_from_the_command_line_names_records_by_time_and_service(
        data_dir: Path, store: Store, staff: Actor, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    dirty = _log(store, staff, 30)
    _poison(store, dirty, note="Bà Hoa\x00")
    with store.read() as s:
        started = to_local(s.get(Assistance, dirty).started_at)
    service = QueueService(store).services()[0].name_vi
    monkeypatch.setenv("KIOSK_STAFF_PIN", STAFF_PIN)
    assert main(["sync", "clean-text", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Đã xóa ký tự ẩn ở 1 mục" in out
    assert (f"Bản ghi hỗ trợ lúc {started:%H:%M} ngày {started:%d/%m/%Y} ({service[:40]}"
            in out)
    assert "“Ghi chú”" in out and "Bà Hoa" not in out  # never the citizen's text
    with store.read() as s:
        assert s.get(Assistance, dirty).note == "Bà Hoa"
        audit = s.scalars(select(AuditEvent).where(AuditEvent.action == "sync.clean_text"))
        assert [a.detail for a in audit] == ['{"assistance": 1}']
    assert main(["sync", "clean-text", "--data-dir", str(data_dir)]) == 0
    assert "Không có dữ liệu nào chứa ký tự ẩn" in capsys.readouterr().out


def test_only_staff_may_clean_text(store: Store, volunteer: Actor) -> None:
    with pytest.raises(PermissionDenied):
        outbox.clean_text(volunteer, store)


def test_a_usb_bundle_export_names_the_record_instead_of_writing_a_refused_bundle(
        store: Store, staff: Actor, tmp_path: Path) -> None:
    """The receiving kiosk would refuse the whole bundle; the sending one says which record
    and how to clean it, writes nothing, and exports once it is cleaned."""
    from kiosk.bundles import BundleError, BundleService
    from kiosk.sync.keys import DeviceKeys

    dirty = _log(store, staff, 30)
    _poison(store, dirty, village="Tổ\x0012")
    with store.read() as s:
        started = to_local(s.get(Assistance, dirty).started_at)
    (tmp_path / "receiver").mkdir()
    to_key = DeviceKeys.load_or_create(tmp_path / "receiver", "receiver").box_public_b64()
    out = tmp_path / "goi.hkb"
    bundles = BundleService(store)
    with pytest.raises(BundleError) as refused:
        bundles.export_bundle(staff, started.date(), out, to_key=to_key)
    assert f"Bản ghi hỗ trợ lúc {started:%H:%M} ngày {started:%d/%m/%Y}" in str(refused.value)
    assert "“Thôn/tổ”" in str(refused.value) and "help-kiosk sync clean-text" in str(refused.value)
    assert "Village" in refused.value.message("en") and not out.exists()
    outbox.clean_text(staff, store)
    assert bundles.export_bundle(staff, started.date(), out, to_key=to_key).records == 1
