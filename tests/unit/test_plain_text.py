"""One rule for typed and received text: no control characters (kiosk.plain_text).

The kiosk's own forms stored a NUL or a bell as typed (and a bundle carried it on to the hub,
whose PostgreSQL cannot hold a NUL); the validator of bundles and batches let them through.
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from db.models import Assistance, HomeVisit, Service, Volunteer
from kiosk.assistance import AssistanceDraft, AssistanceError, AssistanceService
from kiosk.auth import Actor, AuthError, AuthService, Role
from kiosk.home_visits import HomeVisitError, HomeVisitService, VisitDraft
from kiosk.plain_text import NO_CONTROL_PATTERN, ControlCharacterError, check_plain, has_control
from kiosk.store import Store
from kiosk.sync.errors import BatchRefused
from kiosk.sync.merge import validate_payload
from tests.unit.test_sync_merge import NOW, payload, record


@pytest.mark.parametrize("text", ["a\x00b", "\x07", "tab\there", "line\n", "\r", "esc\x1b",
                                  "del\x7f", "\x1f"])
def test_control_characters_are_found(text: str) -> None:
    import re

    assert has_control(text)
    assert re.search(NO_CONTROL_PATTERN, text) is None
    with pytest.raises(ControlCharacterError, match="Ghi chú có ký tự điều khiển") as err:
        check_plain(text, "Ghi chú", "The note")
    assert "The note has a control character" in err.value.message("en")


@pytest.mark.parametrize("text", ["", "Nguyễn Thị Hoa", "Tổ 12, thôn Phú Sơn – Hòa Vang",
                                  "Đã cài VNeID (mức 2) ✓", "\u00a0nbsp", "ß€😀"])
def test_ordinary_text_passes_unchanged(text: str) -> None:
    import re

    assert not has_control(text)
    assert re.search(NO_CONTROL_PATTERN, text) is not None
    assert check_plain(text, "Ghi chú") == text


def _count(store: Store, model: type) -> int:
    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def services(store: Store) -> Store:
    with store.write() as s:
        s.add(Service(code="vneid", prefix="A", name_vi="Tài khoản định danh VNeID"))
    return store


@pytest.mark.parametrize(("field", "label"), [
    ("note", "Ghi chú"), ("village", "Tên thôn/tổ dân phố"), ("commune", "Tên xã/phường"),
])
def test_a_record_with_a_control_character_is_refused_by_the_kiosk(
        services: Store, volunteer: Actor, field: str, label: str) -> None:
    now = services.clock.now()
    draft = AssistanceDraft(started_at=now - timedelta(minutes=15),
                            ended_at=now - timedelta(minutes=2), services=("vneid",),
                            age_band="60-74", gender="nu", first_visit=True, note="Xong.")
    svc = AssistanceService(services, default_commune="phường Hải Châu")
    with pytest.raises(AssistanceError, match=f"{label} có ký tự điều khiển"):
        svc.log(volunteer, dataclasses.replace(draft, **{field: "Tà\x00 Lang"}))
    assert _count(services, Assistance) == 0


def test_a_member_name_or_home_visit_with_a_control_character_is_refused(
        services: Store, staff: Actor, auth: AuthService) -> None:
    with pytest.raises(AuthError, match="ký tự điều khiển"):
        auth.add_member(staff, "Mai\x00", Role.VOLUNTEER, "8642")
    assert _count(services, Volunteer) == 1  # the staff member of the fixture only
    records = AssistanceService(services, default_commune="xã Hòa Vang")
    visits = HomeVisitService(services, records, default_commune="xã Hòa Vang")
    draft = VisitDraft(village="thôn Phú\x07 Sơn", household="Bà Lan", service_code="vneid",
                       needs="Kích hoạt tài khoản", best_time="Sáng thứ Bảy")
    with pytest.raises(HomeVisitError, match="Tên thôn/tổ dân phố có ký tự điều khiển"):
        visits.create(staff, draft)
    assert _count(services, HomeVisit) == 0


#: A record is named as staff can find it: its local start time, not only its number.
RECORD_1 = r"bản ghi số 1 \(lúc \d\d:\d\d ngày \d\d/\d\d/\d{4}\), mục “"


@pytest.mark.parametrize(("where", "change", "said"), [
    ("records", {"note": "xong\x00"}, RECORD_1 + "note”"),
    ("records", {"services": ["vneid", "dv\x00c"]}, RECORD_1 + "services”"),
    ("records", {"village": "Tổ 12\n"}, RECORD_1 + "village”"),
    ("volunteers", {"display_name": "Nam\x1b"}, r"người hỗ trợ số 1, mục “display_name”"),
])
def test_the_validator_refuses_a_control_character_by_name(
        services: Store, where: str, change: dict[str, Any], said: str) -> None:
    p = payload(record(1))
    p[where][0].update(change)
    with services.write() as s, pytest.raises(BatchRefused) as err:
        validate_payload(s, json.loads(json.dumps(p)), NOW)
    assert err.value.code == "invalid_field"
    message = str(err.value)
    assert "ký tự điều khiển" in message and re.search(said, message), message
    assert "Không có gì được ghi" in message
    assert "control character" in err.value.message("en")


def test_the_validator_keeps_its_plain_refusal_for_other_wrong_values(services: Store) -> None:
    p = payload(record(1, outcome="nonsense"))
    with services.write() as s, pytest.raises(BatchRefused) as err:
        validate_payload(s, p, NOW)
    assert "mục “outcome”" in str(err.value) and "ký tự điều khiển" not in str(err.value)


@pytest.mark.parametrize("name", ["help_point_name", "team_name", "commune", "village"])
def test_a_setting_with_a_control_character_is_refused(name: str) -> None:
    """The names travel in every batch's manifest (and on every printed sheet): a NUL typed
    or pasted into settings would get every batch of the help point refused by the hub."""
    from kiosk.config import check_value

    assert check_value(name, "Điểm hỗ trợ số Hòa Khánh") is None
    problem = check_value(name, "Điểm\x00 hỗ trợ")
    assert problem is not None and "ký tự điều khiển" in problem and name in problem


def test_a_start_past_the_last_calendar_day_is_refused_by_number(services: Store) -> None:
    """Found by tests/integration/test_fuzz.py: a forged record started 31/12/9999 23:59:59
    UTC is past the calendar in local time (UTC+7), and naming it crashed the refusal with
    OverflowError instead of saying it; it is now named by its number alone."""
    p = payload(record(1))
    p["records"][0]["started_at"] = "9999-12-31T23:59:59"
    with services.write() as s, pytest.raises(BatchRefused) as err:
        validate_payload(s, json.loads(json.dumps(p)), NOW)
    message = str(err.value)
    assert "bản ghi số 1, mục “started_at”" in message, message
    assert "Không có gì được ghi" in message
