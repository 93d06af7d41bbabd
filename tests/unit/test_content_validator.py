"""The content validator: each broken pack gives a message naming the file and the field."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.loader import load_catalogue
from tests.conftest import SAMPLE_CONTENT

SAMPLE = SAMPLE_CONTENT / "sample-basic"


def make_pack(tmp_path: Path, edit: Callable[[str], str] | None = None,
              after: Callable[[Path], None] | None = None, folder: str = "sample-basic") -> Path:
    root = tmp_path / "pack"
    root.mkdir(exist_ok=True)
    shutil.copy(SAMPLE_CONTENT / "categories.toml", root / "categories.toml")
    dest = root / folder
    shutil.copytree(SAMPLE, dest)
    if edit is not None:
        toml = dest / "tutorial.toml"
        toml.write_text(edit(toml.read_text(encoding="utf-8")), encoding="utf-8")
    if after is not None:
        after(dest)
    return root


CASES = [
    ("missing field", lambda t: t.replace('minutes = 5\n', ''), "minutes", "thiếu mục bắt buộc"),
    ("wrong type", lambda t: t.replace("minutes = 5", 'minutes = "năm"'), "minutes",
     "kiểu sai"),
    ("unknown key", lambda t: t.replace("order = 1", "order = 1\ncolour = 'red'"), "colour",
     "mục lạ"),
    ("missing image", lambda t: t.replace("images/step-02.svg", "images/khong-co.svg"),
     "steps[2].image", "không tìm thấy tệp ảnh"),
    ("unsafe path", lambda t: t.replace("images/step-02.svg", "../../etc/passwd.svg"),
     "steps[2].image", "không an toàn"),
    ("invalid toml", lambda t: t.replace("minutes = 5", "minutes = = 5"), "",
     "không đọc được TOML"),
    ("empty steps", lambda t: "steps = []\n" + t[: t.index("[[steps]]")], "steps",
     "đang trống"),
    ("too long", lambda t: t.replace("Bấm nút màu xanh có chữ Bắt đầu.", "Rất dài. " * 60),
     "steps[2].text.vi", "dài quá"),
    ("missing vietnamese", lambda t: t.replace('title = { vi = "Xong", en = "Done" }',
                                               'title = { en = "Done" }'),
     "steps[3].title", "thiếu bản tiếng Việt"),
    ("bad link", lambda t: t.replace('link = "https://vneid.gov.vn/"', 'link = "javascript:x"'),
     "steps[2].link", "địa chỉ web không hợp lệ"),
    ("unknown source", lambda t: t.replace('sources = ["S7"]\n\n[[steps]]\ntitle = { vi = "Xong"',
                                           'sources = ["S99"]\n\n[[steps]]\ntitle = { vi = "Xong"'),
     "steps[2].sources", "S99"),
    ("unknown category", lambda t: t.replace('category = "vneid"', 'category = "abc"'),
     "category", "không có trong categories.toml"),
]


@pytest.mark.parametrize(("kind", "edit", "field", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_broken_pack_names_file_and_field(tmp_path: Path, kind: str, edit: Callable,
                                               field: str, words: str) -> None:
    root = make_pack(tmp_path, edit)
    cat = load_catalogue([root])
    assert cat.tutorials == ()  # a broken tutorial is skipped
    messages = [str(p) for p in cat.problems]
    assert any("tutorial.toml" in m and field in m and words in m for m in messages), messages


def test_audio_file_with_a_bad_name_and_a_missing_step(tmp_path: Path) -> None:
    def add_audio(dest: Path) -> None:
        (dest / "audio").mkdir()
        (dest / "audio" / "buoc1.wav").write_bytes(b"RIFF")
        (dest / "audio" / "step-09.vi.wav").write_bytes(b"RIFF")

    cat = load_catalogue([make_pack(tmp_path, after=add_audio)])
    messages = " | ".join(str(p) for p in cat.problems)
    assert "audio/buoc1.wav" in messages and "step-03.vi.wav" in messages
    assert "audio/step-09.vi.wav" in messages and "bước 9 không tồn tại" in messages


def test_prerecorded_audio_is_attached_to_its_step(tmp_path: Path) -> None:
    def add_audio(dest: Path) -> None:
        (dest / "audio").mkdir()
        (dest / "audio" / "step-02.kt.wav").write_bytes(b"RIFF....")
        toml = dest / "tutorial.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace(
            'image = "images/step-02.svg"', 'image = "images/step-02.svg"\n'
            'audio_covers = ["warning"]'), encoding="utf-8")

    cat = load_catalogue([make_pack(tmp_path, after=add_audio)])
    assert not cat.problems
    assert set(cat.tutorials[0].steps[1].audio) == {"kt"}


def test_duplicate_ids_across_packs_keep_the_first(tmp_path: Path) -> None:
    first = make_pack(tmp_path)
    second = tmp_path / "usb"
    shutil.copytree(first, second)
    cat = load_catalogue([first, second])
    assert len(cat.tutorials) == 1
    assert any("bị trùng" in str(p) and str(second) in str(p) for p in cat.problems)


def test_folder_name_must_match_id(tmp_path: Path) -> None:
    cat = load_catalogue([make_pack(tmp_path, folder="other-name")])
    assert any("phải trùng tên thư mục" in str(p) for p in cat.problems)


def test_broken_tutorial_is_skipped_and_others_still_load(tmp_path: Path) -> None:
    root = make_pack(tmp_path)
    broken = root / "zz-broken"
    broken.mkdir()
    (broken / "tutorial.toml").write_text("id = [", encoding="utf-8")
    cat = load_catalogue([root])
    assert [t.id for t in cat.tutorials] == ["sample-basic"]
    assert len(cat.problems) == 1


def test_cli_check_exit_codes_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    assert main(["content", "check", str(SAMPLE_CONTENT)]) == 0
    out = capsys.readouterr().out
    assert "Nội dung hợp lệ: 1 bài hướng dẫn, 3 bước, ngôn ngữ: en, vi, 3 hình" in out
    bad = make_pack(tmp_path, lambda t: t.replace("minutes = 5", 'minutes = "x"'))
    assert main(["content", "check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "minutes" in out and "Có 1 lỗi cần sửa" in out


def test_spoken_text_of_a_step() -> None:
    cat = load_catalogue([SAMPLE_CONTENT])
    steps = cat.tutorials[0].steps
    assert steps[1].spoken("vi") == ("Bấm nút Bắt đầu. Bấm nút màu xanh có chữ Bắt đầu. "
                                     "Không bao giờ đọc mã OTP cho người khác.")
    assert steps[2].spoken("vi") == "Xong. Bạn đã mở được ứng dụng V N e I D."
    assert steps[0].spoken("en") == "Open the VNeID app. Tap the VNeID icon on your phone."


def test_tables_reports_each_bad_entry_and_skips_it(tmp_path) -> None:
    from kiosk.content.loader import ProblemLog, tables

    ctx = ProblemLog(tmp_path / "x.toml")
    good = {"id": "a"}
    data = {"term": [good, "not a table", {"id": "b", "colour": "red"}], "phrase": "x"}
    assert list(tables(ctx, data, "term", {"id"}, "thuật ngữ")) == [
        ("term[0]", good), ("term[2]", {"id": "b", "colour": "red"})]
    assert list(tables(ctx, data, "phrase", {"id"}, "câu")) == []
    assert [(p.where, p.message.split(";")[0]) for p in ctx.problems] == [
        ("term[1]", "mỗi thuật ngữ là một bảng [[term]]"),
        ("term[2].colour", "mục lạ “colour”"),
        ("phrase", "cần các bảng [[phrase]] (mỗi câu một bảng)")]


def test_a_picture_path_may_not_lead_out_of_the_tutorial_folder(tmp_path: Path) -> None:
    from kiosk.content.loader import safe_child

    folder = tmp_path / "tut"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "a.svg").write_text("<svg/>", encoding="utf-8")
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "b.svg").write_text("<svg/>", encoding="utf-8")
    (folder / "images" / "link.svg").symlink_to(outside / "b.svg")
    (folder / "linked").symlink_to(outside)
    (folder / "images" / "inner.svg").symlink_to(folder / "images" / "a.svg")
    assert safe_child(folder, "images/a.svg") == folder / "images" / "a.svg"
    assert safe_child(folder, "images/inner.svg") == folder / "images" / "inner.svg"
    assert safe_child(folder, "images/link.svg") is None
    assert safe_child(folder, "linked/b.svg") is None
    for bad in ("../secret/b.svg", "/etc/passwd", "C:/x.svg", "", "images/../../secret/b.svg"):
        assert safe_child(folder, bad) is None, bad
