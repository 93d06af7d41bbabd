"""Content packs sent down from the hub: upload, check, sign, publish, serve.

An admin uploads a zip of tutorials in today's content layout (``<tutorial-id>/tutorial.toml``
plus images and audio, optional ``categories.toml``/``pronunciation.toml`` at the top, or all
of that inside one top folder). The hub

1. refuses anything unbounded or unsafe before unpacking a byte: more than
   :data:`MAX_PACK_BYTES` packed, :data:`MAX_MEMBERS` members, :data:`MAX_UNPACKED_BYTES`
   unpacked, one file over :data:`MAX_FILE_BYTES` (a 500 MB "picture"), absolute paths,
   ``..``, backslashes, drive letters, symlinks; sizes are enforced again while unpacking,
   because a zip's headers can lie;
2. validates the unpacked folder with :func:`kiosk.content.validate.check`, the same code as
   ``help-kiosk content check``: one problem refuses the whole pack, with every problem listed;
3. writes a clean zip of exactly the checked files (sorted, fixed timestamps) and signs *those*
   bytes with the hub's Ed25519 key, so what a kiosk verifies is what was validated;
4. publishes it to all communes or to chosen ones; a kiosk asks ``GET /api/v1/packs/latest``
   and gets the newest pack published to its commune (:func:`pack_for`).

The kiosk checks the signature and validates again before switching (engineer syncclient's
side). Runs in the web request's worker thread; every step is bounded in time by the limits.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import logging
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Boolean, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from hub.models import HubBase
from kiosk import safe_zip
from kiosk.content.validate import check
from kiosk.errors import KioskError

log = logging.getLogger(__name__)

MAX_PACK_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 5000
VERSION_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_FIXED_TIME = (2020, 1, 1, 0, 0, 0)


class PackRefused(KioskError):
    """A pack the hub will not publish; the message says why and what to fix.

    ``problems`` lists the validator's findings (one line each) when there are any.
    """

    def __init__(self, message: str, *, code: str, problems: tuple[str, ...] = (),
                 en: str = "") -> None:
        super().__init__(message, en=en)
        self.code = code
        self.problems = problems


class ContentPack(HubBase):
    """A signed, published pack. The bytes live in ``<data_dir>/packs/<version>.zip``."""

    __tablename__ = "content_pack"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(String(64), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    signature_b64: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    tutorials: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[str] = mapped_column(Text, default="")
    # JSON list of commune codes; [] = every commune.
    communes: Mapped[str] = mapped_column(Text, default="[]")
    published_at: Mapped[datetime]
    published_by: Mapped[str] = mapped_column(String(64))
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)


@dataclass(frozen=True)
class PackInfo:
    version: str
    sha256: str
    size: int
    tutorials: int
    summary: str
    communes: tuple[str, ...]  # () = all
    published_at: datetime
    published_by: str

    @property
    def for_all(self) -> bool:
        return not self.communes


@dataclass(frozen=True)
class PackDownload:
    version: str
    data: bytes
    signature_b64: str


def _info(row: ContentPack) -> PackInfo:
    return PackInfo(row.version, row.sha256, row.size, row.tutorials, row.summary,
                    tuple(json.loads(row.communes or "[]")), row.published_at,
                    row.published_by)


def _refuse(message: str, code: str, en: str = "",
            problems: tuple[str, ...] = ()) -> PackRefused:
    return PackRefused(message, code=code, en=en, problems=problems)


def _clean_zip(root: Path) -> bytes:
    """A zip of every file under ``root`` in sorted order with fixed times: same files, same
    bytes, so a pack's hash says what is in it."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            rel = path.relative_to(root).as_posix()
            if rel.startswith(("__MACOSX/", ".")) or "/." in rel:
                continue
            info = zipfile.ZipInfo(rel, _FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    return buf.getvalue()


@dataclass(frozen=True)
class CheckedPack:
    data: bytes
    tutorials: int
    summary: str


def check_pack(upload: bytes, work_dir: Path) -> CheckedPack:
    """Bound, unpack and validate an uploaded zip; return the clean zip to sign.

    Raises :class:`PackRefused` with a Vietnamese reason (and the validator's problems).
    """
    if len(upload) > MAX_PACK_BYTES:
        raise _refuse("Gói quá 200 MB. Hãy chỉ đưa vào các bài cần sửa.", "too_big",
                      en="The pack is over 200 MB.")
    work_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="pack-", dir=work_dir))
    try:
        try:
            files = safe_zip.unpack(upload, tmp, safe_zip.ZipLimits(
                MAX_MEMBERS, MAX_UNPACKED_BYTES, MAX_FILE_BYTES))
        except safe_zip.ZipProblem as exc:
            raise _refuse(f"{exc.vi[:1].upper()}{exc.vi[1:]}. Hãy sửa rồi nén lại thư mục nội dung "
                          "thành .zip và tải lên.", exc.code,
                          en=f"{exc.en[:1].upper()}{exc.en[1:]}.") from None
        if not files:
            raise _refuse("Gói không có tệp nào.", "empty", en="The pack is empty.")
        root = safe_zip.content_root(tmp)
        cat, summary = check([root])
        problems = tuple(str(p).replace(str(tmp) + "/", "") for p in cat.problems)
        if problems:
            raise _refuse(f"Nội dung có {len(problems)} lỗi; gói không được phát hành. Sửa "
                          "rồi kiểm tra bằng “help-kiosk content check” trước khi tải lại.",
                          "invalid_content", problems=problems,
                          en=f"The content has {len(problems)} problems; not published.")
        if summary.tutorials == 0:
            raise _refuse("Gói không có bài hướng dẫn nào (cần <mã-bài>/tutorial.toml).",
                          "no_tutorials", en="The pack holds no tutorials.")
        return CheckedPack(_clean_zip(root), summary.tutorials, str(summary))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def new_version(now: datetime, data: bytes) -> str:
    """``20261205-1842-3fa9c1d2``: sortable by time, and names the bytes."""
    return f"{now:%Y%m%d-%H%M%S}-{hashlib.sha256(data).hexdigest()[:8]}"


def publish_pack(session: Session, data_dir: Path, checked: CheckedPack, *,
                 sign: Callable[[bytes], bytes], communes: tuple[str, ...], by: str,
                 now: datetime) -> PackInfo:
    """Sign the checked zip, store it and its row; ``communes`` () = every commune.

    The file is written first (atomically), the row after: a crash in between leaves an
    unreferenced file, never a row whose file is missing.
    """
    version = new_version(now, checked.data)
    signature = base64.b64encode(sign(checked.data)).decode("ascii")
    packs = data_dir / "packs"
    packs.mkdir(parents=True, exist_ok=True)
    tmp = packs / f".{version}.zip.part"
    tmp.write_bytes(checked.data)
    tmp.replace(packs / f"{version}.zip")
    clean = tuple(sorted({c.strip() for c in communes if c.strip()}))
    row = ContentPack(version=version, sha256=hashlib.sha256(checked.data).hexdigest(),
                      signature_b64=signature, size=len(checked.data),
                      tutorials=checked.tutorials, summary=checked.summary,
                      communes=json.dumps(list(clean)), published_at=now, published_by=by)
    session.add(row)
    session.flush()
    return _info(row)


def list_packs(session: Session, limit: int = 50) -> list[PackInfo]:
    rows = session.scalars(select(ContentPack).where(ContentPack.withdrawn.is_(False))
                           .order_by(ContentPack.id.desc()).limit(limit))
    return [_info(r) for r in rows]


def latest_for(session: Session, commune_code: str) -> ContentPack | None:
    """The newest pack published to every commune or to ``commune_code``."""
    for row in session.scalars(select(ContentPack).where(ContentPack.withdrawn.is_(False))
                               .order_by(ContentPack.id.desc())):
        codes = json.loads(row.communes or "[]")
        if not codes or commune_code in codes:
            return row
    return None


def pack_for(session: Session, data_dir: Path, commune_code: str,
             have: str | None) -> PackDownload | None:
    """What ``GET /api/v1/packs/latest`` sends a device of ``commune_code``: None when it
    already has the newest pack (or there is none), else the signed bytes."""
    row = latest_for(session, commune_code)
    if row is None or (have and have == row.version):
        return None
    path = data_dir / "packs" / f"{row.version}.zip"
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != row.sha256:
        # A changed file on disk is never sent: the kiosk would refuse it anyway.
        log.error("content pack %s on disk does not match its hash; not served", row.version)
        return None
    return PackDownload(row.version, data, row.signature_b64)
