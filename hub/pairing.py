"""One-time pairing codes and paired devices (the hub side of pairing; revocation).

A commune officer makes a code on the hub (``help-kiosk-hub pair-code --commune 20194``) and
staff type it into the kiosk's *Quản lý* screen; the kiosk then sends its public keys with the
code to ``POST /api/v1/pair``.

Codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as
``ABCD-EFGH``: 31⁸ ≈ 2^39.6 possibilities, one-time, valid 24 hours, tried at most
``pair_attempts_per_window`` times per client address per window.

Stored hashed as HMAC-SHA-256 under a secret kept in the hub's data dir (``pairing.key``,
mode 0600), not argon2id: the code is random (not a person's chosen secret), short-lived and
one-time, and the pairing request must find its row by an index lookup; argon2id's per-row
salt would mean verifying against every open code. The key outside the database means a
stolen database dump does not let anyone try 2^40 codes offline either.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hub.errors import HubRefused
from hub.models import Device, PairingCode
from kiosk.files import PRIVATE_MODE, write_atomic

log = logging.getLogger(__name__)

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LEN = 8
KEY_FILE = "pairing.key"
COMMUNE_CODE_MAX = 8


def _secret(data_dir: Path) -> bytes:
    path = data_dir / KEY_FILE
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        data_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(path, secrets.token_bytes(32), mode=PRIVATE_MODE)
        key = path.read_bytes()
    if len(key) < 32:
        raise RuntimeError(f"{path} is damaged (shorter than 32 bytes)")
    return key


def normalize_code(text: str) -> str | None:
    """Upper-case, without dashes and spaces; None when it cannot be one of our codes."""
    code = "".join(ch for ch in text.upper() if ch not in "- \t")
    if len(code) != CODE_LEN or any(ch not in ALPHABET for ch in code):
        return None
    return code


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def code_hash(data_dir: Path, code: str) -> str:
    return hmac.new(_secret(data_dir), code.encode("ascii"), hashlib.sha256).hexdigest()


def check_commune_code(commune: str) -> str:
    commune = commune.strip()
    if not commune.isdigit() or not 1 <= len(commune) <= COMMUNE_CODE_MAX:
        raise HubRefused("wrong_commune", f"Mã xã/phường '{commune[:20]}' không hợp lệ: "
                         "dùng mã số chính thức của đơn vị hành chính cấp xã (ví dụ 20194).")
    return commune


@dataclass(frozen=True)
class NewCode:
    code: str  # formatted ABCD-EFGH; shown once, never stored
    commune_code: str
    expires_at: datetime
    team_of: str = ""  # the help point whose team the new device joins, "" for its own team


def create_code(session: Session, data_dir: Path, commune: str, now: datetime,
                hours: int = 24, *, same_team_as: str = "") -> NewCode:
    """A one-time code for ``commune``; with ``same_team_as`` (a paired device's id), the
    device that uses it joins that device's team.

    Why: every kiosk database makes its own team id, so a team's second PC (the mobile
    team's laptop) would count as a second team and the allowance cap would be paid twice
    (issue #20 item 0). The officer who hands out the code knows which team it is for.
    """
    commune = check_commune_code(commune)
    team_id, team_of = "", ""
    if same_team_as:
        other = session.get(Device, same_team_as.strip()[:36])
        if other is None or other.commune_code != commune or other.revoked_at is not None:
            raise HubRefused("unknown_team_device", "Không tìm thấy thiết bị đã ghép nối (còn "
                             "hiệu lực) của xã/phường này để dùng chung tổ. Hãy chọn lại.", 400)
        if not other.team_id:
            raise HubRefused("team_not_known_yet", f"“{other.help_point_name}” chưa đồng bộ "
                             "lần nào nên hub chưa biết tổ của máy đó. Hãy đồng bộ máy đó trước "
                             "rồi tạo mã.", 400)
        team_id, team_of = other.team_id, other.help_point_name
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LEN))
    expires = now + timedelta(hours=hours)
    session.add(PairingCode(code_hash=code_hash(data_dir, code), commune_code=commune,
                            created_at=now, expires_at=expires, team_id=team_id))
    return NewCode(format_code(code), commune, expires, team_of)


@dataclass(frozen=True)
class Redeemed:
    device: Device
    team_id: str  # the team the code puts the device in; "" when it keeps its own


@dataclass(frozen=True)
class PairRequest:
    code: str
    device_id: str
    verify_key: str
    box_public: str
    help_point_name: str
    commune_code: str
    app_version: str


def redeem(session: Session, data_dir: Path, req: PairRequest, now: datetime) -> Redeemed:
    """Use a code once and store (or re-key) the device; raises HubRefused."""
    code = normalize_code(req.code)
    bad = HubRefused("bad_code", "Mã ghép nối không đúng hoặc đã được dùng. Hãy nhờ cán bộ xã "
                     "tạo mã mới trên hub (help-kiosk-hub pair-code) rồi nhập lại.", 403)
    if code is None:
        raise bad
    row = session.scalar(select(PairingCode).where(
        PairingCode.code_hash == code_hash(data_dir, code)))
    if row is None or row.used_at is not None:
        raise bad
    if row.expires_at <= now:
        raise HubRefused("expired_code", "Mã ghép nối đã hết hạn (mã dùng được 24 giờ). Hãy nhờ "
                         "cán bộ xã tạo mã mới.", 403)
    if req.commune_code and req.commune_code != row.commune_code:
        raise HubRefused("wrong_commune", f"Mã ghép nối này dành cho xã/phường mã "
                         f"{row.commune_code}, nhưng kiosk khai mã {req.commune_code}. Hãy kiểm "
                         "tra mã xã trong Cài đặt của kiosk.", 403)
    # Conditional update: two kiosks racing with one code, only one wins.
    used = session.execute(update(PairingCode).where(
        PairingCode.id == row.id, PairingCode.used_at.is_(None)).values(
        used_at=now, used_by=req.device_id))
    if used.rowcount != 1:  # type: ignore[attr-defined]
        raise bad
    device = session.get(Device, req.device_id)
    if device is None:
        device = Device(device_id=req.device_id, paired_at=now, last_seq=0, last_status={},
                        help_point_id="", team_id="")
        session.add(device)
    # The officer's fresh code is the authority: re-pairing replaces the keys and lifts a
    # revocation (a stolen kiosk has no code).
    device.verify_key = req.verify_key
    device.box_public = req.box_public
    device.help_point_name = req.help_point_name
    device.commune_code = row.commune_code
    device.app_version = req.app_version
    device.paired_at = now
    device.revoked_at = None
    if row.team_id:
        device.team_id = row.team_id  # the kiosk moves its rows to it (kiosk.identity)
    session.flush()
    log.info("device %s paired (commune %s)", req.device_id, row.commune_code)
    return Redeemed(device, row.team_id or "")


def revoke(session: Session, device_id: str, now: datetime) -> bool:
    """Refuse everything from this device from now on. False if no such device."""
    device = session.get(Device, device_id)
    if device is None:
        return False
    if device.revoked_at is None:
        device.revoked_at = now
    log.info("device %s revoked", device_id)
    return True


def verify_key_for(session: Session, device_id: str) -> str | None:
    """The device's Ed25519 public key; None when unknown or revoked (open_batch's contract)."""
    device = session.get(Device, device_id)
    if device is None or device.revoked_at is not None:
        return None
    return device.verify_key
