"""The one place that writes files the kiosk hands over: whole or not at all, never clobbering.

* :func:`atomic_output` yields a temporary path *in the same folder* as the target (so the
  final ``os.replace`` is a rename on one file system, atomic even on a USB stick), fsyncs
  it, and renames it into place only if the block succeeded. A power cut or an exception
  leaves the old file (if any) untouched and at most a temp file named ``.NAME.XXXX.part``.
* :func:`write_atomic` is the same for bytes or text already in memory.
* :func:`unique_path` picks ``name``, ``name-2``, ``name-3`` ... so an export never
  overwrites an earlier one.
* :func:`is_partial` recognises our temp files, so start-up can remove ones a power cut left.

Every failure is an :class:`OutputError` (a :class:`~kiosk.errors.KioskError`) that says in
Vietnamese where and what to do. Pure file-system code; any thread.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.errors import KioskError

TEMP_SUFFIX = ".part"
# Files holding contacts (names, phone numbers) are readable by their owner only; every other
# output follows the umask like any file the person makes, so a colleague on a shared folder
# can open a summary.
PRIVATE_MODE = 0o600
_UMASK_LOCK = threading.Lock()
_PARTIAL = re.compile(r"^\..+\.[^.]+\.part$")


class OutputError(KioskError):
    """An output file could not be written; the message says where and what to do."""


_WHY = {errno.ENOSPC: "ổ đĩa hoặc USB đã đầy", errno.EDQUOT: "đã hết dung lượng được cấp",
        errno.EACCES: "không có quyền ghi ở đây", errno.EPERM: "không có quyền ghi ở đây",
        errno.EROFS: "ổ đĩa chỉ cho đọc", errno.ENOENT: "không có thư mục này"}


def why(exc: OSError) -> str:
    """A Vietnamese reason for the common write failures, else the system's own words."""
    return _WHY.get(exc.errno or 0) or exc.strerror or str(exc)


def is_partial(path: Path) -> bool:
    """True for a temp file :func:`atomic_output` left behind (``.NAME.XXXX.part``)."""
    return bool(_PARTIAL.match(Path(path).name))


@contextmanager
def atomic_output(path: Path, *, mode: int | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place only if the block succeeds.

    ``mode`` (:data:`PRIVATE_MODE` for files with personal data) is applied before the
    rename, so the file never exists at ``path`` with looser permissions. Without it the file
    gets the mode of any new file (0666 less the umask): ``mkstemp`` alone would make every
    output 0600 and turn a shared 0644 file into 0600 when it is replaced.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"Thư mục “{folder}” không tồn tại. Hãy chọn thư mục khác "
                          "hoặc cắm lại USB.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX,
                                        dir=folder)
    except OSError as exc:
        raise OutputError(f"Không ghi được vào “{folder}” ({why(exc)}). Hãy chọn thư mục "
                          "khác hoặc kiểm tra USB.") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        if os.name != "nt":  # Windows has no mode bits; ACLs come from the folder
            os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"Không ghi được tệp “{path.name}” ({why(exc)}). "
                          "Tệp cũ (nếu có) vẫn còn nguyên. Hãy kiểm tra ổ đĩa hoặc chọn "
                          "thư mục khác.") from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def _umask() -> int:
    """The process umask, read without changing it where the OS allows (Linux)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _UMASK_LOCK:  # os.umask can only be read by setting it
        current = os.umask(0o077)
        os.umask(current)
    return current


def write_atomic(path: Path, data: bytes | str, *, encoding: str = "utf-8",
                 mode: int | None = None) -> Path:
    """Write ``data`` to ``path`` whole or not at all; returns ``path``."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_output(path, mode=mode) as tmp:
        tmp.write_bytes(payload)
    return Path(path)


def unique_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name-2``, ``name-3`` … if a file of that name is already there."""
    path = Path(folder) / name
    stem, suffix = path.stem, path.suffix
    n = 2
    while path.exists():
        path = Path(folder) / f"{stem}-{n}{suffix}"
        n += 1
    return path
