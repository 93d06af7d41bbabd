"""Device keys: made once, private files (0600), stable, and never inside what leaves."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import pytest
from nacl.signing import VerifyKey

from kiosk.files import is_partial
from kiosk.sync.keys import BOX_FILE, SIGNING_FILE, DeviceKeys, KeyFileError, public_key_from_b64


def test_keys_are_made_once_and_read_back(tmp_path: Path) -> None:
    first = DeviceKeys.load_or_create(tmp_path, device_id="dev-1")
    again = DeviceKeys.load_or_create(tmp_path, device_id="dev-1")
    assert first.verify_key_b64() == again.verify_key_b64()
    assert first.box_public_b64() == again.box_public_b64()
    assert first.verify_key_b64() != first.box_public_b64()
    assert sorted(p.name for p in tmp_path.iterdir()) == [BOX_FILE, SIGNING_FILE]
    assert not any(is_partial(p) for p in tmp_path.iterdir())


@pytest.mark.skipif(os.name == "nt", reason="POSIX mode bits")
def test_key_files_are_owner_only(tmp_path: Path) -> None:
    DeviceKeys.load_or_create(tmp_path)
    for name in (SIGNING_FILE, BOX_FILE):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


def test_signature_verifies_with_the_public_key(tmp_path: Path) -> None:
    keys = DeviceKeys.load_or_create(tmp_path)
    sig = keys.sign(b"manifest")
    assert len(sig) == 64
    VerifyKey(base64.b64decode(keys.verify_key_b64())).verify(b"manifest", sig)


def test_a_damaged_key_file_is_reported_not_replaced(tmp_path: Path) -> None:
    DeviceKeys.load_or_create(tmp_path)
    (tmp_path / SIGNING_FILE).write_text("not a key", encoding="ascii")
    with pytest.raises(KeyFileError, match="bị hỏng"):
        DeviceKeys.load_or_create(tmp_path)
    assert (tmp_path / SIGNING_FILE).read_text(encoding="ascii") == "not a key"


@pytest.mark.parametrize("text", ["", "abc", "!!!!", base64.b64encode(b"x" * 31).decode()])
def test_a_typed_public_key_that_is_not_one_is_refused(text: str) -> None:
    with pytest.raises(KeyFileError, match="Hãy chép lại khóa"):
        public_key_from_b64(text)


def test_repr_shows_no_private_key(tmp_path: Path) -> None:
    keys = DeviceKeys.load_or_create(tmp_path, device_id="d")
    for name in (SIGNING_FILE, BOX_FILE):
        secret = (tmp_path / name).read_text(encoding="ascii").strip()
        assert secret not in repr(keys)
