"""The one file-writing module: whole or not at all, temp files beside the target, no clobber."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.errors import KioskError
from kiosk.files import OutputError, atomic_output, is_partial, unique_path, write_atomic


def test_write_atomic_replaces_whole_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    target.write_text("cũ", encoding="utf-8")
    write_atomic(target, "mới")
    assert target.read_text(encoding="utf-8") == "mới"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


def test_a_failure_inside_the_block_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    target.write_text("cũ", encoding="utf-8")
    seen: list[Path] = []

    def power_cut() -> None:
        with atomic_output(target) as tmp:
            seen.append(tmp)
            tmp.write_text("nửa", encoding="utf-8")
            raise RuntimeError("mất điện")

    with pytest.raises(RuntimeError):
        power_cut()
    assert seen[0].parent == tmp_path and is_partial(seen[0])
    assert target.read_text(encoding="utf-8") == "cũ"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


def test_a_missing_folder_is_a_vietnamese_kiosk_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="không tồn tại") as info:
        write_atomic(tmp_path / "usb" / "a.csv", b"x")
    assert isinstance(info.value, KioskError)
    assert "Hãy chọn thư mục khác" in info.value.user_message


def test_mode_is_set_before_the_file_appears(tmp_path: Path) -> None:
    target = write_atomic(tmp_path / "person.json", "{}", mode=0o600)
    assert target.stat().st_mode & 0o777 == 0o600


def test_unique_path_never_overwrites(tmp_path: Path) -> None:
    assert unique_path(tmp_path, "bao-cao-2026-03.csv") == tmp_path / "bao-cao-2026-03.csv"
    (tmp_path / "bao-cao-2026-03.csv").touch()
    (tmp_path / "bao-cao-2026-03-2.csv").touch()
    assert unique_path(tmp_path, "bao-cao-2026-03.csv") == tmp_path / "bao-cao-2026-03-3.csv"


@pytest.mark.parametrize(("name", "partial"), [
    (".bao-cao.csv.k2j4_x.part", True), ("bao-cao.csv", False), (".part", False),
    ("x.part", False)])
def test_is_partial_knows_only_our_temp_files(name: str, partial: bool) -> None:
    assert is_partial(Path(name)) is partial
