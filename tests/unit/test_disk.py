"""The data dir check before the kiosk starts (issue #16 item 4: full or read-only disk)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from kiosk.disk import PROBE_FILE, DiskProblemKind, probe_data_dir


def test_a_writable_data_dir_passes_and_keeps_no_probe_file(tmp_path: Path) -> None:
    assert probe_data_dir(tmp_path / "data", min_free=0) is None
    assert list((tmp_path / "data").iterdir()) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_found_by_writing(tmp_path: Path) -> None:
    # /dev/full answers every write with ENOSPC, the kernel's own "no space left on device".
    os.symlink("/dev/full", tmp_path / PROBE_FILE)
    problem = probe_data_dir(tmp_path, min_free=0)
    assert problem is not None and problem.kind is DiskProblemKind.FULL
    assert "hết chỗ trống" in problem.title
    assert "Dữ liệu đã lưu vẫn còn nguyên" in problem.message
    assert "Cán bộ: hãy xóa bớt tệp" in problem.message


def test_too_little_free_space_counts_as_full(tmp_path: Path) -> None:
    problem = probe_data_dir(tmp_path, min_free=2**62)
    assert problem is not None and problem.kind is DiskProblemKind.FULL


def test_a_read_only_disk_says_so(tmp_path: Path) -> None:
    # Root writes through chmod, so the error is injected where the probe writes.
    def read_only(path: Path) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    problem = probe_data_dir(tmp_path, min_free=0, write=read_only)
    assert problem is not None and problem.kind is DiskProblemKind.READ_ONLY
    assert "chỉ cho đọc" in problem.title
    assert "khởi động lại máy" in problem.message
    assert problem.message_en.startswith("The disk is read-only.")


def test_no_permission_is_its_own_message(tmp_path: Path) -> None:
    def denied(path: Path) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    problem = probe_data_dir(tmp_path, min_free=0, write=denied)
    assert problem is not None and problem.kind is DiskProblemKind.NO_PERMISSION
    assert "quyền" in problem.message
