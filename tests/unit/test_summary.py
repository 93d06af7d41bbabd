"""The take-home slip "Hôm nay đã làm" (issue #23 item 3): what goes on it (kiosk.summary),
the sourced next steps, and that slips count in the print quota and the reports."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from kiosk.assistance import AssistanceService, RecordInfo
from kiosk.auth import Actor
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue
from kiosk.content.sources import SourceKind, source_kind
from kiosk.paths import resource_path
from kiosk.printing_quota import (
    SUMMARY,
    TICKET,
    printed_today,
    quota_status,
    record_print,
)
from kiosk.queue import load_service_list, seed_default_services
from kiosk.reports.figures import compute_figures
from kiosk.reports.periods import Period
from kiosk.store import Store
from kiosk.summary import (
    MAX_SERVICES,
    NextStepsError,
    SummarySlip,
    load_next_steps,
    slip_for_record,
    summary_slip,
)
from kiosk.sync.batch import daily_counts

TODAY = date(2026, 3, 10)  # the clock fixture: 10:00 local on 10/03/2026
START = datetime(2026, 3, 10, 2, 40)  # 09:40 local


@cache
def catalogue() -> Catalogue:
    return load_catalogue([resource_path("tutorials")])


def slip(**kw: Any) -> SummarySlip:
    args: dict[str, Any] = dict(services=["vneid"], tutorial_id="vneid-level2", outcome="done",
                started_at=START, known=load_service_list(), tutorial=catalogue().by_id,
                help_point="Điểm hỗ trợ số thôn Tà Lang", hotline="0236 3 123 456")
    args.update(kw)
    return summary_slip(**args)


def test_level2_slip_says_wait_for_the_approval_sms_with_no_unsourced_waiting_time() -> None:
    s = slip()
    (svc,) = s.services
    assert svc.name == "Tài khoản định danh VNeID"
    assert svc.sourced
    assert svc.next_step.startswith("Đợi tin nhắn báo hồ sơ định danh điện tử đã được phê "
                                    "duyệt")
    assert "ngày" not in svc.next_step  # "khoảng 7 ngày" is not sourced (facts.md)
    assert svc.official_url == "https://vneid.gov.vn/"
    assert svc.sheet_title == catalogue().by_id("vneid-level2").title.get("vi")  # type: ignore[union-attr]
    assert (s.day, s.hotline, s.help_point) == (TODAY, "0236 3 123 456",
                                                 "Điểm hỗ trợ số thôn Tà Lang")
    assert s.label("title") == "HÔM NAY ĐÃ LÀM"


def test_without_a_sourced_step_the_slip_says_ask_the_volunteer() -> None:
    s = slip(services=["vneid", "dvc"], tutorial_id=None)
    assert [x.next_step for x in s.services] == [
        "Cần làm gì tiếp, hãy hỏi lại tình nguyện viên."] * 2
    assert not any(x.sourced for x in s.services)
    assert [x.sheet_title for x in s.services] == ["", ""]  # no tutorial named: no sheet
    assert s.urls() == ["https://vneid.gov.vn/", "https://dichvucong.gov.vn/"]
    unfinished = slip(outcome="partial")
    assert unfinished.services[0].next_step == "Việc chưa xong: hãy hỏi lại tình nguyện viên."


def test_the_sheet_qr_is_printed_only_when_it_opens_another_page() -> None:
    same = slip(services=["dvc"], tutorial_id="dvc-login")
    assert same.services[0].sheet_url == ""  # dichvucong.gov.vn already has its QR code
    other_page = slip(services=["vneid"], tutorial_id="vssid-with-vneid")
    assert other_page.urls() == ["https://vneid.gov.vn/", "https://baohiemxahoi.gov.vn/"]
    # A service with no official page of its own: the sheet's page is its one QR code.
    feedback = slip(services=["other"], tutorial_id="city-feedback")
    assert feedback.urls() == ["https://gopy.danang.gov.vn/"]
    assert feedback.services[0].sheet_title
    assert feedback.services[0].next_step.startswith("Theo dõi trả lời trên Góp ý Đà Nẵng")


def test_english_slip_and_no_hotline_line_when_none_is_set() -> None:
    s = slip(lang="en", hotline="")
    assert s.services[0].name == "VNeID e-ID account"
    assert s.services[0].next_step.startswith("Wait for the text message")
    assert s.hotline == ""
    assert s.label("title") == "DONE TODAY"


def test_many_services_are_named_not_detailed_and_unknown_codes_kept() -> None:
    s = slip(services=["vneid", "dvc", "payment", "other", "gone", "vneid"], tutorial_id=None)
    assert len(s.services) == MAX_SERVICES
    assert s.more == ("gone",)


def test_slip_for_a_record_takes_nothing_personal(store: Store, volunteer: Actor) -> None:
    seed_default_services(store)
    svc = AssistanceService(store, "Phường Hải Châu", "Tổ 5")
    draft = dataclasses.replace(
        svc.new_draft(volunteer, ["vneid"]), tutorial_id="vneid-level2", age_band="60-74",
        gender="nu", note="cần quay lại", village="Tổ 5", contact_name="Nguyễn Thị Lan",
        contact_phone="0905123456", contact_consent=True,
        contact_consent_purpose="Gọi lại khi có tin nhắn duyệt")
    record: RecordInfo = svc.log(volunteer, draft)
    s = slip_for_record(record, load_service_list(), catalogue().by_id,
                        help_point="Điểm hỗ trợ số", hotline="1022")
    printed = repr(s)
    for personal in ("Nguyễn Thị Lan", "0905123456", "Tổ 5", "Hải Châu", "cần quay lại",
                     "60-74", record.uuid, volunteer.uuid):
        assert personal not in printed
    assert s.services[0].sourced


def test_the_shipped_next_steps_are_all_sourced_from_official_or_press_pages() -> None:
    steps = load_next_steps()
    assert {"vneid-level2", "vneid-activate", "dvc-submit-pay"} <= set(steps)
    ids = {t.id for t in catalogue().tutorials}
    for step in steps.values():
        assert step.tutorial in ids, step.tutorial
        assert step.text["vi"] and step.text["en"]
        assert all(source_kind(u) is not SourceKind.OTHER for u in step.sources)


@pytest.mark.parametrize(("body", "problem"), [
    ('[[step]]\ntutorial = "vneid-level2"\ntext = { vi = "Đợi." }\nsources = []\n',
     "thiếu nguồn"),
    ('[[step]]\ntutorial = "vneid-level2"\ntext = { vi = "Đợi." }\n'
     'sources = ["https://gamehov.com/x"]\n', "không phải trang nhà nước"),
    ('[[step]]\ntutorial = "x"\ntext = { vi = "Đợi." }\n'
     'sources = ["http://vneid.gov.vn/"]\n', "không phải trang nhà nước"),
    ('[[step]]\ntutorial = "Bad Id"\ntext = { vi = "Đợi." }\n'
     'sources = ["https://vneid.gov.vn/"]\n', "mã bài"),
    ('[[step]]\ntutorial = "a"\ntext = { vi = "' + "x" * 201 + '" }\n'
     'sources = ["https://vneid.gov.vn/"]\n', "tối đa 200"),
])
def test_an_unsourced_or_bad_entry_refuses_the_whole_file(tmp_path: Path, body: str,
                                                          problem: str) -> None:
    path = tmp_path / "next-steps.toml"
    path.write_text('[[step]]\ntutorial = "dvc-track"\ntext = { vi = "Bổ sung." }\n'
                    'sources = ["https://motcuav1.quangngai.gov.vn/es/28"]\n\n' + body,
                    encoding="utf-8")
    with pytest.raises(NextStepsError) as err:
        load_next_steps(path)
    assert problem in err.value.message("vi")


def test_printed_slips_count_in_the_quota_the_reports_and_the_hub_counts(
        store: Store, staff: Actor) -> None:
    record_print(store, tutorial_id="vneid-install", sheets=2)
    record_print(store, tutorial_id=None, sheets=1, kind=SUMMARY)
    record_print(store, tutorial_id=None, sheets=1, kind=SUMMARY, ok=False)  # not counted
    record_print(store, tutorial_id=None, sheets=1, kind=TICKET)  # never counted
    assert quota_status(store, 10).printed == 3
    assert printed_today(store, SUMMARY) == 1
    figures = compute_figures(staff, store, Period(TODAY, TODAY))
    rows = {r.label: r.count for r in figures.printed_by_tutorial}
    assert rows["Phiếu “Hôm nay đã làm”"] == 1
    assert figures.printed_sheets == 3
    with store.read() as s:
        (day,) = daily_counts(s, TODAY, TODAY)
    assert day["sheets_printed"] == 3
