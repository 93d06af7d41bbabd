"""Can the kiosk write its data dir? The check before the kiosk starts, and what to tell people.

A full disk or a read-only data dir (a failing disk that Windows or Linux remounted read-only,
a quota, a permission changed by an update) used to make the kiosk crash at start-up six times
in a minute and leave the desktop (issue #16 item 4). Now the kiosk's start calls
:func:`probe_data_dir` first; on a problem the GUI shows :attr:`DiskProblem.message`
full-screen, probes again every :data:`RETRY_S` seconds and starts normally once writing works
again. Nothing is written to the database while the problem lasts, so nothing is lost.

The probe writes and syncs a small file (:data:`PROBE_FILE`) and removes it, and also wants
:data:`MIN_FREE_BYTES` free: SQLite needs room for its write-ahead log and the daily backup,
and a disk with a few kilobytes left fails a moment later in the middle of a citizen's visit.
Pure standard library; any thread.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger(__name__)

PROBE_FILE = ".kiosk-write-probe"
PROBE_BYTES = 64 * 1024
MIN_FREE_BYTES = 50 * 1024 * 1024
#: How often the full-screen message checks again (``KIOSK_DISK_RETRY_S`` for tests).
RETRY_S = 20.0
with contextlib.suppress(ValueError):
    RETRY_S = min(600.0, max(0.1, float(os.environ.get("KIOSK_DISK_RETRY_S", RETRY_S))))

_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_READ_ONLY = frozenset({errno.EROFS})
_NO_PERMISSION = frozenset({errno.EACCES, errno.EPERM})


class DiskProblemKind(StrEnum):
    FULL = "full"
    READ_ONLY = "read-only"
    NO_PERMISSION = "no-permission"
    OTHER = "other"


class DiskProblem(NamedTuple):
    """Why the data dir cannot be written, and the words for the people in front of it."""

    kind: DiskProblemKind
    data_dir: Path
    detail: str = ""

    @property
    def title(self) -> str:
        if self.kind is DiskProblemKind.FULL:
            return "Máy hết chỗ trống — kiosk tạm nghỉ"
        if self.kind is DiskProblemKind.READ_ONLY:
            return "Ổ đĩa chỉ cho đọc — kiosk tạm nghỉ"
        return "Kiosk không ghi được dữ liệu — kiosk tạm nghỉ"

    @property
    def message(self) -> str:
        """Vietnamese: what happened, that nothing is lost, what staff should do."""
        if self.kind is DiskProblemKind.FULL:
            what = ("Ổ đĩa của máy đã hết chỗ trống, nên kiosk không lưu được số thứ tự và "
                    "bản ghi mới.")
            todo = ("Cán bộ: hãy xóa bớt tệp không cần trên máy (ví dụ thư mục Tải về, thùng "
                    "rác), hoặc chép các bản sao lưu cũ trong thư mục dữ liệu sang USB rồi "
                    "xóa khỏi máy.")
        elif self.kind is DiskProblemKind.READ_ONLY:
            what = ("Ổ đĩa đang ở chế độ chỉ đọc (có thể ổ đĩa bị lỗi), nên kiosk không lưu "
                    "được gì.")
            todo = ("Cán bộ: hãy khởi động lại máy; nếu vẫn thấy màn hình này, hãy gọi cán "
                    "bộ kỹ thuật kiểm tra ổ đĩa. Đừng tắt máy khi đang sao chép dữ liệu.")
        else:
            what = "Kiosk không có quyền ghi vào thư mục dữ liệu."
            todo = ("Cán bộ: hãy gọi cán bộ kỹ thuật kiểm tra quyền của thư mục dữ liệu "
                    "(có thể do một bản cập nhật hoặc phần mềm diệt virus).")
        return (f"{what} Dữ liệu đã lưu vẫn còn nguyên.\n\n{todo} Kiosk tự kiểm tra lại "
                f"mỗi {RETRY_S:g} giây và tự chạy tiếp khi ghi được.\n\n"
                f"Thư mục dữ liệu: {self.data_dir}\n\n"
                "Người dân: xin lỗi vì sự bất tiện, vui lòng báo tình nguyện viên.")

    @property
    def message_en(self) -> str:
        what = {DiskProblemKind.FULL: "The disk is full.",
                DiskProblemKind.READ_ONLY: "The disk is read-only."}.get(
                    self.kind, "The kiosk cannot write its data folder.")
        return (f"{what} Saved data is safe. Please call the commune staff. The kiosk checks "
                f"again every {RETRY_S:g} seconds and continues by itself.")


def _write_probe(path: Path) -> None:
    """Write, sync and remove the probe file (the edge tests replace to inject errors)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                 0o600)
    try:
        block = b"\0" * PROBE_BYTES
        written = 0
        while written < PROBE_BYTES:
            written += os.write(fd, block[written:])
        os.fsync(fd)
    finally:
        os.close(fd)
        # Give back what was written, even after a failure; a link in its place is not the
        # kiosk's file (tests point one at /dev/full) and stays.
        if not os.path.islink(path):
            with contextlib.suppress(OSError):
                os.unlink(path)


def classify(exc: OSError, data_dir: Path) -> DiskProblem:
    """The problem an ``OSError`` from writing the data dir stands for."""
    code = exc.errno or 0
    if code in _FULL:
        kind = DiskProblemKind.FULL
    elif code in _READ_ONLY:
        kind = DiskProblemKind.READ_ONLY
    elif code in _NO_PERMISSION:
        kind = DiskProblemKind.NO_PERMISSION
    else:
        kind = DiskProblemKind.OTHER
    return DiskProblem(kind, Path(data_dir), exc.strerror or str(exc))


def probe_data_dir(data_dir: Path, *, min_free: int = MIN_FREE_BYTES,
                   write: Callable[[Path], None] | None = None) -> DiskProblem | None:
    """``None`` if the kiosk can write ``data_dir`` (created if missing), else the problem."""
    data_dir = Path(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        (write or _write_probe)(data_dir / PROBE_FILE)
        free = shutil.disk_usage(data_dir).free
    except OSError as exc:
        problem = classify(exc, data_dir)
        log.warning("data dir not writable (%s): %s", problem.kind, problem.detail)
        return problem
    if free < min_free:
        log.warning("data dir nearly full: %d bytes free", free)
        return DiskProblem(DiskProblemKind.FULL, data_dir, f"{free} bytes free")
    return None
