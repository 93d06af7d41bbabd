"""Report labels that mean what they say (outputs review, defects 6 and 7)."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kiosk.auth import Actor
from kiosk.clock import FakeClock
from kiosk.demo import generate_demo
from kiosk.reports.export_xlsx import export_xlsx
from kiosk.reports.periods import Period
from kiosk.reports.report_pdf import export_report_pdf
from kiosk.store import Store

# 40 days ending 28/03/2026, 30 records a day: over a thousand records, across two months.
PERIOD = Period(date(2026, 2, 17), date(2026, 3, 28))


@pytest.fixture
def busy(store: Store, staff: Actor, clock: FakeClock) -> Store:
    clock.set(datetime(2026, 3, 28, 3, 0))
    generate_demo(store, days=40, per_day=30, seed=3)
    return store


def test_xlsx_allowance_column_is_the_total_and_the_period_is_written_once(
        busy: Store, staff: Actor, tmp_path: Path) -> None:
    out = export_xlsx(staff, busy, PERIOD, tmp_path / "r.xlsx").path
    wb = load_workbook(out, read_only=True)
    rows = [[c for c in r if c is not None] for r in wb["Kinh phí hỗ trợ"].iter_rows(
        values_only=True)]
    header = rows[4]
    assert "Mức theo ngày (đồng)" not in header
    assert "Tổng theo mức ngày (đồng)" in header
    period_rows = [r[0] for r in rows[:4] if r and str(r[0]).startswith("Kỳ báo cáo")]
    assert period_rows == ["Kỳ báo cáo: 17/02/2026 – 28/03/2026"]


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_pdf_counts_have_thousands_separators_and_the_period_once(
        busy: Store, staff: Actor, tmp_path: Path) -> None:
    text = pdf_text(export_report_pdf(staff, busy, PERIOD, tmp_path / "r.pdf").path)
    assert "Số lượt người dân được hỗ trợ" in text
    line = next(ln for ln in text.splitlines() if "Số lượt người dân được hỗ trợ" in ln)
    assert "1.200" in line, line
    heading = next(ln for ln in text.splitlines() if "Kỳ báo cáo" in ln)
    assert heading.strip() == "Kỳ báo cáo: 17/02/2026 – 28/03/2026"


def test_daily_chart_labels_do_not_collide_over_long_periods() -> None:
    from datetime import timedelta

    from kiosk.reports.report_pdf import day_labels

    days = [date(2026, 2, 17) + timedelta(days=i) for i in range(60)]
    labels = day_labels(days)
    shown = [i for i, text in enumerate(labels) if text]
    assert len(shown) <= 18
    assert min(b - a for a, b in zip(shown, shown[1:], strict=False)) >= 3
    assert labels[0] == "17/2" and labels[12] == "1/3" and labels[43] == "1/4"
    short = [date(2026, 3, 1) + timedelta(days=i) for i in range(10)]
    assert day_labels(short) == [str(i) for i in range(1, 11)]


def test_the_member_share_reading_is_printed_and_marked_unverified(
        busy: Store, staff: Actor, tmp_path: Path) -> None:
    # Outputs review item 14: NQ 26/2025's split between person-days and telecom/stationery.
    text = " ".join(pdf_text(export_report_pdf(staff, busy, PERIOD, tmp_path / "a.pdf",
                                               what="allowance").path).split())
    assert "Phần trả cho thành viên (nước uống, xăng xe): tối đa 300.000 đ/tổ/tháng" in text
    assert "chưa xác minh với toàn văn quy định" in text
    wb = load_workbook(export_xlsx(staff, busy, PERIOD, tmp_path / "a.xlsx").path,
                       read_only=True)
    cells = [c for row in wb["Kinh phí hỗ trợ"].iter_rows(values_only=True) for c in row if c]
    assert any(str(c).startswith("Phần trả cho thành viên") for c in cells)
