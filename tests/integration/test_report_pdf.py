"""The monthly report PDF, read back with poppler (pdftotext, pdffonts, pdftoppm)."""

from __future__ import annotations

import json
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from db.models import ActivityDay, Assistance, AuditEvent, Volunteer
from kiosk.auth import Actor
from kiosk.files import OutputError
from kiosk.queue import seed_default_services
from kiosk.reports.export_csv import ExportError
from kiosk.reports.periods import Period
from kiosk.reports.report_pdf import LEADER_TITLE, OFFICER_TITLE, export_report_pdf
from kiosk.store import Store

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
POINT = "Điểm hỗ trợ số Tà Lang"
COMMUNE = "Phường Hải Vân"


def add_member(store: Store, name: str) -> str:
    with store.write() as s:
        v = Volunteer(display_name=name, role="volunteer", pin_hash="!test", active=True,
                      created_at=store.clock.now())
        s.add(v)
        s.flush()
        return v.uuid


def add_record(store: Store, local_start: datetime, volunteers: tuple[str, ...] = (),
               village: str = "Tà Lang", is_demo: bool = False) -> None:
    start = local_start - timedelta(hours=7)
    with store.write() as s:
        s.add(Assistance(device_id=store.device_id, created_at=start, updated_at=start,
                         started_at=start, ended_at=start + timedelta(minutes=10),
                         volunteer_uuids=list(volunteers), services=["vneid"], outcome="done",
                         channel="help_point", village=village, age_band="60-74", gender="nu",
                         satisfaction=4, is_demo=is_demo))


def active(store: Store, who: str, day: date, is_demo: bool = False) -> None:
    with store.write() as s:
        s.add(ActivityDay(volunteer_uuid=who, day=day, source="record", is_demo=is_demo))


def text_of(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def fonts_of(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def page_one_png(pdf: Path, resolution: int = 80) -> Image.Image:
    stem = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(resolution), "-f", "1", "-l", "1",
                    "-singlefile", str(pdf), str(stem)], check=True)
    return Image.open(stem.with_suffix(".png")).convert("RGB")


def red_pixels(img: Image.Image) -> int:
    colours = img.getcolors(maxcolors=1 << 24) or []
    return sum(n for n, (r, g, b) in colours if r > 170 and g < 40 and b < 40)


@pytest.fixture
def march(store: Store) -> str:
    seed_default_services(store)
    hung = add_member(store, "Tình nguyện viên Hùng")
    for day in (2, 3, 3):
        add_record(store, datetime(2026, 3, day, 9, 0), volunteers=(hung,))
    active(store, hung, date(2026, 3, 2))
    active(store, hung, date(2026, 3, 3))
    return hung


def test_the_monthly_report_reads_in_vietnamese_with_both_signature_lines(
        store: Store, staff: Actor, march: str, tmp_path: Path) -> None:
    pdf = tmp_path / "bao-cao.pdf"
    result = export_report_pdf(staff, store, MARCH, pdf, help_point=POINT, commune=COMMUNE)
    text = text_of(pdf)
    for expected in (
            "UBND PHƯỜNG HẢI VÂN",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "BÁO CÁO HOẠT ĐỘNG ĐIỂM HỖ TRỢ SỐ",
            f"{POINT} – {COMMUNE}",
            "Kỳ báo cáo: Tháng 3/2026 (01/03/2026 – 31/03/2026)",
            "Số lượt người dân được hỗ trợ 3",
            "Tài khoản định danh VNeID 3 100%",
            "Tà Lang 3 100%",
            "III. KINH PHÍ HỖ TRỢ HOẠT ĐỘNG CỦA TỔ",
            "Nghị quyết 26/2025 của HĐND TP Đà Nẵng",
            "Tình nguyện viên Hùng 2 100.000 đ 100.000 đ",
            "Tháng 3/2026 300.000 đ 0 đ 100.000 đ 200.000 đ",
            "Chưa xem được toàn văn",
            LEADER_TITLE, OFFICER_TITLE, "(Ký, ghi rõ họ tên, đóng dấu)",
            f"{COMMUNE}, ngày 10 tháng 03 năm 2026"):
        assert expected in text, expected
    assert "DỮ LIỆU MẪU" not in text
    assert result.rows == 3
    assert result.includes_demo is False


def test_only_the_bundled_font_is_used_and_it_is_embedded(
        store: Store, staff: Actor, march: str, tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    export_report_pdf(staff, store, MARCH, pdf, help_point=POINT, commune=COMMUNE)
    fonts = fonts_of(pdf)
    assert fonts
    for row in fonts:
        assert "NotoSans" in row[0], row
        assert row[-5] == "yes"  # emb
    assert not any("Helvetica" in row[0] for row in fonts)


def test_demo_data_puts_a_red_banner_on_the_report(store: Store, staff: Actor, march: str,
                                                   tmp_path: Path) -> None:
    clean = tmp_path / "clean.pdf"
    export_report_pdf(staff, store, MARCH, clean, help_point=POINT, commune=COMMUNE)
    add_record(store, datetime(2026, 3, 4, 9, 0), is_demo=True)
    demo = tmp_path / "demo.pdf"
    result = export_report_pdf(staff, store, MARCH, demo, help_point=POINT, commune=COMMUNE)
    text = text_of(demo)
    pages = text.count("\f")
    assert result.includes_demo is True
    assert text.count("CÓ DỮ LIỆU MẪU (DEMO)") >= pages + 1  # top banner + every footer
    assert red_pixels(page_one_png(demo)) > 2000
    assert red_pixels(page_one_png(clean)) == 0


def test_a_period_across_the_rule_change_shows_both_rules_and_both_caps(
        store: Store, staff: Actor, tmp_path: Path) -> None:
    an = add_member(store, "An")
    active(store, an, date(2025, 12, 30))
    active(store, an, date(2026, 1, 2))
    pdf = tmp_path / "tet.pdf"
    export_report_pdf(staff, store, Period(date(2025, 12, 15), date(2026, 1, 15)), pdf,
                      what="allowance", help_point=POINT, commune=COMMUNE)
    text = text_of(pdf)
    assert "BẢNG KÊ KINH PHÍ HỖ TRỢ TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG" in text
    assert "Nghị quyết 36/2024/NQ-HĐND" in text
    assert "Nghị quyết 26/2025 của HĐND TP Đà Nẵng" in text
    assert "Năm 2025 3.000.000 đ 0 đ 50.000 đ 2.950.000 đ" in text
    assert "Tháng 1/2026 300.000 đ 0 đ 50.000 đ 250.000 đ" in text
    assert "Kỳ báo cáo có thay đổi quy định" in text
    assert "I. KẾT QUẢ" not in text  # allowance only
    assert LEADER_TITLE in text and OFFICER_TITLE in text


def test_an_empty_month_still_makes_a_report(store: Store, staff: Actor,
                                             tmp_path: Path) -> None:
    pdf = tmp_path / "empty.pdf"
    export_report_pdf(staff, store, MARCH, pdf)
    text = text_of(pdf)
    assert "Số lượt người dân được hỗ trợ 0" in text
    assert "Không có số liệu trong kỳ." in text
    assert "Không có thành viên nào hoạt động trong kỳ." in text
    assert "UBND XÃ/PHƯỜNG" in text  # blank commune: a line to fill in by hand


def test_many_villages_flow_onto_further_pages(store: Store, staff: Actor,
                                               tmp_path: Path) -> None:
    for i in range(60):
        add_record(store, datetime(2026, 3, 1 + i % 28, 9, 0), village=f"Tổ dân phố {i + 1}")
    pdf = tmp_path / "long.pdf"
    export_report_pdf(staff, store, MARCH, pdf)
    text = text_of(pdf)
    assert "Tổ dân phố 60 1" in text
    assert text.count("\f") >= 3


def test_the_report_is_audited_and_atomic(store: Store, staff: Actor, march: str,
                                          tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        export_report_pdf(staff, store, MARCH, tmp_path / "gone" / "r.pdf")
    assert not (tmp_path / "gone").exists()
    with pytest.raises(ExportError, match="không liệt kê từng bản ghi"):
        export_report_pdf(staff, store, MARCH, tmp_path / "r.pdf", what="records")
    assert not (tmp_path / "r.pdf").exists()
    export_report_pdf(staff, store, MARCH, tmp_path / "r.pdf")
    with store.read() as s:
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "export.pdf")))
    assert len(events) == 1
    assert events[0].actor == staff.audit_name
    assert json.loads(events[0].detail)["what"] == "summary"


def test_practice_counts_are_in_the_report_next_to_tutorials(
        store: Store, staff: Actor, march: str, tmp_path: Path) -> None:
    """Issue #22 item 5: "Tập thử" started, finished and the screen wrong most."""
    from kiosk.usage import UsageRecorder

    usage = UsageRecorder(store)
    for done in (True, False):
        run = usage.new_run("scam-fake-police")
        usage.record(run, "practice_open")
        usage.record(run, "practice_wrong", 2)
        usage.record(run, "practice_done" if done else "practice_left", 3 if done else 2)
    pdf = tmp_path / "r.pdf"
    export_report_pdf(staff, store, MARCH, pdf, help_point=POINT, commune=COMMUNE)
    text = text_of(pdf)
    assert "Bài tập thử Bắt đầu Tập xong Tỉ lệ Màn hay sai nhất" in text
    assert "2 1 50% Màn 2 (2 lần)" in text, text


def test_the_report_counts_home_visits_done_and_still_waiting(
        store: Store, staff: Actor, volunteer: Actor, tmp_path: Path) -> None:
    """The figures' home-visit counts (kiosk.home_visits.visit_figures_in) reach the PDF."""
    from kiosk.assistance import AssistanceService
    from kiosk.home_visits import HomeVisitService, VisitDraft

    seed_default_services(store)
    visits = HomeVisitService(store, AssistanceService(store, COMMUNE), COMMUNE)
    made = [visits.create(volunteer, VisitDraft(village="Tà Lang", household=who,
                                                service_code="vneid"))
            for who in ("Bà Tư", "Ông Hai", "Bà Ba")]
    visits.mark_done(volunteer, made[0].uuid)
    pdf = tmp_path / "r.pdf"
    export_report_pdf(staff, store, MARCH, pdf, help_point=POINT, commune=COMMUNE)
    text = text_of(pdf)
    assert "Đến nhà hỗ trợ: đã xong / còn chờ 1 / 2" in text
    assert "Bà Tư" not in text  # counts only
