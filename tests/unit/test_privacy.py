"""What a note may not hold, phone validation, and what the consent texts must say."""

from __future__ import annotations

import pytest

from kiosk.privacy import (
    PhoneNumberError,
    PrivacyError,
    check_note,
    consent_notice,
    contact_consent_text,
    ethnic_consent_text,
    find_sensitive,
    mask_phone,
    normalize_phone,
)


def kinds(text: str) -> list[str]:
    return [f.kind for f in find_sensitive(text)]


@pytest.mark.parametrize("text", [
    "Số CCCD 048190001234 của bà",
    "CCCD 048 190 001 234",
    "cccd 048.190.001.234",
    "CMND cũ 201234567",
    "cmnd 201 234 567",
])
def test_id_like_numbers_are_found(text: str) -> None:
    assert kinds(text) == ["id_number"]


@pytest.mark.parametrize("text", [
    "gọi lại 0905123456",
    "gọi lại 0905 123 456",
    "gọi 0905.123.456 buổi chiều",
    "số +84 905 123 456",
    "số +84905123456",
    "số 84905123456",
    "nhà 0236 3 822 123",
])
def test_phone_like_numbers_are_found(text: str) -> None:
    assert kinds(text) == ["phone"]


@pytest.mark.parametrize("text", [
    "mã OTP 123456",
    "MÃ OTP: 123 456",
    "bà đọc mã 654321 cho con",
    "passcode 112233",
    "otp là 4321",
])
def test_otp_like_codes_near_otp_words_are_found(text: str) -> None:
    assert kinds(text) == ["otp"]


def test_passwords_are_found() -> None:
    assert kinds("mật khẩu: Abc@1234") == ["password"]
    assert kinds("Mat khau la Xyz12345") == ["password"]


@pytest.mark.parametrize("text", [
    "Hướng dẫn cài VNeID, bà đã kích hoạt mức 2.",
    "mã hồ sơ 2024 đã nộp",
    "mã hồ sơ 000.00.18.H12-250101-0001",
    "hẹn ngày 10/03/2026 lúc 14:30",
    "gọi tổng đài 1900 0368 hoặc 156",
    "bị lừa mất 129.000.000 đồng",
    "phí 22.000 đ",
    "quên mật khẩu là gì",
    "giúp 3 người, 2 lần",
    "123456 bước",  # six digits with no OTP word nearby
])
def test_ordinary_notes_pass(text: str) -> None:
    assert find_sensitive(text) == []
    assert check_note(text) == text


def test_check_note_refuses_in_vietnamese_without_repeating_the_number() -> None:
    with pytest.raises(PrivacyError) as err:
        check_note("CCCD 048190001234, gọi 0905123456")
    msg = str(err.value)
    assert "căn cước" in msg
    assert "số điện thoại" in msg
    assert "Vui lòng xóa" in msg
    assert "048190001234" not in msg
    assert "0905123456" not in msg
    assert [f.kind for f in err.value.findings] == ["id_number", "phone"]
    assert err.value.findings[0].start == 5


def test_check_note_uses_composed_unicode() -> None:
    decomposed = "Ba\u0300 đa\u0303 xong"  # "Bà đã xong" typed with combining marks
    assert check_note(decomposed) == "Bà đã xong"


@pytest.mark.parametrize(("raw", "canon"), [
    ("0905123456", "0905123456"),
    ("0905 123 456", "0905123456"),
    ("090-512-3456", "0905123456"),
    ("+84 905 123 456", "0905123456"),
    ("+84905123456", "0905123456"),
    ("0084905123456", "0905123456"),
    ("84905123456", "0905123456"),
    ("0336 123 456", "0336123456"),
    ("(0236) 3822 123", "02363822123"),
])
def test_vietnamese_phone_numbers_are_normalised(raw: str, canon: str) -> None:
    assert normalize_phone(raw) == canon


@pytest.mark.parametrize("raw", ["", "12345", "0123456789", "090512345", "09051234567",
                                 "+1 202 555 0100", "0905abc456", "٠٩٠٥١٢٣٤٥٦"])
def test_invalid_phone_numbers_are_refused(raw: str) -> None:
    with pytest.raises(PhoneNumberError, match="Số điện thoại không đúng"):
        normalize_phone(raw)


def test_mask_phone() -> None:
    assert mask_phone("0905123456") == "090****456"


def test_contact_consent_text_names_controller_purpose_retention_and_rights() -> None:
    text = contact_consent_text("Tổ Công nghệ số cộng đồng thôn Phú Sơn", "xã Hòa Vang", 180)
    assert "Tổ Công nghệ số cộng đồng thôn Phú Sơn" in text
    assert "xã Hòa Vang" in text
    assert "liên hệ lại với bạn về lần hỗ trợ này" in text
    assert "180 ngày" in text
    assert "xem, sửa, xóa" in text
    assert "rút lại sự đồng ý" in text
    assert "bằng văn bản" in text and "15 ngày" in text  # withdrawal in writing (facts §5)
    assert "vẫn được hỗ trợ" in text
    assert "{" not in text


def test_contact_consent_text_in_english_and_with_blank_parameters() -> None:
    en = contact_consent_text("Help point team", "Hai Chau ward", 30, language="en")
    assert "Help point team" in en
    assert "30 days" in en
    assert "correct or erase" in en
    blank = contact_consent_text("", "", 90)
    assert "Tổ Công nghệ số cộng đồng" in blank
    assert "{" not in blank
    assert "written request" in en and "15 days" in en


def test_consent_notice_answers_who_why_how_long_and_how_to_withdraw() -> None:
    for kind in ("contact", "ethnic"):
        for lang in ("vi", "en"):
            notice = consent_notice(kind, "Tổ thôn Phú Sơn", "xã Hòa Vang", 90, lang)
            questions = [q for q, _a in notice.blocks]
            assert len(questions) == 4 and all(q.endswith("?") for q in questions)
            who, why, how_long, withdraw = (a for _q, a in notice.blocks)
            assert "Tổ thôn Phú Sơn" in who and "xã Hòa Vang" in who
            assert why and how_long
            assert ("văn bản" if lang == "vi" else "written") in withdraw
            assert notice.heading and notice.closing
            assert notice.text.startswith(notice.heading)
            assert "{" not in notice.text
    assert "90 ngày" in consent_notice("contact", "T", "X", 90).blocks[2][1]


def test_ethnic_consent_text_says_it_is_sensitive_and_optional() -> None:
    text = ethnic_consent_text("Tổ thôn Phú Sơn", "xã Hòa Vang")
    assert "nhạy cảm" in text
    assert "thống kê" in text
    assert "không trả lời" in text
