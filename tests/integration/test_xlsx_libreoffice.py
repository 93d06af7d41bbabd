"""The XLSX export opens in LibreOffice with the Vietnamese intact (issue #18 item 4).

LibreOffice Calc (headless, ``libreoffice-calc-nogui`` from ``scripts/setup.sh``) converts every
sheet of a real export to CSV, as a commune officer's spreadsheet program would read it: sheet
names, headers, titles and the text cells must come back with every diacritic (stacked marks
included), dates shown as dd/mm/yyyy, formulas still text.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.auth import Actor
from kiosk.queue import seed_default_services
from kiosk.reports.export_xlsx import SHEET_ALLOWANCE, SHEET_RECORDS, SHEET_SUMMARY, export_xlsx
from kiosk.store import Store
from tests.unit.test_exports import EVIL, MARCH, add_member, add_record

SOFFICE = shutil.which("soffice")
# Every sheet (-1), UTF-8 (76), comma, double quotes, cells as shown.
CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'


def sheets_as_libreoffice_reads_them(xlsx: Path, out: Path) -> dict[str, list[list[str]]]:
    """Each sheet of ``xlsx`` converted to CSV by LibreOffice itself, by sheet name."""
    profile = out / "lo-profile"  # its own profile: other soffice runs on the machine
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", CSV_FILTER, "--outdir", str(out), str(xlsx)],
                   check=True, capture_output=True, timeout=240)
    sheets = {}
    for name in (SHEET_SUMMARY, SHEET_RECORDS, SHEET_ALLOWANCE):
        path = out / f"{xlsx.stem}-{name}.csv"
        with path.open(encoding="utf-8", newline="") as fh:
            sheets[name] = list(csv.reader(fh))
    return sheets


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is installed by scripts/setup.sh")
def test_the_workbook_opens_in_libreoffice_with_vietnamese_intact(
        store: Store, staff: Actor, tmp_path: Path) -> None:
    seed_default_services(store)
    hung = add_member(store, "Nguyễn Thị Hường")
    add_record(store, datetime(2026, 3, 2, 9, 0), village="Thôn Phú Túc – Hòa Ninh",
               volunteers=(hung,))
    add_record(store, datetime(2026, 3, 3, 14, 5), village="Xã Bà Nà, Tổ Ể Ẫ Ổ")
    add_record(store, datetime(2026, 3, 4, 9, 0), village=EVIL, is_demo=True)
    out = export_xlsx(staff, store, MARCH, tmp_path / "báo cáo.xlsx",
                      help_point="Điểm hỗ trợ số Tà Lang", commune="Phường Hải Vân").path

    sheets = sheets_as_libreoffice_reads_them(out, tmp_path)

    summary = [c for row in sheets[SHEET_SUMMARY] for c in row if c]
    assert summary[0] == "BÁO CÁO TỔNG HỢP ĐIỂM HỖ TRỢ SỐ"
    assert "Điểm hỗ trợ số Tà Lang, Phường Hải Vân" in summary
    assert any(c.startswith("CÓ DỮ LIỆU MẪU") for c in summary)

    records = sheets[SHEET_RECORDS]
    header = records[0]
    assert header[:5] == ["Mã bản ghi", "Mã máy", "Dữ liệu mẫu", "Ngày", "Bắt đầu"]
    assert "Thành viên hỗ trợ" in header
    by_village = {r[header.index("Thôn/TDP")]: r for r in records[1:]}
    assert set(by_village) == {"Thôn Phú Túc – Hòa Ninh", "Xã Bà Nà, Tổ Ể Ẫ Ổ", "'" + EVIL}
    first = by_village["Thôn Phú Túc – Hòa Ninh"]
    assert first[header.index("Thành viên hỗ trợ")] == "Nguyễn Thị Hường"
    assert first[header.index("Ngày")] == "02/03/2026"  # a real date, shown dd/mm/yyyy
    assert first[header.index("Bắt đầu")] == "02/03/2026 09:00"
    assert by_village["'" + EVIL][header.index("Dữ liệu mẫu")] == "Có"

    allowance = [c for row in sheets[SHEET_ALLOWANCE] for c in row if c]
    assert allowance[0] == "KINH PHÍ HỖ TRỢ TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG"
    assert {"Thành viên", "Được hỗ trợ (đồng)", "Chi tiết theo ngày"} <= set(allowance)
