"""ID numbers, phones and OTPs in every form a volunteer may type are refused (gui-review 4).

"CCCD012345678901" and "cccd_012345678901" used to pass because the number had to start at a
word boundary. The fuzz tests embed generated numbers in random Vietnamese text with random
separators and glue; the false-positive fuzz checks that ordinary notes (dates, money, ticket
labels, times) still pass.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.privacy import PrivacyError, check_note, find_sensitive


def kinds(text: str) -> list[str]:
    return [f.kind for f in find_sensitive(text)]


@pytest.mark.parametrize("text", [
    "CCCD012345678901",
    "cccd_012345678901",
    "Bà cho số CCCD012345678901 rồi",
    "so cccd:012345678901",
    "CCCD-048.190.001.234",
    "căn cước 048/190/001/234",
    "cc 048_190_001_234",
    "số 0481-9000-1234 của ông",
    "id048190001234xong",
    "CMND201234567",
    "cmnd 201/234/567",
    "A048190001234",
    "số ０４８１９０００１２３４",
])
def test_id_numbers_in_every_form_are_found(text: str) -> None:
    assert kinds(text) == ["id_number"], text
    with pytest.raises(PrivacyError):
        check_note(text)


@pytest.mark.parametrize("text", [
    "sđt0905123456",
    "gọi0905123456gấp",
    "SĐT: 0905/123/456",
    "đt 090_512_3456",
    "số +84-905-123-456",
])
def test_phone_numbers_in_every_form_are_found(text: str) -> None:
    assert kinds(text) == ["phone"], text


@pytest.mark.parametrize("text", [
    "otp123456",
    "mã OTP:12-34-56",
    "passcode/112233",
    "mã123456",
])
def test_otps_glued_or_split_are_found(text: str) -> None:
    assert kinds(text) == ["otp"], text


@pytest.mark.parametrize("text", [
    "Hẹn lại ngày 10/03/2026 lúc 14:30, phí 22.000 đ",
    "Số A001 đã xong, số B012 chờ",
    "Từ 10/03/2026 đến 12/03/2026",
    "ngày 10-03-2026 và 1.3.2026",
    "mã hồ sơ 000.00.18.H12-250101-0001",
    "bị lừa 129.000.000đ",
    "lúc 9:05 và 14:30 gọi tổng đài 1900 0368",
    "giúp 3 người trong 45 phút, 2 lần",
])
def test_ordinary_notes_still_pass(text: str) -> None:
    assert find_sensitive(text) == [], text


# -- fuzz ----------------------------------------------------------------------------------

WORDS = ["bà", "ông", "cháu", "đã", "cài", "VNeID", "xong", "nhờ", "kích hoạt", "mức 2",
         "hướng dẫn", "chuyển khoản", "ngân hàng", "điện thoại", "con gái", "thôn", "Tà Lang",
         "quên", "mật khẩu", "đăng nhập", "nộp hồ sơ", "dịch vụ công", "gửi", "nhận", "ảnh",
         "Hòa Bắc", "Cơ Tu", "giấy tờ", "đến", "lại", "vào", "sáng", "chiều", "mai"]
GLUE = ["", " ", "CCCD", "cccd_", "cccd:", "CMND", "số", "so", "sđt", "SĐT:", "đt", "id",
        "căn cước ", "cc", "số:", "(", "\"", "gọi"]
SEPARATORS = ["", " ", ".", "-", "/", "_", " / ", " - "]
AFTER = ["", " ", ",", ".", "rồi", "xong", " nhé", ")", "\""]

text = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)


@st.composite
def split_number(draw: st.DrawFn, digits: st.SearchStrategy[str]) -> str:
    """The digits cut into 1–5 groups joined by one random separator (as people type them)."""
    number = draw(digits)
    cuts = sorted(draw(st.sets(st.integers(2, len(number) - 2), max_size=4)))
    groups = [number[a:b] for a, b in zip([0, *cuts], [*cuts, len(number)], strict=True)]
    return draw(st.sampled_from(SEPARATORS)).join(groups)


id_numbers = st.one_of(st.from_regex(r"0[0-9]{11}", fullmatch=True),  # CCCD: 12 digits
                       st.from_regex(r"[1-3][0-9]{8}", fullmatch=True))  # old CMND: 9
phones = st.from_regex(r"0[35789][0-9]{8}", fullmatch=True)


def embed(before: str, glue: str, number: str, after: str, tail: str) -> str:
    lead = f"{before} " if before else ""
    return f"{lead}{glue}{number}{after} {tail}".strip()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text, st.sampled_from(GLUE), split_number(id_numbers), st.sampled_from(AFTER), text)
def test_generated_id_numbers_are_always_refused(before: str, glue: str, number: str,
                                                 after: str, tail: str) -> None:
    note = embed(before, glue, number, after, tail)
    with pytest.raises(PrivacyError):
        check_note(note)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text, st.sampled_from(GLUE), split_number(phones), st.sampled_from(AFTER), text)
def test_generated_phone_numbers_are_always_refused(before: str, glue: str, number: str,
                                                   after: str, tail: str) -> None:
    note = embed(before, glue, number, after, tail)
    with pytest.raises(PrivacyError):
        check_note(note)


@settings(max_examples=300, deadline=None)
@given(text, st.sampled_from(["otp", "OTP", "mã OTP", "passcode", "mã", "OTP là"]),
       st.sampled_from(["", " ", ":", ": ", " là "]),
       split_number(st.from_regex(r"[0-9]{6}", fullmatch=True)), text)
def test_generated_otps_are_always_refused(before: str, word: str, glue: str, code: str,
                                           tail: str) -> None:
    with pytest.raises(PrivacyError):
        check_note(f"{before} {word}{glue}{code} {tail}")


dates = st.builds(lambda d, m, y, sep: f"{d:02d}{sep}{m:02d}{sep}{y}",
                  st.integers(1, 31), st.integers(1, 12), st.integers(2020, 2030),
                  st.sampled_from(["/", "-", "."]))
money = st.builds(lambda n, unit: f"{n:,}".replace(",", ".") + unit,
                  st.integers(1, 500_000) .map(lambda n: n * 1000),
                  st.sampled_from([" đ", " đồng", "đ", " VND", " ₫"]))
labels = st.from_regex(r"[A-D][0-9]{3}", fullmatch=True)
times = st.builds(lambda h, m: f"{h}:{m:02d}", st.integers(6, 20), st.integers(0, 59))
small = st.integers(0, 999).map(str)
ordinary_token = st.one_of(dates, money, labels, times, small)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), ordinary_token), min_size=1, max_size=5),
       text)
def test_ordinary_notes_with_dates_money_labels_and_times_are_accepted(
        parts: list[tuple[str, str]], tail: str) -> None:
    note = " ".join(f"{word} {token}" for word, token in parts) + " " + tail
    assert find_sensitive(note) == [], note
