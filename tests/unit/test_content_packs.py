"""Content packs from the hub on the kiosk (#21 item 6): signed, bounded, validated, switched
whole; a bad or unsigned pack is refused and the kiosk keeps the content it has."""

from __future__ import annotations

import base64
import io
import stat
import zipfile
from pathlib import Path

import pytest
from nacl.signing import SigningKey

from kiosk.content import packs
from kiosk.content.packs import PackRefused, current_pack, install_pack, load_content
from kiosk.paths import resource_path

BUNDLED = resource_path("tutorials")
FIXED_TITLE = "Đăng nhập Cổng Dịch vụ công bằng VNeID (bản sửa từ hub)"


def pack_zip(*, prefix: str = "", title: str = FIXED_TITLE,
             extra: dict[str, bytes] | None = None, broken: bool = False) -> bytes:
    """A pack with one corrected bundled tutorial (dvc-login), as the hub would send it."""
    src = BUNDLED / "dvc-login"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(src.rglob("*")):
            if f.is_file():
                data = f.read_bytes()
                if f.name == "tutorial.toml":
                    text = data.decode("utf-8").replace(
                        "Đăng nhập Cổng Dịch vụ công quốc gia bằng VNeID", title, 1)
                    if broken:
                        text = text.replace('category = "dvc"', 'category = 42')
                    data = text.encode("utf-8")
                zf.writestr(f"{prefix}dvc-login/{f.relative_to(src).as_posix()}", data)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.fixture
def hub_key() -> SigningKey:
    return SigningKey.generate()


def verify_b64(key: SigningKey) -> str:
    return base64.b64encode(bytes(key.verify_key)).decode()


def sign(key: SigningKey, data: bytes) -> str:
    return base64.b64encode(key.sign(data).signature).decode()


def title_of(data_dir: Path, tutorial_id: str = "dvc-login") -> str:
    cat = load_content(data_dir, [BUNDLED])
    t = cat.by_id(tutorial_id)
    assert t is not None
    return t.title.get("vi")


def test_a_signed_pack_replaces_that_tutorial_and_keeps_the_others(data_dir: Path,
                                                                    hub_key: SigningKey) -> None:
    before = load_content(data_dir, [BUNDLED])
    data = pack_zip()
    done = install_pack(data_dir, data, "2026.12.05-1", sign(hub_key, data), verify_b64(hub_key))
    assert done.version == "2026.12.05-1" and done.summary.tutorials == 1
    assert current_pack(data_dir) is not None
    after = load_content(data_dir, [BUNDLED])
    assert title_of(data_dir) == FIXED_TITLE
    assert {t.id for t in after.tutorials} == {t.id for t in before.tutorials}
    assert after.problems == before.problems  # no "duplicate id" for the corrected tutorial


def test_a_single_wrapping_folder_is_accepted(data_dir: Path, hub_key: SigningKey) -> None:
    data = pack_zip(prefix="tutorials/")
    install_pack(data_dir, data, "v2", sign(hub_key, data), verify_b64(hub_key))
    assert title_of(data_dir) == FIXED_TITLE


@pytest.mark.parametrize("how", ["unsigned", "other key", "tampered", "garbage signature"])
def test_a_pack_not_signed_by_the_paired_hub_is_refused_and_the_old_one_kept(
        data_dir: Path, hub_key: SigningKey, how: str) -> None:
    good = pack_zip(title="Bản thứ nhất")
    install_pack(data_dir, good, "v1", sign(hub_key, good), verify_b64(hub_key))
    data = pack_zip()
    signature = {"unsigned": "", "other key": sign(SigningKey.generate(), data),
                 "tampered": sign(hub_key, data[:100] + bytes([data[100] ^ 1]) + data[101:]),
                 "garbage signature": "not base64!"}[how]
    with pytest.raises(PackRefused) as refused:
        install_pack(data_dir, data, "v2", signature, verify_b64(hub_key))
    assert "giữ nội dung đang có" in str(refused.value)
    assert current_pack(data_dir)[0] == "v1"
    assert title_of(data_dir) == "Bản thứ nhất"
    assert not (packs.packs_dir(data_dir) / "v2").exists()


@pytest.mark.parametrize("name", ["../evil.toml", "/etc/evil.toml", "dvc-login/../../evil",
                                  "C:/evil.toml", "dvc-login\\..\\evil.toml"])
def test_a_member_that_could_escape_the_folder_refuses_the_whole_pack(
        data_dir: Path, hub_key: SigningKey, name: str) -> None:
    data = pack_zip(extra={name: b"x"})
    with pytest.raises(PackRefused, match="không an toàn"):
        install_pack(data_dir, data, "v1", sign(hub_key, data), verify_b64(hub_key))
    assert current_pack(data_dir) is None
    assert not (data_dir.parent / "evil.toml").exists()
    assert list(packs.packs_dir(data_dir).iterdir()) == []  # nothing half-unpacked left


def test_a_symbolic_link_member_is_refused(data_dir: Path, hub_key: SigningKey) -> None:
    buf = io.BytesIO(pack_zip())
    with zipfile.ZipFile(buf, "a") as zf:
        info = zipfile.ZipInfo("dvc-login/images/link.png")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    data = buf.getvalue()
    with pytest.raises(PackRefused):
        install_pack(data_dir, data, "v1", sign(hub_key, data), verify_b64(hub_key))
    assert current_pack(data_dir) is None


def test_a_pack_that_unpacks_too_big_is_refused_by_what_really_comes_out(
        data_dir: Path, hub_key: SigningKey, monkeypatch: pytest.MonkeyPatch) -> None:
    """A header may lie about sizes: the unpacker counts the bytes it writes."""
    data = pack_zip(extra={"dvc-login/images/big.bin": b"\0" * 300_000})
    monkeypatch.setattr(packs, "MAX_MEMBER_BYTES", 200_000)
    with pytest.raises(PackRefused, match="quá lớn"):
        install_pack(data_dir, data, "v1", sign(hub_key, data), verify_b64(hub_key))
    assert current_pack(data_dir) is None


def test_a_pack_with_a_broken_tutorial_fails_the_content_check_and_is_refused(
        data_dir: Path, hub_key: SigningKey) -> None:
    data = pack_zip(broken=True)
    with pytest.raises(PackRefused, match="lỗi nội dung"):
        install_pack(data_dir, data, "v1", sign(hub_key, data), verify_b64(hub_key))
    assert current_pack(data_dir) is None
    assert title_of(data_dir) != FIXED_TITLE


@pytest.mark.parametrize("data", [b"not a zip", b""])
def test_something_that_is_not_a_zip_is_refused(data_dir: Path, hub_key: SigningKey,
                                                data: bytes) -> None:
    with pytest.raises(PackRefused):
        install_pack(data_dir, data, "v1", sign(hub_key, data), verify_b64(hub_key))


@pytest.mark.parametrize("version", ["", "../v1", "a" * 41, "v 1"])
def test_an_odd_version_name_is_refused(data_dir: Path, hub_key: SigningKey,
                                        version: str) -> None:
    data = pack_zip()
    with pytest.raises(PackRefused):
        install_pack(data_dir, data, version, sign(hub_key, data), verify_b64(hub_key))


def test_a_newer_pack_switches_and_only_one_older_pack_is_kept(data_dir: Path,
                                                               hub_key: SigningKey) -> None:
    for n in range(1, 5):
        data = pack_zip(title=f"Bản {n}")
        install_pack(data_dir, data, f"v{n}", sign(hub_key, data), verify_b64(hub_key))
    assert title_of(data_dir) == "Bản 4"
    assert sorted(p.name for p in packs.packs_dir(data_dir).iterdir()) == ["v3", "v4"]


def test_a_pointer_to_a_missing_pack_falls_back_to_the_bundled_content(
        data_dir: Path) -> None:
    (data_dir / "content").mkdir()
    (data_dir / "content" / "current").write_text("gone\n", encoding="utf-8")
    assert current_pack(data_dir) is None
    assert title_of(data_dir) == "Đăng nhập Cổng Dịch vụ công quốc gia bằng VNeID"


def test_a_power_cut_leaves_the_previous_content_in_use(data_dir: Path,
                                                        hub_key: SigningKey) -> None:
    """A pack cut off while it unpacked (a hidden ``.incoming-*`` folder) is never read, and
    a pack's tutorial cut off while it was written (half a file) leaves the version the kiosk
    had, with the problem named for staff, instead of dropping the tutorial."""
    good = pack_zip(title="Bản thứ nhất")
    install_pack(data_dir, good, "v1", sign(hub_key, good), verify_b64(hub_key))
    half = packs.packs_dir(data_dir) / ".incoming-cut"
    (half / "dvc-login").mkdir(parents=True)
    (half / "dvc-login" / "tutorial.toml").write_bytes(pack_zip()[:300])
    assert title_of(data_dir) == "Bản thứ nhất"

    written = current_pack(data_dir)[1] / "dvc-login" / "tutorial.toml"
    text = written.read_bytes()
    written.write_bytes(text[:len(text) // 2])
    cat = load_content(data_dir, [BUNDLED])
    assert title_of(data_dir) == "Đăng nhập Cổng Dịch vụ công quốc gia bằng VNeID"
    assert {t.id for t in cat.tutorials} == {t.id for t in load_content(
        data_dir / "elsewhere", [BUNDLED]).tutorials}
    assert any(p.file == written for p in cat.problems)


def _with_practice(practice_toml: str) -> bytes:
    """The dvc-login pack with its practice.toml replaced."""
    src = zipfile.ZipFile(io.BytesIO(pack_zip()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "dvc-login/practice.toml":
                data = practice_toml.encode("utf-8")
            zf.writestr(info.filename, data)
    return buf.getvalue()


def test_a_pack_carries_its_practice_and_one_with_a_real_phone_number_is_refused(
        data_dir: Path, hub_key: SigningKey) -> None:
    """Practices are validated on the kiosk like tutorials (issue #22 item 1)."""
    good = (BUNDLED / "dvc-login" / "practice.toml").read_text(encoding="utf-8")
    bad = _with_practice(good.replace("dichvucong.gov.vn trên máy tính. Hãy bấm Đăng nhập.",
                                      "dichvucong.gov.vn. Gọi 0905 123 456.", 1))
    with pytest.raises(PackRefused, match="lỗi nội dung"):
        install_pack(data_dir, bad, "v1", sign(hub_key, bad), verify_b64(hub_key))
    assert current_pack(data_dir) is None
    data = _with_practice(good.replace("Tập đăng nhập Dịch vụ công bằng VNeID",
                                       "Tập đăng nhập (bản sửa từ hub)", 1))
    install_pack(data_dir, data, "v2", sign(hub_key, data), verify_b64(hub_key))
    practice = load_content(data_dir, [BUNDLED]).by_id("dvc-login").practice
    assert practice is not None and practice.title.get("vi") == "Tập đăng nhập (bản sửa từ hub)"
