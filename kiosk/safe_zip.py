"""Unpack a zip from outside (a content pack) into a folder, bounded, or refuse it whole.

The hub unpacks an uploaded pack to validate it and the kiosk unpacks the signed pack it
fetched; both meet the same attacks (``..`` and absolute paths, symlinks, zip bombs, sizes
in the headers that lie, duplicate names that overwrite a checked file), so there is one
reader. The callers differ only in their limits (passed in) and in how they word the refusal
for their reader: :class:`ZipProblem` carries a stable ``code`` and a short Vietnamese and
English reason, and each caller wraps it in its own error.

Every header is checked before anything is written, so a refused zip leaves at most the
files already counted, in a folder the caller made for the purpose and removes.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePosixPath

_NAME_PART = re.compile(r"^[^\x00-\x1f:*?\"<>|]{1,120}$")
_CHUNK = 1024 * 1024
_MB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """How much a zip may hold: members, bytes unpacked in all, bytes in one member."""

    members: int
    unpacked: int
    member: int


class ZipProblem(Exception):
    """Why a zip is refused: ``code`` for programs, ``vi``/``en`` short reasons for people."""

    def __init__(self, code: str, vi: str, en: str) -> None:
        super().__init__(en)
        self.code = code
        self.vi = vi
        self.en = en


def _size(n: int) -> str:
    """500 MB, 20 MB, 195 KB: sizes as people read them (a small limit is not "0 MB")."""
    return f"{n // _MB} MB" if n >= _MB else f"{max(1, n // 1024)} KB"


def member_path(name: str) -> PurePosixPath | None:
    """The member's relative path, or None when it could escape the folder or is odd.

    Refused: empty names, backslashes, absolute paths, drive letters, ``..``, control
    characters and the characters Windows cannot store (a pack made on Linux must unpack
    the same on the help point's Windows PC).
    """
    if not name or "\\" in name or name.startswith("/") or "\x00" in name:
        return None
    path = PurePosixPath(name)
    parts = [p for p in path.parts if p not in ("", ".")]
    if not parts or any(p == ".." or not _NAME_PART.match(p) for p in parts):
        return None
    if re.match(r"^[A-Za-z]:", parts[0]):
        return None
    return PurePosixPath(*parts)


def _checked_members(zf: zipfile.ZipFile, limits: ZipLimits) -> list[tuple[zipfile.ZipInfo,
                                                                         PurePosixPath]]:
    """Every file member with its safe path, checked by what the headers claim."""
    infos = zf.infolist()
    if len(infos) > limits.members:
        raise ZipProblem("too_many_files", f"có {len(infos)} tệp, quá giới hạn {limits.members}",
                         f"{len(infos)} files, over the limit of {limits.members}")
    seen: set[str] = set()
    total = 0
    files = []
    for info in infos:
        shown = info.filename[:80]
        rel = member_path(info.filename)
        if rel is None:
            raise ZipProblem("unsafe_path", f"tên tệp không an toàn “{shown}” (đường dẫn tuyệt "
                             "đối, “..”, dấu \\ hoặc ký tự lạ)", f"an unsafe file name “{shown}”")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ZipProblem("symlink", f"có liên kết tượng trưng (symlink) “{shown}”",
                             f"a symlink “{shown}”")
        key = str(rel).casefold()  # Windows and macOS fold case: two names, one file
        if key in seen:
            raise ZipProblem("duplicate", f"tệp trùng tên “{rel}”", f"a duplicate name “{rel}”")
        seen.add(key)
        if info.is_dir():
            continue
        if info.file_size > limits.member:
            raise ZipProblem("file_too_big", f"tệp “{shown}” quá lớn ({_size(info.file_size)}, "
                             f"giới hạn {_size(limits.member)} một tệp)",
                             f"“{shown}” is too big ({_size(info.file_size)}, the limit is "
                             f"{_size(limits.member)} a file)")
        total += info.file_size
        if total > limits.unpacked:
            raise ZipProblem("unpacked_too_big",
                             f"giải nén ra quá lớn (trên {_size(limits.unpacked)})",
                             f"too big when unpacked (over {_size(limits.unpacked)})")
        files.append((info, rel))
    return files


def unpack(data: bytes, target: Path, limits: ZipLimits) -> int:
    """Write the zip's files under ``target`` and return how many; raise :class:`ZipProblem`.

    The real bytes are counted while writing, because the sizes in the headers can lie.
    """
    try:
        zf = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise ZipProblem("bad_zip", "tệp không phải zip đọc được",
                         "not a readable zip") from None
    total = 0
    with zf:
        files = _checked_members(zf, limits)
        for info, rel in files:
            out = target.joinpath(*rel.parts)
            out.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            try:
                with zf.open(info) as src, out.open("xb") as dst:
                    while chunk := src.read(_CHUNK):
                        written += len(chunk)
                        total += len(chunk)
                        if written > limits.member or total > limits.unpacked:
                            raise ZipProblem("lying_sizes",
                                             f"tệp “{rel}” quá lớn, lớn hơn khai báo trong gói "
                                             "(gói bị hỏng hoặc bị sửa)",
                                             f"“{rel}” is bigger than the zip says")
                        dst.write(chunk)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError,
                    RuntimeError):
                raise ZipProblem("bad_zip", "tệp zip bị hỏng (không giải nén được)",
                                 "a damaged zip") from None
            except FileExistsError:  # a folder entry and a file of the same name
                raise ZipProblem("duplicate", f"tệp trùng tên “{rel}”",
                                 f"a duplicate name “{rel}”") from None
    return len(files)


def content_root(folder: Path) -> Path:
    """The folder that holds the tutorials: ``folder`` or its single wrapping subfolder.

    People zip a folder (``noi-dung/…``) as often as its contents; both are accepted.
    """
    entries = [p for p in folder.iterdir() if not p.name.startswith((".", "__MACOSX"))]
    if len(entries) == 1 and entries[0].is_dir() and not (entries[0] / "tutorial.toml").exists():
        return entries[0]
    return folder
