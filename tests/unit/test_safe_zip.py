"""The one bounded zip reader that the hub (publishing) and the kiosk (installing) share."""

from __future__ import annotations

import io
import zipfile

import pytest

from kiosk import safe_zip
from kiosk.safe_zip import ZipLimits, ZipProblem

LIMITS = ZipLimits(members=10, unpacked=10_000, member=4_000)


def zip_of(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_a_good_zip_unpacks_and_its_wrapping_folder_is_the_root(tmp_path):
    n = safe_zip.unpack(zip_of({"goi/bai-a/tutorial.toml": "id = 'bài'".encode(),
                                "goi/bai-a/images/a.svg": b"<svg/>"}), tmp_path, LIMITS)
    assert n == 2
    assert safe_zip.content_root(tmp_path) == tmp_path / "goi"
    assert (tmp_path / "goi/bai-a/tutorial.toml").read_text(encoding="utf-8") == "id = 'bài'"


@pytest.mark.parametrize(("files", "code"), [
    ({"../evil.toml": b"x"}, "unsafe_path"),
    ({"/etc/x": b"x"}, "unsafe_path"),
    ({"C:/x": b"x"}, "unsafe_path"),
    ({"a\\..\\b": b"x"}, "unsafe_path"),
    ({"a/b?.svg": b"x"}, "unsafe_path"),
    ({"a/Tutorial.toml": b"x", "a/tutorial.toml": b"y"}, "duplicate"),
    ({f"f{i}": b"x" for i in range(11)}, "too_many_files"),
    ({"big": b"x" * 4_001}, "file_too_big"),
    ({f"f{i}": b"x" * 3_000 for i in range(4)}, "unpacked_too_big"),
])
def test_bad_members_are_refused_before_anything_is_written(tmp_path, files, code):
    with pytest.raises(ZipProblem) as refused:
        safe_zip.unpack(zip_of(files), tmp_path, LIMITS)
    assert refused.value.code == code
    assert refused.value.vi and refused.value.en
    assert list(tmp_path.iterdir()) == []


def test_a_symlink_and_a_non_zip_are_refused(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("x/link")
        info.external_attr = 0o120777 << 16
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(ZipProblem) as link:
        safe_zip.unpack(buf.getvalue(), tmp_path, LIMITS)
    with pytest.raises(ZipProblem) as junk:
        safe_zip.unpack(b"PK not really", tmp_path, LIMITS)
    assert (link.value.code, junk.value.code) == ("symlink", "bad_zip")


def test_a_header_that_lies_about_the_size_is_caught_while_writing(tmp_path):
    data = zip_of({"t.toml": b"x" * 5_000})
    lying = data.replace((5000).to_bytes(4, "little"), (10).to_bytes(4, "little"))
    with pytest.raises(ZipProblem) as refused:
        safe_zip.unpack(lying, tmp_path, LIMITS)
    assert refused.value.code in ("lying_sizes", "bad_zip")
