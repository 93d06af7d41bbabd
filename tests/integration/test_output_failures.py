"""Clean failures for every output format (outputs review: defects 1, 2 and 10).

A staff member who writes to a full USB stick, a place they cannot write, or runs a command
that needs a PIN without a terminal sees one ``Lỗi:`` line and exit code 1: no Python
warnings, no "Exception ignored … Traceback" noise, no half-written folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.clock import FakeClock
from kiosk.demo import generate_demo
from kiosk.store import Store

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("full_disk_child.py")
NOISE = ("Exception ignored", "Traceback", "Warning", "getpass")


def cli(*args: str, budget: int | None = None, env: dict[str, str] | None = None,
        ) -> subprocess.CompletedProcess[str]:
    prefix = [str(CHILD), str(budget)] if budget is not None else ["-m", "kiosk"]
    run_env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    run_env.pop("KIOSK_STAFF_PIN", None)
    return subprocess.run([sys.executable, *prefix, *args], cwd=ROOT, env=run_env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=300)


def one_error_line(res: subprocess.CompletedProcess[str]) -> str:
    assert res.returncode == 1, (res.stdout, res.stderr)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("Lỗi: ")
    assert not any(n in res.stderr for n in NOISE), res.stderr
    return lines[0]


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("demo")
    # 28/03/2026 10:00 local: thirty days of demo data inside March.
    store = Store.open(d, clock=FakeClock(__import__("datetime").datetime(2026, 3, 28, 3)))
    try:
        generate_demo(store, days=20, per_day=12, seed=7)
    finally:
        store.close()
    return d


MARCH = ("--from", "2026-03-01", "--to", "2026-03-31")


@pytest.mark.parametrize("budget", [0, 6_000, 40_000])
def test_xlsx_on_a_full_disk_is_one_line_and_keeps_the_old_file(demo_dir: Path, tmp_path: Path,
                                                                budget: int) -> None:
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"old report")
    res = cli("--data-dir", str(demo_dir), "export", *MARCH, "--format", "xlsx", "--out",
              str(out), budget=budget)
    line = one_error_line(res)
    assert "r.xlsx" in line
    assert "Tệp cũ (nếu có) vẫn còn nguyên" in line
    assert "ổ đĩa hoặc USB đã đầy" in line  # said in Vietnamese, not "No space left…"
    assert out.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


def test_xlsx_to_an_unwritable_place_is_one_line(demo_dir: Path) -> None:
    res = cli("--data-dir", str(demo_dir), "export", *MARCH, "--format", "xlsx", "--out",
              "/proc/r.xlsx")
    assert "/proc" in one_error_line(res)


@pytest.mark.parametrize("fmt", ["csv", "pdf"])
def test_csv_and_pdf_on_a_full_disk_are_one_line(demo_dir: Path, tmp_path: Path,
                                                 fmt: str) -> None:
    out = tmp_path / f"r.{fmt}"
    res = cli("--data-dir", str(demo_dir), "export", *MARCH, "--format", fmt, "--out", str(out),
              budget=3_000)
    one_error_line(res)
    assert list(tmp_path.iterdir()) == []


def test_missing_staff_pin_without_a_terminal_is_one_plain_line(demo_dir: Path,
                                                                tmp_path: Path) -> None:
    res = cli("--data-dir", str(demo_dir), "export", *MARCH, "--format", "csv",
              "--include-contacts", "--out", str(tmp_path / "x.csv"))
    line = one_error_line(res)
    assert "KIOSK_STAFF_PIN" in line
    assert list(tmp_path.iterdir()) == []


def test_sheet_all_on_a_full_disk_removes_its_folder_and_says_what_was_written(
        demo_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "to-huong-dan"
    res = cli("--data-dir", str(demo_dir), "sheet", "--all", "--out", str(folder),
              budget=400_000)
    line = one_error_line(res)
    assert not folder.exists()
    assert list(tmp_path.iterdir()) == []
    assert "đã xóa thư mục" in line
    assert "Đã ghi" in line and "chưa ghi" in line
    assert "vneid-install" in line  # every tutorial is named on one side or the other


def test_sheet_all_into_an_existing_folder_keeps_it_and_names_both_sides(
        demo_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "mine.txt").write_text("staff file", encoding="utf-8")
    res = cli("--data-dir", str(demo_dir), "sheet", "--all", "--out", str(folder),
              budget=400_000)
    line = one_error_line(res)
    written = sorted(p.name for p in folder.iterdir())
    assert "mine.txt" in written
    assert not any(n.endswith(".part") for n in written)
    pdfs = [n.removesuffix(".pdf") for n in written if n.endswith(".pdf")]
    assert pdfs, "the budget lets a few sheets through"
    assert all(p in line for p in pdfs)
    assert "chưa ghi" in line


def test_printed_sources_are_official_and_vssid_gets_its_qr(tmp_path: Path) -> None:
    # Outputs review defect 12: vneid-forgot printed gamehov.com and cafef.vn under "Nguồn";
    # vssid-with-vneid had no QR code at all.
    from kiosk.content.loader import load_catalogue
    from kiosk.paths import resource_path
    from kiosk.sheets import render_sheet

    cat = load_catalogue([resource_path("tutorials")])
    forgot, vssid = cat.by_id("vneid-forgot"), cat.by_id("vssid-with-vneid")
    assert forgot is not None and vssid is not None
    text = subprocess.run(["pdftotext", str(render_sheet(forgot, tmp_path / "f.pdf").path),
                           "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert "gamehov" not in flat and "cafef" not in flat and "dantri" not in flat
    assert "eaphe.krongpac.daklak.gov.vn" in flat
    pdf = render_sheet(vssid, tmp_path / "v.pdf").path
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(tmp_path / "v")], check=True)
    found = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "v.png")],
                           capture_output=True, text=True).stdout.split()
    assert "https://baohiemxahoi.gov.vn/" in found


@pytest.mark.parametrize(("size", "large"), [("A5", True), ("A5", False), ("A4", True)])
def test_the_qr_address_never_breaks_inside_the_host_name(tmp_path: Path, size: str,
                                                          large: bool) -> None:
    # Outputs review 13: on A5 large the caption read "https://dichvucong.g" / "ov.vn/".
    from kiosk.content.loader import load_catalogue
    from kiosk.paths import resource_path
    from kiosk.sheets import render_sheet

    tut = load_catalogue([resource_path("tutorials")]).by_id("dvc-login")
    assert tut is not None
    pdf = render_sheet(tut, tmp_path / "s.pdf", size=size, large=large).path  # type: ignore[arg-type]
    page1 = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    assert "https://dichvucong.gov.vn" in page1 or "\ndichvucong.gov.vn" in page1
    assert "dichvucong.g\n" not in page1


def test_english_sheets_print_pictures_without_vietnamese_words(tmp_path: Path) -> None:
    # Outputs review 13: English sheets kept "Trang thật / Trang giả", "Nguồn lạ" in pictures.
    from kiosk.content.loader import load_catalogue
    from kiosk.paths import resource_path
    from kiosk.sheets import render_sheet

    tut = load_catalogue([resource_path("tutorials")]).by_id("vneid-install")
    assert tut is not None

    def words(lang: str) -> str:
        pdf = render_sheet(tut, tmp_path / f"{lang}.pdf", lang=lang).path  # type: ignore[arg-type]
        return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout

    assert "Nguồn lạ" in words("vi")
    english = words("en")
    assert "Nguồn lạ" not in english and "Trang thật" not in english
    assert "Install VNeID" in english or "VNeID" in english
