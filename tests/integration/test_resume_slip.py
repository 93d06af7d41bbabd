"""The printed resume slip (issue #22 item 4), checked with the real poppler tools: the code
exactly, in Vietnamese and English, at 80 and 58 mm, fonts embedded, the text inside the print
head's reach; and the slip a citizen gets from "In mã" through the fake printer."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageOps
from pypdf import PdfReader

from kiosk.files import OutputError
from kiosk.resume import IssuedCode
from kiosk.resume_slip import render_slip
from kiosk.store import Store

POINT = "Điểm hỗ trợ số phường Hải Châu"
MM = 72 / 25.4
# Issued 10:00 local on 10/03/2026; expires 30 days later (naive UTC).
CODE = IssuedCode(code="4827", kind="tutorial", content_id="vneid-activate", position=2,
                  expires_at=datetime(2026, 4, 9, 3, 0))
TITLE = "Kích hoạt tài khoản định danh điện tử mức 2"


def text_of(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    return [line for line in out.splitlines() if line.strip()]


def to_png(pdf: Path) -> Path:
    stem = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf), str(stem)],
                   check=True)
    return stem.with_suffix(".png")


def test_80mm_slip_reads_exactly_in_vietnamese(tmp_path: Path) -> None:
    pdf = render_slip(CODE, TITLE, 7, tmp_path / "slip.pdf", 80, POINT)
    text = " ".join(text_of(pdf))
    assert text.startswith(POINT)
    assert "MÃ HỌC TIẾP CỦA BẠN" in text
    assert "4 8 2 7" in text
    assert f"Bài: {TITLE}" in text
    assert "Bạn dừng ở bước 3/7" in text
    assert "Dùng được đến hết ngày 09/04/2026" in text
    assert "“Tiếp tục bài đang học”" in text
    assert "Mã không chứa thông tin cá nhân của bạn." in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert "Helvetica" not in fonts
    assert all(" yes " in line for line in fonts.splitlines()[2:])  # every font embedded
    page = PdfReader(pdf).pages[0]
    assert round(float(page.mediabox.width) / MM) == 80


def test_english_slip(tmp_path: Path) -> None:
    pdf = render_slip(CODE, "Activate your e-ID account", 7, tmp_path / "slip.pdf", 80,
                      POINT, lang="en")
    text = " ".join(text_of(pdf))
    assert "YOUR RESUME CODE" in text and "4 8 2 7" in text
    assert "You stopped at step 3/7" in text
    assert "“Continue where I stopped”" in text


@pytest.mark.parametrize("width", [80, 58])
def test_ink_stays_inside_the_print_head(tmp_path: Path, width: int) -> None:
    pdf = render_slip(CODE, TITLE, 7, tmp_path / "slip.pdf", width, POINT)
    png = to_png(pdf)
    image = Image.open(png).convert("L")
    box = ImageOps.invert(image).getbbox()
    assert box is not None
    reach = {80: 72, 58: 48}[width] / width * image.width
    left_margin = (image.width - reach) / 2
    assert box[0] >= left_margin - 2 and box[2] <= image.width - left_margin + 2
    assert "4 8 2 7" in " ".join(text_of(pdf))


def test_a_paper_width_the_kiosk_does_not_print_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="80 hoặc 58"):
        render_slip(CODE, TITLE, 7, tmp_path / "slip.pdf", 100)
    assert not (tmp_path / "slip.pdf").exists()


def test_the_slip_from_in_ma_carries_the_code_shown(qtbot: Any, store: Store,
                                                   data_dir: Path) -> None:
    """Leave midway, press "In mã": the fake printer got the slip with the same code; it
    renders to PNG and reads back with pdftotext."""
    from kiosk.content.loader import load_catalogue
    from tests.conftest import SAMPLE_CONTENT
    from ui import demo_kiosk
    from ui.navigator import ScreenId
    from ui.printing import FakePrinter

    printer = FakePrinter()
    kiosk = demo_kiosk.make_kiosk(store, data_dir, printer=printer, show=False,
                                  catalogue=load_catalogue([SAMPLE_CONTENT]))
    try:
        kiosk.nav.go_to(ScreenId.STEP, tutorial_id="sample-basic", step=1)
        kiosk.window.home_btn.click()
        screen = kiosk.screens[ScreenId.RESUME_CODE]
        screen.print_btn.click()
        code = screen.issued.code
    finally:
        kiosk.shutdown()
    assert len(printer.printed) == 1
    text = " ".join(text_of(printer.printed[0]))
    assert " ".join(code) in text
    assert "Bài: Bài mẫu: mở ứng dụng" in text and "bước 2/3" in text
    png = to_png(printer.printed[0])
    assert ImageOps.invert(Image.open(png).convert("L")).getbbox() is not None  # not blank
