"""Practices as content (``<tutorial>/practice.toml``): the loader and each validator rule.

Every rule has a case that breaks it and names the screen or field; the shipped practices
load clean (``help-kiosk content check`` runs the same code).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content.loader import MAX_PRACTICE_SCREENS, load_catalogue
from kiosk.content.model import PRACTICE_DONE
from kiosk.content.validate import PRETEND_CODES, PRETEND_PHONES, pretend_number_problems
from kiosk.paths import resource_path
from tests.conftest import SAMPLE_CONTENT

GOOD = '''
title = { vi = "Tập thử", en = "Practice" }
intro = { vi = "Đây là điện thoại tập.", en = "This is a practice phone." }
done = { vi = "Bạn đã tập xong!", en = "You have finished!" }

[[screens]]
id = "sms"
kind = "sms"
heading = { vi = "Tin nhắn (tập)", en = "Messages (practice)" }
body = { vi = "Ma OTP la 246810", en = "Ma OTP la 246810" }
body_voice = { vi = "Mã OTP là 246810.", en = "The OTP is 246810." }
ask = { vi = "Bấm Mở ứng dụng.", en = "Tap Open the app." }
right = { vi = "Đúng rồi!", en = "Right!" }

[[screens.buttons]]
id = "link"
label = { vi = "Bấm link", en = "Tap the link" }
hint = { vi = "Chưa đúng. Đừng bấm link.", en = "Not quite. Do not tap links." }

[[screens.buttons]]
id = "open"
label = { vi = "Mở ứng dụng", en = "Open the app" }
next = "otp"

[[screens]]
id = "otp"
kind = "app"
heading = { vi = "Nhập mã (tập)", en = "Enter the code (practice)" }
ask = { vi = "Nhập mã 246810.", en = "Type 246810." }
right = { vi = "Đúng rồi!", en = "Right!" }

[screens.entry]
label = { vi = "Mã OTP", en = "OTP" }
length = 6
answer = "246810"
next = "done"
hint = { vi = "Chưa đúng. Nhập 246810.", en = "Not quite. Type 246810." }
'''


def make_pack(tmp_path: Path, edit: Callable[[str], str] = lambda t: t) -> Path:
    root = tmp_path / "pack"
    root.mkdir()
    shutil.copy(SAMPLE_CONTENT / "categories.toml", root / "categories.toml")
    dest = root / "sample-basic"
    shutil.copytree(SAMPLE_CONTENT / "sample-basic", dest)
    (dest / "practice.toml").write_text(edit(GOOD), encoding="utf-8")
    return root


def problems_of(tmp_path: Path, edit: Callable[[str], str]) -> list[str]:
    cat = load_catalogue([make_pack(tmp_path, edit)])
    tutorial = cat.by_id("sample-basic")
    assert tutorial is not None, "a broken practice must never hide its tutorial"
    out = [str(p) for p in cat.problems]
    assert (tutorial.practice is None) == bool(out), out
    return out


def test_a_good_practice_loads_with_its_tutorial(tmp_path: Path) -> None:
    cat = load_catalogue([make_pack(tmp_path)])
    assert cat.problems == ()
    practice = cat.by_id("sample-basic").practice
    assert practice is not None
    assert [s.id for s in practice.screens] == ["sms", "otp"]
    sms = practice.screens[0]
    assert [b.right for b in sms.buttons] == [False, True]
    # the unaccented SMS is said from its voice form, then the instruction
    assert sms.spoken("vi") == "Tin nhắn (tập). Mã OTP là 246810. Bấm Mở ứng dụng."
    assert practice.screens[1].entry.answer == "246810"
    assert practice.screens[1].ways_on() == [PRACTICE_DONE]


CASES = [
    ("wrong touch without a hint",
     lambda t: t.replace('hint = { vi = "Chưa đúng. Đừng bấm link.", en = "Not quite. Do not '
                         'tap links." }\n', ''),
     "buttons.link", "không có gợi ý"),
    ("unreachable screen",
     lambda t: t + '''
[[screens]]
id = "lost"
kind = "app"
heading = { vi = "Lạc" }
ask = { vi = "Bấm Tiếp." }
right = { vi = "Đúng." }
[[screens.buttons]]
id = "on"
label = { vi = "Tiếp" }
next = "done"
''', "(lost)", "không đi tới được màn hình này"),
    ("next names no screen", lambda t: t.replace('next = "otp"', 'next = "khong-co"'),
     "buttons.open.next", "không có màn hình “khong-co”"),
    ("dead end", lambda t: t.replace('next = "otp"\n', ''), "(sms)",
     "không có đường đi tiếp"),
    ("loop that never ends", lambda t: t.replace('next = "done"', 'next = "sms"'), "(sms)",
     "không đi tới được kết thúc"),
    ("real-looking phone number",
     lambda t: t.replace('Ma OTP la 246810", en', 'Goi 0912 345 678", en'),
     "screens[0] (sms).body.vi", "trông như số điện thoại thật"),
    ("ID-number-like 12 digits",
     lambda t: t.replace('ask = { vi = "Bấm Mở ứng dụng."', 'ask = { vi = "Số 079123456789."'),
     "screens[0] (sms).ask.vi", "số định danh cá nhân"),
    ("ID number with spaces",
     lambda t: t.replace('ask = { vi = "Bấm Mở ứng dụng."',
                         'ask = { vi = "Số 0791 2345 6789."'), "ask.vi", "số định danh"),
    ("real-looking OTP in a hint",
     lambda t: t.replace('Chưa đúng. Nhập 246810.", en', 'Chưa đúng. Nhập 583921.", en'),
     "entry.hint.vi", "trông như mã thật"),
    ("answer not on the pretend list",
     lambda t: t.replace('answer = "246810"', 'answer = "583921"'), "entry.answer",
     "danh sách số tập"),
    ("answer of the wrong length", lambda t: t.replace('length = 6', 'length = 8'),
     "entry.answer", "length = 8"),
    ("unspeakable text without a voice form",
     lambda t: t.replace('ask = { vi = "Bấm Mở ứng dụng."', 'ask = { vi = "Vào https://a.vn"'),
     "(sms).ask.vi", "không nói được"),
    ("unknown key", lambda t: t.replace('kind = "sms"', 'kind = "sms"\ncolour = "red"'),
     "colour", "mục lạ"),
    ("unknown kind", lambda t: t.replace('kind = "sms"', 'kind = "fax"'), "kind",
     "loại màn hình lạ"),
    ("missing instruction", lambda t: t.replace('ask = { vi = "Nhập mã 246810.", en = "Type '
                                                '246810." }\n', ''),
     "ask", "thiếu mục bắt buộc"),
    ("text too long", lambda t: t.replace('Bấm Mở ứng dụng.', 'Rất dài. ' * 40), "ask.vi",
     "dài quá"),
    ("duplicate screen id", lambda t: t.replace('id = "otp"', 'id = "sms"'), "screens",
     "bị trùng"),
]


@pytest.mark.parametrize(("name", "edit", "where", "message"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_names_the_place(tmp_path: Path, name: str, edit: Callable[[str], str],
                                   where: str, message: str) -> None:
    found = problems_of(tmp_path, edit)
    assert any(where in p and message in p for p in found), found
    assert all("practice.toml" in p for p in found), found


def test_too_many_screens_is_refused(tmp_path: Path) -> None:
    extra = "".join(f'''
[[screens]]
id = "s{i}"
kind = "app"
heading = {{ vi = "Màn {i}" }}
ask = {{ vi = "Bấm Tiếp." }}
right = {{ vi = "Đúng." }}
[[screens.buttons]]
id = "on"
label = {{ vi = "Tiếp" }}
next = "done"
''' for i in range(MAX_PRACTICE_SCREENS))
    found = problems_of(tmp_path, lambda t: t + extra)
    assert any("quá nhiều màn hình" in p for p in found), found


def test_an_oversized_file_is_refused_whole(tmp_path: Path) -> None:
    found = problems_of(tmp_path, lambda t: t + "#" * (300 * 1024))
    assert any("tệp quá lớn" in p for p in found), found


@pytest.mark.parametrize("number", sorted(PRETEND_PHONES))
def test_pretend_phones_pass_and_cannot_ring_anyone(number: str) -> None:
    spaced = f"{number[:4]} {number[4:7]} {number[7:]}"
    assert pretend_number_problems(f"Số {spaced} gọi đến") == []
    assert number.startswith("000")


@pytest.mark.parametrize("text", ["0905 123 456", "+84 905 123 456", "0236.3123.456",
                                  "079204001234", "123456789"])
def test_real_looking_numbers_are_refused(text: str) -> None:
    assert pretend_number_problems(text), text


def test_amounts_dates_and_short_numbers_are_fine() -> None:
    assert pretend_number_problems("Nhận quà 100.000 đồng dịp 2/9/2025, gọi 156.") == []
    assert all(len(c) >= 4 for c in PRETEND_CODES)


def test_every_shipped_practice_loads_clean() -> None:
    cat = load_catalogue([resource_path("tutorials")])
    practice_problems = [str(p) for p in cat.problems if "practice.toml" in str(p)]
    assert practice_problems == []
    shipped = [t for t in cat.tutorials if t.practice is not None]
    assert shipped, "no practice shipped"
    for t in shipped:
        assert (t.folder / "practice.toml").is_file()


def test_every_pretend_phone_is_said_digit_by_digit() -> None:
    """The voice says "không không không không, một hai ba, ..." rather than "một trăm hai
    mươi ba" (resources/tutorials/pronunciation.toml)."""
    from kiosk.speech.pronounce import Pronouncer

    cat = load_catalogue([resource_path("tutorials")])
    say = Pronouncer(cat.pronunciation)
    for number in PRETEND_PHONES:
        spaced = f"{number[:4]} {number[4:7]} {number[7:]}"
        said = say.apply(f"Số {spaced}.", "vi")
        assert not any(c.isdigit() for c in said), said
