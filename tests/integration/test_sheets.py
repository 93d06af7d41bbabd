"""Printed how-to sheets and booklets, checked with the real poppler and zbar tools, and the CLI."""

from __future__ import annotations

import dataclasses
import errno
import logging
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from kiosk.config import defaults, save_config
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue, Text, Tutorial
from kiosk.files import OutputError
from kiosk.sheets import render_booklet, render_sheet

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
PLACE = {"help_point": "Điểm hỗ trợ số thôn Tà Lang", "commune": "Xã Hòa Bắc",
         "hotline": "0236 3 123 456"}
STEP_LINK = "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"
A4_PT = (595.3, 841.9)
A5_PT = (419.5, 595.3)


# -- helpers -----------------------------------------------------------------------------------

def text_of(pdf: Path, page: int | None = None) -> str:
    """pdftotext -raw, whitespace collapsed (line wraps become single spaces)."""
    cmd = ["pdftotext", "-raw"]
    if page is not None:
        cmd += ["-f", str(page), "-l", str(page)]
    out = subprocess.run([*cmd, str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


def fonts_of(pdf: Path) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) for every font pdffonts lists."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    rows = []
    for line in out:
        parts = line.split()
        # name type... encoding emb sub uni object ID: emb is the 5th field from the end.
        rows.append((parts[0], parts[-5]))
    return rows


def pages_of(pdf: Path) -> int:
    return len(PdfReader(str(pdf)).pages)


def qr_codes(pdf: Path, tmp: Path) -> list[str]:
    """Every QR code zbarimg finds on every page, rendered at 150 dpi."""
    stem = tmp / f"{pdf.stem}-page"
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(stem)], check=True)
    found: list[str] = []
    for png in sorted(tmp.glob(f"{pdf.stem}-page*.png")):
        res = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True,
                             text=True)
        if res.returncode == 0:
            found += [line for line in res.stdout.splitlines() if line.strip()]
    return found


REAL_LENGTH_TEXT = Text({"vi": (
    "Mở ứng dụng VNeID trên điện thoại. Bấm vào ô có chữ Đăng nhập, rồi nhập số định danh cá "
    "nhân in trên thẻ căn cước và mật khẩu của bạn. Bấm nút màu xanh để tiếp tục. Nếu quên "
    "mật khẩu, hãy hỏi tình nguyện viên.")})


def longer(t: Tutorial) -> Tutorial:
    """The sample with 6 steps of a real tutorial's text length (about 200 characters)."""
    steps = tuple(dataclasses.replace(s, text=REAL_LENGTH_TEXT) for s in t.steps * 2)
    return dataclasses.replace(t, steps=steps)


def with_step_link(t: Tutorial) -> Tutorial:
    steps = list(t.steps)
    steps[0] = dataclasses.replace(steps[0], link=STEP_LINK)
    return dataclasses.replace(t, steps=tuple(steps))


@pytest.fixture
def tutorial(sample_catalogue: Catalogue) -> Tutorial:
    t = sample_catalogue.by_id("sample-basic")
    assert t is not None
    return t


@pytest.fixture
def own_content(tmp_path: Path) -> Path:
    """A private copy of the fixture content, so a test may break its pictures."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    return root


# -- fonts and text ----------------------------------------------------------------------------

@pytest.mark.parametrize(("size", "lang", "large"),
                         [("A4", "vi", False), ("A5", "vi", True), ("A4", "en", True)])
def test_only_embedded_noto_sans_subsets(tutorial: Tutorial, tmp_path: Path, size: str,
                                         lang: str, large: bool) -> None:
    pdf = render_sheet(tutorial, tmp_path / "s.pdf", size=size, lang=lang, large=large,
                       **PLACE).path  # type: ignore[arg-type]
    fonts = fonts_of(pdf)
    assert {name.split("+")[1] for name, _ in fonts} == {"NotoSans-Regular", "NotoSans-Bold"}
    for name, embedded in fonts:
        assert re.fullmatch(r"[A-Z]{6}\+NotoSans-(Regular|Bold)", name), name
        assert embedded == "yes", name


def test_vietnamese_text_reads_back_exactly(tutorial: Tutorial, tmp_path: Path) -> None:
    result = render_sheet(tutorial, tmp_path / "vi.pdf", **PLACE)
    text = text_of(result.path)
    assert unicodedata.is_normalized("NFC", text)
    expected = [PLACE["help_point"], "Xã Hòa Bắc · Điện thoại: 0236 3 123 456",
                "Bài mẫu: mở ứng dụng", "Bài ngắn để kiểm thử. (Khoảng 5 phút)",
                "Cần mang theo", "• Điện thoại của bạn",
                "Quét mã bằng điện thoại để mở trang chính thức: https://vneid.gov.vn/",
                "Cảnh báo: Không bao giờ đọc mã OTP cho người khác.",
                "Cần giúp thêm? Hãy đến Điểm hỗ trợ số thôn Tà Lang, Xã Hòa Bắc. "
                "Điện thoại: 0236 3 123 456",
                "Nội dung kiểm tra lần cuối: 01/11/2026",
                f"Trang 1/{result.pages}"]
    for step in tutorial.steps:
        expected += [step.title.get("vi"), step.text.get("vi")]
    for piece in expected:
        assert piece in text, piece
    # Steps are numbered in order: each title follows its big number.
    positions = [text.index(f"{n} {s.title.get('vi')}") for n, s in
                 enumerate(tutorial.steps, start=1)]
    assert positions == sorted(positions)
    assert "Nguồn: Hướng dẫn kích hoạt tài khoản định danh điện tử" in text


def test_footer_numbers_every_page(tutorial: Tutorial, tmp_path: Path) -> None:
    result = render_sheet(longer(tutorial), tmp_path / "long.pdf", size="A5", **PLACE)
    assert result.pages >= 2
    assert result.pages == pages_of(result.path)
    for n in range(1, result.pages + 1):
        assert f"Trang {n}/{result.pages}" in text_of(result.path, n)


def test_english_sheet_falls_back_to_vietnamese_per_text(tutorial: Tutorial,
                                                         tmp_path: Path) -> None:
    steps = list(tutorial.steps)
    steps[0] = dataclasses.replace(steps[0], text=Text({"vi": "Chỉ có bản tiếng Việt."}))
    t = dataclasses.replace(tutorial, steps=tuple(steps))
    text = text_of(render_sheet(t, tmp_path / "en.pdf", lang="en", **PLACE).path)
    for piece in ("Sample: open the app", "What to bring", "Your phone", "Open the VNeID app",
                  "Chỉ có bản tiếng Việt.", "Press the blue Start button.",
                  "Warning: Never read your OTP to anyone.", "Content last checked: 01/11/2026",
                  "Page 1/"):
        assert piece in text, piece
    assert "Tap the VNeID icon" not in text


# -- QR codes ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("size", "large"), [("A4", False), ("A5", True)])
def test_every_qr_code_decodes_to_its_link(tutorial: Tutorial, tmp_path: Path, size: str,
                                           large: bool) -> None:
    t = with_step_link(tutorial)
    pdf = render_sheet(t, tmp_path / "qr.pdf", size=size, large=large, **PLACE).path  # type: ignore[arg-type]
    codes = qr_codes(pdf, tmp_path)
    # Official link once, step 1's link, and step 2 (which links the official page too).
    assert sorted(codes) == sorted([t.official_link, STEP_LINK, t.steps[1].link])


def test_no_official_page_means_no_official_qr(tutorial: Tutorial, tmp_path: Path) -> None:
    # No official link and no official source (an official source would get the QR).
    press = tuple(dataclasses.replace(s, url="https://plo.vn/bai-viet") for s in tutorial.sources)
    t = dataclasses.replace(tutorial, official_link="", sources=press)
    pdf = render_sheet(t, tmp_path / "noqr.pdf", **PLACE).path
    assert qr_codes(pdf, tmp_path) == [t.steps[1].link]
    assert "trang chính thức" not in text_of(pdf)


# -- sizes -------------------------------------------------------------------------------------

def test_a5_and_large_print_take_more_pages_than_a4(tutorial: Tutorial, tmp_path: Path) -> None:
    t = longer(tutorial)
    pages = {}
    for size in ("A4", "A5"):
        for large in (False, True):
            r = render_sheet(t, tmp_path / f"{size}{large}.pdf", size=size,  # type: ignore[arg-type]
                             large=large, **PLACE)
            pages[size, large] = r.pages
            width, height = (float(v) for v in PdfReader(str(r.path)).pages[0].mediabox[2:])
            assert (round(width, 1), round(height, 1)) == (A4_PT if size == "A4" else A5_PT)
    assert pages["A5", False] > pages["A4", False]
    assert pages["A4", True] > pages["A4", False]
    assert pages["A5", True] > pages["A5", False]


def test_unknown_size_or_language_is_refused(tutorial: Tutorial, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Khổ giấy"):
        render_sheet(tutorial, tmp_path / "x.pdf", size="Letter")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Ngôn ngữ"):
        render_sheet(tutorial, tmp_path / "x.pdf", lang="fr")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


# -- pictures ----------------------------------------------------------------------------------

def test_deleted_picture_prints_a_placeholder_and_logs(own_content: Path, tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    t = load_catalogue([own_content]).by_id("sample-basic")
    assert t is not None
    (own_content / "sample-basic" / "images" / "step-02.svg").unlink()
    with caplog.at_level(logging.WARNING, logger="kiosk.sheets"):
        pdf = render_sheet(t, tmp_path / "missing.pdf", **PLACE).path
    text = text_of(pdf)
    assert text.count("Không có hình") == 1
    assert "Bấm nút màu xanh có chữ Bắt đầu." in text
    assert any("sample-basic step 2" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("garbage", [b"not an svg at all", b"<svg xmlns='http://www.w3.org/2000/svg'",
                                     b"<html><body>oops</body></html>"])
def test_broken_svg_prints_a_placeholder(own_content: Path, tmp_path: Path, garbage: bytes,
                                         caplog: pytest.LogCaptureFixture) -> None:
    t = load_catalogue([own_content]).by_id("sample-basic")
    assert t is not None
    (own_content / "sample-basic" / "images" / "step-02.svg").write_bytes(garbage)
    with caplog.at_level(logging.WARNING, logger="kiosk.sheets"):
        pdf = render_sheet(t, tmp_path / "broken.pdf", lang="en", **PLACE).path
    assert text_of(pdf).count("No picture") == 1
    assert any("step 2" in r.getMessage() for r in caplog.records)


def test_png_pictures_are_printed_and_broken_ones_replaced(own_content: Path,
                                                           tmp_path: Path) -> None:
    images = own_content / "sample-basic" / "images"
    Image.new("RGB", (480, 360), "#1565c0").save(images / "step-01.png")
    (images / "step-02.png").write_bytes(b"\x89PNG\r\n\x1a\nbroken")
    toml = own_content / "sample-basic" / "tutorial.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("step-01.svg", "step-01.png")
                    .replace("step-02.svg", "step-02.png"), encoding="utf-8")
    t = load_catalogue([own_content]).by_id("sample-basic")
    assert t is not None
    assert t.steps[1].image is not None
    pdf = render_sheet(t, tmp_path / "png.pdf", **PLACE).path
    assert text_of(pdf).count("Không có hình") == 1  # only the broken step 2
    reader = PdfReader(str(pdf))
    xobjects = [x for p in reader.pages for x in (p["/Resources"].get("/XObject") or {})]
    assert xobjects, "the good PNG is embedded as an image"


# -- booklet -----------------------------------------------------------------------------------

def test_booklet_has_contents_and_each_tutorial_on_a_new_page(tutorial: Tutorial,
                                                              tmp_path: Path) -> None:
    second = dataclasses.replace(longer(tutorial), id="sample-two",
                                 title=Text({"vi": "Bài thứ hai: gửi hồ sơ"}))
    third = dataclasses.replace(tutorial, id="sample-three",
                                title=Text({"vi": "Bài thứ ba: tra cứu"}))
    calls: list[tuple[int, int]] = []
    book = render_booklet([tutorial, second, third], tmp_path / "book.pdf",
                          progress=lambda done, total: calls.append((done, total)), **PLACE)
    assert book.pages == pages_of(book.path)
    cover = text_of(book.path, 1)
    assert "SỔ TAY HƯỚNG DẪN Sử dụng dịch vụ số" in cover
    assert "Gồm 3 bài hướng dẫn" in cover
    contents_page = text_of(book.path, 2)
    assert "Mục lục" in contents_page
    titles = ["Bài mẫu: mở ứng dụng", "Bài thứ hai: gửi hồ sơ", "Bài thứ ba: tra cứu"]
    assert [e.title for e in book.contents] == titles
    starts = [e.page for e in book.contents]
    assert starts[0] == 3
    assert starts == sorted(starts)
    assert len(set(starts)) == 3
    for n, (title, page) in enumerate(zip(titles, starts, strict=True), start=1):
        assert f"{n}. {title} {page}" in contents_page
        page_text = text_of(book.path, page)
        # A new page: the tutorial's own band and title come first, nothing before them.
        assert page_text.startswith(PLACE["help_point"]), page_text[:80]
        assert title in page_text
        previous = text_of(book.path, page - 1)
        assert title not in previous or page - 1 == 2
    # Progress: starts at 0, never goes back, ends at total.
    assert calls[0] == (0, calls[0][1])
    assert calls[-1] == (calls[0][1], calls[0][1])
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_booklet_needs_at_least_one_tutorial(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Chưa chọn bài"):
        render_booklet([], tmp_path / "empty.pdf")
    assert list(tmp_path.iterdir()) == []


# -- writing safely ----------------------------------------------------------------------------

def test_missing_folder_raises_a_vietnamese_error_and_writes_nothing(tutorial: Tutorial,
                                                                     tmp_path: Path) -> None:
    target = tmp_path / "usb" / "sheet.pdf"
    with pytest.raises(OutputError, match="không tồn tại"):
        render_sheet(tutorial, target, **PLACE)
    assert not target.parent.exists()
    with pytest.raises(OutputError):
        render_booklet([tutorial], target, **PLACE)
    assert list(tmp_path.iterdir()) == []


def test_path_that_is_a_folder_is_refused_without_leftovers(tutorial: Tutorial,
                                                            tmp_path: Path) -> None:
    folder = tmp_path / "out.pdf"
    folder.mkdir()
    with pytest.raises(OutputError, match="Không ghi được"):
        render_sheet(tutorial, folder, **PLACE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]
    assert list(folder.iterdir()) == []


def test_disk_full_mid_write_keeps_the_old_file(tutorial: Tutorial, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"old sheet")

    def full_disk(self: Canvas) -> None:
        with open(self._filename, "wb") as fh:
            fh.write(b"%PDF-1.4 half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Canvas, "save", full_disk)
    with pytest.raises(OutputError, match="Tệp cũ"):
        render_sheet(tutorial, target, **PLACE)
    assert target.read_bytes() == b"old sheet"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]


# -- command line ------------------------------------------------------------------------------

@pytest.fixture
def cli_env(tmp_path: Path, data_dir: Path) -> dict[str, str]:
    """Resources with only the fixture tutorials, plus an extra content folder in the config."""
    resources = tmp_path / "resources"
    resources.mkdir()
    (resources / "fonts").symlink_to(ROOT / "resources" / "fonts")
    shutil.copytree(FIXTURE_CONTENT, resources / "tutorials")
    extra = tmp_path / "usb-content"
    shutil.copytree(FIXTURE_CONTENT / "sample-basic", extra / "extra-guide")
    toml = extra / "extra-guide" / "tutorial.toml"
    toml.write_text(toml.read_text(encoding="utf-8")
                    .replace('id = "sample-basic"', 'id = "extra-guide"')
                    .replace("Bài mẫu: mở ứng dụng", "Bài từ USB"), encoding="utf-8")
    cfg = defaults().replace(help_point_name=PLACE["help_point"], commune=PLACE["commune"],
                             hotline=PLACE["hotline"], extra_content_dirs=[str(extra)])
    save_config(data_dir, cfg)
    env = dict(os.environ, KIOSK_RESOURCES=str(resources), KIOSK_DATA_DIR=str(data_dir),
               PYTHONPATH=str(ROOT))
    return env


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", "sheet", *args], env=env,
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_cli_unknown_id_exits_1_and_lists_known_ids(cli_env: dict[str, str],
                                                    tmp_path: Path) -> None:
    res = run_cli(cli_env, "sample-basic", "no-such-guide", "--out", str(tmp_path / "o"))
    assert res.returncode == 1
    assert "Lỗi:" in res.stderr
    assert "no-such-guide" in res.stderr
    assert "sample-basic" in res.stderr
    assert "extra-guide" in res.stderr
    assert not (tmp_path / "o").exists()


def test_cli_one_id_writes_one_file_with_the_configured_help_point(
        cli_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "to.pdf"
    res = run_cli(cli_env, "extra-guide", "--out", str(out), "--size", "A5", "--large")
    assert res.returncode == 0, res.stderr
    assert str(out) in res.stdout
    text = text_of(out)
    assert "Bài từ USB" in text
    assert PLACE["help_point"] in text
    assert "0236 3 123 456" in text
    width, _ = (float(v) for v in PdfReader(str(out)).pages[0].mediabox[2:])
    assert round(width, 1) == A5_PT[0]


def test_cli_several_ids_write_a_folder_or_one_booklet(cli_env: dict[str, str],
                                                       tmp_path: Path) -> None:
    folder = tmp_path / "sheets"
    res = run_cli(cli_env, "--all", "--out", str(folder), "--lang", "en")
    assert res.returncode == 0, res.stderr
    # Named like the screen names them (kiosk.sheets.sheet_file_name): the variant shows.
    assert sorted(p.name for p in folder.iterdir()) == ["extra-guide-en.pdf",
                                                        "sample-basic-en.pdf"]
    assert "Sample: open the app" in text_of(folder / "sample-basic-en.pdf")

    book = tmp_path / "book.pdf"
    res = run_cli(cli_env, "sample-basic", "extra-guide", "--booklet", "--out", str(book))
    assert res.returncode == 0, res.stderr
    contents = text_of(book, 2)
    assert "Bài mẫu: mở ứng dụng" in contents
    assert "Bài từ USB" in contents


def test_cli_unwritable_out_exits_1_and_leaves_nothing(cli_env: dict[str, str],
                                                       tmp_path: Path) -> None:
    res = run_cli(cli_env, "sample-basic", "--out", str(tmp_path / "nope" / "x.pdf"))
    assert res.returncode == 1
    assert "Lỗi:" in res.stderr
    assert "không tồn tại" in res.stderr
    assert not (tmp_path / "nope").exists()
