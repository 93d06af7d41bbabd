"""Sheet file names and the "allow more" quota rule, shared by the screens and the CLI."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kiosk.printing_quota import EXTRA_SHEETS, MAX_QUOTA, QuotaStatus, extended_quota
from kiosk.sheets import sheet_file_name

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("args", "name"), [
    (("vneid-install",), "vneid-install.pdf"),
    (("vneid-install", "A5"), "vneid-install-a5.pdf"),
    (("vneid-install", "A4", True), "vneid-install-chu-to.pdf"),
    (("vneid-install", "A5", True, "en"), "vneid-install-a5-chu-to-en.pdf"),
])
def test_every_variant_has_its_own_name(args: tuple, name: str) -> None:  # type: ignore[type-arg]
    assert sheet_file_name(*args) == name


def status(quota: int, printed: int) -> QuotaStatus:
    return QuotaStatus(day=date(2026, 3, 10), quota=quota, configured=quota, overridden=False,
                       printed=printed)


@pytest.mark.parametrize(("quota", "printed", "pages", "new"), [
    (50, 50, 3, 50 + EXTRA_SHEETS),  # at least EXTRA_SHEETS more
    (50, 48, 14, 64),  # a long sheet: its own pages
    (50, 57, 2, 57 + EXTRA_SHEETS),  # an earlier overrun does not eat the extension
    (MAX_QUOTA - 1, 0, 5, MAX_QUOTA),  # never above the ceiling
])
def test_allow_more_extends_from_what_is_used(quota: int, printed: int, pages: int,
                                             new: int) -> None:
    assert extended_quota(status(quota, printed), pages) == new


def test_cli_names_a5_sheets_like_the_screen(tmp_path: Path) -> None:
    # Before, ``help-kiosk sheet --size A5`` wrote ``{id}.pdf`` and overwrote the A4 copy.
    run = subprocess.run([sys.executable, "-m", "kiosk", "sheet", "vneid-install", "--size",
                          "A5", "--out", str(tmp_path)], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["vneid-install-a5.pdf"]
