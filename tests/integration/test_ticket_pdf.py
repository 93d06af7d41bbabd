"""The printed queue ticket, checked with the real poppler and zbar tools, and its CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageOps
from pypdf import PdfReader

from kiosk.bring import BringItem, bring_items
from kiosk.content.loader import load_catalogue
from kiosk.files import OutputError
from kiosk.paths import resource_path
from kiosk.queue import QueueService, TicketInfo
from kiosk.store import Store
from kiosk.tickets import render_ticket, sample_ticket

ROOT = Path(__file__).resolve().parents[2]
POINT = "Điểm hỗ trợ số phường Hải Châu"
MM = 72 / 25.4
#: The longest lines a ticket may get (the content loader allows 80 characters a line).
BRING = (BringItem("Thẻ căn cước gắn chip (bản gốc)", "Your chip ID card (the original)"),
         BringItem("Điện thoại và số điện thoại bạn đang dùng",
                   "Your phone and the phone number you use"),
         BringItem("Bản gốc giấy tờ muốn tích hợp, ví dụ GPLX, thẻ BHYT",
                   "Originals of documents to add, e.g. driving licence, health insurance card"),
         BringItem("Thông tin của từng khách: họ tên, giấy tờ, ngày đến, ngày đi",
                   "Each guest's details: full name, ID document, arrival and leaving dates"))


@pytest.fixture
def ticket(store: Store) -> TicketInfo:
    queue = QueueService(store, desk_count=2)
    for _ in range(3):
        queue.issue("vneid")
    return queue.issue("vneid")  # A004, three ahead; 12 min each at 2 desks: called at 12 min


def text_of(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    return [line for line in out.splitlines() if line.strip()]


def to_png(pdf: Path) -> Path:
    stem = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf), str(stem)],
                   check=True)
    return stem.with_suffix(".png")


def qr_codes(png: Path) -> tuple[int, str]:
    found = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True,
                           text=True)
    return found.returncode, found.stdout.strip()


def test_80mm_ticket_reads_exactly_in_vietnamese(ticket: TicketInfo, tmp_path: Path) -> None:
    pdf = render_ticket(ticket, tmp_path / "ticket.pdf", 80, POINT)
    lines = text_of(pdf)
    assert lines == [
        POINT,
        "SỐ THỨ TỰ CỦA BẠN",
        "A004",
        "Tài khoản định danh VNeID",
        "Lấy số lúc 10:00 ngày 10/03/2026",
        "Số người chờ trước bạn: 3",
        "Thời gian chờ dự kiến:",
        "khoảng 12 phút",
        "Quét mã để mở trang chính thức:",
        "vneid.gov.vn",
        "Vui lòng chờ gọi số",
    ]
    assert all(unicodedata.is_normalized("NFC", line) for line in lines)


def test_58mm_ticket_has_the_same_words_wrapped_to_the_roll(ticket: TicketInfo,
                                                            tmp_path: Path) -> None:
    pdf = render_ticket(ticket, tmp_path / "ticket58.pdf", 58, POINT)
    text = " ".join(text_of(pdf))
    for expected in (POINT, "A004", "Tài khoản định danh VNeID",
                     "Lấy số lúc 10:00 ngày 10/03/2026", "Số người chờ trước bạn: 3",
                     "Thời gian chờ dự kiến: khoảng 12 phút", "Vui lòng chờ gọi số"):
        assert expected in text


@pytest.mark.parametrize("width_mm", [80, 58])
def test_ticket_is_receipt_width_and_its_height_fits_the_content(
        ticket: TicketInfo, tmp_path: Path, width_mm: int) -> None:
    pdf = render_ticket(ticket, tmp_path / "t.pdf", width_mm, POINT)
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(width_mm * MM, abs=0.5)
    png = to_png(pdf)
    with Image.open(png) as img:
        ink = ImageOps.invert(img.convert("L")).getbbox()
        height_px = img.height
    assert ink is not None
    px_per_mm = 150 / 25.4
    top_blank_mm = ink[1] / px_per_mm
    bottom_blank_mm = (height_px - ink[3]) / px_per_mm
    # Margins of a few millimetres: no tail of blank paper, nothing cut off.
    assert 2 <= top_blank_mm <= 6
    assert 2 <= bottom_blank_mm <= 6


def test_fonts_are_embedded_and_no_helvetica_is_referenced(ticket: TicketInfo,
                                                           tmp_path: Path) -> None:
    pdf = render_ticket(ticket, tmp_path / "t.pdf", 80, POINT)
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    rows = out.splitlines()[2:]
    names = [row.split()[0] for row in rows]
    assert any(n.endswith("+NotoSans-Bold") for n in names)
    assert any(n.endswith("+NotoSans-Regular") for n in names)
    assert "Helvetica" not in out
    assert all(" yes yes yes " in row for row in rows)  # embedded, subset, unicode map


@pytest.mark.parametrize("width_mm", [80, 58])
def test_qr_code_decodes_to_the_official_address(ticket: TicketInfo, tmp_path: Path,
                                                 width_mm: int) -> None:
    pdf = render_ticket(ticket, tmp_path / "t.pdf", width_mm, POINT)
    code, data = qr_codes(to_png(pdf))
    assert code == 0
    assert data == "https://vneid.gov.vn/"


def test_a_service_without_an_official_site_prints_no_qr_code(store: Store,
                                                              tmp_path: Path) -> None:
    other = QueueService(store, desk_count=2).issue("other")
    pdf = render_ticket(other, tmp_path / "d.pdf", 58, POINT)
    lines = text_of(pdf)
    assert "D001" in lines
    assert "Hỗ trợ khác" in lines
    assert "Thời gian chờ dự kiến: vài phút" in " ".join(lines)  # two lines in 48 mm
    assert not any("Quét mã" in line for line in lines)
    code, data = qr_codes(to_png(pdf))
    assert (code, data) == (4, "")  # zbarimg: no symbol found


def test_english_ticket(ticket: TicketInfo, tmp_path: Path) -> None:
    text = " ".join(text_of(render_ticket(ticket, tmp_path / "en.pdf", 80, POINT, lang="en")))
    for expected in ("YOUR NUMBER", "A004", "VNeID e-ID account", "Taken at 10:00 on 10/03/2026",
                     "People ahead of you: 3", "Estimated wait: about 12 minutes",
                     "Please wait to be called"):
        assert expected in text


def test_a_failed_render_leaves_no_file(ticket: TicketInfo, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(OutputError, match="không tồn tại"):
        render_ticket(ticket, tmp_path / "missing" / "t.pdf", 80, POINT)
    with pytest.raises(OutputError, match="chọn 80 hoặc 58 mm"):
        render_ticket(ticket, tmp_path / "t.pdf", 70, POINT)
    out = tmp_path / "out"
    out.mkdir()
    old = out / "t.pdf"
    old.write_bytes(b"old ticket")

    def broken_qr(*_args: object) -> None:
        raise RuntimeError("QR failed half way")

    monkeypatch.setattr("kiosk.tickets.qr_drawing", broken_qr)
    with pytest.raises(RuntimeError):
        render_ticket(ticket, old, 80, POINT)
    assert old.read_bytes() == b"old ticket"
    assert [p.name for p in out.iterdir()] == ["t.pdf"]  # no half-written temporary file
    assert not (tmp_path / "t.pdf").exists()


def test_test_print_says_it_is_not_a_queue_number(store: Store, tmp_path: Path) -> None:
    service = QueueService(store, desk_count=2).services()[1]
    pdf = render_ticket(sample_ticket(service, store.clock.now()), tmp_path / "s.pdf", 80,
                        POINT, test_print=True)
    lines = text_of(pdf)
    assert lines[:2] == ["PHIẾU IN THỬ –", "không dùng để xếp hàng"]
    assert "B001" in lines
    with store.read() as s:
        from db.models import Ticket

        assert s.query(Ticket).count() == 0  # a test print takes no number


# -- CLI ------------------------------------------------------------------------------------


def cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)


def test_cli_lists_services(tmp_path: Path) -> None:
    run = cli("queue", "services", data_dir=tmp_path / "data")
    assert run.returncode == 0, run.stderr
    assert "A  vneid      Tài khoản định danh VNeID (VNeID e-ID account) — đang dùng" in run.stdout
    assert "trang chính thức: https://dichvucong.gov.vn/" in run.stdout
    assert "bài hướng dẫn: bank-qr-payment-safe" in run.stdout


def test_cli_writes_a_test_ticket(tmp_path: Path) -> None:
    out = tmp_path / "phieu.pdf"
    run = cli("queue", "test-ticket", "--out", str(out), "--width", "58",
              data_dir=tmp_path / "data")
    assert run.returncode == 0, run.stderr
    assert f"Đã tạo phiếu in thử: {out}" in run.stdout
    lines = text_of(out)
    assert "A001" in lines
    assert "Vui lòng chờ gọi số" in lines
    assert float(PdfReader(out).pages[0].mediabox.width) == pytest.approx(58 * MM, abs=0.5)


@pytest.mark.parametrize(("width_mm", "lang", "mark"),
                         [(80, "vi", "SỐ ƯU TIÊN"), (58, "vi", "SỐ ƯU TIÊN"),
                          (58, "en", "PRIORITY NUMBER")])
def test_a_priority_ticket_is_marked_in_words(store: Store, tmp_path: Path, width_mm: int,
                                              lang: str, mark: str) -> None:
    info = QueueService(store).issue("vneid", priority=True)
    lines = text_of(render_ticket(info, tmp_path / "t.pdf", width_mm, POINT, lang))
    assert ("A001 ƯT" if lang == "vi" else "A001 P") in lines
    assert mark in lines
    regular = QueueService(store).issue("vneid")
    plain = text_of(render_ticket(regular, tmp_path / "r.pdf", width_mm, POINT, lang))
    assert "A002" in plain and mark not in plain


def test_cli_reports_a_bad_output_folder_plainly(tmp_path: Path) -> None:
    run = cli("queue", "test-ticket", "--out", str(tmp_path / "no" / "t.pdf"),
              data_dir=tmp_path / "data")
    assert run.returncode == 1
    assert run.stderr.startswith("Lỗi: Thư mục")
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(("width_mm", "print_mm"), [(58, 48), (80, 72)])
@pytest.mark.parametrize(("label", "priority"), [("D099", False), ("A004", False),
                                                 ("W888", False), ("W888", True)])
def test_everything_printed_fits_the_print_heads_width(store: Store, tmp_path: Path,
                                                       width_mm: int, print_mm: int,
                                                       label: str, priority: bool) -> None:
    # Outputs review defect 5: most 58 mm printers print 48 mm (384 dots at 203 dpi) and
    # 80 mm printers 72 mm; ink outside that centred band is lost on paper.
    base = QueueService(store).issue("vneid")
    wide = TicketInfo(**{**base.__dict__, "label": label, "priority": priority,
                         "bring": BRING})
    pdf = render_ticket(wide, tmp_path / "t.pdf", width_mm,
                        "Điểm hỗ trợ số thôn Tà Lang, xã Hòa Vang, TP Đà Nẵng")
    stem = tmp_path / "t"
    subprocess.run(["pdftoppm", "-png", "-r", "203", "-gray", "-singlefile", str(pdf),
                    str(stem)], check=True)
    img = Image.open(stem.with_suffix(".png"))
    ink = ImageOps.invert(img.convert("L")).point(lambda v: 255 if v > 64 else 0).getbbox()
    assert ink is not None
    dots_per_mm = img.width / width_mm
    left_mm, right_mm = ink[0] / dots_per_mm, ink[2] / dots_per_mm
    band = ((width_mm - print_mm) / 2, (width_mm + print_mm) / 2)
    assert band[0] <= left_mm and right_mm <= band[1], (left_mm, right_mm, band)
    # The number, the QR code and the words are all there, inside the band.
    assert label in " ".join(text_of(pdf))
    assert "Chuẩn bị sẵn:" in text_of(pdf)
    assert qr_codes(stem.with_suffix(".png")) == (0, "https://vneid.gov.vn/")


@pytest.mark.parametrize("width_mm", [80, 58])
@pytest.mark.parametrize("priority", [False, True])
def test_the_ticket_prints_what_to_have_ready(store: Store, tmp_path: Path, width_mm: int,
                                              priority: bool) -> None:
    """Issue #23 item 2: the VNeID ticket lists the chip card and the phone, in Vietnamese
    with every mark, between the wait and the QR code (which still decodes)."""
    queue = QueueService(store)
    info = queue.issue("vneid", priority=priority)
    svc = next(s for s in queue.services() if s.code == "vneid")
    catalogue = load_catalogue([resource_path("tutorials")])
    info = TicketInfo(**{**info.__dict__, "bring": bring_items(svc, catalogue.by_id)})
    pdf = render_ticket(info, tmp_path / "t.pdf", width_mm, POINT)
    text = " ".join(text_of(pdf))
    assert "Chuẩn bị sẵn:" in text
    for item in info.bring:
        assert item.vi in text, item.vi
    assert "Thẻ căn cước gắn chip (bản gốc)" in text
    assert text.index("Thời gian chờ dự kiến") < text.index("Chuẩn bị sẵn:") < \
        text.index("Quét mã")
    assert unicodedata.is_normalized("NFC", text)
    assert qr_codes(to_png(pdf)) == (0, "https://vneid.gov.vn/")
    english = " ".join(text_of(render_ticket(info, tmp_path / "en.pdf", width_mm, POINT,
                                             "en")))
    assert "Have ready:" in english and "Your chip ID card (the original)" in english


def test_a_ticket_with_nothing_to_bring_has_no_bring_heading(ticket: TicketInfo,
                                                             tmp_path: Path) -> None:
    assert ticket.bring == ()  # the queue service alone knows no content
    assert "Chuẩn bị sẵn:" not in text_of(render_ticket(ticket, tmp_path / "t.pdf", 80))
