"""Home-visit list (issue #23 item 5): consent, roles, done creates the record, retention,
bundles to the mobile laptop and back, merge of concurrent edits, nothing to the hub."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import ActivityDay, Assistance, AuditEvent, HomeVisit, Service
from kiosk.assistance import AssistanceService, purge_expired_contacts
from kiosk.auth import CITIZEN, Actor, AuthService, PermissionDenied, Role
from kiosk.bundles import BundleService
from kiosk.clock import FakeClock
from kiosk.home_visits import (
    PHONE_PURPOSE_VI,
    HomeVisitError,
    HomeVisitService,
    VisitDraft,
    count_open,
)
from kiosk.identity import load_identity
from kiosk.privacy import PhoneNumberError, PrivacyError
from kiosk.store import Store
from kiosk.sync.batch import build_batch, collect_payload, open_batch
from kiosk.sync.errors import BatchRefused
from kiosk.sync.merge import validate_payload

PHONE = "0905123456"
HOUSEHOLD = "Bà Tư, nhà cạnh nhà văn hóa thôn"
SINCE = date(2026, 3, 1)


def add_services(store: Store) -> None:
    with store.write() as s:
        s.add(Service(code="vneid", prefix="A", name_vi="Tài khoản định danh VNeID"))
        s.add(Service(code="dvc", prefix="B", name_vi="Dịch vụ công trực tuyến"))


@dataclasses.dataclass
class Kiosk:
    store: Store
    clock: FakeClock
    staff: Actor
    volunteer: Actor
    records: AssistanceService
    visits: HomeVisitService
    bundles: BundleService


def make(store: Store, clock: FakeClock, staff: Actor, volunteer: Actor) -> Kiosk:
    add_services(store)
    records = AssistanceService(store, default_commune="xã Hòa Vang")
    return Kiosk(store, clock, staff, volunteer, records,
                 HomeVisitService(store, records, default_commune="xã Hòa Vang"),
                 BundleService(store))


@pytest.fixture
def hp(store: Store, clock: FakeClock, staff: Actor, volunteer: Actor) -> Kiosk:
    return make(store, clock, staff, volunteer)


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Kiosk]:
    clock = FakeClock(datetime(2026, 3, 10, 3, 0, 0))
    d = tmp_path / "laptop-data"
    d.mkdir()
    store = Store.open(d, clock=clock)
    auth = AuthService(store)
    auth.add_member(None, "Tổ trưởng Phú", Role.STAFF, "5555")
    staff = auth.sign_in("5555")
    auth.add_member(staff, "Đoàn viên Nam", Role.VOLUNTEER, "7777")
    yield make(store, clock, staff, auth.sign_in("7777"))
    store.close()


def draft(**changes: object) -> VisitDraft:
    base = VisitDraft(village="thôn Phú Sơn", household=HOUSEHOLD, service_code="vneid",
                      needs="Kích hoạt tài khoản định danh mức 2", best_time="Sáng thứ Bảy")
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def rows(store: Store) -> list[HomeVisit]:
    with store.read() as s:
        out = list(s.scalars(select(HomeVisit).order_by(HomeVisit.created_at)))
        s.expunge_all()
        return out


def audit_text(store: Store) -> str:
    with store.read() as s:
        return "\n".join(f"{e.action} {e.detail}" for e in s.scalars(select(AuditEvent)))


# -- consent and validation --------------------------------------------------------------------


def test_a_request_without_consent_stores_no_phone_number(hp: Kiosk) -> None:
    """Bad input (issue #23): a phone typed but no consent given is dropped, never stored."""
    info = hp.visits.create(hp.volunteer, draft(phone="0905 123 456", phone_consent=False))
    [row] = rows(hp.store)
    assert row.phone is None
    assert row.phone_consent_at is None
    assert row.phone_consent_purpose is None
    assert info.phone is None and not info.has_phone
    # Consent is a clear act: a truthy non-True value is no consent either.
    hp.visits.create(hp.volunteer, draft(phone=PHONE, phone_consent="yes"))  # type: ignore[arg-type]
    assert [r.phone for r in rows(hp.store)] == [None, None]


def test_with_consent_the_phone_is_kept_canonical_with_when_and_why(hp: Kiosk) -> None:
    info = hp.visits.create(hp.volunteer, draft(phone="+84 905 123 456", phone_consent=True))
    [row] = rows(hp.store)
    assert row.phone == PHONE
    assert row.phone_consent_at == hp.clock.now()
    assert row.phone_consent_purpose == PHONE_PURPOSE_VI
    assert info.has_phone
    assert row.status == "open" and row.created_by == hp.volunteer.uuid
    assert row.commune == "xã Hòa Vang"
    assert row.team_id == hp.store.team_id and row.help_point_id == hp.store.help_point_id
    with pytest.raises(PhoneNumberError):
        hp.visits.create(hp.volunteer, draft(phone="12345", phone_consent=True))


@pytest.mark.parametrize(("changes", "error", "words"), [
    ({"village": "  "}, HomeVisitError, "thôn/tổ dân phố"),
    ({"household": ""}, HomeVisitError, "tên hoặc mô tả hộ gia đình"),
    ({"household": "x" * 121}, HomeVisitError, "tối đa 120"),
    ({"household": "Ông Năm 0905 123 456"}, PrivacyError, "số điện thoại"),
    ({"needs": "CCCD 048190001234 bị khóa"}, PrivacyError, "số giấy tờ"),
    ({"best_time": "y" * 81}, HomeVisitError, "tối đa 80"),
    ({"service_code": "no-such"}, HomeVisitError, "danh sách dịch vụ"),
])
def test_bad_input_is_refused_whole_in_vietnamese_with_english(
        hp: Kiosk, changes: dict[str, object], error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words) as caught:
        hp.visits.create(hp.volunteer, draft(**changes))
    assert getattr(caught.value, "en", "")
    assert rows(hp.store) == []


def test_roles_citizens_cannot_see_or_record(hp: Kiosk) -> None:
    with pytest.raises(PermissionDenied):
        hp.visits.create(CITIZEN, draft())
    with pytest.raises(PermissionDenied):
        hp.visits.by_village(CITIZEN)


# -- the list, assigning, done, cancel ---------------------------------------------------------


def test_the_list_is_grouped_by_village_oldest_first(hp: Kiosk) -> None:
    a = hp.visits.create(hp.volunteer, draft(village="thôn Phú Sơn"))
    hp.clock.advance(minutes=5)
    b = hp.visits.create(hp.volunteer, draft(village="thôn Đông Sơn", household="Ông Hai"))
    hp.clock.advance(minutes=5)
    c = hp.visits.create(hp.volunteer, draft(village="thôn Phú Sơn", household="Chị Ba"))
    groups = hp.visits.by_village(hp.volunteer)
    assert [(g.village, [v.uuid for v in g.visits]) for g in groups] == [
        ("thôn Đông Sơn", [b.uuid]), ("thôn Phú Sơn", [a.uuid, c.uuid])]
    assert groups[1].visits[0].service_name == "Tài khoản định danh VNeID"
    assert count_open(hp.store) == 3


def test_a_volunteer_takes_a_visit_others_cannot_take_it_staff_can_reassign(
        hp: Kiosk, auth: AuthService) -> None:
    visit = hp.visits.create(hp.volunteer, draft(phone=PHONE, phone_consent=True))
    auth.add_member(hp.staff, "Tình nguyện viên Mai", Role.VOLUNTEER, "8642")
    mai = auth.sign_in("8642")
    # Before anyone takes it a volunteer sees the phone masked; staff see it whole.
    assert hp.visits.get(mai, visit.uuid).phone == "090****456"
    assert hp.visits.get(hp.staff, visit.uuid).phone == PHONE
    taken = hp.visits.assign(hp.volunteer, visit.uuid)
    assert taken.status == "assigned"
    assert taken.assigned_to == hp.volunteer.uuid
    assert taken.assigned_name == "Tình nguyện viên Hùng"
    assert taken.phone == PHONE  # the one who visits calls to arrange it
    with pytest.raises(PermissionDenied, match="đã có người nhận"):
        hp.visits.assign(mai, visit.uuid)
    with pytest.raises(PermissionDenied, match="Chỉ cán bộ"):
        hp.visits.assign(hp.volunteer, visit.uuid, to=mai.uuid)
    moved = hp.visits.assign(hp.staff, visit.uuid, to=mai.uuid)
    assert moved.assigned_to == mai.uuid
    assert hp.visits.get(hp.volunteer, visit.uuid).phone == "090****456"


def test_done_creates_the_home_visit_assistance_record_in_one_step(hp: Kiosk) -> None:
    visit = hp.visits.create(hp.volunteer, draft())
    hp.visits.assign(hp.volunteer, visit.uuid)
    hp.clock.advance(hours=3)
    done, record = hp.visits.mark_done(hp.volunteer, visit.uuid, minutes=45)
    assert done.status == "done" and done.assistance_uuid == record.uuid
    assert record.channel == "home_visit"
    assert record.services == ("vneid",)
    assert record.volunteer_uuids == (hp.volunteer.uuid,)
    assert (record.commune, record.village) == ("xã Hòa Vang", "thôn Phú Sơn")
    assert record.ended_at == hp.clock.now()
    assert (record.ended_at - record.started_at).total_seconds() == 45 * 60
    assert record.contact_phone is None and record.note == ""
    with hp.store.read() as s:
        assert s.scalar(select(ActivityDay.volunteer_uuid)) == hp.volunteer.uuid
    # Done leaves the list; done twice is refused and makes no second record.
    assert hp.visits.by_village(hp.volunteer) == []
    with pytest.raises(HomeVisitError, match="đã xong"):
        hp.visits.mark_done(hp.volunteer, visit.uuid)
    with hp.store.read() as s:
        assert len(list(s.scalars(select(Assistance)))) == 1


def test_done_by_someone_else_is_refused_and_writes_nothing(
        hp: Kiosk, auth: AuthService) -> None:
    visit = hp.visits.create(hp.volunteer, draft())
    hp.visits.assign(hp.volunteer, visit.uuid)
    auth.add_member(hp.staff, "Tình nguyện viên Mai", Role.VOLUNTEER, "8642")
    mai = auth.sign_in("8642")
    with pytest.raises(PermissionDenied):
        hp.visits.mark_done(mai, visit.uuid)
    with pytest.raises(HomeVisitError):
        hp.visits.mark_done(hp.volunteer, visit.uuid, minutes=0)
    with hp.store.read() as s:
        assert s.scalar(select(Assistance.uuid)) is None
    assert rows(hp.store)[0].status == "assigned"
    # Staff may close it for the volunteer who went; the record names that volunteer.
    _info, record = hp.visits.mark_done(hp.staff, visit.uuid)
    assert record.volunteer_uuids == (hp.volunteer.uuid,)


def test_an_untaken_visit_marked_done_by_a_volunteer_is_theirs(hp: Kiosk) -> None:
    visit = hp.visits.create(hp.staff, draft())
    info, record = hp.visits.mark_done(hp.volunteer, visit.uuid)
    assert info.assigned_to == hp.volunteer.uuid
    assert record.volunteer_uuids == (hp.volunteer.uuid,)


def test_cancel_erases_who_and_the_phone_and_keeps_a_deleted_row(
        hp: Kiosk, auth: AuthService) -> None:
    visit = hp.visits.create(hp.volunteer, draft(phone=PHONE, phone_consent=True))
    auth.add_member(hp.staff, "Tình nguyện viên Mai", Role.VOLUNTEER, "8642")
    with pytest.raises(PermissionDenied):
        hp.visits.cancel(auth.sign_in("8642"), visit.uuid)
    hp.visits.cancel(hp.volunteer, visit.uuid)
    [row] = rows(hp.store)
    assert (row.status, row.household, row.phone, row.phone_consent_at) == (
        "cancelled", None, None, None)
    assert row.deleted_at == hp.clock.now()
    assert row.village == "thôn Phú Sơn"  # the anonymous rest stays
    assert count_open(hp.store) == 0


def test_audit_entries_hold_ids_never_who_or_the_phone(hp: Kiosk) -> None:
    visit = hp.visits.create(hp.volunteer, draft(phone=PHONE, phone_consent=True))
    hp.visits.assign(hp.volunteer, visit.uuid)
    hp.visits.mark_done(hp.volunteer, visit.uuid)
    text = audit_text(hp.store)
    for action in ("home_visit.create", "home_visit.assign", "home_visit.done"):
        assert action in text
    for secret in (PHONE, "Bà Tư", "văn hóa", "Sáng thứ Bảy", "mức 2"):
        assert secret not in text


# -- retention and data-subject requests: the contact rules, not a copy ------------------------


def test_the_contact_retention_run_erases_who_and_the_phone_of_old_requests(hp: Kiosk) -> None:
    old = hp.visits.create(hp.volunteer, draft(phone=PHONE, phone_consent=True))
    hp.clock.advance(days=100)
    recent = hp.visits.create(hp.volunteer, draft(household="Chị Ba"))
    hp.clock.advance(days=81)  # old: 181 days, recent: 81 days
    assert purge_expired_contacts(hp.store, 180) == 1
    by_uuid = {r.uuid: r for r in rows(hp.store)}
    assert (by_uuid[old.uuid].household, by_uuid[old.uuid].phone) == (None, None)
    assert by_uuid[old.uuid].updated_at == hp.clock.now()  # so the erasure travels
    assert by_uuid[old.uuid].service_code == "vneid"
    assert by_uuid[recent.uuid].household == "Chị Ba"
    assert purge_expired_contacts(hp.store, 180) == 0


def test_erasing_a_person_by_phone_erases_their_visit_requests(hp: Kiosk) -> None:
    hp.visits.create(hp.volunteer, draft(phone=PHONE, phone_consent=True))
    hp.visits.create(hp.volunteer, draft(household="Chị Ba"))
    assert hp.records.erase_person(hp.staff, "0905 123 456") == 1
    assert sorted((r.household or "", r.phone or "") for r in rows(hp.store)) == [
        ("", ""), ("Chị Ba", "")]


# -- to the mobile laptop and back -------------------------------------------------------------


def _carry(src: Kiosk, dst: Kiosk, path: Path) -> None:
    src.bundles.export_bundle(src.staff, SINCE, path,
                              to_key=dst.bundles.keys().box_public_b64())
    dst.bundles.import_bundle(dst.staff, path,
                              trust_key=src.bundles.keys().verify_key_b64())


def test_bundle_round_trip_to_the_laptop_and_back_with_the_done_record(
        hp: Kiosk, laptop: Kiosk, tmp_path: Path) -> None:
    visit = hp.visits.create(hp.volunteer, draft(phone=PHONE, phone_consent=True))
    summary = hp.bundles.export_bundle(hp.staff, SINCE, tmp_path / "to-laptop.hkb",
                                       to_key=laptop.bundles.keys().box_public_b64())
    assert summary.home_visits == 1
    result = laptop.bundles.import_bundle(laptop.staff, tmp_path / "to-laptop.hkb",
                                          trust_key=hp.bundles.keys().verify_key_b64())
    assert (result.home_visits_added, result.home_visits_updated) == (1, 0)
    [there] = laptop.visits.by_village(laptop.volunteer)
    assert there.visits[0].household == HOUSEHOLD
    assert laptop.visits.get(laptop.staff, visit.uuid).phone == PHONE
    # The identity stays the help point's: the request is its team's work.
    assert rows(laptop.store)[0].team_id == hp.store.team_id

    laptop.clock.advance(hours=2)
    laptop.visits.assign(laptop.volunteer, visit.uuid)
    laptop.clock.advance(hours=1)
    _done, record = laptop.visits.mark_done(laptop.volunteer, visit.uuid)
    hp.clock.advance(hours=4)
    _carry(laptop, hp, tmp_path / "back.hkb")

    back = hp.visits.get(hp.staff, visit.uuid)
    assert back.status == "done"
    assert back.assigned_to == laptop.volunteer.uuid
    assert back.assistance_uuid == record.uuid
    got = hp.records.get(hp.staff, record.uuid)
    assert got.channel == "home_visit"
    assert hp.visits.by_village(hp.volunteer) == []
    # The same bundle again changes nothing.
    again = hp.bundles.import_bundle(hp.staff, tmp_path / "back.hkb")
    assert (again.added, again.home_visits_added, again.home_visits_updated) == (0, 0, 0)


def test_concurrent_edits_merge_by_updated_at_the_newer_wins_both_ways(
        hp: Kiosk, laptop: Kiosk, tmp_path: Path) -> None:
    visit = hp.visits.create(hp.volunteer, draft())
    _carry(hp, laptop, tmp_path / "1.hkb")
    # Meanwhile: the laptop takes the visit (12:00), the help point cancels it later (13:00).
    laptop.clock.advance(hours=2)
    laptop.visits.assign(laptop.volunteer, visit.uuid)
    hp.clock.advance(hours=3)
    hp.visits.cancel(hp.staff, visit.uuid)
    # Both bundles cross, in either order; both machines end with the cancellation.
    hp.clock.advance(minutes=5)
    laptop.clock.advance(hours=1, minutes=5)
    _carry(laptop, hp, tmp_path / "2.hkb")
    _carry(hp, laptop, tmp_path / "3.hkb")
    for side in (hp, laptop):
        [row] = rows(side.store)
        assert (row.status, row.household, row.deleted_at is not None) == (
            "cancelled", None, True), side
    assert count_open(laptop.store) == 0


# -- never to the hub ----------------------------------------------------------------------------


def test_home_visits_never_travel_to_the_hub(hp: Kiosk, laptop: Kiosk) -> None:
    hp.visits.create(hp.volunteer, draft(phone=PHONE, phone_consent=True))
    identity = load_identity(hp.store, hp.store.config)
    with hp.store.read() as s:
        for_hub = collect_payload(s, identity, None, contacts=False)
        for_usb = collect_payload(s, identity, None, contacts=True)
    assert "home_visits" not in for_hub
    assert len(for_usb["home_visits"]) == 1
    # Even if a caller collected them, a batch without contacts drops them before signing.
    keys = hp.bundles.keys()
    to = laptop.bundles.keys()
    blob = build_batch(for_usb, identity, keys, 1, to.box_public_b64(), contacts=False,
                       created=hp.clock.now())
    opened = open_batch(blob, to, lambda _d: keys.verify_key_b64(), hp.clock.now())
    assert "home_visits" not in opened.payload
    assert "home_visits" not in json.dumps(opened.manifest["counts"])
    # The hub's validation (no home_visits=True) refuses a payload that has them.
    with laptop.store.read() as s, pytest.raises(BatchRefused, match="home_visits"):
        validate_payload(s, for_usb, laptop.clock.now(), any_service=True)


def test_a_forged_visit_with_a_phone_but_no_consent_is_refused_whole(
        hp: Kiosk, laptop: Kiosk) -> None:
    hp.visits.create(hp.volunteer, draft(phone=PHONE, phone_consent=True))
    identity = load_identity(hp.store, hp.store.config)
    with hp.store.read() as s:
        payload = collect_payload(s, identity, None, contacts=True)
    payload["home_visits"][0]["phone_consent_at"] = None
    with laptop.store.read() as s, pytest.raises(BatchRefused, match="phone_consent_at"):
        validate_payload(s, payload, laptop.clock.now(), home_visits=True)
    payload["home_visits"][0].update(phone_consent_at="2026-03-10T03:00:00Z",
                                     household="Ông Hai 048190001234")
    with laptop.store.read() as s, pytest.raises(BatchRefused, match="household"):
        validate_payload(s, payload, laptop.clock.now(), home_visits=True)


def test_a_persons_data_export_includes_their_visit_requests(hp: Kiosk,
                                                             tmp_path: Path) -> None:
    """The right of access covers everything kept about the phone number: the visit list too,
    even when no assistance record keeps it."""
    import csv as csv_mod

    hp.visits.create(hp.volunteer, draft(phone=PHONE, phone_consent=True))
    hp.visits.create(hp.volunteer, draft(household="Chị Ba"))  # not this person
    assert hp.records.export_person(hp.staff, PHONE, tmp_path / "tu.json") == 1
    data = json.loads((tmp_path / "tu.json").read_text(encoding="utf-8"))
    assert data["records"] == []
    [visit] = data["home_visits"]
    assert (visit["contact_name"], visit["contact_phone"], visit["village"]) == (
        HOUSEHOLD, PHONE, "thôn Phú Sơn")
    assert visit["channel"] == "Yêu cầu đến nhà (Chưa có người nhận)"
    assert "Chị Ba" not in (tmp_path / "tu.json").read_text(encoding="utf-8")
    assert hp.records.export_person(hp.staff, PHONE, tmp_path / "tu.csv") == 1
    rows = list(csv_mod.DictReader(
        (tmp_path / "tu.csv").read_bytes().decode("utf-8-sig").splitlines()))
    assert [(r["Họ tên"], r["Số điện thoại"], r["Dịch vụ"]) for r in rows] == [
        (HOUSEHOLD, PHONE, "Tài khoản định danh VNeID")]


# -- the report's figures ----------------------------------------------------------------------


def test_report_figures_count_requests_done_cancelled_and_waiting_at_the_period_end(
        hp: Kiosk) -> None:
    """A hand-counted month: requested in March, done in March (even if requested in
    February), cancelled in March, and waiting on 31 March at midnight (one done in April
    was still waiting then)."""
    from kiosk.reports.figures import compute_figures
    from kiosk.reports.periods import Period

    def at(local: datetime) -> None:
        hp.clock.set(local - timedelta(hours=7))

    at(datetime(2026, 2, 27, 9))
    from_feb = hp.visits.create(hp.volunteer, draft(household="Ông Một"))
    at(datetime(2026, 3, 2, 9))
    hp.visits.mark_done(hp.volunteer, from_feb.uuid)
    done = hp.visits.create(hp.volunteer, draft(household="Bà Hai"))
    cancelled = hp.visits.create(hp.volunteer, draft(household="Ông Ba"))
    hp.visits.create(hp.volunteer, draft(household="Bà Bốn"))  # still waiting
    at(datetime(2026, 3, 31, 23, 59))
    late = hp.visits.create(hp.volunteer, draft(household="Ông Năm"))
    hp.visits.mark_done(hp.volunteer, done.uuid)
    hp.visits.cancel(hp.volunteer, cancelled.uuid)
    at(datetime(2026, 4, 1, 9))
    hp.visits.mark_done(hp.volunteer, late.uuid)

    march = compute_figures(hp.staff, hp.store, Period(date(2026, 3, 1), date(2026, 3, 31)))
    f = march.home_visits
    assert (f.requested, f.done, f.cancelled, f.waiting) == (4, 2, 1, 2)
    assert not f.includes_demo
    # Each visit done logged a home-visit record: the citizens helped count them once.
    assert [(r.key, r.count) for r in march.by_channel] == [("home_visit", 2)]
    # The CSV/XLSX summary carries them too.
    from kiosk.reports.export_csv import summary_rows

    rows = {r.key: r.value for r in summary_rows(march) if r.section == "overview"}
    assert (rows["home_visits_requested"], rows["home_visits_done"],
            rows["home_visits_cancelled"], rows["home_visits_waiting"]) == (4, 2, 1, 2)
    april = compute_figures(hp.staff, hp.store, Period(date(2026, 4, 1), date(2026, 4, 30)))
    g = april.home_visits
    assert (g.requested, g.done, g.cancelled, g.waiting) == (0, 1, 0, 1)
    feb = compute_figures(hp.staff, hp.store, Period(date(2026, 2, 1), date(2026, 2, 28)))
    assert (feb.home_visits.requested, feb.home_visits.waiting) == (1, 1)
