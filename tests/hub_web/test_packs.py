"""Content packs: bounded, validated by the kiosk's own validator, signed, published."""

from __future__ import annotations

import base64
import io
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from nacl.signing import SigningKey
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

from hub import packs
from hub.models import HubBase
from hub.packs import PackRefused, check_pack, pack_for, publish_pack
from kiosk.paths import resource_path

NOW = datetime(2026, 3, 2, 2, 0)


def zip_folder(folder: Path, prefix: str = "") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                zf.write(p, prefix + p.relative_to(folder).as_posix())
    return buf.getvalue()


def good_pack(tmp_path: Path, prefix: str = "") -> bytes:
    """One bundled tutorial and the categories it needs, as an admin would zip them."""
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    import shutil

    shutil.copytree(resource_path("tutorials", "dvc-login"), src / "dvc-login",
                    dirs_exist_ok=True)
    shutil.copy(resource_path("tutorials", "categories.toml"), src / "categories.toml")
    return zip_folder(src, prefix)


def zip_of(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.fixture
def session(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    HubBase.metadata.create_all(engine)
    with sessionmaker(engine)() as s, s.begin():
        yield s
    engine.dispose()


def test_a_good_pack_is_checked_signed_and_served_to_its_commune(tmp_path, session: Session):
    key = SigningKey.generate()
    checked = check_pack(good_pack(tmp_path, prefix="noi-dung/"), tmp_path / "work")
    assert checked.tutorials == 1
    info = publish_pack(session, tmp_path, checked, sign=lambda b: key.sign(b).signature,
                        communes=("20194",), by="admin", now=NOW)
    assert packs.VERSION_RE.match(info.version)
    got = pack_for(session, tmp_path, "20194", None)
    assert got is not None and got.version == info.version
    key.verify_key.verify(got.data, base64.b64decode(got.signature_b64))  # raises if wrong
    with zipfile.ZipFile(io.BytesIO(got.data)) as zf:
        names = zf.namelist()
    assert "dvc-login/tutorial.toml" in names and "categories.toml" in names
    assert pack_for(session, tmp_path, "20194", info.version) is None  # nothing newer
    assert pack_for(session, tmp_path, "20227", None) is None  # not published there
    assert not list((tmp_path / "work").iterdir())  # nothing left unpacked


def test_a_pack_for_all_communes_reaches_every_commune(tmp_path, session):
    checked = check_pack(good_pack(tmp_path), tmp_path / "work")
    publish_pack(session, tmp_path, checked, sign=lambda b: b"s" * 64, communes=(),
                 by="admin", now=NOW)
    assert pack_for(session, tmp_path, "20227", None) is not None


def test_a_changed_file_on_disk_is_never_served(tmp_path, session):
    checked = check_pack(good_pack(tmp_path), tmp_path / "work")
    info = publish_pack(session, tmp_path, checked, sign=lambda b: b"s" * 64, communes=(),
                        by="admin", now=NOW)
    (tmp_path / "packs" / f"{info.version}.zip").write_bytes(b"tampered")
    assert pack_for(session, tmp_path, "20194", None) is None


def test_a_broken_step_is_refused_with_the_validators_problem(tmp_path):
    src = tmp_path / "src" / "dvc-login" / "tutorial.toml"
    good_pack(tmp_path)
    text = src.read_text(encoding="utf-8").replace('image = "images/step-02.svg"',
                                                   'image = "images/khong-co.svg"')
    src.write_text(text, encoding="utf-8")
    with pytest.raises(PackRefused) as refused:
        check_pack(zip_folder(tmp_path / "src"), tmp_path / "work")
    assert refused.value.code == "invalid_content"
    assert any("khong-co.svg" in p for p in refused.value.problems)


@pytest.mark.parametrize("name", ["../evil/tutorial.toml", "/etc/tutorial.toml",
                                  "a\\..\\b.toml", "C:/x/tutorial.toml"])
def test_path_traversal_is_refused(tmp_path, name):
    with pytest.raises(PackRefused) as refused:
        check_pack(zip_of({name: b"id = 'x'"}), tmp_path / "work")
    assert refused.value.code == "unsafe_path"
    assert not (tmp_path / "evil").exists()


def test_a_symlink_member_is_refused(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("x/link")
        info.external_attr = (0o120777 << 16)
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(PackRefused) as refused:
        check_pack(buf.getvalue(), tmp_path / "work")
    assert refused.value.code == "symlink"


def test_a_500_mb_picture_is_refused_before_unpacking(tmp_path):
    """A real 500 MB member (zeros compress to half a megabyte): refused from its header,
    nothing written to disk."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf, \
            zf.open("dvc-login/images/step-01.png", "w", force_zip64=True) as out:
        block = bytes(8 * 1024 * 1024)
        for _ in range(500 // 8):
            out.write(block)
        out.write(bytes(4 * 1024 * 1024))
    assert len(buf.getvalue()) < 5 * 1024 * 1024
    with pytest.raises(PackRefused) as refused:
        check_pack(buf.getvalue(), tmp_path / "work")
    assert refused.value.code == "file_too_big"
    assert "500 MB" in str(refused.value)


def test_sizes_that_lie_in_the_header_are_caught_while_unpacking(tmp_path, monkeypatch):
    monkeypatch.setattr(packs, "MAX_FILE_BYTES", 1000)
    data = zip_of({"t/tutorial.toml": b"x" * 5000})
    # Make the central directory claim 10 bytes for a 5,000-byte member.
    lying = data.replace((5000).to_bytes(4, "little"), (10).to_bytes(4, "little"))
    with pytest.raises(PackRefused) as refused:
        check_pack(lying, tmp_path / "work")
    assert refused.value.code in ("lying_sizes", "bad_zip")


def test_not_a_zip_and_too_big_are_refused(tmp_path, monkeypatch):
    with pytest.raises(PackRefused) as not_zip:
        check_pack(b"PK-not-really", tmp_path / "work")
    assert not_zip.value.code == "bad_zip"
    monkeypatch.setattr(packs, "MAX_PACK_BYTES", 100)
    with pytest.raises(PackRefused) as big:
        check_pack(b"x" * 101, tmp_path / "work")
    assert big.value.code == "too_big"


def test_too_many_members_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(packs, "MAX_MEMBERS", 3)
    with pytest.raises(PackRefused) as refused:
        check_pack(zip_of({f"t/{i}.txt": b"x" for i in range(4)}), tmp_path / "work")
    assert refused.value.code == "too_many_files"
