"""This machine's own keys: Ed25519 to sign what it sends, X25519 to open what is sealed to it.

Two files in the data dir, each the base64 of a 32-byte PyNaCl seed, mode 0600:

* ``device_signing.key``: signs batches and v2 bundles (``nacl.signing.SigningKey``); the hub
  knows the public half (``verify_key_b64``) from pairing and refuses a batch it cannot verify;
* ``device_box.key``: a ``nacl.public.PrivateKey``; batches and USB bundles for this machine are
  sealed to its public half (``box_public_b64``), so only this machine can open them.

The private halves are created once, written only through :func:`kiosk.files.write_atomic`
(whole or not at all, 0600 before the rename), and never copied anywhere: not into a batch, a
bundle, a backup (backups copy the database, the keys are files beside it) or an export.
A lost data dir means new keys and pairing again, by design: there is no key escrow.

The hub uses the same class on its own data dir. Any thread (the objects are immutable).
"""

from __future__ import annotations

import base64
import binascii
import logging
from pathlib import Path

from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.signing import SigningKey

from kiosk.errors import KioskError
from kiosk.files import PRIVATE_MODE, write_atomic

log = logging.getLogger(__name__)

SIGNING_FILE = "device_signing.key"
BOX_FILE = "device_box.key"
KEY_FILES = (SIGNING_FILE, BOX_FILE)


class KeyFileError(KioskError):
    """A key file is damaged or a public key given by a person is not a key."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def public_key_from_b64(text: str) -> PublicKey:
    """A box public key typed or pasted by a person (``help-kiosk bundle key`` prints it)."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise KeyFileError("Khóa công khai không đúng dạng (phải là chuỗi base64 44 ký tự). "
                        "Hãy chép lại khóa từ máy nhận.",
                           en="The public key is not in the right form (it must be 44 base64 "
                              "characters). Copy the key again from the receiving "
                              "computer.") from exc
    if len(raw) != 32:
        raise KeyFileError("Khóa công khai không đúng độ dài. Hãy chép lại khóa từ máy nhận.",
                           en="The public key has the wrong length. Copy the key again from the "
                              "receiving computer.")
    return PublicKey(raw)


def _read_seed(path: Path) -> bytes | None:
    if not path.exists():
        return None
    try:
        raw = base64.b64decode(path.read_text(encoding="ascii").strip(), validate=True)
    except (OSError, UnicodeDecodeError, binascii.Error, ValueError) as exc:
        raise KeyFileError(f"Tệp khóa “{path.name}” của máy này bị hỏng. Hãy khôi phục thư mục "
                        "dữ liệu từ bản sao lưu, hoặc xóa tệp đó và ghép nối lại với máy "
                        "chủ.",
                           en=f"This computer's key file “{path.name}” is damaged. Restore the "
                              "data folder from a backup, or delete that file and pair with the "
                              "server again.") from exc
    if len(raw) != 32:
        raise KeyFileError(f"Tệp khóa “{path.name}” của máy này bị hỏng. Hãy xóa tệp đó và ghép "
                        "nối lại với máy chủ.",
                           en=f"This computer's key file “{path.name}” is damaged. Delete that "
                              "file and pair with the server again.")
    return raw


def _load_or_make(path: Path, make: bytes) -> bytes:
    seed = _read_seed(path)
    if seed is not None:
        return seed
    write_atomic(path, b64(make) + "\n", mode=PRIVATE_MODE)
    log.info("created %s", path.name)
    # Read back what is on disk, not what we made: if another process (the GUI and a CLI
    # command) made its own key in the same instant, the later rename wins and both read
    # it, unless one read before the other wrote (a window of microseconds, at first use
    # only; that process keeps a key nobody knows until it restarts).
    seed = _read_seed(path)
    assert seed is not None
    return seed


class DeviceKeys:
    """This machine's signing and box keys (see the module docstring)."""

    def __init__(self, signing: SigningKey, box: PrivateKey, device_id: str = "") -> None:
        self._signing = signing
        self._box = box
        self.device_id = device_id

    @classmethod
    def load_or_create(cls, data_dir: Path, device_id: str = "") -> DeviceKeys:
        """Read the two key files in ``data_dir``, making each the first time."""
        data_dir = Path(data_dir)
        signing = _load_or_make(data_dir / SIGNING_FILE, bytes(SigningKey.generate()))
        box = _load_or_make(data_dir / BOX_FILE, bytes(PrivateKey.generate()))
        return cls(SigningKey(signing), PrivateKey(box), device_id)

    def verify_key_b64(self) -> str:
        """The Ed25519 public key, base64: what the hub checks signatures with."""
        return b64(bytes(self._signing.verify_key))

    def box_public_b64(self) -> str:
        """The X25519 public key, base64: what senders seal bundles and batches to."""
        return b64(bytes(self._box.public_key))

    def sign(self, data: bytes) -> bytes:
        """A detached Ed25519 signature (64 bytes) over ``data``."""
        return bytes(self._signing.sign(data).signature)

    def unseal(self, blob: bytes) -> bytes:
        """Open a ``SealedBox`` sealed to this machine; ``nacl.exceptions.CryptoError`` if not."""
        return bytes(SealedBox(self._box).decrypt(blob))

    def __repr__(self) -> str:  # never the private halves, even in a traceback
        return f"DeviceKeys(device_id={self.device_id!r}, verify={self.verify_key_b64()})"
