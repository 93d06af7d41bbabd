"""``help-kiosk content check`` reads ``resources/lists/next-steps.toml`` with the take-home
slip's own loader (kiosk.summary.load_next_steps): a broken file fails the check and says
which entry and why, instead of the slip silently printing "ask the volunteer"."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.summary import default_path, load_next_steps

SHIPPED = default_path().read_text(encoding="utf-8")
FIRST_SOURCE = 'sources = ["https://dean06.hanam.gov.vn/tailieu/dk_t5.html"]'


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "next-steps.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_list_passes_and_is_counted(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check"]) == 0
    n = len(load_next_steps())
    assert f"Việc tiếp theo (phiếu “Hôm nay đã làm”): {n} bài, đều có nguồn." in \
        capsys.readouterr().out


@pytest.mark.parametrize(("old", "new", "reason"), [
    (FIRST_SOURCE, "sources = []", "mục thứ 1 (vneid-level2): thiếu nguồn"),
    (FIRST_SOURCE, 'sources = ["https://example.com/tin"]', "không phải trang nhà nước"),
    ('tutorial = "vneid-level2"', 'tutorial = "VNeID level 2"', "mã bài hướng dẫn không hợp lệ"),
    ("[[step]]", "[[step]\n", "Không đọc được tệp “next-steps.toml”"),
])
def test_a_broken_list_fails_the_check_with_the_reason(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str,
        reason: str) -> None:
    assert old in SHIPPED
    path = write(tmp_path, SHIPPED.replace(old, new, 1))
    assert main(["content", "check", "--next-steps", str(path)]) == 1
    out = capsys.readouterr().out
    assert reason in out
    assert out.startswith("next-steps.toml: ")
    assert "Có 1 lỗi cần sửa." in out


def test_an_entry_for_a_tutorial_that_does_not_exist_fails_the_check(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, SHIPPED.replace('tutorial = "vneid-level2"',
                                           'tutorial = "vneid-level9"', 1))
    assert main(["content", "check", "--next-steps", str(path)]) == 1
    assert "không có bài hướng dẫn vneid-level9" in capsys.readouterr().out
