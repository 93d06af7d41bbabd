"""``help-kiosk visits list``: the home-visit requests for staff at a terminal, in Vietnamese
(English with ``--lang en``), with no citizen's name or phone unless ``--contacts`` asks for
those of the requests still to arrange (audited)."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.models import Service
from kiosk.assistance import AssistanceService
from kiosk.auth import Actor
from kiosk.cli import main
from kiosk.clock import FakeClock
from kiosk.home_visits import HomeVisitService, VisitDraft
from kiosk.store import Store
from tests.conftest import STAFF_PIN, VOLUNTEER_PIN

PHONE = "0905123456"


@pytest.fixture
def visits(store: Store, clock: FakeClock, staff: Actor, volunteer: Actor,
           monkeypatch: pytest.MonkeyPatch) -> HomeVisitService:
    with store.write() as s:
        s.add(Service(code="vneid", prefix="A", name_vi="Tài khoản định danh VNeID",
                      name_en="VNeID e-ID account"))
    service = HomeVisitService(store, AssistanceService(store, "xã Hòa Vang"), "xã Hòa Vang")
    taken = service.create(volunteer, VisitDraft(
        village="thôn Phú Sơn", household="Bà Tư, cạnh nhà văn hóa", service_code="vneid",
        phone=PHONE, phone_consent=True))
    service.assign(volunteer, taken.uuid)
    clock.advance(days=1)
    service.create(volunteer, VisitDraft(village="thôn An Ngãi", household="Ông Hai",
                                         service_code="vneid"))
    done = service.create(volunteer, VisitDraft(village="thôn An Ngãi", household="Bà Ba",
                                                service_code="vneid", phone="0912345678",
                                                phone_consent=True))
    service.mark_done(volunteer, done.uuid)
    monkeypatch.setenv("KIOSK_STAFF_PIN", STAFF_PIN)
    return service


def listing(data_dir: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[str]:
    assert main(["visits", "list", "--data-dir", str(data_dir), *extra]) == 0
    return capsys.readouterr().out.splitlines()


def test_the_list_says_when_where_what_state_and_who_without_contacts(
        visits: HomeVisitService, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = listing(data_dir, capsys)
    assert out == [
        "Có 2 yêu cầu đến nhà chưa xong:",
        "- 11/03/2026 · thôn An Ngãi (xã Hòa Vang) · Tài khoản định danh VNeID · "
        "Chưa có người nhận",
        "- 10/03/2026 · thôn Phú Sơn (xã Hòa Vang) · Tài khoản định danh VNeID · "
        "Đã có người nhận · Tình nguyện viên Hùng · có số điện thoại (thêm --contacts để xem)",
    ]
    text = "\n".join(out)
    assert PHONE not in text and "Bà Tư" not in text and "Ông Hai" not in text


def test_all_adds_closed_requests_and_never_their_contacts(
        visits: HomeVisitService, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = listing(data_dir, capsys, "--all", "--contacts")
    assert out[0] == "Có 3 yêu cầu đến nhà:"
    [done] = [line for line in out if "Đã xong" in line]
    assert "xong 11/03/2026" in done
    assert "Bà Ba" not in done and "0912345678" not in done  # closed: nothing to arrange
    text = "\n".join(out)
    assert f"Bà Tư, cạnh nhà văn hóa · {PHONE}" in text
    assert "Ông Hai" in text  # still to arrange: who, and no phone was kept


def test_listing_contacts_is_audited(visits: HomeVisitService, store: Store,
                                     data_dir: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk import audit

    listing(data_dir, capsys)
    assert not [e for e in audit.entries(store, "home_visit.list_contacts")]
    listing(data_dir, capsys, "--contacts")
    assert len(audit.entries(store, "home_visit.list_contacts")) == 1


def test_english(visits: HomeVisitService, data_dir: Path,
                 capsys: pytest.CaptureFixture[str]) -> None:
    out = listing(data_dir, capsys, "--lang", "en")
    assert out[0] == "2 home-visit requests still to visit:"
    assert out[1] == ("- 11/03/2026 · thôn An Ngãi (xã Hòa Vang) · VNeID e-ID account · "
                      "Not taken yet")
    assert "Taken · Tình nguyện viên Hùng · phone kept (add --contacts to see it)" in out[2]


def test_a_volunteer_pin_is_refused(visits: HomeVisitService, data_dir: Path,
                                    capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_STAFF_PIN", VOLUNTEER_PIN)
    assert main(["visits", "list", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "không phải của cán bộ" in err


def test_no_requests(store: Store, staff: Actor, data_dir: Path,
                     capsys: pytest.CaptureFixture[str],
                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_STAFF_PIN", STAFF_PIN)
    assert listing(data_dir, capsys) == ["Không có yêu cầu đến nhà nào chưa xong."]
