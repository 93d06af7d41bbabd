"""The assistance log: roles, validation, consent, edit/delete rules, retention, DSRs."""

from __future__ import annotations

import csv
import dataclasses
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import ActivityDay, Assistance, AuditEvent, Place, Service, Ticket
from kiosk.assistance import (
    AssistanceDraft,
    AssistanceError,
    AssistanceService,
    RecordNotFound,
    purge_expired_contacts,
)
from kiosk.auth import CITIZEN, Actor, AuthService, PermissionDenied, Role
from kiosk.clock import FakeClock
from kiosk.privacy import CONTACT_PURPOSE_VI, PhoneNumberError, PrivacyError
from kiosk.store import Store

PHONE = "0905123456"
NAME = "Nguyễn Thị Hoa"


def add_services(store: Store) -> None:
    with store.write() as s:
        s.add(Service(code="vneid", prefix="A", name_vi="Tài khoản định danh VNeID"))
        s.add(Service(code="dvc", prefix="B", name_vi="Dịch vụ công trực tuyến"))


@pytest.fixture
def svc(store: Store) -> AssistanceService:
    add_services(store)
    return AssistanceService(store, default_commune="phường Hải Châu")


def draft(store: Store, **changes: object) -> AssistanceDraft:
    now = store.clock.now()
    base = AssistanceDraft(started_at=now - timedelta(minutes=15),
                           ended_at=now - timedelta(minutes=2), services=("vneid",),
                           age_band="60-74", gender="nu", first_visit=True,
                           note="Cài VNeID, kích hoạt xong.")
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def with_contact(store: Store, **changes: object) -> AssistanceDraft:
    contact: dict[str, object] = {"contact_name": NAME, "contact_phone": "0905 123 456",
                                  "contact_consent": True,
                                  "contact_consent_purpose": CONTACT_PURPOSE_VI}
    return draft(store, **(contact | changes))


def count(store: Store, model: type) -> int:
    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def audit_rows(store: Store, action: str) -> list[dict[str, object]]:
    with store.read() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.action == action)
                         .order_by(AuditEvent.id))
        return [json.loads(r.detail) | {"_actor": r.actor} for r in rows]


def all_audit_text(store: Store) -> str:
    with store.read() as s:
        return "\n".join(e.detail for e in s.scalars(select(AuditEvent)))


def second_volunteer(auth: AuthService, staff: Actor) -> Actor:
    auth.add_member(staff, "Tình nguyện viên Mai", Role.VOLUNTEER, "8642")
    return auth.sign_in("8642")


# -- roles -----------------------------------------------------------------------------------


def test_citizen_can_never_log_read_or_list(store: Store, svc: AssistanceService,
                                            volunteer: Actor) -> None:
    rec = svc.log(volunteer, draft(store))
    with pytest.raises(PermissionDenied):
        svc.log(CITIZEN, draft(store, volunteer_uuids=(volunteer.uuid,)))
    with pytest.raises(PermissionDenied):
        svc.get(CITIZEN, rec.uuid)
    with pytest.raises(PermissionDenied):
        svc.list_today(CITIZEN)
    with pytest.raises(PermissionDenied):
        svc.edit(CITIZEN, rec.uuid, {"note": ""})
    with pytest.raises(PermissionDenied):
        svc.find_by_phone(CITIZEN, PHONE)
    with pytest.raises(PermissionDenied):
        svc.draft_from_ticket(CITIZEN, "x")
    assert count(store, Assistance) == 1


def test_volunteers_cannot_delete_or_answer_data_requests(
        store: Store, svc: AssistanceService, volunteer: Actor, tmp_path: Path) -> None:
    rec = svc.log(volunteer, with_contact(store))
    with pytest.raises(PermissionDenied):
        svc.delete(volunteer, rec.uuid, "trùng")
    with pytest.raises(PermissionDenied):
        svc.find_by_phone(volunteer, PHONE)
    with pytest.raises(PermissionDenied):
        svc.export_person(volunteer, PHONE, tmp_path / "p.json")
    with pytest.raises(PermissionDenied):
        svc.erase_person(volunteer, PHONE)
    with pytest.raises(PermissionDenied):
        svc.add_outreach_day(volunteer, volunteer.uuid, date(2026, 3, 9))
    assert not (tmp_path / "p.json").exists()


def test_volunteer_sees_own_records_today_and_staff_sees_all(
        store: Store, svc: AssistanceService, auth: AuthService, staff: Actor,
        volunteer: Actor) -> None:
    other = second_volunteer(auth, staff)
    mine = svc.log(volunteer, draft(store))
    theirs = svc.log(other, draft(store, services=("dvc",)))
    assert [r.uuid for r in svc.list_today(volunteer)] == [mine.uuid]
    assert {r.uuid for r in svc.list_today(staff)} == {mine.uuid, theirs.uuid}
    with pytest.raises(PermissionDenied):
        svc.get(volunteer, theirs.uuid)
    assert svc.get(staff, theirs.uuid).services == ("dvc",)


def test_list_today_uses_the_local_day(store: Store, clock: FakeClock, svc: AssistanceService,
                                       staff: Actor) -> None:
    # 06:30 local on 10 March is 23:30 UTC on 9 March: still "today" at the help point.
    early = datetime(2026, 3, 9, 23, 30)
    svc.log(staff, draft(store, started_at=early, ended_at=early + timedelta(minutes=20)))
    yesterday = datetime(2026, 3, 9, 3, 0)
    svc.log(staff, draft(store, started_at=yesterday, ended_at=yesterday + timedelta(minutes=5)))
    today = svc.list_today(staff)
    assert [r.started_at for r in today] == [early]
    assert today[0].local_day == date(2026, 3, 10)


# -- logging ---------------------------------------------------------------------------------


def test_log_saves_the_record_and_marks_the_volunteer_active(
        store: Store, svc: AssistanceService, volunteer: Actor) -> None:
    rec = svc.log(volunteer, draft(store, outcome="follow_up", channel="home_visit",
                                   satisfaction=5, tutorial_id="vneid-activate"))
    assert rec.volunteer_uuids == (volunteer.uuid,)
    assert rec.device_id == store.device_id
    assert rec.outcome == "follow_up"
    assert rec.channel == "home_visit"
    assert rec.contact_phone is None
    assert rec.contact_consent_at is None
    with store.read() as s:
        days = {(d.volunteer_uuid, d.day, d.source) for d in s.scalars(select(ActivityDay))}
    assert (volunteer.uuid, date(2026, 3, 10), "record") in days
    assert audit_rows(store, "assistance.log") == [
        {"record": rec.uuid, "_actor": volunteer.audit_name}]


def test_logging_marks_every_helper_active_on_the_day_of_the_help(
        store: Store, svc: AssistanceService, auth: AuthService, staff: Actor,
        volunteer: Actor) -> None:
    other = second_volunteer(auth, staff)
    when = datetime(2026, 3, 8, 2, 0)  # 9:00 local on 8 March, logged two days later
    svc.log(volunteer, draft(store, started_at=when, ended_at=when + timedelta(minutes=30),
                             volunteer_uuids=(volunteer.uuid, other.uuid)))
    with store.read() as s:
        days = {(d.volunteer_uuid, d.day) for d in s.scalars(
            select(ActivityDay).where(ActivityDay.source == "record"))}
    assert days == {(volunteer.uuid, date(2026, 3, 8)), (other.uuid, date(2026, 3, 8))}


@pytest.mark.parametrize(("changes", "message"), [
    ({"note": "x" * 281}, "tối đa 280 ký tự"),
    ({"started_at": datetime(2026, 3, 10, 3, 0), "ended_at": datetime(2026, 3, 10, 2, 0)},
     "Giờ kết thúc sớm hơn giờ bắt đầu"),
    ({"started_at": datetime(2026, 3, 11, 3, 0), "ended_at": datetime(2026, 3, 11, 4, 0)},
     "tương lai"),
    ({"ended_at": datetime(2026, 3, 10, 3, 10)}, "tương lai"),
    ({"started_at": datetime(2026, 3, 9, 3, 0)}, "dài quá 12 giờ"),
    ({"services": ("khong-co",)}, "Dịch vụ “khong-co” không có trong danh sách"),
    ({"services": ()}, "ít nhất một dịch vụ"),
    ({"volunteer_uuids": ("00000000-0000-4000-8000-000000000000",)},
     "Bạn phải là một trong những người đã hỗ trợ"),
    ({"outcome": "ok"}, "Kết quả không hợp lệ"),
    ({"channel": "zalo"}, "Hình thức hỗ trợ không hợp lệ"),
    ({"age_band": "50-60"}, "Nhóm tuổi"),
    ({"gender": "x"}, "Giới tính"),
    ({"satisfaction": 6}, "từ 1 đến 5"),
    ({"satisfaction": True}, "từ 1 đến 5"),
    ({"ticket_uuid": "00000000-0000-4000-8000-000000000000"}, "Không tìm thấy số thứ tự"),
    ({"tutorial_id": "../etc"}, "Mã bài hướng dẫn"),
])
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(
        store: Store, svc: AssistanceService, volunteer: Actor, changes: dict[str, object],
        message: str) -> None:
    with pytest.raises(AssistanceError, match=message):
        svc.log(volunteer, draft(store, **changes))
    assert count(store, Assistance) == 0
    assert audit_rows(store, "assistance.log") == []
    with store.read() as s:
        assert s.scalar(select(ActivityDay).where(ActivityDay.source == "record")) is None


def test_a_note_of_exactly_280_characters_is_accepted(store: Store, svc: AssistanceService,
                                                      volunteer: Actor) -> None:
    rec = svc.log(volunteer, draft(store, note="ă" * 280))
    assert len(rec.note) == 280


def test_staff_may_log_for_an_unknown_volunteer_only_if_they_exist(
        store: Store, svc: AssistanceService, staff: Actor, volunteer: Actor) -> None:
    rec = svc.log(staff, draft(store, volunteer_uuids=(volunteer.uuid,)))
    assert rec.volunteer_uuids == (volunteer.uuid,)
    with pytest.raises(AssistanceError, match="Không tìm thấy thành viên tổ"):
        svc.log(staff, draft(store, volunteer_uuids=("00000000-0000-4000-8000-000000000000",)))


def test_timezone_aware_times_are_stored_as_utc(store: Store, svc: AssistanceService,
                                               volunteer: Actor) -> None:
    from kiosk.clock import LOCAL_TZ

    start = datetime(2026, 3, 10, 9, 30, tzinfo=LOCAL_TZ)
    rec = svc.log(volunteer, draft(store, started_at=start, ended_at=start + timedelta(minutes=20)))
    assert rec.started_at == datetime(2026, 3, 10, 2, 30)


# -- privacy ---------------------------------------------------------------------------------


@pytest.mark.parametrize("note", ["CCCD 048190001234", "CMND 201234567", "gọi 0905123456",
                                  "mã OTP 123456", "mật khẩu: Abc@1234"])
def test_notes_with_id_numbers_phones_or_codes_are_refused(
        store: Store, svc: AssistanceService, volunteer: Actor, note: str) -> None:
    with pytest.raises(PrivacyError, match="Vui lòng xóa phần đó"):
        svc.log(volunteer, draft(store, note=note))
    assert count(store, Assistance) == 0


def test_contact_details_need_explicit_consent(store: Store, svc: AssistanceService,
                                               volunteer: Actor) -> None:
    with pytest.raises(PrivacyError, match="đồng ý rõ ràng"):
        svc.log(volunteer, draft(store, contact_name=NAME, contact_phone=PHONE))
    with pytest.raises(PrivacyError, match="đồng ý rõ ràng"):
        svc.log(volunteer, draft(store, contact_phone=PHONE, contact_consent="yes",  # type: ignore[arg-type]
                                 contact_consent_purpose=CONTACT_PURPOSE_VI))
    with pytest.raises(PrivacyError, match="mục đích"):
        svc.log(volunteer, draft(store, contact_phone=PHONE, contact_consent=True))
    assert count(store, Assistance) == 0


def test_contact_with_consent_is_stored_with_time_and_purpose(
        store: Store, svc: AssistanceService, volunteer: Actor) -> None:
    rec = svc.log(volunteer, with_contact(store))
    assert rec.contact_name == NAME
    assert rec.contact_phone == PHONE  # normalised
    assert rec.contact_consent_at == store.clock.now()
    assert rec.contact_consent_purpose == CONTACT_PURPOSE_VI
    assert rec.has_contact


def test_consent_without_contact_details_stores_no_consent(
        store: Store, svc: AssistanceService, volunteer: Actor) -> None:
    rec = svc.log(volunteer, draft(store, contact_consent=True,
                                   contact_consent_purpose=CONTACT_PURPOSE_VI))
    assert rec.contact_consent_at is None
    assert rec.contact_consent_purpose is None


def test_phone_is_validated_as_vietnamese(store: Store, svc: AssistanceService,
                                          volunteer: Actor) -> None:
    with pytest.raises(PhoneNumberError, match="Số điện thoại không đúng"):
        svc.log(volunteer, with_contact(store, contact_phone="12345"))
    assert count(store, Assistance) == 0


def test_ethnic_group_only_with_explicit_consent(store: Store, svc: AssistanceService,
                                                 volunteer: Actor) -> None:
    with pytest.raises(PrivacyError, match="dân tộc"):
        svc.log(volunteer, draft(store, ethnic_group="Cơ Tu"))
    assert count(store, Assistance) == 0
    rec = svc.log(volunteer, draft(store, ethnic_group="Cơ Tu", ethnic_consent=True))
    assert rec.ethnic_group == "Cơ Tu"
    assert rec.ethnic_consent_at == store.clock.now()
    plain = svc.log(volunteer, draft(store, ethnic_consent=True))
    assert plain.ethnic_consent_at is None


def test_place_names_come_from_the_place_list_when_it_is_filled(
        store: Store, svc: AssistanceService, volunteer: Actor) -> None:
    with store.write() as s:
        commune = Place(level="commune", name="Phường Hải Châu", kind="phường",
                        former_names="Phường Thạch Thang;Phường Phước Ninh")
        s.add(commune)
        s.flush()
        s.add(Place(level="village", name="Tổ dân phố 5", kind="TDP", parent_id=commune.id))
    ok = svc.log(volunteer, draft(store, commune="phường hải châu", village="Tổ dân phố 5"))
    assert ok.commune == "phường hải châu"
    svc.log(volunteer, draft(store, commune="Phường Thạch Thang"))  # a former name
    svc.log(volunteer, draft(store, commune="Hải Châu"))  # without the kind word
    with pytest.raises(AssistanceError, match="Không có xã/phường “Quận Hải Châu”"):
        svc.log(volunteer, draft(store, commune="Quận Hải Châu"))
    with pytest.raises(AssistanceError, match="Không có thôn/tổ dân phố “Tổ 99”"):
        svc.log(volunteer, draft(store, commune="Phường Hải Châu", village="Tổ 99"))


# -- tickets ---------------------------------------------------------------------------------


def test_draft_from_ticket_prefills_and_a_ticket_is_logged_once(
        store: Store, svc: AssistanceService, volunteer: Actor) -> None:
    now = store.clock.now()
    with store.write() as s:
        t = Ticket(device_id=store.device_id, day=date(2026, 3, 10), prefix="A", number=5,
                   service_code="vneid", status="done", issued_at=now - timedelta(minutes=40),
                   called_at=now - timedelta(minutes=20), finished_at=now - timedelta(minutes=1),
                   satisfaction=4, tutorial_id="vneid-install")
        s.add(t)
        s.flush()
        ticket_uuid = t.uuid
    d = svc.draft_from_ticket(volunteer, ticket_uuid)
    assert d.services == ("vneid",)
    assert d.started_at == now - timedelta(minutes=20)
    assert d.ended_at == now - timedelta(minutes=1)
    assert d.satisfaction == 4
    assert d.tutorial_id == "vneid-install"
    assert d.volunteer_uuids == (volunteer.uuid,)
    assert d.commune == "phường Hải Châu"
    assert d.contact_consent is False
    assert d.ethnic_consent is False
    rec = svc.log(volunteer, d)
    assert rec.ticket_uuid == ticket_uuid
    with pytest.raises(AssistanceError, match="đã được ghi"):
        svc.log(volunteer, d)
    with pytest.raises(RecordNotFound):
        svc.draft_from_ticket(volunteer, "00000000-0000-4000-8000-000000000000")


# -- edit and delete -------------------------------------------------------------------------


def test_own_volunteer_edits_on_the_same_day_without_reason(
        store: Store, clock: FakeClock, svc: AssistanceService, volunteer: Actor) -> None:
    rec = svc.log(volunteer, draft(store))
    assert not svc.needs_reason(volunteer, rec)
    clock.advance(hours=5)
    edited = svc.edit(volunteer, rec.uuid, {"outcome": "partial", "note": "Còn bước 2."})
    assert edited.outcome == "partial"
    assert edited.updated_at == clock.now()
    assert edited.created_at == rec.created_at
    entries = audit_rows(store, "assistance.edit")
    assert entries == [{"record": rec.uuid, "fields": ["note", "outcome"],
                        "_actor": volunteer.audit_name}]


def test_later_edits_need_staff_and_a_reason(store: Store, clock: FakeClock,
                                             svc: AssistanceService, staff: Actor,
                                             volunteer: Actor) -> None:
    rec = svc.log(volunteer, draft(store))
    clock.advance(days=1)
    assert svc.needs_reason(volunteer, rec)
    with pytest.raises(PermissionDenied, match="cán bộ"):
        svc.edit(volunteer, rec.uuid, {"outcome": "partial"})
    with pytest.raises(AssistanceError, match="lý do"):
        svc.edit(staff, rec.uuid, {"outcome": "partial"})
    with pytest.raises(AssistanceError, match="lý do"):
        svc.edit(staff, rec.uuid, {"outcome": "partial"}, reason="   ")
    assert svc.get(staff, rec.uuid).outcome == "done"
    edited = svc.edit(staff, rec.uuid, {"outcome": "partial"}, reason="Ghi nhầm kết quả")
    assert edited.outcome == "partial"
    assert audit_rows(store, "assistance.edit") == [
        {"record": rec.uuid, "fields": ["outcome"], "reason": "Ghi nhầm kết quả",
         "_actor": staff.audit_name}]


def test_another_volunteer_cannot_edit_the_record(store: Store, svc: AssistanceService,
                                                  auth: AuthService, staff: Actor,
                                                  volunteer: Actor) -> None:
    rec = svc.log(volunteer, draft(store))
    other = second_volunteer(auth, staff)
    with pytest.raises(PermissionDenied):
        svc.edit(other, rec.uuid, {"outcome": "partial"})


def test_edit_applies_the_same_checks_and_writes_nothing_on_error(
        store: Store, svc: AssistanceService, volunteer: Actor) -> None:
    rec = svc.log(volunteer, draft(store))
    with pytest.raises(PrivacyError):
        svc.edit(volunteer, rec.uuid, {"note": "CCCD 048190001234"})
    with pytest.raises(PrivacyError, match="đồng ý rõ ràng"):
        svc.edit(volunteer, rec.uuid, {"contact_phone": PHONE})
    with pytest.raises(AssistanceError, match="Không sửa được mục"):
        svc.edit(volunteer, rec.uuid, {"pin_hash": "x"})
    after = svc.get(volunteer, rec.uuid)
    assert after == rec
    assert audit_rows(store, "assistance.edit") == []


def test_edit_keeps_the_original_consent_time(store: Store, clock: FakeClock,
                                              svc: AssistanceService, volunteer: Actor) -> None:
    rec = svc.log(volunteer, with_contact(store))
    clock.advance(minutes=30)
    edited = svc.edit(volunteer, rec.uuid, {"contact_phone": "0336 123 456"})
    assert edited.contact_phone == "0336123456"
    assert edited.contact_consent_at == rec.contact_consent_at
    cleared = svc.edit(volunteer, rec.uuid, {"contact_name": None, "contact_phone": None})
    assert cleared.contact_consent_at is None
    assert cleared.contact_consent_purpose is None


def test_delete_needs_staff_and_reason_erases_personal_fields_and_is_audited(
        store: Store, svc: AssistanceService, staff: Actor, volunteer: Actor) -> None:
    rec = svc.log(volunteer, with_contact(store, ethnic_group="Cơ Tu", ethnic_consent=True))
    with pytest.raises(AssistanceError, match="lý do"):
        svc.delete(staff, rec.uuid, "")
    gone = svc.delete(staff, rec.uuid, "Ghi trùng")
    assert gone.deleted_at == store.clock.now()
    assert gone.contact_phone is None
    assert gone.contact_name is None
    assert gone.note == ""
    assert gone.ethnic_group is None
    assert svc.list_today(staff) == []
    assert count(store, Assistance) == 1  # soft delete
    assert audit_rows(store, "assistance.delete") == [
        {"record": rec.uuid, "reason": "Ghi trùng", "_actor": staff.audit_name}]
    with pytest.raises(AssistanceError, match="đã bị xóa"):
        svc.edit(staff, rec.uuid, {"outcome": "partial"}, reason="x")
    with pytest.raises(AssistanceError, match="đã bị xóa"):
        svc.delete(staff, rec.uuid, "lần nữa")


def test_reasons_may_not_hold_personal_numbers(store: Store, svc: AssistanceService,
                                              staff: Actor, volunteer: Actor) -> None:
    rec = svc.log(volunteer, draft(store))
    with pytest.raises(PrivacyError, match="Lý do"):
        svc.delete(staff, rec.uuid, "bà gọi 0905123456 xin xóa")
    assert svc.get(staff, rec.uuid).deleted_at is None


# -- outreach days ---------------------------------------------------------------------------


def test_outreach_days_are_added_by_staff_once(store: Store, svc: AssistanceService,
                                              staff: Actor, volunteer: Actor) -> None:
    assert svc.add_outreach_day(staff, volunteer.uuid, date(2026, 3, 7)) is True
    assert svc.add_outreach_day(staff, volunteer.uuid, date(2026, 3, 7)) is False
    with pytest.raises(AssistanceError, match="tương lai"):
        svc.add_outreach_day(staff, volunteer.uuid, date(2026, 3, 11))
    with pytest.raises(AssistanceError, match="Không tìm thấy thành viên"):
        svc.add_outreach_day(staff, "00000000-0000-4000-8000-000000000000", date(2026, 3, 7))
    with store.read() as s:
        rows = list(s.scalars(select(ActivityDay).where(ActivityDay.source == "outreach")))
    assert [(r.volunteer_uuid, r.day) for r in rows] == [(volunteer.uuid, date(2026, 3, 7))]
    assert len(audit_rows(store, "activity.outreach")) == 1


# -- retention -------------------------------------------------------------------------------


def test_purge_erases_expired_contacts_and_keeps_the_records(
        store: Store, clock: FakeClock, svc: AssistanceService, staff: Actor,
        volunteer: Actor) -> None:
    old = svc.log(volunteer, with_contact(store))
    clock.advance(days=100)
    recent = svc.log(volunteer, with_contact(store, contact_phone="0336123456"))
    clock.advance(days=81)  # old: 181 days; recent: 81 days
    assert purge_expired_contacts(store, 180) == 1
    old_after = svc.get(staff, old.uuid)
    assert old_after.contact_name is None
    assert old_after.contact_phone is None
    assert old_after.contact_consent_at is None
    assert old_after.contact_consent_purpose is None
    assert old_after.services == ("vneid",)
    assert old_after.age_band == "60-74"
    assert old_after.updated_at == clock.now()
    assert svc.get(staff, recent.uuid).contact_phone == "0336123456"
    assert count(store, Assistance) == 2
    assert audit_rows(store, "records.purge_contacts")[-1] == {
        "count": 1, "home_visits": 0, "retention_days": 180, "_actor": "system"}
    assert purge_expired_contacts(store, 180) == 0


# -- data-subject requests -------------------------------------------------------------------


def test_find_export_and_erase_one_person(store: Store, svc: AssistanceService, staff: Actor,
                                          volunteer: Actor, tmp_path: Path) -> None:
    first = svc.log(volunteer, with_contact(store))
    second = svc.log(volunteer, with_contact(store, services=("dvc",), ethnic_group="Cơ Tu",
                                             ethnic_consent=True))
    svc.log(volunteer, with_contact(store, contact_name="Trần Văn Bình",
                                    contact_phone="0336123456"))
    found = svc.find_by_phone(staff, "+84 905 123 456")
    assert [r.uuid for r in found] == [first.uuid, second.uuid]

    assert svc.export_person(staff, PHONE, tmp_path / "hoa.json") == 2
    data = json.loads((tmp_path / "hoa.json").read_text(encoding="utf-8"))
    assert data["phone"] == PHONE
    assert [r["record"] for r in data["records"]] == [first.uuid, second.uuid]
    assert data["records"][1]["services"] == ["Dịch vụ công trực tuyến"]
    assert data["records"][0]["contact_name"] == NAME
    assert "Trần Văn Bình" not in (tmp_path / "hoa.json").read_text(encoding="utf-8")

    assert svc.export_person(staff, PHONE, tmp_path / "hoa.csv") == 2
    raw = (tmp_path / "hoa.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["Số điện thoại"] for r in rows] == [PHONE, PHONE]
    assert rows[1]["Dân tộc"] == "Cơ Tu"
    assert rows[0]["Lần đầu đến"] == "Có"

    with pytest.raises(AssistanceError, match=".json hoặc .csv"):
        svc.export_person(staff, PHONE, tmp_path / "hoa.txt")
    with pytest.raises(AssistanceError, match="Không có bản ghi"):
        svc.export_person(staff, "0987654321", tmp_path / "none.json")
    assert not (tmp_path / "none.json").exists()

    assert svc.erase_person(staff, PHONE) == 2
    assert svc.find_by_phone(staff, PHONE) == []
    erased = svc.get(staff, second.uuid)
    assert erased.contact_name is None
    assert erased.ethnic_group is None
    assert erased.note == ""
    assert erased.services == ("dvc",)
    assert count(store, Assistance) == 3
    assert len(svc.find_by_phone(staff, "0336123456")) == 1

    assert [e["count"] for e in audit_rows(store, "records.find")] == [2, 0, 1]
    assert [e["count"] for e in audit_rows(store, "records.export_person")] == [2, 2]
    assert audit_rows(store, "records.erase_person") == [
        {"count": 2, "home_visits": 0, "_actor": staff.audit_name}]


def test_audit_never_holds_names_phones_or_notes(store: Store, clock: FakeClock,
                                                 svc: AssistanceService, staff: Actor,
                                                 volunteer: Actor, tmp_path: Path) -> None:
    rec = svc.log(volunteer, with_contact(store))
    svc.edit(volunteer, rec.uuid, {"note": "Đã gọi lại."})
    svc.find_by_phone(staff, PHONE)
    svc.export_person(staff, PHONE, tmp_path / "p.json")
    clock.advance(days=1)
    svc.edit(staff, rec.uuid, {"outcome": "partial"}, reason="sửa kết quả")
    svc.erase_person(staff, PHONE)
    svc.delete(staff, rec.uuid, "trùng")
    text = all_audit_text(store)
    for secret in (PHONE, "905123456", NAME, "Đã gọi lại", "Cài VNeID"):
        assert secret not in text
