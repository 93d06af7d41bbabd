"""The take-home slip "Hôm nay đã làm" (issue #23 item 3) as printed: rendered to PNG and read
back with poppler (pdftotext) and zbar (zbarimg), from a real saved record holding personal
data that must not reach the paper."""

from __future__ import annotations

import dataclasses
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.assistance import AssistanceService, RecordInfo
from kiosk.auth import Actor
from kiosk.content.loader import load_catalogue
from kiosk.paths import resource_path
from kiosk.queue import QueueService, seed_default_services
from kiosk.store import Store
from kiosk.summary import slip_for_record
from kiosk.tickets import render_summary

MM = 72 / 25.4
POINT = "Điểm hỗ trợ số phường Hải Châu"
PERSONAL = ("Nguyễn Văn Bảy", "0905123456", "Tổ 12", "ông Bảy quên mật khẩu")


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    return " ".join(out.split())


def qr_codes(pdf: Path) -> list[str]:
    stem = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf), str(stem)],
                   check=True)
    found = subprocess.run(["zbarimg", "--raw", "-q", str(stem.with_suffix(".png"))],
                           capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    return sorted(found.stdout.split())


def record(store: Store, volunteer: Actor, services: list[str], tutorial: str | None,
           outcome: str = "done") -> RecordInfo:
    seed_default_services(store)
    svc = AssistanceService(store, "Phường Hải Châu", "Tổ 12")
    draft = dataclasses.replace(
        svc.new_draft(volunteer, services), tutorial_id=tutorial, outcome=outcome,
        age_band="60-74", gender="nam", note="ông Bảy quên mật khẩu", village="Tổ 12",
        contact_name="Nguyễn Văn Bảy", contact_phone="0905123456", contact_consent=True,
        contact_consent_purpose="Gọi lại khi có tin nhắn duyệt")
    return svc.log(volunteer, draft)


@pytest.mark.parametrize("width_mm", [80, 58])
def test_level2_slip_reads_in_vietnamese_decodes_and_holds_nothing_personal(
        store: Store, volunteer: Actor, tmp_path: Path, width_mm: int) -> None:
    r = record(store, volunteer, ["vneid"], "vneid-level2")
    slip = slip_for_record(r, QueueService(store).services(),
                           load_catalogue([resource_path("tutorials")]).by_id,
                           help_point=POINT, hotline="0236 3 822 123")
    pdf = render_summary(slip, tmp_path / "slip.pdf", width_mm)
    text = text_of(pdf)
    assert unicodedata.is_normalized("NFC", text)
    for expected in (POINT, "HÔM NAY ĐÃ LÀM", "Ngày 10/03/2026", "Tài khoản định danh VNeID",
                     "Việc tiếp theo:", "Đợi tin nhắn báo hồ sơ định danh điện tử đã được phê "
                     "duyệt", "vneid.gov.vn", "Tờ hướng dẫn:", "Cần hỏi thêm, gọi: 0236 3 822 "
                     "123", "Phiếu này không ghi thông tin cá nhân."):
        assert expected in text, expected
    for personal in PERSONAL:
        assert personal not in text, personal
    assert qr_codes(pdf) == ["https://vneid.gov.vn/"]
    assert float(PdfReader(pdf).pages[0].mediabox.width) == pytest.approx(width_mm * MM,
                                                                         abs=0.5)


def test_two_services_two_pages_and_no_hotline_line_when_none_is_set(
        store: Store, volunteer: Actor, tmp_path: Path) -> None:
    r = record(store, volunteer, ["vneid", "dvc"], "vssid-with-vneid", outcome="partial")
    slip = slip_for_record(r, QueueService(store).services(),
                           load_catalogue([resource_path("tutorials")]).by_id,
                           help_point=POINT, hotline="")
    pdf = render_summary(slip, tmp_path / "slip.pdf")
    text = text_of(pdf)
    assert "Việc chưa xong: hãy hỏi lại tình nguyện viên." in text
    assert "Dịch vụ công trực tuyến" in text and "gọi" not in text
    for personal in PERSONAL:
        assert personal not in text, personal
    assert qr_codes(pdf) == ["https://dichvucong.gov.vn/", "https://vneid.gov.vn/"]


def test_english_slip(store: Store, volunteer: Actor, tmp_path: Path) -> None:
    r = record(store, volunteer, ["dvc"], "birth-registration-child")
    slip = slip_for_record(r, QueueService(store).services(),
                           load_catalogue([resource_path("tutorials")]).by_id,
                           help_point=POINT, hotline="1022", lang="en")
    text = text_of(render_summary(slip, tmp_path / "en.pdf", 58))
    assert "DONE TODAY" in text and "Online public services" in text
    assert "within 3 working days" in text and "Questions? Call: 1022" in text
