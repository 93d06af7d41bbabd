"""Removable drives (USB sticks) and the files on them that the kiosk may open.

The rule behind the kiosk's own drive and file list (``ui/widgets/drive_picker.py``), which
replaced every file dialog: a system or even a Qt file dialog lets a person walk the whole
disk, delete and rename (issue #16 item 3). Here a person can only pick

* a drive: a mounted removable drive, never an arbitrary folder; on Linux a mount point under
  ``/media/<user>/``, ``/media/``, ``/run/media/<user>/`` or ``/mnt/`` from ``/proc/mounts``
  (desktops and udisks mount sticks there; pseudo file systems are skipped); on Windows a
  drive letter whose type is ``DRIVE_REMOVABLE``;
* for an import, a file with an allowed suffix (``.zip`` for bundles) found on that drive:
  at most :data:`MAX_DEPTH` folders down, never above the drive's root, never through a link,
  never a hidden or system folder, at most :data:`MAX_FILES` of them.

Pure standard library (``ctypes`` on Windows); any thread.
"""

from __future__ import annotations

import os
import string
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

MAX_DEPTH = 3
MAX_FILES = 200
#: Where desktops and udisks mount removable drives (Linux). ``*`` is one path component.
MOUNT_PATTERNS = ("/media/*/*", "/media/*", "/run/media/*/*", "/mnt/*")
#: File systems that are never a USB stick.
PSEUDO_FS = frozenset({
    "proc", "sysfs", "tmpfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "overlay",
    "squashfs", "autofs", "securityfs", "debugfs", "tracefs", "mqueue", "bpf", "pstore",
    "configfs", "fusectl", "binfmt_misc", "hugetlbfs", "ramfs", "nsfs", "efivarfs"})
_SKIP_FOLDERS = frozenset({"system volume information", "$recycle.bin", "lost+found"})
DRIVE_REMOVABLE = 2


@dataclass(frozen=True)
class Drive:
    """A removable drive: its root and the name a person recognises (the stick's label).
    ``removable`` is False for the few folders a windowed (staff laptop) kiosk adds."""

    root: Path
    label: str
    removable: bool = True


@dataclass(frozen=True)
class DriveFile:
    """A file found on a drive, named relative to the drive's root."""

    path: Path
    relative: str
    size: int
    modified: datetime


def _unescape(field: str) -> str:
    r"""``/proc/mounts`` writes a space as ``\040`` (tab, newline, backslash alike); the
    escapes stand for bytes, so a label in UTF-8 is decoded after them."""
    raw = field.encode("utf-8", errors="surrogateescape")
    out, i = bytearray(), 0
    while i < len(raw):
        code = raw[i + 1:i + 4]
        if raw[i] == 0x5C and len(code) == 3 and code.isdigit():
            out.append(int(code, 8) & 0xFF)
            i += 4
        else:
            out.append(raw[i])
            i += 1
    return out.decode("utf-8", errors="replace")


def _matches(mount: str) -> bool:
    parts = Path(mount).parts  # ("/", "media", "user", "STICK")
    for pattern in MOUNT_PATTERNS:
        want = Path(pattern).parts
        if len(parts) == len(want) and all(w == "*" or w == p for w, p in zip(want, parts,
                                                                                strict=True)):
            return True
    return False


def linux_drives(mounts_text: str, is_dir: Callable[[Path], bool] = Path.is_dir) -> list[Drive]:
    """The removable drives in a ``/proc/mounts`` text (tests pass a fake table)."""
    drives: dict[Path, Drive] = {}
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount, fstype = _unescape(fields[1]), fields[2]
        if fstype in PSEUDO_FS or not _matches(mount):
            continue
        root = Path(mount)
        if root not in drives and is_dir(root):
            drives[root] = Drive(root, root.name)
    return sorted(drives.values(), key=lambda d: str(d.root))


def windows_drives() -> list[Drive]:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel32.GetLogicalDrives()
    drives = []
    for i, letter in enumerate(string.ascii_uppercase):
        root = f"{letter}:\\"
        if mask & (1 << i) and kernel32.GetDriveTypeW(root) == DRIVE_REMOVABLE:
            name = ctypes.create_unicode_buffer(261)
            ok = kernel32.GetVolumeInformationW(root, name, 261, None, None, None, None, 0)
            label = f"{name.value} ({letter}:)" if ok and name.value else f"USB ({letter}:)"
            drives.append(Drive(Path(root), label))
    return drives


def removable_drives() -> list[Drive]:
    """The removable drives mounted now (an empty list where none can be found)."""
    if sys.platform == "win32":
        return windows_drives()
    try:
        text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return linux_drives(text)


def writable(folder: Path) -> bool:
    """True if a file can be created in ``folder`` (a stick can be write-protected)."""
    probe = Path(folder) / ".kiosk-write-test"
    try:
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def files_on(root: Path, suffixes: Iterable[str], *, max_depth: int = MAX_DEPTH,
             limit: int = MAX_FILES) -> list[DriveFile]:
    """Files under ``root`` ending in one of ``suffixes``, newest first (see module doc)."""
    root = Path(root)
    wanted = tuple(s.lower() for s in suffixes)
    found: list[DriveFile] = []

    def walk(folder: Path, depth: int) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            if len(found) >= limit:
                return
            name = entry.name
            if name.startswith((".", "$")) or name.lower() in _SKIP_FOLDERS:
                continue
            try:
                if entry.is_symlink():
                    continue  # a link could lead above the drive's root
                if entry.is_dir(follow_symlinks=False):
                    if depth < max_depth:
                        walk(Path(entry.path), depth + 1)
                elif entry.is_file(follow_symlinks=False) and name.lower().endswith(wanted):
                    st = entry.stat(follow_symlinks=False)
                    path = Path(entry.path)
                    found.append(DriveFile(path, path.relative_to(root).as_posix(), st.st_size,
                                           datetime.fromtimestamp(st.st_mtime, UTC)))
            except OSError:
                continue

    walk(root, 0)
    found.sort(key=lambda f: f.modified, reverse=True)
    return found


def within(root: Path, path: Path) -> bool:
    """True if ``path`` is ``root`` or lies under it, links resolved (no way above a drive)."""
    try:
        return Path(path).resolve().is_relative_to(Path(root).resolve())
    except OSError:
        return False
