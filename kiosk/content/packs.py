"""Content packs sent down by the hub: check the hub's signature, unpack bounded, validate,
switch atomically.

A pack is a zip of a content folder in today's format (``<tutorial-id>/tutorial.toml`` plus
images and audio, optionally ``categories.toml``/``pronunciation.toml``; one top folder that
wraps everything is accepted too). The hub signs the exact zip bytes with its Ed25519 key; the
kiosk learnt that key when it paired, so a pack from anyone else is refused.

On the kiosk a pack goes through four gates, each refusing the whole pack with a Vietnamese
reason while the kiosk keeps the content it has:

1. the signature over the zip bytes (:func:`verify_signature`);
2. a bounded unpack into a fresh hidden folder (size of the download, of each member and of
   the whole, number of members, and every member name: no absolute path, ``..``, backslash,
   drive letter or symbolic link);
3. the same validator as ``help-kiosk content check`` (:func:`kiosk.content.validate.check`):
   any problem, or no tutorial at all, refuses the pack;
4. the switch: the folder is renamed to ``content/packs/<version>`` and the pointer file
   ``content/current`` is replaced atomically, so a reader sees the old pack or the new one,
   never half of one. The GUI loads it between visitors (``ui.features.sync``); the next
   start of the kiosk reads the pointer (:func:`load_content`).

The tutorials of the active pack replace bundled tutorials with the same id; bundled
tutorials the pack does not carry stay. Any thread; no Qt.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from kiosk import safe_zip
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue
from kiosk.content.validate import Summary, check
from kiosk.errors import KioskError
from kiosk.files import write_atomic

log = logging.getLogger(__name__)

MAX_PACK_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 5000
VERSION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")  # status field: 40 chars
PACKS_DIR = ("content", "packs")
POINTER = ("content", "current")
KEEP_OLD = 1  # the previous pack stays on disk, so staff can go back by editing the pointer


class PackRefused(KioskError):
    """A content pack that is not used, with the reason. The kiosk keeps its content."""


@dataclass(frozen=True)
class InstalledPack:
    version: str
    folder: Path
    summary: Summary


def verify_signature(data: bytes, signature_b64: str, verify_key_b64: str) -> None:
    """Raise :class:`PackRefused` unless ``signature_b64`` is the hub's signature of ``data``."""
    from nacl.exceptions import BadSignatureError, CryptoError
    from nacl.signing import VerifyKey

    if not signature_b64:
        raise PackRefused("Gói nội dung không có chữ ký của hub nên không được dùng. Kiosk giữ "
                          "nội dung đang có; hãy báo quản trị hub.",
                          en="The content pack is not signed by the hub, so it was not used.")
    try:
        key = VerifyKey(base64.b64decode(verify_key_b64, validate=True))
        key.verify(data, base64.b64decode(signature_b64, validate=True))
    except (BadSignatureError, CryptoError, binascii.Error, ValueError, TypeError) as exc:
        log.warning("content pack signature refused: %s", type(exc).__name__)
        raise PackRefused("Chữ ký của gói nội dung không khớp với hub đã ghép nối (gói bị sửa "
                          "hoặc không phải từ hub này). Kiosk giữ nội dung đang có; hãy báo "
                          "quản trị hub.",
                          en="The content pack's signature does not match the paired hub.") \
            from None


def _refuse(reason: str, en: str) -> PackRefused:
    return PackRefused(f"Gói nội dung bị từ chối: {reason}. Kiosk giữ nội dung đang có; hãy "
                       "báo quản trị hub.", en=f"Content pack refused: {en}.")


def _unpack(data: bytes, target: Path) -> None:
    """Write the zip's files under ``target``, bounded; raise PackRefused on anything odd."""
    try:
        safe_zip.unpack(data, target, safe_zip.ZipLimits(MAX_MEMBERS, MAX_UNPACKED_BYTES,
                                                          MAX_MEMBER_BYTES))
    except safe_zip.ZipProblem as exc:
        raise _refuse(exc.vi, exc.en) from None


def packs_dir(data_dir: Path) -> Path:
    return data_dir.joinpath(*PACKS_DIR)


def current_pack(data_dir: Path) -> tuple[str, Path] | None:
    """The active pack (version, content root), or None for the content shipped with the kiosk."""
    pointer = data_dir.joinpath(*POINTER)
    try:
        version = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not VERSION_RE.match(version):
        return None
    folder = packs_dir(data_dir) / version
    if not folder.is_dir():
        log.warning("content pointer names a missing pack; using the bundled content")
        return None
    return version, safe_zip.content_root(folder)


def load_content(data_dir: Path, roots: list[Path]) -> Catalogue:
    """The catalogue this kiosk shows: the active pack first (its tutorials replace those
    with the same id), then ``roots`` (the content shipped with the kiosk, extra folders).
    Unchanged files are not parsed again (``kiosk.content.parsed``); all are checked."""
    from kiosk.content.parsed import ParsedToml

    parsed = ParsedToml.open(data_dir)
    active = current_pack(data_dir)
    if active is None:
        catalogue = load_catalogue(roots, parsed=parsed)
    else:
        catalogue = load_catalogue([active[1], *roots], first_overrides=True, parsed=parsed)
    parsed.save()
    return catalogue


def install_pack(data_dir: Path, data: bytes, version: str, signature_b64: str,
                 verify_key_b64: str) -> InstalledPack:
    """Check, unpack, validate and switch to a pack; nothing changes if any gate refuses."""
    if len(data) > MAX_PACK_BYTES:
        raise _refuse("tệp quá lớn (trên 200 MB)", "the download is too big")
    if not VERSION_RE.match(version or ""):
        raise _refuse("phiên bản không hợp lệ", "invalid version")
    verify_signature(data, signature_b64, verify_key_b64)
    base = packs_dir(data_dir)
    base.mkdir(parents=True, exist_ok=True)
    incoming = base / f".incoming-{uuid.uuid4().hex}"
    incoming.mkdir()
    try:
        _unpack(data, incoming)
        root = safe_zip.content_root(incoming)
        catalogue, summary = check([root])
        if catalogue.problems:
            first = "; ".join(str(p.message) for p in catalogue.problems[:3])
            raise _refuse(f"{len(catalogue.problems)} lỗi nội dung ({first})",
                          f"{len(catalogue.problems)} content problems")
        if not catalogue.tutorials:
            raise _refuse("không có bài hướng dẫn nào", "no tutorial in it")
        final = base / version
        if final.exists():  # the same version again (a retry after a crash): replace it
            shutil.rmtree(final)
        incoming.rename(final)
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    write_atomic(data_dir.joinpath(*POINTER), version + "\n")
    _prune(base, version)
    log.info("content pack %s installed: %d tutorials", version, summary.tutorials)
    return InstalledPack(version, safe_zip.content_root(final), summary)


def _prune(base: Path, keep: str) -> None:
    """Remove leftovers of interrupted installs and all but the newest older pack."""
    for p in base.glob(".incoming-*"):
        shutil.rmtree(p, ignore_errors=True)
    old = sorted((p for p in base.iterdir() if p.is_dir() and p.name != keep
                  and not p.name.startswith(".")),
                 key=lambda p: p.stat().st_mtime, reverse=True)
    for p in old[KEEP_OLD:]:
        shutil.rmtree(p, ignore_errors=True)
